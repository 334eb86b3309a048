"""Periksa Pembacaan in a real browser (issue 15): an official corrects a misread file with the widgets (a weight
column the reader took for the value), the cards change at once, and a colleague's fresh browser opening the
link sees the corrected figures."""

from __future__ import annotations

import sys
from pathlib import Path

import plan_files as pf
from playwright.sync_api import Browser, Page, expect

from pekalongan import format as fmt

from .conftest import (
    app_errors,
    card_texts,
    go_to,
    metric_value,
    new_context,
    upload_files,
    wait_for_app,
    wait_for_drawn,
)

CARD = "Nilai ekspor 2023"


def choose(page: Page, label: str, option: str) -> None:
    """Open the selectbox labelled `label` and choose `option`. The list shows a few options at a time, so the
    option is typed to bring it into the list; a click landing while the previous choice's rerun redraws the box
    can close the list it opened (as `open_options` says of multiselects), so it is tried again until it shows."""
    wait_for_app(page)
    box = page.locator('[data-testid="stSelectbox"]').filter(has=page.get_by_label(label, exact=True))
    expect(box).to_have_count(1)
    wanted = page.get_by_role("option", name=option, exact=True)
    for attempt in range(4):
        if attempt:
            page.keyboard.press("Escape")
            wait_for_app(page)
        box.click()
        page.keyboard.type(option)
        try:
            expect(wanted).to_be_visible(timeout=10_000)
            break
        except AssertionError:
            print(f"the options of {label} did not show; clicking once more", file=sys.stderr)
    wanted.click()
    expect(page.get_by_label(label, exact=True)).to_have_value(option)
    wait_for_app(page)


def test_a_correction_travels_with_the_link(browser: Browser, server: str, tmp_path: Path) -> None:
    path = tmp_path / "realisasi.xlsx"
    path.write_bytes(pf.make_weight_as_value())
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(server)
        wait_for_app(page)
        upload_files(page, path)
        expect(metric_value(page, CARD)).to_have_text(fmt.usd(550.0))  # kilograms added up as dollars
        go_to(page, "Periksa Pembacaan")
        choose(page, "Peran C", "berat")
        choose(page, "Peran D", "nilai ekspor")
        expect(page.get_by_text("Bacaan sudah dibetulkan dengan tangan")).to_be_visible()
        go_to(page, "Ringkasan")
        expect(metric_value(page, CARD)).to_have_text(fmt.usd(pf.WEIGHT_TOTAL[2023]))
        wait_for_drawn(page)
        cards, url = card_texts(page), page.url
        assert app_errors(page) == ([], [])
    finally:
        context.close()

    colleague = new_context(browser)
    try:
        other = colleague.new_page()
        other.goto(url)
        wait_for_app(other)
        expect(metric_value(other, CARD)).to_have_text(fmt.usd(pf.WEIGHT_TOTAL[2023]))
        wait_for_drawn(other)
        assert card_texts(other) == cards
        go_to(other, "Kualitas Data")
        expect(other.get_by_text("Bacaan sudah dibetulkan dengan tangan")).to_be_visible()
        assert app_errors(other) == ([], [])
    finally:
        colleague.close()
