"""Many officials at once: N browser sessions arriving together at a freshly started server, each uploading its
own file, filtering and switching pages for a few rounds, all at the same time (Playwright's async API: one
Chromium, N contexts).

Every session must see its own figures, never another session's, and no error. The figures printed at the end
(median and longest time per action, the server's peak memory and CPU time) are for reading, not asserted: speed
goals live in benchmarks/, and here the N browsers render on the same CPUs as the server, so an action's time is
mostly the browsers'. The one bound asserted is a generous memory tripwire.

    PEKALONGAN_LOAD_SESSIONS   sessions (default 4; the full load run uses 20)
    PEKALONGAN_LOAD_ROUNDS     rounds of filter + page switches per session (default 1)
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import statistics
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import pytest
from playwright.async_api import Browser, Page, async_playwright
from playwright.async_api import expect as async_expect
from playwright.sync_api import Browser as SyncBrowser
from playwright.sync_api import Page as SyncPage
from playwright.sync_api import expect as sync_expect

from pekalongan import format as fmt
from pekalongan.ingest import load, load_sample
from pekalongan.store import Store

from .conftest import (
    CHROMIUM_ARGS,
    LIVE_METRIC,
    OUTSIDE,
    SETTLED,
    SKELETON,
    STATUS_WIDGET,
    UPLOAD_INPUT,
    new_context,
    serve_process,
    wait_for_app,
)

SESSIONS = int(os.environ.get("PEKALONGAN_LOAD_SESSIONS") or 4)
ROUNDS = int(os.environ.get("PEKALONGAN_LOAD_ROUNDS") or 1)
MEMORY_BOUND_MB = 1536  # a tripwire for a leak or a per-session copy of everything, far above what is normal
YEAR = 2022
COMMODITIES = ("Surimi", "Sarung Batik")
# N sessions share two CPUs with the server: one action may wait for all the others' reruns.
TIMEOUT_MS = 60_000 + 6_000 * SESSIONS
FAILURES = '[data-testid="stException"], [data-testid="stAlertContentError"]'

ROWS = (  # date, exporter, type, commodity, destination, base value (USD)
    ("2022-01-12", "PT Batik Pesisir", "Besar", "Sarung Batik", "Singapura", 18240.0),
    ("2022-02-03", "CV Mina Bahari", "Besar", "Surimi", "Tiongkok", 51975.5),
    ("2022-03-17", "CV Batik Larasati", "UMKM", "Sarung Batik", "Jepang", 6232.0),
    ("2022-04-28", "CV Canting Emas", "Eksportir Baru", "Kain Batik", "Taiwan", 1234.5),
    ("2022-06-09", "UD Kerang Mas", "UMKM", "Crab Shell Pellet", "Korea Selatan", 9690.0),
    ("2022-08-22", "PT Samudra Pangan", "Besar", "Surimi", "Jepang", 12345.25),
)


@dataclass(frozen=True)
class Upload:
    """One session's own file and the card values it must show: all commodities, and each filter."""

    number: int
    name: str
    content: bytes
    expected: dict[str, str]  # "" -> the whole file; a commodity -> that commodity alone
    sample_card: str  # what the card shows before the upload


def session_file(number: int, sample_card: str = "") -> Upload:
    """A small CSV (semicolons, decimal commas) of the same six shipments, every value scaled by the session's
    number: no two sessions' totals print alike."""
    lines = ["Tanggal;Nama Perusahaan;Jenis Eksportir;Komoditi;Negara Tujuan;Nilai FOB (US$)"]
    for date, exporter, kind, commodity, destination, value in ROWS:
        scaled = value * number + number * 0.37
        lines.append(f"{date};{exporter};{kind};{commodity};{destination};{scaled:.2f}".replace(".", ","))
    name = f"ekspor_sesi_{number:02d}.csv"
    content = ("\r\n".join(lines) + "\r\n").encode("utf-8")
    records = load([(name, content)]).records  # the app's own reader says what the file holds
    assert records.height == len(ROWS)
    values = {"": records.get_column("value_usd").sum()}
    for commodity in COMMODITIES:
        values[commodity] = records.filter(pl.col("commodity") == commodity).get_column("value_usd").sum()
    return Upload(number, name, content, {k: fmt.usd(v) for k, v in values.items()}, sample_card)


@dataclass
class Outcome:
    """What one session did and saw."""

    number: int
    timings: list[tuple[str, float]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    last_card: str = ""


async def settled(page: Page) -> None:
    """conftest.wait_for_drawn, in the async API."""
    await page.wait_for_function(SETTLED, timeout=TIMEOUT_MS)
    await async_expect(page.locator(STATUS_WIDGET)).to_have_count(0, timeout=TIMEOUT_MS)
    await async_expect(page.locator(SKELETON)).to_have_count(0, timeout=TIMEOUT_MS)


def card(page: Page | SyncPage):
    """The current run's "Nilai ekspor <YEAR>" card (conftest.metric_value, for either API)."""
    label = page.locator('[data-testid="stMetricLabel"]', has_text=re.compile(rf"^\s*Nilai ekspor {YEAR}\s*$"))
    return page.locator(LIVE_METRIC).filter(has=label).locator('[data-testid="stMetricValue"]')


def nav(page: Page, title: str):
    label = page.locator('[data-testid="stMarkdownContainer"]', has_text=re.compile(rf"^\s*{re.escape(title)}\s*$"))
    return page.locator('[data-testid="stTopNavLink"]').filter(has=label)


def komoditi(page: Page):
    label = page.locator('[data-testid="stWidgetLabel"]', has_text=re.compile(r"^\s*Komoditi\s*$"))
    return page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has=label)


async def open_options(page: Page) -> None:
    """Open the Komoditi list, clicking again if the first click closed it (the box can keep focus from the chip
    just removed) or landed while the box was redrawn; as `conftest.open_options`, for the async API."""
    options = page.get_by_role("listbox")
    for attempt in range(4):
        if attempt:
            await page.keyboard.press("Escape")
        await komoditi(page).locator("input").click()
        try:
            await async_expect(options).to_be_visible(timeout=10_000)
            return
        except AssertionError:
            pass
    await async_expect(options).to_be_visible(timeout=TIMEOUT_MS)


class SessionFailed(Exception):
    """The app showed an error or an exception in this session."""


async def run_session(browser: Browser, base: str, upload: Upload, start: asyncio.Event) -> Outcome:
    outcome = Outcome(upload.number)
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(TIMEOUT_MS)
    await context.route(OUTSIDE, lambda route: route.abort("blockedbyclient"))
    page = await context.new_page()

    async def step(action: str, value: str | None = None) -> None:
        """After an action: this session's card shows its own value (when on Ringkasan), the run is over, and
        no failure is on screen; a failure ends the session (SessionFailed) with what it said."""
        failures = page.locator(FAILURES)
        if value is not None:
            own = card(page).filter(has_text=re.compile(rf"^\s*{re.escape(value)}\s*$"))
            await async_expect(own.or_(failures).first).to_be_visible(timeout=TIMEOUT_MS)
        await settled(page)
        outcome.timings.append((action, time.perf_counter() - began))
        shown = await failures.all_inner_texts()
        if shown:
            outcome.failures += [f"session {upload.number}, {action}: {text}" for text in shown]
            raise SessionFailed
        if value is not None:
            await async_expect(card(page)).to_have_text(value, timeout=TIMEOUT_MS)

    try:
        await start.wait()  # every session opens the app at the same moment
        began = time.perf_counter()
        await page.goto(base)
        await step("open", upload.sample_card)

        began = time.perf_counter()
        await page.locator(UPLOAD_INPUT).set_input_files(
            files=[{"name": upload.name, "mimeType": "text/csv", "buffer": upload.content}])
        await step("upload", upload.expected[""])

        for round_ in range(ROUNDS):
            # Neighbouring sessions filter on different commodities at the same time.
            commodity = COMMODITIES[(upload.number + round_) % len(COMMODITIES)]
            began = time.perf_counter()
            await open_options(page)
            await page.get_by_role("option", name=commodity, exact=True).click()
            await page.keyboard.press("Escape")
            await step("filter", upload.expected[commodity])

            for title in ("Komoditi", "Negara Tujuan"):
                began = time.perf_counter()
                await nav(page, title).click()
                await async_expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible(
                    timeout=TIMEOUT_MS)
                await step("page")

            began = time.perf_counter()
            await nav(page, "Ringkasan").click()
            await step("page", upload.expected[commodity])

            began = time.perf_counter()
            await komoditi(page).locator("[data-tag] button").click()  # the chip's own "x"
            await step("filter", upload.expected[""])
        outcome.last_card = (await card(page).inner_text()).strip()
    except SessionFailed:
        pass  # reported through outcome.failures; the other sessions carry on
    finally:
        await context.close()
    return outcome


async def drive(base: str, uploads: list[Upload]) -> list[Outcome]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        try:
            start = asyncio.Event()
            tasks = [asyncio.create_task(run_session(browser, base, u, start)) for u in uploads]
            start.set()
            return list(await asyncio.gather(*tasks))
        finally:
            await browser.close()


def in_a_thread(base: str, uploads: list[Upload]) -> list[Outcome]:
    """Run the async sessions on their own event loop, away from the sync Playwright the other tests share."""
    result: dict[str, object] = {}

    def target() -> None:
        try:
            result["value"] = asyncio.run(drive(base, uploads))
        except BaseException as error:  # handed to the test's thread below
            result["error"] = error

    thread = threading.Thread(target=target, name="load-sessions")
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["value"]


def peak_memory_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.M).group(1)) / 1024


def cpu_seconds(pid: int) -> float:
    """The process's CPU time so far (user + system): how much of the wall time the server itself worked."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def summary(outcomes: list[Outcome], memory_mb: float, seconds: float, cpu: float) -> str:
    by_action: dict[str, list[float]] = defaultdict(list)
    for outcome in outcomes:
        for action, took in outcome.timings:
            by_action[action].append(took)
    everything = [t for times in by_action.values() for t in times]
    lines = [f"load: {len(outcomes)} sessions x {ROUNDS} rounds, {len(everything)} actions in {seconds:.1f} s; "
             f"server peak memory (VmHWM) {memory_mb:.0f} MB, server CPU {cpu:.1f} s "
             f"(browsers and server share this machine's {os.cpu_count()} CPUs)"]
    for action, times in [*by_action.items(), ("all", everything)]:
        lines.append(f"  {action:<7} n={len(times):<4} median {statistics.median(times):6.2f} s   "
                     f"max {max(times):6.2f} s")
    return "\n".join(lines)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the server's memory from /proc")
def test_many_sessions_each_see_their_own_upload(tmp_path: Path, capsys: pytest.CaptureFixture,
                                                 record_property) -> None:
    if shutil.which("chromium") is None:
        pytest.skip("Debian's chromium is not installed: apt-get install chromium")
    assert SESSIONS >= 1 and ROUNDS >= 1
    sample = load_sample().records.filter(pl.col("year") == YEAR).get_column("value_usd").sum()
    uploads = [session_file(n, fmt.usd(sample)) for n in range(1, SESSIONS + 1)]
    totals = [u.expected[""] for u in uploads]
    assert len(set(totals)) == SESSIONS, totals  # a session showing another's total would be noticed

    with serve_process(tmp_path) as served:
        cpu_before, began = cpu_seconds(served.process.pid), time.perf_counter()
        outcomes = in_a_thread(served.base, uploads)
        seconds = time.perf_counter() - began
        cpu = cpu_seconds(served.process.pid) - cpu_before
        memory_mb = peak_memory_mb(served.process.pid)  # read before the server stops

    report = summary(outcomes, memory_mb, seconds, cpu)
    record_property("load", report)
    with capsys.disabled():
        print("\n" + report)

    assert [f for o in outcomes for f in o.failures] == []
    for upload, outcome in zip(uploads, outcomes, strict=True):
        assert outcome.last_card == upload.expected[""], (upload.number, outcome.last_card)
        assert len(outcome.timings) == 2 + 5 * ROUNDS
    assert memory_mb < MEMORY_BOUND_MB, report


def test_concurrent_first_visitors_after_a_cold_start_keep_their_uploads(browser: SyncBrowser,
                                                                         tmp_path: Path) -> None:
    """Sessions whose first runs start together on a fresh process each keep their first upload (a `pages/`
    folder once put such runs in Streamlit's legacy mode and dropped them; test_cold_start.py is the one-visitor
    case)."""
    files = [session_file(n) for n in (1, 2, 3)]
    with serve_process(tmp_path) as served:
        contexts = [new_context(browser) for _ in files]
        try:
            pages = [context.new_page() for context in contexts]
            # All three navigate at once (goto returns when the response starts), so every session's first
            # script run starts while the first one is still importing the app.
            for page in pages:
                page.goto(served.base, wait_until="commit")
            for page in pages:
                wait_for_app(page)
            chips = [page.get_by_role("button", name=f"Remove {u.name}", exact=True) for page, u in zip(pages, files)]
            for page, upload, chip in zip(pages, files, chips, strict=True):
                page.locator(UPLOAD_INPUT).set_input_files(
                    files=[{"name": upload.name, "mimeType": "text/csv", "buffer": upload.content}])
                sync_expect(chip).to_be_visible()
            kept = []
            for page, upload, chip in zip(pages, files, chips, strict=True):
                value = card(page)
                # Either outcome ends the wait at once: this session's own total, or its chip gone again.
                sync_expect(value.filter(has_text=upload.expected[""]).or_(
                    page.locator('[data-testid="stFileUploader"]:not(:has([data-testid="stFileChip"]))')).first
                ).to_be_visible()
                wait_for_app(page)
                kept.append(chip.count() == 1 and value.inner_text().strip() == upload.expected[""])
            assert kept == [True] * len(files)
        finally:
            for context in contexts:
                context.close()


def test_uploads_saved_at_the_same_moment_all_succeed(tmp_path: Path) -> None:
    """Every session saves its upload to the store from its own script thread: eight threads saving at once, as
    eight officials uploading at the same moment would (no browser needed to show it)."""
    dataset = load([("ekspor.csv", session_file(1).content)])
    errors: list[str] = []
    for trial in range(20):  # the race needs two saves to overlap; a handful of trials is plenty to see it
        store = Store(tmp_path / f"store_{trial}")
        gate = threading.Barrier(8)

        def save_five() -> None:
            gate.wait()
            for _ in range(5):
                try:
                    store.save(dataset)
                except Exception as error:  # what the session's script run would have raised
                    errors.append(f"{type(error).__name__}: {error}")

        threads = [threading.Thread(target=save_five) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if errors:
            break
    assert errors == []
