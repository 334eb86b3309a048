"""Download buttons: the filtered data (CSV, XLSX), the one-page report, the open-data file, chart images.

Every file is built only when its button is clicked (`st.download_button` takes a callable), so a rerun never pays
for an XLSX or a PNG nobody asked for.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from pekalongan import export, images, press_report
from pekalongan.filters import Filters
from pekalongan.i18n import t
from pekalongan.report import Report
from pekalongan.ui import state
from pekalongan.ui.state import Context
from pekalongan.ui.widgets import dataset_choices, dataset_destination_labels

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filter_sentence(ctx: Context) -> str:
    return ctx.filters.describe(ctx.lang, dataset_destination_labels(ctx.key, ctx.dataset, ctx.lang),
                                public=ctx.public)


def file_name(ctx: Context, dataset: str, extension: str) -> str:
    """('ekspor_pekalongan', 'xlsx') -> 'ekspor_pekalongan_2024_sarung-batik_2026-12-01.xlsx': what the file holds
    (dataset and selection) and the day it was made, so a folder of downloads sorts and reads by itself."""
    from datetime import date

    selection = ctx.filters.slug(dataset_choices(ctx.key, ctx.dataset).years if not ctx.dataset.is_empty else [])
    return "_".join(p for p in (dataset, selection, date.today().isoformat()) if p) + "." + extension


def _city_wide(filters: Filters) -> bool:
    return filters.without("year_from", "year_to") == Filters()


def _report_for(ctx: Context) -> Report:
    # The public view gives counts only: row-level reasons quote the cells themselves.
    if ctx.public:
        return Report(rows_kept=ctx.dataset.report.rows_kept)
    return ctx.dataset.report


def downloads_ui(ctx: Context) -> None:
    """The "Unduh" panel in the sidebar. Each file is made from `ctx.selected_records()` when its button is
    clicked: a national dataset's records are read from its file then, not on every run."""
    lang, records = ctx.lang, ctx.records
    if ctx.public:  # the protected tables only, never records
        from pekalongan.ui import public

        public.downloads_ui(ctx, filter_sentence(ctx))
        return
    with st.sidebar.expander(t("download.title", lang), icon=":material/download:", key=state.DOWNLOADS_PANEL_KEY):
        st.caption(t("download.full_not_public", lang))
        if records.is_empty():
            st.caption(t("app.no_match", lang))
            return
        delimiter = csv_delimiter_ui(lang)
        st.download_button(
            t("download.csv", lang), lambda: export.records_csv(ctx.selected_records(), lang, delimiter),
            file_name=file_name(ctx, "ekspor_pekalongan", "csv"), mime="text/csv", icon=":material/table:", width="stretch",
            key="unduh_csv", on_click="ignore",
        )
        st.download_button(
            t("download.xlsx", lang),
            lambda: export.workbook_xlsx(
                ctx.selected_records(), export.standard_tables(ctx.selected_records(), lang, ctx.targets),
                _report_for(ctx),
                filter_sentence(ctx), lang,
            ),
            file_name=file_name(ctx, "ekspor_pekalongan", "xlsx"), mime=XLSX_MIME, icon=":material/grid_on:", width="stretch",
            key="unduh_xlsx", on_click="ignore",
        )
        targets = ctx.targets if _city_wide(ctx.filters) else None
        st.download_button(
            t("download.report", lang),
            lambda: press_report.report_html(
                ctx.selected_records(), targets, filter_sentence(ctx), ctx.dataset.files, lang, report=_report_for(ctx),
                filters=ctx.filters, destination_names=dataset_destination_labels(ctx.key, ctx.dataset, lang),
            ).encode("utf-8"),
            file_name=file_name(ctx, "laporan_ekspor_pekalongan", "html"), mime="text/html", icon=":material/description:",
            width="stretch", key="unduh_laporan", on_click="ignore", help=t("download.report_help", lang),
        )
        st.download_button(
            t("download.satu_data", lang), lambda: export.satu_data_csv(ctx.selected_records()),
            file_name=file_name(ctx, "satu_data_ekspor_kota_pekalongan", "csv"), mime="text/csv", icon=":material/public:",
            width="stretch", key="unduh_satu_data", on_click="ignore", help=t("download.satu_data_help", lang),
        )


def csv_delimiter_ui(lang: str) -> str:
    """';' or ','. The radio keeps the label it showed, so it has one key per language, and the choice carries
    over a language switch through the session (a label of the other language is no delimiter at all)."""
    options = [";", ","]
    key = f"{state.CSV_DELIMITER_KEY}_{lang}"
    chosen = st.radio(
        t("download.csv_style", lang), options, index=options.index(state.csv_delimiter()), horizontal=True,
        key=key, format_func=lambda d: t("download.semicolon" if d == ";" else "download.comma", lang),
        # Remembered before the run too: a language switch right after the choice may stop this run early.
        on_change=lambda: state.remember_csv_delimiter(state.widget_value(key)),
    )
    delimiter = chosen if chosen in options else ";"
    state.remember_csv_delimiter(delimiter)
    return delimiter


def chart_png_button(ctx: Context, key: str, title: str, build: Callable[[], object]) -> None:
    """A small "PNG" button under a chart: the chart with its title, the filter sentence and the source."""
    # The filter sentence and source line are written when the image is asked for, as the other files are.
    st.download_button(
        t("download.png", ctx.lang),
        lambda: images.chart_png(build(), title, filter_sentence(ctx), images.source_line(ctx.dataset.files, ctx.lang),
                                 ctx.lang),
        file_name=file_name(ctx, f"grafik_{key}", "png"), mime="image/png", icon=":material/image:", key=f"png_{key}",
        on_click="ignore", type="tertiary",
    )
