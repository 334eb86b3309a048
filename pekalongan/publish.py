"""A new version of a stored dataset: the files read exactly as an upload is, either on their own (a full
replacement) or with the files of the version it builds on (appending a month, or correcting one file by
uploading it again under the same name).

Two steps, so the uploader checks the reading before anything changes: `draft` reads, `publish` commits. The draft
names the version it was built on; if another version was published meanwhile, the store refuses the draft
(`PublishRefused`, ``versions.conflict``) instead of hiding the other one's month.

Overlapping months: the combined files go through `ingest.load`, so whatever rule the reader has for a month that
two files both hold is the rule here. This module only makes sure one file is never counted twice: a file with
the same name as a previous one replaces it (the corrected recap), in its place.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import polars as pl

from pekalongan.dataset import Dataset
from pekalongan.errors import PublishRefused
from pekalongan.ingest import load
from pekalongan.schema import Column
from pekalongan.store import APPEND, NO_SOURCES, REPLACE, Published, Store

MODES = (APPEND, REPLACE)


@dataclass(frozen=True)
class Draft:
    """A version ready to publish: what it reads as, the files it keeps, the version it builds on."""

    dataset: Dataset
    sources: tuple[tuple[str, bytes], ...]
    base: int
    mode: str  # APPEND or REPLACE

    @property
    def files(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.sources)

    @property
    def overlaps(self) -> list[tuple[int, int, tuple[str, ...]]]:
        return overlapping_months(self.dataset)


def overlapping_months(dataset: Dataset) -> list[tuple[int, int, tuple[str, ...]]]:
    """The months whose shipments come from more than one file, as (year, month, files): a cumulative recap added
    to the monthly one it contains would count that month twice, unless the reader's overlap rule took one. Shown
    to the uploader before publishing; [] when no month is in two files."""
    records = dataset.records
    if records.is_empty() or records.get_column(Column.MONTH).null_count() == records.height:
        return []
    months = (
        records.filter(pl.col(Column.MONTH).is_not_null())
        .group_by(Column.YEAR, Column.MONTH)
        .agg(pl.col(Column.SOURCE_FILE).cast(pl.String).unique().sort().alias("files"))
        .filter(pl.col("files").list.len() > 1)
        .sort(Column.YEAR, Column.MONTH)
    )
    return [(int(y), int(m), tuple(f)) for y, m, f in months.iter_rows()]


def combine(previous: Sequence[tuple[str, bytes]], new: Iterable[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """[(a, 1), (b, 2)] + [(b, 3), (c, 4)] -> [(a, 1), (b, 3), (c, 4)]: a file named again replaces the old one in
    its place; new names go at the end, in upload order."""
    fresh = dict(new)
    combined = [(name, fresh.pop(name, data)) for name, data in previous]
    return combined + list(fresh.items())


def draft(store: Store, token: str, files: Iterable[tuple[str, bytes]], mode: str = APPEND) -> Draft:
    """(the link's token, the uploaded files, APPEND or REPLACE) -> Draft, read but not published. APPEND on a
    version that keeps no files (stored before versions) is PublishRefused (``versions.no_sources``)."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    files = list(files)
    latest = store.open(token)
    combined = files
    if mode == APPEND:
        previous = store.sources(token, latest.version)
        if not previous:
            raise PublishRefused(NO_SOURCES, version=latest.version)
        combined = combine(previous, files)
    # The files kept from the previous version are read as its plan says (corrected in Periksa Pembacaan); the
    # years two files cover are decided afresh, as the new files may change which one counts.
    kept = latest.dataset.plan if mode == APPEND else None
    plan = replace(kept, overlap={}, count_all=False) if kept is not None else None
    return Draft(load(combined, plan=plan), tuple(combined), latest.version, mode)


def publish(store: Store, token: str, owner_key: str, ready: Draft) -> Published:
    """Commit a draft as the dataset's next version, if it is still built on the latest one."""
    return store.publish(token, owner_key, ready.dataset, ready.sources, base=ready.base, mode=ready.mode)
