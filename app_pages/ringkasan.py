"""Ringkasan: the year's headline figures, value by year against target, the leading commodities and destinations."""

import streamlit as st

from pekalongan import aggregate, charts, narrative
from pekalongan.i18n import t
from pekalongan.labels import labelled
from pekalongan.ui import public, state, views, widgets

ctx = state.context()
lang, filters = ctx.lang, ctx.filters
if ctx.public:  # the public view draws protected tables only
    public.page_ui(ctx, "ringkasan")
elif views.page_header_ui(ctx, "page.ringkasan"):
    views.reading_notice_ui(ctx)
    targets = ctx.targets  # the panel to change them comes under the headline (views.targets_ui below)
    # Targets are the city's: against a selection of commodities or countries they would mislead.
    city_wide = filters.without("year_from", "year_to") == type(filters)()
    history = ctx.history
    year = int(ctx.records.get_column("year").max())
    # The exchange rate is the year's whatever the selection: the rupiah card converts the selection's value.
    headline = aggregate.headline(history, targets, year, all_records=ctx.dataset.records)
    views.headline_ui(headline, lang, show_target=city_wide, known=ctx.known, marks=ctx.marks)
    # On a laptop the first chart comes right under the headline, inside the first screen.
    yearly = aggregate.against_targets(aggregate.by_year(ctx.records),
                                       aggregate.targets_usd(targets) if city_wide else None)
    views.chart_ui(ctx, charts.year_bars(yearly, lang), "tahunan",
                   title=t("chart.year_bars.title", lang))
    views.revision_mark_ui(ctx, "total")

    views.narrative_ui(narrative.narrative(history, targets if city_wide else None, year, lang, filters=filters,
                                           destination_names=widgets.dataset_destination_labels(ctx.key, ctx.dataset, lang),
                                           files=views.source_files(ctx)))
    views.targets_ui(ctx)

    left, right = st.columns(2)
    with left:
        if not views.unknown_ui(ctx, "commodity"):
            title = views.over(ctx, "overview.top_commodities")
            top = labelled(aggregate.ranking(ctx.records, "commodity", top=8), "commodity", lang)
            views.chart_ui(ctx, charts.ranked_bars(top, lang, title), "top_komoditi", "commodities", title=title)
    with right:
        if not views.unknown_ui(ctx, "destination"):
            title = views.over(ctx, "overview.top_destinations")
            top = labelled(aggregate.ranking(ctx.records, "destination", top=8), "destination", lang)
            views.chart_ui(ctx, charts.ranked_bars(top, lang, title), "top_negara", "destinations", title=title)
    st.caption(t("overview.click_hint", lang))
    views.standard_table_ui(ctx.records, "year", lang)
