"""A register large enough to be read in many pieces at once reads to exactly what was written.

The CSV streams in, several pieces in parallel, each text column of names turned into categorical codes on the
way; cleaning then reads each distinct cell once and maps rows back by code. This checks the result against the
benchmark generator's own arrays (the truth it wrote), never against the reader.
"""

from __future__ import annotations

import sys
from datetime import timedelta

import polars as pl
import pytest
from conftest import ROOT

from pekalongan.ingest import load
from pekalongan.schema import Column

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402

ROWS = 300_000


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    path = tmp_path_factory.mktemp("large") / "ska.csv"
    generate.write_csv(path, ROWS)
    rows, (exporters, _types) = generate._rows(ROWS)
    truth = pl.DataFrame({
        "year": [(generate.FIRST_DAY + timedelta(days=int(d))).year for d in rows["day"]],
        "exporter": [exporters[i] for i in rows["exporter"]],
        "commodity": [generate.COMMODITIES[i][0] for i in rows["commodity"]],
        "destination": [generate.DESTINATIONS[i][0] for i in rows["destination"]],
        "kg": rows["kg"],
        "usd": rows["usd"],
    })
    return load([(path.name, path.read_bytes())]), truth


def test_every_shipment_is_kept_and_the_total_and_note_rows_are_skipped(written):
    dataset, truth = written
    assert dataset.records.height == truth.height == dataset.report.rows_kept
    assert dataset.report.rejected.is_empty()
    skipped = dataset.report.skipped
    assert skipped.get_column("reason").to_list() == ["baris jumlah/total", "catatan atau sumber data"]
    assert skipped.get_column("row").to_list() == [ROWS + 3, ROWS + 4]  # title, header, the rows, then these
    assert not [w for w in dataset.report.warning_texts() if "jumlah tidak cocok" in w]


def test_sums_per_year_exporter_and_commodity_are_the_written_ones(written):
    dataset, truth = written
    records = dataset.records
    for ours, theirs in ((Column.YEAR, "year"), (Column.EXPORTER, "exporter"), (Column.COMMODITY, "commodity")):
        got = (
            records.group_by(pl.col(ours).cast(pl.String).alias("k")).agg(pl.col(Column.VALUE_USD).sum(),
                                                                          pl.col(Column.WEIGHT_KG).sum())
            .sort("k")
        )
        want = (
            truth.group_by(pl.col(theirs).cast(pl.String).alias("k")).agg(pl.col("usd").sum(), pl.col("kg").sum())
            .sort("k")
        )
        assert got.get_column("k").to_list() == want.get_column("k").to_list(), ours
        for a, b in zip(got.get_column(Column.VALUE_USD).to_list(), want.get_column("usd").to_list(), strict=True):
            assert a == pytest.approx(b, rel=1e-12, abs=1e-6), ours
        for a, b in zip(got.get_column(Column.WEIGHT_KG).to_list(), want.get_column("kg").to_list(), strict=True):
            assert a == pytest.approx(b, rel=1e-12, abs=1e-6), ours


def test_each_row_keeps_its_own_names_in_file_order(written):
    dataset, truth = written
    records = dataset.records.sort(Column.SOURCE_ROW)
    assert records.get_column(Column.SOURCE_ROW).to_list() == list(range(3, ROWS + 3))
    assert records.get_column(Column.EXPORTER).cast(pl.String).to_list() == truth.get_column("exporter").to_list()
    assert records.get_column(Column.VALUE_USD).to_list() == pytest.approx(truth.get_column("usd").to_list())
    # Spellings merged across case: "SARUNG BATIK" rows read as "Sarung Batik", the name most rows use.
    assert records.get_column(Column.COMMODITY).cast(pl.String).to_list() == truth.get_column("commodity").to_list()
    # Each written country name resolves to one ISO code, the same on every row that wrote it.
    pairs = pl.DataFrame({"written": truth.get_column("destination"),
                          "code": records.get_column(Column.DESTINATION).cast(pl.String)}).unique()
    assert pairs.height == pairs.get_column("written").n_unique()
    assert dict(pairs.iter_rows())["Korsel"] == "KOR" == dict(pairs.iter_rows())["Korea Selatan"]
