"""Where this session's dataset comes from: an upload (read once, saved to the store, its token put in the URL),
a shared link (`?data=<token>`), or the bundled sample.

`st.cache_resource` hands back the same Dataset object on every hit; `st.cache_data` would unpickle a full copy
of the frames on every rerun, which costs hundreds of milliseconds on a national-size file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace

import streamlit as st

from pekalongan.confidential import public_dataset
from pekalongan.errors import DatasetNotFound, PekalonganError, StoreUnavailable
from pekalongan.ingest import Dataset, load, load_sample
from pekalongan.plan import ReadingPlan, to_json
from pekalongan.store import Opened, Saved, Store, configured_store
from pekalongan.ui import state

MAX_UPLOAD_MB = 200  # also `server.maxUploadSize`; the browser enforces that one, the server this one
UPLOAD_TYPES = ["csv", "txt", "tsv", "xlsx", "xlsm", "xls", "ods"]


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
    error: PekalonganError | None = None  # why a link could not be opened (said in the reader's language)
    store_error: StoreUnavailable | None = None  # why the upload could not be saved (the figures still show)
    key: str = "sample"  # names the dataset for caches: 'sample', 'upload:<digest>' or 'link:<token>'
    version: int | None = None  # which version of the link's dataset is on screen
    latest: int | None = None  # the link's latest version
    pinned: int | None = None  # the version the link pins (`v=3`); None: the link follows the latest


@st.cache_resource(show_spinner=False, max_entries=1)
def store() -> Store:
    return configured_store()


@st.cache_resource(show_spinner=False, max_entries=1)
def sample_dataset() -> Dataset:
    """The bundled sample, read once per server process."""
    return load_sample()


@st.cache_resource(show_spinner=False, max_entries=4, ttl=2 * 3600)
def uploaded_dataset(digest: str, _upload: Upload, plan_key: str = "", _plan: ReadingPlan | None = None) -> Dataset:
    """Read a set of uploaded files once (with the reading plan the official corrected, `plan_key` naming it);
    later reruns and other sessions with the same files and plan reuse it."""
    return load(_upload.files, plan=_plan)


def _plan_key(plan: ReadingPlan | None) -> str:
    return "" if plan is None else hashlib.sha256(to_json(plan).encode("utf-8")).hexdigest()[:16]


@st.cache_resource(show_spinner=False, max_entries=8, ttl=600)
def linked_dataset(token: str, version: int | None = None) -> Opened:
    """Open a shared link once per token and version (re-checked every ten minutes, so revocation and expiry take
    effect; cleared at once when this server publishes a new version)."""
    opened = store().open(token, version)
    if opened.public:  # protected tables only
        opened = replace(opened, dataset=protected_dataset(token, opened.version, opened.dataset))
    return opened


@st.cache_resource(show_spinner=False, max_entries=8)
def protected_dataset(token: str, version: int | None, _dataset: Dataset) -> Dataset:
    """Disclosure control runs once per public token and version (seconds of linear programming), not every ten
    minutes."""
    return public_dataset(_dataset)


def current_upload() -> Upload:
    """What the uploader widget holds now (sizes checked here too: the browser's limit is only advisory)."""
    uploaded = state.widget_value(state.upload_key()) or []
    handles = tuple(f for f in uploaded if f.size <= MAX_UPLOAD_MB * 1e6)
    too_large = tuple((f.name, f.size / 1e6) for f in uploaded if f.size > MAX_UPLOAD_MB * 1e6)
    return Upload(handles, too_large, _digest(handles))


def _digest(handles: tuple) -> str:
    """The content hash of the uploaded files, computed once per upload (hashing 100 MB costs ~0.3 s a rerun)."""
    if not handles:
        return ""
    memo = state.digest_memo()
    ids = tuple((f.file_id, f.size) for f in handles)
    if ids not in memo:
        h = hashlib.sha256()
        for f in handles:
            h.update(f.name.encode("utf-8", "replace") + b"\0" + hashlib.sha256(f.getbuffer()).digest())
        memo.clear()  # only the current upload's digest is worth keeping
        memo[ids] = h.hexdigest()
    return memo[ids]


def _share(upload: Upload, dataset: Dataset, key: str) -> Saved | StoreUnavailable:
    """Save an upload (as read with its plan: `key`) to the store once per session, and remember its links and
    revocation key (or why it could not be saved: a full disk is not retried on every click; a new upload tries
    again)."""
    saved, failed = state.saved_links(), state.unsaved_uploads()
    if key not in saved and key not in failed:
        try:
            saved[key] = store().save(dataset, upload.files)  # the files kept: a month can be appended later
        except StoreUnavailable as exc:  # logged by the store for the administrator
            failed.clear()
            failed[key] = exc
    return saved.get(key) or failed[key]


def current_source(upload: Upload) -> Source:
    """The upload, else the shared link the session was opened with, else the sample."""
    if upload.handles:
        plan = state.reading_plan(upload.digest)
        plan_key = _plan_key(plan)
        dataset = uploaded_dataset(upload.digest, upload, plan_key, plan)
        # A corrected reading is another dataset: saved under a link of its own, which shows the corrected figures.
        key = f"upload:{upload.digest}" + (f":{plan_key}" if plan_key else "")
        if dataset.is_empty:
            return Source(dataset, key=key)
        saved = _share(upload, dataset, key)
        if isinstance(saved, StoreUnavailable):  # the figures still show; no link is made, none is shared
            return Source(dataset, store_error=saved, key=key)
        return Source(dataset, token=saved.token, saved=saved, key=key)
    token = state.open_token()
    if token:
        try:
            # The latest version's number is read on every run: the cache is keyed by it, so a version published
            # by any server shows on the next page view, and a revoked link fails at once.
            opened = linked_dataset(token, state.pinned_version() or store().latest_version(token))
        except DatasetNotFound as exc:
            state.set_open_token(None)
            return Source(sample_dataset(), error=exc)
        mine = next((s for s in state.saved_links().values() if s.token == token), None)
        return Source(opened.dataset, public=opened.public, token=token, saved=mine,
                      key=f"link:{token}@{opened.version}", version=opened.version, latest=opened.latest,
                      pinned=state.pinned_version())
    return Source(sample_dataset())


def reclaim(token: str, key: str) -> Saved | None:
    """The revocation key typed back in (after a reload, or on another machine): both links again, if it fits."""
    saved = store().reclaim(token, key)
    if saved is not None:
        state.saved_links()[f"link:{token}"] = saved
    return saved


def revoke(token: str, key: str) -> bool:
    """Revoke a link; forget cached copies so no session keeps showing it."""
    done = store().revoke(token, key)
    if done:
        linked_dataset.clear()
        state.forget_links(token)
        if state.open_token() == token:
            state.set_open_token(None)
    return done
