"""Eksportir: value by exporter type, new exporters (as declared and as first seen in the data), top exporters."""

import streamlit as st

from pekalongan import aggregate, charts
from pekalongan.i18n import t
from pekalongan.labels import labelled
from pekalongan.ui import public, state, views

ctx = state.context()
lang = ctx.lang
if ctx.public:  # the public view draws protected tables only
    public.page_ui(ctx, "eksportir")
elif views.page_header_ui(ctx, "page.eksportir"):
    by_type = labelled(aggregate.by_year_and(ctx.frame("exporter_type"), "exporter_type", top=None), "exporter_type", lang)
    views.chart_ui(ctx, charts.stacked_years(by_type, lang, t("exporter.by_type", lang)), "jenis_tahunan",
                   title=t("exporter.by_type", lang))
    views.revision_mark_ui(ctx, "exporter_type")

    st.subheader(t("exporter.new_title", lang))
    st.caption(t("exporter.new_help", lang))
    new = aggregate.new_exporters_by_year(ctx.history_frame("exporter"))
    st.dataframe(views.new_exporters_frame(new, lang), hide_index=True)

    # One exporter's bar is a figure of fewer than three exporters: never in the public view.
    if not ctx.public and not views.unknown_ui(ctx, "exporter"):
        top = labelled(aggregate.ranking(ctx.frame("exporter"), "exporter", top=15, rest=False), "exporter", lang)
        title = views.over(ctx, "exporter.top")
        views.chart_ui(ctx, charts.ranked_bars(top, lang, title), "eksportir_peringkat", "exporters", title=title)

    views.standard_table_ui(ctx.frame("exporter_type"), "exporter_type", lang)
