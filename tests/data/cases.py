"""The corpus of the reader's tests as literal tables: what each file of tests/data holds, row by row, exactly as
`make_files.py` writes it (the shipments, titles, notes, wide tables, monthly recaps and targets).

Nothing here writes or computes: `writers.py` puts the tables into files the way offices produce them, and
`oracle.py` says, from the same tables and never from the files, what the reader must conclude.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

PASSWORD = "pekalongan2024"  # protected.xlsx

BLANK = None  # a blank row in a table below
MERGED = "<merged>"  # a cell covered by the merged cell above it

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
