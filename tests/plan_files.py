"""Workbooks the reader misreads, one way each, written by openpyxl as an office would save them (issue 15), with
the figures a correct reading gives. Each `make_*` returns the file's bytes."""

from __future__ import annotations

import io
from datetime import datetime

import openpyxl

# 1. Wrong header row: a row explaining the columns above the title names more known columns than the real
#    header, so the header finder takes it.
HEADER_ROWS = [("PT Batik Larasati", "Jepang", "Kain Batik", 1200.0),
               ("PT Sarung Mulia", "Malaysia", "Sarung Tenun", 800.0),
               ("CV Canting Emas", "Belanda", "Kain Batik", 500.0)]
HEADER_TOTAL = {2024: 2500.0}

# 2. A weight column taken as the value: "Realisasi (Kg)" stands before "Realisasi (US$)", both read as "realisasi".
WEIGHT_ROWS = [("PT Batik Larasati", "Jepang", 300.0, 4000.0), ("PT Sarung Mulia", "Malaysia", 250.0, 3500.0)]
WEIGHT_TOTAL = {2023: 7500.0}

# 3. A summary sheet used: "Rekap" sums the register by commodity; with only the register beside it, the reader
#    has too few sheets to tell a summary by arithmetic, and counts both.
REGISTER = [(datetime(2024, 2, 5), "PT Batik Larasati", "Kain Batik", "Jepang", 1000.0),
            (datetime(2024, 3, 9), "PT Sarung Mulia", "Sarung Tenun", "Malaysia", 600.0),
            (datetime(2024, 5, 20), "CV Canting Emas", "Kain Batik", "Belanda", 400.0)]
SUMMARY_TOTAL = {2024: 2000.0}

# 4. An unknown currency: "Nilai (Rs)" names Indian rupees in a way the reader does not know, so the values are
#    read as USD; the Kurs sheet carries the rupee's rate.
RUPEE_ROWS = [("PT Batik Larasati", "India", "Kain Batik", 160000.0), ("PT Sarung Mulia", "India", "Sarung", 80000.0)]
INR_PER_USD = 80.0
RUPEE_TOTAL = {2022: 3000.0}
RUPEE_AS_USD = {2022: 240000.0}


def _saved(book: openpyxl.Workbook) -> bytes:
    book.properties.creator = "Disdagkopukm Kota Pekalongan"
    book.properties.created = book.properties.modified = datetime(2024, 1, 15, 8, 0, 0)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def make_wrong_header() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "SKA 2024"
    sheet.append(["Petunjuk kolom:", "Tahun", "Eksportir", "Negara", "Komoditi", "Nilai"])
    sheet.append(["DAFTAR EKSPOR TAHUN 2024"])
    sheet.append(["No", "Nama PT", "Tujuan", "Barang", "FOB (US$)"])
    for i, (exporter, dest, commodity, value) in enumerate(HEADER_ROWS, start=1):
        sheet.append([i, exporter, dest, commodity, value])
    return _saved(book)


def make_weight_as_value() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Realisasi 2023"
    sheet.append(["REALISASI EKSPOR 2023"])
    sheet.append(["Nama Perusahaan", "Negara Tujuan", "Realisasi (Kg)", "Realisasi (US$)"])
    for row in WEIGHT_ROWS:
        sheet.append(list(row))
    return _saved(book)


def make_summary_sheet() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "SKA 2024"
    sheet.append(["Tanggal", "Eksportir", "Komoditi", "Negara Tujuan", "Nilai (US$)"])
    for i, row in enumerate(REGISTER, start=2):
        sheet.append(list(row))
        sheet.cell(i, 1).number_format = "dd/mm/yyyy"
    rekap = book.create_sheet("Rekap")
    rekap.append(["REKAP PER KOMODITI TAHUN 2024"])
    rekap.append(["Komoditi", "Nilai (US$)"])
    by_commodity: dict[str, float] = {}
    for _, _, commodity, _, value in REGISTER:
        by_commodity[commodity] = by_commodity.get(commodity, 0.0) + value
    for commodity, value in by_commodity.items():
        rekap.append([commodity, value])
    return _saved(book)


def make_unknown_currency() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Ekspor India"
    sheet.append(["EKSPOR KE INDIA TAHUN 2022"])
    sheet.append(["Eksportir", "Negara Tujuan", "Komoditi", "Nilai (Rs)"])
    for row in RUPEE_ROWS:
        sheet.append(list(row))
    kurs = book.create_sheet("Kurs")
    kurs.append(["Tahun", "Kurs (INR per USD)"])
    kurs.append([2022, INR_PER_USD])
    return _saved(book)


def make_weight_as_value_next_month() -> bytes:
    """The same recap a month later: the same sheet and headers, other figures."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Realisasi 2023"
    sheet.append(["REALISASI EKSPOR 2023"])
    sheet.append(["Nama Perusahaan", "Negara Tujuan", "Realisasi (Kg)", "Realisasi (US$)"])
    for row in NEXT_MONTH_ROWS:
        sheet.append(list(row))
    return _saved(book)


NEXT_MONTH_ROWS = [("CV Canting Emas", "Belanda", 120.0, 2000.0)]
NEXT_MONTH_TOTAL = {2023: 2000.0}
