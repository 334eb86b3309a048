"""A one-page report of the current selection, as a single HTML file an official can open, print on A4 or save
as PDF from the browser: headline figures, the generated paragraph, three charts, the table by commodity, how
the files were read and where the data came from.

Self-contained on purpose: no font, script, stylesheet or image is fetched from anywhere (the charts are PNGs
inside the file), and a Content-Security-Policy says so to the browser. Every piece of uploaded text (company,
commodity and country names, file names, the filter sentence) is HTML-escaped, so a name such as
`<img src=x onerror=alert(1)>` is printed, never run.
"""

from __future__ import annotations

import base64
import struct
from collections.abc import Mapping, Sequence
from datetime import date
from html import escape
from typing import Final

import polars as pl
from babel.dates import format_date

from pekalongan import aggregate, charts, figure_notes, images, narrative
from pekalongan.aggregate import (
    CHANGE,
    CUM_CHANGE,
    CUM_CURRENT,
    CUM_PREVIOUS,
    SHARE,
    TREND,
    StandardRow,
    StandardTable,
)
from pekalongan.filters import Filters
from pekalongan.format import DASH, Kind, number_id, pct, rupiah, table_cell, usd
from pekalongan.i18n import t
from pekalongan.labels import header, labelled, line_labels
from pekalongan.report import Report
from pekalongan.schema import Column

TOP_COMMODITIES: Final = 8  # table rows before "Lainnya"; keeps the page to one sheet of A4
TOP_BARS: Final = 6
TABLE_YEARS: Final = 5  # the last five years, as the ministry prints them
CHART_SCALE: Final = 2  # PNG pixels per CSS pixel: sharp on paper at the size printed

CSS: Final = """
@page { size: A4; margin: 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #262730; font: 9.5pt/1.3 "Liberation Sans", Arial, Helvetica, "DejaVu Sans", sans-serif; }
.page { max-width: 182mm; margin: 0 auto; }
@media screen {
  body { background: #eceef1; padding: 16px 0; }
  .page { background: white; padding: 14mm; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
}
header { border-bottom: 2px solid #1f5f8b; padding-bottom: 6px; margin-bottom: 8px; }
h1 { font-size: 16pt; margin: 0; color: #1f5f8b; letter-spacing: .2px; }
.org { margin: 2px 0 0; font-weight: 600; }
.org { display: flex; justify-content: space-between; gap: 12px; }
.meta { color: #5c5f6b; font-weight: normal; font-size: 8.5pt; }
.selection { margin: 0 0 8px; color: #5c5f6b; }
.figures { display: flex; gap: 6px; margin: 0 0 8px; }
.figure { flex: 1 1 0; border: 1px solid #d5dbe3; border-radius: 4px; padding: 4px 7px; break-inside: avoid; }
.figure .label { color: #5c5f6b; font-size: 7.5pt; text-transform: uppercase; letter-spacing: .3px; }
.figure .value { font-size: 12.5pt; font-weight: 700; margin-top: 1px; white-space: nowrap; }
.figure .note { color: #5c5f6b; font-size: 7.5pt; }
.up { color: #1b7f3b; } .down { color: #b42318; }
.narrative { margin: 0 0 6px; padding: 5px 8px; background: #f2f6fa; border-left: 3px solid #1f5f8b; }
h2 { font-size: 10pt; margin: 0 0 3px; }
figure { margin: 0; break-inside: avoid; }
figure img { display: block; max-width: 100%; height: auto; }
.charts { display: flex; gap: 10px; margin: 4px 0 6px; }
.charts figure { flex: 1 1 0; min-width: 0; }
.wide { margin: 0 0 4px; }
table { width: 100%; border-collapse: collapse; font-size: 7.5pt; break-inside: avoid; }
th, td { padding: 1px 4px; border-bottom: 1px solid #e3e6ea; line-height: 1.2; }
th { background: #dceaf4; text-align: right; font-weight: 600; vertical-align: bottom; }
th:first-child, td:first-child { text-align: left; }
td { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td:first-child { white-space: normal; }
tr.total td { font-weight: 700; border-top: 1.5px solid #262730; border-bottom: none; }
.small { color: #5c5f6b; font-size: 7.5pt; margin: 3px 0 0; }
footer { margin-top: 8px; padding-top: 5px; border-top: 1px solid #d5dbe3; color: #5c5f6b; font-size: 7.5pt; }
footer p { margin: 0; line-height: 1.25; }
"""
# Nothing may load from anywhere: images come inline, styles are in the page, scripts are refused outright.
CSP: Final = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def _document(title: str, parts: Sequence[str], lang: str) -> str:
    """The page's parts -> the whole self-contained HTML document (its styles inline, nothing fetched)."""
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head>"
        f'<body><main class="page">{"".join(parts)}</main></body></html>\n'
    )


def _png_size(png: bytes) -> tuple[int, int]:
    """PNG bytes -> (width, height) from the IHDR chunk."""
    return struct.unpack(">II", png[16:24])


def _figure(png: bytes, caption: str) -> str:
    """PNG bytes -> <figure> with the image at its CSS size (rendered at CHART_SCALE for paper)."""
    width, _ = _png_size(png)
    data = base64.b64encode(png).decode("ascii")
    return (
        f'<figure><h2>{escape(caption)}</h2><img src="data:image/png;base64,{data}" '
        f'width="{round(width / CHART_SCALE)}" alt="{escape(caption)}"></figure>'
    )


def _charts(records: pl.DataFrame, targets: pl.DataFrame | None, lang: str) -> str:
    """records -> the yearly bars (with targets when city-wide) and the two rankings, as <figure>s."""
    yearly = charts.year_bars(aggregate.against_targets(aggregate.by_year(records), aggregate.targets_usd(targets)), lang)
    year_png = images.chart_png(yearly, "", "", "", lang, CHART_SCALE, width=560, height=110)
    ranked = []
    for column, key in ((Column.COMMODITY, "overview.top_commodities"), (Column.DESTINATION, "overview.top_destinations")):
        frame = labelled(aggregate.ranking(records, column, top=TOP_BARS), column, lang)
        chart = charts.ranked_bars(frame, lang, selectable=False)
        png = images.chart_png(chart, "", "", "", lang, CHART_SCALE, width=170, height=15 * frame.height)
        ranked.append(_figure(png, t(key, lang)))
    return (
        f'<div class="wide">{_figure(year_png, t("chart.year_bars.title", lang))}</div>'
        f'<div class="charts">{"".join(ranked)}</div>'
    )


def _figures(h: aggregate.Headline, targets: pl.DataFrame | None, lang: str) -> str:
    """Headline -> the row of figures: value, change, target (city-wide only), exporters, destinations."""
    cards: list[tuple[str, str, str, str]] = []  # label, value, note, css class
    rupiah_note = rupiah(h.value_idr, lang) if h.value_idr is not None else ""
    cards.append((t("report.html.value", lang, year=h.year), usd(h.value_usd, lang), rupiah_note, ""))
    if h.change_pct is not None:
        direction = "up" if h.change_pct > 0 else "down" if h.change_pct < 0 else ""
        cards.append((t("report.html.change", lang, year=h.previous_year), pct(h.change_pct, lang, signed=True),
                      usd(h.previous_usd, lang), direction))
    else:
        cards.append((t("report.html.change_none", lang), DASH, "", ""))
    if targets is not None:
        if h.target_usd is not None:
            cards.append((t("report.html.target", lang, year=h.year), usd(h.target_usd, lang),
                          t("report.html.achievement", lang, pct=pct(h.achievement_pct, lang)), ""))
        else:
            cards.append((t("report.html.target", lang, year=h.year), DASH, t("report.html.no_target", lang), ""))
    cards.append((t("report.html.exporters", lang), number_id(h.exporters, 0, lang), str(h.year), ""))
    cards.append((t("report.html.destinations", lang), number_id(h.destinations, 0, lang), str(h.year), ""))
    return '<section class="figures">' + "".join(
        f'<div class="figure"><div class="label">{escape(label)}</div>'
        f'<div class="value {css}">{escape(value)}</div><div class="note">{escape(note)}&nbsp;</div></div>'
        for label, value, note, css in cards
    ) + "</section>"


def _top_records(records: pl.DataFrame) -> tuple[pl.DataFrame, bool]:
    """records -> the same with commodities outside the largest TOP_COMMODITIES keyed "__other__" ('Lainnya'), and
    whether any were."""
    ranking = aggregate.ranking(records, Column.COMMODITY)
    if ranking.height <= TOP_COMMODITIES:
        return records, False
    keep = ranking.get_column(aggregate.KEY).head(TOP_COMMODITIES).drop_nulls().to_list()
    other = pl.lit(aggregate.OTHER_KEY)
    renamed = pl.when(pl.col(Column.COMMODITY).is_in(keep)).then(pl.col(Column.COMMODITY)).otherwise(other)
    return records.with_columns(renamed.alias(Column.COMMODITY)), True


def _table(table: StandardTable, lang: str) -> str:
    """StandardTable -> <table>: the last TABLE_YEARS years in juta USD, Perub, Peran, Trend (and c-to-c when the
    last year is not complete), '-' where undefined; 'Lainnya' just above the total."""
    wanted = [aggregate.LABEL, *(str(y) for y in table.years[-TABLE_YEARS:]), CHANGE, SHARE, TREND]
    if table.cum_through_month is not None and table.cum_through_month < 12:
        wanted += [CUM_PREVIOUS, CUM_CURRENT, CUM_CHANGE]
    columns = [column for column in map(table.column, wanted) if column is not None]
    *lines, total = zip(table.lines, line_labels(table, lang), strict=True)
    # The rest of the commodities, summed, go last as the ministry prints them.
    body = sorted(lines, key=lambda line: line[0].key == aggregate.OTHER_KEY)

    def cells(line: StandardRow, label: str) -> str:
        shown = [label if column.kind is Kind.LABEL else table_cell(line.cell(column), column.kind, lang)
                 for column in columns]
        return "".join(f"<td>{escape(cell)}</td>" for cell in shown)

    head = "".join(f"<th>{escape(header(column, lang))}</th>" for column in columns)
    rows = "".join(f"<tr>{cells(*line)}</tr>" for line in body)
    return (
        f'<table><thead><tr>{head}</tr></thead><tbody>{rows}<tr class="total">{cells(*total)}</tr></tbody>'
        "</table>"
    )


def report_html(
    records: pl.DataFrame,
    targets: pl.DataFrame | None,
    filters_sentence: str,
    sources: Sequence[str],
    lang: str = "id",
    dataset_note: str | None = None,
    *,
    report: Report | None = None,
    generated: date | None = None,
    filters: Filters | None = None,
    destination_names: Mapping[str, str] | None = None,
) -> str:
    """The selection's records -> a one-page HTML report (A4). `targets=None` when the selection is not the whole
    city (targets are city-wide); `report` adds the line on how the files were read; `generated` defaults to
    today; `filters` lets the press paragraph name the selection."""
    title = t("report.html.title", lang)
    day = format_date(generated or date.today(), format="d MMMM y", locale={"id": "id_ID", "en": "en_US"}[lang])
    parts = [
        f"<header><h1>{escape(title)}</h1><p class=\"org\">{escape(t('app.subtitle', lang))}"
        f"<span class=\"meta\">{escape(t('report.html.generated', lang, date=day))}</span></p></header>",
        f"<p class=\"selection\"><strong>{escape(t('report.html.selection', lang))}:</strong> "
        f"{escape(filters_sentence)}</p>",
    ]
    if records.is_empty():
        parts.append(f"<p class=\"narrative\">{escape(t('report.html.no_data', lang))}</p>")
    else:
        h = aggregate.headline(records, targets)
        parts.append(_figures(h, targets, lang))
        paragraph = narrative.narrative(records, targets, lang=lang, filters=filters,
                                        destination_names=destination_names)
        parts.append(f"<p class=\"narrative\">{escape(paragraph)}</p>")
        parts.append(_charts(records, targets, lang))
        table_records, merged = _top_records(records)
        table = aggregate.standard_table(table_records, "commodity")
        parts.append(f"<section><h2>{escape(t('report.html.table', lang))}</h2>{_table(table, lang)}")
        notes = [t("table.note", lang)] + ([t("report.html.table_top", lang, n=TOP_COMMODITIES)] if merged else [])
        notes += figure_notes.notes(records, lang)  # provisional years, converted currencies
        parts.append(f"<p class=\"small\">{escape(' '.join(notes))}</p></section>")
    footer = [t("export.source", lang, files=", ".join(sources) or DASH)]
    if report is not None:
        footer.append(t("report.html.verification", lang, kept=number_id(report.rows_kept, 0, lang),
                        rejected=number_id(report.rows_rejected, 0, lang),
                        skipped=number_id(report.rows_skipped, 0, lang)))
    if dataset_note:
        footer.append(dataset_note)
    parts.append("<footer>" + "".join(f"<p>{escape(line)}</p>" for line in footer) + "</footer>")
    return _document(title, parts, lang)


# --- The public view's report ---------------------------------------------------------------------------------


def _public_table(lines: list[dict], years: list[int], lang: str) -> str:
    """standard rows of the public view -> an HTML table; a suppressed cell reads 'dirahasiakan'."""
    hidden = t("public.suppressed", lang)
    head = "".join(f"<th>{escape(str(y))}</th>" for y in years)
    head += f"<th>{escape(t('table.change', lang, last=years[-1], previous=years[-1] - 1))}</th>" if years else ""
    body = []
    for i, line in enumerate(lines):
        cells = [hidden if line["values"][y] is None else number_id(line["values"][y] / 1e6, 2, lang) for y in years]
        cells.append(number_id(line["change_pct"], 2, lang))
        css = ' class="total"' if i == len(lines) - 1 else ""
        body.append(f"<tr{css}><td>{escape(line['label'])}</td>" + "".join(f"<td>{escape(c)}</td>" for c in cells)
                    + "</tr>")
    return f"<table><thead><tr><th></th>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def public_report_html(protection, sel, targets: dict[int, float], filters_sentence: str, rules_text: str,
                       lang: str = "id", *, generated: date | None = None) -> str:
    """The public view's one-page report: the press paragraph and the tables by year and by commodity, from
    published cells only (no chart images, no file names, no reading report)."""
    from pekalongan import public

    title = t("report.html.title", lang)
    day = format_date(generated or date.today(), format="d MMMM y", locale={"id": "id_ID", "en": "en_US"}[lang])
    years = list(sel.years)[-TABLE_YEARS:]
    narrow = type(sel)(tuple(years), sel.chosen)
    parts = [
        f"<header><h1>{escape(title)}</h1><p class=\"org\">{escape(t('app.subtitle', lang))}"
        f"<span class=\"meta\">{escape(t('report.html.generated', lang, date=day))}</span></p></header>",
        f"<p class=\"selection\"><strong>{escape(t('report.html.selection', lang))}:</strong> "
        f"{escape(filters_sentence)}</p>",
        f"<p class=\"narrative\">{escape(public.narrative(protection, sel, targets, lang))}</p>",
    ]
    for dim, heading in ((None, "chart.year_bars.title"), ("commodity", "report.html.table")):
        lines = public.standard_rows(protection, narrow, dim, lang) if years else None
        if lines is None:
            continue
        parts.append(f"<section><h2>{escape(t(heading, lang))}</h2>{_public_table(lines, years, lang)}</section>")
    parts.append(f"<p class=\"small\">{escape(t('table.note', lang))}</p>")
    parts.append(f"<footer><p>{escape(rules_text)}</p><p>{escape(t('public.source', lang))}</p></footer>")
    return _document(title, parts, lang)
