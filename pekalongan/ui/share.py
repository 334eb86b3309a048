"""Share links: the address bar is the link (token, page, language, filters, typed targets, as codes); this panel
shows it to copy, with the public (confidential) variant and the revocation key, which only the uploader's session
sees, or a session whose user types the key back in (after a reload, or on another machine)."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st

from pekalongan.address import SELECTION_KEYS, TOKEN
from pekalongan.i18n import t
from pekalongan.ui import data, state
from pekalongan.ui.data import Source
from pekalongan.ui.widgets import plain


def share_link(params: dict[str, list[str]], token: str, page_path: str, public: bool = False) -> str:
    """The address of this view (`params`, as written to the address bar) with `token`: same page and filters (a
    public link never carries an exporter filter: it would name the exporter)."""
    kept = {k: v for k, v in params.items() if not (public and k == SELECTION_KEYS["exporters"])}
    query = urlencode({**kept, TOKEN: [token]}, doseq=True)
    current = urlsplit(st.context.url or "")
    path = current.path or "/"
    if page_path and path.rstrip("/").endswith("/" + page_path):
        path = path.rstrip("/")[: -len(page_path) - 1]
    path = path.rstrip("/") + "/" + page_path
    if not current.netloc:
        return f"{path}?{query}"
    return urlunsplit((current.scheme, current.netloc, path, query, ""))


def share_ui(source: Source, params: dict[str, list[str]], page_path: str, lang: str) -> None:
    """The "Bagikan" panel in the sidebar, when the data on screen is stored behind a token."""
    if source.token is None:
        return
    with st.sidebar.expander(t("share.title", lang), icon=":material/share:", key=state.SHARE_PANEL_KEY):
        if source.public:
            st.caption(t("share.public_only", lang))
            st.code(share_link(params, source.token, page_path, public=True), language=None, wrap_lines=True)
            return
        st.caption(t("share.full_label", lang))
        st.code(share_link(params, source.token, page_path), language=None, wrap_lines=True)
        if source.saved is not None:
            _owner_ui(source, params, page_path, lang)
        else:
            _reclaim_ui(source, lang)


def _owner_ui(source: Source, params: dict[str, list[str]], page_path: str, lang: str) -> None:
    """The public link, the revocation key (to keep), and revocation after a confirmation."""
    st.caption(t("share.public_label", lang))
    st.code(share_link(params, source.saved.public_token, page_path, public=True), language=None, wrap_lines=True)
    st.caption(t("share.revoke_key_label", lang))
    st.code(source.saved.revoke_key, language=None)
    st.warning(t("share.keep_key", lang), icon=":material/key:")
    if not state.asking_to_revoke():
        if st.button(t("share.revoke", lang), icon=":material/link_off:", key="cabut"):
            state.ask_to_revoke(True)
            st.rerun()
        return
    st.error(t("share.revoke_confirm", lang))
    yes, no = st.columns(2)
    if yes.button(t("share.revoke_yes", lang), type="primary", key="cabut_ya"):
        state.ask_to_revoke(False)
        if data.revoke(source.token, source.saved.revoke_key):
            state.mark_revoked()
            state.forget_upload()
        st.rerun()
    if no.button(t("share.revoke_no", lang), key="cabut_batal"):
        state.ask_to_revoke(False)
        st.rerun()


def _reclaim_ui(source: Source, lang: str) -> None:
    """Whoever holds the full link sees only it; the uploader gets the rest back with their key."""
    st.caption(t("share.reclaim_help", lang))
    key = st.text_input(t("share.revoke_key_input", lang), type="password", key=state.REVOKE_KEY_INPUT)
    if st.button(t("share.show_links", lang), icon=":material/key:", key="tunjukkan_tautan") and key:
        if data.reclaim(source.token, key.strip()) is not None:
            st.rerun()
        st.error(t("share.revoke_wrong", lang))


def source_notice_ui(source: Source, lang: str) -> None:
    """What the official is looking at: the sample, a link that no longer works, the public view."""
    if state.just_revoked():
        st.success(t("share.revoked", lang), icon=":material/link_off:")
    elif source.error:
        st.warning(source.error.render(lang))
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
