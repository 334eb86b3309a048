"""Dasbor Ekspor Kota Pekalongan: the frame every page shares (language, upload box, share link, filters)."""

# Whole before any session runs further: altair and narwhals look pandas up in sys.modules without importing it,
# and sessions starting together on a cold server would find it there half imported (an AttributeError inside
# altair). An `import` statement waits for another thread's import to finish; a look-up does not.
import pandas  # noqa: F401
import streamlit as st

from pekalongan import address
from pekalongan.i18n import t
from pekalongan.ui import data, downloads, share, state, widgets
from pekalongan.ui import versions as version_ui

# A local icon: a ":material/...:" page icon makes every visitor's browser fetch it from Google's font servers.
st.set_page_config(page_title="Dasbor Ekspor Kota Pekalongan", page_icon="static/favicon.png", layout="wide")
state.freeze_imports()
state.read_address()

lang = widgets.language_ui()
widgets.upload_ui(lang)
upload = data.current_upload()
with st.spinner(t("upload.reading", lang)):
    source = data.current_source(upload)
filters = widgets.filters_ui(source.dataset, source.key, lang, public=source.public)
choices = widgets.dataset_choices(source.key, source.dataset)
typed = state.typed_targets(source.key)
targets = address.with_typed_targets(source.dataset.targets, typed, choices.years)
marks = version_ui.page_marks(source, filters)
context = state.Context(source.dataset, filters, lang, public=source.public, key=source.key, targets=targets,
                        typed=typed, marks=marks)
state.set_context(context)
link = address.address(source.token, lang, filters, choices, typed, version=source.pinned)
state.write_address(address.with_seen(link, source.version))  # a reload remembers what this tab showed

pages = [
    st.Page("app_pages/ringkasan.py", title=t("page.ringkasan", lang), icon=":material/dashboard:",
            url_path="ringkasan", default=True),
    st.Page("app_pages/komoditi.py", title=t("page.komoditi", lang), icon=":material/category:", url_path="komoditi"),
    st.Page("app_pages/negara.py", title=t("page.negara", lang), icon=":material/public:", url_path="negara"),
    st.Page("app_pages/eksportir.py", title=t("page.eksportir", lang), icon=":material/factory:",
            url_path="eksportir"),
    st.Page("app_pages/bulanan.py", title=t("page.bulanan", lang), icon=":material/calendar_month:",
            url_path="bulanan"),
    st.Page("app_pages/kualitas.py", title=t("page.kualitas", lang), icon=":material/fact_check:",
            url_path="kualitas"),
    st.Page("app_pages/periksa.py", title=t("page.periksa", lang), icon=":material/tune:",
            url_path="periksa"),
    st.Page("app_pages/revisi.py", title=t("page.revisi", lang), icon=":material/history:", url_path="revisi"),
    st.Page("app_pages/panduan.py", title=t("page.panduan", lang), icon=":material/menu_book:", url_path="panduan"),
    st.Page("app_pages/tentang.py", title=t("page.tentang", lang), icon=":material/info:", url_path="tentang"),
]
page = st.navigation(pages, position="top")

share.share_ui(source, link, page.url_path, lang)
downloads.downloads_ui(context)
# A phone folds the top navigation behind an unlabelled icon: a labelled menu of the pages sits above every page.
# One line for the app's name: on a 1366x768 laptop the headline and the first chart must fit the first screen.
with st.container(horizontal=True, vertical_alignment="center"):
    widgets.page_menu_ui(pages, page, lang)
    st.caption(f"**{t('app.title', lang)}** · {t('app.subtitle', lang)}")
widgets.upload_errors_ui(upload, source.dataset, lang)
share.source_notice_ui(source, lang)
version_ui.revised_notice_ui(source, marks, lang)
page.run()
