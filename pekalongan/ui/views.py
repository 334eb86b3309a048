"""Blocks the pages share: the page header, headline cards, charts that filter when clicked, the standard table."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import streamlit as st

from pekalongan import aggregate, charts, figure_notes, revisions
from pekalongan import format as fmt
from pekalongan import plan as reading_plan
from pekalongan.charts import SELECTION
from pekalongan.i18n import t
from pekalongan.labels import column_cells, header
from pekalongan.revisions import Marks
from pekalongan.ui import state
from pekalongan.ui.downloads import chart_png_button
from pekalongan.ui.state import Context
from pekalongan.ui.widgets import filter_sentence_ui, plain

CHART_SELECTION = SELECTION  # one name: the charts declare it


def page_header_ui(ctx: Context, title_key: str) -> bool:
    """Title and the filter sentence; False (after saying so) when the filters leave no data."""
    st.header(t(title_key, ctx.lang))
    filter_sentence_ui(ctx)
    if ctx.dataset.records.is_empty():
        st.warning(t("app.no_records", ctx.lang))
        return False
    if ctx.records.is_empty():
        st.warning(t("app.no_match", ctx.lang))
        return False
    figure_notes_ui(ctx)
    return True


def figure_notes_ui(ctx: Context) -> None:
    """Under the filter sentence: the years the files mark provisional or revised, and the values converted from
    another currency (with the rate), for the figures on screen."""
    for line in figure_notes.notes(ctx.records, ctx.lang):
        st.caption(plain(line))


def reading_notice_ui(ctx: Context) -> None:
    """On Ringkasan, what the official must know about how the files were read before forwarding a figure: values
    whose unit the file does not write (read as USD), years two files cover (counted from one of them), and what
    the reading plan doubts (`plan.doubts`: a weight read as value, an unknown currency, a recap), each with a
    link to Periksa Pembacaan for an upload."""
    lang, report = ctx.lang, ctx.dataset.report
    lines = [t("overview.unit_not_written", lang, file=plain(f.file), sheet=plain(s.sheet or "-"))
             for f in report.files for s in f.sheets if not s.unit_written]
    decisions = {(d["year"], tuple(d["files"])): d for f in report.files for d in f.overlap}
    lines += [t("overview.overlap", lang, year=d["year"], files=plain(", ".join(d["files"])),
                counted=plain(", ".join(d.get("counted") or d["files"])))
              for d in sorted(decisions.values(), key=lambda d: d["year"])]
    lines += [_plain_doubt(d, lang) for d in reading_plan.doubts(ctx.dataset.plan, ctx.dataset.records)]
    if lines:
        st.warning("\n".join(f"- {line}" for line in lines) + "\n\n" + t("overview.see_quality", lang),
                   icon=":material/rule:")
        if ctx.key.startswith("upload:"):  # an upload's reading can be corrected there (pekalongan.ui.reading)
            st.page_link("app_pages/periksa.py", label=t("check.link", lang), icon=":material/tune:")


def _plain_doubt(doubt: reading_plan.Misfit, lang: str) -> str:
    """A doubt of the reading (`plan.doubts`) as a sentence, its file, sheet and column names escaped."""
    return t(doubt.code, lang, **{k: plain(str(v)) if isinstance(v, str) else v for k, v in doubt.params.items()})


def _select_into_filter(chart_key: str, filter_field: str) -> Callable[[], None]:
    """A click on a bar or a country puts its key into the sidebar filter (the chart's other bars stay)."""

    def callback() -> None:
        event = state.widget_value(chart_key)
        picked = []
        selection = getattr(event, "selection", None) or (event or {}).get("selection", {})
        for point in selection.get(CHART_SELECTION, []) or []:
            key = point.get("key") if isinstance(point, dict) else None
            if key and key != aggregate.OTHER_KEY:
                picked.append(str(key))
        if picked:
            state.pick_into_filter(filter_field, sorted(set(picked)))

    return callback


def chart_ui(ctx: Context, chart, key: str, filter_field: str | None = None, *, title: str = "", png=None) -> None:
    """Show an Altair chart; with `filter_field`, clicking a mark filters every page by it. With a `title`, a PNG
    button under it (built from `png()` when given: the map embeds its shapes for the image)."""
    if filter_field is None:
        st.vega_lite_chart(charts.spec(chart), theme=None, key=key, width="stretch")
    else:
        st.vega_lite_chart(
            charts.spec(chart), theme=None, key=key, width="stretch", on_select=_select_into_filter(key, filter_field),
            selection_mode=CHART_SELECTION,
        )
    if title:
        chart_png_button(ctx, key, title, png or (lambda: chart))


def headline_ui(h: aggregate.Headline, lang: str, show_target: bool, marks: Marks | None = None) -> None:
    """The cards: value (and rupiah), change, target and what remains, exporters, destinations, commodities. With
    `marks`, the value card carries a "direvisi" mark when the year's figure was revised."""
    if h.year is None:
        return
    money = st.columns(3)
    delta = None if h.change_pct is None else t("cards.vs", lang, pct=fmt.pct(h.change_pct, lang, signed=True),
                                                 year=h.previous_year)
    label, help_text = revised_card(t("cards.value", lang, year=h.year),
                                    t("cards.value_help", lang, full=fmt.number_id(h.value_usd, 2, lang)),
                                    marks, h.year, lang)
    money[0].metric(label, fmt.usd(h.value_usd, lang), delta, border=True, help=help_text)
    if h.value_idr is not None:
        money[1].metric(t("cards.rupiah", lang), fmt.rupiah(h.value_idr, lang), border=True,
                        help=t("cards.rate", lang, rate=fmt.number_id(h.rate_idr, 0, lang), year=h.year))
    else:
        money[1].metric(t("cards.rupiah", lang), "-", border=True, help=t("cards.no_rate", lang))
    has_target = show_target and h.target_usd is not None
    money[2].metric(
        t("cards.target", lang), fmt.usd(h.target_usd, lang) if has_target else "-",
        None if not has_target or not h.remaining_usd else t("cards.remaining", lang, value=fmt.usd(h.remaining_usd, lang)),
        delta_color="off", delta_arrow="off", border=True,
        help=None if has_target else t("cards.no_target" if show_target else "cards.target_filtered", lang),
    )
    counts = st.columns(5)
    counts[0].metric(t("cards.achievement", lang), fmt.pct(h.achievement_pct, lang) if has_target else "-",
                     border=True)
    counts[1].metric(t("cards.exporters", lang), fmt.number_id(h.exporters, 0, lang), border=True)
    counts[2].metric(
        t("cards.new_exporters", lang), fmt.number_id(h.new_exporters_declared, 0, lang),
        None if h.new_exporters_derived is None else t("cards.new_derived", lang, n=h.new_exporters_derived),
        delta_color="off", delta_arrow="off", border=True, help=t("cards.new_help", lang),
    )
    counts[3].metric(t("cards.destinations", lang), fmt.number_id(h.destinations, 0, lang), border=True)
    counts[4].metric(t("cards.commodities", lang), fmt.number_id(h.commodities, 0, lang), border=True)


# ------------------------------------------------------------------------------------------- revision marks

MARKS_NAMED, MARKS_IN_HELP = 6, 20  # a mark names a few figures; its help lists more, never a whole table


def _mark_help(marks: Marks, rows: list[dict], lang: str) -> str:
    """What a mark's help says: since which version, then each revised figure, old -> new."""
    since = t("revisions.mark_since_seen" if marks.seen else "revisions.mark_since", lang, since=marks.since)
    return since + "\n\n" + "\n".join(f"- {plain(revisions.describe(row, lang))}" for row in rows[:MARKS_IN_HELP])


def revised_card(label: str, help_text: str | None, marks: Marks | None, year: int | None,
                 lang: str) -> tuple[str, str | None]:
    """A card showing the year's total: its label with a "direvisi" badge and the revision in its help, when that
    figure was revised since the marks' version; else as it was."""
    row = marks.get(revisions.TOTAL, year) if marks is not None and year is not None else None
    if row is None:
        return label, help_text
    badge = f":orange-badge[{t('revisions.mark', lang)}]"
    return f"{label} {badge}", "\n\n".join(filter(None, [help_text, _mark_help(marks, [row], lang)]))


def revision_mark_ui(ctx: Context, dimension: str) -> None:
    """Under a chart or table by year: a small "direvisi" mark naming the figures of `dimension` (the yearly
    total, or a commodity, destination or exporter type in a year) revised since the marks' version, old -> new in
    its help. Nothing when none was."""
    rows = ctx.marks.of_dimension(dimension) if ctx.marks is not None else []
    if not rows:
        return
    lang = ctx.lang
    names = [str(r["year"]) if dimension == revisions.TOTAL else f"{r['year']} {revisions.label(dimension, r['key'], lang)}"
             for r in rows]
    shown = ", ".join(plain(n) for n in names[:MARKS_NAMED])
    if len(names) > MARKS_NAMED:
        shown += " " + t("revisions.more", lang, n=len(names) - MARKS_NAMED)
    st.markdown(f":orange-badge[:material/history: {t('revisions.mark', lang)}] {shown}",
                help=_mark_help(ctx.marks, rows, lang))


def display_table(table: aggregate.StandardTable, lang: str) -> pl.DataFrame:
    """StandardTable -> text cells as the ministry prints them: values in juta USD, '-' where undefined."""
    return pl.DataFrame(
        {
            header(column, lang): [
                value if column.kind is fmt.Kind.LABEL else fmt.table_cell(value, column.kind, lang)
                for value in column_cells(table, column, lang)
            ]
            for column in table.columns
        },
        schema={header(column, lang): pl.String for column in table.columns},
    )


def standard_table_ui(records: pl.DataFrame, by: str, lang: str) -> aggregate.StandardTable:
    """The ministry's table for one dimension, with its unit and definitions underneath."""
    table = aggregate.standard_table(records, by)
    st.subheader(t("table.title", lang))
    st.dataframe(display_table(table, lang), hide_index=True, placeholder="-", width="stretch")
    st.caption(t("table.note", lang))
    return table


def narrative_ui(text: str) -> None:
    """The press-release sentence (it holds names from the upload: shown as plain text)."""
    st.info(plain(text), icon=":material/newspaper:")


def targets_ui(ctx: Context) -> pl.DataFrame:
    """The year's targets and exchange rates in force (the file's, with cells typed here over them; typed cells
    travel with the link), and where each came from: year | target_usd | target_idr | rate_idr."""
    lang = ctx.lang
    years = ctx.targets.get_column("year").to_list()
    editor_key = state.targets_editor_key(ctx.key)
    with st.expander(t("targets.title", lang), key=state.TARGETS_PANEL_KEY):
        st.caption(t("targets.help", lang))
        st.data_editor(
            ctx.targets.to_pandas(),
            key=editor_key,
            hide_index=True,
            placeholder="-",  # an empty cell is "no target yet", not the word None
            disabled=["year"],
            column_config={
                "year": st.column_config.NumberColumn(t("targets.year", lang), format="%d"),
                "target_usd": st.column_config.NumberColumn(t("targets.target_usd", lang), min_value=0, format="%.0f"),
                "target_idr": st.column_config.NumberColumn(t("targets.target_idr", lang), min_value=0, format="%.0f"),
                "rate_idr": st.column_config.NumberColumn(t("targets.rate", lang), min_value=0, format="%.0f"),
            },
            on_change=_record_typed, args=(editor_key, ctx.key, tuple(years)),
        )
        for line in target_sources(ctx):
            st.caption(line)
    return ctx.targets


def _record_typed(editor_key: str, dataset_key: str, years: tuple[int, ...]) -> None:
    """The editor's edited cells ({row: {column: value}}) -> typed targets of (year, column)."""
    edited = (state.widget_value(editor_key) or {}).get("edited_rows", {})
    edits = {}
    for row, cells in edited.items():
        for column, value in cells.items():
            if column in TARGET_COLUMNS and 0 <= int(row) < len(years):
                number = None if value is None or value != value else float(value)  # NaN: an emptied cell
                edits[(years[int(row)], column)] = number
    if edits:
        state.record_typed(dataset_key, edits)


TARGET_COLUMNS = ("target_usd", "target_idr", "rate_idr")


def target_sources(ctx: Context) -> list[str]:
    """Where the targets come from, as captions: the file's Target sheet (or the sample), then each typed cell
    with its day."""
    lang, lines = ctx.lang, []
    sheets = [(f.file, s.sheet) for f in ctx.dataset.report.files for s in f.sheets if s.layout == "target"]
    if ctx.dataset.is_sample:
        lines.append(t("targets.from_sample", lang))
    elif sheets:
        lines += [t("targets.from_file", lang, sheet=plain(sheet or "-"), file=plain(file)) for file, sheet in sheets]
    else:
        lines.append(t("targets.none_in_file", lang))
    if ctx.typed:
        items = [
            t("targets.typed_item" if typed.value is not None else "targets.typed_cleared", lang,
              what=t(f"targets.what.{typed.column}", lang), year=typed.year, day=fmt_day(typed.typed_on, lang))
            for typed in sorted(ctx.typed, key=lambda x: (x.year, TARGET_COLUMNS.index(x.column)))
        ]
        lines.append(t("targets.typed", lang, items="; ".join(items)))
    return lines


def fmt_day(day, lang: str) -> str:
    """date(2026, 12, 1) -> '1 Desember 2026' / 'December 1, 2026'"""
    from babel.dates import format_date

    return format_date(day, format="long", locale="id" if lang == "id" else "en")


def new_exporters_frame(new: pl.DataFrame, lang: str) -> pl.DataFrame:
    """year | declared | derived -> the table shown under 'Eksportir baru', '-' for the first year."""
    return new.select(
        pl.col("year").cast(pl.String).alias(t("targets.year", lang)),
        pl.col("declared").alias(t("exporter.declared", lang)),
        pl.col("derived").cast(pl.String).fill_null("-").alias(t("exporter.derived", lang)),
    )
