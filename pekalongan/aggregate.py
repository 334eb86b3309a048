"""Clean records -> the small frames and figures the pages show: rankings, yearly and monthly series, the Ministry
of Trade's standard table (Perub, Peran, Trend, c-to-c) and the headline figures against the year's target. They
compute with keys ('SGP', 'umkm', '2021', '__other__') and speak no language: words come from `pekalongan.labels`,
applied by the renderers (pages, charts' callers, downloads, the command line). The press-release sentence is
`pekalongan.narrative`.

Pure polars; never imports streamlit. Every function takes records that are already filtered and returns a frame
of at most a few hundred rows, or plain values. Percentages come from `pekalongan.formulas`, the ministry's
definitions (see `docs/reference.md`): a figure that is undefined (no base year, a zero or negative value) is
None, never NaN or infinity, so it can go to JSON and be shown as "-".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Final

import polars as pl

from pekalongan.format import Kind
from pekalongan.formulas import achievement_pct, change_pct, finite, share_expr, share_pct, trend_pct
from pekalongan.labels import KEY, LABEL, OTHER_KEY
from pekalongan.schema import RATE_IDR, TARGET_IDR, TARGET_USD, Column, labels_as_text

# `--by` name -> record column.
DIMENSIONS: Final[dict[str, str]] = {
    "year": Column.YEAR,
    "commodity": Column.COMMODITY,
    "destination": Column.DESTINATION,
    "exporter_type": Column.EXPORTER_TYPE,
    "exporter": Column.EXPORTER,
}
SHARE_PCT: Final = "share_pct"
YEAR, MONTH, VALUE, WEIGHT = Column.YEAR, Column.MONTH, Column.VALUE_USD, Column.WEIGHT_KG


# --- Rankings -----------------------------------------------------------------------------------------------------


def _weight_sum() -> pl.Expr:
    """weights -> their sum; null when no row recorded a weight (a table of values only is not 0 kg)."""
    return pl.when(pl.col(WEIGHT).is_not_null().any()).then(pl.col(WEIGHT).sum()).alias(WEIGHT)


def _sums(records: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """records -> one row per combination of keys: value_usd, weight_kg (and destination_name for destinations)."""
    names = [pl.col(Column.DESTINATION_NAME).drop_nulls().first()] if Column.DESTINATION in keys else []
    return labels_as_text(records.group_by(keys).agg(pl.col(VALUE).sum(), _weight_sum(), *names))


def ranking(records: pl.DataFrame, column: str, top: int | None = None, rest: bool = True) -> pl.DataFrame:
    """records -> key | value_usd | weight_kg | share_pct (and destination_name for destinations), largest first
    (ties by key). Keys are text (years too); with `top=N` the rest is one row keyed "__other__" (`rest=False`
    drops it instead). Shares are of all the records, whatever is kept."""
    grouped = _sums(records, [column])
    names = [Column.DESTINATION_NAME] if column == Column.DESTINATION else []
    ranked = grouped.select(pl.col(column).cast(pl.String).alias(KEY), VALUE, WEIGHT, *names).sort(
        [VALUE, KEY], descending=[True, False], nulls_last=True
    )
    if top is not None and ranked.height > top:
        no_names = [pl.lit(None, pl.String).alias(name) for name in names]
        others = ranked.slice(top).select(pl.lit(OTHER_KEY).alias(KEY), pl.col(VALUE).sum(), _weight_sum(), *no_names)
        ranked = pl.concat([ranked.head(top), others]) if rest else ranked.head(top)
    total = float(grouped.get_column(VALUE).sum())
    return ranked.with_columns(share_expr(pl.col(VALUE), total).alias(SHARE_PCT))


def _bucketed(sums: pl.DataFrame, column: str, ranked: pl.DataFrame, prefix: str = "") -> pl.DataFrame:
    """sums keyed by `column` -> the same with `{prefix}key`: the ranking's key, or "__other__" outside it."""
    keys = ranked.filter(pl.col(KEY) != OTHER_KEY).select(KEY, pl.lit(True).alias("__ranked"))
    return (
        sums.with_columns(pl.col(column).cast(pl.String).alias(KEY))
        .join(keys, on=KEY, how="left", nulls_equal=True)
        .with_columns(pl.when(pl.col("__ranked")).then(pl.col(KEY)).otherwise(pl.lit(OTHER_KEY)).alias(prefix + KEY))
        .drop("__ranked", *([KEY] if prefix else []))
    )


def _ranked_keys(ranked: pl.DataFrame, prefix: str = "") -> pl.DataFrame:
    """ranking(...) -> {prefix}key (| {prefix}destination_name) | {prefix}rank"""
    names = [pl.col(Column.DESTINATION_NAME).alias(prefix + Column.DESTINATION_NAME)] \
        if Column.DESTINATION_NAME in ranked.columns else []
    return ranked.select(pl.col(KEY).alias(prefix + KEY), *names, pl.int_range(pl.len()).alias(prefix + "rank"))


# --- Yearly and monthly series ------------------------------------------------------------------------------------


def _year_span(records: pl.DataFrame, years: Iterable[int] | None = None) -> list[int]:
    """records -> every year from the first to the last (or exactly `years` when given), sorted."""
    if years is not None:
        return sorted({int(y) for y in years})
    span = records.select(pl.col(YEAR).min().alias("first"), pl.col(YEAR).max().alias("last")).row(0)
    return [] if span[0] is None else list(range(span[0], span[1] + 1))


def by_year(records: pl.DataFrame, years: Iterable[int] | None = None) -> pl.DataFrame:
    """records -> year | value_usd, one row per year of the range (0 where there is no data)."""
    span = pl.DataFrame({YEAR: _year_span(records, years)}, schema={YEAR: pl.Int32})
    sums = records.group_by(YEAR).agg(pl.col(VALUE).sum())
    return span.join(sums, on=YEAR, how="left").with_columns(pl.col(VALUE).fill_null(0.0)).sort(YEAR)


def by_year_and(records: pl.DataFrame, column: str, top: int | None = 8) -> pl.DataFrame:
    """records -> year | key | value_usd for the top N keys and the rest ("__other__"), every year of the range (0
    filled); destinations keep the name the reader resolved (destination_name) for `labels.labelled`."""
    keys = _ranked_keys(ranking(records, column, top=top))
    sums = (
        _bucketed(labels_as_text(records.group_by(YEAR, column).agg(pl.col(VALUE).sum())), column, keys)
        .group_by(YEAR, KEY)
        .agg(pl.col(VALUE).sum())
    )
    grid = by_year(records).select(YEAR).join(keys, how="cross")
    return (
        grid.join(sums, on=[YEAR, KEY], how="left", nulls_equal=True)
        .with_columns(pl.col(VALUE).fill_null(0.0))
        .sort(YEAR, "rank")
        .select(YEAR, KEY, *_name_of(keys), VALUE)
    )


def _name_of(keys: pl.DataFrame, prefix: str = "") -> list[str]:
    """_ranked_keys(...) -> [its destination_name column] for destinations, else []"""
    name = prefix + Column.DESTINATION_NAME
    return [name] if name in keys.columns else []


def matrix(
    records: pl.DataFrame, row_col: str, col_col: str, top_rows: int = 12, top_cols: int = 12
) -> pl.DataFrame:
    """records -> row_key | col_key | value_usd: top rows × top columns, the rest "__other__"; a destination side
    keeps the name the reader resolved (row_/col_destination_name) for `labels.labelled`."""
    sums = labels_as_text(records.group_by(row_col, col_col).agg(pl.col(VALUE).sum()))
    return matrix_of(sums, row_col, col_col, ranking(records, row_col, top=top_rows),
                     ranking(records, col_col, top=top_cols))


def matrix_of(sums: pl.DataFrame, row_col: str, col_col: str, ranked_rows: pl.DataFrame,
              ranked_cols: pl.DataFrame) -> pl.DataFrame:
    """row_col | col_col | value_usd sums (as text) and the two sides' rankings (`ranking` with a top) -> the
    `matrix` frame: what is outside a ranking summed as "__other__" (`rollup.matrix` gives sums it did not group
    from the records)."""
    rows = _ranked_keys(ranked_rows, "row_")
    cols = _ranked_keys(ranked_cols, "col_")
    sums = _bucketed(sums, row_col, rows.rename({"row_key": KEY}), "row_")
    sums = _bucketed(sums, col_col, cols.rename({"col_key": KEY}), "col_")
    sums = sums.group_by("row_key", "col_key").agg(pl.col(VALUE).sum())
    return (
        rows.join(cols, how="cross")
        .join(sums, on=["row_key", "col_key"], how="left", nulls_equal=True)
        .with_columns(pl.col(VALUE).fill_null(0.0))
        .sort("row_rank", "col_rank")
        .select("row_key", *_name_of(rows, "row_"), "col_key", *_name_of(cols, "col_"), VALUE)
    )


def has_months(records: pl.DataFrame) -> bool:
    """records -> True when at least one row knows its month."""
    return bool(records.select(pl.col(MONTH).is_not_null().any()).item()) if not records.is_empty() else False


def monthly(records: pl.DataFrame) -> pl.DataFrame:
    """records -> year | month | value_usd, only rows that know their month, in calendar order."""
    return (
        records.filter(pl.col(MONTH).is_not_null())
        .group_by(YEAR, MONTH)
        .agg(pl.col(VALUE).sum())
        .sort(YEAR, MONTH)
    )


def _last_month(records: pl.DataFrame, year: int) -> int | None:
    """records -> the last month with data in `year`; None when that year has no months."""
    month = records.filter((pl.col(YEAR) == year) & pl.col(MONTH).is_not_null()).get_column(MONTH).max()
    return None if month is None else int(month)


def _cumulative_sums(records: pl.DataFrame, keys: list[str], year: int, through_month: int) -> pl.DataFrame:
    """records -> keys | current | previous: January..through_month of `year` and of `year - 1`."""
    window = records.filter(pl.col(MONTH).is_not_null() & (pl.col(MONTH) <= through_month))
    return labels_as_text(window.group_by(keys).agg(
        pl.col(VALUE).filter(pl.col(YEAR) == year).sum().alias("current"),
        pl.col(VALUE).filter(pl.col(YEAR) == year - 1).sum().alias("previous"),
    ))


def _has_monthly_year(records: pl.DataFrame, year: int) -> bool:
    """records -> True when `year` has rows that know their month (so a missing cumulative is a real zero)."""
    return records.filter((pl.col(YEAR) == year) & pl.col(MONTH).is_not_null()).height > 0


def cumulative(records: pl.DataFrame, year: int, through_month: int | None = None) -> dict[str, Any]:
    """records, 2024 -> {'year', 'through_month', 'current', 'previous', 'change_pct'}: Jan..m of 2024 vs 2023."""
    if through_month is None:
        through_month = _last_month(records, year)
    if through_month is None:
        return {"year": year, "through_month": None, "current": None, "previous": None, "change_pct": None}
    sums = _cumulative_sums(records.with_columns(pl.lit(0).alias("__all")), ["__all"], year, through_month)
    current, previous = (sums.row(0)[1:] if sums.height else (0.0, 0.0))
    previous = previous if _has_monthly_year(records, year - 1) else None
    return {
        "year": year,
        "through_month": through_month,
        "current": float(current),
        "previous": None if previous is None else float(previous),
        "change_pct": change_pct(current, previous),
    }


# --- Targets ----------------------------------------------------------------------------------------------------


def targets_usd(targets: pl.DataFrame | None) -> dict[int, float]:
    """year | target_usd | target_idr | rate_idr -> {2020: 19190000.0, 2023: 405e9 / rate, ...} (target in USD)."""
    if targets is None or targets.is_empty():
        return {}
    columns = targets.columns
    usd = pl.col(TARGET_USD) if TARGET_USD in columns else pl.lit(None, pl.Float64)
    idr = (
        pl.col(TARGET_IDR) / pl.when(pl.col(RATE_IDR) > 0).then(pl.col(RATE_IDR))
        if TARGET_IDR in columns and RATE_IDR in columns
        else pl.lit(None, pl.Float64)
    )
    goals = (
        targets.select(YEAR, pl.coalesce(usd, idr).alias("goal"))
        .filter(pl.col("goal").is_finite() & pl.col(YEAR).is_not_null())
        .group_by(YEAR, maintain_order=True)
        .agg(pl.col("goal").first())
    )
    return {int(year): float(goal) for year, goal in goals.iter_rows()}


ACHIEVEMENT_PCT: Final = "achievement_pct"


def against_targets(yearly: pl.DataFrame, targets: dict[int, float] | None) -> pl.DataFrame:
    """year | value_usd, {year: target} -> year | value_usd | target_usd | achievement_pct: every year that has a
    value or a target, sorted (null where either is missing; achievement as the press computes it)."""
    goals = pl.DataFrame(
        {YEAR: list((targets or {}).keys()), TARGET_USD: list((targets or {}).values())},
        schema={YEAR: pl.Int64, TARGET_USD: pl.Float64},
    )
    data = (
        yearly.select(pl.col(YEAR).cast(pl.Int64), pl.col(VALUE).cast(pl.Float64))
        .join(goals, on=YEAR, how="full", coalesce=True)
        .sort(YEAR)
    )
    achieved = [achievement_pct(value, goal) for value, goal in data.select(VALUE, TARGET_USD).iter_rows()]
    return data.with_columns(pl.Series(ACHIEVEMENT_PCT, achieved, dtype=pl.Float64))


def _rate(targets: pl.DataFrame | None, year: int) -> float | None:
    """targets -> that year's rupiah per USD, or None."""
    if targets is None or targets.is_empty() or RATE_IDR not in targets.columns:
        return None
    rates = targets.filter((pl.col(YEAR) == year) & (pl.col(RATE_IDR) > 0)).get_column(RATE_IDR)
    return finite(rates[0]) if len(rates) else None


# --- The standard table ---------------------------------------------------------------------------------------


# Column identities of the standard table (a year's column is the year, '2024'); never a translated header.
CHANGE, SHARE, TREND = "change", "share", "trend"
CUM_CURRENT, CUM_PREVIOUS, CUM_CHANGE = "cum_current", "cum_previous", "cum_change"
_ROW_FIELDS: Final = {
    CHANGE: "change_pct", SHARE: "share_pct", TREND: "trend_pct",
    CUM_CURRENT: "cum_current", CUM_PREVIOUS: "cum_previous", CUM_CHANGE: "cum_change_pct",
}


@dataclass(frozen=True)
class TableColumn:
    """One column of the standard table: its identity ('label', '2024', 'share', 'cum_current'...), its kind, and
    the catalogue entry that heads it (none for a year: the year heads its own column). `labels.header` words it."""

    id: str
    kind: Kind
    title: str = ""  # i18n key
    params: tuple[tuple[str, int | str | None], ...] = ()
    through_month: int | None = None  # c-to-c columns name their months in the reader's language


@dataclass(frozen=True)
class StandardRow:
    """One line of the standard table: values per year and the ministry's derived columns."""

    key: str | None  # None for a blank key, and for the total
    values: dict[int, float]
    change_pct: float | None
    share_pct: float | None
    trend_pct: float | None
    cum_current: float | None = None
    cum_previous: float | None = None
    cum_change_pct: float | None = None

    def cell(self, column: TableColumn) -> float | None:
        """A number column -> this line's cell: a year's value in USD, or a percentage; None if undefined."""
        name = _ROW_FIELDS.get(column.id)
        return self.values.get(int(column.id)) if name is None else getattr(self, name)

    def to_json(self, label: str) -> dict[str, Any]:
        """its label -> {'key', 'label', 'values': {'2020': ...}, 'change_pct', 'share_pct', 'trend_pct'}"""
        return {
            "key": self.key,
            "label": label,
            "values": {str(year): value for year, value in self.values.items()},
            "change_pct": self.change_pct,
            "share_pct": self.share_pct,
            "trend_pct": self.trend_pct,
        }


@dataclass(frozen=True)
class StandardTable:
    """The ministry's table: one row per key, values per year, Perub, Peran, Trend and c-to-c, and a total. It holds
    keys and numbers; `labels.table_frame`, `labels.table_json` and `labels.column_cells` put it in the reader's words."""

    by: str
    years: list[int]
    rows: list[StandardRow]
    total: StandardRow
    cum_year: int | None = None  # set when the data has months
    cum_through_month: int | None = None
    targets: dict[int, dict[str, float | None]] = field(default_factory=dict)
    names: dict[str | None, str | None] = field(default_factory=dict)  # destinations: the name the reader resolved

    @property
    def column_name(self) -> str:
        """The record column the rows are keyed by: 'commodity', 'destination' ('year' for the total only)."""
        return DIMENSIONS[self.by]

    @property
    def columns(self) -> tuple[TableColumn, ...]:
        """The columns in the ministry's order: label, one per year, change, share, trend, then c-to-c."""
        label = TableColumn(LABEL, Kind.LABEL, f"table.col.{self.by}")
        columns = [label, *(TableColumn(str(year), Kind.MONEY) for year in self.years)]
        if self.years:
            first, last = self.years[0], self.years[-1]
            columns += [
                TableColumn(CHANGE, Kind.PERCENT, "table.change", (("last", last), ("previous", last - 1))),
                TableColumn(SHARE, Kind.PERCENT, "table.share", (("year", last),)),
                TableColumn(TREND, Kind.PERCENT, "table.trend", (("start", first), ("end", last))),
            ]
        if self.cum_year is not None and self.cum_through_month is not None:
            year, month = self.cum_year, self.cum_through_month
            columns += [
                TableColumn(CUM_CURRENT, Kind.MONEY, "table.cumulative", (("year", year),), month),
                TableColumn(CUM_PREVIOUS, Kind.MONEY, "table.cumulative", (("year", year - 1),), month),
                TableColumn(CUM_CHANGE, Kind.PERCENT, "table.cumulative_change"),
            ]
        return tuple(columns)

    def column(self, column_id: str) -> TableColumn | None:
        """'2024' -> that year's column; 'share' -> Peran; None when the table has no such column."""
        return next((column for column in self.columns if column.id == column_id), None)

    @property
    def lines(self) -> list[StandardRow]:
        """The rows, then the total."""
        return [*self.rows, self.total]


def _standard_row(
    key: str | None,
    values: dict[int, float],
    totals: dict[int, float],
    years: list[int],
    cum: tuple[float | None, float | None] | None = None,
) -> StandardRow:
    """values per year -> the row with Perub (last year vs the one before), Peran (last year) and Trend (all years)."""
    last = years[-1] if years else None
    current = values.get(last) if last is not None else None
    previous = values.get(last - 1) if last is not None else None
    cum_current, cum_previous = cum if cum is not None else (None, None)
    return StandardRow(
        key=key,
        values=values,
        change_pct=change_pct(current, previous),
        share_pct=share_pct(current, totals.get(last)) if last is not None else None,
        trend_pct=trend_pct([values[y] for y in years]),
        cum_current=cum_current,
        cum_previous=cum_previous,
        cum_change_pct=change_pct(cum_current, cum_previous) if cum is not None else None,
    )


def standard_table(records: pl.DataFrame, by: str, targets: pl.DataFrame | None = None) -> StandardTable:
    """records, 'commodity' -> StandardTable: one row per commodity (none for 'year': the total only)."""
    if by not in DIMENSIONS:
        raise ValueError(f"unknown dimension {by!r}; expected one of {', '.join(DIMENSIONS)}")
    column = DIMENSIONS[by]
    yearly = by_year(records)
    years = [int(y) for y in yearly.get_column(YEAR)]
    totals = {int(y): float(v) for y, v in yearly.iter_rows()}

    cum_year = years[-1] if years and has_months(records) else None
    through = _last_month(records, cum_year) if cum_year is not None else None
    if through is None:
        cum_year = None
    previous_known = cum_year is not None and _has_monthly_year(records, cum_year - 1)

    def cum_pair(current: float, previous: float) -> tuple[float | None, float | None] | None:
        return None if cum_year is None else (current, previous if previous_known else None)

    total_cum = cumulative(records, cum_year, through) if cum_year is not None else None
    total = _standard_row(
        None,
        totals,
        totals,
        years,
        cum_pair(total_cum["current"], total_cum["previous"]) if total_cum else None,
    )

    rows: list[StandardRow] = []
    names: dict[str | None, str | None] = {}
    if column != Column.YEAR and years:
        keys = ranking(records, column)
        if column == Column.DESTINATION:
            names = dict(keys.select(KEY, Column.DESTINATION_NAME).iter_rows())
        per_year = labels_as_text(records.group_by(pl.col(column).alias(KEY), YEAR).agg(pl.col(VALUE).sum()))
        values: dict[str | None, dict[int, float]] = {}
        for key, year, value in per_year.iter_rows():
            values.setdefault(key, {})[int(year)] = float(value)
        cums: dict[str | None, tuple[float, float]] = {}
        if cum_year is not None and through is not None:
            keyed = records.with_columns(pl.col(column).alias(KEY))
            for key, current, previous in _cumulative_sums(keyed, [KEY], cum_year, through).iter_rows():
                cums[key] = (float(current), float(previous))
        last = years[-1]
        for key in keys.get_column(KEY):
            row_values = {year: values.get(key, {}).get(year, 0.0) for year in years}
            rows.append(_standard_row(key, row_values, totals, years, cum_pair(*cums.get(key, (0.0, 0.0)))))
        # Latest year first, as officials read the table; then the whole period, then the key.
        rows.sort(key=lambda r: (-r.values[last], -sum(r.values.values()), r.key is None, r.key or ""))

    goals = targets_usd(targets)
    table_targets = {
        year: {
            "target_usd": goals[year],
            "realisation_usd": totals[year],
            "achievement_pct": achievement_pct(totals[year], goals[year]),
        }
        for year in years
        if year in goals
    }
    return StandardTable(by, years, rows, total, cum_year, through, table_targets, names)


# --- Headline figures -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Headline:
    """The figures an official quotes for one year: value, change, target, rupiah and counts."""

    year: int | None
    value_usd: float
    previous_year: int | None
    previous_usd: float | None  # None when the records hold nothing for the year before
    change_pct: float | None
    target_usd: float | None
    achievement_pct: float | None
    remaining_usd: float | None  # how much is still missing to reach the target; 0 once reached
    rate_idr: float | None
    value_idr: float | None
    exporters: int
    new_exporters_declared: int  # typed "new" in the register
    new_exporters_derived: int | None  # first seen this year; None for the dataset's first year
    destinations: int
    commodities: int


def known_dimensions(records: pl.DataFrame) -> frozenset[str]:
    """The dimensions the records say something about: a column the files never fill (a statistics-office table has
    no exporters; an exporter type the files do not write is read as 'unknown') makes a count of it not known, which
    is not zero."""
    known = records.select(
        pl.col(Column.EXPORTER).is_not_null().any().alias(Column.EXPORTER),
        (pl.col(Column.EXPORTER_TYPE).cast(pl.String) != "unknown").any().alias(Column.EXPORTER_TYPE),
        pl.col(Column.DESTINATION).is_not_null().any().alias(Column.DESTINATION),
        pl.col(Column.COMMODITY).is_not_null().any().alias(Column.COMMODITY),
    ).row(0, named=True) if not records.is_empty() else {}
    return frozenset(k for k, v in known.items() if v)


def first_years(records: pl.DataFrame) -> pl.DataFrame:
    """records -> exporter | first_year, one row per named exporter."""
    return labels_as_text(
        records.filter(pl.col(Column.EXPORTER).is_not_null())
        .group_by(Column.EXPORTER)
        .agg(pl.col(YEAR).min().alias("first_year"))
    ).sort("first_year", Column.EXPORTER)


def new_exporters_by_year(records: pl.DataFrame) -> pl.DataFrame:
    """records -> year | declared | derived: exporters typed 'new', and exporters first seen that year (null for
    the dataset's first year, where everyone is first seen)."""
    span = by_year(records).select(YEAR)
    declared = (
        records.filter((pl.col(Column.EXPORTER_TYPE) == "new") & pl.col(Column.EXPORTER).is_not_null())
        .group_by(YEAR)
        .agg(pl.col(Column.EXPORTER).n_unique().alias("declared"))
    )
    derived = first_years(records).group_by(pl.col("first_year").alias(YEAR)).agg(pl.len().alias("derived"))
    first = span.get_column(YEAR).min()
    return (
        span.join(declared, on=YEAR, how="left")
        .join(derived, on=YEAR, how="left")
        .select(
            YEAR,
            pl.col("declared").fill_null(0).cast(pl.Int64),
            pl.when(pl.col(YEAR) != first).then(pl.col("derived").fill_null(0)).cast(pl.Int64).alias("derived"),
        )
        .sort(YEAR)
    )


def headline(
    records: pl.DataFrame,
    targets: pl.DataFrame | None = None,
    year: int | None = None,
    all_records: pl.DataFrame | None = None,
    *,
    first_seen: bool = True,
) -> Headline:
    """records, targets, 2020 -> Headline (default: the last year). `all_records` (default `records`) decides who
    is a new exporter by first appearance; pass the unfiltered records so a year filter does not make everyone new.
    `first_seen=False` leaves that count out (None): it reads every record, and the press sentence does not use it.

    One pass over the records for every figure of the year and the year before (at a million rows, filtering out
    the two years first cost more than the sums)."""
    history = records if all_records is None else all_records
    if year is None:
        last = records.get_column(YEAR).max()
        year = None if last is None else int(last)
    if year is None:
        return Headline(None, 0.0, None, None, None, None, None, None, None, None, 0, 0, None, 0, 0)
    this, before = pl.col(YEAR) == year, pl.col(YEAR) == year - 1

    def distinct(column: str, when: pl.Expr = this) -> pl.Expr:
        return pl.col(column).filter(when).drop_nulls().n_unique().alias(f"n_{column}")

    figures = records.select(
        pl.col(VALUE).filter(this).sum().alias("value"),
        pl.col(VALUE).filter(before).sum().alias("previous"),
        before.any().alias("has_previous"),
        distinct(Column.EXPORTER),
        distinct(Column.EXPORTER, this & (pl.col(Column.EXPORTER_TYPE) == "new")).alias("n_new"),
        distinct(Column.DESTINATION),
        distinct(Column.COMMODITY),
    ).row(0, named=True)
    value = float(figures["value"])
    previous = float(figures["previous"]) if figures["has_previous"] else None
    target = targets_usd(targets).get(year)
    rate = _rate(targets, year)
    dataset_first = history.get_column(YEAR).min()
    derived = None
    if first_seen and dataset_first is not None and year != dataset_first:
        derived = first_years(history).filter(pl.col("first_year") == year).height
    return Headline(
        year=year,
        value_usd=value,
        previous_year=year - 1 if previous is not None else None,
        previous_usd=previous,
        change_pct=change_pct(value, previous),
        target_usd=target,
        achievement_pct=achievement_pct(value, target),
        remaining_usd=max(target - value, 0.0) if target is not None else None,
        rate_idr=rate,
        value_idr=value * rate if rate is not None else None,
        exporters=figures[f"n_{Column.EXPORTER}"],
        new_exporters_declared=figures["n_new"],
        new_exporters_derived=derived,
        destinations=figures[f"n_{Column.DESTINATION}"],
        commodities=figures[f"n_{Column.COMMODITY}"],
    )
