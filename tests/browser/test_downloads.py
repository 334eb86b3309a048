"""Downloads as a browser gets them: each button of the "Unduh" panel, a chart's "PNG" button and the Panduan
page's template, clicked in Chromium and the saved file read back. The selection (Surimi, 2020-2021, in the
address as a share link would carry it) is one the dashboard also shows, so the files are checked against the
same figures the official sees on screen.
"""

from __future__ import annotations

import base64
import io
import re
import struct
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import fastexcel
import polars as pl
import pytest
from playwright.sync_api import Browser, Page, expect

from pekalongan import format as fmt
from pekalongan.ingest import load_sample

from .conftest import (
    app_errors,
    download,
    go_to,
    metric_value,
    new_context,
    open_sidebar_expander,
    wait_for_app,
    wait_for_drawn,
)

SELECTION = "?komoditi=Surimi&tahun=2020&tahun=2021"
SENTENCE = "Tahun 2020–2021, komoditi Surimi, semua negara tujuan, semua jenis eksportir, semua eksportir."
SATU_DATA_HEADER = (
    "kode_provinsi,nama_provinsi,kode_kabupaten_kota,nama_kabupaten_kota,komoditas,negara_tujuan,nilai_ekspor,"
    "satuan,tahun"
)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
VALUE = "Nilai FOB (US$)"


def selected() -> pl.DataFrame:
    """The sample's records the selection keeps, computed here without the app."""
    records = load_sample().records
    return records.filter((pl.col("commodity") == "Surimi") & pl.col("year").is_between(2020, 2021))


@pytest.fixture(scope="module")
def dashboard(browser: Browser, server: str) -> Iterator[Page]:
    """The sample with the selection applied, the "Unduh" panel open."""
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(server + "/" + SELECTION)
        wait_for_drawn(page)
        yield page
    finally:
        context.close()


def click_download(page: Page, button_name: str, tmp_path: Path, where: str = '[data-testid="stSidebar"]') -> Path:
    """Click the download button named `button_name` (the first one, for the charts' "PNG") and save the file."""
    return download(page, page.locator(where).get_by_role("button", name=button_name, exact=True).first, tmp_path)


def test_the_dashboard_shows_the_selection(dashboard: Page) -> None:
    """What the files below must agree with: the card of the selection's last year and the filter sentence."""
    records = selected()
    last_year = records.filter(pl.col("year") == 2021).get_column("value_usd").sum()
    expect(metric_value(dashboard, "Nilai ekspor 2021")).to_have_text(fmt.usd(last_year))
    expect(dashboard.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]', has_text=SENTENCE)
           ).to_have_count(1)
    assert app_errors(dashboard) == ([], [])


def test_the_csv_is_semicolons_with_a_bom_and_sums_to_the_selection(dashboard: Page, tmp_path: Path) -> None:
    open_sidebar_expander(dashboard, "Unduh")
    expect(dashboard.get_by_role("radio", name=re.compile("titik koma"))).to_be_checked()
    path = click_download(dashboard, "Data terpilih (.csv)", tmp_path)
    raw = path.read_bytes()
    # What the file holds and when: dataset, selection, the day (issue 16).
    assert path.name == f"ekspor_pekalongan_2020-2021_surimi_{date.today().isoformat()}.csv"
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw[3:].split(b"\r\n", 1)[0].count(b";") >= 10
    table = pl.read_csv(io.BytesIO(raw[3:]), separator=";", decimal_comma=True)
    expected = selected()
    assert table.height == expected.height
    assert table.get_column(VALUE).dtype == pl.Float64
    assert table.get_column(VALUE).sum() == pytest.approx(expected.get_column("value_usd").sum(), abs=0.005)
    assert set(table.get_column("Komoditi")) == {"Surimi"}
    assert set(table.get_column("Tahun")) == {2020, 2021}


def test_the_xlsx_data_sheet_sums_to_the_selection(dashboard: Page, tmp_path: Path) -> None:
    open_sidebar_expander(dashboard, "Unduh")
    path = click_download(dashboard, "Data dan tabel (.xlsx)", tmp_path)
    assert path.read_bytes()[:2] == b"PK"
    data = pl.read_excel(path, sheet_name="Data")
    expected = selected()
    assert data.height == expected.height
    assert data.get_column(VALUE).sum() == pytest.approx(expected.get_column("value_usd").sum(), abs=0.005)
    assert set(data.get_column("Komoditi")) == {"Surimi"}


def test_the_report_is_one_html_page_with_embedded_charts(dashboard: Page, tmp_path: Path) -> None:
    open_sidebar_expander(dashboard, "Unduh")
    path = click_download(dashboard, "Unduh laporan (1 halaman)", tmp_path)
    html = path.read_text(encoding="utf-8")
    assert "Laporan Ekspor Kota Pekalongan" in html
    assert SENTENCE in html
    images = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html)
    assert images, "no embedded PNG chart"
    for encoded in images:
        assert base64.b64decode(encoded).startswith(PNG_SIGNATURE)
    # Self-contained: nothing to fetch when it is opened offline or forwarded.
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_the_satu_data_csv_has_the_portal_header_and_the_selection_total(dashboard: Page, tmp_path: Path) -> None:
    open_sidebar_expander(dashboard, "Unduh")
    path = click_download(dashboard, "Format Satu Data (.csv)", tmp_path)
    raw = path.read_bytes()
    assert raw.split(b"\n", 1)[0].decode("utf-8") == SATU_DATA_HEADER  # byte for byte: no BOM, no quotes
    table = pl.read_csv(io.BytesIO(raw))
    assert set(table.get_column("tahun")) == {2020, 2021}
    assert set(table.get_column("satuan")) == {"USD"}
    # One row per year, commodity and destination, each rounded to the cent.
    expected = selected().get_column("value_usd").sum()
    assert table.get_column("nilai_ekspor").sum() == pytest.approx(expected, abs=0.005 * table.height)


def test_a_chart_png_is_a_large_png(dashboard: Page, tmp_path: Path) -> None:
    path = click_download(dashboard, "PNG", tmp_path, where='[data-testid="stMain"]')
    raw = path.read_bytes()
    assert path.name.startswith("grafik_") and path.suffix == ".png"
    assert path.stem.endswith(f"_2020-2021_surimi_{date.today().isoformat()}")
    assert raw.startswith(PNG_SIGNATURE)
    assert raw[12:16] == b"IHDR"
    width, height = struct.unpack(">II", raw[16:24])
    assert width >= 1600 and height > 0, (width, height)


def test_the_guide_offers_the_template_workbook(browser: Browser, server: str, tmp_path: Path) -> None:
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(server)
        wait_for_app(page)
        go_to(page, "Panduan")
        path = click_download(page, "Unduh templat kosong (.xlsx)", tmp_path, where='[data-testid="stMain"]')
        assert path.suffix == ".xlsx"
        sheets = fastexcel.read_excel(path.read_bytes()).sheet_names
        assert sheets == ["Data", "Target", "Petunjuk"]
        header = pl.read_excel(path, sheet_name="Data").columns
        assert "Nilai FOB (US$)" in header and "Negara Tujuan" in header
    finally:
        context.close()
