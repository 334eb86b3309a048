"""The reader's vocabularies, one home each: the words offices write and what they tell the reader.

Each area keeps its words in a block of its own. Patterns are matched case-insensitively against a cell with its
surrounding spaces removed.
"""

from __future__ import annotations

import re
from typing import Final

# ------------------------------------------------------------------------- table discovery and rows (reader-clean)

# A total or subtotal row names itself in its first cells. "Totals" is how the statistics office's pivot export
# spells it; MIGAS / NON MIGAS are the oil-and-gas split the statistics office sums commodities under.
# A column headed by one of these words sums the columns beside it (MIGAS | NON MIGAS are categories there).
TOTAL_WORDS: Final = (
    "jumlah", "total", "totals", "sub total", "subtotal", "grand total", "jumlah total", "total keseluruhan",
    "jml", "rekap", "rekapitulasi", "total ekspor", "jumlah ekspor", "ekspor total", "keseluruhan",
)
TOTAL_RE: Final = (
    r"^(sub\s*-?\s*total|grand\s*total|totals?|jumlah|jml\.?|rekap(itulasi)?|total\s+ekspor|jumlah\s+ekspor|"
    r"(migas\s+(dan|\+|&)\s+)?non[\s\-]*migas|migas|keseluruhan|semua\s+(komoditi|komoditas|negara))(\b|$)"
)
# A note, a source line or a footnote mark.
NOTE_RE: Final = (
    r"^(sumber|catatan|keterangan|ket\s*[:.]|note|source|\*|angka sementara|data diolah|diolah|dicetak|ttd|"
    r"mengetahui|disclaimer)"
)
# A header cell made only of a column number, as statistics tables number their columns under the header.
COLUMN_NUMBER: Final = re.compile(r"\(?\s*(\d{1,3})\s*\)?")

# Headers that say the table counts something other than exports: the words and what the table then seems to be.
NOT_EXPORT: Final[dict[str, str]] = {
    "produksi": "production", "production": "production", "volume produksi": "production",
    "impor": "imports", "import": "imports", "imports": "imports", "nilai impor": "imports",
    "konsumsi": "consumption", "penjualan": "sales", "investasi": "investment", "pdrb": "gdp",
    "harga": "prices", "inflasi": "prices",
}
NOT_EXPORT_RE: Final = re.compile(
    r"\b(produksi|production|impor|imports?|konsumsi|penjualan|investasi|pdrb|inflasi)\b", re.IGNORECASE
)
# A period qualifier over years: "Januari–Mei" over 2024 | 2025 is a cumulative block, never two more years.
CUMULATIVE_RE: Final = re.compile(
    r"(kumulatif|cumulative|s\.?\s*d\.?|sampai|hingga|ytd|year to date|c to c|ctc|"
    r"\b[a-z]{3,9}\.?\s*[-–—/]\s*[a-z]{3,9}\b)",
    re.IGNORECASE,
)
# A sub-header row inside a table that changes the measure of the block below ("Berat Bersih : Ton").
MEASURE_WEIGHT_RE: Final = re.compile(r"\b(berat|netto|volume|weight|ton|kg)\b", re.IGNORECASE)
MEASURE_VALUE_RE: Final = re.compile(r"\b(nilai|fob|value|us\$|usd)\b", re.IGNORECASE)
# Analysts' column names: "export_hs84_usd" is the value of HS chapter 84.
HS_COLUMN_RE: Final = re.compile(r"^(?:export_|ekspor_|nilai_)?hs_?(\d{2,8})(?:_(\d{2,8}))*(?:_usd|_value|_nilai)?$",
                                 re.IGNORECASE)
# Header years: a column's year label lies in this range (2098 in a header row is a number, not a year).
HEADER_FIRST_YEAR: Final = 1990
HEADER_LAST_YEAR: Final = 2040
# A label's code in brackets, as the statistics office writes "[02] Februari" or "[03] Ikan dan udang".
CODE_PREFIX: Final = re.compile(r"^\[\s*\d+\s*\]\s*")
