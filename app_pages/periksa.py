"""Periksa Pembacaan: how each uploaded file was read, and the widgets that correct it (issue 15)."""

import streamlit as st

from pekalongan.i18n import t
from pekalongan.ui import data, reading, state

ctx = state.context()
st.header(t("page.periksa", ctx.lang))
upload = data.current_upload()
if ctx.public:
    st.caption(t("check.public", ctx.lang))
elif upload.handles and ctx.dataset.plan is not None:
    reading.reading_ui(ctx.dataset, upload, ctx.lang)
else:
    # A link or the sample: the reading it was saved with is shown on Kualitas Data; only an upload is corrected.
    note = reading.corrections_text(ctx.dataset.plan, ctx.lang)
    st.info(note or t("check.none", ctx.lang))
