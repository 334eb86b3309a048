"""The words offices write in cells and headers, each vocabulary declared once, as data.

Parsers build their patterns and lookups from these tables; adding a spelling is one entry here.
"""

from __future__ import annotations

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
