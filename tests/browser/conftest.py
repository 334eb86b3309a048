"""Browser-test setup: one `streamlit run` and one headless Chromium per pytest process (each xdist worker gets its
own), a fresh browser context per test, and helpers that wait for Streamlit without sleeping."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from processes import DIE_WITH_PARENT
from processes import stop as _stop

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
DATA = ROOT / "tests" / "data"

STARTUP_TIMEOUT_S = 60
APP_TIMEOUT_MS = 60_000
# Playwright's assertions retry for 5 s by default; `make test` runs the AppTest suite beside these on a busy CI
# machine, where an upload and its rerun can take longer. A generous ceiling costs nothing when all is well.
expect.set_options(timeout=20_000)
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root in a container, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-dev-shm-usage",  # containers often have a 64 MB /dev/shm, too small for a renderer
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

OUTSIDE = re.compile(r"^(?!https?://(127\.0\.0\.1|localhost)[:/])")  # any address but the test server's
STATUS_WIDGET = '[data-testid="stStatusWidget"]'
CONTENT = '[data-testid="stMetric"], [data-testid="stHeading"]'
_FAILED = pytest.StashKey[bool]()  # set per test by the report hook below; the page fixture screenshots on failure

# The frontend writes its script-run and connection state on the app root, and flags the elements of the previous
# run as stale until the new run has replaced or dropped them.
SETTLED = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app !== null
        && app.getAttribute('data-test-connection-state') === 'CONNECTED'
        && app.getAttribute('data-test-script-state') === 'notRunning'
        && document.querySelector('[data-stale="true"]') === null;
}"""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/browser drives Chromium: mark it, so `-m "not browser"` leaves it out."""
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    report = yield
    if report.when == "call":
        item.stash[_FAILED] = report.failed
    return report


# -------------------------------------------------------------------------------------------------------- server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(store: Path, log: Path) -> tuple[subprocess.Popen, str]:
    """Start `streamlit run app.py` on a free port; return once its health check answers "ok" or it has exited."""
    port = _free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",  # nothing outside this machine needs to reach a test server
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]
    env = {**os.environ, "PEKALONGAN_STORE": str(store)}
    with log.open("wb") as out:
        # Output goes to a file, not a pipe nobody reads: a full pipe would block the server mid-test.
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True,
                                   preexec_fn=DIE_WITH_PARENT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return process, base
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)  # polling for readiness, not a timed assertion
    if process.poll() is None:
        _stop(process)
        pytest.fail(f"streamlit did not answer {base}/_stcore/health within {STARTUP_TIMEOUT_S} s:\n{log.read_text()}")
    return process, base


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """A fresh `streamlit run app.py` with an empty dataset store under `root`; yields its base URL."""
    with serve_process(root) as served:
        yield served.base


@pytest.fixture(scope="session")
def server_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shared server's folder; its dataset store is `server_root / "store"` (a test may save into it)."""
    return tmp_path_factory.mktemp("server")


@pytest.fixture(scope="session")
def server(browser: Browser, server_root: Path) -> Iterator[str]:
    """The app served by a real `streamlit run`, shared by this worker's tests; yields its base URL.

    One visit is made before any test, so no test passes or fails by being the first one a worker happens to run
    (the cold-start cases have servers of their own: test_cold_start.py, test_deep_links.py).
    """
    with serve(server_root) as base:
        context = new_context(browser)
        try:
            open_app(context.new_page(), base)
        finally:
            context.close()
        yield base


# ------------------------------------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium (never a downloaded one)."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Debian's chromium is not installed: apt-get install chromium")
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        playwright.stop()


def new_context(browser: Browser) -> BrowserContext:
    """A fresh context (no cookies, no session) that can reach the test server and nothing else: the app must not
    need the network, and a request to the outside (a favicon from fonts.gstatic.com) fails at once instead of
    waiting on DNS."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    context.set_default_timeout(APP_TIMEOUT_MS)
    context.route(OUTSIDE, lambda route: route.abort("blockedbyclient"))
    return context


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Page]:
    """A fresh context and page; on failure a screenshot is kept under tmp_path."""
    context = new_context(browser)
    page = context.new_page()
    try:
        yield page
    finally:
        if request.node.stash.get(_FAILED, False):
            shot = tmp_path / "failure.png"
            try:
                page.screenshot(path=shot, full_page=True)
                print(f"screenshot of the failing page: {shot}", file=sys.stderr)
            except Exception as error:  # a screenshot is a courtesy; never hide the real failure behind it
                print(f"no screenshot: {error}", file=sys.stderr)
        context.close()


# ------------------------------------------------------------------------------------------------------- helpers


def wait_for_app(page: Page, timeout: float = APP_TIMEOUT_MS) -> None:
    """Wait until Streamlit has finished running the script: connected, not running, no stale elements, no status
    widget, and a metric or a heading on screen. Playwright's own waiting, no sleeps.

    After an action that triggers a rerun, first `expect` something only the new run shows, then call this: a fast
    rerun can end before the browser ever shows a 'running' state, so "not running" alone cannot prove it happened.
    """
    page.wait_for_function(SETTLED, timeout=timeout)
    expect(page.locator(STATUS_WIDGET)).to_have_count(0, timeout=timeout)
    expect(page.locator(CONTENT).filter(visible=True).first).to_be_visible(timeout=timeout)


def open_app(page: Page, base: str, path: str = "") -> None:
    """Load the app (optionally one page or query string) and wait for its first run to finish."""
    page.goto(f"{base}/{path.lstrip('/')}")
    wait_for_app(page)


class AppErrors(NamedTuple):
    """What the page shows as failures: tracebacks (`st.exception` or an uncaught error) and `st.error` alerts."""

    exceptions: list[str]
    errors: list[str]


def app_errors(page: Page) -> AppErrors:
    """The texts of every exception box and every error alert on the page now."""
    return AppErrors(
        exceptions=page.locator('[data-testid="stException"]').all_inner_texts(),
        errors=page.locator('[data-testid="stAlertContentError"]').all_inner_texts(),
    )


# ---------------------------------------------------------------------------------- helpers for the later suites

SKELETON = '[data-testid="stSkeleton"]'
UPLOAD_INPUT = '[data-testid="stFileUploaderDropzoneInput"]'


def wait_for_drawn(page: Page, timeout: float = APP_TIMEOUT_MS) -> None:
    """`wait_for_app`, then until every element has been drawn. Metrics, charts and sliders are loaded lazily:
    for a moment after the script run ends (longer in a fresh context, whose browser cache is empty) they are
    grey skeleton placeholders, and `wait_for_app` can already have returned on the page's heading."""
    wait_for_app(page, timeout)
    expect(page.locator(SKELETON)).to_have_count(0, timeout=timeout)


def upload_files(page: Page, *files: Path) -> None:
    """Choose files in the sidebar's upload box, as an official would, and wait for their chips."""
    page.locator(UPLOAD_INPUT).set_input_files([str(f) for f in files])
    for f in files:
        # The chip itself may shorten a long name ("ska_202...mma_en.csv"); its remove button says it whole.
        expect(page.get_by_role("button", name=f"Remove {f.name}", exact=True)).to_be_visible()


def card_texts(page: Page) -> dict[str, str]:
    """Every headline card on the page now: label -> value (call after `wait_for_drawn`)."""
    out = {}
    for card in page.locator('[data-testid="stMetric"]').all():
        label = card.locator('[data-testid="stMetricLabel"]').inner_text().strip()
        assert label not in out, f"two cards are labelled {label!r}"
        out[label] = card.locator('[data-testid="stMetricValue"]').inner_text().strip()
    return out


def sidebar_multiselect(page: Page, label: str):
    """The sidebar's multiselect whose label is exactly `label`."""
    return page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has=page.locator('[data-testid="stWidgetLabel"]', has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    )


def pick(page: Page, label: str, option: str) -> None:
    """Open the sidebar multiselect `label`, choose `option`, close the list; wait for its chip."""
    box = sidebar_multiselect(page, label)
    choose_option(page, box, option)
    page.keyboard.press("Escape")
    expect(box.locator("[data-tag]", has_text=option)).to_have_count(1)


def choose_option(page: Page, box, option: str) -> None:
    """Choose `option` in the multiselect `box`, as a user who types to find it. The list draws only the options
    in view, so one further down is not there to click until typed; and a rerun redrawing the box can close the
    list just opened (seen in CI: an option that never appeared in 60 s). So type it, and try again until the
    option can be clicked."""
    wanted = page.get_by_role("option", name=option, exact=True)
    for attempt in range(4):
        if attempt:
            page.keyboard.press("Escape")
            wait_for_app(page)
        field = box.locator("input")
        field.click()
        field.fill(option)
        try:
            wanted.click(timeout=10_000)
            return
        except PlaywrightTimeoutError:
            print(f"the option {option!r} of {box} did not show; trying once more", file=sys.stderr)
    wanted.click()


def open_options(page: Page, box) -> None:
    """Open a multiselect's list of options and wait until it shows. A click on a box that still has focus from
    the previous action (a chip just removed) can close the list it opens, or land while the rerun redraws the
    box; seen once in CI as an option that never appeared in 60 s. So click until the list is there."""
    options = page.get_by_role("listbox")
    for attempt in range(4):
        if attempt:
            page.keyboard.press("Escape")
            wait_for_app(page)
        box.locator("input").click()
        try:
            expect(options).to_be_visible(timeout=10_000)
            return
        except AssertionError:
            print(f"the options of {box} did not open; clicking once more", file=sys.stderr)
    expect(options).to_be_visible()


def go_to(page: Page, title: str) -> None:
    """Click a page in the top navigation and wait until it has been drawn."""
    nav_link(page, title).click()
    expect(nav_link(page, title)).to_have_attribute("aria-current", "page")
    wait_for_drawn(page)


def nav_link(page: Page, title: str):
    """The top navigation's link to the page titled exactly `title` (its text also holds the icon's name)."""
    label = page.locator('[data-testid="stMarkdownContainer"]', has_text=re.compile(rf"^\s*{re.escape(title)}\s*$"))
    return page.locator('[data-testid="stTopNavLink"]').filter(has=label)


def open_sidebar_expander(page: Page, title: str):
    """Open a sidebar expander ("Unduh", "Bagikan tampilan ini") if it is closed; return its details."""
    expander = page.locator('[data-testid="stSidebar"] [data-testid="stExpander"]').filter(has_text=title)
    details = expander.locator("details")
    if details.get_attribute("open") is None:
        expander.locator("summary").click()
    expect(details).to_have_attribute("open", "")
    return expander


class Served(NamedTuple):
    """A running test server: its base URL and its process (the load test reads its memory)."""

    base: str
    process: subprocess.Popen


@contextmanager
def serve_process(root: Path) -> Iterator[Served]:
    """`serve`, also yielding the `streamlit run` process (whose pid is the server itself: no shell between)."""
    store = root / "store"
    store.mkdir(exist_ok=True)
    log = root / "streamlit.log"
    for _ in range(3):
        process, base = _start(store, log)
        # Another process (an xdist sibling) may take the free port between our bind and streamlit's: try another.
        if process.poll() is None or "is not available" not in log.read_text():
            break
    if process.poll() is not None:
        pytest.fail(f"streamlit exited with status {process.returncode}:\n{log.read_text()}")
    try:
        yield Served(base, process)
    finally:
        _stop(process)
    if process.returncode not in (0, -signal.SIGTERM):
        print(f"streamlit exited with status {process.returncode}:\n{log.read_text()}", file=sys.stderr)


def clear_multiselect(page: Page, label: str) -> None:
    """Remove every chip of the sidebar multiselect `label` with the chip's own "x" (right after a pick, while the
    box still has focus, the box's "Clear all" button opens the list instead of clearing it)."""
    box = sidebar_multiselect(page, label)
    tags = box.locator("[data-tag]")
    for remaining in range(tags.count(), 0, -1):
        tags.first.locator("button").click()
        expect(tags).to_have_count(remaining - 1)


def download(page: Page, button, folder: Path) -> Path:
    """Click a download button and save the file the browser receives into `folder`.

    On a machine loaded far beyond its CPUs a click has been seen to give no download at all, with nothing in the
    server's log; a second click after the app has settled tells that apart from a button that never works (which
    still fails here)."""
    for attempt, timeout in enumerate((30_000, APP_TIMEOUT_MS)):
        try:
            with page.expect_download(timeout=timeout) as info:
                button.click()
            break
        except PlaywrightTimeoutError:
            if attempt:
                raise
            print(f"no download after clicking {button}; clicking once more", file=sys.stderr)
            wait_for_app(page)
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    assert info.value.failure() is None, info.value.failure()
    return path


# An element of the current run. While a run is going on, the previous run's elements stay on screen marked stale
# until the run has replaced or dropped them; when the layout above them changed, the new card appears beside
# its stale predecessor for a moment, and a card found by its label alone would be two.
LIVE_METRIC = '[data-testid="stElementContainer"]:not([data-stale="true"]) [data-testid="stMetric"]'


def metric_value(page: Page, label: str):
    """The value of the current run's card labelled exactly `label`."""
    label_element = page.locator('[data-testid="stMetricLabel"]', has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    return page.locator(LIVE_METRIC).filter(has=label_element).locator('[data-testid="stMetricValue"]')


def chart_under(page: Page, title: str):
    """The chart drawn under the bold heading that holds `title` (titles are above charts, where they wrap)."""
    return page.locator(f'[data-testid="stElementContainer"]:has(strong:has-text("{title}")) + '
                        '[data-testid="stElementContainer"] [data-testid="stVegaLiteChart"]')
