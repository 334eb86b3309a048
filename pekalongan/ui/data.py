"""Where this session's dataset comes from: an upload (read once, saved to the store, its token put in the URL),
a shared link (`?data=<token>`), or the bundled sample.

`st.cache_resource` hands back the same Dataset object on every hit; `st.cache_data` would unpickle a full copy
of the frames on every rerun, which costs hundreds of milliseconds on a national-size file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace

import streamlit as st

from pekalongan.confidential import public_view
from pekalongan.errors import DatasetNotFound, StoreUnavailable
from pekalongan.ingest import Dataset, load, load_sample
from pekalongan.store import Opened, Saved, Store, configured_store

MAX_UPLOAD_MB = 200  # also `server.maxUploadSize`; the browser enforces that one, the server this one
UPLOAD_KEY = "unggahan"
UPLOAD_TYPES = ["csv", "txt", "tsv", "xlsx", "xlsm", "xls", "ods"]
TOKEN_PARAM = "data"
VERSION_PARAM = "v"  # a pinned version of a link's dataset; without it the link shows the latest
OPEN_TOKEN_KEY = "_tautan_dibuka"
SAVED_KEY = "_tersimpan"  # digest of the uploaded files -> Saved (the revocation key lives only here)
UNSAVED_KEY = "_tak_tersimpan"  # digest of the uploaded files -> StoreUnavailable, why it could not be saved


@dataclass(frozen=True)
class Upload:
    """The files this session uploaded (read lazily: a rerun must not copy or hash them again), and the ones
    refused for their size."""

    handles: tuple = field(default=(), repr=False)  # streamlit UploadedFile objects
    too_large: tuple[tuple[str, float], ...] = ()
    digest: str = ""

    @property
    def files(self) -> tuple[tuple[str, bytes], ...]:
        return tuple((f.name, f.getvalue()) for f in self.handles)


@dataclass(frozen=True)
class Source:
    """The dataset on screen and where it came from."""

    dataset: Dataset
    public: bool = False  # the confidential view of a shared link
    token: str | None = None  # the link's token, when the data is stored
    saved: Saved | None = None  # set in the uploader's own session: both links and the revocation key
    error: str | None = None  # why a link could not be opened
    store_error: StoreUnavailable | None = None  # why the upload could not be saved (the figures still show)
    version: int | None = None  # which version of the link's dataset is on screen
    latest: int | None = None  # the link's latest version


@st.cache_resource(show_spinner=False, max_entries=1)
def store() -> Store:
    return configured_store()


@st.cache_resource(show_spinner=False, max_entries=1)
def sample_dataset() -> Dataset:
    """The bundled sample, read once per server process."""
    return load_sample()


@st.cache_resource(show_spinner=False, max_entries=4, ttl=2 * 3600)
def uploaded_dataset(digest: str, _upload: Upload) -> Dataset:
    """Read a set of uploaded files once; later reruns and other sessions with the same files reuse it."""
    return load(_upload.files)


@st.cache_resource(show_spinner=False, max_entries=8, ttl=600)
def linked_dataset(token: str, version: int | None = None) -> Opened:
    """Open a shared link once per token (re-checked every ten minutes, so revocation and expiry take effect;
    cleared at once when this server publishes a new version)."""
    opened = store().open(token, version)
    if opened.public:
        dataset = opened.dataset
        opened = replace(opened, dataset=replace(dataset, records=public_view(dataset.records)))
    return opened


def upload_key() -> str:
    """The uploader's widget key; a new one empties the box (after a revocation)."""
    return f"{UPLOAD_KEY}_{st.session_state.get('_putaran_unggah', 0)}"


def forget_upload() -> None:
    st.session_state["_putaran_unggah"] = st.session_state.get("_putaran_unggah", 0) + 1


def current_upload() -> Upload:
    """What the uploader widget holds now (sizes checked here too: the browser's limit is only advisory)."""
    uploaded = st.session_state.get(upload_key()) or []
    handles = tuple(f for f in uploaded if f.size <= MAX_UPLOAD_MB * 1e6)
    too_large = tuple((f.name, f.size / 1e6) for f in uploaded if f.size > MAX_UPLOAD_MB * 1e6)
    return Upload(handles, too_large, _digest(handles))


def _digest(handles: tuple) -> str:
    """The content hash of the uploaded files, computed once per upload (hashing 100 MB costs ~0.3 s a rerun)."""
    if not handles:
        return ""
    memo = st.session_state.setdefault("_sidik", {})
    ids = tuple((f.file_id, f.size) for f in handles)
    if ids not in memo:
        h = hashlib.sha256()
        for f in handles:
            h.update(f.name.encode("utf-8", "replace") + b"\0" + hashlib.sha256(f.getbuffer()).digest())
        memo.clear()  # only the current upload's digest is worth keeping
        memo[ids] = h.hexdigest()
    return memo[ids]


def _share(upload: Upload, dataset: Dataset) -> Saved | StoreUnavailable:
    """Save an upload to the store once per session, and remember its links and revocation key (or why it could
    not be saved: a full disk is not retried on every click; a new upload tries again)."""
    saved = st.session_state.setdefault(SAVED_KEY, {})
    failed = st.session_state.setdefault(UNSAVED_KEY, {})
    if upload.digest not in saved and upload.digest not in failed:
        try:
            saved[upload.digest] = store().save(dataset, upload.files)  # the files kept: a month can be appended later
        except StoreUnavailable as exc:  # logged by the store for the administrator
            failed.clear()
            failed[upload.digest] = exc
    return saved.get(upload.digest) or failed[upload.digest]


def current_source(upload: Upload) -> Source:
    """The upload, else the shared link in the URL, else the sample."""
    if upload.handles:
        dataset = uploaded_dataset(upload.digest, upload)
        if dataset.is_empty:
            return Source(dataset)
        saved = _share(upload, dataset)
        if isinstance(saved, StoreUnavailable):
            if TOKEN_PARAM in st.query_params:  # the address must not go on sharing a link opened before
                del st.query_params[TOKEN_PARAM]
            return Source(dataset, store_error=saved)
        if st.query_params.get(TOKEN_PARAM) != saved.token:
            st.query_params[TOKEN_PARAM] = saved.token
        return Source(dataset, token=saved.token, saved=saved)
    # Streamlit keeps only widget-bound parameters when the top navigation changes page: remember the link's token
    # for the session and put it back, or a colleague would fall back to the sample on their first click.
    token = st.query_params.get(TOKEN_PARAM) or st.session_state.get(OPEN_TOKEN_KEY)
    if token:
        st.session_state[OPEN_TOKEN_KEY] = token
        if st.query_params.get(TOKEN_PARAM) != token:
            st.query_params[TOKEN_PARAM] = token
        try:
            # The latest version's number is read on every run: the cache is keyed by it, so a version published
            # by any server shows on the next page view, and a revoked link fails at once.
            opened = linked_dataset(token, pinned_version() or store().latest_version(token))
        except DatasetNotFound as exc:
            st.session_state.pop(OPEN_TOKEN_KEY, None)
            return Source(sample_dataset(), error=str(exc))
        mine = next((s for s in st.session_state.get(SAVED_KEY, {}).values() if s.token == token), None)
        return Source(opened.dataset, public=opened.public, token=token, saved=mine, version=opened.version,
                      latest=opened.latest)
    return Source(sample_dataset())


def pinned_version() -> int | None:
    """`v=3` in the address (kept for the session, as the token is) -> 3; absent or not a number -> None."""
    raw = st.query_params.get(VERSION_PARAM) or st.session_state.get("_versi_dibuka")
    if raw is None or not str(raw).isdigit():
        st.session_state.pop("_versi_dibuka", None)
        return None
    st.session_state["_versi_dibuka"] = str(raw)
    if st.query_params.get(VERSION_PARAM) != str(raw):
        st.query_params[VERSION_PARAM] = str(raw)
    return int(raw)


def revoke(token: str, key: str) -> bool:
    """Revoke a link; forget cached copies so no session keeps showing it."""
    done = store().revoke(token, key)
    if done:
        linked_dataset.clear()
        st.session_state[SAVED_KEY] = {d: s for d, s in st.session_state.get(SAVED_KEY, {}).items()
                                       if s.token != token}
        if st.query_params.get(TOKEN_PARAM) == token:
            del st.query_params[TOKEN_PARAM]
        if st.session_state.get(OPEN_TOKEN_KEY) == token:
            del st.session_state[OPEN_TOKEN_KEY]
    return done
