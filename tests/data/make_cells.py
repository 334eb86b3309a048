"""Regenerate the cell-grammar corpus (`cells_*` files) and `cells_expected.json`, from the literal tables below.

    .venv/bin/python tests/data/make_cells.py

Files as offices and statistics downloads write them: an SKA register with a `Mata Uang` column in USD, JPY and
EUR and a `Kurs` sheet; an e-SKA export whose value cells carry their currency (`US$ 12.500,00`); a table by HS
chapter with marked years (`2021*)`) and nil marks (`-`, `..`, `x`); a table of quarters; a workbook in yen and
euros. Written by xlsxwriter, openpyxl and the csv module. Every expected value is computed here, in Decimal, from
the same literal tables the files are written from, never by reading a file back.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import xlsxwriter
from writers import FIXED_TIME, save_openpyxl  # one way to stamp workbooks: run as a script, beside it

HERE = Path(__file__).resolve().parent
ISO = {"Jepang": "JPN", "Amerika Serikat": "USA", "Belanda": "NLD", "Jerman": "DEU", "Singapura": "SGP",
       "Swiss": "CHE", "Malaysia": "MYS", "Tiongkok": "CHN", "Korea Selatan": "KOR", "Australia": "AUS"}
# What each currency writing means, and the rates the files carry (as the Kurs sheet writes them).
CODES = {"USD": "USD", "US$": "USD", "JPY": "JPY", "Yen": "JPY", "EUR": "EUR", "€": "EUR", "CHF": "CHF", "": "USD",
         "Gold": "GOLD"}
KURS_KE_USD = {(2021, "JPY"): Decimal("0.0091"), (2021, "EUR"): Decimal("1.18"), (2022, "EUR"): Decimal("1.05")}


def cents(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.000001")))


def new_xlsxwriter(path: Path) -> xlsxwriter.Workbook:
    book = xlsxwriter.Workbook(path)
    book.set_properties({"created": FIXED_TIME, "author": "Disdagkopukm Kota Pekalongan"})
    return book



def record(sheet, row, year, value, **fields) -> dict:
    base = {"sheet": sheet, "row": row, "year": year, "month": None, "period": None, "year_mark": None,
            "commodity": None, "hs_code": None, "destination": None, "currency": None, "fx_rate": None}
    return {**base, **fields, "value_usd": cents(value)}


# --------------------------------------------------------------------------------------------------------------
# 1. cells_register_mata_uang.xlsx: an SKA register with a Mata Uang column and a Kurs sheet (xlsxwriter).
#    Header on row 4, data from row 5. Values are number cells; HS codes are number cells that lost their zero.
# --------------------------------------------------------------------------------------------------------------

REGISTER = [  # No, date, exporter, commodity, HS (number cell), destination, currency as written, value
    (1, date(2021, 1, 12), "PT Batik Larasati", "Kain Batik", 52085990, "Jepang", "JPY", Decimal("1250000")),
    (2, date(2021, 2, 3), "CV Sarung Mas", "Sarung Batik", 62114290, "Amerika Serikat", "USD", Decimal("12500.5")),
    (3, date(2021, 3, 15), "PT Surimi Jaya", "Surimi", 3049900, "Jepang", "Yen", Decimal("3400000")),
    (4, date(2021, 4, 20), "PT Batik Larasati", "Kain Batik", 52085990, "Belanda", "EUR", Decimal("8400")),
    (5, date(2021, 5, 2), "CV Sarung Mas", "Sarung Batik", 62114290, "Jerman", "€", Decimal("5600.25")),
    (6, date(2021, 6, 9), "PT Surimi Jaya", "Crab Shell Pellet", 5080000, "Singapura", "US$", Decimal("7000")),
    (7, date(2021, 7, 1), "CV Sarung Mas", "Sarung Batik", 62114290, "Malaysia", "", Decimal("950")),
    (8, date(2021, 8, 17), "PT Batik Larasati", "Kain Batik", 52085990, "Swiss", "CHF", Decimal("1200")),
    (9, date(2022, 1, 10), "PT Surimi Jaya", "Surimi", 3049900, "Jepang", "JPY", Decimal("2000000")),
    (10, date(2022, 2, 14), "PT Batik Larasati", "Kain Batik", 52085990, "Belanda", "EUR", Decimal("3000")),
    (11, date(2022, 3, 3), "CV Sarung Mas", "Sarung Batik", 62114290, "Tiongkok", "Gold", Decimal("10")),
]


def make_register(path: Path) -> dict:
    book = new_xlsxwriter(path)
    bold = book.add_format({"bold": True})
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet = book.add_worksheet("Register 2021-2022")
    sheet.merge_range(0, 0, 0, 7, "REGISTER SKA KOTA PEKALONGAN TAHUN 2021-2022", bold)
    sheet.write(1, 0, "Dinas Perdagangan, Koperasi dan UKM Kota Pekalongan")
    headers = ["No", "Tanggal", "Nama Perusahaan", "Komoditi", "HS", "Negara Tujuan", "Mata Uang", "Nilai FOB"]
    sheet.write_row(3, 0, headers, bold)
    records, rejected = [], []
    for i, (no, day_, exporter, commodity, hs, dest, cur, value) in enumerate(REGISTER):
        row = 4 + i
        sheet.write_number(row, 0, no)
        sheet.write_datetime(row, 1, datetime(day_.year, day_.month, day_.day), day)
        sheet.write_string(row, 2, exporter)
        sheet.write_string(row, 3, commodity)
        sheet.write_number(row, 4, hs)
        sheet.write_string(row, 5, dest)
        if cur:
            sheet.write_string(row, 6, cur)
        sheet.write_number(row, 7, float(value))
        code, hs_text = CODES[cur], f"{hs:08d}"
        fields = {"month": day_.month, "commodity": commodity, "hs_code": hs_text, "destination": ISO[dest]}
        if code == "USD":
            records.append(record(sheet.name, row + 1, day_.year, value, **fields))
        elif (day_.year, code) in KURS_KE_USD:
            rate = KURS_KE_USD[(day_.year, code)]
            records.append(record(sheet.name, row + 1, day_.year, value * rate, currency=code, fx_rate=float(rate),
                                  **fields))
        else:
            rejected.append({"sheet": sheet.name, "row": row + 1, "names": code})
    total_row = 4 + len(REGISTER)
    sheet.write_string(total_row, 0, "JUMLAH")
    sheet.write_formula(total_row, 7, f"=SUM(H5:H{total_row})", None, float(sum(r[-1] for r in REGISTER)))
    sheet.write_string(total_row + 1, 0, "Sumber: Aplikasi e-SKA, diolah")
    kurs = book.add_worksheet("Kurs")
    kurs.write(0, 0, "KURS TENGAH RATA-RATA TAHUNAN", bold)
    kurs.write_row(2, 0, ["Tahun", "Mata Uang", "Kurs ke USD"], bold)
    for i, ((year, code), rate) in enumerate(KURS_KE_USD.items()):
        kurs.write_row(3 + i, 0, [year, code, float(rate)])
    book.close()
    skipped = [{"sheet": sheet.name, "row": total_row + 1}, {"sheet": sheet.name, "row": total_row + 2}]
    return {"records": records, "rejected": rejected, "skipped": skipped, "hs_padded": 2,
            "currencies": sorted({CODES[r[6]] for r in REGISTER})}  # as written, converted or not


# --------------------------------------------------------------------------------------------------------------
# 2. cells_eska_export.csv: an e-SKA export, ';', UTF-8 with a BOM, CRLF (the csv module). Title on line 1, header
#    on line 3. Value cells carry their currency; the column's style is Indonesian (most cells say so).
# --------------------------------------------------------------------------------------------------------------

ESKA = [  # No SKA, date as written, exporter, goods, HS as text, destination, value as written, value, currency
    ("0001/SKA/2021", "19-Jan-2021", "PT Batik Larasati", "Kain Batik", "52085990", "Jepang", "US$ 12.500,00",
     Decimal("12500"), "USD"),
    ("0002/SKA/2021", "2021-02-03", "CV Sarung Mas", "Sarung Batik", "62114290", "Amerika Serikat",
     "USD 1,250.00", Decimal("1250"), "USD"),  # English in an Indonesian column: one reading only
    ("0003/SKA/2021", "03/03/2021", "PT Surimi Jaya", "Surimi", "3036700", "Korea Selatan", "$ 4.200,50",
     Decimal("4200.50"), "USD"),
    ("0004/SKA/2021", "44287", "PT Surimi Jaya", "Crab Shell Pellet", "50800", "Tiongkok", "12.500",
     Decimal("12500"), "USD"),  # a serial number typed as text; an ambiguous value follows the column
    ("0005/SKA/2021", "5 Mei 2021", "CV Sarung Mas", "Sarung Batik", "62114290", "Australia", "1.234.567,89",
     Decimal("1234567.89"), "USD"),
    ("0006/SKA/2021", "10/06/2021", "PT Batik Larasati", "Kain Batik", "52085990", "Malaysia", "-",
     Decimal("0"), "USD"),  # nil: zero
    ("0007/SKA/2021", "12/07/2021", "PT Batik Larasati", "Kain Batik", "52085990", "Singapura", "x",
     None, None),  # confidential: skipped, not a bad number
    ("0008/SKA/2021", "01/08/2021", "CV Sarung Mas", "Sarung Batik", "62114290", "Malaysia", "Rp 1.250.000",
     Decimal("1250000"), "IDR"),  # rupiah without a rate: rejected naming IDR
    ("0009/SKA/2021", "02/09/2021", "PT Surimi Jaya", "Surimi", "3036700", "Jepang", "US$ 7.000", Decimal("7000"),
     "USD"),
]


def make_eska(path: Path) -> dict:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["DATA EKSPOR E-SKA KOTA PEKALONGAN 2021"])
    writer.writerow([])
    writer.writerow(["No", "No SKA", "Tanggal SKA", "Eksportir", "Uraian Barang", "Pos Tarif", "Negara Tujuan",
                     "Nilai FOB"])
    records, rejected, skipped = [], [], []
    months = {"19-Jan-2021": 1, "2021-02-03": 2, "03/03/2021": 3, "44287": 4, "5 Mei 2021": 5}
    for i, (ska, day_, exporter, goods, hs, dest, written, value, code) in enumerate(ESKA):
        line = 4 + i
        writer.writerow([i + 1, ska, day_, exporter, goods, hs, dest, written])
        month = months.get(day_) or int(day_.split("/")[1])
        hs_text = hs.zfill(len(hs) + len(hs) % 2)
        fields = {"month": month, "commodity": goods, "hs_code": hs_text, "destination": ISO[dest]}
        if value is None:
            skipped.append({"sheet": None, "row": line, "names": "x"})
        elif code == "USD":
            records.append(record(None, line, 2021, value, **fields))
        else:
            rejected.append({"sheet": None, "row": line, "names": code})
    path.write_bytes(("\ufeff" + out.getvalue()).encode("utf-8"))
    return {"records": records, "rejected": rejected, "skipped": skipped, "hs_padded": 2,
            "nil_marks": {"-": "zero", "x": "confidential"}}


# --------------------------------------------------------------------------------------------------------------
# 3. cells_bab_hs_tahunan.xlsx: exports by HS chapter, years across with marks, thousand USD (openpyxl).
#    Title rows 1-2, header on row 4; `-` is nil, `..` not available, `x` confidential.
# --------------------------------------------------------------------------------------------------------------

YEARS = [("2020r)", 2020, "revised"), ("2021*)", 2021, "provisional"), ("2022**)", 2022, "very_provisional")]
CHAPTERS = [  # label as written, HS, commodity, cells per year
    ("[03] Ikan dan udang", "03", "Ikan dan udang", ["1.250,5", "1.480,25", "-"]),
    ("HS 16 Olahan daging/ikan", "16", "Olahan daging/ikan", [320.75, "x", 410.0]),
    ("52 - Kapas", "52", "Kapas", [2100.0, 2250.5, ".."]),
    ("[62] Pakaian bukan rajutan", "62", "Pakaian bukan rajutan", [5300.0, 6100.25, 6900.75]),
    ("[09] Kopi, teh dan rempah", "09", "Kopi, teh dan rempah", ["..", "x", "x"]),
]


def thousand(cell) -> Decimal | None:
    if isinstance(cell, float):
        return Decimal(str(cell)) * 1000
    if cell == "-":
        return Decimal(0)
    if cell in ("..", "x"):
        return None
    return Decimal(cell.replace(".", "").replace(",", ".")) * 1000


def make_bab_hs(path: Path) -> dict:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Tabel 3.1"
    sheet.append(["NILAI EKSPOR KOTA PEKALONGAN MENURUT BAB HS, 2020-2022"])
    sheet.append(["(Nilai: Ribu US$)"])
    sheet.append([])
    sheet.append(["Uraian", *(label for label, _, _ in YEARS)])
    records, skipped, marks = [], [], {}
    for i, (label, hs, commodity, cells) in enumerate(CHAPTERS):
        row = 5 + i
        sheet.append([label, *cells])
        values = [thousand(c) for c in cells]
        if all(v is None for v in values):
            skipped.append({"sheet": sheet.title, "row": row, "names": cells[0]})
        for (_, year, mark), cell, value in zip(YEARS, cells, values, strict=True):
            if isinstance(cell, str) and not cell[0].isdigit():
                marks[cell] = {"-": "zero", "..": "not_available", "x": "confidential"}[cell]
            if value is not None:
                records.append(record(sheet.title, row, year, value, year_mark=mark, commodity=commodity, hs_code=hs))
    sheet.append(["Keterangan: *) angka sementara, **) angka sangat sementara, r) angka perbaikan"])
    sheet.append(["Sumber: BPS Kota Pekalongan (diolah)"])
    last = 5 + len(CHAPTERS)
    skipped += [{"sheet": sheet.title, "row": last}, {"sheet": sheet.title, "row": last + 1}]
    save_openpyxl(book, path)
    return {"records": records, "rejected": [], "skipped": skipped, "nil_marks": marks}


# --------------------------------------------------------------------------------------------------------------
# 4. cells_periode.csv: a statistics table by period written as text, million USD (the csv module, ',').
#    Quarters and half-years keep their period; no month is invented for them.
# --------------------------------------------------------------------------------------------------------------

PERIODS = [  # as written, year, month, period, commodity, value in juta US$ as written (Indonesian)
    ("Triwulan I 2021", 2021, None, "Q1", "Kain Batik", "1,25"),
    ("TW II 2021", 2021, None, "Q2", "Kain Batik", "1,5"),
    ("Q3 2021", 2021, None, "Q3", "Kain Batik", "2,75"),
    ("Triwulan IV Tahun 2021", 2021, None, "Q4", "Kain Batik", "3"),
    ("Semester II 2020", 2020, None, "S2", "Sarung Batik", "4,125"),
    ("Januari 2022", 2022, 1, None, "Surimi", "0,5"),
    ("Feb-22", 2022, 2, None, "Surimi", "0,625"),
    ("[03] Maret 2022", 2022, 3, None, "Surimi", "0,75"),
    ("2022-04", 2022, 4, None, "Surimi", "0,875"),
]


def make_periods(path: Path) -> dict:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Nilai ekspor menurut periode (Juta US$)"])
    writer.writerow(["Periode", "Komoditi", "Nilai (Juta US$)"])
    records = []
    for i, (written, year, month, period, commodity, value) in enumerate(PERIODS):
        writer.writerow([written, commodity, value])
        records.append(record(None, 3 + i, year, Decimal(value.replace(",", ".")) * 1_000_000, month=month,
                              period=period, commodity=commodity))
    path.write_text(out.getvalue(), encoding="utf-8")
    return {"records": records, "rejected": [], "skipped": []}


# --------------------------------------------------------------------------------------------------------------
# 5. cells_yen_euro.xlsx: one sheet in yen (`FOB JPY`), one in euros (`Nilai (EUR)`), a Kurs sheet with the euro
#    only (`Kurs (EUR per USD)`) (openpyxl). Without a typed yen rate, the yen rows are rejected naming JPY.
# --------------------------------------------------------------------------------------------------------------

YEN = [(date(2021, 3, 1), "PT Surimi Jaya", "Surimi", "Jepang", Decimal("5500000")),
       (date(2021, 9, 1), "PT Surimi Jaya", "Surimi", "Jepang", Decimal("4400000"))]
EURO = [(date(2021, 4, 5), "PT Batik Larasati", "Kain Batik", "Belanda", Decimal("2500.50")),
        (date(2021, 10, 5), "PT Batik Larasati", "Kain Batik", "Jerman", Decimal("3100"))]
EUR_PER_USD = {2021: Decimal("0.85")}
TYPED_YEN_PER_USD = {2021: Decimal("110")}  # what the official types in the test


def make_yen_euro(path: Path) -> dict:
    book = openpyxl.Workbook()
    records, rejected, typed = [], [], []
    for title, header, rows in (("Ekspor JPY", "FOB JPY", YEN), ("Ekspor EUR", "Nilai (EUR)", EURO)):
        sheet = book.active if title == "Ekspor JPY" else book.create_sheet(title)
        sheet.title = title
        sheet.append([f"REKAP EKSPOR {title.split()[1]} 2021"])
        sheet.append(["Tanggal", "Eksportir", "Komoditi", "Negara Tujuan", header])
        for i, (day_, exporter, commodity, dest, value) in enumerate(rows):
            sheet.append([datetime(day_.year, day_.month, day_.day), exporter, commodity, dest, float(value)])
            sheet.cell(3 + i, 1).number_format = "dd/mm/yyyy"
            fields = {"month": day_.month, "commodity": commodity, "destination": ISO[dest]}
            if title == "Ekspor EUR":
                rate = EUR_PER_USD[day_.year]
                records.append(record(title, 3 + i, 2021, value / rate, currency="EUR", fx_rate=float(1 / rate),
                                      **fields))
            else:
                rate = TYPED_YEN_PER_USD[day_.year]
                rejected.append({"sheet": title, "row": 3 + i, "names": "JPY"})
                typed.append(record(title, 3 + i, 2021, value / rate, currency="JPY", fx_rate=float(1 / rate),
                                    **fields))
    kurs = book.create_sheet("Kurs")
    kurs.append(["Tahun", "Kurs (EUR per USD)"])
    for year, rate in EUR_PER_USD.items():
        kurs.append([year, float(rate)])
    save_openpyxl(book, path)
    return {"records": records, "rejected": rejected, "skipped": [], "typed_rates": {"2021": {"JPY": 110.0}},
            "records_with_typed_rates": records + typed}


# --------------------------------------------------------------------------------------------------------------
# 6. cells_tahun_bulan.csv: a recap with marked years in a Tahun column and coded months in a Bulan column; a date
#    typed in the Bulan column gives the year too (the csv module, ';', English numbers).
# --------------------------------------------------------------------------------------------------------------

TAHUN_BULAN = [  # Tahun as written, Bulan as written, destination, value as written -> year, month, mark, value
    ("2020r)", "[01] Januari", "Jepang", "1,250.00", 2020, 1, "revised", Decimal("1250")),
    ("2021", "02. Februari", "Malaysia", "2,500.50", 2021, 2, None, Decimal("2500.50")),
    ("2022*)", "Maret", "Singapura", "3,000", 2022, 3, "provisional", Decimal("3000")),
    ("2023**)", "Apr", "Belanda", "4,125.25", 2023, 4, "very_provisional", Decimal("4125.25")),
    ("2023 Prelim", "(05) Mei", "Jerman", "5,000", 2023, 5, "provisional", Decimal("5000")),
    ("", "2021-07-20", "Australia", "700.75", 2021, 7, None, Decimal("700.75")),
    ("2021-06-15", "Juni", "Tiongkok", "600", 2021, 6, None, Decimal("600")),
]


def make_tahun_bulan(path: Path) -> dict:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["REKAP EKSPOR PER BULAN"])
    writer.writerow(["Tahun", "Bulan", "Negara Tujuan", "Nilai FOB (US$)"])
    records = []
    for i, (tahun, bulan, dest, written, year, month, mark, value) in enumerate(TAHUN_BULAN):
        writer.writerow([tahun, bulan, dest, written])
        records.append(record(None, 3 + i, year, value, month=month, year_mark=mark, destination=ISO[dest]))
    path.write_bytes(out.getvalue().encode("utf-8"))
    return {"records": records, "rejected": [], "skipped": []}


# --------------------------------------------------------------------------------------------------------------
# 7. cells_kurs_rupiah.csv: a Kurs file of its own (Tahun | Kurs (Rp per USD)), for the e-SKA export's rupiah row.
# 8. cells_triwulan.xlsx: one sheet per quarter, named "TW I 2021", "TW II 2021" (xlsxwriter): the sheet's name
#    gives the year and the quarter; no month is invented.
# --------------------------------------------------------------------------------------------------------------

RUPIAH_PER_USD = {2021: Decimal("14300")}
QUARTERS = {"TW I 2021": ("Q1", [("Jepang", "Surimi", 1500.5), ("Malaysia", "Sarung Batik", 800.0)]),
            "TW II 2021": ("Q2", [("Jepang", "Surimi", 1700.25), ("Singapura", "Kain Batik", 950.0)])}


def make_kurs_rupiah(path: Path) -> None:
    rows = ["Tahun;Kurs (Rp per USD)", *(f"{y};{r:,}".replace(",", ".") for y, r in RUPIAH_PER_USD.items())]
    path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")


def make_triwulan(path: Path) -> dict:
    book = new_xlsxwriter(path)
    bold = book.add_format({"bold": True})
    records = []
    for name, (period, rows) in QUARTERS.items():
        sheet = book.add_worksheet(name)
        sheet.write(0, 0, f"REKAP EKSPOR {name.upper()}", bold)
        sheet.write_row(2, 0, ["Negara Tujuan", "Komoditi", "Nilai FOB (US$)"], bold)
        for i, (dest, commodity, value) in enumerate(rows):
            sheet.write_row(3 + i, 0, [dest, commodity, value])
            records.append(record(name, 4 + i, 2021, Decimal(str(value)), period=period, commodity=commodity,
                                  destination=ISO[dest]))
    book.close()
    return {"records": records, "rejected": [], "skipped": []}


# --------------------------------------------------------------------------------------------------------------
# 9. cells_negara_bulan_2021.csv: countries down, months across with their codes (`[01] Januari`, `02. Februari`),
#    thousand USD, nil marks among the cells (the csv module, ';'). The year is the file name's.
# --------------------------------------------------------------------------------------------------------------

MONTH_HEADERS = [("[01] Januari", 1), ("[02] Februari", 2), ("03. Maret", 3), ("(04) April", 4)]
COUNTRY_MONTHS = [("Jepang", ["1,5", "-", "x", "2,25"]), ("Malaysia", ["..", "2", "3", "4,125"]),
                  ("Singapura", ["10", "11,5", "12", "-"])]


def make_negara_bulan(path: Path) -> dict:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Nilai ekspor menurut negara tujuan dan bulan (Ribu US$)"])
    writer.writerow(["Negara Tujuan", *(h for h, _ in MONTH_HEADERS)])
    records, marks = [], {}
    for i, (dest, cells) in enumerate(COUNTRY_MONTHS):
        writer.writerow([dest, *cells])
        for (_, month), cell in zip(MONTH_HEADERS, cells, strict=True):
            if cell in ("..", "x", "-"):
                marks[cell] = {"-": "zero", "..": "not_available", "x": "confidential"}[cell]
            if cell in ("..", "x"):
                continue
            value = Decimal(0) if cell == "-" else Decimal(cell.replace(",", ".")) * 1000
            records.append(record(None, 3 + i, 2021, value, month=month, destination=ISO[dest]))
    path.write_bytes(out.getvalue().encode("utf-8"))
    return {"records": records, "rejected": [], "skipped": [], "nil_marks": marks}


# --------------------------------------------------------------------------------------------------------------
# 10. cells_kurs_lebar.xlsx: shipments with a Mata Uang column and a Kurs sheet with years across
#     (Mata Uang | 2021 | 2022, titled "Kurs ke USD") (openpyxl). The Kurs sheet is rates, never exports of "EUR".
# --------------------------------------------------------------------------------------------------------------

WIDE_KURS = {"EUR": {2021: Decimal("1.18"), 2022: Decimal("1.05")}, "JPY": {2021: Decimal("0.0091"),
                                                                          2022: Decimal("0.0075")}}
WIDE_SHIPMENTS = [(date(2021, 3, 1), "PT Surimi Jaya", "Surimi", "Jepang", "JPY", Decimal("1100000")),
                  (date(2022, 3, 1), "PT Batik Larasati", "Kain Batik", "Belanda", "EUR", Decimal("1000")),
                  (date(2022, 5, 2), "PT Batik Larasati", "Kain Batik", "Jerman", "USD", Decimal("2000.5"))]


def make_kurs_lebar(path: Path) -> dict:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(["Tanggal", "Eksportir", "Komoditi", "Negara Tujuan", "Mata Uang", "Nilai FOB"])
    records = []
    for i, (day_, exporter, commodity, dest, code, value) in enumerate(WIDE_SHIPMENTS):
        sheet.append([datetime(day_.year, day_.month, day_.day), exporter, commodity, dest, code, float(value)])
        sheet.cell(2 + i, 1).number_format = "dd/mm/yyyy"
        fields = {"month": day_.month, "commodity": commodity, "destination": ISO[dest]}
        if code == "USD":
            records.append(record("Data", 2 + i, day_.year, value, **fields))
        else:
            rate = WIDE_KURS[code][day_.year]
            records.append(record("Data", 2 + i, day_.year, value * rate, currency=code, fx_rate=float(rate), **fields))
    kurs = book.create_sheet("Kurs")
    kurs.append(["KURS KE USD (RATA-RATA TAHUNAN)"])
    kurs.append(["Mata Uang", "2021", "2022"])
    for code, by_year in WIDE_KURS.items():
        kurs.append([code, *(float(r) for r in by_year.values())])
    save_openpyxl(book, path)
    return {"records": records, "rejected": [], "skipped": []}


# --------------------------------------------------------------------------------------------------------------

CONVENTIONS = {
    "rows": "1-based spreadsheet rows; for text files the physical line number (title lines included); sheet is "
            "null for text files.",
    "values": "value_usd after the unit and the currency's rate, computed in Decimal; compare within 0.005.",
    "rejected": "'names' is the text the rejection reason must contain (the currency, or the nil mark).",
}


def main() -> None:
    expected = {"_conventions": CONVENTIONS}
    for name, make in (("cells_register_mata_uang.xlsx", make_register), ("cells_eska_export.csv", make_eska),
                       ("cells_bab_hs_tahunan.xlsx", make_bab_hs), ("cells_periode.csv", make_periods),
                       ("cells_yen_euro.xlsx", make_yen_euro), ("cells_tahun_bulan.csv", make_tahun_bulan),
                       ("cells_triwulan.xlsx", make_triwulan), ("cells_negara_bulan_2021.csv", make_negara_bulan),
                       ("cells_kurs_lebar.xlsx", make_kurs_lebar)):
        expected[name] = make(HERE / name)
        print(f"wrote {name}")
    make_kurs_rupiah(HERE / "cells_kurs_rupiah.csv")
    # With the Kurs file beside it, the e-SKA export's rupiah row is converted instead of rejected.
    eska = expected["cells_eska_export.csv"]
    line, (_, day_, _, goods, hs, dest, _, value, _) = next(
        (4 + i, row) for i, row in enumerate(ESKA) if row[-1] == "IDR")
    rate = RUPIAH_PER_USD[2021]
    eska["kurs_file"] = "cells_kurs_rupiah.csv"
    eska["records_with_kurs_file"] = [*eska["records"], record(
        None, line, 2021, value / rate, month=int(day_.split("/")[1]), commodity=goods, hs_code=hs,
        destination=ISO[dest], currency="IDR", fx_rate=float(1 / rate))]
    (HERE / "cells_expected.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
