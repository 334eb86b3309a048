"""Kualitas Data: how every uploaded row was read, kept, rejected or skipped, and why."""

import streamlit as st

from pekalongan.i18n import t
from pekalongan.ui import reading, state, widgets

ctx = state.context()
st.header(t("page.kualitas", ctx.lang))
if ctx.public:
    # Row-level reasons quote the cells themselves; the public view gives the counts only.
    st.caption(t("quality.public", ctx.lang))
corrected = reading.corrections_text(ctx.dataset.plan, ctx.lang)
if corrected:  # the choices made by hand in Periksa Pembacaan, kept with the dataset and its link
    st.info(corrected, icon=":material/edit_note:")
widgets.report_ui(ctx.dataset.report, ctx.lang, details=not ctx.public)
