"""What the administrator needs to see in the app itself: whether the dataset store can save (checked with a real
write), how full it is. Shown on the Tentang page; the same goes to the server log at start-up."""

from __future__ import annotations

import streamlit as st

from pekalongan.format import number_id
from pekalongan.i18n import t
from pekalongan.store import StoreStatus
from pekalongan.ui import data


def store_status_ui(lang: str) -> StoreStatus:
    """The store's status under a small heading: a caption when it can save, a warning when it cannot."""
    store = data.store()
    status = store.check()
    st.subheader(t("store.status.title", lang))
    if not status.writable:
        st.warning(t(f"store.status.{status.code}", lang), icon=":material/cloud_off:")
        return status

    def mb(size: float | None) -> str:
        return number_id(None if size is None else size / 1024**2, 1, lang)

    st.caption(t("store.status.ready", lang, datasets=status.datasets, used=mb(status.used_bytes),
                 cap=mb(status.max_bytes), free=mb(status.free_bytes), min_age=f"{store.min_age_seconds / 60:g}"))
    return status
