"""Share links in real browsers: the address bar after an upload and a filter is the link, and a second browser
(no cookies, no session) that opens it sees exactly the same view, and keeps it from page to page; the
"Bagikan" panel's public link hides names; a mistyped or revoked link is one friendly sentence over the sample;
a deep link to a page is the very first request a freshly started server gets; after a reload the uploader gets
the public link back with the revocation key they kept.

Each browser is its own context, as two officials on two machines would be. The cards are compared as the
browsers print them, so a difference in data, filter or number format shows up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit, urlunsplit

import polars as pl
import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from pekalongan import format as fmt
from pekalongan.ingest import load_paths, load_sample
from pekalongan.store import Store, valid_token

from .conftest import (
    DATA,
    app_errors,
    card_texts,
    chart_under,
    metric_value,
    nav_link,
    new_context,
    open_sidebar_expander,
    pick,
    serve,
    sidebar_multiselect,
    upload_files,
    wait_for_app,
    wait_for_drawn,
)

SKA_2020 = DATA / "ska_2020.xlsx"
SKA_2022 = DATA / "ska_2022_comma_en.csv"
SAMPLE_NOTICE = '[data-testid="stAlertContentInfo"]:has-text("data contoh")'
PUBLIC_NOTICE = '[data-testid="stAlertContentInfo"]:has-text("Tampilan publik")'
NOT_VALID = '[data-testid="stAlertContentWarning"]:has-text("tidak berlaku")'
SHARE = "Bagikan tampilan ini"
CHART = '[data-testid="stVegaLiteChart"]'
SOURCE_CAPTION = '[data-testid="stSidebar"] [data-testid="stCaptionContainer"]'


def records(path: Path) -> pl.DataFrame:
    return load_paths([path]).records


def token_of(url: str) -> str:
    token = parse_qs(urlsplit(url).query).get("data", [])
    assert len(token) == 1 and valid_token(token[0]), f"no token in {url}"
    return token[0]


def with_token(url: str, token: str) -> str:
    """The same address with another `data` token (the only thing that differs between the two links)."""
    parts = urlsplit(url)
    query = re.sub(r"(^|&)data=[^&]*", rf"\g<1>data={token}", parts.query)
    return urlunsplit(parts._replace(query=query))


def visit(browser: Browser, url: str) -> tuple[BrowserContext, Page]:
    """A fresh browser context (another official's machine) that opens `url`."""
    context = new_context(browser)
    page = context.new_page()
    page.goto(url)
    wait_for_app(page)
    return context, page


def chips(page: Page, label: str) -> Locator:
    return sidebar_multiselect(page, label).locator("[data-tag]")


@dataclass(frozen=True)
class Uploader:
    """The official who uploaded ska_2020.xlsx and chose Surimi, and what their browser showed."""

    page: Page
    all_cards: dict[str, str]  # before the filter
    unfiltered_public_link: str  # the panel's public link before the filter
    cards: dict[str, str]  # with Surimi chosen
    url: str  # the address bar with Surimi chosen
    links: tuple[str, str, str]  # the panel's three code blocks: full link, public link, revocation key


@pytest.fixture(scope="module")
def uploader(browser: Browser, server: str) -> Iterator[Uploader]:
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(server)
        wait_for_app(page)
        upload_files(page, SKA_2020)
        ska = records(SKA_2020)
        expect(metric_value(page, "Nilai ekspor 2020")).to_have_text(fmt.usd(ska.get_column("value_usd").sum()))
        expect(page).to_have_url(re.compile(r"[?&]data=[A-Za-z0-9_-]{32}(&|$)"))
        wait_for_drawn(page)
        all_cards = card_texts(page)
        codes = open_sidebar_expander(page, SHARE).locator('[data-testid="stCode"]')
        expect(codes).to_have_count(3)
        expect(codes.first).to_have_text(page.url)
        unfiltered_public_link = codes.nth(1).inner_text().strip()

        pick(page, "Komoditi", "Surimi")
        surimi = ska.filter(pl.col("commodity") == "Surimi").get_column("value_usd").sum()
        expect(metric_value(page, "Nilai ekspor 2020")).to_have_text(fmt.usd(surimi))
        expect(page).to_have_url(re.compile(r"[?&]komoditi=Surimi(&|$)"))
        wait_for_drawn(page)
        cards = card_texts(page)
        expect(codes.first).to_have_text(page.url)  # the panel follows the address bar
        links = tuple(code.inner_text().strip() for code in codes.all())
        yield Uploader(page, all_cards, unfiltered_public_link, cards, page.url, links)
    finally:
        context.close()


def test_a_filtered_link_opens_the_same_view_in_another_browser(browser: Browser, uploader: Uploader) -> None:
    assert re.search(r"[?&]data=[A-Za-z0-9_-]{32}(&|$)", uploader.url), uploader.url
    assert "komoditi=Surimi" in uploader.url
    # The filter changed the cards, so equal cards below cannot come from an unfiltered view.
    assert uploader.cards["Nilai ekspor 2020"] != uploader.all_cards["Nilai ekspor 2020"]
    assert uploader.cards["Komoditi 2020"] == "1"

    context, page = visit(browser, uploader.url)
    try:
        expect(metric_value(page, "Nilai ekspor 2020")).to_have_text(uploader.cards["Nilai ekspor 2020"])
        wait_for_drawn(page)
        assert card_texts(page) == uploader.cards
        expect(chips(page, "Komoditi")).to_have_text(["Surimi"])
        for other in ("Negara tujuan", "Jenis eksportir", "Eksportir"):
            expect(chips(page, other)).to_have_count(0)
        expect(page.locator(SAMPLE_NOTICE)).to_have_count(0)
        expect(page.locator(SOURCE_CAPTION, has_text="Sumber data: ska_2020.xlsx")).to_have_count(1)
        assert token_of(page.url) == token_of(uploader.url)
        assert app_errors(page) == ([], [])

        # Whoever holds the full link may share it on, but only the uploader's session has the public link and
        # the revocation key: here the panel offers the same link and a box to type a key into.
        codes = open_sidebar_expander(page, SHARE).locator('[data-testid="stCode"]')
        expect(codes).to_have_count(1)
        expect(codes).to_have_text(uploader.url)
        expect(page.get_by_label("Kunci pencabutan")).to_have_count(1)
        _, public_link, key = uploader.links
        html = page.content()
        assert key not in html
        assert token_of(public_link) not in html

        # Streamlit keeps only widget-bound query parameters across a click in the top navigation: the token
        # must survive it, or the colleague would be on the sample after their first click.
        for title in ("Komoditi", "Ringkasan"):
            nav_link(page, title).click()
            expect(nav_link(page, title)).to_have_attribute("aria-current", "page")
            wait_for_drawn(page)
            assert token_of(page.url) == token_of(uploader.url), f"{title}: {page.url}"
            expect(page.locator(SAMPLE_NOTICE)).to_have_count(0)
            expect(page.locator(SOURCE_CAPTION, has_text="Sumber data: ska_2020.xlsx")).to_have_count(1)
            expect(chips(page, "Komoditi")).to_have_text(["Surimi"])
        assert card_texts(page) == uploader.cards
        assert app_errors(page) == ([], [])
    finally:
        context.close()


def test_the_panel_gives_the_full_link_a_public_link_and_the_key(browser: Browser, uploader: Uploader) -> None:
    full, public, key = uploader.links
    assert full == uploader.url
    assert token_of(public) != token_of(full)
    assert with_token(public, token_of(full)) == full  # same page, filters and language; another token
    assert valid_token(key) and key not in (token_of(full), token_of(public))

    # A third browser: the public view of the whole upload (same yearly total, no exporter names, no exporter
    # filter), then the public link of the Surimi view.
    context, page = visit(browser, uploader.unfiltered_public_link)
    try:
        expect(page.locator(PUBLIC_NOTICE)).to_have_count(1)
        expect(metric_value(page, "Nilai ekspor 2020")).to_have_text(uploader.all_cards["Nilai ekspor 2020"])
        wait_for_drawn(page)
        expect(sidebar_multiselect(page, "Komoditi")).to_have_count(1)
        expect(sidebar_multiselect(page, "Eksportir")).to_have_count(0)
        expect(page.locator(SAMPLE_NOTICE)).to_have_count(0)
        shown = page.locator("body").inner_text()
        for name in records(SKA_2020).get_column("exporter").unique().to_list():
            assert name not in shown, f"the public view names {name!r}"
        assert key not in page.content()
        assert app_errors(page) == ([], [])

        # Surimi comes from two exporters: a figure the public view never shows, whatever the link asks for.
        page.goto(public)
        wait_for_app(page)
        expect(page.locator(PUBLIC_NOTICE)).to_have_count(1)
        wait_for_drawn(page)
        surimi_figure = uploader.cards["Nilai ekspor 2020"].split(" ")[0]  # "245,81"
        assert surimi_figure not in page.locator("body").inner_text()
        assert app_errors(page) == ([], [])
    finally:
        context.close()


def test_a_mistyped_link_is_a_friendly_warning_over_the_sample(browser: Browser, uploader: Uploader,
                                                               server: str) -> None:
    token = token_of(uploader.url)
    i = 7
    tampered = token[:i] + ("A" if token[i] != "A" else "B") + token[i + 1:]
    assert valid_token(tampered)  # one character off, still the shape of a token: the store must say no
    sample = load_sample().records.filter(pl.col("year") == 2022)
    surimi = sample.filter(pl.col("commodity") == "Surimi")
    expected = {
        with_token(uploader.url, tampered): fmt.usd(surimi.get_column("value_usd").sum()),
        f"{server}/?data=..%2F..%2Fetc%2Fpasswd": fmt.usd(sample.get_column("value_usd").sum()),
    }
    assert expected[f"{server}/?data=..%2F..%2Fetc%2Fpasswd"] == "19,64 juta USD"
    context = new_context(browser)
    try:
        page = context.new_page()
        for url in expected:
            page.goto(url)
            wait_for_app(page)
            expect(page.locator(NOT_VALID)).to_have_count(1)
            expect(page.locator(SAMPLE_NOTICE)).to_have_count(1)
            # The filters in the address still apply, now to the sample (the traversal address has none).
            expect(metric_value(page, "Nilai ekspor 2022")).to_have_text(expected[url])
            wait_for_drawn(page)
            assert app_errors(page) == ([], []), url
            # Nothing stored is on screen, so there is nothing to share.
            expect(page.locator('[data-testid="stSidebar"] [data-testid="stExpander"]', has_text=SHARE)
                   ).to_have_count(0)
    finally:
        context.close()


def test_a_deep_link_can_be_the_first_request_of_a_fresh_server(browser: Browser, tmp_path: Path) -> None:
    # serve(tmp_path) keeps its store in tmp_path / "store"; the dataset is there before the server starts.
    saved = Store(tmp_path / "store").save(load_paths([SKA_2020]))
    with serve(tmp_path) as base:
        context = new_context(browser)
        try:
            page = context.new_page()
            page.goto(f"{base}/komoditi?data={saved.token}")
            expect(page.get_by_role("heading", name="Komoditi", exact=True)).to_be_visible()
            wait_for_drawn(page)
            expect(nav_link(page, "Komoditi")).to_have_attribute("aria-current", "page")
            expect(page.locator(SAMPLE_NOTICE)).to_have_count(0)
            expect(page.locator(NOT_VALID)).to_have_count(0)
            expect(page.locator(SOURCE_CAPTION, has_text="Sumber data: ska_2020.xlsx")).to_have_count(1)
            assert urlsplit(page.url).path == "/komoditi" and token_of(page.url) == saved.token
            drawn = page.locator(f"{CHART} svg.marks, {CHART} canvas.marks")
            expect(drawn.nth(2)).to_be_visible()
            # The ranked chart names the upload's five commodities, not the sample's twelve.
            ranked = chart_under(page, "Nilai ekspor per komoditi")
            labels = set(ranked.locator("g.role-axis-label text").all_text_contents())
            assert set(records(SKA_2020).get_column("commodity").unique().to_list()) <= labels, labels
            assert "Kerupuk Ikan" not in labels  # a sample-only commodity
            assert app_errors(page) == ([], [])
        finally:
            context.close()


def test_revoked_links_become_the_friendly_warning_everywhere(browser: Browser, server: str,
                                                             server_root: Path) -> None:
    owner = new_context(browser)
    holder = None
    try:
        page = owner.new_page()
        page.goto(server)
        wait_for_app(page)
        upload_files(page, SKA_2022)
        expect(metric_value(page, "Nilai ekspor 2022")).to_have_text(fmt.usd(records(SKA_2022).get_column("value_usd").sum()))
        wait_for_drawn(page)
        codes = open_sidebar_expander(page, SHARE).locator('[data-testid="stCode"]')
        expect(codes).to_have_count(3)
        full, public, _key = (code.inner_text().strip() for code in codes.all())

        # A colleague opens the link, and a wrong key does not revoke it.
        holder, other = visit(browser, full)
        expect(other.locator(SOURCE_CAPTION, has_text="Sumber data: ska_2022_comma_en.csv")).to_have_count(1)
        open_sidebar_expander(other, SHARE)
        other.get_by_label("Kunci pencabutan").fill("bukan-kunci-yang-benar")
        other.get_by_role("button", name="Tampilkan tautan publik").click()
        expect(other.locator('[data-testid="stAlertContentError"]', has_text="tidak cocok")).to_have_count(1)
        wait_for_app(other)
        expect(other.locator(NOT_VALID)).to_have_count(0)
        expect(open_sidebar_expander(other, SHARE).locator('[data-testid="stCode"]')).to_have_count(1)

        # The uploader revokes: asked first (cancelling keeps the links), then told on their own screen; their
        # session drops the upload and the token.
        panel = open_sidebar_expander(page, SHARE)
        panel.get_by_role("button", name="Cabut tautan").click()
        expect(panel.locator('[data-testid="stAlertContentError"]', has_text="Cabut tautan?")).to_have_count(1)
        panel.get_by_role("button", name="Batal").click()
        expect(panel.get_by_role("button", name="Cabut tautan")).to_have_count(1)
        wait_for_app(page)
        assert Store(server_root / "store").open(token_of(full)).token == token_of(full)  # nothing revoked yet
        panel.get_by_role("button", name="Cabut tautan").click()
        panel.get_by_role("button", name="Ya, cabut").click()
        expect(page.locator('[data-testid="stAlertContentSuccess"]', has_text="Tautan sudah dicabut")).to_have_count(1)
        expect(page.locator(SAMPLE_NOTICE)).to_have_count(1)
        wait_for_app(page)
        assert "data=" not in page.url
        expect(page.locator('[data-testid="stFileChipName"]')).to_have_count(0)

        context = new_context(browser)  # someone who never opened the links before
        try:
            fresh = context.new_page()
            for link in (full, public):
                fresh.goto(link)
                wait_for_app(fresh)
                expect(fresh.locator(NOT_VALID)).to_have_count(1)
                expect(fresh.locator(SAMPLE_NOTICE)).to_have_count(1)
                wait_for_drawn(fresh)
                assert "Sumber data: ska_2022" not in fresh.locator("body").inner_text()
                assert app_errors(fresh) == ([], []), link
        finally:
            context.close()

        # The colleague's open session learns it on its next rerun (a page change), not after a cache's ten minutes.
        nav_link(other, "Komoditi").click()
        expect(other.locator(NOT_VALID)).to_have_count(1)
        expect(other.locator(SAMPLE_NOTICE)).to_have_count(1)
        wait_for_app(other)
        assert app_errors(other).exceptions == []
    finally:
        if holder is not None:
            holder.close()
        owner.close()


def test_the_uploader_keeps_control_after_a_reload(browser: Browser, server: str) -> None:
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(server)
        wait_for_app(page)
        upload_files(page, SKA_2020)
        total = fmt.usd(records(SKA_2020).get_column("value_usd").sum())
        expect(metric_value(page, "Nilai ekspor 2020")).to_have_text(total)
        wait_for_drawn(page)
        panel = open_sidebar_expander(page, SHARE)
        codes = panel.locator('[data-testid="stCode"]')
        expect(codes).to_have_count(3)
        before = [code.inner_text().strip() for code in codes.all()]
        expect(panel.locator('[data-testid="stAlertContentWarning"]', has_text="Simpan kunci ini")).to_have_count(1)

        page.reload()  # F5: a new session, the same address
        wait_for_drawn(page)
        expect(page.locator(SOURCE_CAPTION, has_text="Sumber data: ska_2020.xlsx")).to_have_count(1)
        panel = open_sidebar_expander(page, SHARE)
        codes = panel.locator('[data-testid="stCode"]')
        expect(codes).to_have_count(1)
        expect(codes).to_have_text(before[0])
        panel.get_by_label("Kunci pencabutan").fill(before[2])
        panel.get_by_role("button", name="Tampilkan tautan publik").click()
        expect(codes).to_have_count(3)
        wait_for_app(page)
        assert [code.inner_text().strip() for code in codes.all()] == before
        expect(panel.get_by_role("button", name="Cabut tautan")).to_have_count(1)
        assert app_errors(page) == ([], [])
    finally:
        context.close()
