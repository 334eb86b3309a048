"""The public view of a shared dataset: the dataset a public link opens holds no record, only the protected tables.

`public_dataset` runs the disclosure control of `pekalongan.disclosure` once and keeps its result with the
dataset (`Dataset.protection`). Its `records` frame is only a list of which (year, commodity, destination,
exporter type) combinations exist, with no value, no weight, no month, no exporter and no source, so the filter
widgets can offer their choices and say "no match"; every figure on a public page comes from the protected
tables. The reading report keeps its row counts only (its row-level reasons quote cells), and the file names go.
"""

from __future__ import annotations

from dataclasses import replace

import polars as pl

from pekalongan.disclosure import DIMENSIONS, MONTHS, RULES, Protection, Rules, contributions, protect
from pekalongan.ingest import Dataset
from pekalongan.report import Report
from pekalongan.schema import Column, conform_records


def skeleton(records: pl.DataFrame, rules: Rules = RULES, crossed: bool = True) -> pl.DataFrame:
    """records -> one valueless record per existing (year, commodity, destination, exporter type); without
    `crossed` (the public view publishes no cross of dimensions) one per existing (year, one dimension's key),
    the others empty, so not even which combinations exist is told."""
    if records.is_empty():
        return conform_records(records)
    contrib = contributions(records, rules)
    if crossed:
        keys = contrib.select(Column.YEAR, *DIMENSIONS).unique().sort(Column.YEAR, *DIMENSIONS)
    else:
        keys = pl.concat([contrib.select(Column.YEAR, d).unique() for d in DIMENSIONS], how="diagonal")
    names = records.select(
        pl.col(Column.DESTINATION).cast(pl.String), pl.col(Column.DESTINATION_NAME).cast(pl.String),
        pl.col(Column.DESTINATION_KIND).cast(pl.String),
    ).unique(Column.DESTINATION)
    return conform_records(keys.join(names, on=Column.DESTINATION, how="left", nulls_equal=True))


def public_dataset(dataset: Dataset, rules: Rules = RULES) -> Dataset:
    """The full dataset -> the one a public link shows: protected tables, no record, no name, no file."""
    protected = protect(dataset.records, rules)
    crossed = any(len(dims) > 1 for dims in protected.tables if dims != MONTHS)
    return replace(
        dataset,
        records=skeleton(dataset.records, rules, crossed),
        report=Report(rows_kept=dataset.report.rows_kept),
        files=[],
        protection=protected,
        summaries=None,  # a national dataset's summaries hold every figure unprotected: never in the public view
    )


def protection(dataset: Dataset) -> Protection | None:
    """The protected tables of a public dataset (None for a full one)."""
    return dataset.protection
