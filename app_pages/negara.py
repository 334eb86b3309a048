"""Negara Tujuan: ranked destinations and a world map coloured by value (drawn offline)."""

import streamlit as st

from pekalongan import aggregate, charts
from pekalongan.i18n import t
from pekalongan.labels import labelled
from pekalongan.ui import public, state, views, widgets

ctx = state.context()
lang = ctx.lang
if ctx.public:  # the public view draws protected tables only
    public.page_ui(ctx, "negara")
elif views.page_header_ui(ctx, "page.negara"):
    everything = labelled(aggregate.ranking(ctx.records, "destination"), "destination", lang)
    views.chart_ui(ctx,
                   charts.world_map(everything, lang, t("destination.map", lang), shapes_url=charts.WORLD_URL), "peta",
                   "destinations", title=t("destination.map", lang),
                   png=lambda: charts.world_map(everything, lang, t("destination.map", lang), selectable=False))
    not_drawn = charts.unmapped(everything)
    if not not_drawn.is_empty():
        names = ", ".join(not_drawn.get_column("label").to_list())
        st.caption(t("destination.not_on_map", lang, names=widgets.plain(names)))

    ranked = labelled(aggregate.ranking(ctx.records, "destination", top=15), "destination", lang)
    views.chart_ui(ctx, charts.ranked_bars(ranked, lang, t("destination.ranked", lang)), "negara_peringkat",
                   "destinations", title=t("destination.ranked", lang))

    yearly = labelled(aggregate.by_year_and(ctx.records, "destination", top=8), "destination", lang)
    views.chart_ui(ctx, charts.stacked_years(yearly, lang, t("destination.by_year", lang)), "negara_tahunan",
                   title=t("destination.by_year", lang))
    views.revision_mark_ui(ctx, "destination")

    views.standard_table_ui(ctx.records, "destination", lang)
