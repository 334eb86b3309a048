"""National-size data (issue 18): the summaries a large stored dataset carries give the figures its records give,
the store writes them only from the threshold on (listed and hashed in the manifest like every part file), and a
summarised dataset opens without reading its records, on the folder store and the shared store (folder and a real
SeaweedFS) alike. The pages' figures are compared in tests/test_national_pages.py."""

from __future__ import annotations

import hashlib
import io
import json
import math
import uuid

import polars as pl
import pyarrow.parquet as pq
import pytest
from conftest import DATA
from versions_data import files_2019, files_2019_corrected

from pekalongan import aggregate, figure_notes, narrative, rollup
from pekalongan.backends import FolderBackend
from pekalongan.dataset import Dataset
from pekalongan.filters import Filters
from pekalongan.ingest import load, load_paths, load_sample
from pekalongan.revisions import revisions
from pekalongan.shared import SharedStore
from pekalongan.store import Store

SUMMARY_FILES = {rollup.file_name(s) for s in rollup.SUMMARIES}


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return load_sample()


def summarised(dataset: Dataset) -> Dataset:
    """The same dataset carrying its summaries (in memory: the frames the pages read are the same)."""
    return Dataset(dataset.records, dataset.targets, dataset.report, files=dataset.files,
                   summaries=rollup.build(dataset.records))


def close(a, b) -> bool:
    """Equal, floats to 1e-9 relative (a summary adds the same values in another order)."""
    if isinstance(a, float) and isinstance(b, (float, int)):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(close(a[k], b[k]) for k in a)
    return a == b


def rows(frame: pl.DataFrame) -> list:
    return [list(r) for r in frame.rows()]


SELECTIONS = [
    Filters(),
    Filters(year_from=2020, year_to=2021),
    Filters(exporter_types=("umkm",)),
    Filters(year_to=2021, exporter_types=("umkm", "established")),
]


# ------------------------------------------------------------------------------------------------- domain


def test_a_summary_has_the_records_columns_and_counts_every_record(sample):
    summaries = rollup.build(sample.records)
    for name in rollup.DIMENSIONS:
        frame = summaries[name]
        assert list(frame.columns)[:-1] == list(sample.records.columns) and frame.columns[-1] == "rows"
        assert int(frame.get_column("rows").sum()) == sample.records.height
        assert math.isclose(frame.get_column("value_usd").sum(), sample.records.get_column("value_usd").sum())
        assert frame.height < sample.records.height
    assert summaries.records == sample.records.height
    assert summaries.smallest.height < summaries[rollup.COMMODITY].height


@pytest.mark.parametrize("filters", SELECTIONS, ids=repr)
@pytest.mark.parametrize("dimension", ["commodity", "destination", "exporter", "exporter_type"])
def test_every_aggregate_of_a_dimension_is_the_same_on_its_summary(sample, filters, dimension):
    plain, rolled = rollup.Frames(sample, filters), rollup.Frames(summarised(sample), filters)
    raw, summary = plain.frame(dimension), rolled.frame(dimension)
    assert summary.height < raw.height
    for figure in (lambda f: aggregate.ranking(f, dimension, top=5), lambda f: aggregate.by_year_and(f, dimension),
                   aggregate.by_year, aggregate.monthly):
        assert close(rows(figure(summary)), rows(figure(raw)))
    table, expected = aggregate.standard_table(summary, dimension), aggregate.standard_table(raw, dimension)
    assert close([r.to_json("") for r in table.lines], [r.to_json("") for r in expected.lines])
    assert (table.cum_year, table.cum_through_month) == (expected.cum_year, expected.cum_through_month)
    weighed = [aggregate.ranking(f.filter(pl.col("weight_kg").is_not_null()), dimension) for f in (summary, raw)]
    assert close(rows(weighed[0]), rows(weighed[1]))
    assert figure_notes.notes(summary) == figure_notes.notes(raw)


@pytest.mark.parametrize("filters", SELECTIONS, ids=repr)
def test_the_headline_and_the_press_sentence_take_each_count_from_its_summary(sample, filters):
    plain, rolled = rollup.Frames(sample, filters), rollup.Frames(summarised(sample), filters)
    year = int(plain.frame().get_column("year").max())
    assert close(vars(rollup.headline(rolled, sample.targets, year)), vars(rollup.headline(plain, sample.targets, year)))
    assert rollup.headline(rolled, sample.targets, year).exporters > 0
    assert rollup.known_dimensions(rolled) == rollup.known_dimensions(plain)
    frames = {d: rolled.history(d) for d in ("commodity", "destination")}
    for lang in ("id", "en"):
        assert narrative.narrative(rolled.history(), sample.targets, year, lang, filters=filters, frames=frames) == \
            narrative.narrative(plain.history(), sample.targets, year, lang, filters=filters)


@pytest.mark.parametrize("top", [3, 12])
@pytest.mark.parametrize("filters", SELECTIONS[:2], ids=repr)
def test_the_heatmap_scans_only_the_top_commodities_and_gives_the_same_cells(sample, top, filters):
    """With a top of 3 the other commodities' cells are found by subtraction from the summaries."""
    plain, rolled = rollup.Frames(sample, filters), rollup.Frames(summarised(sample), filters)
    expected = aggregate.matrix(plain.frame(), "commodity", "destination", top, top)
    assert close(rows(rollup.matrix(rolled, top, top)), rows(expected))


def test_a_selection_of_commodities_drills_down_to_the_records_it_picks(sample):
    commodity = sample.records.get_column("commodity").cast(pl.String).drop_nulls()[0]
    filters = Filters(year_from=2021, commodities=(commodity,))
    rolled = rollup.Frames(summarised(sample), filters)
    assert rolled.drilled
    picked = rolled.frame("destination")
    assert picked is rolled.frame("exporter")  # scanned once per run, the same rows for what needs them
    assert rolled.frame("commodity").get_column("destination").is_null().all()  # the commodity summary's
    assert int(picked.get_column("rows").sum()) == filters.apply(sample.records).height  # compacted: summed
    assert int(rolled.history().get_column("rows").sum()) == filters.without("year_from").apply(sample.records).height
    plain = rollup.Frames(sample, filters)
    for dimension in rollup.DIMENSIONS:
        assert close(rows(aggregate.ranking(picked, dimension)), rows(aggregate.ranking(plain.frame(), dimension)))
    assert rolled.records().equals(filters.apply(sample.records))


def test_revisions_between_two_summarised_versions_are_those_of_their_records():
    old, new = load([files_2019()]), load([files_2019_corrected()])
    expected = revisions(old.records, new.records)
    found = rollup.revised(summarised(old), summarised(new))
    assert not expected.is_empty()
    order = ["dimension", "year", "key"]
    assert close(rows(found.sort(order)), rows(expected.sort(order)))


# -------------------------------------------------------------------------------------------------- store


KINDS = ["folder", "shared-folder", "s3"]


@pytest.fixture(params=KINDS)
def make_store(request, tmp_path):
    """-> a function making a store (folder, shared over a folder, shared over SeaweedFS) with a threshold."""
    kind = request.param
    if kind == "s3":
        server = request.getfixturevalue("s3_server")
        prefix = uuid.uuid4().hex
        return lambda **options: SharedStore(server.backend(prefix), **options)
    root = tmp_path / "store"
    if kind == "folder":
        return lambda **options: Store(root, boot_clock=lambda: None, **options)
    return lambda **options: SharedStore(FolderBackend(root), **options)


def manifest_files(store, saved) -> tuple[dict, dict[str, bytes]]:
    """-> (the version's part files as its manifest lists them, their bytes as stored)."""
    if isinstance(store, Store):
        folder = store.root / "datasets" / saved.dataset_id
        manifest = json.loads((folder / "versions" / "1.json").read_text())
        part = folder / "parts" / manifest["part"]
        return manifest["part_files"], {p.name: p.read_bytes() for p in part.iterdir()}
    manifest = json.loads(store.backend.read(f"datasets/{saved.dataset_id}/versions/1.json"))
    prefix = f"datasets/{saved.dataset_id}/parts/{manifest['part']}/"
    return manifest["part_files"], {e.key.rsplit("/", 1)[1]: store.backend.read(e.key)
                                    for e in store.backend.listing(prefix)}


def test_summaries_are_written_only_from_the_threshold_and_listed_with_their_hashes(make_store, sample):
    rows_ = sample.records.height
    below = make_store(summary_rows=rows_ + 1)
    saved = below.save(sample)
    listed, _ = manifest_files(below, saved)
    assert not SUMMARY_FILES & set(listed)
    opened = make_store().open(saved.token).dataset
    assert opened.summaries is None and opened.lazy is None and opened.records.equals(sample.records)

    at = make_store(summary_rows=rows_)
    saved = at.save(sample)
    listed, stored = manifest_files(at, saved)
    assert SUMMARY_FILES <= set(listed) == set(stored)
    for name, described in listed.items():
        assert described == {"bytes": len(stored[name]), "sha256": hashlib.sha256(stored[name]).hexdigest()}
    # Written sorted by commodity, labels as text, with statistics: what lets a drill-down's filter skip row groups.
    written = pl.read_parquet(stored["records.parquet"])
    commodities = written.get_column("commodity").to_list()
    assert written.schema["commodity"] == pl.String
    assert commodities == sorted(commodities, key=lambda c: (c is None, c))
    column = pq.ParquetFile(io.BytesIO(stored["records.parquet"])).metadata.row_group(0).column(
        written.columns.index("commodity"))
    assert column.statistics is not None and column.statistics.has_min_max


def test_a_summarised_dataset_opens_without_reading_its_records(make_store, sample):
    saved = make_store(summary_rows=1).save(sample)
    dataset = make_store().open(saved.token).dataset
    assert dataset.summaries is not None and dataset.lazy is not None
    assert not dataset.is_empty and not dataset.lazy.loaded  # is_empty asks the summaries, not the file
    assert dataset.summaries.records == sample.records.height
    assert rows(dataset.summaries.smallest) == rows(rollup.build(sample.records).smallest)
    commodity = sample.records.get_column("commodity").cast(pl.String).drop_nulls()[0]
    picked = dataset.select(pl.col("commodity") == commodity, rollup.PAGE_COLUMNS)
    assert not dataset.lazy.loaded  # a drill-down scans the file
    assert picked.height == sample.records.filter(pl.col("commodity") == commodity).height
    assert picked.schema == sample.records.schema
    records = dataset.records  # a download asks: read now, whole, once
    assert dataset.lazy.loaded and records is dataset.records
    key = ["source_file", "source_sheet", "source_row"]
    assert records.sort(key).equals(sample.records.sort(key))


def test_a_summary_file_that_is_not_its_manifests_refuses_the_link(tmp_path, sample):
    store = Store(tmp_path / "store", summary_rows=1)
    saved = store.save(sample)
    part = next((tmp_path / "store" / "datasets" / saved.dataset_id / "parts").iterdir())
    target = part / rollup.file_name(rollup.COMMODITY)
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0xFF  # the same size, other bytes: only the hash tells
    target.write_bytes(bytes(data))
    from pekalongan.errors import DatasetNotFound

    with pytest.raises(DatasetNotFound):
        Store(tmp_path / "store").open(saved.token)


def test_the_threshold_comes_from_the_environment(monkeypatch, tmp_path):
    dataset = load_paths([DATA / "ska_2020.xlsx"])
    monkeypatch.setenv("PEKALONGAN_SUMMARY_ROWS", str(dataset.records.height))
    assert Store(tmp_path / "a").summary_rows == dataset.records.height
    assert Store(tmp_path / "a").open(Store(tmp_path / "a").save(dataset).token).dataset.summaries is not None
    monkeypatch.setenv("PEKALONGAN_SUMMARY_ROWS", str(dataset.records.height + 1))
    assert Store(tmp_path / "a").open(Store(tmp_path / "a").save(dataset).token).dataset.summaries is None
    monkeypatch.delenv("PEKALONGAN_SUMMARY_ROWS")
    assert Store(tmp_path / "a").summary_rows == 1_000_000


def test_the_public_view_of_a_summarised_dataset_carries_no_summary(tmp_path, sample):
    from pekalongan.confidential import public_dataset

    store = Store(tmp_path / "store", summary_rows=1)
    opened = store.open(store.save(sample).public_token)
    assert opened.public and opened.dataset.summaries is not None
    public = public_dataset(opened.dataset)
    assert public.summaries is None and public.protection is not None


def test_a_new_version_of_a_summarised_dataset_is_compared_from_the_summaries(tmp_path):
    store = Store(tmp_path / "store", summary_rows=1)
    first, corrected = [files_2019()], [files_2019_corrected()]
    saved = store.save(load(first), first)
    assert store.publish(saved.token, saved.owner_key, load(corrected), corrected).version == 2
    old, new = (Store(tmp_path / "store").open(saved.token, v).dataset for v in (1, 2))
    found = rollup.revised(old, new, Filters(exporter_types=("umkm", "established", "new", "unknown")))
    assert not old.lazy.loaded and not new.lazy.loaded  # no record read for the marks
    expected = revisions(load(first).records, load(corrected).records)
    order = ["dimension", "year", "key"]
    assert not expected.is_empty() and close(rows(found.sort(order)), rows(expected.sort(order)))


def test_a_selection_scans_the_records_only_for_what_no_summary_answers(tmp_path, sample):
    store = Store(tmp_path / "store", summary_rows=1)
    dataset = Store(tmp_path / "store").open(store.save(sample).token).dataset
    destination = sample.records.get_column("destination").cast(pl.String).drop_nulls()[0]
    frames = rollup.Frames(dataset, Filters(year_from=2021, destinations=(destination,)))
    # What Negara Tujuan and Bulanan show of a destination: its summary, no scan.
    assert frames.frame("destination").height and frames.frame("exporter_type") is frames.frame("destination")
    assert rollup.knows(frames, "destination") and frames.history().height
    assert dataset.lazy.scans == 0
    frames.frame("commodity")  # a destination's commodities: its rows, scanned once for every dimension
    assert frames.frame("exporter") is frames.frame("commodity") and dataset.lazy.scans == 1
    frames.history("commodity")
    assert dataset.lazy.scans == 1 and not dataset.lazy.loaded
