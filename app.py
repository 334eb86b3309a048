"""Dasbor Ekspor Kota Pekalongan: the frame every page shares (language, upload box, share link, filters)."""

import streamlit as st

from pekalongan.i18n import t
from pekalongan.ui import data, downloads, share, widgets
from pekalongan.ui import versions as version_ui

# A local icon: a ":material/...:" page icon makes every visitor's browser fetch it from Google's font servers.
st.set_page_config(page_title="Dasbor Ekspor Kota Pekalongan", page_icon="static/favicon.png", layout="wide")
widgets.leave_legacy_pages_mode()

lang = widgets.language_ui()
widgets.upload_ui(lang)
upload = data.current_upload()
with st.spinner(t("upload.reading", lang)):
    source = data.current_source(upload)
filters = widgets.filters_ui(source.dataset, lang, public=source.public)
context = widgets.Context(source.dataset, filters, lang, public=source.public)
widgets.set_context(context)

pages = [
    st.Page("pages/ringkasan.py", title=t("page.ringkasan", lang), icon=":material/dashboard:", url_path="ringkasan",
            default=True),
    st.Page("pages/komoditi.py", title=t("page.komoditi", lang), icon=":material/category:", url_path="komoditi"),
    st.Page("pages/negara.py", title=t("page.negara", lang), icon=":material/public:", url_path="negara"),
    st.Page("pages/eksportir.py", title=t("page.eksportir", lang), icon=":material/factory:", url_path="eksportir"),
    st.Page("pages/bulanan.py", title=t("page.bulanan", lang), icon=":material/calendar_month:", url_path="bulanan"),
    st.Page("pages/kualitas.py", title=t("page.kualitas", lang), icon=":material/fact_check:", url_path="kualitas"),
    st.Page("pages/revisi.py", title=t("page.revisi", lang), icon=":material/history:", url_path="revisi"),
    st.Page("pages/panduan.py", title=t("page.panduan", lang), icon=":material/menu_book:", url_path="panduan"),
    st.Page("pages/tentang.py", title=t("page.tentang", lang), icon=":material/info:", url_path="tentang"),
]
page = st.navigation(pages, position="top")

share.share_ui(source, page.url_path, lang)
downloads.downloads_ui(context)
st.title(t("app.title", lang))
st.caption(t("app.subtitle", lang))
widgets.upload_errors_ui(upload, source.dataset, lang)
share.source_notice_ui(source, lang)
version_ui.revised_notice_ui(source, lang)
page.run()
