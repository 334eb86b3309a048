"""The command line: `python -m pekalongan check FILE... [--json]`, reading files exactly as the app does."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import polars as pl

from pekalongan import reasons
from pekalongan.aggregate import KEY, StandardTable, ranking, standard_table
from pekalongan.errors import PekalonganError
from pekalongan.format import Kind, number_id, table_cell
from pekalongan.i18n import LANGS, t
from pekalongan.ingest import Dataset, load
from pekalongan.labels import column_cells, header, table_json, unit_label
from pekalongan.notices import is_notice, render
from pekalongan.plan import ReadingPlan, from_json, to_json
from pekalongan.report import layout_label
from pekalongan.schema import Column
from pekalongan.store import store_from_env

EXIT_OK, EXIT_USER_ERROR = 0, 2


def _sums(records: pl.DataFrame, column: str) -> dict[str, float]:
    """records -> {key: summed value_usd}, keys as text, largest first (aggregate.ranking's order)."""
    if records.is_empty():
        return {}
    if records.get_column(column).null_count() == records.height:
        return {}  # the files have no such column
    # The JSON's key for a blank cell stays the same whatever the language: scripts read it.
    ranked = ranking(records, column).select(pl.col(KEY).fill_null(t("cli.blank", "id")), Column.VALUE_USD)
    return {str(k): round(v, 2) for k, v in ranked.iter_rows()}


def check_summary(dataset: Dataset, lang: str = "id") -> dict[str, Any]:
    """Dataset -> the `check --json` object; warnings and errors said in `lang`, with their codes beside."""
    report, records = dataset.report, dataset.records

    def issues(frame: pl.DataFrame) -> list[dict[str, Any]]:
        return reasons.localise(frame, lang).select("file", "sheet", "row", "reason").to_dicts()

    by_year = _sums(records, Column.YEAR)
    return {
        "rows_kept": report.rows_kept,
        "rows_rejected": report.rows_rejected,
        "rows_skipped": report.rows_skipped,
        "rejected": issues(report.rejected),
        "skipped": issues(report.skipped),
        "warnings": report.warning_texts(lang),
        "warning_codes": [w if is_notice(w) else {"code": None, "params": {}} for w in report.warnings],
        "errors": [{"file": f, "message": m} for f, m in report.errors_in(lang)],
        "files": [f.as_dict() for f in report.files],
        "total_value_usd": round(float(records.get_column(Column.VALUE_USD).sum()), 2) if not records.is_empty() else 0.0,
        "by_year": dict(sorted(by_year.items())),
        "by_commodity": _sums(records, Column.COMMODITY),
        "by_destination": _sums(records, Column.DESTINATION),
        "by_exporter_type": _sums(records, Column.EXPORTER_TYPE),
        "targets": dataset.targets.to_dicts(),
    }


def _sheet_line(s: dict[str, Any], lang: str) -> str:
    """One sheet of `check`: where its header is, its layout and unit, and its rows kept, rejected and skipped."""
    where = t("cli.sheet", lang, sheet=s["sheet"]) if s["sheet"] else t("cli.table", lang)
    rows = s.get("header_rows") or [s["header_row"]]
    header = t("cli.header_row", lang, row=rows[0]) if len(rows) == 1 else \
        t("cli.header_rows", lang, first=rows[0], last=rows[-1])
    return t("cli.sheet_line", lang, where=where, header=header, layout=layout_label(s["layout"], lang),
             unit=unit_label(s["unit"], lang), kept=s["rows_kept"], rejected=s["rows_rejected"], skipped=s["rows_skipped"])


def _file_lines(f: dict[str, Any], lang: str) -> list[str]:
    """One file of `check`: its format, each sheet, the years it shares with another file, sheets without a table."""
    kind = f["format"] + (f", {f['encoding']}" if f["encoding"] else "")
    lines = [t("cli.file", lang, file=f["file"], kind=kind)]
    lines += [_sheet_line(s, lang) for s in f["sheets"]]
    for o in f.get("overlap", []):
        counted = o["counted_from"] or t("cli.overlap_all", lang)
        lines.append(t("cli.overlap", lang, year=o["year"], files=", ".join(o["files"]), counted=counted))
    lines += [t("cli.sheet_skipped", lang, sheet=s["sheet"], reason=render(s.get("notice") or s["reason"], lang))
              for s in f["sheets_without_table"]]
    return lines


def print_check(summary: dict[str, Any], lang: str = "id") -> None:
    """The short report in `lang`."""
    for err in summary["errors"]:
        print(t("cli.error", lang, message=err["message"]))
    for f in summary["files"]:
        if not f["error"]:
            print("\n".join(_file_lines(f, lang)))
    print(t("cli.total", lang, kept=summary["rows_kept"], rejected=summary["rows_rejected"],
            skipped=summary["rows_skipped"], value=number_id(summary["total_value_usd"], 2, lang)))
    for year, value in summary["by_year"].items():
        print(t("cli.year_line", lang, year=year, value=number_id(value, 2, lang)))
    for item in summary["rejected"][:50]:
        sheet = t("cli.in_sheet", lang, sheet=item["sheet"]) if item["sheet"] else ""
        print(t("cli.rejected_line", lang, file=item["file"], sheet=sheet, row=item["row"], reason=item["reason"]))
    if len(summary["rejected"]) > 50:
        print(t("cli.more_rejected", lang, n=len(summary["rejected"]) - 50))
    for warning in summary["warnings"]:
        print(t("cli.warning", lang, message=warning))


def _read_paths(paths: Sequence[str]) -> list[tuple[str, bytes]]:
    files = []
    for p in paths:
        path = Path(p)
        if not path.is_file():
            raise PekalonganError(t("cli.not_found", "id", path=p), code="cli.not_found", params={"path": p})
        files.append((path.name, path.read_bytes()))
    return files


def _lang_of(argv: Sequence[str] | None) -> str:
    """The `--lang` of the command line, read before the parser is built: its help speaks that language too."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang", choices=LANGS, default="id")
    found, _ = early.parse_known_args(argv)
    return found.lang


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status (0 when at least one file gave records, 2 otherwise)."""
    lang = _lang_of(argv)
    parser = argparse.ArgumentParser(prog="python -m pekalongan", description=t("app.title", lang))
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help=t("cli.help.check", lang))
    check.add_argument("files", nargs="+")
    check.add_argument("--json", action="store_true", help=t("cli.help.json", lang))
    check.add_argument("--lang", choices=LANGS, default="id", help=t("cli.help.lang", lang))
    _add_plan_options(check, lang)
    _add_more_commands(sub, lang)
    args = parser.parse_args(argv)
    if args.command == "sweep":
        return sweep_store(args.lang)
    if args.command in ("versions", "diff"):
        return versions_command(args)
    try:
        dataset = load(_read_paths(args.files), plan=_plan_in(args))
        _plan_out(args, dataset)
        if args.command == "check":
            summary = check_summary(dataset, args.lang)
            if args.json:
                print(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
            else:
                print_check(summary, args.lang)
        else:
            return _run_more(args, dataset)
    except PekalonganError as exc:
        print(t("cli.error", args.lang, message=exc.render(args.lang)), file=sys.stderr)
        return EXIT_USER_ERROR
    return EXIT_OK if not dataset.records.is_empty() else EXIT_USER_ERROR


def _add_plan_options(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("--plan", metavar="PLAN.json", help=t("cli.help.plan", lang))
    parser.add_argument("--plan-out", metavar="PLAN.json", help=t("cli.help.plan_out", lang))


def _plan_in(args: argparse.Namespace) -> ReadingPlan | None:
    """`--plan FILE` -> the plan; PekalonganError when the file is missing or not a plan."""
    if not getattr(args, "plan", None):
        return None
    path = Path(args.plan)
    if not path.is_file():
        raise PekalonganError(t("cli.not_found", "id", path=args.plan), code="cli.not_found",
                              params={"path": args.plan})
    return from_json(path.read_bytes())


def _plan_out(args: argparse.Namespace, dataset: Dataset) -> None:
    if getattr(args, "plan_out", None) and dataset.plan is not None:
        Path(args.plan_out).write_text(to_json(dataset.plan) + "\n", encoding="utf-8")


SUMMARY_DIMENSIONS = ("year", "commodity", "destination", "exporter_type")


def _add_more_commands(sub: argparse._SubParsersAction, lang: str = "id") -> None:
    """Commands added by later modules (summary); kept apart so `check` stays readable."""
    summary = sub.add_parser("summary", help=t("cli.help.summary", lang))
    summary.add_argument("files", nargs="+")
    summary.add_argument("--by", choices=SUMMARY_DIMENSIONS, default="year", help=t("cli.help.by", lang))
    summary.add_argument("--json", action="store_true", help=t("cli.help.json", lang))
    summary.add_argument("--lang", choices=LANGS, default="id", help=t("cli.help.lang", lang))
    _add_plan_options(summary, lang)
    sweep = sub.add_parser("sweep", help=t("cli.help.sweep", lang))
    sweep.add_argument("--lang", choices=LANGS, default="id", help=t("cli.help.lang", lang))
    _add_version_commands(sub, lang)


def _run_more(args: argparse.Namespace, dataset: Dataset) -> int:
    """`summary`: the standard table as aligned text or JSON; exit 2 when no file gave records."""
    if args.command != "summary":
        return EXIT_USER_ERROR
    if dataset.records.is_empty():
        for _, message in dataset.report.errors_in(args.lang):
            print(t("cli.error", args.lang, message=message), file=sys.stderr)
        print(t("cli.error", args.lang, message=t("agg.no_records", args.lang)), file=sys.stderr)
        return EXIT_USER_ERROR
    table = standard_table(dataset.records, args.by, dataset.targets)
    if args.json:
        print(json.dumps(table_json(table, args.lang), ensure_ascii=False, indent=2, allow_nan=False))
    else:
        print(format_table(table, args.lang))
    return EXIT_OK


def format_table(table: StandardTable, lang: str = "id") -> str:
    """StandardTable -> aligned text: labels left, numbers right in the language's style, '-' where undefined."""
    headers = [header(column, lang) for column in table.columns]
    # The command line prints full USD ("table.unit"), where the app's tables print juta USD.
    cells = [
        [str(v) if column.kind is Kind.LABEL else table_cell(v, column.kind, lang, money_unit=1.0)
         for v in column_cells(table, column, lang)]
        for column in table.columns
    ]
    widths = [max(len(h), *(len(c) for c in col)) for h, col in zip(headers, cells)]

    def line(values: list[str]) -> str:
        first, *rest = values
        return "  ".join([first.ljust(widths[0]), *(v.rjust(w) for v, w in zip(rest, widths[1:]))]).rstrip()

    rule = "-" * (sum(widths) + 2 * (len(widths) - 1))
    rows = [line(list(row)) for row in zip(*cells)]
    body = [*rows[:-1], rule] if len(rows) > 1 else []  # the total row stands apart, as in the ministry's tables
    out = [line(headers), rule, *body, rows[-1], "", t("table.unit", lang)]
    for year, target in table.targets.items():
        out.append(
            t(
                "table.target_line",
                lang,
                year=year,
                target=number_id(target["target_usd"], 2, lang),
                value=number_id(target["realisation_usd"], 2, lang),
                pct=number_id(target["achievement_pct"], 2, lang),
            )
        )
    return "\n".join(out)


def sweep_store(lang: str = "id") -> int:
    """`sweep`: the configured store's housekeeping, for a timer; exit 2 when the store cannot be written."""
    store = store_from_env()
    status = store.check()
    if not status.writable:
        print(t("cli.error", lang, message=f"{t('store.status.' + status.code, lang)} ({status.detail})"),
              file=sys.stderr)
        return EXIT_USER_ERROR
    report = store.sweep()
    for dataset_id, problem in report.broken:
        print(t("store.broken", lang, id=dataset_id, problem=problem))
    counts = {name: len(getattr(report, name)) for name in ("expired", "evicted", "orphans", "broken")}
    used = number_id(report.used_bytes / 1024**2, 1, lang)
    print(t("store.swept", lang, **counts, debris=report.debris, datasets=report.datasets, used=used))
    return EXIT_OK


def _add_version_commands(sub: argparse._SubParsersAction, lang: str = "id") -> None:
    """`versions STORE TOKEN` and `diff STORE TOKEN A B`, reading a store folder directly (issue 17)."""
    versions = sub.add_parser("versions", help=t("cli.help.versions", lang))
    diff = sub.add_parser("diff", help=t("cli.help.diff", lang))
    for command in (versions, diff):
        command.add_argument("store", help=t("cli.help.store", lang))
        command.add_argument("token", help=t("cli.help.token", lang))
        if command is diff:
            command.add_argument("old", type=int)
            command.add_argument("new", type=int)
        command.add_argument("--json", action="store_true", help=t("cli.help.json", lang))
        command.add_argument("--lang", choices=LANGS, default="id", help=t("cli.help.lang", lang))


def versions_command(args: argparse.Namespace) -> int:
    """`versions` / `diff`: exit 2 when the store, the link or a version cannot be opened."""
    from dataclasses import asdict

    from pekalongan.revisions import describe, revisions

    store_path = Path(args.store)
    if not (store_path / "datasets").is_dir():
        print(t("cli.error", args.lang, message=t("cli.no_store", args.lang, path=args.store)), file=sys.stderr)
        return EXIT_USER_ERROR
    store = store_from_env(store_path)  # the app's settings (expiry days, size cap), read where the app reads them
    try:
        if args.command == "versions":
            listing = store.versions(args.token)
            if args.json:
                print(json.dumps([asdict(v) for v in listing], ensure_ascii=False, indent=2))
            for v in [] if args.json else listing:
                print(t("versions.line", args.lang, number=v.number, published=v.published, rows=v.rows_kept,
                        mode=t(f"versions.mode.{v.mode}", args.lang), files=", ".join(v.files)))
            return EXIT_OK
        old = store.open(args.token, args.old).dataset.records
        new = store.open(args.token, args.new).dataset.records
    except PekalonganError as exc:
        print(t("cli.error", args.lang, message=exc.render(args.lang)), file=sys.stderr)
        return EXIT_USER_ERROR
    table = revisions(old, new)
    if args.json:
        print(json.dumps(table.to_dicts(), ensure_ascii=False, indent=2))
        return EXIT_OK
    if table.is_empty():
        print(t("revisions.none", args.lang, old=args.old, new=args.new))
        return EXIT_OK
    print(t("revisions.title", args.lang, old=args.old, new=args.new))
    for row in table.iter_rows(named=True):
        print("  " + describe(row, args.lang))
    return EXIT_OK
