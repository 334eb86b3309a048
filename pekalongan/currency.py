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

from pekalongan.schema import VALUE_FOREIGN, VALUE_IDR, Column
from pekalongan.vocabulary import COMMON_CURRENCIES, CURRENCY_WRITINGS

USD: Final = "USD"
CELL_CURRENCY: Final = "__cell_currency"  # the currency a value cell wrote, per row, before `split_by_currency`
IDR: Final = "IDR"
# Every ISO 4217 code; the funds and metals (XAU, XDR, ...) are no trade currency of a city office.
CODES: Final[frozenset[str]] = frozenset(
    c.alpha_3 for c in pycountry.currencies if not c.alpha_3.startswith("X") or c.alpha_3 in ("XAF", "XOF")
)
# lower-case writing -> ISO code: the local writings, then every ISO code as itself.
CURRENCY_LOOKUP: Final[dict[str, str]] = {**{code.lower(): code for code in CODES}, **CURRENCY_WRITINGS}

# `rate` as the source wrote it; `per_usd` says whether it is units of the currency per USD (Rp 15.000 per USD) or
# USD per unit (1 EUR = 1,18 USD). Keeping it as written converts by the same division the source meant.
RATES_SCHEMA: Final[dict[str, pl.DataType]] = {
    "year": pl.Int32(), "currency": pl.String(), "rate": pl.Float64(), "per_usd": pl.Boolean(),
}
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
    """[2021], ['EUR'], [1.18], 'usd_per_unit' -> year 2021 | currency 'EUR' | rate 1.18 | per_usd false (rows
    without a year, a currency or a positive rate dropped)"""
    frame = pl.DataFrame({"year": years.cast(pl.Int32, strict=False), "currency": currencies.cast(pl.String),
                          "rate": rates.cast(pl.Float64, strict=False)})
    return (
        frame.filter(pl.col("rate") > 0)
        .drop_nulls()
        .with_columns(pl.lit(direction == "unit_per_usd").alias("per_usd"))
        .unique(["year", "currency"], keep="first", maintain_order=True)
    )


def idr_rates(years: pl.Series, rupiah_per_usd: pl.Series) -> pl.DataFrame:
    """the Target/Kurs sheet's years and Rp-per-USD rates -> a rate table for IDR"""
    return rates_frame(years, pl.Series([IDR] * years.len(), dtype=pl.String), rupiah_per_usd, "unit_per_usd")


def typed_rates(rates: dict[tuple[int, str], float], direction: Direction = "unit_per_usd") -> pl.DataFrame:
    """{(2021, 'JPY'): 110.0} -> year 2021 | currency 'JPY' | rate 110.0 | per_usd true: rates the official typed."""
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


def split_by_currency(records: pl.DataFrame, amount: str, default: str) -> pl.DataFrame:
    """records with `amount` as written -> `value_usd` for the USD rows, `value_foreign` and `currency` for the rest.

    A row's currency is its cell's (`__cell_currency`, as in `US$ 12.500`), else its currency column's
    (`currency`), else `default` (the header's, or USD)."""
    sources = [c for c in (CELL_CURRENCY, Column.CURRENCY) if c in records.columns]
    if not sources and default == USD:
        return records.rename({amount: Column.VALUE_USD})
    code = pl.coalesce(*[pl.col(c).cast(pl.String) for c in sources], pl.lit(default, pl.String))
    foreign = code != USD
    return records.with_columns(
        pl.when(~foreign).then(pl.col(amount)).alias(Column.VALUE_USD),
        pl.when(foreign).then(pl.col(amount)).alias(VALUE_FOREIGN),
        pl.when(foreign).then(code).alias(Column.CURRENCY),
    ).drop(amount, CELL_CURRENCY, strict=False)


_NO_RATE_ROWS: Final[dict[str, pl.DataType]] = {"currency": pl.String(), "year": pl.Int32()}


def convert_records(records: pl.DataFrame, rates: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """records with values in other currencies (`value_foreign` + `currency`, or `value_idr`) -> (the records, those
    converted to USD with their `currency` and `fx_rate` (USD per unit); the rows without a rate; one row per
    conversion: currency | year | fx_rate | rows)."""
    cols = records.columns
    foreign = [pl.col(c) for c in (VALUE_FOREIGN, VALUE_IDR) if c in cols]
    none = pl.DataFrame(schema={"currency": pl.String(), "year": pl.Int32(), "fx_rate": pl.Float64(),
                                "rows": pl.UInt32()})
    if not foreign or all(records.get_column(c).null_count() == records.height for c in (VALUE_FOREIGN, VALUE_IDR)
                          if c in cols):
        return records, records.clear(), none
    amount = pl.coalesce(foreign)
    written = pl.col(Column.CURRENCY).cast(pl.String) if Column.CURRENCY in cols else pl.lit(None, pl.String)
    idr = pl.when(pl.col(VALUE_IDR).is_not_null()).then(pl.lit(IDR)) if VALUE_IDR in cols else pl.lit(None, pl.String)
    needs = pl.col(Column.VALUE_USD).is_null() & amount.is_not_null()
    records = records.with_row_index("__order").with_columns(
        pl.coalesce(written, idr).alias("__code"), amount.alias("__amount"), needs.alias("__needs")
    )
    todo = records.filter(pl.col("__needs")).join(
        rates.cast(RATES_SCHEMA).rename({"year": Column.YEAR, "currency": "__code"}),
        on=[Column.YEAR, "__code"], how="left",
    )
    rate = pl.col("rate")
    done = todo.filter(rate.is_not_null()).with_columns(
        pl.when(pl.col("per_usd")).then(pl.col("__amount") / rate).otherwise(pl.col("__amount") * rate)
        .alias(Column.VALUE_USD),
        pl.when(pl.col("per_usd")).then(1.0 / rate).otherwise(rate).alias(Column.FX_RATE),
        pl.col("__code").alias(Column.CURRENCY),
    )
    helpers = ["__code", "__amount", "__needs", "rate", "per_usd"]
    out = records.columns + [c for c in (Column.CURRENCY, Column.FX_RATE) if c not in records.columns]
    kept = pl.concat([records.filter(~pl.col("__needs")), done.select(out)],
                     how="diagonal_relaxed").sort("__order")
    missing = todo.filter(rate.is_null()).with_columns(pl.col("__code").alias(Column.CURRENCY))
    notes = (
        done.group_by(pl.col("__code").alias("currency"), pl.col(Column.YEAR).alias("year"), Column.FX_RATE)
        .agg(pl.len().cast(pl.UInt32).alias("rows")).rename({Column.FX_RATE: "fx_rate"})
        .sort("currency", "year")
    )
    drop = [*helpers, "__order"]
    return kept.drop(drop, strict=False), missing.drop(drop, strict=False), notes


def no_rate_reason(currency: str, year: int | None) -> tuple[str, dict[str, object]]:
    """('JPY', 2021) -> ('reason.no_rate', {'currency': 'JPY', 'year': 2021}); unknown codes get their own reason."""
    if not is_known(currency):
        return "reason.unknown_currency", {"currency": currency}
    return "reason.no_rate", {"currency": currency, "year": year if year is not None else "?"}
