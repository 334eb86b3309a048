"""SKA monthly recaps as the trade office writes them (title rows, a semicolon CSV with Indonesian numbers, a
Jumlah row, a source note), with their expected totals computed here from the shipments, not by the reader."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

HEADER = "No;Tanggal;Eksportir;Kategori;Komoditas;Pos Tarif;Negara;Volume (Kg);Nilai (US$)"


@dataclass(frozen=True)
class Shipment:
    date: str  # dd/mm/yyyy
    exporter: str
    category: str  # "Besar", "Lama" -> established; "UMKM" -> umkm
    commodity: str
    hs: str
    country: str  # as written in Indonesian
    iso3: str  # what the reader should resolve it to
    kg: int
    cents: int  # the FOB value in US cents: exact sums

    @property
    def year(self) -> int:
        return int(self.date[-4:])


def indonesian(number: int, decimals: bool = False) -> str:
    """1234567 -> '1.234.567'; cents 123456789 (decimals) -> '1.234.567,89'"""
    whole, cents = divmod(number, 100) if decimals else (number, None)
    text = f"{whole:,}".replace(",", ".")
    return f"{text},{cents:02d}" if decimals else text


def recap(title: str, shipments: list[Shipment]) -> bytes:
    lines = [title, "Dinas Perdagangan Kota Pekalongan", "", HEADER]
    for n, s in enumerate(shipments, start=1):
        lines.append(";".join([str(n), s.date, s.exporter, s.category, s.commodity, s.hs, s.country,
                               indonesian(s.kg), indonesian(s.cents, decimals=True)]))
    lines.append(";".join(["Jumlah", "", "", "", "", "", "", indonesian(sum(s.kg for s in shipments)),
                           indonesian(sum(s.cents for s in shipments), decimals=True)]))
    lines.append("Sumber: SKA Dinas Perdagangan, diolah")
    return ("\n".join(lines) + "\n").encode("utf-8")


def by_year(*files: list[Shipment]) -> dict[int, float]:
    """Expected USD by year of every shipment in the files."""
    cents: dict[int, int] = defaultdict(int)
    for shipments in files:
        for s in shipments:
            cents[s.year] += s.cents
    return {year: c / 100 for year, c in sorted(cents.items())}


FISH_2019 = Shipment("15/01/2019", "CV. Mina Bahari", "Besar", "Ikan Beku", "03036700", "Tiongkok", "CHN",
                     2_500_000, 2_200_000_000)
BATIK_2019 = Shipment("20/03/2019", "PT. Batik Pesisir Jaya", "Lama", "Sarung Batik", "52085290", "Singapura", "SGP",
                      61_000, 92_600_000)
# The same shipment of fish, corrected in the 2019 recap: the year's total goes from 22,926 to 22,692392 juta USD.
FISH_2019_CORRECTED = Shipment("15/01/2019", "CV. Mina Bahari", "Besar", "Ikan Beku", "03036700", "Tiongkok", "CHN",
                               2_500_000, 2_176_639_200)
BATIK_2020_01 = Shipment("14/01/2020", "PT. Batik Pesisir Jaya", "Lama", "Sarung Batik", "52085290", "Jepang", "JPN",
                         90_000, 150_000_000)
FISH_2020_02 = Shipment("10/02/2020", "CV. Mina Bahari", "Besar", "Ikan Beku", "03036700", "Tiongkok", "CHN",
                        120_000, 98_765_432)

YEAR_2019 = [FISH_2019, BATIK_2019]
YEAR_2019_CORRECTED = [FISH_2019_CORRECTED, BATIK_2019]
MONTH_2020_01 = [BATIK_2020_01]


def files_2019() -> tuple[str, bytes]:
    return "ska_2019.csv", recap("Rekap Ekspor Kota Pekalongan Tahun 2019", YEAR_2019)


def files_2019_corrected() -> tuple[str, bytes]:
    return "ska_2019.csv", recap("Rekap Ekspor Kota Pekalongan Tahun 2019 (revisi)", YEAR_2019_CORRECTED)


def files_2020_01() -> tuple[str, bytes]:
    return "ska_2020_01.csv", recap("Rekap Ekspor Kota Pekalongan Januari 2020", MONTH_2020_01)
