"""A summarised dataset (issue 18, national-size data) shows on every page the figures the same dataset shows
without summaries: cards, chart data, tables and the press sentence, floats to 1e-6 relative, with no filter, a
year range, an exporter type, and a commodity or destination selection (a drill-down into the records' file),
opened as a link (`app.py?data=<token>`) from the real store. The threshold is set to one record, so the bundled
sample and the corpus files are summarised; the same dataset saved under the default threshold is the reference.
"""

from __future__ import annotations

import math
import os
from typing import Any

import polars as pl
import pytest
from conftest import APP, DATA
from streamlit.testing.v1 import AppTest
from test_page_figures import PAGE_DIR, PAGES, page_figures

from pekalongan.ingest import load_paths, load_sample
from pekalongan.store import Store

MILLION_MILLION = 10**12


def close(shown: Any, expected: Any) -> bool:
    """Equal, floats to 1e-6 relative (a summary adds the same values in another order); all else exactly."""
    if isinstance(shown, float) and isinstance(expected, (float, int)) and not isinstance(expected, bool):
        return math.isclose(shown, expected, rel_tol=1e-6, abs_tol=1e-6)
    if isinstance(shown, list) and isinstance(expected, list):
        return len(shown) == len(expected) and all(close(a, b) for a, b in zip(shown, expected, strict=True))
    if isinstance(shown, dict) and isinstance(expected, dict):
        return shown.keys() == expected.keys() and all(close(shown[k], expected[k]) for k in shown)
    return type(shown) is type(expected) and shown == expected


def figures(token: str, query: dict[str, list[str]], pages: list[str]) -> dict[str, Any]:
    """Every page's figures of the link with these filters in its address."""
    import json

    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["data"] = token
    for key, values in query.items():
        at.query_params[key] = values
    at.run()
    shown = {}
    for page in pages:
        at.switch_page(f"{PAGE_DIR}/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
        shown[page] = json.loads(json.dumps(page_figures(at)))
    return shown


def saved_twice(dataset) -> tuple[str, str, str, str]:
    """-> (summarised token, plain token, summarised public token, plain public token)"""
    root = os.environ["PEKALONGAN_STORE"]  # the app's store (tests/conftest.py)
    rolled = Store(root, summary_rows=1).save(dataset)
    plain = Store(root, summary_rows=MILLION_MILLION).save(dataset)
    return rolled.token, plain.token, rolled.public_token, plain.public_token


def first_of(dataset, column: str) -> str:
    """The largest key of a column: a selection that surely holds records."""
    ranked = dataset.records.group_by(column).agg(pl.col("value_usd").sum()).drop_nulls(column).sort(
        "value_usd", descending=True)
    return str(ranked.get_column(column)[0])


def compare(rolled: str, plain: str, query: dict[str, list[str]], pages: list[str] = PAGES) -> None:
    shown, expected = figures(rolled, query, pages), figures(plain, query, pages)
    for page in pages:
        for part in ("cards", "text", "tables", "charts"):
            assert close(shown[page][part], expected[page][part]), (query, page, part)
        assert expected[page]["cards"] or expected[page]["tables"] or page == "kualitas"  # something was compared


@pytest.fixture(scope="module")
def sample_links():
    dataset = load_sample()
    return dataset, saved_twice(dataset)


def queries(dataset) -> list[dict[str, list[str]]]:
    years = sorted(dataset.records.get_column("year").unique().to_list())
    return [
        {},
        {"tahun": [str(years[1]), str(years[-2])]},
        {"jenis": ["umkm"]},
        {"komoditi": [first_of(dataset, "commodity")]},
        {"negara": [first_of(dataset, "destination")], "tahun": [str(years[0]), str(years[-2])]},
    ]


@pytest.mark.parametrize("case", range(5))
def test_the_sample_shows_the_same_figures_summarised(sample_links, case):
    dataset, (rolled, plain, _, _) = sample_links
    compare(rolled, plain, queries(dataset)[case])


def test_the_sample_summarised_in_english_with_a_selection_and_a_range(sample_links):
    dataset, (rolled, plain, _, _) = sample_links
    years = sorted(dataset.records.get_column("year").unique().to_list())
    query = {"bahasa": ["en"], "jenis": ["umkm", "established"], "tahun": [str(years[0]), str(years[-1] - 1)]}
    compare(rolled, plain, query, ["ringkasan", "komoditi", "negara", "eksportir"])
    compare(rolled, plain, {"bahasa": ["en"], "komoditi": [first_of(dataset, "commodity")]}, ["ringkasan"])


def test_the_public_view_of_a_summarised_dataset_shows_the_same_protected_figures(sample_links):
    _, (_, _, rolled_public, plain_public) = sample_links
    compare(rolled_public, plain_public, {}, ["ringkasan", "komoditi", "negara"])


@pytest.mark.parametrize("name", ["ska_2020.xlsx", "bps_wide_negara_bulanan.xlsx", "ska_2019_cp1252_tab.txt"])
def test_corpus_files_show_the_same_figures_summarised(name):
    dataset = load_paths([DATA / name])
    rolled, plain, _, _ = saved_twice(dataset)
    compare(rolled, plain, {})
    years = sorted(dataset.records.get_column("year").unique().to_list())
    named = dataset.records.get_column("commodity").drop_nulls().len()
    drill = {"komoditi": [first_of(dataset, "commodity")]} if named else {"negara": [first_of(dataset, "destination")]}
    if len(years) > 1:
        drill["tahun"] = [str(years[-2]), str(years[-1])]
    compare(rolled, plain, drill, ["ringkasan", "komoditi", "negara", "eksportir", "bulanan"])
