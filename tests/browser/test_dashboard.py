"""The dashboard in a real browser: what only a browser shows. Numbers as the cards and the rendered Vega charts
print them (Indonesian separators, from the chart's own locale), an upload through the real upload box, the top
navigation, a broken file as one plain sentence, the language switch."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from pekalongan import format as fmt
from pekalongan.ingest import load_paths

from .conftest import DATA, app_errors, chart_under, open_app, wait_for_app

SKA_2020 = DATA / "ska_2020.xlsx"
CORRUPT = DATA / "corrupt.xlsx"
SAMPLE_NOTICE = '[data-testid="stAlertContentInfo"]:has-text("data contoh")'
CHART = '[data-testid="stVegaLiteChart"]'
UPLOAD_INPUT = '[data-testid="stFileUploaderDropzoneInput"]'


def metric(page: Page, label: str) -> Locator:
    """The value of the card whose label is exactly `label`."""
    card = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    )
    expect(card).to_have_count(1)
    return card.locator('[data-testid="stMetricValue"]')


def rendered_charts(page: Page, at_least: int) -> Locator:
    """Wait until `at_least` charts have been drawn by Vega (an svg or canvas inside each chart element)."""
    drawn = page.locator(f"{CHART} svg.marks, {CHART} canvas.marks")
    expect(drawn.nth(at_least - 1)).to_be_visible()
    return drawn


def year_chart(page: Page, title: str) -> Locator:
    """The chart of value by year, found by its title."""
    return chart_under(page, title)


def upload(page: Page, *files) -> None:
    """Choose files in the sidebar's upload box, as an official would, and wait for their chips."""
    page.locator(UPLOAD_INPUT).set_input_files([str(f) for f in files])
    for f in files:
        expect(page.locator('[data-testid="stFileChipName"]', has_text=f.name)).to_be_visible()


def ska_2020_total() -> float:
    return load_paths([SKA_2020]).records.get_column("value_usd").sum()


def test_the_sample_opens_in_indonesian_with_charts_in_the_indonesian_locale(page: Page, server: str) -> None:
    open_app(page, server)

    expect(page.locator(SAMPLE_NOTICE)).to_have_count(1)
    # All years selected: the cards speak of the last one, 2022, against its published target.
    expect(metric(page, "Nilai ekspor 2022")).to_have_text(re.compile(r"^\d{1,3},\d{2} juta USD$"))
    expect(metric(page, "Nilai ekspor 2022")).to_have_text("19,64 juta USD")
    expect(metric(page, "Capaian target")).to_have_text("74,28%")
    expect(metric(page, "Setara rupiah")).to_have_text(re.compile(r"^Rp\d{1,3},\d miliar$"))

    drawn = rendered_charts(page, 3)
    assert drawn.count() >= 3
    chart = year_chart(page, "Nilai ekspor per tahun dan target")
    # Vega formats the numbers of each mark's accessible description (the 2020 bar and its label) with the chart's
    # locale: an English (or missing) locale would write "value_m: 25.437" here.
    expect(chart.locator('[aria-label*="value_m: 25,437;"]').first).to_be_attached()
    # Bar labels are our own text; "25,44" would read "25.44" in English.
    labels = chart.locator("g.mark-text text").all_text_contents()
    assert {"19,60", "22,93", "25,44", "30,26", "19,64"} <= set(labels), labels
    described = " ".join(
        label for label in chart.locator("[aria-label]").evaluate_all("els => els.map(e => e.ariaLabel)")
        if "value_m:" in label
    )
    assert not re.search(r"value_m: \d+\.\d", described), described

    wait_for_app(page)
    assert app_errors(page) == ([], [])


def test_an_upload_replaces_the_sample_and_every_row_is_accounted_for(page: Page, server: str) -> None:
    open_app(page, server)
    upload(page, SKA_2020)

    expected = fmt.usd(ska_2020_total())
    assert re.fullmatch(r"\d{1,3},\d{2} (ribu|juta) USD", expected), expected
    expect(metric(page, "Nilai ekspor 2020")).to_have_text(expected)
    wait_for_app(page)
    expect(page.locator(SAMPLE_NOTICE)).to_have_count(0)
    rendered_charts(page, 3)
    # The chart was redrawn from the upload (USD 0,39 million), still in the Indonesian locale.
    expect(year_chart(page, "Nilai ekspor per tahun dan target").locator('[aria-label*="value_m: 0,3"]').first
           ).to_be_attached()
    assert app_errors(page) == ([], [])

    page.locator('[data-testid="stTopNavLink"]', has_text="Kualitas Data").click()
    expect(page).to_have_url(re.compile(r"/kualitas(\?|$)"))
    expect(page.get_by_role("heading", name="Kualitas Data")).to_be_visible()
    expect(metric(page, "Baris dipakai")).to_have_text("20")
    expect(metric(page, "Baris ditolak")).to_have_text("1")
    expect(metric(page, "Baris dilewati")).to_have_text("5")
    wait_for_app(page)
    assert app_errors(page) == ([], [])


def test_a_corrupt_file_is_one_plain_error_and_english_is_a_click_away(page: Page, server: str) -> None:
    open_app(page, server)
    upload(page, SKA_2020)
    expected = ska_2020_total()
    expect(metric(page, "Nilai ekspor 2020")).to_have_text(fmt.usd(expected))
    wait_for_app(page)

    upload(page, CORRUPT)  # added to the file already there, as a second pick in the same box
    expect(page.locator('[data-testid="stFileChipName"]')).to_have_count(2)
    error = page.locator('[data-testid="stAlertContentError"]')
    expect(error).to_have_count(1)
    expect(error).to_contain_text("corrupt.xlsx")
    wait_for_app(page)
    shown = app_errors(page)
    assert shown.exceptions == []
    assert len(shown.errors) == 1 and "corrupt.xlsx" in shown.errors[0], shown.errors
    assert "Traceback" not in shown.errors[0]
    # The readable file still counts.
    expect(metric(page, "Nilai ekspor 2020")).to_have_text(fmt.usd(expected))
    wait_for_app(page)

    page.locator('[data-testid="stButtonGroup"] button', has_text="English").click()
    english = fmt.usd(expected, "en")
    assert re.fullmatch(r"\d{1,3}\.\d{2} (thousand|million) USD", english), english
    expect(metric(page, "Exports 2020")).to_have_text(english)
    # The chart switched locale with the language: the same bar now says "0.3...".
    expect(year_chart(page, "Export value by year against target").locator('[aria-label*="value_m: 0.3"]').first
           ).to_be_attached()
    wait_for_app(page)
    expect(page.locator('[data-testid="stMetricLabel"]', has_text="Nilai ekspor")).to_have_count(0)
    assert app_errors(page).exceptions == []
