"""Blocks the pages share: the page header, headline cards, charts that filter when clicked, the standard table."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import pyarrow as pa
import streamlit as st

from pekalongan import aggregate, charts, figure_notes, revisions, rollup
from pekalongan import format as fmt
from pekalongan import plan as reading_plan
from pekalongan.charts import SELECTION
from pekalongan.dataset import Dataset
from pekalongan.i18n import t
from pekalongan.labels import column_cells, header, labelled
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
    if ctx.dataset.is_empty:
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
    lines += [_plain_doubt(d, lang) for d in _doubts(ctx.key, ctx.dataset)]
    if report.warnings:
        lines.append(t("overview.warnings", lang, n=fmt.number_id(len(report.warnings), 0, lang)))
    if lines:
        st.warning("\n".join(f"- {line}" for line in lines) + "\n\n" + t("overview.see_quality", lang),
                   icon=":material/rule:")
        st.page_link("app_pages/kualitas.py", label=t("overview.to_quality", lang), icon=":material/fact_check:")
        if ctx.key.startswith("upload:"):  # an upload's reading can be corrected there (pekalongan.ui.reading)
            st.page_link("app_pages/periksa.py", label=t("check.link", lang), icon=":material/tune:")


@st.cache_resource(show_spinner=False, max_entries=16, ttl=2 * 3600)
def _doubts(dataset_key: str, _dataset: Dataset) -> tuple[reading_plan.Misfit, ...]:
    """The reading plan's doubts of a dataset, once per dataset: they sum all its records by file, sheet and year,
    which a filter click need not do again (a national dataset's summary by source holds those sums)."""
    summaries = _dataset.summaries
    records = summaries[rollup.SOURCE] if summaries is not None else _dataset.records
    return tuple(reading_plan.doubts(_dataset.plan, records))


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
    spec = dict(charts.spec(chart))  # a copy: the spec may be shared by every session drawing this chart
    # The title above the chart, as text that wraps: Vega cuts a title to the chart's width, and a phone's is narrow.
    heading = spec.pop("title", None)
    # With the title drawn by Streamlit, the title's style would travel with every chart for nothing.
    spec["config"] = {k: v for k, v in spec.get("config", {}).items() if k != "title"}
    text = heading.get("text") if isinstance(heading, dict) else heading
    if text:
        st.markdown(f"**{plain(' '.join(text) if isinstance(text, list) else text)}**")
    subtitle = heading.get("subtitle") if isinstance(heading, dict) else None
    if subtitle:
        st.caption(plain(" ".join(subtitle) if isinstance(subtitle, list) else subtitle))
    if filter_field is None:
        st.vega_lite_chart(spec, theme=None, key=key, width="stretch")
    else:
        st.vega_lite_chart(
            spec, theme=None, key=key, width="stretch", on_select=_select_into_filter(key, filter_field),
            selection_mode=CHART_SELECTION,
        )
    if title:
        chart_png_button(ctx, key, title, png or (lambda: chart))


def period(ctx: Context) -> str:
    """The years the page's charts sum: '2018–2022', or '2022' for one."""
    years = ctx.records.get_column("year").drop_nulls()
    if years.is_empty():
        return "-"
    first, last = int(years.min()), int(years.max())
    return str(last) if first == last else f"{first}–{last}"


def over(ctx: Context, key: str, **values) -> str:
    """A chart title that says its period: 'Komoditi utama, 2018–2022'."""
    return t("chart.over_period", ctx.lang, title=t(key, ctx.lang, **values), period=period(ctx))


def source_files(ctx: Context) -> list[str]:
    """What the press paragraph names as its source: the files, or 'the sample'."""
    return [t("narrative.sample_source", ctx.lang)] if ctx.dataset.is_sample else list(ctx.dataset.files)


# Card widths (px) in one wrapping row: two counts side by side on a 390 px phone, the headline and every count in
# two rows on a laptop, instead of columns that stack into a screen and a half of cards on the phone.
MONEY_WIDTH, COUNT_WIDTH = 300, 170


def _count_card(box, label: str, count: int | None, known: bool, lang: str, year: int, **extra) -> None:
    """A count card: the number, or '-' with why when the files do not record the dimension."""
    dimension = extra.pop("dimension")
    if not known:
        box.metric(label, "-", border=True, help=t(f"cards.unknown.{dimension}", lang), width=COUNT_WIDTH)
        return
    box.metric(label, fmt.number_id(count, 0, lang), border=True, width=COUNT_WIDTH, **extra)


def headline_ui(h: aggregate.Headline, lang: str, show_target: bool,
                known: frozenset[str] = frozenset({"exporter", "exporter_type", "destination", "commodity"}),
                marks: Marks | None = None) -> None:
    """The cards: value (and rupiah), change, target and what remains, exporters, destinations, commodities; every
    count labelled with its year, '-' (with why) for what the files do not record. With `marks`, the value card
    carries a "direvisi" mark when the year's figure was revised."""
    if h.year is None:
        return
    box = st.container(horizontal=True, gap=3)  # px: three 300 px cards fill a 1366 px laptop's 906 px row
    delta = None if h.change_pct is None else t("cards.vs", lang, pct=fmt.pct(h.change_pct, lang, signed=True),
                                                 year=h.previous_year)
    label, help_text = revised_card(t("cards.value", lang, year=h.year),
                                    t("cards.value_help", lang, full=fmt.number_id(h.value_usd, 2, lang)),
                                    marks, h.year, lang)
    box.metric(label, fmt.usd(h.value_usd, lang), delta, border=True, width=MONEY_WIDTH, help=help_text)
    if h.value_idr is not None:
        box.metric(t("cards.rupiah", lang), fmt.rupiah(h.value_idr, lang), border=True, width=MONEY_WIDTH,
                   help=t("cards.rate", lang, rate=fmt.number_id(h.rate_idr, 0, lang), year=h.year))
    else:
        box.metric(t("cards.rupiah", lang), "-", border=True, help=t("cards.no_rate", lang), width=MONEY_WIDTH)
    has_target = show_target and h.target_usd is not None
    box.metric(
        t("cards.target", lang), fmt.usd(h.target_usd, lang) if has_target else "-",
        None if not has_target or not h.remaining_usd else t("cards.remaining", lang, value=fmt.usd(h.remaining_usd, lang)),
        delta_color="off", delta_arrow="off", border=True, width=MONEY_WIDTH,
        help=None if has_target else t("cards.no_target" if show_target else "cards.target_filtered", lang),
    )
    box.metric(t("cards.achievement", lang), fmt.pct(h.achievement_pct, lang) if has_target else "-",
               border=True, width=COUNT_WIDTH)
    year = h.year
    _count_card(box, t("cards.exporters", lang, year=year), h.exporters, "exporter" in known, lang, year,
                dimension="exporter")
    _count_card(
        box, t("cards.new_exporters", lang, year=year), h.new_exporters_declared,
        "exporter_type" in known and "exporter" in known, lang, year, dimension="exporter_type",
        delta=None if h.new_exporters_derived is None or "exporter" not in known
        else t("cards.new_derived", lang, n=h.new_exporters_derived),
        delta_color="off", delta_arrow="off", help=t("cards.new_help", lang),
    )
    _count_card(box, t("cards.destinations", lang, year=year), h.destinations, "destination" in known, lang,
                year, dimension="destination")
    _count_card(box, t("cards.commodities", lang, year=year), h.commodities, "commodity" in known, lang, year,
                dimension="commodity")
    missing = [d for d in ("exporter", "exporter_type", "destination", "commodity") if d not in known]
    if missing:  # a tooltip is out of reach on a phone: the why is written under the cards
        st.caption(t("cards.unknown_line", lang,
                     what=", ".join(t(f"cards.unknown_what.{d}", lang) for d in missing)))


# dimension -> its ranking's title, its chart by year's title, the filter a click on a bar sets (full and public view)
DIMENSION_CHARTS = {
    "commodity": ("commodity.ranked", "commodity.by_year", "commodities"),
    "destination": ("destination.ranked", "destination.by_year", "destinations"),
}


def dimension_ui(ctx: Context, dimension: str, page: str) -> None:
    """The two charts a dimension's page has: its ranking (a click on a bar filters by it, the title says its
    period) and its value by year, with the figures revised since the marks' version."""
    ranked_key, by_year_key, filter_field = DIMENSION_CHARTS[dimension]
    lang = ctx.lang
    ranked = labelled(aggregate.ranking(ctx.frame(dimension), dimension, top=15), dimension, lang)
    title = over(ctx, ranked_key)
    chart_ui(ctx, charts.ranked_bars(ranked, lang, title), f"{page}_peringkat", filter_field, title=title)
    yearly = labelled(aggregate.by_year_and(ctx.frame(dimension), dimension, top=8), dimension, lang)
    chart_ui(ctx, charts.stacked_years(yearly, lang, t(by_year_key, lang)), f"{page}_tahunan",
             title=t(by_year_key, lang))
    revision_mark_ui(ctx, dimension)


def unknown_ui(ctx: Context, dimension: str) -> bool:
    """True (after saying why) when the records do not record `dimension`: its chart would be one blank bar."""
    if ctx.knows(dimension):
        return False
    st.info(t(f"cards.unknown.{dimension}", ctx.lang), icon=":material/help:")
    return True


def weight_frame(ranked: pl.DataFrame, weighed: pl.DataFrame, dimension: str, lang: str) -> pl.DataFrame:
    """`aggregate.by` rows of all records and of those with a weight -> the table officials read: name | value
    (juta USD) | weight (ton/kg) | USD per kg, from the rows that record a weight; '-' where none does (a table of
    values only is not 0 kg)."""
    per_kg = {key: value / weight for key, value, weight in weighed.select("key", "value_usd", "weight_kg").rows()
              if weight}
    rows = ranked.select("key", "label", "value_usd", "weight_kg").rows()
    names = [f"weight.col.{dimension}", "weight.col.value", "weight.col.weight", "weight.col.per_kg"]
    return pl.DataFrame(
        {
            t(names[0], lang): [label for _, label, _, _ in rows],
            t(names[1], lang): [fmt.table_cell(value, fmt.Kind.MONEY, lang) for _, _, value, _ in rows],
            t(names[2], lang): [fmt.kg(weight, lang) for _, _, _, weight in rows],
            t(names[3], lang): [fmt.number_id(per_kg.get(key), 2, lang) for key, _, _, _ in rows],
        },
        schema={t(k, lang): pl.String for k in names},
    )


def weight_table_ui(ctx: Context, dimension: str) -> None:
    """Weight (Berat, kg) and value per kg by commodity or destination, when the files record weight."""
    records = ctx.frame(dimension)
    if "weight_kg" not in records.columns or records.get_column("weight_kg").is_null().all():
        return
    ranked = labelled(aggregate.ranking(records, dimension), dimension, ctx.lang)
    weighed = labelled(aggregate.ranking(records.filter(pl.col("weight_kg").is_not_null()), dimension), dimension,
                       ctx.lang)
    st.subheader(over(ctx, "weight.title"))
    st.dataframe(text_table(weight_frame(ranked.head(15), weighed, dimension, ctx.lang)), hide_index=True,
                 placeholder="-", width="stretch")
    st.caption(t("weight.note", ctx.lang))


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
    badge = f":orange-badge[:material/history: {t('revisions.mark', lang)}]"
    st.markdown(f"{badge} {shown}", help=_mark_help(ctx.marks, rows, lang))


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


def text_table(frame: pl.DataFrame) -> pa.Table:
    """A table of text cells -> the Arrow table `st.dataframe` sends as it is, with plain strings and nothing
    else: a polars frame goes to the browser through pandas, picking up pandas' metadata (half of the standard
    table's 4 KB, sent again on every filter click) and 8-byte string offsets. The cells are the same."""
    return pa.table({name: pa.array(frame.get_column(name).to_list(), pa.string()) for name in frame.columns})


def standard_table_ui(records: pl.DataFrame, by: str, lang: str) -> aggregate.StandardTable:
    """The ministry's table for one dimension, with its unit and definitions underneath."""
    table = aggregate.standard_table(records, by)
    st.subheader(t("table.title", lang))
    st.dataframe(text_table(display_table(table, lang)), hide_index=True, placeholder="-", width="stretch")
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
            _editor_frame(ctx.key, ctx.typed, ctx.targets),
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


@st.cache_resource(show_spinner=False, max_entries=32, ttl=2 * 3600)
def _editor_frame(dataset_key: str, typed: tuple, _targets: pl.DataFrame):
    """The targets as the editor takes them (a pandas copy), made again only when they change: they are the
    dataset's (its key) with the typed cells over them. The editor copies what it is given, so one copy serves
    every run."""
    return _targets.to_pandas()


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
