"""Bulanan: value by month, and January-to-month against the same months of the year before."""

import streamlit as st

from pekalongan import aggregate, charts
from pekalongan.i18n import t
from pekalongan.labels import months_label
from pekalongan.ui import public, state, views

ctx = state.context()
lang = ctx.lang
if ctx.public:  # the public view draws protected tables only
    public.page_ui(ctx, "bulanan")
elif views.page_header_ui(ctx, "page.bulanan"):
    if not aggregate.has_months(ctx.records):
        st.info(t("monthly.no_months", lang))
    else:
        views.chart_ui(ctx, charts.monthly_lines(aggregate.monthly(ctx.records), lang), "bulanan",
                       title=t("chart.monthly.title", lang))
        # The comparison needs last year's months even when the year filter hides them.
        history = ctx.history
        year = int(ctx.records.get_column("year").max())
        cum = aggregate.cumulative(history, year)
        if cum["through_month"] is not None and cum["previous"] is not None:
            views.chart_ui(
                ctx,
                charts.cumulative_bars(cum["current"], cum["previous"], cum["change_pct"], year, cum["through_month"], lang),
                "kumulatif", title=t("chart.cumulative.title", lang, months=months_label(cum["through_month"], lang)),
            )
        views.standard_table_ui(ctx.records, "year", lang)
        views.revision_mark_ui(ctx, "total")
