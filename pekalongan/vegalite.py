"""Vega-Lite specs as plain dicts, written with the part of Altair's API that `pekalongan.charts` uses.

Why not Altair itself on the page: building a chart there costs 20-30 ms of Python per chart (every `encode`,
`layer` and `properties` makes and checks schema objects, and `to_dict` walks them again), which was three
quarters of a filter click's server time. The charts are our own code's, so the page needs none of that: these
classes only hold what they are given and write the same dict Altair would (same structure, same data values,
datasets named by a hash of their rows), in well under a millisecond.

What stays Altair's: the 5,000-row guard (Altair's MaxRowsError, raised by Altair's data transformer), the schema
check (`to_dict()` validates against Altair's Vega-Lite schema unless told not to, as Altair's does), and the PNG
path (`to_altair()` gives Altair's own chart for `pekalongan.images` to compose). Altair is imported only for
those: a page does not wait for its import.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from typing import TYPE_CHECKING, Any

import polars as pl

if TYPE_CHECKING:  # imported where it is used: a page never needs it (its import is ~0.4 s of a cold server's start)
    import altair as alt

SCHEMA_VERSION = "v6.4.1"  # the Vega-Lite of the Altair in requirements.txt (tests/test_vegalite.py checks it)
SCHEMA_URL = f"https://vega.github.io/schema/vega-lite/{SCHEMA_VERSION}.json"
MAX_ROWS = 5000  # Altair's default row guard: a chart is drawn from aggregates, never from rows
DEFAULT_VIEW = {"continuousWidth": 300, "continuousHeight": 300}
TYPES = {"Q": "quantitative", "N": "nominal", "O": "ordinal", "T": "temporal", "G": "geojson"}
_SHORTHAND = re.compile(r"^(?:(?P<aggregate>\w+)\()?(?P<field>[\w.]+)\)?:(?P<type>[QNOTG])$")


class _UndefinedType:
    """A property not set (as Altair's `Undefined`): left out of the spec."""

    def __repr__(self) -> str:
        return "Undefined"

    def __bool__(self) -> bool:
        return False


Undefined: Any = _UndefinedType()


def _plain(value: Any, context: dict[str, Any]) -> Any:
    """A property value -> JSON-ready: objects of this module written out, unset properties left out."""
    if isinstance(value, _Spec):
        return value._write(context)
    if isinstance(value, dict):
        return {k: _plain(v, context) for k, v in value.items() if v is not Undefined}
    if isinstance(value, list | tuple):
        return [_plain(v, context) for v in value]
    return value


class _Spec:
    """A bag of properties written as a dict (Axis, Scale, Legend, ...)."""

    def __init__(self, **properties: Any) -> None:
        self._properties = properties

    def _write(self, context: dict[str, Any]) -> dict[str, Any]:
        return _plain(self._properties, context)

    def to_dict(self, validate: bool = False) -> dict[str, Any]:
        return self._write({})


class Axis(_Spec):
    pass


class Scale(_Spec):
    pass


class Legend(_Spec):
    pass


class Locale(_Spec):
    pass


class Config(_Spec):
    pass


class DataFormat(_Spec):
    pass


class AutoSizeParams(_Spec):
    pass


class Title(_Spec):
    def __init__(self, text: Any = Undefined, **properties: Any) -> None:
        super().__init__(text=text, **properties)


class Data(_Spec):
    """Data by address or inline values left in place (a TopoJSON object is not a list of rows)."""


def _dataset(frame: pl.DataFrame, context: dict[str, Any]) -> dict[str, str]:
    """A frame -> {"name": ...}, its rows put into the spec's datasets under a name made from them (as Altair
    names them). Over MAX_ROWS rows, Altair's MaxRowsError, as Altair raises it; dates are written as Altair
    writes them (by Altair: no chart here has one)."""
    if frame.height > MAX_ROWS or any(dtype.is_temporal() for dtype in frame.dtypes):
        import altair as alt

        values = alt.data_transformers.get()(frame)["values"]
    else:
        values = frame.to_dicts()
    if context.get("inline"):
        return {"values": values}
    name = "empty" if values == [{}] else "data-" + hashlib.sha256(
        json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()[:32]
    context.setdefault("datasets", {})[name] = values
    return {"name": name}


class LookupData(_Spec):
    def __init__(self, data: pl.DataFrame, key: str, fields: list[str] | None = None) -> None:
        super().__init__(key=key, fields=fields if fields is not None else Undefined)
        self.data = data

    def _write(self, context: dict[str, Any]) -> dict[str, Any]:
        return {"data": _dataset(self.data, context), **super()._write(context)}


# ------------------------------------------------------------------------------------------------ expressions


def _js(value: Any) -> str:
    """A Python value -> the expression text Altair writes for it."""
    if isinstance(value, _Expr):
        return value.text
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    return repr(value)


class _Expr:
    """A Vega expression (`datum.key == "x"` -> "(datum.key === 'x')"), as Altair writes it."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text

    def _op(self, op: str, other: Any) -> _Expr:
        return _Expr(f"({self.text} {op} {_js(other)})")

    def __eq__(self, other: Any) -> _Expr:  # type: ignore[override]
        return self._op("===", other)

    def __ne__(self, other: Any) -> _Expr:  # type: ignore[override]
        return self._op("!==", other)

    def __gt__(self, other: Any) -> _Expr:
        return self._op(">", other)

    def __ge__(self, other: Any) -> _Expr:
        return self._op(">=", other)

    def __lt__(self, other: Any) -> _Expr:
        return self._op("<", other)

    def __le__(self, other: Any) -> _Expr:
        return self._op("<=", other)

    __hash__ = None  # type: ignore[assignment]


class _Datum:
    def __getattr__(self, name: str) -> _Expr:
        return _Expr(f"datum.{name}")


datum = _Datum()


def value(constant: Any) -> dict[str, Any]:
    return {"value": constant}


class Parameter(_Spec):
    """A selection parameter; `name` is what the page reads the picked keys under."""

    def __init__(self, name: str, select: dict[str, Any]) -> None:
        super().__init__(name=name, select=select)
        self.name = name


def selection_point(name: str, fields: list[str] | None = None, on: str = Undefined,
                    clear: str = Undefined) -> Parameter:
    return Parameter(name, {"type": "point", "fields": fields if fields is not None else Undefined, "on": on,
                            "clear": clear})


class _When:
    def __init__(self, predicate: Parameter | _Expr | str) -> None:
        if isinstance(predicate, Parameter):
            self.test = {"param": predicate.name}
        else:  # an expression, or a Vega expression written as a string ("width / 12 < 34")
            self.test = {"test": predicate if isinstance(predicate, str) else predicate.text}

    def then(self, statement: dict[str, Any]) -> _Then:
        return _Then({**self.test, **statement})


class _Then:
    def __init__(self, condition: dict[str, Any]) -> None:
        self.condition = condition

    def otherwise(self, statement: Any) -> dict[str, Any]:
        """Else a constant: {"condition": [c], "value": v}; else a field: the field with {"condition": c}."""
        if isinstance(statement, _Channel):
            return {"condition": self.condition, **statement._properties}
        return {"condition": [self.condition], **statement}


def when(predicate: Parameter | _Expr | str) -> _When:
    return _When(predicate)


# ------------------------------------------------------------------------------------------------ channels


def _shorthand(text: str) -> dict[str, Any]:
    """'sum(value_m):Q' -> {"aggregate": "sum", "field": "value_m", "type": "quantitative"} (the type must be
    written: nothing here looks at the data to guess it)."""
    match = _SHORTHAND.match(text)
    if match is None:
        raise ValueError(f"shorthand without a type or not understood: {text!r}")
    out = {"field": match["field"], "type": TYPES[match["type"]]}
    if match["aggregate"]:
        out = {"aggregate": match["aggregate"], **out}
    return out


class _Channel(_Spec):
    def __init__(self, shorthand: str = Undefined, **properties: Any) -> None:
        super().__init__(**(_shorthand(shorthand) if shorthand else {}), **properties)


class X(_Channel):
    pass


class Y(_Channel):
    pass


class Color(_Channel):
    pass


class Order(_Channel):
    pass


class Tooltip(_Channel):
    pass


def _encoding(channel: Any) -> Any:
    return _shorthand(channel) if isinstance(channel, str) else channel


# ------------------------------------------------------------------------------------------------ charts


class _TopLevel:
    config: Any = Undefined
    _keys: tuple[str, ...] = ()

    def __init__(self) -> None:
        self._properties: dict[str, Any] = {}

    def copy(self) -> Any:
        """A copy whose lists and dicts can be extended without touching this chart (the values are shared)."""
        other = copy.copy(self)
        other._properties = {k: (v.copy() if isinstance(v, dict | list) else v) for k, v in self._properties.items()}
        return other

    def properties(self, **properties: Any) -> Any:
        other = self.copy()
        other._properties.update(properties)
        return other

    def project(self, type: str = Undefined, **properties: Any) -> Any:  # noqa: A002 (Altair's name)
        return self.properties(projection={"type": type, **properties})

    def __getattr__(self, name: str) -> Any:  # chart.width, chart.title ... as in Altair
        if name.startswith("_"):
            raise AttributeError(name)
        return self._properties.get(name, Undefined)

    def _body(self, context: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def to_dict(self, validate: bool = True, *, _inline: bool = False) -> dict[str, Any]:
        """The whole spec; validated against Vega-Lite's schema (Altair's copy of it) unless `validate` is False."""
        context: dict[str, Any] = {"inline": _inline}
        body = self._body(context)
        out: dict[str, Any] = {"$schema": SCHEMA_URL}
        config = _plain(self.config, context) if self.config is not Undefined else {}
        # Altair's default theme, which Altair adds to every chart's config (the page spec leaves it out again).
        out["config"] = {**config, "view": {**DEFAULT_VIEW, **config.get("view", {})}}
        out.update(body)
        if context.get("datasets"):
            out["datasets"] = context["datasets"]
        if validate:
            import altair as alt

            alt.vegalite.v6.schema.core.Root.validate(out)
        return out

    def to_json(self, validate: bool = True, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(validate=validate), **kwargs)

    def to_altair(self) -> alt.TopLevelMixin:
        """The same chart as Altair's object (validated), for what composes charts (PNG downloads)."""
        import altair as alt

        spec = self.to_dict(validate=False, _inline=True)  # rows in place: Altair moves them up when it writes
        del spec["$schema"]  # a chart inside a concatenation may not carry it
        return (alt.LayerChart if "layer" in spec else alt.Chart).from_dict(spec)


class Chart(_TopLevel):
    """One mark over one data source; every method returns a new chart, as Altair's do."""

    def __init__(self, data: Any = Undefined, **properties: Any) -> None:
        super().__init__()
        self._properties = {"data": data, **properties}

    def _mark(self, mark_type: str, properties: dict[str, Any]) -> Chart:
        return self.properties(mark={"type": mark_type, **properties})

    def mark_bar(self, **properties: Any) -> Chart:
        return self._mark("bar", properties)

    def mark_text(self, **properties: Any) -> Chart:
        return self._mark("text", properties)

    def mark_tick(self, **properties: Any) -> Chart:
        return self._mark("tick", properties)

    def mark_rect(self, **properties: Any) -> Chart:
        return self._mark("rect", properties)

    def mark_line(self, **properties: Any) -> Chart:
        return self._mark("line", properties)

    def mark_geoshape(self, **properties: Any) -> Chart:
        return self._mark("geoshape", properties)

    def encode(self, **channels: Any) -> Chart:
        other = self.copy()
        other._properties["encoding"] = {**self._properties.get("encoding", {}),
                                         **{k: _encoding(v) for k, v in channels.items()}}
        return other

    def _transform(self, step: dict[str, Any]) -> Chart:
        other = self.copy()
        other._properties["transform"] = [*self._properties.get("transform", []), step]
        return other

    def transform_filter(self, expression: str | _Expr) -> Chart:
        return self._transform({"filter": str(expression)})

    def transform_calculate(self, **calculations: str) -> Chart:
        other = self
        for name, expression in calculations.items():
            other = other._transform({"calculate": str(expression), "as": name})
        return other

    def transform_lookup(self, lookup: str, from_: LookupData, **properties: Any) -> Chart:
        return self._transform({"lookup": lookup, "from": from_, **properties})

    def add_params(self, *params: Parameter) -> Chart:
        other = self.copy()
        other._properties["params"] = [*self._properties.get("params", []), *params]
        return other

    def _body(self, context: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for key, prop in self._properties.items():
            if prop is Undefined:
                continue
            out[key] = _data(prop, context) if key == "data" else _plain(prop, context)
        return out


def _data(data: Any, context: dict[str, Any]) -> Any:
    if isinstance(data, pl.DataFrame):
        return _dataset(data, context)
    return _plain(data, context)


class LayerChart(_TopLevel):
    """Layers drawn over each other. As Altair does: data every layer shares is said once, on the layer, and a
    layer's selection parameters move to the top, naming the layer they listen to."""

    def __init__(self, layers: list[Chart], **properties: Any) -> None:
        super().__init__()
        self._properties = {**properties}
        self.layers = list(layers)

    def _body(self, context: dict[str, Any]) -> dict[str, Any]:
        shared = self.layers[0]._properties.get("data", Undefined)
        if shared is Undefined or any(c._properties.get("data", Undefined) is not shared for c in self.layers):
            shared = Undefined
        layers, params = [], []
        for i, chart in enumerate(self.layers):
            body = chart._body(context) if shared is Undefined else Chart(**{
                k: v for k, v in chart._properties.items() if k != "data"})._body(context)
            if "params" in body:
                body["name"] = f"view_{i}"
                params += [{**p, "views": [body["name"]]} for p in body.pop("params")]
            layers.append(body)
        out: dict[str, Any] = {}
        if shared is not Undefined:
            out["data"] = _data(shared, context)
        out["layer"] = layers
        if params:
            out["params"] = params
        out.update(_plain({k: v for k, v in self._properties.items() if k != "layer"}, context))
        return out


def layer(*charts: Chart, **properties: Any) -> LayerChart:
    return LayerChart(list(charts), **properties)
