"""One store test suite, three stores: the folder store (`Store`, today's default), the shared store over a folder
(`SharedStore(FolderBackend)`) and the shared store over a real S3-compatible server (SeaweedFS from PyPI, started
by the `s3_server` fixture; skipped with its reason only if it cannot start here).

Two store objects on one location are two replicas: what one writes, the other must see at once, a revocation
included. Writers race for real (16 threads with their own clients, let go together); crashes are real processes
ended with os._exit at each step of a save or a publish.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable

import polars as pl
import pytest
from conftest import ROOT
from versions_data import YEAR_2019, YEAR_2019_CORRECTED, by_year, files_2019, files_2019_corrected

from pekalongan.backends import FolderBackend
from pekalongan.errors import DatasetNotFound, PublishRefused
from pekalongan.ingest import load
from pekalongan.shared import SHARED_STEPS, SharedStore
from pekalongan.store import CONFLICT, CRASH_STATUS, WRONG_KEY, Store

DAY, HOUR = 86400.0, 3600.0
KINDS = ["folder", "shared-folder", "s3"]
WRITERS = 16


@pytest.fixture(params=KINDS)
def kind(request) -> str:
    return request.param


@pytest.fixture
def location(kind, tmp_path, request) -> str:
    """Where this test's store lives: a folder, or a fresh prefix in the test server's bucket."""
    if kind == "s3":
        server = request.getfixturevalue("s3_server")
        return f"s3://{server.bucket}/{uuid.uuid4().hex}"
    return str(tmp_path / "store")


@pytest.fixture
def open_store(kind, location, request) -> Callable[..., Store | SharedStore]:
    """-> a function making a store object on this test's location (each call: another replica)."""
    server = request.getfixturevalue("s3_server") if kind == "s3" else None

    def make(**options):
        if kind == "folder":
            return Store(location, boot_clock=lambda: None, **options)
        backend = server.backend(location.split("/", 3)[3]) if server else FolderBackend(location)
        return SharedStore(backend, **options)

    return make


@pytest.fixture(scope="module")
def first():
    files = [files_2019()]
    return load(files), files


@pytest.fixture(scope="module")
def corrected():
    files = [files_2019_corrected()]
    return load(files), files


def yearly(dataset) -> dict[int, float]:
    sums = dataset.records.group_by("year").agg(pl.col("value_usd").sum()).sort("year")
    return {int(y): round(v, 2) for y, v in sums.iter_rows()}


def later(seconds: float) -> Callable[[], float]:
    return lambda: time.time() + seconds


# ----------------------------------------------------------------------------------------------- round trip


def test_a_saved_dataset_opens_on_another_replica_from_both_links(open_store, first):
    dataset, files = first
    saved = open_store().save(dataset, files)
    other = open_store()
    full, public = other.open(saved.token), other.open(saved.public_token)
    assert (full.public, public.public) == (False, True)
    assert full.dataset.records.equals(dataset.records)
    assert public.dataset.records.equals(dataset.records)  # the store keeps one copy; the view decides
    assert full.dataset.report.rows_kept == dataset.report.rows_kept
    assert other.sources(saved.token) == [(files[0][0], files[0][1])]
    assert (full.version, full.latest, other.latest_version(saved.token)) == (1, 1, 1)
    assert len({saved.token, saved.public_token, saved.revoke_key, saved.dataset_id}) == 4


@pytest.mark.parametrize("token", ["A" * 32, "../../etc/passwd", "", "x" * 31])
def test_a_link_that_is_not_there_is_not_found(open_store, first, token):
    open_store().save(*first)
    with pytest.raises(DatasetNotFound):
        open_store().open(token)


def test_versions_follow_each_other_and_a_pinned_one_stays(open_store, first, corrected):
    saved = open_store().save(*first)
    published = open_store().publish(saved.token, saved.owner_key, *corrected, base=1)
    other = open_store()
    assert (published.version, published.token, published.public_token) == (2, saved.token, saved.public_token)
    assert other.latest_version(saved.public_token) == 2
    assert yearly(other.open(saved.token).dataset) == by_year(YEAR_2019_CORRECTED)
    assert yearly(other.open(saved.token, 1).dataset) == by_year(YEAR_2019)
    assert [v.number for v in other.versions(saved.token)] == [1, 2]
    assert other.sources(saved.token, 2) == corrected[1]


def test_a_wrong_key_publishes_nothing_revokes_nothing_reclaims_nothing(open_store, first, corrected):
    saved = open_store().save(*first)
    store = open_store()
    with pytest.raises(PublishRefused) as refused:
        store.publish(saved.token, "not-the-key", *corrected)
    assert refused.value.code == WRONG_KEY
    assert store.revoke(saved.token, "not-the-key") is False
    assert store.reclaim(saved.token, "not-the-key") is None
    assert store.reclaim(saved.public_token, saved.owner_key) == saved
    assert store.latest_version(saved.token) == 1


def test_a_revoked_link_fails_at_once_on_a_replica_that_opened_it(open_store, first):
    saved = open_store().save(*first)
    elsewhere = open_store()
    assert elsewhere.open(saved.token).version == 1  # opened (and cached) before the revocation
    assert open_store().revoke(saved.token, saved.owner_key) is True
    for token in (saved.token, saved.public_token):
        with pytest.raises(DatasetNotFound):
            elsewhere.latest_version(token)
        with pytest.raises(DatasetNotFound):
            elsewhere.open(token)
    assert elsewhere.reclaim(saved.token, saved.owner_key) is None
    assert [r.dataset_id for r in elsewhere.datasets()] == []


# ------------------------------------------------------------------------------------------ expiry, size cap


def test_expiry_waits_for_the_lifetime_and_then_takes_the_dataset(open_store, first):
    saved = open_store(max_age_days=30).save(*first)
    assert open_store(max_age_days=30, clock=later(29 * DAY)).sweep().expired == []
    report = open_store(max_age_days=30, clock=later(31 * DAY)).sweep()
    assert report.expired == [saved.dataset_id]
    with pytest.raises(DatasetNotFound):
        open_store().open(saved.token)


def test_the_size_cap_never_takes_a_dataset_younger_than_the_minimum_age(open_store, first):
    saved = [open_store().save(*first) for _ in range(2)]
    report = open_store(max_bytes=1).sweep()
    assert report.evicted == [] and report.expired == []
    assert all(open_store().open(s.token).version == 1 for s in saved)


def test_the_size_cap_takes_older_versions_before_any_latest_one(open_store, first, corrected):
    a = open_store().save(*first)
    open_store().publish(a.token, a.owner_key, *corrected)
    b = open_store().save(*first)
    sizes = {r.dataset_id: r for r in open_store().datasets()}
    older = sizes[a.dataset_id].versions[0].size
    cap = sum(r.size for r in sizes.values()) - older // 2  # one old version must go, nothing more
    report = open_store(max_bytes=cap, clock=later(2 * HOUR)).sweep()
    assert report.versions_removed == [(a.dataset_id, 1)]
    assert report.evicted == []
    store = open_store()
    assert [v.number for v in store.versions(a.token)] == [2]
    assert store.open(b.token).version == 1


def test_the_size_cap_takes_only_what_it_must(open_store, first):
    saved = [open_store().save(*first) for _ in range(3)]
    total = sum(r.size for r in open_store().datasets())
    report = open_store(max_bytes=total - 1, clock=later(2 * HOUR)).sweep()
    assert len(report.evicted) == 1 and report.used_bytes <= total - 1
    store = open_store()
    assert sorted(s.dataset_id for s in saved if s.dataset_id not in report.evicted) == sorted(
        r.dataset_id for r in store.datasets())
    for s in saved:
        if s.dataset_id in report.evicted:
            with pytest.raises(DatasetNotFound):
                store.open(s.token)
        else:
            assert store.open(s.token).version == 1


# ------------------------------------------------------------------------------------------------ the race


def race(open_store, saved, dataset, files, base) -> list[str]:
    """WRITERS publishers, each with its own store object (its own client), let go at the same moment."""
    gate = threading.Barrier(WRITERS)
    results: list[str] = []

    def publisher():
        store = open_store()
        gate.wait()
        try:
            results.append(f"published {store.publish(saved.token, saved.owner_key, dataset, files, base=base).version}")
        except PublishRefused as exc:
            results.append(f"refused {exc.code}")

    threads = [threading.Thread(target=publisher) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results


@pytest.mark.slow
def test_sixteen_publishers_on_the_same_base_make_exactly_one_winner(open_store, first, corrected):
    saved = open_store().save(*first)
    results = race(open_store, saved, *corrected, base=1)
    assert Counter(results) == {"published 2": 1, f"refused {CONFLICT}": WRITERS - 1}
    store = open_store()
    assert [v.number for v in store.versions(saved.token)] == [1, 2]
    assert yearly(store.open(saved.token).dataset) == by_year(YEAR_2019_CORRECTED)


@pytest.mark.slow
def test_sixteen_publishers_without_a_base_all_land_one_after_the_other(open_store, first, corrected):
    saved = open_store().save(*first)
    results = race(open_store, saved, *corrected, base=None)
    assert sorted(results) == sorted(f"published {n}" for n in range(2, WRITERS + 2))
    store = open_store()
    assert [v.number for v in store.versions(saved.token)] == list(range(1, WRITERS + 2))
    assert all(yearly(store.open(saved.token, n).dataset) == by_year(YEAR_2019_CORRECTED)
               for n in (2, WRITERS + 1))


@pytest.mark.slow
def test_sixteen_create_only_writes_of_one_key_have_exactly_one_winner(kind, open_store):
    if kind == "folder":
        pytest.skip("the folder store has no backend object: its create-only write is the shared-folder one's")
    backend = open_store().backend
    gate = threading.Barrier(WRITERS)
    won: list[int] = []

    def writer(n: int):
        gate.wait()
        if backend.create("datasets/race/versions/2.json", str(n).encode()):
            won.append(n)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(won) == 1
    assert backend.read("datasets/race/versions/2.json") == str(won[0]).encode()


# ---------------------------------------------------------------------------------------------- crashes

ENV = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'tests'}"}
# A saver or publisher that ends itself (os._exit) at one step. The location is a folder or s3://bucket/prefix
# (the endpoint and keys come in the environment, as `store_from_env` takes them).
CRASHER = textwrap.dedent(
    """
    import sys
    from pekalongan.backends import FolderBackend, s3_backend
    from pekalongan.ingest import load
    from pekalongan.shared import SharedStore
    from versions_data import files_2019_corrected
    location, action, step, token, key = sys.argv[1:6]
    backend = s3_backend(location) if location.startswith("s3://") else FolderBackend(location)
    store = SharedStore(backend, crash_at=step)
    files = [files_2019_corrected()]
    if action == "save":
        store.save(load(files), files)
    else:
        store.publish(token, key, load(files), files)
    """
)


def crash(location, env, action, step, saved=None) -> None:
    args = [location, action, step, saved.token if saved else "", saved.owner_key if saved else ""]
    proc = subprocess.run([sys.executable, "-c", CRASHER, *args], capture_output=True, text=True,
                          env={**ENV, **env}, timeout=180)
    assert proc.returncode == CRASH_STATUS, proc.stderr  # it died at that step, without a word


@pytest.fixture
def crash_env(kind, request) -> dict[str, str]:
    if kind == "folder":
        pytest.skip("the folder store's crash at every step is tests/test_versions_faults.py's")
    if kind == "s3":
        return request.getfixturevalue("s3_server").env("")
    return {}


PUBLISH_CRASH_STEPS = [s for s in SHARED_STEPS if s not in ("record", "tokens")]


@pytest.mark.slow
@pytest.mark.parametrize("step", PUBLISH_CRASH_STEPS)
def test_a_publisher_killed_at_any_step_leaves_the_previous_version_served(
    open_store, location, crash_env, first, corrected, step
):
    saved = open_store().save(*first)
    crash(location, crash_env, "publish", step, saved)
    committed = step == "manifest"  # the manifest is the commit point
    store = open_store()
    assert store.latest_version(saved.token) == (2 if committed else 1)
    assert yearly(store.open(saved.token).dataset) == by_year(YEAR_2019_CORRECTED if committed else YEAR_2019)
    assert yearly(store.open(saved.public_token).dataset) == yearly(store.open(saved.token).dataset)
    # Once past the grace, the sweeper removes the half-written part and nothing else.
    open_store(clock=later(2 * HOUR)).sweep()
    record = next(r for r in open_store().datasets() if r.dataset_id == saved.dataset_id)
    assert [v.number for v in record.versions if v.openable] == ([1, 2] if committed else [1])
    assert record.loose_parts == () and len(store.backend.children(f"datasets/{saved.dataset_id}/parts/")) == (
        2 if committed else 1)
    again = store.publish(saved.token, saved.owner_key, *corrected)
    assert again.version == (3 if committed else 2)


@pytest.mark.slow
@pytest.mark.parametrize("step", SHARED_STEPS)
def test_a_saver_killed_at_any_step_leaves_no_link_and_no_debris(open_store, location, crash_env, first, step):
    kept = open_store().save(*first)
    crash(location, crash_env, "save", step)
    store = open_store()
    crashed = [r for r in store.datasets() if r.dataset_id != kept.dataset_id]
    assert len(crashed) == 1  # what it wrote is there, not yet reachable unless its tokens were all written
    report = open_store(clock=later(2 * HOUR)).sweep()
    if step == "tokens":  # every object written: a whole dataset whose links were handed to nobody
        assert report.orphans == [] and [r.openable for r in store.datasets()] == [True, True]
        return
    assert [r.dataset_id for r in store.datasets()] == [kept.dataset_id]
    assert store.backend.children("tokens/") == {f"{kept.token}.json", f"{kept.public_token}.json"}
    assert yearly(store.open(kept.token).dataset) == by_year(YEAR_2019)


# ------------------------------------------------------------------------------------ configuration, format


def test_the_environment_chooses_the_bucket_or_the_folder(monkeypatch, tmp_path):
    from pekalongan.store import store_from_env

    monkeypatch.setenv("PEKALONGAN_STORE", str(tmp_path / "store"))
    assert isinstance(store_from_env(), Store)
    monkeypatch.setenv("PEKALONGAN_STORE", "s3://pekalongan-datasets/prod/kota")
    monkeypatch.setenv("PEKALONGAN_S3_ENDPOINT", "http://127.0.0.1:1")
    monkeypatch.setenv("PEKALONGAN_STORE_DAYS", "30")
    shared = store_from_env()
    assert isinstance(shared, SharedStore)
    assert (shared.root, shared.max_age_seconds) == ("s3://pekalongan-datasets/prod/kota", 30 * DAY)
    assert shared.check().code == "store.unwritable"  # nothing listens there: said, not raised
    monkeypatch.setenv("PEKALONGAN_STORE", "s3:///no-bucket")
    with pytest.raises(ValueError, match="names no bucket"):
        store_from_env()


def test_a_folder_written_by_either_store_opens_in_the_other(tmp_path, first, corrected):
    root = tmp_path / "store"
    saved = Store(root).save(*first)
    shared = SharedStore(FolderBackend(root))
    assert yearly(shared.open(saved.public_token).dataset) == by_year(YEAR_2019)
    assert shared.publish(saved.token, saved.owner_key, *corrected, base=1).version == 2
    folder_store = Store(root)
    assert [v.number for v in folder_store.versions(saved.token)] == [1, 2]
    assert yearly(folder_store.open(saved.token).dataset) == by_year(YEAR_2019_CORRECTED)
    again = shared.save(*first)
    assert folder_store.open(again.token).version == 1
    assert folder_store.revoke(again.token, again.owner_key)
    with pytest.raises(DatasetNotFound):
        shared.open(again.public_token)
    assert {r.dataset_id for r in folder_store.datasets()} == {saved.dataset_id}


def test_the_sweeper_clears_staging_debris_only_once_past_its_grace(kind, open_store, first):
    if kind == "folder":
        pytest.skip("the folder store's staging debris is tests/test_store_faults.py's")
    saved = open_store().save(*first)
    backend = open_store().backend
    backend.write("tmp/probe-left-by-a-dead-check", b"\0" * 16)
    assert open_store().sweep().debris == 0
    assert backend.read("tmp/probe-left-by-a-dead-check") is not None
    assert open_store(clock=later(2 * HOUR)).sweep().debris == 1
    assert backend.listing("tmp/") == []
    assert open_store().open(saved.token).version == 1


@pytest.mark.parametrize("key", ["../outside", "/etc/passwd", "datasets/../../x", "a/../b"])
def test_a_folder_backend_refuses_keys_that_leave_its_root(tmp_path, key):
    backend = FolderBackend(tmp_path / "store")
    with pytest.raises(ValueError, match="not a store key"):
        backend.write(key, b"x")
    assert not (tmp_path / "outside").exists()


def test_a_folder_backend_leaves_no_empty_folder_behind_a_delete(tmp_path):
    backend = FolderBackend(tmp_path / "store")
    backend.write("datasets/a/parts/p/records.parquet", b"1")
    backend.write("datasets/a/versions/1.json", b"{}")
    backend.delete("datasets/a/parts/p/records.parquet")
    assert backend.children("datasets/a/") == {"versions"}
    assert [e.key for e in backend.listing("datasets/")] == ["datasets/a/versions/1.json"]
    assert backend.create("datasets/a/versions/1.json", b"{}") is False
    assert backend.read("datasets/a/versions/1.json") == b"{}"
    assert backend.read("datasets/a/versions/2.json") is None


def test_an_expired_link_fails_on_every_replica_before_any_sweep(open_store, first):
    saved = open_store(max_age_days=30).save(*first)
    assert open_store(max_age_days=30).open(saved.token).version == 1
    elsewhere = open_store(max_age_days=30, clock=later(31 * DAY))
    with pytest.raises(DatasetNotFound):
        elsewhere.open(saved.token)
    with pytest.raises(DatasetNotFound):  # the UI asks latest_version on every page view: it must refuse too
        elsewhere.latest_version(saved.public_token)


def test_appending_through_the_publish_module_works_on_every_store(open_store, first):
    from pekalongan import publish as publishing
    from pekalongan.store import APPEND

    saved = open_store().save(*first)
    ready = publishing.draft(open_store(), saved.token, [files_2019_corrected()], APPEND)
    assert ready.base == 1
    published = publishing.publish(open_store(), saved.token, saved.owner_key, ready)
    assert published.version == 2
    other = open_store()
    assert yearly(other.open(saved.public_token).dataset) == by_year(YEAR_2019_CORRECTED)
    assert [name for name, _ in other.sources(saved.token)] == [files_2019_corrected()[0]]
    assert [v.mode for v in other.versions(saved.token)] == ["new", APPEND]


def test_an_object_store_that_cannot_be_reached_is_a_plain_refusal(first):
    from pekalongan.backends import S3Backend
    from pekalongan.errors import StoreUnavailable

    nowhere = SharedStore(S3Backend("pekalongan-test", "p", endpoint="http://127.0.0.1:1",
                                    access_key_id="k", secret_access_key="s"))
    with pytest.raises(StoreUnavailable):
        nowhere.save(*first)
    with pytest.raises(DatasetNotFound):
        nowhere.open("A" * 32)
    with pytest.raises(DatasetNotFound):
        nowhere.latest_version("A" * 32)
    with pytest.raises(DatasetNotFound):
        nowhere.versions("A" * 32)
    with pytest.raises(DatasetNotFound):
        nowhere.sources("A" * 32)
    assert nowhere.revoke("A" * 32, "key") is False
    assert nowhere.reclaim("A" * 32, "key") is None
    assert nowhere.check().code == "store.unwritable"
