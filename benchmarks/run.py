"""The dashboard's speed, size and memory goals, measured in one run on files made here.

    .venv/bin/python benchmarks/run.py                 # 10,000 / 100,000 / 1,000,000 rows (`make bench`)
    .venv/bin/python benchmarks/run.py --sizes 10000 --reps 1     # smoke run, a few seconds
    options: --sizes N [N ...] (or 10000,100000)  --reps N  --strict (exit 1 on a FAIL)  --out FILE (markdown)

What is measured, each contender interleaved with the others (A B C A B C ...), median and min-max of --reps
repetitions (half as many, at least one, at 1,000,000 rows):

1. ingest: `pekalongan.ingest.load` (read + clean + report) against plain polars reading the same bytes
   (`pl.read_csv(..., infer_schema=False)`: every column as text, the only plain read that takes Indonesian
   numbers and a JUMLAH row; `pl.read_excel(engine="calamine", header_row=3)`) and against pandas doing the read
   and a sum per year (`read_csv(decimal=",", thousands=".")`; `read_excel(engine="openpyxl")`);
2. a filter change (the sidebar's commodity multiselect) rerun through AppTest on app.py, per size;
3. the bytes of every chart the pages send (`VegaLiteChart` proto: spec JSON and Arrow datasets), per size;
4. the peak resident memory of a subprocess ingesting the largest CSV, less one that only imports;
5. hostile and pathological files (benchmarks/hostile.py: zip headers that lie, a sparse XFD1048576 grid,
   3,000 sheets, 6,000 and 100,000 columns, a stray quote before a million rows, 200 MB on one line...), each
   read or refused in a fresh subprocess: its seconds, its peak memory over the imports, and what it said.

Files are generated once into benchmarks/out/ (gitignored) by benchmarks/generate.py. Goals are checked and
printed PASS / FAIL / SKIP (SKIP: the size the goal names was not run); the exit status is 0 unless --strict.
No timing is ever asserted by the test suite: tests/test_bench_smoke.py only checks that this script runs.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path[:0] = [str(ROOT), str(HERE)]

DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
XLSX_MAX_ROWS = 100_000  # larger workbooks are not what the office keeps (and xlsxwriter takes minutes)
CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHART_PAGES = ("ringkasan", "komoditi", "negara", "eksportir", "bulanan")

# The goals, as the issue states them. Each line is printed whatever the outcome, so the smoke test can find it.
GOAL_INGEST_CSV = "ingest-csv"
GOAL_INGEST_XLSX = "ingest-xlsx"
GOAL_PANDAS_XLSX = "xlsx-vs-pandas"
GOAL_RERUN = "rerun-scaling"
GOAL_CHART_BYTES = "chart-bytes"
GOAL_MEMORY = "ingest-memory"
GOAL_HOSTILE = "hostile-small"
GOAL_CAPPED = "upload-cap"
GOALS = (GOAL_INGEST_CSV, GOAL_INGEST_XLSX, GOAL_PANDAS_XLSX, GOAL_RERUN, GOAL_CHART_BYTES, GOAL_MEMORY,
         GOAL_HOSTILE, GOAL_CAPPED)
HOSTILE_BYTES, HOSTILE_SECONDS, HOSTILE_MEMORY = 5 * 1024**2, 5.0, 500 * 1024**2  # under 5 MB: 5 s, 500 MB
CAP_BYTES, CAP_SECONDS, CAP_MEMORY = 200 * 1024**2, 30.0, 2 * 1024**3  # up to the upload cap: 30 s, 2 GB
BIG, MID, SMALL = 1_000_000, 100_000, 10_000
TABLE_HEADER = "# Benchmark: Dasbor Ekspor Kota Pekalongan"
INGEST = "ingest (pekalongan.ingest.load)"
PL_CSV = "polars read_csv (all text)"
PL_XLSX = "polars read_excel (calamine)"
PD_CSV = "pandas read_csv + sum per year"
PD_XLSX = "pandas read_excel (openpyxl) + sum per year"


# ------------------------------------------------------------------------------------------------------- helpers


@dataclass
class Timing:
    """Seconds of each repetition of one contender."""

    seconds: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def cell(self) -> str:
        lo, hi = min(self.seconds), max(self.seconds)
        return f"{_s(self.median)} ({_s(lo)}–{_s(hi)})"


def _s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _mb(n_bytes: float) -> str:
    return f"{n_bytes / 1e6:.1f} MB"


def _kb(n_bytes: float) -> str:
    return f"{n_bytes / 1e3:.1f} KB"


def _rows(n: int) -> str:
    return f"{n:,}"


def interleaved(
    contenders: dict[str, Callable[[], object]], reps: int
) -> tuple[dict[str, Timing], dict[str, object]]:
    """Time each contender `reps` times, in turn (A B C A B C ...), so drift in the machine hits all alike.

    Returns the timings and each contender's last result (to check that what was timed is right).
    """
    out = {name: Timing() for name in contenders}
    last: dict[str, object] = {}
    for _ in range(reps):
        for name, run in contenders.items():
            last.pop(name, None)
            gc.collect()
            start = time.perf_counter()
            last[name] = run()
            out[name].seconds.append(time.perf_counter() - start)
    return out, last


def reps_for(rows: int, reps: int) -> int:
    return max(1, (reps + 1) // 2) if rows >= BIG else reps


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------------- 1. ingest


def pandas_csv_by_year(data: bytes) -> object:
    """The pandas baseline on the CSV: read with Indonesian separators, then the value summed per year."""
    import pandas as pd

    frame = pd.read_csv(io.BytesIO(data), sep=";", skiprows=1, decimal=",", thousands=".", dtype={"No": str, "HS": str})
    year = frame["Tanggal"].str[-4:]  # every way the office writes a date ends with the year
    return frame.groupby(year)["Nilai FOB (US$)"].sum()


def pandas_xlsx_by_year(data: bytes) -> object:
    """The pandas + openpyxl baseline on the workbook: read below the title rows, then the value summed per year."""
    import pandas as pd

    frame = pd.read_excel(io.BytesIO(data), engine="openpyxl", header=3)
    year = pd.to_datetime(frame["Tanggal"], errors="coerce").dt.year
    return frame.groupby(year)["Nilai FOB (US$)"].sum()


def polars_csv(data: bytes) -> object:
    import polars as pl

    return pl.read_csv(io.BytesIO(data), separator=";", skip_rows=1, infer_schema=False)


def polars_xlsx(data: bytes) -> object:
    import polars as pl

    return pl.read_excel(data, engine="calamine", read_options={"header_row": 3})


def check_same_totals(dataset: object, by_year: object) -> str:
    """The app's yearly totals against pandas' on the same file: a benchmark of a wrong reader is worthless."""
    import polars as pl

    ours = dict(dataset.records.group_by("year").agg(pl.col("value_usd").sum()).iter_rows())
    theirs = {int(float(k)): float(v) for k, v in by_year.items()}
    agree = ours.keys() == theirs.keys() and all(abs(ours[y] - theirs[y]) <= 1e-6 * abs(theirs[y]) for y in ours)
    report = dataset.report
    return (
        f"{_rows(report.rows_kept)} kept, {report.rows_rejected} rejected, {report.rows_skipped} skipped; "
        f"yearly totals {'equal' if agree else 'DIFFER from'} pandas'"
    )


@dataclass
class IngestResult:
    file: str
    kind: str
    rows: int
    size: int
    timings: dict[str, Timing]
    check: str


def bench_ingest(files: list[tuple[str, int, Path]], reps: int) -> list[IngestResult]:
    from pekalongan.ingest import load

    results = []
    warmed: set[str] = set()
    for kind, rows, path in sorted(files, key=lambda f: f[1]):
        data = path.read_bytes()
        name = path.name
        if kind == "csv":
            contenders = {
                INGEST: partial(load, [(name, data)]),
                PL_CSV: partial(polars_csv, data),
                PD_CSV: partial(pandas_csv_by_year, data),
            }
        else:
            contenders = {
                INGEST: partial(load, [(name, data)]),
                PL_XLSX: partial(polars_xlsx, data),
                PD_XLSX: partial(pandas_xlsx_by_year, data),
            }
        if kind not in warmed:  # imports, regex compilation and first allocations are not what is measured
            interleaved(contenders, 1)
            warmed.add(kind)
        log(f"ingest {name} ({_mb(len(data))}), {reps_for(rows, reps)} reps")
        timings, last = interleaved(contenders, reps_for(rows, reps))
        ours, pandas = last[INGEST], last[PD_CSV if kind == "csv" else PD_XLSX]
        check = check_same_totals(ours, pandas)
        del last, ours, pandas
        results.append(IngestResult(name, kind, rows, len(data), timings, check))
    return results


# ------------------------------------------------------------------------------------- 2.-3. AppTest: reruns, charts


def apply_pages_shim() -> None:
    """tests/conftest.py's PagesManager shim: without it AppTest reruns a page file without the entrypoint."""
    spec = importlib.util.spec_from_file_location("_bench_conftest", ROOT / "tests" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # patching PagesManager.__init__ is the module's import-time effect


def uploaded_app(path: Path, mime: str) -> tuple[object, float]:
    """An AppTest of app.py with the file uploaded; returns it and the seconds of the run that read the upload."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=900)
    at.run()
    start = time.perf_counter()
    at.file_uploader[0].upload(path.name, path.read_bytes(), mime).run()
    seconds = time.perf_counter() - start
    problems = [e.value for e in at.exception] + [e.value for e in at.error]
    if problems:
        raise RuntimeError(f"AppTest on {path.name}: {problems[0]}")
    return at, seconds


@dataclass
class Chart:
    page: str
    name: str
    spec: int  # bytes of the spec JSON
    datasets: int  # bytes of the Arrow datasets beside it
    total: int  # the whole element as serialised for the browser
    rows: int


def chart_sizes(at: object) -> list[Chart]:
    """Every chart of every page, with the bytes its element carries to the browser."""
    charts = []
    for page in CHART_PAGES:
        at.switch_page(f"app_pages/{page}.py").run()
        if at.exception:
            raise RuntimeError(f"page {page}: {at.exception[0].value}")
        for i, element in enumerate(at.get("vega_lite_chart")):
            proto = element.proto
            spec = json.loads(proto.spec)
            title = spec.get("title")
            title = title.get("text") if isinstance(title, dict) else title
            key = proto.id.rsplit("-", 1)[-1] if getattr(proto, "id", "") else ""
            charts.append(
                Chart(
                    page=page,
                    name=key or (str(title) if title else f"#{i + 1}"),
                    spec=len(proto.spec.encode()),
                    datasets=sum(len(d.data.data) for d in proto.datasets),
                    total=proto.ByteSize(),
                    rows=sum(len(v) for v in spec.get("datasets", {}).values())
                    + sum(_arrow_rows(d.data.data) for d in proto.datasets),
                )
            )
    at.switch_page("app_pages/ringkasan.py").run()
    return charts


def _arrow_rows(ipc: bytes) -> int:
    import pyarrow as pa

    return pa.ipc.open_stream(ipc).read_all().num_rows if ipc else 0


@dataclass
class AppResult:
    reruns: dict[int, Timing]
    upload_seconds: dict[int, float]
    charts: dict[int, list[Chart]]
    notes: list[str]


def bench_app(csvs: dict[int, Path], reps: int, store: Path) -> AppResult:
    apply_pages_shim()
    # Uploads are saved to the dataset store: a throwaway one, never the user's (set after the shim, which sets
    # its own for the tests).
    os.environ["PEKALONGAN_STORE"] = str(store)
    from pekalongan.ui import data as ui_data

    notes = []
    largest = max(p.stat().st_size for p in csvs.values())
    if largest > ui_data.MAX_UPLOAD_MB * 1e6:
        # The app refuses uploads over MAX_UPLOAD_MB; the goal is about a million rows, so the cap is lifted here.
        notes.append(
            f"The {_mb(largest)} CSV is over the app's {ui_data.MAX_UPLOAD_MB} MB upload cap "
            f"(pekalongan/ui/data.py MAX_UPLOAD_MB, server.maxUploadSize): the cap was lifted in this process."
        )
        ui_data.MAX_UPLOAD_MB = int(largest / 1e6) + 1
    apps, upload_seconds, charts = {}, {}, {}
    for rows, path in sorted(csvs.items()):
        log(f"AppTest: upload {path.name}")
        apps[rows], upload_seconds[rows] = uploaded_app(path, CSV_MIME)
        log(f"AppTest: charts of every page at {_rows(rows)} rows")
        charts[rows] = chart_sizes(apps[rows])

    # Each repetition picks another selection, so every run is a real filter change.
    options = {rows: list(at.sidebar.multiselect(key="komoditi").options) for rows, at in apps.items()}
    reruns = {rows: Timing() for rows in apps}
    n = max(reps, 1)
    log(f"AppTest: {n} filter-change reruns per size, interleaved")
    for rep in range(n + 1):  # the first change of each app is a warm-up
        for rows, at in sorted(apps.items()):
            opts = options[rows]
            choice = [opts[rep % len(opts)]] if rep % 3 != 2 else opts[: 2 + rep % 2]
            gc.collect()
            start = time.perf_counter()
            at.sidebar.multiselect(key="komoditi").set_value(choice).run()
            seconds = time.perf_counter() - start
            if at.exception:
                raise RuntimeError(f"rerun at {rows} rows: {at.exception[0].value}")
            if rep:
                reruns[rows].seconds.append(seconds)
    return AppResult(reruns, upload_seconds, charts, notes)


# -------------------------------------------------------------------------------------------------- 4. memory


def child(mode: str, path: str) -> None:
    """In a subprocess: import what ingest imports, and (mode 'ingest') ingest the file; print own peak RSS."""
    import polars  # noqa: F401

    from pekalongan.ingest import load

    out: dict[str, object] = {}
    if mode == "ingest":
        data = Path(path).read_bytes()
        dataset = load([(Path(path).name, data)])
        assert dataset.records.height > 0, dataset.report.errors
    elif mode == "hostile":
        out = _hostile_child(Path(path))
    out["self_maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(out))


def _hostile_child(path: Path) -> dict[str, object]:
    """Read or refuse one hostile file, as the app does (read, then clean); what it said and how long it took."""
    from pekalongan.clean import clean_tables
    from pekalongan.errors import PekalonganError
    from pekalongan.read import read_file

    data = path.read_bytes()
    start = time.perf_counter()
    try:
        cleaned = clean_tables(read_file(path.name, data))
        outcome, detail = "read", f"{cleaned.report.rows_kept:,} rows kept, {cleaned.report.rows.height:,} not"
    except PekalonganError as exc:
        outcome, detail = exc.code or type(exc).__name__, exc.render("en")
    return {"seconds": time.perf_counter() - start, "outcome": outcome, "detail": detail[:160]}


@dataclass
class MemoryResult:
    file: str
    rows: int
    size: int
    baseline: int  # bytes
    peak: int  # bytes
    self_reported: tuple[int, int]


# A small process between this one and the measured child. Linux starts a child's ru_maxrss at the peak of the
# address space it was forked (or vforked) from, so a child of this process would report at least this process's
# own peak (hundreds of MB after making the files); a child of a fresh `python -c` starts from a few MB.
_WRAPPER = (
    "import json, resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "sys.stderr.write(done.stderr)\n"
    "child = json.loads(done.stdout.strip().splitlines()[-1]) if done.returncode == 0 else {}\n"
    "child['children_maxrss_kb'] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(json.dumps(child))\n"
    "sys.exit(done.returncode)\n"
)


def bench_memory(path: Path, rows: int) -> MemoryResult:
    """Peak RSS of ingesting `path` in a fresh process (RUSAGE_CHILDREN.ru_maxrss), and of one only importing.

    The children also report their own RUSAGE_SELF, as a cross-check.
    """
    readings, selves = [], []
    for mode in ("baseline", "ingest"):
        done = subprocess.run(
            [sys.executable, "-c", _WRAPPER, sys.executable, str(Path(__file__).resolve()), "--child", mode, str(path)],
            capture_output=True, text=True, check=False, cwd=ROOT,
        )
        if done.returncode != 0:
            raise RuntimeError(f"memory child ({mode}) failed: {done.stderr.strip()[-2000:]}")
        reading = json.loads(done.stdout.strip().splitlines()[-1])
        readings.append(reading["children_maxrss_kb"] * 1024)
        selves.append(reading["self_maxrss_kb"] * 1024)
    return MemoryResult(path.name, rows, path.stat().st_size, readings[0], readings[1], (selves[0], selves[1]))


# ---------------------------------------------------------------------------------------------- 5. hostile files


@dataclass
class HostileResult:
    case: str
    file: str
    size: int
    expect: str
    outcome: str
    detail: str
    seconds: float
    memory: int  # peak resident bytes over a process that only imports

    @property
    def as_expected(self) -> bool:
        return self.outcome == self.expect


def _child_reading(mode: str, path: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER, sys.executable, str(Path(__file__).resolve()), "--child", mode, str(path)],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )
    if done.returncode != 0:
        raise RuntimeError(f"hostile child ({mode} {path.name}) failed: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_hostile() -> list[HostileResult]:
    """Each hostile case (made once into benchmarks/out/hostile/) read or refused in a fresh process."""
    import hostile

    folder = OUT / "hostile"
    folder.mkdir(parents=True, exist_ok=True)
    baseline = _child_reading("baseline", folder)["children_maxrss_kb"] * 1024
    results = []
    for case in hostile.CASES:
        path = folder / case.file
        if not path.exists():
            log(f"hostile: making {case.file}")
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_bytes(case.make())
            os.replace(tmp, path)
        log(f"hostile: {case.name} ({_mb(path.stat().st_size)})")
        reading = _child_reading("hostile", path)
        results.append(HostileResult(case.name, case.file, path.stat().st_size, case.expect, reading["outcome"],
                                     reading["detail"], reading["seconds"],
                                     max(0, reading["children_maxrss_kb"] * 1024 - baseline)))
    return results


# --------------------------------------------------------------------------------------------------- the report


@dataclass
class Goal:
    key: str
    text: str
    measured: str
    outcome: str  # PASS | FAIL | SKIP

    def line(self) -> str:
        return f"GOAL {self.key}: {self.outcome} — {self.text}; measured {self.measured}"


def _verdict(ok: bool, present: bool) -> str:
    return "SKIP" if not present else ("PASS" if ok else "FAIL")


def _pick(results: list[IngestResult], kind: str, rows: int) -> tuple[IngestResult | None, bool]:
    """The result for `rows`, else the largest of that kind (shown for reference, the goal then SKIPs)."""
    same = [r for r in results if r.kind == kind]
    exact = [r for r in same if r.rows == rows]
    if exact:
        return exact[0], True
    return (max(same, key=lambda r: r.rows) if same else None), False


def check_goals(ingest: list[IngestResult], app: AppResult | None, memory: MemoryResult | None,
                hostile: list[HostileResult] | None = None) -> list[Goal]:
    goals = []

    csv, exact = _pick(ingest, "csv", BIG)
    text = f"ingest of the {_rows(BIG)}-row CSV ≤ 1.5× plain pl.read_csv"
    if csv is not None:
        ratio = csv.timings[INGEST].median / csv.timings[PL_CSV].median
        goals.append(Goal(GOAL_INGEST_CSV, text, f"{ratio:.2f}× at {_rows(csv.rows)} rows", _verdict(ratio <= 1.5, exact)))
    else:
        goals.append(Goal(GOAL_INGEST_CSV, text, "-", "SKIP"))

    xlsx, exact = _pick(ingest, "xlsx", MID)
    text = f"ingest of the {_rows(MID)}-row XLSX ≤ 1.5× plain pl.read_excel (calamine)"
    text_pd = f"ingest of the {_rows(MID)}-row XLSX ≥ 10× faster than pandas + openpyxl"
    if xlsx is not None:
        t = xlsx.timings
        ratio = t[INGEST].median / t[PL_XLSX].median
        speedup = t[PD_XLSX].median / t[INGEST].median
        goals.append(Goal(GOAL_INGEST_XLSX, text, f"{ratio:.2f}× at {_rows(xlsx.rows)} rows",
                          _verdict(ratio <= 1.5, exact)))
        goals.append(Goal(GOAL_PANDAS_XLSX, text_pd, f"{speedup:.1f}× faster at {_rows(xlsx.rows)} rows",
                          _verdict(speedup >= 10, exact)))
    else:
        goals += [Goal(GOAL_INGEST_XLSX, text, "-", "SKIP"), Goal(GOAL_PANDAS_XLSX, text_pd, "-", "SKIP")]

    text = f"filter-change rerun at {_rows(BIG)} rows ≤ 3× the rerun at {_rows(SMALL)}"
    if app is not None and app.reruns:
        small, big = min(app.reruns), max(app.reruns)
        ratio = app.reruns[big].median / app.reruns[small].median
        goals.append(Goal(GOAL_RERUN, text, f"{ratio:.2f}× ({_rows(big)} vs {_rows(small)} rows)",
                          _verdict(ratio <= 3, small == SMALL and big == BIG)))
    else:
        goals.append(Goal(GOAL_RERUN, text, "-", "SKIP"))

    text = "≤ 20 KB sent per chart, at every size"
    if app is not None and app.charts:
        worst = max((c for charts in app.charts.values() for c in charts), key=lambda c: c.total)
        over = sorted({f"{c.page}/{c.name}" for cs in app.charts.values() for c in cs if c.total > 20_000})
        goals.append(Goal(GOAL_CHART_BYTES, text,
                          f"largest {_kb(worst.total)} ({worst.page}/{worst.name}); over: {', '.join(over) or 'none'}",
                          _verdict(not over, True)))
    else:
        goals.append(Goal(GOAL_CHART_BYTES, text, "-", "SKIP"))

    goals += _hostile_goals(hostile or [])

    text = f"peak memory of ingesting the {_rows(BIG)}-row CSV ≤ 4× the file size"
    if memory is not None:
        ratio = (memory.peak - memory.baseline) / memory.size
        goals.append(Goal(GOAL_MEMORY, text, f"{ratio:.2f}× at {_rows(memory.rows)} rows",
                          _verdict(ratio <= 4, memory.rows == BIG)))
    else:
        goals.append(Goal(GOAL_MEMORY, text, "-", "SKIP"))
    return goals


def _hostile_goals(results: list[HostileResult]) -> list[Goal]:
    small = [r for r in results if r.size < HOSTILE_BYTES]
    capped = [r for r in results if r.size <= CAP_BYTES]
    goals = []
    for key, picked, seconds, memory, what in (
        (GOAL_HOSTILE, small, HOSTILE_SECONDS, HOSTILE_MEMORY, "every hostile file under 5 MB"),
        (GOAL_CAPPED, capped, CAP_SECONDS, CAP_MEMORY, "every hostile file up to the 200 MB upload cap"),
    ):
        text = f"{what} read or refused as expected within {seconds:.0f} s and {memory // 1024**2:,} MB"
        if not picked:
            goals.append(Goal(key, text, "-", "SKIP"))
            continue
        slowest = max(picked, key=lambda r: r.seconds)
        largest = max(picked, key=lambda r: r.memory)
        wrong = [r.case for r in picked if not r.as_expected]
        ok = not wrong and slowest.seconds <= seconds and largest.memory <= memory
        measured = (f"slowest {_s(slowest.seconds)} ({slowest.case}), largest +{_mb(largest.memory)} "
                    f"({largest.case}); not as expected: {', '.join(wrong) or 'none'}")
        goals.append(Goal(key, text, measured, "PASS" if ok else "FAIL"))
    return goals


def _render_hostile(results: list[HostileResult]) -> list[str]:
    lines = ["", "## 5. Hostile and pathological files (fresh subprocess each; memory over the imports)", "",
             "| case | size | seconds | peak memory | expected | said |", "| --- | ---: | ---: | ---: | --- | --- |"]
    for r in results:
        said = r.outcome if r.as_expected else f"**{r.outcome}**"
        lines.append(f"| {r.case} | {_mb(r.size)} | {_s(r.seconds)} | +{_mb(r.memory)} | {r.expect} | {said}: "
                     f"{r.detail.replace('|', '/')} |")
    return lines


def render(ingest: list[IngestResult], app: AppResult | None, memory: MemoryResult | None, goals: list[Goal],
           elapsed: float, reps: int, hostile: list[HostileResult] | None = None) -> str:
    import platform

    import polars as pl

    lines = [TABLE_HEADER, ""]
    lines.append(f"Python {platform.python_version()}, polars {pl.__version__}, {_cpus()} CPUs; --reps {reps} "
                 f"(half at {_rows(BIG)} rows); medians with min–max; whole run {elapsed:.0f} s; load average at the end "
                 f"{os.getloadavg()[0]:.1f} (other processes on the machine skew the times, less so the ratios).")
    lines += ["", "## 1. Ingest", "",
              "| file | rows | size | contender | median (min–max) | × plain polars | rows/s |",
              "| --- | ---: | ---: | --- | ---: | ---: | ---: |"]
    for r in ingest:
        plain = next(t for k, t in r.timings.items() if k.startswith("polars"))
        for name, t in r.timings.items():
            lines.append(f"| {r.file} | {_rows(r.rows)} | {_mb(r.size)} | {name} | {t.cell()} | "
                         f"{t.median / plain.median:.2f}× | {r.rows / t.median:,.0f} |")
    lines += [""] + [f"- {r.file}: {r.check}" for r in ingest]

    if app is not None:
        lines += ["", "## 2. Filter-change rerun (AppTest, app.py, Ringkasan page, CSV upload)", "",
                  "| rows | first run after upload (reads the file) | rerun median (min–max) | × smallest |",
                  "| ---: | ---: | ---: | ---: |"]
        small = app.reruns[min(app.reruns)].median
        for rows, t in sorted(app.reruns.items()):
            lines.append(f"| {_rows(rows)} | {_s(app.upload_seconds[rows])} | {t.cell()} | {t.median / small:.2f}× |")
        lines += ["", "## 3. Bytes per chart sent to the browser", "",
                  "| rows | page | chart | spec JSON | Arrow datasets | element total | data rows |",
                  "| ---: | --- | --- | ---: | ---: | ---: | ---: |"]
        for rows, charts in sorted(app.charts.items()):
            for c in charts:
                lines.append(f"| {_rows(rows)} | {c.page} | {c.name} | {_kb(c.spec)} | {_kb(c.datasets)} | "
                             f"{_kb(c.total)} | {c.rows} |")
        lines += [""] + [f"- {_rows(rows)} rows: largest chart {_kb(max(c.total for c in cs))}, all charts "
                         f"{_kb(sum(c.total for c in cs))}" for rows, cs in sorted(app.charts.items())]
        lines += [f"- Note: {n}" for n in app.notes]

    if memory is not None:
        lines += ["", "## 4. Peak memory of ingest (subprocess, RUSAGE_CHILDREN.ru_maxrss)", "",
                  "| file | size | baseline (imports only) | ingest peak | peak − baseline | ÷ file size |",
                  "| --- | ---: | ---: | ---: | ---: | ---: |",
                  f"| {memory.file} | {_mb(memory.size)} | {_mb(memory.baseline)} | {_mb(memory.peak)} | "
                  f"{_mb(memory.peak - memory.baseline)} | {(memory.peak - memory.baseline) / memory.size:.2f}× |",
                  "", f"- children's own RUSAGE_SELF: baseline {_mb(memory.self_reported[0])}, "
                      f"ingest {_mb(memory.self_reported[1])}"]

    if hostile:
        lines += _render_hostile(hostile)

    lines += ["", "## Goals", ""] + [f"- {g.line()}" for g in goals]
    return "\n".join(lines) + "\n"


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


# ---------------------------------------------------------------------------------------------------------- main


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", default=[",".join(map(str, DEFAULT_SIZES))],
                        help="row counts, space- or comma-separated (default 10000,100000,1000000)")
    parser.add_argument("--reps", type=int, default=5, help="repetitions per contender (halved at 1,000,000 rows)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal FAILs")
    parser.add_argument("--out", type=Path, help="also write the markdown table to this file")
    parser.add_argument("--no-hostile", action="store_true", help="skip section 5 (hostile files)")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.sizes = sorted({int(s.replace("_", "")) for part in args.sizes for s in part.split(",") if s.strip()})
    if args.reps < 1 or not args.sizes or min(args.sizes) < 1:
        parser.error("--reps and --sizes must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.child:
        child(*args.child)
        return 0
    started = time.perf_counter()
    import generate

    csvs, files = {}, []
    for rows in args.sizes:
        log(f"files for {_rows(rows)} rows (cached in {OUT.relative_to(ROOT)})")
        csvs[rows] = generate.ensure(OUT, rows, "csv")
        files.append(("csv", rows, csvs[rows]))
        if rows <= XLSX_MAX_ROWS:
            files.append(("xlsx", rows, generate.ensure(OUT, rows, "xlsx")))

    largest = max(csvs)
    log(f"memory: ingest of {csvs[largest].name} in a subprocess")
    memory = bench_memory(csvs[largest], largest)
    ingest = bench_ingest(files, args.reps)
    with tempfile.TemporaryDirectory(prefix="pekalongan-bench-store-") as store:
        app = bench_app(csvs, args.reps, Path(store))
    hostile = bench_hostile() if not args.no_hostile else []
    goals = check_goals(ingest, app, memory, hostile)
    table = render(ingest, app, memory, goals, time.perf_counter() - started, args.reps, hostile)
    print(table)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(table, encoding="utf-8")
    failed = [g for g in goals if g.outcome == "FAIL"]
    return 1 if args.strict and failed else 0


if __name__ == "__main__":
    sys.exit(main())
