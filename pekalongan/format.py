"""Numbers the way Indonesian readers write them: `25,44 juta USD`, `Rp368,5 miliar`, `74,28%`.

Separators come from babel's Indonesian (and English) locale data, never hand-rolled. Scale words are spelled out:
in Indonesian "M" means miliar, so a bare "M" is never shown.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from babel.numbers import get_decimal_symbol, get_group_symbol

from pekalongan.formulas import finite

DASH = "-"  # what the ministry's tables show for an undefined figure
SCALES = {
    "id": ((1e12, "triliun"), (1e9, "miliar"), (1e6, "juta"), (1e3, "ribu")),
    "en": ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand")),
}
LOCALES = {"id": "id_ID", "en": "en_US"}
# Python's own `,.2f` grouping, re-punctuated with the locale's symbols: the same text as babel's
# `format_decimal(..., "#,##0.00")` (tests/test_format.py checks it against babel), ten times faster, which a
# national table of 5,000 commodities x 12 figures formatted on every run needs.
_PUNCTUATION = {lang: str.maketrans({",": get_group_symbol(locale), ".": get_decimal_symbol(locale)})
                for lang, locale in LOCALES.items()}
PERCENT_WORD = {"id": "persen", "en": "percent"}  # a release spells "%" out
MILLION: Final = 1e6  # the tables' money unit: "Nilai dalam juta USD"


class Kind(StrEnum):
    """What a table column holds, which decides how it is shown."""

    LABEL = "label"  # text: a commodity, a country, 'Jumlah'
    MONEY = "money"  # USD, shown in `money_unit`s
    PERCENT = "percent"  # a percentage, shown as it is


def defined(value: float | None) -> bool:
    """None, NaN and ±inf -> False; any other number -> True"""
    return finite(value) is not None


def number_id(value: float | None, decimals: int = 0, lang: str = "id") -> str:
    """1234567.891 -> '1.234.567,89' (decimals=2); None -> '-'"""
    if not defined(value):
        return DASH
    return f"{round(value, decimals):,.{decimals}f}".translate(_PUNCTUATION[lang])


def scaled(value: float | None, lang: str = "id", decimals: int = 2) -> tuple[str, str]:
    """25437000 -> ('25,44', 'juta'); 950 -> ('950', '')"""
    if not defined(value):
        return DASH, ""
    for factor, word in SCALES[lang]:
        if abs(value) >= factor:
            return number_id(value / factor, decimals, lang), word
    return number_id(value, 0 if float(value).is_integer() else decimals, lang), ""


def usd(value: float | None, lang: str = "id", decimals: int = 2) -> str:
    """25437000 -> '25,44 juta USD'; 19190000 (en) -> '19.19 million USD'"""
    number, word = scaled(value, lang, decimals)
    if number == DASH:
        return DASH
    return f"{number} {word} USD".replace("  ", " ")


def rupiah(value: float | None, lang: str = "id", decimals: int = 1) -> str:
    """368541400000 -> 'Rp368,5 miliar'; None -> '-'"""
    number, word = scaled(value, lang, decimals)
    if number == DASH:
        return DASH
    return f"Rp{number} {word}".strip()


def pct(value: float | None, lang: str = "id", decimals: int = 2, signed: bool = False) -> str:
    """74.2813 -> '74,28%'; 10.95 (signed) -> '+10,95%'; None -> '-'"""
    if not defined(value):
        return DASH
    text = number_id(value, decimals, lang) + "%"
    return ("+" + text) if signed and value > 0 else text


def kg(value: float | None, lang: str = "id") -> str:
    """4064468 -> '4.064,5 ton'; 950 -> '950 kg'"""
    if not defined(value):
        return DASH
    if abs(value) >= 1000:
        return f"{number_id(value / 1000, 1, lang)} ton"
    return f"{number_id(value, 0, lang)} kg"


def usd_press(value: float | None, lang: str = "id", decimals: int = 2) -> str:
    """25437000 -> 'US$25,44 juta' (as a release prints it); ('en') -> 'US$25.44 million'; None -> '-'"""
    number, word = scaled(value, lang, decimals)
    if number == DASH:
        return DASH
    return f"US${number} {word}".strip()


def pct_press(value: float | None, lang: str = "id", decimals: int = 2) -> str:
    """35.1 -> '35,10 persen' (a release spells the unit out); ('en') -> '35.10 percent'; None -> '-'"""
    if not defined(value):
        return DASH
    return f"{number_id(value, decimals, lang)} {PERCENT_WORD[lang]}"


def in_unit(value: float | None, kind: Kind, money_unit: float = MILLION) -> float | None:
    """(25437000.0, MONEY) -> 25.437 (juta USD); (10.95, PERCENT) -> 10.95; (None, MONEY) -> None"""
    if kind is Kind.MONEY and value is not None:
        return value / money_unit
    return value


def table_cell(value: float | None, kind: Kind, lang: str = "id", money_unit: float = MILLION) -> str:
    """One number of a table as text: (25437000.0, MONEY) -> '25,44'; (10.954, PERCENT) -> '10,95'; None -> '-'"""
    return number_id(in_unit(value, kind, money_unit), 2, lang)
