"""Servers the tests start as processes of their own (Streamlit, SeaweedFS, Caddy): tied to the test process and
stopped with everything they started."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys

# Looked up here, not in the forked child: between fork and exec only the call itself should run.
_prctl = ctypes.CDLL(None).prctl if sys.platform == "linux" else None


def _die_with_parent() -> None:
    """In the server's process: get SIGTERM when pytest goes, however it goes (a killed run leaves no server)."""
    PR_SET_PDEATHSIG = 1
    _prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


# `preexec_fn=` for subprocess.Popen (None where the platform has no prctl).
DIE_WITH_PARENT = _die_with_parent if _prctl else None


def stop(process: subprocess.Popen, grace: float = 10) -> None:
    """Terminate a server started with `start_new_session=True` and anything it started (its process group),
    killing it if it has not gone after `grace` seconds."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass
