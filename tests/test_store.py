"""The dataset store on a real disk: round trip, atomic writes under a simulated crash, tokens, expiry, eviction,
revocation, corruption."""

from __future__ import annotations

import json
import os
import string
from pathlib import Path

import polars as pl
import pytest
from conftest import DATA
from hypothesis import given, settings
from hypothesis import strategies as st

from pekalongan.confidential import public_dataset
from pekalongan.errors import DatasetNotFound
from pekalongan.ingest import load_paths, load_sample
from pekalongan.store import Store, new_token, valid_token

DAY = 86400.0


@pytest.fixture(scope="module")
def sample():
    return load_sample()


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "store")


def test_round_trip_keeps_records_targets_and_report(store):
    dataset = load_paths([DATA / "ska_2020.xlsx", DATA / "target.xlsx"])
    saved = store.save(dataset)
    opened = store.open(saved.token)
    assert not opened.public
    assert opened.dataset.records.equals(dataset.records)
    assert opened.dataset.targets.equals(dataset.targets)
    assert opened.dataset.report.rows.equals(dataset.report.rows)
    assert opened.dataset.report.rows_kept == dataset.report.rows_kept
    assert opened.dataset.report.warnings == dataset.report.warnings
    assert [f.as_dict() for f in opened.dataset.report.files] == [f.as_dict() for f in dataset.report.files]
    assert opened.dataset.files == dataset.files


def test_a_dataset_stored_with_text_labels_opens_with_categorical_ones(store):
    # Links saved before labels became categorical hold text columns; they must keep opening, the same.
    import polars.selectors as cs

    from pekalongan.aggregate import by
    from pekalongan.schema import SCHEMA

    dataset = load_paths([DATA / "ska_2020.xlsx"])
    dataset.records = dataset.records.with_columns(cs.categorical().cast(pl.String))
    opened = store.open(store.save(dataset).token).dataset
    assert dict(opened.records.schema) == SCHEMA
    assert by(opened.records, "commodity").equals(by(dataset.records, "commodity"))


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
    with pytest.raises(OSError):
        store.save(sample)
    monkeypatch.undo()
    assert store.datasets() == []
    assert list((store.root / "tokens").iterdir()) == []
    assert list((store.root / "tmp").iterdir()) == []  # the staging folder was cleaned up


def test_crash_between_dataset_and_tokens_leaves_nothing_openable_and_is_swept(store, sample, monkeypatch):
    original = os.replace

    def crash(src, dst):
        raise OSError("killed")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        store.save(sample)
    monkeypatch.setattr(os, "replace", original)
    # A complete dataset without tokens: nothing points at it, and the store still works.
    assert len(store.datasets()) == 1
    saved = store.save(sample)
    assert store.open(saved.token).dataset.records.height == sample.records.height


def test_crash_mid_write_of_a_staging_file_leaves_no_half_dataset(store, sample, monkeypatch):
    def half(self, path, *args, **kwargs):
        Path(path).write_bytes(b"PAR1 truncated")
        raise OSError("disk full")

    monkeypatch.setattr(pl.DataFrame, "write_parquet", half)
    with pytest.raises(OSError):
        store.save(sample)
    monkeypatch.undo()
    assert store.datasets() == []


def test_expiry(tmp_path, sample):
    store = Store(tmp_path, max_age_days=180)
    saved = store.save(sample, now=1_000_000.0)
    assert store.open(saved.token, now=1_000_000.0 + 179 * DAY).dataset.records.height == sample.records.height
    with pytest.raises(DatasetNotFound):
        store.open(saved.token, now=1_000_000.0 + 181 * DAY)
    assert store.purge(now=1_000_000.0 + 181 * DAY) == [saved.dataset_id]
    assert store.datasets() == []


def test_eviction_is_oldest_first_under_the_size_cap(tmp_path, sample):
    probe = Store(tmp_path / "probe")
    probe.save(sample)
    one = probe.datasets()[0][2]
    store = Store(tmp_path / "capped", max_bytes=int(one * 2.5))
    first = store.save(sample, now=1000.0)
    second = store.save(sample, now=2000.0)
    third = store.save(sample, now=3000.0)
    assert {d[0] for d in store.datasets()} == {second.dataset_id, third.dataset_id}
    with pytest.raises(DatasetNotFound):
        store.open(first.token, now=3000.0)
    assert store.open(third.token, now=3000.0)


def test_revocation_needs_the_key_and_removes_both_links(store, sample):
    saved = store.save(sample)
    assert not store.revoke(saved.token, "wrong-key")
    assert store.open(saved.token)
    assert store.revoke(saved.token, saved.revoke_key)
    for token in (saved.token, saved.public_token):
        with pytest.raises(DatasetNotFound):
            store.open(token)
    assert store.datasets() == []


@pytest.mark.parametrize("victim", ["records.parquet", "meta.json", "rows.parquet"])
def test_a_corrupted_stored_file_is_the_friendly_message(store, sample, victim):
    saved = store.save(sample)
    (store.root / "datasets" / saved.dataset_id / victim).write_bytes(b"\x00garbage")
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
    p = served.derived["protection"]
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
