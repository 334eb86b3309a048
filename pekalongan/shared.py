"""The dataset store for several servers at once: the same datasets, versions and tokens as `pekalongan.store`,
kept in a `Backend` every replica sees (an S3-compatible bucket; a folder works too), with no lock and no rename.

The keys are the folder store's format 2 (its docstring draws them), so a folder written by either opens in the
other. What differs is how a write becomes visible, since object storage has only whole-object writes and a
create-only write (``If-None-Match: *``) with exactly one winner:

- **Save**: the part's files under a fresh part name, then ``versions/1.json`` (create-only), then the dataset
  record ``dataset.json`` (create-only: its owner hash and the two tokens it will get), then each token as its own
  create-only object (a collision, 1 in 2**192, means a new token). Until its tokens exist nothing opens it.
- **Publish**: the part's files, then ``versions/<n>.json`` create-only, n one past the highest on the listing.
  Two publishers of the same n: one manifest is created, the other is refused by the server; the loser tries n+1,
  or, when it said which version it built on (`base`), is refused (`PublishRefused`, ``versions.conflict``). The
  record is not rewritten: the manifests decide which versions exist.
- **Revoke**: the tokens first (then no replica opens the dataset: every open reads its token), then the rest.
- A crash at any step leaves nothing a link opens that was not there before; what it left (a part no manifest
  names, a dataset no token names) is removed by the sweeper once older than its grace.

Expiry and the size cap are the sweeper's alone (`python -m pekalongan sweep`, from a timer on one machine): a
save never lists the bucket, so it cannot evict what another replica just saved. The sweeper goes dataset by
dataset with the folder store's rules: nothing younger than `min_age_seconds`; older (superseded) versions before
any dataset's latest; a dataset's latest version only with the whole dataset. Between two sweeps the store can
grow past its cap by what was saved meanwhile; a bucket lifecycle rule is the backstop (deploy/README.md).

A version's age is the youngest of its manifest's recorded time and the storage's own time for the manifest
object; a time in the future is not believed. Datasets are immutable, so an opened version is cached by its
dataset, number and part; the token and the listing of versions are read on every open, so a revoked or expired
link stops working on every replica at once.
"""

from __future__ import annotations

import hmac
import io
import json
import logging
import os
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from pekalongan.backends import JSON_LIMIT, Backend, Entry
from pekalongan.dataset import Dataset, LazyRecords
from pekalongan.errors import DatasetNotFound, PekalonganError, PublishRefused, StoreUnavailable
from pekalongan.plan import plan_from_manifest
from pekalongan.report import Report
from pekalongan.schema import conform_records
from pekalongan.store import (
    CONFLICT,
    CRASH_STATUS,
    DANGLING_TOKEN_GRACE_SECONDS,
    DEFAULT_MAX_AGE_DAYS,
    DEFAULT_MAX_BYTES,
    DEFAULT_MIN_AGE_MINUTES,
    FORMAT,
    FRAME_FILES,
    FULL,
    FUTURE_TOLERANCE_SECONDS,
    MANIFEST_PATTERN,
    NEW,
    ORPHAN_GRACE_SECONDS,
    PUBLIC,
    READY,
    RECORD_FILE,
    RECORDS_FILE,
    REPLACE,
    STORE_UNWRITABLE,
    WRONG_KEY,
    Opened,
    Published,
    Record,
    Saved,
    StoreStatus,
    SweepReport,
    VersionInfo,
    VersionRecord,
    _file_info,
    _hash,
    _manifest,
    _non_negative,
    _Now,
    _number,
    _source_file,
    _version_info,
    encoded_frames,
    evict_in_order,
    new_token,
    not_found,
    read_summaries,
    summary_rows_from_env,
    valid_token,
)

log = logging.getLogger(__name__)

# Where a save or publish can be cut short (`SharedStore(crash_at=...)` ends the process there): each part file
# written, the sources, the manifest created, the record created (a save only), the tokens created (a save only).
SHARED_STEPS = (*FRAME_FILES, "sources", "manifest", "record", "tokens")
PUBLISH_ATTEMPTS = 20  # a publisher beaten to n tries n+1: twenty publishers at once still all land
CACHED_VERSIONS = 8


@dataclass(frozen=True)
class _Version:
    """One manifest found on the listing: its number, its object's time, and (read) its contents."""

    number: int
    modified: float
    manifest: dict[str, Any] | None


class SharedStore:
    """Datasets in `backend`, found by token, with the folder store's public interface (`save`, `publish`, `open`,
    `latest_version`, `versions`, `sources`, `revoke`, `reclaim`, `sweep`, `check`, `datasets`) and its limits.

    `clock` gives wall-clock seconds (tests step it); `crash_at`, one of `SHARED_STEPS`, ends the process
    (``os._exit``) at that step: how the crash tests cut a publish short."""

    def __init__(
        self,
        backend: Backend,
        max_age_days: float = DEFAULT_MAX_AGE_DAYS,
        max_bytes: int = DEFAULT_MAX_BYTES,
        *,
        min_age_seconds: float = DEFAULT_MIN_AGE_MINUTES * 60,
        clock: Callable[[], float] = time.time,
        crash_at: str | None = None,
        summary_rows: int | None = None,
    ) -> None:
        self.backend = backend
        self._summary_rows = summary_rows
        self.root = backend.location  # what the administrator's log names
        self.min_age_seconds = _non_negative(min_age_seconds, DEFAULT_MIN_AGE_MINUTES * 60)
        self.max_age_seconds = max(_non_negative(max_age_days, DEFAULT_MAX_AGE_DAYS) * 86400, self.min_age_seconds)
        self.max_bytes = max_bytes
        self.clock = clock
        self.crash_at = crash_at
        self._cache: OrderedDict[tuple[str, int, str], Dataset] = OrderedDict()

    @property
    def summary_rows(self) -> int:
        """From how many records a saved version gets summaries: the argument, else PEKALONGAN_SUMMARY_ROWS."""
        return self._summary_rows if self._summary_rows is not None else summary_rows_from_env()

    # ------------------------------------------------------------------------------------------------ keys

    def _reached(self, step: str) -> None:
        if self.crash_at == step:
            os._exit(CRASH_STATUS)  # a power cut, as far as the store can tell: no cleanup, no finally

    def _json(self, key: str) -> dict[str, Any] | None:
        """A small JSON object -> dict; missing, huge, garbage, a list -> None. Never raises for bad contents."""
        data = self.backend.read(key, limit=JSON_LIMIT)
        if data is None:
            return None
        try:
            value = json.loads(data)
        except (ValueError, RecursionError):
            return None
        return value if isinstance(value, dict) else None

    def _dataset_of(self, token: str) -> tuple[str, dict[str, Any]]:
        """token -> (its dataset's id, the token object); DatasetNotFound when either is not there."""
        if not valid_token(token):
            raise not_found()
        pointer = self._json(f"tokens/{token}.json")
        dataset_id = pointer.get("id") if pointer else None
        if not valid_token(dataset_id):
            raise not_found()
        return dataset_id, pointer

    def _listed(self, dataset_id: str) -> list[Entry]:
        """The dataset's manifest objects by number, not read: one listing call."""
        found = [e for e in self.backend.listing(f"datasets/{dataset_id}/versions/")
                 if MANIFEST_PATTERN.fullmatch(e.key.rsplit("/", 1)[-1])]
        return sorted(found, key=_manifest_number)

    def _versions(self, dataset_id: str) -> list[_Version]:
        """The dataset's manifests by number, read (a manifest that cannot be read has None)."""
        return [_Version(_manifest_number(e), e.modified, self._json(e.key)) for e in self._listed(dataset_id)]

    def _age(self, manifest: dict[str, Any] | None, modified: float) -> float:
        """The youngest believable age: the manifest's recorded time and the storage's time for it."""
        now = self.clock()
        created = _number(manifest.get("created")) if manifest else None
        ages = [now - t for t in (created, modified) if t is not None]
        believed = [max(a, 0.0) for a in ages if a >= -FUTURE_TOLERANCE_SECONDS]
        return min(believed, default=0.0)

    def _pick(self, dataset_id: str, version: int | None) -> tuple[_Version, int]:
        """-> (the version asked for, else the latest, the latest's number); DatasetNotFound when it is not there
        or has expired."""
        # Newest first, reading only as far as the latest readable manifest (and the one asked for): a page view
        # costs a listing and a manifest or two, however many versions the dataset has.
        listed = self._listed(dataset_id)
        latest = None
        for entry in reversed(listed):
            manifest = self._json(entry.key)
            if manifest is not None and valid_token(manifest.get("part")):
                latest = _Version(_manifest_number(entry), entry.modified, manifest)
                break
        if latest is None:
            raise not_found()
        chosen = latest
        if version is not None and version != latest.number:
            entry = next((e for e in listed if _manifest_number(e) == version), None)
            manifest = self._json(entry.key) if entry is not None else None
            if manifest is None or not valid_token(manifest.get("part")):
                raise not_found()
            chosen = _Version(version, entry.modified, manifest)
        if self._age(chosen.manifest, chosen.modified) > self.max_age_seconds:
            raise not_found()
        return chosen, latest.number

    # ------------------------------------------------------------------------------------------------ write

    def save(self, dataset: Dataset, sources: Sequence[tuple[str, bytes]] = ()) -> Saved:
        """Dataset (and its uploaded files) -> Saved: version 1, its tokens and owner key; or StoreUnavailable
        (logged). Every object is written before the tokens that make it reachable."""
        try:
            return self._save_once(dataset, sources)
        except PekalonganError:
            raise
        except (OSError, pl.exceptions.PolarsError, ValueError, RuntimeError) as exc:
            # obstore's errors are Exceptions of its own; OSError and RuntimeError cover its I/O and HTTP ones.
            log.error("dataset store %s could not save a dataset: %s", self.root, exc)
            raise StoreUnavailable(STORE_UNWRITABLE) from exc

    def _save_once(self, dataset: Dataset, sources: Sequence[tuple[str, bytes]]) -> Saved:
        now = _Now(self.clock(), None)
        dataset_id, part, owner_key = new_token(), new_token(), new_token()
        tokens = {FULL: new_token(), PUBLIC: new_token()}
        listing = self._write_part(dataset_id, part, dataset, sources)
        manifest = _manifest(dataset, now, part, listing, number=1, previous=None, mode=NEW)
        if not self.backend.create(f"datasets/{dataset_id}/versions/1.json", _encode(manifest)):
            raise StoreUnavailable(STORE_UNWRITABLE)  # a fresh 192-bit id already taken: not this universe
        self._reached("manifest")
        for attempt in range(3):  # a token that exists already (never seen) is drawn again
            record = {"format": FORMAT, "id": dataset_id, "owner_hash": _hash(owner_key), "tokens": tokens,
                      "versions": [1]}
            key = f"datasets/{dataset_id}/{RECORD_FILE}"
            if attempt == 0 and not self.backend.create(key, _encode(record)):
                raise StoreUnavailable(STORE_UNWRITABLE)  # another writer on a fresh id: refuse, never share it
            if attempt > 0:  # no token of ours exists yet: the record is still ours alone to rewrite
                self.backend.write(key, _encode(record))
            self._reached("record")
            clash = [view for view, token in tokens.items()
                     if not self.backend.create(f"tokens/{token}.json", _encode({"id": dataset_id, "view": view}))]
            if not clash:
                break
            for view in clash:
                tokens[view] = new_token()
        else:
            raise StoreUnavailable(STORE_UNWRITABLE)
        self._reached("tokens")
        log.info("dataset store %s: saved dataset %s", self.root, dataset_id)
        return Saved(tokens[FULL], tokens[PUBLIC], owner_key, dataset_id)

    def _write_part(
        self, dataset_id: str, part: str, dataset: Dataset, sources: Sequence[tuple[str, bytes]]
    ) -> dict[str, Any]:
        """One version's files under ``parts/<part>/``. -> its listing for the manifest (sizes, hashes)."""
        import hashlib

        prefix = f"datasets/{dataset_id}/parts/{part}/"
        files: dict[str, dict[str, Any]] = {}

        def put(name: str, data: bytes | memoryview) -> None:
            self.backend.write(prefix + name, data)
            files[name] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}

        for name, data in encoded_frames(dataset, self.summary_rows):
            put(name, data)
            self._reached(name)
        listed_sources = []
        for index, (name, data) in enumerate(sources):
            # Never a key from an uploaded file's name: the name goes in the manifest, the bytes in source-<k>.
            put(f"source-{index}", bytes(data))
            listed_sources.append({"name": str(name), "file": f"source-{index}"})
        self._reached("sources")
        return {"files": dict(sorted(files.items())), "sources": listed_sources}

    def publish(
        self, token: str, owner_key: str, dataset: Dataset, sources: Sequence[tuple[str, bytes]] = (), *,
        base: int | None = None, mode: str = REPLACE,
    ) -> Published:
        """A new version behind `token`, given its owner key -> Published; PublishRefused for a wrong key or, with
        `base`, when another version came first; DatasetNotFound; StoreUnavailable (logged)."""
        try:
            return self._publish_once(token, owner_key, dataset, sources, base, mode)
        except PekalonganError:
            raise
        except (OSError, pl.exceptions.PolarsError, ValueError, RuntimeError) as exc:
            log.error("dataset store %s could not publish a version: %s", self.root, exc)
            raise StoreUnavailable(STORE_UNWRITABLE) from exc

    def _publish_once(
        self, token: str, owner_key: str, dataset: Dataset, sources: Sequence[tuple[str, bytes]],
        base: int | None, mode: str,
    ) -> Published:
        dataset_id, _ = self._dataset_of(token)
        record = self._json(f"datasets/{dataset_id}/{RECORD_FILE}")
        if not _owns(record, owner_key):
            raise PublishRefused(WRONG_KEY)
        _, latest = self._pick(dataset_id, None)  # an expired dataset takes no new version
        if base is not None and base != latest:
            raise PublishRefused(CONFLICT, latest=latest, base=base)
        now, part = _Now(self.clock(), None), new_token()
        listing = self._write_part(dataset_id, part, dataset, sources)
        for _attempt in range(PUBLISH_ATTEMPTS):
            numbers = [_manifest_number(e) for e in self._listed(dataset_id)]
            number = max(numbers, default=0) + 1
            previous = max((n for n in numbers if n < number), default=None)
            if base is not None and previous != base:  # another publisher's manifest landed after our check
                self._drop_part(dataset_id, part)
                raise PublishRefused(CONFLICT, latest=previous, base=base)
            manifest = _manifest(dataset, now, part, listing, number=number, previous=previous, mode=mode)
            if self.backend.create(f"datasets/{dataset_id}/versions/{number}.json", _encode(manifest)):
                break
            if base is not None:  # beaten to `number` by a publisher that built on the same base
                self._drop_part(dataset_id, part)
                raise PublishRefused(CONFLICT, latest=number, base=base)
        else:
            self._drop_part(dataset_id, part)
            raise StoreUnavailable(STORE_UNWRITABLE)
        self._reached("manifest")
        tokens = record.get("tokens") if isinstance(record.get("tokens"), dict) else {}
        log.info("dataset store %s: published version %d of dataset %s", self.root, number, dataset_id)
        return Published(dataset_id, number, tokens.get(FULL, token), tokens.get(PUBLIC))

    def _drop_part(self, dataset_id: str, part: str) -> None:
        for entry in self.backend.listing(f"datasets/{dataset_id}/parts/{part}/"):
            self.backend.delete(entry.key)

    # ------------------------------------------------------------------------------------------------- read

    def open(self, token: str, version: int | None = None) -> Opened:
        """token (and a pinned version, else the latest) -> Opened; DatasetNotFound for anything unknown,
        revoked, expired or broken."""
        try:
            dataset_id, pointer = self._dataset_of(token)
            entry, latest = self._pick(dataset_id, version)
            dataset = self._read(dataset_id, entry)
        except DatasetNotFound:
            raise
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RuntimeError,
                pl.exceptions.PolarsError) as exc:
            raise not_found() from exc
        return Opened(dataset, public=pointer.get("view") == PUBLIC, token=token, version=entry.number,
                      latest=latest, pinned=version is not None)

    def _read(self, dataset_id: str, entry: _Version) -> Dataset:
        """A version's files -> its Dataset, from the cache when this process read it before (versions never
        change); a file whose size differs from its manifest's is refused (ValueError)."""
        meta = entry.manifest or {}
        key = (dataset_id, entry.number, str(meta.get("part")))
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        prefix = f"datasets/{dataset_id}/parts/{meta['part']}/"
        listed = meta["part_files"]
        summaries = read_summaries(listed, lambda name: self.backend.read(prefix + name))
        frames = {}
        for name in FRAME_FILES:
            if name == RECORDS_FILE and summaries is not None:
                continue  # read when something asks for the records (a download), scanned for a drill-down
            frames[name] = self._frame(prefix + name, listed[name]["bytes"])
        if summaries is None:
            records: pl.DataFrame | LazyRecords = conform_records(frames[RECORDS_FILE])
        else:
            key, size = prefix + RECORDS_FILE, listed[RECORDS_FILE]["bytes"]
            source, options = self.backend.parquet_source(key)
            records = LazyRecords(summaries.records, lambda: self._frame(key, size),
                                  lambda: pl.scan_parquet(source, storage_options=options))
        dataset = Dataset(
            records=records,
            summaries=summaries,
            plan=plan_from_manifest(meta),
            targets=frames["targets.parquet"],
            report=Report(
                files=[_file_info(f) for f in meta["report_files"]], rows=frames["rows.parquet"],
                warnings=list(meta["warnings"]), unrecognised_names=frames["names.parquet"],
                rows_kept=int(meta["rows_kept"]),
            ),
            files=list(meta["files"]),
            created=str(meta["created_iso"]),
        )
        self._cache[key] = dataset
        while len(self._cache) > CACHED_VERSIONS:
            self._cache.popitem(last=False)
        return dataset

    def _frame(self, key: str, size: int) -> pl.DataFrame:
        """A part's Parquet object -> its frame; ValueError when it is missing or not its manifest's size."""
        data = self.backend.read(key)
        if data is None or len(data) != size:
            raise ValueError(f"{key} is missing or not the size its manifest says")
        return pl.read_parquet(io.BytesIO(data))

    def latest_version(self, token: str) -> int:
        """token -> its dataset's latest version number: one token read and one listing, cheap enough for every
        page view (so a revoked or expired link fails on every replica at once)."""
        try:
            dataset_id, _ = self._dataset_of(token)
            return self._pick(dataset_id, None)[1]
        except (OSError, RuntimeError, ValueError) as exc:
            raise not_found() from exc

    def versions(self, token: str) -> list[VersionInfo]:
        """token -> the versions that open, first to latest; DatasetNotFound if the link does not open."""
        try:
            dataset_id, _ = self._dataset_of(token)
            found = self._versions(dataset_id)
        except OSError as exc:
            raise not_found() from exc
        infos = []
        for entry in found:
            if entry.manifest is None or self._age(entry.manifest, entry.modified) > self.max_age_seconds:
                continue
            try:
                infos.append(_version_info(_AsOnDisk(entry.number, entry.manifest)))
            except (KeyError, TypeError, ValueError):
                log.warning("dataset store %s: dataset %s: version %d: its manifest cannot be read",
                            self.root, dataset_id, entry.number)
        if not infos:
            raise not_found()
        return infos

    def sources(self, token: str, version: int | None = None) -> list[tuple[str, bytes]]:
        """The uploaded files a version keeps, as (name, bytes), in upload order."""
        try:
            dataset_id, _ = self._dataset_of(token)
            entry, _ = self._pick(dataset_id, version)
            prefix = f"datasets/{dataset_id}/parts/{entry.manifest['part']}/"
            found = []
            for source in entry.manifest.get("sources", []):
                data = self.backend.read(prefix + _source_file(source["file"]))
                if data is None:
                    raise ValueError("a source file is missing")
                found.append((str(source["name"]), data))
            return found
        except (OSError, KeyError, TypeError, ValueError, RuntimeError) as exc:
            raise not_found() from exc

    # ------------------------------------------------------------------------------------------- lifecycle

    def revoke(self, token: str, revoke_key: str) -> bool:
        """Delete a dataset, its versions and both its links, given the owner key; False if the key is wrong."""
        try:
            dataset_id, _ = self._dataset_of(token)
            record = self._json(f"datasets/{dataset_id}/{RECORD_FILE}")
            if not _owns(record, revoke_key):
                return False
            self._delete(dataset_id, record, [token])
        except (OSError, RuntimeError, DatasetNotFound) as exc:
            log.warning("dataset store %s: a revocation failed: %s", self.root, exc)
            return False
        return True

    def reclaim(self, token: str, revoke_key: str) -> Saved | None:
        """The owner key typed back in: both links of the dataset, or None if the key is wrong or a link gone."""
        try:
            dataset_id, _ = self._dataset_of(token)
            record = self._json(f"datasets/{dataset_id}/{RECORD_FILE}")
            if not _owns(record, revoke_key):
                return None
            tokens = record.get("tokens") if isinstance(record.get("tokens"), dict) else {}
            if not all(valid_token(tokens.get(view)) and self._json(f"tokens/{tokens[view]}.json")
                       for view in (FULL, PUBLIC)):
                return None
        except (DatasetNotFound, OSError):
            return None
        return Saved(tokens[FULL], tokens[PUBLIC], revoke_key, dataset_id)

    def _delete(self, dataset_id: str, record: dict[str, Any] | None, extra_tokens: Sequence[str] = ()) -> None:
        # Tokens first: once they are gone no replica can open the dataset, even if removing the rest fails.
        named = record.get("tokens") if record else None
        tokens = {*(named.values() if isinstance(named, dict) else ()), *extra_tokens}
        for token in tokens:
            if valid_token(token):
                self.backend.delete(f"tokens/{token}.json")
        entries = self.backend.listing(f"datasets/{dataset_id}/")
        # Manifests before parts: a version whose manifest is gone opens nowhere, one whose part is gone fails.
        for entry in sorted(entries, key=lambda e: "/versions/" not in e.key):
            self.backend.delete(entry.key)

    # ----------------------------------------------------------------------------------------- housekeeping

    def datasets(self) -> list[Record]:
        """-> every dataset in the store, oldest first (unreadable ones included, marked)."""
        return sorted(self._scan()[0], key=lambda r: -r.age)

    def _scan(self) -> tuple[list[Record], dict[str, list[Entry]]]:
        """One listing of ``datasets/`` -> (a Record per dataset, its objects by dataset id)."""
        by_dataset: dict[str, list[Entry]] = {}
        for entry in self.backend.listing("datasets/"):
            parts = entry.key.split("/")
            if len(parts) >= 3:
                by_dataset.setdefault(parts[1], []).append(entry)
        return [self._record(i, e) for i, e in sorted(by_dataset.items()) if valid_token(i)], by_dataset

    def _record(self, dataset_id: str, entries: list[Entry]) -> Record:
        """A dataset's objects -> its Record (versions, sizes, ages, parts no manifest names); never raises."""
        part_sizes: dict[str, int] = {}
        part_times: dict[str, float] = {}
        manifests = []
        for entry in entries:
            rest = entry.key.split("/")[2:]
            if rest[0] == "parts" and len(rest) == 3:
                part_sizes[rest[1]] = part_sizes.get(rest[1], 0) + entry.size
                part_times[rest[1]] = max(part_times.get(rest[1], 0.0), entry.modified)
            elif rest[0] == "versions" and len(rest) == 2 and MANIFEST_PATTERN.fullmatch(rest[1]):
                manifests.append((int(MANIFEST_PATTERN.fullmatch(rest[1]).group(1)), entry))
        versions, problems, named = [], [], set()
        for number, entry in sorted(manifests):
            manifest = self._json(entry.key)
            part = manifest.get("part") if manifest else None
            openable = manifest is not None and valid_token(part) and part in part_sizes
            if openable:
                named.add(part)
            else:
                problems.append(f"version {number}: its manifest or its files cannot be read")
            size = entry.size + (part_sizes.get(part, 0) if openable else 0)
            versions.append(VersionRecord(number, size, self._age(manifest, entry.modified), openable,
                                          part if openable else None))
        readable = [v for v in versions if v.openable]
        latest = max(readable, key=lambda v: v.number) if readable else None
        youngest = max((e.modified for e in entries), default=0.0)
        age = latest.age if latest else self._age(None, youngest)
        loose = tuple(sorted(p for p in part_sizes if p not in named
                             and self.clock() - part_times[p] > ORPHAN_GRACE_SECONDS))
        if not readable:
            problems.append("no version can be read")
        record = self._json(f"datasets/{dataset_id}/{RECORD_FILE}")
        listed = tuple(sorted(v for v in record.get("versions", []) if isinstance(v, int))) if record else None
        return Record(dataset_id, sum(e.size for e in entries), age, None, tuple(problems),
                      openable=bool(readable), versions=tuple(versions), listed=listed, loose_parts=loose)

    def sweep(self) -> SweepReport:
        """Expiry, orphans (no token names them), the size cap, then debris, dataset by dataset; nothing younger
        than the minimum age. For one timer (`python -m pekalongan sweep`); any number may run, none locks."""
        records, by_dataset = self._scan()
        token_names = {name.removesuffix(".json") for name in self.backend.children("tokens/")}
        owned = {}
        for record in records:
            stored = self._json(f"datasets/{record.dataset_id}/{RECORD_FILE}")
            named = stored.get("tokens") if stored else None
            owned[record.dataset_id] = (stored, set(named.values()) if isinstance(named, dict) else set())
        old = [r for r in records if r.age >= self.min_age_seconds]
        expired = [r for r in old if r.age > self.max_age_seconds or not r.openable]
        orphans = [r for r in old if r not in expired and not owned[r.dataset_id][1] & token_names]
        gone = {r.dataset_id for r in expired + orphans}
        kept = [r for r in records if r.dataset_id not in gone]
        stale = [(r, v) for r in kept for v in r.older if v.age > self.max_age_seconds]
        total = sum(r.size for r in kept) - sum(v.size for _, v in stale)
        evicted, total = _victims(kept, stale, total, self.max_bytes, self.min_age_seconds)
        whole = [r for r, v in evicted if v is None]
        for record in [*expired, *orphans, *whole]:
            self._delete(record.dataset_id, owned[record.dataset_id][0])
        removed = gone | {r.dataset_id for r in whole}
        versions_removed = [(r, v) for r, v in [*stale, *evicted] if v is not None and r.dataset_id not in removed]
        for record, version in versions_removed:
            self.backend.delete(f"datasets/{record.dataset_id}/versions/{version.number}.json")
            self._drop_part(record.dataset_id, version.part or "")
        debris = 0
        for record in kept:
            if record.dataset_id in removed:
                continue
            for part in record.loose_parts:
                self._drop_part(record.dataset_id, part)
                debris += 1
        debris += self._sweep_tokens(token_names, {i for r in records if r.dataset_id not in removed
                                                   for i in owned[r.dataset_id][1]})
        debris += self._sweep_staging()
        if removed or versions_removed:
            log.info("dataset store %s: removed %d expired or broken, %d orphaned, %d for the size cap, "
                     "%d older versions", self.root, len(expired), len(orphans), len(whole), len(versions_removed))
        del by_dataset
        return SweepReport(
            expired=[r.dataset_id for r in expired], evicted=[r.dataset_id for r in whole],
            orphans=[r.dataset_id for r in orphans],
            broken=[(r.dataset_id, "; ".join(r.problems)) for r in records if not r.openable],
            debris=debris, datasets=len(records) - len(removed), used_bytes=total,
            versions_removed=[(r.dataset_id, v.number) for r, v in versions_removed],
        )

    def _sweep_tokens(self, present: set[str], named: set[str]) -> int:
        """Tokens no dataset record names (their dataset went, or a crash between token and record), older than
        the grace. A token is written after its record, so a young one is never taken for debris."""
        count = 0
        for entry in self.backend.listing("tokens/"):
            token = entry.key.rsplit("/", 1)[-1].removesuffix(".json")
            if token in named or self.clock() - entry.modified <= DANGLING_TOKEN_GRACE_SECONDS:
                continue
            self.backend.delete(entry.key)
            count += 1
        return count

    def _sweep_staging(self) -> int:
        """Objects under ``tmp/`` older than the grace: a probe or a staged file whose writer died."""
        stale = [e for e in self.backend.listing("tmp/") if self.clock() - e.modified > ORPHAN_GRACE_SECONDS]
        for entry in stale:
            self.backend.delete(entry.key)
        return len(stale)

    def check(self) -> StoreStatus:
        """Can the store write now (a real probe object, written and removed), and how full is it; never raises."""
        code, detail = READY, ""
        try:
            probe = f"tmp/probe-{new_token()}"
            self.backend.write(probe, b"\0" * 16)
            self.backend.delete(probe)
        except OSError as exc:  # a disk's failure or the object store's (backends.BackendError)
            code, detail = STORE_UNWRITABLE, str(exc)
        try:  # one listing, no object read: the About page asks on every view
            entries = self.backend.listing("datasets/")
        except OSError:
            entries = []
        ids = {e.key.split("/")[1] for e in entries if e.key.count("/") >= 2}
        return StoreStatus(code, len(ids), sum(e.size for e in entries), self.max_bytes, None, detail)


@dataclass(frozen=True)
class _AsOnDisk:
    """What `store._version_info` reads of a version."""

    number: int
    manifest: dict[str, Any]


def _manifest_number(entry: Entry) -> int:
    return int(MANIFEST_PATTERN.fullmatch(entry.key.rsplit("/", 1)[-1]).group(1))


def _owns(record: dict[str, Any] | None, owner_key: object) -> bool:
    expected = record.get("owner_hash") if record else None
    return isinstance(expected, str) and isinstance(owner_key, str) and hmac.compare_digest(
        expected, _hash(owner_key))


def _encode(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _victims(
    records: list[Record], stale: list[tuple[Record, VersionRecord]], total: int, max_bytes: int, min_age: float
) -> tuple[list[tuple[Record, VersionRecord | None]], int]:
    """The folder store's order: older versions oldest first, then whole datasets oldest first, only past the
    minimum age, until `total` is under the cap. -> ([(record, version or None for the whole)], total after)"""
    going = {(r.dataset_id, v.number) for r, v in stale}
    units = [(r, v, v.age) for r in records for v in r.older if (r.dataset_id, v.number) not in going]
    units += [(r, None, r.age) for r in records]
    units.sort(key=lambda u: (u[1] is None, -u[2]))
    return evict_in_order(units, total, max_bytes, min_age)
