"""Uploaded files -> one Dataset: the whole reading pipeline, shared by the app and the command line."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

import polars as pl

from pekalongan import overlap
from pekalongan import plan as reading_plan
from pekalongan.clean import Cleaned, finish
from pekalongan.dataset import Dataset  # also imported from here by the app and the command line
from pekalongan.errors import PekalonganError
from pekalongan.notices import Notice, notice
from pekalongan.plan import FilePlan, ReadingPlan
from pekalongan.report import FileInfo, Report

log = logging.getLogger(__name__)
SAMPLE_PATH = Path(__file__).resolve().parent.parent / "data" / "contoh_ekspor_pekalongan.xlsx"


def read_one(name: str, data: bytes) -> Cleaned:
    """(name, bytes) -> that file's records and report; a whole-file failure becomes the file's error line."""
    return read_planned(name, data)[0]


def read_planned(name: str, data: bytes, plan: FilePlan | None = None) -> tuple[Cleaned, FilePlan | None]:
    """(name, bytes, the file's reading plan or None) -> its records and report, and the plan it was read with
    (None when the file could not be read at all)."""
    try:
        planned = reading_plan.read_with_plan(name, data, plan)
        return planned.cleaned, planned.plan
    except PekalonganError as exc:
        # The code and parameters, so that the file's error is said in the user's language where it is shown. Read
        # as a plan says, a file can give nothing (its value column set to weight before another is set to value):
        # the plan stays, so the official can go on correcting it.
        error = notice(exc.code, **exc.params) if exc.code else str(exc)
        return _failed(name, error), getattr(exc, "reading_plan", None) or plan or reading_plan.bare(name, data)
    except BaseException as exc:  # a reader library choking on hostile bytes must not take the other files down
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        log.exception("unexpected failure reading %r", name)
        return _failed(name, notice("read.unexpected", name=name, error=type(exc).__name__)), plan


def _failed(name: str, error: Notice | str) -> Cleaned:
    return Cleaned(pl.DataFrame(), pl.DataFrame(), Report(files=[FileInfo(file=name, error=error)]))


def load(
    files: Iterable[tuple[str, bytes]],
    rates: pl.DataFrame | None = None,
    prefer: Mapping[int, str] | str | None = None,
    plan: ReadingPlan | None = None,
) -> Dataset:
    """[(name, bytes), ...] -> Dataset. Never raises for a bad file: its error is in `report.errors`.

    `rates` are exchange rates the official typed (`currency.typed_rates`); they win over the files' Kurs sheets.
    A year that two files cover (the same commodities or destinations) is counted from one of them: `prefer`
    ({year: file name}) says which, else the file with shipment detail; `overlap.COUNT_ALL` counts every file
    (see `pekalongan.overlap`).

    `plan` (`pekalongan.plan`) reads each file it names as it says, and its overlap choice stands for `prefer`'s;
    the Dataset keeps the plan it was read with (`Dataset.plan`), inferred where no plan was given."""
    files = list(files)
    read = [(name, *read_planned(name, data, plan.file(name) if plan is not None else None)) for name, data in files]
    if plan is not None and prefer is None:
        prefer = plan.prefer()
    parts = one_source_per_year([(name, cleaned) for name, cleaned, _ in read], prefer)
    useful = [not p.records.is_empty() or not p.targets.is_empty() or not p.rates.is_empty() for p in parts]
    cleaned = finish([p for p, ok in zip(parts, useful) if ok], rates)
    for part, ok in zip(parts, useful):
        if not ok:
            cleaned.report = cleaned.report.merge(part.report)
    # Keep the report's file order as uploaded.
    order = {name: i for i, (name, _) in enumerate(files)}
    cleaned.report.files.sort(key=lambda f: order.get(f.file, 0))
    decisions = next((f.overlap for f in cleaned.report.files if f.overlap), [])
    used = reading_plan.infer_plan([(n, p) for n, _, p in read if p is not None], decisions, plan)
    return Dataset(cleaned.records, cleaned.targets, cleaned.report, files=[n for n, _ in files], plan=used)


def load_paths(
    paths: Iterable[str | Path],
    rates: pl.DataFrame | None = None,
    prefer: Mapping[int, str] | str | None = None,
) -> Dataset:
    """File paths (the command line, the sample) -> Dataset."""
    return load(((Path(p).name, Path(p).read_bytes()) for p in paths), rates, prefer)


def one_source_per_year(parts: list[tuple[str, Cleaned]], prefer: Mapping[int, str] | str | None) -> list[Cleaned]:
    """Each file's records -> the same, with every year two files cover counted from one file only; the decisions
    go into both files' report, the rows no longer counted become skipped rows with the reason."""
    if len(parts) < 2:
        return [p for _, p in parts]
    covered = [c for name, p in parts for c in overlap.coverage(name, p.records)]
    decisions = overlap.decide(covered, [name for name, _ in parts], prefer)
    if not decisions:
        return [p for _, p in parts]
    out = []
    for name, part in parts:
        records, rows, lost = overlap.drop_overlaps(name, part.records, decisions)
        report = part.report
        for info in report.files:
            info.overlap = [d.as_dict() for d in decisions if name in d.files]
            for sheet in info.sheets:
                sheet.rows_kept -= lost.get(sheet.sheet, 0)
                sheet.rows_skipped += lost.get(sheet.sheet, 0)
        if rows.height:
            report.rows = pl.concat([report.rows, rows])
            report.rows_kept -= rows.height
        if name == parts[0][0]:
            report.warnings = [w for d in decisions for w in d.warnings] + report.warnings
        out.append(replace(part, records=records, report=report))
    return out


def load_sample() -> Dataset:
    """The bundled sample: published yearly totals and targets, illustrative shipments."""
    return replace(load_paths([SAMPLE_PATH]), is_sample=True)
