"""The public view of a shared dataset: no exporter names, and no figure built from fewer than three exporters.

Statistics offices protect a company's figures by never publishing a cell that fewer than three companies make
up. Here the cells are (year, commodity, destination, exporter type). A record in a cell with fewer than three
exporters is recoded into that year's "Lainnya (dirahasiakan)" commodity and destination and "unknown" exporter
type, so totals stay exactly as in the full view, and every figure the dashboard can draw from any selection of
the recoded records is a union of cells of at least three exporters. When the recoded rest of a year itself has
only one or two exporters, the smallest remaining cells of that year join it until it has three. Months and
dates are dropped (monthly cells are too small to protect this way), and exporters become "Eksportir 1", "2"...
in no meaningful order, so they can be counted but not named.
"""

from __future__ import annotations

import polars as pl

from pekalongan.schema import Column, conform_records

MIN_EXPORTERS = 3
HIDDEN = "Lainnya (dirahasiakan)"
CELL = [Column.YEAR, Column.COMMODITY, Column.DESTINATION, Column.EXPORTER_TYPE]


def _unsafe_cells(records: pl.DataFrame) -> pl.DataFrame:
    """records -> the cells to hide (CELL columns), growing a year's hidden rest to at least three exporters."""
    cells = (
        records.group_by(CELL)
        .agg(
            pl.col(Column.EXPORTER).drop_nulls().unique().alias("__who"),
            pl.col(Column.VALUE_USD).sum().alias("__value"),
        )
        .with_columns(pl.col("__who").list.len().alias("__n"))
    )
    hidden = cells.filter(pl.col("__n") < MIN_EXPORTERS)
    extra = []
    for (year,), rest in hidden.group_by(Column.YEAR):
        who = set().union(*rest.get_column("__who").to_list()) if rest.height else set()
        if not who or len(who) >= MIN_EXPORTERS:
            continue
        candidates = cells.filter((pl.col(Column.YEAR) == year) & (pl.col("__n") >= MIN_EXPORTERS)).sort("__value")
        for cell in candidates.iter_rows(named=True):
            extra.append(cell)
            who |= set(cell["__who"])
            if len(who) >= MIN_EXPORTERS:
                break
    if extra:
        hidden = pl.concat([hidden, pl.DataFrame(extra, schema=hidden.schema)])
    return hidden.select(CELL).with_columns(pl.lit(True).alias("__hide"))


def public_view(records: pl.DataFrame) -> pl.DataFrame:
    """full records -> records safe to show to anyone (same yearly totals, no names, no small cells)."""
    if records.is_empty():
        return records
    hide = _unsafe_cells(records)
    pseudonyms = (
        records.select(pl.col(Column.EXPORTER).drop_nulls().unique())
        .with_columns(pl.col(Column.EXPORTER).hash(seed=7).alias("__order"))  # stable, meaningless order
        .sort("__order")
        .with_row_index("__n", offset=1)
        .select(Column.EXPORTER, pl.format("Eksportir {}", pl.col("__n")).alias("__alias"))
    )
    hidden = pl.col("__hide").fill_null(False)
    return conform_records(
        records.join(hide, on=CELL, how="left", nulls_equal=True)
        .join(pseudonyms, on=Column.EXPORTER, how="left")
        .with_columns(
            pl.when(hidden).then(pl.lit(HIDDEN)).otherwise(pl.col(Column.COMMODITY)).alias(Column.COMMODITY),
            pl.when(hidden).then(pl.lit(HIDDEN)).otherwise(pl.col(Column.DESTINATION)).alias(Column.DESTINATION),
            pl.when(hidden).then(pl.lit(HIDDEN)).otherwise(pl.col(Column.DESTINATION_NAME))
            .alias(Column.DESTINATION_NAME),
            pl.when(hidden).then(pl.lit("region")).otherwise(pl.col(Column.DESTINATION_KIND))
            .alias(Column.DESTINATION_KIND),
            pl.when(hidden).then(pl.lit("unknown")).otherwise(pl.col(Column.EXPORTER_TYPE))
            .alias(Column.EXPORTER_TYPE),
            pl.when(hidden).then(None).otherwise(pl.col(Column.HS_CODE)).alias(Column.HS_CODE),
            pl.col("__alias").alias(Column.EXPORTER),
            pl.lit(None, pl.Int8).alias(Column.MONTH),
            pl.lit(None, pl.Date).alias(Column.DATE),
            pl.lit(None, pl.String).alias(Column.SOURCE_SHEET),
            pl.lit(None, pl.Int64).alias(Column.SOURCE_ROW),
        )
    )


def smallest_cell(records: pl.DataFrame, keys: list[str]) -> int:
    """records -> the fewest distinct exporters behind any group of `keys` (for tests and the About text)."""
    if records.is_empty():
        return 0
    return int(records.group_by(keys).agg(pl.col(Column.EXPORTER).drop_nulls().n_unique()).get_column(
        Column.EXPORTER).min())
