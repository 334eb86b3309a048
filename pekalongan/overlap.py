"""Two files for the same thing: an SKA register and a statistics-office table of the same year, or this month's
recap and the year-to-date file. Adding both counts the year twice, so each year that two files cover (the same
year, and the same commodities or destinations, and not different months) is counted from one file only: by
default the one with shipment detail (exporters, dates), else the first uploaded; `prefer` chooses otherwise:
{year: file name}, or COUNT_ALL when the official says the files count different things.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import polars as pl

from pekalongan import reasons
from pekalongan.notices import Notice, notice
from pekalongan.report import ROW_SCHEMA, SKIPPED
from pekalongan.schema import Column

COUNT_ALL = "all"  # the official's choice: every file counted, overlaps only reported


@dataclass(frozen=True)
class Coverage:
    """What one file's records cover in one year."""

    file: str
    year: int
    commodities: frozenset[str]
    destinations: frozenset[str]
    months: frozenset[int]
    detail: bool  # shipments (exporters or dates), not figures per category
    shipments: pl.Series | None = field(default=None, compare=False)  # a hash per shipment (date, exporter, value)


@dataclass
class Decision:
    """A year two or more files cover, and the file it is counted from."""

    year: int
    files: list[str]
    counted_from: str | None  # the file counted first; None: the official chose to count every file
    warnings: list[Notice] = field(default_factory=list)
    counted: list[str] = field(default_factory=list)  # every file the year is counted from (they do not overlap)
    dropped: list[str] = field(default_factory=list)  # the files whose records of that year are not counted

    def as_dict(self) -> dict:
        return {"year": self.year, "files": self.files, "counted_from": self.counted_from, "counted": self.counted,
                "dropped": self.dropped}


def _labels(frame: pl.DataFrame, column: str) -> frozenset[str]:
    values = frame.get_column(column).drop_nulls().cast(pl.String)
    return frozenset(values.str.to_lowercase().str.strip_chars().unique().to_list())


def coverage(file: str, records: pl.DataFrame) -> list[Coverage]:
    """One file's records -> what it covers, year by year."""
    if records.is_empty() or Column.YEAR not in records.columns:
        return []
    out = []
    for (year,), part in records.group_by(Column.YEAR):
        if year is None:
            continue
        detail = any(c in part.columns and part.get_column(c).null_count() < part.height
                     for c in (Column.EXPORTER, Column.DATE))
        months = part.get_column(Column.MONTH).drop_nulls().unique().to_list()
        shipments = None
        if detail:
            key = [c for c in (Column.DATE, Column.EXPORTER, Column.VALUE_USD) if c in part.columns]
            shipments = part.select(pl.struct(pl.col(key).cast(pl.String)).hash()).to_series().unique()
        out.append(Coverage(file, int(year), _labels(part, Column.COMMODITY), _labels(part, Column.DESTINATION),
                            frozenset(months), detail, shipments))
    return out


def _overlaps(a: Coverage, b: Coverage) -> bool:
    if a.months and b.months and not a.months & b.months:
        return False  # January's recap and February's
    if a.shipments is not None and b.shipments is not None:
        # Two registers of shipments: the same year twice only when they list the same shipments (one register
        # saved twice), not when two offices each list their own.
        smaller, larger = sorted((a.shipments, b.shipments), key=len)
        return bool(smaller.len()) and smaller.is_in(larger.implode()).mean() >= 0.5
    if not (a.commodities or a.destinations) or not (b.commodities or b.destinations):
        return True  # a file of yearly or monthly totals covers everything of its year
    return bool(a.commodities & b.commodities or a.destinations & b.destinations)


def decide(covered: list[Coverage], order: list[str], prefer: Mapping[int, str] | str | None = None
           ) -> list[Decision]:
    """Every file's coverage -> one decision per year that several files cover (counted_from None: all counted)."""
    count_all = prefer == COUNT_ALL
    prefer = {} if count_all or prefer is None else prefer
    by_year: dict[int, list[Coverage]] = {}
    for c in covered:
        by_year.setdefault(c.year, []).append(c)
    decisions = []
    for year, items in sorted(by_year.items()):
        involved = sorted({c.file for a in items for c in items if a.file != c.file and _overlaps(a, c)},
                          key=order.index)
        if len(involved) < 2:
            continue
        if count_all:
            decisions.append(Decision(year, involved, None))
            continue
        detail = {c.file for c in items if c.detail}
        # The preferred file first, then those with shipment detail, then the one that covers more of the year (a
        # January-February recap over January's), then upload order. Each file kept drops the files that overlap
        # it; files that overlap only a dropped one (January's and February's recaps beside the year-to-date file)
        # stay.
        coverage_of = {c.file: c for c in items}
        ranked = sorted(involved, key=lambda f: (f != prefer.get(year), f not in detail, -_extent(coverage_of[f]),
                                                 order.index(f)))
        kept: list[str] = []
        dropped: list[str] = []
        for f in ranked:
            if any(_overlaps(coverage_of[f], coverage_of[k]) for k in kept):
                dropped.append(f)
            else:
                kept.append(f)
        warning = notice("warn.overlap", a=involved[0], b=", ".join(involved[1:]), years=str(year),
                         chosen=", ".join(kept))
        decisions.append(Decision(year, involved, kept[0], [warning], kept, dropped))
    return decisions


def _extent(c: Coverage) -> int:
    """How much of its year a file covers: its months, else its shipments."""
    return len(c.months) * 1_000_000 + (c.shipments.len() if c.shipments is not None else 0)


def drop_overlaps(file: str, records: pl.DataFrame, decisions: list[Decision]
                  ) -> tuple[pl.DataFrame, pl.DataFrame, dict[str | None, int]]:
    """One file's records -> (records counted, report rows of the rows no longer counted, rows no longer kept per
    sheet): the years another file is counted from."""
    dropped_years = {d.year: ", ".join(d.counted) for d in decisions if file in d.dropped}
    if not dropped_years or records.is_empty():
        return records, pl.DataFrame(schema=ROW_SCHEMA), {}
    drop = pl.col(Column.YEAR).is_in(list(dropped_years))
    keep, gone = records.filter(~drop), records.filter(drop)
    key = [Column.SOURCE_SHEET, Column.SOURCE_ROW]
    still = keep.select(key).unique()
    lost = gone.group_by(key).agg(pl.col(Column.YEAR).first()).join(still, on=key, how="anti")
    rows = lost.select(
        pl.lit(file).alias("file"), pl.col(Column.SOURCE_SHEET).cast(pl.String).alias("sheet"),
        pl.col(Column.SOURCE_ROW).alias("row"), pl.lit(SKIPPED).alias("status"),
        pl.col(Column.YEAR).replace_strict(
            {y: reasons.render(reasons.OVERLAP, f"{y}|{f}") for y, f in dropped_years.items()}, return_dtype=pl.String
        ).alias("reason"),
        pl.lit(reasons.OVERLAP).alias("code"),
        pl.col(Column.YEAR).replace_strict({y: f"{y}|{f}" for y, f in dropped_years.items()},
                                           return_dtype=pl.String).alias("param"),
    ).sort("sheet", "row")
    per_sheet = dict(lost.group_by(pl.col(Column.SOURCE_SHEET).cast(pl.String)).len().iter_rows())
    return keep, rows.select(list(ROW_SCHEMA)).cast(ROW_SCHEMA), per_sheet
