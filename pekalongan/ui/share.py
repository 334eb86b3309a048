"""Share links: the address bar is the link (token, page, filters, language); this panel shows it to copy, with
the public (confidential) variant and the revocation key, which only the uploader's session ever sees."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st

from pekalongan.filters import QUERY_KEYS
from pekalongan.i18n import t
from pekalongan.ui import data
from pekalongan.ui.data import TOKEN_PARAM, Source
from pekalongan.ui.widgets import plain


def share_link(token: str, page_path: str, public: bool = False) -> str:
    """The address of this view with another token: same page, filters and language (a public link never
    carries an exporter filter: it would name the exporter)."""
    params = {key: st.query_params.get_all(key) for key in st.query_params
              if not (public and key == QUERY_KEYS["exporters"])}
    params[TOKEN_PARAM] = [token]
    query = urlencode(params, doseq=True)
    current = urlsplit(st.context.url or "")
    path = current.path or "/"
    if page_path and path.rstrip("/").endswith("/" + page_path):
        path = path.rstrip("/")[: -len(page_path) - 1]
    path = path.rstrip("/") + "/" + page_path
    if not current.netloc:
        return f"{path}?{query}"
    return urlunsplit((current.scheme, current.netloc, path, query, ""))


def share_ui(source: Source, page_path: str, lang: str) -> None:
    """The "Bagikan" panel in the sidebar, when the data on screen is stored behind a token."""
    if source.token is None:
        return
    with st.sidebar.expander(t("share.title", lang), icon=":material/share:"):
        if source.public:
            st.caption(t("share.public_only", lang))
            st.code(share_link(source.token, page_path, public=True), language=None, wrap_lines=True)
            return
        st.caption(t("share.full_label", lang))
        st.code(share_link(source.token, page_path), language=None, wrap_lines=True)
        if source.saved is not None:
            st.caption(t("share.public_label", lang))
            st.code(share_link(source.saved.public_token, page_path, public=True), language=None, wrap_lines=True)
            st.caption(t("share.revoke_key_label", lang))
            st.code(source.saved.revoke_key, language=None)
            if st.button(t("share.revoke", lang), icon=":material/link_off:", key="cabut"):
                data.revoke(source.token, source.saved.revoke_key)
                data.forget_upload()
                st.rerun()
        else:
            key = st.text_input(t("share.revoke_key_input", lang), type="password", key="kunci_cabut")
            if st.button(t("share.revoke", lang), icon=":material/link_off:", key="cabut_dengan_kunci") and key:
                if data.revoke(source.token, key.strip()):
                    st.rerun()
                st.error(t("share.revoke_wrong", lang))


def source_notice_ui(source: Source, lang: str) -> None:
    """What the official is looking at: the sample, a link that no longer works, the public view."""
    if source.error:
        st.warning(source.error)
    if source.store_error is not None:
        st.warning(t(source.store_error.code, lang, **source.store_error.params), icon=":material/cloud_off:")
    if source.public:
        st.info(t("share.public_notice", lang), icon=":material/visibility_off:")
    elif source.dataset.is_sample:
        st.info(t("app.sample_notice", lang))
    if not source.dataset.is_sample and not source.public:
        read = [f.file for f in source.dataset.report.files if not f.error]  # a file that failed gave nothing
        if read:
            st.sidebar.caption(t("upload.source_files", lang, files=plain(", ".join(read))))
