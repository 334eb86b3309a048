"""Ringkasan: the year's headline figures, value by year against target, the leading commodities and destinations."""

import streamlit as st

from pekalongan import aggregate, charts, narrative
from pekalongan.i18n import t
from pekalongan.labels import labelled
from pekalongan.ui import public, state, views

ctx = state.context()
lang, filters = ctx.lang, ctx.filters
if ctx.public:  # the public view draws protected tables only
    public.page_ui(ctx, "ringkasan")
elif views.page_header_ui(ctx, "page.ringkasan"):
    views.reading_notice_ui(ctx)
    targets = views.targets_ui(ctx)
    # Targets are the city's: against a selection of commodities or countries they would mislead.
    city_wide = filters.without("year_from", "year_to") == type(filters)()
    history = ctx.history
    year = int(ctx.records.get_column("year").max())
    headline = aggregate.headline(history, targets if city_wide else None, year, all_records=ctx.dataset.records)
    views.headline_ui(headline, lang, show_target=city_wide, marks=ctx.marks)
    views.narrative_ui(narrative.narrative(history, targets if city_wide else None, year, lang))

    yearly = aggregate.against_targets(aggregate.by_year(ctx.records),
                                       aggregate.targets_usd(targets) if city_wide else None)
    views.chart_ui(ctx, charts.year_bars(yearly, lang), "tahunan",
                   title=t("chart.year_bars.title", lang))
    views.revision_mark_ui(ctx, "total")

    left, right = st.columns(2)
    with left:
        top = labelled(aggregate.ranking(ctx.records, "commodity", top=8), "commodity", lang)
        views.chart_ui(ctx, charts.ranked_bars(top, lang, t("overview.top_commodities", lang)), "top_komoditi",
                       "commodities", title=t("overview.top_commodities", lang))
    with right:
        top = labelled(aggregate.ranking(ctx.records, "destination", top=8), "destination", lang)
        views.chart_ui(ctx, charts.ranked_bars(top, lang, t("overview.top_destinations", lang)), "top_negara",
                       "destinations", title=t("overview.top_destinations", lang))
    st.caption(t("overview.click_hint", lang))
    views.standard_table_ui(ctx.records, "year", lang)
