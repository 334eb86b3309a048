"""The figures every page shows stay exactly what they were: cards, chart data and tables of each page, on the
sample and on each file of the corpus, against a snapshot made from main's code before the speed work (issue 20).

A change that means to change a figure regenerates the snapshot on purpose and says why in its commit:
`PEKALONGAN_WRITE_FIGURES=1 .venv/bin/python -m pytest -n 0 tests/test_page_figures.py`.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from conftest import DATA, ROOT

SNAPSHOT = Path(__file__).resolve().parent / "snapshots" / "page_figures.json"
# The pages that show figures (panduan and tentang are prose).
PAGES = ["ringkasan", "komoditi", "negara", "eksportir", "bulanan", "kualitas"]
PAGE_DIR = "app_pages" if (ROOT / "app_pages").is_dir() else "pages"  # renamed by the share-links work
CORPUS = sorted(k for k in json.loads((DATA / "expected.json").read_text()) if not k.startswith("_"))
MIME = {"csv": "text/csv", "txt": "text/plain"}
WRITE = os.environ.get("PEKALONGAN_WRITE_FIGURES") == "1"
NARRATIVE_ICON = ":material/newspaper:"  # pekalongan/ui/views.py narrative_ui


def plain(value: Any) -> Any:
    """A cell from pandas, Arrow or a spec -> a JSON value that compares exactly (NaN as None, numpy as Python)."""
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def frame_rows(frame) -> dict[str, Any]:
    """A pandas frame as shown -> its column names and its rows."""
    frame = frame.reset_index(drop=True)
    return {"columns": [str(c) for c in frame.columns],
            "rows": [[plain(v) for v in row] for row in frame.itertuples(index=False, name=None)]}


def chart_data(chart) -> list[list[dict[str, Any]]]:
    """A vega-lite element -> every dataset it carries (Arrow ones and those left in the spec), as sorted rows.

    Dataset names are content hashes and the order of fields is how a chart spells them, not what it shows, so the
    comparison is of rows as field -> value."""
    tables = []
    for dataset in chart.proto.datasets:
        table = pa.ipc.open_stream(dataset.data.data).read_all()
        tables.append([plain(row) for row in table.to_pylist()])
    if chart.proto.data.data:
        tables.append([plain(row) for row in pa.ipc.open_stream(chart.proto.data.data).read_all().to_pylist()])
    spec = json.loads(chart.proto.spec)
    for values in spec.get("datasets", {}).values():
        if isinstance(values, list):
            tables.append([plain(row) for row in values])
    for table in tables:
        table.sort(key=order)
    return sorted(tables, key=order)


def rounded(value: Any) -> Any:
    """Floats to 9 significant digits, for ordering only: polars sums in parallel, so the last bits vary by run."""
    if isinstance(value, float):
        return float(f"{value:.9g}")
    if isinstance(value, list):
        return [rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    return value


def order(value: Any) -> str:
    return json.dumps(rounded(value), sort_keys=True)


def same(shown: Any, expected: Any) -> bool:
    """Equal, floats to 1e-12 relative (the order a parallel sum adds in is not fixed); everything else exactly."""
    if isinstance(shown, float) and isinstance(expected, (float, int)) and not isinstance(expected, bool):
        return math.isclose(shown, expected, rel_tol=1e-12, abs_tol=1e-9)
    if isinstance(shown, list) and isinstance(expected, list):
        return len(shown) == len(expected) and all(same(a, b) for a, b in zip(shown, expected, strict=True))
    if isinstance(shown, dict) and isinstance(expected, dict):
        return shown.keys() == expected.keys() and all(same(shown[k], expected[k]) for k in shown)
    return type(shown) is type(expected) and shown == expected


def page_figures(at) -> dict[str, Any]:
    """What a page shows that is a figure: its cards, the data of its charts, its tables, and the press sentence
    (the narrative, drawn with its newspaper icon). Other prose is left out: wording may change, figures may not."""
    return {
        "cards": [[m.label, m.value, m.proto.delta] for m in at.metric],
        "text": [e.value for e in at.info if e.proto.icon == NARRATIVE_ICON],
        "charts": [chart_data(c) for c in at.get("vega_lite_chart")],
        "tables": [frame_rows(d.value) for d in at.dataframe] + [frame_rows(tb.value) for tb in at.table],
    }


def figures_of(app, name: str | None) -> dict[str, Any]:
    """Every page's figures after uploading `name` (None: the sample)."""
    at = app.run()
    if name is not None:
        kind = name.rsplit(".", 1)[1]
        at.file_uploader[0].upload(name, (DATA / name).read_bytes(), MIME.get(kind, "application/octet-stream")).run()
    shown = {}
    for page in PAGES:
        at.switch_page(f"{PAGE_DIR}/{page}.py").run()
        assert not at.exception, (name, page, [e.value for e in at.exception])
        shown[page] = json.loads(json.dumps(page_figures(at)))  # as the snapshot stores it
    return shown


@pytest.mark.parametrize("name", ["(sample)", *CORPUS])
def test_every_page_shows_the_figures_it_showed(app, name):
    shown = figures_of(app, None if name == "(sample)" else name)
    if WRITE:
        snapshot = json.loads(SNAPSHOT.read_text()) if SNAPSHOT.exists() else {}
        snapshot[name] = shown
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(json.dumps(snapshot, ensure_ascii=False, indent=0, sort_keys=True) + "\n")
        pytest.skip("snapshot written")
    expected = json.loads(SNAPSHOT.read_text())[name]
    assert shown.keys() == expected.keys()
    for page in PAGES:
        for part in ("cards", "text", "tables"):
            assert same(shown[page][part], expected[page][part]), (name, page, part, shown[page][part])
        charts = [drawn(chart, before) for chart, before in zip(shown[page]["charts"], expected[page]["charts"],
                                                                 strict=True)]
        assert same(shown[page]["charts"], charts), (name, page, "charts", shown[page]["charts"])


# Columns the snapshot's charts carried that no mark, tooltip or selection reads, so they no longer travel to the
# browser (issue 20: bytes per rerun): each chart's figure in USD is drawn as `value_m` (millions) and written as
# `value_text`; the target's label is never drawn; codes and month numbers are read as their labels.
UNDRAWN = frozenset({"value_usd", "target_usd", "target_label", "value_label", "key", "month", "iso_numeric"})


def drawn(chart: list[list[dict]], before: list[list[dict]]) -> list[list[dict]]:
    """The snapshot's datasets of a chart with only the fields the chart now carries, which must be all of them
    but for undrawn ones."""
    if len(chart) != len(before):
        return before
    out = []
    for table, expected in zip(chart, before, strict=True):
        fields = set(table[0]) if table else set()
        if table and expected:
            assert fields <= set(expected[0]) and set(expected[0]) - fields <= UNDRAWN, (fields, set(expected[0]))
        projected = [{k: v for k, v in row.items() if k in fields} for row in expected]
        out.append(sorted(projected, key=order))
    return sorted(out, key=order)
