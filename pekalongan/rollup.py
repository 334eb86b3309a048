"""National-size data: the small summary tables a stored dataset of millions of records carries beside them, and
the frames a page groups by (a summary, or the raw rows a drill-down scans).

Customs exports at HS8 x country x port x month run to tens of millions of rows; grouping them on every filter
click does not survive a few users. At save time (`pekalongan.store`, from `PEKALONGAN_SUMMARY_ROWS` records on)
`build` sums the records once per page dimension (commodity, destination, exporter, exporter type) by everything a
figure of that dimension is also cut by (year, month, period, year mark, currency and rate, exporter type, and
whether a weight was recorded). Each summary is records-shaped: the columns it does not group by are null, so every
function of `pekalongan.aggregate` runs on it unchanged and gives the figures it gives on the records for a
grouping by its dimension, the year or the month. `rows` says how many records a summary row sums: what counts
records (`schema.record_count`) sums it instead of counting rows.

`Frames` answers a page's "what do I group `dimension` by": for a dataset without summaries the filtered records
(the very objects the pages always read); with summaries and no selection of commodities, destinations or
exporters, that dimension's summary filtered by the year range and exporter types; with such a selection, the
summary of the selected dimension where it answers (a destination's own figures, and its yearly and monthly ones),
else the rows the selection picks, scanned from the Parquet file with the filters pushed down, once per run, and
compacted by the columns the pages group by.

Pure polars; never imports streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final

import polars as pl

from pekalongan import aggregate
from pekalongan.filters import Filters
from pekalongan.labels import KEY, OTHER_KEY
from pekalongan.revisions import DIMENSIONS as REVISED_DIMENSIONS
from pekalongan.revisions import TOTAL, revisions
from pekalongan.schema import ROWS, Column, conform_records, labels_as_text

if TYPE_CHECKING:
    from pekalongan.dataset import Dataset

YEAR, VALUE, WEIGHT = Column.YEAR, Column.VALUE_USD, Column.WEIGHT_KG
COMMODITY, DESTINATION, EXPORTER, EXPORTER_TYPE = (
    Column.COMMODITY, Column.DESTINATION, Column.EXPORTER, Column.EXPORTER_TYPE)
DIMENSIONS: Final = (COMMODITY, DESTINATION, EXPORTER, EXPORTER_TYPE)
SOURCE: Final = "source"  # by file, sheet and year: what the reading plan's doubts sum (`plan.doubts`)
SUMMARIES: Final = (*DIMENSIONS, SOURCE)
# What every figure of a dimension may also be cut by: the year range and exporter types the filters set, the
# month of the monthly views, and what the figure notes say (year marks, quarters, converted currencies).
BASE_KEYS: Final = (Column.YEAR, Column.MONTH, Column.PERIOD, Column.YEAR_MARK, Column.CURRENCY, Column.FX_RATE,
                    Column.EXPORTER_TYPE)
# The selections no summary answers (a commodity's destinations need the records): they drill down.
DRILL_FIELDS: Final = ("commodities", "destinations", "exporters")
# The record columns a page reads (a drill-down reads no dates, HS codes or source rows).
PAGE_COLUMNS: Final = (*BASE_KEYS, COMMODITY, DESTINATION, Column.DESTINATION_NAME, Column.DESTINATION_KIND,
                       EXPORTER, WEIGHT, VALUE)
_WEIGHED = "__weighed"


def file_name(summary: str) -> str:
    """'commodity' -> 'summary-commodity.parquet': its file in a stored version's part."""
    return f"summary-{summary}.parquet"


@dataclass(frozen=True)
class Summaries:
    """A dataset's summaries by dimension (and SOURCE), records-shaped with `rows`; `records` is how many records
    they sum."""

    frames: Mapping[str, pl.DataFrame]

    def __getitem__(self, summary: str) -> pl.DataFrame:
        return self.frames[summary]

    @property
    def records(self) -> int:
        return int(self.frames[EXPORTER_TYPE].get_column(ROWS).sum())

    @property
    def smallest(self) -> pl.DataFrame:
        """The exporter-type summary: every year- and month-level figure, and the fewest rows."""
        return self.frames[EXPORTER_TYPE]


def _shaped(frame: pl.DataFrame) -> pl.DataFrame:
    """grouped sums -> the records' columns and types (null where not grouped by) and `rows`, in a fixed order."""
    shaped = conform_records(frame).with_columns(frame.get_column(ROWS).cast(pl.Int64))
    return shaped.sort([pl.col(c).cast(pl.String) if shaped.schema[c] == pl.Categorical else pl.col(c)
                        for c in (*BASE_KEYS, *DIMENSIONS)], nulls_last=True)


def summarise(records: pl.DataFrame, dimension: str) -> pl.DataFrame:
    """records -> the summary of one dimension: value summed, weight summed (null where no record of the row had
    one: rows with and without a weight are kept apart, so the figures "of the records that record a weight" stay
    what they are), and `rows`."""
    keys = list(dict.fromkeys([*BASE_KEYS, dimension]))
    grouped = records.group_by(*keys, pl.col(WEIGHT).is_not_null().alias(_WEIGHED)).agg(
        pl.col(VALUE).sum(), pl.col(WEIGHT).sum(), pl.len().alias(ROWS))
    grouped = grouped.with_columns(pl.when(pl.col(_WEIGHED)).then(pl.col(WEIGHT)).alias(WEIGHT)).drop(_WEIGHED)
    if dimension == DESTINATION:
        # A destination's name and kind as the records' first one gives them (what `aggregate.ranking` shows).
        names = records.group_by(DESTINATION, maintain_order=True).agg(
            pl.col(Column.DESTINATION_NAME).drop_nulls().first(), pl.col(Column.DESTINATION_KIND).drop_nulls().first())
        grouped = grouped.join(names, on=DESTINATION, how="left", nulls_equal=True)
    return _shaped(grouped)


def build(records: pl.DataFrame) -> Summaries:
    """records -> their Summaries (one pass over the records per summary)."""
    frames = {dimension: summarise(records, dimension) for dimension in DIMENSIONS}
    sources = records.group_by(Column.YEAR, Column.SOURCE_FILE, Column.SOURCE_SHEET).agg(
        pl.col(VALUE).sum(), pl.len().alias(ROWS))
    frames[SOURCE] = conform_records(sources).with_columns(sources.get_column(ROWS).cast(pl.Int64))
    return Summaries(frames)


def compact(records: pl.DataFrame) -> pl.DataFrame:
    """a drill-down's records -> the same summed by every column a page groups them by (a customs record per port
    becomes one per month, commodity, country and exporter): records-shaped with `rows`, as a summary is, so the
    page's dozen groupings run over fewer rows."""
    keys = [c for c in PAGE_COLUMNS if c not in (WEIGHT, VALUE)]
    grouped = records.group_by(*keys, pl.col(WEIGHT).is_not_null().alias(_WEIGHED)).agg(
        pl.col(VALUE).sum(), pl.col(WEIGHT).sum(), pl.len().alias(ROWS))
    grouped = grouped.with_columns(pl.when(pl.col(_WEIGHED)).then(pl.col(WEIGHT)).alias(WEIGHT))
    return conform_summary(grouped)


def conform_summary(frame: pl.DataFrame) -> pl.DataFrame:
    """a summary as read from its file -> the records' types and `rows`."""
    return conform_records(frame).with_columns(frame.get_column(ROWS).cast(pl.Int64))


def sorted_for_pruning(records: pl.DataFrame) -> pl.DataFrame:
    """records -> the same, sorted by commodity, destination, year and month, those two labels as text: written so,
    each row group of the Parquet file holds a few commodities, and its statistics (text, compared as the filter's
    values are) let a drill-down skip the others. The other labels stay categorical (at 20 million rows, all of
    them as text would take gigabytes)."""
    text = records.with_columns(pl.col(COMMODITY, DESTINATION).cast(pl.String))
    return text.sort(COMMODITY, DESTINATION, YEAR, Column.MONTH, nulls_last=True)


# --------------------------------------------------------------------------------------------------- frames


class Frames:
    """The frames a page groups by, for one dataset and one selection, each made once (a Context holds one per
    run). `frame(d)` is what the filters select, `history(d)` the same over every year."""

    def __init__(self, dataset: Dataset, filters: Filters) -> None:
        self.dataset, self.filters = dataset, filters
        self.summaries: Summaries | None = dataset.summaries
        self._made: dict[tuple[str, str], pl.DataFrame] = {}

    @property
    def summarised(self) -> bool:
        return self.summaries is not None

    @property
    def drilled(self) -> bool:
        """A summarised dataset with a selection of commodities, destinations or exporters: what no summary
        answers (a commodity's destinations) comes from the rows the selection picks."""
        return self.summarised and bool(self._chosen())

    def _chosen(self) -> set[str]:
        return {d for d, name in zip((COMMODITY, DESTINATION, EXPORTER), DRILL_FIELDS, strict=True)
                if getattr(self.filters, name)}

    def _summary_for(self, dimension: str) -> str | None:
        """The summary that answers `dimension` under the selection, or None (the records must be scanned): its
        own, when the selection is of it or of nothing; for year- and month-level figures (exporter type), the
        summary of the one dimension selected."""
        chosen = self._chosen()
        if not chosen or chosen == {dimension}:
            return dimension
        if dimension == EXPORTER_TYPE and len(chosen) == 1:
            return next(iter(chosen))
        return None

    def _once(self, key: tuple[str, str], make) -> pl.DataFrame:
        if key not in self._made:
            self._made[key] = make()
        return self._made[key]

    def _year_free(self) -> Filters:
        return self.filters.without("year_from", "year_to")

    def _ranged(self) -> bool:
        return self.filters.year_from is not None or self.filters.year_to is not None

    def frame(self, dimension: str = EXPORTER_TYPE) -> pl.DataFrame:
        """What the filters select, to group `dimension` by."""
        if not self.summarised:
            return self._once(("frame", ""), lambda: self.filters.apply(self.dataset.records))
        summary = self._summary_for(dimension)
        if summary is None:
            return self.drill()
        return self._once(("frame", summary), lambda: self.filters.apply(self.summaries[summary]))

    def history(self, dimension: str = EXPORTER_TYPE) -> pl.DataFrame:
        """What the filters select over every year (year-on-year views); `frame` itself when no year range is set."""
        if not self._ranged():
            return self.frame(dimension)
        if not self.summarised:
            return self._once(("history", ""), lambda: self._year_free().apply(self.dataset.records))
        summary = self._summary_for(dimension)
        if summary is None:
            return self._once(("drill-history", ""), lambda: self._drill(self._year_free()))
        return self._once(("history", summary), lambda: self._year_free().apply(self.summaries[summary]))

    def drill(self) -> pl.DataFrame:
        """The rows the selection picks (scanned once per run, over every year when a range is set: the year-on-year
        views need them too), compacted."""
        if not self._ranged():
            return self._once(("drill", ""), lambda: self._drill(self.filters))
        years = Filters(year_from=self.filters.year_from, year_to=self.filters.year_to)
        history = self._once(("drill-history", ""), lambda: self._drill(self._year_free()))
        return self._once(("drill", ""), lambda: years.apply(history))

    def _drill(self, filters: Filters) -> pl.DataFrame:
        """The rows `filters` pick, scanned from the records' file with the filter pushed down, compacted."""
        return compact(self.dataset.select(filters.expression(), PAGE_COLUMNS))

    def records(self) -> pl.DataFrame:
        """The records the filters select, every column (downloads): read from the file only when asked."""
        if not self.summarised:
            return self.frame()
        return self._once(("records", ""), lambda: self.dataset.select(self.filters.expression()))


def knows(frames: Frames, dimension: str) -> bool:
    """Do the selected records say anything about `dimension` (`aggregate.known_dimensions`), from its own frame
    (a summary by commodity knows nothing of exporters; a page asking of its own dimension scans nothing)."""
    return dimension in aggregate.known_dimensions(frames.frame(dimension))


def known_dimensions(frames: Frames) -> frozenset[str]:
    """The dimensions the selected records say something about, each from its own frame."""
    if not frames.summarised:
        return aggregate.known_dimensions(frames.frame())
    return frozenset(d for d in DIMENSIONS if knows(frames, d))


def headline(frames: Frames, targets: pl.DataFrame | None, year: int | None) -> aggregate.Headline:
    """`aggregate.headline` of the selection over every year (the year before counts): on a summarised dataset,
    each count from its dimension's frame, and who is new from the exporter summary of the whole dataset."""
    if not frames.summarised:
        return aggregate.headline(frames.history(), targets, year, all_records=frames.dataset.records)
    figures = aggregate.headline(frames.history(EXPORTER), targets, year, all_records=frames.summaries[EXPORTER])
    counts = {d: aggregate.headline(frames.history(d), None, year, first_seen=False) for d in (DESTINATION, COMMODITY)}
    return replace(figures, destinations=counts[DESTINATION].destinations, commodities=counts[COMMODITY].commodities)


def matrix(frames: Frames, top_rows: int = 12, top_cols: int = 12) -> pl.DataFrame:
    """`aggregate.matrix` of commodity x destination. On a summarised dataset without a selection, the top rows and
    columns come from the summaries and only the records of a top commodity are scanned from the file (its row
    groups are sorted by commodity: the others are skipped); what the other commodities send to each top destination
    is that destination's total less what the top ones send, and the rest is what is left of their total."""
    if not frames.summarised or frames.drilled:
        source = frames.drill() if frames.drilled else frames.frame()
        return aggregate.matrix(source, COMMODITY, DESTINATION, top_rows, top_cols)
    rows = aggregate.ranking(frames.frame(COMMODITY), COMMODITY, top=top_rows)
    cols = aggregate.ranking(frames.frame(DESTINATION), DESTINATION, top=top_cols)
    named_rows = rows.filter(pl.col(KEY) != OTHER_KEY)
    scanned = frames.dataset.select(frames.filters.expression() & _among(COMMODITY, named_rows.get_column(KEY)),
                                    (COMMODITY, DESTINATION, VALUE))
    sums = labels_as_text(scanned.group_by(COMMODITY, DESTINATION).agg(pl.col(VALUE).sum()))
    others = rows.filter(pl.col(KEY) == OTHER_KEY).get_column(VALUE)
    if others.len():  # the commodities outside the top: by subtraction, per top destination and for the rest
        named_cols = cols.filter(pl.col(KEY) != OTHER_KEY)
        sent = dict(sums.filter(_among(DESTINATION, named_cols.get_column(KEY))).group_by(DESTINATION)
                    .agg(pl.col(VALUE).sum()).iter_rows())
        cells = [(key, value - sent.get(key, 0.0)) for key, value in named_cols.select(KEY, VALUE).iter_rows()]
        cells.append((OTHER_KEY, float(others[0]) - sum(v for _, v in cells)))
        total = float(cols.get_column(VALUE).sum())
        # A cell no record makes is left out (it is 0), not the rounding left by a subtraction.
        kept = [(k, v) for k, v in cells if abs(v) > 1e-9 * max(abs(total), 1.0)]
        sums = pl.concat([sums, pl.DataFrame({COMMODITY: [OTHER_KEY] * len(kept), DESTINATION: [k for k, _ in kept],
                                              VALUE: [v for _, v in kept]}, schema=sums.schema)])
    return aggregate.matrix_of(sums, COMMODITY, DESTINATION, rows, cols)


def _among(column: str, keys: pl.Series) -> pl.Expr:
    """column's value (as text) is one of `keys` (a null key: a blank cell)."""
    named = [k for k in keys.to_list() if k is not None]
    chosen = pl.col(column).cast(pl.String).is_in(named)
    return chosen | pl.col(column).is_null() if keys.null_count() else chosen


def revised(old: Dataset, new: Dataset, filters: Filters | None = None) -> pl.DataFrame:
    """`revisions.revisions` of two versions (of the records `filters` selects): from their summaries when both
    have them, each dimension from its own."""
    chosen = filters or Filters()
    if old.summaries is None or new.summaries is None:
        return revisions(chosen.apply(old.records), chosen.apply(new.records))
    before, after = Frames(old, chosen), Frames(new, chosen)
    parts = []
    for dimension in REVISED_DIMENSIONS:
        frame = EXPORTER_TYPE if dimension == TOTAL else dimension
        parts.append(revisions(before.frame(frame), after.frame(frame), (dimension,)))
    return pl.concat(parts)
