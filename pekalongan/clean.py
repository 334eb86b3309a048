"""Tables -> canonical records, targets and a report of every row.

The reader's stages, each returning a value with its warnings:

1. table discovery (`read.find_header`: title rows, the header over one to four rows, a row of column numbers);
2. the header plan (`plan_columns`, `wide_plan`: each column's role, unit, year, month, category, the country a
   pivot writes above it, from header strings alone; a table of production or imports is refused here);
3. row classification (`_row_status`, `classify_wide_rows`: blank, note, total by label, total by arithmetic,
   measure heading, weight block, header artefact, no value, unreadable value, kept; reasons are codes of
   `pekalongan.reasons`);
4. cell parsing (the polars expressions below, over distinct cells: `_number`, `year_expr`, `hs_code`,
   `_label_outputs`);
5. assembly and cross-checks (`_assemble_wide`, `_check_totals`, `_drop_summary_sheets`; across files,
   `ingest.one_source_per_year` and `finish`).

A summary is found by arithmetic, not only by its label (`pekalongan.summaries`): it is skipped and cross-checked,
never added. Every row below a header is kept, rejected or skipped, with its spreadsheet row number.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import polars as pl

from pekalongan import currency, names, notices, reasons
from pekalongan.dates import (
    date_column,
    month_number,
    month_of_header,
    period_of_header,
    period_of_headers,
    period_of_text,
    year_column,
    year_label,
    year_mark,
    year_of_text,
)
from pekalongan.errors import NoExportTable
from pekalongan.i18n import t
from pekalongan.notices import Notice, notice
from pekalongan.numbers import (
    Style,
    cell_currency,
    detect_style,
    finish_currencies,
    finish_numbers,
    nil_mark,
    nil_marks_used,
    number_column,
    parse_number,
    parse_plain_number,
    unit_of,
)
from pekalongan.read import ReadResult, Table, header_kind
from pekalongan.report import KEPT, REJECTED, ROW_SCHEMA, SKIPPED, SUMMARY_SUFFIX, FileInfo, Report, SheetInfo
from pekalongan.schema import (
    RATE_IDR,
    ROW_NUMBER,
    SCHEMA,
    TARGET_IDR,
    TARGET_USD,
    VALUE_FOREIGN,
    VALUE_IDR,
    Column,
    conform_records,
    role_of,
)
from pekalongan.summaries import summary_tables, tolerance, total_columns, total_rows
from pekalongan.vocabulary import (
    CODE_PREFIX,
    HS_COLUMN_RE,
    MEASURE_VALUE_RE,
    MEASURE_WEIGHT_RE,
    NIL_CONFIDENTIAL,
    NIL_NOT_AVAILABLE,
    NOT_EXPORT,
    NOT_EXPORT_RE,
    NOTE_RE,
    TOTAL_RE,
    TOTAL_WORDS,
)

TARGET_SCHEMA: dict[str, pl.DataType] = {
    Column.YEAR: pl.Int32(),
    TARGET_USD: pl.Float64(),
    TARGET_IDR: pl.Float64(),
    RATE_IDR: pl.Float64(),
}
DIMENSIONS = (Column.COMMODITY, Column.EXPORTER, Column.EXPORTER_TYPE, Column.DESTINATION, Column.HS_CODE)
# Offices merge the commodity cell over the shipments of one commodity; other blanks are real blanks.
MERGED_FILL = (Column.COMMODITY,)
# Spellings merged when they differ only in case ("SARUNG BATIK", "Sarung Batik"); `Cleaned.spellings` counts them.
CASE_MERGED = (Column.COMMODITY, Column.EXPORTER)
SPELLINGS: dict[str, pl.DataType] = {"role": pl.String(), "spelling": pl.String(), "shown": pl.String(),
                                     "rows": pl.UInt32()}
STAGE = "__stage"
REASON = "__reason"  # a reason code (pekalongan.reasons), rendered by i18n in the report
PARAM = "__param"  # the reason's parameter (the cell as written), or null
ROW = "__row"
# A formula's error (the reader writes error cells as Excel shows them, read.CELL_ERRORS): reasons.FORMULA_ERROR.
FORMULA_ERROR = r"^#(N/A|REF!|VALUE!|DIV/0!|NAME\?|NUM!|NULL!|GETTING_DATA)$"


@dataclass
class Cleaned:
    """Records, targets and the report of one or more files."""

    records: pl.DataFrame
    targets: pl.DataFrame
    report: Report
    spellings: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=SPELLINGS))  # see CASE_MERGED
    rates: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=currency.RATES_SCHEMA))  # Kurs sheets


# ------------------------------------------------------------------------------------------ expressions per cell


def text(col: str) -> pl.Expr:
    """any cell -> trimmed text or null: 12.0 -> '12.0'; '  a ' -> 'a'; '' -> null"""
    s = pl.col(col).cast(pl.String).str.strip_chars()
    return pl.when(s == "").then(None).otherwise(s)


def clean_label(col: str) -> pl.Expr:
    """'  Sarung\\n Batik ' -> 'Sarung Batik'; '' -> null"""
    s = names.commodity_expr(pl.col(col).cast(pl.String))
    return pl.when(s == "").then(None).otherwise(s)


def hs_code(col: str, dtype: pl.DataType) -> pl.Expr:
    """'0508.00' -> '0508.00'; 3036700.0 (a number cell) -> '03036700'; '50800' (CSV) -> '050800'"""
    return names.hs_code_expr(pl.col(col), dtype)


def year_expr(col: str, dtype: pl.DataType) -> pl.Expr:
    """2020.0 -> 2020; 'Tahun 2020' -> 2020; '2021*)' -> 2021; '2021-03-15' -> 2021; '20x' -> null"""
    return year_column(pl.col(col), dtype)


# --------------------------------------------------------------------------------------------------- the tables


class Period(NamedTuple):
    """A column of figures named by its period: '2023' -> year 2023; 'Jan 2023' -> year 2023, month 1."""

    index: int
    year: int | None
    month: int | None
    over: tuple[str, ...] = ()  # what the header says above the column's own label (a pivot's country, port)
    mark: str | None = None  # the year's mark: "provisional" (2021*), "very_provisional" (2022**), "revised"

    @property
    def kind(self) -> str:
        return "month" if self.month is not None else "year"


@dataclass
class _Plan:
    """How one table's columns map to roles: the header plan, from header strings alone."""

    roles: dict[str, int]  # role -> column index (first column wins)
    periods: list[Period]  # columns of figures named by a year or a month (wide tables)
    ignored: list[str]
    categories: list[tuple[int, str]] = field(default_factory=list)  # unknown headers: figures per category?
    not_export: tuple[str, str] | None = None  # (header, what the table seems to count) when not exports


def plan_columns(table: Table) -> _Plan:
    """headers -> which column plays which role, which are periods (wide) and which are left out."""
    roles: dict[str, int] = {}
    periods: list[Period] = []
    ignored: list[str] = []
    categories: list[tuple[int, str]] = []
    not_export = None
    for i, header in enumerate(table.headers):
        kind = header_kind(header)
        norm = re.sub(r"[^a-z ]", "", header.lower()).strip()
        other = NOT_EXPORT_RE.search(header)
        if other is not None and not_export is None and kind != "role":
            not_export = (header, NOT_EXPORT.get(other[0].lower(), "imports"))
        if kind == "derived" or norm in TOTAL_WORDS:
            ignored.append(header)
        elif kind == "year" and year_of_text(header) is not None:
            periods.append(Period(i, year_of_text(header), None, _over(table, i), _year_mark(header)))
        elif kind == "month" and month_of_header(CODE_PREFIX.sub("", header)) is not None:
            periods.append(Period(i, year_of_text(header), month_of_header(CODE_PREFIX.sub("", header)),
                                  _over(table, i)))
        elif kind == "role" and role_of(header) not in roles and role_of(header) != ROW_NUMBER:
            roles[role_of(header)] = i
        elif header:
            ignored.append(header)
            if kind is None and other is None:
                categories.append((i, _category_label(header)))
    return _Plan(roles, periods, ignored, categories, not_export)


def _year_mark(header: str) -> str | None:
    """'2021*)' -> 'provisional'; '2022**)' -> 'very_provisional'; '2020r)' -> 'revised'; '2021' -> None (the
    year-mark grammar is `dates.year_label`'s)."""
    label = year_label(header)
    return label[1] if label else None


def _over(table: Table, index: int) -> tuple[str, ...]:
    """The header cells above a column's own label, top first: ('Jepang', 'Tanjung Emas') over '[01] Januari'."""
    own = table.headers[index]
    cells = [row[index] for row in table.header_stack[:-1] if index < len(row) and row[index]]
    return tuple(dict.fromkeys(c for c in cells if c != own and header_kind(c) not in ("year", "derived")))


def _column_destinations(figures: list[Period]) -> dict[int, str]:
    """A pivot names a country over its columns: figure column -> the destination written above it."""
    above = sorted({part for p in figures for part in p.over})
    if not above:
        return {}
    resolved = names.resolve_destinations(pl.Series(above, dtype=pl.String))
    countries = set(resolved.filter(pl.col("destination_kind") != "unknown").get_column("raw").to_list())
    out = {}
    for p in figures:
        found = next((part for part in p.over if part in countries), None)
        if found is not None:
            out[p.index] = found
    return out


def _category_label(header: str) -> str:
    """'export_hs84_usd' -> '84'; 'NON MIGAS' -> 'NON MIGAS'"""
    found = HS_COLUMN_RE.fullmatch(header.strip())
    if found is not None:
        return found[1]
    return re.sub(r"\s+", " ", header).strip()


def _value_scale(header: str, title: str) -> tuple[str, float, str]:
    """'Nilai (Juta US$)' -> ('value_usd', 1e6, 'juta USD'); falls back on the title, then plain USD."""
    for source in (header, title):
        unit = unit_of(source)
        if unit is not None and unit[0] in ("value_usd", "value_idr"):
            return unit[0], unit[1], _unit_label(*unit)
    return "value_usd", 1.0, "USD"


def _unit_info(label: str) -> dict[str, str | None]:
    """'juta USD' -> {'unit': 'juta USD', 'currency': 'USD'}; 'ton' -> {'unit': 'ton', 'currency': None}"""
    currency = "USD" if label.endswith("USD") else "IDR" if label.endswith("Rp") else None
    return {"unit": label, "currency": currency}


def _weight_label(factor: float) -> str:
    return {1.0: "kg", 1000.0: "ton", 100.0: "kuintal"}.get(factor, f"kg ×{factor:g}")


def _unit_label(kind: str, factor: float) -> str:
    word = {1.0: "", 1e3: "ribu ", 1e6: "juta ", 1e9: "miliar "}.get(factor, f"×{factor:g} ")
    return f"{word}{'Rp' if kind == 'value_idr' else 'USD'}".strip()


def _number(
    table: Table, index: int, factor: float, style: Style | None = None, plain_only: bool = False
) -> pl.Expr:
    """a value cell -> Float64 in base units; number cells never pass through text.

    `style` is how the column writes numbers as text (`_text_style`), found here when not given. With `plain_only`,
    text cells the fast path refuses come back null, for `finish_numbers` to read."""
    col = f"c{index}"
    frame = table.frame
    dtype = frame.get_column(col).dtype  # not frame.schema: built anew per call, per column of a pivot
    mask = table.text_cells.get(index)
    if mask is not None:
        texts = frame.get_column(col).filter(mask)
        style = detect_style(_style_sample(texts))
        value = (
            pl.when(pl.lit(mask))
            .then(parse_number(pl.col(col), style))
            .otherwise(pl.col(col).cast(pl.Float64, strict=False))
        )
    elif dtype == pl.String:
        style = style or _text_style(table, index)
        value = (parse_plain_number if plain_only else parse_number)(pl.col(col), style)
    else:
        value = number_column(pl.col(col), dtype, "id")
    return value * factor if factor != 1.0 else value


def _text_style(table: Table, index: int) -> Style | None:
    """How a column of text writes its numbers ('id' or 'en'); None for number cells and mixed columns."""
    col = f"c{index}"
    if index in table.text_cells or table.frame.get_column(col).dtype != pl.String:
        return None
    return detect_style(_style_sample(table.frame.get_column(col)))


def _style_sample(values: pl.Series, limit: int = 5_000) -> pl.Series:
    """The distinct texts of a column, at most `limit` of them spread over it: enough to tell 1.234,5 from 1,234.5."""
    if values.len() > 4 * limit:  # thin out before `unique`, which on a million cells costs a tenth of a second
        values = values.gather_every(values.len() // (4 * limit))
    distinct = values.drop_nulls().unique(maintain_order=True)
    return distinct if distinct.len() <= limit else distinct.gather_every(distinct.len() // limit)


def _context_year(table: Table) -> int | None:
    return (year_of_text(table.sheet) or year_of_text(table.title) or year_of_text(table.file)
            or period_of_header(table.sheet)[0])  # a sheet named "Jan-21" or "TW III 21"


def _context_period(table: Table) -> str | None:
    """'TW III 2021' (sheet) or 'Ekspor Triwulan II Tahun 2021' (title) -> 'Q3' / 'Q2'; else None."""
    return period_of_header(table.sheet)[2] or period_of_header(table.title)[2]


def _context_year_mark(table: Table) -> str | None:
    """a sheet named '2021*)' or '2020 (r)' -> 'provisional' / 'revised'; else None."""
    label = year_label(table.sheet)
    return label[1] if label else None


def _context_month(table: Table) -> int | None:
    if period_of_header(table.sheet)[1] is not None:  # "Jan-21", "[01] Januari", "2021-03"
        return period_of_header(table.sheet)[1]
    for source in (table.sheet or "", table.title):
        month = month_of_header(source)
        if month is not None:
            return month
        for word in re.findall(r"[A-Za-z]+", source):
            month = month_of_header(word)
            if month is not None and len(word) >= 3 and word.lower() not in ("mar", "mei", "des", "jan"):
                return month
    return None


def _is_text(dtype: pl.DataType) -> bool:
    """String or Categorical (the reader's form of a text column of names)"""
    return dtype == pl.String or isinstance(dtype, pl.Categorical)


def _is_blank(frame: pl.DataFrame | pl.Schema, col: str) -> pl.Expr:
    """a cell -> True when empty or only spaces (tested in place: no trimmed copy of a million strings)"""
    dtype = frame[col] if isinstance(frame, pl.Schema) else frame.get_column(col).dtype  # not frame.schema: O(columns)
    if _is_text(dtype):
        return pl.col(col).is_null() | ~pl.col(col).cast(pl.String).str.contains(r"\S")
    return pl.col(col).is_null()


def _lead_matches(frame: pl.DataFrame, cols: list[str], pattern: str) -> pl.Expr:
    """the row's first non-blank cell among `cols` matches `pattern` (case-insensitive, leading spaces allowed)"""
    matches, earlier_blank = pl.lit(False), pl.lit(True)
    schema = frame.schema  # built once: a pivot has thousands of columns
    for col in cols:
        cell = pl.col(col).cast(pl.String)  # a no-op on text; numbers and dates are matched as written
        matches = matches | (earlier_blank & cell.str.contains(r"(?i)^\s*" + pattern.removeprefix("^")))
        earlier_blank = earlier_blank & _is_blank(schema, col)
    return matches


def _status(stage: str, code: str, param: pl.Expr | None = None) -> pl.Expr:
    """(stage, reason code, the code's parameter) as one struct: a row's classification."""
    return pl.struct(
        pl.lit(stage).alias(STAGE), pl.lit(code, pl.String).alias(REASON),
        (param if param is not None else pl.lit(None, pl.String)).alias(PARAM),
    )


ARTEFACT_RE = r"\(\s*\d{1,3}\s*\)\s*$"  # "(1)": a column number, as statistics tables number their columns


def _is_artefact(schema: pl.Schema, cols: list[str]) -> pl.Expr:
    """a row of column numbers '(1) | (2) | (3)' (repeated under a page break, or below a blank line) -> True"""
    cells = [pl.col(c).cast(pl.String) for c in cols]
    number_or_blank = [c.is_null() | c.str.contains(r"^\s*$") | c.str.contains("^\\s*" + ARTEFACT_RE) for c in cells]
    numbered = [c.str.contains("^\\s*" + ARTEFACT_RE).fill_null(False).cast(pl.Int32) for c in cells]
    return pl.all_horizontal(number_or_blank) & (pl.sum_horizontal(numbered) >= 2) if cols else pl.lit(False)


_WIDE = 64  # columns, above which a row's blank and artefact tests run down a long copy of its cells


def _wide_row_flags(rows: pl.DataFrame) -> tuple[pl.Expr, pl.Expr]:
    """`_is_blank` over all columns and `_is_artefact` for each row of a wide frame, as the columns of one long
    table of its cells: an expression per column costs ~0.2 ms each to build and plan (6,000 columns: seconds)."""
    cell = pl.col("__v")
    numbered = cell.str.contains("^\\s*" + ARTEFACT_RE)
    step = max(1, 1_000_000 // rows.width)  # rows at a time: a long copy of at most a million cells
    flags = pl.concat([
        rows.slice(start, step).select(pl.all().cast(pl.String)).with_row_index("__r")
        .unpivot(index="__r", value_name="__v").group_by("__r").agg(
            (cell.is_null() | ~cell.str.contains(r"\S")).all().alias("blank"),
            ((cell.is_null() | cell.str.contains(r"^\s*$") | numbered).all()
             & (numbered.fill_null(False).cast(pl.Int32).sum() >= 2)).alias("artefact"),
        ).sort("__r")
        for start in range(0, rows.height, step)
    ] or [pl.DataFrame(schema={"blank": pl.Boolean, "artefact": pl.Boolean})], how="diagonal")
    return pl.lit(flags.get_column("blank")), pl.lit(flags.get_column("artefact"))


def _row_status(frame: pl.DataFrame, label_cols: list[str], has_value: pl.Expr, raw_value: pl.Expr,
                rows: pl.DataFrame | None = None) -> pl.Expr:
    """each row -> (stage, reason code, parameter): blank, total, note, no value, unreadable value, or kept.
    `rows`: the rows (of `frame`'s columns) the expression will be evaluated on, for the wide tests."""
    all_cols = frame.columns
    schema = frame.schema
    if rows is not None and len(all_cols) > _WIDE:
        blank, artefact = _wide_row_flags(rows.select(all_cols))
    else:
        blank = pl.all_horizontal([_is_blank(schema, c) for c in all_cols]) if all_cols else pl.lit(True)
        artefact = _is_artefact(schema, all_cols)
    # "JUMLAH", "Sumber:" and "*) Angka sementara" stand in a row's first cells.
    lead = (label_cols or all_cols)[:3]
    return (
        pl.when(blank).then(_status(SKIPPED, reasons.BLANK))
        .when(_lead_matches(frame, lead, TOTAL_RE)).then(_status(SKIPPED, reasons.TOTAL))
        .when(_lead_matches(frame, lead, NOTE_RE)).then(_status(SKIPPED, reasons.NOTE))
        .when(artefact).then(_status(SKIPPED, reasons.HEADER_ARTEFACT))
        .when(raw_value.is_null()).then(_status(REJECTED, reasons.NO_VALUE))
        # the reader keeps Excel's error as Excel shows it: the reason names it
        .when(raw_value.str.contains(FORMULA_ERROR)).then(_status(REJECTED, reasons.FORMULA_ERROR, raw_value))
        .when(~has_value & (nil_mark(raw_value) == NIL_NOT_AVAILABLE))
        .then(_status(SKIPPED, reasons.NIL_NOT_AVAILABLE, raw_value.str.strip_chars()))
        .when(~has_value & (nil_mark(raw_value) == NIL_CONFIDENTIAL))
        .then(_status(SKIPPED, reasons.NIL_CONFIDENTIAL, raw_value.str.strip_chars()))
        .when(~has_value).then(_status(REJECTED, reasons.NOT_A_NUMBER, raw_value.str.slice(0, 40)))
        .otherwise(_status(KEPT, None))
        .alias("__status")
    )


def _check_totals(values: pl.DataFrame, kept: pl.Series, totals: pl.Series, table: Table, factor: float
                  ) -> list[Notice]:
    """Compare each total row (`totals`: positions in the table) with the sum of the kept rows above it, since the
    previous total or from the top (or below it, for a total standing first) -> a warning per mismatch. `values`
    holds one column per value column, `kept` which rows count."""
    warnings: list[Notice] = []
    if totals.is_empty():
        return warnings
    where = _where(table)
    above = dict.fromkeys(values.columns, 0.0)  # sum of the kept rows above the current total, per column
    previous = 0
    positions = totals.to_list()
    for k, pos in enumerate(positions):
        # The rows since the previous total: a slice of each column, so every row is summed once in all.
        in_segment = kept.slice(previous, pos - previous)
        rows_above = int(in_segment.sum())
        for col in values.columns:
            rows = rows_above
            column = values.get_column(col)
            since = float(column.slice(previous, pos - previous).filter(in_segment).fill_null(0.0).sum())
            above[col] += since
            stated = column[pos]
            if stated is None:
                continue
            if rows == 0:  # a total standing above what it sums ("NON MIGAS" first): the rows below it, to the next
                end = positions[k + 1] if k + 1 < len(positions) else values.height
                below = kept.slice(pos + 1, end - pos - 1)
                rows = int(below.sum())
                since = float(column.slice(pos + 1, end - pos - 1).filter(below).fill_null(0.0).sum())
            if not any(abs(stated - c) <= tolerance(rows, factor) for c in (since, above[col])):
                # Figures as floats, the row as text: only the figures are written the language's way.
                warnings.append(notice(
                    "warn.total_mismatch", where=where, row=str(table.first_row + pos), stated=float(stated),
                    since=since, diff=float(stated - since),
                ))
        previous = pos + 1
    return warnings


# ---------------------------------------------------------------------------------------------------- long tables
# A million shipments name a few hundred exporters, dates and countries. Each label column is therefore read once
# per distinct cell (a small table of what each cell becomes) plus one code per row pointing into that table; rows
# are classified by a cheap test that clears nearly every row, the full test running only on the few it does not.


# The sheets of one workbook (months, years, ports) list the same countries and years over again: each distinct
# set of cells is read once, a dozen polars queries (~15 ms) saved per sheet. Floats are keyed by their repr, as
# -0.0 == 0.0 and nan != nan.
# It outlives the file (the app reads one upload after another): held to 2,000 cells a set, 16 MB in all.
_LABEL_MEMO: dict[tuple, tuple[pl.DataFrame, int]] = {}
_MEMO_CELLS = 2_000
_MEMO_BYTES = 16 * 1024**2


def _label_outputs(role: str, col: str, dtype: pl.DataType, cells: pl.Series) -> pl.DataFrame:
    """`_read_labels`, remembered for small sets of text, number and date cells"""
    if cells.len() > _MEMO_CELLS or not (_is_text(dtype) or dtype.is_numeric() or dtype.is_temporal()):
        return _read_labels(role, col, dtype, cells)
    values = cells.to_list()
    if cells.dtype.is_float() or cells.dtype.is_decimal():
        values = list(map(repr, values))
    key = (role, col, dtype, cells.dtype, tuple(values))
    found = _LABEL_MEMO.get(key)  # get, then set: another session's thread may clear it in between
    if found is None:
        outputs = _read_labels(role, col, dtype, cells)
        found = outputs, outputs.estimated_size() + cells.estimated_size() + sum(map(len, map(str, values)))
        if sum(size for _, size in list(_LABEL_MEMO.values())) + found[1] > _MEMO_BYTES:
            _LABEL_MEMO.clear()
        _LABEL_MEMO[key] = found
    return found[0].clone()


def _read_labels(role: str, col: str, dtype: pl.DataType, cells: pl.Series) -> pl.DataFrame:
    """distinct cells of one column -> what each becomes (all null where the cell gives nothing).

    'Korsel' (destination) -> destination 'KOR', destination_name 'Korea Selatan', destination_kind 'country';
    '19/01/2021' (date) -> date 2021-01-19, __date_year 2021, __date_month 1"""
    src = cells.to_frame(col)
    if role == Column.HS_CODE:
        return src.select(hs_code(col, dtype).alias(role))
    if role == Column.DATE:
        date = date_column(pl.col(col), dtype)
        dates = src.select(
            date.alias(role), date.dt.year().cast(pl.Int32).alias("__date_year"),
            date.dt.month().cast(pl.Int8).alias("__date_month"),
        )
        if not _is_text(dtype) or dates.get_column(role).null_count() == 0:
            return dates
        # "Januari 2021" or "Triwulan II 2021" in a date column: no date, but a year and a month or a period.
        period = src.select(period_of_text(pl.col(col)).alias("p")).unnest("p")
        return _optional(dates.with_columns(
            pl.coalesce("__date_year", period.get_column("year")).alias("__date_year"),
            pl.coalesce("__date_month", period.get_column("month")).alias("__date_month"),
            period.get_column("period").alias("__date_period"),
        ))
    if role == Column.YEAR:
        marks = year_mark(pl.col(col)) if _is_text(dtype) else pl.lit(None, pl.String)
        return _optional(src.select(year_expr(col, dtype).alias(role), marks.alias(Column.YEAR_MARK)))
    if role == Column.MONTH:
        period = period_of_text(pl.col(col))
        return _optional(src.select(
            pl.coalesce(month_number(pl.col(col)), period.struct.field("month")).alias(role),
            period.struct.field("year").alias("__month_year"), period.struct.field("period").alias("__month_period"),
        ))
    if role == Column.CURRENCY:
        return src.select(currency.currency_expr(pl.col(col)).alias(role))
    if role == Column.COMMODITY:
        # "[03] Ikan dan udang", "HS 16 Olahan daging/ikan": the label gives the HS code and the commodity.
        split = names.hs_label(clean_label(col))
        return _optional(src.select(split.struct.field(Column.COMMODITY).alias(role),
                                    split.struct.field(Column.HS_CODE).alias("__label_hs")))
    labels = src.select(clean_label(col).alias(role))
    if role == Column.EXPORTER_TYPE:
        return labels.select(names.exporter_type_expr(pl.col(role)).alias(role))
    if role == Column.DESTINATION:
        resolved = names.resolve_destinations(labels.get_column(role)).rename({"raw": "__label"})
        return labels.rename({role: "__label"}).join(
            resolved, on="__label", how="left", maintain_order="left"
        ).drop("__label")
    return labels


# What the cell grammar may find beside a label's own output; a column of nothing but nulls is dropped, so the
# million rows of an ordinary register never carry it.
_OPTIONAL = (Column.YEAR_MARK, "__month_year", "__month_period", "__date_period", "__label_hs")


def _optional(outputs: pl.DataFrame) -> pl.DataFrame:
    """distinct cells' outputs -> the same without the optional columns that found nothing."""
    return outputs.drop([c for c in _OPTIONAL if c in outputs.columns
                         and outputs.get_column(c).null_count() == outputs.height])


def _categories(frame: pl.DataFrame, col: str) -> pl.Series:
    """a categorical column -> its categories as text, in code order (code 0 first): its distinct cells, found
    without a pass over the rows. A code reserved but never used reads as null."""
    top = frame.select(pl.col(col).to_physical().max()).item()
    codes = pl.int_range(0 if top is None else top + 1, dtype=pl.UInt32, eager=True)
    return codes.cat.to(frame.schema[col], strict=False).cast(pl.String).alias(col)


def _label_lookups(frame: pl.DataFrame, columns: dict[str, str]) -> tuple[dict[str, pl.DataFrame], list[pl.Expr]]:
    """{role: column} -> ({role: what each distinct cell becomes}, [each row's index into that, per role]).

    A cell that gives nothing (blank, an unreadable date) gets a null index. A categorical column's codes are that
    index already (its categories are its own distinct cells, see `read._compact`); the other columns' distinct
    cells are found in one pass."""
    outputs, lookups = {}, []
    rest = {role: col for role, col in columns.items() if not isinstance(frame.schema[col], pl.Categorical)}
    for role, col in columns.items():
        if role in rest:
            continue
        codes = pl.col(col).to_physical()
        cells = _categories(frame, col)
        outputs[role] = _label_outputs(role, col, pl.String, cells)
        gives = outputs[role].select(pl.any_horizontal(pl.all().is_not_null())).to_series()
        if not gives.all():
            codes = pl.when(codes.is_in(gives.not_().arg_true().implode())).then(None).otherwise(codes)
        lookups.append(codes.alias(role))
    if not rest:
        return outputs, lookups
    distinct = frame.select(pl.col(col).drop_nulls().unique().implode().alias(role) for role, col in rest.items())
    for role, col in rest.items():
        cells = distinct.get_column(role)[0].alias(col)
        table = _label_outputs(role, col, frame.schema[col], cells)
        gives = table.select(pl.any_horizontal(pl.all().is_not_null())).to_series()
        cells, outputs[role] = cells.filter(gives), table.filter(gives)
        index = pl.int_range(cells.len(), dtype=pl.UInt32, eager=True)
        lookups.append(pl.col(col).replace_strict(cells, index, default=None, return_dtype=pl.UInt32).alias(role))
    return outputs, lookups


def _maybe_not_a_shipment(frame: pl.DataFrame, col: str) -> pl.Expr:
    """a row's first cell -> False when it shows the row is no blank, total or note row, which is nearly every row:
    '12', 'PT Batik' -> False; null, '  ', 'JUMLAH', 'Sumber: BPS' -> True"""
    words = f"{TOTAL_RE.removeprefix('^')}|{NOTE_RE.removeprefix('^')}|{ARTEFACT_RE}"
    suspect = rf"(?i)^\s*(?:$|{words})"
    dtype = frame.schema[col]
    if isinstance(dtype, pl.Categorical):
        # Test each distinct cell once, then the rows by their codes.
        cells = _categories(frame, col)
        codes = pl.int_range(cells.len(), dtype=pl.UInt32, eager=True).filter(cells.str.contains(suspect))
        return pl.col(col).is_null() | pl.col(col).to_physical().is_in(codes.implode())
    cell = pl.col(col).cast(pl.String)
    return cell.is_null() | cell.str.contains(suspect)


def _where(table: Table) -> Notice:
    """a table -> its place for a warning: '“file.xlsx”, lembar “2021”' (or just the file), in any language."""
    return notices.where(table.file, table.sheet)


def _cell_notes(
    table: Table, index: int, fast: pl.Series, style: Style | None
) -> tuple[pl.Series | None, list[tuple[str, str, int]]]:
    """a text value column and its fast-path result -> (the currency each cell wrote, or None when none did; the nil
    marks used). Plain cells carry neither, so only the cells the fast path left are looked at."""
    cells, mask = table.frame.get_column(f"c{index}"), table.text_cells.get(index)
    if mask is not None:  # a column of number cells with some text cells among them: only those can say more
        found = cells.to_frame().select(pl.when(pl.lit(mask)).then(cell_currency(pl.col(cells.name)))).to_series()
        return (found if found.null_count() < found.len() else None), nil_marks_used(cells.filter(mask))
    if style is None:
        return None, []
    return finish_currencies(fast, cells), nil_marks_used(cells.filter(fast.is_null()))


def _currencies(records: pl.DataFrame) -> list[str]:
    """records -> the currencies their values were written in, when not only USD: ['EUR', 'JPY', 'USD']."""
    if Column.CURRENCY not in records.columns or records.get_column(Column.CURRENCY).null_count() == records.height:
        return []
    found = set(records.get_column(Column.CURRENCY).drop_nulls().cast(pl.String).unique())
    if Column.VALUE_USD in records.columns and records.get_column(Column.VALUE_USD).null_count() < records.height:
        found.add(currency.USD)
    return sorted(found)


def _cell_warnings(
    table: Table, nil_found: list[tuple[str, str, int]], cell_currencies: pl.Series | None,
    outputs: dict[str, pl.DataFrame], plan: _Plan, written: str = currency.USD,
) -> list[Notice]:
    """What the cell grammar read that the official should know: nil marks, currencies in cells, HS codes padded
    or taken from commodity labels."""
    where = _where(table)
    notes = [notice("warning.nil_mark", where=where, mark=mark, cells=cells, meaning=notice(f"nil.{meaning}"))
             for mark, meaning, cells in nil_found]
    # Cells that name the column's own currency ("US$ 7.000" under "Nilai (US$)") tell nothing new.
    counts = (cell_currencies.drop_nulls().filter(cell_currencies.drop_nulls() != written).value_counts(sort=True)
              if cell_currencies is not None else pl.DataFrame())
    if not counts.is_empty():
        notes.append(notice("warning.cell_currency", where=where, cells=int(counts.get_column("count").sum()),
                       currencies=", ".join(counts.get_column(counts.columns[0]).to_list())))
    if Column.HS_CODE in plan.roles:
        notes.extend(_hs_padding_note(table, plan.roles[Column.HS_CODE]))
    labelled = outputs.get(Column.COMMODITY)
    if labelled is not None and "__label_hs" in labelled.columns:
        notes.extend(_hs_label_note(where, labelled))
    return notes


def _hs_padding_note(table: Table, index: int) -> list[Notice]:
    """an HS column -> the warning that codes lost their leading zero and got it back, or nothing."""
    col = table.frame.get_column(f"c{index}")
    dtype = col.dtype if col.dtype.is_numeric() else pl.String
    distinct = col.drop_nulls().unique().cast(dtype).sort().to_frame("hs")
    padded = distinct.filter(names.hs_number_padded(pl.col("hs"), dtype))
    if padded.is_empty():
        return []
    example = padded.row(0)[0]
    shown = padded.select(names.hs_code_expr(pl.col("hs"), dtype)).item(0, 0)
    return [notice("warning.hs_padded", where=_where(table), count=padded.height,
                   example=f"{example:.0f}" if dtype != pl.String else str(example), padded=str(shown))]


def _hs_label_note(where: Notice, labelled: pl.DataFrame) -> list[Notice]:
    """the commodity labels' split -> the warning that HS codes came from labels, or nothing."""
    found = labelled.filter(pl.col("__label_hs").is_not_null())
    if found.is_empty():
        return []
    commodity, code = found.row(0)[0], found.get_column("__label_hs")[0]
    return [notice("warning.hs_from_label", where=where, count=found.height, example=f"[{code}] {commodity}",
                   code=str(code))]


def clean_long(
    table: Table, plan: _Plan
) -> tuple[pl.DataFrame, pl.DataFrame, SheetInfo, pl.DataFrame, list[Notice]]:
    """A long table (one row per shipment) -> (records, row report, sheet info, spelling counts, warnings)."""
    warnings: list[Notice] = []
    frame, schema = table.frame, table.frame.schema
    value_role = Column.VALUE_USD if Column.VALUE_USD in plan.roles else VALUE_IDR
    vidx = plan.roles[value_role]
    kind, factor, unit = _value_scale(table.headers[vidx], table.title)
    if value_role == VALUE_IDR:
        kind = "value_idr"
    label_cols = [f"c{i}" for i in range(len(table.headers)) if i != vidx and _is_text(schema[f"c{i}"])]
    lead = (label_cols or frame.columns)[:3]

    numbers = {"__value": (vidx, factor)}
    if Column.WEIGHT_KG in plan.roles:
        widx = plan.roles[Column.WEIGHT_KG]
        wunit = unit_of(table.headers[widx])
        numbers[Column.WEIGHT_KG] = (widx, wunit[1] if wunit and wunit[0] == "weight_kg" else 1.0)
    for role in (TARGET_USD, TARGET_IDR, RATE_IDR):
        if role in plan.roles:
            idx = plan.roles[role]
            numbers[role] = (idx, _value_scale(table.headers[idx], "")[1] if role != RATE_IDR else 1.0)
    styles = {name: _text_style(table, idx) for name, (idx, _) in numbers.items()}
    label_roles = {r: f"c{plan.roles[r]}" for r in (*DIMENSIONS, Column.DATE, Column.YEAR, Column.MONTH,
                                                     Column.CURRENCY) if r in plan.roles}
    outputs, lookups = _label_lookups(frame, label_roles)

    # One pass over the rows for everything done per row (polars spreads each over the cores, chunk by chunk).
    first = frame.select(
        *[_number(table, idx, 1.0, styles[name], plain_only=True).alias(name) for name, (idx, _) in numbers.items()],
        *lookups,
        _maybe_not_a_shipment(frame, lead[0]).alias("__suspect"),
    )
    values = {}
    for name, (idx, scale) in numbers.items():
        column = first.get_column(name)
        if styles[name] is not None:
            column = finish_numbers(column, frame.get_column(f"c{idx}"), styles[name])
        values[name] = column * scale if scale != 1.0 else column
    codes = {role: first.get_column(role) for role in label_roles}
    cell_currencies, nil_found = _cell_notes(table, vidx, first.get_column("__value"), styles["__value"])

    # The full classification (blank, total, note, no value, unreadable value) for the rows the quick test left.
    value = values["__value"]
    suspects = (first.get_column("__suspect") | value.is_null()).arg_true()
    if suspects.is_empty():  # every row a shipment (most sheets): no classification query to build and run
        status = pl.DataFrame(schema={STAGE: pl.String, REASON: pl.String, PARAM: pl.String, "__i": suspects.dtype})
    else:
        suspect_rows = frame[suspects]
        status = suspect_rows.select(_row_status(
            frame, label_cols, pl.lit(value.gather(suspects)).is_not_null(), text(f"c{vidx}"), suspect_rows
        )).unnest("__status").with_columns(pl.Series("__i", suspects))
    not_kept = status.filter(pl.col(STAGE) != KEPT)
    kept = pl.repeat(True, frame.height, dtype=pl.Boolean, eager=True).scatter(not_kept.get_column("__i"), False)
    by_sum = _unlabelled_totals(value, kept, [first.get_column(r) for r in label_roles], not_kept, factor)
    if by_sum.len():
        not_kept = pl.concat([not_kept, pl.DataFrame({
            STAGE: [SKIPPED] * by_sum.len(), REASON: [reasons.TOTAL_BY_SUM] * by_sum.len(),
            PARAM: pl.Series([None] * by_sum.len(), dtype=pl.String), "__i": by_sum,
        }).cast(not_kept.schema)]).sort("__i")
        kept = kept.scatter(by_sum, False)
        rows = ", ".join(str(table.first_row + i) for i in by_sum.to_list()[:20])
        warnings.append(notice("warn.total_by_sum", where=_where(table), rows=rows))
    totals = not_kept.filter(pl.col(REASON).is_in(reasons.TOTALS)).get_column("__i")
    warnings += _check_totals(pl.DataFrame({"value": value}), kept, totals, table, factor)

    # Merged cells leave only their first cell filled: carry the label down within the table's data rows.
    if table.sheet is not None and table.merges is None:  # CSV has no merged cells; .xlsx says where they are
        skipped = not_kept.filter(pl.col(STAGE) == SKIPPED).get_column("__i")
        data_rows = pl.repeat(True, frame.height, dtype=pl.Boolean, eager=True).scatter(skipped, False)
        for role in MERGED_FILL:
            if role in codes:
                codes[role], filled = _fill_down(codes[role], data_rows)
                if filled:
                    warnings.append(notice("warn.merged_fill", count=filled, where=_where(table)))

    rows = _keep(pl.DataFrame(
        {ROW: pl.int_range(table.first_row, table.first_row + frame.height, dtype=pl.Int64, eager=True),
         **values, **{f"__code_{role}": c for role, c in codes.items()},
         **({currency.CELL_CURRENCY: cell_currencies} if cell_currencies is not None else {})}
    ), kept, not_kept.get_column("__i"))
    del first, values, codes
    # Spellings that differ only in case become the most frequent one, counted over the rows kept here; `finish`
    # redoes it over all files from these counts.
    spellings = []
    for role in CASE_MERGED:
        if role in outputs:
            kept_codes = rows.get_column(f"__code_{role}").drop_nulls().value_counts(name="rows")
            counts = pl.DataFrame({
                "spelling": outputs[role].get_column(role).gather(kept_codes.get_column(f"__code_{role}")),
                "rows": kept_codes.get_column("rows").cast(pl.UInt32),
            })
            summary, canonical = _case_merge(role, counts)
            outputs[role] = outputs[role].with_columns(
                pl.col(role).replace(canonical.get_column("spelling"), canonical.get_column("canonical"))
            )
            spellings.append(summary)
    rows = rows.with_columns(
        pl.lit(_categorical(table_out.get_column(out))).gather(pl.col(f"__code_{role}")).alias(out)
        for role, table_out in outputs.items()
        for out in table_out.columns
    ).drop([f"__code_{role}" for role in label_roles])
    rows = _with_period(rows, table)
    no_year = rows.filter(pl.col(Column.YEAR).is_null())
    records = rows.filter(pl.col(Column.YEAR).is_not_null()) if not no_year.is_empty() else rows
    written = (currency.currency_of_header(table.headers[vidx]) or currency.currency_of_header(table.title)
               or (currency.IDR if kind == "value_idr" else currency.USD))
    records = currency.split_by_currency(records, "__value", written)
    if written not in (currency.USD, currency.IDR):
        unit = _unit_label(kind, factor).replace("USD", written)

    report = pl.concat([
        not_kept.select((pl.col("__i").cast(pl.Int64) + table.first_row).alias(ROW), STAGE, REASON, PARAM),
        no_year.select(ROW, pl.lit(REJECTED).alias(STAGE), pl.lit(reasons.NO_YEAR).alias(REASON),
                       pl.lit(None, pl.String).alias(PARAM)),
    ]).sort(ROW)
    info = SheetInfo(
        sheet=table.sheet,
        header_row=table.header_row,
        layout="long",
        unit=unit,
        columns={table.headers[i]: r for r, i in plan.roles.items()},
        ignored_columns=plan.ignored + [table.headers[p.index] for p in plan.periods],
        rows_kept=records.height,
        nil_marks={mark: meaning for mark, meaning, _ in nil_found},
        currencies=_currencies(records),
        column_units={table.headers[vidx]: _unit_info(unit), **{
            table.headers[idx]: _unit_info(_weight_label(scale))
            for name, (idx, scale) in numbers.items() if name == Column.WEIGHT_KG
        }},
    )
    # A currency in the header or title ("FOB JPY", "Nilai (EUR)") or a currency column ("Mata Uang") writes the
    # values' unit: they are not "read as USD".
    named = currency.currency_of_header(table.headers[vidx]) or currency.currency_of_header(table.title)
    if named is None and Column.CURRENCY not in plan.roles and unit_of(table.headers[vidx]) is None \
            and unit_of(table.title) is None and not re.search(r"(?i)us\$|usd|\$|\brp\b|rupiah|idr",
                                                                table.headers[vidx]):
        info.unit_written = False
        warnings.append(notice("warn.unit_not_written", where=_where(table)))
    warnings.extend(_cell_warnings(table, nil_found, cell_currencies, outputs, plan, written))
    warnings.extend(_year_mark_notes(table, records))
    return records, _row_report(report, table), info, _spellings(spellings), warnings


def _unlabelled_totals(value: pl.Series, kept: pl.Series, codes: list[pl.Series], not_kept: pl.DataFrame,
                       factor: float) -> pl.Series:
    """Kept rows of a register with a value and no label at all (no exporter, commodity, country or date) whose
    value is the sum of the rows above it (since the previous total) or of all other rows -> their positions.
    Only such rows are tested, so a million shipments cost one pass."""
    if not codes:
        return pl.Series("__i", [], dtype=pl.UInt32)
    no_label = pl.DataFrame(codes).select(pl.all_horizontal(pl.all().is_null())).to_series()
    candidates = (kept & no_label & value.is_not_null()).arg_true()
    if candidates.is_empty() or candidates.len() > 1_000:
        return pl.Series("__i", [], dtype=pl.UInt32)
    figures = value.fill_null(0.0).to_numpy() * kept.to_numpy()
    prefix = np.concatenate([[0.0], np.cumsum(figures)])
    counts = np.concatenate([[0], np.cumsum(kept.to_numpy())])
    barriers = sorted(not_kept.filter(pl.col(REASON).is_in(reasons.TOTALS)).get_column("__i").to_list())
    found = []
    for pos in candidates.to_list():
        start = max([b + 1 for b in barriers if b < pos] + [found[-1] + 1 if found else 0])
        stated = float(value[pos])
        above, n_above = prefix[pos] - prefix[start], counts[pos] - counts[start]
        others, n_others = prefix[-1] - figures[pos], counts[-1] - 1
        if stated and ((n_above >= 2 and abs(stated - above) <= tolerance(int(n_above), factor))
                       or (n_others >= 2 and abs(stated - others) <= tolerance(int(n_others), factor))):
            found.append(pos)
    return pl.Series("__i", found, dtype=pl.UInt32)


def _year_mark_notes(table: Table, records: pl.DataFrame) -> list[Notice]:
    """a long table's records -> one warning per marked year: 'tahun 2022 bertanda angka sementara'."""
    if Column.YEAR_MARK not in records.columns or records.get_column(Column.YEAR_MARK).null_count() == records.height:
        return []
    marked = records.select(Column.YEAR, pl.col(Column.YEAR_MARK).cast(pl.String)).drop_nulls().unique().sort(
        Column.YEAR, Column.YEAR_MARK)
    return [notice("warning.year_mark", where=_where(table), year=str(year), mark=notice(f"mark.{mark}"))
            for year, mark in marked.iter_rows()]


def _categorical(values: pl.Series) -> pl.Series:
    """a small table's text column -> categorical, so that gathering it a million times copies 4-byte codes."""
    return values.cast(pl.Categorical) if values.dtype == pl.String else values


def _case_merge(role: str, counts: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """spelling | rows -> (role | spelling | shown | rows, the summary `finish` needs; spelling | canonical)"""
    canonical = names.canonical_spellings(counts)
    summary = (
        counts.group_by("spelling").agg(pl.col("rows").sum())
        .join(canonical, on="spelling")
        .select(pl.lit(role).alias("role"), "spelling", pl.col("canonical").alias("shown"), "rows")
    )
    return summary, canonical


def _spellings(parts: list[pl.DataFrame]) -> pl.DataFrame:
    return pl.concat([_conform(p, SPELLINGS) for p in parts]) if parts else pl.DataFrame(schema=SPELLINGS)


def _keep(rows: pl.DataFrame, kept: pl.Series, dropped: pl.Series) -> pl.DataFrame:
    """rows -> the kept ones. Totals and notes usually stand below the data: keeping the rows above them is a
    slice, which copies nothing (a filter copies every column of a million rows)."""
    first_dropped = dropped.min() if dropped.len() else rows.height
    if dropped.len() == rows.height - first_dropped:  # every row from the first dropped one on is dropped
        return rows.head(first_dropped)
    return rows.filter(kept)


def _fill_down(codes: pl.Series, data_rows: pl.Series) -> tuple[pl.Series, int]:
    """[3, null, null] -> ([3, 3, 3], 2): a blank cell takes the label above it, among data rows only (a skipped
    blank, total or note row passes nothing on)."""
    missing = (data_rows & codes.is_null()).sum()
    if not missing:
        return codes, 0
    frame = pl.DataFrame({"c": codes, "d": data_rows})
    carried = pl.when(pl.col("d")).then(pl.col("c")).otherwise(None).forward_fill()
    filled = frame.select(pl.when(pl.col("d")).then(carried).otherwise(pl.col("c"))).to_series()
    return filled, missing - (data_rows & filled.is_null()).sum()


def _with_period(rows: pl.DataFrame, table: Table) -> pl.DataFrame:
    """fill year and month from the date, else from the sheet name, the title or the file name."""
    cols = rows.columns
    year = pl.col(Column.YEAR) if Column.YEAR in cols else pl.lit(None, pl.Int32)
    month = pl.col(Column.MONTH) if Column.MONTH in cols else pl.lit(None, pl.Int8)
    if Column.DATE in cols:
        year = pl.coalesce(year, pl.col("__date_year"))
        month = pl.coalesce(month, pl.col("__date_month"))
    if "__month_year" in cols:  # "Januari 2021" in the month column
        year = pl.coalesce(year, pl.col("__month_year"))
    ctx_year, ctx_month = _context_year(table), _context_month(table)
    year = pl.coalesce(year, pl.lit(ctx_year, pl.Int32))
    if Column.DATE not in cols and Column.MONTH not in cols:
        month = pl.coalesce(month, pl.lit(ctx_month, pl.Int8))
    rows = rows.with_columns(_period_columns(rows, table))
    return rows.with_columns(year.cast(pl.Int32).alias(Column.YEAR), month.cast(pl.Int8).alias(Column.MONTH)).drop(
        "__date_year", "__date_month", "__month_year", "__date_period", "__month_period", "__label_hs", strict=False
    )


def _period_columns(rows: pl.DataFrame, table: Table) -> list[pl.Expr]:
    """a long table's rows -> its quarter or half-year (`period`), year mark and HS codes from commodity labels,
    from the cells first, then the sheet name and title."""
    cols = rows.columns
    cells = [pl.col(c) for c in ("__month_period", "__date_period") if c in cols]
    period = pl.coalesce(*cells, pl.lit(_context_period(table), pl.String))
    mark = pl.col(Column.YEAR_MARK).cast(pl.String) if Column.YEAR_MARK in cols else pl.lit(None, pl.String)
    out = [period.alias(Column.PERIOD), pl.coalesce(mark, pl.lit(_context_year_mark(table), pl.String))
           .alias(Column.YEAR_MARK)]
    if "__label_hs" in cols:
        written = pl.col(Column.HS_CODE).cast(pl.String) if Column.HS_CODE in cols else pl.lit(None, pl.String)
        out.append(pl.coalesce(written, pl.col("__label_hs").cast(pl.String)).alias(Column.HS_CODE))
    return out


# ---------------------------------------------------------------------------------------------------- wide tables
# A statistics-office table: labels down, figures across (one column per year, month or category). Such tables
# are small (hundreds of rows), so the stages below may look at their figures row by row.

ROW_LABELS = (Column.MONTH, Column.YEAR, Column.DATE)  # a label column that gives each row its period


@dataclass(frozen=True)
class WidePlan:
    """The header plan of a wide table: which columns label the rows, which hold figures and what each means."""

    layout: str  # "wide-year" | "wide-month" | "wide-category"
    labels: dict[str, int]  # role -> column, for the dimensions and the row periods (months down)
    figures: list[Period]  # the figure columns; a category column has neither year nor month
    categories: dict[int, str]  # figure column -> the commodity (or HS chapter) it counts
    factors: dict[int, float]  # figure column -> multiplier to base units
    unit: str
    unit_written: bool
    destinations: dict[int, str] = field(default_factory=dict)  # figure column -> the country written above it
    weights: list[Period] = field(default_factory=list)  # period columns of weights, beside the values
    weight_factors: dict[int, float] = field(default_factory=dict)  # weight column -> multiplier to kg
    rupiah: set[int] = field(default_factory=set)  # figure columns in rupiah (converted with the year's rate)


@dataclass
class Staged:
    """A stage's value and the warnings it gave."""

    value: object
    warnings: list[Notice] = field(default_factory=list)


def wide_plan(table: Table, plan: _Plan, categories: bool = False) -> WidePlan:
    """The header plan -> the wide table's plan: row labels, figure columns, their units."""
    figures = list(plan.periods)
    cats: dict[int, str] = {}
    if categories:
        cats = dict(plan.categories)
        figures = [Period(i, None, None) for i, _ in plan.categories]
    figure_idx = {p.index for p in figures}
    labels = {r: i for r, i in plan.roles.items() if r in (*DIMENSIONS, *ROW_LABELS) and i not in figure_idx}
    if not any(r in DIMENSIONS or r in ROW_LABELS for r in labels):
        # "Uraian" or a blank header over the first text column: take it as the commodity.
        first = next((i for i in range(len(table.headers)) if i not in figure_idx), None)
        if first is not None:
            labels[Column.COMMODITY] = first
    title_kind, title_factor, title_unit = _value_scale("", table.title)
    written = unit_of(table.title) is not None
    rupiah = set()  # figure columns in rupiah: converted with the year's rate in `finish`, never taken as dollars
    factors, units = {}, set()
    # A period column whose header names a weight ("2022 (Ton)" under "Berat Bersih (Ton)") is never money.
    weights = {p.index: u[1] for p in figures if (u := unit_of(table.headers[p.index])) and u[0] == "weight_kg"}
    figures = [p for p in figures if p.index not in weights]
    for p in figures:
        unit = unit_of(table.headers[p.index])
        if unit is None and re.search(r"(?i)us\$|usd|dollar", table.headers[p.index]):
            unit = ("value_usd", 1.0)  # "export_hs84_usd": the unit is written, in an analyst's way
        if unit is not None and unit[0] in ("value_usd", "value_idr"):
            factors[p.index] = unit[1]
            units.add(_unit_label(*unit))
            written = True
        else:
            factors[p.index] = title_factor
            units.add(title_unit)
            unit = (title_kind, title_factor)
        if unit[0] == "value_idr":
            rupiah.add(p.index)
    kinds = {p.kind for p in figures}
    layout = "wide-category" if categories else ("wide-year" if kinds == {"year"} else "wide-month")
    destinations = {} if Column.DESTINATION in labels else _column_destinations(figures)
    return WidePlan(layout, labels, figures, cats, factors, "/".join(sorted(units)) or "USD", written, destinations,
                    [p for p in plan.periods if p.index in weights], weights, rupiah)


def _measure_blocks(frame: pl.DataFrame, label_col: str | None, raw_cols: list[str]) -> Staged:
    """Sub-header rows that change the measure of the block below ("Berat Bersih : Ton", "Nilai FOB : 000 US$")
    -> per row: None (no block), ('weight', factor) or ('value', factor), and the heading rows' positions."""
    if label_col is None:
        return Staged(([None] * frame.height, []))
    labels = frame.get_column(label_col).cast(pl.String).to_list()
    empty = frame.select(pl.all_horizontal([pl.col(c).is_null() for c in raw_cols]) if raw_cols else pl.lit(True))
    empty = empty.to_series().to_list()
    blocks: list[tuple[str, float] | None] = []
    headings: list[int] = []
    current = None
    for i, (label, no_figures) in enumerate(zip(labels, empty)):
        unit = unit_of(label) if label and no_figures else None
        if unit is not None and (MEASURE_WEIGHT_RE.search(label) or MEASURE_VALUE_RE.search(label)):
            current = ("weight" if unit[0] == "weight_kg" else "value", unit[1], label.strip())
            headings.append(i)
        blocks.append(current)
    return Staged((blocks, headings))


def _table_style(table: Table, wplan: WidePlan) -> Style | None:
    """How a wide table writes its figures as text ('1.234,5' or '1,234.5'): one office, one style, so it is told
    once from a sample of all its text figure columns rather than column by column (a pivot has thousands)."""
    texts = [f"c{p.index}" for p in wplan.figures
             if p.index not in table.text_cells and table.frame.get_column(f"c{p.index}").dtype == pl.String]
    if len(texts) < 8:
        return None  # few columns: each column's own style, as a long table's
    sample = table.frame.select(texts[:: max(1, len(texts) // 64)]).unpivot().get_column("value")
    return detect_style(_style_sample(sample))


def _figures(table: Table, wplan: WidePlan, blocks: list) -> pl.DataFrame:
    """Each figure column in base units (__v{i}); a measure block's unit replaces the column's."""
    style = _table_style(table, wplan)
    frame = table.frame.select(_number(table, p.index, 1.0, style).alias(f"__v{p.index}") for p in wplan.figures)
    if not any(blocks):
        return frame.with_columns(
            (pl.col(f"__v{p.index}") * wplan.factors[p.index]).alias(f"__v{p.index}") for p in wplan.figures
        )
    # A block's unit replaces the column's: 000 US$ for a value block, ton (in kg) for a weight block.
    factor = pl.Series([b[1] if b is not None else None for b in blocks], dtype=pl.Float64)
    return frame.with_columns(
        (pl.col(f"__v{p.index}") * pl.lit(factor).fill_null(wplan.factors[p.index])).alias(f"__v{p.index}")
        for p in wplan.figures
    )


def classify_wide_rows(table: Table, wplan: WidePlan) -> Staged:
    """Every row -> its classification (stage, reason code, parameter) and its figures: blank, note, total by
    label, measure heading, weight block, total by arithmetic, no value, unreadable, kept."""
    schema = table.frame.schema
    figure_idx = {p.index for p in wplan.figures}
    label_cols = [f"c{i}" for i in wplan.labels.values()] + [
        f"c{i}" for i in range(len(table.headers)) if i not in figure_idx and _is_text(schema[f"c{i}"])
    ]
    raw_cols = [text(f"c{p.index}") for p in wplan.figures]
    blocks, headings = _measure_blocks(table.frame, label_cols[0] if label_cols else None,
                                       [f"c{p.index}" for p in wplan.figures]).value
    figures = _figures(table, wplan, blocks)
    value_cols = figures.columns
    status = table.frame.with_columns(figures).select(
        _row_status(table.frame, label_cols, pl.any_horizontal([pl.col(v).is_not_null() for v in value_cols]),
                    pl.when(pl.any_horizontal([r.is_not_null() for r in raw_cols])).then(pl.coalesce(raw_cols)),
                    table.frame)
    ).unnest("__status")
    stage, reason, param = (status.get_column(c).to_list() for c in (STAGE, REASON, PARAM))
    weights: list[int] = []
    for i, block in enumerate(blocks):
        if i in headings:
            stage[i], reason[i], param[i] = SKIPPED, reasons.MEASURE_HEADER, block[2]
        elif block is not None and block[0] == "weight" and reason[i] not in (reasons.BLANK, reasons.NOTE):
            stage[i], reason[i], param[i] = SKIPPED, reasons.WEIGHT_BLOCK, None
            weights.append(i)
    warnings = []
    if weights:
        warnings.append(notice("warn.weight_block", where=_where(table), measure=blocks[weights[0]][2],
                               first=str(table.first_row + weights[0]), last=str(table.first_row + weights[-1])))
    by_sum = _totals_by_sum(figures, stage, reason, label_cols and table.frame.get_column(label_cols[0]),
                            max(wplan.factors.values(), default=1.0), set(headings))
    for i in by_sum:
        stage[i], reason[i] = SKIPPED, reasons.TOTAL_BY_SUM
    if by_sum:
        rows = ", ".join(str(table.first_row + i) for i in by_sum[:20])
        warnings.append(notice("warn.total_by_sum", where=_where(table), rows=rows))
    frame = figures.with_columns(
        pl.int_range(table.first_row, table.first_row + table.frame.height, dtype=pl.Int64).alias(ROW),
        pl.Series(STAGE, stage, pl.String), pl.Series(REASON, reason, pl.String), pl.Series(PARAM, param, pl.String),
    )
    return Staged(frame, warnings)


def _totals_by_sum(figures: pl.DataFrame, stage: list, reason: list, labels: pl.Series | None, factor: float,
                   barriers: set[int]) -> list[int]:
    """Rows kept so far whose figures are the sum of other rows -> their positions (see summaries.total_rows)."""
    rows = [i for i in range(len(stage)) if stage[i] == KEPT or reason[i] in reasons.TOTALS or i in barriers]
    if len(rows) < 3:
        return []
    values = figures.to_numpy().astype(np.float64)[rows]
    values[[stage[i] != KEPT for i in rows]] = np.nan  # a labelled total or a heading: a boundary, not a figure
    label_text = labels.cast(pl.String).to_list() if isinstance(labels, pl.Series) else [None] * len(stage)
    found = total_rows(
        values,
        [stage[i] != KEPT for i in rows],
        [not (label_text[i] or "").strip() for i in rows],
        factor,
    )
    return [rows[k] for k in found]


def _category_totals(frame: pl.DataFrame, table: Table, wplan: WidePlan) -> Staged:
    """Category columns that are the sum of other category columns ("export_hs84_85_usd") -> left out."""
    kept = frame.filter(pl.col(STAGE) == KEPT)
    columns = {f"__v{p.index}": kept.get_column(f"__v{p.index}").to_list() for p in wplan.figures}
    found = total_columns(columns, max(wplan.factors.values(), default=1.0)) if len(columns) >= 3 else {}
    header = {f"__v{p.index}": table.headers[p.index] for p in wplan.figures}
    warnings = [
        notice("warn.total_column", where=_where(table), column=header[c],
          parts=", ".join(f"“{header[p]}”" for p in parts))
        for c, parts in found.items()
    ]
    return Staged({int(c[3:]) for c in found}, warnings)


def _wide_labels(table: Table, wplan: WidePlan) -> list[pl.Expr]:
    """The row labels: dimensions as written (resolved later), and a row's own period (months down)."""
    schema = table.frame.schema
    out = []
    for role, i in wplan.labels.items():
        col = f"c{i}"
        if role == Column.HS_CODE and Column.COMMODITY not in wplan.labels and _is_text(schema[col]):
            # "[03] Ikan dan udang": an HS chapter label gives the code and the commodity
            cell = pl.col(col).cast(pl.String).str.strip_chars()
            out += [pl.coalesce(cell.str.extract(r"^\[\s*(\d+)\s*\]"), cell.str.extract(r"^(\d+)")).alias(role),
                    clean_label(col).str.replace(CODE_PREFIX.pattern, "").alias(Column.COMMODITY)]
        elif role == Column.HS_CODE:
            out.append(hs_code(col, schema[col]).alias(role))
        elif role == Column.MONTH:  # "[01] Januari": the statistics office's code before the name
            cell = pl.col(col).cast(pl.String).str.replace(CODE_PREFIX.pattern, "")
            out.append(month_number(cell).alias("__row_month"))
        elif role == Column.YEAR:
            out.append(year_expr(col, schema[col]).alias("__row_year"))
        elif role == Column.DATE:
            date = date_column(pl.col(col), schema[col])
            out += [date.dt.year().cast(pl.Int32).alias("__row_year"), date.dt.month().cast(pl.Int8).alias("__row_month")]
        else:
            out.append(clean_label(col).alias(role))
    return out


def _assemble_wide(kept: pl.DataFrame, table: Table, wplan: WidePlan, dropped: set[int]) -> pl.DataFrame:
    """kept rows x figure columns -> one record per non-empty figure, with its year, month and what its column
    names (a category, a pivot's country): one unpivot, whatever the number of columns."""
    figures = [p for p in wplan.figures if p.index not in dropped]
    if not figures or kept.is_empty():
        return pl.DataFrame()
    ctx_year, ctx_month = _context_year(table), _context_month(table)
    cols = kept.columns
    meta = pl.DataFrame({
        "__col": [f"__v{p.index}" for p in figures],
        "__year": pl.Series([p.year for p in figures], dtype=pl.Int32),
        "__month": pl.Series([p.month for p in figures], dtype=pl.Int8),
        "__dest": pl.Series([wplan.destinations.get(p.index) for p in figures], dtype=pl.String),
        "__cat": pl.Series([wplan.categories.get(p.index) for p in figures], dtype=pl.String),
        "__mark": pl.Series([p.mark for p in figures], dtype=pl.String),
        "__cur": pl.Series([_figure_currency(table, wplan, p) for p in figures], dtype=pl.String),
    })
    dims = [r for r in wplan.labels if r in DIMENSIONS]
    if Column.HS_CODE in dims and Column.COMMODITY in cols and Column.COMMODITY not in dims:
        dims.append(Column.COMMODITY)
    if wplan.categories:  # each column names its commodity (and HS chapter): the row's own give way
        dims = [d for d in dims if d not in (Column.COMMODITY, Column.HS_CODE)]
    row_cols = [c for c in ("__row_year", "__row_month") if c in cols]
    long = kept.select(ROW, *dims, *row_cols, *meta.get_column("__col")).unpivot(
        index=[ROW, *dims, *row_cols], variable_name="__col", value_name=Column.VALUE_USD
    ).filter(pl.col(Column.VALUE_USD).is_not_null()).join(meta, on="__col", how="left")
    long = long.join(_cell_currencies(kept, table, figures), on=[ROW, "__col"], how="left")
    row_year = pl.col("__row_year") if "__row_year" in cols else pl.lit(None, pl.Int32)
    row_month = pl.col("__row_month") if "__row_month" in cols else pl.lit(None, pl.Int8)
    month = pl.coalesce(pl.col("__month"), row_month)
    if wplan.layout == "wide-year" and "__row_month" not in cols:
        month = pl.lit(ctx_month, pl.Int8)
    extra = []
    if wplan.destinations:
        extra.append(pl.coalesce(pl.col("__dest"), *([pl.col(Column.DESTINATION)] if Column.DESTINATION in dims
                                                      else [])).alias(Column.DESTINATION))
    if wplan.categories:
        extra += [pl.col("__cat").alias(Column.COMMODITY),
                  pl.when(pl.col("__cat").str.contains(r"^\d+$")).then(pl.col("__cat")).alias(Column.HS_CODE)]
    records = long.select(
        ROW, *[d for d in dims if not (d == Column.DESTINATION and wplan.destinations)], *extra,
        Column.VALUE_USD,  # the amount as written: `_split_wide_currency` moves other currencies out of it
        pl.col("__cur").alias(Column.CURRENCY), currency.CELL_CURRENCY,
        pl.lit(_context_period(table), pl.String).alias(Column.PERIOD),
        pl.coalesce(pl.col("__year"), row_year, pl.lit(ctx_year, pl.Int32)).cast(pl.Int32).alias(Column.YEAR),
        month.cast(pl.Int8).alias(Column.MONTH),
        pl.coalesce(pl.col("__mark"), pl.lit(_context_year_mark(table), pl.String)).alias(Column.YEAR_MARK),
    ).sort(ROW, maintain_order=True)
    return records.filter(pl.col(Column.YEAR).is_not_null())


def _figure_currency(table: Table, wplan: WidePlan, p: Period) -> str:
    """the currency a figure column is written in: its header's ('Nilai (EUR)'), else the title's, else rupiah
    for a rupiah column, else USD."""
    fallback = currency.IDR if p.index in wplan.rupiah else currency.USD
    return (currency.currency_of_header(table.headers[p.index]) or currency.currency_of_header(table.title)
            or fallback)


def _cell_currencies(kept: pl.DataFrame, table: Table, figures: list[Period]) -> pl.DataFrame:
    """kept rows -> ROW | __col | the currency each text figure cell writes itself ('¥ 1.200'), which wins over
    the column's; only text columns are looked at."""
    texts = [p for p in figures if table.frame.get_column(f"c{p.index}").dtype == pl.String
             and f"__raw{p.index}" in kept.columns]
    empty = pl.DataFrame(schema={ROW: pl.Int64(), "__col": pl.String(), currency.CELL_CURRENCY: pl.String()})
    if not texts:
        return empty
    cells = kept.select(ROW, *[pl.col(f"__raw{p.index}").alias(f"__v{p.index}") for p in texts]).unpivot(
        index=ROW, variable_name="__col", value_name="__text").filter(pl.col("__text").is_not_null())
    return cells.select(ROW, "__col", cell_currency(pl.col("__text")).alias(currency.CELL_CURRENCY)).cast(empty.schema)


def _split_wide_currency(records: pl.DataFrame) -> pl.DataFrame:
    """wide records with the amount as written -> `value_usd` for the dollars, `value_foreign` and `currency` for
    the rest (converted in `finish` with a rate, or rejected naming the currency)."""
    if records.is_empty() or Column.CURRENCY not in records.columns:
        return records.drop(Column.CURRENCY, currency.CELL_CURRENCY, strict=False)
    return currency.split_by_currency(records.rename({Column.VALUE_USD: "__value"}), "__value", currency.USD)


def _weight_columns(frame: pl.DataFrame, table: Table, wplan: WidePlan) -> pl.DataFrame:
    """The weight columns beside the value columns ('Berat Bersih (Ton)' over its years) -> weight records (kg)."""
    if not wplan.weights:
        return pl.DataFrame()
    weights = table.frame.select(_number(table, p.index, wplan.weight_factors[p.index]).alias(f"__v{p.index}")
                                 for p in wplan.weights)
    rows = frame.drop([c for c in weights.columns if c in frame.columns]).with_columns(weights)
    plan = dataclasses.replace(wplan, figures=wplan.weights, categories={}, destinations={})
    return _assemble_wide(rows.filter(pl.col(STAGE) == KEPT), table, plan, set())


def _with_weights(records: pl.DataFrame, weights: pl.DataFrame) -> pl.DataFrame:
    """Weights (in kg, from a weight block or weight columns) -> the weight of the value records of the same labels
    and period."""
    if records.is_empty() or weights.is_empty():
        return records
    skip = (ROW, Column.VALUE_USD, Column.YEAR_MARK, Column.WEIGHT_KG, Column.CURRENCY, currency.CELL_CURRENCY)
    keys = [c for c in records.columns if c not in skip]
    weights = weights.drop(Column.YEAR_MARK, Column.CURRENCY, currency.CELL_CURRENCY, strict=False)
    weights = weights.group_by(keys).agg(pl.col(Column.VALUE_USD).sum().alias("__weight"))
    joined = records.join(weights, on=keys, how="left", nulls_equal=True, maintain_order="left")
    old = [pl.col(Column.WEIGHT_KG)] if Column.WEIGHT_KG in records.columns else []
    return joined.with_columns(pl.coalesce(*old, pl.col("__weight")).alias(Column.WEIGHT_KG)).drop("__weight")


def _bad_cell(index: int) -> pl.Expr:
    """a figure cell with text that is neither a number nor a nil mark ('-', '..', 'x')."""
    raw = pl.col(f"__raw{index}")
    return raw.is_not_null() & pl.col(f"__v{index}").is_null() & nil_mark(raw).is_null()


def _bad_cells(kept: pl.DataFrame, table: Table, wplan: WidePlan) -> list[Notice]:
    """Cells that hold text where a number belongs: the row is kept for its other cells, the cell is reported."""
    if kept.is_empty():
        return []
    bad = kept.select(
        _bad_cell(p.index).any().alias(str(p.index))
        for p in wplan.figures
    ).row(0, named=True)
    out = []
    for index in (int(i) for i, any_bad in bad.items() if any_bad):
        rows = kept.filter(_bad_cell(index))
        rows = rows.get_column(ROW).to_list()
        listed = ", ".join(map(str, rows[:20])) + (" …" if len(rows) > 20 else "")
        out.append(notice("warn.bad_cells", column=table.headers[index], where=_where(table), rows=listed))
    return out


def clean_wide(
    table: Table, plan: _Plan, categories: bool = False
) -> tuple[pl.DataFrame, pl.DataFrame, SheetInfo, pl.DataFrame, list[Notice]]:
    """A wide table (labels down, years, months or categories across) -> (records, row report, sheet info,
    spelling counts, warnings), through its stages: plan, row classification, cross-checks, assembly."""
    wplan = wide_plan(table, plan, categories)
    classified = classify_wide_rows(table, wplan)
    warnings = list(classified.warnings)
    frame = pl.concat([classified.value, table.frame.select(
        *_wide_labels(table, wplan), *[text(f"c{p.index}").alias(f"__raw{p.index}") for p in wplan.figures]
    )], how="horizontal")
    dropped: set[int] = set()
    if categories:
        column_totals = _category_totals(frame, table, wplan)
        dropped, warnings = column_totals.value, warnings + column_totals.warnings
    value_cols = [f"__v{p.index}" for p in wplan.figures if p.index not in dropped]
    warnings += _check_totals(
        frame.select(value_cols), frame.get_column(STAGE) == KEPT,
        frame.with_row_index("__i").filter(pl.col(REASON) == reasons.TOTAL).get_column("__i"),
        table, max(wplan.factors.values(), default=1.0),
    )
    warnings += _check_total_column(frame, table, plan, wplan, dropped)
    kept = frame.filter(pl.col(STAGE) == KEPT)
    warnings += _bad_cells(kept, table, wplan)
    blocks_say = (frame.get_column(REASON) == reasons.MEASURE_HEADER).any()  # "Nilai FOB : 000 US$" above a block
    unit_written = wplan.unit_written or blocks_say or kept.is_empty()
    if not unit_written:
        warnings.append(notice("warn.unit_not_written", where=_where(table)))
    records = _with_weights(_assemble_wide(kept, table, wplan, dropped),
                            _assemble_wide(frame.filter(pl.col(REASON) == reasons.WEIGHT_BLOCK), table, wplan, dropped))
    records = _with_weights(records, _weight_columns(frame, table, wplan))
    records, labelled = _hs_from_labels(records)
    records = _split_wide_currency(records)
    if (wplan.layout == "wide-month" and _context_year(table) is None and "__row_year" not in kept.columns
            and any(p.year is None for p in wplan.figures)):
        warnings.append(notice("warn.monthly_no_year", file=table.file))
    records, spellings = _resolve_labels(records)
    info = SheetInfo(
        sheet=table.sheet,
        header_row=table.header_row,
        layout=wplan.layout,
        unit=wplan.unit,
        columns={
            **{table.headers[i]: r for r, i in wplan.labels.items()},
            **{table.headers[p.index]: _figure_role(p, wplan) for p in wplan.figures if p.index not in dropped},
            **{table.headers[p.index]: f"weight_kg {_figure_role(p, wplan)}" for p in wplan.weights},
        },
        column_units={
            **{table.headers[p.index]: _unit_info(_unit_label("value_usd", wplan.factors[p.index]))
               for p in wplan.figures if p.index not in dropped},
            **{table.headers[p.index]: _unit_info(_weight_label(wplan.weight_factors[p.index])) for p in wplan.weights},
        },
        ignored_columns=[h for h in plan.ignored if not categories or h not in
                         {table.headers[p.index] for p in wplan.figures if p.index not in dropped}],
        rows_kept=records.select(pl.col(ROW).n_unique()).item() if not records.is_empty() else 0,
        unit_written=bool(unit_written),
    )
    info.nil_marks, info.currencies = _wide_nil_marks(table, wplan), _currencies(records)
    warnings += _cell_warnings(table, [(m, k, n) for m, k, n in _wide_nil_found(table, wplan)], None,
                               {Column.COMMODITY: labelled}, plan)
    warnings += [notice("warning.year_mark", where=_where(table), year=str(p.year), mark=notice(f"mark.{p.mark}"))
                 for p in wplan.figures if p.mark and p.year is not None]
    return records, _row_report(frame, table), info, spellings, warnings


def _wide_nil_found(table: Table, wplan: WidePlan) -> list[tuple[str, str, int]]:
    """the nil marks written in a wide table's figure columns, with their meaning and count."""
    texts = [table.frame.get_column(f"c{p.index}") for p in wplan.figures
             if table.frame.get_column(f"c{p.index}").dtype == pl.String]
    return nil_marks_used(pl.concat(texts)) if texts else []


def _wide_nil_marks(table: Table, wplan: WidePlan) -> dict[str, str]:
    return {mark: meaning for mark, meaning, _ in _wide_nil_found(table, wplan)}


def _check_total_column(frame: pl.DataFrame, table: Table, plan: _Plan, wplan: WidePlan, dropped: set[int]
                        ) -> list[Notice]:
    """A 'Jumlah' column beside the months of a country x month table: each kept row's figures should sum to it."""
    names = [i for i, h in enumerate(table.headers) if re.sub(r"[^a-z ]", "", h.lower()).strip() in TOTAL_WORDS]
    figures = [f"__v{p.index}" for p in wplan.figures if p.index not in dropped]
    if len(names) != 1 or len(figures) < 2:
        return []
    index = names[0]
    header = table.headers[index]
    unit = unit_of(header)
    factor = unit[1] if unit is not None and unit[0] == "value_usd" else max(wplan.factors.values(), default=1.0)
    stated = table.frame.select(_number(table, index, factor).alias("__stated")).to_series()
    rows = frame.with_columns(stated).filter(pl.col(STAGE) == KEPT)
    summed = pl.sum_horizontal(figures)
    bad = rows.filter(pl.col("__stated").is_not_null() & ((pl.col("__stated") - summed).abs()
                      > tolerance(len(figures), factor))).get_column(ROW).to_list()
    if not bad:
        return []
    listed = ", ".join(map(str, bad[:20])) + (" …" if len(bad) > 20 else "")
    return [notice("warn.total_column_mismatch", column=header, where=_where(table), rows=listed)]


def _figure_role(p: Period, wplan: WidePlan) -> str:
    if p.index in wplan.categories:
        return f"value_usd commodity {wplan.categories[p.index]}"
    if p.month is not None:
        return f"month {p.month}" + (f" year {p.year}" if p.year else "")
    return f"year {p.year}"


def _hs_from_labels(records: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """records whose commodity reads '[03] Ikan dan udang' -> commodity 'Ikan dan udang', hs_code '03'; and the
    distinct labels split (commodity | __label_hs), for the report."""
    empty = pl.DataFrame(schema={Column.COMMODITY: pl.String(), "__label_hs": pl.String()})
    if records.is_empty() or Column.COMMODITY not in records.columns:
        return records, empty
    split = names.hs_label(pl.col(Column.COMMODITY).cast(pl.String))
    records = records.with_columns(split.alias("__split")).with_columns(
        pl.col("__split").struct.field(Column.COMMODITY).alias(Column.COMMODITY),
        pl.col("__split").struct.field(Column.HS_CODE).alias("__label_hs"),
    )
    written = pl.col(Column.HS_CODE).cast(pl.String) if Column.HS_CODE in records.columns else pl.lit(None, pl.String)
    labelled = records.select(Column.COMMODITY, "__label_hs").unique(maintain_order=True)
    records = records.with_columns(pl.coalesce(written, pl.col("__label_hs")).alias(Column.HS_CODE))
    return records.drop("__split", "__label_hs"), labelled


def _resolve_labels(records: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """A wide table's few records, labels as written -> destinations and exporter types resolved, case variants
    merged, as `clean_long` does for its million; and the spelling counts for `finish`."""
    for role in (Column.DESTINATION, Column.EXPORTER_TYPE):
        if role in records.columns:
            cells = records.get_column(role).drop_nulls().unique()
            resolved = pl.concat(
                [cells.alias("__cell").to_frame(), _label_outputs(role, role, pl.String, cells)], how="horizontal"
            )
            records = records.rename({role: "__cell"}).join(resolved, on="__cell", how="left").drop("__cell")
    spellings = []
    for role in CASE_MERGED:
        if role in records.columns:
            counts = records.group_by(pl.col(role).alias("spelling")).agg(pl.len().cast(pl.UInt32).alias("rows"))
            summary, canonical = _case_merge(role, counts)
            records = records.with_columns(
                pl.col(role).replace(canonical.get_column("spelling"), canonical.get_column("canonical"))
            )
            spellings.append(summary)
    return records, _spellings(spellings)


def clean_targets(table: Table, plan: _Plan) -> pl.DataFrame:
    """A target sheet (Tahun | Target | Kurs) -> one row per year."""
    schema = table.frame.schema
    exprs = [year_expr(f"c{plan.roles[Column.YEAR]}", schema[f"c{plan.roles[Column.YEAR]}"]).alias(Column.YEAR)]
    for role in (TARGET_USD, TARGET_IDR, RATE_IDR):
        if role in plan.roles:
            idx = plan.roles[role]
            kind, factor, _ = _value_scale(table.headers[idx], "") if role != RATE_IDR else ("", 1.0, "")
            name = TARGET_IDR if role == TARGET_USD and kind == "value_idr" else role
            exprs.append(_number(table, idx, factor).alias(name))
    out = table.frame.select(exprs).filter(pl.col(Column.YEAR).is_not_null())
    return _conform(out, TARGET_SCHEMA).unique(Column.YEAR, keep="first")


def _row_report(frame: pl.DataFrame, table: Table) -> pl.DataFrame:
    not_kept = frame.filter(pl.col(STAGE) != KEPT)
    if not_kept.is_empty():  # most sheets: no sentences to render (two queries of ~1 ms each, times 250 sheets)
        return pl.DataFrame(schema=ROW_SCHEMA)
    return _conform(
        not_kept.select(
            pl.lit(table.file).alias("file"),
            pl.lit(table.sheet, pl.String).alias("sheet"),
            pl.col(ROW).alias("row"),
            pl.col(STAGE).alias("status"),
            reasons.render_expr(pl.col(REASON), pl.col(PARAM)).alias("reason"),
            pl.col(REASON).alias("code"),
            pl.col(PARAM).alias("param"),
        ),
        ROW_SCHEMA,
    )


def _conform(frame: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """any frame -> exactly these columns and dtypes (missing ones null)."""
    if frame.width == 0:
        return pl.DataFrame(schema=schema)
    return frame.select(
        (pl.col(c) if c in frame.columns else pl.lit(None)).cast(dtype, strict=False).alias(c)
        for c, dtype in schema.items()
    )


# ----------------------------------------------------------------------------------------------- the whole file


def _is_value_plan(plan: _Plan) -> bool:
    return Column.VALUE_USD in plan.roles or VALUE_IDR in plan.roles


def _is_category_plan(table: Table, plan: _Plan) -> bool:
    """Year (or date) down and one column of figures per category across: 'Tahun | Bulan | MIGAS | NON MIGAS'."""
    if _is_value_plan(plan) or plan.periods or not plan.categories or plan.not_export is not None:
        return False
    if not ({Column.YEAR, Column.DATE} & set(plan.roles)):
        return False
    frame = table.frame
    counts = frame.select(
        *[pl.col(f"c{i}").count().alias(f"cells{i}") for i, _ in plan.categories],
        *[_number(table, i, 1.0).count().alias(f"numbers{i}") for i, _ in plan.categories],
    ).row(0, named=True)  # one pass for all the columns: a pivot may have thousands
    return all(counts[f"cells{i}"] and counts[f"numbers{i}"] >= 0.8 * counts[f"cells{i}"] for i, _ in plan.categories)


@dataclass
class _Outcome:
    """One table's share of a file: its records, row report and sheet info, or the reason it has none."""

    table: Table
    info: SheetInfo | None = None
    records: pl.DataFrame = field(default_factory=pl.DataFrame)
    rows: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=ROW_SCHEMA))
    spellings: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=SPELLINGS))
    warnings: list[Notice] = field(default_factory=list)
    targets: pl.DataFrame | None = None
    without: tuple[str, Notice] | None = None  # why the sheet holds no export table: (code, its notice)
    rates: pl.DataFrame | None = None  # a Kurs sheet's exchange rates (year | currency | rate | per_usd)


def fill_merged(table: Table, columns: list[int]) -> Staged:
    """A label merged over several rows holds its text in the first row only: copy it down over exactly the
    merged range of that column, never beyond it (a blank cell outside any merge stays blank)."""
    if not table.merges or table.frame.is_empty():
        return Staged(table)
    height, wanted = table.frame.height, set(columns)
    sources: dict[int, np.ndarray] = {}
    filled = 0
    totals = _subtotal_rows(table, columns)
    for r1, c1, r2, c2 in table.merges:
        first, last = r1 - table.first_row, min(r2 - table.first_row, height - 1)
        if first < 0 or last <= first:
            continue  # a header's merged cells, or a merge over one row
        # A "Jumlah" row inside the merge (a month merged over its countries and their subtotal) stays a total:
        # the merged label is not copied into it, so its own first label still says "Jumlah".
        inside = np.arange(first + 1, last + 1)
        inside = inside[~totals[first + 1:last + 1]]
        for c in range(c1, c2 + 1):
            if c in wanted:
                src = sources.setdefault(c, np.arange(height))
                src[inside] = first
                filled += inside.size
    if not sources:
        return Staged(table)
    frame = table.frame.with_columns(pl.col(f"c{c}").gather(pl.Series(src)) for c, src in sources.items())
    return Staged(dataclasses.replace(table, frame=frame),
                  [notice("warn.merged_fill", count=filled, where=_where(table))])


def _subtotal_rows(table: Table, columns: list[int]) -> np.ndarray:
    """Rows whose label cells (any of `columns`) start with a total word ("Jumlah", "Total") -> a boolean mask."""
    text_cols = [f"c{c}" for c in columns if _is_text(table.frame.schema[f"c{c}"])]
    if not text_cols:
        return np.zeros(table.frame.height, dtype=bool)
    pattern = r"(?i)^\s*" + TOTAL_RE.removeprefix("^")
    return table.frame.select(pl.any_horizontal(pl.col(c).cast(pl.String).str.contains(pattern).fill_null(False)
                                                for c in text_cols)).to_series().to_numpy()


def _dates_in_period_columns(table: Table, plan: _Plan) -> _Plan:
    """A column headed Bulan or Tahun that holds dates (ISO, Excel dates, 19/01/2021): its role is the date, from
    which the year and month come."""
    if Column.DATE in plan.roles:
        return plan
    for role in (Column.MONTH, Column.YEAR):
        if role not in plan.roles:
            continue
        col = f"c{plan.roles[role]}"
        dtype = table.frame.get_column(col).dtype
        sample = table.frame.select(pl.col(col).drop_nulls().head(200))
        if sample.is_empty() or dtype.is_numeric():
            continue
        as_date = sample.select(date_column(pl.col(col), dtype)).to_series().drop_nulls().len()
        as_period = sample.select(month_number(pl.col(col)) if role == Column.MONTH else year_expr(col, dtype))
        if as_date >= 0.8 * sample.height and as_period.to_series().drop_nulls().len() < 0.5 * sample.height:
            roles = {r: i for r, i in plan.roles.items() if r != role} | {Column.DATE: plan.roles[role]}
            return dataclasses.replace(plan, roles=roles)
    return plan


def _clean_table(table: Table, plan: _Plan, has_shipments: bool) -> _Outcome:
    """One table -> its outcome, by the layout its header plan shows."""
    plan = _dates_in_period_columns(table, plan)
    labels = [i for r, i in plan.roles.items() if r in (*DIMENSIONS, *ROW_LABELS)]
    merged = fill_merged(table, labels or [0])
    outcome = _layout_outcome(merged.value, plan, has_shipments)
    outcome.warnings = merged.warnings + outcome.warnings
    return outcome


def _layout_outcome(table: Table, plan: _Plan, has_shipments: bool) -> _Outcome:
    return _dispatch(table, plan, has_shipments)


def _rates_outcome(table: Table, plan: _Plan) -> _Outcome | None:
    """A Kurs sheet (Tahun | Mata Uang | Kurs, or Mata Uang | 2021 | 2022) -> its rates, never exports."""
    if _is_value_plan(plan):
        return None
    if Column.CURRENCY in plan.roles and plan.periods:
        rates = clean_wide_rates(table, plan)  # years across: rates, never exports of a commodity "EUR"
    elif (RATE_IDR in plan.roles and Column.YEAR in plan.roles and not plan.periods
          and TARGET_USD not in plan.roles and TARGET_IDR not in plan.roles):
        rates = clean_rates(table, plan)
    else:
        return None
    info = SheetInfo(table.sheet, table.header_row, "rates", "", {table.headers[i]: r for r, i in plan.roles.items()},
                     plan.ignored, rows_kept=0)
    return _Outcome(table, info, rates=rates)


def _dispatch(table: Table, plan: _Plan, has_shipments: bool) -> _Outcome:
    has_value = _is_value_plan(plan)
    rates = _rates_outcome(table, plan)
    if rates is not None:
        return rates
    if not has_value and plan.periods and has_shipments:
        # A summary table beside the shipments it summarises (as in this app's own XLSX download):
        # counting both would double every total.
        return _Outcome(table, without=("derived", notice("sheet.derived")))
    if not has_value and (TARGET_USD in plan.roles or TARGET_IDR in plan.roles) and Column.YEAR in plan.roles:
        info = SheetInfo(table.sheet, table.header_row, "target", "USD",
                         {table.headers[i]: r for r, i in plan.roles.items()}, plan.ignored, rows_kept=0)
        return _Outcome(table, info, targets=clean_targets(table, plan))
    if has_value:
        recs, rows, info, counted, warnings = clean_long(table, plan)
    elif plan.periods:
        recs, rows, info, counted, warnings = clean_wide(table, plan)
    elif _is_category_plan(table, plan):
        recs, rows, info, counted, warnings = clean_wide(table, plan, categories=True)
    elif plan.not_export is not None:
        header, what = plan.not_export
        return _Outcome(table, without=("not_export", notice("error.not_export", file=table.file,
                                                             what=notice(f"what.{what}"), column=header)))
    else:
        return _Outcome(table, without=("no_value_column", notice("sheet.no_value_column")))
    recs, rows = _reject_unreadable_rows(table, recs, rows, info)
    info.header_rows = list(range(table.header_start or table.header_row, table.header_row + 1))
    info.rows_rejected = rows.filter(pl.col("status") == REJECTED).height
    info.rows_skipped = rows.filter(pl.col("status") == SKIPPED).height
    targets = None
    if not recs.is_empty():
        if {TARGET_USD, TARGET_IDR, RATE_IDR} & set(recs.columns):
            targets = _conform(recs.group_by(Column.YEAR).agg(
                pl.col(c).drop_nulls().first() for c in (TARGET_USD, TARGET_IDR, RATE_IDR) if c in recs.columns
            ), TARGET_SCHEMA)
        recs = recs.with_columns(
            pl.lit(table.file, pl.Categorical).alias(Column.SOURCE_FILE),
            pl.lit(table.sheet, pl.Categorical).alias(Column.SOURCE_SHEET),
            pl.col(ROW).alias(Column.SOURCE_ROW),
        )
    return _Outcome(table, info, recs, rows, counted, warnings, targets)


def _drop_summary_sheets(outcomes: list[_Outcome]) -> list[Notice]:
    """A sheet whose every year's figure is the sum of two or more other sheets' (a Rekap over month sheets) is
    not counted: its rows become skipped rows. Returns the warnings."""
    counted = [o for o in outcomes if o.info is not None and not o.records.is_empty()]
    if len(counted) < 3:
        return []
    totals = [dict(o.records.group_by(Column.YEAR).agg(pl.col(Column.VALUE_USD).sum()).iter_rows())
              if Column.VALUE_USD in o.records.columns else {} for o in counted]
    warnings = []
    for t_index, parts in summary_tables(totals).items():
        outcome = counted[t_index]
        names = ", ".join(f"“{counted[p].table.sheet}”" for p in parts)
        skipped = outcome.records.select(pl.col(ROW).unique().sort()).select(
            pl.lit(outcome.table.file).alias("file"), pl.lit(outcome.table.sheet, pl.String).alias("sheet"),
            pl.col(ROW).alias("row"), pl.lit(SKIPPED).alias("status"),
            pl.lit(reasons.render(reasons.SUMMARY_SHEET, names)).alias("reason"),
            pl.lit(reasons.SUMMARY_SHEET).alias("code"), pl.lit(names).alias("param"),
        )
        outcome.rows = pl.concat([outcome.rows, _conform(skipped, ROW_SCHEMA)]).sort("row")
        outcome.info.rows_skipped += skipped.height
        outcome.info.rows_kept = 0
        outcome.info.layout += SUMMARY_SUFFIX
        outcome.records = pl.DataFrame()
        outcome.spellings = pl.DataFrame(schema=SPELLINGS)
        warnings.append(notice("warn.summary_sheet", sheet=outcome.table.sheet, file=outcome.table.file, parts=names))
    return warnings


def clean_tables(result: ReadResult) -> Cleaned:
    """One file's tables -> records (raw names), targets and the file's report. A file that gives no record still
    returns its report (every row and its reason), with the file's error set."""
    info = FileInfo(file=result.file, format=result.format, encoding=result.encoding, delimiter=result.delimiter)
    info.sheets_without_table = [
        {"sheet": s.sheet, "reason": s.reason, **({"notice": notice(s.code, **s.params)} if s.code else {})}
        for s in result.skipped_sheets]
    # Every table asks its sheet name's and title's period (`_context_year`): read them all in one query.
    period_of_headers([t for table in result.tables for t in (table.sheet, table.title)])
    plans = [(table, plan_columns(table)) for table in result.tables]
    has_shipments = any(_is_value_plan(p) for _, p in plans)
    outcomes = [_clean_table(table, plan, has_shipments) for table, plan in plans]
    warnings = [w for o in outcomes for w in o.warnings] + _drop_summary_sheets(outcomes)
    for o in outcomes:
        if o.without is not None:
            info.sheets_without_table.append({"sheet": o.table.sheet, "reason": notices.render(o.without[1]),
                                              "code": o.without[0], "notice": o.without[1]})
        elif o.info is not None:
            info.sheets.append(o.info)
    records = [o.records for o in outcomes if not o.records.is_empty()]
    targets = [o.targets for o in outcomes if o.targets is not None]
    rates = [o.rates for o in outcomes if o.rates is not None]
    rows = pl.concat([o.rows for o in outcomes if o.info is not None] or [pl.DataFrame(schema=ROW_SCHEMA)])
    if not records and not targets and not rates:
        if rows.is_empty():
            why = _nothing_usable(result, info)
            raise NoExportTable(notices.render(why), file=result.file, **_code_params(why))
        info.error = _nothing_usable(result, info, rows)
    keep = {c: SCHEMA.get(c, pl.Float64()) for c in [*SCHEMA, VALUE_IDR, VALUE_FOREIGN]}
    all_records = pl.concat([_conform(r, keep) for r in records]) if records else _conform(pl.DataFrame(), keep)
    report = Report(files=[info], rows=rows, warnings=warnings, rows_kept=sum(s.rows_kept for s in info.sheets))
    all_targets = pl.concat(targets) if targets else pl.DataFrame(schema=TARGET_SCHEMA)
    spellings = _spellings([o.spellings for o in outcomes if o.info is not None])
    return Cleaned(all_records, all_targets, report, spellings, currency.combine_rates(rates))


def clean_wide_rates(table: Table, plan: _Plan) -> pl.DataFrame:
    """A Kurs sheet with years across (Mata Uang | 2021 | 2022) -> year | currency | rate | per_usd; the direction
    is the title's or the sheet name's ('Kurs ke USD'), else units of the currency per USD."""
    codes = table.frame.select(currency.currency_expr(pl.col(f"c{plan.roles[Column.CURRENCY]}"))).to_series()
    direction = currency.rate_direction(f"{table.title} {table.sheet or ''} {table.headers[plan.roles[Column.CURRENCY]]}")
    frames = [
        currency.rates_frame(pl.Series([p.year] * table.frame.height), codes,
                             table.frame.select(_number(table, p.index, 1.0)).to_series(), direction)
        for p in plan.periods if p.kind == "year" and p.year is not None
    ]
    return currency.combine_rates(frames)


def clean_rates(table: Table, plan: _Plan) -> pl.DataFrame:
    """A Kurs sheet (Tahun | Mata Uang | Kurs ke USD) -> year | currency | rate | per_usd, one row per currency and
    year. Without a currency column, the rate header names it ('Kurs (Rp per USD)', 'Kurs EUR'), else rupiah."""
    frame, idx = table.frame, plan.roles[RATE_IDR]
    header = table.headers[idx]
    years = frame.select(year_expr(f"c{plan.roles[Column.YEAR]}", frame.schema[f"c{plan.roles[Column.YEAR]}"]))
    if Column.CURRENCY in plan.roles:
        codes = frame.select(currency.currency_expr(pl.col(f"c{plan.roles[Column.CURRENCY]}")))
    else:
        # "Rp per USD" names two currencies, the one that is not the dollar is the rate's.
        named = currency.currency_of_header(header.replace("USD", "").replace("US$", "")) or currency.IDR
        codes = pl.DataFrame({"c": [named] * frame.height}, schema={"c": pl.String})
    rates = frame.select(_number(table, idx, 1.0))
    return currency.rates_frame(years.to_series(), codes.to_series(), rates.to_series(),
                                currency.rate_direction(header))


def _reject_unreadable_rows(
    table: Table, records: pl.DataFrame, rows: pl.DataFrame, info: SheetInfo
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Rows the reader could not read as written (`Table.bad_rows`: a line of invalid UTF-8) -> rejected with the
    reader's reason, whatever their cells looked like; `info.rows_kept` counts them out."""
    if table.bad_rows.is_empty():
        return records, rows
    bad = table.bad_rows.select((pl.col("__i").cast(pl.Int64) + table.first_row).alias("row"), "reason", "code",
                                "param")
    dropped = records.filter(pl.col(ROW).is_in(bad.get_column("row").implode()))
    info.rows_kept -= dropped.select(pl.col(ROW).n_unique()).item() if not dropped.is_empty() else 0
    records = records.filter(~pl.col(ROW).is_in(bad.get_column("row").implode()))
    rejected = _conform(bad.select(
        pl.lit(table.file).alias("file"), pl.lit(table.sheet, pl.String).alias("sheet"), "row",
        pl.lit(REJECTED).alias("status"), "reason", "code", "param",
    ), ROW_SCHEMA)
    rows = pl.concat([rows.filter(~pl.col("row").is_in(bad.get_column("row").implode())), rejected]).sort("row")
    return records, rows


def _nothing_usable(result: ReadResult, info: FileInfo, rows: pl.DataFrame | None = None) -> Notice | str:
    """Why a file gave no records, in one sentence that says what to fix (a notice, said in the user's language)."""
    name = result.file
    if any(s.layout != "target" for s in info.sheets) and not any(t.frame.height for t in result.tables):
        return notice("error.header_only", file=name)
    # Sheets the reader found a table in but no export value carry a code; the others had no header at all.
    codes = {s.get("code"): s.get("notice", s["reason"]) for s in info.sheets_without_table if s.get("code")}
    if "not_export" in codes and not info.sheets:
        return codes["not_export"]
    if codes and not info.sheets:
        return notice("error.no_value_column", file=name)
    if rows is not None and not rows.is_empty():
        first = rows.sort(pl.col("status") != REJECTED, "row").row(0, named=True)
        return notice("error.no_rows_used", file=name, count=rows.height, row=str(first["row"]),
                      reason=reasons.as_notice(first.get("code"), first.get("param"), first["reason"]))
    if result.skipped_sheets:
        first_sheet = result.skipped_sheets[0]
        return notice(first_sheet.code, **first_sheet.params) if first_sheet.code else first_sheet.reason
    return notice("error.no_export_table", file=name)


def _code_params(why: Notice | str) -> dict:
    """A notice -> the error's code and parameters (a bare sentence has none)."""
    return {"code": why["code"], "params": why["params"]} if notices.is_notice(why) else {}


def _reject_without_rate(records: pl.DataFrame, no_rate: pl.DataFrame, report: Report
                         ) -> tuple[pl.DataFrame, Report]:
    """Records in rupiah whose year has no rate are not counted. A row all of whose records are such is rejected
    with the reason; a wide row that keeps other years is kept, and its uncounted cells are said in a warning."""
    key = [Column.SOURCE_FILE, Column.SOURCE_SHEET, Column.SOURCE_ROW]
    records = records.filter(pl.col(Column.VALUE_USD).is_not_null())
    no_rate = no_rate.with_columns(pl.col(Column.CURRENCY).cast(pl.String))
    no_rate = no_rate.join(_no_rate_reasons(no_rate), on=[Column.CURRENCY, Column.YEAR], how="left", nulls_equal=True)
    rows = no_rate.select(*key, "reason", "code", "param").unique(key, keep="first", maintain_order=True)
    lost = rows.join(records.select(key).unique(), on=key, how="anti", nulls_equal=True)
    report.rows = pl.concat([report.rows, _conform(lost.select(
        pl.col(Column.SOURCE_FILE).alias("file"), pl.col(Column.SOURCE_SHEET).alias("sheet"),
        pl.col(Column.SOURCE_ROW).alias("row"), pl.lit(REJECTED).alias("status"), "reason", "code", "param",
    ), ROW_SCHEMA)])
    report.rows_kept -= lost.height
    partly = no_rate.join(lost, on=key, how="anti", nulls_equal=True)
    for (file, sheet), cells in partly.group_by(Column.SOURCE_FILE, Column.SOURCE_SHEET, maintain_order=True):
        years = ", ".join(map(str, sorted(cells.get_column(Column.YEAR).unique().to_list())))
        found = ", ".join(sorted(cells.get_column(Column.CURRENCY).drop_nulls().unique().to_list()))
        report.warnings.append(notice("warn.no_rate_cells", where=notices.where(file, sheet), years=years,
                                      count=cells.height, currencies=found))
    return records, report


def _no_rate_reasons(no_rate: pl.DataFrame) -> pl.DataFrame:
    """rows without a rate -> currency | year | reason, one per currency and year ('nilai dalam JPY tetapi ...')."""
    rows = []
    for code, year in no_rate.select(Column.CURRENCY, Column.YEAR).unique().rows():
        key, values = currency.no_rate_reason(code, year)
        param = "|".join(str(values[n]) for n in ("currency", "year") if n in values)
        # in Indonesian, as every other reason in the report; the code and parameter render it in any language
        rows.append((code, year, t(key, "id", **values), key.removeprefix("reason."), param))
    schema = {Column.CURRENCY: pl.String(), Column.YEAR: pl.Int32(), "reason": pl.String(), "code": pl.String(),
              "param": pl.String()}
    return pl.DataFrame(rows, schema=schema, orient="row")


def finish(parts: list[Cleaned], rates: pl.DataFrame | None = None) -> Cleaned:
    """Several files' records -> one dataset: spellings merged across files, other currencies converted to USD (with
    `rates` the official typed first, then the files' Kurs sheets and Target/Kurs rates), unknown names reported."""
    report = Report()
    for part in parts:
        report = report.merge(part.report)
    targets = pl.concat([p.targets for p in parts]) if parts else pl.DataFrame(schema=TARGET_SCHEMA)
    targets = (
        targets.group_by(Column.YEAR, maintain_order=True)
        .agg(pl.col(c).drop_nulls().first() for c in (TARGET_USD, TARGET_IDR, RATE_IDR))
        .sort(Column.YEAR)
    )
    targets = _conform(targets, TARGET_SCHEMA)
    records = pl.concat([p.records for p in parts]) if parts else pl.DataFrame()
    if records.is_empty():
        return Cleaned(_conform(pl.DataFrame(), SCHEMA), targets, report)

    # Values in rupiah, yen, euros... need their year's rate; without one the row cannot be counted in USD. Typed
    # rates win, then the file's own Kurs sheet, then the other files'.
    converted = [currency.convert_records(p.records, currency.combine_rates([
        rates if rates is not None else pl.DataFrame(schema=currency.RATES_SCHEMA), p.rates, *[q.rates for q in parts],
        currency.idr_rates(targets.get_column(Column.YEAR), targets.get_column(RATE_IDR)),
    ])) for p in parts]
    records = pl.concat([c[0] for c in converted], how="diagonal_relaxed") if len(converted) > 1 else converted[0][0]
    no_rate = pl.concat([c[1] for c in converted], how="diagonal_relaxed")
    conversions = pl.concat([c[2] for c in converted]).group_by("currency", "year", "fx_rate", maintain_order=True).agg(
        pl.col("rows").sum())
    report.warnings.extend(
        notices.rate_notice("warning.converted", rate, rows=n, currency=code, year=str(year))
        for code, year, rate, n in conversions.iter_rows()
    )
    if not no_rate.is_empty():
        records, report = _reject_without_rate(records, no_rate, report)

    # Destinations and exporter types were resolved as each table was read. Spellings that differ only in case
    # were merged within each table; merge them across tables and files, counting every spelling's rows.
    spellings = pl.concat([p.spellings for p in parts])
    for role in CASE_MERGED:
        own = spellings.filter(pl.col("role") == role)
        canonical = names.canonical_spellings(own.select("spelling", "rows"))
        change = (
            own.join(canonical, on="spelling")
            .filter(pl.col("shown") != pl.col("canonical"))
            .select("shown", "canonical")
            .unique()
        )
        if not change.is_empty():
            respelled = pl.col(role).cast(pl.String).replace(change.get_column("shown"), change.get_column("canonical"))
            records = records.with_columns(respelled.cast(pl.Categorical))
    if records.get_column(Column.EXPORTER_TYPE).null_count():
        records = records.with_columns(pl.col(Column.EXPORTER_TYPE).fill_null(pl.lit("unknown", pl.Categorical)))

    unknown = (
        records.filter(pl.col(Column.DESTINATION_KIND).is_in(["unknown", "region"]) & pl.col(Column.DESTINATION)
                       .is_not_null())
        .group_by(pl.col(Column.DESTINATION).alias("name"), pl.col(Column.DESTINATION_KIND).alias("kind"))
        .len("rows")
        .with_columns(pl.col("name", "kind").cast(pl.String))
        .sort("rows", descending=True)
    )
    report.unrecognised_names = unknown
    for row in unknown.iter_rows(named=True):
        if row["kind"] == "region":
            report.warnings.append(
                notice("warn.region", name=row["name"], rows=int(row["rows"]))
            )
        else:
            report.warnings.append(
                notice("warn.unknown_destination", name=row["name"], rows=int(row["rows"]))
            )
    return Cleaned(conform_records(records), targets, report)
