"""The dataset store: cleaned uploads on disk, behind unguessable tokens, so a link opens the same data elsewhere;
a dataset has versions, published one after another behind the same link, every one immutable and kept.

Layout under the store's root (``PEKALONGAN_STORE``, default ``~/.local/share/dasbor-ekspor-pekalongan``)::

    datasets/<id>/dataset.json              the dataset record: its versions, its tokens, the hash of its owner key
    datasets/<id>/parts/<part>/             one version's files, never changed once written:
        records.parquet targets.parquet       the canonical records, targets and exchange rates
        rows.parquet names.parquet            every rejected or skipped row with its reason; names not recognised
        source-0 source-1 ...                 the uploaded files as they came (their names are in the manifest)
    datasets/<id>/versions/<n>.json         version n's manifest, written LAST and never overwritten: files,
                                            dates, detections, warnings, each part file's size and sha256
    tokens/<token>.json                     {"id": <id>, "view": "full" | "public"}
    lock                                    held (flock) while datasets, versions and tokens appear or go

A version exists when its manifest does; the manifest is the commit point. A new dataset is written whole into
``tmp/`` and renamed into ``datasets/`` (rename is atomic on one file system), then its tokens are written the same
way. A new version's part is written whole into ``tmp/`` and renamed into ``parts/``, then its manifest is created
(``os.link``: create-only, it fails if version n exists), then the record is rewritten (``os.replace``). A crash at
any point leaves the previous version served and the store loadable; leftovers are swept. On object storage the
same names work without a rename: upload the part's files under a fresh part name, then create the manifest with a
create-only write (``If-None-Match: *``); a second publisher of version n is refused and tries n+1.

The record's list of versions follows the manifests (it is repaired by the next publish or sweep if a crash fell
between the two); the manifests decide. Datasets stored before versions (format 1: the parquet files and a
``meta.json`` at the top of ``datasets/<id>/``) open as version 1; their first new version writes the record.

Tokens carry 192 random bits from `secrets`; the public view has its own token, so the full view cannot be
reached from it; both follow the version the link asks for (the latest, or a pinned ``v=3``). Files are readable
by the app's user only (600, folders 700).

What a save or a publish promises, whatever another process, the clock or a stored record does:

- It returns a link, or raises `StoreUnavailable` (disk full, size cap reached by young datasets, folder not
  writable) and logs why for the administrator; never a link to a dataset that is not there.
- Expiry and the size cap apply per version and never remove one younger than `min_age_seconds` (an hour by
  default), so a link just handed out keeps working; a dataset's latest version goes only with the whole dataset,
  and the size cap takes every older (superseded) version in the store before any dataset's latest. The size cap is checked and room is made under the lock, one save at a time: two
  savers cannot both count on the same free space or evict what the other just saved.
- A version's age is the youngest age any believable clock gives: its recorded wall-clock time, the kernel's boot
  clock (which nobody steps; only within one boot) and its manifest's file time; a dataset's age is its latest
  version's. A time in the future is not believed (and a record with no believable time counts as new), so a clock
  stepped back can make links live longer, never shorter; one stepped forward is caught by the boot clock. Without
  one (after a reboot, or several servers), a clock stepped forward by more than the minimum age can age datasets
  early: keep clocks in step (NTP).
- A record that cannot be read (garbage JSON, a `created` that is a list or `Infinity`, a stray file) is
  skipped and logged, never raised: nothing one dataset holds can stop another's save.
- Two publishers at once: both versions land, one after the other; or, when a publisher says which version it
  built on (`base`, as appending a month does) and another came first, a clear refusal (`PublishRefused`).
"""

from __future__ import annotations

import errno
import fcntl
import functools
import hashlib
import hmac
import io
import json
import logging
import math
import os
import re
import secrets
import shutil
import stat
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from pekalongan import rollup
from pekalongan.dataset import Dataset, LazyRecords
from pekalongan.errors import DatasetNotFound, PekalonganError, PublishRefused, StoreUnavailable
from pekalongan.i18n import t
from pekalongan.plan import plan_from_manifest, plan_to_manifest
from pekalongan.report import FileInfo, Report, SheetInfo
from pekalongan.schema import conform_records

if TYPE_CHECKING:
    from pekalongan.shared import SharedStore

log = logging.getLogger(__name__)

TOKEN_BYTES = 24  # 192 bits
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32}$")
MANIFEST_PATTERN = re.compile(r"^([1-9][0-9]{0,8})\.json$")
DEFAULT_MAX_AGE_DAYS = 180
DEFAULT_MAX_BYTES = 2 * 1024**3
DEFAULT_MIN_AGE_MINUTES = 60
ORPHAN_GRACE_SECONDS = 3600  # staging debris younger than this may still be being written by an older version
DANGLING_TOKEN_GRACE_SECONDS = 60
FUTURE_TOLERANCE_SECONDS = 300  # clocks of two machines, or one clock and its file system, may disagree this much
MAX_JSON_BYTES = 64 * 1024**2
PROBE_BYTES = 4096
FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
FULL, PUBLIC = "full", "public"
READY, STORE_FULL, STORE_UNWRITABLE = "store.ready", "store.full", "store.unwritable"
WRONG_KEY, CONFLICT, NO_SOURCES = "versions.wrong_key", "versions.conflict", "versions.no_sources"
FILE_MODE, FOLDER_MODE = 0o600, 0o700
FORMAT = 2
RECORD_FILE, LEGACY_META = "dataset.json", "meta.json"
RECORDS_FILE = "records.parquet"
FRAME_FILES = (RECORDS_FILE, "targets.parquet", "rows.parquet", "names.parquet")
DEFAULT_SUMMARY_ROWS = 1_000_000  # PEKALONGAN_SUMMARY_ROWS: a dataset this large gets summaries (pekalongan.rollup)
RECORDS_ROW_GROUP = 100_000  # rows per row group of a summarised dataset's records: what a drill-down skips by
NEW, REPLACE, APPEND = "new", "replace", "append"  # how a version came: the first one, a replacement, appended files
# Where a publish can be cut short (`Store(crash_at=...)` ends the process there, for the crash tests): the staging
# folder made, each file written, the lock taken, the part in place, the manifest created, the record rewritten.
PUBLISH_STEPS = ("staged", *FRAME_FILES, "sources", "locked", "part", "manifest", "record")
CRASH_STATUS = 70


def default_root() -> Path:
    """$PEKALONGAN_STORE, else the user's data directory: never inside the git tree."""
    configured = os.environ.get("PEKALONGAN_STORE")
    if configured:
        return Path(configured)
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "dasbor-ekspor-pekalongan"


def new_token() -> str:
    """-> 32 URL-safe characters, 192 bits from `secrets`, never starting with "-" (a command line would take
    `-Abc…` for an option)"""
    while (token := secrets.token_urlsafe(TOKEN_BYTES)).startswith("-"):
        continue
    return token


def valid_token(token: object) -> bool:
    """'AbC…' (32 URL-safe chars) -> True; '../etc', '', None -> False"""
    return isinstance(token, str) and TOKEN_PATTERN.fullmatch(token) is not None


BootTime = tuple[str, float]  # (this boot's id, seconds since boot)


@functools.cache
def _boot_id() -> str | None:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip() or None
    except OSError:
        return None


def system_boot_clock() -> BootTime | None:
    """-> (boot id, seconds since boot) from a clock nobody steps (Linux's CLOCK_BOOTTIME); None elsewhere."""
    boot_id = _boot_id()
    if boot_id is None or not hasattr(time, "CLOCK_BOOTTIME"):
        return None
    return boot_id, time.clock_gettime(time.CLOCK_BOOTTIME)


@dataclass(frozen=True)
class Saved:
    """What the uploader gets back: the two links' tokens and the key that revokes them (shown once). The key is
    also the dataset's owner key: it publishes new versions behind the same links."""

    token: str
    public_token: str
    revoke_key: str
    dataset_id: str

    @property
    def owner_key(self) -> str:
        return self.revoke_key


@dataclass(frozen=True)
class Published:
    """A new version behind a dataset's links: its number and the links (unchanged)."""

    dataset_id: str
    version: int
    token: str
    public_token: str | None


@dataclass(frozen=True)
class Opened:
    """A dataset opened from a token, and whether the token is the public (confidential) view; which version is
    shown, which is the latest, and whether the link pinned it."""

    dataset: Dataset
    public: bool
    token: str
    version: int = 1
    latest: int = 1
    pinned: bool = False


@dataclass(frozen=True)
class VersionInfo:
    """One published version as a list of versions shows it."""

    number: int
    published: str  # ISO time of the publication
    files: tuple[str, ...]
    mode: str  # NEW, REPLACE or APPEND
    rows_kept: int
    sources: int  # how many uploaded files it keeps (0 for a dataset stored before versions)
    size: int


@dataclass(frozen=True)
class VersionRecord:
    """One version as housekeeping sees it."""

    number: int
    size: int
    age: float
    openable: bool
    part: str | None  # its part folder; None for a format-1 dataset's version 1 (files at the top)


@dataclass(frozen=True)
class Record:
    """One entry of ``datasets/`` as housekeeping sees it, read defensively: any part of it may be broken."""

    dataset_id: str
    size: int
    age: float  # seconds: its latest version's youngest believable age; 0 when none is believable
    created: float | None  # the wall-clock time in its latest version's manifest, when that is a believable number
    problems: tuple[str, ...] = ()  # what could not be read or believed, for the administrator's log
    openable: bool = True  # False when no version can be read: no link can open it
    versions: tuple[VersionRecord, ...] = ()
    listed: tuple[int, ...] | None = None  # the versions its record names (None: no readable record)
    loose_parts: tuple[str, ...] = ()  # part folders no manifest names (a crash between part and manifest)

    @property
    def older(self) -> tuple[VersionRecord, ...]:
        """Every version but the latest readable one."""
        latest = max((v.number for v in self.versions if v.openable), default=None)
        return tuple(v for v in self.versions if v.number != latest)


@dataclass(frozen=True)
class SweepReport:
    """What one round of housekeeping removed, what it skipped, and what is left."""

    expired: list[str] = field(default_factory=list)
    evicted: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)  # complete datasets no token points at (a crash)
    broken: list[tuple[str, str]] = field(default_factory=list)  # (id, what is wrong), skipped and logged
    debris: int = 0  # staging leftovers, loose parts and tokens pointing nowhere
    datasets: int = 0
    used_bytes: int = 0  # after housekeeping, counting an incoming dataset
    versions_removed: list[tuple[str, int]] = field(default_factory=list)  # older versions expired or evicted


@dataclass(frozen=True)
class StoreStatus:
    """The store's health for the administrator: can it write, how full is it."""

    code: str  # READY, STORE_FULL or STORE_UNWRITABLE: an i18n key
    datasets: int
    used_bytes: int
    max_bytes: int
    free_bytes: int | None
    detail: str = ""  # the operating system's words, for the log

    @property
    def writable(self) -> bool:
        return self.code == READY


@dataclass(frozen=True)
class _Now:
    wall: float
    boot: BootTime | None


@dataclass(frozen=True)
class _OnDisk:
    """One version found in a dataset's folder: its manifest (None if unreadable) and where its files are."""

    number: int
    manifest: dict[str, Any] | None
    mtime: float
    files: Path | None  # the folder holding its files
    manifest_path: Path


NOT_FOUND = "store.not_found"  # the catalogue's sentence: the link is wrong, revoked or expired


def not_found() -> DatasetNotFound:
    """The one error of a link that leads nowhere, as a code the UI says in the reader's language."""
    return DatasetNotFound(t(NOT_FOUND, "id"), code=NOT_FOUND)


class Store:
    """Datasets on disk under `root`, found by token, each with its versions, expiring after `max_age_days`,
    capped at `max_bytes`, never removing a version younger than `min_age_seconds`.

    `clock` (wall-clock seconds) and `boot_clock` are the two clocks ages are measured with; tests give their own
    to step the wall clock (``boot_clock=lambda: None`` leaves the boot clock out). `crash_at`, one of
    `PUBLISH_STEPS`, ends the process (``os._exit``) at that step of a publish: how the crash tests cut one short.
    """

    def __init__(
        self,
        root: Path | str | None = None,
        max_age_days: float = DEFAULT_MAX_AGE_DAYS,
        max_bytes: int = DEFAULT_MAX_BYTES,
        *,
        min_age_seconds: float = DEFAULT_MIN_AGE_MINUTES * 60,
        clock: Callable[[], float] = time.time,
        boot_clock: Callable[[], BootTime | None] = system_boot_clock,
        crash_at: str | None = None,
        summary_rows: int | None = None,
    ) -> None:
        self.root = Path(root) if root is not None else default_root()
        self._summary_rows = summary_rows
        self.min_age_seconds = _non_negative(min_age_seconds, DEFAULT_MIN_AGE_MINUTES * 60)
        # A lifetime shorter than the minimum age would hand out links that are dead on arrival (DAYS=0).
        self.max_age_seconds = max(_non_negative(max_age_days, DEFAULT_MAX_AGE_DAYS) * 86400, self.min_age_seconds)
        self.max_bytes = max_bytes
        self.clock, self.boot_clock = clock, boot_clock
        self.crash_at = crash_at
        self._reported: set[tuple[str, str]] = set()
        try:
            self._ensure_folders()
            for folder in (self.root, *self._folders()):
                _restrict(folder)
        except OSError as exc:  # reported by check(); a store that cannot write must not stop the app
            log.error("dataset store %s cannot be prepared: %s", self.root, exc)

    @property
    def summary_rows(self) -> int:
        """From how many records a saved version gets summaries: the argument, else PEKALONGAN_SUMMARY_ROWS."""
        return self._summary_rows if self._summary_rows is not None else summary_rows_from_env()

    # ----------------------------------------------------------------------------------------------- paths

    def _folders(self) -> tuple[Path, Path, Path]:
        return self.root / "datasets", self.root / "tokens", self.root / "tmp"

    def _ensure_folders(self) -> None:
        """Make the folders again if they are gone (deleted while the server runs)."""
        for folder in self._folders():
            if not folder.is_dir():
                folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
                _restrict(self.root)

    def _inside(self, path: Path) -> Path:
        resolved = path.resolve()
        if not resolved.is_relative_to(self.root.resolve()):
            raise not_found()
        return resolved

    def token_path(self, token: str) -> Path:
        """token -> its file, refusing anything that is not a token or would leave the store."""
        if not valid_token(token):
            raise not_found()
        return self._inside(self.root / "tokens" / f"{token}.json")

    def dataset_path(self, dataset_id: str) -> Path:
        if not valid_token(dataset_id):
            raise not_found()
        return self._inside(self.root / "datasets" / dataset_id)

    def _now(self) -> _Now:
        return _Now(self.clock(), self.boot_clock())

    def _reached(self, step: str) -> None:
        if self.crash_at == step:
            os._exit(CRASH_STATUS)  # a power cut, as far as the store can tell: no cleanup, no finally

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """One process at a time may add or remove datasets, versions and tokens (flock: released if the holder
        dies)."""
        fd = os.open(self.root / "lock", os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    # ------------------------------------------------------------------------------------------------ write

    def save(self, dataset: Dataset, sources: Sequence[tuple[str, bytes]] = ()) -> Saved:
        """Dataset (and the uploaded files it was read from, kept for appending later) -> Saved: its version 1,
        its tokens and owner key; or StoreUnavailable (logged). The dataset is on disk whole before any token
        points at it, and nothing can remove it before it is `min_age_seconds` old."""
        try:
            try:
                return self._save_once(dataset, sources)
            except (FileNotFoundError, pl.exceptions.PolarsError) as exc:
                if _failure_errno(exc) != errno.ENOENT:
                    raise
                # The folders vanished under us (deleted by hand while the server runs): make them again, once.
                log.warning("dataset store %s lost its folders during a save (%s); making them again", self.root, exc)
                return self._save_once(dataset, sources)
        except StoreUnavailable:
            raise
        except (OSError, pl.exceptions.PolarsError) as exc:
            raise self._unavailable("save a dataset", exc) from exc

    def _unavailable(self, what: str, exc: BaseException) -> StoreUnavailable:
        """A write that failed -> the refusal the user reads (full, unwritable...), logged for the administrator."""
        code = _failure_code(exc)
        log.error("dataset store %s could not %s (%s): %s", self.root, what, code, exc)
        return StoreUnavailable(code)

    def _save_once(self, dataset: Dataset, sources: Sequence[tuple[str, bytes]]) -> Saved:
        self._ensure_folders()
        now = self._now()
        dataset_id, token, public_token, revoke_key = new_token(), new_token(), new_token(), new_token()
        part = new_token()
        staging = self.root / "tmp" / f"{dataset_id}.part"
        staging.mkdir(mode=FOLDER_MODE)
        try:
            for sub in ("parts", "versions"):
                (staging / sub).mkdir(mode=FOLDER_MODE)
            (staging / "parts" / part).mkdir(mode=FOLDER_MODE)
            listing = self._write_part(staging / "parts" / part, dataset, sources)
            manifest = _manifest(dataset, now, part, listing, number=1, previous=None, mode=NEW)
            _write_json(staging / "versions" / "1.json", manifest)
            record = {"format": FORMAT, "id": dataset_id, "owner_hash": _hash(revoke_key),
                      "tokens": {FULL: token, PUBLIC: public_token}, "versions": [1]}
            _write_json(staging / RECORD_FILE, record)
            size = _tree_size(staging)
            with self._locked():
                self._make_room(now, size, staging)
                target = self.dataset_path(dataset_id)
                os.rename(staging, target)
                try:
                    self._write_token(token, dataset_id, FULL)
                    self._write_token(public_token, dataset_id, PUBLIC)
                except BaseException:
                    for tok in (token, public_token):
                        self.token_path(tok).unlink(missing_ok=True)
                    shutil.rmtree(target, ignore_errors=True)
                    raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)  # gone already after the rename; debris otherwise
        log.info("dataset store %s: saved dataset %s (%d bytes)", self.root, dataset_id, size)
        return Saved(token, public_token, revoke_key, dataset_id)

    def _make_room(self, now: _Now, size: int, staging: Path, protect: str | None = None) -> None:
        """Under the lock: housekeeping, then StoreUnavailable if `size` more bytes would not fit."""
        report = self._housekeep(now, incoming=size, keep=staging, protect=protect)
        if report.used_bytes > self.max_bytes:
            log.error(
                "dataset store %s is at its size cap (%d bytes used of %d, %d incoming; every dataset left "
                "is younger than %g minutes): the save is refused",
                self.root, report.used_bytes - size, self.max_bytes, size, self.min_age_seconds / 60,
            )
            raise StoreUnavailable(STORE_FULL)

    def _write_part(self, folder: Path, dataset: Dataset, sources: Sequence[tuple[str, bytes]]) -> dict[str, Any]:
        """One version's files into `folder`, each complete on disk (fsync) and readable by this user only.
        -> {"files": {name: {"bytes", "sha256"}}, "sources": [{"name", "file"}]}, for its manifest."""
        for name, data in encoded_frames(dataset, self.summary_rows):
            # Encoded in memory, written by the OS: polars reports a full disk mid-footer as "Invalid thrift", without
            # the errno that tells a full disk from an unwritable one.
            _write_bytes(folder / name, data)
            self._reached(name)
        listed_sources = []
        for index, (name, data) in enumerate(sources):
            # Never a path from an uploaded file's name: the name goes in the manifest, the bytes in source-<k>.
            _write_bytes(folder / f"source-{index}", data)
            listed_sources.append({"name": str(name), "file": f"source-{index}"})
        self._reached("sources")
        files = {}
        for child in sorted(folder.iterdir()):
            os.chmod(child, FILE_MODE)
            with open(child, "rb") as handle:
                os.fsync(handle.fileno())
            files[child.name] = {"bytes": child.stat().st_size, "sha256": _file_hash(child)}
        return {"files": files, "sources": listed_sources}

    def _write_token(self, token: str, dataset_id: str, view: str) -> None:
        target = self.token_path(token)
        temp = self.root / "tmp" / f"{token}.json.part"
        _write_json(temp, {"id": dataset_id, "view": view})
        os.replace(temp, target)

    def _create_json(self, path: Path, data: dict[str, Any]) -> None:
        """Create `path` whole, or fail with FileExistsError if it exists: the folder's create-only write (an
        object store's ``If-None-Match: *``)."""
        temp = self.root / "tmp" / f"{new_token()}.json.part"
        _write_json(temp, data)
        try:
            os.link(temp, path)
        finally:
            temp.unlink(missing_ok=True)

    def _replace_json(self, path: Path, data: dict[str, Any]) -> None:
        temp = self.root / "tmp" / f"{new_token()}.json.part"
        _write_json(temp, data)
        os.replace(temp, path)

    # ---------------------------------------------------------------------------------------------- publish

    def publish(
        self,
        token: str,
        owner_key: str,
        dataset: Dataset,
        sources: Sequence[tuple[str, bytes]] = (),
        *,
        base: int | None = None,
        mode: str = REPLACE,
    ) -> Published:
        """A new version of the dataset behind `token` (full or public), given its owner key -> Published.

        `base`: the version this one was built on; if another was published since, PublishRefused
        (``versions.conflict``) and nothing changes. PublishRefused for a wrong key, DatasetNotFound for a link
        that does not open, StoreUnavailable (logged) when it cannot be written; the previous version stays served
        whatever happens, a crash included."""
        try:
            return self._publish_once(token, owner_key, dataset, sources, base, mode)
        except PekalonganError:
            raise
        except (OSError, pl.exceptions.PolarsError) as exc:
            raise self._unavailable("publish a version", exc) from exc

    def _publish_once(
        self, token: str, owner_key: str, dataset: Dataset, sources: Sequence[tuple[str, bytes]],
        base: int | None, mode: str,
    ) -> Published:
        self._ensure_folders()
        folder = self._folder_of(token)
        if not self._owner(folder, owner_key):
            raise PublishRefused(WRONG_KEY)
        now, part = self._now(), new_token()
        staging = self.root / "tmp" / f"{part}.part"
        staging.mkdir(mode=FOLDER_MODE)
        self._reached("staged")
        try:
            listing = self._write_part(staging, dataset, sources)
            with self._locked():
                self._reached("locked")
                number, latest = self._next_number(folder, base)
                self._make_room(now, _tree_size(staging), staging, protect=folder.name)
                (folder / "parts").mkdir(mode=FOLDER_MODE, exist_ok=True)
                (folder / "versions").mkdir(mode=FOLDER_MODE, exist_ok=True)
                os.rename(staging, folder / "parts" / part)
                self._reached("part")
                manifest = _manifest(dataset, now, part, listing, number=number, previous=latest, mode=mode)
                try:
                    self._create_json(folder / "versions" / f"{number}.json", manifest)
                except FileExistsError as exc:  # only a writer that does not take the lock could get here
                    shutil.rmtree(folder / "parts" / part, ignore_errors=True)
                    raise PublishRefused(CONFLICT, latest=number, base=latest) from exc
                self._reached("manifest")
                tokens = self._write_record(folder)
                self._reached("record")
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        log.info("dataset store %s: published version %d of dataset %s", self.root, number, folder.name)
        return Published(folder.name, number, tokens.get(FULL, token), tokens.get(PUBLIC))

    def _folder_of(self, token: str) -> Path:
        """token -> its dataset's folder; DatasetNotFound when the token or the dataset is not there."""
        pointer = _read_json(self.token_path(token))
        if pointer is None:
            raise not_found()
        folder = self.dataset_path(str(pointer.get("id")))
        if not folder.is_dir() or folder.is_symlink():
            raise not_found()
        return folder

    def _owner(self, folder: Path, owner_key: str) -> bool:
        """Does `owner_key` open this dataset's record (or a format-1 dataset's meta.json)?"""
        record = _read_json(folder / RECORD_FILE) or {}
        expected = record.get("owner_hash")
        if expected is None:
            expected = (_read_json(folder / LEGACY_META) or {}).get("revoke_hash")
        return isinstance(expected, str) and isinstance(owner_key, str) and hmac.compare_digest(
            expected, _hash(owner_key))

    def _next_number(self, folder: Path, base: int | None) -> tuple[int, int]:
        """Under the lock -> (the new version's number, the latest one's); PublishRefused if `base` is not the
        latest, DatasetNotFound if the dataset went meanwhile (revoked, expired)."""
        _, latest = self._version(folder, None)  # an expired dataset takes no new version: it is as good as gone
        found = _on_disk(folder)
        if base is not None and base != latest:
            raise PublishRefused(CONFLICT, latest=latest, base=base)
        return max(v.number for v in found) + 1, latest

    def _write_record(self, folder: Path) -> dict[str, str]:
        """Under the lock: the dataset record rewritten to name the versions on disk (a format-1 dataset gets its
        first one). -> its tokens by view."""
        record = _read_json(folder / RECORD_FILE)
        if record is None:
            legacy = _read_json(folder / LEGACY_META) or {}
            record = {"format": FORMAT, "id": folder.name, "owner_hash": legacy.get("revoke_hash"),
                      "tokens": self._tokens_of(folder.name)}
        record["versions"] = sorted(v.number for v in _on_disk(folder) if v.manifest is not None)
        self._replace_json(folder / RECORD_FILE, record)
        tokens = record.get("tokens")
        return tokens if isinstance(tokens, dict) else {}

    def _tokens_of(self, dataset_id: str) -> dict[str, str]:
        """{view: token} of the token files pointing at a dataset."""
        found = {}
        for token_file in self._token_index()[0].get(dataset_id, []):
            pointer = _read_json(token_file) or {}
            found[str(pointer.get("view"))] = token_file.stem
        return found

    # ------------------------------------------------------------------------------------------------- read

    def open(self, token: str, version: int | None = None) -> Opened:
        """token (and a pinned version, else the latest) -> Opened; DatasetNotFound (one friendly sentence) for
        anything unknown, revoked, expired, broken."""
        path = self.token_path(token)
        try:
            pointer = _read_json(path)
            if pointer is None:
                raise not_found()
            folder = self.dataset_path(str(pointer.get("id")))
            entry, latest = self._version(folder, version)
            dataset = _read_version(entry)
        except DatasetNotFound:
            raise
        except (OSError, ValueError, KeyError, TypeError, AttributeError, pl.exceptions.PolarsError) as exc:
            # A missing, truncated or corrupted file: the same friendly answer as an unknown token.
            raise not_found() from exc
        return Opened(dataset, public=pointer.get("view") == PUBLIC, token=token, version=entry.number,
                      latest=latest, pinned=version is not None)

    def _version(self, folder: Path, version: int | None) -> tuple[_OnDisk, int]:
        """-> (the version asked for, else the latest, the latest's number); DatasetNotFound if it is not there
        or has expired."""
        readable = {v.number: v for v in _on_disk(folder) if v.manifest is not None and v.files is not None}
        if not readable:
            raise not_found()
        latest = max(readable)
        entry = readable.get(latest if version is None else version)
        if entry is None:
            raise not_found()
        ages, _ = _ages(entry.manifest, entry.mtime, self._now())
        if min(ages, default=0.0) > self.max_age_seconds:
            raise not_found()
        return entry, latest

    def latest_version(self, token: str) -> int:
        """token -> the number of its dataset's latest version, from the manifests alone (a few small files: cheap
        enough to ask on every page view, so a cache keyed by it sees a new version at once, on any server)."""
        try:
            folder = self._folder_of(token)
        except OSError as exc:
            raise not_found() from exc
        return self._version(folder, None)[1]  # an expired latest version is refused here too, on every server

    def versions(self, token: str) -> list[VersionInfo]:
        """token -> the dataset's versions that open, first to latest; DatasetNotFound if the link does not open."""
        folder = self._folder_of(token)
        infos, now = [], self._now()
        for entry in _on_disk(folder):
            meta = entry.manifest
            if meta is None or entry.files is None:
                continue
            if min(_ages(meta, entry.mtime, now)[0], default=0.0) > self.max_age_seconds:
                continue  # expired: it no longer opens, whether or not the sweep has removed it yet
            try:
                infos.append(_version_info(entry))
            except (KeyError, TypeError, ValueError):
                self._report(folder.name, f"version {entry.number}: its manifest cannot be read")
        if not infos:
            raise not_found()
        return infos

    def sources(self, token: str, version: int | None = None) -> list[tuple[str, bytes]]:
        """The uploaded files a version keeps, as (name, bytes), in upload order; [] for a dataset stored before
        versions (it kept none)."""
        folder = self._folder_of(token)
        try:
            entry, _ = self._version(folder, version)
            return [(str(s["name"]), (entry.files / _source_file(s["file"])).read_bytes())
                    for s in entry.manifest.get("sources", [])]
        except (OSError, KeyError, TypeError, ValueError) as exc:
            raise not_found() from exc

    # ------------------------------------------------------------------------------------------- lifecycle

    def revoke(self, token: str, revoke_key: str) -> bool:
        """Delete a dataset, all its versions and both its links, given the owner key shown to its uploader; False
        if the key is wrong."""
        try:
            folder = self._folder_of(token)
            if not self._owner(folder, revoke_key):
                return False
            with self._locked():
                self._delete(folder.name, self._token_index()[0])
        except (OSError, DatasetNotFound) as exc:
            log.warning("dataset store %s: a revocation failed: %s", self.root, exc)
            return False
        return True

    def reclaim(self, token: str, revoke_key: str) -> Saved | None:
        """The uploader's key typed back in (after a reload): both links of the dataset, or None if the key is
        wrong or the link is gone."""
        try:
            folder = self._folder_of(token)
        except DatasetNotFound:
            return None
        if not self._owner(folder, revoke_key):
            return None
        links = {(_read_json(f) or {}).get("view"): f.stem for f in self._token_index()[0].get(folder.name, [])}
        if FULL not in links or PUBLIC not in links:
            return None
        return Saved(links[FULL], links[PUBLIC], revoke_key, folder.name)

    def _delete(self, dataset_id: str, tokens: dict[str, list[Path]]) -> None:
        # Tokens first: once they are gone nothing can open the dataset, even if removing its folder fails.
        for token_file in tokens.get(dataset_id, []):
            token_file.unlink(missing_ok=True)
        folder = self.root / "datasets" / dataset_id
        record = _read_json(folder / RECORD_FILE) if folder.is_dir() and not folder.is_symlink() else None
        named = record.get("tokens") if record else None
        for token in (named.values() if isinstance(named, dict) else ()):
            if valid_token(token):
                (self.root / "tokens" / f"{token}.json").unlink(missing_ok=True)
        if folder.is_symlink() or not folder.is_dir():
            folder.unlink(missing_ok=True)
        else:
            shutil.rmtree(folder, ignore_errors=True)

    def _delete_version(self, dataset_id: str, version: VersionRecord) -> None:
        """One older version: its manifest first (then no link opens it), then its files."""
        folder = self.root / "datasets" / dataset_id
        if version.part is None:  # a format-1 dataset's version 1, at the top of its folder
            (folder / LEGACY_META).unlink(missing_ok=True)
            for name in FRAME_FILES:
                (folder / name).unlink(missing_ok=True)
            return
        (folder / "versions" / f"{version.number}.json").unlink(missing_ok=True)
        if valid_token(version.part):
            shutil.rmtree(folder / "parts" / version.part, ignore_errors=True)

    def _token_index(self) -> tuple[dict[str, list[Path]], list[Path]]:
        """-> ({dataset id: its token files}, token files that cannot be read)."""
        index: dict[str, list[Path]] = {}
        unreadable = []
        for token_file in (self.root / "tokens").glob("*.json"):
            pointer = _read_json(token_file)
            target = pointer.get("id") if pointer else None
            if isinstance(target, str):
                index.setdefault(target, []).append(token_file)
            else:
                unreadable.append(token_file)
        return index, unreadable

    def datasets(self) -> list[Record]:
        """-> every dataset in the store, oldest first (unreadable ones included, marked)."""
        return sorted(self._records(self._now()), key=lambda r: -r.age)

    def _records(self, now: _Now) -> list[Record]:
        records = []
        for entry in os.scandir(self.root / "datasets"):
            if not valid_token(entry.name):
                self._report(entry.name, "not a dataset of this store: left alone")
                continue
            record = _record(entry, now)
            for problem in record.problems:
                self._report(record.dataset_id, problem)
            records.append(record)
        return records

    def _report(self, dataset_id: str, problem: str) -> None:
        """Log what cannot be read once per store object, not on every save."""
        if (dataset_id, problem) not in self._reported:
            self._reported.add((dataset_id, problem))
            log.warning("dataset store %s: dataset %s: %s", self.root, dataset_id, problem)

    def sweep(self) -> SweepReport:
        """Remove expired datasets and versions, then the oldest until the store is under its size cap, then
        debris; skip (and log) what cannot be read. For a timer (`python -m pekalongan sweep`) as well as every
        save."""
        self._ensure_folders()
        with self._locked():
            return self._housekeep(self._now())

    def _housekeep(
        self, now: _Now, incoming: int = 0, keep: Path | None = None, protect: str | None = None
    ) -> SweepReport:
        """Under the lock: expiry, orphans, the size cap (making room for `incoming` bytes only if it can all be
        made), debris other than `keep`. Never touches a version younger than the minimum age, nor the dataset
        `protect` (the one a version is being published to)."""
        records = self._records(now)
        tokens, unreadable_tokens = self._token_index()
        old = [r for r in records if r.age >= self.min_age_seconds and r.dataset_id != protect]
        expired = [r for r in old if r.age > self.max_age_seconds]
        orphans = [r for r in old if r.age <= self.max_age_seconds and r.dataset_id not in tokens]
        gone = {r.dataset_id for r in expired + orphans}
        kept = [r for r in records if r.dataset_id not in gone]
        stale = [(r, v) for r in kept if r.dataset_id != protect for v in r.older
                 if v.age > self.max_age_seconds]
        base_total = sum(r.size for r in kept) - sum(v.size for _, v in stale) + incoming
        evicted, total = self._victims(kept, stale, base_total, protect)
        if incoming and total > self.max_bytes:
            evicted, total = [], base_total  # it would not fit even so: evict nothing
        for record in [*expired, *orphans]:
            self._delete(record.dataset_id, tokens)
        whole = [r for r, v in evicted if v is None]
        for record in whole:
            self._delete(record.dataset_id, tokens)
        removed = gone | {r.dataset_id for r in whole}
        versions_removed = [(r, v) for r, v in [*stale, *evicted] if v is not None and r.dataset_id not in removed]
        for record, version in versions_removed:
            self._delete_version(record.dataset_id, version)
        self._repair_records([r for r in kept if r.dataset_id not in removed], versions_removed)
        present = {r.dataset_id for r in records} - removed
        debris = self._sweep_debris(now, present, unreadable_tokens, tokens, keep)
        debris += self._sweep_loose_parts(now, [r for r in kept if r.dataset_id not in removed and r.dataset_id != protect])
        if removed or versions_removed:
            log.info("dataset store %s: removed %d expired, %d orphaned, %d for the size cap, %d older versions",
                     self.root, len(expired), len(orphans), len(whole), len(versions_removed))
        return SweepReport(
            expired=[r.dataset_id for r in expired],
            evicted=[r.dataset_id for r in whole],
            orphans=[r.dataset_id for r in orphans],
            broken=[(r.dataset_id, "; ".join(r.problems)) for r in records if not r.openable],
            debris=debris,
            datasets=len(present),
            used_bytes=total,
            versions_removed=[(r.dataset_id, v.number) for r, v in versions_removed],
        )

    def _victims(
        self, records: list[Record], stale: list[tuple[Record, VersionRecord]], total: int, protect: str | None
    ) -> tuple[list[tuple[Record, VersionRecord | None]], int]:
        """What to evict to bring `total` under the cap: unreadable datasets first (no link opens them), then
        older (superseded) versions, oldest first, and only then whole datasets, oldest latest version first: a
        link that shows current figures outlives any old vintage. Only what is past the minimum age.
        -> ([(record, version, or None for the whole dataset)], the total after them)"""
        going = {(r.dataset_id, v.number) for r, v in stale}
        units: list[tuple[Record, VersionRecord | None, float]] = []
        for record in records:
            if record.dataset_id == protect:
                continue
            units += [(record, v, v.age) for v in record.older if (record.dataset_id, v.number) not in going]
            units.append((record, None, record.age))
        units.sort(key=lambda u: (u[0].openable, u[1] is None, -u[2]))
        return evict_in_order(units, total, self.max_bytes, self.min_age_seconds)

    def _repair_records(self, records: list[Record], removed: list[tuple[Record, VersionRecord]]) -> None:
        """Rewrite a dataset record whose list of versions differs from its manifests (a crash between the two,
        or older versions just removed)."""
        gone = {(r.dataset_id, v.number) for r, v in removed}
        for record in records:
            if record.listed is None:
                continue
            present = tuple(sorted(v.number for v in record.versions if v.openable
                                   and (record.dataset_id, v.number) not in gone))
            if present and present != record.listed:
                try:
                    self._write_record(self.root / "datasets" / record.dataset_id)
                except OSError as exc:
                    self._report(record.dataset_id, f"its record cannot be rewritten: {exc}")

    def _sweep_loose_parts(self, now: _Now, records: list[Record]) -> int:
        """Part folders no manifest names, older than the grace: a publish cut short between part and manifest."""
        count = 0
        for record in records:
            for part in record.loose_parts:
                path = self.root / "datasets" / record.dataset_id / "parts" / part
                try:
                    if now.wall - path.lstat().st_mtime > ORPHAN_GRACE_SECONDS:
                        shutil.rmtree(path, ignore_errors=True)
                        count += 1
                except FileNotFoundError:
                    continue
        return count

    def _sweep_debris(
        self, now: _Now, present: set[str], unreadable: list[Path], tokens: dict[str, list[Path]], keep: Path | None
    ) -> int:
        """Half-written staging folders and tokens pointing nowhere, left by a crash; returns how many went. A time
        in the future is not believed: the entry's time is set to now, so it ages from here."""
        dangling = unreadable + [f for target, files in tokens.items() if target not in present for f in files]
        leftovers = [(p, ORPHAN_GRACE_SECONDS) for p in (self.root / "tmp").iterdir() if p != keep]
        count = 0
        for path, grace in leftovers + [(p, DANGLING_TOKEN_GRACE_SECONDS) for p in dangling]:
            try:
                age = now.wall - path.lstat().st_mtime
                if age < -FUTURE_TOLERANCE_SECONDS:
                    os.utime(path, (now.wall, now.wall), follow_symlinks=False)
                if age <= grace:
                    continue
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
                count += 1
            except FileNotFoundError:  # another process finished with it first
                continue
        return count

    # ------------------------------------------------------------------------------------------- health

    def check(self) -> StoreStatus:
        """Can the store write now (a real probe file), and how full is it; never raises."""
        code, detail = READY, ""
        try:
            self._ensure_folders()
            probe = self.root / "tmp" / f"probe-{new_token()}"
            fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            try:
                left = memoryview(b"\0" * PROBE_BYTES)
                while left:  # a short write is how a file size limit first shows
                    left = left[os.write(fd, left):]
                os.fsync(fd)
            finally:
                os.close(fd)
                probe.unlink(missing_ok=True)
            with self._locked():
                pass
        except OSError as exc:
            code, detail = _failure_code(exc), str(exc)
        try:
            records = self._records(self._now())
            usage = shutil.disk_usage(self.root)
            free: int | None = usage.free
        except OSError:
            records, free = [], None
        return StoreStatus(code, len(records), sum(r.size for r in records), self.max_bytes, free, detail)


def _non_negative(value: float, default: float) -> float:
    """A configured number of days or seconds: NaN, infinite or negative -> the default."""
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return float(default)
    return number if math.isfinite(number) and number >= 0 else float(default)


def _restrict(folder: Path) -> None:
    """Folders of the store readable by the app's user only (they may have been made 755 by an older version)."""
    try:
        if stat.S_IMODE(folder.stat().st_mode) != FOLDER_MODE:
            os.chmod(folder, FOLDER_MODE)
    except PermissionError as exc:  # not ours (an administrator's folder): say so, carry on
        log.warning("dataset store folder %s: cannot restrict its permissions: %s", folder, exc)


def _failure_errno(exc: BaseException) -> int | None:
    """The operating system's error number of an OS or polars error (polars says it in words: "(os error 28)")."""
    number = getattr(exc, "errno", None)
    if number is None:
        found = re.search(r"os error (\d+)", str(exc))
        number = int(found.group(1)) if found else None
    return number


def _failure_code(exc: BaseException) -> str:
    """An OS or polars write error -> STORE_FULL (no space, quota, file size limit) or STORE_UNWRITABLE."""
    return STORE_FULL if _failure_errno(exc) in FULL_ERRNOS else STORE_UNWRITABLE


def _number(value: object) -> float | None:
    """A stored time: 1.7e9 -> 1.7e9; a list, text, bool, Infinity, NaN, 10**400 -> None"""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _boot_age(meta: dict[str, Any] | None, now: _Now) -> float | None:
    """Seconds since the save by the boot clock, when the save was in this same boot."""
    boot = meta.get("boot") if meta else None
    if now.boot is None or not isinstance(boot, dict) or boot.get("id") != now.boot[0]:
        return None
    seconds = _number(boot.get("seconds"))
    return None if seconds is None else now.boot[1] - seconds


def _ages(meta: dict[str, Any] | None, mtime: float, now: _Now) -> tuple[list[float], list[str]]:
    """-> (the ages the believable clocks give, what was not believable)"""
    created = _number(meta.get("created")) if meta else None
    problems = [] if meta is None or created is not None else [f"created is not a time: {meta.get('created')!r:.60}"]
    ages = []
    candidates = {
        "created": None if created is None else now.wall - created,
        "boot clock": _boot_age(meta, now),
        "folder time": now.wall - mtime,
    }
    for label, age in candidates.items():
        if age is None:
            continue
        if age < -FUTURE_TOLERANCE_SECONDS:
            problems.append(f"{label} is {-age:.0f} s in the future: not believed")
            continue
        ages.append(max(age, 0.0))
    return ages, problems


def _on_disk(folder: Path) -> list[_OnDisk]:
    """A dataset's versions as its folder holds them, by number: a format-1 dataset's files at the top are its
    version 1; every ``versions/<n>.json`` is version n (its manifest None when unreadable)."""
    found = []
    legacy = folder / LEGACY_META
    if (legacy.exists() or legacy.is_symlink()) and not (folder / "versions" / "1.json").exists():
        found.append(_OnDisk(1, _read_json(legacy), _mtime(folder), folder, legacy))
    try:
        entries = list(os.scandir(folder / "versions"))
    except OSError:
        entries = []
    for entry in entries:
        matched = MANIFEST_PATTERN.fullmatch(entry.name)
        if matched is None:
            continue
        manifest = _read_json(Path(entry.path))
        part = manifest.get("part") if manifest else None
        files = folder / "parts" / part if valid_token(part) else None
        found.append(_OnDisk(int(matched.group(1)), manifest, _mtime(Path(entry.path)), files, Path(entry.path)))
    return sorted(found, key=lambda v: v.number)


def _mtime(path: Path) -> float:
    try:
        return path.lstat().st_mtime
    except OSError:
        return 0.0


def _version_record(entry: _OnDisk, now: _Now) -> tuple[VersionRecord, list[str]]:
    ages, doubts = _ages(entry.manifest, entry.mtime, now)
    if entry.files is None or entry.files == entry.manifest_path.parent:  # format 1: the files at the top
        size = sum(_size(entry.files / n) for n in (*FRAME_FILES, LEGACY_META)) if entry.files else 0
        part = None
    else:
        size = _tree_size(entry.files) + _size(entry.manifest_path)
        part = entry.files.name
    openable = entry.manifest is not None and entry.files is not None
    return VersionRecord(entry.number, size, min(ages, default=0.0), openable, part), doubts


def _record(entry: os.DirEntry, now: _Now) -> Record:
    """One entry of datasets/ -> its Record; reading never raises. With no believable time (every clock says it
    is from the future: this clock is behind the one it was saved by) its age is 0 until this clock catches up."""
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError as exc:
        return Record(entry.name, 0, 0.0, None, (f"cannot be read: {exc}",), openable=False)
    if not stat.S_ISDIR(info.st_mode):
        ages, doubts = _ages(None, info.st_mtime, now)
        return Record(entry.name, info.st_size, min(ages, default=0.0), None, ("not a folder", *doubts),
                      openable=False)
    folder = Path(entry.path)
    found = _on_disk(folder)
    versions, problems = [], []
    for version in found:
        record, doubts = _version_record(version, now)
        versions.append(record)
        problems += [f"version {version.number}: {d}" if len(found) > 1 else d for d in doubts]
        if not record.openable:
            problems.append(f"version {version.number}: its manifest cannot be read")
    readable = [v for v in versions if v.openable]
    if not readable:
        problems.append("meta.json cannot be read" if not found else "no version can be read")
        ages, doubts = _ages(None, info.st_mtime, now)
        problems += doubts
    latest = max(readable, key=lambda v: v.number) if readable else None
    latest_meta = next((v.manifest for v in found if latest is not None and v.number == latest.number), None)
    listed = _listed(_read_json(folder / RECORD_FILE))
    named = {v.files.name for v in found if v.files is not None}
    loose = tuple(sorted(_children(folder / "parts") - named)) if all(v.manifest for v in found) else ()
    return Record(
        entry.name, _tree_size(folder), latest.age if latest else min(ages, default=0.0),
        _number(latest_meta.get("created")) if latest_meta else None, tuple(problems),
        openable=bool(readable), versions=tuple(versions), listed=listed, loose_parts=loose,
    )


def _listed(record: dict[str, Any] | None) -> tuple[int, ...] | None:
    versions = record.get("versions") if record else None
    if not isinstance(versions, list):
        return None
    return tuple(sorted(v for v in versions if isinstance(v, int) and not isinstance(v, bool)))


def _children(folder: Path) -> set[str]:
    try:
        return {entry.name for entry in os.scandir(folder)}
    except OSError:
        return set()


def _size(path: Path) -> int:
    try:
        return path.lstat().st_size
    except OSError:
        return 0


def _tree_size(path: Path | str) -> int:
    """Bytes of the regular files under a folder, its subfolders included; symlinks are not followed."""
    total = 0
    try:
        entries = list(os.scandir(path))
    except OSError:
        return 0
    for child in entries:
        try:
            if child.is_dir(follow_symlinks=False):
                total += _tree_size(child.path)
            else:
                total += child.stat(follow_symlinks=False).st_size
        except OSError:
            continue
    return total


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _source_file(name: object) -> str:
    """A source's file name from a manifest: only ``source-<k>``, never a path."""
    if not isinstance(name, str) or re.fullmatch(r"source-[0-9]{1,6}", name) is None:
        raise ValueError(f"not a source file name: {name!r:.60}")
    return name


def _manifest(
    dataset: Dataset, now: _Now, part: str, listing: dict[str, Any], *, number: int, previous: int | None, mode: str
) -> dict[str, Any]:
    """A version's manifest: what it holds and how it was read, its part's files with their sizes and hashes."""
    return {
        "format": FORMAT,
        "version": number,
        "previous": previous,
        "mode": mode,
        "created": now.wall,
        "boot": {"id": now.boot[0], "seconds": now.boot[1]} if now.boot else None,
        "published_iso": datetime.fromtimestamp(now.wall, UTC).isoformat(timespec="seconds"),
        "created_iso": dataset.created,
        "files": dataset.files,
        "rows_kept": dataset.report.rows_kept,
        "report_files": [f.as_dict() for f in dataset.report.files],
        "warnings": dataset.report.warnings,
        "part": part,
        "part_files": listing["files"],
        "sources": listing["sources"],
        **plan_to_manifest(dataset.plan),  # an optional key: older manifests have none, older readers ignore it
    }


def _read_version(entry: _OnDisk) -> Dataset:
    """A version's files -> its Dataset; a file whose size differs from its manifest's is refused (ValueError),
    as a part written only in part on an object store would be."""
    meta, folder = entry.manifest, entry.files
    if meta is None or folder is None:
        raise ValueError("no manifest")
    listed = meta.get("part_files") or {}
    for name, described in listed.items():
        if name in FRAME_FILES and (folder / name).stat().st_size != described["bytes"]:
            raise ValueError(f"{name} is not the size its manifest says")
    summaries = read_summaries(listed, lambda name: (folder / name).read_bytes())
    if summaries is None:
        records: pl.DataFrame | LazyRecords = conform_records(pl.read_parquet(folder / RECORDS_FILE))
    else:
        path = folder / RECORDS_FILE
        records = LazyRecords(summaries.records, lambda: _checked_read(path, listed), lambda: pl.scan_parquet(path))
    return Dataset(
        records=records,
        summaries=summaries,
        targets=pl.read_parquet(folder / "targets.parquet"),
        report=Report(
            files=[_file_info(f) for f in meta["report_files"]],
            rows=pl.read_parquet(folder / "rows.parquet"),
            warnings=list(meta["warnings"]),
            unrecognised_names=pl.read_parquet(folder / "names.parquet"),
            rows_kept=int(meta["rows_kept"]),
        ),
        files=list(meta["files"]),
        created=str(meta["created_iso"]),
        plan=plan_from_manifest(meta),
    )


def _checked_read(path: Path, listed: dict[str, Any]) -> pl.DataFrame:
    """A summarised version's records, read when first asked: refused if the file is not its manifest's size."""
    if path.stat().st_size != listed[RECORDS_FILE]["bytes"]:
        raise ValueError(f"{RECORDS_FILE} is not the size its manifest says")
    return pl.read_parquet(path)


def summary_rows_from_env() -> int:
    """PEKALONGAN_SUMMARY_ROWS: from how many records a saved dataset gets summaries (default a million)."""
    return int(_env_number("PEKALONGAN_SUMMARY_ROWS", DEFAULT_SUMMARY_ROWS))


def _parquet(frame: pl.DataFrame, **options: Any) -> memoryview:
    """A frame as Parquet in memory, the buffer itself (not a copy: a national dataset's records are hundreds of MB;
    the stores write and hash a memoryview as they would bytes)."""
    buffer = io.BytesIO()
    frame.write_parquet(buffer, **options)
    return buffer.getbuffer()


def encoded_frames(dataset: Dataset, summary_rows: int) -> Iterator[tuple[str, memoryview]]:
    """A version's frames as Parquet, (file name, bytes), for either store to write. From `summary_rows` records
    on, the summaries too (`pekalongan.rollup`), and the records sorted by commodity, destination, year and month in
    row groups of RECORDS_ROW_GROUP with statistics, so a drill-down's scan skips most of them."""
    summaries = dataset.summaries
    records = dataset.records
    if summaries is None and records.height >= max(summary_rows, 1):
        summaries = rollup.build(records)
    if summaries is None:
        yield RECORDS_FILE, _parquet(records)
    else:
        yield RECORDS_FILE, _parquet(rollup.sorted_for_pruning(records), statistics=True,
                                     row_group_size=RECORDS_ROW_GROUP)
    yield "targets.parquet", _parquet(dataset.targets)
    yield "rows.parquet", _parquet(dataset.report.rows)
    yield "names.parquet", _parquet(dataset.report.unrecognised_names)
    for summary in () if summaries is None else rollup.SUMMARIES:
        yield rollup.file_name(summary), _parquet(summaries[summary])


def read_summaries(listed: dict[str, Any], read: Callable[[str], bytes | None]) -> rollup.Summaries | None:
    """A manifest's part files and a reader of them -> the version's Summaries, each file checked against its
    manifest's size and sha256 (small files: cheap); None for a version without them."""
    if rollup.file_name(rollup.EXPORTER_TYPE) not in listed:
        return None
    frames = {}
    for summary in rollup.SUMMARIES:
        name = rollup.file_name(summary)
        data = read(name)
        described = listed.get(name) or {}
        if data is None or len(data) != described.get("bytes") or \
                hashlib.sha256(data).hexdigest() != described.get("sha256"):
            raise ValueError(f"{name} is missing or not the file its manifest describes")
        frames[summary] = rollup.conform_summary(pl.read_parquet(io.BytesIO(data)))
    return rollup.Summaries(frames)


def _version_info(entry: _OnDisk) -> VersionInfo:
    meta = entry.manifest or {}
    created = _number(meta.get("created"))
    published = meta.get("published_iso") or (
        datetime.fromtimestamp(created, UTC).isoformat(timespec="seconds") if created is not None else "")
    parts = meta.get("part_files") or {}
    size = sum(int(f["bytes"]) for f in parts.values()) if parts else 0
    return VersionInfo(
        number=entry.number, published=str(published), files=tuple(str(f) for f in meta["files"]),
        mode=str(meta.get("mode") or NEW), rows_kept=int(meta["rows_kept"]),
        sources=len(meta.get("sources") or []), size=size,
    )


def _read_json(path: Path) -> dict[str, Any] | None:
    """A small JSON object from a regular file -> dict; anything else (missing, a FIFO, huge, garbage, a list,
    nested a million deep) -> None. Never raises, never blocks."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_JSON_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = json.loads(handle.read())
    except (OSError, ValueError, RecursionError):
        return None
    finally:
        os.close(fd)
    return data if isinstance(data, dict) else None


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _write_json(path: Path, data: dict[str, Any]) -> None:
    _write_bytes(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def _write_bytes(path: Path, data: bytes | memoryview) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with open(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _file_info(data: dict[str, Any]) -> FileInfo:
    delimiter = {"tab": "\t"}.get(data.get("delimiter") or "", data.get("delimiter"))
    return FileInfo(
        file=data["file"],
        format=data.get("format"),
        encoding=data.get("encoding"),
        delimiter=delimiter,
        sheets=[SheetInfo(**s) for s in data.get("sheets", [])],
        sheets_without_table=data.get("sheets_without_table", []),
        error=data.get("error"),
        overlap=data.get("overlap", []),
    )


def _env_number(name: str, default: float) -> float:
    """A number from the environment; a value that is not one is logged and the default used."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return float(default)
    value = _non_negative(raw.strip(), -1.0)
    if value < 0:
        log.warning("%s=%r is not a number of zero or more; using %g", name, raw, default)
        return float(default)
    return value


def evict_in_order(
    units: Sequence[tuple[Record, VersionRecord | None, float]], total: int, max_bytes: int, min_age: float
) -> tuple[list[tuple[Record, VersionRecord | None]], int]:
    """Eviction candidates in the order to evict them, (record, a version or None for the whole dataset, age) ->
    those taken until `total` is under `max_bytes`, skipping anything younger than `min_age` seconds, and the total
    after them. A whole dataset frees what its versions already taken have not. (Both stores: folder and shared.)"""
    victims: list[tuple[Record, VersionRecord | None]] = []
    freed: dict[str, int] = {}
    for record, version, age in units:
        if total <= max_bytes:
            break
        if age < min_age:
            continue
        size = version.size if version is not None else record.size - freed.get(record.dataset_id, 0)
        victims.append((record, version))
        freed[record.dataset_id] = freed.get(record.dataset_id, 0) + size
        total -= size
    return victims, total


def store_from_env(root: str | Path | None = None) -> Store | SharedStore:
    """The store as the environment configures it: PEKALONGAN_STORE (or `root`, a folder the command line names; a
    folder, or ``s3://bucket/prefix`` for several servers sharing one bucket: `pekalongan.backends`),
    PEKALONGAN_STORE_DAYS, PEKALONGAN_STORE_MAX_MB, PEKALONGAN_STORE_MIN_AGE_MINUTES. The app and the command line
    both open the store here, so a version the app serves is one the command line lists."""
    days = _env_number("PEKALONGAN_STORE_DAYS", DEFAULT_MAX_AGE_DAYS)
    max_mb = _env_number("PEKALONGAN_STORE_MAX_MB", DEFAULT_MAX_BYTES / 1024**2)
    min_age = _env_number("PEKALONGAN_STORE_MIN_AGE_MINUTES", DEFAULT_MIN_AGE_MINUTES)
    location = str(root) if root is not None else os.environ.get("PEKALONGAN_STORE", "")
    if location.startswith("s3://"):
        from pekalongan.backends import s3_backend  # imported here: they import this module's names
        from pekalongan.shared import SharedStore

        return SharedStore(s3_backend(location), max_age_days=days, max_bytes=int(max_mb * 1024**2),
                           min_age_seconds=min_age * 60)
    folder = default_root() if root is None else Path(root)
    return Store(folder, max_age_days=days, max_bytes=int(max_mb * 1024**2), min_age_seconds=min_age * 60)


def configured_store() -> Store | SharedStore:
    """The app's store at start-up: configured from the environment, checked (a real write), the result logged for
    the administrator, and (a folder store) swept once. A shared store is swept by its timer alone: every replica
    sweeping a bucket at start-up would list it whole each time."""
    _log_to_stderr()
    store = store_from_env()
    status = store.check()
    if status.writable:
        log.info(
            "dataset store %s ready: %d datasets, %d of %d bytes used, %s bytes free on its disk; links live %g days, "
            "none removed before %g minutes", store.root, status.datasets, status.used_bytes, store.max_bytes,
            status.free_bytes, store.max_age_seconds / 86400, store.min_age_seconds / 60,
        )
        try:
            if isinstance(store, Store):
                store.sweep()
        except OSError as exc:
            log.error("dataset store %s: the start-up sweep failed: %s", store.root, exc)
    else:
        log.error("dataset store %s cannot save (%s: %s): no share link will be made until this is fixed",
                  store.root, status.code, status.detail)
    return store


def _log_to_stderr() -> None:
    """The administrator reads the server's log: without a logging setup of its own, ours goes to stderr."""
    package = logging.getLogger("pekalongan")
    if not package.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        package.addHandler(handler)
        package.setLevel(logging.INFO)
