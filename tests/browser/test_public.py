"""The public view in a real browser: a public link opened (with an exporter's name smuggled into its URL), every
page visited, every download clicked. No exporter name, no pseudonym, no file or sheet name and no figure of a
single exporter may appear in the DOM, in the websocket frames the server sends, or in any downloaded file.

The dataset is an SKA register written by xlsxwriter, read by the app's reader and saved in the server's own
on-disk store, as an upload would be: 2021 and 2022 with six small firms and one that makes ~94% of each year,
and 2023 with two firms only. Its single-exporter figures (every shipment, every firm's yearly total, every
cell of any table made by one firm) are computed here from the rows written.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import NamedTuple

import pytest
import xlsxwriter
from playwright.sync_api import Browser, Page, expect

from pekalongan.confidential import public_dataset
from pekalongan.format import number_id, usd
from pekalongan.ingest import load
from pekalongan.store import Store

from .conftest import download, go_to, new_context, open_sidebar_expander, serve, wait_for_drawn

FILE_NAME = "rekap_ska_rahasia_kantor.xlsx"
SHEET_NAME = "Lembar Internal Dinas"
BIG = "PT Raksasa Samudra Sejahtera"
PAGES = ("Ringkasan", "Komoditi", "Negara Tujuan", "Eksportir", "Bulanan", "Kualitas Data", "Panduan", "Tentang")
PSEUDONYM = re.compile(r"Eksportir \d")
TYPE_WORDS = {"umkm": "UMKM", "established": "Besar"}


class Row(NamedTuple):
    day: date
    exporter: str
    kind: str
    commodity: str
    destination: str
    value: float


def shipments() -> list[Row]:
    rng = random.Random(14)
    rows = []
    for year in (2021, 2022):
        for i in range(6):
            for month in (1, 5, 9):
                rows.append(Row(date(year, month, 2 + i), f"CV Batik Halus Nomor {i}", "umkm",
                                ("Kain Batik", "Surimi")[i % 2], ("Singapura", "Malaysia")[i % 2],
                                round(rng.uniform(1e3, 5e3), 2)))
        for month in (2, 7, 12):
            rows.append(Row(date(year, month, 20), BIG, "established", "Surimi", "Singapura",
                            round(rng.uniform(3e5, 4e5), 2)))
    for month, who in ((3, "PT Dua Sekawan Abadi"), (8, "PT Tiga Serangkai Jaya"), (11, "PT Dua Sekawan Abadi")):
        rows.append(Row(date(2023, month, 9), who, "established", "Surimi", "Jepang", round(rng.uniform(2e4, 9e4), 2)))
    return rows


def register(rows: list[Row]) -> bytes:
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = wb.add_worksheet(SHEET_NAME)
    ws.write(0, 0, "REKAPITULASI SKA KOTA PEKALONGAN")
    header = ["No", "Tanggal", "Nama Perusahaan", "Jenis Eksportir", "Komoditi", "Negara Tujuan", "Nilai FOB (US$)"]
    ws.write_row(2, 0, header)
    dates = wb.add_format({"num_format": "dd/mm/yyyy"})
    for r, row in enumerate(rows, start=3):
        ws.write_number(r, 0, r - 2)
        ws.write_datetime(r, 1, row.day, dates)
        ws.write_row(r, 2, [row.exporter, TYPE_WORDS[row.kind], row.commodity, row.destination])
        ws.write_number(r, 6, row.value)
    wb.close()
    return buffer.getvalue()


def single_exporter_values(rows: list[Row]) -> set[float]:
    """Every shipment, every firm's yearly total, and every cell of any table (year with any of commodity,
    destination, type, month) that one firm makes up."""
    keys = {
        "year": lambda r: (r.day.year,), "month": lambda r: (r.day.year, r.day.month),
        "commodity": lambda r: (r.day.year, r.commodity), "destination": lambda r: (r.day.year, r.destination),
        "type": lambda r: (r.day.year, r.kind), "cd": lambda r: (r.day.year, r.commodity, r.destination),
        "ct": lambda r: (r.day.year, r.commodity, r.kind), "dt": lambda r: (r.day.year, r.destination, r.kind),
        "cdt": lambda r: (r.day.year, r.commodity, r.destination, r.kind),
    }
    values = {r.value for r in rows}
    for key in keys.values():
        cells: dict[tuple, dict[str, float]] = {}
        for r in rows:
            per = cells.setdefault(key(r), {})
            per[r.exporter] = per.get(r.exporter, 0.0) + r.value
        for per in cells.values():
            values |= set(per.values())  # each firm's part of a cell
    return {round(v, 2) for v in values}


def spellings(value: float) -> list[str]:
    """How a figure can be written: in the page (1.234.567,89; a card or a tooltip: 1,23 juta USD), in a file
    (1234567.89, 1234567,89), in a chart's data (1234567.8899999 begins with the integer part and a point; its
    tooltip says 1.234.568 USD)."""
    whole = f"{value:.2f}"
    out = [whole, whole.replace(".", ","), number_id(value, 2, "id"), number_id(value, 2, "en"), usd(value, "id")]
    if value >= 10_000:  # long enough that its integer part names it (a chart's tooltip: 26.600 USD)
        out += [f"{int(value)}.", f"{number_id(value, 0, 'id')} USD"]
    return out


class Public(NamedTuple):
    base: str
    token: str
    rows: list[Row]


@pytest.fixture(scope="module")
def public_link(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Public]:
    root = tmp_path_factory.mktemp("public")
    rows = shipments()
    with serve(root) as base:
        saved = Store(root / "store").save(load([(FILE_NAME, register(rows))]))
        yield Public(base, saved.public_token, rows)


def texts_of(path: Path) -> str:
    """A downloaded file as text (an XLSX: all its XML parts)."""
    data = path.read_bytes()
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "\n".join(z.read(name).decode("utf-8", "replace") for name in z.namelist())
    return data.decode("utf-8", "replace")


def without_geometry(html: str) -> str:
    """The DOM without SVG geometry (path data and transforms are coordinates such as "4,110.07", not figures)."""
    return re.sub(r'\s(d|transform|points)="[^"]*"', "", html)


def click_everything(page: Page, folder: Path) -> tuple[list[str], list[Path]]:
    """Every page's DOM, and every file its download buttons give."""
    doms, files = [], []
    for title in PAGES:
        go_to(page, title)
        for button in page.locator('[data-testid="stMain"] [data-testid="stDownloadButton"] button').filter(
                visible=True).all():
            files.append(download(page, button, folder))
        doms.append(without_geometry(page.content()))
    panel = open_sidebar_expander(page, "Unduh")
    buttons = panel.locator('[data-testid="stDownloadButton"] button').filter(visible=True)
    expect(buttons).to_have_count(4)
    for button in buttons.all():
        files.append(download(page, button, folder))
    doms.append(without_geometry(page.content()))
    return doms, files


def test_a_public_link_shows_no_name_no_file_and_no_single_exporter_figure(
    browser: Browser, public_link: Public, tmp_path: Path
) -> None:
    context = new_context(browser)
    frames: list[bytes] = []
    page = context.new_page()
    page.on("websocket", lambda ws: ws.on(
        "framereceived", lambda payload: frames.append(payload if isinstance(payload, bytes) else payload.encode())))
    try:
        # A viewer tries to filter on the big firm through the URL: the public view must not take it.
        page.goto(f"{public_link.base}/?data={public_link.token}&eksportir={BIG.replace(' ', '+')}")
        wait_for_drawn(page)
        expect(page.locator("[data-testid=\"stMain\"]").get_by_text("Tampilan publik:", exact=False)).to_be_visible()
        expect(page).not_to_have_url(re.compile("eksportir="))
        doms, files = click_everything(page, tmp_path)
    finally:
        context.close()

    assert len(files) >= 6  # the four in the panel and the charts' PNGs
    names = {r.exporter for r in public_link.rows} | {FILE_NAME, FILE_NAME.removesuffix(".xlsx"), SHEET_NAME}
    everything = {"DOM": "\n".join(doms), "websocket": b"\n".join(frames).decode("utf-8", "replace")}
    everything |= {f"file {f.name}": texts_of(f) for f in files}
    assert len(everything["websocket"]) > 10_000  # the frames were recorded
    for where, text in everything.items():
        for name in names:
            assert name not in text, (where, name)
        assert not PSEUDONYM.search(text), (where, PSEUDONYM.search(text).group(0))
    forbidden = single_exporter_values(public_link.rows)
    for where, text in everything.items():
        for value in forbidden:
            for spelled in spellings(value):
                at = text.find(spelled)
                assert at < 0, (where, value, spelled, text[max(at - 300, 0): at + 100])
    # Positive control: the published figures are found, spelled the same ways, in the frames and the files, so
    # the search above would have found a single exporter's figure had it been sent.
    dataset = load([(FILE_NAME, register(public_link.rows))])
    published = {round(c.value, 2) for cells in public_dataset(dataset).protection.tables.values()
                 for c in cells.values() if c.value is not None and c.value >= 10_000}
    assert published
    for where in ("websocket", *[w for w in everything if w.endswith(".csv")]):
        assert any(sp in everything[where] for v in published for sp in spellings(v)), where
    assert "dirahasiakan" in everything["DOM"]
