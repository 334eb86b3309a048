"""Versions in real browsers: a colleague has the "latest" link open; the uploader publishes a corrected recap as a
new version on the Revisi page; on reload the colleague sees the new figure marked "direvisi" (old -> new in the
card's help; the Revisi page lists it), and on a second reload, that version now seen, no mark; a pinned link
(`v=1`) still shows the old figure. Three browser contexts, as three machines."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from playwright.sync_api import Browser, expect

from pekalongan.ingest import load
from pekalongan.store import Store

from .conftest import LIVE_METRIC, metric_value, nav_link, new_context, open_app, serve, wait_for_drawn

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from versions_data import files_2019, files_2019_corrected  # noqa: E402

CARD = "Nilai ekspor 2019"


def test_a_new_version_reaches_the_latest_link_and_never_a_pinned_one(browser: Browser, tmp_path: Path) -> None:
    with serve(tmp_path) as base:
        files = [files_2019()]
        saved = Store(tmp_path / "store").save(load(files), files)  # version 1, as an upload would have stored it
        colleague, pinned, uploader = (new_context(browser).new_page() for _ in range(3))
        open_app(colleague, base, f"?data={saved.token}")
        wait_for_drawn(colleague)
        expect(metric_value(colleague, CARD)).to_have_text("22,93 juta USD")
        open_app(pinned, base, f"?data={saved.token}&v=1")
        wait_for_drawn(pinned)
        expect(metric_value(pinned, CARD)).to_have_text("22,93 juta USD")

        open_app(uploader, base, f"?data={saved.token}")
        nav_link(uploader, "Revisi").click()
        expect(uploader.get_by_role("heading", name="Versi dan revisi angka")).to_be_visible()
        uploader.get_by_label("Kunci pemilik (kunci pencabutan)").fill(saved.owner_key)
        uploader.keyboard.press("Enter")
        corrected = tmp_path / "ska_2019.csv"
        corrected.write_bytes(files_2019_corrected()[1])
        uploader.locator('[data-testid="stMain"] [data-testid="stFileUploaderDropzoneInput"]').set_input_files(
            str(corrected))
        publish = uploader.get_by_role("button", name="Terbitkan versi baru")
        expect(publish).to_be_enabled()
        publish.click()
        expect(uploader.get_by_text("Versi 2 diterbitkan")).to_be_visible()

        expect(colleague).to_have_url(re.compile(r"[?&]dilihat=1(&|$)"))  # what this tab showed, for a reload
        colleague.reload()
        wait_for_drawn(colleague)
        marked = colleague.locator(LIVE_METRIC).filter(has=colleague.locator(
            '[data-testid="stMetricLabel"]', has_text=re.compile(rf"^\s*{CARD}\s*direvisi\s*$")))
        expect(marked.locator('[data-testid="stMetricValue"]')).to_have_text("22,69 juta USD")
        marked.locator('[data-testid="stTooltipIcon"]').hover()
        expect(colleague.locator('[data-testid="stTooltipContent"]')).to_contain_text(
            "Direvisi sejak versi 1, versi terakhir yang Anda lihat:")
        expect(colleague.locator('[data-testid="stTooltipContent"]')).to_contain_text(
            "2019: 22,93 → 22,69 juta USD, selisih -0,23, -1,02%")
        revised = colleague.locator('[data-testid="stAlertContentInfo"]', has_text="direvisi sejak versi 1")
        expect(revised).to_contain_text("2019: 22,93 → 22,69 juta USD, selisih -0,23, -1,02%")
        expect(colleague).to_have_url(re.compile(r"[?&]dilihat=2(&|$)"))
        colleague.reload()  # version 2 is now the one this tab last saw: nothing is new to the colleague
        wait_for_drawn(colleague)
        expect(metric_value(colleague, CARD)).to_have_text("22,69 juta USD")
        expect(colleague.get_by_text("direvisi sejak")).to_have_count(0)
        pinned.reload()
        wait_for_drawn(pinned)
        expect(metric_value(pinned, CARD)).to_have_text("22,93 juta USD")
        expect(pinned.get_by_text("direvisi sejak")).to_have_count(0)  # version 1 revised nothing
        nav_link(colleague, "Revisi").click()
        expect(colleague.get_by_text("2019: 22,93 → 22,69 juta USD, selisih -0,23, -1,02%")).to_be_visible()
