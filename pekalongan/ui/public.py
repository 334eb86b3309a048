"""The public view's pages and downloads, drawn from the protected tables only (`pekalongan.public`).

A suppressed figure reads "dirahasiakan"; a ranking lists the published keys and one line for the suppressed
ones; a table the filters would need but the public view does not publish is said to be unavailable.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from pekalongan import charts, export, press_report, public
from pekalongan import format as fmt
from pekalongan.aggregate import OTHER_KEY, against_targets, targets_usd
from pekalongan.disclosure import RULES, Protection
from pekalongan.formulas import change_pct, ratio_pct, share_expr
from pekalongan.i18n import t
from pekalongan.labels import months_label
from pekalongan.schema import Column
from pekalongan.ui.downloads import file_name
from pekalongan.ui.state import Context
from pekalongan.ui.views import DIMENSION_CHARTS, chart_ui, source_files
from pekalongan.ui.widgets import filter_sentence_ui, plain


def protection_of(ctx: Context) -> Protection:
    assert ctx.dataset.protection is not None, "a public page is drawn only for a public dataset"
    return ctx.dataset.protection


def rules_text(lang: str) -> str:
    return t("public.rules", lang, min=RULES.min_contributors, p=f"{RULES.p_percent:g}")


def _hidden(lang: str) -> str:
    return t("public.suppressed", lang)


def _ranked_frame(ranking: public.Ranking, top: int | None = None) -> pl.DataFrame:
    """The ranking's first `top` published rows, each with its share of the whole ranking, suppressed part
    included (unknown when the suppressed part's value is itself hidden)."""
    hidden = ranking.hidden_value if ranking.hidden else 0.0
    whole = None if hidden is None else sum(v for _, _, v in ranking.rows) + hidden
    rows = ranking.rows[:top] if top else ranking.rows
    frame = pl.DataFrame([(str(k), lbl, v) for k, lbl, v in rows],
                         schema={"key": pl.String, "label": pl.String, "value_usd": pl.Float64}, orient="row")
    return frame.with_columns(share_expr(pl.col("value_usd"), whole).alias("share_pct"))


def ranking_ui(ctx: Context, p: Protection, sel: public.Selection, dim: str, lang: str, key: str, title: str,
               filter_field: str | None, top: int | None = None) -> None:
    """A ranking of the published keys, and one line for the suppressed ones."""
    ranking = public.ranking(p, sel, dim, lang)
    if ranking is None:
        st.caption(t("public.not_available", lang))
        return
    shown = _ranked_frame(ranking, top)
    if shown.height:
        # A short ranking needs room for its axis and title besides its bars (the public view's often are short).
        chart = charts.ranked_bars(shown, lang, title).properties(height=max(150, 28 * shown.height))
        chart_ui(ctx, chart, key, filter_field, title=title)
    if ranking.hidden:
        line = t("public.hidden_line", lang, n=ranking.hidden, value=fmt.usd(ranking.hidden_value, lang)) \
            if ranking.hidden_value is not None else t("public.hidden_line_no_value", lang, n=ranking.hidden)
        st.caption(line)


def stacked_ui(ctx: Context, p: Protection, sel: public.Selection, dim: str, lang: str, key: str, title: str) -> None:
    """Dimension by year: the published cells, and per year the suppressed rest as one grey 'dirahasiakan' part
    when the year's total is published (it is then the total minus published cells)."""
    found = public.series(p, sel, dim)
    whole = public.totals(p, sel)
    if found is None or whole is None:
        st.caption(t("public.not_available", lang))
        return
    rows = []
    for k, values in found.items():
        rows += [(y, str(k), public.label(p, dim, k, lang), v) for y, v in values.items() if v is not None]
    for year in sel.years:
        total = whole.get(year)
        shown = sum(r[3] for r in rows if r[0] == year)
        if total is not None and total - shown > max(abs(total), 1.0) * 1e-9:
            rows.append((year, OTHER_KEY, _hidden(lang), total - shown))
    frame = pl.DataFrame(rows, schema={"year": pl.Int32, "key": pl.String, "label": pl.String,
                                       "value_usd": pl.Float64}, orient="row")
    chart_ui(ctx, charts.stacked_years(frame, lang, title), key, title=title)


def table_ui(p: Protection, sel: public.Selection, dim: str | None, lang: str) -> None:
    """The ministry's table from published cells ('dirahasiakan' where suppressed)."""
    lines = public.standard_rows(p, sel, dim, lang)
    st.subheader(t("table.title", lang))
    if lines is None:
        st.caption(t("public.not_available", lang))
        return
    years = list(sel.years)
    header = t(f"table.col.{dim or 'year'}", lang)
    columns: dict[str, list[str]] = {header: [line["label"] for line in lines]}
    for y in years:
        columns[str(y)] = [_hidden(lang) if line["values"][y] is None else fmt.number_id(line["values"][y] / 1e6, 2, lang)
                           for line in lines]
    if years:
        last = years[-1]
        columns[t("table.change", lang, last=last, previous=last - 1)] = [fmt.number_id(line["change_pct"], 2, lang)
                                                                          for line in lines]
        columns[t("table.share", lang, year=last)] = [fmt.number_id(line["share_pct"], 2, lang) for line in lines]
        columns[t("table.trend", lang, start=years[0], end=last)] = [fmt.number_id(line["trend_pct"], 2, lang)
                                                                     for line in lines]
    st.dataframe(pl.DataFrame(columns), hide_index=True, width="stretch")
    st.caption(t("table.note", lang))


def _header_ui(ctx: Context, title_key: str) -> tuple[Protection, public.Selection] | None:
    st.header(t(title_key, ctx.lang))
    filter_sentence_ui(ctx)
    p = protection_of(ctx)
    sel = public.selection(p, ctx.filters)
    if not sel.years or public.totals(p, sel) in (None, {}):
        st.warning(t("app.no_match", ctx.lang))
        return None
    return p, sel


def headline_ui(ctx: Context, p: Protection, sel: public.Selection) -> None:
    """The year's cards from published figures; 'dirahasiakan' where a figure is suppressed."""
    lang = ctx.lang
    year = sel.years[-1]
    whole = public.totals(p, public.Selection(p.years, sel.chosen)) or {}
    value, previous = whole.get(year), whole.get(year - 1)
    goals = targets_usd(ctx.dataset.targets) if not sel.filtered else {}
    goal = goals.get(year)
    cols = [*st.columns(3), *st.columns(3)[:2]]
    delta = None
    change = change_pct(value, previous)
    if change is not None:
        delta = t("cards.vs", lang, pct=fmt.pct(change, lang, signed=True), year=year - 1)
    cols[0].metric(t("cards.value", lang, year=year), _hidden(lang) if value is None else fmt.usd(value, lang), delta,
                   border=True)
    cols[1].metric(t("cards.target", lang), fmt.usd(goal, lang) if goal is not None else "-", border=True)
    achieved = ratio_pct(value, goal) if value is not None else None
    cols[2].metric(t("cards.achievement", lang), fmt.pct(achieved, lang) if achieved is not None else "-", border=True)
    count = public.exporters(p, sel).get(year)
    cols[3].metric(t("cards.exporters", lang), fmt.number_id(count, 0, lang) if count is not None else "-",
                   border=True)
    new = (p.table((Column.EXPORTER_TYPE,)) or {}).get((year, "new"))
    declared = new.exporters if new is not None and not sel.filtered else None
    derived = p.new_exporters.get(year) if not sel.filtered else None
    cols[4].metric(t("cards.new_exporters", lang), fmt.number_id(declared, 0, lang) if declared is not None else "-",
                   None if derived is None else t("cards.new_derived", lang, n=derived), delta_color="off",
                   delta_arrow="off", border=True, help=t("cards.new_help", lang))


def ringkasan_ui(ctx: Context, p: Protection, sel: public.Selection, lang: str) -> None:
    headline_ui(ctx, p, sel)
    goals = targets_usd(ctx.dataset.targets)
    st.info(plain(public.narrative(p, sel, {} if sel.filtered else goals, lang, files=source_files(ctx))),
            icon=":material/newspaper:")
    whole = public.totals(p, sel) or {}
    yearly = pl.DataFrame([(y, v) for y, v in whole.items() if v is not None],
                          schema={"year": pl.Int32, "value_usd": pl.Float64}, orient="row").sort("year")
    hidden_years = [str(y) for y, v in whole.items() if v is None]
    chart_ui(ctx, charts.year_bars(against_targets(yearly, None if sel.filtered else goals), lang), "tahunan",
             title=t("chart.year_bars.title", lang))
    for y in hidden_years:
        st.caption(t("public.year_hidden", lang, year=y))
    left, right = st.columns(2)
    with left:
        ranking_ui(ctx, p, sel, Column.COMMODITY, lang, "top_komoditi", t("overview.top_commodities", lang),
                   "commodities", top=8)
    with right:
        ranking_ui(ctx, p, sel, Column.DESTINATION, lang, "top_negara", t("overview.top_destinations", lang),
                   "destinations", top=8)
    table_ui(p, sel, None, lang)


def _matrix_ui(ctx: Context, p: Protection, sel: public.Selection, lang: str) -> None:
    grid = public.matrix(p, sel)
    title = t("commodity.matrix", lang)
    if grid is None:
        st.caption(t("public.not_available", lang))
        return
    rows = [(str(c), public.label(p, Column.COMMODITY, c, lang), str(d), public.label(p, Column.DESTINATION, d, lang), v)
            for (c, d), v in grid.items() if v is not None]
    frame = pl.DataFrame(rows, schema={"row_key": pl.String, "row_label": pl.String, "col_key": pl.String,
                                       "col_label": pl.String, "value_usd": pl.Float64}, orient="row")
    if frame.height:
        rows = frame.get_column("row_key").n_unique()
        chart_ui(ctx, charts.heatmap(frame, lang, title).properties(height=120 + 36 * rows), "komoditi_negara",
                 title=title)
    hidden = sum(1 for v in grid.values() if v is None)
    if hidden:
        st.caption(t("public.hidden_cells", lang, n=hidden))


def _dimension_ui(ctx: Context, p: Protection, sel: public.Selection, dim: str, lang: str, page: str) -> None:
    """The two charts a dimension's page opens with: its ranking and its value by year."""
    ranked, by_year, filter_field = DIMENSION_CHARTS[dim]
    ranking_ui(ctx, p, sel, dim, lang, f"{page}_peringkat", t(ranked, lang), filter_field)
    stacked_ui(ctx, p, sel, dim, lang, f"{page}_tahunan", t(by_year, lang))


def komoditi_ui(ctx: Context, p: Protection, sel: public.Selection, lang: str) -> None:
    _dimension_ui(ctx, p, sel, Column.COMMODITY, lang, "komoditi")
    _matrix_ui(ctx, p, sel, lang)
    table_ui(p, sel, Column.COMMODITY, lang)


def negara_ui(ctx: Context, p: Protection, sel: public.Selection, lang: str) -> None:
    ranking = public.ranking(p, sel, Column.DESTINATION, lang)
    if ranking is not None and ranking.rows:
        frame = _ranked_frame(ranking)
        title = t("destination.map", lang)
        chart_ui(ctx, charts.world_map(frame, lang, title, shapes_url=charts.WORLD_URL), "peta", "destinations",
                 title=title, png=lambda: charts.world_map(frame, lang, title, selectable=False))
    _dimension_ui(ctx, p, sel, Column.DESTINATION, lang, "negara")
    table_ui(p, sel, Column.DESTINATION, lang)


def eksportir_ui(ctx: Context, p: Protection, sel: public.Selection, lang: str) -> None:
    stacked_ui(ctx, p, sel, Column.EXPORTER_TYPE, lang, "jenis_tahunan", t("exporter.by_type", lang))
    st.subheader(t("exporter.new_title", lang))
    st.caption(t("exporter.new_help", lang))
    if not sel.filtered:
        frame = pl.DataFrame({
            t("targets.year", lang): [str(y) for y in p.years],
            t("exporter.derived", lang): ["-" if p.new_exporters.get(y) is None else str(p.new_exporters[y])
                                          for y in p.years],
        })
        st.dataframe(frame, hide_index=True)
    else:
        st.caption(t("public.not_available", lang))
    table_ui(p, sel, Column.EXPORTER_TYPE, lang)


def bulanan_ui(ctx: Context, p: Protection, sel: public.Selection, lang: str) -> None:
    months = public.months(p, sel)
    if months is None:
        st.caption(t("public.not_available", lang))
    elif not months:
        st.info(t("monthly.no_months", lang))
    else:
        frame = pl.DataFrame([(y, m, v) for (y, m), v in months.items() if v is not None],
                             schema={"year": pl.Int32, "month": pl.Int8, "value_usd": pl.Float64}, orient="row")
        chart_ui(ctx, charts.monthly_lines(frame, lang), "bulanan", title=t("chart.monthly.title", lang))
        hidden = sum(1 for v in months.values() if v is None)
        if hidden:
            st.caption(t("public.hidden_cells", lang, n=hidden))
        cum = public.cumulative(p, sel)
        if cum is not None and cum[2] is not None and cum[3] is not None:
            year, through, current, previous = cum
            chart_ui(ctx, charts.cumulative_bars(current, previous, change_pct(current, previous), year, through, lang), "kumulatif",
                     title=t("chart.cumulative.title", lang, months=months_label(through, lang)))
    table_ui(p, sel, None, lang)


PAGES = {"ringkasan": ringkasan_ui, "komoditi": komoditi_ui, "negara": negara_ui, "eksportir": eksportir_ui,
         "bulanan": bulanan_ui}


def page_ui(ctx: Context, page: str) -> None:
    """Draw one page of the public view: its header, then (when the selection has published figures) its body."""
    found = _header_ui(ctx, f"page.{page}")
    if found is not None:
        PAGES[page](ctx, *found, ctx.lang)


def downloads_ui(ctx: Context, sentence: str) -> None:
    """The public view's "Unduh" panel: the protected tables only."""
    lang = ctx.lang
    p = protection_of(ctx)
    sel = public.selection(p, ctx.filters)
    rules = rules_text(lang)
    with st.sidebar.expander(t("download.title", lang), icon=":material/download:"):
        st.caption(t("public.download_note", lang))
        st.download_button(
            t("public.csv", lang), lambda: export.public_csv(p, sel, lang), file_name=file_name(ctx, "tabel_publik_ekspor", "csv"),
            mime="text/csv", icon=":material/table:", width="stretch", key="unduh_csv", on_click="ignore",
        )
        st.download_button(
            t("public.xlsx", lang), lambda: export.public_xlsx(p, sel, sentence, rules, lang),
            file_name=file_name(ctx, "tabel_publik_ekspor", "xlsx"),
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon=":material/grid_on:",
            width="stretch", key="unduh_xlsx", on_click="ignore",
        )
        goals = {} if sel.filtered else targets_usd(ctx.dataset.targets)
        st.download_button(
            t("download.report", lang),
            lambda: press_report.public_report_html(p, sel, goals, sentence, rules, lang).encode("utf-8"),
            file_name=file_name(ctx, "laporan_ekspor_pekalongan", "html"), mime="text/html", icon=":material/description:",
            width="stretch", key="unduh_laporan", on_click="ignore",
        )
        st.download_button(
            t("download.satu_data", lang), lambda: export.public_satu_data_csv(p, sel),
            file_name=file_name(ctx, "satu_data_ekspor_kota_pekalongan", "csv"), mime="text/csv", icon=":material/public:",
            width="stretch", key="unduh_satu_data", on_click="ignore", help=t("download.satu_data_help", lang),
        )
