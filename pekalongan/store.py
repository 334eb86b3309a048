"""The dataset store: cleaned uploads on disk, behind unguessable tokens, so a link opens the same data elsewhere.

Layout under the store's root (``PEKALONGAN_STORE``, default ``~/.local/share/dasbor-ekspor-pekalongan``)::

    datasets/<id>/records.parquet     the canonical records
    datasets/<id>/targets.parquet     targets and exchange rates
    datasets/<id>/rows.parquet        every rejected or skipped row, with its reason
    datasets/<id>/names.parquet       destinations not recognised, regions
    datasets/<id>/meta.json           files, dates, detections, warnings, hash of the revocation key
    tokens/<token>.json               {"id": <id>, "view": "full" | "public"}
    lock                              held (flock) while datasets and tokens appear or go

A dataset is written whole into ``tmp/`` and renamed into ``datasets/`` (rename is atomic on one file system),
then its tokens are written the same way: a crash at any point leaves either no dataset or a complete one, never
half of one. Tokens carry 192 random bits from `secrets`; the public view has its own token, so the full view
cannot be reached from it. Files are readable by the app's user only (600, folders 700).

What a save promises, whatever another process, the clock or a stored record does:

- It returns a link, or raises `StoreUnavailable` (disk full, size cap reached by young datasets, folder not
  writable) and logs why for the administrator; never a link to a dataset that is not there.
- Expiry and the size cap never remove a dataset younger than `min_age_seconds` (an hour by default), so a link
  just handed out keeps working. The size cap is checked and room is made under the lock, one save at a time:
  two savers cannot both count on the same free space or evict what the other just saved.
- A dataset's age is the youngest age any believable clock gives: its recorded wall-clock time, the kernel's boot
  clock (which nobody steps; only within one boot) and its folder's time. A time in the future is not believed
  (and a record with no believable time counts as new), so a clock stepped back can make links live longer,
  never shorter; one stepped forward is caught by the boot clock. Without one (after a reboot, or several
  servers), a clock stepped forward by more than the minimum age can age datasets early: keep clocks in step (NTP).
- A record that cannot be read (garbage JSON, a `created` that is a list or `Infinity`, a stray file) is
  skipped and logged, never raised: nothing one dataset holds can stop another's save.

The rules apply per operation, not per backend: they carry over to a store with versions or on object storage.
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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from pekalongan.dataset import Dataset
from pekalongan.errors import DatasetNotFound, StoreUnavailable
from pekalongan.report import FileInfo, Report, SheetInfo
from pekalongan.schema import conform_records

log = logging.getLogger(__name__)

TOKEN_BYTES = 24  # 192 bits
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32}$")
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
FILE_MODE, FOLDER_MODE = 0o600, 0o700


def default_root() -> Path:
    """$PEKALONGAN_STORE, else the user's data directory: never inside the git tree."""
    configured = os.environ.get("PEKALONGAN_STORE")
    if configured:
        return Path(configured)
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "dasbor-ekspor-pekalongan"


def new_token() -> str:
    """-> 32 URL-safe characters, 192 bits from `secrets`"""
    return secrets.token_urlsafe(TOKEN_BYTES)


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
    """What the uploader gets back: the two links' tokens and the key that revokes them (shown once)."""

    token: str
    public_token: str
    revoke_key: str
    dataset_id: str


@dataclass(frozen=True)
class Opened:
    """A dataset opened from a token, and whether the token is the public (confidential) view."""

    dataset: Dataset
    public: bool
    token: str


@dataclass(frozen=True)
class Record:
    """One entry of ``datasets/`` as housekeeping sees it, read defensively: any part of it may be broken."""

    dataset_id: str
    size: int
    age: float  # seconds: the youngest age a believable clock gives; 0 when none is believable
    created: float | None  # the wall-clock time in its record, when that is a believable number
    problems: tuple[str, ...] = ()  # what could not be read or believed, for the administrator's log
    openable: bool = True  # False when its record is unreadable: no link can open it


@dataclass(frozen=True)
class SweepReport:
    """What one round of housekeeping removed, what it skipped, and what is left."""

    expired: list[str] = field(default_factory=list)
    evicted: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)  # complete datasets no token points at (a crash)
    broken: list[tuple[str, str]] = field(default_factory=list)  # (id, what is wrong), skipped and logged
    debris: int = 0  # staging leftovers and tokens pointing nowhere
    datasets: int = 0
    used_bytes: int = 0  # after housekeeping, counting an incoming dataset


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


NOT_FOUND = (
    "Tautan data ini tidak berlaku: mungkin salah salin, sudah dicabut oleh pengunggahnya, atau sudah kedaluwarsa. "
    "Yang tampil sekarang adalah data contoh; minta tautan baru kepada pengirimnya."
)


class Store:
    """Datasets on disk under `root`, found by token, expiring after `max_age_days`, capped at `max_bytes`, never
    removing one younger than `min_age_seconds`.

    `clock` (wall-clock seconds) and `boot_clock` are the two clocks ages are measured with; tests give their own
    to step the wall clock (``boot_clock=lambda: None`` leaves the boot clock out).
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
    ) -> None:
        self.root = Path(root) if root is not None else default_root()
        self.min_age_seconds = _non_negative(min_age_seconds, DEFAULT_MIN_AGE_MINUTES * 60)
        # A lifetime shorter than the minimum age would hand out links that are dead on arrival (DAYS=0).
        self.max_age_seconds = max(_non_negative(max_age_days, DEFAULT_MAX_AGE_DAYS) * 86400, self.min_age_seconds)
        self.max_bytes = max_bytes
        self.clock, self.boot_clock = clock, boot_clock
        self._reported: set[tuple[str, str]] = set()
        try:
            self._ensure_folders()
            for folder in (self.root, *self._folders()):
                _restrict(folder)
        except OSError as exc:  # reported by check(); a store that cannot write must not stop the app
            log.error("dataset store %s cannot be prepared: %s", self.root, exc)

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
            raise DatasetNotFound(NOT_FOUND)
        return resolved

    def token_path(self, token: str) -> Path:
        """token -> its file, refusing anything that is not a token or would leave the store."""
        if not valid_token(token):
            raise DatasetNotFound(NOT_FOUND)
        return self._inside(self.root / "tokens" / f"{token}.json")

    def dataset_path(self, dataset_id: str) -> Path:
        if not valid_token(dataset_id):
            raise DatasetNotFound(NOT_FOUND)
        return self._inside(self.root / "datasets" / dataset_id)

    def _now(self) -> _Now:
        return _Now(self.clock(), self.boot_clock())

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """One process at a time may add or remove datasets and tokens (flock: released if the holder dies)."""
        fd = os.open(self.root / "lock", os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    # ------------------------------------------------------------------------------------------------ write

    def save(self, dataset: Dataset) -> Saved:
        """Dataset -> Saved (tokens, revocation key), or StoreUnavailable (logged); the dataset is on disk whole
        before any token points at it, and nothing can remove it before it is `min_age_seconds` old."""
        try:
            try:
                return self._save_once(dataset)
            except (FileNotFoundError, pl.exceptions.PolarsError) as exc:
                if _failure_errno(exc) != errno.ENOENT:
                    raise
                # The folders vanished under us (deleted by hand while the server runs): make them again, once.
                log.warning("dataset store %s lost its folders during a save (%s); making them again", self.root, exc)
                return self._save_once(dataset)
        except StoreUnavailable:
            raise
        except (OSError, pl.exceptions.PolarsError) as exc:
            code = _failure_code(exc)
            log.error("dataset store %s could not save a dataset (%s): %s", self.root, code, exc)
            raise StoreUnavailable(code) from exc

    def _save_once(self, dataset: Dataset) -> Saved:
        self._ensure_folders()
        now = self._now()
        dataset_id, token, public_token, revoke_key = new_token(), new_token(), new_token(), new_token()
        staging = self.root / "tmp" / f"{dataset_id}.part"
        staging.mkdir(mode=FOLDER_MODE)
        try:
            size = self._write_files(staging, dataset, revoke_key, now)
            with self._locked():
                report = self._housekeep(now, incoming=size, keep=staging)
                if report.used_bytes > self.max_bytes:
                    log.error(
                        "dataset store %s is at its size cap (%d bytes used of %d, %d incoming; every dataset left "
                        "is younger than %g minutes): the save is refused",
                        self.root, report.used_bytes - size, self.max_bytes, size, self.min_age_seconds / 60,
                    )
                    raise StoreUnavailable(STORE_FULL)
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

    def _write_files(self, staging: Path, dataset: Dataset, revoke_key: str, now: _Now) -> int:
        """-> bytes written; every file complete on disk (fsync) and readable by this user only."""
        frames = {
            "records.parquet": dataset.records,
            "targets.parquet": dataset.targets,
            "rows.parquet": dataset.report.rows,
            "names.parquet": dataset.report.unrecognised_names,
        }
        for name, frame in frames.items():
            # Encoded in memory, written by the OS: polars reports a full disk mid-footer as "Invalid thrift", without
            # the errno that tells a full disk from an unwritable one.
            buffer = io.BytesIO()
            frame.write_parquet(buffer)
            _write_bytes(staging / name, buffer.getbuffer())
        meta = {
            "version": 1,
            "created": now.wall,
            "boot": {"id": now.boot[0], "seconds": now.boot[1]} if now.boot else None,
            "created_iso": dataset.created,
            "files": dataset.files,
            "rows_kept": dataset.report.rows_kept,
            "report_files": [f.as_dict() for f in dataset.report.files],
            "warnings": dataset.report.warnings,
            "revoke_hash": _hash(revoke_key),
        }
        _write_json(staging / "meta.json", meta)
        size = 0
        for child in staging.iterdir():
            os.chmod(child, FILE_MODE)
            with open(child, "rb") as handle:
                os.fsync(handle.fileno())
            size += child.stat().st_size
        return size

    def _write_token(self, token: str, dataset_id: str, view: str) -> None:
        target = self.token_path(token)
        temp = self.root / "tmp" / f"{token}.json.part"
        _write_json(temp, {"id": dataset_id, "view": view})
        os.replace(temp, target)

    # ------------------------------------------------------------------------------------------------- read

    def open(self, token: str) -> Opened:
        """token -> Opened; DatasetNotFound (one friendly sentence) for anything unknown, revoked, expired, broken."""
        path = self.token_path(token)
        try:
            pointer = _read_json(path)
            if pointer is None:
                raise DatasetNotFound(NOT_FOUND)
            folder = self.dataset_path(str(pointer.get("id")))
            meta = _read_json(folder / "meta.json")
            if meta is None:
                raise DatasetNotFound(NOT_FOUND)
            ages, _ = _ages(meta, folder.stat().st_mtime, self._now())
            if min(ages, default=0.0) > self.max_age_seconds:
                raise DatasetNotFound(NOT_FOUND)
            dataset = Dataset(
                records=conform_records(pl.read_parquet(folder / "records.parquet")),
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
            )
        except DatasetNotFound:
            raise
        except (OSError, ValueError, KeyError, TypeError, AttributeError, pl.exceptions.PolarsError) as exc:
            # A missing, truncated or corrupted file: the same friendly answer as an unknown token.
            raise DatasetNotFound(NOT_FOUND) from exc
        return Opened(dataset, public=pointer.get("view") == PUBLIC, token=token)

    # ------------------------------------------------------------------------------------------- lifecycle

    def revoke(self, token: str, revoke_key: str) -> bool:
        """Delete a dataset and both its links, given the key shown to its uploader; False if the key is wrong."""
        try:
            pointer = _read_json(self.token_path(token)) or {}
            folder = self.dataset_path(str(pointer.get("id")))
            meta = _read_json(folder / "meta.json") or {}
            expected = meta.get("revoke_hash")
            if not isinstance(expected, str) or not hmac.compare_digest(expected, _hash(revoke_key)):
                return False
            with self._locked():
                self._delete(folder.name, self._token_index()[0])
        except (OSError, DatasetNotFound) as exc:
            log.warning("dataset store %s: a revocation failed: %s", self.root, exc)
            return False
        return True

    def _delete(self, dataset_id: str, tokens: dict[str, list[Path]]) -> None:
        # Tokens first: once they are gone nothing can open the dataset, even if removing its folder fails.
        for token_file in tokens.get(dataset_id, []):
            token_file.unlink(missing_ok=True)
        folder = self.root / "datasets" / dataset_id
        if folder.is_symlink() or not folder.is_dir():
            folder.unlink(missing_ok=True)
        else:
            shutil.rmtree(folder, ignore_errors=True)

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
        """Remove expired datasets, then the oldest until the store is under its size cap, then debris; skip (and
        log) what cannot be read. For a timer (`python -m pekalongan sweep`) as well as every save."""
        self._ensure_folders()
        with self._locked():
            return self._housekeep(self._now())

    def _housekeep(self, now: _Now, incoming: int = 0, keep: Path | None = None) -> SweepReport:
        """Under the lock: expiry, orphans, the size cap (making room for `incoming` bytes only if it can all be
        made), debris other than `keep`. Never touches a dataset younger than the minimum age."""
        records = self._records(now)
        tokens, unreadable_tokens = self._token_index()
        old = [r for r in records if r.age >= self.min_age_seconds]
        expired = [r for r in old if r.age > self.max_age_seconds]
        orphans = [r for r in old if r.age <= self.max_age_seconds and r.dataset_id not in tokens]
        gone = {r.dataset_id for r in expired + orphans}
        kept = [r for r in records if r.dataset_id not in gone]
        evicted, total = self._victims(kept, sum(r.size for r in kept) + incoming)
        if incoming and total > self.max_bytes:
            evicted, total = [], sum(r.size for r in kept) + incoming  # it would not fit even so: evict nothing
        for record in [*expired, *orphans, *evicted]:
            self._delete(record.dataset_id, tokens)
        removed = gone | {r.dataset_id for r in evicted}
        present = {r.dataset_id for r in records} - removed
        debris = self._sweep_debris(now, present, unreadable_tokens, tokens, keep)
        if removed:
            log.info("dataset store %s: removed %d expired, %d orphaned, %d for the size cap", self.root,
                     len(expired), len(orphans), len(evicted))
        return SweepReport(
            expired=[r.dataset_id for r in expired],
            evicted=[r.dataset_id for r in evicted],
            orphans=[r.dataset_id for r in orphans],
            broken=[(r.dataset_id, "; ".join(r.problems)) for r in records if not r.openable],
            debris=debris,
            datasets=len(present),
            used_bytes=total,
        )

    def _victims(self, records: list[Record], total: int) -> tuple[list[Record], int]:
        """The datasets to evict to bring `total` under the cap: unreadable ones first (no link opens them), then
        the oldest; only those past the minimum age. -> (victims, the total after them)"""
        victims = []
        for record in sorted((r for r in records if r.age >= self.min_age_seconds), key=lambda r: (r.openable, -r.age)):
            if total <= self.max_bytes:
                break
            victims.append(record)
            total -= record.size
        return victims, total

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


def _record(entry: os.DirEntry, now: _Now) -> Record:
    """One entry of datasets/ -> its Record; reading never raises. With no believable time (every clock says it
    is from the future: this clock is behind the one it was saved by) its age is 0 until this clock catches up."""
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError as exc:
        return Record(entry.name, 0, 0.0, None, (f"cannot be read: {exc}",), openable=False)
    folder = stat.S_ISDIR(info.st_mode)
    meta = _read_json(Path(entry.path) / "meta.json") if folder else None
    size = _folder_size(entry.path) if folder else info.st_size
    problems = [] if meta is not None else ["meta.json cannot be read" if folder else "not a folder"]
    ages, doubts = _ages(meta, info.st_mtime, now)
    created = _number(meta.get("created")) if meta else None
    return Record(entry.name, size, min(ages, default=0.0), created, (*problems, *doubts), openable=meta is not None)


def _folder_size(path: str) -> int:
    total = 0
    try:
        for child in os.scandir(path):
            try:
                total += child.stat(follow_symlinks=False).st_size
            except OSError:
                continue
    except OSError:
        pass
    return total


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


def store_from_env() -> Store:
    """The store as the environment configures it: PEKALONGAN_STORE, PEKALONGAN_STORE_DAYS,
    PEKALONGAN_STORE_MAX_MB, PEKALONGAN_STORE_MIN_AGE_MINUTES."""
    days = _env_number("PEKALONGAN_STORE_DAYS", DEFAULT_MAX_AGE_DAYS)
    max_mb = _env_number("PEKALONGAN_STORE_MAX_MB", DEFAULT_MAX_BYTES / 1024**2)
    min_age = _env_number("PEKALONGAN_STORE_MIN_AGE_MINUTES", DEFAULT_MIN_AGE_MINUTES)
    return Store(default_root(), max_age_days=days, max_bytes=int(max_mb * 1024**2), min_age_seconds=min_age * 60)


def configured_store() -> Store:
    """The app's store at start-up: configured from the environment, checked (a real write), the result logged for
    the administrator, and swept once."""
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
