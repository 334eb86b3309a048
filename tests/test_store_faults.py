"""The store under faults: a process killed mid-save, two saves at the same moment."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading

from conftest import ROOT

from pekalongan.ingest import load_sample
from pekalongan.store import Store

SAVER = textwrap.dedent(
    """
    import sys
    from pekalongan.ingest import load_sample
    from pekalongan.store import Store
    store = Store(sys.argv[1])
    dataset = load_sample()
    print("ready", flush=True)
    while True:
        store.save(dataset)
    """
)


def check_consistent(store: Store) -> int:
    """Every token opens a complete dataset; returns how many datasets open."""
    opened = 0
    for token_file in (store.root / "tokens").glob("*.json"):
        pointer = json.loads(token_file.read_text())
        folder = store.root / "datasets" / pointer["id"]
        if folder.is_dir():
            store.open(token_file.stem)
            opened += 1
    for folder in (store.root / "datasets").iterdir():
        assert {p.name for p in folder.iterdir()} >= {"records.parquet", "meta.json", "targets.parquet"}
    return opened


def test_killing_the_process_mid_save_leaves_no_half_dataset(tmp_path):
    root = tmp_path / "store"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for round_ in range(3):
        proc = subprocess.Popen([sys.executable, "-c", SAVER, str(root)], stdout=subprocess.PIPE, env=env)
        assert proc.stdout.readline().strip() == b"ready"
        # Let it get into its saving loop, then kill it without warning, wherever it is.
        proc.stdout.close()
        try:
            proc.wait(timeout=0.3 + 0.2 * round_)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
    store = Store(root)
    assert check_consistent(store) >= 1
    store.purge(now=10**10)  # far future: everything expires, debris is swept
    assert store.datasets() == []
    # And the store still works afterwards.
    saved = store.save(load_sample())
    assert store.open(saved.token).dataset.records.height > 0


def test_two_saves_at_the_same_moment_both_land_intact(tmp_path):
    store = Store(tmp_path / "store")
    dataset = load_sample()
    barrier = threading.Barrier(4)
    results = []

    def save():
        barrier.wait()
        results.append(store.save(dataset))

    threads = [threading.Thread(target=save) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({r.token for r in results}) == 4
    for saved in results:
        assert store.open(saved.token).dataset.records.equals(dataset.records)
