"""Charts speak Indonesian, show millions of USD, carry small data and render offline."""

from __future__ import annotations

import json
import re
import struct
from collections.abc import Iterator
from typing import Any

import altair as alt
import polars as pl
import pytest
import vl_convert

from pekalongan import charts, images
from pekalongan.aggregate import OTHER_KEY, against_targets
from pekalongan.formulas import change_pct
from pekalongan.labels import labelled

RAW_ROWS = 1_000_000
COUNTRIES = ["SGP", "THA", "TZA", "MYS", "KOR", "JPN", "TWN", "HKG", "BHR", "USA", "Eropa", "Timur Tengah"]
LABELS = ["Singapura", "Thailand", "Tanzania", "Malaysia", "Korea Selatan", "Jepang", "Taiwan", "Hong Kong",
          "Bahrain", "Amerika Serikat", "Eropa", "Timur Tengah"]
COMMODITIES = ["Sarung Batik", "Kain Batik", "Surimi", "Crab Shell Pellet", "Garmen"]


def shipments(rows: int) -> pl.DataFrame:
    """`rows` generated shipments: year, month, country and commodity codes, value."""
    i = pl.int_range(0, rows, eager=True)
    return pl.DataFrame({
        "year": 2018 + i % 5,
        "month": 1 + (i // 5) % 12,
        "country": (i * 7 % len(COUNTRIES)).cast(pl.UInt32),
        "commodity": (i * 3 % len(COMMODITIES)).cast(pl.UInt32),
        "value_usd": ((i * 7919) % 50_000 + 500).cast(pl.Float64),
    })


@pytest.fixture(scope="module")
def raw() -> pl.DataFrame:
    """A million shipments, the size a large multi-year upload could reach; charts must only see aggregates."""
    return shipments(RAW_ROWS)


def by_country(raw: pl.DataFrame) -> pl.DataFrame:
    """raw -> key | label | value_usd | share_pct, one row per destination."""
    return raw.group_by("country").agg(pl.col("value_usd").sum()).with_columns(
        pl.col("country").replace_strict(range(len(COUNTRIES)), COUNTRIES, return_dtype=pl.String).alias("key"),
        pl.col("country").replace_strict(range(len(LABELS)), LABELS, return_dtype=pl.String).alias("label"),
        (pl.col("value_usd") / pl.col("value_usd").sum() * 100).alias("share_pct"),
    ).select("key", "label", "value_usd", "share_pct")


def by_year_commodity(raw: pl.DataFrame) -> pl.DataFrame:
    """raw -> year | key | label | value_usd."""
    return raw.group_by("year", "commodity").agg(pl.col("value_usd").sum()).with_columns(
        pl.col("commodity").cast(pl.String).alias("key"),
        pl.col("commodity").replace_strict(range(len(COMMODITIES)), COMMODITIES, return_dtype=pl.String).alias("label"),
    ).select("year", "key", "label", "value_usd")


def build(name: str, raw: pl.DataFrame, lang: str = "id") -> alt.TopLevelMixin:
    """One chart of each kind, from a polars aggregate of the million raw rows."""
    years = raw.group_by("year").agg(pl.col("value_usd").sum())
    match name:
        case "year_bars":
            return charts.year_bars(against_targets(years, {2018: 18_000_000.0, 2023: 30_000_000.0}), lang)
        case "ranked_bars":
            return charts.ranked_bars(by_country(raw), lang, "Negara tujuan")
        case "stacked_years":
            return charts.stacked_years(by_year_commodity(raw), lang, "Komoditi")
        case "heatmap":
            cells = by_year_commodity(raw).rename({"key": "row_key", "label": "row_label"})
            return charts.heatmap(cells.with_columns(col_key=pl.col("year"), col_label=pl.col("year")), lang, "Peta")
        case "world_map":
            return charts.world_map(by_country(raw), lang, "Negara tujuan")
        case "monthly_lines":
            return charts.monthly_lines(raw.group_by("year", "month").agg(pl.col("value_usd").sum()), lang)
        case "cumulative_bars":
            return charts.cumulative_bars(12_500_000.0, 11_200_000.0, change_pct(12_500_000.0, 11_200_000.0), 2022, 6, lang)
    raise AssertionError(name)


KINDS = ["year_bars", "ranked_bars", "stacked_years", "heatmap", "world_map", "monthly_lines", "cumulative_bars"]


walk = charts.walk_spec  # every (key, value) pair anywhere in a nested spec


def axis_and_legend_titles(spec: dict) -> list[str]:
    """The titles of every axis and legend the spec declares."""
    return [v["title"] for k, v in walk(spec) if k in ("axis", "legend") and isinstance(v, dict) and "title" in v]


def arc_indices(arcs: Any) -> Iterator[int]:
    """A TopoJSON geometry's nested arc lists -> every arc index in it."""
    if isinstance(arcs, int):
        yield arcs
    else:
        for part in arcs:
            yield from arc_indices(part)


def png_size(png: bytes) -> tuple[int, int]:
    """PNG bytes -> (width, height) from the IHDR chunk."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


@pytest.mark.parametrize("kind", KINDS)
def test_locale_is_indonesian(raw, kind):
    locale = build(kind, raw).to_dict()["config"]["locale"]
    assert locale["number"]["decimal"] == ","
    assert locale["number"]["thousands"] == "."
    assert locale["time"]["shortMonths"][4] == "Mei"
    assert locale["time"]["months"][7] == "Agustus"


@pytest.mark.parametrize("kind", KINDS)
def test_english_locale_and_unit(raw, kind):
    spec = build(kind, raw, "en").to_dict()
    assert spec["config"]["locale"]["number"]["decimal"] == "."
    assert any("million USD" in title for title in axis_and_legend_titles(spec))


@pytest.mark.parametrize("kind", KINDS)
def test_values_are_shown_in_juta_usd(raw, kind):
    spec = build(kind, raw).to_dict()
    assert any("juta USD" in title for title in axis_and_legend_titles(spec))


@pytest.mark.parametrize("kind", KINDS)
def test_no_si_prefix_format(raw, kind):
    spec = build(kind, raw).to_dict()
    formats = [v for k, v in walk(spec) if k in ("format", "numberFormat") and isinstance(v, str)]
    assert formats, "the value axis declares its format"
    for fmt in formats:
        assert not re.search(r"s$", fmt), fmt  # d3 "s"/"~s" prints M for mega: an Indonesian reads miliar


@pytest.mark.parametrize("kind", KINDS)
def test_inlined_data_stays_small(raw, kind):
    assert raw.height == RAW_ROWS
    spec = build(kind, raw).to_dict()
    rows = {name: len(values) for name, values in spec.get("datasets", {}).items()}
    assert rows, "the chart carries its aggregate as a named dataset"
    assert sum(rows.values()) <= 300, rows


def test_the_row_guard_stays_on():
    too_many = pl.DataFrame({"key": [f"k{i}" for i in range(6000)], "label": "x", "value_usd": 1.0,
                             "share_pct": 100 / 6000})
    with pytest.raises(alt.MaxRowsError):
        charts.ranked_bars(too_many).to_dict()


@pytest.mark.parametrize(("kind", "selectable", "expected"), [
    ("ranked_bars", True, True),
    ("ranked_bars", False, False),
    ("world_map", True, True),
    ("world_map", False, False),
])
def test_pilih_selection(raw, kind, selectable, expected):
    frame = by_country(raw)
    chart = getattr(charts, kind)(frame, "id", "Negara tujuan", selectable=selectable)
    params = [p for k, v in walk(chart.to_dict()) if k == "params" for p in v if p["name"] == "pilih"]
    assert bool(params) == expected
    if expected:
        assert params[0]["select"]["type"] == "point"
        assert params[0]["select"]["fields"] == ["key"]


def test_world_map_joins_by_iso_numeric(raw):
    spec = charts.world_map(by_country(raw)).to_dict()
    rows = [row for values in spec["datasets"].values() for row in values]
    singapore = [row for row in rows if row["key"] == "SGP"]
    assert len(singapore) == 1 and singapore[0]["iso_numeric"] == "702"
    assert {row["key"] for row in rows} == set(COUNTRIES) - {"Eropa", "Timur Tengah"}
    lookups = [v for k, v in walk(spec) if k == "lookup"]
    assert lookups == ["id"]
    topology = next(v["values"] for k, v in walk(spec) if k == "data" and isinstance(v.get("values"), dict))
    ids = {g.get("id") for g in topology["objects"]["countries"]["geometries"]}
    assert {"702", "344", "048", "764"} <= ids  # Singapore, Hong Kong, Bahrain (as points), Thailand


def test_unmapped_lists_regions(raw):
    left_out = charts.unmapped(by_country(raw))
    assert sorted(left_out["key"]) == ["Eropa", "Timur Tengah"]


def test_world_file_is_small_topojson():
    topology = json.loads(charts.WORLD_FILE.read_text(encoding="utf-8"))
    assert topology["type"] == "Topology"
    geometries = topology["objects"]["countries"]["geometries"]
    ids = [g["id"] for g in geometries if "id" in g]
    assert all(re.fullmatch(r"\d{3}", code) for code in ids)
    assert len(ids) == len(set(ids))
    assert "010" not in ids  # Antarctica dropped
    assert not any("properties" in g for g in geometries)
    used = {a if a >= 0 else ~a for g in geometries if "arcs" in g for a in arc_indices(g["arcs"])}
    assert used == set(range(len(topology["arcs"])))  # every arc is used, none is missing
    assert charts.WORLD_FILE.stat().st_size < 150_000


@pytest.mark.parametrize(("value", "text"), [
    (25_437_000.0, "25.437.000 USD"),
    (19_600_000.0, "19.600.000 USD"),
])
def test_tooltips_carry_full_indonesian_values(value, text):
    spec = charts.year_bars(against_targets(pl.DataFrame({"year": [2020], "value_usd": [value]}), None), "id").to_dict()
    rows = [row for values in spec["datasets"].values() for row in values]
    assert rows[0]["value_text"] == text


def test_monthly_axis_in_indonesian_order():
    frame = pl.DataFrame({"year": [2022, 2022, 2021], "month": [8, 5, 12], "value_usd": [1e6, 2e6, 3e6]})
    spec = charts.monthly_lines(frame).to_dict()
    assert spec["encoding"]["x"]["sort"] == ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt",
                                             "Nov", "Des"]


def test_to_png_renders_offline(raw):
    png = images.to_png(build("year_bars", raw), scale=2)
    width, height = png_size(png)
    assert width > 600 and height > 300


def test_svg_labels_use_indonesian_separators():
    frame = pl.DataFrame({"year": [2018, 2019, 2020], "value_usd": [1_500_000.0, 2_250_000.0, 3_100_000.0]})
    chart = charts.year_bars(against_targets(frame, {2020: 2_600_000.0}), "id")
    svg = vl_convert.vegalite_to_svg(chart.to_json(), vl_version="v6_4")
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "2,5" in labels and "0,5" in labels  # axis ticks with a decimal comma
    assert "2,25" in labels  # bar label pre-formatted in Python
    assert "2018" in labels and "2.018" not in labels  # years are names, not numbers
    assert not any(re.fullmatch(r"[\d.,]+\s*[kMG]", label) for label in labels)


def test_svg_thousands_separator():
    frame = pl.DataFrame({"key": ["SGP"], "label": ["Singapura"], "value_usd": [4_200_000_000.0],
                          "share_pct": [100.0]})
    svg = vl_convert.vegalite_to_svg(charts.ranked_bars(frame).to_json(), vl_version="v6_4")
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "1.000" in labels and "4.200,00" in labels


@pytest.mark.parametrize(("values", "expected"), [
    ({"SGP": 5.0, "THA": 9.0, OTHER_KEY: 20.0}, ["Thailand", "Singapura", "Lainnya"]),
    ({"SGP": 5.0, "THA": 1.0}, ["Singapura", "Thailand"]),
])
def test_others_come_last(values, expected):
    labels = {"SGP": "Singapura", "THA": "Thailand", OTHER_KEY: "Lainnya"}
    frame = pl.DataFrame({"key": list(values), "label": [labels[k] for k in values],
                          "value_usd": [v * 1e6 for v in values.values()],
                          "share_pct": [v / sum(values.values()) * 100 for v in values.values()]})
    bars = charts.ranked_bars(frame).to_dict()
    assert bars["layer"][0]["encoding"]["y"]["sort"] == expected
    yearly = charts.stacked_years(frame.with_columns(year=pl.lit(2022)), "id", "Negara").to_dict()
    assert yearly["encoding"]["color"]["sort"] == expected


def test_heatmap_orders_years_and_ranks_rows():
    frame = pl.DataFrame({
        "row_key": ["a", "a", "b", "b"], "row_label": ["Surimi", "Surimi", "Sarung Batik", "Sarung Batik"],
        "col_key": [2022, 2019, 2022, 2019], "col_label": [2022, 2019, 2022, 2019],
        "value_usd": [1e6, 0.0, 4e6, 2e6],
    })
    spec = charts.heatmap(frame, "id", "Komoditi").to_dict()
    assert spec["layer"][0]["encoding"]["x"]["sort"] == ["2019", "2022"]
    assert spec["layer"][0]["encoding"]["y"]["sort"] == ["Sarung Batik", "Surimi"]


EMPTY = {
    "year_bars": lambda: charts.year_bars(against_targets(pl.DataFrame(schema={"year": pl.Int32,
                                                                           "value_usd": pl.Float64}), None)),
    "ranked_bars": lambda: charts.ranked_bars(pl.DataFrame(schema={"key": pl.String, "label": pl.String,
                                                                   "value_usd": pl.Float64, "share_pct": pl.Float64})),
    "stacked_years": lambda: charts.stacked_years(pl.DataFrame(schema={"year": pl.Int32, "key": pl.String,
                                                                       "label": pl.String, "value_usd": pl.Float64})),
    "world_map": lambda: charts.world_map(pl.DataFrame(schema={"key": pl.String, "label": pl.String,
                                                               "value_usd": pl.Float64})),
    "cumulative_bars": lambda: charts.cumulative_bars(0.0, 0.0, None, 2024, 1, "en"),
}


@pytest.mark.parametrize("kind", list(EMPTY))
def test_empty_frames_still_render(kind):
    assert images.to_png(EMPTY[kind](), scale=1)[:4] == b"\x89PNG"


# --- Every figure a chart carries is its aggregate's ------------------------------------------------------------

# Fields that place or name a mark rather than carry a figure.
DRAWING_FIELDS = {"rank", "iso_numeric", "month_short", "month_name", "kind", "period"}


@pytest.fixture(scope="module")
def sample():
    from pekalongan.ingest import load_sample

    return load_sample()


def rendered(row: dict[str, Any]) -> dict[str, Any]:
    """An aggregate's row -> every field a chart may carry for it, as the chart must show it."""
    from pekalongan.format import number_id, pct

    out = {name: (str(v) if name in ("key", "label", "year", "row_label", "col_label") else v)
           for name, v in row.items() if name not in ("share_pct", "achievement_pct", "row_key", "col_key")}
    for prefix, column in (("value", "value_usd"), ("target", "target_usd")):
        if column in row:
            value = row[column]
            out[f"{prefix}_m"] = None if value is None else value / 1e6
            out[f"{prefix}_text"] = "-" if value is None else f"{number_id(value, 0)} USD"
            out[f"{prefix}_label"] = number_id(None if value is None else value / 1e6, 2)
    if "share_pct" in row:
        out["share"] = pct(row["share_pct"])
    if "achievement_pct" in row:
        out["attainment"] = pct(row["achievement_pct"])
    return out


def chart_rows(chart: alt.TopLevelMixin) -> list[dict[str, Any]]:
    return [row for values in chart.to_dict()["datasets"].values() for row in values]


def sample_charts(sample) -> dict[str, tuple[alt.TopLevelMixin, pl.DataFrame, tuple[str, ...]]]:
    """Each chart as the pages build it from the sample -> (chart, the aggregate it came from, the row's identity)."""
    from pekalongan import aggregate

    records = sample.records
    cum = aggregate.cumulative(records, int(records["year"].max()))
    yearly, targets = aggregate.by_year(records), aggregate.targets_usd(sample.targets)
    built = {
        "year_bars": (aggregate.against_targets(yearly, targets), charts.year_bars, ("year",)),
        "top_exporters": (labelled(aggregate.ranking(records, "exporter", top=15, rest=False), "exporter"),
                          charts.ranked_bars, ("key",)),
        "top_commodities": (labelled(aggregate.ranking(records, "commodity", top=8), "commodity"), charts.ranked_bars,
                            ("key",)),
        "stacked_years": (labelled(aggregate.by_year_and(records, "commodity"), "commodity"), charts.stacked_years,
                          ("year", "key")),
        "heatmap": (labelled(labelled(aggregate.matrix(records, "commodity", "destination"), "commodity",
                                      prefix="row_"), "destination", prefix="col_"),
                    charts.heatmap, ("row_label", "col_label")),
        "world_map": (labelled(aggregate.ranking(records, "destination"), "destination"),
                      lambda f: charts.world_map(f, shapes_url=charts.WORLD_URL), ("key",)),
        "monthly_lines": (aggregate.monthly(records), charts.monthly_lines, ("year", "month")),
        "cumulative_bars": (
            pl.DataFrame({"kind": ["previous", "current"], "value_usd": [cum["previous"], cum["current"]]}),
            lambda f: charts.cumulative_bars(cum["current"], cum["previous"], cum["change_pct"], cum["year"],
                                             cum["through_month"]),
            ("kind",),
        ),
    }
    return {name: (build(frame), frame, identity) for name, (frame, build, identity) in built.items()}


@pytest.mark.parametrize("name", ["year_bars", "top_exporters", "top_commodities", "stacked_years", "heatmap",
                                  "world_map", "monthly_lines", "cumulative_bars"])
def test_every_figure_a_chart_carries_is_the_aggregates(sample, name):
    chart, frame, identity = sample_charts(sample)[name]
    expected = {tuple(str(r[c]) for c in identity): rendered(r) for r in frame.iter_rows(named=True)}
    rows = chart_rows(chart)
    assert rows
    for row in rows:
        want = expected[tuple(str(row[c]) for c in identity)]
        for field, value in row.items():
            if field in DRAWING_FIELDS:
                continue
            assert field in want, f"{name} carries {field!r}, which its aggregate does not give"
            if isinstance(value, float):
                assert value == pytest.approx(want[field], rel=1e-12), (name, field)
            else:
                assert value == want[field], (name, field, row)
    if name != "world_map":  # the map leaves out regions it cannot draw (test_unmapped_lists_regions)
        assert len(rows) == frame.height


def test_top_exporters_share_is_of_all_exports(sample):
    from pekalongan import aggregate
    from pekalongan.format import pct

    top = labelled(aggregate.ranking(sample.records, "exporter", top=15, rest=False), "exporter")
    rows = chart_rows(charts.ranked_bars(top))
    assert rows[0]["share"] == pct(top["share_pct"][0])
    assert sum(top["share_pct"]) < 100  # the fifteen bars are not all the exports


def test_cumulative_change_is_the_aggregates(sample):
    from pekalongan import aggregate
    from pekalongan.format import pct

    cum = aggregate.cumulative(sample.records, int(sample.records["year"].max()))
    spec = charts.cumulative_bars(cum["current"], cum["previous"], cum["change_pct"], cum["year"],
                                  cum["through_month"]).to_dict()
    assert spec["title"]["subtitle"].endswith(pct(cum["change_pct"], signed=True))


@pytest.mark.parametrize("kind", KINDS)
def test_the_page_spec_is_the_validated_one_made_smaller(raw, kind):
    chart = build(kind, raw)
    validated = chart.to_dict()  # raises on a spec Vega-Lite's schema refuses
    page = charts.spec(chart)
    number = {k: v for k, v in validated["config"]["locale"]["number"].items() if k != "currency"}
    assert page["config"]["locale"]["number"] == number  # no chart formats a currency ("$")
    # The same rows, with the columns the spec reads (test_the_page_spec_draws_the_same_picture: nothing else is drawn).
    tables = {name: rows for name, rows in page["datasets"].items() if hasattr(rows, "to_pylist")}
    assert tables.keys() == {name for name, rows in validated["datasets"].items() if isinstance(rows, list)}
    for name, table in tables.items():
        assert table.num_columns > 0
        assert table.to_pylist() == [{k: row[k] for k in table.column_names} for row in validated["datasets"][name]]
    assert len(json.dumps({k: v for k, v in page.items() if k != "datasets"})) < len(
        json.dumps({k: v for k, v in validated.items() if k != "datasets"}))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_one_config_per_language(raw, lang):
    specs = [build(kind, raw, lang).to_dict()["config"] for kind in KINDS]
    assert all(config == specs[0] for config in specs)
    assert specs[0]["axisQuantitative"] == {"domain": False, "ticks": False, "tickCount": 5}


def clips_in_order(svg: str) -> str:
    """An SVG with its clip-path and gradient ids numbered in order (the renderer's counters run on across
    drawings)."""
    ids: dict[str, str] = {}
    return re.sub(r"clip\d+|gradient_\d+", lambda m: ids.setdefault(m.group(0), f"id{len(ids)}"), svg)


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_the_page_spec_draws_the_same_picture(raw, kind, lang):
    chart = build(kind, raw, lang)
    page = charts.spec(chart)
    page["datasets"] = {name: rows.to_pylist() if hasattr(rows, "to_pylist") else rows
                        for name, rows in page["datasets"].items()}
    svg = vl_convert.vegalite_to_svg(json.dumps(page), vl_version=images.VL_VERSION)
    assert clips_in_order(svg) == clips_in_order(vl_convert.vegalite_to_svg(chart.to_json(),
                                                                             vl_version=images.VL_VERSION))
    assert "time" not in page["config"]["locale"] and "$schema" not in page


def test_a_chart_is_remembered_only_for_exactly_the_same_figures():
    frame = pl.DataFrame({"key": ["SGP", "THA"], "label": ["Singapura", "Thailand"], "value_usd": [5e6, 0.0],
                          "share_pct": [100.0, 0.0]})
    first = charts.ranked_bars(frame, "id", "Negara")
    assert charts.ranked_bars(frame.clone(), "id", "Negara") is first
    assert charts.spec(first) == charts.spec(first)
    for other in (frame.with_columns(value_usd=pl.Series([5e6 + 1e-6, 0.0])),
                  frame.with_columns(value_usd=pl.Series([5e6, -0.0]))):
        again = charts.ranked_bars(other, "id", "Negara")
        assert again is not first
        [rows] = [r for r in charts.spec(again)["datasets"].values()]
        assert [str(v) for v in rows.column("value_m").to_pylist()] == [str(v / 1e6) for v in other["value_usd"]]
    assert charts.ranked_bars(frame, "en", "Negara") is not first
    assert charts.ranked_bars(frame, "id", "Negara", selectable=False) is not first


def test_charts_compute_no_figure():
    # Shares, achievements and changes come from pekalongan.formulas through the aggregates; labels from
    # pekalongan.labels through the caller. A chart module that reaches for either is computing again.
    import ast

    tree = ast.parse(open(charts.__file__, encoding="utf-8").read())
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
    assert not imported & {"pekalongan.formulas", "pekalongan.aggregate"}
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    assert not names & {"change_pct", "share_pct", "ratio_pct", "achievement_pct", "share_expr", "label_expr"}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_time_locale_goes_only_with_a_time_axis(raw, lang):
    """The locale's month and day names (some 400 bytes) travel only with a chart that has a time scale: none of
    ours has one (the monthly chart's months are our own labels), a chart with dates keeps them."""
    from datetime import date

    from pekalongan import vegalite

    for kind in KINDS:
        page = charts.spec(build(kind, raw, lang))
        temporal = any(k == "type" and v == "temporal" for k, v in walk(page))
        assert not temporal and "time" not in page["config"]["locale"], kind
    dated = pl.DataFrame({"day": [date(2022, 5, 1), date(2022, 8, 1)], "value_m": [1.0, 2.0]})
    page = charts.spec(charts.finish(vegalite.Chart(dated).mark_line().encode(x="day:T", y="value_m:Q"), lang))
    assert page["config"]["locale"]["time"]["months"][4] == charts.MONTHS[lang][4]
    assert page["config"]["locale"]["number"]["decimal"] == charts.NUMBER_STYLE[lang][0]


def test_the_page_spec_sends_the_columns_it_reads_and_all_of_them_when_it_cannot_tell():
    from pekalongan import vegalite

    frame = pl.DataFrame({"a": [1.0], "b": [2.0], "note": ["x"]})
    chart = charts.finish(vegalite.Chart(frame).mark_bar().encode(x="a:Q", tooltip="note:N").transform_filter(
        "datum.b > 0"))
    [table] = charts.spec(chart)["datasets"].values()
    assert table.column_names == ["a", "b", "note"]
    [table] = charts.spec(charts.finish(vegalite.Chart(frame).mark_bar().encode(x="a:Q")))["datasets"].values()
    assert table.column_names == ["a"]
    folded = charts.finish(vegalite.Chart(frame).mark_bar().encode(x="value:Q")._transform({"fold": ["a", "b"]}))
    [table] = charts.spec(folded)["datasets"].values()
    assert table.column_names == ["a", "b", "note"]  # fields named where this does not look: every column stays
