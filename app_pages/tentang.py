"""Tentang: what the app keeps, for how long, who can see a shared link, and how to report a problem."""

import streamlit as st

from pekalongan import __version__
from pekalongan.disclosure import RULES
from pekalongan.i18n import t
from pekalongan.ui import admin, data, state

ctx = state.context()
lang = ctx.lang
store = data.store()
st.header(t("about.title", lang))
st.markdown(t("about.body", lang, days=f"{store.max_age_seconds / 86400:g}", cap=f"{store.max_bytes / 1024**3:g}"))
st.markdown(t("about.disclosure", lang, min=RULES.min_contributors, p=f"{RULES.p_percent:g}"))
st.caption(t("about.version", lang, version=__version__))
admin.store_status_ui(lang)
