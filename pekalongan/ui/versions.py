"""Versions in the app: the list of a link's versions, what changed between two, the links to share ("selalu
terbaru" / "versi ini"), and the owner's panel that publishes a new version behind the same link."""

from __future__ import annotations

import hashlib

import polars as pl
import streamlit as st

from pekalongan import publish, rollup
from pekalongan.address import SEEN, VERSION
from pekalongan.errors import DatasetNotFound, PekalonganError
from pekalongan.filters import Filters
from pekalongan.format import number_id, usd
from pekalongan.i18n import t
from pekalongan.revisions import Marks, baseline, describe
from pekalongan.store import APPEND, REPLACE, VersionInfo
from pekalongan.ui import data, state
from pekalongan.ui.data import Source
from pekalongan.ui.share import share_link
from pekalongan.ui.state import DRAFT_KEY, PUBLISHED_KEY, VERSION_ROUND_KEY
from pekalongan.ui.widgets import plain


def yearly(records: pl.DataFrame) -> dict[int, float]:
    """records -> {year: USD}, for the draft's check and the tests."""
    if records.is_empty():
        return {}
    sums = records.group_by("year").agg(pl.col("value_usd").sum()).sort("year")
    return {int(y): float(v) for y, v in sums.iter_rows()}


def versions_list_ui(source: Source, lang: str) -> list[VersionInfo]:
    """The table of versions; -> the versions (empty when the data on screen is not behind a link)."""
    if source.token is None:
        st.info(t("versions.no_link", lang))
        return []
    try:
        listing = data.store().versions(source.token)
    except DatasetNotFound as exc:
        st.warning(exc.render(lang))
        return []
    table = pl.DataFrame({
        t("versions.col.number", lang): [v.number for v in listing],
        t("versions.col.published", lang): [v.published for v in listing],
        t("versions.col.mode", lang): [t(f"versions.mode.{v.mode}", lang) for v in listing],
        t("versions.col.rows", lang): [v.rows_kept for v in listing],
        t("versions.col.files", lang): [", ".join(v.files) for v in listing],
    })
    st.dataframe(table, hide_index=True, key="daftar_versi")
    return listing


def diff_ui(source: Source, listing: list[VersionInfo], lang: str) -> pl.DataFrame | None:
    """Two versions chosen, the figures that changed between them; -> the revisions table."""
    numbers = [v.number for v in listing]
    if len(numbers) < 2:
        st.caption(t("versions.only_one", lang))
        return None
    left, right = st.columns(2)
    old = left.selectbox(t("versions.old", lang), numbers, index=len(numbers) - 2, key="versi_lama")
    new = right.selectbox(t("versions.new", lang), numbers, index=len(numbers) - 1, key="versi_baru")
    store = data.store()
    table = rollup.revised(store.open(source.token, old).dataset, store.open(source.token, new).dataset)
    if source.public:  # a public view shows only protected tables: no unprotected difference either
        st.caption(t("versions.public_no_diff", lang))
        return None
    if table.is_empty():
        st.success(t("revisions.none", lang, old=old, new=new))
        return table
    st.markdown(t("revisions.title", lang, old=old, new=new))
    st.markdown("\n".join(f"- {plain(describe(row, lang))}" for row in table.iter_rows(named=True)))
    return table


def share_version_ui(source: Source, page_path: str, lang: str) -> None:
    """The share choice: a link that always shows the latest version, or one pinned to the version on screen."""
    if source.token is None or source.version is None:
        return
    choice = st.radio(t("versions.share_choice", lang), ["latest", "this"], horizontal=True, key="bagikan_versi",
                      format_func=lambda c: t(f"versions.share.{c}", lang, version=source.version))
    tokens = [source.token] if source.public or source.saved is None else [source.token, source.saved.public_token]
    # This view's link, as written, without the viewer's own memory of what they saw
    params = {key: st.query_params.get_all(key) for key in st.query_params if key != SEEN}
    for token in tokens:
        link = share_link(params, token, page_path, public=source.public or token != source.token)
        link = _with_version(link, source.version if choice == "this" else None)
        st.code(link, language=None, wrap_lines=True)


def _with_version(link: str, version: int | None) -> str:
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    parts = urlsplit(link)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != VERSION]
    if version is not None:
        query.append((VERSION, str(version)))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def publish_ui(source: Source, lang: str) -> None:
    """The owner's panel: files and a mode, the reading checked, then published behind the same link."""
    if PUBLISHED_KEY in st.session_state:
        st.success(t("versions.published", lang, version=st.session_state.pop(PUBLISHED_KEY)))
    if source.token is None or source.public:
        return
    st.subheader(t("versions.publish_title", lang))
    key = source.saved.owner_key if source.saved is not None else st.text_input(
        t("versions.owner_key", lang), type="password", key="kunci_pemilik")
    mode = st.radio(t("versions.mode_choice", lang), [APPEND, REPLACE], key="cara_versi",
                    format_func=lambda m: t(f"versions.choice.{m}", lang))
    round_ = st.session_state.get(VERSION_ROUND_KEY, 0)  # a new key empties the box after a publish
    uploaded = st.file_uploader(t("versions.files", lang), accept_multiple_files=True, key=f"berkas_versi_{round_}",
                                type=data.UPLOAD_TYPES)
    if not uploaded:
        return
    files = [(f.name, f.getvalue()) for f in uploaded]
    ready = _draft(source.token, files, mode, lang)
    if ready is None:
        return
    st.markdown(t("versions.draft", lang, base=ready.base, files=plain(", ".join(ready.files)),
                  rows=number_id(ready.dataset.report.rows_kept, 0, lang)))
    st.markdown("\n".join(f"- {year}: {usd(value, lang)}" for year, value in yearly(ready.dataset.records).items()))
    for _, message in ready.dataset.report.errors_in(lang):
        st.error(message)
    for year, month, names in ready.overlaps:
        st.warning(t("versions.overlap", lang, year=year, month=month, files=plain(", ".join(names))))
    if st.button(t("versions.publish", lang), icon=":material/publish:", key="terbitkan_versi",
                 disabled=ready.dataset.is_empty or not key):
        try:
            published = publish.publish(data.store(), source.token, key.strip(), ready)
        except PekalonganError as exc:
            code = getattr(exc, "code", None)
            st.error(t(code, lang, **exc.params) if code else str(exc))
            return
        _after_publish(source.token, published.version)


def _draft(token: str, files: list[tuple[str, bytes]], mode: str, lang: str) -> publish.Draft | None:
    """The draft for these files, read once per set of files and mode."""
    digest = hashlib.sha256(mode.encode() + b"".join(n.encode() + b"\0" + hashlib.sha256(b).digest()
                                                   for n, b in files)).hexdigest()
    drafts = st.session_state.setdefault(DRAFT_KEY, {})
    if digest not in drafts:
        try:
            drafts.clear()
            drafts[digest] = publish.draft(data.store(), token, files, mode)
        except PekalonganError as exc:
            code = getattr(exc, "code", None)
            st.error(t(code, lang, **exc.params) if code else str(exc))
            return None
    return drafts[digest]


def _after_publish(token: str, version: int) -> None:
    """Every session of this server sees the new version on its next run; this one shows the link's latest."""
    data.linked_dataset.clear()
    st.session_state.pop(DRAFT_KEY, None)
    st.session_state[PUBLISHED_KEY] = version
    st.session_state[VERSION_ROUND_KEY] = st.session_state.get(VERSION_ROUND_KEY, 0) + 1
    state.set_pinned_version(None)  # the address is written from these on the next run
    state.set_open_token(token)
    state.forget_upload()  # the upload box held version 1's files: the screen follows the link from now on
    st.rerun()


@st.cache_resource(show_spinner=False, max_entries=16, ttl=600)
def _revised(token: str, old: int, new: int, filters_key: str = "", _filters: Filters | None = None) -> pl.DataFrame:
    """The revisions between two versions of a link (of the records `_filters` selects, named by `filters_key`),
    computed once per server (versions never change)."""
    # The versions as the pages opened them (cached per token and version): a filter change reads no file again,
    # and a national dataset's figures come from its summaries.
    before, after = (data.linked_dataset(token, v).dataset for v in (old, new))
    return rollup.revised(before, after, _filters)


def page_marks(source: Source, filters: Filters) -> Marks | None:
    """The figures on screen revised since the version this viewer last saw (remembered in the address's
    `dilihat`), else since the previous version: the filters applied to both versions, so every card, year chart
    and year table finds its own figure. None when there is nothing to compare (an upload, version 1, a public
    view: it shows only protected tables, no unprotected revised figure)."""
    if source.token is None or source.version is None or source.public:
        return None
    seen = state.last_seen(source.token, source.version)
    since = baseline(source.version, seen)
    if since is None:
        return None
    try:
        table = _revised(source.token, since, source.version, repr(filters), filters)
    except DatasetNotFound:  # the version to compare with has expired
        return None
    return Marks.of(table, source.version, since, seen=seen is not None)


def revised_notice_ui(source: Source, marks: Marks | None, lang: str) -> None:
    """On every page: the yearly totals (of the whole dataset) revised since the version the marks compare with."""
    if marks is None:
        return
    try:
        table = _revised(source.token, marks.since, marks.version)
    except DatasetNotFound:
        return
    totals = table.filter(pl.col("dimension") == "total")
    if totals.is_empty():
        return
    lines = "\n".join(f"- {plain(describe(row, lang))}" for row in totals.iter_rows(named=True))
    key = "versions.revised_notice_seen" if marks.seen else "versions.revised_notice"
    st.info(t(key, lang, version=marks.version, previous=marks.since) + "\n\n" + lines, icon=":material/history:")


def revisi_ui(lang: str, page_path: str) -> None:
    """The "Revisi" page: versions, what changed, the share choice, the owner's panel."""
    source = data.current_source(data.current_upload())
    st.header(t("versions.title", lang))
    if source.version is not None:
        st.caption(t("versions.showing", lang, version=source.version, latest=source.latest))
    listing = versions_list_ui(source, lang)
    if listing:
        diff_ui(source, listing, lang)
        share_version_ui(source, page_path, lang)
    publish_ui(source, lang)
