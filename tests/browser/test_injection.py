"""Hostile input in a real browser: a workbook whose file name, sheet name, title, headers and cells carry markdown
images, HTML, `javascript:` links and scripts is uploaded, and every page, the download panel, a chart tooltip and
the downloaded report are looked at. Nothing may fetch, pop up or link, and the hostile strings must show as the
literal text they are.

The browser context blocks every address but the test server's (conftest.new_context), but Playwright emits a
"request" event before routing decides, so a blocked attempt is still recorded; the positive control below proves
it with a page that makes such a request on purpose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import xlsxwriter
from playwright.sync_api import Browser, BrowserContext, Dialog, Page, Request, expect

from .conftest import (
    UPLOAD_INPUT,
    app_errors,
    chart_under,
    choose_option,
    clear_multiselect,
    download,
    go_to,
    metric_value,
    new_context,
    open_options,
    open_sidebar_expander,
    sidebar_multiselect,
    wait_for_app,
    wait_for_drawn,
)

MD_IMAGE = "![x](http://example.invalid/p.png)"
IMG = "<img src=x onerror=alert(1)>"
JS_LINK = "[x](javascript:alert(1))"
SCRIPT = "<script>alert(1)</script>"
HOSTILE = (MD_IMAGE, IMG, JS_LINK, SCRIPT)
FILE_NAME = f"{MD_IMAGE} {IMG}.xlsx"
SHEET_NAME = IMG  # Excel forbids []:*?/\ in sheet names; this one is allowed and 28 characters long
PAGES = ("Ringkasan", "Komoditi", "Negara Tujuan", "Eksportir", "Bulanan", "Kualitas Data", "Panduan", "Tentang")
INJECTED = 'img[src="x"], img[src^="http://example.invalid"], a[href^="javascript:"], script:has-text("alert(1)")'
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def hostile_workbook(path: Path) -> Path:
    """Twelve shipments in 2021 whose commodities, exporters and destinations are the hostile strings, a hostile
    title, two hostile extra headers (left out and reported), and one row whose value is a script (rejected)."""
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet(SHEET_NAME)
    ws.write(0, 0, f"Rekap ekspor {MD_IMAGE}")
    header = ["Tanggal", "Nama Perusahaan", "Jenis Eksportir", "Komoditi", "HS", "Negara Tujuan", "Berat (Kg)",
              "Nilai FOB (US$)", SCRIPT, JS_LINK]
    ws.write_row(2, 0, header)
    for i in range(12):
        ws.write_row(3 + i, 0, [
            f"2021-{1 + i % 9:02d}-15", HOSTILE[(i + 1) % 4] if i % 4 == 3 else f"PT Contoh {i % 4}", "UMKM",
            HOSTILE[i % 4], "52085290", (HOSTILE[(i + 2) % 4], "Singapura", "Jepang")[i % 3], 100,
            1000.0 * (i + 1), HOSTILE[(i + 3) % 4], IMG,
        ])
    ws.write_row(15, 0, ["2021-03-01", "PT Contoh 0", "UMKM", "Surimi", "0304", "Jepang", 5, SCRIPT, "", ""])
    wb.close()
    return path


@dataclass
class Recorder:
    """Every request to another host, and every dialog, in one browser context."""

    base_host: str
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def attach(self, context: BrowserContext) -> None:
        context.on("request", self._request)
        context.on("page", lambda page: page.on("dialog", self._dialog))

    def _request(self, request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss", "ftp") and parts.netloc != self.base_host:
            self.requests.append(request.url)

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


@contextmanager
def recorded(browser: Browser, base_host: str) -> Iterator[tuple[BrowserContext, Recorder]]:
    """A fresh browser context whose outside requests and dialogs are recorded; closed afterwards."""
    context = new_context(browser)
    recorder = Recorder(base_host)
    recorder.attach(context)
    try:
        yield context, recorder
    finally:
        context.close()


@dataclass
class Session:
    page: Page
    recorder: Recorder
    base: str


def assert_inert(page: Page, where: str) -> None:
    """No element that a hostile string could have become: an image, a script link, a script."""
    assert page.locator(INJECTED).count() == 0, f"{where}: {page.locator(INJECTED).evaluate_all('e => e.map(x => x.outerHTML)')}"


@pytest.fixture(scope="module")
def hostile(browser: Browser, server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    workbook = hostile_workbook(tmp_path_factory.mktemp("hostile") / "hostile.xlsx")
    with recorded(browser, urlsplit(server).netloc) as (context, recorder):
        page = context.new_page()
        page.goto(server)
        wait_for_app(page)
        page.locator(UPLOAD_INPUT).set_input_files(
            files=[{"name": FILE_NAME, "mimeType": XLSX_MIME, "buffer": workbook.read_bytes()}])
        expect(page.get_by_role("button", name=f"Remove {FILE_NAME}", exact=True)).to_be_visible()
        expect(metric_value(page, "Nilai ekspor 2021")).to_have_text("78,00 ribu USD")
        wait_for_drawn(page)
        yield Session(page, recorder, server)


def test_hostile_names_stay_text_on_every_page(hostile: Session) -> None:
    page, recorder = hostile.page, hostile.recorder
    go_to(page, "Ringkasan")
    assert_inert(page, "Ringkasan")

    # A bar's tooltip: vega-tooltip builds HTML from the datum; the name must arrive escaped.
    chart = chart_under(page, "Komoditi utama")
    bars = chart.locator("g.mark-rect path")
    expect(bars).to_have_count(4)
    tooltip = page.locator("#vg-tooltip-element")
    seen_in_tooltips = set()
    for i in range(4):
        bars.nth(i).hover()
        expect(tooltip).to_be_visible()
        expect(tooltip).to_contain_text("USD")
        seen_in_tooltips |= {h for h in HOSTILE if h in tooltip.inner_text()}
        assert_inert(page, f"tooltip of bar {i}")
    assert seen_in_tooltips == set(HOSTILE)

    open_sidebar_expander(page, "Unduh")
    expect(page.get_by_role("button", name="Data terpilih (.csv)")).to_be_visible()
    assert_inert(page, "Unduh panel")

    for title in PAGES:
        go_to(page, title)
        expect(page.get_by_role("heading", level=2).first).to_be_visible()
        assert_inert(page, title)
        assert app_errors(page).exceptions == [], title
        if title == "Kualitas Data":
            expect(metric_value(page, "Baris ditolak")).to_have_text("1")
            warnings = page.locator('[data-testid="stText"]').all_inner_texts()
            for h in HOSTILE:  # the unrecognised destinations, quoted in plain text
                assert any(h in w for w in warnings), (h, warnings)

    # The filter's options list the commodities as text, and the filter sentence quotes the chosen one.
    go_to(page, "Ringkasan")
    box = sidebar_multiselect(page, "Komoditi")
    open_options(page, box)
    options = page.get_by_role("option")
    expect(options.filter(has_text=SCRIPT)).to_have_count(1)
    assert set(HOSTILE) <= set(options.all_inner_texts())
    assert_inert(page, "Komoditi options")
    choose_option(page, box, IMG)
    page.keyboard.press("Escape")
    sentence = f"Semua tahun, komoditi {IMG}, semua negara tujuan, semua jenis eksportir, semua eksportir."
    expect(page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]', has_text=sentence)
           ).to_have_count(1)
    wait_for_drawn(page)
    assert_inert(page, "filtered Ringkasan")

    assert recorder.requests == [], recorder.requests
    assert recorder.dialogs == []

    # Positive control on this very page: a deliberate outside fetch and a deliberate dialog are both recorded.
    with page.expect_request("http://example.invalid/control.png"):
        page.evaluate("() => { new Image().src = 'http://example.invalid/control.png'; }")
    assert recorder.requests == ["http://example.invalid/control.png"]
    page.evaluate("() => alert('control')")
    assert recorder.dialogs == ["alert: control"]
    recorder.requests.clear()
    recorder.dialogs.clear()


def test_the_downloaded_report_runs_nothing(hostile: Session, browser: Browser, tmp_path: Path) -> None:
    page = hostile.page
    go_to(page, "Ringkasan")
    clear_multiselect(page, "Komoditi")  # the other tests may have left a filter: the report covers all
    wait_for_drawn(page)
    open_sidebar_expander(page, "Unduh")
    report = download(page, page.get_by_role("button", name="Unduh laporan (1 halaman)"), tmp_path)
    html = report.read_text(encoding="utf-8")
    assert "Laporan Ekspor Kota Pekalongan" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html or "&lt;img src=x onerror=alert(1)>" in html

    # set_content pages have no host: every fetch is an outside one
    with recorded(browser, "") as (context, recorder):
        viewer = context.new_page()
        # Positive control: a page that does fetch an outside image and does open a dialog is caught, although
        # the context's route blocks the address.
        with viewer.expect_request(re.compile(r"^http://example\.invalid/")):
            viewer.set_content('<img src="http://example.invalid/control.png"><script>alert("control")</script>')
        assert any(url.startswith("http://example.invalid/") for url in recorder.requests), recorder.requests
        assert recorder.dialogs == ["alert: control"]
        recorder.requests.clear()
        recorder.dialogs.clear()

        # The report as downloaded, then without its Content-Security-Policy: escaping alone must hold.
        without_csp = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
        assert without_csp != html
        for variant in (html, without_csp):
            viewer.set_content(variant, wait_until="load")
            expect(viewer.locator("h1")).to_have_text("Laporan Ekspor Kota Pekalongan")
            assert_inert(viewer, "report")
            text = viewer.locator("body").inner_text()
            shown = {h for h in HOSTILE if h in text}
            assert shown >= {IMG, SCRIPT}, shown  # the leading commodities and destinations, as text
        assert recorder.requests == []
        assert recorder.dialogs == []


def test_a_visit_asks_no_other_host(browser: Browser, server: str) -> None:
    """Not even for a favicon (a ":material/...:" page icon is fetched from Google's font servers)."""
    with recorded(browser, urlsplit(server).netloc) as (context, recorder):
        page = context.new_page()
        page.goto(server)
        wait_for_drawn(page)
        assert recorder.requests == []


def test_hostile_names_never_become_links(hostile: Session) -> None:
    """Markdown escaping does not stop GFM autolinks: an uploaded "http://..." shown through st.caption must stay
    text, not become a link to wherever the file says (nor show its escaping backslashes)."""
    page = hostile.page
    go_to(page, "Ringkasan")
    clear_multiselect(page, "Komoditi")
    wait_for_drawn(page)
    box = sidebar_multiselect(page, "Komoditi")
    choose_option(page, box, MD_IMAGE)
    page.keyboard.press("Escape")
    expect(box.locator("[data-tag]")).to_have_count(1)
    # Wait for the sentence of the new run: the previous run's ("semua komoditi") also says "komoditi".
    sentence = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]', has_text="komoditi ![x]")
    expect(sentence).to_have_count(1)
    wait_for_drawn(page)
    assert shown_text(sentence) == (
        f"Semua tahun, komoditi {MD_IMAGE}, semua negara tujuan, semua jenis eksportir, semua eksportir.")
    caption = page.locator('[data-testid="stSidebar"] [data-testid="stCaptionContainer"]', has_text="Sumber data")
    assert shown_text(caption) == f"Sumber data: {FILE_NAME}"
    assert outside_links(page, hostile.base) == []

    clear_multiselect(page, "Komoditi")
    wait_for_drawn(page)
    go_to(page, "Negara Tujuan")
    not_on_map = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]',
                              has_text="Tidak tergambar di peta")
    expect(not_on_map).to_have_count(1)
    for h in HOSTILE:
        assert h in shown_text(not_on_map), (h, shown_text(not_on_map))
    assert outside_links(page, hostile.base) == []


def shown_text(locator) -> str:
    """What a reader sees: the text without the invisible word joiners (U+2060) the app may put in to break
    autolinks."""
    return locator.inner_text().replace("\u2060", "").strip()


def outside_links(page: Page, base: str) -> list[str]:
    """Every link on the page that leads out of the app."""
    # e.href is the address the link resolves to: a page link ("kualitas") is the app's own page.
    hrefs = page.locator('[data-testid="stSidebar"] a[href], [data-testid="stMain"] a[href]').evaluate_all(
        "els => els.map(e => e.getAttribute('href').startsWith('#') ? '#' : e.href)")
    return [href for href in hrefs if not (href.startswith("#") or href.startswith(base))]
