"""The app against the apps an analyst would write (benchmarks/peers/), in Debian's chromium (issue 20).

Each round starts one `streamlit run` per contender and measures, interleaved (ours, polars, pandas, ours, ...):
a new visitor's first figures on a cold and on a warm server, uploads to figures (XLSX and CSV from
benchmarks/generate.py), a filter click (the first commodity in the sidebar), and for the app alone (the peers have
neither) a page switch and a share link opened by a colleague. Bytes per rerun are the websocket frames the browser
receives for the filter click. "First figures" means: the metrics and every chart drawn, the script run finished.

Then the CSV ingest against an expert's polars pipeline doing the same job (read, Indonesian numbers, group-by), as
whole processes on the big file minus a tiny one, so interpreter start-up and imports cancel out.

    .venv/bin/python benchmarks/browser.py --rounds 5 [--sizes 10000 100000 1000000] [--out FILE]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402

APPS = {"ours": ROOT / "app.py", "polars": ROOT / "benchmarks/peers/polars_app.py",
        "pandas": ROOT / "benchmarks/peers/pandas_app.py"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TIMEOUT_MS = 180_000
# Settled: connected, no script running, nothing stale, a metric shown (pages with cards) and every chart drawn.
_SETTLED = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-connection-state') !== 'CONNECTED'
        || app.getAttribute('data-test-script-state') !== 'notRunning'
        || document.querySelector('[data-stale="true"]') !== null%s) return false;
    const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')];
    return charts.length > 0 && charts.every(c => c.querySelector('canvas, svg.marks') !== null);
}"""
FIGURES = _SETTLED % """
        || document.querySelector('[data-testid="stMetric"]') === null"""
# Komoditi after Ringkasan: its charts drawn, and Ringkasan's metric cards gone (until the new page's run replaces
# them, the old page's elements are still on screen and would settle the wait at once).
KOMODITI_DRAWN = _SETTLED % """
        || !location.pathname.includes('komoditi')
        || document.querySelector('[data-testid="stMetric"]') !== null"""
SIDEBAR_MULTISELECT = '[data-testid="stSidebar"] [data-testid="stMultiSelect"]'
UPLOAD_INPUT = '[data-testid="stSidebar"] input[type="file"]'


# ---------------------------------------------------------------------------------------------------- servers


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(app: Path, store: Path) -> Iterator[str]:
    """`streamlit run app` on a free port with its own dataset store; yields the base URL once healthy."""
    port = _free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    env = {**os.environ, "PEKALONGAN_STORE": str(store)}
    cwd = app.parent if app.name == "app.py" else ROOT  # an app imports the pekalongan beside it
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               stdin=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                    if response.read().strip() == b"ok":
                        break
            except OSError:
                time.sleep(0.2)  # waiting for the server to come up, not timing anything
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


# ---------------------------------------------------------------------------------------------------- browser


class Visit:
    """One browser context on one page, counting the websocket bytes it receives."""

    def __init__(self, browser: Browser) -> None:
        self.context = browser.new_context(viewport={"width": 1366, "height": 768})
        self.page: Page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.received = 0
        self.page.on("websocket", lambda ws: ws.on("framereceived", self._count))

    def _count(self, payload: bytes | str) -> None:
        self.received += len(payload)

    def figures(self) -> None:
        self.page.wait_for_function(FIGURES, timeout=TIMEOUT_MS, polling="raf")

    def timed(self, action: Callable[[], None], settled: Callable[[], None] | None = None) -> tuple[float, int]:
        """Run `action`, wait for the figures; -> (seconds, websocket bytes received meanwhile)."""
        before, start = self.received, time.perf_counter()
        action()
        wait = settled or self.figures
        wait()
        seconds, received = time.perf_counter() - start, self.received - before
        self.quiet(wait)
        return seconds, received

    def quiet(self, settled: Callable[[], None] | None = None, window_ms: int = 500) -> None:
        """Wait, untimed, until no frame has come for `window_ms` and the figures are drawn: an app that reruns
        itself after a change (as one after an upload does) must not leak that run into the next measure."""
        while True:
            seen = self.received
            self.page.wait_for_timeout(window_ms)
            if self.received == seen:
                (settled or self.figures)()
                return

    def close(self) -> None:
        self.context.close()


def first_figures(browser: Browser, base: str) -> float:
    visit = Visit(browser)
    try:
        return visit.timed(lambda: visit.page.goto(base))[0]
    finally:
        visit.close()


def _headline(page: Page) -> str:
    return page.locator('[data-testid="stMetric"]').first.inner_text()


def _after_change(visit: Visit, shown: str) -> None:
    """Wait for the first metric to say something else than `shown` (a one-commodity or new-file total always
    differs), then for every figure: a settled page alone could be the one before the rerun began."""
    visit.page.wait_for_function("""(old) => {
        const m = document.querySelector('[data-testid="stMetric"]');
        return m !== null && m.innerText !== old;
    }""", arg=shown, timeout=TIMEOUT_MS)
    visit.figures()


def upload(visit: Visit, path: Path) -> float:
    """The visitor uploads `path`: seconds until the new figures (the first metric has changed) are all drawn."""
    page = visit.page
    shown = _headline(page)

    return visit.timed(lambda: page.locator(UPLOAD_INPUT).first.set_input_files(str(path)),
                       lambda: _after_change(visit, shown))[0]


def filter_click(visit: Visit) -> tuple[float, int]:
    """Pick the last commodity offered in the sidebar's first multiselect: seconds and bytes until the figures
    are drawn."""
    page = visit.page
    # Not the first: Streamlit's multiselect may offer "Select all" there, which leaves every total as it was.
    option = page.locator('[role="option"]').last
    for _ in range(4):  # a click can close the list it opens (the box kept focus): click until it shows
        page.locator(SIDEBAR_MULTISELECT).first.locator("input").click()
        try:
            option.wait_for(timeout=10_000)
            break
        except PlaywrightTimeoutError:
            page.keyboard.press("Escape")
    option.wait_for()
    shown = _headline(page)

    result = visit.timed(option.click, lambda: _after_change(visit, shown))
    page.keyboard.press("Escape")
    return result


def page_switch(visit: Visit) -> float:
    """Ours only: from Ringkasan to Komoditi by the top navigation."""
    link = visit.page.locator('a[href*="komoditi"]').first
    return visit.timed(link.click, lambda: visit.page.wait_for_function(
        KOMODITI_DRAWN, timeout=TIMEOUT_MS, polling="raf"))[0]


# ---------------------------------------------------------------------------------------------------- rounds


Results = dict[tuple[str, str], list[float]]


def one_round(browser: Browser, files: dict[str, Path], results: Results, store: Path) -> None:
    """Every measure once for every contender, the contenders taking turns."""
    for name, app in APPS.items():
        with serve(app, store / name) as base:
            results[("new visitor, cold server (s)", name)].append(first_figures(browser, base))
            results[("new visitor, warm server (s)", name)].append(first_figures(browser, base))
            for label, path in files.items():
                visit = Visit(browser)
                try:
                    visit.timed(lambda v=visit: v.page.goto(base))
                    results[(f"upload {label} to figures (s)", name)].append(upload(visit, path))
                    if "XLSX" in label and "100" in label:
                        continue
                    seconds, received = filter_click(visit)
                    results[(f"filter click, {label} (s)", name)].append(seconds)
                    results[(f"bytes per rerun, filter click {label} (KB)", name)].append(received / 1000)
                    if name not in ("polars", "pandas") and label.startswith("1,000,000"):
                        our_extras(browser, visit, results, name)
                finally:
                    visit.close()


def our_extras(browser: Browser, visit: Visit, results: Results, name: str = "ours") -> None:
    """The app's own at 1M rows: a page switch, and the share link opened by a colleague (a new browser) on the
    page it was copied from (Komoditi)."""
    results[("page switch, 1,000,000 rows (s)", name)].append(page_switch(visit))
    link = visit.page.url
    colleague = Visit(browser)
    try:
        results[("share link opened, 1,000,000 rows (s)", name)].append(colleague.timed(
            lambda: colleague.page.goto(link),
            lambda: colleague.page.wait_for_function(KOMODITI_DRAWN, timeout=TIMEOUT_MS, polling="raf"))[0])
    finally:
        colleague.close()


# ---------------------------------------------------------------------------------------------------- CSV ingest


EXPERT = """
import sys, polars as pl
raw = pl.read_csv(sys.argv[1], separator=";", skip_rows=1, infer_schema=False, truncate_ragged_lines=True)
number = lambda c: pl.col(c).str.replace_all(".", "", literal=True).str.replace(",", ".", literal=True).cast(
    pl.Float64, strict=False)
rows = raw.filter(pl.col("No").str.contains(r"^\\d+$")).with_columns(
    number("Nilai FOB (US$)"), number("Berat (Kg)"), pl.col("Tanggal").str.extract(r"(\\d{4})").alias("year"))
print(rows.group_by("year", "Komoditi").agg(pl.col("Nilai FOB (US$)").sum()).height)
"""
OURS = """
import sys
from pathlib import Path
from pekalongan.ingest import load_paths
print(load_paths([Path(sys.argv[1])]).records.height)
"""


def _process_seconds(code: str, path: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def tiny_csv(big: Path, out: Path) -> Path:
    """The first rows of the big file (title, header, 20 shipments), as the start-up baseline."""
    lines = big.read_bytes().split(b"\n")[:22]
    out.write_bytes(b"\n".join(lines) + b"\n")
    return out


def csv_ingest(big: Path, tiny: Path, rounds: int, results: Results) -> None:
    for _ in range(rounds):
        for name, code in (("ours", OURS), ("expert polars", EXPERT)):
            cost = _process_seconds(code, big) - _process_seconds(code, tiny)
            results[(f"CSV ingest {big.stat().st_size / 1e6:.0f} MB, big minus tiny process (s)", name)].append(cost)


# ---------------------------------------------------------------------------------------------------- report


def render(results: Results, rounds: int, load: str) -> str:
    contenders = [*APPS, "expert polars"]
    measures = list(dict.fromkeys(measure for measure, _ in results))
    extras = [name for name in APPS if name not in ("ours", "polars", "pandas")]
    lines = [f"Browser benchmark: {rounds} interleaved round(s), medians; load average at the start {load}.", "",
             "| measure | ours | polars peer | pandas peer | ours / faster peer |"
             + "".join(f" {name} |" for name in extras), "| --- | --- | --- | --- | --- |" + " --- |" * len(extras)]
    for measure in measures:
        cells = {c: statistics.median(results[(measure, c)]) for c in contenders if results.get((measure, c))}
        peers = [v for c, v in cells.items() if c in ("polars", "pandas", "expert polars")]
        ratio = f"{cells['ours'] / min(peers):.2f}x" if "ours" in cells and peers and min(peers) > 0 else "-"
        peer_cells = [f"{cells[c]:.3f}" if c in cells else "-" for c in ("polars", "pandas")]
        if (measure, "expert polars") in results:
            peer_cells[0] = f"{cells['expert polars']:.3f} (expert pipeline)"
        ours = f"{cells['ours']:.3f}" if "ours" in cells else "-"
        more = "".join(f" {cells[name]:.3f} |" if name in cells else " - |" for name in extras)
        lines.append(f"| {measure} | {ours} | {' | '.join(peer_cells)} | {ratio} |{more}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--also", nargs="*", default=[], metavar="NAME=APP",
                        help="more contenders, e.g. main=/tmp/main/app.py (an export of another commit)")
    parser.add_argument("--ingest-only", action="store_true", help="only the CSV ingest against expert polars")
    args = parser.parse_args(argv)
    for extra in args.also:
        name, app = extra.split("=", 1)
        APPS[name] = Path(app).resolve()
    out_dir = ROOT / "benchmarks" / "out"
    files = {}
    for rows in args.sizes:
        kind = "csv" if rows >= 1_000_000 else "xlsx"
        files[f"{rows:,} rows {kind.upper()}"] = generate.ensure(out_dir, rows, kind)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    results: Results = defaultdict(list)
    failures = 0
    with sync_playwright() as p, tempfile.TemporaryDirectory(prefix="pekalongan-bench-") as tmp:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        try:
            for number in range(0 if args.ingest_only else args.rounds):
                try:
                    one_round(browser, files, results, Path(tmp))
                except PlaywrightTimeoutError as exc:  # one stuck measure must not lose the rounds already run
                    print(f"round {number + 1} stopped: {exc.message.splitlines()[0]}", file=sys.stderr)
                    failures += 1
        finally:
            browser.close()
        big = next((path for path in files.values() if path.suffix == ".csv"), None)
        if big is not None:
            csv_ingest(big, tiny_csv(big, Path(tmp) / "tiny.csv"), args.rounds, results)
    table = render(results, args.rounds, load)
    if failures:
        table += f"\n{failures} round(s) stopped on a measure that timed out (see stderr): medians of the rest.\n"
    print(table)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
