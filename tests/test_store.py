"""The dataset store on a real disk: round trip, atomic writes under a simulated crash, tokens, expiry, eviction,
revocation, corruption."""

from __future__ import annotations

import json
import logging
import os
import string
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import polars as pl
import pytest
from conftest import DATA, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from pekalongan.confidential import public_dataset
from pekalongan.errors import DatasetNotFound, StoreUnavailable
from pekalongan.i18n import t
from pekalongan.ingest import load_paths, load_sample
from pekalongan.store import Store, configured_store, new_token, store_from_env, valid_token

DAY = 86400.0
HOUR = 3600.0


@pytest.fixture(scope="module")
def sample():
    return load_sample()


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "store")


def manifest_path(root: Path, dataset_id: str, version: int = 1) -> Path:
    """Where a version's manifest lies in the store's layout (see store.py's docstring)."""
    return root / "datasets" / dataset_id / "versions" / f"{version}.json"


def part_folder(root: Path, dataset_id: str, version: int = 1) -> Path:
    """The folder of a version's files, named by its manifest."""
    part = json.loads(manifest_path(root, dataset_id, version).read_text(encoding="utf-8"))["part"]
    return root / "datasets" / dataset_id / "parts" / part


def backdate(path: Path, when: float) -> None:
    """Every file and folder under `path` dated `when`, as a backup restored with rsync -a keeps them."""
    for child in [path, *path.rglob("*")]:
        os.utime(child, (when, when), follow_symlinks=False)


def test_round_trip_keeps_records_targets_and_report(store):
    dataset = load_paths([DATA / "ska_2020.xlsx", DATA / "target.xlsx"])
    saved = store.save(dataset)
    opened = store.open(saved.token)
    assert not opened.public
    assert opened.dataset.records.equals(dataset.records)
    assert opened.dataset.targets.equals(dataset.targets)
    assert opened.dataset.report.rows.equals(dataset.report.rows)
    assert opened.dataset.report.rows_kept == dataset.report.rows_kept
    assert opened.dataset.report.warnings == dataset.report.warnings  # notices survive the JSON manifest
    assert [f.as_dict() for f in opened.dataset.report.files] == [f.as_dict() for f in dataset.report.files]
    assert opened.dataset.files == dataset.files


def test_a_dataset_stored_with_text_labels_opens_with_categorical_ones(store):
    # Links saved before labels became categorical hold text columns; they must keep opening, the same.
    from dataclasses import replace

    import polars.selectors as cs

    from pekalongan.aggregate import ranking
    from pekalongan.schema import SCHEMA

    dataset = load_paths([DATA / "ska_2020.xlsx"])
    dataset = replace(dataset, records=dataset.records.with_columns(cs.categorical().cast(pl.String)))
    opened = store.open(store.save(dataset).token).dataset
    assert dict(opened.records.schema) == SCHEMA
    # Sums of floats grouped in parallel may differ in the last bit from one run to the next: compare as numbers.
    assert_frame_equal(ranking(opened.records, "commodity"), ranking(dataset.records, "commodity"), check_exact=False)


def test_public_token_is_a_different_token_that_opens_the_public_view_only(store, sample):
    saved = store.save(sample)
    assert saved.public_token != saved.token
    assert store.open(saved.public_token).public
    assert not store.open(saved.token).public


def test_tokens_carry_at_least_128_bits():
    tokens = {new_token() for _ in range(1000)}
    assert len(tokens) == 1000
    assert all(valid_token(tok) and len(tok) * 6 >= 128 for tok in tokens)


@given(st.text(min_size=0, max_size=80))
@settings(max_examples=300)
def test_anything_that_is_not_a_token_is_refused_and_no_path_leaves_the_store(tmp_path_factory, text):
    store = Store(tmp_path_factory.mktemp("s"))
    if valid_token(text):
        path = store.token_path(text)
        assert path.is_relative_to(store.root.resolve())
    else:
        with pytest.raises(DatasetNotFound):
            store.open(text)


@pytest.mark.parametrize("token", ["../../etc/passwd", "..", "", "a" * 31, "a" * 33, "a/b" + "c" * 29,
                                   "%2e%2e%2f" + "a" * 23, "a" * 31 + "\x00"])
def test_hostile_tokens(store, token):
    with pytest.raises(DatasetNotFound):
        store.open(token)


def test_crash_before_the_rename_leaves_no_dataset(store, sample, monkeypatch):
    def crash(*args, **kwargs):
        raise OSError("power cut")

    monkeypatch.setattr(os, "rename", crash)
    with pytest.raises(StoreUnavailable) as info:
        store.save(sample)
    monkeypatch.undo()
    assert info.value.code == "store.unwritable"
    assert store.datasets() == []
    assert list((store.root / "tokens").iterdir()) == []
    assert list((store.root / "tmp").iterdir()) == []  # the staging folder was cleaned up


def test_a_failure_between_dataset_and_tokens_leaves_nothing_and_the_store_works(store, sample, monkeypatch):
    def crash(src, dst):
        raise OSError("killed")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(StoreUnavailable):
        store.save(sample)
    monkeypatch.undo()
    # No dataset without its tokens, no token without its dataset.
    assert store.datasets() == []
    assert list((store.root / "tokens").iterdir()) == []
    saved = store.save(sample)
    assert store.open(saved.token).dataset.records.height == sample.records.height


# A write that fails half way (a full disk, a file size limit) leaves no half dataset: tests/test_store_faults.py
# does it on a real full filesystem and under a real file size limit.


class Clock:
    """A wall clock the test moves by hand (the store's injectable clock; the boot clock is left out)."""

    def __init__(self, start: float) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


def stepped_store(root, clock, **kwargs) -> Store:
    return Store(root, clock=clock, boot_clock=lambda: None, **kwargs)


def test_expiry(tmp_path, sample):
    clock = Clock(1_000_000.0)
    store = stepped_store(tmp_path, clock, max_age_days=180)
    saved = store.save(sample)
    clock.now += 179 * DAY
    assert store.open(saved.token).dataset.records.height == sample.records.height
    clock.now += 2 * DAY
    with pytest.raises(DatasetNotFound):
        store.open(saved.token)
    assert store.sweep().expired == [saved.dataset_id]
    assert store.datasets() == []


def one_size(tmp_path, sample) -> int:
    probe = Store(tmp_path / "probe")
    probe.save(sample)
    return probe.datasets()[0].size


def test_eviction_is_oldest_first_under_the_size_cap(tmp_path, sample):
    clock = Clock(1_000_000.0)
    store = stepped_store(tmp_path / "capped", clock, max_bytes=int(one_size(tmp_path, sample) * 2.5))
    first = store.save(sample)
    clock.now += 2 * HOUR
    second = store.save(sample)
    clock.now += 2 * HOUR
    third = store.save(sample)
    assert {d.dataset_id for d in store.datasets()} == {second.dataset_id, third.dataset_id}
    with pytest.raises(DatasetNotFound):
        store.open(first.token)
    assert store.open(third.token)


def test_nothing_younger_than_the_minimum_age_is_evicted_the_save_is_refused_instead(tmp_path, sample, caplog):
    clock = Clock(1_000_000.0)
    store = stepped_store(tmp_path / "capped", clock, max_bytes=int(one_size(tmp_path, sample) * 2.5))
    first = store.save(sample)
    clock.now += 59 * 60
    second = store.save(sample)
    with pytest.raises(StoreUnavailable) as info:
        store.save(sample)
    assert info.value.code == "store.full"
    assert "Penyimpanan penuh, hubungi pengelola" in str(info.value)
    assert "at its size cap" in caplog.text and "the save is refused" in caplog.text  # for the administrator
    assert "Storage is full, contact the app's administrator" in t(info.value.code, "en", **info.value.params)
    for saved in (first, second):  # both links handed out still open
        assert store.open(saved.token).dataset.records.height == sample.records.height
    assert list((store.root / "tmp").iterdir()) == []  # the refused dataset left nothing behind
    clock.now += 2 * 60  # the first is now past the minimum age: it makes room
    third = store.save(sample)
    assert store.open(third.token) and store.open(second.token)


def test_a_dataset_larger_than_the_cap_is_refused_and_evicts_nothing(tmp_path, sample):
    clock = Clock(1_000_000.0)
    size = one_size(tmp_path, sample)
    store = stepped_store(tmp_path / "capped", clock, max_bytes=int(size * 1.5))
    old = store.save(sample)
    clock.now += 5 * HOUR
    noisy = pl.concat([sample.records] * 8).with_columns(noise=pl.int_range(pl.len()).hash(7))  # does not compress
    big = replace(sample, records=noisy)
    with pytest.raises(StoreUnavailable):
        store.save(big)
    assert store.open(old.token)  # nothing was evicted for a save that could not fit anyway


@pytest.mark.parametrize("days", ["0", "0.0"])
def test_zero_days_never_hands_out_a_dead_link(tmp_path, sample, monkeypatch, days):
    monkeypatch.setenv("PEKALONGAN_STORE", str(tmp_path / "s"))
    monkeypatch.setenv("PEKALONGAN_STORE_DAYS", days)
    store = store_from_env()
    assert store.max_age_seconds == store.min_age_seconds == 3600
    saved = store.save(sample)
    assert store.open(saved.token).dataset.records.height == sample.records.height
    clock = Clock(time.time())
    later = stepped_store(store.root, clock, max_age_days=0)
    clock.now += 59 * 60
    assert later.open(saved.token)
    clock.now += 2 * 60
    with pytest.raises(DatasetNotFound):
        later.open(saved.token)


@pytest.mark.parametrize(
    ("variable", "value", "attribute", "expected"),
    [
        ("PEKALONGAN_STORE_MIN_AGE_MINUTES", "90", "min_age_seconds", 5400),
        ("PEKALONGAN_STORE_MIN_AGE_MINUTES", "sejam", "min_age_seconds", 3600),
        ("PEKALONGAN_STORE_MIN_AGE_MINUTES", "-5", "min_age_seconds", 3600),
        ("PEKALONGAN_STORE_DAYS", "nan", "max_age_seconds", 180 * DAY),
        ("PEKALONGAN_STORE_DAYS", "inf", "max_age_seconds", 180 * DAY),
        ("PEKALONGAN_STORE_DAYS", "7", "max_age_seconds", 7 * DAY),
        ("PEKALONGAN_STORE_MAX_MB", "banyak", "max_bytes", 2048 * 1024**2),
    ],
)
def test_configuration_from_the_environment(tmp_path, monkeypatch, variable, value, attribute, expected):
    monkeypatch.setenv("PEKALONGAN_STORE", str(tmp_path / "s"))
    monkeypatch.setenv(variable, value)
    assert getattr(store_from_env(), attribute) == expected


def test_revocation_needs_the_key_and_removes_both_links(store, sample):
    saved = store.save(sample)
    assert not store.revoke(saved.token, "wrong-key")
    assert store.open(saved.token)
    assert store.revoke(saved.token, saved.revoke_key)
    for token in (saved.token, saved.public_token):
        with pytest.raises(DatasetNotFound):
            store.open(token)
    assert store.datasets() == []


@pytest.mark.parametrize("victim", ["records.parquet", "manifest", "rows.parquet"])
def test_a_corrupted_stored_file_is_the_friendly_message(store, sample, victim):
    saved = store.save(sample)
    if victim == "manifest":
        manifest_path(store.root, saved.dataset_id).write_bytes(b"\x00garbage")
    else:
        (part_folder(store.root, saved.dataset_id) / victim).write_bytes(b"\x00garbage")
    with pytest.raises(DatasetNotFound) as info:
        store.open(saved.token)
    assert "tidak berlaku" in str(info.value)


def test_a_token_file_pointing_outside_is_refused(store, sample):
    saved = store.save(sample)
    (store.root / "tokens" / f"{saved.token}.json").write_text(json.dumps({"id": "../../../etc", "view": "full"}))
    with pytest.raises(DatasetNotFound):
        store.open(saved.token)


def test_public_view_holds_no_record_no_name_no_file_but_keeps_totals(sample):
    served = public_dataset(sample)
    p = served.protection
    yearly = dict(sample.records.group_by("year").agg(pl.col("value_usd").sum()).iter_rows())
    assert {k[0]: c.value for k, c in p.tables[()].items()} == pytest.approx(yearly)
    assert served.records.get_column("value_usd").null_count() == served.records.height
    assert served.records.get_column("exporter").null_count() == served.records.height
    assert served.records.get_column("source_file").null_count() == served.records.height
    assert served.files == []
    assert any(c.value is None for c in p.tables[("commodity",)].values())


def test_alphabet_of_tokens_is_url_safe():
    allowed = set(string.ascii_letters + string.digits + "-_")
    assert all(set(new_token()) <= allowed for _ in range(100))


def corrupt_meta(meta: Path, how: str) -> None:
    """Spoil one stored manifest the ways a disk, an editor or an older version could."""
    text = meta.read_text(encoding="utf-8")
    spoilt = {
        "created_list": lambda: text.replace('"created": ', '"created": [1, 2], "was": ', 1),
        "created_infinity": lambda: text.replace('"created": ', '"created": Infinity, "was": ', 1),
        "created_text": lambda: text.replace('"created": ', '"created": "kemarin", "was": ', 1),
        "created_huge": lambda: text.replace('"created": ', '"created": 1' + "0" * 400 + ', "was": ', 1),
        "garbage": lambda: "\x00garbage{",
        "a_list": lambda: "[1, 2, 3]",
        "nested_deep": lambda: "[" * 200_000 + "]" * 200_000,
    }
    if how == "fifo":
        meta.unlink()
        os.mkfifo(meta)  # reading it would block forever
    elif how == "folder":
        meta.unlink()
        meta.mkdir()
    elif how == "missing":
        meta.unlink()
    else:
        meta.write_text(spoilt[how](), encoding="utf-8")


CORRUPTIONS = ["created_list", "created_infinity", "created_text", "created_huge", "garbage", "a_list",
               "nested_deep", "fifo", "folder", "missing"]


@pytest.mark.parametrize("how", CORRUPTIONS)
def test_a_corrupt_record_stops_nobody_else_and_is_reported(tmp_path, sample, caplog, how):
    clock = Clock(time.time())
    size = one_size(tmp_path, sample)
    store = stepped_store(tmp_path / "s", clock, max_bytes=int(size * 2.5))
    victim = store.save(sample)
    corrupt_meta(manifest_path(store.root, victim.dataset_id), how)
    others = []
    for _ in range(3):  # at the cap, two hours apart: every save looks at the corrupt record and evicts one
        clock.now += 2 * HOUR
        others.append(store.save(sample))
    for saved in others[-2:]:  # what the other users see: their links open, with their figures
        assert store.open(saved.token).dataset.records.height == sample.records.height
    report = store.sweep()
    assert victim.dataset_id in caplog.text  # the administrator is told which record
    if how.startswith("created_"):
        # The rest of the record reads: its age comes from its folder's time; the link still opens until then.
        assert victim.dataset_id not in {d for d, _ in report.broken}
    else:
        with pytest.raises(DatasetNotFound):
            store.open(victim.token)


@pytest.mark.parametrize("how", ["created_infinity", "created_list", "garbage"])
def test_a_record_without_a_believable_time_still_expires(tmp_path, sample, how):
    store = Store(tmp_path / "s", boot_clock=lambda: None)
    saved = store.save(sample)
    corrupt_meta(manifest_path(store.root, saved.dataset_id), how)
    later = stepped_store(store.root, Clock(time.time() + 181 * DAY))
    report = later.sweep()
    assert saved.dataset_id in report.expired
    assert later.datasets() == []


@pytest.mark.parametrize("content", [b"[]", b"\x00", b'{"id": 12}', b'{"id": "../../etc"}', None])
def test_a_corrupt_token_file_stops_nobody(store, sample, content):
    stray = store.root / "tokens" / f"{new_token()}.json"
    if content is None:
        stray.mkdir()
    else:
        stray.write_bytes(content)
    saved = store.save(sample)
    assert store.open(saved.token)
    with pytest.raises(DatasetNotFound):
        store.open(stray.stem)
    store.sweep()
    assert store.open(saved.token)


def test_files_are_readable_by_the_apps_user_only(tmp_path, sample):
    root = tmp_path / "s"
    for sub in ("", "datasets", "tokens", "tmp"):
        (root / sub).mkdir(mode=0o755, exist_ok=True)  # as an older version left them
        os.chmod(root / sub, 0o755)
    store = Store(root)
    saved = store.save(sample)
    dataset = root / "datasets" / saved.dataset_id
    folders = [root, root / "datasets", root / "tokens", root / "tmp", dataset, dataset / "versions",
               dataset / "parts", part_folder(root, saved.dataset_id)]
    assert {oct(f.stat().st_mode & 0o777) for f in folders} == {"0o700"}
    files = [p for p in root.rglob("*") if p.is_file()]
    assert len(files) >= 9  # four part files, a manifest, the record, two tokens, the lock
    assert {oct(f.stat().st_mode & 0o777) for f in files} == {"0o600"}


def test_the_sweep_command_removes_expired_datasets_without_a_save(tmp_path, sample):
    # A dataset saved 200 days ago, as a restored backup (rsync -a) keeps its times.
    root = tmp_path / "s"
    fresh = Store(root).save(sample)
    long_ago = time.time() - 200 * DAY
    old = stepped_store(root, Clock(long_ago)).save(sample)
    backdate(root / "datasets" / old.dataset_id, long_ago)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PEKALONGAN_STORE": str(root)}
    out = subprocess.run([sys.executable, "-m", "pekalongan", "sweep"], env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert "1 data kedaluwarsa dihapus" in out.stdout and "1 data tersimpan" in out.stdout
    with pytest.raises(DatasetNotFound):
        Store(root).open(old.token)
    assert Store(root).open(fresh.token)
    english = subprocess.run([sys.executable, "-m", "pekalongan", "sweep", "--lang", "en"], env=env,
                             capture_output=True, text=True, timeout=120)
    assert "0 expired datasets removed" in english.stdout and "1 datasets stored" in english.stdout


def test_the_start_up_check_writes_and_logs_what_it_found(tmp_path, sample, monkeypatch, caplog):
    caplog.set_level(logging.INFO, logger="pekalongan")
    monkeypatch.setenv("PEKALONGAN_STORE", str(tmp_path / "s"))
    Store(tmp_path / "s").save(sample)
    store = configured_store()
    status = store.check()
    assert status.writable and status.datasets == 1 and status.used_bytes > 0 and status.free_bytes > 0
    assert f"dataset store {store.root} ready: 1 datasets" in caplog.text
    assert list((store.root / "tmp").iterdir()) == []  # the probe file is gone


@pytest.mark.parametrize("kind", ["file", "symlink", "fifo", "foreign_name"])
def test_stray_entries_in_the_datasets_folder_stop_nobody_and_nothing_outside_is_touched(tmp_path, sample, kind):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("milik orang lain")
    store = Store(tmp_path / "s")
    stray = store.root / "datasets" / (new_token() if kind != "foreign_name" else "cadangan-lama")
    {"file": lambda: stray.write_bytes(b"x" * 100), "symlink": lambda: stray.symlink_to(outside),
     "fifo": lambda: os.mkfifo(stray), "foreign_name": lambda: stray.mkdir()}[kind]()
    saved = store.save(sample)
    assert store.open(saved.token)
    far = stepped_store(store.root, Clock(time.time() + 400 * DAY))
    far.sweep()  # everything expires, the stray entry with it if it is one of ours to judge
    assert (outside / "keep.txt").read_text() == "milik orang lain"
    assert stray.exists() == (kind == "foreign_name")  # a name that is not ours is left alone
    assert Store(store.root).open(Store(store.root).save(sample).token)
