"""The government layouts of issue 11 (tests/data/layouts/, written by make_layouts.py) read to the records their
generator wrote down in expected_layouts.json: summaries never added, headers over several rows, refusals that
say what a table is."""

from __future__ import annotations

import json

import polars as pl
import pytest
from conftest import DATA

from pekalongan.cli import check_summary
from pekalongan.ingest import load_paths
from pekalongan.schema import Column

LAYOUTS = DATA / "layouts"
EXPECTED = json.loads((DATA / "expected_layouts.json").read_text())
GOOD = sorted(k for k, v in EXPECTED.items() if "error_contains" not in v and "files" not in v)
REFUSED = sorted(k for k, v in EXPECTED.items() if "error_contains" in v)


def sums(records: pl.DataFrame, column: str) -> dict[str, float]:
    frame = records.filter(pl.col(column).is_not_null())
    grouped = frame.group_by(pl.col(column).cast(pl.String)).agg(pl.col(Column.VALUE_USD).sum())
    return {k: round(v, 2) for k, v in sorted(grouped.iter_rows())}


@pytest.fixture(scope="module")
def datasets():
    return {name: load_paths([LAYOUTS / name]) for name in GOOD}


@pytest.mark.parametrize("name", GOOD)
def test_records_match_the_generator(datasets, name):
    records, expected = datasets[name].records, EXPECTED[name]
    assert datasets[name].report.errors == []
    assert records.get_column(Column.VALUE_USD).sum() == pytest.approx(expected["total_value_usd"], abs=0.01)
    assert records.height == expected["record_count"]
    assert sums(records, Column.YEAR) == expected["by_year"]
    assert sums(records, Column.MONTH) == expected["by_month"]
    assert sums(records, Column.COMMODITY) == expected["by_commodity"]
    assert sums(records, Column.DESTINATION_NAME) == expected["by_destination"]


@pytest.mark.parametrize("name", [n for n in GOOD if "skipped_rows" in EXPECTED[n]])
def test_totals_and_notes_are_skipped_rows(datasets, name):
    """A total row (labelled or found by its sum) and a footnote are skipped, with their spreadsheet rows."""
    skipped = datasets[name].report.skipped.get_column("row").to_list()
    assert sorted(skipped) == EXPECTED[name]["skipped_rows"]


@pytest.mark.parametrize("name", GOOD)
def test_every_row_is_accounted_for(datasets, name):
    """kept + rejected + skipped = the rows below the header that hold anything."""
    import openpyxl

    report = datasets[name].report
    if name.endswith(".csv"):
        import csv

        text = (LAYOUTS / name).read_text(encoding="utf-8-sig")
        lines = list(csv.reader(text.splitlines(), delimiter=";" if ";" in text.splitlines()[-1] else ","))
        header_row = report.files[0].sheets[0].header_row
        non_empty = sum(any(c.strip() for c in line) for line in lines[header_row:])
        assert report.rows_kept + report.rows_rejected + report.rows_skipped == non_empty
        return
    book = openpyxl.load_workbook(LAYOUTS / name, read_only=True)
    non_empty = 0
    for sheet in report.files[0].sheets:
        if sheet.layout == "target":
            continue  # a target sheet's rows are the year's targets and rates, not export rows
        rows = list(book[sheet.sheet].iter_rows(min_row=sheet.header_row + 1, values_only=True))
        non_empty += sum(any(v not in (None, "") for v in row) for row in rows)
    assert report.rows_kept + report.rows_rejected + report.rows_skipped == non_empty


@pytest.mark.parametrize("name", [n for n in GOOD if "header_rows" in EXPECTED[n]])
def test_header_rows_in_check_json(datasets, name):
    sheet = check_summary(datasets[name])["files"][0]["sheets"][0]
    assert sheet["header_rows"] == EXPECTED[name]["header_rows"]
    assert all(role for role in sheet["columns"].values())


def test_values_in_yen_are_never_summed_as_dollars():
    dataset = load_paths([LAYOUTS / "nilai_yen.xlsx"])
    assert dataset.records.is_empty()
    assert dataset.report.rejected.get_column("row").to_list() == EXPECTED["nilai_yen.xlsx"]["rejected_rows"]
    assert all("JPY" in r for r in dataset.report.rejected.get_column("reason").to_list())


@pytest.mark.parametrize("name", [n for n in REFUSED if "rejected_rows" not in EXPECTED[n]])
def test_not_an_export_table_is_refused_by_what_it_is(name):
    dataset = load_paths([LAYOUTS / name])
    assert dataset.records.is_empty()
    [(_, message)] = dataset.report.errors
    assert EXPECTED[name]["error_contains"] in message.lower()
    assert "bukan tabel ekspor" in message


def test_cumulative_block_never_becomes_years(datasets):
    sheet = check_summary(datasets["kumulatif_tiga_baris.xlsx"])["files"][0]["sheets"][0]
    assert "Januari–Mei 2024" in sheet["ignored_columns"]
    assert set(sums(datasets["kumulatif_tiga_baris.xlsx"].records, Column.YEAR)) == {"2023", "2024"}


def test_unlabelled_total_is_found_by_its_sum_and_said(datasets):
    dataset = datasets["total_tanpa_label.xlsx"]
    assert "Kota Pekalongan" not in sums(dataset.records, Column.COMMODITY)
    assert any("berisi jumlah baris lain" in w for w in dataset.report.warning_texts())


def test_total_column_of_an_analyst_is_left_out(datasets):
    dataset = datasets["analis_hs.csv"]
    assert any("export_hs84_85_usd" in w for w in dataset.report.warning_texts())
    assert sums(dataset.records, Column.HS_CODE) == EXPECTED["analis_hs.csv"]["by_commodity"]


def test_weight_block_is_never_money(datasets):
    dataset = datasets["blok_berat_nilai.xlsx"]
    assert any("adalah berat, bukan nilai" in w for w in dataset.report.warning_texts())
    assert not any("Satuan tidak tertulis" in w for w in dataset.report.warning_texts())
    # The weights go with the value records of the same country and year, in kg (the block says ton).
    weight = dataset.records.get_column(Column.WEIGHT_KG).sum()
    assert weight == pytest.approx(EXPECTED["blok_berat_nilai.xlsx"]["weight_kg"])


@pytest.mark.parametrize("name", GOOD)
def test_unit_not_written_is_said(datasets, name):
    """Read as written, and said so, exactly where the file writes no unit."""
    said = any("Satuan tidak tertulis" in w and "dibaca sebagai USD" in w for w in datasets[name].report.warning_texts())
    assert said == (EXPECTED[name].get("warning_code") == "unit_not_written")
    sheets = check_summary(datasets[name])["files"][0]["sheets"]
    assert all(s["unit_written"] for s in sheets) == (not said)


def test_summary_sheet_is_not_added(datasets):
    report = datasets["bulanan_dengan_rekap.xlsx"].report
    assert any("Rekap" in w and "tidak dihitung" in w for w in report.warning_texts())
    assert set(report.skipped.get_column("sheet").to_list()) == {"Rekap"}


def test_merged_cells_fill_exactly_their_range(datasets):
    """Exporter, type and commodity merged over their shipments are filled over the range only: the blank
    exporter of the last shipment (not merged) stays blank."""
    records = datasets["ska_gabungan.xlsx"].records
    assert sums(records, Column.EXPORTER) == EXPECTED["ska_gabungan.xlsx"]["by_exporter"]
    last = records.filter(pl.col(Column.SOURCE_ROW) == 9)
    assert last.get_column(Column.EXPORTER).to_list() == [None]
    assert last.get_column(Column.COMMODITY).to_list() == [None]


def test_two_files_for_the_same_year_are_counted_once():
    expected = EXPECTED["overlap"]
    dataset = load_paths([LAYOUTS / name for name in expected["files"]])
    records = dataset.records
    assert records.get_column(Column.VALUE_USD).sum() == pytest.approx(expected["total_value_usd"], abs=0.01)
    assert sums(records, Column.YEAR) == expected["by_year"]
    assert any("2023" in w and expected["files"][0] in w for w in dataset.report.warning_texts())
    summary = check_summary(dataset)
    decisions = [o for f in summary["files"] for o in f["overlap"]]
    assert {d["year"] for d in decisions} == set(expected["overlap_years"])
    assert all(d["counted_from"] == expected["files"][0] for d in decisions)
    # The choice is a value: the other file may be chosen for that year.
    chosen = load_paths([LAYOUTS / name for name in expected["files"]], prefer={2023: expected["files"][1]})
    by_year = sums(chosen.records, Column.YEAR)
    assert by_year["2023"] == pytest.approx(25500 + 43000)
    assert by_year["2022"] == expected["by_year"]["2022"]


def test_a_file_without_records_still_lists_its_rows():
    """A register whose every row fails still reports each row and its reason."""
    import io

    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = book.add_worksheet("SKA")
    for r, row in enumerate([["Komoditi", "Negara Tujuan", "Nilai FOB (US$)"], ["Kain Batik", "Jepang", "abc"],
                             ["Surimi", "Korea Selatan", None]]):
        for c, v in enumerate(row):
            if v is not None:
                ws.write(r, c, v)
    book.close()
    from pekalongan.ingest import load

    dataset = load([("tanpa_nilai_2023.xlsx", buf.getvalue())])
    assert dataset.records.is_empty()
    assert dataset.report.rejected.get_column("row").to_list() == [2, 3]
    assert "nilai “abc” bukan angka" in dataset.report.rejected.get_column("reason").to_list()
    [(_, message)] = dataset.report.errors
    assert "baris 2" in message


def test_column_numbers_repeated_under_a_page_break_are_never_data():
    """A printed table repeats its header and its '(1) (2) (3)' row at each page: neither is data, nor negative."""
    import io

    import xlsxwriter

    from pekalongan.ingest import load

    rows = [["Nilai Ekspor Menurut Komoditi (US$)"], ["Komoditi", "2022", "2023"], ["(1)", "(2)", "(3)"],
            ["Kain Batik", 100.0, 120.0], ["Surimi", 50.0, 55.0], [None], ["(1)", "(2)", "(3)"],
            ["Garmen", 30.0, 35.0]]
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = book.add_worksheet("Komoditi")
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v is not None:
                ws.write(r, c, v)
    book.close()
    dataset = load([("komoditi.xlsx", buf.getvalue())])
    assert dataset.records.get_column(Column.VALUE_USD).sum() == pytest.approx(390.0)
    assert dataset.records.get_column(Column.VALUE_USD).min() > 0
    assert dataset.report.skipped.get_column("row").to_list() == [6, 7]
    assert "baris nomor kolom" in dataset.report.skipped.get_column("reason").to_list()[1]


@pytest.mark.parametrize("name", GOOD)
def test_correct_totals_raise_no_mismatch(datasets, name):
    """Every total in the corpus is right: the cross-check (above, or below a total standing first) agrees."""
    assert not [w for w in datasets[name].report.warning_texts() if "tidak cocok" in w]


def test_year_marks_are_kept_on_the_records(datasets):
    """'2022r)' and '2023*)': the year is read, and the mark (revised, provisional) stays on its records."""
    records = datasets["total_tanpa_label.xlsx"].records
    marks = dict(records.group_by(pl.col(Column.YEAR).cast(pl.String)).agg(
        pl.col(Column.YEAR_MARK).cast(pl.String).drop_nulls().first()).iter_rows())
    assert {y: m for y, m in marks.items() if m} == EXPECTED["total_tanpa_label.xlsx"]["year_marks"]


def test_reasons_are_codes_rendered_in_either_language(datasets):
    from pekalongan.reasons import localise

    rows = datasets["nonmigas_dua_baris.xlsx"].report.rows
    assert rows.get_column("code").to_list() == ["total", "note"]
    assert localise(rows, "en").get_column("reason").to_list() == ["total row", "note or source line"]
    assert rows.get_column("reason").to_list() == ["baris jumlah/total", "catatan atau sumber data"]


def test_weight_columns_beside_value_columns_are_never_money(datasets):
    """'Berat Bersih (Ton)' and 'Nilai FOB (US$)' over the same years: the weights go to weight_kg, in kg."""
    records = datasets["berat_nilai_berdampingan.xlsx"].records
    assert records.get_column(Column.WEIGHT_KG).sum() == pytest.approx(EXPECTED["berat_nilai_berdampingan.xlsx"]["weight_kg"])


def test_rupiah_figures_are_converted_never_taken_as_dollars(datasets):
    """Juta Rupiah with each year's Kurs: converted; 2024 has no rate, so its cells are not counted, and said."""
    report = datasets["rupiah_dengan_kurs.xlsx"].report
    assert report.rows_rejected == 0
    assert any("tidak dihitung" in w and "2024" in w for w in report.warning_texts())


def test_month_recaps_beside_a_year_to_date_file_are_each_counted_once():
    """January's and February's registers do not overlap each other; the year-to-date table overlaps both: the
    registers are counted (they have the shipments), the year-to-date table is not."""
    import io

    import xlsxwriter

    from pekalongan.ingest import load

    def book(rows: list[list[object]]) -> bytes:
        buf = io.BytesIO()
        wb = xlsxwriter.Workbook(buf, {"in_memory": True})
        ws = wb.add_worksheet("Data")
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                ws.write(r, c, v)
        wb.close()
        return buf.getvalue()

    head = ["Tanggal", "Eksportir", "Komoditi", "Negara Tujuan", "Nilai FOB (US$)"]
    jan = book([head, ["2024-01-05", "PT A", "Kain Batik", "Jepang", 100.0], ["2024-01-20", "PT B", "Surimi", "Korea Selatan", 50.0]])
    feb = book([head, ["2024-02-03", "PT A", "Kain Batik", "Jepang", 70.0], ["2024-02-11", "PT C", "Surimi", "Jepang", 30.0]])
    ytd = book([["Tahun", "Bulan", "Komoditi", "Nilai FOB (US$)"], [2024, "Januari", "Kain Batik", 100.0],
                [2024, "Januari", "Surimi", 50.0], [2024, "Februari", "Kain Batik", 70.0],
                [2024, "Februari", "Surimi", 30.0]])
    dataset = load([("jan.xlsx", jan), ("feb.xlsx", feb), ("ytd.xlsx", ytd)])
    assert dataset.records.get_column(Column.VALUE_USD).sum() == pytest.approx(250.0)
    [decision] = [o for f in dataset.report.files if f.file == "ytd.xlsx" for o in f.overlap]
    assert decision["dropped"] == ["ytd.xlsx"] and sorted(decision["counted"]) == ["feb.xlsx", "jan.xlsx"]


def test_two_registers_of_different_shipments_in_one_year_both_count():
    """Two offices' registers of 2023, each its own shipments of the same commodities: added, not an overlap. The
    same register uploaded twice is counted once."""
    from pekalongan.ingest import load
    from pekalongan.ingest import load_paths as paths

    register = (LAYOUTS / "overlap_ska_2023.xlsx").read_bytes()
    both = load([("ska_2023.xlsx", register), ("ska_2023_salinan.xlsx", register)])
    one = paths([LAYOUTS / "overlap_ska_2023.xlsx"])
    assert both.records.get_column(Column.VALUE_USD).sum() == pytest.approx(one.records.get_column(Column.VALUE_USD).sum())
    a = paths([LAYOUTS / "overlap_ska_2023.xlsx"])
    b = paths([LAYOUTS / "ska_gabungan.xlsx"])
    together = paths([LAYOUTS / "overlap_ska_2023.xlsx", LAYOUTS / "ska_gabungan.xlsx"])
    total = sum(d.records.get_column(Column.VALUE_USD).sum() for d in (a, b))
    assert together.records.get_column(Column.VALUE_USD).sum() == pytest.approx(total)
