"""What a figure carries beside its value is shown where the figure is: the years a file marks provisional or
revised, and values converted from another currency with the rate used (under the filter sentence, and as
columns of the downloads). Expected values are the generators' literal figures (make_layouts, make_cells)."""

from __future__ import annotations

import io

import openpyxl
import polars as pl
import pytest
from conftest import DATA

from pekalongan import export, figure_notes
from pekalongan.ingest import load_paths
from pekalongan.press_report import report_html
from pekalongan.report import Report

LAYOUTS = DATA / "layouts"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def marked_and_converted():
    # total_tanpa_label: 2022 revised ("2022r)"), 2023 provisional ("2023*)"); cells_yen_euro: euros at 0.85 EUR/USD.
    return load_paths([LAYOUTS / "total_tanpa_label.xlsx", DATA / "cells_yen_euro.xlsx"])


def test_years_and_marks_are_listed(marked_and_converted):
    assert figure_notes.year_marks(marked_and_converted.records) == {"provisional": [2023], "revised": [2022]}


@pytest.mark.parametrize("lang, expected", [
    ("id", ["Angka sementara: 2023.", "Angka perbaikan: 2022.",
            "2 baris tahun 2021 tertulis dalam EUR, dikonversi ke USD dengan kurs 1 EUR = 1,17647 USD (6,59 ribu USD)."]),
    ("en", ["Provisional: 2023.", "Revised: 2022.",
            "2 rows of 2021 are written in EUR, converted to USD at 1 EUR = 1.17647 USD (6.59 thousand USD)."]),
])
def test_notes_under_the_figures(marked_and_converted, lang, expected):
    assert figure_notes.notes(marked_and_converted.records, lang) == expected


def test_final_dollar_figures_need_no_note():
    assert figure_notes.notes(load_paths([DATA / "ska_2020.xlsx"]).records, "id") == []


def test_downloads_carry_the_mark_and_the_original_currency(marked_and_converted):
    table = export.records_table(marked_and_converted.records, "id")
    marks = dict(table.group_by("Tahun").agg(pl.col("Tanda Tahun").drop_nulls().unique()).iter_rows())
    assert marks[2022] == ["angka perbaikan"] and marks[2023] == ["angka sementara"]
    euros = table.filter(pl.col("Mata Uang Asal") == "EUR").sort("Baris")
    assert euros.get_column("Nilai dalam Mata Uang Asal").round(2).to_list() == [2500.50, 3100.00]  # as written
    assert euros.get_column("Faktor Konversi ke US$").round(6).to_list() == [round(1 / 0.85, 6)] * 2
    dollars = table.filter(pl.col("Mata Uang Asal").is_null())
    assert dollars.get_column("Nilai dalam Mata Uang Asal").null_count() == dollars.height


def test_the_workbook_data_sheet_has_the_columns_in_english(marked_and_converted):
    records = marked_and_converted.records
    data = export.workbook_xlsx(records, export.standard_tables(records, "en"), Report(), "All years.", "en")
    ws = openpyxl.load_workbook(io.BytesIO(data), read_only=True)["Data"]
    rows = list(ws.iter_rows(values_only=True))
    header = list(rows[0])
    mark, cur, original = (header.index(h) for h in ("Year mark", "Original currency", "Value in original currency"))
    assert {r[mark] for r in rows[1:]} == {None, "provisional", "revised"}
    assert sorted(round(r[original], 2) for r in rows[1:] if r[cur] == "EUR") == [2500.50, 3100.00]


def test_the_standard_tables_and_the_press_report_say_it_under_the_table(marked_and_converted):
    records = marked_and_converted.records
    data = export.workbook_xlsx(records, export.standard_tables(records, "id"), Report(), "Semua tahun.", "id")
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    table_sheet = [c for row in book.worksheets[1].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert "Angka sementara: 2023." in table_sheet and "Angka perbaikan: 2022." in table_sheet
    html = report_html(records, None, "All years.", ["a.xlsx"], "en")
    assert "Provisional: 2023." in html and "converted to USD at 1 EUR = 1.17647 USD" in html


def test_ringkasan_says_which_years_are_provisional(app):
    at = app.run()
    at.file_uploader[0].upload("total_tanpa_label.xlsx", (LAYOUTS / "total_tanpa_label.xlsx").read_bytes(), XLSX)
    at = at.run()
    assert not at.exception
    captions = [c.value.replace("\\", "").replace("\u2060", "") for c in at.caption]  # as escaped for markdown
    assert "Angka sementara: 2023." in captions and "Angka perbaikan: 2022." in captions
