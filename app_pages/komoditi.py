"""Komoditi: value by commodity, its evolution by year, and where each commodity goes."""

from pekalongan import aggregate, charts
from pekalongan.i18n import t
from pekalongan.ui import public, state, views

ctx = state.context()
lang = ctx.lang
if ctx.public:  # the public view draws protected tables only
    public.page_ui(ctx, "komoditi")
elif views.page_header_ui(ctx, "page.komoditi"):
    ranked = aggregate.by(ctx.records, "commodity", lang, top=15)
    title = views.over(ctx, "commodity.ranked")
    views.chart_ui(ctx, charts.ranked_bars(ranked, lang, title), "komoditi_peringkat", "commodities", title=title)

    yearly = aggregate.by_year_and(ctx.records, "commodity", lang, top=8)
    views.chart_ui(ctx, charts.stacked_years(yearly, lang, t("commodity.by_year", lang)), "komoditi_tahunan",
                   title=t("commodity.by_year", lang))

    if "destination" in views.known_columns(ctx.records):  # a grid of one blank column says nothing
        grid = aggregate.matrix(ctx.records, "commodity", "destination", lang, top_rows=12, top_cols=12)
        title = views.over(ctx, "commodity.matrix")
        views.chart_ui(ctx, charts.heatmap(grid, lang, title), "komoditi_negara", title=title)
    views.weight_table_ui(ctx, "commodity")

    views.standard_table_ui(ctx.records, "commodity", lang)
