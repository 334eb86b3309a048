"""Tables -> canonical records, targets and a report of every row.

Each table is classified row by row (blank, total, note, kept, rejected); long tables map their columns onto the
schema, wide tables (years or months across) are unpivoted first. Names, dates and countries are read once per
distinct cell, as each table is cleaned; `finish` puts the files together and merges spellings across them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import polars as pl

from pekalongan import currency, names
from pekalongan.dates import (
    date_column,
    month_number,
    month_of_header,
    period_of_header,
    period_of_text,
    year_column,
    year_label,
    year_mark,
    year_of_text,
)
from pekalongan.errors import NoExportTable
from pekalongan.i18n import t
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
from pekalongan.report import KEPT, REJECTED, ROW_SCHEMA, SKIPPED, FileInfo, Report, SheetInfo
from pekalongan.schema import (
    RATE_IDR,
    ROW_NUMBER,
    SCHEMA,
    TARGET_IDR,
    TARGET_USD,
    TOTAL_WORDS,
    VALUE_FOREIGN,
    VALUE_IDR,
    Column,
    conform_records,
    role_of,
)
from pekalongan.vocabulary import NIL_CONFIDENTIAL, NIL_NOT_AVAILABLE

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
TOTAL_RE = r"^(sub\s*-?\s*total|grand\s*total|jumlah|total|jml)\b"
NOTE_RE = r"^(sumber|catatan|keterangan|ket\s*[:.]|note|source|\*|angka sementara|data diolah|diolah|dicetak|ttd)"
DERIVED_SHEET = (
    "tabel ringkasan (tahun/bulan ke samping) di samping lembar per pengapalan: tidak dihitung agar nilai tidak "
    "ganda. Unggah tabel ini dalam berkas terpisah bila memang datanya berbeda."
)
STAGE = "__stage"
REASON = "__reason"
ROW = "__row"
# A formula's error (the reader writes error cells as Excel shows them, read.CELL_ERRORS) and its reason.
FORMULA_ERROR = r"^#(N/A|REF!|VALUE!|DIV/0!|NAME\?|NUM!|NULL!|GETTING_DATA)$"
FORMULA_REASON = t("read.row.formula_error", "id", error="{}")



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


@dataclass
class _Plan:
    """How one table's columns map to roles."""

    roles: dict[str, int]  # role -> column index (first column wins)
    periods: list[tuple[int, str, int]]  # (column index, "year" | "month", year or month number)
    ignored: list[str]


def plan_columns(table: Table) -> _Plan:
    """headers -> which column plays which role, which are periods (wide) and which are left out."""
    roles: dict[str, int] = {}
    periods: list[tuple[int, str, int]] = []
    ignored: list[str] = []
    for i, header in enumerate(table.headers):
        kind = header_kind(header)
        norm = re.sub(r"[^a-z ]", "", header.lower()).strip()
        if kind == "derived" or norm in TOTAL_WORDS:
            ignored.append(header)
        elif kind == "year":
            year = year_of_text(header)
            if year is not None:
                periods.append((i, "year", year))
        elif kind == "month":
            month = month_of_header(header)
            if month is not None:
                periods.append((i, "month", month))
        elif kind == "role":
            role = role_of(header)
            if role is None or role in roles:
                ignored.append(header)
            elif role != ROW_NUMBER:
                roles[role] = i
        elif header:
            ignored.append(header)
    return _Plan(roles, periods, ignored)


def _value_scale(header: str, title: str) -> tuple[str, float, str]:
    """'Nilai (Juta US$)' -> ('value_usd', 1e6, 'juta USD'); falls back on the title, then plain USD."""
    for source in (header, title):
        unit = unit_of(source)
        if unit is not None and unit[0] in ("value_usd", "value_idr"):
            return unit[0], unit[1], _unit_label(*unit)
    return "value_usd", 1.0, "USD"


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
    dtype = frame.schema[col]
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
    if index in table.text_cells or table.frame.schema[col] != pl.String:
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


def _is_blank(frame: pl.DataFrame, col: str) -> pl.Expr:
    """a cell -> True when empty or only spaces (tested in place: no trimmed copy of a million strings)"""
    if _is_text(frame.get_column(col).dtype):  # not frame.schema: it is rebuilt on each call, O(columns)
        return pl.col(col).is_null() | ~pl.col(col).cast(pl.String).str.contains(r"\S")
    return pl.col(col).is_null()


def _lead_matches(frame: pl.DataFrame, cols: list[str], pattern: str) -> pl.Expr:
    """the row's first non-blank cell among `cols` matches `pattern` (case-insensitive, leading spaces allowed)"""
    matches, earlier_blank = pl.lit(False), pl.lit(True)
    for col in cols:
        cell = pl.col(col).cast(pl.String)  # a no-op on text; numbers and dates are matched as written
        matches = matches | (earlier_blank & cell.str.contains(r"(?i)^\s*" + pattern.removeprefix("^")))
        earlier_blank = earlier_blank & _is_blank(frame, col)
    return matches


def _row_status(frame: pl.DataFrame, label_cols: list[str], has_value: pl.Expr, raw_value: pl.Expr) -> pl.Expr:
    """each row -> (stage, reason): blank, total, note, no value, unreadable value, or kept."""
    all_cols = frame.columns
    blank = pl.all_horizontal([_is_blank(frame, c) for c in all_cols]) if all_cols else pl.lit(True)
    # "JUMLAH", "Sumber:" and "*) Angka sementara" stand in a row's first cells.
    lead = (label_cols or all_cols)[:3]
    return (
        pl.when(blank)
        .then(pl.struct(pl.lit(SKIPPED).alias(STAGE), pl.lit("baris kosong").alias(REASON)))
        .when(_lead_matches(frame, lead, TOTAL_RE))
        .then(pl.struct(pl.lit(SKIPPED).alias(STAGE), pl.lit("baris jumlah/total").alias(REASON)))
        .when(_lead_matches(frame, lead, NOTE_RE))
        .then(pl.struct(pl.lit(SKIPPED).alias(STAGE), pl.lit("catatan atau sumber data").alias(REASON)))
        .when(raw_value.is_null())
        .then(pl.struct(pl.lit(REJECTED).alias(STAGE), pl.lit("nilai kosong").alias(REASON)))
        .when(raw_value.str.contains(FORMULA_ERROR))  # the reader keeps Excel's error as Excel shows it
        .then(pl.struct(pl.lit(REJECTED).alias(STAGE), pl.format(FORMULA_REASON, raw_value).alias(REASON)))
        .when(~has_value & (nil_mark(raw_value) == NIL_NOT_AVAILABLE))
        .then(_nil_reason("reason.nil_not_available", raw_value))
        .when(~has_value & (nil_mark(raw_value) == NIL_CONFIDENTIAL))
        .then(_nil_reason("reason.nil_confidential", raw_value))
        .when(~has_value)
        .then(
            pl.struct(
                pl.lit(REJECTED).alias(STAGE),
                pl.format("nilai “{}” bukan angka", raw_value.str.slice(0, 40)).alias(REASON),
            )
        )
        .otherwise(pl.struct(pl.lit(KEPT).alias(STAGE), pl.lit(None, pl.String).alias(REASON)))
        .alias("__status")
    )


def _nil_reason(key: str, raw_value: pl.Expr) -> pl.Expr:
    """'x' -> skipped, 'nilai bertanda “x”: dirahasiakan, tidak dihitung': a statistics office's mark, no error."""
    return pl.struct(pl.lit(SKIPPED).alias(STAGE),
                     pl.format(t(key, "id", mark="{}"), raw_value.str.strip_chars()).alias(REASON))


def _check_totals(
    values: pl.DataFrame, kept: pl.Series, totals: pl.Series, table: Table, factor: float, warnings: list[str]
) -> None:
    """Compare each total row (`totals`: positions in the table) with the sum of the kept rows above it, since the
    previous total or from the top. `values` holds one column per value column, `kept` which rows count."""
    if totals.is_empty():
        return
    where = f"“{table.file}”" + (f", lembar “{table.sheet}”" if table.sheet else "")
    above = dict.fromkeys(values.columns, 0.0)  # sum of the kept rows above the current total, per column
    previous = 0
    for pos in totals.to_list():
        # The rows since the previous total: a slice of each column, so every row is summed once in all.
        in_segment = kept.slice(previous, pos - previous)
        rows = int(in_segment.sum())
        for col in values.columns:
            column = values.get_column(col)
            since = float(column.slice(previous, pos - previous).filter(in_segment).fill_null(0.0).sum())
            above[col] += since
            stated = column[pos]
            if stated is None:
                continue
            if not any(abs(stated - c) <= _total_tolerance(rows, factor) for c in (since, above[col])):
                warnings.append(
                    f"Baris jumlah tidak cocok di {where}, baris {table.first_row + pos}: tertulis {stated:,.2f} "
                    f"tetapi jumlah baris di atasnya {since:,.2f} (selisih {stated - since:,.2f})."
                    .replace(",", "_").replace(".", ",").replace("_", ".")
                )
        previous = pos + 1


def _total_tolerance(rows: int, factor: float) -> float:
    """How far a stated total may be from the sum of its rows: the rounding of each row as displayed."""
    # A table in juta or ribu shows rounded figures (often 1-2 decimals); a table in USD shows cents.
    per_row = 0.05 * factor if factor > 1 else 0.005
    return max(per_row * max(rows, 1), 0.01)


# ---------------------------------------------------------------------------------------------------- long tables
# A million shipments name a few hundred exporters, dates and countries. Each label column is therefore read once
# per distinct cell (a small table of what each cell becomes) plus one code per row pointing into that table; rows
# are classified by a cheap test that clears nearly every row, the full test running only on the few it does not.


def _label_outputs(role: str, col: str, dtype: pl.DataType, cells: pl.Series) -> pl.DataFrame:
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
    words = f"{TOTAL_RE.removeprefix('^')}|{NOTE_RE.removeprefix('^')}"
    suspect = rf"(?i)^\s*(?:$|{words})"
    dtype = frame.schema[col]
    if isinstance(dtype, pl.Categorical):
        # Test each distinct cell once, then the rows by their codes.
        cells = _categories(frame, col)
        codes = pl.int_range(cells.len(), dtype=pl.UInt32, eager=True).filter(cells.str.contains(suspect))
        return pl.col(col).is_null() | pl.col(col).to_physical().is_in(codes.implode())
    cell = pl.col(col).cast(pl.String)
    return cell.is_null() | cell.str.contains(suspect)


def _where(table: Table) -> str:
    """a table -> '“file.xlsx”, lembar “2021”' (or just the file), for a warning."""
    if table.sheet:
        return t("where.sheet", "id", file=table.file, sheet=table.sheet)
    return t("where.file", "id", file=table.file)


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
) -> list[str]:
    """What the cell grammar read that the official should know: nil marks, currencies in cells, HS codes padded
    or taken from commodity labels."""
    where = _where(table)
    notes = [t("warning.nil_mark", "id", where=where, mark=mark, cells=cells, meaning=t(f"nil.{meaning}", "id"))
             for mark, meaning, cells in nil_found]
    # Cells that name the column's own currency ("US$ 7.000" under "Nilai (US$)") tell nothing new.
    counts = (cell_currencies.drop_nulls().filter(cell_currencies.drop_nulls() != written).value_counts(sort=True)
              if cell_currencies is not None else pl.DataFrame())
    if not counts.is_empty():
        notes.append(t("warning.cell_currency", "id", where=where, cells=int(counts.get_column("count").sum()),
                       currencies=", ".join(counts.get_column(counts.columns[0]).to_list())))
    if Column.HS_CODE in plan.roles:
        notes.extend(_hs_padding_note(table, plan.roles[Column.HS_CODE]))
    labelled = outputs.get(Column.COMMODITY)
    if labelled is not None and "__label_hs" in labelled.columns:
        notes.extend(_hs_label_note(where, labelled))
    return notes


def _hs_padding_note(table: Table, index: int) -> list[str]:
    """an HS column -> the warning that codes lost their leading zero and got it back, or nothing."""
    col = table.frame.get_column(f"c{index}")
    dtype = col.dtype if col.dtype.is_numeric() else pl.String
    distinct = col.drop_nulls().unique().cast(dtype).sort().to_frame("hs")
    padded = distinct.filter(names.hs_number_padded(pl.col("hs"), dtype))
    if padded.is_empty():
        return []
    example = padded.row(0)[0]
    shown = padded.select(names.hs_code_expr(pl.col("hs"), dtype)).item(0, 0)
    return [t("warning.hs_padded", "id", where=_where(table), count=padded.height,
              example=f"{example:.0f}" if dtype != pl.String else example, padded=shown)]


def _hs_label_note(where: str, labelled: pl.DataFrame) -> list[str]:
    """the commodity labels' split -> the warning that HS codes came from labels, or nothing."""
    found = labelled.filter(pl.col("__label_hs").is_not_null())
    if found.is_empty():
        return []
    commodity, code = found.row(0)[0], found.get_column("__label_hs")[0]
    return [t("warning.hs_from_label", "id", where=where, count=found.height, example=f"[{code}] {commodity}",
              code=code)]


def clean_long(
    table: Table, plan: _Plan, warnings: list[str]
) -> tuple[pl.DataFrame, pl.DataFrame, SheetInfo, pl.DataFrame]:
    """A long table (one row per shipment) -> (records, row report, sheet info, spelling counts)."""
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
    status = frame[suspects].select(
        _row_status(frame, label_cols, pl.lit(value.gather(suspects)).is_not_null(), text(f"c{vidx}"))
    ).unnest("__status").with_columns(pl.Series("__i", suspects))
    not_kept = status.filter(pl.col(STAGE) != KEPT)
    kept = pl.repeat(True, frame.height, dtype=pl.Boolean, eager=True).scatter(not_kept.get_column("__i"), False)
    totals = not_kept.filter(pl.col(REASON) == "baris jumlah/total").get_column("__i")
    _check_totals(pl.DataFrame({"value": value}), kept, totals, table, factor, warnings)

    # Merged cells leave only their first cell filled: carry the label down within the table's data rows.
    if table.sheet is not None:  # CSV has no merged cells
        skipped = not_kept.filter(pl.col(STAGE) == SKIPPED).get_column("__i")
        data_rows = pl.repeat(True, frame.height, dtype=pl.Boolean, eager=True).scatter(skipped, False)
        for role in MERGED_FILL:
            if role in codes:
                codes[role], filled = _fill_down(codes[role], data_rows)
                if filled:
                    where = f"“{table.file}”" + (f", lembar “{table.sheet}”" if table.sheet else "")
                    warnings.append(f"{filled} sel kosong di {where} diisi dari sel di atasnya (sel gabungan/merge). "
                                    "Periksa bila ini keliru.")

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
        not_kept.select((pl.col("__i").cast(pl.Int64) + table.first_row).alias(ROW), STAGE, REASON),
        no_year.select(ROW, pl.lit(REJECTED).alias(STAGE), pl.lit("tahun tidak diketahui").alias(REASON)),
    ]).sort(ROW)
    info = SheetInfo(
        sheet=table.sheet,
        header_row=table.header_row,
        layout="long",
        unit=unit,
        columns={table.headers[i]: r for r, i in plan.roles.items()},
        ignored_columns=plan.ignored + [table.headers[i] for i, _, _ in plan.periods],
        rows_kept=records.height,
        nil_marks={mark: meaning for mark, meaning, _ in nil_found},
        currencies=_currencies(records),
    )
    warnings.extend(_cell_warnings(table, nil_found, cell_currencies, outputs, plan, written))
    warnings.extend(_year_mark_notes(table, records))
    return records, _row_report(report, table), info, _spellings(spellings)


def _year_mark_notes(table: Table, records: pl.DataFrame) -> list[str]:
    """a long table's records -> one warning per marked year: 'tahun 2022 bertanda angka sementara'."""
    if Column.YEAR_MARK not in records.columns or records.get_column(Column.YEAR_MARK).null_count() == records.height:
        return []
    marked = records.select(Column.YEAR, pl.col(Column.YEAR_MARK).cast(pl.String)).drop_nulls().unique().sort(
        Column.YEAR, Column.YEAR_MARK)
    return [t("warning.year_mark", "id", where=_where(table), year=year, mark=t(f"mark.{mark}", "id"))
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


def clean_wide(
    table: Table, plan: _Plan, warnings: list[str]
) -> tuple[pl.DataFrame, pl.DataFrame, SheetInfo, pl.DataFrame]:
    """A wide table (labels down, years or months across) -> (records, row report, sheet info, spelling counts),
    unpivoted."""
    frame = table.frame.with_row_index(ROW, offset=table.first_row).with_columns(pl.col(ROW).cast(pl.Int64))
    schema = table.frame.schema
    period_idx = {i for i, _, _ in plan.periods}
    kind_by = {k for _, k, _ in plan.periods}
    layout = "wide-year" if kind_by == {"year"} else "wide-month"
    labels = {r: i for r, i in plan.roles.items() if r in DIMENSIONS}
    if not labels:
        # "Uraian" or a blank header over the first text column: take it as the commodity.
        first = next((i for i in range(len(table.headers)) if i not in period_idx), None)
        if first is not None:
            labels[Column.COMMODITY] = first
    kind, factor, unit = _value_scale("", table.title)
    value_cols = [f"__v{i}" for i, _, _ in plan.periods]
    frame = frame.with_columns(_number(table, i, factor).alias(f"__v{i}") for i, _, _ in plan.periods)
    raw_cols = [text(f"c{i}") for i, _, _ in plan.periods]
    any_raw = pl.any_horizontal([r.is_not_null() for r in raw_cols])
    any_value = pl.any_horizontal([pl.col(v).is_not_null() for v in value_cols])
    label_cols = [f"c{i}" for i in labels.values()] + [
        f"c{i}" for i in range(len(table.headers)) if i not in period_idx and _is_text(schema[f"c{i}"])
    ]
    status = _row_status(
        table.frame,
        label_cols,
        any_value,
        pl.when(any_raw).then(pl.coalesce(raw_cols)).otherwise(None),
    )
    frame = frame.with_columns(status).unnest("__status")
    frame = frame.with_columns(
        (hs_code(f"c{i}", schema[f"c{i}"]) if r == Column.HS_CODE else clean_label(f"c{i}")).alias(r)
        for r, i in labels.items()
    )
    _check_totals(
        frame.select(value_cols),
        frame.get_column(STAGE) == KEPT,
        frame.with_row_index("__i").filter(pl.col(REASON) == "baris jumlah/total").get_column("__i"),
        table, factor, warnings,
    )
    # Cells that hold text where a number belongs: the row is kept for its other cells, the cell is reported.
    bad_cells = frame.filter(pl.col(STAGE) == KEPT).select(
        ROW,
        *[(text(f"c{i}").is_not_null() & pl.col(f"__v{i}").is_null() & nil_mark(pl.col(f"c{i}")).is_null())
          .alias(f"__bad{i}") for i, _, _ in plan.periods],
    )
    for i, _, _ in plan.periods:
        header = table.headers[i]
        rows = bad_cells.filter(pl.col(f"__bad{i}")).get_column(ROW).to_list()
        if rows:
            where = f"“{table.file}”" + (f", lembar “{table.sheet}”" if table.sheet else "")
            warnings.append(
                f"Sel kolom “{header}” di {where} bukan angka dan dilewati, baris {', '.join(map(str, rows[:20]))}"
                + (" dst." if len(rows) > 20 else ".")
            )

    kept = frame.filter(pl.col(STAGE) == KEPT)
    parts = []
    ctx_year, ctx_month = _context_year(table), _context_month(table)
    marks = _header_marks(table, plan)
    for i, kind, number in plan.periods:
        part = kept.select(
            ROW,
            *labels.keys(),
            pl.col(f"__v{i}").alias(Column.VALUE_USD),
            pl.lit(marks.get(i), pl.String).alias(Column.YEAR_MARK),
            (cell_currency(pl.col(f"c{i}")) if schema[f"c{i}"] == pl.String else pl.lit(None, pl.String))
            .alias(currency.CELL_CURRENCY),
            pl.lit(_context_period(table), pl.String).alias(Column.PERIOD),
            pl.lit(number if kind == "year" else ctx_year, pl.Int32).alias(Column.YEAR),
            pl.lit(number if kind == "month" else (ctx_month if layout == "wide-year" else None), pl.Int8).alias(
                Column.MONTH
            ),
        ).filter(pl.col(Column.VALUE_USD).is_not_null())
        parts.append(part)
    records = pl.concat(parts) if parts else pl.DataFrame()
    if layout == "wide-month" and ctx_year is None:
        warnings.append(f"Tahun untuk tabel bulanan “{table.file}” tidak diketahui: beri nama lembar dengan tahunnya.")
    records = records.filter(pl.col(Column.YEAR).is_not_null()) if not records.is_empty() else records
    records, labelled = _hs_from_labels(records)
    written = currency.currency_of_header(table.title) or (currency.IDR if kind == "value_idr" else currency.USD)
    if not records.is_empty():
        # A cell's own currency (`¥ 1.200`) wins over the title's, as in a long table.
        records = currency.split_by_currency(records.rename({Column.VALUE_USD: "__value"}), "__value", written)
    if written != currency.USD:
        unit = _unit_label(kind, factor).replace("USD", written)
    records, spellings = _resolve_labels(records)
    info = SheetInfo(
        sheet=table.sheet,
        header_row=table.header_row,
        layout=layout,
        unit=unit,
        columns={
            **{table.headers[i]: r for r, i in labels.items()},
            **{table.headers[i]: f"{k} {n}" for i, k, n in plan.periods},
        },
        ignored_columns=plan.ignored,
        rows_kept=records.select(pl.col(ROW).n_unique()).item() if not records.is_empty() else 0,
    )
    texts = [table.frame.get_column(f"c{i}") for i, _, _ in plan.periods if schema[f"c{i}"] == pl.String]
    nil_found = nil_marks_used(pl.concat(texts)) if texts else []
    info.nil_marks, info.currencies = {mark: meaning for mark, meaning, _ in nil_found}, _currencies(records)
    warnings.extend(_cell_warnings(table, nil_found, None, {Column.COMMODITY: labelled}, plan))
    warnings.extend(t("warning.year_mark", "id", where=_where(table), year=year_of_text(table.headers[i]),
                      mark=t(f"mark.{mark}", "id")) for i, mark in marks.items() if mark)
    return records, _row_report(frame, table), info, spellings


def _header_marks(table: Table, plan: _Plan) -> dict[int, str | None]:
    """a wide table's period columns -> their year mark: '2021*)' -> 'provisional'; months take the sheet's mark."""
    context = _context_year_mark(table)
    marks = {}
    for i, kind, _ in plan.periods:
        label = year_label(table.headers[i]) if kind == "year" else None
        marks[i] = label[1] if label else context
    return marks


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
    return _conform(
        frame.filter(pl.col(STAGE) != KEPT).select(
            pl.lit(table.file).alias("file"),
            pl.lit(table.sheet, pl.String).alias("sheet"),
            pl.col(ROW).alias("row"),
            pl.col(STAGE).alias("status"),
            pl.col(REASON).alias("reason"),
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


def clean_tables(result: ReadResult) -> Cleaned:
    """One file's tables -> records (raw names), targets and the file's report."""
    info = FileInfo(file=result.file, format=result.format, encoding=result.encoding, delimiter=result.delimiter)
    info.sheets_without_table = [{"sheet": s.sheet, "reason": s.reason} for s in result.skipped_sheets]
    warnings: list[str] = []
    records, reports, targets, spellings, rates = [], [], [], [], []
    plans = [(table, plan_columns(table)) for table in result.tables]
    has_shipments = any(Column.VALUE_USD in p.roles or VALUE_IDR in p.roles for _, p in plans)
    for table, plan in plans:
        has_value = Column.VALUE_USD in plan.roles or VALUE_IDR in plan.roles
        if not has_value and Column.CURRENCY in plan.roles and plan.periods:
            # Rates with years across (Mata Uang | 2021 | 2022): rates, never exports of a commodity "EUR".
            rates.append(clean_wide_rates(table, plan))
            info.sheets.append(SheetInfo(table.sheet, table.header_row, "rates", "", {
                table.headers[i]: r for r, i in plan.roles.items()}, plan.ignored, rows_kept=0))
            continue
        if not has_value and plan.periods and has_shipments:
            # A summary table beside the shipments it summarises (as in this app's own XLSX download):
            # counting both would double every total.
            info.sheets_without_table.append({"sheet": table.sheet, "reason": DERIVED_SHEET})
            continue
        if not has_value and (TARGET_USD in plan.roles or TARGET_IDR in plan.roles) and Column.YEAR in plan.roles:
            target = clean_targets(table, plan)
            targets.append(target)
            info.sheets.append(
                SheetInfo(table.sheet, table.header_row, "target", "USD",
                          {table.headers[i]: r for r, i in plan.roles.items()}, plan.ignored, rows_kept=0)
            )
            continue
        if not has_value and RATE_IDR in plan.roles and Column.YEAR in plan.roles and not plan.periods:
            # A Kurs sheet: Tahun | Mata Uang | Kurs ke USD (or Tahun | Kurs (Rp per USD)).
            rates.append(clean_rates(table, plan))
            info.sheets.append(SheetInfo(table.sheet, table.header_row, "rates", "", {
                table.headers[i]: r for r, i in plan.roles.items()}, plan.ignored, rows_kept=0))
            continue
        if has_value:
            recs, rows, sheet_info, counted = clean_long(table, plan, warnings)
        elif len(plan.periods) >= 1:
            recs, rows, sheet_info, counted = clean_wide(table, plan, warnings)
        else:
            info.sheets_without_table.append(
                {"sheet": table.sheet, "reason": "tidak ada kolom nilai (mis. “Nilai FOB (US$)”) atau kolom tahun"}
            )
            continue
        recs, rows = _reject_unreadable_rows(table, recs, rows, sheet_info)
        if not recs.is_empty():
            if {TARGET_USD, TARGET_IDR, RATE_IDR} & set(recs.columns):
                targets.append(_conform(
                    recs.group_by(Column.YEAR).agg(
                        pl.col(c).drop_nulls().first() for c in (TARGET_USD, TARGET_IDR, RATE_IDR) if c in recs.columns
                    ),
                    TARGET_SCHEMA,
                ))
            recs = recs.with_columns(
                pl.lit(table.file, pl.Categorical).alias(Column.SOURCE_FILE),
                pl.lit(table.sheet, pl.Categorical).alias(Column.SOURCE_SHEET),
                pl.col(ROW).alias(Column.SOURCE_ROW),
            )
            records.append(recs)
            spellings.append(counted)
        sheet_info.rows_rejected = rows.filter(pl.col("status") == REJECTED).height
        sheet_info.rows_skipped = rows.filter(pl.col("status") == SKIPPED).height
        info.sheets.append(sheet_info)
        reports.append(rows)
    if not records and not targets and not rates:
        raise NoExportTable(_nothing_usable(result, info), file=result.file)
    keep = [*SCHEMA, VALUE_IDR, VALUE_FOREIGN]
    all_records = (
        pl.concat([_conform(r, {c: SCHEMA.get(c, pl.Float64()) for c in keep}) for r in records])
        if records
        else _conform(pl.DataFrame(), {c: SCHEMA.get(c, pl.Float64()) for c in keep})
    )
    report = Report(
        files=[info],
        rows=pl.concat(reports) if reports else pl.DataFrame(schema=ROW_SCHEMA),
        warnings=warnings,
        rows_kept=sum(s.rows_kept for s in info.sheets),
    )
    all_targets = pl.concat(targets) if targets else pl.DataFrame(schema=TARGET_SCHEMA)
    return Cleaned(all_records, all_targets, report, _spellings(spellings), currency.combine_rates(rates))


def clean_wide_rates(table: Table, plan: _Plan) -> pl.DataFrame:
    """A Kurs sheet with years across (Mata Uang | 2021 | 2022) -> year | currency | rate | per_usd; the direction
    is the title's or the sheet name's ('Kurs ke USD'), else units of the currency per USD."""
    codes = table.frame.select(currency.currency_expr(pl.col(f"c{plan.roles[Column.CURRENCY]}"))).to_series()
    direction = currency.rate_direction(f"{table.title} {table.sheet or ''} {table.headers[plan.roles[Column.CURRENCY]]}")
    frames = [
        currency.rates_frame(pl.Series([year] * table.frame.height), codes,
                             table.frame.select(_number(table, i, 1.0)).to_series(), direction)
        for i, kind, year in plan.periods if kind == "year"
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
    bad = table.bad_rows.select((pl.col("__i").cast(pl.Int64) + table.first_row).alias("row"), "reason")
    dropped = records.filter(pl.col(ROW).is_in(bad.get_column("row").implode()))
    info.rows_kept -= dropped.select(pl.col(ROW).n_unique()).item() if not dropped.is_empty() else 0
    records = records.filter(~pl.col(ROW).is_in(bad.get_column("row").implode()))
    rejected = _conform(bad.select(
        pl.lit(table.file).alias("file"), pl.lit(table.sheet, pl.String).alias("sheet"), "row",
        pl.lit(REJECTED).alias("status"), "reason",
    ), ROW_SCHEMA)
    rows = pl.concat([rows.filter(~pl.col("row").is_in(bad.get_column("row").implode())), rejected]).sort("row")
    return records, rows


def _nothing_usable(result: ReadResult, info: FileInfo) -> str:
    """Why a file gave no records, in one sentence that says what to fix."""
    name = result.file
    if any(s.layout != "target" for s in info.sheets) and not any(t.frame.height for t in result.tables):
        return f"Berkas “{name}” hanya berisi judul kolom, tanpa baris data di bawahnya. Isi datanya lalu unggah lagi."
    if any(not s.get("reason", "").startswith("Tidak ditemukan") for s in info.sheets_without_table):
        return (
            f"Berkas “{name}” tidak punya kolom nilai ekspor. Tambahkan kolom “Nilai FOB (US$)” "
            "(atau kolom per tahun/bulan) lalu unggah lagi."
        )
    if info.sheets:
        return f"Tidak ada baris ekspor yang bisa dipakai di berkas “{name}”: lihat alasan tiap baris di laporan."
    return result.skipped_sheets[0].reason if result.skipped_sheets else f"Berkas “{name}” tidak berisi tabel ekspor."


def _no_rate_reasons(no_rate: pl.DataFrame) -> pl.DataFrame:
    """rows without a rate -> currency | year | reason, one per currency and year ('nilai dalam JPY tetapi ...')."""
    rows = []
    for code, year in no_rate.select(Column.CURRENCY, Column.YEAR).unique().rows():
        key, values = currency.no_rate_reason(code, year)
        rows.append((code, year, t(key, "id", **values)))  # in Indonesian, as every other reason in the report
    return pl.DataFrame(rows, schema={Column.CURRENCY: pl.String(), Column.YEAR: pl.Int32(), "reason": pl.String()},
                        orient="row")


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
        t("warning.converted", "id", rows=n, currency=code, year=year, rate=f"{rate:,.6g}".replace(",", "_")
          .replace(".", ",").replace("_", "."))
        for code, year, rate, n in conversions.iter_rows()
    )
    if not no_rate.is_empty():
        no_rate = no_rate.with_columns(pl.col(Column.CURRENCY).cast(pl.String))
        no_rate = no_rate.join(_no_rate_reasons(no_rate), on=[Column.CURRENCY, Column.YEAR], how="left",
                               nulls_equal=True)
        report.rows = pl.concat([report.rows, _conform(no_rate.select(
            pl.col(Column.SOURCE_FILE).alias("file"), pl.col(Column.SOURCE_SHEET).alias("sheet"),
            pl.col(Column.SOURCE_ROW).alias("row"), pl.lit(REJECTED).alias("status"), "reason",
        ), ROW_SCHEMA)])
        report.rows_kept -= no_rate.select(pl.struct(Column.SOURCE_FILE, Column.SOURCE_SHEET, Column.SOURCE_ROW)
                                           .n_unique()).item()
        records = records.filter(pl.col(Column.VALUE_USD).is_not_null())

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
                f"Tujuan “{row['name']}” adalah kawasan, bukan negara ({row['rows']} baris): dihitung sebagai kawasan."
            )
        else:
            report.warnings.append(
                f"Negara tujuan “{row['name']}” tidak dikenali ({row['rows']} baris): disimpan apa adanya."
            )
    return Cleaned(conform_records(records), targets, report)
