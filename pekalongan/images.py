"""Chart images an official can paste into a slide or a letter: the chart the app shows, with its title, the filter
sentence and the data source written into the picture, so the image still says what it is once forwarded.

Rendered offline by vl-convert: no URL may be fetched (the world map carries its shapes inline).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

import vl_convert

from pekalongan.charts import MUTED, AnyChart
from pekalongan.i18n import t
from pekalongan.vegalite import SCHEMA_VERSION

if TYPE_CHECKING:  # Altair is imported when an image is made, not with the page (~0.4 s of a cold server's start)
    import altair as alt

SOURCE_FONT_SIZE: Final = 11
LINE_HEIGHT: Final = 15
SLIDE_WIDTH: Final = 800  # plot width in CSS pixels: with axes and padding, at scale 2, at least 1,600 px wide
# Average glyph widths as Vega measures them (0.6 em, a little wider than drawn): lines wrapped to these never
# stretch the image past the chart, which would leave a blank strip on the right of the slide.
_CHAR_PX: Final = {"title": 16 * 0.62, "subtitle": 13 * 0.6, "source": SOURCE_FONT_SIZE * 0.6}
MAX_FILES_NAMED: Final = 3


def source_line(files: Sequence[str], lang: str = "id") -> str:
    """['a.xlsx', 'b.csv'] -> 'Sumber: a.xlsx, b.csv, diolah Dasbor Ekspor Kota Pekalongan'; five files -> the
    first three 'dan 2 berkas lainnya'."""
    named = ", ".join(files[:MAX_FILES_NAMED])
    if len(files) > MAX_FILES_NAMED:
        named = t("export.source.more", lang, files=named, n=len(files) - MAX_FILES_NAMED)
    return t("export.source", lang, files=named or "-")


def _lines(text: str, width_px: float, kind: str) -> list[str]:
    """A long sentence -> lines that fit `width_px` (Vega does not wrap titles); '' -> []."""
    if not text:
        return []
    return textwrap.wrap(text, width=max(20, int(width_px / _CHAR_PX[kind])), break_long_words=True) or [text]


def _plot_width(chart: Any) -> float | None:
    width = getattr(chart, "width", None)
    return float(width) if isinstance(width, int | float) else None


def compose(
    chart: AnyChart,
    title: str,
    subtitle: str = "",
    source: str = "",
    width: int | None = SLIDE_WIDTH,
    height: int | None = None,
) -> alt.TopLevelMixin:
    """A finished chart (configured, as `pekalongan.charts` returns it) -> the same chart under `title` and the
    filter sentence, with the source line underneath; an empty text is left out. `width` and `height` set the plot
    size (None keeps the chart's own).

    A configured chart cannot go inside a concatenation, so its config is lifted off, and put back on the whole.
    """
    import altair as alt

    body = chart.to_altair()  # a fresh Altair chart: ours are plain Vega-Lite (pekalongan/vegalite.py)
    config, body.config = body.config, alt.Undefined
    # How the page sizes it (ranked bars ask for "fit-x") is a top-level setting, refused inside a concatenation;
    # the image has its own sizes.
    if getattr(body, "autosize", alt.Undefined) is not alt.Undefined:
        body.autosize = alt.Undefined
    body.title = alt.Undefined  # ours replaces it
    if width is not None and hasattr(body, "width"):
        body.width = width
    if height is not None and hasattr(body, "height"):
        body.height = height
    plot = width or _plot_width(body) or 640
    heading: Any = alt.Undefined
    if title or subtitle:
        heading = alt.TitleParams(
            text=_lines(title, plot + 40, "title") or [""],
            subtitle=_lines(subtitle, plot + 40, "subtitle") or alt.Undefined,
        )
    lines = _lines(source, plot + 40, "source")
    if not lines:
        whole = alt.vconcat(body, title=heading, spacing=0)
    else:
        footer = (
            alt.Chart(alt.Data(values=[{}]))
            .mark_text(text=lines, align="left", baseline="top", fontSize=SOURCE_FONT_SIZE, lineHeight=LINE_HEIGHT,
                       color=MUTED)
            .encode(x=alt.value(0), y=alt.value(0))
            .properties(width=plot, height=LINE_HEIGHT * len(lines))
        )
        whole = alt.vconcat(body, footer, title=heading, spacing=14)
    whole.config = config
    return whole


VL_VERSION: Final = "_".join(SCHEMA_VERSION.split(".")[:2])  # Altair's Vega-Lite, "v6.4.1" -> "v6_4"


def to_png(spec: alt.TopLevelMixin, scale: float = 2) -> bytes:
    """A top-level chart -> PNG bytes, offline (vl-convert; every URL refused)."""
    return vl_convert.vegalite_to_png(spec.to_json(), vl_version=VL_VERSION, scale=scale, allowed_base_urls=[])


def to_svg(spec: alt.TopLevelMixin) -> str:
    """A top-level chart -> SVG text, offline; the tests read the title in it."""
    return vl_convert.vegalite_to_svg(spec.to_json(), vl_version=VL_VERSION, allowed_base_urls=[])


def chart_png(
    chart: AnyChart,
    title: str,
    subtitle: str,
    source: str,
    lang: str = "id",
    scale: float = 2,
    width: int | None = SLIDE_WIDTH,
    height: int | None = None,
) -> bytes:
    """A finished chart, its title, the filter sentence and the source line -> a PNG for a slide: at scale 2 at
    least 1,600 px wide. The chart already speaks `lang` (its locale travels inside it); the texts are the caller's."""
    return to_png(compose(chart, title, subtitle, source, width, height), scale)
