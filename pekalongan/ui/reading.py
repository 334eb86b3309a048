"""Periksa Pembacaan: how each uploaded file was read, in the official's terms, and the widgets that correct it.

Every widget writes the corrected `ReadingPlan` into the session (`state.set_reading_plan`) in its callback, before
the rerun: the frame then reads the upload with that plan (`data.current_source`), the figures change at once,
and the corrected dataset is saved under a link of its own. The choices made by hand travel inside the plan
(`ReadingPlan.corrections`), so the Kualitas Data page of a link opened elsewhere says them too.
"""

from __future__ import annotations

from dataclasses import replace

import polars as pl
import streamlit as st

from pekalongan import plan as rp
from pekalongan.format import number_id
from pekalongan.i18n import t
from pekalongan.plan import ColumnPlan, ReadingPlan, SheetPlan
from pekalongan.ui import state
from pekalongan.ui.widgets import plain

CURRENCIES = ("USD", "IDR", "EUR", "JPY", "CNY", "SGD", "MYR", "INR", "AUD", "GBP", "KRW", "THB", "SAR", "AED",
              "HKD", "TWD")
MAX_HEADER_ROW = 40  # the reader looks for a header in the first 40 rows (`read.PROBE_ROWS`)


def _letter(index: int) -> str:
    """0 -> 'A', 27 -> 'AB': the column as Excel names it."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def _key(digest: str, *parts: object) -> str:
    return "_".join(["baca", digest[:12], str(state.reading_round()), *(str(p) for p in parts)])


def _change(digest: str, base: ReadingPlan, edit, correction: dict) -> None:
    """The plan with one edit and its note -> the session's plan for this upload; each file's corrected reading is
    remembered under the shape the reader found, for the next file of that shape."""
    new = edit(base)
    notes = [c for c in new.corrections if c.get("what") != correction["what"]] + [correction]
    state.set_reading_plan(digest, replace(new, corrections=tuple(notes)))
    automatic = state.automatic_plans().get(digest)
    for f in automatic.files if automatic is not None else ():
        corrected = new.file(f.file)
        if corrected is not None and corrected != f:
            state.confirmed_shapes()[rp.shape(f)] = corrected


def _offers(plan: ReadingPlan, automatic: ReadingPlan) -> list[tuple[str, rp.FilePlan]]:
    """The files still read as the reader read them whose shape had a reading corrected earlier this session."""
    shapes, out = state.confirmed_shapes(), []
    for f in automatic.files:
        confirmed = shapes.get(rp.shape(f))
        if confirmed is not None and plan.file(f.file) == f and replace(confirmed, file=f.file) != f:
            out.append((f.file, confirmed))
    return out


def _adopt(digest: str, base: ReadingPlan, file: str, confirmed: rp.FilePlan) -> None:
    plan = rp.adopt(base, confirmed, file)
    note = {"what": f"shape|{file}", "code": "check.change.shape", "file": file}
    state.set_reading_plan(digest, replace(plan, corrections=(*base.corrections, note)))


def _sheet_edit(file: str, sheet: str | None, **changes: object):
    def edit(p: ReadingPlan) -> ReadingPlan:
        return rp.with_sheet(p, file, sheet, **changes)
    return edit


def _on_used(digest: str, base: ReadingPlan, file: str, sheet: str | None, key: str,
             header_rows: tuple[int, ...] = ()) -> None:
    used = bool(st.session_state[key])
    # A sheet the reader found no table in is read from the header row the official gives; row 1 to begin with.
    rows = {"header_rows": (1,)} if used and not header_rows else {}
    _change(digest, base, _sheet_edit(file, sheet, used=used, **rows),
            {"what": f"sheet|{file}|{sheet}", "code": "check.change.sheet", "sheet": sheet or file,
             "state": "on" if used else "off"})


def _on_header(digest: str, base: ReadingPlan, file: str, sheet: str | None, key: str, rows_key: str) -> None:
    first, count = int(st.session_state[key]), int(st.session_state[rows_key])
    # New header rows name new columns: their roles are the reader's again until changed.
    _change(digest, base, _sheet_edit(file, sheet, header_rows=tuple(range(first, first + count)), columns=()),
            {"what": f"header|{file}|{sheet}", "code": "check.change.header", "sheet": sheet or file, "row": first})


def _on_column(digest: str, base: ReadingPlan, file: str, sheet: str | None, column: ColumnPlan, field: str,
               key: str) -> None:
    value = st.session_state[key]
    changed = replace(column, **{field: value})
    if field == "role":
        changed = replace(changed, unit={"value": "satuan", "weight": "kg"}.get(value),
                          currency="USD" if value == "value" else None)

    def edit(p: ReadingPlan) -> ReadingPlan:
        return rp.with_column(p, file, sheet, changed)
    _change(digest, base, edit, {"what": f"column|{file}|{sheet}|{column.index}", "code": "check.change.column",
                                 "header": column.header, "role": changed.role, "unit": changed.unit,
                                 "currency": changed.currency})


def _on_overlap(digest: str, base: ReadingPlan, year: int, key: str) -> None:
    chosen = st.session_state[key]

    def edit(p: ReadingPlan) -> ReadingPlan:
        if chosen == rp.COUNT_ALL_CHOICE:
            return replace(p, count_all=True)
        return replace(p, count_all=False, overlap={**p.overlap, year: chosen})
    _change(digest, base, edit, {"what": f"overlap|{year}", "code": "check.change.overlap", "year": year,
                                 "file": chosen})


def _reset(digest: str) -> None:
    state.set_reading_plan(digest, None)
    state.next_reading_round()


def corrections_text(plan: ReadingPlan | None, lang: str) -> str | None:
    """The choices made by hand, as one sentence (None when the reading is the reader's own)."""
    if plan is None or not plan.corrections:
        return None
    return t("check.corrected", lang, changes="; ".join(_correction(c, lang) for c in plan.corrections))


def _correction(c: dict, lang: str) -> str:
    # Names come from the uploaded files: escaped, as everything shown as markdown (`widgets.plain`).
    c = {k: plain(str(v)) if k in ("header", "sheet", "file", "rows") and v is not None else v for k, v in c.items()}
    code = str(c.get("code", ""))
    if code == "check.change.sheet":
        return t(code, lang, sheet=c.get("sheet"), state=t(f"check.change.{c.get('state')}", lang))
    if code == "check.change.column":
        role = t(f"role.{c.get('role')}", lang)
        extra = " ".join(str(x) for x in (c.get("unit") if c.get("unit") != "satuan" else None, c.get("currency"))
                         if x)
        return t(code, lang, header=c.get("header"), role=f"{role} ({extra})" if extra else role)
    if code == "check.change.overlap":
        file = c.get("file")
        return t(code, lang, year=c.get("year"), file=t("check.overlap_all", lang) if file == plain(rp.COUNT_ALL_CHOICE)
                 else file)
    return t(code, lang, **{k: v for k, v in c.items() if k not in ("code", "what")})


@st.cache_data(show_spinner=False, max_entries=32)
def _preview(digest: str, name: str, sheet: str | None, _data: bytes) -> list[list[str]]:
    return rp.preview(name, _data, sheet)


def preview_frame(grid: list[list[str]], sheet: SheetPlan, lang: str) -> pl.DataFrame:
    """The sheet's first rows as Excel shows them, each row said as read (title, header, total, data) and each
    column headed by its letter and role."""
    width = max((len(r) for r in grid), default=0)
    roles = {c.index: t(f"role.{c.role}", lang) for c in sheet.columns}
    names = [f"{_letter(i)} · {roles[i]}" if i in roles else _letter(i) for i in range(width)]
    header, totals = set(sheet.header_rows), set(sheet.total_rows)

    def said(row: int) -> str:
        if row in header:
            return t("check.row.header", lang)
        if row in totals:
            return t("check.row.total", lang)
        if sheet.header_rows and row < sheet.header_rows[0]:
            return t("check.row.title", lang)
        return t("check.row.data", lang)

    rows = range(1, len(grid) + 1)
    return pl.DataFrame({
        t("check.row", lang): [str(r) for r in rows],
        t("check.read_as", lang): [said(r) for r in rows],
        **{name: [row[i] if i < len(row) else "" for row in grid] for i, name in enumerate(names)},
    })


def _on_totals(digest: str, base: ReadingPlan, file: str, sheet: SheetPlan, key: str) -> None:
    rows = tuple(sorted(int(r) for r in st.session_state[key]))
    _change(digest, base, _sheet_edit(file, sheet.sheet, total_rows=rows),
            {"what": f"totals|{file}|{sheet.sheet}", "code": "check.change.totals", "sheet": sheet.sheet or file,
             "rows": ", ".join(str(r) for r in st.session_state[key])})


def reading_ui(dataset, upload, lang: str) -> None:
    """The whole step for this upload (its dataset read with the session's plan, if any)."""
    digest, sources = upload.digest, dict(upload.files)
    st.caption(t("check.intro", lang))
    plan = dataset.plan
    automatic = state.automatic_plans()
    if state.reading_plan(digest) is None and digest not in automatic:  # the reader's own reading, kept to compare
        automatic.clear()
        automatic[digest] = plan
    for file, confirmed in _offers(plan, automatic[digest]) if digest in automatic else ():
        st.info(t("check.same_shape", lang, file=plain(file)), icon=":material/history:")
        st.button(t("check.use_same", lang), key=_key(digest, "adopt", file), on_click=_adopt,
                  args=(digest, plan, file, confirmed))
    note = corrections_text(plan, lang)
    if note:
        st.info(note, icon=":material/edit_note:")
        st.button(t("check.reset", lang), key=_key(digest, "reset"), on_click=_reset, args=(digest,))
    for fi, fplan in enumerate(plan.files):
        st.subheader(t("check.file", lang, file=plain(fplan.file)))
        for si, sheet in enumerate(fplan.sheets):
            _sheet_ui(digest, plan, fplan.file, (fi, si), sheet, dataset, lang)
            if sheet.used and sheet.header_rows and fplan.file in sources:
                grid = _preview(digest, fplan.file, sheet.sheet, sources[fplan.file])
                if grid:
                    st.caption(t("check.preview", lang))
                    st.dataframe(preview_frame(grid, sheet, lang), hide_index=True)
    _overlap_ui(digest, plan, dataset, lang)
    _by_year_ui(dataset, lang)


def _sheet_ui(digest: str, plan: ReadingPlan, file: str, where: tuple[int, int], sheet: SheetPlan, dataset,
              lang: str) -> None:
    title = t("check.sheet", lang, sheet=plain(sheet.sheet)) if sheet.sheet is not None else t("check.table", lang)
    with st.container(border=True):
        st.markdown(f"**{title}**")
        if sheet.sheet is not None or not sheet.used:
            key = _key(digest, *where, "used")
            st.checkbox(t("check.used", lang), value=sheet.used, key=key, on_change=_on_used,
                        args=(digest, plan, file, sheet.sheet, key, sheet.header_rows))
        if not sheet.used or not sheet.header_rows:
            return
        left, right, _ = st.columns([1, 1, 2])
        key, rows_key = _key(digest, *where, "header"), _key(digest, *where, "header_rows")
        args = (digest, plan, file, sheet.sheet, key, rows_key)
        left.number_input(t("check.header_row", lang), 1, MAX_HEADER_ROW, sheet.header_rows[0], key=key,
                          on_change=_on_header, args=args)
        right.number_input(t("check.header_rows", lang), 1, 4, len(sheet.header_rows), key=rows_key,
                           on_change=_on_header, args=args)
        kept = sum(s.rows_kept for f in dataset.report.files if f.file == file for s in f.sheets
                   if s.sheet == sheet.sheet)
        st.caption(t("check.rows", lang, first=sheet.first_row, last=sheet.last_row or sheet.first_row,
                     kept=number_id(kept, 0, lang), totals=number_id(len(sheet.total_rows), 0, lang)))
        # The keys name the header rows: new header rows are new columns, drawn afresh.
        head = "-".join(str(r) for r in sheet.header_rows)
        for column in sheet.columns:
            _column_ui(digest, plan, file, sheet.sheet, column, (*where, head), lang)
        _totals_ui(digest, plan, file, sheet, (*where, head), lang)


MAX_ROW_CHOICES = 500  # a register of thousands of rows is not corrected row by row here


def _totals_ui(digest: str, plan: ReadingPlan, file: str, sheet: SheetPlan, where: tuple, lang: str) -> None:
    """The rows taken as totals; a row added here is not added up. The key names the rows taken, so the box shows
    what the reading did after every change (a total the reader found by itself stays one)."""
    if sheet.first_row is None or sheet.last_row is None or sheet.last_row - sheet.first_row > MAX_ROW_CHOICES:
        return
    options = list(range(sheet.first_row, sheet.last_row + 1))
    key = _key(digest, *where, "totals", "-".join(str(r) for r in sheet.total_rows))
    st.multiselect(t("check.totals", lang), options, default=[r for r in sheet.total_rows if r in options], key=key,
                   on_change=_on_totals, args=(digest, plan, file, sheet, key))


def _column_ui(digest: str, plan: ReadingPlan, file: str, sheet: str | None, column: ColumnPlan, where: tuple,
               lang: str) -> None:
    cols = st.columns([3, 2, 2, 2])
    cols[0].markdown(t("check.column", lang, letter=_letter(column.index), header=plain(column.header or "—")))
    key = _key(digest, *where, column.index, "role")
    letter = _letter(column.index)
    cols[1].selectbox(f"{t('check.role', lang)} {letter}", rp.ROLES, index=rp.ROLES.index(column.role), key=key,
                      format_func=lambda r: t(f"role.{r}", lang), on_change=_on_column,
                      args=(digest, plan, file, sheet, column, "role", key), label_visibility="collapsed")
    if column.role == "value":
        scales = tuple(rp.VALUE_SCALES)
        key = _key(digest, *where, column.index, "unit")
        cols[2].selectbox(f"{t('check.unit', lang)} {letter}", scales, index=scales.index(column.unit or "satuan"), key=key,
                          format_func=lambda s: t(f"scale.{s}", lang), on_change=_on_column,
                          args=(digest, plan, file, sheet, column, "unit", key), label_visibility="collapsed")
        options = CURRENCIES if column.currency in CURRENCIES else (*CURRENCIES, column.currency or "USD")
        key = _key(digest, *where, column.index, "currency")
        cols[3].selectbox(f"{t('check.currency', lang)} {letter}", options, index=options.index(column.currency or "USD"),
                          key=key, on_change=_on_column, args=(digest, plan, file, sheet, column, "currency", key),
                          label_visibility="collapsed")
    elif column.role == "weight":
        units = tuple(rp.WEIGHT_UNITS)
        key = _key(digest, *where, column.index, "unit")
        cols[2].selectbox(f"{t('check.unit', lang)} {letter}", units, index=units.index(column.unit or "kg"), key=key,
                          on_change=_on_column, args=(digest, plan, file, sheet, column, "unit", key),
                          label_visibility="collapsed")


def _overlap_ui(digest: str, plan: ReadingPlan, dataset, lang: str) -> None:
    decisions = {d["year"]: d for f in dataset.report.files for d in f.overlap}
    for year, d in sorted(decisions.items()):
        options = (*d["files"], rp.COUNT_ALL_CHOICE)
        current = rp.COUNT_ALL_CHOICE if d.get("counted_from") is None else d["counted_from"]
        key = _key(digest, "overlap", year)
        st.selectbox(t("check.overlap", lang, year=year), options, index=options.index(current), key=key,
                     format_func=lambda f: t("check.overlap_all", lang) if f == rp.COUNT_ALL_CHOICE else f,
                     on_change=_on_overlap, args=(digest, plan, year, key))


def _by_year_ui(dataset, lang: str) -> None:
    st.markdown(f"**{t('check.by_year', lang)}**")
    records = dataset.records
    if records.is_empty():
        st.caption(t("app.no_records", lang))
        return
    yearly = records.group_by("year").agg(pl.col("value_usd").sum()).sort("year")
    shown = pl.DataFrame({
        t("check.year", lang): [str(y) for y in yearly.get_column("year").to_list()],
        t("check.value", lang): [number_id(v, 2, lang) for v in yearly.get_column("value_usd").to_list()],
    })
    st.dataframe(shown, hide_index=True, key=None)
