"""Where a store's objects live: a folder on this machine's disk, or an S3-compatible bucket shared by every
replica. Both hold the same keys (``datasets/<id>/versions/1.json``, ``tokens/<token>.json``, ...), so the layout
in `pekalongan.store`'s docstring is the layout in either; `pekalongan.shared.SharedStore` works over either.

The interface is what object storage offers and no more: whole-object reads and writes, a create-only write that
has exactly one winner (``If-None-Match: *`` on S3, ``os.link`` on a folder), deletes, and listings. No rename and
no lock: a lock that only one machine can see protects nothing once there are two.

Configuration (`backend_from_env`)::

    PEKALONGAN_STORE=s3://bucket/prefix      the bucket and a key prefix (the prefix may be empty)
    PEKALONGAN_S3_ENDPOINT=http://host:8333  an S3-compatible server (SeaweedFS, Garage, Ceph, ...); unset for AWS
    AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY the credentials (or an instance role on AWS: leave them unset)
    AWS_REGION                               default us-east-1 (most S3-compatible servers ignore it)
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from pekalongan.store import FILE_MODE, FOLDER_MODE, MAX_JSON_BYTES, new_token

S3_SCHEME = "s3://"


class BackendError(OSError):
    """The object store could not be reached or refused a request (network, credentials, a missing bucket): an
    OSError, so every caller that handles a disk's failure handles this one the same way."""


@dataclass(frozen=True)
class Entry:
    """One object of a listing: its key (relative to the store's root), size in bytes, and when it was written
    (seconds since the epoch, by the storage's own clock)."""

    key: str
    size: int
    modified: float


class Backend(Protocol):
    """A store's objects. Keys are '/'-separated and relative to the store's root; a key never starts with '/'
    and never holds '..' (the store builds them from validated tokens only)."""

    location: str  # for the administrator's log: the folder, or s3://bucket/prefix

    def read(self, key: str, limit: int | None = None) -> bytes | None:
        """The object's bytes; None when it is not there (or, with `limit`, larger than `limit` bytes)."""
        ...

    def write(self, key: str, data: bytes | memoryview) -> None:
        """Write the object whole (a reader sees the old bytes or the new, never a part); overwrites."""
        ...

    def create(self, key: str, data: bytes | memoryview) -> bool:
        """Write the object only if no object has that key: True if this call made it, False if one existed.
        Of any number of concurrent callers, exactly one gets True."""
        ...

    def delete(self, key: str) -> None:
        """Remove the object; nothing happens if it is not there."""
        ...

    def listing(self, prefix: str) -> list[Entry]:
        """Every object whose key starts with `prefix` (a folder-like prefix ending in '/'), at any depth."""
        ...

    def children(self, prefix: str) -> set[str]:
        """The names one level below `prefix` that hold an object (objects and sub-prefixes alike)."""
        ...

    def parquet_source(self, key: str) -> tuple[str, dict[str, str] | None]:
        """Where polars scans the object from (`pl.scan_parquet(source, storage_options=options)`), reading only
        the row groups a filter needs: a path, or an ``s3://`` address and its options."""
        ...


# ---------------------------------------------------------------------------------------------------- folder


class FolderBackend:
    """Objects as files under `root`, readable by the app's user only. A write goes to a temporary file, is
    fsynced and renamed over the key; a create-only write is a hard link of such a file, which fails if the key
    exists (atomic on one file system: the same promise S3's conditional write makes)."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self.location = str(self.root)

    def _path(self, key: str) -> Path:
        if key.startswith("/") or ".." in key.split("/"):
            raise ValueError(f"not a store key: {key!r:.80}")
        return self.root / key

    def _staged(self, key: str, data: bytes | memoryview) -> Path:
        (self.root / "tmp").mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        temp = self.root / "tmp" / f"{new_token()}.object.part"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        with open(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        self._path(key).parent.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        return temp

    def read(self, key: str, limit: int | None = None) -> bytes | None:
        try:
            fd = os.open(self._path(key), os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
        except OSError:
            return None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or (limit is not None and info.st_size > limit):
                return None
            with os.fdopen(fd, "rb", closefd=False) as handle:
                return handle.read()
        except OSError:
            return None
        finally:
            os.close(fd)

    def write(self, key: str, data: bytes | memoryview) -> None:
        temp = self._staged(key, data)
        try:
            os.replace(temp, self._path(key))
        finally:
            temp.unlink(missing_ok=True)

    def create(self, key: str, data: bytes | memoryview) -> bool:
        temp = self._staged(key, data)
        try:
            os.link(temp, self._path(key))
        except FileExistsError:
            return False
        finally:
            temp.unlink(missing_ok=True)
        return True

    def delete(self, key: str) -> None:
        path = self._path(key)
        path.unlink(missing_ok=True)
        # Empty folders left behind are removed up to the top level, as an object store has no empty "folders".
        for parent in path.parents:
            if parent == self.root or self.root not in parent.parents:
                break
            try:
                parent.rmdir()
            except OSError:
                break

    def listing(self, prefix: str) -> list[Entry]:
        return sorted(self._walk(self._path(prefix.rstrip("/")) if prefix else self.root), key=lambda e: e.key)

    def _walk(self, folder: Path) -> Iterator[Entry]:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    yield from self._walk(Path(entry.path))
                    continue
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            key = Path(entry.path).relative_to(self.root).as_posix()
            yield Entry(key, info.st_size, info.st_mtime)

    def children(self, prefix: str) -> set[str]:
        try:
            return {entry.name for entry in os.scandir(self._path(prefix.rstrip("/")) if prefix else self.root)}
        except OSError:
            return set()

    def parquet_source(self, key: str) -> tuple[str, dict[str, str] | None]:
        return str(self._path(key)), None


# -------------------------------------------------------------------------------------------------------- S3


class S3Backend:
    """Objects in an S3-compatible bucket through `obstore` (Rust's `object_store`; no Python dependencies).
    A create-only write is a PUT with ``If-None-Match: *``: the server refuses every writer but the first."""

    def __init__(
        self, bucket: str, prefix: str = "", *, endpoint: str | None = None, access_key_id: str | None = None,
        secret_access_key: str | None = None, region: str | None = None,
    ) -> None:
        from obstore.store import S3Store  # imported here: the folder store needs nothing installed

        self.bucket, self.prefix = bucket, prefix.strip("/")
        self.location = f"{S3_SCHEME}{bucket}/{self.prefix}"
        config: dict[str, str] = {"region": region or "us-east-1"}
        if endpoint:
            config["endpoint"] = endpoint
        if access_key_id and secret_access_key:
            config["access_key_id"], config["secret_access_key"] = access_key_id, secret_access_key
        # A server on the same machine or network is often spoken to over plain HTTP (never AWS itself).
        options: dict[str, object] = {"connect_timeout": "5s", "timeout": "60s"}
        if endpoint and endpoint.startswith("http://"):
            options["allow_http"] = True
        # A page view waits on these calls: a few quick retries, not object_store's three minutes.
        retry = {"max_retries": 3, "retry_timeout": timedelta(seconds=20)}
        self._store = S3Store(bucket, prefix=self.prefix or None, config=config, client_options=options,
                              retry_config=retry)
        # polars' own reader of s3:// addresses (a drill-down scans only the row groups it needs): the same server.
        self._scan_options = {f"aws_{k}": v for k, v in config.items()}
        if options.get("allow_http"):
            self._scan_options["aws_allow_http"] = "true"

    def read(self, key: str, limit: int | None = None) -> bytes | None:
        import obstore

        with _translated():
            try:
                result = obstore.get(self._store, key)
                if limit is not None and result.meta["size"] > limit:
                    return None
                return bytes(result.bytes())
            except FileNotFoundError:
                return None

    def write(self, key: str, data: bytes | memoryview) -> None:
        import obstore

        with _translated():
            obstore.put(self._store, key, bytes(data))

    def create(self, key: str, data: bytes | memoryview) -> bool:
        import obstore
        from obstore.exceptions import AlreadyExistsError, PreconditionError

        with _translated():
            try:
                obstore.put(self._store, key, bytes(data), mode="create")
            except (AlreadyExistsError, PreconditionError):
                return False
            return True

    def delete(self, key: str) -> None:
        import obstore

        with _translated():
            try:
                obstore.delete(self._store, key)
            except FileNotFoundError:  # S3 answers 204 either way; some compatible servers say 404
                pass

    def listing(self, prefix: str) -> list[Entry]:
        import obstore

        found = []
        with _translated():
            for batch in obstore.list(self._store, prefix.rstrip("/") or None):
                found += [Entry(m["path"], int(m["size"]), _epoch(m["last_modified"])) for m in batch]
        return sorted(found, key=lambda e: e.key)

    def children(self, prefix: str) -> set[str]:
        # From the objects, not the delimiter listing: SeaweedFS (a filer underneath) keeps a "folder" whose
        # objects are all deleted as a common prefix, so a delimiter listing would name what is gone.
        start = len(prefix.rstrip("/")) + 1 if prefix else 0
        return {entry.key[start:].split("/", 1)[0] for entry in self.listing(prefix)}

    def parquet_source(self, key: str) -> tuple[str, dict[str, str] | None]:
        return f"{S3_SCHEME}{self.bucket}/{self.prefix + '/' if self.prefix else ''}{key}", dict(self._scan_options)


@contextmanager
def _translated() -> Iterator[None]:
    """obstore's errors (Exceptions of its own, not OSErrors) -> BackendError; FileNotFoundError passes as it is."""
    from obstore.exceptions import BaseError

    try:
        yield
    except BaseError as exc:
        raise BackendError(f"object store: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from exc


def _epoch(moment: datetime) -> float:
    return moment.timestamp()


def is_s3(location: str | os.PathLike | None) -> bool:
    return isinstance(location, str) and location.startswith(S3_SCHEME)


def s3_backend(location: str, environ: dict[str, str] | None = None) -> S3Backend:
    """'s3://bucket/prefix' and the endpoint and credential variables -> its backend; ValueError for an address
    with no bucket."""
    env = os.environ if environ is None else environ
    parts = urlsplit(location)
    if parts.scheme != "s3" or not parts.netloc:
        raise ValueError(f"PEKALONGAN_STORE={location!r} names no bucket (s3://bucket/prefix)")
    return S3Backend(
        parts.netloc, parts.path, endpoint=env.get("PEKALONGAN_S3_ENDPOINT") or env.get("AWS_ENDPOINT_URL"),
        access_key_id=env.get("AWS_ACCESS_KEY_ID"), secret_access_key=env.get("AWS_SECRET_ACCESS_KEY"),
        region=env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION"),
    )


JSON_LIMIT = MAX_JSON_BYTES
