"""Regenerate the spreadsheet corpus of the reader's tests and `expected.json`: each file's recipe below writes the
literal tables of `cases.py` with the writers of `writers.py` and asks `oracle.py` what the reader must conclude.

    .venv/bin/python tests/data/make_files.py

Every file is written by a real writer (xlsxwriter, openpyxl, the csv module, LibreOffice for .xls/.ods,
msoffcrypto-tool for the encrypted workbook). The expected results are computed from the same tables that the
files are written from, never by reading a file back. Every output is byte-for-byte reproducible (fixed
document dates and zip timestamps; the .ods is repacked without LibreOffice's thumbnail), except the encrypted
workbook, whose salts are random: it is kept as committed while it still decrypts to the same workbook.
Without `soffice` on the PATH the .xls/.ods files are left as they are (they are committed) and only their
expected results are rewritten.
"""

from __future__ import annotations

import csv
import io
import tempfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl

# The three parts, beside this script (run as a script, its folder is on the path).
from cases import (  # the literal tables of every file
    BLANK,
    BPS_KOMODITI,
    BPS_KOMODITI_DERIVED,
    BPS_KOMODITI_TITLE,
    BPS_KOMODITI_YEARS,
    BPS_NEGARA,
    BPS_NEGARA_MONTH_HEADERS,
    BPS_TEXT,
    BPS_TEXT_HEADER,
    BPS_TEXT_TITLE,
    BPS_TEXT_UNIT,
    CSV_2021,
    CSV_2021_HEADER,
    CSV_2021_NOTE,
    CSV_2021_TITLE,
    CSV_2021_TOTAL_ERROR,
    CSV_2022,
    CSV_2022_HEADER,
    MERGED,
    MONTHLY,
    MONTHLY_HEADER,
    MONTHLY_YEAR,
    PASSWORD,
    REALISASI,
    REALISASI_HEADER,
    SKA_2020,
    SKA_2020_NOTES,
    SKA_2020_TITLE,
    SKA_2020_XLS,
    SKA_2020_XLS_NOTES,
    SKA_2020_XLS_TITLE,
    SKA_HEADER,
    TARGETS,
    TXT_2019,
    TXT_2019_HEADER,
)
from openpyxl.styles import Alignment, Font
from oracle import (
    CONVENTIONS,
    Outcome,
    Record,
    dec,
    derived_figures,
    dump,
    en_number,
    fmt_id,
    id_date,
    id_number,
    summarise,
)
from writers import convert, new_xlsxwriter, save_openpyxl, tiny_png, write_encrypted

HERE = Path(__file__).resolve().parent


# --------------------------------------------------------------------------------------------------------------
# Long-layout SKA registers (files 1 and 8)
# --------------------------------------------------------------------------------------------------------------


def write_ska_register(target, sheet: str, titles: list[str], rows: list, notes: list[str],
                       out: Outcome, date_format: str) -> None:
    """Titles, a blank row, the header, the shipments, a merged JUMLAH row, a blank row, the notes."""
    book = new_xlsxwriter(target)
    ws = book.add_worksheet(sheet)
    bold = book.add_format({"bold": True, "align": "center", "valign": "vcenter"})
    head = book.add_format({"bold": True, "border": 1, "text_wrap": True, "align": "center", "bg_color": "#D9E1F2"})
    cell = book.add_format({"border": 1})
    day = book.add_format({"border": 1, "num_format": date_format})
    kg = book.add_format({"border": 1, "num_format": "#,##0"})
    usd = book.add_format({"border": 1, "num_format": "#,##0.00"})
    ws.set_column(0, 0, 5)
    ws.set_column(1, 1, 12)
    ws.set_column(2, 2, 26)
    ws.set_column(3, 8, 16)

    r = 0  # zero-based row index; the Excel row is r + 1
    for title in titles:
        ws.merge_range(r, 0, r, len(SKA_HEADER) - 1, title, bold)
        r += 1
    r += 1  # blank row between title and header (above the header: not counted)
    ws.write_row(r, 0, SKA_HEADER, head)
    out.header_rows[sheet] = r + 1
    r += 1

    number, value_sum, weight_sum = 0, Decimal(0), Decimal(0)
    for row in rows:
        if row is BLANK:
            out.skip(sheet, r + 1, "blank")
            r += 1
            continue
        when, exporter, kind, commodity, hs, dest, weight, value = row
        number += 1
        ws.write_number(r, 0, number, cell)
        ws.write_datetime(r, 1, datetime.combine(when, datetime.min.time()), day)
        for c, text in enumerate((exporter, kind, commodity, hs, dest), start=2):
            if text:
                ws.write_string(r, c, text, cell)  # HS codes too: '03049900' keeps its leading zero
            else:
                ws.write_blank(r, c, None, cell)
        ws.write_number(r, 7, weight, kg)
        weight_sum += dec(weight)
        if isinstance(value, str):
            ws.write_string(r, 8, value, cell)
            out.reject(sheet, r + 1, f"value is not a number: {value!r}")
        else:
            ws.write_number(r, 8, value, usd)
            value_sum += dec(value)
            out.records.append(Record(sheet, r + 1, dec(value), when.year, when.month, when, exporter, kind,
                                      commodity, hs, dest, dec(weight)))
        r += 1

    ws.merge_range(r, 0, r, 6, "JUMLAH", head)
    ws.write_number(r, 7, float(weight_sum), kg)
    ws.write_number(r, 8, float(value_sum), usd)
    out.skip(sheet, r + 1, "total")
    out.total(sheet, r + 1, SKA_HEADER[-1], value_sum, value_sum)
    r += 1
    out.skip(sheet, r + 1, "blank")
    r += 1
    for note in notes:
        ws.write_string(r, 0, note)
        out.skip(sheet, r + 1, "note")
        r += 1
    book.close()


def make_ska_2020_xlsx(path: Path) -> dict:
    out = Outcome(notes="Long layout. Two merged title rows and a blank row above the header (row 4), not counted. "
                        "Skipped: the blank row inside the table, the merged JUMLAH row (matches), the blank row "
                        "under it and the two note rows. Rejected: the row whose value cell is the text 'n/a'.")
    write_ska_register(path, "SKA 2020", SKA_2020_TITLE, SKA_2020, SKA_2020_NOTES, out, "dd/mm/yyyy")
    return summarise(out)


def make_ska_2020_xls(path: Path) -> dict:
    out = Outcome(notes="BIFF8 written by LibreOffice from an xlsxwriter workbook. One merged title row and a blank "
                        "row above the header (row 3). Skipped: JUMLAH row (matches), the blank row under it, "
                        "the Sumber note. Dates are numeric cells with a date number format.")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "ska_2020.xlsx"
        write_ska_register(src, "SKA 2020", SKA_2020_XLS_TITLE, SKA_2020_XLS, SKA_2020_XLS_NOTES, out,
                           "d mmm yyyy")
        convert(src, "xls", path)
    return summarise(out)


# --------------------------------------------------------------------------------------------------------------
# Text files (files 2, 3, 4)
# --------------------------------------------------------------------------------------------------------------


def make_csv_2021(path: Path) -> dict:
    out = Outcome(notes="Line numbers are physical lines of the file (title = 1, blank = 2, header = 3). "
                        "Skipped: the Jumlah line (stated 1.000,00 too high: total_mismatch) and the Catatan line.")
    lines: list[list[str]] = [[CSV_2021_TITLE], [], CSV_2021_HEADER]
    out.header_rows[None] = 3
    value_sum, weight_sum = Decimal(0), Decimal(0)
    for number, (when, exporter, kind, commodity, hs, dest, weight, value) in enumerate(CSV_2021, start=1):
        lines.append([str(number), when, exporter, kind, commodity, hs, dest, weight, value])
        d = id_date(when)
        out.records.append(Record(None, len(lines), id_number(value), d.year, d.month, d, exporter, kind,
                                  commodity, hs, dest, id_number(weight)))
        value_sum += id_number(value)
        weight_sum += id_number(weight)
    stated = value_sum + CSV_2021_TOTAL_ERROR
    lines.append(["Jumlah", "", "", "", "", "", "", fmt_id(weight_sum), fmt_id(stated)])
    out.skip(None, len(lines), "total")
    out.total(None, len(lines), CSV_2021_HEADER[-1], stated, value_sum)
    lines.append([CSV_2021_NOTE])
    out.skip(None, len(lines), "note")

    text = io.StringIO(newline="")
    csv.writer(text, delimiter=";", lineterminator="\r\n").writerows(lines)
    path.write_bytes(b"\xef\xbb\xbf" + text.getvalue().encode("utf-8"))
    return summarise(out)


def make_txt_2019(path: Path) -> dict:
    out = Outcome(notes="Windows-1252 bytes, tab-delimited, CRLF, header on line 1, English number style. No year "
                        "column: the year of each record comes from its date (one shipment is dated 2018-12-28). "
                        "No exporter-type column: every record is 'unknown'.")
    lines = ["\t".join(TXT_2019_HEADER)]
    out.header_rows[None] = 1
    for when, exporter, commodity, dest, value in TXT_2019:
        lines.append("\t".join((when, exporter, commodity, dest, value)))
        d = date.fromisoformat(when)
        out.records.append(Record(None, len(lines), en_number(value), d.year, d.month, d, exporter, None,
                                  commodity, None, dest))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return summarise(out)


def make_csv_2022(path: Path) -> dict:
    out = Outcome(notes="UTF-8 without BOM, comma-delimited, LF, header on line 1; every text field quoted, plain "
                        "numbers unquoted; some values are quoted English text with a thousands comma.")
    text = io.StringIO(newline="")
    writer = csv.writer(text, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
    writer.writerow(CSV_2022_HEADER)
    out.header_rows[None] = 1
    for line, (when, exporter, kind, commodity, hs, dest, weight, value) in enumerate(CSV_2022, start=2):
        writer.writerow([when, exporter, kind, commodity, hs, dest, weight, value])
        d = date.fromisoformat(when)
        amount = en_number(value) if isinstance(value, str) else dec(value)
        out.records.append(Record(None, line, amount, d.year, d.month, d, exporter, kind, commodity, hs, dest,
                                  dec(weight)))
    path.write_bytes(text.getvalue().encode("utf-8"))
    return summarise(out)


def make_bps_komoditi(path: Path) -> dict:
    sheet = "Tabel 8.2"
    out = Outcome(notes="Wide: commodities down, years across (year headers are number cells). Unit 'Juta US$' "
                        "is only in the merged title row 1: multiply by 1,000,000. Header on row 3. The three "
                        "derived columns are left out and reported. Skipped: Jumlah row (matches) and Sumber note. "
                        "rows_kept counts spreadsheet rows; record_count counts year cells. No destination column.",
                  unit_multiplier=1_000_000)
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    header = ["Komoditi", *BPS_KOMODITI_YEARS, *BPS_KOMODITI_DERIVED]
    ws.cell(1, 1, BPS_KOMODITI_TITLE).font = Font(bold=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    for c, text in enumerate(header, start=1):
        ws.cell(3, c, text).font = Font(bold=True)
        ws.cell(3, c).alignment = Alignment(wrap_text=True, horizontal="center")
    out.header_rows[sheet] = 3
    out.derived_columns[sheet] = BPS_KOMODITI_DERIVED

    columns = [[dec(row[i]) for row in BPS_KOMODITI] for i in range(1, len(BPS_KOMODITI_YEARS) + 1)]
    sums = [sum(col, Decimal(0)) for col in columns]
    r = 4
    for row in BPS_KOMODITI:
        values = [dec(v) for v in row[1:]]
        ws.cell(r, 1, row[0])
        for c, (year, v) in enumerate(zip(BPS_KOMODITI_YEARS, values), start=2):
            ws.cell(r, c, float(v)).number_format = "0.00"
            out.records.append(Record(sheet, r, v * out.unit_multiplier, year, commodity=row[0], column=str(year)))
        for c, x in enumerate(derived_figures(values, sums[-1]), start=2 + len(values)):
            ws.cell(r, c, x).number_format = "0.00"
        r += 1
    ws.cell(r, 1, "Jumlah").font = Font(bold=True)
    for c, (year, s) in enumerate(zip(BPS_KOMODITI_YEARS, sums), start=2):
        ws.cell(r, c, float(s)).number_format = "0.00"
        out.total(sheet, r, str(year), s * out.unit_multiplier, s * out.unit_multiplier)
    for c, x in enumerate(derived_figures(sums, sums[-1]), start=2 + len(sums)):
        ws.cell(r, c, x).number_format = "0.00"
    out.skip(sheet, r, "total")
    ws.cell(r + 1, 1, "Sumber: BPS Kota Pekalongan").font = Font(italic=True)
    out.skip(sheet, r + 1, "note")
    ws.column_dimensions["A"].width = 22
    save_openpyxl(book, path)
    return summarise(out)


def make_bps_negara(path: Path) -> dict:
    out = Outcome(notes="Wide, one sheet per year (year from the sheet name; the title says the same): countries "
                        "down, Indonesian month names across (2023 spells 'Pebruari' and 'Nopember'). Unit "
                        "'(Nilai dalam Ribu US$)' on row 2: multiply by 1,000. Header on row 3. The 'Jumlah' "
                        "column is a derived total: left out and reported. Empty cells are months without exports "
                        "(no record). Skipped: each sheet's Total row (matches). Sheet 'Grafik' has no table.",
                  unit_multiplier=1_000)
    book = new_xlsxwriter(path)
    bold = book.add_format({"bold": True})
    head = book.add_format({"bold": True, "border": 1, "align": "center"})
    num = book.add_format({"border": 1, "num_format": "#,##0.0"})
    for sheet, rows in BPS_NEGARA.items():
        ws = book.add_worksheet(sheet)
        months = BPS_NEGARA_MONTH_HEADERS[sheet]
        header = ["Negara Tujuan", *months, "Jumlah"]
        ws.merge_range(0, 0, 0, len(header) - 1,
                       f"Nilai Ekspor Kota Pekalongan Menurut Negara Tujuan dan Bulan, {sheet}", bold)
        ws.write_string(1, 0, "(Nilai dalam Ribu US$)")
        ws.write_row(2, 0, header, head)
        ws.set_column(0, 0, 18)
        out.header_rows[sheet] = 3
        out.derived_columns[sheet] = ["Jumlah"]
        col_sums = [Decimal(0)] * 13
        r = 3
        for country, *values in rows:
            ws.write_string(r, 0, country)
            row_sum = Decimal(0)
            for m, v in enumerate(values, start=1):
                if v is None:
                    continue
                ws.write_number(r, m, v, num)
                row_sum += dec(v)
                col_sums[m - 1] += dec(v)
                out.records.append(Record(sheet, r + 1, dec(v) * 1000, int(sheet), m, destination=country,
                                          column=months[m - 1]))
            ws.write_number(r, 13, float(row_sum), num)
            col_sums[12] += row_sum
            r += 1
        ws.write_string(r, 0, "Total", bold)
        for c, s in enumerate(col_sums, start=1):
            ws.write_number(r, c, float(s), num)
            out.total(sheet, r + 1, header[c], s * 1000, s * 1000)
        out.skip(sheet, r + 1, "total")
    book.add_worksheet("Grafik").write_string(0, 0, "Lihat grafik")
    out.sheets_without_table.append("Grafik")
    book.close()
    return summarise(out)


def make_bps_text_ods(path: Path) -> dict:
    sheet = "Komoditi"
    out = Outcome(notes="ODS written by LibreOffice from an openpyxl workbook. Every number is a TEXT cell in "
                        "Indonesian style ('1.234.567,89', '987.654'); the year headers are text too. Title row 1, "
                        "unit '(US$)' on row 2, header row 3. 'Jan-Mei 2021' and 'Jan-Mei 2022' are cumulative "
                        "derived columns: left out and reported. Skipped: Jumlah row (matches) and Sumber note.")
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    ws.cell(1, 1, BPS_TEXT_TITLE).font = Font(bold=True)
    ws.cell(2, 1, BPS_TEXT_UNIT)
    for c, text in enumerate(BPS_TEXT_HEADER, start=1):
        ws.cell(3, c, text).font = Font(bold=True)
    out.header_rows[sheet] = 3
    out.derived_columns[sheet] = BPS_TEXT_HEADER[3:]
    sums = [Decimal(0)] * (len(BPS_TEXT_HEADER) - 1)
    r = 4
    for commodity, *texts in BPS_TEXT:
        ws.cell(r, 1, commodity)
        for c, text in enumerate(texts, start=2):
            ws.cell(r, c, text).alignment = Alignment(horizontal="right")
            sums[c - 2] += id_number(text)
        for c, year in ((2, 2020), (3, 2021)):
            out.records.append(Record(sheet, r, id_number(texts[c - 2]), year, commodity=commodity,
                                      column=str(year)))
        r += 1
    ws.cell(r, 1, "Jumlah").font = Font(bold=True)
    for c, s in enumerate(sums, start=2):
        ws.cell(r, c, fmt_id(s)).alignment = Alignment(horizontal="right")
    for c in (2, 3):
        out.total(sheet, r, BPS_TEXT_HEADER[c - 1], sums[c - 2], sums[c - 2])
    out.skip(sheet, r, "total")
    ws.cell(r + 1, 1, "Sumber: Disdagkopukm Kota Pekalongan, diolah")
    out.skip(sheet, r + 1, "note")
    ws.column_dimensions["A"].width = 22
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "bps_wide_text_id.xlsx"
        save_openpyxl(book, src)
        convert(src, "ods", path)
    return summarise(out)


# --------------------------------------------------------------------------------------------------------------
# Monthly recap sheets and targets (files 9, 10)
# --------------------------------------------------------------------------------------------------------------


def make_monthly(path: Path) -> dict:
    out = Outcome(notes="One sheet per month of 2023 (month from the sheet name, year from the merged title row 1). "
                        "Header on row 3. The Komoditi cell is merged down over 2-3 rows; only the first cell holds "
                        "the text, and the rows below carry it (see merged_commodity_rows). Skipped: each sheet's "
                        "merged JUMLAH row (matches). No date, HS, weight or exporter-type column.")
    book = openpyxl.Workbook()
    book.remove(book.active)
    merged_rows = []
    for month_index, (sheet, rows) in enumerate(MONTHLY.items(), start=1):
        ws = book.create_sheet(sheet)
        ws.cell(1, 1, f"REKAP EKSPOR BULAN {sheet.upper()} {MONTHLY_YEAR}").font = Font(bold=True)
        ws.merge_cells("A1:E1")
        for c, text in enumerate(MONTHLY_HEADER, start=1):
            ws.cell(3, c, text).font = Font(bold=True)
        out.header_rows[sheet] = 3
        r, value_sum, commodity, run_start = 4, Decimal(0), None, 4
        for number, (exporter, written, dest, value) in enumerate(rows, start=1):
            if written is MERGED:
                merged_rows.append({"sheet": sheet, "row": r, "commodity": commodity})
            else:
                if r - 1 > run_start:
                    ws.merge_cells(start_row=run_start, start_column=3, end_row=r - 1, end_column=3)
                commodity, run_start = written, r
                ws.cell(r, 3, commodity).alignment = Alignment(vertical="center")
            ws.cell(r, 1, number)
            ws.cell(r, 2, exporter)
            ws.cell(r, 4, dest)
            ws.cell(r, 5, value).number_format = "#,##0.00"
            value_sum += dec(value)
            out.records.append(Record(sheet, r, dec(value), MONTHLY_YEAR, month_index, exporter=exporter,
                                      commodity=commodity, destination=dest))
            r += 1
        if r - 1 > run_start:
            ws.merge_cells(start_row=run_start, start_column=3, end_row=r - 1, end_column=3)
        ws.cell(r, 1, "JUMLAH").font = Font(bold=True)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        ws.cell(r, 5, float(value_sum)).number_format = "#,##0.00"
        out.total(sheet, r, MONTHLY_HEADER[-1], value_sum, value_sum)
        out.skip(sheet, r, "total")
        ws.column_dimensions["B"].width = 24
        ws.column_dimensions["C"].width = 18
        ws.column_dimensions["D"].width = 18
    out.extra["merged_commodity_rows"] = merged_rows
    save_openpyxl(book, path)
    return summarise(out)


def make_target(path: Path) -> dict:
    out = Outcome(notes="Sheet 'Target' (first) is read as the year targets and rates, not as exports, and is not "
                        "listed in sheets_without_table. Sheet 'Realisasi': header row 1, year column, unit in the "
                        "header 'Nilai (Ribu US$)': multiply by 1,000. No total or note rows.",
                  unit_multiplier=1_000)
    book = openpyxl.Workbook()
    target = book.active
    target.title = "Target"
    target.append(["Tahun", "Target (US$)", "Kurs"])
    for year, usd, rate in TARGETS:
        target.append([year, usd, rate])
        target.cell(target.max_row, 2).number_format = "#,##0"
        target.cell(target.max_row, 3).number_format = "#,##0"
    data = book.create_sheet("Realisasi")
    data.append(REALISASI_HEADER)
    out.header_rows["Realisasi"] = 1
    for year, commodity, dest, value in REALISASI:
        data.append([year, commodity, dest, value])
        out.records.append(Record("Realisasi", data.max_row, dec(value) * 1000, year, commodity=commodity,
                                  destination=dest))
    out.extra["targets"] = {str(y): {"target_usd": float(usd), "rate_idr": float(rate)} for y, usd, rate in TARGETS}
    save_openpyxl(book, path)
    return summarise(out)


# --------------------------------------------------------------------------------------------------------------
# Bad files (11)
# --------------------------------------------------------------------------------------------------------------


def small_register_bytes(rows: int = 12) -> bytes:
    """A valid, ordinary xlsx of a few shipments (basis of corrupt.xlsx and protected.xlsx)."""
    raw = io.BytesIO()
    book = new_xlsxwriter(raw)
    ws = book.add_worksheet("SKA")
    ws.write_row(0, 0, ["Tanggal", "Nama Perusahaan", "Komoditi", "Negara Tujuan", "Nilai FOB (US$)"])
    shipments = [row for row in SKA_2020 if row is not BLANK and not isinstance(row[-1], str)]
    for i, (when, exporter, _, commodity, _, dest, _, value) in enumerate(shipments[:rows], start=1):
        ws.write_row(i, 0, [when.isoformat(), exporter, commodity, dest, value])
    book.close()
    return raw.getvalue()


def make_bad_files() -> dict:
    (HERE / "empty.csv").write_bytes(b"")
    (HERE / "not_a_spreadsheet.xlsx").write_bytes(tiny_png())
    whole = small_register_bytes()
    (HERE / "corrupt.xlsx").write_bytes(whole[: len(whole) // 2])
    write_encrypted(HERE / "protected.xlsx", whole, PASSWORD)

    book = new_xlsxwriter(HERE / "header_only.xlsx")
    ws = book.add_worksheet("SKA 2024")
    ws.merge_range(0, 0, 0, len(SKA_HEADER) - 1, "REKAP EKSPOR KOTA PEKALONGAN TAHUN 2024",
                   book.add_format({"bold": True}))
    ws.write_row(2, 0, SKA_HEADER, book.add_format({"bold": True, "border": 1}))
    book.close()

    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(["Nama Perusahaan", "Alamat", "Negara Tujuan"])
    for exporter, town, dest in [("PT. Batik Pesisir Jaya", "Jl. Hayam Wuruk 12", "Singapura"),
                                 ("CV. Mina Bahari", "Jl. Jlamprang 3", "Korea Selatan"),
                                 ("UD. Kerang Mas", "Krapyak Lor", "Tiongkok"),
                                 ("Batik Larasati", "Kauman", "Jepang")]:
        writer.writerow([exporter, town, dest])
    (HERE / "no_value_column.csv").write_bytes(text.getvalue().encode("utf-8"))

    return {
        "empty.csv": {"error": True, "error_kind": "UnreadableFile", "why": "0 bytes"},
        "not_a_spreadsheet.xlsx": {"error": True, "error_kind": "UnreadableFile", "why": "a PNG image named .xlsx"},
        "corrupt.xlsx": {"error": True, "error_kind": "UnreadableFile",
                         "why": f"a valid xlsx cut to its first {len(whole) // 2} of {len(whole)} bytes"},
        "protected.xlsx": {"error": True, "error_kind": "ProtectedWorkbook", "password": PASSWORD,
                           "why": "OOXML agile encryption (an OLE compound file, not a zip)"},
        "header_only.xlsx": {"error": True, "error_kind": "NoExportTable",
                             "why": "title on row 1, header on row 3, no data rows"},
        "no_value_column.csv": {"error": True, "error_kind": "NoExportTable",
                                "why": "names, addresses and countries, no value column"},
    }


def main() -> None:
    HERE.mkdir(parents=True, exist_ok=True)
    good = {
        "ska_2020.xlsx": make_ska_2020_xlsx,
        "ska_2021_semicolon_id.csv": make_csv_2021,
        "ska_2019_cp1252_tab.txt": make_txt_2019,
        "ska_2022_comma_en.csv": make_csv_2022,
        "bps_wide_komoditi.xlsx": make_bps_komoditi,
        "bps_wide_negara_bulanan.xlsx": make_bps_negara,
        "bps_wide_text_id.ods": make_bps_text_ods,
        "ska_2020.xls": make_ska_2020_xls,
        "monthly_recap_sheets.xlsx": make_monthly,
        "target.xlsx": make_target,
    }
    expected: dict = {"_conventions": CONVENTIONS}
    for name, make in good.items():
        expected[name] = make(HERE / name)
    expected.update(make_bad_files())
    for name in expected:
        path = HERE / name
        if name != "_conventions" and path.exists():
            assert path.stat().st_size < 30_000, f"{name} is too large"
    (HERE / "expected.json").write_text(dump(expected), encoding="utf-8")
    print(f"wrote {len(expected) - 1} files and expected.json to {HERE}")


if __name__ == "__main__":
    main()
