"""Write the government-layout corpus of issue 11 (tests/data/layouts/) and `expected_layouts.json`.

    .venv/bin/python tests/data/make_layouts.py

Each layout copies a table as Indonesian offices publish it (BPS releases, "Dalam Angka" yearbook tables, e-SKA
registers, a workbook of month sheets with its Rekap, analysts' CSVs): title rows, merged titles and group
headers, a row of column numbers, totals with and without a label, footnotes. Every file is written by a real
writer (xlsxwriter, openpyxl, the csv module) from the literal figures below, and the expected records are
computed from those same figures, never by reading a file back.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent
OUT = HERE / "layouts"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
D = Decimal


def _book(path: Path) -> xlsxwriter.Workbook:
    book = xlsxwriter.Workbook(str(path))
    from datetime import datetime

    book.set_properties({"created": datetime(2024, 5, 2, 9, 0), "author": "BPS Kota Pekalongan"})
    return book


def _write(ws, grid: list[list[object]], merges: list[tuple[int, int, int, int]] = ()) -> None:
    """grid rows (None = blank cell) -> the sheet; merges (r1, c1, r2, c2) written with their first cell's text."""
    covered = set()
    for r1, c1, r2, c2 in merges:
        ws.merge_range(r1, c1, r2, c2, grid[r1][c1])
        covered |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if value is not None and (r, c) not in covered:
                ws.write(r, c, float(value) if isinstance(value, Decimal) else value)


class Expect:
    """Records as (year, month, commodity, destination, value_usd); sums are what the tests compare."""

    def __init__(self) -> None:
        self.records: list[tuple] = []

    def add(self, year, month, commodity, destination, value: Decimal) -> None:
        self.records.append((year, month, commodity, destination, value))

    def summary(self, **more) -> dict:
        def sums(i):
            out: dict[str, Decimal] = {}
            for r in self.records:
                if r[i] is not None:
                    out[str(r[i])] = out.get(str(r[i]), D(0)) + r[4]
            return {k: round(float(v), 2) for k, v in sorted(out.items())}

        return {
            "record_count": len(self.records),
            "total_value_usd": round(float(sum((r[4] for r in self.records), D(0))), 2),
            "by_year": sums(0),
            "by_month": sums(1),
            "by_commodity": sums(2),
            "by_destination": sums(3),
            **more,
        }


# ----------------------------------------------------------------------------------------------------- layouts


def nonmigas_two_row_header(path: Path) -> dict:
    """BPS release table: merged title, 'Nilai (Juta US$)' merged over the years, a row of column numbers, a
    'NON MIGAS' total standing FIRST above the commodities it sums, a footnote."""
    figures = {
        "Kain Batik": (D("12.40"), D("13.05")),
        "Sarung Batik": (D("20.15"), D("22.70")),
        "Surimi": (D("4.35"), D("3.90")),
        "Crab Shell Pellet": (D("1.10"), D("1.25")),
    }
    total = tuple(sum(v[i] for v in figures.values()) for i in range(2))
    grid = [
        ["Tabel 3.2 Nilai Ekspor Non Migas Kota Pekalongan Menurut Komoditi, 2022–2023", None, None],
        [None, None, None],
        ["Komoditi", "Nilai (Juta US$)", None],
        [None, "2022", "2023"],
        ["(1)", "(2)", "(3)"],
        ["NON MIGAS", *total],
        *[[k, *v] for k, v in figures.items()],
        ["Sumber: BPS Kota Pekalongan", None, None],
    ]
    book = _book(path)
    _write(book.add_worksheet("Tabel 3.2"), grid, [(0, 0, 0, 2), (2, 1, 2, 2), (2, 0, 3, 0)])
    book.close()
    e = Expect()
    for k, v in figures.items():
        for year, value in zip((2022, 2023), v):
            e.add(year, None, k, None, value * 1_000_000)
    return e.summary(skipped_rows=[6, 11], header_rows=[3, 4, 5])


def unlabelled_total_last(path: Path) -> dict:
    """A "Dalam Angka" table whose last row sums the commodities under the city's name, no total word."""
    figures = {
        "Kain Batik": (D("1250400.50"), D("1302500.00"), D("1411250.25")),
        "Sarung Batik": (D("2210000.00"), D("2305100.75"), D("2390420.00")),
        "Garmen": (D("512300.00"), D("498700.40"), D("530010.10")),
        "Surimi": (D("310450.00"), D("295000.00"), D("320990.90")),
    }
    total = tuple(sum(v[i] for v in figures.values()) for i in range(3))
    grid = [
        ["Kota Pekalongan Dalam Angka 2024"],
        ["Tabel 7.4.1 Nilai Ekspor Menurut Jenis Komoditi (US$), 2021–2023"],
        ["Jenis Komoditi", "2021", "2022r)", "2023*)"],
        *[[k, *v] for k, v in figures.items()],
        ["Kota Pekalongan", *total],
        ["Sumber: Dinas Perdagangan, Koperasi dan UKM Kota Pekalongan"],
        ["*) Angka sementara; r) angka diperbaiki"],
    ]
    book = _book(path)
    _write(book.add_worksheet("7.4.1"), grid)
    book.close()
    e = Expect()
    for k, v in figures.items():
        for year, value in zip((2021, 2022, 2023), v):
            e.add(year, None, k, None, value)
    return e.summary(skipped_rows=[8, 9, 10], year_marks={"2022": "revised", "2023": "provisional"})


def country_month_totals(path: Path) -> dict:
    """Country x month with a Jumlah column and a 'Totals' row (the statistics office's pivot export)."""
    countries = {
        "Jepang": [D(1000 + 37 * m) for m in range(12)],
        "Amerika Serikat": [D(2500 + 11 * m) for m in range(12)],
        "Malaysia": [D(700 - 13 * m) for m in range(12)],
    }
    grid = [
        ["Ekspor Kota Pekalongan Menurut Negara Tujuan dan Bulan, Tahun 2023 (US$)"],
        ["Negara Tujuan", *MONTHS, "Jumlah"],
        *[[k, *v, sum(v)] for k, v in countries.items()],
        ["Totals", *[sum(v[m] for v in countries.values()) for m in range(12)],
         sum(sum(v) for v in countries.values())],
    ]
    book = _book(path)
    _write(book.add_worksheet("2023"), grid)
    book.close()
    e = Expect()
    for k, v in countries.items():
        for m, value in enumerate(v, 1):
            e.add(2023, m, None, k, value)
    return e.summary(skipped_rows=[6])


def cumulative_three_row_header(path: Path) -> dict:
    """BPS release: 'Nilai FOB (Juta US$)' over years and a 'Januari–Mei' block over 2024 | 2025, a share column."""
    figures = {
        "Jepang": (D("10.25"), D("11.40"), D("4.10"), D("4.75"), D("21.3")),
        "Amerika Serikat": (D("20.10"), D("19.85"), D("8.05"), D("8.60"), D("38.6")),
        "Malaysia": (D("5.50"), D("6.05"), D("2.20"), D("2.70"), D("12.1")),
    }
    total = tuple(sum(v[i] for v in figures.values()) for i in range(5))
    grid = [
        ["Berita Resmi Statistik: Perkembangan Ekspor Kota Pekalongan Mei 2025"],
        ["Tabel 2. Nilai Ekspor Menurut Negara Tujuan"],
        ["Negara Tujuan", "Nilai FOB (Juta US$)", None, None, None, "Peran (%)"],
        [None, "2023", "2024", "Januari–Mei", None, None],
        [None, None, None, "2024", "2025", None],
        *[[k, *v] for k, v in figures.items()],
        ["Total", *total],
        ["Catatan: angka 2025 bersifat sementara"],
    ]
    book = _book(path)
    _write(book.add_worksheet("Tabel 2"), grid,
           [(0, 0, 0, 5), (2, 1, 2, 4), (3, 3, 3, 4), (2, 0, 4, 0), (2, 5, 4, 5)])
    book.close()
    e = Expect()
    for k, v in figures.items():
        for year, value in zip((2023, 2024), v[:2]):
            e.add(year, None, None, k, value * 1_000_000)
    return e.summary(header_rows=[3, 4, 5])


def years_above_months(path: Path) -> dict:
    """Commodity x (year over month): 2023 merged over its six months, then 2024."""
    figures = {
        "Kain Batik": [D(100 + 3 * i) for i in range(12)],
        "Sarung Batik": [D(250 + 7 * i) for i in range(12)],
    }
    head1 = ["Komoditi", "2023", *[None] * 5, "2024", *[None] * 5]
    head2 = [None, *MONTHS[:6], *MONTHS[:6]]
    grid = [
        ["Nilai Ekspor Semester I Menurut Komoditi (Ribu US$)"],
        head1,
        head2,
        *[[k, *v] for k, v in figures.items()],
        ["Jumlah", *[sum(v[i] for v in figures.values()) for i in range(12)]],
    ]
    book = _book(path)
    _write(book.add_worksheet("Semester I"), grid, [(1, 1, 1, 6), (1, 7, 1, 12), (1, 0, 2, 0)])
    book.close()
    e = Expect()
    for k, v in figures.items():
        for i, value in enumerate(v):
            e.add(2023 + i // 6, i % 6 + 1, k, None, value * 1000)
    return e.summary(skipped_rows=[6])


def months_down_years_across(path: Path) -> dict:
    """The city's monthly series: months down, years across, a Jumlah row."""
    years = (2021, 2022, 2023)
    months = ("[01] Januari", "[02] Februari", "[03] Maret", "[04] April", "[05] Mei", "[06] Juni", "[07] Juli",
              "[08] Agustus", "[09] September", "[10] Oktober", "[11] November", "[12] Desember")
    values = {(y, m): D(1_000_000 + 12_345 * m + 50_000 * (y - 2021)) + D("0.50") for y in years for m in range(1, 13)}
    grid = [
        ["Nilai Ekspor Kota Pekalongan per Bulan (US$)"],
        ["Bulan", *map(str, years)],
        *[[months[m - 1], *[values[y, m] for y in years]] for m in range(1, 13)],
        ["Jumlah", *[sum(values[y, m] for m in range(1, 13)) for y in years]],
        ["Sumber: Disdagkopukm"],
    ]
    book = _book(path)
    _write(book.add_worksheet("Bulanan"), grid)
    book.close()
    e = Expect()
    for (y, m), value in values.items():
        e.add(y, m, None, None, value)
    return e.summary(skipped_rows=[15, 16])


def stacked_weight_value_blocks(path: Path) -> dict:
    """A weight block then a value block of the same countries under one header, each with its Jumlah."""
    weight = {"Jepang": (D(120), D(135)), "Singapura": (D(80), D(95)), "Malaysia": (D(40), D(42))}
    value = {"Jepang": (D("310.5"), D("340.2")), "Singapura": (D("150.0"), D("171.3")), "Malaysia": (D("60.4"), D("66.0"))}
    grid = [
        ["Ekspor Menurut Negara Tujuan, 2022–2023"],
        ["Negara Tujuan", "2022", "2023"],
        ["Berat Bersih : Ton", None, None],
        *[[k, *v] for k, v in weight.items()],
        ["Jumlah", *[sum(v[i] for v in weight.values()) for i in range(2)]],
        ["Nilai FOB : 000 US$", None, None],
        *[[k, *v] for k, v in value.items()],
        ["Jumlah", *[sum(v[i] for v in value.values()) for i in range(2)]],
    ]
    book = _book(path)
    _write(book.add_worksheet("Negara"), grid)
    book.close()
    e = Expect()
    for k, v in value.items():
        for year, x in zip((2022, 2023), v):
            e.add(year, None, None, k, x * 1000)
    return e.summary(weight_kg=round(float(sum(sum(v) for v in weight.values()) * 1000), 2))


def production_table(path: Path) -> dict:
    """A production table saved as a spreadsheet: not exports, refused with what it seems to be."""
    grid = [
        ["Produksi Industri Batik Kota Pekalongan"],
        ["Tahun", "Komoditi", "Nilai Produksi (Rp)", "Volume Produksi (Ton)"],
        [2022, "Kain Batik", 125_000_000_000, 410],
        [2023, "Kain Batik", 131_500_000_000, 428],
    ]
    book = _book(path)
    _write(book.add_worksheet("Produksi"), grid)
    book.close()
    return {"error_contains": "produksi"}


def import_table(path: Path) -> dict:
    rows = [["Impor Kota Pekalongan Menurut Negara Asal"], ["Negara Asal", "Tahun", "Nilai Impor (US$)"],
            ["Tiongkok", "2023", "1250000"], ["India", "2023", "310000"]]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return {"error_contains": "impor"}


def migas_columns(path: Path) -> dict:
    """The statistics office's words: Tahun | Bulan | Total | MIGAS | NON MIGAS (Total is their sum)."""
    rows = [["Tahun", "Bulan", "Total", "MIGAS", "NON MIGAS"]]
    e = Expect()
    for m in range(1, 7):
        migas, non = D(0) if m % 3 else D("1200.5"), D(50_000 + 1_000 * m) + D("0.25")
        rows.append(["2024", str(m), f"{migas + non}", f"{migas}", f"{non}"])
        e.add(2024, m, "MIGAS", None, migas)
        e.add(2024, m, "NON MIGAS", None, non)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return e.summary(warning_code="unit_not_written")


def analyst_hs_columns(path: Path) -> dict:
    """An analyst's CSV: year | export_hs84_usd | export_hs85_usd | export_hs84_85_usd (the last is the sum)."""
    rows = [["year", "export_hs84_usd", "export_hs85_usd", "export_hs84_85_usd"]]
    e = Expect()
    for y, a, b in ((2021, D("51200.5"), D("18000")), (2022, D("60300"), D("21950.75")), (2023, D("58010"), D("25000"))):
        rows.append([str(y), str(a), str(b), str(a + b)])
        e.add(y, None, "84", None, a)
        e.add(y, None, "85", None, b)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return e.summary()


def data_row_like_years(path: Path) -> dict:
    """A wide table whose first data row holds 2000 and 2098 (dollars that look like years)."""
    figures = {"Jepang": (D(2000), D(2098)), "Korea Selatan": (D(1500), D(1720)), "Belanda": (D(990), D(1010))}
    grid = [
        ["Ekspor Kerajinan Menurut Negara Tujuan (US$)"],
        ["Negara Tujuan", "2023", "2024"],
        *[[k, *v] for k, v in figures.items()],
    ]
    book = _book(path)
    _write(book.add_worksheet("Kerajinan"), grid)
    book.close()
    e = Expect()
    for k, v in figures.items():
        for year, x in zip((2023, 2024), v):
            e.add(year, None, None, k, x)
    return e.summary(header_rows=[2])


def merged_register(path: Path) -> dict:
    """An SKA register with exporter, exporter type and commodity merged over their shipments; one later row has a
    genuinely blank exporter (not merged), which must stay blank."""
    shipments = [  # exporter, type, commodity, destination, value
        ("PT Batik Pesisir", "UMKM", "Kain Batik", "Jepang", D("12500.00")),
        ("PT Batik Pesisir", "UMKM", "Kain Batik", "Malaysia", D("8300.50")),
        ("PT Batik Pesisir", "UMKM", "Kain Batik", "Singapura", D("4100.00")),
        ("CV Sarung Jaya", "Besar", "Sarung Batik", "Arab Saudi", D("30250.00")),
        ("CV Sarung Jaya", "Besar", "Sarung Batik", "Uni Emirat Arab", D("22000.25")),
        (None, None, None, "Jepang", D("999.00")),
    ]
    grid = [
        ["DAFTAR PENERBITAN SKA KOTA PEKALONGAN TAHUN 2023"],
        [None],
        ["No", "Eksportir", "Jenis Eksportir", "Komoditi", "Negara Tujuan", "Nilai FOB (US$)"],
        *[[i + 1, *s] for i, s in enumerate(shipments)],
        ["Jumlah", None, None, None, None, sum(s[4] for s in shipments)],
    ]
    merges = [(3, c, 5, c) for c in (1, 2, 3)] + [(6, c, 7, c) for c in (1, 2, 3)]
    book = _book(path)
    _write(book.add_worksheet("SKA 2023"), grid, merges)
    book.close()
    e = Expect()
    for s in shipments:
        e.add(2023, None, s[2], s[3], s[4])
    exporters: dict[str, float] = {}
    for s in shipments:
        if s[0]:
            exporters[s[0]] = round(exporters.get(s[0], 0.0) + float(s[4]), 2)
    return e.summary(by_exporter=exporters, skipped_rows=[10])


def month_sheets_with_rekap(path: Path) -> dict:
    """One sheet per month of shipments and a 'Rekap' sheet summing them by commodity: the Rekap is not added."""
    months = {
        "Januari": [("Kain Batik", "Jepang", D(1200)), ("Surimi", "Korea Selatan", D(3400)), ("Kain Batik", "Malaysia", D(800))],
        "Februari": [("Surimi", "Jepang", D(2100)), ("Sarung Batik", "Arab Saudi", D(5600))],
        "Maret": [("Kain Batik", "Jepang", D(1500)), ("Sarung Batik", "Arab Saudi", D(4300)), ("Surimi", "Jepang", D(900))],
    }
    book = _book(path)
    e = Expect()
    rekap: dict[str, Decimal] = {}
    for m, (name, rows) in enumerate(months.items(), 1):
        grid = [[f"Realisasi Ekspor Bulan {name} 2023"], ["Tanggal", "Komoditi", "Negara Tujuan", "Nilai FOB (US$)"]]
        for day, (k, dest, v) in enumerate(rows, 3):
            grid.append([f"2023-{m:02d}-{day:02d}", k, dest, v])
            e.add(2023, m, k, dest, v)
            rekap[k] = rekap.get(k, D(0)) + v
        _write(book.add_worksheet(name), grid)
    grid = [["Rekap Ekspor Triwulan I 2023"], ["Komoditi", "Nilai FOB (US$)"], *[[k, v] for k, v in rekap.items()]]
    _write(book.add_worksheet("Rekap"), grid)
    book.close()
    return e.summary()


def unit_not_written(path: Path) -> dict:
    """A national-style table with no unit anywhere: read as written, and said so."""
    figures = {"Jepang": (D("31.2"), D("33.9")), "Amerika Serikat": (D("55.0"), D("57.1"))}
    grid = [["Ekspor Menurut Negara Tujuan"], ["Negara", "2022", "2023"], *[[k, *v] for k, v in figures.items()]]
    book = _book(path)
    _write(book.add_worksheet("Negara"), grid)
    book.close()
    e = Expect()
    for k, v in figures.items():
        for year, x in zip((2022, 2023), v):
            e.add(year, None, None, k, x)
    return e.summary(warning_code="unit_not_written")


def overlap_pair(register: Path, table: Path) -> dict:
    """An SKA register for 2023 and a statistics-office table of the same commodities for 2022-2023: 2023 is
    counted once, from the register (it has the shipments); 2022 comes from the table."""
    shipments = [("2023-02-10", "PT Batik Pesisir", "Kain Batik", "Jepang", D("15000")),
                 ("2023-05-03", "CV Sarung Jaya", "Sarung Batik", "Arab Saudi", D("42000")),
                 ("2023-09-21", "PT Batik Pesisir", "Kain Batik", "Malaysia", D("9000"))]
    grid = [["Register SKA 2023"], ["Tanggal", "Eksportir", "Komoditi", "Negara Tujuan", "Nilai FOB (US$)"],
            *[list(s) for s in shipments]]
    book = _book(register)
    _write(book.add_worksheet("SKA"), grid)
    book.close()
    stats = {"Kain Batik": (D(20000), D(25500)), "Sarung Batik": (D(40000), D(43000))}
    grid = [["Nilai Ekspor Menurut Komoditi (US$)"], ["Komoditi", "2022", "2023"], *[[k, *v] for k, v in stats.items()]]
    book = _book(table)
    _write(book.add_worksheet("Komoditi"), grid)
    book.close()
    e = Expect()
    for s in shipments:
        e.add(2023, int(s[0][5:7]), s[2], s[3], s[4])
    for k, v in stats.items():
        e.add(2022, None, k, None, v[0])
    return e.summary(files=[register.name, table.name], overlap_years=[2023])


def exim_pivot(path: Path) -> dict:
    """The statistics office's exim download: three stacked header rows (country, port, '[02] Februari') merged
    across 1,500 columns, HS chapters down with their label merged over their year rows, a Totals row and a
    Totals column."""
    countries = ["Jepang", "Amerika Serikat", "Malaysia", "Singapura", "Korea Selatan", "Belanda", "Australia",
                 "Vietnam", "Taiwan", "Arab Saudi"]
    ports = ["Tanjung Emas", "Tanjung Priok", "Tanjung Perak"]
    months = ["[01] Januari", "[02] Februari", "[03] Maret", "[04] April", "[05] Mei", "[06] Juni", "[07] Juli",
              "[08] Agustus", "[09] September", "[10] Oktober"]
    chapters = ["[03] Ikan dan udang", "[16] Olahan daging/ikan", "[52] Kapas", "[62] Pakaian bukan rajutan"]
    years = (2022, 2023)
    distinct = list(dict.fromkeys(countries))
    columns = ([(c, p, m) for c in distinct for p in ports for m in range(len(months))] * 5)[:1500]
    head = [["Ekspor Menurut Kode HS 2 Digit, Negara Tujuan, Pelabuhan dan Bulan (US$)"],
            ["Kode HS", "Tahun", *[c for c, _, _ in columns], "Totals"],
            [None, None, *[p for _, p, _ in columns], None],
            [None, None, *[months[m] for _, _, m in columns], None]]
    e = Expect()
    body = []
    for h, chapter in enumerate(chapters):
        for y, year in enumerate(years):
            row = [D(100 + 7 * h + 3 * y + (k % 13)) for k in range(len(columns))]
            body.append([chapter, year, *row, sum(row)])
            for (country, _, m), value in zip(columns, row):
                e.add(year, m + 1, chapter[5:], country, value)
    totals = ["Totals", None, *[sum(r[2 + k] for r in body) for k in range(len(columns))],
              sum(r[-1] for r in body)]
    grid = head + body + [totals]
    book = _book(path)
    ws = book.add_worksheet("Sheet1")
    # Merges over each country's and each port's columns, and each chapter over its year rows.
    merges = []
    start = 0
    while start < len(columns):
        end = start
        while end + 1 < len(columns) and columns[end + 1][0] == columns[start][0] and (end + 1 - start) < 30:
            end += 1
        if end > start:
            merges.append((1, start + 2, 1, end + 2))
        start = end + 1
    for k in range(0, len(columns), 10):
        merges.append((2, k + 2, 2, k + 11))
    for h in range(len(chapters)):
        merges.append((4 + 2 * h, 0, 5 + 2 * h, 0))
    _write(ws, grid, merges)
    book.close()
    return e.summary(skipped_rows=[13], header_rows=[2, 3, 4])


def register_unlabelled_total(path: Path) -> dict:
    """A semicolon CSV register whose dates stand in a column headed 'Bulan' (ISO dates) and whose last line is the
    total with no label at all."""
    shipments = [("2023-01-19", "Kain Batik", "Jepang", D("1250.50")), ("2023-03-02", "Surimi", "Korea Selatan",
                 D("3300.00")), ("2023-03-28", "Sarung Batik", "Arab Saudi", D("4100.25"))]
    rows = [["Rekap Ekspor UMKM Kota Pekalongan"], ["Bulan", "Komoditi", "Negara Tujuan", "Nilai FOB (US$)"]]
    e = Expect()
    for d, k, dest, v in shipments:
        rows.append([d, k, dest, f"{v}".replace(".", ",")])
        e.add(int(d[:4]), int(d[5:7]), k, dest, v)
    rows.append(["", "", "", f"{sum(s[3] for s in shipments)}".replace(".", ",")])
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8-sig")
    return e.summary(skipped_rows=[6])


def analyst_long(path: Path) -> dict:
    """An analyst's long CSV in English words: year | importers (the buyer's country) | product | fob_value."""
    rows = [["year", "importers", "product", "fob_value"]]
    e = Expect()
    for y, dest, k, v in ((2022, "Japan", "Batik fabric", D("15000.5")), (2022, "Malaysia", "Surimi", D("8200")),
                          (2023, "Japan", "Batik fabric", D("16100.25")), (2023, "Netherlands", "Sarong", D("4300"))):
        rows.append([str(y), dest, k, str(v)])
        e.add(y, None, k, {"Japan": "Jepang", "Netherlands": "Belanda"}.get(dest, dest), v)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return e.summary(warning_code="unit_not_written")


def excel_dates_in_bulan(path: Path) -> dict:
    """A recap whose 'Bulan' column holds Excel date cells (the first of each month), with a Jumlah row."""
    from datetime import date

    book = _book(path)
    ws = book.add_worksheet("Rekap 2024")
    fmt = book.add_format({"num_format": "mmm-yy"})
    ws.write(0, 0, "Rekap Nilai Ekspor Bulanan 2024 (US$)")
    for c, h in enumerate(["Bulan", "Komoditi", "Nilai"]):
        ws.write(2, c, h)
    e = Expect()
    rows = [(date(2024, m, 1), k, D(1000 * m + 7 * i)) for m in (1, 2, 3) for i, k in enumerate(("Kain Batik", "Surimi"))]
    for r, (d, k, v) in enumerate(rows, 3):
        ws.write_datetime(r, 0, d, fmt)
        ws.write(r, 1, k)
        ws.write(r, 2, float(v))
        e.add(d.year, d.month, k, None, v)
    ws.write(3 + len(rows), 0, "Jumlah")
    ws.write(3 + len(rows), 2, float(sum(v for _, _, v in rows)))
    book.close()
    return e.summary(skipped_rows=[10])


def value_word_years(path: Path) -> dict:
    """'Nilai FOB 2023 (US$) | Nilai FOB 2024 (US$)': a value column per year; the first row's dollars (2019, 2020)
    look like years and are figures."""
    figures = {"Jepang": (D(2019), D(2020)), "Korea Selatan": (D(1500), D(1720)), "Australia": (D(640), D(705))}
    grid = [["Ekspor Kerajinan Kayu Menurut Negara Tujuan"],
            ["Negara Tujuan", "Nilai FOB 2023 (US$)", "Nilai FOB 2024 (US$)"], *[[k, *v] for k, v in figures.items()],
            ["Jumlah", *[sum(v[i] for v in figures.values()) for i in range(2)]]]
    book = _book(path)
    _write(book.add_worksheet("Kerajinan"), grid)
    book.close()
    e = Expect()
    for k, v in figures.items():
        for year, x in zip((2023, 2024), v):
            e.add(year, None, None, k, x)
    return e.summary(skipped_rows=[6], header_rows=[2])


def yearbook_hierarchy(path: Path) -> dict:
    """A yearbook table with group subtotals and no total word on them ('A. Perikanan' over its items), then a
    Jumlah: only the items are counted."""
    groups = {
        "A. Perikanan": {"Ikan Beku": (D("410.5"), D("455.25"), D("470.0")), "Udang Beku": (D("120.0"), D("98.5"), D("130.75"))},
        "B. Industri Pengolahan": {"Kain Batik": (D("1250.0"), D("1302.5"), D("1411.25")),
                                   "Sarung Batik": (D("2210.0"), D("2305.75"), D("2390.0")),
                                   "Garmen": (D("512.25"), D("498.0"), D("530.5"))},
    }
    grid = [["Tabel 8.1 Nilai Ekspor Menurut Sektor dan Komoditi (Ribu US$)"],
            ["Uraian", "2021", "2022", "2023"]]
    e = Expect()
    for group, items in groups.items():
        grid.append([group, *[sum(v[i] for v in items.values()) for i in range(3)]])
        for k, v in items.items():
            grid.append([f"   {k}", *v])
            for year, x in zip((2021, 2022, 2023), v):
                e.add(year, None, k, None, x * 1000)
    grid.append(["Jumlah", *[sum(v[i] for g in groups.values() for v in g.values()) for i in range(3)]])
    book = _book(path)
    _write(book.add_worksheet("8.1"), grid)
    book.close()
    return e.summary(skipped_rows=[3, 6, 10])


def weight_and_value_side_by_side(path: Path) -> dict:
    """'Berat Bersih (Ton)' merged over 2022 | 2023 beside 'Nilai FOB (US$)' merged over 2022 | 2023: the years
    repeat under two measures; only the value columns are money."""
    figures = {"Jepang": (D(120), D(135), D("310500.5"), D("340200")), "Malaysia": (D(40), D(42), D("60400"), D("66000.25"))}
    grid = [["Ekspor Menurut Negara Tujuan, 2022–2023"],
            ["Negara Tujuan", "Berat Bersih (Ton)", None, "Nilai FOB (US$)", None],
            [None, "2022", "2023", "2022", "2023"],
            *[[k, *v] for k, v in figures.items()]]
    book = _book(path)
    _write(book.add_worksheet("Negara"), grid, [(1, 1, 1, 2), (1, 3, 1, 4), (1, 0, 2, 0)])
    book.close()
    e = Expect()
    for k, v in figures.items():
        for year, x in zip((2022, 2023), v[2:]):
            e.add(year, None, None, k, x)
    return e.summary(header_rows=[2, 3], weight_kg=round(float(sum(v[0] + v[1] for v in figures.values()) * 1000), 2))


def rupiah_table_with_rates(path: Path) -> dict:
    """A commodity x year table in juta Rupiah (said in the title) beside the office's Target sheet with its Kurs:
    the rupiah are converted with each year's rate, never taken as dollars; a year without a rate is not counted."""
    figures = {"Kain Batik": (D("15600.5"), D("16250"), D("17000")), "Sarung Batik": (D("30125"), D("31000.75"), D("29990"))}
    rates = {2022: D(14850), 2023: D(15236)}
    book = _book(path)
    grid = [["Nilai Ekspor Menurut Komoditi (Juta Rupiah)"], ["Komoditi", "2022", "2023", "2024"],
            *[[k, *v] for k, v in figures.items()]]
    _write(book.add_worksheet("Komoditi"), grid)
    grid = [["Tahun", "Target (US$)", "Kurs"], *[[y, 5_000_000, r] for y, r in rates.items()]]
    _write(book.add_worksheet("Target"), grid)
    book.close()
    e = Expect()
    for k, v in figures.items():
        for year, x in zip((2022, 2023), v):
            e.add(year, None, k, None, x * 1_000_000 / rates[year])
    return e.summary()


def yen_register(path: Path) -> dict:
    """A buyer's register in yen ('Nilai (Ribu Yen)'): never summed as dollars; without a rate, rejected."""
    grid = [["Pembelian Importir Jepang Tahun 2023"], ["Komoditi", "Negara Tujuan", "Nilai (Ribu Yen)"],
            ["Kain Batik", "Jepang", 1520], ["Surimi", "Jepang", 880]]
    book = _book(path)
    _write(book.add_worksheet("JPY"), grid)
    book.close()
    return {"error_contains": "jpy", "rejected_rows": [3, 4]}


def month_year_text_merged(path: Path) -> dict:
    """A rolling recap typed in Excel and saved by openpyxl: 'Desember 2023', 'Januari 2024' (month and year as text)
    in a 'Bulan' column with no Tahun column, each month merged over its countries and their 'Jumlah' subtotal,
    then a 'Jumlah Total' row and a footnote. The merged month is the subtotal's month too, yet the subtotal is a
    total: it is skipped, never a country called "Jumlah"."""
    import openpyxl
    from make_files import save_openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Rekap"
    ws.append(["REKAPITULASI EKSPOR KOTA PEKALONGAN MENURUT BULAN DAN NEGARA TUJUAN"])
    ws.append(["DESEMBER 2023 – FEBRUARI 2024"])
    ws.append([])
    ws.append(["Bulan", "Negara Tujuan", "Komoditi", "Nilai FOB (US$)"])
    months = [
        ("Desember 2023", 2023, 12, [("Jepang", "Kain Batik", D("1250.50")), ("Malaysia", "Kain Batik", D("310.00"))]),
        ("Januari 2024", 2024, 1, [("Jepang", "Surimi", D("4200.25")), ("Singapura", "Surimi", D("980.00")),
                                   ("Amerika Serikat", "Kain Batik", D("1500.00"))]),
        ("Februari 2024", 2024, 2, [("Jepang", "Surimi", D("3900.75"))]),
    ]
    e = Expect()
    row = 5
    skipped = []
    for label, year, month, shipments in months:
        first = row
        for k, (country, commodity, value) in enumerate(shipments):
            ws.append([label if k == 0 else None, country, commodity, float(value)])
            e.add(year, month, commodity, country, value)
            row += 1
        ws.append([None, "Jumlah", None, float(sum(v for *_, v in shipments))])
        skipped.append(row)
        ws.merge_cells(start_row=first, start_column=1, end_row=row, end_column=1)
        row += 1
    ws.append(["Jumlah Total", None, None, float(sum(r[4] for r in e.records))])
    ws.append(["Sumber: SKA Dinas Perdagangan, Koperasi dan UKM Kota Pekalongan"])
    skipped += [row, row + 1]
    save_openpyxl(book, path)
    return e.summary(skipped_rows=skipped)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    layouts = {
        "nonmigas_dua_baris.xlsx": nonmigas_two_row_header,
        "total_tanpa_label.xlsx": unlabelled_total_last,
        "negara_bulan_totals.xlsx": country_month_totals,
        "kumulatif_tiga_baris.xlsx": cumulative_three_row_header,
        "tahun_atas_bulan.xlsx": years_above_months,
        "bulan_ke_bawah.xlsx": months_down_years_across,
        "blok_berat_nilai.xlsx": stacked_weight_value_blocks,
        "produksi.xlsx": production_table,
        "impor.csv": import_table,
        "migas_kolom.csv": migas_columns,
        "analis_hs.csv": analyst_hs_columns,
        "baris_data_tahun.xlsx": data_row_like_years,
        "ska_gabungan.xlsx": merged_register,
        "bulanan_dengan_rekap.xlsx": month_sheets_with_rekap,
        "satuan_tidak_tertulis.xlsx": unit_not_written,
        "bps_exim_pivot.xlsx": exim_pivot,
        "rekap_bulan_tanggal.csv": register_unlabelled_total,
        "analis_long.csv": analyst_long,
        "bulan_tanggal_excel.xlsx": excel_dates_in_bulan,
        "nilai_per_tahun.xlsx": value_word_years,
        "buku_angka_bertingkat.xlsx": yearbook_hierarchy,
        "berat_nilai_berdampingan.xlsx": weight_and_value_side_by_side,
        "rupiah_dengan_kurs.xlsx": rupiah_table_with_rates,
        "nilai_yen.xlsx": yen_register,
        "bulan_teks_gabungan.xlsx": month_year_text_merged,
    }
    expected = {name: make(OUT / name) for name, make in layouts.items()}
    expected["overlap"] = overlap_pair(OUT / "overlap_ska_2023.xlsx", OUT / "overlap_bps_komoditi.xlsx")
    (HERE / "expected_layouts.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
