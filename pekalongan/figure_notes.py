"""What a figure carries beside its value: years marked provisional or revised by the file, and values converted
from another currency. Said wherever the figure is shown (under the charts, in the downloads), so that a
provisional 2024 or a figure converted from yen is never forwarded as a final dollar figure.

Pure functions over the (filtered) records; the sentences come from the catalogue in the user's language.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from pekalongan import format as fmt
from pekalongan.i18n import t
from pekalongan.notices import rate_notice, render
from pekalongan.schema import Column, record_count
from pekalongan.vocabulary import PROVISIONAL, REVISED, VERY_PROVISIONAL

MARKS: Final = (PROVISIONAL, VERY_PROVISIONAL, REVISED)  # the order they are said in


def year_marks(records: pl.DataFrame) -> dict[str, list[int]]:
    """records -> {'provisional': [2024], 'revised': [2022]}: the years whose figures carry each mark."""
    if Column.YEAR_MARK not in records.columns or records.is_empty():
        return {}
    marked = (records.select(Column.YEAR, pl.col(Column.YEAR_MARK).cast(pl.String))
              .drop_nulls().unique().sort(Column.YEAR))
    found: dict[str, list[int]] = {}
    for year, mark in marked.iter_rows():
        found.setdefault(mark, []).append(int(year))
    return {m: found[m] for m in MARKS if m in found}


def conversions(records: pl.DataFrame) -> pl.DataFrame:
    """records -> currency | year | fx_rate | rows | value_usd: the values converted to USD, one row per rate used."""
    schema = {"currency": pl.String(), "year": pl.Int32(), "fx_rate": pl.Float64(), "rows": pl.UInt32(),
              "value_usd": pl.Float64()}
    if Column.CURRENCY not in records.columns or records.get_column(Column.CURRENCY).null_count() == records.height:
        return pl.DataFrame(schema=schema)
    return (
        records.filter(pl.col(Column.CURRENCY).is_not_null() & pl.col(Column.FX_RATE).is_not_null())
        .group_by(pl.col(Column.CURRENCY).cast(pl.String).alias("currency"), pl.col(Column.YEAR).alias("year"),
                  pl.col(Column.FX_RATE).alias("fx_rate"))
        .agg(record_count(records).cast(pl.UInt32).alias("rows"), pl.col(Column.VALUE_USD).sum().alias("value_usd"))
        .sort("year", "currency")
        .cast(schema)
    )


def notes(records: pl.DataFrame, lang: str = "id") -> list[str]:
    """records -> the sentences to show under their figures: 'Angka sementara: 2024.', '12 baris dalam JPY tahun
    2021 dikonversi ...' (nothing when every figure is final and in dollars)."""
    lines = [t("figures.year_mark", lang, mark=t(f"mark.{mark}", lang).capitalize(),
               years=", ".join(map(str, years)))
             for mark, years in year_marks(records).items()]
    lines += [render(rate_notice("figures.converted", rate, rows=int(rows), currency=code, year=str(year),
                                 usd=fmt.usd(value, lang)), lang)
              for code, year, rate, rows, value in conversions(records).iter_rows()]
    return lines
