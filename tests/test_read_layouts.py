"""Sheets, formulas and text formats as offices save them: tests/data/make_read_files.py wrote the files and
`expected_read.json` (computed from its own tables, never by reading a file back)."""

from __future__ import annotations

import csv
import io
import json

import polars as pl
import pytest
from conftest import DATA
from hypothesis import given, settings
from hypothesis import strategies as st

from pekalongan import reasons
from pekalongan.i18n import t
from pekalongan.ingest import load
from pekalongan.read import read_file
from pekalongan.schema import Column

EXPECTED = json.loads((DATA / "expected_read.json").read_text())


def month_sums(records: pl.DataFrame) -> dict[str, float]:
    keyed = records.filter(pl.col(Column.MONTH).is_not_null()).group_by(Column.YEAR, Column.MONTH).agg(
        pl.col(Column.VALUE_USD).sum())
    return {f"{y}-{m:02d}": round(v, 2) for y, m, v in keyed.iter_rows()}


# ------------------------------------------------------------------------------------- one sheet per month


@pytest.fixture(scope="module")
def monthly():
    name = "ekspor_bulanan_2024.xlsx"
    data = (DATA / name).read_bytes()
    return read_file(name, data), load([(name, data)]), EXPECTED[name]


def test_month_sheets_with_tables_are_read(monthly):
    result, dataset, expected = monthly
    assert [t.sheet for t in result.tables] == expected["sheets_read"]
    assert dataset.report.errors == []
    assert dataset.records.height == expected["record_count"]
    assert dataset.records.get_column(Column.VALUE_USD).sum() == pytest.approx(expected["total_value_usd"], abs=0.01)
    assert month_sums(dataset.records) == expected["by_month"]
    kept = {s.sheet: s.rows_kept for s in dataset.report.files[0].sheets}
    assert kept == expected["rows_kept"]  # the header-only month is there, with nothing in it


def test_empty_nihil_chart_hidden_and_copied_sheets_are_skipped_with_their_reason(monthly):
    result, dataset, expected = monthly
    assert {s.sheet: s.code for s in result.skipped_sheets} == expected["sheets_skipped"]
    copy = next(s for s in result.skipped_sheets if s.code == "read.sheet.repeat")
    assert copy.params["of"] == expected["copy_of"] and expected["copy_of"] in copy.reason
    nihil = next(s for s in result.skipped_sheets if s.code == "read.sheet.nihil")
    assert "NIHIL" in nihil.reason and "nol" in nihil.reason
    # The report says each of them, in the official's language.
    said = {s["sheet"]: s["reason"] for s in dataset.report.files[0].sheets_without_table}
    for sheet, code in expected["sheets_skipped"].items():
        assert said[sheet] == next(s.reason for s in result.skipped_sheets if s.sheet == sheet)
        assert t(code, "en", of=expected["copy_of"]) != t(code, "id", of=expected["copy_of"])
    # The hidden sheet's 99,999 and the copy's figures are nowhere in the total.
    assert dataset.records.get_column(Column.VALUE_USD).max() < 99_999


# ------------------------------------------------------------------------------------------ formula cells


def test_formula_cells_give_their_cached_values_and_errors_are_rejected_by_name():
    name = "ska_2024_rumus.xlsx"
    expected = EXPECTED[name]
    dataset = load([(name, (DATA / name).read_bytes())])
    assert dataset.records.height == expected["record_count"]
    assert dataset.records.get_column(Column.VALUE_USD).sum() == pytest.approx(expected["total_value_usd"])
    rejected = {str(r["row"]): r["reason"] for r in
                dataset.report.rows.filter(pl.col("status") == "rejected").iter_rows(named=True)}
    assert set(rejected) == set(expected["rejected"])
    for row, error in expected["rejected"].items():
        assert error in rejected[row] and "galat rumus" in rejected[row]
        assert "nilai kosong" not in rejected[row]
    skipped = dataset.report.rows.filter(pl.col("status") == "skipped").get_column("row").to_list()
    assert skipped == [expected["total_row"]]  # the JUMLAH row, whose cached value is #N/A itself
    english = reasons.localise(dataset.report.rejected, "en").get_column("reason").to_list()
    assert english and all("formula error #" in r for r in english)  # the code, said in English


# ------------------------------------------------------------------------------------------------ text files


@pytest.mark.parametrize(("name", "encoding", "delimiter"), [
    ("ska_2024_csv_utf8_bom.csv", "utf-8-sig", ";"),  # Excel's "CSV UTF-8": a BOM, CRLF
    ("ska_2024_unicode_text.txt", "utf-16", "\t"),  # Excel's "Unicode Text": UTF-16 LE with a BOM, tabs
])
def test_excel_text_formats_read_right(name, encoding, delimiter):
    expected = EXPECTED["text"]
    data = (DATA / name).read_bytes()
    result = read_file(name, data)
    assert (result.encoding, result.delimiter) == (encoding, delimiter)
    [table] = result.tables
    assert table.title.startswith("REKAPITULASI SKA TRIWULAN I 2024")  # the title's own line break read as one cell
    # Quoted cells keep their line breaks, delimiters and doubled quotes, each in its own column.
    exporters = table.frame.get_column("c1").cast(pl.String).to_list()
    assert "CV Batik Pesisir\nPekalongan Utara" in exporters and 'UD "Tenun Ikat" Jaya' in exporters
    commodities = table.frame.get_column("c2").cast(pl.String).to_list()
    assert commodities[:len(expected["commodities_raw"])] == expected["commodities_raw"]
    dataset = load([(name, data)])
    assert dataset.report.errors == []
    assert dataset.records.height == expected["record_count"]
    assert dataset.records.get_column(Column.VALUE_USD).sum() == pytest.approx(expected["total_value_usd"])
    assert month_sums(dataset.records) == expected["by_month"]
    # Row numbers are Excel's (a record with a line break in it is one row): the JUMLAH row is row 9.
    assert dataset.report.rows.filter(pl.col("status") == "skipped").get_column("row").to_list() == [9]


def cells(delimiter: str) -> st.SearchStrategy:
    """Cells holding what makes CSV hard: the delimiter, quotes, line breaks (LF and CRLF), letters beyond ASCII."""
    pieces = st.sampled_from(list('ab Zü"\né1.') + ["\r\n", delimiter])
    return st.lists(pieces, max_size=12).map("".join)


TABLES = st.sampled_from([";", ",", "\t"]).flatmap(
    lambda d: st.tuples(st.just(d), st.lists(st.tuples(cells(d), cells(d)), min_size=1, max_size=8)))


@settings(max_examples=60)
@given(table=TABLES)
def test_any_cells_csv_writes_are_read_back_cell_for_cell(table):
    delimiter, rows = table
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["Tahun", "Negara Tujuan", "Keterangan"])
    written = [("2024", a, b) for a, b in rows]
    writer.writerows(written)
    result = read_file("acak.csv", b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
    assert result.delimiter == delimiter
    [read] = result.tables
    frame = read.frame.with_columns(pl.all().cast(pl.String))
    assert [tuple("" if v is None else v for v in row) for row in frame.iter_rows()] == written


# ------------------------------------------------------------------------------------- the first rows of a sheet


def _trimmed(rows: list[list[str]]) -> list[list[str]]:
    out = [list(r) for r in rows]
    for row in out:
        while row and row[-1] == "":
            row.pop()
    while out and not out[-1]:
        out.pop()
    return out


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.xlsx") if p.name not in
                                        ("protected.xlsx", "corrupt.xlsx", "not_a_spreadsheet.xlsx")))
def test_the_first_rows_streamed_from_the_archive_are_what_openpyxl_reads(name):
    """The head of every sheet, parsed from the archive's stream (shared strings, inline strings, numbers, dates
    by their style), cell for cell as openpyxl (an independent reader) gives it."""
    import openpyxl

    from pekalongan.archive import HEAD_ROWS, scan_archive

    data = (DATA / name).read_bytes()
    scan = scan_archive(name, data, "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    for ws in book.worksheets:
        theirs = [["" if v is None else (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v).strip())
                   for v in row] for row in ws.iter_rows(max_row=HEAD_ROWS, values_only=True)]
        assert _trimmed(scan.heads[ws.title]) == _trimmed(theirs), ws.title
    book.close()
