"""The reading plan: how each file was read (sheets, header rows, each column's role, unit and currency, totals,
nil marks, the file each overlapping year is counted from), as a plain value the reader infers and accepts.

`read_with_plan(name, data, plan)` reads one file: with no plan it returns what the reader inferred, as a
`FilePlan`; with one, it reads the file the way the plan says. Where the plan says what the reader would have
inferred anyway, nothing changes, so reading with the inferred plan gives exactly the records of reading without
one. A plan that does not fit the file (a sheet or column no longer there) gives `Misfit`s (codes of
`pekalongan.i18n`), never an exception: the rest of the plan still applies.

A plan overrides the reader by the means the reader already has: a header row is forced where the header finder
would have looked (`read.HEADER_AT`), a sheet is left out before cleaning, and a column's role, unit or currency
is given by relabelling its header with the canonical header of that role ("Berat (kg)", "Nilai (juta MYR)"),
which the header plan (`clean.plan_columns`) then reads as it reads any office's header.

The JSON form (`to_json`, `from_json`) is small and meant to be edited by hand; README shows an example.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import polars as pl

from pekalongan import currency, notices, numbers, overlap, reasons
from pekalongan import read as reader
from pekalongan.clean import Cleaned, clean_tables
from pekalongan.errors import NoExportTable, PekalonganError
from pekalongan.i18n import t
from pekalongan.read import HEADER_AT, ReadResult, SheetSkipped, Table, read_file
from pekalongan.report import FileInfo, SheetInfo

PLAN_VERSION = 1
COUNT_ALL_CHOICE = overlap.COUNT_ALL
# The roles a column can play, in the order the app offers them.
ROLES = ("year", "month", "date", "exporter", "exporter_type", "commodity", "hs_code", "destination", "value",
         "weight", "target", "rate", "currency", "ignored")
VALUE_SCALES = {"satuan": 1.0, "ribu": 1e3, "juta": 1e6, "miliar": 1e9}
WEIGHT_UNITS = {"kg": 1.0, "kuintal": 100.0, "ton": 1000.0}
# The header a relabelled column gets: the plainest spelling of its role (`schema.ALIASES`).
CANONICAL = {"year": "Tahun", "month": "Bulan", "date": "Tanggal", "exporter": "Nama Eksportir",
             "exporter_type": "Jenis Eksportir", "commodity": "Komoditi", "hs_code": "Kode HS",
             "destination": "Negara Tujuan", "rate": "Kurs", "currency": "Mata Uang", "ignored": "Keterangan"}
# The reader's role names (`SheetInfo.columns`) -> the plan's.
_READER_ROLES = {"value_usd": "value", "value_idr": "value", "value_foreign": "value", "weight_kg": "weight",
                 "target_usd": "target", "target_idr": "target", "rate_idr": "rate"}
_SIGN = {"USD": "US$", "IDR": "Rp"}


@dataclass(frozen=True)
class ColumnPlan:
    """One column: its position (0 = column A), its header as the reader composed it, its role, and for a value
    column its scale ("satuan", "ribu", "juta", "miliar") and currency (ISO 4217), for a weight its unit."""

    index: int
    header: str
    role: str
    unit: str | None = None
    currency: str | None = None


@dataclass(frozen=True)
class SheetPlan:
    """One sheet (None: a CSV file's one table). `columns` empty: as the reader infers them."""

    sheet: str | None
    used: bool = True
    header_rows: tuple[int, ...] = ()  # spreadsheet row numbers of the header, top first
    first_row: int | None = None  # the first row below the header
    last_row: int | None = None  # the table's last row
    layout: str = ""
    columns: tuple[ColumnPlan, ...] = ()
    total_rows: tuple[int, ...] = ()  # rows taken as totals or summaries (not added)
    nil_marks: Mapping[str, str] = field(default_factory=dict)  # mark as written -> "zero" | "not_available"...


@dataclass(frozen=True)
class FilePlan:
    file: str
    sheets: tuple[SheetPlan, ...] = ()


@dataclass(frozen=True)
class ReadingPlan:
    """Every file's plan, and which file each year two files cover is counted from ("all": every file)."""

    files: tuple[FilePlan, ...] = ()
    overlap: Mapping[int, str] = field(default_factory=dict)
    count_all: bool = False
    # The choices made by hand, as the app noted them ({"what", "code", params}): Kualitas Data says them.
    corrections: tuple[Mapping[str, Any], ...] = ()

    def file(self, name: str) -> FilePlan | None:
        return next((f for f in self.files if f.file == name), None)

    def prefer(self) -> Mapping[int, str] | str | None:
        """The plan's overlap choice as `ingest.load` takes it."""
        if self.count_all:
            return overlap.COUNT_ALL
        return dict(self.overlap) or None


@dataclass(frozen=True)
class Misfit:
    """Where a plan does not fit its file: a code of the catalogue and its parameters."""

    code: str
    params: dict[str, Any]

    def render(self, lang: str = "id") -> str:
        return t(self.code, lang, **self.params)


# ------------------------------------------------------------------------------------------------- JSON


def to_dict(plan: ReadingPlan) -> dict[str, Any]:
    """ReadingPlan -> a JSON-ready dict (defaults left out, so the document stays short)."""
    return {
        "version": PLAN_VERSION,
        "files": [{"file": f.file, "sheets": [_sheet_dict(s) for s in f.sheets]} for f in plan.files],
        "overlap": {str(y): f for y, f in sorted(plan.overlap.items())},
        **({"count_all": True} if plan.count_all else {}),
        **({"corrections": [dict(c) for c in plan.corrections]} if plan.corrections else {}),
    }


def _sheet_dict(s: SheetPlan) -> dict[str, Any]:
    out: dict[str, Any] = {"sheet": s.sheet, "used": s.used, "header_rows": list(s.header_rows)}
    for name in ("first_row", "last_row"):
        if getattr(s, name) is not None:
            out[name] = getattr(s, name)
    if s.layout:
        out["layout"] = s.layout
    out["columns"] = [{k: v for k, v in (("index", c.index), ("header", c.header), ("role", c.role),
                                         ("unit", c.unit), ("currency", c.currency)) if v is not None}
                      for c in s.columns]
    if s.total_rows:
        out["total_rows"] = list(s.total_rows)
    if s.nil_marks:
        out["nil_marks"] = dict(s.nil_marks)
    return out


def to_json(plan: ReadingPlan) -> str:
    """ReadingPlan -> JSON, indented, one line per column (a person reads and edits it column by column)."""
    data = to_dict(plan)
    inline: dict[str, str] = {}
    for f in data["files"]:
        for s in f["sheets"]:
            for key in ("header_rows", "total_rows", "nil_marks"):
                if key in s:
                    s[key] = _inline(inline, s[key])
            s["columns"] = [_inline(inline, c) for c in s["columns"]]
    text = json.dumps(data, ensure_ascii=False, indent=2)
    for mark, value in inline.items():
        text = text.replace(f'"{mark}"', value)
    return text


def _inline(inline: dict[str, str], value: object) -> str:
    mark = f"\x00{len(inline)}\x00"
    inline[json.dumps(mark)[1:-1]] = json.dumps(value, ensure_ascii=False)
    return mark


def _invalid(detail: str | notices.Notice) -> PekalonganError:
    """A plan that cannot be used; `detail` is the parser's own words (a key, a value) or a notice."""
    return PekalonganError(t("plan.invalid", "id", detail=notices.render(detail)), code="plan.invalid",
                           params={"detail": detail})


def from_dict(data: object) -> ReadingPlan:
    """A dict as `to_dict` writes it (or a person edits it) -> ReadingPlan; PekalonganError (plan.invalid) when
    it is not one."""
    try:
        if not isinstance(data, dict):
            raise _invalid(notices.notice("plan.detail.not_object"))
        files = tuple(FilePlan(str(f["file"]), tuple(_sheet_plan(s) for s in f.get("sheets", [])))
                      for f in data.get("files", []))
        chosen = {int(y): str(f) for y, f in (data.get("overlap") or {}).items()}
        corrections = tuple(dict(c) for c in data.get("corrections", []))
        return ReadingPlan(files, chosen, bool(data.get("count_all", False)), corrections)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise _invalid(f"{type(exc).__name__}: {exc}") from None


def _sheet_plan(s: dict[str, Any]) -> SheetPlan:
    columns = []
    for c in s.get("columns", []):
        role = str(c["role"])
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}")
        columns.append(ColumnPlan(int(c["index"]), str(c.get("header", "")), role, c.get("unit"), c.get("currency")))
    return SheetPlan(
        sheet=None if s.get("sheet") is None else str(s["sheet"]),
        used=bool(s.get("used", True)),
        header_rows=tuple(int(r) for r in s.get("header_rows", [])),
        first_row=s.get("first_row"), last_row=s.get("last_row"), layout=str(s.get("layout", "")),
        columns=tuple(columns),
        total_rows=tuple(int(r) for r in s.get("total_rows", [])),
        nil_marks={str(k): str(v) for k, v in (s.get("nil_marks") or {}).items()},
    )


def from_json(text: str | bytes) -> ReadingPlan:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise _invalid(notices.notice("plan.detail.not_json", error=str(exc))) from None
    return from_dict(data)


# ------------------------------------------------------------------------------------------------- inference


def infer(result: ReadResult, cleaned: Cleaned) -> FilePlan:
    """One file's tables and what cleaning made of them -> the plan the reader followed."""
    infos = {i.sheet: i for f in cleaned.report.files for i in f.sheets}
    sheets = [_table_plan(table, infos.get(table.sheet), cleaned) for table in result.tables]
    sheets += [SheetPlan(s.sheet, used=False) for s in result.skipped_sheets]
    return FilePlan(result.file, tuple(sheets))


def _table_plan(table: Table, info: SheetInfo | None, cleaned: Cleaned) -> SheetPlan:
    rows = tuple(range(table.header_start or table.header_row, table.header_row + 1))
    used = info is not None and not info.layout.endswith("(ringkasan)")
    columns = tuple(_column_plan(i, h, info) for i, h in enumerate(table.headers)) if info is not None else ()
    report = cleaned.report.rows
    totals = report.filter((pl.col("sheet").eq_missing(table.sheet))
                           & pl.col("code").is_in([*reasons.TOTALS, reasons.TOTAL_BY_SUM])).get_column("row")
    return SheetPlan(
        sheet=table.sheet, used=used, header_rows=rows, first_row=table.first_row,
        last_row=table.first_row + table.frame.height - 1 if table.frame.height else None,
        layout=info.layout if info is not None else "", columns=columns,
        total_rows=tuple(int(r) for r in totals.to_list()),
        nil_marks=dict(info.nil_marks) if info is not None else {},
    )


def _column_plan(index: int, header: str, info: SheetInfo) -> ColumnPlan:
    found = info.columns.get(header)
    if found is None:
        return ColumnPlan(index, header, "ignored")
    first = found.split()[0]
    if first in ("year", "month") and " " in found:  # a wide table's figures: "year 2023", "month 1 year 2024"
        role = "weight" if found.startswith("weight_kg") else "value"
    elif found.startswith("weight_kg") or found.startswith("value_usd "):
        role = "weight" if found.startswith("weight_kg") else "value"
    else:
        role = _READER_ROLES.get(first, first)
    if role not in ROLES:
        role = "ignored"
    unit, cur = _unit_of(role, info.column_units.get(header) or ({"unit": info.unit} if role == "value" else {}))
    return ColumnPlan(index, header, role, unit, cur)


def _unit_of(role: str, described: Mapping[str, str | None]) -> tuple[str | None, str | None]:
    """{'unit': 'juta USD', 'currency': 'USD'} -> ('juta', 'USD'); {'unit': 'ton'} -> ('ton', None)"""
    label = str(described.get("unit") or "")
    if role == "weight":
        return (label if label in WEIGHT_UNITS else "kg"), None
    if role != "value":
        return None, None
    words = label.split()
    scale = words[0] if len(words) > 1 and words[0] in VALUE_SCALES else "satuan"
    cur = described.get("currency") or {"Rp": "IDR", "USD": "USD"}.get(words[-1] if words else "", None)
    if cur is None and words:
        cur = words[-1] if re.fullmatch(r"[A-Z]{3}", words[-1]) else None
    return scale, cur or "USD"


def infer_plan(files: list[tuple[str, FilePlan]], decisions: list[dict[str, Any]],
               given: ReadingPlan | None = None) -> ReadingPlan:
    """Every file's plan as read and the overlap decisions -> the dataset's plan (with the corrections `given`
    noted)."""
    chosen = {int(d["year"]): d["counted_from"] for d in decisions if d.get("counted_from")}
    count_all = any(d.get("counted_from") is None for d in decisions)
    return ReadingPlan(tuple(p for _, p in files), chosen, count_all, given.corrections if given else ())


def shape(plan: FilePlan) -> str:
    """A file's shape as the reader read it: its sheets, their header rows and headers. A monthly recap keeps its
    shape from month to month, so a correction made for one month's file fits the next's."""
    parts = [[s.sheet, list(s.header_rows), [c.header for c in s.columns]] for s in plan.sheets]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()[:24]


def adopt(plan: ReadingPlan, confirmed: FilePlan, file: str) -> ReadingPlan:
    """The plan with `file` read as `confirmed` says (a plan confirmed for another file of the same shape)."""
    files = tuple(replace(confirmed, file=file) if f.file == file else f for f in plan.files)
    return replace(plan, files=files)


def with_sheet(plan: ReadingPlan, file: str, sheet: str | None, **changes: Any) -> ReadingPlan:
    """The plan with one sheet's fields changed (`used`, `header_rows`, `columns`...)."""
    return _with_file(plan, file, lambda s: replace(s, **changes) if s.sheet == sheet else s)


def with_column(plan: ReadingPlan, file: str, sheet: str | None, column: ColumnPlan) -> ReadingPlan:
    """The plan with one column (by index) replaced."""
    def edit(s: SheetPlan) -> SheetPlan:
        if s.sheet != sheet:
            return s
        return replace(s, columns=tuple(column if c.index == column.index else c for c in s.columns))
    return _with_file(plan, file, edit)


def _with_file(plan: ReadingPlan, file: str, edit: Any) -> ReadingPlan:
    files = tuple(replace(f, sheets=tuple(edit(s) for s in f.sheets)) if f.file == file else f for f in plan.files)
    return replace(plan, files=files)


# ------------------------------------------------------------------------------------------------- reading


@dataclass
class Planned:
    """One file read (with or without a plan): its records and report, the plan it was read with, the misfits."""

    cleaned: Cleaned
    plan: FilePlan
    misfits: list[Misfit] = field(default_factory=list)


def read_with_plan(name: str, data: bytes, plan: FilePlan | None = None) -> Planned:
    """(name, bytes, plan or None) -> Planned. Raises what the reader raises for a file it cannot read at all, or
    in which it finds no table the plan makes readable; a NoExportTable raised with a plan given carries the plan
    as far as it could be followed (`reading_plan`), so the app can go on correcting it."""
    failed: NoExportTable | None = None
    try:
        result = read_file(name, data)
        cleaned = clean_tables(result)
        inferred = infer(result, cleaned)
    except NoExportTable as exc:
        found = bare(name, data) if plan is not None else None
        if found is None:
            raise
        result, cleaned, inferred, failed = None, None, found, exc
    if plan is None:
        return Planned(cleaned, inferred)
    misfits: list[Misfit] = []
    forced = _forced_headers(name, plan, inferred, misfits)
    if forced:
        result, cleaned, inferred, failed = _read_forced(name, data, forced, misfits)
    if result is None or cleaned is None and failed is not None and not _relabels(plan, inferred):
        # Nothing read, as without the plan: the reader's own error, with the plan as far as it was followed.
        failed.reading_plan = inferred
        raise failed
    return _follow(result, cleaned, inferred, plan, misfits)


def _relabels(plan: FilePlan, inferred: FilePlan) -> bool:
    """Does the plan give any column another role, unit or currency than the reading found?"""
    have = {(s.sheet, c.index): c for s in inferred.sheets for c in s.columns}
    return any((found := have.get((s.sheet, c.index))) is not None
               and (found.role, found.unit, found.currency) != (c.role, c.unit, c.currency)
               for s in plan.sheets for c in s.columns)


def _read_forced(name: str, data: bytes, forced: dict[str | None, tuple[int, int]], misfits: list[Misfit]
                 ) -> tuple[ReadResult, Cleaned | None, FilePlan, NoExportTable | None]:
    """The file read again with the plan's header rows."""
    token = HEADER_AT.set(forced)
    try:
        result = read_file(name, data)
    finally:
        HEADER_AT.reset(token)
    failed = None
    try:
        cleaned: Cleaned | None = clean_tables(result)
        inferred = infer(result, cleaned)
    except NoExportTable as exc:  # a header with no known column yet: its columns, to be given roles
        cleaned, inferred, failed = None, _unread(result), exc
    for sheet, (first, _) in forced.items():
        found = next((s.header_rows for s in inferred.sheets if s.sheet == sheet), ())
        if not found or found[0] != first:
            misfits.append(Misfit("plan.header_not_found", {"file": name, "sheet": sheet or "-", "row": first}))
    return result, cleaned, inferred, failed


def _follow(result: ReadResult, cleaned: Cleaned | None, inferred: FilePlan, plan: FilePlan,
            misfits: list[Misfit]) -> Planned:
    """The plan's sheets, columns and total rows applied to the tables read."""
    written = {table.sheet: table.headers for table in result.tables}
    base = inferred
    result, changed = _applied(result, plan, inferred, misfits)
    if changed:
        relabelled = {table.sheet: table.headers for table in result.tables}
        try:
            fresh = clean_tables(result)
        except NoExportTable as exc:
            exc.reading_plan = _with_asked_columns(_plan_as_written(_unread(result), written), plan)
            raise
        cleaned = _unit_confirmed(_as_written(fresh, written, relabelled), plan, written, relabelled)
        # The report names the columns as written (`_as_written`): so is each table's header when inferring.
        inferred = infer(replace(result, tables=[replace(table, headers=written.get(table.sheet, table.headers))
                                                 for table in result.tables]), cleaned)
    elif cleaned is None:  # cannot happen: read_with_plan raises the reader's error before (kept for the types)
        raise NoExportTable(t("read.no_table", "id", name=result.file), file=result.file, code="read.no_table",
                            params={"name": result.file})
    cleaned = _drop_total_rows(cleaned, plan, inferred, misfits)
    if misfits:
        cleaned.report.warnings = [notices.notice(m.code, **m.params) for m in misfits] + cleaned.report.warnings
    return Planned(cleaned, _as_planned(inferred, base, plan), misfits)


def _unread(result: ReadResult) -> FilePlan:
    """Tables read that gave nothing yet: each with its header rows and its columns, none with a role."""
    sheets = [SheetPlan(table.sheet, True, tuple(range(table.header_start or table.header_row, table.header_row + 1)),
                        table.first_row, table.first_row + table.frame.height - 1 if table.frame.height else None,
                        columns=tuple(ColumnPlan(i, h, "ignored") for i, h in enumerate(table.headers)))
              for table in result.tables]
    return FilePlan(result.file, (*sheets, *(SheetPlan(s.sheet, used=False) for s in result.skipped_sheets)))


def _with_asked_columns(unread: FilePlan, plan: FilePlan) -> FilePlan:
    """What could not be read, with the columns as the plan gives them (the official's choices so far)."""
    asked = {s.sheet: s for s in plan.sheets if s.columns}
    return FilePlan(unread.file, tuple(replace(s, columns=asked[s.sheet].columns) if s.sheet in asked else s
                                       for s in unread.sheets))


def bare(name: str, data: bytes) -> FilePlan | None:
    """The plan of a file that gave no table at all: its sheets, none used, so the app can offer a header row for
    one; None when the file cannot be read as a spreadsheet at all."""
    try:
        result = read_file(name, data)
    except NoExportTable:  # a CSV file whose header the finder did not see: its one table, to be given a header
        return FilePlan(name, (SheetPlan(None, used=False),)) if reader.sniff_format(name, data) == "text" else None
    except PekalonganError:
        return None
    except BaseException as exc:  # a reader library choking on hostile bytes: no plan, the file's error says why
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        return None
    sheets = [SheetPlan(t_.sheet, used=False, header_rows=tuple(range(t_.header_start or t_.header_row,
                                                                      t_.header_row + 1)))
              for t_ in result.tables]
    return FilePlan(name, (*sheets, *(SheetPlan(s.sheet, used=False) for s in result.skipped_sheets)))


def _as_planned(inferred: FilePlan, base: FilePlan, plan: FilePlan) -> FilePlan:
    """The plan as read: the reader's, with the sheets the plan leaves out marked so (as the reader would read
    them, so the app can put them back) and the plan's total rows kept."""
    wanted = {s.sheet: s for s in plan.sheets}
    before = {s.sheet: s for s in base.sheets}
    sheets = []
    for s in inferred.sheets:
        asked = wanted.get(s.sheet)
        if asked is not None and not asked.used:
            s = replace(before.get(s.sheet, s), used=False)
        if asked is not None and asked.total_rows:
            s = replace(s, total_rows=tuple(sorted(set(s.total_rows) | set(asked.total_rows))))
        sheets.append(s)
    return FilePlan(inferred.file, tuple(sheets))


def _as_written(cleaned: Cleaned, written: Mapping[str | None, tuple[str, ...]],
                relabelled: Mapping[str | None, tuple[str, ...]]) -> Cleaned:
    """The report of a relabelled read with each column named as the file writes it, not as the plan relabelled it."""
    for info in _sheet_infos(cleaned.report.files):
        headers = written.get(info.sheet)
        if headers is None:
            continue
        # The relabelled read's headers, by position: a canonical header may stand for several written ones.
        names = dict(zip(relabelled.get(info.sheet, headers), headers))
        info.columns = {names.get(h, h): r for h, r in info.columns.items()}
        info.column_units = {names.get(h, h): u for h, u in info.column_units.items()}
        info.ignored_columns = [names.get(h, h) for h in info.ignored_columns]
    return cleaned


def _unit_confirmed(cleaned: Cleaned, plan: FilePlan, written: Mapping[str | None, tuple[str, ...]],
                    relabelled: Mapping[str | None, tuple[str, ...]]) -> Cleaned:
    """A value column whose unit and currency the plan sets is no longer "a unit the file does not write": the
    official has said it (Ringkasan stops asking)."""
    for info in _sheet_infos(cleaned.report.files):
        asked = next((s for s in plan.sheets if s.sheet == info.sheet), None)
        before, after = written.get(info.sheet, ()), relabelled.get(info.sheet, ())
        if asked is None or info.unit_written or not any(
                c.role == "value" and c.index < len(after) and after[c.index] != before[c.index] for c in asked.columns):
            continue
        info.unit_written = True
        unwritten = notices.notice("warn.unit_not_written", where=notices.where(plan.file, info.sheet))
        cleaned.report.warnings = [w for w in cleaned.report.warnings if w != unwritten]
    return cleaned


def _plan_as_written(inferred: FilePlan, written: Mapping[str | None, tuple[str, ...]]) -> FilePlan:
    sheets = []
    for s in inferred.sheets:
        headers = written.get(s.sheet)
        if headers is not None:
            s = replace(s, columns=tuple(replace(c, header=headers[c.index]) if c.index < len(headers) else c
                                         for c in s.columns))
        sheets.append(s)
    return FilePlan(inferred.file, tuple(sheets))


def _forced_headers(name: str, plan: FilePlan, inferred: FilePlan, misfits: list[Misfit]
                    ) -> dict[str | None, tuple[int, int]]:
    """The sheets whose header rows the plan sets otherwise than the reader found them -> (first row, rows)."""
    have = {s.sheet: s for s in inferred.sheets}
    forced = {}
    for s in plan.sheets:
        if s.sheet not in have:
            misfits.append(Misfit("plan.sheet_missing", {"file": name, "sheet": s.sheet}))
            continue
        rows = s.header_rows
        if not s.used or not rows or rows == have[s.sheet].header_rows:
            continue
        if list(rows) != list(range(rows[0], rows[0] + len(rows))) or rows[0] < 1:
            misfits.append(Misfit("plan.header_rows_invalid", {"file": name, "sheet": s.sheet or "-"}))
            continue
        forced[s.sheet] = (rows[0], len(rows))
    return forced


def _applied(result: ReadResult, plan: FilePlan, inferred: FilePlan, misfits: list[Misfit]
             ) -> tuple[ReadResult, bool]:
    """The file's tables with the plan's sheets left out and its columns relabelled; and whether anything changed."""
    wanted = {s.sheet: s for s in plan.sheets}
    have = {s.sheet: s for s in inferred.sheets}
    tables, skipped, changed = [], list(result.skipped_sheets), False
    for table in result.tables:
        asked = wanted.get(table.sheet)
        if asked is None:
            tables.append(table)
            continue
        if not asked.used:
            if have[table.sheet].used:
                changed = True
                skipped.append(SheetSkipped(result.file, table.sheet, t("plan.sheet_left_out", "id"),
                                            "plan.sheet_left_out", {"sheet": table.sheet}))
                continue
            tables.append(table)
            continue
        relabelled = _relabelled(table, asked, have[table.sheet], misfits)
        changed |= relabelled is not table
        tables.append(relabelled)
    for asked in plan.sheets:
        if asked.used and asked.sheet in have and not have[asked.sheet].used and asked.sheet not in {
                t_.sheet for t_ in result.tables}:
            misfits.append(Misfit("plan.sheet_not_readable", {"file": result.file, "sheet": asked.sheet or "-"}))
    return replace(result, tables=tables, skipped_sheets=skipped), changed


def _relabelled(table: Table, asked: SheetPlan, have: SheetPlan, misfits: list[Misfit]) -> Table:
    """The table with each column the plan gives another role, unit or currency renamed to say so."""
    inferred = {c.index: c for c in have.columns}
    headers = list(table.headers)
    units_changed, title_unit = False, None
    for column in asked.columns:
        index = _column_index(table, column)
        if index is None:
            misfits.append(Misfit("plan.column_missing", {"file": table.file, "sheet": table.sheet or "-",
                                                          "column": column.header or str(column.index + 1)}))
            continue
        before = inferred.get(index)
        if before is not None and (before.role, before.unit, before.currency) == (
                column.role, column.unit, column.currency):
            continue
        units_changed |= column.role == "value"
        new = _canonical_header(column, table.headers[index])
        if _loses_period(table.headers[index], new):
            title_unit = _unit_text(column)  # "Jan 2023" takes no unit of its own: the table's title says it
            continue
        headers[index] = new
    if headers == list(table.headers) and not units_changed:
        return table
    # A column the plan leaves out must stay out once its neighbours change ("Realisasi (US$)" becomes the value
    # when the "Realisasi (Kg)" before it is no longer one): every column the plan ignores is named so.
    for column in asked.columns:
        index = _column_index(table, column)
        if column.role == "ignored" and index is not None and table.headers[index]:
            headers[index] = CANONICAL["ignored"]
    title = table.title
    if units_changed:
        # A unit in the title would lend its scale to a value column the plan writes "satuan": the title loses
        # its units, and every value column says its own (the plan's, else the reader's) in its header, or, for a
        # month across the table, in the title.
        for index, column in {**inferred, **{_column_index(table, c): c for c in asked.columns}}.items():
            if index is None or column.role != "value" or headers[index] != table.headers[index]:
                continue
            new = _canonical_header(column, table.headers[index])
            if not _loses_period(table.headers[index], new):
                headers[index] = new
            elif title_unit is None:
                title_unit = _unit_text(column)
        title = " ".join(filter(None, [_without_units(table.title).strip(), title_unit]))
    return replace(table, headers=tuple(headers), title=title)


def _loses_period(written: str, new: str) -> bool:
    """Would the header lose the period it names (a month across the table) if relabelled?"""
    kind = reader.header_kind(written)
    return kind in ("year", "month") and reader.header_kind(new) != kind


def _unit_text(column: ColumnPlan) -> str:
    scale = "" if column.unit in (None, "satuan") else f"{column.unit} "
    cur = (column.currency or "USD").upper()
    return f"({scale}{_SIGN.get(cur, cur)})"


def _column_index(table: Table, column: ColumnPlan) -> int | None:
    """Where the plan's column is now: at its index when the header there is still its header, else where its
    header is; None when the file no longer has it."""
    if column.index < len(table.headers) and (not column.header or table.headers[column.index] == column.header):
        return column.index
    found = [i for i, h in enumerate(table.headers) if h == column.header and column.header]
    return found[0] if found else None


def _canonical_header(column: ColumnPlan, written: str) -> str:
    """The header that makes the header plan read a column as the plan says: 'Berat (ton)', 'Nilai (juta MYR)';
    a wide table's figure column keeps its period ('2023 (juta US$)')."""
    if column.role == "value":
        if reader.header_kind(written) in ("year", "month"):
            return f"{_BRACKETED.sub(' ', written).strip()} {_unit_text(column)}"
        return f"Nilai {_unit_text(column)}"
    if column.role == "weight":
        return f"Berat ({column.unit or 'kg'})"
    if column.role == "target":
        cur = (column.currency or "USD").upper()
        return "Target (Rp)" if cur == "IDR" else "Target (US$)"
    return CANONICAL[column.role]


def _without_units(title: str) -> str:
    return numbers._BARE_SCALE.sub(" ", numbers._UNIT_WITH_SCALE.sub(" ", title))


def _drop_total_rows(cleaned: Cleaned, plan: FilePlan, inferred: FilePlan, misfits: list[Misfit]) -> Cleaned:
    """Rows the plan takes as totals that the reader kept: not added, skipped with the plan as their reason."""
    have = {s.sheet: s for s in inferred.sheets}
    extra = {(s.sheet, r) for s in plan.sheets if s.sheet in have for r in s.total_rows
             if r not in have[s.sheet].total_rows}
    if not extra or cleaned.records.is_empty():
        return cleaned
    records = cleaned.records
    key = pl.struct(pl.col("source_sheet").cast(pl.String), pl.col("source_row"))
    wanted = pl.DataFrame({"source_sheet": [s for s, _ in extra], "source_row": [r for _, r in extra]},
                          schema={"source_sheet": pl.String, "source_row": pl.Int64})
    hit = records.select(key.is_in(wanted.select(pl.struct("source_sheet", "source_row")).to_series().implode())
                         ).to_series()
    dropped = records.filter(hit)
    if dropped.is_empty():
        return cleaned
    rows = dropped.select(pl.col("source_file").cast(pl.String).alias("file"),
                          pl.col("source_sheet").cast(pl.String).alias("sheet"), pl.col("source_row").alias("row"),
                          pl.lit("skipped").alias("status"), pl.lit(reasons.render(reasons.PLAN_TOTAL)).alias("reason"),
                          pl.lit(reasons.PLAN_TOTAL).alias("code"), pl.lit(None, pl.String).alias("param")).unique()
    report = cleaned.report
    report.rows = pl.concat([report.rows, rows.cast(report.rows.schema)]).sort("row")
    report.rows_kept -= rows.height
    for info in _sheet_infos(report.files):
        lost = rows.filter(pl.col("sheet").eq_missing(info.sheet)).height
        info.rows_kept -= lost
        info.rows_skipped += lost
    return replace(cleaned, records=records.filter(~hit), report=report)


def _sheet_infos(files: list[FileInfo]) -> list[SheetInfo]:
    return [s for f in files for s in f.sheets]


# ------------------------------------------------------------------------------------------------- the store

MANIFEST_KEY = "reading_plan"


def plan_to_manifest(plan: ReadingPlan | None) -> dict[str, Any]:
    """The manifest entry a saved version keeps its plan in ({} when it has none)."""
    return {MANIFEST_KEY: to_dict(plan)} if plan is not None else {}


def plan_from_manifest(meta: Mapping[str, Any]) -> ReadingPlan | None:
    """A version's manifest -> the plan it was read with; None for a version saved before plans (or a broken one:
    the figures are stored whole, the plan only says how they were read)."""
    try:
        return from_dict(meta[MANIFEST_KEY]) if MANIFEST_KEY in meta else None
    except PekalonganError:
        return None


# ------------------------------------------------------------------------------------------------- preview

PREVIEW_ROWS = 12


def preview(name: str, data: bytes, sheet: str | None, rows: int = PREVIEW_ROWS) -> list[list[str]]:
    """The first rows of a sheet (None: a CSV file) as text, as the header finder sees them: item 0 is the
    spreadsheet's row 1. [] when they cannot be read (the reading itself says why)."""
    try:
        if sheet is None:
            _, _, head, _ = reader._text_payload(name, data)
            delimiter = reader.sniff_delimiter(head.splitlines()[: reader.PROBE_ROWS * 2])
            return reader._head_grid(head, delimiter, False)[:rows]
        import fastexcel

        return reader.head_rows(fastexcel.read_excel(data), sheet, None)[:rows]
    except Exception:  # noqa: BLE001 - a preview is a courtesy: the file's reading reports its own failure
        return []


# ------------------------------------------------------------------------------------------------- doubts

_BRACKETED = re.compile(r"\(([^)]*)\)")


def doubts(plan: ReadingPlan | None, records: pl.DataFrame) -> list[Misfit]:
    """What the reader could not be sure of, for Ringkasan to say in a sentence each with a link to the step: a
    value column whose header names a weight, a value column whose unit in brackets is no currency the reader
    knows (read as USD), a sheet whose yearly total is the sum of the other sheets' (a recap counted beside its
    parts). Choices already made by hand are not doubted again."""
    if plan is None:
        return []
    touched = {tuple(str(c.get("what", "")).split("|")[1:3]) for c in plan.corrections}  # (file, sheet)
    out: list[Misfit] = []
    for f in plan.files:
        for s in f.sheets:
            if not s.used or (f.file, str(s.sheet)) in touched:
                continue
            out += _column_doubts(f.file, s)
    return out + _summary_doubts(plan, records, touched)


def _column_doubts(file: str, s: SheetPlan) -> list[Misfit]:
    out = []
    for c in s.columns:
        if c.role != "value":
            continue
        where = {"file": file, "sheet": s.sheet or "-", "column": c.header}
        unit = numbers.unit_of(c.header)
        if unit is not None and unit[0] == "weight_kg":
            out.append(Misfit("doubt.value_or_weight", where))
            continue
        for inside in _BRACKETED.findall(c.header):
            word = inside.strip()
            if word and numbers.unit_of(word) is None and currency.currency_of_header(word) is None and not any(
                    ch.isdigit() for ch in word):
                out.append(Misfit("doubt.unknown_currency", {**where, "written": word, "currency": c.currency}))
    return out


def _summary_doubts(plan: ReadingPlan, records: pl.DataFrame, touched: set) -> list[Misfit]:
    if records.is_empty() or not {"source_file", "source_sheet", "year"} <= set(records.columns):
        return []
    sums = records.group_by("source_file", "source_sheet", "year").agg(pl.col("value_usd").sum())
    out = []
    for (file, year), part in sums.group_by("source_file", "year"):
        if part.height < 2:
            continue
        total = float(part.get_column("value_usd").sum())
        sheets = part.select(pl.col("source_sheet").cast(pl.String), "value_usd").sort("source_sheet").rows()
        recap = next((sheet for sheet, value in sheets if abs(2 * value - total) <= 0.005 * max(abs(total), 1.0)
                      and (str(file), str(sheet)) not in touched), None)
        if recap is not None:
            others = "”, “".join(str(sheet) for sheet, _ in sheets if sheet != recap)
            out.append(Misfit("doubt.summary_sheet", {"file": str(file), "sheet": recap, "others": others,
                                                      "year": int(year)}))
    return out
