"""Widget drawers (`*_ui`): each draws and returns plain values; the logic lives in `pekalongan/`.

Uploaded text (file names, sheet names, cell values, reasons) is only ever shown through widgets that render it
as plain text (`st.dataframe`, `st.text`, `st.caption` of escaped text), never as markdown.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field

import polars as pl
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from pekalongan import format as fmt
from pekalongan.filters import QUERY_KEYS, Filters
from pekalongan.i18n import LANGS, t
from pekalongan.ingest import Dataset
from pekalongan.report import Report
from pekalongan.schema import EXPORTER_TYPES, Column
from pekalongan.ui.data import MAX_UPLOAD_MB, UPLOAD_TYPES, Upload, upload_key

LANG_KEY = "bahasa"
CONTEXT_KEY = "_konteks"


@dataclass(frozen=True)
class Context:
    """What every page needs: the dataset, the filters, the language (a small value, not derived frames)."""

    dataset: Dataset
    filters: Filters
    lang: str
    public: bool = False  # the confidential view of a shared link: no exporter names, no small cells
    records: pl.DataFrame = field(default=None, repr=False, compare=False)  # the records the filters select

    def __post_init__(self) -> None:
        # Filtered once per run: pages read `records` several times.
        object.__setattr__(self, "records", self.filters.apply(self.dataset.records))


def set_context(context: Context) -> None:
    st.session_state[CONTEXT_KEY] = context


def leave_legacy_pages_mode() -> None:
    """A fresh server process runs its first script runs in Streamlit's legacy mode because a folder named `pages/`
    sits beside app.py; widgets made in such a run (the upload box) lose their state on the next run, so the first
    visitors' first uploads would vanish. Leave that mode for good (as st.navigation does) and start every new
    session over once, before any widget exists: sessions that began together with the first one are in legacy
    mode too, and only a rerun taken after the switch puts them right."""
    if PagesManager.uses_pages_directory or not st.session_state.get("_mulai"):
        PagesManager.uses_pages_directory = False
        st.session_state["_mulai"] = True
        st.rerun()


def context() -> Context:
    """The context the entrypoint drew for this run."""
    if CONTEXT_KEY not in st.session_state:
        # A freshly started server runs the first request for a page URL (a share link to /komoditi) in the
        # legacy `pages/` mode: the page alone, without app.py. Streamlit leaves that mode for good once
        # st.navigation has run; make it so now, and rerun the same URL through the entrypoint.
        PagesManager.uses_pages_directory = False
        st.rerun()
    return st.session_state[CONTEXT_KEY]


WORD_JOINER = "\u2060"  # invisible; it stops GitHub-flavoured markdown from turning a bare address into a link


def plain(text: object) -> str:
    """Any text -> markdown that shows it literally (no links, images or HTML from uploaded cells)."""
    s = str(text)
    for ch in "\\`*_{}[]()<>#+-.!|~&":
        s = s.replace(ch, "\\" + ch)
    # Escaping does not stop autolinks ("http://…", "www.…", "a@b.id"): break the patterns invisibly.
    s = re.sub(r"(?i)([a-z][a-z0-9+\\.-]*)(:)", lambda m: m.group(1) + WORD_JOINER + m.group(2), s)
    s = re.sub(r"(?i)\bwww", "w" + WORD_JOINER + "ww", s)
    return s.replace("@", WORD_JOINER + "@")


# ------------------------------------------------------------------------------------------------------- frame


def language_ui() -> str:
    """The language switch; 'id' unless the user (or the link) says 'en'."""
    lang = st.sidebar.segmented_control(
        t("app.language", st.session_state.get(LANG_KEY) or "id"),
        options=list(LANGS),
        format_func=lambda code: {"id": "Indonesia", "en": "English"}[code],
        default="id",
        key=LANG_KEY,
        bind="query-params",
    )
    return lang if lang in LANGS else "id"


def upload_ui(lang: str) -> None:
    """The upload box, in the sidebar so it stays put across pages."""
    st.sidebar.file_uploader(
        t("upload.label", lang),
        type=UPLOAD_TYPES,
        accept_multiple_files=True,
        key=upload_key(),
        help=t("upload.help", lang),
    )


def upload_errors_ui(upload: Upload, dataset: Dataset, lang: str) -> None:
    """One plain sentence per file that could not be read; the other files carry on."""
    for name, size in upload.too_large:
        st.error(t("upload.too_large", lang, name=plain(name), size=fmt.number_id(size, 1, lang), limit=MAX_UPLOAD_MB))
    for _, message in dataset.report.errors:
        st.error(plain(message))  # it names the file, and file names come from outside


def filters_ui(dataset: Dataset, lang: str, public: bool = False) -> Filters:
    """Draw the filter widgets in the sidebar (bound to the URL) and return the Filters they say."""
    records = dataset.records
    sidebar = st.sidebar
    sidebar.subheader(t("filters.title", lang))
    if records.is_empty():
        return Filters()
    years = memo(dataset, ("years",), lambda: sorted(records.get_column(Column.YEAR).unique().drop_nulls().to_list()))
    year_from, year_to = years[0], years[-1]
    if len(years) > 1:
        chosen = sidebar.select_slider(
            t("filters.years_label", lang), options=years, value=(years[0], years[-1]), key="tahun",
            bind="query-params",
        )
        if isinstance(chosen, tuple | list) and len(chosen) == 2:
            year_from, year_to = int(chosen[0]), int(chosen[1])
    placeholder = t("filters.placeholder", lang)
    commodities = memo(dataset, ("options", Column.COMMODITY), lambda: _ranked_options(records, Column.COMMODITY))
    destinations = memo(dataset, ("options", Column.DESTINATION), lambda: _ranked_options(records, Column.DESTINATION))
    dest_names = dataset_destination_labels(dataset, lang)
    exporters = memo(dataset, ("options", Column.EXPORTER), lambda: _ranked_options(records, Column.EXPORTER))
    selected_commodities = sidebar.multiselect(
        t("filters.commodity_label", lang), commodities, key=QUERY_KEYS["commodities"], placeholder=placeholder,
        bind="query-params",
    )
    selected_destinations = sidebar.multiselect(
        t("filters.destination_label", lang), destinations, key=QUERY_KEYS["destinations"],
        format_func=lambda k: dest_names.get(k, k), placeholder=placeholder, bind="query-params",
    )
    selected_types = sidebar.multiselect(
        t("filters.exporter_type_label", lang), list(EXPORTER_TYPES), key=QUERY_KEYS["exporter_types"],
        format_func=lambda k: t(f"exporter_type.{k}", lang), placeholder=placeholder, bind="query-params",
    )
    selected_exporters = [] if public else sidebar.multiselect(
        t("filters.exporter_label", lang), exporters, key=QUERY_KEYS["exporters"], placeholder=placeholder,
        bind="query-params",
    )
    full_range = (year_from, year_to) == (years[0], years[-1])
    return Filters(
        year_from=None if full_range else year_from,
        year_to=None if full_range else year_to,
        commodities=tuple(selected_commodities),
        destinations=tuple(selected_destinations),
        exporter_types=tuple(selected_types),
        exporters=tuple(selected_exporters),
    )


# id(dataset) -> (a weak reference to it, its derived values); an entry leaves when its dataset is collected, so a
# later dataset that reuses the id never sees another's values.
_DERIVED: dict[int, tuple[weakref.ref, dict]] = {}


def memo(dataset: Dataset, key: tuple, compute):
    """A small value derived from a dataset, computed once per dataset (datasets are cached resources)."""
    ident = id(dataset)
    ref, cache = _DERIVED.get(ident, (None, {}))
    if ref is None or ref() is not dataset:
        cache = {}
        _DERIVED[ident] = (weakref.ref(dataset, lambda _ref, ident=ident: _DERIVED.pop(ident, None)), cache)
    if key not in cache:
        cache[key] = compute()
    return cache[key]


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


def dataset_destination_labels(dataset: Dataset, lang: str) -> dict[str, str]:
    return memo(dataset, ("destination_labels", lang), lambda: destination_labels(dataset.records, lang))


def filter_sentence_ui(ctx: Context) -> None:
    """The sentence above the charts that says what is selected."""
    sentence = ctx.filters.describe(ctx.lang, dataset_destination_labels(ctx.dataset, ctx.lang))
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
            for warning in report.warnings[:200]:
                st.text("• " + warning)
    sheets = [
        {
            t("report.col.file", lang): f.file,
            t("report.col.sheet", lang): s.sheet or "-",
            t("report.col.header_row", lang): s.header_row,
            t("report.col.layout", lang): t(f"layout.{s.layout}", lang),
            t("report.col.unit", lang): s.unit,
            t("report.col.columns", lang): ", ".join(f"{h} → {r}" for h, r in s.columns.items()),
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
        st.dataframe(pl.DataFrame(sheets), hide_index=True, width="stretch")
    no_table = [
        {t("report.col.file", lang): f.file, t("report.col.sheet", lang): s["sheet"] or "-",
         t("report.col.reason", lang): s["reason"]}
        for f in report.files
        for s in f.sheets_without_table
    ]
    if no_table:
        st.markdown(f"**{t('report.no_sheet_table', lang)}**")
        st.dataframe(pl.DataFrame(no_table), hide_index=True, width="stretch")
    if report.rows_rejected:
        st.markdown(f"**{t('report.rejected_rows', lang)}**")
        st.dataframe(_issue_frame(report.rejected, lang), hide_index=True, width="stretch")
    else:
        st.success(t("report.all_good", lang))
    if report.rows_skipped:
        with st.expander(f"{t('report.skipped_rows', lang)} ({fmt.number_id(report.rows_skipped, 0, lang)})"):
            st.dataframe(_issue_frame(report.skipped, lang), hide_index=True, width="stretch")
    if not report.unrecognised_names.is_empty():
        st.markdown(f"**{t('report.names', lang)}**")
        st.dataframe(
            report.unrecognised_names.rename(
                {"name": t("report.col.name", lang), "kind": t("report.col.kind", lang),
                 "rows": t("report.col.rows", lang)}
            ),
            hide_index=True,
            width="stretch",
        )


def _issue_frame(frame: pl.DataFrame, lang: str) -> pl.DataFrame:
    return frame.head(5000).rename(
        {
            "file": t("report.col.file", lang),
            "sheet": t("report.col.sheet", lang),
            "row": t("report.col.row", lang),
            "reason": t("report.col.reason", lang),
        }
    )
