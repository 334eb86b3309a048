"""Versions behind one link, on a real on-disk store: a store written by main's code opens as version 1; three
versions (an initial year, an appended month, a correction) with exact figures on the latest and pinned links
and in the revisions between them; owner key, conflicts, revocation, expiry and the size cap per version; the
command line."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

import polars as pl
import pytest
from conftest import DATA, ROOT
from versions_data import (
    BATIK_2020_01,
    FISH_2019,
    FISH_2020_02,
    MONTH_2020_01,
    YEAR_2019,
    YEAR_2019_CORRECTED,
    by_year,
    files_2019,
    files_2019_corrected,
    files_2020_01,
    recap,
)

from pekalongan import publish
from pekalongan.errors import DatasetNotFound, PublishRefused
from pekalongan.ingest import load
from pekalongan.revisions import describe, revisions
from pekalongan.store import APPEND, REPLACE, Store

DAY, HOUR = 86400.0, 3600.0
FIXTURE = DATA / "store_v1"
ENV = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'tests'}"}


def yearly(dataset) -> dict[int, float]:
    sums = dataset.records.group_by("year").agg(pl.col("value_usd").sum()).sort("year")
    return {int(y): round(v, 2) for y, v in sums.iter_rows()}


@pytest.fixture
def legacy(tmp_path):
    """A copy of a store written by main's store.py before versions (format 1), and what it holds."""
    root = tmp_path / "store"
    shutil.copytree(FIXTURE / "store", root)
    saved = json.loads((FIXTURE / "saved.json").read_text(encoding="utf-8"))
    # Its record dates from when the fixture was made: a lifetime long enough that it never expires in this test.
    return Store(root, max_age_days=100 * 365), saved


def test_a_dataset_stored_before_versions_opens_as_version_1(legacy):
    store, saved = legacy
    for token in (saved["token"], saved["public_token"]):
        opened = store.open(token)
        assert (opened.version, opened.latest, opened.pinned) == (1, 1, False)
        assert opened.dataset.records.height == saved["rows"]
        assert yearly(opened.dataset) == {int(y): v for y, v in saved["by_year"].items()}
    assert store.open(saved["public_token"]).public
    assert store.open(saved["token"], 1).pinned
    [only] = store.versions(saved["token"])
    assert (only.number, only.files, only.sources) == (1, ("ska_2020.xlsx", "target.xlsx"), 0)


def test_an_old_dataset_takes_a_new_version_with_its_revocation_key_as_owner_key(legacy):
    store, saved = legacy
    token, key = saved["token"], saved["revoke_key"]
    with pytest.raises(PublishRefused) as refused:
        publish.draft(store, token, [files_2020_01()], APPEND)  # it kept no files to append to
    assert refused.value.code == "versions.no_sources"
    with pytest.raises(PublishRefused) as wrong:
        store.publish(token, "kunci-salah", load([files_2019()]))
    assert wrong.value.code == "versions.wrong_key"
    assert store.open(token).latest == 1
    ready = publish.draft(store, token, [files_2019()], REPLACE)
    published = publish.publish(store, token, key, ready)
    assert (published.version, published.token, published.public_token) == (2, token, saved["public_token"])
    assert yearly(store.open(token).dataset) == by_year(YEAR_2019)
    assert yearly(store.open(saved["public_token"]).dataset) == by_year(YEAR_2019)  # the public link follows
    assert store.open(token, 1).dataset.records.height == saved["rows"]  # version 1 is kept, as it was
    record = json.loads((store.root / "datasets" / saved["dataset_id"] / "dataset.json").read_text())
    assert record["versions"] == [1, 2] and record["tokens"] == {"full": token, "public": saved["public_token"]}
    assert store.revoke(token, key)
    for pinned in (None, 1, 2):
        with pytest.raises(DatasetNotFound):
            store.open(token, pinned)
    assert store.datasets() == [] and list((store.root / "tokens").iterdir()) == []


def test_an_old_dataset_s_version_1_expires_before_its_newer_version(legacy):
    store, saved = legacy
    now = time.time()
    later = Store(store.root, clock=lambda: now + 60 * DAY, boot_clock=lambda: None)
    later.publish(saved["token"], saved["revoke_key"], load([files_2019()]), [files_2019()])
    # Fifty days' lifetime, a hundred days on: version 1 (format 1, at the top of its folder) is past it, version 2
    # (published sixty days on) is forty days old.
    swept = Store(store.root, max_age_days=50, clock=lambda: now + 100 * DAY, boot_clock=lambda: None).sweep()
    assert swept.expired == [] and swept.versions_removed == [(saved["dataset_id"], 1)]
    folder = store.root / "datasets" / saved["dataset_id"]
    assert not (folder / "meta.json").exists() and not (folder / "records.parquet").exists()
    assert [v.number for v in store.versions(saved["token"])] == [2]
    assert yearly(store.open(saved["token"]).dataset) == by_year(YEAR_2019)
    assert json.loads((folder / "dataset.json").read_text())["versions"] == [2]
    assert store.revoke(saved["token"], saved["revoke_key"])  # the owner key still holds, from the record


@pytest.fixture
def three(tmp_path):
    """An initial year, an appended month, a correction of the year's file, published one after another."""
    store = Store(tmp_path / "store")
    first = [files_2019()]
    saved = store.save(load(first), first)
    for files in ([files_2020_01()], [files_2019_corrected()]):
        publish.publish(store, saved.token, saved.owner_key, publish.draft(store, saved.token, files, APPEND))
    return store, saved


def test_three_versions_give_exact_figures_on_latest_and_pinned_links(three):
    store, saved = three
    expected = {1: by_year(YEAR_2019), 2: by_year(YEAR_2019, MONTH_2020_01),
                3: by_year(YEAR_2019_CORRECTED, MONTH_2020_01)}
    assert expected[3] == {2019: 22_692_392.00, 2020: 1_500_000.00}  # the generator's own arithmetic
    latest = store.open(saved.token)
    assert (latest.version, latest.latest) == (3, 3)
    assert yearly(latest.dataset) == expected[3]
    for number, figures in expected.items():
        for token in (saved.token, saved.public_token):
            assert yearly(store.open(token, number).dataset) == figures
    listing = store.versions(saved.token)
    assert [(v.number, v.mode, v.files) for v in listing] == [
        (1, "new", ("ska_2019.csv",)),
        (2, "append", ("ska_2019.csv", "ska_2020_01.csv")),
        (3, "append", ("ska_2019.csv", "ska_2020_01.csv")),  # the corrected 2019 file took the old one's place
    ]
    assert store.sources(saved.token, 3)[0] == files_2019_corrected()
    assert store.sources(saved.token, 1) == [files_2019()]  # immutable: version 1 keeps its own file


def revised(store, token, old, new) -> list[tuple]:
    table = revisions(store.open(token, old).dataset.records, store.open(token, new).dataset.records)
    return [(r["dimension"], r["year"], r["key"], r["old_usd"], r["new_usd"], round(r["diff_usd"], 2),
             None if r["change_pct"] is None else round(r["change_pct"], 4)) for r in table.iter_rows(named=True)]


def test_revisions_between_any_two_versions(three):
    store, saved = three
    fish_old, fish_new = FISH_2019.cents / 100, 21_766_392.00
    january = BATIK_2020_01.cents / 100
    correction = [
        ("total", 2019, None, 22_926_000.0, 22_692_392.0, -233_608.0, -1.019),
        ("commodity", 2019, "Ikan Beku", fish_old, fish_new, -233_608.0, -1.0619),
        ("destination", 2019, "CHN", fish_old, fish_new, -233_608.0, -1.0619),
        ("exporter_type", 2019, "established", 22_926_000.0, 22_692_392.0, -233_608.0, -1.019),
    ]
    month = [
        ("total", 2020, None, None, january, january, None),
        ("commodity", 2020, "Sarung Batik", None, january, january, None),
        ("destination", 2020, "JPN", None, january, january, None),
        ("exporter_type", 2020, "established", None, january, january, None),
    ]
    assert revised(store, saved.token, 2, 3) == correction
    assert revised(store, saved.token, 1, 2) == month
    assert sorted(revised(store, saved.token, 1, 3), key=str) == sorted(correction + month, key=str)
    assert revised(store, saved.token, 3, 3) == []
    row = revisions(store.open(saved.token, 2).dataset.records, store.open(saved.token).dataset.records).row(
        0, named=True)
    assert describe(row) == "2019: 22,93 → 22,69 juta USD, selisih -0,23, -1,02%"
    assert describe(row, "en") == "2019: 22.93 → 22.69 million USD, difference -0.23, -1.02%"


def test_a_draft_built_on_an_old_version_is_refused_and_hides_nobody_s_month(three):
    store, saved = three
    mine = publish.draft(store, saved.token, [files_2020_01()], APPEND)  # built on version 3
    other = publish.draft(store, saved.token, [files_2019()], REPLACE)
    publish.publish(store, saved.token, saved.owner_key, other)  # version 4 comes first
    with pytest.raises(PublishRefused) as refused:
        publish.publish(store, saved.token, saved.owner_key, mine)
    assert refused.value.code == "versions.conflict" and refused.value.params == {"latest": 4, "base": 3}
    assert "Versi 4 sudah diterbitkan" in str(refused.value)
    assert store.open(saved.token).version == 4
    assert [v.number for v in store.versions(saved.token)] == [1, 2, 3, 4]


def test_a_cumulative_recap_added_to_its_month_is_never_counted_twice_silently(three):
    store, saved = three
    cumulative = ("ska_2020_01-02.csv", recap("Rekap Ekspor Januari-Februari 2020", [BATIK_2020_01, FISH_2020_02]))
    ready = publish.draft(store, saved.token, [cumulative], APPEND)
    counted = yearly(ready.dataset)[2020]
    once = by_year([BATIK_2020_01, FISH_2020_02])[2020]
    # Either the reader's overlap rule counts January once, or the draft says, before publishing, that it would not.
    assert counted == once or ready.overlaps == [(2020, 1, ("ska_2020_01-02.csv", "ska_2020_01.csv"))]
    replaced = publish.draft(store, saved.token, [files_2019_corrected(), cumulative], REPLACE)
    assert replaced.overlaps == [] and yearly(replaced.dataset)[2020] == once


class Clock:
    def __init__(self, start: float) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


def test_older_versions_expire_the_latest_lives_with_the_dataset(tmp_path):
    clock = Clock(time.time())
    store = Store(tmp_path / "s", clock=clock, boot_clock=lambda: None)
    first = [files_2019()]
    saved = store.save(load(first), first)
    clock.now += 170 * DAY
    store.publish(saved.token, saved.owner_key, load([files_2019_corrected()]), [files_2019_corrected()])
    clock.now += 11 * DAY  # version 1 is 181 days old, version 2 eleven
    with pytest.raises(DatasetNotFound):
        store.open(saved.token, 1)
    report = store.sweep()
    assert report.expired == [] and report.versions_removed == [(saved.dataset_id, 1)]
    assert yearly(store.open(saved.token).dataset) == by_year(YEAR_2019_CORRECTED)
    assert [v.number for v in store.versions(saved.token)] == [2]
    record = json.loads((store.root / "datasets" / saved.dataset_id / "dataset.json").read_text())
    assert record["versions"] == [2]


def test_the_size_cap_takes_older_versions_before_any_dataset_s_latest(tmp_path):
    clock = Clock(time.time())
    probe = Store(tmp_path / "probe")
    one = probe.datasets()[0].size if probe.save(load([files_2019()]), [files_2019()]) else 0
    store = Store(tmp_path / "s", clock=clock, boot_clock=lambda: None, max_bytes=int(one * 3.5))
    files = [files_2019()]
    old = store.save(load(files), files)  # the oldest dataset: one version
    clock.now += 2 * HOUR
    many = store.save(load(files), files)
    clock.now += 2 * HOUR
    store.publish(many.token, many.owner_key, load(files), files)
    clock.now += 2 * HOUR
    newcomer = store.save(load(files), files)  # needs room: the oldest *version* goes, many's version 1
    assert store.open(old.token) and store.open(newcomer.token)
    assert [v.number for v in store.versions(many.token)] == [2]
    with pytest.raises(DatasetNotFound):
        store.open(many.token, 1)


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pekalongan", *args], env={**ENV, **(env or {})},
                          capture_output=True, text=True, timeout=120)


def test_the_command_line_reads_the_store_settings_the_app_reads(legacy):
    """A version the app no longer serves (past PEKALONGAN_STORE_DAYS) does not open on the command line either,
    and one it still serves does: both open the store with `store_from_env`."""
    store, saved = legacy  # version 1 was stored hours ago; its files, copied just now, are dated a day back
    day_ago = time.time() - DAY
    for path in [store.root, *store.root.rglob("*")]:
        os.utime(path, (day_ago, day_ago))
    short = {"PEKALONGAN_STORE_DAYS": "0.01", "PEKALONGAN_STORE_MIN_AGE_MINUTES": "0"}  # a quarter of an hour
    with pytest.raises(DatasetNotFound):
        Store(store.root, max_age_days=0.01, min_age_seconds=0).open(saved["token"], 1)  # what the app would say
    expired = run_cli("diff", str(store.root), saved["token"], "1", "1", env=short)
    assert expired.returncode == 2 and expired.stdout == "" and "tidak berlaku" in expired.stderr
    listed = run_cli("versions", str(store.root), saved["token"], env=short)  # nor is it listed as if it opened
    assert listed.returncode == 2 and listed.stdout == ""
    served = run_cli("diff", str(store.root), saved["token"], "1", "1", env={"PEKALONGAN_STORE_DAYS": "36500"})
    assert served.returncode == 0, served.stderr
    assert served.stdout.strip() == "Tidak ada angka yang berubah antara versi 1 dan versi 1."
    listed = run_cli("versions", str(store.root), saved["token"], env={"PEKALONGAN_STORE_DAYS": "36500"})
    assert listed.returncode == 0 and listed.stdout.startswith("versi 1  "), listed.stderr


def test_the_command_line_lists_versions_and_diffs_two(three):
    store, saved = three
    listing = run_cli("versions", str(store.root), saved.token)
    assert listing.returncode == 0, listing.stderr
    lines = listing.stdout.splitlines()
    assert len(lines) == 3 and lines[0].startswith("versi 1  ") and "pertama" in lines[0]
    assert "berkas ditambahkan" in lines[2] and lines[2].endswith("berkas: ska_2019.csv, ska_2020_01.csv")
    diff = run_cli("diff", str(store.root), saved.token, "2", "3")
    assert diff.returncode == 0, diff.stderr
    assert diff.stdout.splitlines()[:2] == ["Angka yang berubah dari versi 2 ke versi 3:",
                                            "  2019: 22,93 → 22,69 juta USD, selisih -0,23, -1,02%"]
    english = run_cli("diff", str(store.root), saved.token, "1", "2", "--lang", "en")
    assert "  2020: new → 1.50 million USD, difference +1.50, -" in english.stdout
    as_json = json.loads(run_cli("versions", str(store.root), saved.token, "--json").stdout)
    assert [v["number"] for v in as_json] == [1, 2, 3]
    missing = run_cli("diff", str(store.root), saved.token, "1", "9")
    assert missing.returncode == 2 and "tidak berlaku" in missing.stderr
    assert run_cli("versions", str(store.root / "nowhere"), saved.token).returncode == 2


def test_an_uploaded_file_s_name_never_becomes_a_path(tmp_path):
    store = Store(tmp_path / "s")
    name, data = files_2019()
    hostile = [("../../../etc/ska_2019.csv", data), ("..", data)]
    saved = store.save(load([(name, data)]), hostile)
    manifest_file = store.root / "datasets" / saved.dataset_id / "versions" / "1.json"
    manifest = json.loads(manifest_file.read_text())
    part = store.root / "datasets" / saved.dataset_id / "parts" / manifest["part"]
    assert sorted(p.name for p in part.iterdir() if p.name.startswith("source")) == ["source-0", "source-1"]
    assert store.sources(saved.token) == hostile  # the names kept as written, as data
    manifest["sources"][0]["file"] = "../../../../etc/passwd"  # a tampered manifest is refused, not followed
    manifest_file.write_text(json.dumps(manifest))
    with pytest.raises(DatasetNotFound):
        store.sources(saved.token)
