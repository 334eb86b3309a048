"""Panduan: how to prepare a spreadsheet the app reads right, with a blank template to download."""

import streamlit as st

from pekalongan.i18n import t
from pekalongan.template import template_xlsx
from pekalongan.ui import state
from pekalongan.ui.widgets import md

ctx = state.context()
lang = ctx.lang
st.header(t("page.panduan", lang))
st.markdown(md(t("guide.intro", lang)))
st.download_button(
    t("guide.download", lang),
    data=template_xlsx(lang),
    file_name="templat_ekspor_pekalongan.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
    type="primary",
)
st.subheader(t("guide.steps_title", lang))
st.markdown(md(t("guide.steps_md", lang)))
st.subheader(t("guide.layouts_title", lang))
st.markdown(md(t("guide.layouts_md", lang)))
st.subheader(t("guide.about_title", lang))
st.markdown(md(t("guide.about_md", lang)))
