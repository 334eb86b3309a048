"""Getting the dataset for this session: the upload (read once per distinct set of files) or the sample.

`st.cache_resource` hands back the same Dataset object on every hit; `st.cache_data` would unpickle a full copy
of the frames on every rerun, which costs hundreds of milliseconds on a national-size file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import streamlit as st

from pekalongan.ingest import Dataset, load, load_sample

MAX_UPLOAD_MB = 50  # also `server.maxUploadSize`; the browser enforces that one, the server this one
UPLOAD_KEY = "unggahan"
UPLOAD_TYPES = ["csv", "txt", "tsv", "xlsx", "xlsm", "xls", "ods"]


@dataclass(frozen=True)
class Upload:
    """The files this session uploaded, and the ones refused for their size."""

    files: tuple[tuple[str, bytes], ...]
    too_large: tuple[tuple[str, float], ...]

    @property
    def digest(self) -> str:
        h = hashlib.sha256()
        for name, data in self.files:
            h.update(name.encode("utf-8", "replace") + b"\0" + hashlib.sha256(data).digest())
        return h.hexdigest()


@st.cache_resource(show_spinner=False, max_entries=1)
def sample_dataset() -> Dataset:
    """The bundled sample, read once per server process."""
    return load_sample()


@st.cache_resource(show_spinner=False, max_entries=32, ttl=6 * 3600)
def uploaded_dataset(digest: str, _files: tuple[tuple[str, bytes], ...]) -> Dataset:
    """Read a set of uploaded files once; later reruns and other sessions with the same files reuse it."""
    return load(_files)


def current_upload() -> Upload:
    """What the uploader widget holds now (sizes checked here too: the browser's limit is only advisory)."""
    uploaded = st.session_state.get(UPLOAD_KEY) or []
    files, too_large = [], []
    for f in uploaded:
        size_mb = f.size / 1e6
        if size_mb > MAX_UPLOAD_MB:
            too_large.append((f.name, size_mb))
        else:
            files.append((f.name, f.getvalue()))
    return Upload(tuple(files), tuple(too_large))


def current_dataset(upload: Upload) -> Dataset:
    """The uploaded files' dataset, or the sample when nothing usable was uploaded."""
    if not upload.files:
        return sample_dataset()
    return uploaded_dataset(upload.digest, upload.files)
