"""The store under faults, with real processes and real folders: a process killed mid-save, saves at the same
moment at the size cap, a clock stepped back and forward, the folder deleted while the server runs, a full disk
(a small tmpfs when this machine lets us mount one, and a file size limit, which works everywhere). Each test
says what the user sees: a link that opens, or one plain sentence in their language."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import DATA, ROOT

from pekalongan.errors import DatasetNotFound, StoreUnavailable
from pekalongan.i18n import t
from pekalongan.ingest import load_sample
from pekalongan.store import Store, configured_store, system_boot_clock

HOUR = 3600.0
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
FULL_ID = "Penyimpanan penuh, hubungi pengelola aplikasi"
FULL_EN = "Storage is full, contact the app's administrator"

SAVER = textwrap.dedent(
    """
    import sys
    from pekalongan.store import Store, configured_store, system_boot_clock
    dataset = Store(sys.argv[2]).open(sys.argv[3]).dataset
    store = Store(sys.argv[1])
    print("ready", flush=True)
    while True:
        store.save(dataset)
    """
)

# A server process: waits for a command on stdin, saves, says what its user would get.
SERVER = textwrap.dedent(
    """
    import json, sys
    from pekalongan.errors import DatasetNotFound, StoreUnavailable
    from pekalongan.store import Store, configured_store, system_boot_clock
    root, seed, token, cap = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    dataset = Store(seed).open(token).dataset
    store = Store(root, max_bytes=cap)

    def save():
        try:
            saved = store.save(dataset)
        except StoreUnavailable as exc:
            return {"code": exc.code, "message": str(exc)}
        try:  # at once, as the uploader's own page does with its new link
            opened = store.open(saved.token).dataset.records.height
        except DatasetNotFound:
            opened = None
        return {"token": saved.token, "rows": opened}

    print("ready", flush=True)
    for line in sys.stdin:
        command, count = line.split()
        for _ in range(int(count)):
            print(json.dumps(save()), flush=True)
    """
)


@pytest.fixture(scope="module")
def dataset():
    return load_sample()


@pytest.fixture(scope="module")
def seed(tmp_path_factory, dataset) -> tuple[str, str]:
    """The sample in a store of its own, for child processes to open in milliseconds instead of reading it."""
    root = tmp_path_factory.mktemp("seed")
    return str(root), Store(root).save(dataset).token


def size_of_one(tmp_path: Path, dataset) -> int:
    probe = Store(tmp_path / "probe")
    probe.save(dataset)
    return probe.datasets()[0].size


def save_old(root: Path, dataset, hours: float):
    """A dataset saved `hours` ago, as a backup restored with its times (rsync -a) looks."""
    then = time.time() - hours * HOUR
    saved = Store(root, clock=lambda: then, boot_clock=lambda: None).save(dataset)
    backdate(root / "datasets" / saved.dataset_id, then)
    return saved


def backdate(path: Path, when: float) -> None:
    """Every file and folder under `path` dated `when`, as rsync -a keeps them."""
    for child in [path, *path.rglob("*")]:
        os.utime(child, (when, when), follow_symlinks=False)


def opens(root: Path, token: str) -> bool:
    try:
        Store(root).open(token)
    except DatasetNotFound:
        return False
    return True


def server(root: Path, seed: tuple[str, str], cap: int = 2 * 1024**3) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", SERVER, str(root), *seed, str(cap)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    assert proc.stdout.readline().strip() == "ready"
    return proc


def ask(proc: subprocess.Popen, count: int = 1) -> list[dict]:
    proc.stdin.write(f"save {count}\n")
    proc.stdin.flush()
    return [json.loads(proc.stdout.readline()) for _ in range(count)]


def check_consistent(store: Store) -> int:
    """Every token opens a complete dataset; returns how many datasets open."""
    opened = 0
    for token_file in (store.root / "tokens").glob("*.json"):
        pointer = json.loads(token_file.read_text())
        folder = store.root / "datasets" / pointer["id"]
        if folder.is_dir():
            store.open(token_file.stem)
            opened += 1
    for folder in (store.root / "datasets").iterdir():  # whole or not there: a record and a manifest per version
        record = json.loads((folder / "dataset.json").read_text())
        assert sorted(int(p.stem) for p in (folder / "versions").iterdir()) == record["versions"]
    return opened


# ------------------------------------------------------------------------------------------ killed, concurrent


def test_killing_the_process_mid_save_leaves_no_half_dataset(tmp_path, seed, dataset):
    root = tmp_path / "store"
    for round_ in range(3):
        proc = subprocess.Popen([sys.executable, "-c", SAVER, str(root), *seed], stdout=subprocess.PIPE, env=ENV)
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
    far_future = Store(root, clock=lambda: time.time() + 10**9, boot_clock=lambda: None)
    far_future.sweep()  # everything expires, debris is swept
    assert far_future.datasets() == []
    assert list((root / "tmp").iterdir()) == [] and list((root / "tokens").iterdir()) == []
    # And the store still works afterwards.
    saved = store.save(dataset)
    assert store.open(saved.token).dataset.records.height > 0


def test_two_saves_at_the_same_moment_both_land_intact(tmp_path, dataset):
    store = Store(tmp_path / "store")
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


def test_concurrent_savers_at_the_size_cap_never_return_a_dead_link(tmp_path, seed, dataset):
    # The store is full of datasets three hours old; four server processes save three times each, at once. Each
    # save must evict one old dataset to fit, never one just saved by another process: room for exactly six.
    old_count, processes, saves = 6, 4, 3
    one = size_of_one(tmp_path, dataset)
    root = tmp_path / "store"
    old = [save_old(root, dataset, hours=3) for _ in range(old_count)]
    cap = old_count * one + one // 2
    servers = [server(root, seed, cap) for _ in range(processes)]
    for proc in servers:  # all ready: now all at once
        proc.stdin.write(f"save {saves}\n")
    for proc in servers:
        proc.stdin.flush()
    results = []
    for proc in servers:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        results += [json.loads(line) for line in out.splitlines()]
    saved = [r for r in results if "token" in r]
    refused = [r for r in results if "code" in r]
    assert len(results) == processes * saves
    assert all(r["rows"] == dataset.records.height for r in saved)  # each opened at once, by its own process
    assert [r["code"] for r in refused] == ["store.full"] * len(refused)
    assert all(FULL_ID in r["message"] for r in refused)
    assert len(saved) == old_count  # the lock: no two savers counted on the same room
    assert all(opens(root, r["token"]) for r in saved)  # and every link handed out still opens
    assert not any(opens(root, s.token) for s in old)
    assert sum(d.size for d in Store(root).datasets()) <= cap


# ----------------------------------------------------------------------------------------------------- clock


class SteppedClock:
    """The real wall clock plus an offset the test moves, as an administrator's `date -s` would."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset


@pytest.mark.parametrize("boot_clock", ["system", "none"])
def test_a_clock_stepped_back_never_evicts_the_dataset_just_saved(tmp_path, dataset, boot_clock):
    one = size_of_one(tmp_path, dataset)
    root = tmp_path / "store"
    old = save_old(root, dataset, hours=3)
    clock = SteppedClock()
    kwargs = {} if boot_clock == "system" else {"boot_clock": lambda: None}
    store = Store(root, max_bytes=int(one * 2.5), clock=clock, **kwargs)
    before = store.save(dataset)
    clock.offset = -HOUR
    after = store.save(dataset)  # at the cap: room is made from the old dataset, not from either new one
    assert opens(root, before.token) and opens(root, after.token)
    assert not opens(root, old.token)
    clock.offset = -2 * HOUR  # further back: the two new ones seem to come from the future, and are kept
    with pytest.raises(StoreUnavailable) as info:
        store.save(dataset)
    assert info.value.code == "store.full"
    assert opens(root, before.token) and opens(root, after.token)


@pytest.mark.skipif(system_boot_clock() is None, reason="no boot clock here (CLOCK_BOOTTIME and boot_id are Linux's)")
def test_a_clock_stepped_forward_never_evicts_a_young_dataset(tmp_path, dataset):
    one = size_of_one(tmp_path, dataset)
    root = tmp_path / "store"
    clock = SteppedClock()
    store = Store(root, max_bytes=int(one * 2.5), clock=clock)  # with the system's boot clock, nobody steps it
    first, second = store.save(dataset), store.save(dataset)
    clock.offset = 2 * HOUR  # by the wall clock and the folders' times both are two hours old now
    with pytest.raises(StoreUnavailable) as info:
        store.save(dataset)
    assert FULL_EN in t(info.value.code, "en")
    assert opens(root, first.token) and opens(root, second.token)
    clock.offset = 400 * 24 * HOUR  # and over a year: still not expired by the boot clock
    assert store.sweep().expired == []
    assert opens(root, first.token)


def test_a_dataset_dated_by_a_clock_a_year_ahead_is_kept_and_logged(tmp_path, dataset, caplog):
    root = tmp_path / "store"
    ahead = time.time() + 365 * 24 * HOUR
    saved = Store(root, clock=lambda: ahead, boot_clock=lambda: None).save(dataset)
    backdate(root / "datasets" / saved.dataset_id, ahead)  # that clock dated its files too
    store = Store(root, boot_clock=lambda: None)  # the clock is right again
    report = store.sweep()
    assert report.expired == [] and report.evicted == []
    assert store.open(saved.token)  # a stepped clock makes a link live longer, never shorter
    assert "in the future: not believed" in caplog.text and saved.dataset_id in caplog.text


# ------------------------------------------------------------------------------------------ folder deleted


def test_the_store_folder_deleted_while_the_server_runs_is_made_again(tmp_path, seed, dataset):
    root = tmp_path / "store"
    proc = server(root, seed)
    try:
        [first] = ask(proc)
        assert first["rows"] == dataset.records.height
        for victim in (root, root / "tokens", root / "tmp", root / "datasets"):
            shutil.rmtree(victim)
            [result] = ask(proc)
            assert result["rows"] == dataset.records.height, victim  # the uploader gets a link that opens
        assert oct(root.stat().st_mode & 0o777) == "0o700"
        # Deleted again and again while it saves, wherever it is in a save: never a crash, never a raw error.
        proc.stdin.write("save 20\n")
        proc.stdin.flush()
        burst = []
        for _ in range(20):
            burst.append(json.loads(proc.stdout.readline()))
            shutil.rmtree(root, ignore_errors=True)
        assert all("token" in r or r["code"] in ("store.full", "store.unwritable") for r in burst)
        after = ask(proc, 3)  # and once the deleting stops, every save gives a link that opens
        assert all(r["rows"] == dataset.records.height for r in after)
        assert all(opens(root, r["token"]) for r in after)
    finally:
        proc.stdin.close()
        proc.wait(timeout=60)
    assert proc.returncode == 0, proc.stderr.read()
    assert Store(root).check().writable


def test_a_link_saved_before_the_folder_was_deleted_gives_the_friendly_message(tmp_path, dataset):
    store = Store(tmp_path / "store")
    saved = store.save(dataset)
    shutil.rmtree(store.root)
    with pytest.raises(DatasetNotFound) as info:
        store.open(saved.token)
    assert "tidak berlaku" in str(info.value)
    assert store.open(store.save(dataset).token)


# ------------------------------------------------------------------------------------------------ full disk


@contextmanager
def small_filesystem(path: Path, size: str = "2m") -> Iterator[Path | None]:
    """A tmpfs of `size` mounted at `path`, or None where this machine does not let us mount (not root)."""
    path.mkdir(parents=True, exist_ok=True)
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                              capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        done = None
    if done is None or done.returncode != 0:
        yield None
        return
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True, timeout=30)


def fill(disk: Path) -> Path:
    """Write a file until the disk is full; -> the file (delete it to make room again)."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for chunk in (1 << 16, 1 << 12, 1):
            while True:
                try:
                    os.write(fd, b"\0" * chunk)
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC
                    break
    finally:
        os.close(fd)
    return filler


NO_MOUNT = "cannot mount a tmpfs here (needs root): the file-size-limit test covers a full disk instead"


def test_a_full_disk_refuses_the_save_plainly_and_recovers_without_a_restart(tmp_path, dataset, caplog, monkeypatch):
    with small_filesystem(tmp_path / "disk") as disk:
        if disk is None:
            pytest.skip(NO_MOUNT)
        store = Store(disk / "store")
        first = store.save(dataset)
        filler = fill(disk)
        with pytest.raises(StoreUnavailable) as info:
            store.save(dataset)
        assert info.value.code == "store.full"
        assert FULL_ID in str(info.value) and FULL_EN in t(info.value.code, "en")
        assert "could not save a dataset (store.full)" in caplog.text and "No space left" in caplog.text
        assert store.open(first.token)  # the links handed out before still open
        assert len(store.datasets()) == 1 and list((store.root / "tmp").iterdir()) == []  # no half dataset
        assert store.check().code == "store.full"
        monkeypatch.setenv("PEKALONGAN_STORE", str(store.root))
        configured_store()  # what the server says at start-up
        assert "cannot save (store.full" in caplog.text and "no share link will be made" in caplog.text
        filler.unlink()
        assert store.open(store.save(dataset).token)
        assert store.check().writable


FSIZE_SAVER = textwrap.dedent(
    """
    import json, resource, sys
    from pekalongan.errors import StoreUnavailable
    from pekalongan.store import Store, configured_store, system_boot_clock
    dataset = Store(sys.argv[2]).open(sys.argv[3]).dataset
    store = Store(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))  # no file over 2 KB: writes fail with EFBIG
    try:
        store.save(dataset)
        print(json.dumps({"saved": True}))
    except StoreUnavailable as exc:
        print(json.dumps({"code": exc.code, "message": str(exc), "status": store.check().code}))
    """
)


def test_a_file_size_limit_refuses_the_save_plainly(tmp_path, seed):
    root = tmp_path / "store"
    out = subprocess.run([sys.executable, "-c", FSIZE_SAVER, str(root), *seed], capture_output=True, text=True,
                         env=ENV, timeout=120)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result == {"code": "store.full", "message": result["message"], "status": "store.full"}
    assert FULL_ID in result["message"]
    assert "could not save a dataset (store.full)" in out.stderr and "File too large" in out.stderr  # the log
    assert Store(root).datasets() == [] and list((root / "tmp").iterdir()) == []


def test_a_read_only_store_is_reported_at_start_up(tmp_path, caplog):
    with small_filesystem(tmp_path / "disk", size="1m") as disk:
        if disk is None:
            pytest.skip(NO_MOUNT)
        Store(disk / "store")
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True, timeout=30)
        status = Store(disk / "store").check()
        assert status.code == "store.unwritable" and "Read-only" in status.detail
        assert "cannot save" in t("store.status.store.unwritable", "en").lower()


# ---------------------------------------------------------------------------------- what the uploader sees

APP_RUN = textwrap.dedent(
    """
    import json, os, resource, sys
    sys.path.insert(0, sys.argv[1])
    import conftest  # the AppTest setup every page test uses
    os.environ["PEKALONGAN_STORE"] = sys.argv[2]
    limit = int(sys.argv[3])
    if limit:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    from streamlit.testing.v1 import AppTest

    def seen(at):
        return {"exceptions": [e.message for e in at.exception], "metrics": {m.label: m.value for m in at.metric},
                "warnings": [w.value for w in at.warning], "link": "data" in at.query_params,
                "subheaders": [s.value for s in at.subheader], "captions": [c.value for c in at.caption]}

    at = AppTest.from_file(conftest.APP, default_timeout=120).run()
    at.file_uploader[0].upload("ska_2020.xlsx", open(sys.argv[4], "rb").read(), "application/octet-stream")
    out = {"id": seen(at.run())}
    at.sidebar.segmented_control(key="bahasa").set_value("en").run()
    out["en"] = seen(at)
    at.switch_page(sys.argv[5]).run()
    out["about_en"] = seen(at)
    print("RESULT " + json.dumps(out))
    """
)


def run_app(store: Path, limit: int = 0) -> dict:
    """Upload a file in a fresh app process whose store is `store`; -> what the page showed, per language."""
    about = "app_pages/tentang.py"
    out = subprocess.run(
        [sys.executable, "-c", APP_RUN, str(ROOT / "tests"), str(store), str(limit), str(DATA / "ska_2020.xlsx"), about],
        capture_output=True, text=True, env=ENV, timeout=600, cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    line = next(ln for ln in reversed(out.stdout.splitlines()) if ln.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


@pytest.fixture(scope="module")
def working(tmp_path_factory) -> dict:
    """The same upload with a store that works: the figures the uploader must see either way."""
    return run_app(tmp_path_factory.mktemp("working") / "store")


@pytest.mark.parametrize("full", ["tmpfs", "file size limit"])
def test_a_full_disk_upload_shows_the_figures_and_a_plain_message_in_both_languages(tmp_path, working, full):
    assert working["id"]["link"] and working["id"]["metrics"]["Nilai ekspor 2020"] == "390,69 ribu USD"  # expected.json
    assert any("Ready: the storage can be written" in c for c in working["about_en"]["captions"])
    if full == "tmpfs":
        with small_filesystem(tmp_path / "disk") as disk:
            if disk is None:
                pytest.skip(NO_MOUNT)
            Store(disk / "store")
            fill(disk)
            seen = run_app(disk / "store")
    else:
        seen = run_app(tmp_path / "store", limit=2048)
    for lang, message in (("id", FULL_ID), ("en", FULL_EN)):
        page = seen[lang]
        assert page["exceptions"] == []  # not Streamlit's generic error
        assert page["metrics"] == working[lang]["metrics"]  # the figures, the same as with a working store
        assert [w for w in page["warnings"] if message in w], page["warnings"]
        assert not page["link"]  # no link in the address bar that would open nothing
    assert "Link storage (for the administrator)" in seen["about_en"]["subheaders"]
    assert any("Cannot save: the disk is full" in w for w in seen["about_en"]["warnings"])
