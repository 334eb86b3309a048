"""Periksa Pembacaan in a real browser (issue 15): an official corrects a misread file with the widgets (a weight
column the reader took for the value), the cards change at once, and a colleague's fresh browser opening the
link sees the corrected figures."""

from __future__ import annotations

from pathlib import Path

import plan_files as pf
from playwright.sync_api import Browser, Page, expect

from pekalongan import format as fmt

from .conftest import (
    app_errors,
    card_texts,
    choose_option,
    go_to,
    metric_value,
    new_context,
    upload_files,
    wait_for_app,
    wait_for_drawn,
)

CARD = "Nilai ekspor 2023"


def choose(page: Page, label: str, option: str) -> None:
    """Choose `option` in the selectbox labelled `label`, typed and clicked as for a multiselect
    (`choose_option`: the list shows a few options at a time, and a rerun can close it)."""
    wait_for_app(page)
    box = page.locator('[data-testid="stSelectbox"]').filter(has=page.get_by_label(label, exact=True))
    expect(box).to_have_count(1)
    choose_option(page, box, option)
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
