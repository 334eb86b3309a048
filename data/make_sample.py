"""Write the bundled sample workbook, `data/contoh_ekspor_pekalongan.xlsx`.

The workbook looks like what the trade office keeps: one certificate-of-origin (SKA) register per year with title
rows, a `JUMLAH` row and footnotes, a `Target` sheet and a `Keterangan` sheet. Yearly totals, targets and the
2018-2021 exporter counts are the figures the office published (see docs/pekalongan_published.csv);
the breakdown by shipment is illustrative. The script is deterministic (a fixed seed per year, a fixed creation
date): running it twice writes the same bytes.

    .venv/bin/python data/make_sample.py
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import xlsxwriter

OUT = Path(__file__).with_name("contoh_ekspor_pekalongan.xlsx")
YEARS = (2018, 2019, 2020, 2021, 2022)
FIRST_YEAR = YEARS[0]

# Published yearly realisation in US cents, as first reported (2019 and 2020 were revised later; see NOTES).
TOTAL_CENTS = {
    2018: 19_600_000_00,
    2019: 22_926_000_00,
    2020: 25_437_000_00,
    2021: 30_263_567_00,
    2022: 19_640_000_00,
}
# Roughly how many SKA shipments a year; the exact count follows from the roster.
SHIPMENTS_AIMED = {2018: 180, 2019: 210, 2020: 225, 2021: 290, 2022: 240}

SOURCES = {
    2018: "https://regional.kontan.co.id/news/kota-pekalongan-catatkan-nilai-ekspor-us-196-juta-selama-2018",
    2019: "https://www.suaramerdeka.com/index.php/news/baca/214743/"
    "nilai-ekspor-kota-pekalongan-tembus-rp-313-miliar",
    2020: "https://batiktv.pekalongankota.go.id//berita/"
    "lampaui-target-ekspor-kota-pekalongan-capai-usd-22926-juta.html",
    2021: "https://infopublik.id/kategori/nusantara/599677/lampaui-target-nilai-ekspor-tahun-2021-capai-435-7-m",
    2022: "https://radarpekalongan.disway.id/amp/30112/pelaku-ukm-diajak-kembangkan-potensi-ekspor",
}

# (year, target in USD or None, rupiah per USD, note). The 2019-2022 rates are those implied by the rupiah
# figures the press printed beside the USD ones; 2018 has none published, so its rate is an annual average.
TARGETS = (
    (2018, 18_000_000, 14_237, "Kontan; 19 perusahaan melapor; kurs rata-rata tahunan (ilustratif)"),
    (2019, None, 13_653, "Target tidak dipublikasikan; kurs tersirat dari Rp313 miliar = USD 22,926 juta"),
    (2020, 19_190_000, 14_488, "Kurs tersirat dari Rp368,5414 miliar = USD 25,437 juta"),
    (2021, 26_180_000, 14_397, "Target Rp376,9 miliar; kurs tersirat dari Rp435,7 miliar = USD 30,263567 juta"),
    (2022, 26_440_000, 14_399, "Target Rp380,7 miliar; kurs tersirat dari target rupiah"),
)

NOTES = (
    "KETERANGAN BUKU KERJA CONTOH EKSPOR KOTA PEKALONGAN",
    "",
    "Buku kerja ini adalah data contoh untuk Dasbor Ekspor Kota Pekalongan.",
    "Lembar 2018-2022: rekapitulasi ekspor berdasarkan SKA (Surat Keterangan Asal), satu baris per pengapalan.",
    "Lembar Target: target ekspor tahunan (US$) dan kurs Rp/US$ yang dipakai untuk setara rupiah.",
    "Total tahunan, target dan jumlah eksportir 2018-2021 sesuai angka yang dipublikasikan Dinas Perdagangan, "
    "Koperasi dan UKM Kota Pekalongan.",
    "Rincian per pengapalan (tanggal, perusahaan, komoditi, negara tujuan, berat) bersifat ilustratif.",
    "Angka 2019 dan 2020 adalah angka awal; kemudian direvisi menjadi 22.692.392 USD (2019) dan "
    "25.173.394 USD (2020).",
    "",
    "Sumber:",
    *(f"{year}: {url}" for year, url in SOURCES.items()),
)

TITLE = "REKAPITULASI EKSPOR KOTA PEKALONGAN BERDASARKAN SKA TAHUN {year}"
OFFICE = "Dinas Perdagangan, Koperasi dan UKM Kota Pekalongan"
HEADER = (
    "No", "Tanggal", "Nama Perusahaan", "Jenis Eksportir", "Komoditi", "Pos Tarif/HS", "Negara Tujuan",
    "Berat (Kg)", "Nilai FOB (US$)",
)
WIDTHS = (6, 12, 36, 16, 20, 13, 18, 15, 18)
HEADER_ROW = 3  # zero-based: title, office, blank, header
FOOTNOTES = (
    "Sumber: e-SKA Dinas Perdagangan, Koperasi dan UKM Kota Pekalongan (diolah)",
    "*) Rincian per pengapalan bersifat ilustratif; total tahunan sesuai angka yang dipublikasikan",
)

# Destination spellings as offices write them, most common first.
SPELLINGS = {
    "SGP": ("Singapura", "Singapura", "Singapore"),
    "KOR": ("Korea Selatan", "Korea Selatan", "Korsel"),
    "THA": ("Thailand",),
    "TZA": ("Tanzania",),
    "MYS": ("Malaysia",),
    "ARE": ("Uni Emirat Arab", "Dubai"),
    "SAU": ("Arab Saudi", "Jeddah"),
    "JPN": ("Jepang",),
    "TWN": ("Taiwan",),
    "USA": ("Amerika Serikat",),
    "CHN": ("Tiongkok",),
    "HKG": ("Hong Kong",),
    "EGY": ("Mesir",),
    "TUR": ("Turki",),
    "NLD": ("Belanda",),
}


@dataclass(frozen=True)
class Commodity:
    hs: str
    usd_per_kg: tuple[float, float]
    destinations: dict[str, int]  # ISO3 -> weight


COMMODITIES = {
    "Sarung Batik": Commodity("62149090", (6.0, 12.0),
        {"TZA": 26, "SGP": 16, "MYS": 14, "SAU": 12, "ARE": 10, "THA": 8, "EGY": 8, "TUR": 6},
    ),
    "Kain Batik": Commodity("52085200", (5.0, 15.0),
        {"SGP": 22, "MYS": 20, "THA": 16, "KOR": 10, "JPN": 10, "NLD": 8, "USA": 8, "TZA": 6},
    ),
    "Batik Tulis": Commodity("52085990", (15.0, 20.0), {"JPN": 30, "NLD": 25, "USA": 20, "SGP": 15, "MYS": 10}),
    "Kemeja Batik": Commodity("62052000", (12.0, 20.0), {"MYS": 30, "SGP": 25, "USA": 20, "JPN": 15, "NLD": 10}),
    "Pakaian Jadi Batik": Commodity("62044200", (10.0, 20.0),
        {"MYS": 25, "SGP": 20, "ARE": 20, "SAU": 20, "NLD": 15},
    ),
    "Surimi": Commodity("03049900", (3.0, 5.0),
        {"KOR": 34, "THA": 20, "SGP": 14, "MYS": 10, "JPN": 10, "CHN": 6, "TWN": 6},
    ),
    "Ikan Beku": Commodity("0303.89", (1.5, 3.0), {"CHN": 35, "THA": 25, "MYS": 20, "EGY": 20}),
    "Udang Beku": Commodity("0306.17", (7.0, 11.0), {"JPN": 35, "USA": 30, "CHN": 20, "HKG": 15}),
    "Kerupuk Ikan": Commodity("1905.90", (3.0, 6.0), {"MYS": 35, "SGP": 30, "HKG": 20, "NLD": 15}),
    "Tenun ATBM": Commodity("6304.99", (8.0, 18.0), {"JPN": 35, "USA": 30, "NLD": 20, "TUR": 15}),
    "Furniture Kayu": Commodity("9403.60", (2.0, 5.0), {"USA": 45, "NLD": 35, "JPN": 20}),
    "Crab Shell Pellet": Commodity("0508.00", (0.8, 1.2), {"JPN": 60, "TWN": 40}),
}


@dataclass(frozen=True)
class Exporter:
    name: str
    large: bool  # established large firm ("Besar" / "Non UMKM"); otherwise UMKM
    years: tuple[int, ...]  # years with at least one SKA
    size: float  # relative export value
    products: dict[str, float]  # commodity -> share of the exporter's shipments

    def type_in(self, year: int) -> str:
        """The 'Jenis Eksportir' an office writes: new in its first year, then UMKM, or the large-firm label."""
        if year == self.years[0] and year > FIRST_YEAR:
            return "Eksportir Baru"
        if self.large and self.years[0] == FIRST_YEAR:
            return "Besar" if year <= 2020 else "Non UMKM"  # the office renamed the category in 2021
        return "UMKM"


def _span(first: int, last: int = YEARS[-1], *skip: int) -> tuple[int, ...]:
    return tuple(y for y in range(first, last + 1) if y not in skip)


ROSTER = (
    Exporter("PT Sarung Santri Pekalongan", True, _span(2018), 14.0, {"Sarung Batik": 1.0}),
    Exporter("PT Pekalongan Sarung Nusantara", True, _span(2018), 11.0, {"Sarung Batik": 0.85, "Kain Batik": 0.15}),
    Exporter("PT Mina Bahari Pekalongan", True, _span(2018), 13.0, {"Surimi": 0.8, "Ikan Beku": 0.2}),
    Exporter("PT Surimi Samudra Pekalongan", True, _span(2018), 10.0, {"Surimi": 1.0}),
    Exporter("PT Batik Kauman Internasional", True, _span(2018), 9.0, {"Kain Batik": 0.8, "Kemeja Batik": 0.2}),
    Exporter("PT Tekstil Batik Pasirsari", True, _span(2018), 6.0, {"Kain Batik": 0.6, "Sarung Batik": 0.4}),
    Exporter("PT Sarung Setono Makmur", True, _span(2018), 6.0, {"Sarung Batik": 1.0}),
    Exporter("PT Bandengan Mina Jaya", True, _span(2018), 4.0, {"Ikan Beku": 0.6, "Surimi": 0.4}),
    Exporter("PT Samudra Udang Lestari", True, _span(2018), 3.0, {"Udang Beku": 0.7, "Ikan Beku": 0.3}),
    Exporter("UD Surimi Laut Utara", False, _span(2018), 4.0, {"Surimi": 1.0}),
    Exporter("CV Batik Pesisir Jaya", False, _span(2018), 3.0, {"Kain Batik": 0.7, "Batik Tulis": 0.3}),
    Exporter("CV Sarung Goyor Banyurip", False, _span(2018), 2.5, {"Sarung Batik": 1.0}),
    Exporter("CV Batik Pesindon Indah", False, _span(2018), 2.0, {"Kain Batik": 0.6, "Pakaian Jadi Batik": 0.4}),
    Exporter("CV Busana Batik Landungsari", False, _span(2018, 2021), 1.5,
             {"Pakaian Jadi Batik": 0.8, "Kemeja Batik": 0.2}),
    Exporter("CV Kemeja Batik Kradenan", False, _span(2018, 2020), 1.5,
             {"Kemeja Batik": 0.8, "Pakaian Jadi Batik": 0.2}),
    Exporter("CV Tenun Medono", False, _span(2018), 1.2, {"Tenun ATBM": 1.0}),
    Exporter("CV Batik Jenggot Lestari", False, _span(2018, 2022, 2019, 2020), 1.2,  # away 2019-2020
             {"Kain Batik": 0.5, "Batik Tulis": 0.5}),
    Exporter("CV Mebel Kayu Krapyak", False, _span(2018, 2019), 0.6, {"Furniture Kayu": 1.0}),
    Exporter("UD Kerupuk Ikan Panjang Wetan", False, _span(2018, 2020), 0.5, {"Kerupuk Ikan": 1.0}),
    # new exporters, by the year of their first SKA
    Exporter("CV Batik Tulis Kergon", False, _span(2019), 0.8, {"Batik Tulis": 0.6, "Kemeja Batik": 0.4}),
    Exporter("UD Sarung Sapuro Sejahtera", False, _span(2019, 2019), 1.5, {"Sarung Batik": 1.0}),
    Exporter("CV Surimi Degayu Mandiri", False, _span(2019, 2020), 2.0, {"Surimi": 1.0}),
    Exporter("PT Kepiting Nusantara", False, _span(2020), 2.5, {"Crab Shell Pellet": 1.0}),
    Exporter("CV Cangkang Rajungan Tirto", False, _span(2020), 1.2, {"Crab Shell Pellet": 1.0}),
    Exporter("CV Batik Podosugih Kreasi", False, _span(2021), 1.0, {"Kain Batik": 0.6, "Kemeja Batik": 0.4}),
    Exporter("CV Kerupuk Mina Noyontaan", False, _span(2021), 0.6, {"Kerupuk Ikan": 1.0}),
    Exporter("CV Batik Ecoprint Pringrejo", False, _span(2022), 0.7, {"Kain Batik": 0.7, "Pakaian Jadi Batik": 0.3}),
    Exporter("CV Tenun Lurik Pekalongan Utara", False, _span(2022), 0.6, {"Tenun ATBM": 1.0}),
    Exporter("PT Olahan Ikan Krapyak Lor", False, _span(2022), 1.5, {"Surimi": 0.7, "Ikan Beku": 0.3}),
    Exporter("CV Kriya Kayu Sapuro", False, _span(2022), 0.5, {"Furniture Kayu": 1.0}),
)

# Relative number of SKAs per month (Lebaran slows shipments; 2020 had a pandemic dip in April-June).
MONTH_WEIGHTS = {year: [8, 8, 9, 9, 7, 7, 9, 9, 9, 9, 8, 9] for year in YEARS}
MONTH_WEIGHTS[2020] = [9, 9, 8, 5, 4, 5, 8, 9, 10, 10, 10, 11]


@dataclass(frozen=True)
class Shipment:
    day: date
    exporter: Exporter
    commodity: str
    destination: str
    kg: float
    cents: int


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _working_day(rng: random.Random, year: int, month: int) -> date:
    """A random day of the month, moved off the weekend (SKA are issued on working days)."""
    first = date(year, month, 1)
    days = ((first.replace(month=month + 1) if month < 12 else date(year + 1, 1, 1)) - first).days
    day = first + timedelta(days=rng.randrange(days))
    if day.weekday() >= 5:
        day -= timedelta(days=day.weekday() - 4)  # back to Friday, staying in the month unless it is the 1st/2nd
        if day.month != month:
            day += timedelta(days=3)
    return day


def _split_cents(total: int, weights: list[float]) -> list[int]:
    """Largest-remainder split of an integer total: the parts sum to `total` exactly."""
    scale = total / sum(weights)
    raw = [w * scale for w in weights]
    parts = [int(r) for r in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: (raw[i] - parts[i], -i), reverse=True)
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def shipments_of(year: int) -> list[Shipment]:
    """The year's illustrative SKA register, summing to the published total to the cent, sorted by date."""
    rng = random.Random(f"pekalongan-ska-{year}")
    active = [e for e in ROSTER if year in e.years]
    per_size = SHIPMENTS_AIMED[year] / sum(e.size**0.7 for e in active)
    plan: list[tuple[Exporter, float]] = []  # (exporter, weight of the shipment's value)
    for exporter in active:
        exporter_weight = exporter.size * rng.lognormvariate(0, 0.15)
        count = max(2, round(per_size * exporter.size**0.7 * rng.uniform(0.85, 1.15)))
        sizes = [rng.lognormvariate(0, 0.35) for _ in range(count)]
        plan += [(exporter, exporter_weight * s / sum(sizes)) for s in sizes]
    cents = _split_cents(TOTAL_CENTS[year], [w for _, w in plan])
    months = list(range(1, 13))
    rows = []
    for (exporter, _), value in zip(plan, cents, strict=True):
        commodity = _pick(rng, exporter.products)
        spec = COMMODITIES[commodity]
        destination = rng.choice(SPELLINGS[_pick(rng, spec.destinations)])
        kg = round(value / 100 / rng.uniform(*spec.usd_per_kg), 2)
        day = _working_day(rng, year, rng.choices(months, weights=MONTH_WEIGHTS[year])[0])
        rows.append(Shipment(day, exporter, commodity, destination, kg, value))
    rows.sort(key=lambda s: (s.day, s.exporter.name, s.commodity, s.destination, s.cents))
    assert sum(s.cents for s in rows) == TOTAL_CENTS[year]
    assert {s.day.month for s in rows} == set(months), f"{year}: a month without shipments"
    return rows


def write_year(book: xlsxwriter.Workbook, fmt: dict, year: int, rows: list[Shipment]) -> None:
    sheet = book.add_worksheet(str(year))
    last_col = len(HEADER) - 1
    sheet.merge_range(0, 0, 0, last_col, TITLE.format(year=year), fmt["title"])
    sheet.merge_range(1, 0, 1, last_col, OFFICE, fmt["subtitle"])
    sheet.write_row(HEADER_ROW, 0, HEADER, fmt["header"])
    for col, width in enumerate(WIDTHS):
        sheet.set_column(col, col, width)
    sheet.freeze_panes(HEADER_ROW + 1, 0)

    first = HEADER_ROW + 1
    for i, s in enumerate(rows):
        r = first + i
        sheet.write_number(r, 0, i + 1, fmt["cell"])
        sheet.write_datetime(r, 1, datetime.combine(s.day, datetime.min.time()), fmt["date"])
        sheet.write_string(r, 2, s.exporter.name, fmt["cell"])
        sheet.write_string(r, 3, s.exporter.type_in(year), fmt["cell"])
        sheet.write_string(r, 4, s.commodity, fmt["cell"])
        sheet.write_string(r, 5, COMMODITIES[s.commodity].hs, fmt["text"])
        sheet.write_string(r, 6, s.destination, fmt["cell"])
        sheet.write_number(r, 7, s.kg, fmt["number"])
        sheet.write_number(r, 8, s.cents / 100, fmt["number"])

    # Readers see cached values, not formulas: write the computed sums with the formulas.
    total = first + len(rows)
    sheet.merge_range(total, 0, total, 6, "JUMLAH", fmt["total_label"])
    kg_total = round(sum(round(s.kg * 100) for s in rows) / 100, 2)
    sheet.write_formula(total, 7, f"=SUM(H{first + 1}:H{total})", fmt["total"], kg_total)
    sheet.write_formula(total, 8, f"=SUM(I{first + 1}:I{total})", fmt["total"], TOTAL_CENTS[year] / 100)
    for offset, note in enumerate(FOOTNOTES):
        sheet.write_string(total + 2 + offset, 0, note, fmt["note"])


def write_targets(book: xlsxwriter.Workbook, fmt: dict) -> None:
    sheet = book.add_worksheet("Target")
    sheet.write_row(0, 0, ("Tahun", "Target (US$)", "Kurs (Rp/US$)", "Catatan"), fmt["header"])
    for col, width in enumerate((8, 18, 15, 95)):
        sheet.set_column(col, col, width)
    sheet.freeze_panes(1, 0)
    for r, (year, target, rate, note) in enumerate(TARGETS, start=1):
        sheet.write_number(r, 0, year, fmt["cell"])
        if target is None:
            sheet.write_blank(r, 1, None, fmt["number"])
        else:
            sheet.write_number(r, 1, target, fmt["number"])
        sheet.write_number(r, 2, rate, fmt["integer"])
        sheet.write_string(r, 3, f"{note}. Sumber: {SOURCES[year]}", fmt["cell"])


def write_notes(book: xlsxwriter.Workbook, fmt: dict) -> None:
    sheet = book.add_worksheet("Keterangan")
    sheet.set_column(0, 0, 120)
    for r, line in enumerate(NOTES):
        if line:
            sheet.write_string(r, 0, line, fmt["title_left"] if r == 0 else fmt["plain"])


def write_workbook(path: Path, registers: dict[int, list[Shipment]]) -> None:
    book = xlsxwriter.Workbook(str(path))
    book.set_properties({
        "title": "Contoh data ekspor Kota Pekalongan 2018-2022",
        "author": OFFICE,
        "created": datetime(2024, 1, 1),
    })
    border = {"border": 1, "font_name": "Calibri", "font_size": 10}
    fmt = {
        "title": book.add_format({"bold": True, "font_size": 12, "align": "center"}),
        "title_left": book.add_format({"bold": True, "font_size": 12}),
        "subtitle": book.add_format({"bold": True, "align": "center"}),
        "header": book.add_format({**border, "bold": True, "align": "center", "valign": "vcenter",
                                   "text_wrap": True, "bg_color": "#D9E1F2"}),
        "cell": book.add_format(border),
        "text": book.add_format({**border, "num_format": "@"}),
        "date": book.add_format({**border, "num_format": "dd/mm/yyyy", "align": "left"}),
        "number": book.add_format({**border, "num_format": "#,##0.00"}),
        "integer": book.add_format({**border, "num_format": "#,##0"}),
        "total_label": book.add_format({**border, "bold": True, "align": "center"}),
        "total": book.add_format({**border, "bold": True, "num_format": "#,##0.00"}),
        "note": book.add_format({"italic": True, "font_size": 9}),
        "plain": book.add_format({}),
    }
    for year, rows in registers.items():
        write_year(book, fmt, year, rows)
    write_targets(book, fmt)
    write_notes(book, fmt)
    book.close()


def summary(path: Path) -> list[tuple[int, int, int, int, float]]:
    """Read the workbook back as the app does and check every year against the published total."""
    import fastexcel
    import polars as pl

    reader = fastexcel.read_excel(path)
    out = []
    for year in YEARS:
        frame = reader.load_sheet(str(year), header_row=HEADER_ROW, dtypes={"No": "string"}).to_polars()
        assert frame.columns == list(HEADER), frame.columns
        data = frame.filter(pl.col("No").cast(pl.Int64, strict=False).is_not_null())
        value = data["Nilai FOB (US$)"]
        assert value.dtype == pl.Float64 and data["Tanggal"].dtype in (pl.Datetime, pl.Date)
        cents = (value * 100).round().cast(pl.Int64).sum()
        assert cents == TOTAL_CENTS[year], (year, cents)
        assert data["No"].cast(pl.Int64).to_list() == list(range(1, data.height + 1))
        jumlah = frame.filter(pl.col("No") == "JUMLAH")["Nilai FOB (US$)"].item()
        assert round(jumlah * 100) == TOTAL_CENTS[year]
        assert data["Tanggal"].dt.month().n_unique() == 12
        new = data.filter(pl.col("Jenis Eksportir") == "Eksportir Baru")["Nama Perusahaan"].n_unique()
        out.append((year, data.height, data["Nama Perusahaan"].n_unique(), new, cents / 100))
    return out


def main() -> None:
    registers = {year: shipments_of(year) for year in YEARS}
    write_workbook(OUT, registers)
    rows = summary(OUT)
    counts = {year: len({s.exporter.name for s in registers[year]}) for year in YEARS}
    assert counts == {2018: 19, 2019: 21, 2020: 21, 2021: 21, 2022: 24}, counts
    print(f"Wrote {OUT}")
    print(f"{'Tahun':>5}  {'Pengapalan':>10}  {'Eksportir':>9}  {'Baru':>4}  {'Nilai FOB (US$)':>18}")
    for year, shipments, exporters, new, total in rows:
        print(f"{year:>5}  {shipments:>10}  {exporters:>9}  {new:>4}  {total:>18,.2f}")
    by_commodity = Counter()
    for year in YEARS:
        for s in registers[year]:
            by_commodity[s.commodity] += s.cents
    grand = sum(by_commodity.values())
    print("Komoditi, 2018-2022: " + "; ".join(f"{c} {v / grand:.1%}" for c, v in by_commodity.most_common()))


if __name__ == "__main__":
    main()
