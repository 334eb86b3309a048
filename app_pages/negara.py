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
elif views.page_header_ui(ctx, "page.negara") and not views.unknown_ui(ctx, "destination"):
    map_title = views.over(ctx, "destination.map")
    everything = labelled(aggregate.ranking(ctx.frame("destination"), "destination"), "destination", lang)
    # The title above the map, not in it: on a phone Vega cuts a title to the map's width.
    st.markdown(f"**{widgets.plain(map_title)}**")
    views.chart_ui(ctx,
                   charts.world_map(everything, lang, "", shapes_url=charts.WORLD_URL), "peta",
                   "destinations", title=map_title,
                   png=lambda: charts.world_map(everything, lang, map_title, selectable=False))
    not_drawn = charts.unmapped(everything)
    if not not_drawn.is_empty():
        names = ", ".join(not_drawn.get_column("label").to_list())
        st.caption(t("destination.not_on_map", lang, names=widgets.plain(names)))

    views.dimension_ui(ctx, "destination", "negara")

    views.weight_table_ui(ctx, "destination")
    views.standard_table_ui(ctx.frame("destination"), "destination", lang)
