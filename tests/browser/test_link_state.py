"""What a link carries besides the page, in real browsers: filters as codes (a link made in English opens with
the same filters in Indonesian, and an old link with today's labels still opens), targets typed by hand (a
colleague sees the sender's target and achievement, and where they came from), the CSV download after a language
switch, and an upload over the sample taking its own years (the uploader and the link show the same figures).

Each official is a fresh browser context. Expected figures are computed here from the files, not by the app.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit, urlunsplit

import polars as pl
from playwright.sync_api import Browser, Page, expect

from pekalongan import format as fmt
from pekalongan.ingest import load_paths, load_sample

from .conftest import (
    DATA,
    app_errors,
    card_texts,
    download,
    metric_value,
    new_context,
    open_sidebar_expander,
    pick,
    sidebar_multiselect,
    upload_files,
    wait_for_app,
    wait_for_drawn,
)

SAMPLE = load_sample().records
CARD_2022 = {"id": "Nilai ekspor 2022", "en": "Exports 2022"}
SLIDER_THUMBS = '[data-testid="stSidebar"] [data-testid="stSlider"] [data-testid="stSliderThumbValue"]'


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def with_query(url: str, **params: list[str] | None) -> str:
    """The same address with some parameters replaced (None: removed)."""
    current = query(url)
    for key, values in params.items():
        if values is None:
            current.pop(key, None)
        else:
            current[key] = values
    parts = urlsplit(url)
    pairs = "&".join(f"{k}={v}" for k, values in current.items() for v in values)
    return urlunsplit(parts._replace(query=pairs))


def opened(browser: Browser, url: str) -> tuple:
    context = new_context(browser)
    page = context.new_page()
    page.goto(url)
    wait_for_drawn(page)
    return context, page


def chips(page: Page, label: str):
    return sidebar_multiselect(page, label).locator("[data-tag]")


def test_a_link_made_in_english_opens_with_the_same_filters_in_indonesian(browser: Browser, server: str) -> None:
    chosen = SAMPLE.filter((pl.col("year") == 2022) & (pl.col("destination") == "SGP")
                           & (pl.col("exporter_type") == "umkm"))
    value = chosen.get_column("value_usd").sum()
    assert value > 0
    context, page = opened(browser, f"{server}/negara?bahasa=en")
    try:
        pick(page, "Destination", "Singapore")
        pick(page, "Exporter type", "MSMEs (UMKM)")
        expect(page).to_have_url(re.compile(r"jenis=umkm"))
        wait_for_app(page)
        made_in_english = page.url
        assert query(made_in_english) == {"bahasa": ["en"], "negara": ["SGP"], "jenis": ["umkm"]}
        assert urlsplit(made_in_english).path == "/negara"
    finally:
        context.close()

    # A colleague reads Indonesian: the same link with the language switched, then without it at all.
    for url in (with_query(made_in_english, bahasa=["id"]), with_query(made_in_english, bahasa=None)):
        context, page = opened(browser, url)
        try:
            expect(chips(page, "Negara tujuan")).to_have_text(["Singapura"])
            expect(chips(page, "Jenis eksportir")).to_have_text(["UMKM"])
            expect(page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]',
                                has_text="negara tujuan Singapura, eksportir UMKM")).to_have_count(1)
            page.get_by_role("link", name="Ringkasan").click()
            expect(metric_value(page, CARD_2022["id"])).to_have_text(fmt.usd(value, "id"))
            wait_for_app(page)
            assert query(page.url) == {"negara": ["SGP"], "jenis": ["umkm"]}, page.url
            assert app_errors(page) == ([], [])
        finally:
            context.close()

    # And back: the Indonesian link opened in English shows the English card of the same figure.
    context, page = opened(browser, with_query(made_in_english, bahasa=None).replace("/negara", "/"))
    try:
        page.locator('[data-testid="stButtonGroup"] button', has_text="English").click()
        expect(metric_value(page, CARD_2022["en"])).to_have_text(fmt.usd(value, "en"))
        expect(chips(page, "Destination")).to_have_text(["Singapore"])
        expect(chips(page, "Exporter type")).to_have_text(["MSMEs (UMKM)"])
        wait_for_app(page)
        assert query(page.url)["bahasa"] == ["en"]
    finally:
        context.close()


def test_a_link_sent_with_todays_labels_still_opens(browser: Browser, server: str) -> None:
    value = SAMPLE.filter((pl.col("year") == 2022) & (pl.col("destination") == "SGP")
                          & (pl.col("exporter_type") == "umkm")).get_column("value_usd").sum()
    context, page = opened(browser, f"{server}/?negara=Singapura&jenis=UMKM&bahasa=English")
    try:
        expect(metric_value(page, CARD_2022["en"])).to_have_text(fmt.usd(value, "en"))
        expect(chips(page, "Destination")).to_have_text(["Singapore"])
        wait_for_app(page)
        assert query(page.url) == {"bahasa": ["en"], "negara": ["SGP"], "jenis": ["umkm"]}  # rewritten as codes
    finally:
        context.close()


def type_into_targets(page: Page, row: int, column: int, text: str) -> None:
    """Type `text` into the targets editor's cell (row, column), as an official would: click it, Enter, type,
    Enter. The grid is a canvas; its accessible twin says which cell the click selected."""
    expander = page.locator('[data-testid="stExpander"]', has_text="Target dan kurs per tahun")
    details = expander.locator("details")
    if details.get_attribute("open") is None:
        expander.locator("summary").click()
    grid = expander.locator('[data-testid="stDataFrame"]')
    expect(grid.locator(f"#glide-cell-0-{row}")).to_be_attached()
    selected = grid.locator(f'#glide-cell-{column}-{row}[aria-selected="true"]')
    widths = [0.0, 0.2, 0.46, 0.72, 1.0]  # the four columns' share of the grid's width, roughly
    for attempt in range(4):  # the panel may still be opening, or a rerun moving the grid, when it is measured
        if attempt:
            wait_for_app(page)
            print(f"the click on the targets cell {column},{row} selected nothing; clicking once more",
                  file=sys.stderr)
        canvas = grid.locator("canvas").first
        canvas.scroll_into_view_if_needed()
        box = canvas.bounding_box()
        x = box["x"] + box["width"] * (widths[column] + widths[column + 1]) / 2
        y = box["y"] + 35 * (row + 1) + 17  # under the header, in the middle of the row (35 px rows)
        page.mouse.click(x, y)  # the grid's scroller lies over its canvas and takes the click, as for a user
        try:
            expect(selected).to_be_attached(timeout=5_000)
            break
        except AssertionError:
            continue
    expect(selected).to_be_attached()
    page.keyboard.press("Enter")
    editor = page.locator("#portal input, #portal textarea").first  # the grid's overlay editor
    expect(editor).to_be_visible()
    editor.fill(text)
    editor.press("Enter")


def test_typed_targets_travel_with_the_link(browser: Browser, server: str) -> None:
    value_2019 = SAMPLE.filter(pl.col("year") == 2019).get_column("value_usd").sum()
    assert value_2019 == 22_926_000  # the published figure; the sample has no 2019 target
    context, page = opened(browser, f"{server}/?tahun=2019&tahun=2019")
    try:
        expect(metric_value(page, "Target")).to_have_text("-")
        type_into_targets(page, row=1, column=1, text="25000000")  # 2019, Target (USD)
        expect(metric_value(page, "Target")).to_have_text("25,00 juta USD")
        wait_for_app(page)
        sender = card_texts(page)
        assert sender["Capaian target"] == fmt.pct(value_2019 / 25_000_000 * 100) == "91,70%"
        link = page.url
        typed = query(link)["target"]
        assert len(typed) == 1 and re.fullmatch(r"2019_usd_25000000_\d{4}-\d{2}-\d{2}", typed[0]), link
        day = typed[0].rsplit("_", 1)[1]
    finally:
        context.close()

    context, page = opened(browser, link)  # the colleague
    try:
        expect(metric_value(page, "Target")).to_have_text("25,00 juta USD")
        wait_for_drawn(page)
        assert card_texts(page) == sender
        expander = open_sidebar_expander_main(page, "Target dan kurs per tahun")
        captions = expander.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
        assert "Target dan kurs: angka yang dipublikasikan (data contoh)." in captions, captions
        assert any(c.startswith("Diketik manual: target (USD) 2019 pada ") for c in captions), captions
        assert int(day[-2:]) == int(next(c for c in captions if c.startswith("Diketik")).split(" pada ")[1].split()[0])
        # Empty cells say "-", never "None".
        assert "None" not in expander.inner_text()
        assert app_errors(page) == ([], [])
    finally:
        context.close()


def open_sidebar_expander_main(page: Page, title: str):
    expander = page.locator('[data-testid="stMain"] [data-testid="stExpander"]').filter(has_text=title)
    if expander.locator("details").get_attribute("open") is None:
        expander.locator("summary").click()
    expect(expander.locator("details")).to_have_attribute("open", "")
    return expander


def test_the_csv_downloads_after_a_language_switch(browser: Browser, server: str, tmp_path: Path) -> None:
    expected = SAMPLE.filter((pl.col("commodity") == "Surimi") & pl.col("year").is_between(2020, 2021))
    context, page = opened(browser, f"{server}/?komoditi=Surimi&tahun=2020&tahun=2021")
    try:
        panel = open_sidebar_expander(page, "Unduh")
        panel.get_by_role("radio", name=re.compile("koma ,")).check(force=True)  # the radio's input is hidden
        expect(panel.get_by_role("radio", name=re.compile("koma ,"))).to_be_checked()
        wait_for_app(page)
        page.locator('[data-testid="stButtonGroup"] button', has_text="English").click()
        expect(page.locator('[data-testid="stSidebar"] [data-testid="stExpander"]', has_text="Download")
               ).to_have_count(1)
        wait_for_app(page)  # the panel stays open under its English title (it has a key of its own)
        panel = page.locator('[data-testid="stSidebar"] [data-testid="stExpander"]').filter(has_text="Download")
        expect(panel.locator("details")).to_have_attribute("open", "")
        expect(panel.get_by_role("radio", name=re.compile("comma ,"))).to_be_checked()  # the choice carried over
        wait_for_app(page)
        path = download(page, panel.get_by_role("button", name="Selected data (.csv)", exact=True), tmp_path)
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        header = raw[3:].split(b"\r\n", 1)[0]
        assert header.count(b",") >= 10 and b";" not in header
        table = pl.read_csv(io.BytesIO(raw[3:]), separator=",")
        assert table.height == expected.height
        assert round(table.get_column("FOB value (US$)").sum(), 2) == round(expected.get_column("value_usd").sum(), 2)

        # Semicolons chosen in English, and back to Indonesian.
        panel.get_by_role("radio", name=re.compile("semicolon")).check(force=True)
        page.locator('[data-testid="stButtonGroup"] button', has_text="Indonesia").click()
        expect(page.locator('[data-testid="stSidebar"] [data-testid="stExpander"]', has_text="Unduh")).to_have_count(1)
        wait_for_app(page)
        panel = page.locator('[data-testid="stSidebar"] [data-testid="stExpander"]').filter(has_text="Unduh")
        expect(panel.locator("details")).to_have_attribute("open", "")
        expect(panel.get_by_role("radio", name=re.compile("titik koma"))).to_be_checked()
        path = download(page, panel.get_by_role("button", name="Data terpilih (.csv)", exact=True), tmp_path)
        raw = path.read_bytes()
        assert raw[3:].split(b"\r\n", 1)[0].count(b";") >= 10
        table = pl.read_csv(io.BytesIO(raw[3:]), separator=";", decimal_comma=True)
        assert table.height == expected.height
        assert app_errors(page) == ([], [])
    finally:
        context.close()


def test_an_upload_over_the_sample_takes_its_own_years_and_the_link_agrees(browser: Browser, server: str) -> None:
    upload = load_paths([DATA / "bps_wide_komoditi.xlsx"]).records
    assert sorted(upload.get_column("year").unique().to_list()) == [2019, 2020, 2021, 2022, 2023]
    last = fmt.usd(upload.filter(pl.col("year") == 2023).get_column("value_usd").sum())
    context, page = opened(browser, server)
    try:
        expect(page.locator(SLIDER_THUMBS)).to_have_text(["2018", "2022"])  # the sample's years
        upload_files(page, DATA / "bps_wide_komoditi.xlsx")
        expect(metric_value(page, "Nilai ekspor 2023")).to_have_text(last)
        expect(page.locator(SLIDER_THUMBS)).to_have_text(["2019", "2023"])
        expect(page).to_have_url(re.compile(r"[?&]data="))
        wait_for_drawn(page)
        uploader = card_texts(page)
        link = page.url
        assert set(query(link)) == {"data"}, link
    finally:
        context.close()
    context, page = opened(browser, link)
    try:
        expect(metric_value(page, "Nilai ekspor 2023")).to_have_text(last)
        wait_for_drawn(page)
        assert card_texts(page) == uploader
    finally:
        context.close()


def test_a_selection_carries_over_to_an_upload_only_where_the_upload_has_it(browser: Browser, server: str) -> None:
    upload = load_paths([DATA / "bps_wide_komoditi.xlsx"]).records
    assert "Kerupuk Ikan" not in upload.get_column("commodity").to_list()
    surimi_2021 = upload.filter((pl.col("year") == 2021) & (pl.col("commodity") == "Surimi"))
    context, page = opened(browser, f"{server}/?tahun=2020&tahun=2021&komoditi=Kerupuk Ikan&komoditi=Surimi")
    try:
        expect(chips(page, "Komoditi")).to_have_text(["Kerupuk Ikan", "Surimi"])
        upload_files(page, DATA / "bps_wide_komoditi.xlsx")
        expect(metric_value(page, "Nilai ekspor 2021")).to_have_text(fmt.usd(surimi_2021.get_column("value_usd").sum()))
        expect(chips(page, "Komoditi")).to_have_text(["Surimi"])
        expect(page.locator(SLIDER_THUMBS)).to_have_text(["2020", "2021"])
        wait_for_drawn(page)
        uploader, link = card_texts(page), page.url
        assert query(link)["komoditi"] == ["Surimi"] and query(link)["tahun"] == ["2020", "2021"], link
    finally:
        context.close()
    context, page = opened(browser, link)
    try:
        expect(metric_value(page, "Nilai ekspor 2021")).to_have_text(uploader["Nilai ekspor 2021"])
        wait_for_drawn(page)
        assert card_texts(page) == uploader
    finally:
        context.close()


def test_a_click_on_a_bar_filters_and_the_link_carries_it(browser: Browser, server: str) -> None:
    surimi_2022 = SAMPLE.filter((pl.col("year") == 2022) & (pl.col("commodity") == "Surimi"))
    context, page = opened(browser, f"{server}/komoditi")
    try:
        bar = page.locator('[data-testid="stVegaLiteChart"] path[aria-label*="label: Surimi;"]').first
        bar.click(force=True)  # the chart's svg lies over its marks for the pointer; vega takes the click
        expect(chips(page, "Komoditi")).to_have_text(["Surimi"])
        expect(page).to_have_url(re.compile(r"/komoditi\?komoditi=Surimi$"))
        wait_for_app(page)
        link = page.url
    finally:
        context.close()
    context, page = opened(browser, link.replace("/komoditi", "/"))
    try:
        expect(metric_value(page, "Nilai ekspor 2022")).to_have_text(fmt.usd(surimi_2022.get_column("value_usd").sum()))
        expect(chips(page, "Komoditi")).to_have_text(["Surimi"])
    finally:
        context.close()
