"""What the reader says about a file (warnings, a file's error) is a code with parameters, said in the user's
language where it is shown: Kualitas Data, the CLI, the downloads. Only the figures are written the language's
way; file names and sheet names stay as written."""

from __future__ import annotations

import json
import re

import pytest
from conftest import DATA

from pekalongan import cli, notices
from pekalongan.ingest import load, load_paths

LAYOUTS = DATA / "layouts"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Files in tests/data whose reading gives warnings of every kind, and files that give nothing (an error each).
WARNED = [
    DATA / "ska_2021_semicolon_id.csv",  # a total row that does not match
    LAYOUTS / "total_tanpa_label.xlsx",  # a total found by its sum, years marked revised and provisional
    LAYOUTS / "ska_gabungan.xlsx",  # merged cells filled down
    LAYOUTS / "blok_berat_nilai.xlsx",  # a weight block
    LAYOUTS / "satuan_tidak_tertulis.xlsx",  # no unit written
    LAYOUTS / "bulanan_dengan_rekap.xlsx",  # a summary sheet
    LAYOUTS / "analis_hs.csv",  # a total column
    DATA / "cells_bab_hs_tahunan.xlsx",  # HS codes from chapter labels
    DATA / "cells_eska_export.csv",  # HS codes padded, currencies in cells
    DATA / "cells_yen_euro.xlsx",  # converted with a rate; yen without one
]
FAILED = [DATA / "corrupt.xlsx", LAYOUTS / "produksi.xlsx", DATA / "header_only.xlsx", DATA / "no_value_column.csv"]

# Words that only one of the two languages uses in these sentences (names in “…” are taken out first).
INDONESIAN = re.compile(r"\b(tidak|lembar|baris|dibaca|diisi|berisi|sebagai|dengan|yang|dari|tertulis|sel|kolom|"
                        r"tahun|berkas|dihitung|bukan)\b", re.IGNORECASE)
ENGLISH = re.compile(r"\b(the|sheet|rows?|read as|were|was|not|cells?|column|year|file|counted|from)\b",
                     re.IGNORECASE)


def without_names(text: str) -> str:
    return re.sub(r"“[^”]*”", "“”", text.replace("\\", ""))


@pytest.fixture(scope="module")
def dataset():
    return load_paths(WARNED + FAILED)


def test_warnings_are_codes_and_survive_json(dataset):
    assert len(dataset.report.warnings) >= 10
    assert all(notices.is_notice(w) for w in dataset.report.warnings)
    assert json.loads(json.dumps(dataset.report.warnings)) == dataset.report.warnings  # the store's manifest
    assert all(notices.is_notice(f.error) for f in dataset.report.files if f.error)


@pytest.mark.parametrize("lang, other", [("en", INDONESIAN), ("id", ENGLISH)])
def test_every_warning_and_error_is_in_one_language(dataset, lang, other):
    said = dataset.report.warning_texts(lang) + [m for _, m in dataset.report.errors_in(lang)]
    assert len(said) >= 14
    mixed = [s for s in said if other.search(without_names(s))]
    assert not mixed, mixed


def test_the_total_mismatch_is_a_plain_sentence_with_only_its_figures_localised():
    name = "rekap_2021,final.v2_id.csv"  # a name with every character a number format swaps
    dataset = load([(name, (DATA / "ska_2021_semicolon_id.csv").read_bytes())])
    [warning] = [w for w in dataset.report.warnings if w["code"] == "warn.total_mismatch"]
    assert notices.render(warning, "id") == (
        f"Baris jumlah tidak cocok di “{name}”, baris 15: tertulis 1.693.854,89 tetapi jumlah baris di atasnya "
        "1.692.854,89 (selisih 1.000,00).")
    assert notices.render(warning, "en") == (
        f"Total row does not match in “{name}”, row 15: it says 1,693,854.89 but the rows above sum to 1,692,854.89 "
        "(difference 1,000.00).")


def test_a_rate_keeps_its_significant_digits():
    assert notices.render(notices.notice("warning.converted", rows=2, currency="JPY", year="2021",
                                         rate=notices.significant(0.0091234567)), "id") == (
        "2 baris dalam JPY tahun 2021 dikonversi ke USD dengan kurs 1 JPY = 0,00912346 USD.")


@pytest.mark.parametrize("lang, expected", [
    ("id", "2 baris dalam IDR tahun 2023 dikonversi ke USD dengan kurs 1 USD = 15.236 IDR."),
    ("en", "2 rows in IDR for 2023 were converted to USD at 1 USD = 15,236 IDR."),
])
def test_a_rupiah_rate_is_said_per_dollar_as_offices_quote_it(lang, expected):
    said = notices.rate_notice("warning.converted", 1 / 15236, rows=2, currency="IDR", year="2023")
    assert notices.render(said, lang) == expected


def test_a_sentence_stored_before_notices_is_shown_as_it_is():
    assert notices.render("Baris jumlah tidak cocok di “a.csv”.", "en") == "Baris jumlah tidak cocok di “a.csv”."


@pytest.mark.parametrize("lang, other", [("en", INDONESIAN), ("id", ENGLISH)])
def test_kualitas_data_speaks_the_users_language(app, lang, other):
    if lang == "en":
        app.query_params["bahasa"] = "en"
    at = app.run()
    for path in (LAYOUTS / "total_tanpa_label.xlsx", LAYOUTS / "ska_gabungan.xlsx", DATA / "corrupt.xlsx",
                 LAYOUTS / "produksi.xlsx", DATA / "ska_2021_semicolon_id.csv", LAYOUTS / "bulanan_dengan_rekap.xlsx",
                 LAYOUTS / "nonmigas_dua_baris.xlsx"):
        at.file_uploader[0].upload(path.name, path.read_bytes(), XLSX)
    at = at.run()
    at.switch_page("app_pages/kualitas.py").run()
    assert not at.exception
    warnings = [t.value.removeprefix("• ") for t in at.text]
    errors = [e.value for e in at.error]
    assert len(warnings) >= 5 and len(errors) == 2, (warnings, errors)
    mixed = [s for s in warnings + errors if other.search(without_names(s))]
    assert not mixed, mixed
    # The table of what was detected per sheet: its layouts and units in the same language, never a raw key.
    [sheets] = [df.value for df in at.dataframe if {"Layout", "Tata letak"} & set(df.value.columns)]
    layouts = sheets.iloc[:, 3].tolist() + sheets.iloc[:, 4].tolist()
    assert not [v for v in layouts if "layout." in v or re.search(r"\b(juta|ribu|ringkasan|tabel)\b" if lang == "en"
                                                                  else r"\b(million|across|summary)\b", v)], layouts


def test_cli_check_says_warnings_in_english_with_their_codes(capsys):
    status = cli.main(["check", str(LAYOUTS / "total_tanpa_label.xlsx"), str(DATA / "corrupt.xlsx"), "--json",
                       "--lang", "en"])
    out = json.loads(capsys.readouterr().out)
    assert status == 0
    assert any(w.startswith("In “total_tanpa_label.xlsx”, sheet “7.4.1”, rows 8 hold the sum") for w in out["warnings"])
    assert {"warn.total_by_sum", "warning.year_mark"} <= {w["code"] for w in out["warning_codes"]}
    [error] = out["errors"]
    assert error["message"].startswith("File “corrupt.xlsx”") and not INDONESIAN.search(without_names(error["message"]))
