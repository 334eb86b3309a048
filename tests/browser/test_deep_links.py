"""A link to any page, with filters, opens that page with those filters and its figures, whatever the server has
done before: as the very first request of a freshly started server, on a warm server after other sessions, and
several at once. Each browser is a fresh context (another official's machine, no cookies, no session).

The dataset behind the links (three SKA files, 2020-2022) is saved into the server's store by the test itself,
as an upload would have saved it; the expected figures are computed here from the files, not by the app.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlencode, urlsplit

import polars as pl
import pytest
from playwright.sync_api import Browser, Page, expect

from pekalongan import format as fmt
from pekalongan.filters import Filters
from pekalongan.ingest import Dataset, load_paths
from pekalongan.store import Store
from pekalongan.ui.widgets import destination_labels

from .conftest import (
    DATA,
    app_errors,
    metric_value,
    nav_link,
    new_context,
    serve,
    sidebar_multiselect,
    wait_for_app,
    wait_for_drawn,
)

FILES = [DATA / "ska_2020.xlsx", DATA / "ska_2021_semicolon_id.csv", DATA / "ska_2022_comma_en.csv"]
FILTERS = Filters(year_from=2020, year_to=2021, commodities=("Surimi",), destinations=("KOR",))
QUERY = {"tahun": ["2020", "2021"], "komoditi": ["Surimi"], "negara": ["KOR"]}
PAGES = {  # url_path -> the title in the top navigation
    "ringkasan": "Ringkasan", "komoditi": "Komoditi", "negara": "Negara Tujuan", "eksportir": "Eksportir",
    "bulanan": "Bulanan", "kualitas": "Kualitas Data", "panduan": "Panduan", "tentang": "Tentang",
}
SAMPLE_NOTICE = '[data-testid="stAlertContentInfo"]:has-text("data contoh")'
NOT_VALID = '[data-testid="stAlertContentWarning"]:has-text("tidak berlaku")'
SENTENCE = '[data-testid="stMain"] [data-testid="stCaptionContainer"]'
CHART = '[data-testid="stVegaLiteChart"]'


class Expected(NamedTuple):
    """What every deep link must show, computed from the files without the app."""

    dataset: Dataset
    card_2021: str  # "Nilai ekspor 2021" of the selection
    kept: str  # "Baris dipakai" of the whole dataset
    sentence: str  # the filter sentence above the charts
    korea: str  # the destination's chip


def expected() -> Expected:
    dataset = load_paths(FILES)
    records = dataset.records
    chosen = records.filter((pl.col("commodity") == "Surimi") & (pl.col("destination") == "KOR"))
    value_2021 = chosen.filter(pl.col("year") == 2021).get_column("value_usd").sum()
    assert value_2021 > 0 and chosen.filter(pl.col("year") == 2020).height > 0
    names = destination_labels(records, "id")
    return Expected(dataset, fmt.usd(value_2021), fmt.number_id(records.height), FILTERS.describe("id", names),
                    names["KOR"])


EXPECTED = expected()


def link(base: str, token: str, page_path: str) -> str:
    return f"{base}/{page_path}?{urlencode({'data': [token], **QUERY}, doseq=True)}"


def check_page(page: Page, page_path: str, token: str) -> None:
    """The page asked for, the link's data and filters, and the figures they give."""
    title = PAGES[page_path]
    expect(nav_link(page, title)).to_have_attribute("aria-current", "page")
    wait_for_drawn(page)
    # The default page is shown at "/" whichever of its two addresses was asked for.
    assert urlsplit(page.url).path == ("/" if page_path == "ringkasan" else f"/{page_path}"), page.url
    query = urlsplit(page.url).query
    assert f"data={token}" in query and "komoditi=Surimi" in query and "negara=KOR" in query, page.url
    assert "tahun=2020&tahun=2021" in query, page.url
    expect(page.locator(SAMPLE_NOTICE)).to_have_count(0)
    expect(page.locator(NOT_VALID)).to_have_count(0)
    expect(sidebar_multiselect(page, "Komoditi").locator("[data-tag]")).to_have_text(["Surimi"])
    expect(sidebar_multiselect(page, "Negara tujuan").locator("[data-tag]")).to_have_text([EXPECTED.korea])
    expect(slider_thumbs(page)).to_have_text(["2020", "2021"])
    if page_path in ("ringkasan", "komoditi", "negara", "eksportir", "bulanan"):
        expect(page.locator(SENTENCE, has_text=EXPECTED.sentence)).to_have_count(1)
    if page_path == "ringkasan":
        expect(metric_value(page, "Nilai ekspor 2021")).to_have_text(EXPECTED.card_2021)
        expect(metric_value(page, "Komoditi 2021")).to_have_text("1")
    elif page_path == "kualitas":
        expect(metric_value(page, "Baris dipakai")).to_have_text(EXPECTED.kept)
    elif page_path == "komoditi":
        # The ranked chart's axis names the one commodity selected, out of the data's five.
        expect(page.locator(f'{CHART} [aria-roledescription="axis"][aria-label$="1 value: Surimi"]').first
               ).to_be_attached()
        expect(page.locator(f'{CHART} [aria-roledescription="axis"][aria-label*="Sarung Batik"]')).to_have_count(0)
    assert app_errors(page) == ([], []), page_path


def slider_thumbs(page: Page):
    """The year slider's two thumbs, as the official reads them."""
    return page.locator('[data-testid="stSidebar"] [data-testid="stSlider"] [data-testid="stSliderThumbValue"]')


def saved_token(store_root: Path) -> str:
    return Store(store_root).save(EXPECTED.dataset).token


def test_a_deep_link_is_the_first_request_of_a_cold_server_and_others_follow(browser: Browser,
                                                                               tmp_path: Path) -> None:
    token = saved_token(tmp_path / "store")  # serve(tmp_path) keeps its store there
    with serve(tmp_path) as base:
        for page_path in ("negara", "eksportir"):  # the first request, then the second one
            context = new_context(browser)
            try:
                page = context.new_page()
                page.goto(link(base, token, page_path))
                wait_for_app(page)
                check_page(page, page_path, token)
            finally:
                context.close()


def test_deep_links_to_every_page_on_a_warm_server(browser: Browser, server: str, server_root: Path) -> None:
    token = saved_token(server_root / "store")
    # Other officials have been here before: one on the sample, one who moved between pages of the link.
    for url, then in ((server, "Komoditi"), (link(server, token, "bulanan"), "Ringkasan")):
        context = new_context(browser)
        try:
            page = context.new_page()
            page.goto(url)
            wait_for_app(page)
            nav_link(page, then).click()
            expect(nav_link(page, then)).to_have_attribute("aria-current", "page")
            wait_for_app(page)
        finally:
            context.close()
    for page_path in PAGES:
        context = new_context(browser)
        try:
            page = context.new_page()
            page.goto(link(server, token, page_path))
            wait_for_app(page)
            check_page(page, page_path, token)
        finally:
            context.close()


def test_the_link_survives_clicks_through_the_pages(browser: Browser, server: str, server_root: Path) -> None:
    token = saved_token(server_root / "store")
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(link(server, token, "komoditi"))
        wait_for_app(page)
        check_page(page, "komoditi", token)
        for page_path in ("kualitas", "ringkasan", "negara"):
            nav_link(page, PAGES[page_path]).click()
            expect(page).to_have_url(re.compile(rf"/{'' if page_path == 'ringkasan' else page_path}\?.*data={token}"))
            check_page(page, page_path, token)
    finally:
        context.close()


@pytest.mark.parametrize("server_state", ["cold", "warm"])
def test_several_deep_links_at_once(browser: Browser, tmp_path: Path, server_state: str) -> None:
    token = saved_token(tmp_path / "store")
    paths = ["komoditi", "kualitas", "ringkasan", "negara"]
    with serve(tmp_path) as base:
        if server_state == "warm":
            context = new_context(browser)
            try:
                page = context.new_page()
                page.goto(link(base, token, "tentang"))
                wait_for_app(page)
            finally:
                context.close()
        contexts = [new_context(browser) for _ in paths]
        try:
            pages = [context.new_page() for context in contexts]
            for page, page_path in zip(pages, paths, strict=True):
                page.goto(link(base, token, page_path), wait_until="commit")  # all of them before any has run
            for page, page_path in zip(pages, paths, strict=True):
                wait_for_app(page)
                check_page(page, page_path, token)
        finally:
            for context in contexts:
                context.close()
