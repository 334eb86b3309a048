"""Publishing a version under faults, with real processes: a publisher killed at every step of a publish (the
store's `crash_at`, which ends the process there with os._exit, no cleanup), and two publishers at the same moment.
What must hold: the previous version is served until the new one's manifest exists, the store stays loadable and
sweeps clean, and no published version is ever lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time

import polars as pl
import pytest
from conftest import ROOT
from versions_data import YEAR_2019, YEAR_2019_CORRECTED, by_year, files_2019

from pekalongan.ingest import load
from pekalongan.store import CRASH_STATUS, PUBLISH_STEPS, Store

ENV = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'tests'}"}

# A publisher: the corrected 2019 recap as a new version; with "wait", it waits for a line on stdin first, so two of
# them can be let go at the same moment.
PUBLISHER = textwrap.dedent(
    """
    import sys
    from pekalongan.errors import PublishRefused
    from pekalongan.ingest import load
    from pekalongan.store import Store
    from versions_data import files_2019_corrected
    root, token, key, step, base, wait = sys.argv[1:7]
    store = Store(root, crash_at=step or None)
    files = [files_2019_corrected()]
    dataset = load(files)
    if wait == "wait":
        print("ready", flush=True)
        sys.stdin.readline()
    try:
        published = store.publish(token, key, dataset, files, base=int(base) if base else None)
    except PublishRefused as exc:
        print("refused", exc.code, flush=True)
    else:
        print("published", published.version, flush=True)
    """
)


def yearly(dataset) -> dict[int, float]:
    sums = dataset.records.group_by("year").agg(pl.col("value_usd").sum()).sort("year")
    return {int(y): round(v, 2) for y, v in sums.iter_rows()}


def publisher(root, saved, step="", base="", wait="") -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", PUBLISHER, str(root), saved.token, saved.owner_key, step, base, wait],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV,
    )


def first_version(root):
    files = [files_2019()]
    return Store(root).save(load(files), files)


def assert_loadable(store: Store, token: str) -> list[int]:
    """Every version listed opens whole; the record names exactly the manifests on disk. -> the version numbers"""
    numbers = [v.number for v in store.versions(token)]
    for number in numbers:
        assert store.open(token, number).dataset.records.height > 0
    assert all(r.openable for r in store.datasets())
    return numbers


@pytest.mark.parametrize("step", PUBLISH_STEPS)
def test_a_publisher_killed_at_any_step_leaves_the_previous_version_served(tmp_path, step):
    root = tmp_path / "store"
    saved = first_version(root)
    proc = publisher(root, saved, step=step)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == CRASH_STATUS, err  # it died at that step, without a word
    committed = PUBLISH_STEPS.index(step) >= PUBLISH_STEPS.index("manifest")  # the manifest is the commit point
    store = Store(root)
    latest = store.open(saved.token)
    assert latest.version == (2 if committed else 1)
    assert yearly(latest.dataset) == by_year(YEAR_2019_CORRECTED if committed else YEAR_2019)
    assert yearly(store.open(saved.public_token).dataset) == yearly(latest.dataset)
    assert assert_loadable(store, saved.token) == ([1, 2] if committed else [1])
    # The sweep, once the leftovers are past their grace, leaves nothing behind and the record in step.
    later = Store(root, clock=lambda: time.time() + 2 * 3600, boot_clock=lambda: None)
    later.sweep()
    assert list((root / "tmp").iterdir()) == []
    folder = root / "datasets" / saved.dataset_id
    manifests = sorted(int(p.stem) for p in (folder / "versions").iterdir())
    assert json.loads((folder / "dataset.json").read_text())["versions"] == manifests
    parts = {json.loads(p.read_text())["part"] for p in (folder / "versions").iterdir()}
    assert {p.name for p in (folder / "parts").iterdir()} == parts  # no part without its manifest
    # And publishing works again: the next number, nothing overwritten.
    again = store.publish(saved.token, saved.owner_key, load([files_2019()]), [files_2019()])
    assert again.version == (3 if committed else 2)
    assert assert_loadable(store, saved.token) == list(range(1, again.version + 1))


@pytest.mark.parametrize(("base", "expected"), [("", ["published 2", "published 3"]),
                                                ("1", ["published 2", "refused versions.conflict"])])
def test_two_publishers_at_once_end_with_two_versions_or_one_clear_refusal(tmp_path, base, expected):
    root = tmp_path / "store"
    saved = first_version(root)
    procs = [publisher(root, saved, base=base, wait="wait") for _ in range(2)]
    for proc in procs:
        assert proc.stdout.readline().strip() == "ready"
    for proc in procs:  # both ready: now at once
        proc.stdin.write("go\n")
    for proc in procs:
        proc.stdin.flush()
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        results.append(out.strip())
    assert sorted(results) == expected
    store = Store(root)
    published = [int(r.split()[1]) for r in results if r.startswith("published")]
    assert assert_loadable(store, saved.token) == [1, *sorted(published)]  # never a lost version
    for number in published:
        assert yearly(store.open(saved.token, number).dataset) == by_year(YEAR_2019_CORRECTED)
    assert yearly(store.open(saved.token, 1).dataset) == by_year(YEAR_2019)
