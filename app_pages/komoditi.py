"""Komoditi: value by commodity, its evolution by year, and where each commodity goes."""

from pekalongan import aggregate, charts
from pekalongan.labels import labelled
from pekalongan.ui import public, state, views

ctx = state.context()
lang = ctx.lang
if ctx.public:  # the public view draws protected tables only
    public.page_ui(ctx, "komoditi")
elif views.page_header_ui(ctx, "page.komoditi"):
    views.dimension_ui(ctx, "commodity", "komoditi")

    if "destination" in ctx.known:  # a grid of one blank column says nothing
        grid = aggregate.matrix(ctx.records, "commodity", "destination", top_rows=12, top_cols=12)
        grid = labelled(labelled(grid, "commodity", lang, prefix="row_"), "destination", lang, prefix="col_")
        title = views.over(ctx, "commodity.matrix")
        views.chart_ui(ctx, charts.heatmap(grid, lang, title), "komoditi_negara", title=title)
    views.weight_table_ui(ctx, "commodity")

    views.standard_table_ui(ctx.records, "commodity", lang)
