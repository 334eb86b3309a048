"""Altair charts of aggregated export frames, Indonesian first.

Every function takes a small aggregated polars frame (one row per year, per country, per month...), already
labelled (`pekalongan.labels`) and with its figures computed (`pekalongan.aggregate`, `pekalongan.formulas`), and
returns a finished chart: charts draw and format, they compute no figure. None sees raw rows, so the browser gets a few hundred rows at most and Altair's 5,000-row guard
stays on. Values arrive in USD and axes show millions ("juta USD"). No d3 SI format ("~s") anywhere: its "M" reads
as *miliar* to an Indonesian. Tooltip and label text is formatted here with `pekalongan.format`, so the browser
shows exactly our separators rather than whatever its own locale would choose.
"""

from __future__ import annotations

import functools
import json
import re
import struct
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa

from pekalongan import vegalite as alt  # Altair's API written as plain Vega-Lite dicts: see below
from pekalongan.format import MILLION, Kind, number_id, pct, table_cell
from pekalongan.i18n import t
from pekalongan.labels import OTHER_KEY, months_label
from pekalongan.names import iso_numeric_table

# `alt` is pekalongan/vegalite.py, not Altair: the same calls write the same spec as a plain dict, so a chart builds
# in about a millisecond instead of 20-30 ms (three quarters of a filter click's server time went there).
AnyChart = alt.Chart | alt.LayerChart

SELECTION = "pilih"  # the page reads `event.selection["pilih"]` after `st.altair_chart(..., on_select="rerun")`
# Served by Streamlit's static file serving (server.enableStaticServing) so the browser fetches the ~100 KB of
# shapes once from this server instead of receiving them inside every map spec; images embed them instead.
WORLD_FILE = Path(__file__).resolve().parent.parent / "static" / "world-110m.json"
WORLD_URL = "app/static/world-110m.json"

MONTHS = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
MONTHS_SHORT = {lang: tuple(t("table.month_abbr", lang).split()) for lang in MONTHS}  # as the tables write them

DAYS = {
    "id": ("Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"),
    "en": ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"),
}
# lang -> (decimal, thousands, currency) and (date and time, date, time) as d3 formats them.
NUMBER_STYLE = {"id": (",", ".", "Rp"), "en": (".", ",", "$")}
TIME_STYLE = {
    "id": ("%A, %e %B %Y pukul %H.%M.%S", "%d/%m/%Y", "%H.%M.%S"),
    "en": ("%x, %X", "%-m/%-d/%Y", "%-I:%M:%S %p"),
}


def _locale(lang: str) -> alt.Locale:
    """'id' -> the d3 number and time locale every chart in that language speaks."""
    (decimal, thousands, currency), (date_time, date, time) = NUMBER_STYLE[lang], TIME_STYLE[lang]
    return alt.Locale(
        number={"decimal": decimal, "thousands": thousands, "grouping": [3], "currency": [currency, ""]},
        time={"dateTime": date_time, "date": date, "time": time, "periods": ["AM", "PM"],
              "days": list(DAYS[lang]), "shortDays": [day[:3] for day in DAYS[lang]],
              "months": list(MONTHS[lang]), "shortMonths": list(MONTHS_SHORT[lang])},
    )


LOCALES = {lang: _locale(lang) for lang in MONTHS}

# Streamlit's own typeface first; vl-convert (PNG downloads) falls back to Liberation Sans / Arial.
FONT = '"Source Sans Pro", "Source Sans 3", "Liberation Sans", Arial, sans-serif'
INK, MUTED, GRID = "#262730", "#5c5f6b", "#e8e8ec"
PRIMARY, ACCENT, NO_DATA, OTHERS = "#1f5f8b", "#d9622b", "#e4e4e4", "#a9adb5"
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f"]  # tableau10
SEQUENTIAL = ["#dceaf4", "#8fbcd9", "#3f84b5", "#1f5f8b", "#0d3553"]
WIDTH = 640


def _config(lang: str) -> dict[str, Any]:
    """'id' -> the whole house theme and locale of a chart in that language, as one Vega-Lite config."""
    axis_text = {"labelColor": MUTED, "titleColor": MUTED, "labelFontSize": 12, "titleFontSize": 12,
                 "titleFontWeight": "normal"}
    return {
        "locale": LOCALES[lang].to_dict(validate=False), "font": FONT, "background": "white", "padding": 8,
        "view": {"stroke": None},
        "title": {"anchor": "start", "fontSize": 16, "fontWeight": 600, "color": INK, "subtitleColor": MUTED,
                  "subtitleFontSize": 13, "offset": 12},
        "axis": {**axis_text, "gridColor": GRID, "domainColor": "#c8c8ce", "tickColor": "#c8c8ce"},
        "axisQuantitative": {"domain": False, "ticks": False, "tickCount": 5},
        "axisBand": {"ticks": False, "labelPadding": 6},
        "legend": {**axis_text, "orient": "top", "symbolType": "square", "symbolOpacity": 1},
        "text": {"color": INK, "fontSize": 11},
    }


# Built once: Altair's eight `configure_*` calls each deep-copied the whole chart (half of a chart's build time).
CONFIGS = {lang: alt.Config(**_config(lang)) for lang in MONTHS}  # validated with each chart, not at import


def finish(chart: AnyChart, lang: str = "id") -> AnyChart:
    """A chart just built here -> the same chart speaking `lang` (number and month locale) in the house theme.
    It is given the config in place, not copied: every caller passes a chart it has just made."""
    chart.config = CONFIGS[lang]
    return chart


# --- Remembered charts -------------------------------------------------------------------------------------------
# Every visitor of the sample, and every page switch back, asks for the same charts from the same aggregates. A chart
# is remembered by exactly what it is drawn from (a frame by its Arrow bytes, so 0.0 and -0.0, or two NaNs, are never
# taken for each other), and so is its page spec; a different figure anywhere is a different key.
_KEEP = 256
_LOCK = threading.Lock()
_BUILT: OrderedDict[Hashable, AnyChart] = OrderedDict()
_SPECS: dict[int, dict[str, Any]] = {}  # id of a chart held in _BUILT (so the id is not reused) -> its page spec


def _frozen(value: Any) -> Hashable:
    """A chart function's argument -> a hashable key that is equal only for the same figures."""
    if isinstance(value, pl.DataFrame):
        return ("frame", value.write_ipc(None).getvalue())
    if isinstance(value, dict):
        return ("dict", tuple((k, struct.pack("<d", v) if isinstance(v, float) else v) for k, v in value.items()))
    if isinstance(value, float):
        return ("float", struct.pack("<d", value))
    hash(value)
    return value


def _remembered(build: Callable[..., AnyChart]) -> Callable[..., AnyChart]:
    """A chart function -> the same function, answering from memory for arguments it has just seen."""

    @functools.wraps(build)
    def remembered(*args: Any, **kwargs: Any) -> AnyChart:
        try:
            key = (build.__name__, tuple(_frozen(a) for a in args),
                   tuple((k, _frozen(v)) for k, v in sorted(kwargs.items())))
        except TypeError:  # an argument we cannot key exactly: build it afresh
            return build(*args, **kwargs)
        with _LOCK:
            if key in _BUILT:
                _BUILT.move_to_end(key)
                return _BUILT[key]
        chart = build(*args, **kwargs)
        with _LOCK:
            _BUILT[key] = chart
            while len(_BUILT) > _KEEP:
                _, old = _BUILT.popitem(last=False)
                _SPECS.pop(id(old), None)
        return chart

    return remembered


def spec(chart: AnyChart) -> dict[str, Any]:
    """A chart built here -> its Vega-Lite spec for the page, drawn exactly as the chart is, smaller and quicker:

    - not validated by Altair's jsonschema (two thirds of the conversion's time; the specs are our own code's, and
      tests/test_charts.py validates every kind and checks that this one draws the same SVG);
    - without what the page does not use: the time half of the locale without a time scale (none of ours has
      one), the currency without a "$" format, the legend style without a legend, the `$schema` address, the
      default theme's sizes (Streamlit turns that theme off), and the dataset columns no mark, tooltip or
      selection reads (each sent again on every rerun);
    - an encoding every layer repeats is said once, on the layer (Vega-Lite's inheritance);
    - the data as Arrow tables with plain string columns (Streamlit sends datasets as Arrow whatever we give it;
      from a list of rows it would go through pandas and carry its metadata, half as big again).

    Data goes through Altair's data transformers as usual, so the 5,000-row guard still holds. The spec of a
    remembered chart (`_remembered`) is made once."""
    with _LOCK:
        known = any(built is chart for built in _BUILT.values())
        if known and id(chart) in _SPECS:
            return dict(_SPECS[id(chart)])  # Streamlit takes the datasets out of the dict it is given
    out = _page_spec(chart)
    with _LOCK:
        if known and any(built is chart for built in _BUILT.values()):
            _SPECS[id(chart)] = out
    return dict(out)


def _page_spec(chart: AnyChart) -> dict[str, Any]:
    out = chart.to_dict(validate=False)
    out.pop("$schema", None)
    config = out.get("config", {})
    body = {k: v for k, v in out.items() if k not in ("config", "datasets")}
    _drop_unused_config(config, body)
    view = config.get("view", {})
    for size in ("continuousWidth", "continuousHeight"):
        view.pop(size, None)
    _hoist_shared_encoding(out)
    used = _fields({k: v for k, v in out.items() if k not in ("config", "datasets")})
    out["datasets"] = {name: _arrow(rows, used) for name, rows in out.get("datasets", {}).items()}
    return out


# Channels that draw a legend when they encode a field (Vega-Lite makes one unless told `legend: null`).
LEGEND_CHANNELS = frozenset({"color", "fill", "stroke", "opacity", "fillOpacity", "strokeOpacity", "shape", "size",
                             "strokeWidth", "strokeDash", "angle"})


def _drop_unused_config(config: dict[str, Any], body: dict[str, Any]) -> None:
    """The config without what this spec never draws, sent with every chart on every rerun: the time half of the
    locale without a time scale (month names come from our own labels), the currency without a "$" format, the
    legend style without a legend."""
    locale = config.get("locale", {})
    if not any(k == "type" and v == "temporal" or k == "timeUnit" for k, v in walk_spec(body)):
        locale.pop("time", None)
    if not any(k == "format" and isinstance(v, str) and "$" in v for k, v in walk_spec(body)):
        locale.get("number", {}).pop("currency", None)
    if not _draws_legend(body):
        config.pop("legend", None)


def walk_spec(node: Any, key: str | None = None) -> Any:
    """Every (key, value) pair anywhere in a nested spec."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield k, v
            yield from walk_spec(v, k)
    elif isinstance(node, list):
        for item in node:
            yield from walk_spec(item, key)


def _draws_legend(body: dict[str, Any]) -> bool:
    """True when some channel that makes a legend encodes a field (itself or in its condition) without
    `legend: null`."""
    for key, encoding in walk_spec(body):
        if key != "encoding" or not isinstance(encoding, dict):
            continue
        for channel, definition in encoding.items():
            if channel not in LEGEND_CHANNELS or not isinstance(definition, dict):
                continue
            condition = definition.get("condition")
            conditions = condition if isinstance(condition, list) else [condition]
            fielded = "field" in definition or any(isinstance(c, dict) and "field" in c for c in conditions)
            if fielded and definition.get("legend", {}) is not None:
                return True
    return False


_DATUM = re.compile(r"datum\.([A-Za-z_]\w*)|datum\[['\"]([^'\"]+)['\"]\]")


# The transforms whose fields `_fields` knows how to read; a spec with any other keeps every column.
KNOWN_TRANSFORMS = frozenset({"filter", "calculate", "lookup"})


def _fields(body: dict[str, Any]) -> frozenset[str] | None:
    """Every data field the spec reads: encodings' and selections' fields, lookups' keys, fields named in
    expressions (`datum.value_m`). A dataset's other columns are never drawn. None (keep them all) for a spec
    with a transform this does not read (fold, pivot, window...)."""
    for key, transforms in walk_spec(body):
        if key == "transform" and any(set(step) - {"as", "from", "default"} - KNOWN_TRANSFORMS
                                      for step in transforms if isinstance(step, dict)):
            return None
    used: set[str] = set()
    for key, value in walk_spec(body):
        if key == "field" and isinstance(value, str):
            used.add(value.split(".")[0].split("[")[0])
        elif key in ("fields", "groupby") and isinstance(value, list):
            used.update(v for v in value if isinstance(v, str))
        elif key == "key" and isinstance(value, str):  # a lookup's key, in the looked-up data
            used.add(value)
        elif key == "lookup" and isinstance(value, str):
            used.add(value)
        elif isinstance(value, str) and "datum" in value:
            used.update(a or b for a, b in _DATUM.findall(value))
    return frozenset(used)


def _hoist_shared_encoding(layered: dict[str, Any]) -> None:
    """{"layer": [{"encoding": {"x": X, ...}}, {"encoding": {"x": X, ...}}]} -> {"encoding": {"x": X}, "layer": ...}
    without the repeated channel in each layer: a layer's children inherit the layer's encoding."""
    layers = layered.get("layer")
    if not layers or "encoding" in layered or any("layer" in child for child in layers):
        return
    first = layers[0].get("encoding", {})
    shared = {ch: enc for ch, enc in first.items() if all(child.get("encoding", {}).get(ch) == enc for child in layers)}
    if not shared:
        return
    layered["encoding"] = shared
    for child in layers:
        child["encoding"] = {ch: enc for ch, enc in child["encoding"].items() if ch not in shared}
        if not child["encoding"]:
            del child["encoding"]


def _arrow(rows: Any, used: frozenset[str] | None) -> Any:
    """A dataset's rows -> an Arrow table with plain (not large) strings and only the columns the spec reads (the
    rest would travel on every rerun for nothing); a TopoJSON object stays as it is."""
    if not isinstance(rows, list):
        return rows
    table = pa.Table.from_pylist(rows)
    return table if used is None else table.select([name for name in table.column_names if name in used])


def _with_values(frame: pl.DataFrame, lang: str, column: str = "value_usd", prefix: str = "value") -> pl.DataFrame:
    """value_usd 25437000.0 -> value_m 25.437, value_text '25.437.000 USD', value_label '25,44'"""
    values = frame[column].to_list()
    return frame.with_columns(
        (pl.col(column) / MILLION).alias(f"{prefix}_m"),
        pl.Series(f"{prefix}_text", [_full_usd(value, lang) for value in values], dtype=pl.String),
        pl.Series(f"{prefix}_label", [table_cell(value, Kind.MONEY, lang) for value in values], dtype=pl.String),
    )


def _full_usd(value: float | None, lang: str) -> str:
    """25437000.0 -> '25.437.000 USD'; None -> '-'"""
    text = number_id(value, 0, lang)
    return text if text == "-" else f"{text} USD"


def _value_axis(lang: str, **kwargs: Any) -> alt.Axis:
    """The quantitative axis every chart shares: millions of USD, our locale, never an SI suffix."""
    return alt.Axis(title=t("chart.value_axis", lang), format=",.4~f", **kwargs)


def _selection() -> alt.Parameter:
    """Click (shift-click for more) picks keys; double-click clears. The page filters on the picked keys."""
    return alt.selection_point(name=SELECTION, fields=["key"], on="click", clear="dblclick")


@_remembered
def year_bars(frame: pl.DataFrame, lang: str = "id") -> AnyChart:
    """year | value_usd | target_usd | achievement_pct (`aggregate.against_targets`) -> bars per year with the year's
    target as a tick labelled Target, and the frame's achievement in the tooltip."""
    realised, target = t("chart.realisation", lang), t("chart.target", lang)
    data = _with_values(frame.select("year", "value_usd", "target_usd", "achievement_pct"), lang)
    data = _with_values(data, lang, column="target_usd", prefix="target")
    data = data.with_columns(
        pl.col("year").cast(pl.String),
        pl.Series("attainment", [pct(v, lang) for v in data["achievement_pct"]], dtype=pl.String),
    ).drop("achievement_pct")
    legend = alt.Scale(domain=[realised, target], range=[PRIMARY, ACCENT])
    tooltip = [
        alt.Tooltip("year:N", title=t("chart.year", lang)),
        alt.Tooltip("value_text:N", title=realised),
        alt.Tooltip("target_text:N", title=target),
        alt.Tooltip("attainment:N", title=t("chart.attainment", lang)),
    ]
    base = alt.Chart(data).encode(x=alt.X("year:N", title=None, axis=alt.Axis(labelAngle=0)), tooltip=tooltip)
    bars = base.mark_bar(cornerRadiusTopLeft=2, cornerRadiusTopRight=2, size=36).encode(
        y=alt.Y("value_m:Q", axis=_value_axis(lang)),
        color=alt.Color("series:N", scale=legend, title=None),
    ).transform_calculate(series=json.dumps(realised)).transform_filter("isValid(datum.value_m)")
    labels = base.mark_text(dy=-8, baseline="bottom").encode(y="value_m:Q", text="value_label:N").transform_filter(
        "isValid(datum.value_m)"
    )
    ticks = base.mark_tick(thickness=3, size=52, opacity=1).encode(
        y="target_m:Q", color=alt.Color("series:N", scale=legend, title=None)
    ).transform_calculate(series=json.dumps(target)).transform_filter("isValid(datum.target_m)")
    chart = alt.layer(bars, ticks, labels).properties(title=t("chart.year_bars.title", lang), width=WIDTH, height=320)
    return finish(chart, lang)


@_remembered
def ranked_bars(
    frame: pl.DataFrame, lang: str = "id", title: str = "", selectable: bool = True, item_title: str | None = None
) -> AnyChart:
    """key | label | value_usd | share_pct (`aggregate.ranking`, labelled) -> horizontal bars, largest first; clicking picks keys
    into the 'pilih' selection. The tooltip's share is the frame's: of all exports, not of the bars drawn."""
    data = _with_values(frame.select("key", "label", "value_usd", "share_pct"), lang)
    data = data.sort(pl.col("key") == OTHER_KEY, pl.col("value_usd"), descending=[False, True])
    data = data.with_columns(
        pl.Series("share", [pct(value, lang) for value in data["share_pct"]], dtype=pl.String)
    ).drop("share_pct")
    order = data["label"].to_list()
    tooltip = [
        alt.Tooltip("label:N", title=item_title or t("chart.name", lang)),
        alt.Tooltip("value_text:N", title=t("chart.value", lang)),
        alt.Tooltip("share:N", title=t("chart.share", lang)),
    ]
    base = alt.Chart(data).encode(
        y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=220)),
        x=alt.X("value_m:Q", axis=_value_axis(lang, orient="top"), scale=alt.Scale(nice=True)),
        tooltip=tooltip,
    )
    bars = base.mark_bar(cornerRadiusTopRight=2, cornerRadiusBottomRight=2).encode(
        color=alt.when(alt.datum.key == OTHER_KEY).then(alt.value(OTHERS)).otherwise(alt.value(PRIMARY))
    )
    if selectable:
        pick = _selection()
        bars = bars.add_params(pick).encode(opacity=alt.when(pick).then(alt.value(1.0)).otherwise(alt.value(0.35)))
    labels = base.mark_text(align="left", dx=4).encode(text="value_label:N")
    height = max(80, 24 * data.height)
    # The height is the bars' own: under Streamlit's default "fit" the title and the top axis come out of it, and
    # one bar (80 px less about 80 px of them) was drawn no thicker than a hairline.
    return finish(alt.layer(bars, labels).properties(title=title, width=WIDTH - 160, height=height,
                                                     autosize=alt.AutoSizeParams(type="fit-x", contains="padding")),
                  lang)


def _ranking(frame: pl.DataFrame) -> list[str]:
    """key | label | value_usd rows -> labels by total, largest first, "Lainnya" (the rest) always last."""
    totals = frame.group_by("label").agg(pl.col("value_usd").sum(), (pl.col("key") == OTHER_KEY).any().alias("rest"))
    return totals.sort("rest", "value_usd", descending=[False, True])["label"].to_list()


@_remembered
def stacked_years(frame: pl.DataFrame, lang: str = "id", title: str = "", item_title: str | None = None) -> AnyChart:
    """year | key | label | value_usd -> one stacked bar per year, the largest label at the bottom."""
    ranking = _ranking(frame)
    rest = set(frame.filter(pl.col("key") == OTHER_KEY)["label"].to_list())
    colors = [OTHERS if label in rest else PALETTE[i % len(PALETTE)] for i, label in enumerate(ranking)]
    data = _with_values(frame.select("year", "key", "label", "value_usd"), lang).with_columns(
        pl.col("year").cast(pl.String),
        pl.col("label").replace_strict(ranking, list(range(len(ranking))), return_dtype=pl.Int64).alias("rank"),
    )
    chart = alt.Chart(data).mark_bar(size=36).encode(
        x=alt.X("year:N", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("sum(value_m):Q", axis=_value_axis(lang)),
        # An empty legend without a title has no size at all, which vl-convert's renderer rejects.
        # Three columns: a legend of eight names in one row is cut off on a phone.
        color=alt.Color("label:N", sort=ranking, title=None, scale=alt.Scale(domain=ranking, range=colors),
                        legend=alt.Legend(columns=3, labelLimit=150))
        if ranking else alt.Color("label:N", legend=None),
        order=alt.Order("rank:Q", sort="ascending"),
        tooltip=[
            alt.Tooltip("year:N", title=t("chart.year", lang)),
            alt.Tooltip("label:N", title=item_title or t("chart.name", lang)),
            alt.Tooltip("value_text:N", title=t("chart.value", lang)),
        ],
    )
    return finish(chart.properties(title=title, width=WIDTH, height=340), lang)


@_remembered
def heatmap(
    frame: pl.DataFrame, lang: str = "id", title: str = "", row_title: str | None = None, col_title: str | None = None
) -> AnyChart:
    """row_key | row_label | col_key | col_label | value_usd -> a shaded grid; years in order, others largest first."""
    data = _with_values(frame.select("row_key", "row_label", "col_key", "col_label", "value_usd"), lang)
    years = data.schema["col_key"].is_integer()
    data = data.with_columns(pl.col("col_label").cast(pl.String))
    rows = _ranking(data.rename({"row_key": "key", "row_label": "label"}))
    if years:
        cols = data.sort("col_key").get_column("col_label").unique(maintain_order=True).to_list()
    else:
        cols = _ranking(data.rename({"col_key": "key", "col_label": "label"}))
    # Only what the marks use travels to the browser.
    data = data.select("row_label", "col_label", "value_m", "value_text", "value_label")
    row_title = row_title or t("chart.name", lang)
    col_title = col_title or t("chart.year" if years else "chart.column", lang)
    peak = data["value_m"].max() or 0.0
    base = alt.Chart(data).encode(
        x=alt.X("col_label:N", sort=cols or alt.Undefined, title=None,
                axis=alt.Axis(orient="top", labelAngle=0) if years else alt.Axis(orient="top", labelAngle=-40,
                                                                                 labelAlign="left", labelLimit=140)),
        y=alt.Y("row_label:N", sort=rows or alt.Undefined, title=None, axis=alt.Axis(labelLimit=220)),
        tooltip=[
            alt.Tooltip("row_label:N", title=row_title),
            alt.Tooltip("col_label:N", title=col_title),
            alt.Tooltip("value_text:N", title=t("chart.value", lang)),
        ],
    )
    shade = alt.Color("value_m:Q", scale=alt.Scale(range=SEQUENTIAL, domainMin=0),
                      legend=alt.Legend(title=t("chart.unit", lang), format=",.4~f", gradientLength=200))
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.when(alt.datum.value_m == 0).then(alt.value("#f4f5f7")).otherwise(shade),
    )
    text = base.mark_text(fontSize=11).encode(
        text="value_label:N",
        color=alt.when(alt.datum.value_m > peak * 0.55).then(alt.value("white")).otherwise(alt.value(INK)),
        # A phone squeezes the grid to its width: figures in cells narrower than a figure would overlap, so they
        # are left to the tooltip and the shade there (`width` is the drawn plot's width, known only in the page).
        opacity=alt.when(f"width / {max(1, len(cols))} < 34").then(alt.value(0)).otherwise(alt.value(1)),
    ).transform_filter("datum.value_m != 0")  # a grid of "0,00" hides the cells that matter
    width = max(240, 64 * len(cols))
    return finish(alt.layer(cells, text).properties(title=title, width=width, height=max(80, 28 * len(rows))), lang)


@functools.cache
def _world() -> dict[str, Any]:
    """static/world-110m.json: world-atlas 110m country shapes, plus points for the small countries it leaves out."""
    return json.loads(WORLD_FILE.read_text(encoding="utf-8"))


@functools.cache
def _drawable() -> frozenset[str]:
    """ISO numeric codes that have a shape or a point in the bundled world file."""
    return frozenset(g["id"] for g in _world()["objects"]["countries"]["geometries"] if "id" in g)


def map_values(frame: pl.DataFrame, lang: str = "id") -> pl.DataFrame:
    """key (alpha-3) | label | value_usd -> the rows the map can draw, with iso_numeric, value_m and text."""
    codes = iso_numeric_table().rename({"destination": "key"})
    data = frame.select("key", "label", "value_usd").join(codes, on="key", how="inner")
    return _with_values(data.filter(pl.col("iso_numeric").is_in(list(_drawable()))), lang)


def unmapped(frame: pl.DataFrame) -> pl.DataFrame:
    """key | label | value_usd -> the rows the map cannot draw: regions ('Eropa'), unknown names, missing shapes."""
    codes = iso_numeric_table().rename({"destination": "key"})
    data = frame.join(codes, on="key", how="left")
    return data.filter(~pl.col("iso_numeric").is_in(list(_drawable())).fill_null(False)).drop("iso_numeric")


@_remembered
def world_map(
    frame: pl.DataFrame, lang: str = "id", title: str = "", selectable: bool = True, shapes_url: str | None = None
) -> AnyChart:
    """key (alpha-3) | label | value_usd -> choropleth; countries without data grey, small ones drawn as dots.

    With `shapes_url` the browser loads the country shapes from that address (the app's own static files);
    without it they are embedded, as an image renderer with no server needs."""
    values = map_values(frame, lang)
    topojson = alt.DataFormat(type="topojson", feature="countries")
    shapes = alt.Data(url=shapes_url, format=topojson) if shapes_url else alt.Data(values=_world(), format=topojson)
    ground = alt.Chart(shapes).mark_geoshape(fill=NO_DATA, stroke="white", strokeWidth=0.5).transform_filter(
        "datum.geometry.type !== 'Point'"
    )
    filled = (
        alt.Chart(shapes)
        .mark_geoshape(stroke="white", strokeWidth=0.5)
        .transform_lookup(
            lookup="id",
            from_=alt.LookupData(values, key="iso_numeric", fields=["key", "label", "value_m", "value_text"]),
        )
        .transform_filter("isValid(datum.value_m)")
        .encode(
            color=alt.Color("value_m:Q", scale=alt.Scale(range=SEQUENTIAL, domainMin=0),
                            legend=alt.Legend(title=t("chart.unit", lang), format=",.4~f", gradientLength=220)),
            tooltip=[
                alt.Tooltip("label:N", title=t("chart.country", lang)),
                alt.Tooltip("value_text:N", title=t("chart.value", lang)),
            ],
        )
    )
    if selectable:
        pick = _selection()
        filled = filled.add_params(pick).encode(
            opacity=alt.when(pick).then(alt.value(1.0)).otherwise(alt.value(0.35))
        )
    chart = alt.layer(ground, filled).project(type="equalEarth").properties(title=title, width=WIDTH, height=330)
    return finish(chart, lang)


@_remembered
def monthly_lines(frame: pl.DataFrame, lang: str = "id") -> AnyChart:
    """year | month | value_usd -> one line per year across Jan..Des."""
    short, full = MONTHS_SHORT[lang], MONTHS[lang]
    data = _with_values(frame.select("year", "month", "value_usd").sort("year", "month"), lang).with_columns(
        pl.col("year").cast(pl.String),
        pl.col("month").replace_strict(range(1, 13), short, return_dtype=pl.String).alias("month_short"),
        pl.col("month").replace_strict(range(1, 13), full, return_dtype=pl.String).alias("month_name"),
    )
    years = data["year"].unique(maintain_order=True).to_list()
    chart = alt.Chart(data).mark_line(point=True, strokeWidth=2).encode(
        x=alt.X("month_short:O", sort=list(short), title=None, scale=alt.Scale(domain=list(short)),
                axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value_m:Q", axis=_value_axis(lang)),
        color=alt.Color("year:N", sort=years, title=t("chart.year", lang), scale=alt.Scale(range=PALETTE)),
        tooltip=[
            alt.Tooltip("month_name:N", title=t("chart.month", lang)),
            alt.Tooltip("year:N", title=t("chart.year", lang)),
            alt.Tooltip("value_text:N", title=t("chart.value", lang)),
        ],
    )
    return finish(chart.properties(title=t("chart.monthly.title", lang), width=WIDTH, height=320), lang)


@_remembered
def cumulative_bars(
    current: float, previous: float, change: float | None, year: int, through_month: int, lang: str = "id"
) -> AnyChart:
    """(Jan–m this year, Jan–m last year, their Perub from `aggregate.cumulative`) -> two bars, with the change in
    the subtitle."""
    months = months_label(through_month, lang)
    data = _with_values(
        pl.DataFrame(
            {"period": [f"{months} {year - 1}", f"{months} {year}"], "value_usd": [previous, current],
             "kind": ["previous", "current"]},
            schema={"period": pl.String, "value_usd": pl.Float64, "kind": pl.String},
        ),
        lang,
    )
    base = alt.Chart(data).encode(
        y=alt.Y("period:N", sort=data["period"].to_list(), title=None),
        x=alt.X("value_m:Q", axis=_value_axis(lang, orient="top"), scale=alt.Scale(nice=True)),
        tooltip=[
            alt.Tooltip("period:N", title=t("chart.period", lang)),
            alt.Tooltip("value_text:N", title=t("chart.value", lang)),
        ],
    )
    bars = base.mark_bar(size=30, cornerRadiusTopRight=2, cornerRadiusBottomRight=2).encode(
        color=alt.Color("kind:N", scale=alt.Scale(domain=["previous", "current"], range=["#9fb9cc", PRIMARY]),
                        legend=None),
    )
    labels = base.mark_text(align="left", dx=4).encode(text="value_label:N")
    title = alt.Title(
        t("chart.cumulative.title", lang, months=months),
        subtitle=t("chart.cumulative.change", lang, change=pct(change, lang, signed=True)),
    )
    return finish(alt.layer(bars, labels).properties(title=title, width=WIDTH - 160, height=100), lang)

