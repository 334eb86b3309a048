"""Widget drawers (`*_ui`): each draws and returns plain values; the logic lives in `pekalongan/`.

Uploaded text (file names, sheet names, cell values, reasons) is only ever shown through widgets that render it
as plain text (`st.dataframe`, `st.text`, `st.caption` of escaped text), never as markdown.
"""

from __future__ import annotations

import re

import polars as pl
import streamlit as st

from pekalongan import format as fmt
from pekalongan import notices, reasons
from pekalongan.filters import Choices, Filters
from pekalongan.i18n import LANGS, t
from pekalongan.ingest import Dataset
from pekalongan.labels import role_label, unit_label
from pekalongan.report import Report, layout_label
from pekalongan.schema import EXPORTER_TYPES, Column
from pekalongan.ui import state
from pekalongan.ui.data import MAX_UPLOAD_MB, UPLOAD_TYPES, Upload
from pekalongan.ui.state import Context

WORD_JOINER = "\u2060"  # invisible; it stops GitHub-flavoured markdown from turning a bare address into a link


def plain(text: object) -> str:
    """Any text -> markdown that shows it literally (no links, images or HTML from uploaded cells)."""
    s = str(text)
    for ch in "\\`*_{}[]()<>#+-.!|~&$":  # "$" too: "$…$" would render as math
        s = s.replace(ch, "\\" + ch)
    # Escaping does not stop autolinks ("http://…", "www.…", "a@b.id"): break the patterns invisibly.
    # Only a colon followed by a non-space can start an address: "Sumber: …" stays as typed (a press officer copies
    # it, and an invisible character would travel into the release).
    s = re.sub(r"(?i)([a-z][a-z0-9+\\.-]*)(:)(?=\S)", lambda m: m.group(1) + WORD_JOINER + m.group(2), s)
    s = re.sub(r"(?i)\bwww", "w" + WORD_JOINER + "ww", s)
    return s.replace("@", WORD_JOINER + "@")


def md(text: str) -> str:
    """Catalogue markdown -> the same with every unescaped '$' escaped: '(Juta US$), (Ribu US$)' would otherwise
    render as a formula between the two dollars."""
    return re.sub(r"(?<!\\)\$", r"\\$", text)


# ------------------------------------------------------------------------------------------------------- frame


def language_ui() -> str:
    """The language switch; 'id' unless the user (or the link) says 'en'."""
    lang = st.sidebar.segmented_control(
        t("app.language", state.widget_value(state.LANG_KEY) or "id"),
        options=list(LANGS),
        format_func=lambda code: {"id": "Indonesia", "en": "English"}[code],
        key=state.LANG_KEY,  # seeded from the link on the session's first run (state.read_address)
        required=True,  # a click on the chosen language keeps it, instead of leaving none chosen
    )
    return lang if lang in LANGS else "id"


def page_menu_ui(pages: list, current, lang: str) -> None:
    """A labelled menu of every page ('Halaman: Ringkasan'): found on a phone without guessing at an icon."""
    with st.popover(t("nav.menu", lang, page=current.title), icon=":material/menu:"):
        for page in pages:
            st.page_link(page, label=page.title, icon=page.icon, disabled=page.url_path == current.url_path)


def upload_ui(lang: str) -> None:
    """The upload box, in the sidebar so it stays put across pages."""
    st.sidebar.file_uploader(
        t("upload.label", lang),
        type=UPLOAD_TYPES,
        accept_multiple_files=True,
        key=state.upload_key(),
        help=t("upload.help", lang),
    )


def upload_errors_ui(upload: Upload, dataset: Dataset, lang: str) -> None:
    """One plain sentence per file that could not be read; the other files carry on."""
    for name, size in upload.too_large:
        st.error(t("upload.too_large", lang, name=plain(name), size=fmt.number_id(size, 1, lang), limit=MAX_UPLOAD_MB))
    for _, message in dataset.report.errors_in(lang):
        st.error(plain(message))  # it names the file, and file names come from outside


def filters_ui(dataset: Dataset, dataset_key: str, lang: str, public: bool = False) -> Filters:
    """Draw the filter widgets in the sidebar and return the Filters they say (as codes: the address bar is
    written from them, see state.py)."""
    sidebar = st.sidebar
    sidebar.subheader(t("filters.title", lang))
    if dataset.is_empty:
        return Filters()
    choices = dataset_choices(dataset_key, dataset)
    view = (dataset_key, lang, public)
    state.seed_filters(view, choices, link_aliases(dataset_key, dataset))
    years = list(choices.years)
    year_from, year_to = years[0], years[-1]
    if len(years) > 1:
        # The full range as the default makes it a range slider; the session state (seeded above) says where it is.
        chosen = sidebar.select_slider(t("filters.years_label", lang), options=years, value=(years[0], years[-1]),
                                       key=state.YEARS_KEY)
        if isinstance(chosen, tuple | list) and len(chosen) == 2:
            year_from, year_to = int(chosen[0]), int(chosen[1])
    placeholder = t("filters.placeholder", lang)
    dest_names = dataset_destination_labels(dataset_key, dataset, lang)
    keys = state.SELECTION_KEYS
    selected_commodities = sidebar.multiselect(
        t("filters.commodity_label", lang), choices.commodities, key=keys["commodities"], placeholder=placeholder,
    )
    selected_destinations = sidebar.multiselect(
        t("filters.destination_label", lang), choices.destinations, key=keys["destinations"],
        format_func=lambda k: dest_names.get(k, k), placeholder=placeholder,
    )
    selected_types = sidebar.multiselect(
        t("filters.exporter_type_label", lang), choices.exporter_types, key=keys["exporter_types"],
        format_func=lambda k: t(f"exporter_type.{k}", lang), placeholder=placeholder,
    )
    selected_exporters = [] if public else sidebar.multiselect(
        t("filters.exporter_label", lang), choices.exporters, key=keys["exporters"], placeholder=placeholder,
    )
    full_range = (year_from, year_to) == (years[0], years[-1])
    filters = Filters(
        year_from=None if full_range else year_from,
        year_to=None if full_range else year_to,
        commodities=tuple(selected_commodities),
        destinations=tuple(selected_destinations),
        exporter_types=tuple(selected_types),
        exporters=tuple(selected_exporters),
    )
    state.remember_filters(view, filters, choices)
    return filters


# Small values derived once per dataset and language, shared by every session showing it. Keyed by the dataset's
# name (its upload digest or link token), never by its frames: hashing a million rows would cost more than this.


@st.cache_resource(show_spinner=False, max_entries=16, ttl=2 * 3600)
def dataset_choices(dataset_key: str, _dataset: Dataset) -> Choices:
    """What the filters offer on this dataset: its years, and its values largest first (a national dataset's from
    its summaries)."""

    def of(dimension: str) -> pl.DataFrame:
        return _dataset.records if _dataset.summaries is None else _dataset.summaries[dimension]

    return Choices(
        years=tuple(sorted(of(Column.EXPORTER_TYPE).get_column(Column.YEAR).unique().drop_nulls().to_list())),
        commodities=tuple(_ranked_options(of(Column.COMMODITY), Column.COMMODITY)),
        destinations=tuple(_ranked_options(of(Column.DESTINATION), Column.DESTINATION)),
        exporter_types=EXPORTER_TYPES,
        exporters=tuple(_ranked_options(of(Column.EXPORTER), Column.EXPORTER)),
    )


@st.cache_resource(show_spinner=False, max_entries=32, ttl=2 * 3600)
def dataset_destination_labels(dataset_key: str, _dataset: Dataset, lang: str) -> dict[str, str]:
    summaries = _dataset.summaries
    return destination_labels(_dataset.records if summaries is None else summaries[Column.DESTINATION], lang)


@st.cache_resource(show_spinner=False, max_entries=16, ttl=2 * 3600)
def link_aliases(dataset_key: str, _dataset: Dataset) -> dict[str, dict[str, str]]:
    """Display labels in every language -> code, to read links sent before they carried codes."""
    destinations: dict[str, str] = {}
    for lang in LANGS:
        for code, label in dataset_destination_labels(dataset_key, _dataset, lang).items():
            destinations.setdefault(label, code)
    types = {t(f"exporter_type.{k}", lang): k for lang in LANGS for k in EXPORTER_TYPES}
    return {"destinations": destinations, "exporter_types": types}


def _ranked_options(records: pl.DataFrame, column: str) -> list[str]:
    """The distinct values of a column, largest export value first (what officials look for first)."""
    return (
        records.filter(pl.col(column).is_not_null())
        .group_by(column)
        .agg(pl.col(Column.VALUE_USD).sum())
        .sort([Column.VALUE_USD, column], descending=[True, False])
        .get_column(column)
        .to_list()
    )


def destination_labels(records: pl.DataFrame, lang: str) -> dict[str, str]:
    """{'SGP': 'Singapura', 'Eropa': 'Eropa', ...} in the chosen language."""
    from pekalongan.names import display_name

    pairs = records.select(Column.DESTINATION, Column.DESTINATION_NAME, Column.DESTINATION_KIND).unique(
        Column.DESTINATION
    )
    out = {}
    for code, name, kind in pairs.iter_rows():
        if code is None:
            continue
        out[code] = display_name(code, lang) if (lang != "id" and kind != "unknown") else (name or code)
    return out


def filter_sentence_ui(ctx: Context) -> None:
    """The sentence above the charts that says what is selected."""
    sentence = ctx.filters.describe(ctx.lang, dataset_destination_labels(ctx.key, ctx.dataset, ctx.lang),
                                    public=ctx.public)
    st.caption(plain(sentence))


# ------------------------------------------------------------------------------------------------------ report


def report_ui(report: Report, lang: str, details: bool = True) -> None:
    """The verification report: counts, detections per sheet, every row not kept with its reason."""
    c1, c2, c3 = st.columns(3)
    c1.metric(t("report.kept", lang), fmt.number_id(report.rows_kept, 0, lang))
    c2.metric(t("report.rejected", lang), fmt.number_id(report.rows_rejected, 0, lang))
    c3.metric(t("report.skipped", lang), fmt.number_id(report.rows_skipped, 0, lang))
    if not details:
        return
    if report.warnings:
        with st.container(border=True):
            st.markdown(f"**{t('report.warnings', lang)}**")
            for warning in report.warning_texts(lang)[:200]:
                st.text("• " + warning)
    sheets = [
        {
            t("report.col.file", lang): f.file,
            t("report.col.sheet", lang): s.sheet or "-",
            t("report.col.header_row", lang): s.header_row,
            t("report.col.layout", lang): layout_label(s.layout, lang),
            t("report.col.unit", lang): unit_label(s.unit, lang),
            t("report.col.ignored", lang): ", ".join(s.ignored_columns) or "-",
            t("report.kept", lang): s.rows_kept,
            t("report.rejected", lang): s.rows_rejected,
            t("report.skipped", lang): s.rows_skipped,
        }
        for f in report.files
        for s in f.sheets
    ]
    if sheets:
        st.markdown(f"**{t('report.sheets', lang)}**")
        st.dataframe(pl.DataFrame(sheets), hide_index=True, placeholder="-", width="stretch")
        _mapping_ui(report, lang)
    no_table = [
        {t("report.col.file", lang): f.file, t("report.col.sheet", lang): s["sheet"] or "-",
         t("report.col.reason", lang): notices.render(s.get("notice") or s["reason"], lang)}
        for f in report.files
        for s in f.sheets_without_table
    ]
    if no_table:
        st.markdown(f"**{t('report.no_sheet_table', lang)}**")
        st.dataframe(pl.DataFrame(no_table), hide_index=True, placeholder="-", width="stretch")
    if report.rows_rejected:
        st.markdown(f"**{t('report.rejected_rows', lang)}**")
        st.dataframe(_issue_frame(report.rejected, lang), hide_index=True, placeholder="-", width="stretch")
    else:
        st.success(t("report.all_good", lang))
    if report.rows_skipped:
        with st.expander(f"{t('report.skipped_rows', lang)} ({fmt.number_id(report.rows_skipped, 0, lang)})"):
            st.dataframe(_issue_frame(report.skipped, lang), hide_index=True, placeholder="-", width="stretch")
    if not report.unrecognised_names.is_empty():
        st.markdown(f"**{t('report.names', lang)}**")
        st.dataframe(
            report.unrecognised_names.with_columns(
                pl.col("kind").replace({k: t(f"names.kind.{k}", lang) for k in ("unknown", "region", "country")})
            ).rename(
                {"name": t("report.col.name", lang), "kind": t("report.col.kind", lang),
                 "rows": t("report.col.rows", lang)}
            ),
            hide_index=True,
            width="stretch",
        )


def _mapping_ui(report: Report, lang: str) -> None:
    """Each header and what it was read as, one row each: a laptop reads the mapping without scrolling sideways
    (in one cell per sheet it ran far past the table's edge)."""
    rows = [
        {t("report.col.file", lang): f.file, t("report.col.sheet", lang): s.sheet or "-",
         t("report.col.header", lang): header, t("report.col.read_as", lang): role_label(role, lang)}
        for f in report.files for s in f.sheets for header, role in s.columns.items()
    ]
    if rows:
        with st.expander(f"{t('report.col.columns', lang)} ({fmt.number_id(len(rows), 0, lang)})"):
            st.dataframe(pl.DataFrame(rows), hide_index=True, width="stretch")


def _issue_frame(frame: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Report rows -> the table the official reads: each reason in their language, its code kept out of sight."""
    shown = reasons.localise(frame.head(5000), lang).drop("code", "param", strict=False)
    return shown.rename(
        {
            "file": t("report.col.file", lang),
            "sheet": t("report.col.sheet", lang),
            "row": t("report.col.row", lang),
            "reason": t("report.col.reason", lang),
        }
    )
