"""What changed between two versions of a dataset, the way a statistics office flags revised figures: for every
year, the total and each commodity, destination and exporter type whose value differs, with the old value, the
new one, the difference and the change in percent (`formulas.change_pct`).

    2019: 22,93 → 22,69 juta USD, selisih -0,23, -1,02%

A figure present in only one version is listed too (old or new is None). Keys stay keys (ISO codes, exporter
type codes); `describe` turns a row into words at the edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

import polars as pl

from pekalongan.format import MILLION, number_id, pct
from pekalongan.formulas import change_pct
from pekalongan.i18n import t
from pekalongan.names import display_name
from pekalongan.schema import Column

TOTAL: Final = "total"
DIMENSIONS: Final = (TOTAL, Column.COMMODITY, Column.DESTINATION, Column.EXPORTER_TYPE)
TOLERANCE_USD: Final = 0.005  # below half a cent a difference is the float sum's order, not a revision
SCHEMA: Final = {
    "dimension": pl.String, "year": pl.Int64, "key": pl.String,
    "old_usd": pl.Float64, "new_usd": pl.Float64, "diff_usd": pl.Float64, "change_pct": pl.Float64,
}


def _sums(records: pl.DataFrame, dimension: str) -> pl.DataFrame:
    """records -> year | key | value_usd, summed by year (and the dimension's key)."""
    if records.is_empty():
        return pl.DataFrame(schema={"year": pl.Int64, "key": pl.String, "value_usd": pl.Float64})
    key = pl.lit(None, pl.String) if dimension == TOTAL else pl.col(dimension).cast(pl.String)
    return (
        records.select(pl.col(Column.YEAR).cast(pl.Int64).alias("year"), key.alias("key"), Column.VALUE_USD)
        .group_by("year", "key")
        .agg(pl.col(Column.VALUE_USD).sum())
    )


def revisions(old: pl.DataFrame, new: pl.DataFrame, dimensions: tuple[str, ...] = DIMENSIONS) -> pl.DataFrame:
    """(old records, new records) -> dimension | year | key | old_usd | new_usd | diff_usd | change_pct, one row per
    figure that changed, by dimension (the total first), year and the largest difference first."""
    parts = []
    for dimension in dimensions:
        joined = _sums(old, dimension).join(
            _sums(new, dimension), on=["year", "key"], how="full", coalesce=True, nulls_equal=True, suffix="_new"
        )
        parts.append(joined.select(
            pl.lit(dimension).alias("dimension"), "year", "key",
            pl.col(Column.VALUE_USD).alias("old_usd"), pl.col(f"{Column.VALUE_USD}_new").alias("new_usd"),
        ))
    table = pl.concat(parts).with_columns(
        (pl.col("new_usd").fill_null(0.0) - pl.col("old_usd").fill_null(0.0)).alias("diff_usd")
    )
    changed = table.filter(
        (pl.col("diff_usd").abs() > TOLERANCE_USD) | (pl.col("old_usd").is_null() != pl.col("new_usd").is_null())
    )
    order = {d: i for i, d in enumerate(dimensions)}
    changed = changed.with_columns(
        pl.Series("change_pct", [change_pct(n, o) for o, n in changed.select("old_usd", "new_usd").iter_rows()],
                  dtype=pl.Float64),
        pl.col("dimension").replace_strict(order, return_dtype=pl.Int64).alias("_order"),
    )
    changed = changed.sort("_order", "year", pl.col("diff_usd").abs(), descending=[False, False, True])
    return changed.drop("_order").select(list(SCHEMA)).cast(SCHEMA)


def label(dimension: str, key: str | None, lang: str = "id") -> str:
    """('destination', 'SGP') -> 'Singapura'; ('exporter_type', 'umkm') -> the type's name; (total, None) -> ''"""
    if dimension == TOTAL:
        return ""
    if key is None:
        return t("agg.blank", lang)
    if dimension == Column.DESTINATION:
        return display_name(key, lang)
    if dimension == Column.EXPORTER_TYPE:
        return t(f"exporter_type.{key}", lang)
    return key


def where(row: dict, lang: str = "id") -> str:
    """A revised figure's place: '2019' for the total, '2019, Komoditi: Surimi' for a dimension's key."""
    if row["dimension"] == TOTAL:
        return str(row["year"])
    name = t(f"revisions.dimension.{row['dimension']}", lang)
    return f"{row['year']}, {name}: {label(row['dimension'], row['key'], lang)}"


def _millions(value: float | None, lang: str, missing: str) -> str:
    return t(missing, lang) if value is None else number_id(value / MILLION, 2, lang)


def describe(row: dict, lang: str = "id") -> str:
    """One revised figure in words: '2019: 22,93 → 22,69 juta USD, selisih -0,23, -1,02%'."""
    diff = row["diff_usd"] / MILLION
    return t(
        "revisions.line", lang, where=where(row, lang),
        old=_millions(row["old_usd"], lang, "revisions.new_figure"),
        new=_millions(row["new_usd"], lang, "revisions.gone_figure"),
        diff=("+" if diff > 0 else "") + number_id(diff, 2, lang), pct=pct(row["change_pct"], lang, signed=True),
    )


def marks(old: pl.DataFrame, new: pl.DataFrame) -> set[tuple[str, int, str | None]]:
    """The figures revised between two versions as (dimension, year, key): for marking them on other pages."""
    table = revisions(old, new)
    return {(d, y, k) for d, y, k in table.select("dimension", "year", "key").iter_rows()}


def baseline(version: int, last_seen: int | None) -> int | None:
    """The version a page's figures are compared with: the one the viewer last saw when that is known (None when
    they saw this one, or a newer one: nothing is new to them), else the previous one (None for version 1).

    >>> baseline(3, None), baseline(3, 1), baseline(3, 3), baseline(1, None)
    (2, 1, None, None)
    """
    if last_seen is not None:
        return last_seen if last_seen < version else None
    return version - 1 if version > 1 else None


@dataclass(frozen=True)
class Marks:
    """The figures on screen that differ from those of an earlier version (`since`), each with its revision row
    (see `revisions`), found by (dimension, year, key); `seen` says `since` is the version the viewer last saw
    (else it is the one before the version on screen)."""

    version: int
    since: int
    seen: bool = False
    rows: dict[tuple[str, int, str | None], dict] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, table: pl.DataFrame, version: int, since: int, seen: bool = False) -> Marks:
        """A `revisions` table -> Marks."""
        rows = {(r["dimension"], r["year"], r["key"]): r for r in table.iter_rows(named=True)}
        return cls(version, since, seen, rows)

    def get(self, dimension: str, year: int, key: str | None = None) -> dict | None:
        """The revision of one figure (a year's total, or a year's commodity, destination or type), if revised."""
        return self.rows.get((dimension, year, key))

    def of_dimension(self, dimension: str) -> list[dict]:
        """The revised figures of one dimension, by year and the largest difference first."""
        return [row for (d, _, _), row in self.rows.items() if d == dimension]
