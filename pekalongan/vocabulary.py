"""The reader's vocabularies, one home each: the words offices write in cells and headers, declared once, as data,
and what they tell the reader.

Parsers build their patterns and lookups from these tables; adding a spelling is one entry here. Each area keeps
its words in a block of its own. Patterns are matched case-insensitively against a cell with its surrounding spaces
removed.
"""

from __future__ import annotations

import re
from typing import Final

# ==================================================================================================================
# Cell grammar (reader-cells): month names, year marks, nil marks, quarter/semester words, currency writings.
# ==================================================================================================================

# Every spelling of a month an office uses, Indonesian and English, full and abbreviated, lower case.
MONTH_NAMES: Final[dict[int, tuple[str, ...]]] = {
    1: ("januari", "january", "jan"),
    2: ("februari", "pebruari", "february", "feb", "peb", "febr", "pebr"),
    3: ("maret", "march", "mar"),
    4: ("april", "apr"),
    5: ("mei", "may"),
    6: ("juni", "june", "jun"),
    7: ("juli", "july", "jul"),
    8: ("agustus", "august", "agu", "agt", "ags", "agus", "agst", "aug"),
    9: ("september", "sep", "sept"),
    10: ("oktober", "october", "okt", "oct"),
    11: ("november", "nopember", "nov", "nop"),
    12: ("desember", "december", "des", "dec"),
}

# Marks statistics offices put after a year: `2021*)` provisional, `2022**)` very provisional, `2020r)` revised.
# Keys are the mark as written, lower case, brackets and spaces removed; longest keys are tried first.
PROVISIONAL: Final = "provisional"
VERY_PROVISIONAL: Final = "very_provisional"
REVISED: Final = "revised"
YEAR_MARKS: Final[dict[str, str]] = {
    "*": PROVISIONAL,
    "**": VERY_PROVISIONAL,
    "***": VERY_PROVISIONAL,
    "r": REVISED,
    "rev": REVISED,
    "revisi": REVISED,
    "revised": REVISED,
    "p": PROVISIONAL,
    "prelim": PROVISIONAL,
    "preliminary": PROVISIONAL,
    "sementara": PROVISIONAL,
    "angka sementara": PROVISIONAL,
    "provisional": PROVISIONAL,
    "sangat sementara": VERY_PROVISIONAL,
    "angka sangat sementara": VERY_PROVISIONAL,
}

# Cells that say "nothing here" instead of a number, and what each is taken to mean (BPS's table conventions:
# "-" nil, ".." not available, "x" confidential). Keys are lower case with spaces collapsed. "n/a" is not one: in a
# register it is a value the clerk did not fill in, an error to fix.
NIL_ZERO: Final = "zero"  # nihil: read as 0
NIL_NOT_AVAILABLE: Final = "not_available"  # no figure published: no record
NIL_CONFIDENTIAL: Final = "confidential"  # withheld: no record
NIL_BLANK: Final = "blank"  # an empty cell: no figure
NIL_MARKS: Final[dict[str, str]] = {
    "-": NIL_ZERO,
    "–": NIL_ZERO,
    "—": NIL_ZERO,
    "−": NIL_ZERO,
    "--": NIL_ZERO,
    "---": NIL_ZERO,
    "nihil": NIL_ZERO,
    "nil": NIL_ZERO,
    "..": NIL_NOT_AVAILABLE,
    "...": NIL_NOT_AVAILABLE,
    "…": NIL_NOT_AVAILABLE,
    "x": NIL_CONFIDENTIAL,
    "rahasia": NIL_CONFIDENTIAL,
    "dirahasiakan": NIL_CONFIDENTIAL,
}

# Words for a quarter or a half-year, lower case; a period code is "Q1".."Q4" or "S1", "S2".
QUARTER_WORDS: Final = ("triwulan", "tw", "trw", "kuartal", "quarter", "kw", "q")
SEMESTER_WORDS: Final = ("semester", "smt", "sem", "half", "h", "s")
ROMAN: Final[dict[str, int]] = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

# Local writings of currencies -> ISO 4217 code, lower case. pycountry supplies every ISO code itself
# (`currency.CODES`); these are the signs and words offices type instead. `$` alone is the US dollar.
CURRENCY_WRITINGS: Final[dict[str, str]] = {
    "us$": "USD", "us $": "USD", "u$": "USD", "$": "USD", "dolar": "USD", "dollar": "USD", "dolar as": "USD",
    "dollar as": "USD", "usd$": "USD",
    "rp": "IDR", "rp.": "IDR", "rupiah": "IDR",
    "¥": "JPY", "yen": "JPY", "jp¥": "JPY",
    "€": "EUR", "euro": "EUR", "eur€": "EUR",
    "£": "GBP", "pound": "GBP", "poundsterling": "GBP", "pound sterling": "GBP",
    "s$": "SGD", "sg$": "SGD", "dolar singapura": "SGD",
    "rm": "MYR", "ringgit": "MYR",
    "a$": "AUD", "au$": "AUD", "dolar australia": "AUD",
    "rmb": "CNY", "yuan": "CNY", "renminbi": "CNY",
    "won": "KRW", "₩": "KRW",
    "hk$": "HKD",
    "riyal": "SAR", "real saudi": "SAR",
    "dirham": "AED",
    "baht": "THB", "฿": "THB",
    "nt$": "TWD",
    "₹": "INR", "rupee": "INR",
}
# ISO codes that headers and cells commonly carry: matched whatever their case ("Nilai (eur)"). Any other ISO
# code is matched only in capitals, as a whole word, so "all" or "top" in a header is not a currency.
COMMON_CURRENCIES: Final = (
    "USD", "IDR", "EUR", "JPY", "SGD", "MYR", "CNY", "GBP", "AUD", "KRW", "HKD", "SAR", "AED", "THB", "CHF", "CAD",
    "NZD", "TWD", "INR", "PHP", "VND",
)

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
