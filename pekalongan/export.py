"""Downloads an official can forward: the selected records as CSV (opens right in Excel set to Indonesian) and as
an XLSX workbook (the records, the ministry's standard tables and the reading report), and the yearly totals in
Satu Data Indonesia's long format.

Uploaded text goes back out to other people's spreadsheets, so every text cell that a spreadsheet would read as a
formula is neutralised with a leading apostrophe, in every format (OWASP, "CSV injection"). Numbers are never
touched: they stay numeric columns and numeric cells, negative ones included.

Pure functions returning bytes; the page puts them behind download buttons.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

import polars as pl
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from pekalongan import aggregate, figure_notes, reasons
from pekalongan.aggregate import StandardTable
from pekalongan.figure_notes import MARKS
from pekalongan.format import defined, in_unit, pct, usd
from pekalongan.i18n import t
from pekalongan.labels import LABEL, column_cells, header, label_expr, line_labels
from pekalongan.report import REJECTED, Report
from pekalongan.schema import EXPORTER_TYPES, SCHEMA, Column, labels_as_text

# --- Neutralising formulas ----------------------------------------------------------------------------------

# What starts a formula in Excel or LibreOffice Calc (OWASP's list), plus their full-width forms, which an IME
# can turn into the ASCII ones.
FORMULA_STARTS: Final = "=+-@＝＋－＠"
# Leading whitespace does not make text safe: LibreOffice's CSV import can trim it ("Trim spaces") and leave the
# formula in front. So a formula character behind any run of whitespace or zero-width characters counts too.
# Tab and carriage return count on their own (OWASP), whatever follows them.
_INVISIBLE: Final = "".join(c for c in map(chr, range(0x10000)) if c.isspace()) + "\u200b\u2060\ufeff"
_FORMULA_START: Final = "^(?:[\t\r]|[" + _INVISIBLE + "]*[" + FORMULA_STARTS.replace("-", "\\-") + "])"
_FORMULA_RE: Final = re.compile(_FORMULA_START)  # the same pattern in Python's engine and in polars' (Rust)


def safe_cell(value: str) -> str:
    """'=HYPERLINK("http://x")' -> '\\'=HYPERLINK("http://x")'; '  +1' -> "'  +1"; '\\tx' -> "'\\tx"; 'a-b' -> 'a-b'"""
    return "'" + value if _FORMULA_RE.match(value) else value


def safe_text(expr: pl.Expr) -> pl.Expr:
    """text '=1+1' -> "'=1+1"; '@SUM(A1)' -> "'@SUM(A1)"; 'Surimi' -> 'Surimi'; null -> null (name kept)"""
    return expr.str.replace(_FORMULA_START, "'${0}")


# --- The records as officials read them -------------------------------------------------------------------------

TEXT, INTEGER, NUMBER, DATE = "text", "integer", "number", "date"

VALUE_ORIGINAL: Final = "__value_original"  # not a record column: value_usd / fx_rate, the amount as written
# Canonical column -> header key and kind, in the order of the download. `destination_kind` is internal.
RECORD_COLUMNS: Final[tuple[tuple[str, str, str], ...]] = (
    (Column.YEAR, "export.col.year", INTEGER),
    (Column.MONTH, "export.col.month", INTEGER),
    (Column.DATE, "export.col.date", DATE),
    (Column.EXPORTER, "export.col.exporter", TEXT),
    (Column.EXPORTER_TYPE, "export.col.exporter_type", TEXT),
    (Column.COMMODITY, "export.col.commodity", TEXT),
    (Column.HS_CODE, "export.col.hs_code", TEXT),
    (Column.DESTINATION, "export.col.destination_code", TEXT),
    (Column.DESTINATION_NAME, "export.col.destination", TEXT),
    (Column.WEIGHT_KG, "export.col.weight_kg", NUMBER),
    (Column.VALUE_USD, "export.col.value_usd", NUMBER),
    (Column.SOURCE_FILE, "export.col.source_file", TEXT),
    (Column.SOURCE_SHEET, "export.col.source_sheet", TEXT),
    (Column.SOURCE_ROW, "export.col.source_row", INTEGER),
    # Last, so that the columns officials already know keep their place: the year's mark (provisional / revised, as
    # the file marked it) and, for a value converted from another currency, what the file wrote and the rate used.
    (Column.YEAR_MARK, "export.col.year_mark", TEXT),
    (Column.CURRENCY, "export.col.currency", TEXT),
    (VALUE_ORIGINAL, "export.col.value_original", NUMBER),
    (Column.FX_RATE, "export.col.fx_rate", NUMBER),
)


def _complete(records: pl.DataFrame) -> pl.DataFrame:
    """records (maybe missing canonical columns, as an empty upload does) -> every column, labels as text: a
    download writes every row's text anyway, and text functions do not take the records' categorical codes."""
    missing = [pl.lit(None, dtype).alias(name) for name, dtype in SCHEMA.items() if name not in records.columns]
    return labels_as_text(records.with_columns(missing))


def _record_expr(column: str, kind: str, lang: str) -> pl.Expr:
    """One canonical column -> what the download shows: labels in `lang`, text neutralised, no NaN or infinity."""
    if column == Column.EXPORTER_TYPE:
        labels = {key: t(f"exporter_type.{key}", lang) for key in EXPORTER_TYPES}
        return safe_text(pl.col(column).replace(labels))
    if column == Column.YEAR_MARK:
        return pl.col(column).replace_strict({m: t(f"mark.{m}", lang) for m in MARKS}, default=None,
                                             return_dtype=pl.String)
    if column == VALUE_ORIGINAL:
        original = pl.col(Column.VALUE_USD) / pl.col(Column.FX_RATE)
        return pl.when(pl.col(Column.CURRENCY).is_not_null() & original.is_finite()).then(original)
    if column == Column.DESTINATION_NAME:
        name = label_expr(Column.DESTINATION, lang)  # Indonesian name, or the English one; else as written
        return safe_text(pl.when(pl.col(Column.DESTINATION).is_null()).then(pl.col(column)).otherwise(name))
    if kind == TEXT:
        return safe_text(pl.col(column))
    if kind == NUMBER:
        return pl.when(pl.col(column).is_finite()).then(pl.col(column))  # spreadsheets have no NaN
    return pl.col(column)


def records_table(records: pl.DataFrame, lang: str = "id") -> pl.DataFrame:
    """records -> 'Tahun' | 'Bulan' | 'Tanggal' | ... | 'Nilai FOB (US$)' | 'Berkas' | 'Lembar' | 'Baris', text
    neutralised, numbers untouched; the table both downloads write."""
    records = _complete(records)
    return records.select(
        _record_expr(column, kind, lang).alias(t(key, lang)) for column, key, kind in RECORD_COLUMNS
    )


def records_csv(records: pl.DataFrame, lang: str = "id", delimiter: str = ";") -> bytes:
    """records -> CSV bytes for Excel: UTF-8 with a BOM, ISO dates, no thousands separators, and a decimal comma
    with ";" (what Excel set to Indonesian expects) or a decimal point with ",".

    Text is quoted (LibreOffice can keep quoted fields as text, so HS codes keep their leading zeros there; Excel
    converts "0901" to 901 whatever the quotes, which only the XLSX download avoids). Numbers are written in
    full, never in scientific notation, so they read back exactly.
    """
    if delimiter not in (";", ","):
        raise ValueError(f"delimiter must be ';' or ',', not {delimiter!r}")
    buffer = io.BytesIO()
    records_table(records, lang).write_csv(
        buffer,
        separator=delimiter,
        decimal_comma=delimiter == ";",
        include_bom=True,  # without it Excel reads UTF-8 as the ANSI code page: "Tiongkok" is fine, "Côte" is not
        quote_style="non_numeric",
        float_scientific=False,
        date_format="%Y-%m-%d",
        line_terminator="\r\n",
    )
    return buffer.getvalue()


# --- Satu Data Indonesia ------------------------------------------------------------------------------------------

SATU_DATA_REGION: Final = {
    "kode_provinsi": 33,
    "nama_provinsi": "JAWA TENGAH",
    "kode_kabupaten_kota": 3375,
    "nama_kabupaten_kota": "KOTA PEKALONGAN",
}


def satu_data_table(records: pl.DataFrame) -> pl.DataFrame:
    """records -> kode_provinsi | ... | komoditas | negara_tujuan | nilai_ekspor | satuan | tahun: one row per
    year, commodity and destination (Indonesian name), in USD rounded to the cent, sorted."""
    records = _complete(records).filter(pl.col(Column.YEAR).is_not_null())
    blank = t("agg.blank", "id")
    per_code = records.group_by(Column.YEAR, Column.COMMODITY, Column.DESTINATION).agg(
        pl.col(Column.VALUE_USD).sum(), pl.col(Column.DESTINATION_NAME).drop_nulls().first()
    )
    # Two spellings can resolve to one Indonesian name; the portal wants one row per name.
    per_name = (
        per_code.with_columns(label_expr(Column.DESTINATION, "id"), pl.col(Column.COMMODITY).fill_null(blank))
        .group_by(Column.YEAR, Column.COMMODITY, LABEL)
        .agg(pl.col(Column.VALUE_USD).sum())
    )
    return per_name.select(
        *[pl.lit(value).alias(name) for name, value in SATU_DATA_REGION.items()],
        safe_text(pl.col(Column.COMMODITY)).alias("komoditas"),
        safe_text(pl.col(LABEL)).alias("negara_tujuan"),
        (pl.col(Column.VALUE_USD).round(2) + 0.0).alias("nilai_ekspor"),  # + 0.0 turns -0.0 into 0.0
        pl.lit("USD").alias("satuan"),
        pl.col(Column.YEAR).alias("tahun"),
    ).sort("tahun", "komoditas", "negara_tujuan")


def satu_data_csv(records: pl.DataFrame) -> bytes:
    """records -> 'kode_provinsi,nama_provinsi,...,tahun' CSV for a Satu Data portal: comma-separated, decimal
    point, two decimals, UTF-8 *without* a BOM (portal loaders compare the header byte for byte, and a BOM would
    become part of 'kode_provinsi'), LF line ends."""
    buffer = io.BytesIO()
    satu_data_table(records).write_csv(
        buffer, separator=",", quote_style="necessary", float_precision=2, float_scientific=False
    )
    return buffer.getvalue()


# --- The workbook -------------------------------------------------------------------------------------------------

TABLE_DIMENSIONS: Final = ("commodity", "destination", "exporter_type", "year")
TABLE_HEADER_ROW: Final = 3  # title, filter sentence, blank, then the header (0-based row 3, Excel row 4)
MONEY: Final = "#,##0.00"  # Excel shows it with the reader's own separators: 1.234,50 in Indonesian
_SHEET_NAME_FORBIDDEN: Final = re.compile(r"[\[\]:*?/\\]")


class _ExactNumbers(Worksheet):
    """A worksheet that writes every number exactly. xlsxwriter writes 16 significant digits, which can change a
    double's last bit (0.1 + 0.2 would come back as 0.3); `repr` is the shortest form that reads back exactly,
    which is what Excel itself writes. Pinned xlsxwriter; the round-trip test notices if this stops working."""

    def _xml_number_element(self, number: float, attributes: Iterable[tuple[str, Any]] = ()) -> None:
        attr = "".join(f' {key}="{self._escape_attributes(value)}"' for key, value in attributes)
        value = number if type(number) is int else float(number)  # counts stay "19", not "19.0"
        self.fh.write(f"<c{attr}><v>{value!r}</v></c>")


@dataclass
class _Book:
    """The workbook and its few formats; every string goes through `text`, so none can become a formula."""

    wb: xlsxwriter.Workbook
    header: Format
    title: Format
    note: Format
    bold: Format
    money: Format
    money_bold: Format
    integer: Format
    date: Format
    as_text: Format

    @classmethod
    def open(cls, buffer: io.BytesIO) -> _Book:
        # write_string never makes a formula, a URL or a number; these options make a stray `write` safe too.
        wb = xlsxwriter.Workbook(buffer, {
            "in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
        })
        return cls(
            wb=wb,
            header=wb.add_format({"bold": True, "bg_color": "#dceaf4", "border": 1, "text_wrap": True,
                                  "valign": "top"}),
            title=wb.add_format({"bold": True, "font_size": 13}),
            note=wb.add_format({"italic": True, "font_color": "#5c5f6b"}),
            bold=wb.add_format({"bold": True}),
            money=wb.add_format({"num_format": MONEY}),
            money_bold=wb.add_format({"num_format": MONEY, "bold": True, "top": 1}),
            integer=wb.add_format({"num_format": "0"}),
            date=wb.add_format({"num_format": "dd/mm/yyyy"}),
            as_text=wb.add_format({"num_format": "@"}),
        )

    def sheet(self, name: str) -> Worksheet:
        return self.wb.add_worksheet(name, worksheet_class=_ExactNumbers)

    def text(self, ws: Worksheet, row: int, col: int, value: str | None, fmt: Format | None = None) -> None:
        if value is not None:
            ws.write_string(row, col, safe_cell(str(value)), fmt)

    def number(self, ws: Worksheet, row: int, col: int, value: float | None, fmt: Format | None = None) -> None:
        if defined(value):  # undefined (None, NaN, infinity) -> an empty cell
            ws.write_number(row, col, value, fmt)

    def headers(self, ws: Worksheet, row: int, names: Iterable[str]) -> None:
        for col, name in enumerate(names):
            self.text(ws, row, col, name, self.header)


def _sheet_name(name: str, used: set[str]) -> str:
    """'Tabel: Negara/Kawasan' -> 'Tabel  Negara Kawasan' (Excel forbids []:*?/\\, 31 characters, no repeats)."""
    base = _SHEET_NAME_FORBIDDEN.sub(" ", name).strip("' ")[:31] or "Tabel"
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.lower())
    return candidate


def _width(header: str, values: pl.Series, low: int = 7, high: int = 48) -> int:
    """A column's width in characters: its longest header word or cell, within [low, high]."""
    longest = values.cast(pl.String).str.len_chars().max() if values.len() else 0
    words = max((len(w) for w in header.split()), default=0)
    return max(low, min(high, max(int(longest or 0), words) + 2))


def _data_sheet(book: _Book, ws: Worksheet, records: pl.DataFrame, lang: str) -> None:
    """Sheet 'Data': the filtered records, one per row, numbers as numbers, dates as dates, HS codes as text."""
    table = records_table(records, lang)
    book.headers(ws, 0, table.columns)
    for col, ((column, _key, kind), series) in enumerate(zip(RECORD_COLUMNS, table.iter_columns(), strict=True)):
        fmt = {NUMBER: book.money, INTEGER: book.integer, DATE: book.date}.get(kind)
        if column == Column.HS_CODE:
            fmt = book.as_text  # typed-over cells stay text too, so leading zeros survive editing
        elif column == Column.FX_RATE:
            fmt = None  # Excel's General format: a rate of 0.0091 is not shown as 0.01
        for row, value in enumerate(series.to_list(), start=1):
            if value is None:
                continue
            if kind == TEXT:
                ws.write_string(row, col, value, fmt)  # neutralised by records_table
            elif kind == DATE:
                ws.write_datetime(row, col, value, fmt)
            else:
                book.number(ws, row, col, value, fmt)
        width = 12 if kind == DATE else 16 if kind == NUMBER else _width(series.name, series)
        ws.set_column(col, col, width)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, table.height, table.width - 1)


def _sentences(text: str) -> list[str]:
    """'Nilai dalam juta USD. Perub: ... Peran: ...' -> ['Nilai dalam juta USD.', 'Perub: ...', 'Peran: ...']"""
    return [s for s in re.split(r"(?<=\.)\s+(?=[A-Z“\"])", text) if s]


def _table_sheet(book: _Book, ws: Worksheet, table: StandardTable, filter_sentence: str, lang: str,
                 figure_lines: Iterable[str] = ()) -> None:
    """One standard table: title, filter sentence, the table in juta USD and %, the total, then the definitions
    and what the figures carry (provisional years, converted currencies: `figure_lines`)."""
    columns = table.columns
    headers = [header(column, lang) for column in columns]
    book.text(ws, 0, 0, t(f"export.table.title.{table.by}", lang), book.title)
    book.text(ws, 1, 0, t("export.filters", lang, sentence=filter_sentence), book.note)
    book.headers(ws, TABLE_HEADER_ROW, headers)
    lines = list(zip(*(column_cells(table, column, lang) for column in columns), strict=True))
    for i, line in enumerate(lines):
        row = TABLE_HEADER_ROW + 1 + i
        total = i == len(lines) - 1  # the total comes last
        book.text(ws, row, 0, line[0], book.bold if total else None)
        for col, (column, value) in enumerate(zip(columns[1:], line[1:], strict=True), start=1):
            book.number(ws, row, col, in_unit(value, column.kind), book.money_bold if total else book.money)
    notes = _sentences(t("table.note", lang))
    for year, target in sorted(table.targets.items()):
        notes.append(t("export.target_line", lang, year=year, target=usd(target["target_usd"], lang),
                       value=usd(target["realisation_usd"], lang), pct=pct(target["achievement_pct"], lang)))
    notes.extend(figure_lines)
    for i, note in enumerate(notes):
        book.text(ws, TABLE_HEADER_ROW + len(lines) + 2 + i, 0, note, book.note)
    labels = pl.Series(line_labels(table, lang), dtype=pl.String)
    ws.set_column(0, 0, _width(headers[0], labels, low=14, high=40))
    ws.set_column(1, max(1, len(columns) - 1), 13)
    ws.freeze_panes(TABLE_HEADER_ROW + 1, 1)


def _report_sheet(book: _Book, ws: Worksheet, report: Report, lang: str) -> None:
    """'Laporan Pembacaan': rows kept, rejected and skipped, file errors, warnings, unrecognised names, then every
    row not kept with its file, sheet, spreadsheet row and reason (last, under an autofilter)."""
    book.text(ws, 0, 0, t("report.title", lang), book.title)
    book.text(ws, 1, 0, t("export.report.scope", lang), book.note)
    row = 3
    for key, count in (("report.kept", report.rows_kept), ("report.rejected", report.rows_rejected),
                       ("report.skipped", report.rows_skipped)):
        book.text(ws, row, 0, t(key, lang), book.bold)
        book.number(ws, row, 1, count, book.integer)
        row += 1

    def section(title: str, header: list[str], lines: Iterable[Iterable[Any]]) -> None:
        nonlocal row
        lines = list(lines)
        if not lines:
            return
        row += 1
        book.text(ws, row, 0, title, book.bold)
        row += 1
        if header:
            book.headers(ws, row, header)
            row += 1
        for line in lines:
            for col, value in enumerate(line):
                if isinstance(value, int | float) and not isinstance(value, bool):
                    book.number(ws, row, col, value, book.integer)
                else:
                    book.text(ws, row, col, None if value is None else str(value))
            row += 1

    section(t("export.report.errors", lang), [t("report.col.file", lang), t("report.col.reason", lang)],
            report.errors_in(lang))
    section(t("report.warnings", lang), [], ([w] for w in report.warning_texts(lang)))
    names = report.unrecognised_names
    section(t("report.names", lang),
            [t("report.col.name", lang), t("report.col.kind", lang), t("report.col.rows", lang)],
            names.select("name", pl.col("kind").replace({k: t(f"names.kind.{k}", lang)
                                                          for k in ("unknown", "region", "country")}), "rows")
            .iter_rows())

    row += 1
    book.text(ws, row, 0, t("export.report.rows", lang), book.bold)
    row += 1
    header = [t(f"report.col.{c}", lang) for c in ("file", "sheet", "row")] + [
        t("export.col.status", lang), t("report.col.reason", lang)]
    book.headers(ws, row, header)
    first = row
    status = {REJECTED: t("export.status.rejected", lang)}
    rows = reasons.localise(report.rows, lang)  # each reason in the reader's language, from its code
    rows = rows.sort(pl.col("status") != REJECTED, maintain_order=True)  # rejected first: they need a fix
    for file, sheet, number, state, reason in rows.select("file", "sheet", "row", "status", "reason").iter_rows():
        row += 1
        book.text(ws, row, 0, file)
        book.text(ws, row, 1, sheet)
        book.number(ws, row, 2, number, book.integer)
        book.text(ws, row, 3, status.get(state, t("export.status.skipped", lang)))
        book.text(ws, row, 4, reason)
    if rows.is_empty():
        row += 1
        book.text(ws, row, 0, t("report.all_good", lang), book.note)
    ws.autofilter(first, 0, row, len(header) - 1)
    ws.set_column(0, 0, 36)
    ws.set_column(1, 3, 12)
    ws.set_column(4, 4, 60)


def standard_tables(
    records: pl.DataFrame, lang: str = "id", targets: pl.DataFrame | None = None
) -> dict[str, StandardTable]:
    """records -> {'Tabel Komoditi': ..., 'Tabel Negara': ..., 'Tabel Jenis Eksportir': ..., 'Tabel Tahunan': ...}
    (pass `targets` only for a city-wide selection: the yearly table then notes target and achievement)."""
    return {
        t(f"export.sheet.{by}", lang): aggregate.standard_table(records, by, targets if by == "year" else None)
        for by in TABLE_DIMENSIONS
    }


def workbook_xlsx(
    dataset_records: pl.DataFrame,
    tables: Mapping[str, StandardTable],
    report: Report,
    filter_sentence: str,
    lang: str = "id",
) -> bytes:
    """Filtered records, {sheet name: standard table}, the reading report -> XLSX bytes with the sheets 'Data',
    one per table (in the mapping's order) and 'Laporan Pembacaan'."""
    buffer = io.BytesIO()
    book = _Book.open(buffer)
    book.wb.set_properties({
        "title": t("export.workbook.title", lang),
        "subject": filter_sentence,
        "comments": t("export.workbook.comments", lang),
    })
    used: set[str] = set()
    _data_sheet(book, book.sheet(_sheet_name(t("export.sheet.data", lang), used)), dataset_records, lang)
    lines = figure_notes.notes(dataset_records, lang)
    for name, table in tables.items():
        _table_sheet(book, book.sheet(_sheet_name(name, used)), table, filter_sentence, lang, lines)
    _report_sheet(book, book.sheet(_sheet_name(t("export.sheet.report", lang), used)), report, lang)
    book.wb.close()
    return buffer.getvalue()



# --- The public view's downloads -----------------------------------------------------------------------------
# Only the protected tables the public view publishes, restricted to the viewer's selection: one row per cell,
# suppressed cells marked "dirahasiakan" with no value. No record, no exporter, no pseudonym, no file or sheet.

PUBLIC_DIMENSIONS: Final = (Column.COMMODITY, Column.DESTINATION, Column.EXPORTER_TYPE, Column.MONTH)


def public_table(protection: Any, sel: Any, lang: str = "id") -> pl.DataFrame:
    """protected tables, selection -> tabel | tahun | komoditi | negara_tujuan | jenis_eksportir | bulan |
    nilai_usd | eksportir | keterangan (headers in the viewer's language), one row per published or suppressed
    cell, sorted."""
    from pekalongan import public

    rows = []
    for dims, year, named, cell in public.published_cells(protection, sel):
        table = " x ".join([t("public.dim.year", lang), *[t(f"public.dim.{d}", lang) for d in dims]])
        labels = []
        for d in PUBLIC_DIMENSIONS:
            if d not in named:
                labels.append(None)
            elif d == Column.MONTH:
                labels.append(None if named[d] is None else str(named[d]))
            else:
                labels.append(public.label(protection, d, named[d], lang))
        rows.append((table, int(year), *labels, cell.value, cell.exporters,
                     t("public.suppressed", lang) if cell.value is None else None))
    names = ["table", "year", *PUBLIC_DIMENSIONS, "value_usd", "exporters", "note"]
    schema = {n: pl.String for n in names} | {"year": pl.Int32, "value_usd": pl.Float64, "exporters": pl.Int64}
    frame = pl.DataFrame(rows, schema=schema, orient="row").sort("table", "year", *PUBLIC_DIMENSIONS, nulls_last=True)
    return frame.select(
        *[safe_text(pl.col(c)).alias(t(f"public.col.{c}", lang)) if schema[c] == pl.String
          else pl.col(c).alias(t(f"public.col.{c}", lang)) for c in names]
    )


def public_csv(protection: Any, sel: Any, lang: str = "id", delimiter: str = ";") -> bytes:
    """The public view's tables as CSV (decimal comma with ';', as Indonesian Excel reads it)."""
    frame = public_table(protection, sel, lang)
    value = t("public.col.value_usd", lang)
    if delimiter == ";":
        frame = frame.with_columns(
            pl.col(value).round(2).cast(pl.String).str.replace(r"\.", ",").alias(value)
        )
    buffer = io.BytesIO()
    buffer.write("\ufeff".encode())
    frame.write_csv(buffer, separator=delimiter, float_precision=2, float_scientific=False)
    return buffer.getvalue()


def public_xlsx(protection: Any, sel: Any, filter_sentence: str, rules_text: str, lang: str = "id") -> bytes:
    """The public view's tables as one sheet, with the filter sentence and the disclosure rules above it."""
    frame = public_table(protection, sel, lang)
    buffer = io.BytesIO()
    book = _Book.open(buffer)
    book.wb.set_properties({"title": t("export.workbook.title", lang), "subject": filter_sentence})
    ws = book.sheet(_sheet_name(t("public.sheet", lang), set()))
    book.text(ws, 0, 0, t("public.sheet", lang), book.title)
    book.text(ws, 1, 0, filter_sentence, book.note)
    book.text(ws, 2, 0, rules_text, book.note)
    book.headers(ws, 4, frame.columns)
    value, count = t("public.col.value_usd", lang), t("public.col.exporters", lang)
    for r, line in enumerate(frame.iter_rows(named=True), start=5):
        for c, (name, cell) in enumerate(line.items()):
            if name == value:
                book.number(ws, r, c, cell, book.money)
            elif name == count:
                book.number(ws, r, c, cell, book.integer)
            else:
                book.text(ws, r, c, cell)
    for c, name in enumerate(frame.columns):
        ws.set_column(c, c, _width(name, frame.get_column(name).cast(pl.String)))
    book.wb.close()
    return buffer.getvalue()


def public_satu_data_csv(protection: Any, sel: Any) -> bytes:
    """The Satu Data file from the protected year x commodity x destination table: the portal's columns, a
    suppressed cell with an empty value and 'dirahasiakan' in a last column `keterangan`."""
    from pekalongan import public

    rows = []
    for dims, year, named, cell in public.published_cells(protection, sel):
        if dims != (Column.COMMODITY, Column.DESTINATION):
            continue
        rows.append((public.label(protection, Column.COMMODITY, named[Column.COMMODITY], "id"),
                     public.label(protection, Column.DESTINATION, named[Column.DESTINATION], "id"),
                     None if cell.value is None else round(cell.value, 2) + 0.0, int(year),
                     t("public.suppressed", "id") if cell.value is None else None))
    frame = pl.DataFrame(rows, schema={"komoditas": pl.String, "negara_tujuan": pl.String, "nilai_ekspor": pl.Float64,
                                       "tahun": pl.Int32, "keterangan": pl.String}, orient="row")
    frame = frame.select(
        *[pl.lit(value).alias(name) for name, value in SATU_DATA_REGION.items()],
        safe_text(pl.col("komoditas")), safe_text(pl.col("negara_tujuan")), "nilai_ekspor",
        pl.lit("USD").alias("satuan"), "tahun", "keterangan",
    ).sort("tahun", "komoditas", "negara_tujuan")
    buffer = io.BytesIO()
    frame.write_csv(buffer, separator=",", quote_style="necessary", float_precision=2, float_scientific=False)
    return buffer.getvalue()
