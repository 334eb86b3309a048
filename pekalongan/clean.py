"""Tables -> canonical records, targets and a report of every row.

Each table is classified row by row (blank, total, note, kept, rejected) in one vectorised pass; long tables map
their columns onto the schema, wide tables (years or months across) are unpivoted first. Names are resolved once
per distinct value, after all files are together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

from pekalongan import names
from pekalongan.dates import date_column, month_number, month_of_header, year_of_text
from pekalongan.errors import NoExportTable
from pekalongan.numbers import detect_style, number_column, parse_number, parse_plain_number, plain_numbers, unit_of
from pekalongan.read import ReadResult, Table, header_kind
from pekalongan.report import KEPT, REJECTED, ROW_SCHEMA, SKIPPED, FileInfo, Report, SheetInfo
from pekalongan.schema import (
    RATE_IDR,
    ROW_NUMBER,
    SCHEMA,
    TARGET_IDR,
    TARGET_USD,
    TOTAL_WORDS,
    VALUE_IDR,
    Column,
    role_of,
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
TOTAL_RE = r"^(sub\s*-?\s*total|grand\s*total|jumlah|total|jml)\b"
NOTE_RE = r"^(sumber|catatan|keterangan|ket\s*[:.]|note|source|\*|angka sementara|data diolah|diolah|dicetak|ttd)"
DERIVED_SHEET = (
    "tabel ringkasan (tahun/bulan ke samping) di samping lembar per pengapalan: tidak dihitung agar nilai tidak "
    "ganda. Unggah tabel ini dalam berkas terpisah bila memang datanya berbeda."
)
STAGE = "__stage"
REASON = "__reason"
ROW = "__row"



@dataclass
class Cleaned:
    """Records, targets and the report of one or more files."""

    records: pl.DataFrame
    targets: pl.DataFrame
    report: Report


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
    """'0508.00' -> '0508.00'; 3036700.0 (a number cell) -> '03036700'"""
    if dtype.is_numeric():
        # A number cell lost its leading zero: HS codes have an even number of digits.
        digits = pl.col(col).cast(pl.Int64, strict=False).cast(pl.String)
        return pl.when(digits.str.len_chars() % 2 == 1).then(pl.lit("0") + digits).otherwise(digits)
    return text(col)


def year_expr(col: str, dtype: pl.DataType) -> pl.Expr:
    """2020.0 -> 2020; 'Tahun 2020' -> 2020; '20x' -> null"""
    if dtype.is_numeric():
        y = pl.col(col).cast(pl.Int32, strict=False)
    else:
        y = pl.col(col).cast(pl.String).str.extract(r"((?:19|20)\d{2})").cast(pl.Int32, strict=False)
    return pl.when(y.is_between(1990, 2100)).then(y).otherwise(None)


def per_value(frame: pl.DataFrame, col: str, expr: pl.Expr) -> pl.Expr:
    """`expr` over column `col`, computed once per distinct value and mapped back (a million shipments name a few
    hundred exporters, dates and countries: parsing each once is most of the cleaning time saved)."""
    values = frame.get_column(col)
    if values.dtype != pl.String or frame.height < 5000:
        return expr
    distinct = values.drop_nulls().unique()
    if distinct.len() > frame.height // 4:
        return expr  # mostly distinct: nothing to gain
    mapped = pl.DataFrame({col: distinct}).select(pl.col(col), expr.alias("__mapped"))
    return pl.col(col).replace_strict(
        mapped.get_column(col), mapped.get_column("__mapped"), default=None,
        return_dtype=mapped.schema["__mapped"],
    )


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


def _number(table: Table, index: int, factor: float) -> pl.Expr:
    """a value cell -> Float64 in base units; number cells never pass through text."""
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
        values = frame.get_column(col)
        style = detect_style(_style_sample(values))
        # Checking the whole column once is cheap; it lets the common case skip the full grammar per cell.
        plain = plain_numbers(values, style)
        value = parse_plain_number(pl.col(col), style) if plain else parse_number(pl.col(col), style)
    else:
        value = number_column(pl.col(col), dtype, "id")
    return value * factor


def _style_sample(values: pl.Series, limit: int = 50_000) -> pl.Series:
    """The distinct texts of a column, at most `limit` of them spread over it: enough to tell 1.234,5 from 1,234.5."""
    present = values.drop_nulls()
    if present.len() > 4 * limit:  # thin out before `unique`, which on a million cells costs a tenth of a second
        present = present.gather_every(present.len() // (4 * limit))
    distinct = present.unique(maintain_order=True)
    return distinct if distinct.len() <= limit else distinct.gather_every(distinct.len() // limit)


def _context_year(table: Table) -> int | None:
    return year_of_text(table.sheet) or year_of_text(table.title) or year_of_text(table.file)


def _context_month(table: Table) -> int | None:
    for source in (table.sheet or "", table.title):
        month = month_of_header(source)
        if month is not None:
            return month
        for word in re.findall(r"[A-Za-z]+", source):
            month = month_of_header(word)
            if month is not None and len(word) >= 3 and word.lower() not in ("mar", "mei", "des", "jan"):
                return month
    return None


def _is_blank(frame: pl.DataFrame, col: str) -> pl.Expr:
    """a cell -> True when empty or only spaces (tested in place: no trimmed copy of a million strings)"""
    if frame.schema[col] == pl.String:
        return pl.col(col).is_null() | ~pl.col(col).str.contains(r"\S")
    return pl.col(col).is_null()


def _lead_matches(frame: pl.DataFrame, cols: list[str], pattern: str) -> pl.Expr:
    """the row's first non-blank cell among `cols` matches `pattern` (case-insensitive, leading spaces allowed)"""
    matches, earlier_blank = pl.lit(False), pl.lit(True)
    for col in cols:
        cell = pl.col(col) if frame.schema[col] == pl.String else pl.col(col).cast(pl.String)
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


def _check_totals(
    rows: pl.DataFrame, value_cols: list[str], table: Table, factor: float, warnings: list[str]
) -> None:
    """Compare each total row with the sum of the kept rows above it (since the previous total, or all)."""
    totals = rows.with_row_index("__i").filter(pl.col(REASON) == "baris jumlah/total")
    if totals.is_empty():
        return
    where = f"“{table.file}”" + (f", lembar “{table.sheet}”" if table.sheet else "")
    kept = rows.with_row_index("__i").filter(pl.col(STAGE) == KEPT)
    previous = -1
    for total in totals.iter_rows(named=True):
        for col in value_cols:
            stated = total[col]
            if stated is None:
                continue
            above = kept.filter(pl.col("__i") < total["__i"])
            since = above.filter(pl.col("__i") > previous)
            candidates = [since.get_column(col).sum(), above.get_column(col).sum()]
            tolerance = _total_tolerance(since.height, factor)
            if not any(abs(stated - c) <= tolerance for c in candidates):
                warnings.append(
                    f"Baris jumlah tidak cocok di {where}, baris {total[ROW]}: tertulis {stated:,.2f} "
                    f"tetapi jumlah baris di atasnya {candidates[0]:,.2f} (selisih {stated - candidates[0]:,.2f})."
                    .replace(",", "_").replace(".", ",").replace("_", ".")
                )
        previous = total["__i"]


def _total_tolerance(rows: int, factor: float) -> float:
    """How far a stated total may be from the sum of its rows: the rounding of each row as displayed."""
    # A table in juta or ribu shows rounded figures (often 1-2 decimals); a table in USD shows cents.
    per_row = 0.05 * factor if factor > 1 else 0.005
    return max(per_row * max(rows, 1), 0.01)


def clean_long(table: Table, plan: _Plan, warnings: list[str]) -> tuple[pl.DataFrame, pl.DataFrame, SheetInfo]:
    """A long table (one row per shipment) -> (records, row report, sheet info)."""
    frame = table.frame.with_row_index(ROW, offset=table.first_row).with_columns(pl.col(ROW).cast(pl.Int64))
    schema = table.frame.schema
    value_role = Column.VALUE_USD if Column.VALUE_USD in plan.roles else VALUE_IDR
    vidx = plan.roles[value_role]
    kind, factor, unit = _value_scale(table.headers[vidx], table.title)
    if value_role == VALUE_IDR:
        kind = "value_idr"
    value = _number(table, vidx, factor).alias("__value")
    raw_value = text(f"c{vidx}")
    label_cols = [f"c{i}" for i in range(len(table.headers)) if i != vidx and schema[f"c{i}"] == pl.String]
    frame = frame.with_columns(value, raw_value.alias("__raw"))
    status = _row_status(table.frame, label_cols, pl.col("__value").is_not_null(), pl.col("__raw"))
    frame = frame.with_columns(status).unnest("__status")

    out: dict[str, pl.Expr] = {}
    source = table.frame
    for role in DIMENSIONS:
        if role in plan.roles:
            col = f"c{plan.roles[role]}"
            out[role] = per_value(source, col, hs_code(col, schema[col]) if role == Column.HS_CODE else clean_label(col))
    if Column.WEIGHT_KG in plan.roles:
        widx = plan.roles[Column.WEIGHT_KG]
        wunit = unit_of(table.headers[widx])
        out[Column.WEIGHT_KG] = _number(table, widx, wunit[1] if wunit and wunit[0] == "weight_kg" else 1.0)
    if Column.DATE in plan.roles:
        col = f"c{plan.roles[Column.DATE]}"
        out[Column.DATE] = per_value(source, col, date_column(pl.col(col), schema[col]))
    if Column.YEAR in plan.roles:
        col = f"c{plan.roles[Column.YEAR]}"
        out[Column.YEAR] = per_value(source, col, year_expr(col, schema[col]))
    if Column.MONTH in plan.roles:
        col = f"c{plan.roles[Column.MONTH]}"
        out[Column.MONTH] = per_value(source, col, month_number(pl.col(col)))
    for role in (TARGET_USD, TARGET_IDR, RATE_IDR):
        if role in plan.roles:
            idx = plan.roles[role]
            scale = _value_scale(table.headers[idx], "")[1] if role != RATE_IDR else 1.0
            out[role] = _number(table, idx, scale)
    frame = frame.with_columns(**out)

    # Merged cells leave only their first cell filled: carry the label down within the table's data rows.
    data_rows = pl.col(STAGE) != SKIPPED
    filled = 0
    for role in MERGED_FILL if table.sheet is not None else ():  # CSV has no merged cells
        if role in out:
            missing = frame.select((data_rows & pl.col(role).is_null()).sum()).item()
            if not missing:
                continue
            # Skipped rows (blank, total, note) must not pass their text on to the rows below them.
            carried = pl.when(data_rows).then(pl.col(role)).otherwise(None).forward_fill()
            frame = frame.with_columns(pl.when(data_rows).then(carried).otherwise(pl.col(role)).alias(role))
            filled += missing - frame.select((data_rows & pl.col(role).is_null()).sum()).item()
    if filled:
        where = f"“{table.file}”" + (f", lembar “{table.sheet}”" if table.sheet else "")
        warnings.append(
            f"{filled} sel kosong di {where} diisi dari sel di atasnya (sel gabungan/merge). Periksa bila ini keliru."
        )

    frame = _with_period(frame, table, plan)
    frame = frame.with_columns(
        pl.when((pl.col(STAGE) == KEPT) & pl.col(Column.YEAR).is_null())
        .then(pl.struct(pl.lit(REJECTED).alias(STAGE), pl.lit("tahun tidak diketahui").alias(REASON)))
        .otherwise(pl.struct(pl.col(STAGE), pl.col(REASON)))
        .alias("__s")
    ).drop(STAGE, REASON).unnest("__s")
    _check_totals(frame.rename({"__value": "value"}), ["value"], table, factor, warnings)

    if kind == "value_idr":
        frame = frame.with_columns(pl.col("__value").alias(VALUE_IDR), pl.lit(None, pl.Float64).alias("__value"))
    # Only the derived columns travel on: filtering the raw text columns too would copy the whole file again.
    keep = [c for c in frame.columns if not re.fullmatch(r"c\d+|__raw", c)]
    records = (
        frame.lazy().filter(pl.col(STAGE) == KEPT).select(keep).rename({"__value": Column.VALUE_USD}).collect()
    )
    info = SheetInfo(
        sheet=table.sheet,
        header_row=table.header_row,
        layout="long",
        unit=unit,
        columns={table.headers[i]: r for r, i in plan.roles.items()},
        ignored_columns=plan.ignored + [table.headers[i] for i, _, _ in plan.periods],
    )
    return records, _row_report(frame, table), info


def _with_period(frame: pl.DataFrame, table: Table, plan: _Plan) -> pl.DataFrame:
    """fill year and month from the date, else from the sheet name, the title or the file name."""
    cols = frame.columns
    year = pl.col(Column.YEAR) if Column.YEAR in cols else pl.lit(None, pl.Int32)
    month = pl.col(Column.MONTH) if Column.MONTH in cols else pl.lit(None, pl.Int8)
    if Column.DATE in cols:
        year = pl.coalesce(year, pl.col(Column.DATE).dt.year().cast(pl.Int32))
        month = pl.coalesce(month, pl.col(Column.DATE).dt.month().cast(pl.Int8))
    ctx_year, ctx_month = _context_year(table), _context_month(table)
    year = pl.coalesce(year, pl.lit(ctx_year, pl.Int32))
    if Column.DATE not in cols and Column.MONTH not in cols:
        month = pl.coalesce(month, pl.lit(ctx_month, pl.Int8))
    return frame.with_columns(year.cast(pl.Int32).alias(Column.YEAR), month.cast(pl.Int8).alias(Column.MONTH))


def clean_wide(table: Table, plan: _Plan, warnings: list[str]) -> tuple[pl.DataFrame, pl.DataFrame, SheetInfo]:
    """A wide table (labels down, years or months across) -> (records, row report, sheet info), unpivoted."""
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
    _, factor, unit = _value_scale("", table.title)
    value_cols = [f"__v{i}" for i, _, _ in plan.periods]
    frame = frame.with_columns(_number(table, i, factor).alias(f"__v{i}") for i, _, _ in plan.periods)
    raw_cols = [text(f"c{i}") for i, _, _ in plan.periods]
    any_raw = pl.any_horizontal([r.is_not_null() for r in raw_cols])
    any_value = pl.any_horizontal([pl.col(v).is_not_null() for v in value_cols])
    label_cols = [f"c{i}" for i in labels.values()] + [
        f"c{i}" for i in range(len(table.headers)) if i not in period_idx and schema[f"c{i}"] == pl.String
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
    _check_totals(frame, value_cols, table, factor, warnings)
    # Cells that hold text where a number belongs: the row is kept for its other cells, the cell is reported.
    bad_cells = frame.filter(pl.col(STAGE) == KEPT).select(
        ROW,
        *[(text(f"c{i}").is_not_null() & pl.col(f"__v{i}").is_null()).alias(f"__bad{i}") for i, _, _ in plan.periods],
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
    for i, kind, number in plan.periods:
        part = kept.select(
            ROW,
            *labels.keys(),
            pl.col(f"__v{i}").alias(Column.VALUE_USD),
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
    )
    return records, _row_report(frame, table), info


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
    records, reports, targets = [], [], []
    plans = [(table, plan_columns(table)) for table in result.tables]
    has_shipments = any(Column.VALUE_USD in p.roles or VALUE_IDR in p.roles for _, p in plans)
    for table, plan in plans:
        has_value = Column.VALUE_USD in plan.roles or VALUE_IDR in plan.roles
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
        if has_value:
            recs, rows, sheet_info = clean_long(table, plan, warnings)
        elif len(plan.periods) >= 1:
            recs, rows, sheet_info = clean_wide(table, plan, warnings)
        else:
            info.sheets_without_table.append(
                {"sheet": table.sheet, "reason": "tidak ada kolom nilai (mis. “Nilai FOB (US$)”) atau kolom tahun"}
            )
            continue
        if not recs.is_empty():
            if {TARGET_USD, TARGET_IDR, RATE_IDR} & set(recs.columns):
                targets.append(_conform(
                    recs.group_by(Column.YEAR).agg(
                        pl.col(c).drop_nulls().first() for c in (TARGET_USD, TARGET_IDR, RATE_IDR) if c in recs.columns
                    ),
                    TARGET_SCHEMA,
                ))
            recs = recs.with_columns(
                pl.lit(table.file).alias(Column.SOURCE_FILE),
                pl.lit(table.sheet, pl.String).alias(Column.SOURCE_SHEET),
                pl.col(ROW).alias(Column.SOURCE_ROW),
            )
            records.append(recs)
        sheet_info.rows_kept = recs.select(pl.col(ROW).n_unique()).item() if not recs.is_empty() else 0
        sheet_info.rows_rejected = rows.filter(pl.col("status") == REJECTED).height
        sheet_info.rows_skipped = rows.filter(pl.col("status") == SKIPPED).height
        info.sheets.append(sheet_info)
        reports.append(rows)
    if not records and not targets:
        raise NoExportTable(_nothing_usable(result, info), file=result.file)
    keep = [c for c in (*SCHEMA, VALUE_IDR) if c not in (Column.DESTINATION_NAME, Column.DESTINATION_KIND)]
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
    return Cleaned(all_records, all_targets, report)


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


def finish(parts: list[Cleaned]) -> Cleaned:
    """Several files' raw records -> one canonical dataset: names resolved, spellings merged, rupiah converted."""
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

    # Rupiah values need the year's rate; without one the row cannot be counted in USD.
    if records.get_column(VALUE_IDR).null_count() < records.height:
        rates = dict(targets.select(Column.YEAR, RATE_IDR).drop_nulls().iter_rows())
        rate = pl.col(Column.YEAR).replace_strict(
            list(rates), list(rates.values()), default=None, return_dtype=pl.Float64
        ) if rates else pl.lit(None, pl.Float64)
        records = records.with_columns(
            pl.coalesce(pl.col(Column.VALUE_USD), pl.col(VALUE_IDR) / rate).alias(Column.VALUE_USD)
        )
    no_rate = records.filter(pl.col(Column.VALUE_USD).is_null())
    if not no_rate.is_empty():
        report.rows = pl.concat([report.rows, _conform(no_rate.select(
            pl.col(Column.SOURCE_FILE).alias("file"), pl.col(Column.SOURCE_SHEET).alias("sheet"),
            pl.col(Column.SOURCE_ROW).alias("row"), pl.lit(REJECTED).alias("status"),
            pl.lit("nilai dalam rupiah tetapi kurs tahun itu tidak diketahui (isi lembar Target/Kurs)").alias("reason"),
        ), ROW_SCHEMA)])
        report.rows_kept -= no_rate.select(pl.struct(Column.SOURCE_FILE, Column.SOURCE_SHEET, Column.SOURCE_ROW)
                                           .n_unique()).item()
        records = records.filter(pl.col(Column.VALUE_USD).is_not_null())

    # Names are resolved once per distinct spelling and mapped back: no join copies the million rows.
    destinations = names.resolve_destinations(records.get_column(Column.DESTINATION).drop_nulls().unique())
    raw = destinations.get_column("raw")

    def mapped(column: str, default: str | None) -> pl.Expr:
        return pl.col(Column.DESTINATION).replace_strict(
            raw, destinations.get_column(column), default=default, return_dtype=pl.String
        )

    records = records.with_columns(
        mapped(Column.DESTINATION, None).alias(Column.DESTINATION),
        mapped(Column.DESTINATION_NAME, None).alias(Column.DESTINATION_NAME),
        mapped(Column.DESTINATION_KIND, None).alias(Column.DESTINATION_KIND),
    )
    records = names.merge_case_variants(records, Column.COMMODITY)
    records = names.merge_case_variants(records, Column.EXPORTER)
    types = records.get_column(Column.EXPORTER_TYPE).unique()
    type_map = pl.DataFrame({"raw": types}).select("raw", names.exporter_type_expr(pl.col("raw")).alias("type"))
    records = records.with_columns(
        pl.col(Column.EXPORTER_TYPE).replace_strict(
            type_map.get_column("raw").drop_nulls(), type_map.drop_nulls("raw").get_column("type"),
            default="unknown", return_dtype=pl.String,
        )
    )

    unknown = (
        records.filter(pl.col(Column.DESTINATION_KIND).is_in(["unknown", "region"]) & pl.col(Column.DESTINATION)
                       .is_not_null())
        .group_by(pl.col(Column.DESTINATION).alias("name"), pl.col(Column.DESTINATION_KIND).alias("kind"))
        .len("rows")
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
    return Cleaned(_conform(records, SCHEMA), targets, report)
