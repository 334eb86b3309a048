"""The verification report: what was read from every file and sheet, and what happened to every row."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl

from pekalongan.notices import Notice, render

ROW_SCHEMA: dict[str, pl.DataType] = {
    "file": pl.String(),
    "sheet": pl.String(),
    "row": pl.Int64(),
    "status": pl.String(),  # "rejected" | "skipped"
    "reason": pl.String(),  # the reason in Indonesian, as rendered when the file was read
    "code": pl.String(),  # the reason's code (pekalongan.reasons): render it in the user's language
    "param": pl.String(),  # the code's parameter (the cell as written; "year|file" for an overlap)
}

KEPT, REJECTED, SKIPPED = "kept", "rejected", "skipped"
SUMMARY_SUFFIX = " (ringkasan)"  # on a layout whose sheet sums others (kept as stored; `layout_label` says it)


def layout_label(layout: str, lang: str = "id") -> str:
    """'wide-year (ringkasan)' -> 'years across (summary, not counted)' in `lang`."""
    from pekalongan.i18n import t

    if layout.endswith(SUMMARY_SUFFIX):
        return t("layout.summary", lang, layout=t(f"layout.{layout.removesuffix(SUMMARY_SUFFIX)}", lang))
    return t(f"layout.{layout}", lang)


@dataclass
class SheetInfo:
    """What the reader detected in one table."""

    sheet: str | None
    header_row: int
    layout: str  # "long" | "wide-year" | "wide-month" | "target"
    unit: str  # e.g. "USD", "juta USD", "ribu USD"
    columns: dict[str, str]  # header as written -> canonical role
    ignored_columns: list[str]  # derived or unknown columns, left out
    rows_kept: int = 0
    rows_rejected: int = 0
    rows_skipped: int = 0
    header_rows: list[int] = field(default_factory=list)  # every spreadsheet row of the header, top first
    column_units: dict[str, dict[str, str | None]] = field(default_factory=dict)  # header -> {unit, currency}
    nil_marks: dict[str, str] = field(default_factory=dict)  # mark as written ("-", "x") -> "zero" | "not_available"...
    currencies: list[str] = field(default_factory=list)  # ISO codes the values were written in, when not only USD
    # False when the file writes no unit for its values: read as USD, and the UI says so (warn.unit_not_written).
    unit_written: bool = True

    def as_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "header_row": self.header_row,
            "header_rows": self.header_rows or [self.header_row],
            "column_units": self.column_units,
            "nil_marks": self.nil_marks,
            "unit_written": self.unit_written,
            "layout": self.layout,
            "unit": self.unit,
            "columns": self.columns,
            "ignored_columns": self.ignored_columns,
            "rows_kept": self.rows_kept,
            "rows_rejected": self.rows_rejected,
            "rows_skipped": self.rows_skipped,
            "currencies": self.currencies,
        }


@dataclass
class FileInfo:
    """What the reader detected in one file."""

    file: str
    format: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    sheets: list[SheetInfo] = field(default_factory=list)
    sheets_without_table: list[dict[str, str | None]] = field(default_factory=list)
    # Why the file gave nothing: a notice (code and parameters, rendered in the user's language); a dataset stored
    # before notices had codes holds the Indonesian sentence.
    error: Notice | str | None = None
    overlap: list[dict[str, Any]] = field(default_factory=list)  # years also covered by another file, and the choice

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "format": self.format,
            "encoding": self.encoding,
            "delimiter": {"\t": "tab"}.get(self.delimiter or "", self.delimiter),
            "sheets": [s.as_dict() for s in self.sheets],
            "sheets_without_table": self.sheets_without_table,
            "error": self.error,
            "overlap": self.overlap,
        }


@dataclass
class Report:
    """Every row not kept (with file, sheet, spreadsheet row number and reason), warnings and file errors."""

    files: list[FileInfo] = field(default_factory=list)
    rows: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=ROW_SCHEMA))
    warnings: list[Notice | str] = field(default_factory=list)  # notices (pekalongan.notices), said by `warning_texts`
    unrecognised_names: pl.DataFrame = field(
        default_factory=lambda: pl.DataFrame(schema={"name": pl.String(), "kind": pl.String(), "rows": pl.UInt32()})
    )
    rows_kept: int = 0

    @property
    def rejected(self) -> pl.DataFrame:
        return self.rows.filter(pl.col("status") == REJECTED).drop("status")

    @property
    def skipped(self) -> pl.DataFrame:
        return self.rows.filter(pl.col("status") == SKIPPED).drop("status")

    @property
    def rows_rejected(self) -> int:
        return self.rejected.height

    @property
    def rows_skipped(self) -> int:
        return self.skipped.height

    @property
    def errors(self) -> list[tuple[str, str]]:
        """(file, why it gave nothing) in Indonesian; `errors_in(lang)` in another language."""
        return self.errors_in("id")

    def errors_in(self, lang: str) -> list[tuple[str, str]]:
        return [(f.file, render(f.error, lang)) for f in self.files if f.error]

    def warning_texts(self, lang: str = "id") -> list[str]:
        """The warnings as sentences in `lang`."""
        return [render(w, lang) for w in self.warnings]

    def merge(self, other: Report) -> Report:
        """Two reports -> one (files, rows and warnings side by side)."""
        return Report(
            files=self.files + other.files,
            rows=pl.concat([self.rows, other.rows], how="diagonal_relaxed"),  # older stored rows lack the codes
            warnings=self.warnings + other.warnings,
            unrecognised_names=pl.concat([self.unrecognised_names, other.unrecognised_names]),
            rows_kept=self.rows_kept + other.rows_kept,
        )
