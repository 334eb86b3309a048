"""What keeps a rerun cheap (issue 20) does what it says: the year-free records are not filtered again, the
startup objects are kept out of Streamlit's garbage-collection pass, and the widgets sent on every rerun are
big enough for the browser's message cache."""

from __future__ import annotations

import gc
import tomllib

import polars as pl

from pekalongan.filters import Filters
from pekalongan.ingest import load_sample
from pekalongan.ui.state import Context
from tests.conftest import ROOT


def test_history_is_the_records_when_no_year_range_is_set():
    dataset = load_sample()
    commodity = dataset.records.get_column("commodity").drop_nulls()[0]
    plain = Context(dataset, Filters(commodities=(commodity,)), "id")
    assert plain.history is plain.records  # no second filter over all records

    ranged = Context(dataset, Filters(year_from=2021, year_to=2021, commodities=(commodity,)), "id")
    expected = dataset.records.filter(pl.col("commodity") == commodity)
    assert ranged.history.equals(expected)
    assert ranged.records.height < ranged.history.height


def test_the_known_dimensions_are_read_once_per_run():
    from pekalongan import aggregate

    context = Context(load_sample(), Filters(), "id")
    assert context.known is context.known  # the headline and every chart ask; the records are read once
    assert context.known == aggregate.known_dimensions(context.records) == {"exporter", "exporter_type", "destination",
                                                                            "commodity"}


def test_a_run_freezes_what_the_imports_made(app):
    app.run()
    assert not app.exception
    # Tens of thousands of module objects are no longer walked by every full collection.
    assert gc.get_freeze_count() > 50_000


def test_the_exporter_list_is_cached_by_the_browser(app, tmp_path):
    """Streamlit sends an element the browser holds as a reference only from `global.minCachedMessageSize` up;
    a city's list of some 300 exporters, the largest widget sent again on every rerun, is over it (at Streamlit's
    default of 10 KB it was not)."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    threshold = config["global"]["minCachedMessageSize"]
    path = tmp_path / "ska.csv"
    generate.write_csv(path, 5_000)
    app.run()
    app.file_uploader[0].upload(path.name, path.read_bytes(), "text/csv").run()
    assert not app.exception
    exporters = app.sidebar.multiselect(key="eksportir")
    assert len(exporters.options) > 250
    assert threshold < exporters.proto.ByteSize() < 10_000


# What a filter click on Ringkasan sends at 10,000 rows (the elements' protos, as AppTest holds them),
# measured when this was written: the three charts 10,046 bytes (were 11,607 with every dataset column, the whole
# config and the title style), the standard table 2,023 (were 4,167 through pandas). Bytes are deterministic for a
# given file and click; the bounds leave room for a label a little longer, not for a column or a config sent again.
CHART_BYTES, TABLE_BYTES = 10_400, 2_200


def test_a_filter_click_sends_small_charts_and_tables(app, tmp_path):
    import sys

    import pyarrow as pa

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate

    path = tmp_path / "ska.csv"
    generate.write_csv(path, 10_000)
    app.run()
    app.file_uploader[0].upload(path.name, path.read_bytes(), "text/csv").run()
    commodities = app.sidebar.multiselect(key="komoditi")
    commodities.select(commodities.options[-1]).run()
    assert not app.exception
    charts = app.get("vega_lite_chart")
    assert len(charts) == 3
    assert sum(chart.proto.ByteSize() for chart in charts) < CHART_BYTES
    table = app.dataframe[-1].proto  # the standard table, last on the page
    assert table.ByteSize() < TABLE_BYTES
    assert pa.ipc.open_stream(table.arrow_data.data).read_all().schema.metadata is None  # no pandas metadata
