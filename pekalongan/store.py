"""The dataset store: cleaned uploads on disk, behind unguessable tokens, so a link opens the same data elsewhere.

Layout under the store's root (``PEKALONGAN_STORE``, default ``~/.local/share/dasbor-ekspor-pekalongan``)::

    datasets/<id>/records.parquet     the canonical records
    datasets/<id>/targets.parquet     targets and exchange rates
    datasets/<id>/rows.parquet        every rejected or skipped row, with its reason
    datasets/<id>/names.parquet       destinations not recognised, regions
    datasets/<id>/meta.json           files, dates, detections, warnings, hash of the revocation key
    tokens/<token>.json               {"id": <id>, "view": "full" | "public"}

A dataset is written whole into ``tmp/`` and renamed into ``datasets/`` (rename is atomic on one file system),
then its tokens are written the same way: a crash at any point leaves either no dataset or a complete one, never
half of one (orphans without tokens are swept away later). Tokens carry 192 random bits from `secrets`; the
public view has its own token, so the full view cannot be reached from it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from pekalongan.errors import DatasetNotFound
from pekalongan.ingest import Dataset
from pekalongan.report import FileInfo, Report, SheetInfo
from pekalongan.schema import conform_records

TOKEN_BYTES = 24  # 192 bits
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32}$")
DEFAULT_MAX_AGE_DAYS = 180
DEFAULT_MAX_BYTES = 2 * 1024**3
ORPHAN_GRACE_SECONDS = 3600  # a dataset directory without tokens younger than this may still be being written
FULL, PUBLIC = "full", "public"


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


NOT_FOUND = (
    "Tautan data ini tidak berlaku: mungkin salah salin, sudah dicabut oleh pengunggahnya, atau sudah kedaluwarsa. "
    "Yang tampil sekarang adalah data contoh; minta tautan baru kepada pengirimnya."
)


class Store:
    """Datasets on disk under `root`, found by token, expiring after `max_age_days`, capped at `max_bytes`."""

    def __init__(
        self,
        root: Path | str | None = None,
        max_age_days: float = DEFAULT_MAX_AGE_DAYS,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.root = Path(root) if root is not None else default_root()
        self.max_age_seconds = max_age_days * 86400
        self.max_bytes = max_bytes
        for sub in ("datasets", "tokens", "tmp"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)

    # ----------------------------------------------------------------------------------------------- paths

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

    # ------------------------------------------------------------------------------------------------ write

    def save(self, dataset: Dataset, *, now: float | None = None) -> Saved:
        """Dataset -> Saved (tokens, revocation key); the dataset is on disk whole before any token points at it."""
        now = time.time() if now is None else now
        dataset_id, token, public_token, revoke_key = new_token(), new_token(), new_token(), new_token()
        staging = self.root / "tmp" / f"{dataset_id}.part"
        staging.mkdir(parents=True)
        try:
            dataset.records.write_parquet(staging / "records.parquet")
            dataset.targets.write_parquet(staging / "targets.parquet")
            dataset.report.rows.write_parquet(staging / "rows.parquet")
            dataset.report.unrecognised_names.write_parquet(staging / "names.parquet")
            meta = {
                "version": 1,
                "created": now,
                "created_iso": dataset.created,
                "files": dataset.files,
                "rows_kept": dataset.report.rows_kept,
                "report_files": [f.as_dict() for f in dataset.report.files],
                "warnings": dataset.report.warnings,
                "revoke_hash": _hash(revoke_key),
            }
            _write_json(staging / "meta.json", meta)
            _fsync_dir(staging)
            os.rename(staging, self.dataset_path(dataset_id))
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        self._write_token(token, dataset_id, FULL)
        self._write_token(public_token, dataset_id, PUBLIC)
        self.purge(now=now)
        return Saved(token, public_token, revoke_key, dataset_id)

    def _write_token(self, token: str, dataset_id: str, view: str) -> None:
        target = self.token_path(token)
        temp = self.root / "tmp" / f"{token}.json.part"
        _write_json(temp, {"id": dataset_id, "view": view})
        os.replace(temp, target)

    # ------------------------------------------------------------------------------------------------- read

    def open(self, token: str, *, now: float | None = None) -> Opened:
        """token -> Opened; DatasetNotFound (one friendly sentence) for anything unknown, revoked, expired, broken."""
        now = time.time() if now is None else now
        path = self.token_path(token)
        try:
            pointer = json.loads(path.read_text(encoding="utf-8"))
            folder = self.dataset_path(str(pointer["id"]))
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            if now - float(meta["created"]) > self.max_age_seconds:
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
        except (OSError, ValueError, KeyError, TypeError, pl.exceptions.PolarsError) as exc:
            # A missing, truncated or corrupted file: the same friendly answer as an unknown token.
            raise DatasetNotFound(NOT_FOUND) from exc
        return Opened(dataset, public=pointer.get("view") == PUBLIC, token=token)

    # ------------------------------------------------------------------------------------------- lifecycle

    def revoke(self, token: str, revoke_key: str) -> bool:
        """Delete a dataset and both its links, given the key shown to its uploader; False if the key is wrong."""
        try:
            pointer = json.loads(self.token_path(token).read_text(encoding="utf-8"))
            folder = self.dataset_path(str(pointer["id"]))
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, DatasetNotFound):
            return False
        if not hmac.compare_digest(meta.get("revoke_hash", ""), _hash(revoke_key)):
            return False
        self._delete(folder.name)
        return True

    def _delete(self, dataset_id: str) -> None:
        # Tokens first: once they are gone nothing can open the dataset, even if removing its folder fails.
        for token_file in (self.root / "tokens").glob("*.json"):
            try:
                if json.loads(token_file.read_text(encoding="utf-8")).get("id") == dataset_id:
                    token_file.unlink(missing_ok=True)
            except (OSError, ValueError):
                continue
        shutil.rmtree(self.root / "datasets" / dataset_id, ignore_errors=True)

    def datasets(self) -> list[tuple[str, float, int]]:
        """-> [(id, created, bytes)] of complete datasets, oldest first."""
        out = []
        for folder in (self.root / "datasets").iterdir():
            try:
                meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
                size = sum(f.stat().st_size for f in folder.iterdir())
                out.append((folder.name, float(meta["created"]), size))
            except (OSError, ValueError, KeyError):
                out.append((folder.name, 0.0, 0))  # unreadable: oldest, first to go
        return sorted(out, key=lambda d: d[1])

    def purge(self, *, now: float | None = None) -> list[str]:
        """Remove expired datasets, then the oldest until the store is under its size cap; sweep debris."""
        now = time.time() if now is None else now
        removed = []
        datasets = self.datasets()
        for dataset_id, created, _ in datasets:
            if now - created > self.max_age_seconds:
                self._delete(dataset_id)
                removed.append(dataset_id)
        remaining = [d for d in datasets if d[0] not in removed]
        total = sum(size for _, _, size in remaining)
        for dataset_id, _, size in remaining[:-1]:  # never evict the dataset just saved
            if total <= self.max_bytes:
                break
            self._delete(dataset_id)
            removed.append(dataset_id)
            total -= size
        self._sweep(now)
        return removed

    def _sweep(self, now: float) -> None:
        """Half-written staging folders and tokens pointing nowhere, left by a crash."""
        # Other sessions save at the same moment: an entry listed here may be renamed away before it is looked at.
        for leftover in (self.root / "tmp").iterdir():
            try:
                if now - leftover.stat().st_mtime > ORPHAN_GRACE_SECONDS:
                    if leftover.is_dir():
                        shutil.rmtree(leftover, ignore_errors=True)
                    else:
                        leftover.unlink(missing_ok=True)
            except FileNotFoundError:
                continue
        for token_file in (self.root / "tokens").glob("*.json"):
            try:
                target = json.loads(token_file.read_text(encoding="utf-8")).get("id", "")
            except (OSError, ValueError):
                target = ""
            try:
                if not (self.root / "datasets" / str(target)).is_dir() and now - token_file.stat().st_mtime > 60:
                    token_file.unlink(missing_ok=True)
            except FileNotFoundError:
                continue


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _write_json(path: Path, data: dict[str, Any]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    for child in path.iterdir():
        with open(child, "rb") as handle:
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


def configured_store() -> Store:
    """The store as the environment configures it: PEKALONGAN_STORE, PEKALONGAN_STORE_DAYS, PEKALONGAN_STORE_MAX_MB."""
    days = float(os.environ.get("PEKALONGAN_STORE_DAYS") or DEFAULT_MAX_AGE_DAYS)
    max_mb = float(os.environ.get("PEKALONGAN_STORE_MAX_MB") or DEFAULT_MAX_BYTES / 1024**2)
    return Store(default_root(), max_age_days=days, max_bytes=int(max_mb * 1024**2))
