"""Kualitas Data: how every uploaded row was read, kept, rejected or skipped, and why."""

import streamlit as st

from pekalongan.i18n import t
from pekalongan.ui import state, widgets

ctx = state.context()
st.header(t("page.kualitas", ctx.lang))
if ctx.public:
    # Row-level reasons quote the cells themselves; the public view gives the counts only.
    st.caption(t("quality.public", ctx.lang))
widgets.report_ui(ctx.dataset.report, ctx.lang, details=not ctx.public)
