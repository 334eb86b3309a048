"""pekalongan/vegalite.py writes what Altair writes: every chart of charts.py, built by the same code once with
Altair and once with our plain-dict builder, gives the same spec (only the names Altair makes up for views
differ), and our specs are still checked against Vega-Lite's schema."""

from __future__ import annotations

import json
import re
from collections import OrderedDict

import altair
import jsonschema
import polars as pl
import pytest

from pekalongan import charts
from pekalongan import vegalite as vl
from tests.test_charts import KINDS, build, shipments

ROWS = 20_000


@pytest.fixture(scope="module")
def raw() -> pl.DataFrame:
    return shipments(ROWS)


def named_views_alike(spec: dict) -> dict:
    """Altair names a layer that holds a selection 'view_<hash>_<n>', we 'view_<n>': the same to Vega-Lite."""
    return json.loads(re.sub(r'"view_[0-9a-f]+_(\d+)"', r'"view_\1"', json.dumps(spec, sort_keys=True)))


def with_altair(monkeypatch: pytest.MonkeyPatch) -> None:
    """charts.py as it was written for Altair: the real library under the same name, its config, an empty
    memory of built charts (so nothing built by the other half of the test is handed back)."""
    monkeypatch.setattr(charts, "alt", altair)
    monkeypatch.setattr(charts, "CONFIGS", {lang: altair.Config(**charts._config(lang)) for lang in charts.MONTHS})
    monkeypatch.setattr(charts, "_BUILT", OrderedDict())
    monkeypatch.setattr(charts, "_SPECS", {})


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_the_same_calls_write_what_altair_writes(raw, kind, lang, monkeypatch):
    ours = build(kind, raw, lang)
    ours_spec, ours_page = ours.to_dict(), charts.spec(ours)
    with monkeypatch.context() as patch:
        with_altair(patch)
        theirs = build(kind, raw, lang)
        assert isinstance(theirs, altair.TopLevelMixin)
        theirs_spec, theirs_page = theirs.to_dict(), charts.spec(theirs)
    assert named_views_alike(ours_spec) == named_views_alike(theirs_spec)
    assert named_views_alike({k: v for k, v in ours_page.items() if k != "datasets"}) == named_views_alike(
        {k: v for k, v in theirs_page.items() if k != "datasets"})
    assert {n: t.to_pylist() for n, t in ours_page["datasets"].items() if hasattr(t, "to_pylist")} == {
        n: t.to_pylist() for n, t in theirs_page["datasets"].items() if hasattr(t, "to_pylist")}


def test_a_spec_vega_lite_refuses_is_refused():
    chart = vl.Chart(pl.DataFrame({"a": [1]})).mark_bar(size="wide").encode(x="a:Q")
    with pytest.raises(jsonschema.ValidationError):
        chart.to_dict()
    assert chart.to_dict(validate=False)["mark"] == {"type": "bar", "size": "wide"}


def test_a_shorthand_without_a_type_is_refused():
    with pytest.raises(ValueError, match="without a type"):
        vl.Chart(pl.DataFrame({"a": [1]})).encode(x="a")


def test_methods_return_new_charts_and_leave_the_base_as_it_was():
    base = vl.Chart(pl.DataFrame({"a": [1.0], "b": ["x"]})).encode(y="b:N")
    bars = base.mark_bar().encode(x="a:Q").transform_filter("datum.a > 0")
    text = base.mark_text().encode(text="b:N")
    unfinished = base.to_dict(validate=False)  # no mark yet: Vega-Lite would refuse it
    assert "mark" not in unfinished and set(unfinished["encoding"]) == {"y"}
    assert set(bars.to_dict()["encoding"]) == {"x", "y"} and "transform" not in text.to_dict()


def test_the_altair_chart_for_images_draws_from_the_same_spec(raw):
    chart = build("ranked_bars", raw)
    again = chart.to_altair()
    assert isinstance(again, altair.LayerChart)
    assert named_views_alike(again.to_dict()) == named_views_alike(chart.to_dict())


def test_the_schema_is_the_one_altair_speaks():
    assert vl.SCHEMA_VERSION == altair.SCHEMA_VERSION
    assert vl.MAX_ROWS == altair.data_transformers.options.get("max_rows", 5000) == 5000


def test_a_page_imports_neither_altair_nor_scipy():
    """Both cost a cold server's first visitor about half a second each; only images and public views use them."""
    import subprocess
    import sys

    code = ("import sys, pandas; from pekalongan.ui import data, downloads, share, state, views, widgets, public; "
            "from pekalongan import charts, aggregate, narrative; "
            "print(sorted(m for m in ('altair', 'scipy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
