"""The first visitor after the server starts (a Community Cloud wake-up, a service restart) keeps their upload.

A folder named `pages/` beside the entrypoint used to put a fresh process's first script runs through Streamlit's
legacy multipage runner: the first session's first upload was dropped on the rerun that should read it (the chip
vanished, the sample stayed, no message). The pages now live in `app_pages/`, which Streamlit does not
auto-discover; this keeps the case covered. It needs a server of its own: the shared one is visited once before
the other tests (see conftest.py).
"""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from .conftest import DATA, new_context, open_app, serve, wait_for_app


def test_the_first_upload_after_a_cold_start_is_kept(browser: Browser, tmp_path) -> None:
    with serve(tmp_path) as base:
        context = new_context(browser)
        try:
            page = context.new_page()
            open_app(page, base)
            page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(DATA / "ska_2020.xlsx")
            chips = page.locator('[data-testid="stFileChipName"]')
            expect(chips).to_have_count(1)
            card = page.locator('[data-testid="stMetricLabel"]', has_text="Nilai ekspor 2020")
            # Either outcome ends the wait at once: the upload's card, or the box emptied by the lost upload.
            expect(card.or_(page.locator('[data-testid="stFileUploader"]:not(:has([data-testid="stFileChip"]))'))
                   .first).to_be_visible()
            wait_for_app(page)
            assert chips.count() == 1, "the file was dropped from the upload box"
            assert card.count() == 1, "the sample is still on screen"
        finally:
            context.close()
