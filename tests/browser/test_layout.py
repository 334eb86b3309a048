"""Every page on a phone (390x844, touch) and on a 1366x768 laptop, in Indonesian and in English (issue 16): what a
screenshot can be checked for. The main block never scrolls sideways, nothing is cut at the viewport's edge, no
card label is cut short, the laptop's first screen reaches the first chart, and no visible text is a sentence of
the other language's catalogue. Screenshots are kept under the test's tmp_path (and, with PEKALONGAN_SHOTS=dir,
in that folder) for a person to look at.
"""

from __future__ import annotations

import os
import re
import string
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from pekalongan.i18n import CATALOGUE, LANGS

from .conftest import APP_TIMEOUT_MS, OUTSIDE, open_app, wait_for_drawn

PAGES = ["ringkasan", "komoditi", "negara", "eksportir", "bulanan", "kualitas", "revisi", "panduan", "tentang"]
CHART_PAGES = {"ringkasan", "komoditi", "negara", "eksportir", "bulanan"}
SCREENS = {"phone": (390, 844), "laptop": (1366, 768)}
SHOTS = os.environ.get("PEKALONGAN_SHOTS")

# Every visible text node of the page, with where it is; Streamlit's own widget texts are among them.
TEXTS = """() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode, text = node.textContent.trim();
        const el = node.parentElement;
        if (!text || !el || el.closest('script, style, noscript, [aria-hidden="true"]')) continue;
        const r = el.getBoundingClientRect(), s = getComputedStyle(el);
        if (r.width === 0 || r.height === 0 || s.visibility === 'hidden' || s.display === 'none') continue;
        out.push(text);
    }
    return out;
}"""
# The main block's sideways overflow, and the elements that reach past the viewport's left or right edge.
OVERFLOW = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const width = window.innerWidth;
    const cut = [];
    const shown = '[data-testid="stMetric"], [data-testid="stHeading"], [data-testid="stVegaLiteChart"], '
        + '[data-testid="stButton"], [data-testid="stDownloadButton"], [data-testid="stPopover"], '
        + '[data-testid="stAlert"], [data-testid="stCaptionContainer"], [data-testid="stMarkdownContainer"]';
    for (const el of main.querySelectorAll(shown)) {
        const r = el.getBoundingClientRect();
        if (r.width === 0) continue;
        if (r.left < -1 || r.right > width + 1) cut.push(el.getAttribute('data-testid') + ': '
            + el.innerText.slice(0, 60) + ' [' + Math.round(r.left) + ', ' + Math.round(r.right) + ']');
    }
    const labels = [...main.querySelectorAll('[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"], '
        + '[data-testid="stMetricValue"] div')]
        .filter(el => el.scrollWidth > el.clientWidth + 1).map(el => 'cut short: ' + el.innerText);
    return {scroll: main.scrollWidth - main.clientWidth, page: document.documentElement.scrollWidth - width,
            cut: cut.concat(labels)};
}"""
FIRST_CHART_TOP = """() => {
    const chart = document.querySelector('[data-testid="stMain"] [data-testid="stVegaLiteChart"]');
    return chart === null ? null : chart.getBoundingClientRect().top;
}"""


def _pattern(text: str) -> re.Pattern[str]:
    """A catalogue sentence -> a pattern of the whole text node it would be ('{year}' matches anything)."""
    parts = [re.escape(literal) + (".+?" if field is not None else "")
             for literal, field, _, _ in string.Formatter().parse(text)]
    return re.compile("".join(parts), re.S)


def foreign(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    """The other language's catalogue sentences that this language never says: a text node that is one of them is
    a sentence left untranslated. Entries the two languages write alike ('Target', 'UMKM', 'PNG') say nothing;
    short labels of one word are left out too, for a name in the data may spell them ('Surimi', 'Jepang')."""
    other = next(code for code in LANGS if code != lang)
    own = {entry[lang] for entry in CATALOGUE.values()}
    found = []
    for key, entry in CATALOGUE.items():
        text = entry[other]
        literal = re.sub(r"\{[^}]*\}", "", text)
        if text == entry[lang] or text in own or len(re.findall(r"[A-Za-zÀ-ÿ]{3,}", literal)) < 2:
            continue
        if "\n" in text or "**" in text or "[" in text:
            continue  # markdown: shown rendered, never as its source
        found.append((key, _pattern(text)))
    return found


def _open(browser: Browser, base: str, screen: str, path: str) -> Page:
    width, height = SCREENS[screen]
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=screen == "phone",
                                  is_mobile=screen == "phone", device_scale_factor=1)
    context.set_default_timeout(APP_TIMEOUT_MS)
    context.route(OUTSIDE, lambda route: route.abort("blockedbyclient"))
    page = context.new_page()
    open_app(page, base, path)
    wait_for_drawn(page)
    return page


@pytest.mark.parametrize("screen", sorted(SCREENS))
@pytest.mark.parametrize("lang", LANGS)
def test_every_page_fits_the_screen_and_speaks_one_language(browser: Browser, server: str, tmp_path: Path,
                                                            lang: str, screen: str) -> None:
    patterns = foreign(lang)
    assert len(patterns) > 100  # the other language's sentences were found (an empty list would pass anything)
    problems = []
    for name in PAGES:
        page = _open(browser, server, screen, f"{'' if name == 'ringkasan' else name}?bahasa={lang}")
        try:
            # A page that does not exist opens the main page under Streamlit's "Page not found" dialog.
            assert page.locator('[role="dialog"]').count() == 0, name
            shot = tmp_path / f"{name}_{lang}_{screen}.png"
            page.screenshot(path=shot)
            if SHOTS:
                Path(SHOTS).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=Path(SHOTS) / shot.name)
            fit = page.evaluate(OVERFLOW)
            if fit["scroll"] > 1 or fit["page"] > 1:
                problems.append(f"{name}: scrolls sideways by {fit['scroll']} / {fit['page']} px")
            problems += [f"{name}: {cut}" for cut in fit["cut"]]
            texts = page.evaluate(TEXTS)
            problems += [f"{name}: {key} shown in the other language: {text!r}"
                         for text in texts for key, pattern in patterns if pattern.fullmatch(text)]
            if screen == "laptop" and name in CHART_PAGES:
                top = page.evaluate(FIRST_CHART_TOP)
                if top is None or top > SCREENS["laptop"][1]:
                    problems.append(f"{name}: the first chart starts at {top} px, below the first screen")
        finally:
            page.context.close()
    assert problems == []


def test_the_phone_has_a_labelled_page_menu_and_no_double_click_hint(browser: Browser, server: str) -> None:
    page = _open(browser, server, "phone", "")
    try:
        texts = " ".join(page.evaluate(TEXTS)).lower()
        assert "ketuk atau klik" in texts  # the hint is there, and says nothing a finger cannot do
        assert "klik ganda" not in texts and "double" not in texts
        menu = page.get_by_role("button", name=re.compile(r"Halaman: Ringkasan"))
        menu.click()
        link = page.locator('[data-testid="stPageLink"] a', has_text="Komoditi")
        link.first.click()
        page.wait_for_url(re.compile(r"/komoditi"))
        wait_for_drawn(page)
        assert page.get_by_role("heading", name="Komoditi").first.is_visible()
    finally:
        page.context.close()
