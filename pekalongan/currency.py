"""Currencies as offices write them, and their conversion to US dollars with a rate per currency and year.

A value is in USD only when nothing says otherwise: the cell (`¥ 1.200.000`), a currency column (`Mata Uang`,
`Valuta`) or the header (`Nilai (EUR)`, `FOB JPY`) can each name another currency. Such values are converted with
the rate the upload carries (a `Kurs` sheet) or the official types; without one the row is rejected with a reason
naming the currency, never summed as dollars. Every converted record keeps its `currency` and `fx_rate`.
"""

from __future__ import annotations

import re
from typing import Final, Literal

import polars as pl
import pycountry

from pekalongan.vocabulary import COMMON_CURRENCIES, CURRENCY_WRITINGS

USD: Final = "USD"
IDR: Final = "IDR"
# Every ISO 4217 code; the funds and metals (XAU, XDR, ...) are no trade currency of a city office.
CODES: Final[frozenset[str]] = frozenset(
    c.alpha_3 for c in pycountry.currencies if not c.alpha_3.startswith("X") or c.alpha_3 in ("XAF", "XOF")
)
# lower-case writing -> ISO code: the local writings, then every ISO code as itself.
CURRENCY_LOOKUP: Final[dict[str, str]] = {**{code.lower(): code for code in CODES}, **CURRENCY_WRITINGS}

RATES_SCHEMA: Final[dict[str, pl.DataType]] = {"year": pl.Int32(), "currency": pl.String(), "usd_per_unit": pl.Float64()}
Direction = Literal["usd_per_unit", "unit_per_usd"]


def _alternation(words: list[str]) -> str:
    # Longest first, so "us$" is taken whole before "$".
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_SIGNS: Final = [w for w in CURRENCY_WRITINGS if not w.isalpha()]
_WORDS: Final = [w for w in CURRENCY_WRITINGS if w.isalpha() or " " in w] + [c.lower() for c in COMMON_CURRENCIES]
# ISO codes that are also everyday words in a header ("ALL", "TOP 10", "CUP"): never taken for a currency there.
_WORDLIKE: Final = frozenset({"ALL", "TOP", "CUP", "MOP", "SOS", "PEN", "TRY", "BOB", "BAM", "GEL", "MAD", "LAK"})
_RARE: Final = sorted(CODES - set(COMMON_CURRENCIES) - _WORDLIKE)
# For cells and headers: signs anywhere, words and common codes as whole words in any case, other ISO codes as
# whole words in capitals only.
CURRENCY_PATTERN: Final = (
    rf"(?:{_alternation([s for s in _SIGNS if ' ' not in s])}"
    rf"|(?i:\b(?:{_alternation(_WORDS)})\b)"
    rf"|\b(?-i:{'|'.join(_RARE)})\b)"
)
# For a number cell, where the currency is anchored before or after the digits (`Rp1.234`, `12.500USD`): the same
# writings with no word boundaries, which a digit right beside them would defeat.
CURRENCY_AFFIX: Final = (
    rf"(?:{_alternation([s for s in _SIGNS if ' ' not in s])}"
    rf"|(?i:{_alternation(_WORDS)})"
    rf"|(?-i:{'|'.join(_RARE)}))"
)
_IN_TEXT: Final = re.compile(CURRENCY_PATTERN, re.IGNORECASE)
_RARE_IN_TEXT: Final = re.compile(rf"\b(?:{'|'.join(_RARE)})\b")


def currency_code(text: str | None) -> str | None:
    """'US$' -> 'USD'; 'Yen' -> 'JPY'; 'eur' -> 'EUR'; 'CHF' -> 'CHF'; 'Batik' -> None"""
    if text is None:
        return None
    return CURRENCY_LOOKUP.get(re.sub(r"\s+", " ", str(text)).strip().lower())


def currency_of_header(text: str | None) -> str | None:
    """'Nilai (EUR)' -> 'EUR'; 'FOB JPY' -> 'JPY'; 'Nilai (Juta US$)' -> 'USD'; 'Nilai (Rp)' -> 'IDR'; 'Jumlah' -> None"""
    if not text:
        return None
    text = re.sub(r"\s+", " ", str(text))
    found = {CURRENCY_LOOKUP[m.group(0).lower().replace("  ", " ")] for m in _IN_TEXT.finditer(text)
             if m.group(0).lower() in CURRENCY_LOOKUP}
    # A rare code only counts in capitals ("NILAI TOP 10" has none; "Nilai (CHF)" has one).
    found |= {m.group(0) for m in _RARE_IN_TEXT.finditer(text)}
    # "Kurs (Rp per USD)" names two currencies: no single currency of the values.
    return found.pop() if len(found) == 1 else None


def currency_expr(expr: pl.Expr) -> pl.Expr:
    """a currency column: 'US$' -> 'USD'; ' yen ' -> 'JPY'; 'Euro' -> 'EUR'; 'Gold' -> 'GOLD' (unknown); '' -> null"""
    key = expr.cast(pl.String).str.replace_all(r"\s+", " ").str.strip_chars(" ")
    # An unknown writing is kept (upper case) rather than taken for USD: its rows are rejected naming it.
    code = key.str.to_lowercase().replace_strict(CURRENCY_LOOKUP, default=key.str.to_uppercase(), return_dtype=pl.String)
    return pl.when(key != "").then(code)


def is_known(code: str | None) -> bool:
    """'EUR' -> True; 'GOLD' -> False; None -> False"""
    return code in CODES


# --- rates ------------------------------------------------------------------------------------------------------------

_PER_USD: Final = re.compile(r"(?i)(?:per|/)\s*(?:1\s*)?(?:usd|us\$|\$|dolar|dollar)\b|\bper\s+(?:us\s*)?dolar")
_TO_USD: Final = re.compile(
    r"(?i)\b(?:ke|to|dalam|in|terhadap)\s+(?:usd|us\$|dolar|dollar)\b|\busd\s+per\b|\bus\$\s+per\b"
)


def rate_direction(header: str | None) -> Direction:
    """'Rp per USD' -> 'unit_per_usd'; 'Kurs ke USD' -> 'usd_per_unit'; 'Kurs' -> 'unit_per_usd'"""
    text = str(header or "")
    if _PER_USD.search(text):
        return "unit_per_usd"
    if _TO_USD.search(text):
        return "usd_per_unit"
    # The office's convention (and the Target/Kurs sheet's): a rate says how much of the currency buys 1 USD.
    return "unit_per_usd"


def rates_frame(years: pl.Series, currencies: pl.Series, rates: pl.Series, direction: Direction) -> pl.DataFrame:
    """[2021], ['EUR'], [1.18], 'usd_per_unit' -> year 2021 | currency 'EUR' | usd_per_unit 1.18 (bad rows dropped)"""
    frame = pl.DataFrame({"year": years.cast(pl.Int32, strict=False), "currency": currencies.cast(pl.String),
                          "rate": rates.cast(pl.Float64, strict=False)})
    usd_per_unit = pl.col("rate") if direction == "usd_per_unit" else 1.0 / pl.col("rate")
    return (
        frame.filter(pl.col("rate") > 0)
        .select("year", "currency", usd_per_unit.alias("usd_per_unit"))
        .drop_nulls()
        .unique(["year", "currency"], keep="first", maintain_order=True)
    )


def typed_rates(rates: dict[tuple[int, str], float], direction: Direction = "unit_per_usd") -> pl.DataFrame:
    """{(2021, 'JPY'): 110.0} -> year 2021 | currency 'JPY' | usd_per_unit 0.00909: rates the official typed."""
    if not rates:
        return pl.DataFrame(schema=RATES_SCHEMA)
    years, codes = zip(*rates)
    return rates_frame(pl.Series(years), pl.Series([currency_code(c) or c for c in codes]),
                       pl.Series(list(rates.values())), direction)


def combine_rates(frames: list[pl.DataFrame]) -> pl.DataFrame:
    """several rate tables -> one, the first rate of each currency and year winning (typed rates come first)."""
    frames = [f.select(list(RATES_SCHEMA)).cast(RATES_SCHEMA) for f in frames if not f.is_empty()]
    if not frames:
        return pl.DataFrame(schema=RATES_SCHEMA)
    return pl.concat(frames).unique(["year", "currency"], keep="first", maintain_order=True)


def convert_to_usd(
    amounts: pl.DataFrame, rates: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """year | currency | amount -> (the same with usd_per_unit and value_usd, rows without a rate).

    `amounts` may hold other columns; they travel along. A row is converted only with the rate of its own
    currency and year."""
    joined = amounts.with_row_index("__order").join(
        rates.cast(RATES_SCHEMA), on=["year", "currency"], how="left"
    ).sort("__order").drop("__order")
    joined = joined.with_columns((pl.col("amount") * pl.col("usd_per_unit")).alias("value_usd"))
    missing = joined.filter(pl.col("usd_per_unit").is_null())
    return joined.filter(pl.col("usd_per_unit").is_not_null()), missing


def no_rate_reason(currency: str, year: int | None) -> tuple[str, dict[str, object]]:
    """('JPY', 2021) -> ('reason.no_rate', {'currency': 'JPY', 'year': 2021}); unknown codes get their own reason."""
    if not is_known(currency):
        return "reason.unknown_currency", {"currency": currency}
    return "reason.no_rate", {"currency": currency, "year": year if year is not None else "?"}
