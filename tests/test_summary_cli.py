"""`python -m pekalongan summary` run as an official would run it, on a ministry table and on the sample."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
KEMENDAG = DATA / "kemendag_contoh.csv"
SAMPLE = ROOT / "data" / "contoh_ekspor_pekalongan.xlsx"

# Kemendag's worked example (juta US$), docs/reference.md.
YEARS = ["2020", "2021", "2022", "2023", "2024"]
NON_MIGAS = [154940.8, 219362.1, 275906.1, 243605.9, 250652.3]
HS_03_LABEL = "HS 03 Ikan dan krustasea"
HS_03 = "Ikan dan krustasea"  # the commodity read from that label, which also fills HS code 03


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """python -m pekalongan ARGS, from the project root, as text."""
    return subprocess.run(
        [sys.executable, "-m", "pekalongan", *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8"
    )


def summary_json(*args: str) -> dict:
    result = run("summary", *args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def kemendag() -> dict:
    return summary_json(str(KEMENDAG), "--by", "commodity")


def test_the_fixture_is_the_published_table():
    lines = KEMENDAG.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Ekspor Non Migas Indonesia Menurut Komoditi (Juta US$)"
    assert lines[1] == "Uraian;2020;2021;2022;2023;2024;Trend 2020-2024 (%);Perub 2024-2023 (%)"
    cells = {line.split(";")[0]: line.split(";")[1:6] for line in lines[2:5]}
    as_float = {k: [float(v.replace(".", "").replace(",", ".")) for v in vs] for k, vs in cells.items()}
    assert as_float["Jumlah Non Migas"] == NON_MIGAS
    # "Lainnya" is NON MIGAS minus HS 03, exactly, to one decimal.
    for total, fish, rest in zip(*(as_float[k] for k in ("Jumlah Non Migas", HS_03_LABEL, "Lainnya"))):
        assert round(total - fish, 1) == rest


def test_total_matches_the_ministry(kemendag):
    total = kemendag["total"]
    assert round(total["trend_pct"], 2) == 11.26
    assert round(total["change_pct"], 2) == 2.89
    assert total["share_pct"] == pytest.approx(100)
    assert kemendag["years"] == [int(y) for y in YEARS]
    for year, published in zip(YEARS, NON_MIGAS):
        assert total["values"][year] == pytest.approx(published * 1e6, rel=1e-3)


def test_trend_is_not_the_compound_growth_rate(kemendag):
    cagr = ((NON_MIGAS[-1] / NON_MIGAS[0]) ** (1 / 4) - 1) * 100
    assert round(cagr, 2) == 12.78
    assert round(kemendag["total"]["trend_pct"], 2) != 12.78


def test_hs_03_matches_the_ministry(kemendag):
    rows = {row["label"]: row for row in kemendag["rows"]}
    assert set(rows) == {HS_03, "Lainnya"}  # the total row is not read as a commodity
    fish = rows[HS_03]
    assert round(fish["trend_pct"], 2) == 2.36
    assert round(fish["change_pct"], 2) == 10.41
    assert round(fish["share_pct"], 2) == 1.59
    assert "targets" not in kemendag


def test_check_recognises_and_verifies_the_total_row():
    result = run("check", str(KEMENDAG), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["rows_kept"] == 2 and report["rows_rejected"] == 0
    assert {"row": 5, "reason": "baris jumlah/total"}.items() <= report["skipped"][0].items()
    assert not [w for w in report["warnings"] if "jumlah" in w.lower()]


def test_check_warns_when_the_total_row_is_wrong(tmp_path):
    # The same table with a total that does not add up: the check above would have caught a wrong total.
    wrong = tmp_path / "kemendag_salah.csv"
    wrong.write_text(KEMENDAG.read_text(encoding="utf-8").replace("250.652,3", "260.652,3"), encoding="utf-8")
    report = json.loads(run("check", str(wrong), "--json").stdout)
    assert any("Baris jumlah tidak cocok" in w for w in report["warnings"])


def test_text_table_in_indonesian():
    result = run("summary", str(KEMENDAG), "--by", "commodity")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header = lines[0]
    for title in ("Komoditi", "2020", "2024", "Perub (%) 2024–2023", "Peran (%) 2024", "Trend (%) 2020–2024"):
        assert title in header
    total = next(line for line in lines if line.startswith("Jumlah"))
    assert "250.652.300.000,00" in total and total.split()[-3:] == ["2,89", "100,00", "11,26"]
    fish = next(line for line in lines if line.startswith(HS_03))
    assert fish.split()[-3:] == ["10,41", "1,59", "2,36"]
    assert len({len(line) for line in lines[:5] if not line.startswith("-")}) == 1  # aligned columns


def test_text_table_shows_a_dash_where_undefined():
    result = run("summary", str(SAMPLE), "--by", "commodity")
    assert result.returncode == 0, result.stderr
    crab = next(line for line in result.stdout.splitlines() if line.startswith("Crab Shell Pellet"))
    assert " - " in crab  # no trend: the commodity was not exported in 2018 and 2019
    assert "Target 2022: USD 26.440.000,00; realisasi USD 19.640.000,00; capaian 74,28%" in result.stdout


def test_sample_by_destination_json_has_iso_keys():
    data = summary_json(str(SAMPLE), "--by", "destination")
    assert all(len(r["key"]) == 3 and r["key"].isupper() for r in data["rows"])
    assert round(data["targets"]["2020"]["achievement_pct"], 2) == 132.55
    numbers = [v for r in [*data["rows"], data["total"]] for v in r["values"].values()]
    assert all(math.isfinite(v) for v in numbers)


def test_english_labels():
    data = summary_json(str(SAMPLE), "--by", "exporter_type", "--lang", "en")
    assert {r["key"]: r["label"] for r in data["rows"]}["new"] == "New exporters"
    assert data["total"]["label"] == "Total"


def test_by_year_is_the_total_only():
    data = summary_json(str(SAMPLE), "--by", "year")
    assert data["rows"] == []
    assert data["total"]["values"]["2021"] == pytest.approx(30_263_567, abs=0.005)


@pytest.mark.parametrize("path", [DATA / "empty.csv", DATA / "header_only.xlsx", DATA / "tidak_ada.xlsx"])
def test_no_records_exits_2(path):
    result = run("summary", str(path), "--by", "commodity")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "GALAT" in result.stderr and "Traceback" not in result.stderr


def test_unknown_dimension_is_a_usage_error():
    result = run("summary", str(SAMPLE), "--by", "warna")
    assert result.returncode == 2 and "warna" in result.stderr
