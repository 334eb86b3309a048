"""The command line: `python -m pekalongan check FILE... [--json]`, reading files exactly as the app does."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import polars as pl

from pekalongan.aggregate import KEY, StandardTable, ranking, standard_table
from pekalongan.errors import PekalonganError
from pekalongan.format import Kind, number_id, table_cell
from pekalongan.i18n import LANGS, t
from pekalongan.ingest import Dataset, load
from pekalongan.labels import column_cells, header, table_json
from pekalongan.notices import is_notice, render
from pekalongan.plan import ReadingPlan, from_json, to_json
from pekalongan.schema import Column
from pekalongan.store import store_from_env

EXIT_OK, EXIT_USER_ERROR = 0, 2


def _sums(records: pl.DataFrame, column: str) -> dict[str, float]:
    """records -> {key: summed value_usd}, keys as text, largest first (aggregate.ranking's order)."""
    if records.is_empty():
        return {}
    if records.get_column(column).null_count() == records.height:
        return {}  # the files have no such column
    ranked = ranking(records, column).select(pl.col(KEY).fill_null("(kosong)"), Column.VALUE_USD)
    return {str(k): round(v, 2) for k, v in ranked.iter_rows()}


def check_summary(dataset: Dataset, lang: str = "id") -> dict[str, Any]:
    """Dataset -> the `check --json` object; warnings and errors said in `lang`, with their codes beside."""
    report, records = dataset.report, dataset.records

    def issues(frame: pl.DataFrame) -> list[dict[str, Any]]:
        return frame.select("file", "sheet", "row", "reason").to_dicts()

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


def print_check(summary: dict[str, Any], lang: str = "id") -> None:
    """The short report (its frame in Indonesian; warnings, errors and sheets' reasons in `lang`)."""
    for err in summary["errors"]:
        print(f"GALAT  {err['message']}")
    for f in summary["files"]:
        if f["error"]:
            continue
        print(f"Berkas {f['file']} ({f['format']}" + (f", {f['encoding']}" if f["encoding"] else "") + ")")
        for s in f["sheets"]:
            where = f"  lembar {s['sheet']}" if s["sheet"] else "  tabel"
            rows = s.get("header_rows") or [s["header_row"]]
            header = f"baris {rows[0]}" if len(rows) == 1 else f"baris {rows[0]}–{rows[-1]}"
            print(
                f"{where}: judul kolom di {header}, tata letak {s['layout']}, satuan {s['unit']}; "
                f"{s['rows_kept']} baris dipakai, {s['rows_rejected']} ditolak, {s['rows_skipped']} dilewati"
            )
        for o in f.get("overlap", []):
            counted = o["counted_from"] or "semua berkas (pilihan pengguna)"
            print(f"  tahun {o['year']} juga ada di {', '.join(o['files'])}: dihitung dari {counted}")
        for s in f["sheets_without_table"]:
            print(f"  lembar {s['sheet']}: dilewati, {render(s.get('notice') or s['reason'], lang)}")
    print(
        f"Jumlah: {summary['rows_kept']} baris dipakai, {summary['rows_rejected']} ditolak, "
        f"{summary['rows_skipped']} dilewati; nilai ekspor USD {number_id(summary['total_value_usd'], 2)}"
    )
    for year, value in summary["by_year"].items():
        print(f"  {year}: USD {number_id(value, 2)}")
    for item in summary["rejected"][:50]:
        sheet = f", lembar {item['sheet']}" if item["sheet"] else ""
        print(f"DITOLAK  {item['file']}{sheet}, baris {item['row']}: {item['reason']}")
    if len(summary["rejected"]) > 50:
        print(f"... dan {len(summary['rejected']) - 50} baris ditolak lainnya (lihat --json)")
    for warning in summary["warnings"]:
        print(f"PERINGATAN  {warning}")


def _read_paths(paths: Sequence[str]) -> list[tuple[str, bytes]]:
    files = []
    for p in paths:
        path = Path(p)
        if not path.is_file():
            raise PekalonganError(f"Berkas “{p}” tidak ditemukan.")
        files.append((path.name, path.read_bytes()))
    return files


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status (0 when at least one file gave records, 2 otherwise)."""
    parser = argparse.ArgumentParser(prog="python -m pekalongan", description="Dasbor Ekspor Kota Pekalongan")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="baca berkas seperti aplikasi dan laporkan hasilnya")
    check.add_argument("files", nargs="+")
    check.add_argument("--json", action="store_true", help="keluaran JSON")
    check.add_argument("--lang", choices=LANGS, default="id", help="bahasa peringatan dan galat (id, en)")
    _add_plan_options(check)
    _add_more_commands(sub)
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
        print(f"GALAT  {exc.render(getattr(args, 'lang', 'id'))}", file=sys.stderr)
        return EXIT_USER_ERROR
    return EXIT_OK if not dataset.records.is_empty() else EXIT_USER_ERROR


def _add_plan_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plan", metavar="PLAN.json", help="baca berkas sesuai rencana pembacaan ini (lihat README)")
    parser.add_argument("--plan-out", metavar="PLAN.json", help="tulis rencana pembacaan yang dipakai ke berkas ini")


def _plan_in(args: argparse.Namespace) -> ReadingPlan | None:
    """`--plan FILE` -> the plan; PekalonganError when the file is missing or not a plan."""
    if not getattr(args, "plan", None):
        return None
    path = Path(args.plan)
    if not path.is_file():
        raise PekalonganError(f"Berkas “{args.plan}” tidak ditemukan.")
    return from_json(path.read_bytes())


def _plan_out(args: argparse.Namespace, dataset: Dataset) -> None:
    if getattr(args, "plan_out", None) and dataset.plan is not None:
        Path(args.plan_out).write_text(to_json(dataset.plan) + "\n", encoding="utf-8")


SUMMARY_DIMENSIONS = ("year", "commodity", "destination", "exporter_type")


def _add_more_commands(sub: argparse._SubParsersAction) -> None:
    """Commands added by later modules (summary); kept apart so `check` stays readable."""
    summary = sub.add_parser("summary", help="tabel standar Kemendag: nilai per tahun, perubahan, peran, trend")
    summary.add_argument("files", nargs="+")
    summary.add_argument("--by", choices=SUMMARY_DIMENSIONS, default="year", help="baris tabel (bawaan: year)")
    summary.add_argument("--json", action="store_true", help="keluaran JSON")
    summary.add_argument("--lang", choices=LANGS, default="id", help="bahasa label (bawaan: id)")
    _add_plan_options(summary)
    sweep = sub.add_parser("sweep", help="hapus data kedaluwarsa dan sisa tulisan dari penyimpanan (untuk timer)")
    sweep.add_argument("--lang", choices=LANGS, default="id", help="bahasa keluaran (bawaan: id)")
    _add_version_commands(sub)


def _run_more(args: argparse.Namespace, dataset: Dataset) -> int:
    """`summary`: the standard table as aligned text or JSON; exit 2 when no file gave records."""
    if args.command != "summary":
        return EXIT_USER_ERROR
    if dataset.records.is_empty():
        for _, message in dataset.report.errors_in(args.lang):
            print(f"GALAT  {message}", file=sys.stderr)
        print(f"GALAT  {t('agg.no_records', args.lang)}", file=sys.stderr)
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
        print(f"GALAT  {t('store.status.' + status.code, lang)} ({status.detail})", file=sys.stderr)
        return EXIT_USER_ERROR
    report = store.sweep()
    for dataset_id, problem in report.broken:
        print(t("store.broken", lang, id=dataset_id, problem=problem))
    counts = {name: len(getattr(report, name)) for name in ("expired", "evicted", "orphans", "broken")}
    used = number_id(report.used_bytes / 1024**2, 1, lang)
    print(t("store.swept", lang, **counts, debris=report.debris, datasets=report.datasets, used=used))
    return EXIT_OK


def _add_version_commands(sub: argparse._SubParsersAction) -> None:
    """`versions STORE TOKEN` and `diff STORE TOKEN A B`, reading a store folder directly (issue 17)."""
    versions = sub.add_parser("versions", help="daftar versi data di balik sebuah tautan")
    versions.add_argument("store", help="folder penyimpanan (PEKALONGAN_STORE)")
    versions.add_argument("token", help="token tautan (tulis -- sebelumnya bila diawali tanda minus)")
    versions.add_argument("--json", action="store_true", help="keluaran JSON")
    versions.add_argument("--lang", choices=LANGS, default="id", help="bahasa keluaran (bawaan: id)")
    diff = sub.add_parser("diff", help="angka yang berubah antara dua versi")
    diff.add_argument("store", help="folder penyimpanan (PEKALONGAN_STORE)")
    diff.add_argument("token", help="token tautan (tulis -- sebelumnya bila diawali tanda minus)")
    diff.add_argument("old", type=int)
    diff.add_argument("new", type=int)
    diff.add_argument("--json", action="store_true", help="keluaran JSON")
    diff.add_argument("--lang", choices=LANGS, default="id", help="bahasa keluaran (bawaan: id)")


def versions_command(args: argparse.Namespace) -> int:
    """`versions` / `diff`: exit 2 when the store, the link or a version cannot be opened."""
    from dataclasses import asdict

    from pekalongan.revisions import describe, revisions

    store_path = Path(args.store)
    if not (store_path / "datasets").is_dir():
        print(f"GALAT  {t('cli.no_store', args.lang, path=args.store)}", file=sys.stderr)
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
        print(f"GALAT  {exc.render(getattr(args, 'lang', 'id'))}", file=sys.stderr)
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
