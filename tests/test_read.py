"""Every real file in tests/data reads to the records its generator wrote down in expected.json."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import polars as pl
import pytest
from conftest import DATA, ROOT

from pekalongan import errors, overlap
from pekalongan.ingest import load, load_paths
from pekalongan.read import read_file
from pekalongan.schema import Column

EXPECTED = {k: v for k, v in json.loads((DATA / "expected.json").read_text()).items() if not k.startswith("_")}
GOOD = sorted(k for k, v in EXPECTED.items() if not v.get("error"))
BAD = sorted(k for k, v in EXPECTED.items() if v.get("error"))


def sums(records: pl.DataFrame, column: str) -> dict[str, float]:
    if records.get_column(column).null_count() == records.height:
        return {}
    grouped = records.group_by(pl.col(column).cast(pl.String)).agg(pl.col(Column.VALUE_USD).sum())
    return {k: round(v, 2) for k, v in grouped.iter_rows()}


def rounded(mapping: dict) -> dict[str, float]:
    return {str(k): round(v, 2) for k, v in mapping.items()}


@pytest.fixture(scope="module")
def datasets():
    return {name: load_paths([DATA / name]) for name in GOOD}


@pytest.mark.parametrize("name", GOOD)
def test_row_accounting(datasets, name):
    """kept + rejected + skipped: every row below the header is accounted for, with the expected numbers."""
    report, expected = datasets[name].report, EXPECTED[name]
    assert report.errors == []
    assert (report.rows_kept, report.rows_rejected, report.rows_skipped) == (
        expected["rows_kept"],
        expected["rows_rejected"],
        expected["rows_skipped"],
    )
    assert sorted(report.rejected.get_column("row").to_list()) == sorted(expected["rejected_rows"])
    assert sorted(report.skipped.get_column("row").to_list()) == sorted(s["row"] for s in expected["skipped"])
    assert not report.rows_rejected or report.rejected.get_column("reason").str.len_chars().min() >= 5


@pytest.mark.parametrize("name", GOOD)
def test_totals_and_breakdowns(datasets, name):
    records, expected = datasets[name].records, EXPECTED[name]
    assert records.height == expected["record_count"]
    assert records.get_column(Column.VALUE_USD).sum() == pytest.approx(expected["total_value_usd"], abs=0.01)
    assert sums(records, Column.YEAR) == rounded(expected["by_year"])
    assert sums(records, Column.DESTINATION) == rounded(expected["by_destination"])
    assert sums(records, Column.EXPORTER_TYPE) == rounded(expected["by_exporter_type"])
    assert sums(records, Column.COMMODITY) == rounded(expected["by_commodity"])


@pytest.mark.parametrize("name", GOOD)
def test_each_record(datasets, name):
    """Field by field: dates, months, HS codes with their leading zeros, names, units."""
    records = datasets[name].records
    for want in EXPECTED[name]["records"]:
        match = records.filter(
            (pl.col(Column.SOURCE_ROW) == want["row"])
            & (pl.col(Column.SOURCE_SHEET).eq_missing(want["sheet"]))
            & (pl.col(Column.YEAR) == want["year"])
            & (pl.col(Column.MONTH).eq_missing(want["month"]))
        )
        if want.get("column") is not None and match.height > 1:
            match = match.filter(pl.col(Column.VALUE_USD).round(2) == round(want["value_usd"], 2))
        assert match.height == 1, (want, match)
        got = match.row(0, named=True)
        assert got[Column.VALUE_USD] == pytest.approx(want["value_usd"], abs=0.005)
        for field in (Column.HS_CODE, Column.DESTINATION, Column.DESTINATION_KIND, Column.EXPORTER_TYPE,
                      Column.COMMODITY, Column.EXPORTER):
            if field in want:
                assert got[field] == want[field], (field, want)
        if want.get("date"):
            assert got[Column.DATE] == date.fromisoformat(want["date"])
        if want.get("weight_kg") is not None:
            assert got[Column.WEIGHT_KG] == pytest.approx(want["weight_kg"], abs=0.005)


@pytest.mark.parametrize("name", GOOD)
def test_total_rows_are_checked(datasets, name):
    warnings = datasets[name].report.warning_texts()
    mismatch = any("jumlah tidak cocok" in w.lower() for w in warnings)
    assert mismatch == EXPECTED[name]["total_mismatch"], warnings


@pytest.mark.parametrize("name", GOOD)
def test_sheets_without_a_table_are_reported(datasets, name):
    files = datasets[name].report.files
    reported = sorted(s["sheet"] for f in files for s in f.sheets_without_table)
    assert reported == sorted(EXPECTED[name]["sheets_without_table"])


@pytest.mark.parametrize("name", [n for n in GOOD if EXPECTED[n].get("derived_columns")])
def test_derived_columns_are_left_out_and_reported(datasets, name):
    sheets = {s.sheet: s for f in datasets[name].report.files for s in f.sheets}
    for sheet, columns in EXPECTED[name]["derived_columns"].items():
        assert set(columns) <= set(sheets[sheet].ignored_columns)


def test_merged_commodity_cells_carry_down(datasets):
    records = datasets["monthly_recap_sheets.xlsx"].records
    for want in EXPECTED["monthly_recap_sheets.xlsx"]["merged_commodity_rows"]:
        got = records.filter(
            (pl.col(Column.SOURCE_SHEET) == want["sheet"]) & (pl.col(Column.SOURCE_ROW) == want["row"])
        )
        assert got.get_column(Column.COMMODITY).to_list() == [want["commodity"]]


def test_several_files_at_once_add_up():
    # These files overlap (ska_2020.xlsx and .xls are the same register): by default each year is counted from one
    # file (tests/test_layouts.py); here the official's choice "count every file" adds them all up.
    dataset = load_paths([DATA / n for n in GOOD], prefer=overlap.COUNT_ALL)
    assert dataset.report.rows_kept == sum(EXPECTED[n]["rows_kept"] for n in GOOD)
    total = sum(EXPECTED[n]["total_value_usd"] for n in GOOD)
    assert dataset.records.get_column(Column.VALUE_USD).sum() == pytest.approx(total, abs=0.05)
    assert {f.file for f in dataset.report.files} == set(GOOD)


def test_targets_sheet_is_read():
    dataset = load_paths([DATA / "target.xlsx"])
    targets = {r["year"]: r for r in dataset.targets.to_dicts()}
    assert set(targets) == {2020, 2021, 2022}
    assert targets[2020]["target_usd"] == pytest.approx(19_190_000)
    assert targets[2021]["rate_idr"] == pytest.approx(14_397)


ERROR_CLASSES = {
    "UnreadableFile": errors.UnreadableFile,
    "ProtectedWorkbook": errors.ProtectedWorkbook,
    "NoExportTable": errors.NoExportTable,
}


@pytest.mark.parametrize("name", BAD)
def test_bad_files_get_one_plain_sentence(name):
    dataset = load([(name, (DATA / name).read_bytes()), ("ska_2020.xlsx", (DATA / "ska_2020.xlsx").read_bytes())])
    [(file, message)] = dataset.report.errors
    assert file == name and name in message
    assert "Traceback" not in message and message.endswith(".")
    # the other file carries on
    assert dataset.report.rows_kept == EXPECTED["ska_2020.xlsx"]["rows_kept"]


@pytest.mark.parametrize("name", BAD)
def test_bad_files_raise_the_right_error(name):
    from pekalongan.clean import clean_tables

    expected = ERROR_CLASSES[EXPECTED[name]["error_kind"]]
    with pytest.raises(expected):
        clean_tables(read_file(name, (DATA / name).read_bytes()))


def test_excel_number_cells_are_never_reread_as_text(tmp_path):
    """12.125 typed as a number is 12,125 (twelve and a bit); '12.500' typed as text is twelve thousand five hundred."""
    import xlsxwriter

    path = tmp_path / "campur.xlsx"
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("2021")
    ws.write_row(0, 0, ["Komoditi", "Negara Tujuan", "Nilai FOB (US$)"])
    ws.write_row(1, 0, ["Surimi", "Jepang", 12.125])
    ws.write_row(2, 0, ["Sarung", "Singapura", "12.500"])
    ws.write_row(3, 0, ["Kain", "Malaysia", "1.234,5"])
    wb.close()
    values = load_paths([path]).records.sort(Column.SOURCE_ROW).get_column(Column.VALUE_USD).to_list()
    assert values == [12.125, 12_500.0, 1_234.5]


def test_hs_codes_typed_as_numbers_get_their_leading_zero_back(tmp_path):
    path = tmp_path / "hs.csv"
    path.write_text("Tahun;Komoditi;HS;Nilai\n2020;Surimi;03049900;10\n2020;Udang;0306.17;5\n", encoding="utf-8")
    codes = load_paths([path]).records.get_column(Column.HS_CODE).to_list()
    assert codes == ["03049900", "0306.17"]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pekalongan", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_cli_check_json_has_the_documented_keys():
    result = run_cli("check", str(DATA / "ska_2020.xlsx"), str(DATA / "ska_2021_semicolon_id.csv"), "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    for key in ("rows_kept", "rows_rejected", "rows_skipped", "rejected", "skipped", "warnings", "files",
                "total_value_usd", "by_year", "by_commodity", "by_destination", "by_exporter_type"):
        assert key in out
    assert out["rejected"][0].keys() == {"file", "sheet", "row", "reason"}
    assert out["rows_kept"] == EXPECTED["ska_2020.xlsx"]["rows_kept"] + EXPECTED["ska_2021_semicolon_id.csv"]["rows_kept"]
    assert set(out["by_exporter_type"]) <= {"new", "umkm", "established", "unknown"}
    csv_file = next(f for f in out["files"] if f["file"] == "ska_2021_semicolon_id.csv")
    assert csv_file["delimiter"] == ";" and csv_file["encoding"] == "utf-8-sig"
    assert csv_file["sheets"][0]["header_row"] == 3


def test_cli_check_text_report_in_indonesian():
    result = run_cli("check", str(DATA / "ska_2020.xlsx"))
    assert result.returncode == 0
    assert "baris dipakai" in result.stdout and "DITOLAK" in result.stdout


@pytest.mark.parametrize("name", BAD)
def test_cli_exits_2_when_no_file_gives_records(name):
    result = run_cli("check", str(DATA / name))
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert name in result.stdout + result.stderr


def test_a_file_that_is_utf8_at_the_top_and_windows_1252_further_down():
    rows = ["Tahun;Komoditi;Negara;Nilai"] + ["2020;Sarung;Singapura;1.234,5"] * 20_000 + ["2020;Crème;Singapura;10"]
    dataset = load([("campur.csv", "\n".join(rows).encode("cp1252"))])
    assert dataset.report.errors == []
    assert dataset.report.files[0].encoding == "cp1252"
    assert dataset.records.filter(pl.col(Column.COMMODITY) == "Crème").height == 1
    assert dataset.records.get_column(Column.VALUE_USD).sum() == pytest.approx(20_000 * 1234.5 + 10)
