"""Regenerate the spreadsheet corpus of the reader's tests and `expected.json`, from the literal tables below.

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
import json
import math
import re
import shutil
import struct
import subprocess
import tempfile
import zipfile
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import xlsxwriter
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent
FIXED_TIME = datetime(2024, 1, 15, 8, 0, 0)  # document properties of every generated workbook
PASSWORD = "pekalongan2024"

BLANK = None  # a blank row in a table below
MERGED = "<merged>"  # a cell covered by the merged cell above it

# --------------------------------------------------------------------------------------------------------------
# How the reader is expected to interpret names (the reader declares its own tables; these are the answers).
# --------------------------------------------------------------------------------------------------------------

DESTINATIONS: dict[str, str] = {  # as written -> ISO 3166-1 alpha-3
    "Singapura": "SGP", "Singapore": "SGP",
    "Korsel": "KOR", "Korea Selatan": "KOR", "South Korea": "KOR",
    "RRT": "CHN", "Tiongkok": "CHN", "China": "CHN",
    "Amerika": "USA", "Amerika Serikat": "USA", "United States": "USA",
    "Hongkong": "HKG",
    "Dubai": "ARE", "Uni Emirat Arab": "ARE",
    "Jeddah": "SAU", "Arab Saudi": "SAU", "Saudi Arabia": "SAU",
    "Jepang": "JPN", "Japan": "JPN",
    "Malaysia": "MYS",
    "Belanda": "NLD", "Netherlands": "NLD",
    "Vietnam": "VNM",
    "Australia": "AUS",
    "Taiwan": "TWN",
    "Tanzania": "TZA",
    "Türkiye": "TUR",
    "Côte d'Ivoire": "CIV",
}
REGIONS = {"Eropa"}  # kept as the region name

EXPORTER_TYPES: dict[str, str] = {  # as written (lower case) -> class
    "eksportir baru": "new", "baru": "new", "new": "new",
    "umkm": "umkm", "ikm": "umkm", "sme": "umkm", "usaha kecil": "umkm",
    "besar": "established", "non umkm": "established", "lama": "established", "established": "established",
    "": "unknown",
}

ID_MONTHS = {  # Indonesian month names and abbreviations as offices write them
    "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "maret": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8, "agt": 8,
    "agu": 8, "september": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11, "nopember": 11, "nov": 11,
    "nop": 11, "desember": 12, "des": 12,
}
MONTHS_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "November", "Desember"]

# --------------------------------------------------------------------------------------------------------------
# 1. ska_2020.xlsx: the office's SKA register (xlsxwriter). Header on row 4, data from row 5.
# --------------------------------------------------------------------------------------------------------------

SKA_HEADER = ["No", "Tanggal", "Nama Perusahaan", "Jenis Eksportir", "Komoditi", "HS", "Negara Tujuan",
              "Berat (Kg)", "Nilai FOB (US$)"]

SKA_2020 = [
    # Tanggal, Nama Perusahaan, Jenis Eksportir, Komoditi, HS (text), Negara Tujuan, Berat (Kg), Nilai FOB (US$)
    (date(2020, 1, 8), "PT. Batik Pesisir Jaya", "Besar", "Sarung Batik", "52085290", "Singapura", 1250, 18500),
    (date(2020, 1, 21), "CV. Mina Bahari", "Non UMKM", "Surimi", "03049900", "Korsel", 24000, 52340.75),
    (date(2020, 2, 4), "UD. Kerang Mas", "UMKM", "Crab Shell Pellet", "0508.00", "RRT", 18000, 9180.5),
    (date(2020, 2, 17), "PT. Batik Pesisir Jaya", "Besar", "SARUNG BATIK", "52085290", "Amerika", 980, 14210),
    (date(2020, 3, 3), "CV. Canting Emas", "Eksportir Baru", "Kain Batik", "52085990", "Hongkong", 310, 4650.25),
    (date(2020, 3, 19), "Batik Larasati", "IKM", " sarung  batik ", "52085290", "Dubai", 420, 6300),
    (date(2020, 4, 14), "PT. Samudra Pangan", "Lama", "Surimi", "03049900", "RRT", 21000, 47880),
    (date(2020, 5, 6), "CV. Canting Emas", "", "Kemeja Batik", "62052000", "Jeddah", 150, 3375.4),
    BLANK,
    (date(2020, 6, 11), "PT. Batik Pesisir Jaya", "Besar", "Sarung Batik", "52085290", "Eropa", 760, 11020),
    (date(2020, 6, 25), "UD. Kerang Mas", "UMKM", "Crab Shell Pellet", "0508.00", "Negeri Atlantis", 5000, 2550),
    (date(2020, 7, 9), "Batik Larasati", "IKM", "Kain Batik", "52085990", "Singapura", 200, "n/a"),
    (date(2020, 7, 30), "CV. Mina Bahari", "Non UMKM", "Surimi", "03049900", "Korsel", 22000, 48950.6),
    (date(2020, 8, 12), "PT. Batik Pesisir Jaya", "Besar", "SARUNG BATIK", "52085290", "Singapura", 1100, 16280),
    (date(2020, 8, 27), "CV. Canting Emas", "Eksportir Baru", "Sarung Batik", "52085290", "Hongkong", 260, 3900),
    (date(2020, 9, 15), "PT. Samudra Pangan", "Lama", "Surimi", "03049900", "RRT", 23500, 53345.5),
    (date(2020, 10, 2), "Batik Larasati", "IKM", "Kemeja Batik", "62052000", "Dubai", 180, 4140),
    (date(2020, 10, 20), "UD. Kerang Mas", "UMKM", "Crab Shell Pellet", "0508.00", "RRT", 20000, 10200),
    (date(2020, 11, 5), "PT. Batik Pesisir Jaya", "Besar", "Sarung Batik", "52085290", "Amerika", 1340, 19430.99),
    (date(2020, 11, 24), "CV. Mina Bahari", "Non UMKM", "Surimi", "03049900", "Jeddah", 19500, 43290.1),
    (date(2020, 12, 10), "Tenun Mandiri", "", "Kain Batik", "52085990", "Eropa", 540, 8100),
    (date(2020, 12, 28), "PT. Batik Pesisir Jaya", "Besar", "Sarung Batik", "52085290", "Singapura", 900, 13050),
]
SKA_2020_TITLE = ["REKAP EKSPOR KOTA PEKALONGAN", "BERDASARKAN SKA TAHUN 2020"]
SKA_2020_NOTES = ["Sumber: e-SKA", "*) Angka sementara"]

# --------------------------------------------------------------------------------------------------------------
# 8. ska_2020.xls: a second, shorter register of the same year, converted to BIFF8 by LibreOffice.
#    Header on row 3, data from row 4.
# --------------------------------------------------------------------------------------------------------------

SKA_2020_XLS = [
    (date(2020, 7, 6), "CV. Canting Emas", "Eksportir Baru", "Kain Batik", "52085990", "Korea Selatan", 280, 4480),
    (date(2020, 7, 22), "PT. Samudra Pangan", "Besar", "Surimi", "03049900", "Vietnam", 20000, 45600.8),
    (date(2020, 8, 19), "Batik Larasati", "UMKM", "KAIN BATIK", "52085990", "Malaysia", 150, 2325.5),
    (date(2020, 9, 8), "UD. Kerang Mas", "UMKM", "Crab Shell Pellet", "0508.00", "Vietnam", 16000, 8320),
    (date(2020, 10, 14), "PT. Batik Pesisir Jaya", "Besar", "Sarung Batik", "52085290", "Jepang", 870, 12615),
    (date(2020, 11, 3), "Tenun Mandiri", "Eksportir Baru", "Kain Batik", "52085990", "Australia", 330, 5181.25),
    (date(2020, 12, 1), "PT. Batik Pesisir Jaya", "Besar", "Sarung Batik", "52085290", "Belanda", 610, 8845),
]
SKA_2020_XLS_TITLE = ["DATA EKSPOR BERDASARKAN SKA SEMESTER II TAHUN 2020"]
SKA_2020_XLS_NOTES = ["Sumber: Disdagkopukm Kota Pekalongan"]

# --------------------------------------------------------------------------------------------------------------
# 2. ska_2021_semicolon_id.csv: UTF-8 with BOM, ';', CRLF. Title on line 1, blank line 2, header on line 3.
# --------------------------------------------------------------------------------------------------------------

CSV_2021_HEADER = ["No", "Tanggal", "Eksportir", "Kategori", "Komoditas", "Pos Tarif", "Negara", "Volume (Kg)",
                   "Nilai (US$)"]
CSV_2021 = [
    # Tanggal, Eksportir, Kategori, Komoditas, Pos Tarif, Negara, Volume (Kg), Nilai (US$): all text as written
    ("19/01/2021", "PT. Batik Pesisir Jaya", "Lama", "Sarung Batik", "52085290", "Singapura", "1.520", "21.280,00"),
    ("19 Januari 2021", "CV. Mina Bahari", "Besar", "Ikan Beku", "03036700", "Tiongkok", "250.000",
     "1.234.567,89"),
    ("3 Pebruari 2021", "Batik Larasati", "usaha kecil", "Kain Batik", "52085990", "Jepang", "640", "12.500"),
    ("15/03/2021", "CV. Canting Emas", "Baru", "Kemeja Batik", "62052000", "Malaysia", "812,5", "19 173,50"),
    ("05/04/2021", "UD. Kerang Mas", "UMKM", "Crab Shell Pellet", "05080090", "Korea Selatan", "21.000",
     "10.710,00"),
    ("22 Juni 2021", "PT. Samudra Pangan", "Besar", "Surimi", "03049900", "Korea Selatan", "24.000", "55.440,25"),
    ("7 Agt 2021", "CV. Canting Emas", "Baru", "Sarung Batik", "52085290", "Uni Emirat Arab", "380", "5.700"),
    ("14/09/2021", "Batik Larasati", "usaha kecil", "Sarung Batik", "52085290", "Arab Saudi", "455", "6.825,00"),
    ("1 Nopember 2021", "PT. Batik Pesisir Jaya", "Lama", "Kain Batik", "52085990", "Belanda", "1.020,5",
     "15.307,50"),
    ("2 Des 2021", "CV. Mina Bahari", "Besar", "Ikan Beku", "03036700", "Tiongkok", "60.000", "301.200,00"),
    ("20 Des 2021", "Tenun Mandiri", "", "Sarung Batik", "52085290", "Amerika Serikat", "700", "10.150,75"),
]
CSV_2021_TITLE = "Rekap Ekspor Tahun 2021"
CSV_2021_TOTAL_ERROR = Decimal("1000.00")  # the stated "Jumlah" is this much too high
CSV_2021_NOTE = "Catatan: angka sementara, diolah dari e-SKA"

# --------------------------------------------------------------------------------------------------------------
# 3. ska_2019_cp1252_tab.txt: Windows-1252, tab-delimited, CRLF, English numbers. Header on line 1.
#    One shipment is dated 2018-12-28: the year comes from each date, not from the file name.
# --------------------------------------------------------------------------------------------------------------

TXT_2019_HEADER = ["Tanggal", "Perusahaan", "Jenis Barang", "Negara Tujuan", "Nilai FOB"]
TXT_2019 = [
    ("2018-12-28", "Café Batik Süd", "Sarung Batik", "Türkiye", "3,400"),
    ("2019-01-15", "Crème Textile Pekalongan", "Kain Batik", "Côte d'Ivoire", "12,500.00"),
    ("2019-03-05", "PT. Mina – Bahari", "Surimi", "Singapore", "1,234,567.89"),
    ("2019-03-05", "Batik ‘Larasati’", "Sarung Batik", "Saudi Arabia", "7,820.50"),
    ("2019-05-21", "Café Batik Süd", "Kain Batik", "Netherlands", "850.25"),
    ("2019-07-02", "UD. Kerang Mas", "Crab Shell Pellet", "Malaysia", "9,945.00"),
    ("2019-08-30", "Crème Textile Pekalongan", "Sarung Batik", "Türkiye", "14,060.75"),
    ("2019-10-11", "PT. Mina – Bahari", "Surimi", "Côte d'Ivoire", "48,312.00"),
    ("2019-12-19", "Batik ‘Larasati’", "Sarung Batik", "Singapore", "6,115.40"),
]

# --------------------------------------------------------------------------------------------------------------
# 4. ska_2022_comma_en.csv: UTF-8, ',', LF, text fields quoted. Header on line 1.
#    A float is written plain (1234.5); a str is written quoted ("1,234.50").
# --------------------------------------------------------------------------------------------------------------

CSV_2022_HEADER = ["Date", "Exporter", "Exporter Type", "Commodity", "HS Code", "Destination", "Weight (kg)",
                   "FOB Value (USD)"]
CSV_2022 = [
    ("2022-01-12", "PT. Batik Pesisir Jaya", "Established", "Batik Sarong", "52085290", "South Korea", 1200,
     "18,240.00"),
    ("2022-02-03", "CV. Mina Bahari", "Established", "Surimi", "03049900", "China", 22500, 51975.5),
    ("2022-03-17", "Batik Larasati, CV", "SME", "Batik Sarong", "52085290", "Japan", 410, "6,232.00"),
    ("2022-04-28", "CV. Canting Emas", "New", "Batik Cloth", "52085990", "Taiwan", 265, 1234.5),
    ("2022-06-09", "UD. Kerang Mas", "SME", "Crab Shell Pellet", "05080090", "China", 19000, "9,690.00"),
    ("2022-07-14", "PT. Samudra Pangan", "Established", "Surimi", "03049900", "United States", 24000,
     "1,234.50"),
    ("2022-09-01", "Tenun Mandiri", "New", "batik sarong", "52085290", "United States", 520, 7904.25),
    ("2022-10-20", "PT. Batik Pesisir Jaya", "Established", "Batik Sarong", "52085290", "Japan", 980, 14896),
    ("2022-12-05", "Batik Larasati, CV", "SME", "Batik Cloth", "52085990", "South Korea", 300, "4,650.75"),
]

# --------------------------------------------------------------------------------------------------------------
# 5. bps_wide_komoditi.xlsx: commodities down, years across, million USD (openpyxl). Header on row 3.
# --------------------------------------------------------------------------------------------------------------

BPS_KOMODITI_TITLE = "Nilai Ekspor Kota Pekalongan Menurut Komoditi, 2019-2023 (Juta US$)"
BPS_KOMODITI_YEARS = [2019, 2020, 2021, 2022, 2023]
BPS_KOMODITI_DERIVED = ["Perub 2023-2022 (%)", "Peran 2023 (%)", "Trend 2019-2023 (%)"]
BPS_KOMODITI = [
    # Komoditi, then juta US$ for 2019..2023
    ("Sarung Batik", "12.34", "10.87", "11.52", "13.05", "13.61"),
    ("Kain Batik", "4.21", "3.66", "4.02", "4.48", "4.75"),
    ("Pakaian Jadi Batik", "2.58", "1.93", "2.27", "2.81", "3.04"),
    ("Surimi", "6.72", "6.15", "7.08", "7.64", "7.9"),
    ("Crab Shell Pellet", "0.85", "0.74", "0.91", "1.12", "1.2"),
    ("Lainnya", "1.06", "0.98", "1.1", "1.23", "1.31"),
]

# --------------------------------------------------------------------------------------------------------------
# 6. bps_wide_negara_bulanan.xlsx: one sheet per year, countries down, months across, thousand USD (xlsxwriter).
#    Header on row 3 of each year sheet. None = empty cell (no exports that month).
# --------------------------------------------------------------------------------------------------------------

BPS_NEGARA_MONTH_HEADERS = {
    "2022": MONTHS_ID,
    "2023": ["Januari", "Pebruari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "Nopember", "Desember"],
}
BPS_NEGARA = {
    "2022": [
        ("Singapura", 288.2, 397.8, 374.0, 276.6, 323.2, 279.7, 235.6, 240.0, 273.4, 346.6, 350.6, 273.0),
        ("Malaysia", 151.1, 231.6, 145.1, 127.8, 165.2, 193.3, 202.1, 210.5, 147.6, 230.9, 223.3, 183.4),
        ("Jepang", 240.4, 178.9, 305.9, 239.8, 282.2, 250.4, 274.7, 259.7, 289.3, 251.6, 178.0, 309.8),
        ("Amerika Serikat", 415.0, 345.2, 453.3, 428.2, 519.3, 513.8, 500.0, 474.6, 439.0, 308.1, 413.6, 523.3),
        ("Tanzania", None, None, 42.9, 36.6, 31.1, None, 41.6, 27.8, 39.7, None, 32.0, 41.6),
    ],
    "2023": [
        ("Singapura", 243.9, 281.5, 337.3, 220.9, 250.3, 370.9, 217.3, 243.5, 254.3, 336.5, 263.7, 400.6),
        ("Malaysia", 201.7, 171.8, 204.1, 200.9, 135.5, 204.8, 196.4, 217.6, 209.2, 138.7, 133.3, 222.2),
        ("Jepang", 238.5, 307.3, 251.4, 295.0, 172.0, 292.2, 252.6, 196.9, 291.9, 195.9, 289.9, 178.1),
        ("Amerika Serikat", 361.5, 339.1, 346.4, 445.3, 304.8, 306.2, 522.3, 395.2, 471.1, 442.8, 378.0, 470.3),
        ("Tanzania", 38.3, None, 42.5, 36.8, None, 30.3, 25.3, 35.4, 32.1, 30.5, None, 35.8),
    ],
}

# --------------------------------------------------------------------------------------------------------------
# 7. bps_wide_text_id.ods: numbers typed as Indonesian text, US$, Jan-Mei columns derived. Header on row 3.
# --------------------------------------------------------------------------------------------------------------

BPS_TEXT_TITLE = "Perkembangan Nilai Ekspor Kota Pekalongan Menurut Komoditi"
BPS_TEXT_UNIT = "(US$)"
BPS_TEXT_HEADER = ["Uraian", "2020", "2021", "Jan-Mei 2021", "Jan-Mei 2022"]
BPS_TEXT = [
    ("Sarung Batik", "10.871.250,40", "11.523.904,15", "4.702.118,00", "5.118.240,75"),
    ("Kain Batik", "3.662.108,00", "4.021.377,60", "1.640.215,30", "1.802.554,00"),
    ("Surimi", "6.150.480,25", "7.080.112,00", "2.915.004,50", "3.204.870,10"),
    ("Crab Shell Pellet", "1.234.567,89", "912.340,00", "370.118,25", "415.900,00"),
    ("Tepung Ikan", "987.654", "1.045.220,35", "430.000,00", "388.615,60"),
]

# --------------------------------------------------------------------------------------------------------------
# 9. monthly_recap_sheets.xlsx: one sheet per month of 2023 (openpyxl), commodity cells merged downwards.
#    Header on row 3 of each sheet. MERGED = covered by the merged commodity cell above.
# --------------------------------------------------------------------------------------------------------------

MONTHLY_YEAR = 2023
MONTHLY_HEADER = ["No", "Nama Perusahaan", "Komoditi", "Negara Tujuan", "Nilai (US$)"]
MONTHLY = {
    "Januari": [
        ("PT. Batik Pesisir Jaya", "Sarung Batik", "Singapura", 15200),
        ("CV. Canting Emas", MERGED, "Malaysia", 4300.5),
        ("Batik Larasati", MERGED, "Jepang", 3950),
        ("CV. Mina Bahari", "Surimi", "Korea Selatan", 41200),
        ("PT. Samudra Pangan", MERGED, "Tiongkok", 38750.25),
        ("UD. Kerang Mas", "Crab Shell Pellet", "Tiongkok", 9600),
    ],
    "Februari": [
        ("PT. Batik Pesisir Jaya", "Kain Batik", "Amerika Serikat", 8120),
        ("Tenun Mandiri", MERGED, "Belanda", 2875.8),
        ("CV. Mina Bahari", "Surimi", "Jepang", 39840),
        ("PT. Samudra Pangan", MERGED, "Korea Selatan", 42115.5),
        ("CV. Canting Emas", "Sarung Batik", "Malaysia", 5230),
    ],
    "Maret": [
        ("PT. Batik Pesisir Jaya", "Sarung Batik", "Singapura", 16480.4),
        ("Batik Larasati", MERGED, "Arab Saudi", 6210),
        ("CV. Canting Emas", MERGED, "Uni Emirat Arab", 3890),
        ("UD. Kerang Mas", "Crab Shell Pellet", "Tiongkok", 10150),
        ("CV. Mina Bahari", "Surimi", "Taiwan", 36990.75),
        ("PT. Samudra Pangan", MERGED, "Tiongkok", 40200),
    ],
}

# --------------------------------------------------------------------------------------------------------------
# 10. target.xlsx: a Target sheet first (header row 1), then the data sheet "Realisasi" (header row 1, thousand USD).
# --------------------------------------------------------------------------------------------------------------

TARGETS = [  # Tahun, Target (US$), Kurs (Rp per US$): the targets the city published (../shared/reference)
    (2020, 19_190_000, 14488),
    (2021, 26_180_000, 14397),
    (2022, 26_440_000, 14399),
]
REALISASI_HEADER = ["Tahun", "Komoditi", "Negara", "Nilai (Ribu US$)"]
REALISASI = [  # illustrative breakdown
    (2020, "Sarung Batik", "Singapura", 6120.5),
    (2020, "Surimi", "Korea Selatan", 7350),
    (2020, "Kain Batik", "Tanzania", 2104.25),
    (2021, "Sarung Batik", "Amerika Serikat", 7015),
    (2021, "Surimi", "Tiongkok", 8240.75),
    (2021, "Crab Shell Pellet", "Jepang", 1180),
    (2022, "Sarung Batik", "Malaysia", 6890.4),
    (2022, "Surimi", "Jepang", 8715),
    (2022, "Kain Batik", "Belanda", 2480.6),
]

# --------------------------------------------------------------------------------------------------------------
# What the reader should conclude from a file
# --------------------------------------------------------------------------------------------------------------


@dataclass
class Record:
    """One export record the reader must keep."""

    sheet: str | None
    row: int
    value_usd: Decimal
    year: int
    month: int | None = None
    date: date | None = None
    exporter: str | None = None
    exporter_type: str | None = None  # as written; None = no such column
    commodity: str | None = None  # as written (after forward-filling merged cells)
    hs_code: str | None = None
    destination: str | None = None  # as written
    weight_kg: Decimal | None = None
    column: str | None = None  # the header of the value cell, for wide tables


@dataclass
class Outcome:
    """Everything the reader should report about one file."""

    notes: str
    records: list[Record] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    totals: list[dict] = field(default_factory=list)
    header_rows: dict[str, int] = field(default_factory=dict)
    sheets_without_table: list[str] = field(default_factory=list)
    derived_columns: dict[str, list[str]] = field(default_factory=dict)
    unit_multiplier: int = 1
    extra: dict = field(default_factory=dict)

    def skip(self, sheet: str | None, row: int, reason: str) -> None:
        self.skipped.append({"sheet": sheet, "row": row, "reason": reason})

    def reject(self, sheet: str | None, row: int, reason: str) -> None:
        self.rejected.append({"sheet": sheet, "row": row, "reason": reason})

    def total(self, sheet: str | None, row: int, column: str, stated: Decimal, computed: Decimal) -> None:
        self.totals.append({"sheet": sheet, "row": row, "column": column, "stated_usd": money(stated),
                            "computed_usd": money(computed), "matches": stated == computed})


def money(value: Decimal) -> float:
    """Decimal('12340000.000') -> 12340000.0 (rounded to the cent)"""
    return float(value.quantize(Decimal("0.01")))


def dec(value: float | int | str) -> Decimal:
    """12.34 -> Decimal('12.34') (through the literal, never through binary floating point)"""
    return Decimal(str(value))


def id_number(text: str) -> Decimal:
    """'1.234.567,89' -> 1234567.89; '19 173,50' -> 19173.50; '12.500' -> 12500"""
    return Decimal(text.replace(" ", "").replace(".", "").replace(",", "."))


def en_number(text: str) -> Decimal:
    """'1,234,567.89' -> 1234567.89; '12,500.00' -> 12500"""
    return Decimal(text.replace(",", ""))


def fmt_id(value: Decimal) -> str:
    """Decimal('1234567.89') -> '1.234.567,89'"""
    return f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def id_date(text: str) -> date:
    """'19/01/2021' -> 2021-01-19; '3 Pebruari 2021' -> 2021-02-03; '7 Agt 2021' -> 2021-08-07"""
    if "/" in text:
        day, month, year = (int(p) for p in text.split("/"))
        return date(year, month, day)
    day, month_name, year = text.split()
    return date(int(year), ID_MONTHS[month_name.lower()], int(day))


# --------------------------------------------------------------------------------------------------------------
# Summaries: the JSON object of one good file
# --------------------------------------------------------------------------------------------------------------


def spelling(text: str) -> str:
    """'  sarung  batik ' -> 'sarung batik'"""
    return " ".join(text.split())


def commodity_keys(records: list[Record]) -> dict[str, str]:
    """Case/spacing variants -> the most frequent spelling (counted over spreadsheet rows)."""
    rows_by_spelling: dict[str, set] = defaultdict(set)
    for r in records:
        if r.commodity is not None:
            rows_by_spelling[spelling(r.commodity)].add((r.sheet, r.row))
    groups: dict[str, Counter] = defaultdict(Counter)
    for s, rows in rows_by_spelling.items():
        groups[s.casefold()][s] = len(rows)
    keys = {}
    for counts in groups.values():
        (best, n), *rest = counts.most_common()
        assert not rest or rest[0][1] < n, f"tie between spellings: {counts}"
        keys.update({s: best for s in counts})
    return keys


def destination_of(written: str) -> tuple[str, str]:
    """'Korsel' -> ('KOR', 'country'); 'Eropa' -> ('Eropa', 'region'); 'Negeri Atlantis' -> (same, 'unknown')"""
    if written in DESTINATIONS:
        return DESTINATIONS[written], "country"
    if written in REGIONS:
        return written, "region"
    return written, "unknown"


def exporter_class(written: str | None) -> str:
    """'Non UMKM' -> 'established'; '' or no column -> 'unknown'"""
    return EXPORTER_TYPES[spelling(written or "").lower()]


def add(table: dict, key: object, value: Decimal) -> None:
    table[str(key)] = table.get(str(key), Decimal(0)) + value


def summarise(outcome: Outcome) -> dict:
    """The expected.json object of one good file."""
    recs = outcome.records
    keys = commodity_keys(recs)
    by = {name: {} for name in ("year", "month", "destination", "exporter_type", "commodity")}
    for r in recs:
        add(by["year"], r.year, r.value_usd)
        if r.month is not None:
            add(by["month"], f"{r.year}-{r.month:02d}", r.value_usd)
        if r.destination is not None:
            add(by["destination"], destination_of(r.destination)[0], r.value_usd)
        add(by["exporter_type"], exporter_class(r.exporter_type), r.value_usd)
        if r.commodity is not None:
            add(by["commodity"], keys[spelling(r.commodity)], r.value_usd)
    kept_rows = {(r.sheet, r.row) for r in recs}
    return {
        "notes": outcome.notes,
        **({"header_row": outcome.header_rows[None]} if None in outcome.header_rows
           else {"header_rows": outcome.header_rows}),
        "unit_multiplier": outcome.unit_multiplier,
        "rows_kept": len(kept_rows),
        "rows_rejected": len(outcome.rejected),
        "rows_skipped": len(outcome.skipped),
        "record_count": len(recs),
        "total_value_usd": money(sum((r.value_usd for r in recs), Decimal(0))),
        **{f"by_{name}": {k: money(v) for k, v in sorted(table.items())} for name, table in by.items()},
        "rejected_rows": [x["row"] for x in outcome.rejected],
        "rejected": outcome.rejected,
        "skipped": outcome.skipped,
        "total_mismatch": any(not t["matches"] for t in outcome.totals),
        "total_rows": outcome.totals,
        "sheets_without_table": outcome.sheets_without_table,
        "derived_columns": outcome.derived_columns,
        **outcome.extra,
        "records": [record_json(r, keys) for r in recs],
    }


def record_json(r: Record, keys: dict[str, str]) -> dict:
    dest, kind = destination_of(r.destination) if r.destination is not None else (None, None)
    return {
        "sheet": r.sheet, "row": r.row, "column": r.column, "year": r.year, "month": r.month,
        "date": r.date.isoformat() if r.date else None, "exporter": r.exporter,
        "exporter_type": exporter_class(r.exporter_type),
        "commodity": keys[spelling(r.commodity)] if r.commodity is not None else None,
        "commodity_as_written": r.commodity, "hs_code": r.hs_code,
        "destination": dest, "destination_kind": kind, "destination_as_written": r.destination,
        "weight_kg": float(r.weight_kg) if r.weight_kg is not None else None, "value_usd": money(r.value_usd),
    }


# --------------------------------------------------------------------------------------------------------------
# Writers' plumbing
# --------------------------------------------------------------------------------------------------------------


def new_xlsxwriter(target: Path | io.BytesIO) -> xlsxwriter.Workbook:
    book = xlsxwriter.Workbook(target, {"in_memory": True})
    book.set_properties({"created": FIXED_TIME, "author": "Disdagkopukm Kota Pekalongan"})
    return book


def save_openpyxl(book: openpyxl.Workbook, path: Path) -> None:
    """Save with fixed timestamps, so that the bytes only change when the content does."""
    book.properties.creator = "Disdagkopukm Kota Pekalongan"
    book.properties.created = FIXED_TIME
    raw = io.BytesIO()
    book.save(raw)
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), data)
            dst.writestr(zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(src: Path, fmt: str, dest: Path) -> bool:
    """Convert `src` with headless LibreOffice into `dest`; False (file left alone) when LibreOffice is missing."""
    exe = soffice()
    if exe is None:
        print(f"soffice not found: {dest.name} left as committed")
        return False
    # A private profile, so a LibreOffice already running elsewhere does not swallow the conversion.
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [exe, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to", fmt,
             "--outdir", out, str(src)],
            check=True, capture_output=True, timeout=240,
        )
        produced = Path(out) / f"{src.stem}.{fmt}"
        if not produced.exists():
            raise RuntimeError(f"LibreOffice did not write {produced.name}")
        shutil.copyfile(produced, dest)
    if fmt == "ods":
        normalise_ods(dest)
    return True


def normalise_ods(path: Path) -> None:
    """Fixed zip timestamps and no thumbnail: the same bytes on every run, and a third of the size."""
    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as dst:
        for name, data in entries:  # "mimetype" stays first and stored, as ODF requires
            if name.startswith("Thumbnails/"):
                continue
            if name == "META-INF/manifest.xml":
                data = re.sub(rb'\s*<manifest:file-entry manifest:full-path="Thumbnails/[^>]*/>', b"", data)
            method = zipfile.ZIP_STORED if name == "mimetype" or name.endswith("/") else zipfile.ZIP_DEFLATED
            dst.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, method)
    path.write_bytes(packed.getvalue())


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


# --------------------------------------------------------------------------------------------------------------
# Wide statistics-office tables (files 5, 6, 7)
# --------------------------------------------------------------------------------------------------------------


def kemendag_trend(values: list[Decimal]) -> float:
    """Trend (%) as Kemendag computes it: least-squares slope b of ln(value) on the year, as (exp(b) - 1) * 100."""
    ys = [math.log(v) for v in values]
    mean_x, mean_y = (len(ys) - 1) / 2, sum(ys) / len(ys)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(ys)) / sum(
        (x - mean_x) ** 2 for x in range(len(ys)))
    return (math.exp(slope) - 1) * 100


def derived_figures(values: list[Decimal], total_2023: Decimal) -> list[float]:
    """Perub 2023-2022 (%), Peran 2023 (%), Trend 2019-2023 (%), as Kemendag defines them."""
    change = (values[-1] / values[-2] - 1) * 100
    share = values[-1] / total_2023 * 100
    return [round(float(change), 2), round(float(share), 2), round(kemendag_trend(values), 2)]


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


def tiny_png() -> bytes:
    """A valid 1x1 PNG: bytes that are plainly not a spreadsheet."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\xff\xff\xff")) + \
        chunk(b"IEND", b"")


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


def decrypt(sealed: bytes, password: str) -> bytes:
    import msoffcrypto

    office = msoffcrypto.OfficeFile(io.BytesIO(sealed))
    office.load_key(password=password)
    opened = io.BytesIO()
    office.decrypt(opened)
    return opened.getvalue()


def write_encrypted(path: Path, data: bytes, password: str) -> None:
    """Agile-encrypt an xlsx. Encryption is salted and time-stamped, so a committed file that still opens to the
    same workbook is kept as it is rather than rewritten with new bytes."""
    from msoffcrypto.format.ooxml import OOXMLFile

    if path.exists():
        try:
            if decrypt(path.read_bytes(), password) == data:
                return
        except Exception:  # not ours any more, or not encrypted: write it afresh
            pass
    sealed = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, sealed)
    assert decrypt(sealed.getvalue(), password) == data, "encryption did not round-trip"
    path.write_bytes(sealed.getvalue())


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


# --------------------------------------------------------------------------------------------------------------

CONVENTIONS = {
    "rows": "Every non-empty row below the header is kept, rejected or skipped; title rows and blank rows above "
            "the header are not counted. Skipped = blank rows between the header and the last non-empty row, "
            "total rows (JUMLAH/Jumlah/Total) and note rows (Sumber, Catatan, *)). rows_kept counts spreadsheet "
            "rows; record_count counts records (a wide-table row gives one record per non-empty value cell).",
    "row_numbers": "1-based as Excel shows them, per sheet (see 'sheet' in rejected/skipped/records); for text "
                   "files the physical line number in the file, title lines included. Sheet is null for text "
                   "files.",
    "values": "value_usd after applying the unit (Juta = 1e6, Ribu = 1e3), exact to the cent (computed in "
              "Decimal). Cells hold binary floats (12.34 * 1e6 = 12340000.000000002), so compare each value "
              "within 0.005 and sums within 0.01; a total row 'matches' when it is within 0.01 of the sum.",
    "destination": "ISO 3166-1 alpha-3 for countries (Dubai -> ARE, Jeddah -> SAU, Amerika -> USA, "
                   "RRT/Tiongkok -> CHN, Korsel -> KOR); regions as written ('Eropa'); unknown names as "
                   "written ('Negeri Atlantis'). by_destination is {} when the file has no destination column.",
    "exporter_type": "new / umkm / established / unknown; a blank cell or a missing column gives 'unknown', so "
                     "by_exporter_type always sums to total_value_usd.",
    "commodity": "Case and spacing variants merged under the most frequent spelling (counted over spreadsheet "
                 "rows), spaces trimmed and collapsed; by_commodity is {} when the file has no commodity column.",
    "by_month": "'YYYY-MM' -> value_usd, only for records whose month is known.",
}


def dump(expected: dict) -> str:
    """Indented JSON with every innermost object (a record, a row note, a small table) on one line."""
    text = json.dumps(expected, indent=1, ensure_ascii=False)
    one_line = lambda m: "{" + " ".join(part.strip() for part in m.group(1).splitlines()) + "}"  # noqa: E731
    return re.sub(r"\{\n([^{}\[\]]*?)\n\s*\}", one_line, text) + "\n"


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
