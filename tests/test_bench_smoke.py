"""The benchmark still runs: a smoke run at 10,000 rows prints its tables and every goal line.

Only that it runs and says everything is checked here, never a timing or a PASS: speed goals live in benchmarks/.
"""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

# The six goals of the issue, as benchmarks/run.py names them.
GOALS = ("ingest-csv", "ingest-xlsx", "xlsx-vs-pandas", "rerun-scaling", "chart-bytes", "ingest-memory",
         "hostile-small", "upload-cap")
SECTIONS = (
    "# Benchmark: Dasbor Ekspor Kota Pekalongan",
    "## 1. Ingest",
    "| file | rows | size | contender | median (min–max) | × plain polars | rows/s |",
    "## 2. Filter-change rerun",
    "## 3. Bytes per chart",
    "## 4. Peak memory",
    "## 5. Hostile and pathological files",
    "## Goals",
)


def test_benchmark_smoke_run_prints_the_tables_and_every_goal():
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--sizes", "10000", "--reps", "1"],
        capture_output=True, text=True, cwd=ROOT, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    for section in SECTIONS:
        assert section in out, section
    for contender in ("ingest (pekalongan.ingest.load)", "polars read_csv", "polars read_excel", "pandas read_csv",
                      "pandas read_excel (openpyxl)"):
        assert f"| {contender}" in out, contender
    for goal in GOALS:
        lines = [line for line in out.splitlines() if line.startswith(f"- GOAL {goal}: ")]
        assert len(lines) == 1, (goal, out[-2000:])
        assert lines[0].removeprefix(f"- GOAL {goal}: ").split(" ", 1)[0] in ("PASS", "FAIL", "SKIP"), lines[0]


# benchmarks/national.py (issue 18): the national-size case, its steps as it names them.
NATIONAL_STEPS = ("first view of the link (cold: opens the dataset)", "year range 2019-2023", "switch to Komoditi",
                  "switch to Negara Tujuan", "select the largest destination", "then the largest commodity")


def test_national_benchmark_smoke_run_prints_its_tables_and_goal():
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "national.py"), "--rows", "20000", "--reps", "1"],
        capture_output=True, text=True, cwd=ROOT, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    assert "# Benchmark: national-size data (issue 18)" in out
    # One column per contender: at 20,000 rows, the summaries and the raw rows at the same size.
    assert "| step | summaries at 20,000 | raw rows at 20,000 |" in out, out[-3000:]
    for step in NATIONAL_STEPS:
        assert sum(line.startswith(f"| {step} |") for line in out.splitlines()) == 3, step  # wall, CPU, ratio
    lines = [line for line in out.splitlines() if line.startswith("- GOAL national-click: ")]
    assert len(lines) == 1, out[-2000:]
    assert lines[0].removeprefix("- GOAL national-click: ").split(" ", 1)[0] in ("PASS", "FAIL", "SKIP"), lines[0]


def test_the_national_records_are_canonical_and_the_same_every_time():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import national
    import polars as pl

    from pekalongan.schema import SCHEMA

    rows = 20_000
    first = national.records(rows)
    assert first.schema == pl.Schema(SCHEMA)
    assert first.height == rows
    assert first.equals(national.records(rows))
    assert first.get_column("hs_code").cast(pl.String).str.contains(r"^\d{8}$").all()
    assert first.get_column("destination_kind").cast(pl.String).unique().to_list() == ["country"]
    assert first.get_column("exporter").null_count() == rows
    assert first.get_column("exporter_type").cast(pl.String).unique().to_list() == ["unknown"]
    assert (first.get_column("year").unique().sort().to_list()
            == list(range(national.FIRST_YEAR, national.LAST_YEAR + 1)))
    # Each year sums to Indonesia's total, scaled to the rows; a few chapters take most of the value.
    by_year = dict(first.group_by("year").agg(pl.col("value_usd").sum()).iter_rows())
    scale = rows / national.DEFAULT_ROWS * 1e9
    assert all(abs(by_year[y] - total * scale) < 0.01 * total * scale for y, total in national.YEAR_TOTALS_BN.items())
    chapters = (first.group_by(pl.col("hs_code").cast(pl.String).str.slice(0, 2)).agg(pl.col("value_usd").sum())
                .sort("value_usd", descending=True))
    assert chapters.get_column("value_usd").head(5).sum() > 0.4 * chapters.get_column("value_usd").sum()
