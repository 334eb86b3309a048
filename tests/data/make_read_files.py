"""The reader's real files for sheets, formulas and text formats, and `expected_read.json`, from the tables below.

    .venv/bin/python tests/data/make_read_files.py

Written by real writers: xlsxwriter (a chart sheet, a hidden sheet, formulas with their cached values and
Excel's error values, merged title rows), Python's codecs for Excel's "Unicode Text" (UTF-16 LE with a BOM, tabs,
CRLF) and "CSV UTF-8" (a BOM, CRLF, semicolons as Indonesian Excel writes them, quoted cells holding line breaks,
semicolons and doubled quotes). Expected results are computed here from the same tables, never by reading a file
back. Output is byte-for-byte reproducible (fixed document dates).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent
FIXED_TIME = datetime(2024, 1, 15, 8, 0, 0)
OFFICE = "DINAS PERDAGANGAN, KOPERASI DAN UKM KOTA PEKALONGAN"
HEADER = ["No", "Nama Perusahaan", "Komoditi", "Negara Tujuan", "Nilai FOB (US$)"]

# ------------------------------------------------------------------------------------- one sheet per month

# Month sheet -> its shipments (exporter, commodity, destination, value). None: the sheet holds no table.
MONTHS: dict[str, list[tuple[str, str, str, float]] | str | None] = {
    "Januari": [
        ("CV Batik Pesisir", "Sarung Batik", "Jepang", 12_500.00),
        ("PT Mina Samudra", "Surimi", "Korea Selatan", 48_250.75),
        ("UD Tenun Ikat", "Kain Batik", "Singapura", 3_120.50),
    ],
    "Februari": [
        ("CV Batik Pesisir", "Sarung Batik", "Malaysia", 9_800.00),
        ("PT Mina Samudra", "Surimi", "Jepang", 51_000.25),
    ],
    "Maret": [],  # the header is there, no shipment yet
    "April": None,  # an empty sheet: the month not filled in at all
    "Mei": "NIHIL",  # the office writes NIHIL under the header: no exports that month
}
CHART_SHEET = "Grafik"
HIDDEN_SHEET = "Data Lama"  # last year's copy, hidden: never counted
HIDDEN_ROWS = [("CV Lama", "Sarung Batik", "Jepang", 99_999.00)]
COPY_SHEET = "Copy of Januari"  # Excel's "Move or Copy" left a copy of January: the same cells


def _month_sheet(book: xlsxwriter.Workbook, name: str, content: object, formats: dict) -> None:
    ws = book.add_worksheet(name)
    if content is None:
        return
    ws.merge_range(0, 0, 0, len(HEADER) - 1, f"REKAPITULASI EKSPOR BULAN {name.upper()} 2024", formats["bold"])
    ws.merge_range(1, 0, 1, len(HEADER) - 1, OFFICE)
    ws.write_row(3, 0, HEADER, formats["bold"])
    if content == "NIHIL":
        ws.merge_range(4, 0, 4, len(HEADER) - 1, "NIHIL", formats["center"])
        ws.write(5, 0, "JUMLAH", formats["bold"])
        ws.write_number(5, 4, 0, formats["usd"])
        return
    rows = content
    for i, (exporter, commodity, destination, value) in enumerate(rows):
        ws.write_row(4 + i, 0, [i + 1, exporter, commodity, destination])
        ws.write_number(4 + i, 4, value, formats["usd"])
    if rows:
        last = 4 + len(rows)
        ws.write(last, 0, "JUMLAH", formats["bold"])
        ws.write_formula(last, 4, f"=SUM(E5:E{last})", formats["usd"], float(sum(v for *_, v in rows)))


def write_monthly(path: Path) -> dict:
    book = xlsxwriter.Workbook(str(path))
    book.set_properties({"created": FIXED_TIME})
    formats = {"bold": book.add_format({"bold": True}), "usd": book.add_format({"num_format": "#,##0.00"}),
               "center": book.add_format({"align": "center", "bold": True})}
    for name, content in MONTHS.items():
        _month_sheet(book, name, content, formats)
    chart = book.add_chart({"type": "column"})
    chart.add_series({"name": "Januari", "categories": "=Januari!$D$5:$D$7", "values": "=Januari!$E$5:$E$7"})
    book.add_chartsheet(CHART_SHEET).set_chart(chart)
    hidden = book.add_worksheet(HIDDEN_SHEET)
    _month_sheet_rows(hidden, HIDDEN_ROWS, formats)
    hidden.hide()
    _month_sheet(book, COPY_SHEET, MONTHS["Januari"], formats)
    book.close()
    records = [(month, *row) for month, rows in MONTHS.items() if isinstance(rows, list) for row in rows]
    return {
        "sheets_read": ["Januari", "Februari", "Maret"],
        "sheets_skipped": {"April": "read.sheet.empty", "Mei": "read.sheet.nihil", CHART_SHEET: "read.sheet.chart",
                           HIDDEN_SHEET: "read.sheet.hidden", COPY_SHEET: "read.sheet.repeat"},
        "copy_of": "Januari",
        "record_count": len(records),
        "total_value_usd": _cents(sum(Decimal(str(r[-1])) for r in records)),
        "by_month": {f"2024-{i + 1:02d}": _cents(sum(Decimal(str(r[-1])) for r in records if r[0] == m))
                     for i, m in enumerate(MONTHS) if any(r[0] == m for r in records)},
        "rows_kept": {m: len(rows) for m, rows in MONTHS.items() if isinstance(rows, list)},
    }


def _month_sheet_rows(ws, rows, formats) -> None:
    ws.write(0, 0, f"REKAPITULASI EKSPOR 2023 ({HIDDEN_SHEET.upper()})", formats["bold"])
    ws.write_row(2, 0, HEADER, formats["bold"])
    for i, (exporter, commodity, destination, value) in enumerate(rows):
        ws.write_row(3 + i, 0, [i + 1, exporter, commodity, destination])
        ws.write_number(3 + i, 4, value, formats["usd"])


# ------------------------------------------------------------------------------------------ formula cells

# (exporter, destination, weight kg, price per kg, cached value or Excel error). The value cell is a formula
# (=weight*price); its cached value is what Excel showed when the file was saved.
FORMULA_ROWS: list[tuple[str, str, float, float | str, float | str]] = [
    ("CV Batik Pesisir", "Jepang", 250.0, 50.0, 12_500.0),
    ("PT Mina Samudra", "Korea Selatan", 1_000.0, 4.25, 4_250.0),
    ("UD Tenun Ikat", "Singapura", 120.0, "#N/A", "#N/A"),  # VLOOKUP of the price found nothing
    ("CV Sinar Laut", "Malaysia", 80.0, 12.5, "#REF!"),  # a deleted column the formula pointed to
    ("PT Kriya Bandengan", "Jepang", 40.0, "n/a", "#VALUE!"),  # text where the price belongs
    ("UD Batik Jaya", "Singapura", 0.0, 0.0, "#DIV/0!"),  # price per kg from an empty total
    ("CV Batik Pesisir", "Malaysia", 60.0, 75.0, 4_500.0),
]
FORMULA_HEADER = ["No", "Nama Perusahaan", "Negara Tujuan", "Berat (Kg)", "Harga per Kg (US$)", "Nilai FOB (US$)"]


def write_formulas(path: Path) -> dict:
    book = xlsxwriter.Workbook(str(path))
    book.set_properties({"created": FIXED_TIME})
    bold = book.add_format({"bold": True})
    usd = book.add_format({"num_format": "#,##0.00"})
    ws = book.add_worksheet("SKA 2024")
    ws.merge_range(0, 0, 0, len(FORMULA_HEADER) - 1, "REKAPITULASI SKA TAHUN 2024", bold)
    ws.write_row(2, 0, FORMULA_HEADER, bold)
    for i, (exporter, destination, kg, price, value) in enumerate(FORMULA_ROWS):
        r = 3 + i
        ws.write_row(r, 0, [i + 1, exporter, destination, kg])
        if isinstance(price, str) and price.startswith("#"):
            ws.write_formula(r, 4, f'=VLOOKUP(B{r + 1},Harga!A:B,2,FALSE)', usd, price)
        else:
            ws.write(r, 4, price, usd)
        ws.write_formula(r, 5, f"=D{r + 1}*E{r + 1}", usd, value)
    last = 3 + len(FORMULA_ROWS)
    ws.write(last, 0, "JUMLAH", bold)
    ws.write_formula(last, 5, f"=SUM(F4:F{last})", usd, "#N/A")  # Excel's SUM over an error is the error
    book.close()
    errors = {3 + i + 1: value for i, (*_, value) in enumerate(FORMULA_ROWS) if isinstance(value, str)}
    kept = [v for *_, v in FORMULA_ROWS if not isinstance(v, str)]
    return {
        "record_count": len(kept),
        "total_value_usd": _cents(sum(Decimal(str(v)) for v in kept)),
        "rejected": {str(row): error for row, error in errors.items()},
        "total_row": last + 1,
    }


# ------------------------------------------------------------------------------------------------ text files

# (date, exporter, commodity, destination, value as the office types it, value). Cells hold what makes CSV hard:
# a line break inside a name, the delimiter inside a commodity, doubled quotes.
TEXT_ROWS: list[tuple[str, str, str, str, str, float]] = [
    ("02/01/2024", "CV Batik Pesisir\nPekalongan Utara", "Sarung Batik", "Jepang", "12.500,00", 12_500.00),
    ("15/01/2024", "PT Mina Samudra", "Surimi; beku", "Korea Selatan", "48.250,75", 48_250.75),
    ("03/02/2024", 'UD "Tenun Ikat" Jaya', "Kain Batik", "Singapura", "3.120,50", 3_120.50),
    ("20/02/2024", "CV Sinar Laut", "Crab Shell Pellet", "Türkiye", "7.777,77", 7_777.77),
    ("05/03/2024", "PT Kriya Bandengan", "Kemeja Batik\r\n(lengan panjang)", "Côte d’Ivoire", "1.000,00", 1_000.0),
]
TEXT_HEADER = ["Tanggal", "Nama Perusahaan", "Komoditi", "Negara Tujuan", "Nilai FOB (US$)"]
TEXT_TITLE = "REKAPITULASI SKA TRIWULAN I 2024\n(data sementara)"  # a title cell with a line break of its own


def _csv_text(delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([TEXT_TITLE])
    writer.writerow([])
    writer.writerow(TEXT_HEADER)
    for date, exporter, commodity, destination, typed, _ in TEXT_ROWS:
        writer.writerow([date, exporter, commodity, destination, typed])
    writer.writerow(["JUMLAH", "", "", "", _typed(sum(Decimal(str(r[-1])) for r in TEXT_ROWS))])
    return out.getvalue()


def _typed(value: Decimal) -> str:
    return f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def write_text_files() -> dict:
    # Excel's "CSV UTF-8 (Comma delimited)" on an Indonesian Windows: a BOM, CRLF, the list separator ";".
    (HERE / "ska_2024_csv_utf8_bom.csv").write_bytes(b"\xef\xbb\xbf" + _csv_text(";").encode("utf-8"))
    # Excel's "Unicode Text": UTF-16 little-endian with a BOM, tabs, CRLF.
    (HERE / "ska_2024_unicode_text.txt").write_bytes(_csv_text("\t").encode("utf-16"))
    expected = {
        "record_count": len(TEXT_ROWS),
        "total_value_usd": _cents(sum(Decimal(str(r[-1])) for r in TEXT_ROWS)),
        "exporters": sorted({r[1].replace("\r\n", " ").replace("\n", " ") for r in TEXT_ROWS}),
        "commodities_raw": [r[2] for r in TEXT_ROWS],
        "destinations": sorted({r[3] for r in TEXT_ROWS}),
        "by_month": {},
    }
    for date, *_, value in TEXT_ROWS:
        key = f"{date[6:]}-{date[3:5]}"
        expected["by_month"][key] = expected["by_month"].get(key, 0.0) + value
    expected["by_month"] = {k: round(v, 2) for k, v in expected["by_month"].items()}
    return expected


def _cents(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.01")))


def main() -> None:
    expected = {
        "ekspor_bulanan_2024.xlsx": write_monthly(HERE / "ekspor_bulanan_2024.xlsx"),
        "ska_2024_rumus.xlsx": write_formulas(HERE / "ska_2024_rumus.xlsx"),
        "text": write_text_files(),
    }
    (HERE / "expected_read.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
