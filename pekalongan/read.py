"""Bytes -> tables: format, encoding, delimiter, sheets and header row.

`read_file` takes the uploaded bytes and the file's name (only to tell the format and to name the file in
messages; no path is ever built from it) and returns every table it finds, each with the cells as the office
wrote them: number cells stay numbers, text stays text. What a table *means* is `clean`'s job.

Whatever the file, the cost is bounded and the caps are checked while reading, not after a full load: a
workbook's archive is inflated once under a budget (`archive.scan_archive`: bombs, lying sizes, sheets whose grid
is mostly void, too many sheets), a CSV's lines and columns are measured on its head before polars reads it, and
the row cap stops the read one row past it. Each refusal names its cause, with a code and parameters
(`errors.PekalonganError.code`) so it can be said in the user's language.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import functools
import io
import json
import re
import zipfile
import zlib
from contextvars import ContextVar
from dataclasses import dataclass, field

import fastexcel
import polars as pl
from charset_normalizer import from_bytes

from pekalongan.archive import DEFAULT_LIMITS, ZIP_MAGIC, Limits, Scan, scan_archive
from pekalongan.dates import month_of_header, year_label, year_of_text
from pekalongan.errors import NoExportTable, PekalonganError, ProtectedWorkbook, TooLarge, UnreadableFile
from pekalongan.format import number_id
from pekalongan.i18n import t
from pekalongan.numbers import unit_of
from pekalongan.schema import DERIVED_HEADER, LABEL_ROLES, REPEATED_TEXT, normalise_header, role_of
from pekalongan.vocabulary import (
    CODE_PREFIX,
    COLUMN_NUMBER,
    CUMULATIVE_RE,
    HEADER_FIRST_YEAR,
    HEADER_LAST_YEAR,
    HS_COLUMN_RE,
    NOT_EXPORT_RE,
)

PROBE_ROWS = 40  # the header is looked for in the first rows of a sheet
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_FILE_BYTES = 250 * 1024**2  # above the app's 200 MB upload cap; this guards the command line too
MAX_ROWS = 2_000_000  # per sheet or CSV file
MAX_COLUMNS = 16_384  # Excel's own: no sheet Excel saves as CSV is wider
MAX_LINE_BYTES = 4 * 1024**2  # 16,384 cells of 250 characters; a longer "line" is no table row
MAX_BAD_LINES = 100  # lines of invalid UTF-8 rejected one by one; more, and the file is in another encoding
EXCEL_CELL_CHARS = 32_767  # Excel's cap on a cell's text: a longer CSV cell is rows swallowed by a stray quote
EXCEL_CELL_LINES = 253  # Excel's cap on line breaks in a cell
# Excel's cell errors, as calamine names them (fastexcel reports them as `Error(NA)`) -> as Excel writes them.
CELL_ERRORS = {"NA": "#N/A", "Ref": "#REF!", "Value": "#VALUE!", "Div0": "#DIV/0!", "Name": "#NAME?",
               "Num": "#NUM!", "Null": "#NULL!", "GettingData": "#GETTING_DATA"}
NIHIL = re.compile(r"(?i)\s*(nihil|nil|tidak ada (ekspor|kegiatan|realisasi))\s*\.?\s*")
NIL_FILLER = re.compile(r"(?i)\s*(-|–|—|0|0,00|jumlah|total|\d{1,3}\.?)?\s*")  # a dash, a zero, JUMLAH, a row number


@dataclass(frozen=True)
class Table:
    """One table found in one sheet: its header, the rows below it, and where they stand in the spreadsheet."""

    file: str
    sheet: str | None
    headers: tuple[str, ...]  # header text per column, "" where blank
    # The rows below the header, columns c0..cN, typed as the cells were; text columns of names (REPEATED_TEXT:
    # exporters, countries, dates written as text...) are categorical, with categories of their own.
    frame: pl.DataFrame
    first_row: int  # spreadsheet row number (1-based, as the official sees it) of frame row 0
    header_row: int  # spreadsheet row number of the (last) header row
    title: str  # the text above the header: units and years are often stated there
    text_cells: dict[int, pl.Series] = field(default_factory=dict)  # column -> bool mask of text cells (mixed cols)
    header_start: int = 0  # spreadsheet row number of the first header row (0: unknown)
    header_stack: tuple[tuple[str, ...], ...] = ()  # the header's rows, group cells spread (see `header_stack`)
    # Merged ranges of the sheet as (first row, first column, last row, last column), spreadsheet row numbers and
    # 0-based columns; None where the format does not say (CSV, .xls, .ods).
    merges: tuple[tuple[int, int, int, int], ...] | None = None
    # Rows the reader could not read as written (a line of invalid UTF-8): frame row "__i" (UInt32), "code" and
    # "reason" (the sentence in Indonesian); `clean` rejects them with that reason whatever their cells say.
    bad_rows: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=BAD_ROWS))


# A row the reader could not read as written: its reason code (pekalongan.reasons), the code's parameter, and
# the reason in Indonesian.
BAD_ROWS: dict[str, pl.DataType] = {"__i": pl.UInt32(), "code": pl.String(), "param": pl.String(),
                                    "reason": pl.String()}


@dataclass(frozen=True)
class SheetSkipped:
    """A sheet that holds no export table, and why (`code` and `params` say it in any language)."""

    file: str
    sheet: str | None
    reason: str
    code: str | None = None
    params: dict = field(default_factory=dict)


@dataclass
class ReadResult:
    """Everything found in one file."""

    file: str
    format: str
    tables: list[Table] = field(default_factory=list)
    skipped_sheets: list[SheetSkipped] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None


def _refusal(cls: type[PekalonganError], code: str, **params: object) -> PekalonganError:
    """The error for a refusal: its Indonesian sentence, its code and parameters (numbers stay numbers)."""
    shown = {k: number_id(v) if isinstance(v, int) and not isinstance(v, bool) else v for k, v in params.items()}
    name = params.get("name")
    return cls(t(code, "id", **shown), file=None if name is None else str(name), code=code, params=params)


def read_file(name: str, data: bytes, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """(name, bytes) -> ReadResult with one Table per sheet holding an export table."""
    if not data or data.isspace():
        raise _refusal(UnreadableFile, "read.empty_file", name=name)
    if len(data) > MAX_FILE_BYTES:
        raise _refusal(TooLarge, "read.file_too_large", name=name, size=round(len(data) / 1024**2),
                       limit=MAX_FILE_BYTES // 1024**2)
    kind = sniff_format(name, data)
    if kind == "text":
        return read_text(name, data)
    scan = scan_archive(name, data, kind, limits) if kind in ("xlsx", "ods") else None
    return read_workbook(name, data, kind, scan, limits)


def sniff_format(name: str, data: bytes) -> str:
    """b'PK..' -> 'xlsx'; OLE header -> 'xls' or encrypted; plain text -> 'text'."""
    lower = name.lower()
    if data.startswith(OLE_MAGIC):
        # Encrypted OOXML files are OLE containers too; tell them apart before calamine gives a vague error.
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o" in data[:65536] or (
            lower.endswith((".xlsx", ".xlsm")) and b"EncryptedPackage" in data
        ):
            raise _refusal(ProtectedWorkbook, "read.protected", name=name)
        return "xls"
    if data.startswith(ZIP_MAGIC):
        import zipfile

        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, ValueError) as exc:
            raise _refusal(UnreadableFile, "read.damaged_zip", name=name) from exc
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        if "content.xml" in names:
            return "ods"
        raise _refusal(UnreadableFile, "read.not_a_workbook", name=name)
    if lower.endswith(EXCEL_SUFFIXES) or _looks_binary(data):
        raise _refusal(UnreadableFile, "read.not_a_spreadsheet", name=name)
    return "text"


def _too_many_rows(name: str, sheet: str | None, rows: int | None) -> TooLarge:
    """rows None: more than MAX_ROWS, the reader stopped counting there."""
    if sheet is None or rows is None:
        return _refusal(TooLarge, "read.too_many_rows", name=name, limit=MAX_ROWS)
    return _refusal(TooLarge, "read.sheet_too_many_rows", name=name, sheet=sheet, rows=rows, limit=MAX_ROWS)


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text (Excel's "Unicode Text") is full of zero bytes
        return False
    return b"\x00" in head or sum(b < 9 or 13 < b < 32 for b in head) > len(head) * 0.05


# ---------------------------------------------------------------------------------------------------------- text


def decode_text(name: str, data: bytes) -> tuple[str, str]:
    """bytes -> (text, encoding): UTF-8 (with or without BOM) first, then what charset-normalizer finds."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        # Excel on Indonesian and English Windows saves CSV as Windows-1252; statistical guessers confuse it with
        # its Central European sibling cp1250 on short files, so it goes first when the bytes allow it.
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    if encoding in ("ascii", "latin_1", "iso8859_1"):
        encoding = "cp1252"  # Excel on Windows writes cp1252; it is a superset of Latin-1's printable part
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        return data.decode("cp1252", errors="replace"), "cp1252"


def sniff_delimiter(lines: list[str]) -> str:
    """['a;b;c', '1;2;3'] -> ';' (the candidate splitting most lines into the same, largest number of fields)."""
    best, best_score = ",", -1.0
    for delim in (";", "\t", ",", "|"):
        counts = [_field_count(line, delim) for line in lines if line.strip()]
        if not counts:
            continue
        widest = max(counts)
        if widest < 2:
            continue
        # A table's rows agree on their width; title lines and notes are the exceptions.
        score = sum(c == widest for c in counts) * widest
        if score > best_score:
            best, best_score = delim, score
    return best


def _field_count(line: str, delimiter: str) -> int:
    try:
        return len(next(csv.reader([line], delimiter=delimiter)))
    except csv.Error:  # a cell longer than the csv module takes: count the delimiters
        return line.count(delimiter) + 1


HEAD_BYTES = 256 * 1024  # enough for the title, the header and the first rows of any office CSV


def _utf8_head(data: bytes) -> str | None:
    """The first HEAD_BYTES as text when they are UTF-8 (a character cut at the end is fine), else None."""
    try:
        return codecs.getincrementaldecoder("utf-8")().decode(data[:HEAD_BYTES], final=len(data) <= HEAD_BYTES)
    except UnicodeDecodeError:
        return None


@dataclass(frozen=True)
class _BadLine:
    """A line of a UTF-8 file that is not UTF-8: where it is, and its first invalid byte."""

    start: int  # byte offset of the line
    end: int  # byte offset after its line break
    byte: int  # the first invalid byte
    position: int  # its position in the line (1-based, in bytes)


def invalid_utf8_lines(data: bytes, limit: int = MAX_BAD_LINES) -> tuple[list[_BadLine], bool] | None:
    """The lines of `data` that are not valid UTF-8 and whether the rest holds non-ASCII UTF-8 (proof that the file
    is UTF-8); None when more than `limit` lines are bad (the file is in another encoding). Checked a megabyte at a
    time, never decoding the whole file at once."""
    bad: list[_BadLine] = []
    evidence = False
    pos, size = 0, len(data)
    while pos < size:
        end = data.find(b"\n", min(size, pos + HEAD_BYTES * 4))
        end = size if end < 0 else end + 1
        piece = data[pos:end]
        try:
            piece.decode("utf-8")
            evidence = evidence or not piece.isascii()
            pos = end
            continue
        except UnicodeDecodeError as exc:
            at = pos + exc.start
        start = data.rfind(b"\n", 0, at) + 1
        stop = data.find(b"\n", at)
        stop = size if stop < 0 else stop + 1
        evidence = evidence or not data[pos:start].isascii()
        bad.append(_BadLine(start, stop, data[at], at - start + 1))
        if len(bad) > limit:
            return None
        pos = stop
    return bad, evidence


def _line_numbers(data: bytes, offsets: list[int]) -> list[int]:
    """byte offsets (ascending) -> their 1-based line numbers, counting the line breaks once."""
    numbers, line, last = [], 1, 0
    for offset in offsets:
        line += data.count(b"\n", last, offset)
        last = offset
        numbers.append(line)
    return numbers


def _repair_utf8(data: bytes) -> tuple[bytes, list[tuple[int, _BadLine]]] | None:
    """A UTF-8 file with a few bad lines -> (the bytes with those lines' bad bytes replaced by U+FFFD, [(line
    number, bad line)]); None when the file is not UTF-8 with a few bad lines (too many, or the rest pure ASCII:
    then it is a Windows-1252 file, which Excel writes)."""
    found = invalid_utf8_lines(data)
    if found is None or not found[0] or not found[1]:
        return None
    bad, _ = found
    parts, last = [], 0
    for line in bad:
        parts += [data[last:line.start], data[line.start:line.end].decode("utf-8", errors="replace").encode()]
        last = line.end
    parts.append(data[last:])
    return b"".join(parts), list(zip(_line_numbers(data, [b.start for b in bad]), bad))


def _text_payload(name: str, data: bytes) -> tuple[bytes, str, str, list[tuple[int, _BadLine]]]:
    """bytes -> (UTF-8 bytes for polars, encoding, the head as text, bad lines). A UTF-8 file goes to polars as it
    is; only its head is decoded here (decoding 100 MB in Python would double the memory it takes)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode Text": UTF-16 with a BOM, tabs
        text, encoding = decode_text(name, data)
        return text.encode("utf-8"), encoding, text[:HEAD_BYTES], []
    bom = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if bom else data
    encoding = "utf-8-sig" if bom else "utf-8"
    head = _utf8_head(body)
    if head is not None:
        return body, encoding, head, []
    repaired = _repair_utf8(body)
    if repaired is not None:
        payload, bad = repaired
        return payload, encoding, _utf8_head(payload) or "", bad
    text, encoding = decode_text(name, data)
    return text.encode("utf-8"), encoding, text[:HEAD_BYTES], []


def _check_lines(name: str, payload: bytes) -> bytes:
    """Refuse a text without line breaks or with a first line no table has; old Mac files (CR only) get LF."""
    first_break = payload.find(b"\n", 0, MAX_LINE_BYTES)
    if first_break >= 0:
        widest = max(payload.count(d.encode(), 0, first_break) for d in (";", "\t", ",", "|")) + 1
        if widest > MAX_COLUMNS:
            raise _refusal(TooLarge, "read.too_many_columns", name=name, columns=widest, line=1, limit=MAX_COLUMNS)
        return payload
    if len(payload) <= MAX_LINE_BYTES // 4:
        return payload
    if b"\r" in payload[:MAX_LINE_BYTES]:
        return payload.replace(b"\r", b"\n")  # Mac OS 9 line ends
    if payload.find(b"\n") < 0:
        raise _refusal(UnreadableFile, "read.no_line_breaks", name=name, size=max(1, round(len(payload) / 1024**2)))
    widest = max(payload.count(d.encode(), 0, MAX_LINE_BYTES) for d in (";", "\t", ",", "|")) + 1
    if widest > MAX_COLUMNS:
        raise _refusal(TooLarge, "read.too_many_columns", name=name, columns=widest, line=1, limit=MAX_COLUMNS)
    raise _refusal(UnreadableFile, "read.line_too_long", name=name, line=1, limit=MAX_LINE_BYTES // 1024**2)


def _head_grid(head: str, delimiter: str, whole: bool) -> list[list[str]]:
    """The head's first records as cells, quoted line breaks and delimiters read as Excel writes them; a record
    cut by the end of the head is left out (unless the head is the whole file)."""
    reader = csv.reader(io.StringIO(head, newline=""), delimiter=delimiter)
    grid: list[list[str]] = []
    try:
        for row in reader:
            grid.append(row)
            if len(grid) >= PROBE_ROWS * 2:
                return grid
    except csv.Error:
        pass  # a quote left open in the head: what came before it is the head
    return grid if whole or len(grid) < 2 else grid[:-1]


def _lines_of_records(head: str, delimiter: str, records: int) -> int | None:
    """How many line breaks the first `records` records of the head take (more than `records` when a quoted cell
    holds a line break); None when the head does not hold them all."""
    breaks = 0

    def lines():
        nonlocal breaks
        for line in io.StringIO(head, newline=""):
            breaks += line.count("\n")
            yield line

    reader = csv.reader(lines(), delimiter=delimiter)
    try:
        for _ in range(records):
            next(reader)
    except (StopIteration, csv.Error):
        return None
    return breaks


def read_text(name: str, data: bytes) -> ReadResult:
    """CSV / TXT bytes -> ReadResult with one Table (all cells text; numbers are parsed per column later)."""
    payload, encoding, head, bad_lines = _text_payload(name, data)
    payload = _check_lines(name, payload)
    if "\n" not in head and "\r" in head:
        head = head.replace("\r", "\n")
    head_lines = head.splitlines()[: PROBE_ROWS * 2]
    delimiter = sniff_delimiter(head_lines)
    grid = _head_grid(head, delimiter, len(head.encode()) >= len(payload))
    widest = max((len(r) for r in grid), default=0)
    if widest > MAX_COLUMNS:
        line = next(i for i, r in enumerate(grid) if len(r) == widest) + 1
        raise _refusal(TooLarge, "read.too_many_columns", name=name, columns=widest, line=line, limit=MAX_COLUMNS)
    result = ReadResult(file=name, format="csv", encoding=encoding, delimiter=delimiter)
    found = planned_header(grid, None) or find_header(grid)
    if found is None:
        fault = quote_fault(payload, delimiter)
        if fault is not None:
            raise _refusal(UnreadableFile, "read.unbalanced_quote", name=name, line=fault)
        raise _refusal(NoExportTable, "read.no_table", name=name)
    header_idx, n_header_rows, headers = found
    data_start = header_idx + n_header_rows
    # polars skips physical lines in parallel; records (quoted line breaks respected) only one by one.
    lines = _lines_of_records(head, delimiter, data_start)
    skip = {"skip_rows": data_start} if lines is None else {"skip_lines": lines}
    frame, payload, result.encoding, bad_lines = _read_rows(
        name, data, (payload, encoding, bad_lines), delimiter, skip, headers
    )
    if frame.height > MAX_ROWS:
        raise _too_many_rows(name, None, None)
    if _swallowed_rows(frame, payload, data_start):
        fault = quote_fault(payload, delimiter)
        if fault is not None:
            raise _refusal(UnreadableFile, "read.unbalanced_quote", name=name, line=fault)
    frame = _normalise_frame(frame, len(headers))
    table = _table(name, None, grid, found, frame)
    if bad_lines:
        table = _with_bad_lines(table, bad_lines, data_start if lines is None else lines, frame.height)
    result.tables.append(table)
    return result


def _read_rows(
    name: str, data: bytes, text: tuple[bytes, str, list], delimiter: str, skip: dict[str, int], headers: list[str]
) -> tuple[pl.DataFrame, bytes, str, list]:
    """Read the rows with polars. UTF-8 at the top and something else further down: the bad lines are found and
    rejected one by one when the rest is UTF-8, else the file is decoded in its own encoding. Returns the frame,
    the bytes read, the encoding and the bad lines."""
    payload, encoding, bad_lines = text
    try:
        return _csv_frame(payload, delimiter, skip, headers), payload, encoding, bad_lines
    except pl.exceptions.ComputeError as exc:
        error = exc
    if encoding.startswith("utf-8") and "utf" in str(error).lower() and not bad_lines:
        repaired = _repair_utf8(payload)
        if repaired is not None:
            payload, bad_lines = repaired
        else:
            decoded, encoding = decode_text(name, data)
            payload = decoded.encode("utf-8")
            del decoded
        try:
            return _csv_frame(payload, delimiter, skip, headers), payload, encoding, bad_lines
        except pl.exceptions.ComputeError as again:
            error = again
    fault = quote_fault(payload, delimiter)
    if fault is not None:
        raise _refusal(UnreadableFile, "read.unbalanced_quote", name=name, line=fault) from error
    raise _refusal(UnreadableFile, "read.bad_csv", name=name, detail=_first_line(error)) from error


def _with_bad_lines(table: Table, bad_lines: list[tuple[int, _BadLine]], data_start: int, height: int) -> Table:
    """The table with its lines of invalid UTF-8 marked for rejection (lines above the data are the title's)."""
    rows = [(line - 1 - data_start, b) for line, b in bad_lines if 0 <= line - 1 - data_start < height]
    if not rows:
        return table
    reasons = [t("reason.bad_encoding", "id", byte=f"0x{b.byte:02X}", position=b.position) for _, b in rows]
    bad = pl.DataFrame({"__i": [i for i, _ in rows], "code": ["bad_encoding"] * len(rows),
                        "param": [f"0x{b.byte:02X}|{b.position}" for _, b in rows], "reason": reasons},
                       schema=BAD_ROWS)
    return dataclasses.replace(table, bad_rows=bad)


def _swallowed_rows(frame: pl.DataFrame, payload: bytes, data_start: int) -> bool:
    """Did a quote swallow rows? No rows where lines follow the header, or a cell longer than Excel allows. Text
    columns are measured in place; categorical ones by their few distinct cells."""
    if frame.height == 0:
        return bool(payload.strip()) and payload.count(b"\n") > data_start
    cells = [_distinct_cells(frame.get_column(c)) for c, d in frame.schema.items() if isinstance(d, pl.Categorical)]
    texts = [c for c, d in frame.schema.items() if d == pl.String]
    if texts:
        longest = frame.select(pl.col(texts).str.len_bytes().max()).row(0)
        cells += [frame.get_column(c) for c, n in zip(texts, longest) if (n or 0) > 2 * 1024]
    for column in cells:
        longest = column.str.len_bytes().max() or 0
        if longest > 2 * 1024 and (longest > EXCEL_CELL_CHARS
                                   or (column.str.count_matches("\n").max() or 0) > EXCEL_CELL_LINES):
            return True
    return False


def _distinct_cells(column: pl.Series) -> pl.Series:
    """A categorical column with categories of its own -> its distinct cells as text, without a pass over the rows
    (codes run 0, 1, 2... over them, see `_compact`)."""
    top = column.to_physical().max()
    codes = pl.int_range(0 if top is None else top + 1, dtype=pl.UInt32, eager=True)
    return codes.cat.to(column.dtype, strict=False).cast(pl.String)


def quote_fault(payload: bytes, delimiter: str) -> int | None:
    """The line where a quote opens that polars cannot close: a quoted cell running to the end of the file or
    over more lines than Excel puts in a cell, or a quote inside an unquoted cell. None when every quote is fine.

    Only lines holding a quote are looked at, each once (this runs only after a read went wrong)."""
    quote, delim = ord('"'), ord(delimiter)
    line, last = 1, 0
    open_line: int | None = None  # the line of the quoted cell left open at the end of the previous line
    open_from = 0  # where that cell opened
    at = payload.find(b'"')
    while at >= 0:
        start = payload.rfind(b"\n", 0, at) + 1
        stop = payload.find(b"\n", at)
        stop = len(payload) if stop < 0 else stop
        line += payload.count(b"\n", last, start)
        last = start
        if open_line is not None and (line - open_line > EXCEL_CELL_LINES or start - open_from > EXCEL_CELL_CHARS):
            return open_line
        state = _scan_quotes(payload[start:stop], quote, delim, open_line is not None)
        if state == "stray":
            return line
        if state == "open" and open_line is None:
            open_line, open_from = line, start
        elif state == "closed":
            open_line = None
        at = payload.find(b'"', stop)
    return open_line


def _scan_quotes(text: bytes, quote: int, delim: int, inside: bool) -> str:
    """One line's quotes -> 'open' (a quoted cell runs past its end), 'closed' or 'stray' (a quote polars refuses)."""
    at_start = not inside
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if inside:
            if ch == quote:
                if i + 1 < n and text[i + 1] == quote:
                    i += 2
                    continue
                inside = False
                nxt = text[i + 1] if i + 1 < n else None
                if nxt not in (None, delim, 13):
                    return "stray"
            i += 1
            continue
        if ch == quote:
            if not at_start:
                return "stray"
            inside = True
        at_start = ch == delim
        i += 1
    return "open" if inside else "closed"


def _csv_frame(payload: bytes, delimiter: str, skip: dict[str, int], headers: list[str]) -> pl.DataFrame:
    """The rows below the header as columns c0..cN, every cell as text, blank lines kept (so row numbers stay
    record numbers, as Excel shows them). `skip` is `skip_lines` (the lines the records above the data take: the
    fast way, polars skips lines in parallel) or `skip_rows` (records, one by one). Read as a stream with the names made categorical on the way (see `_compact`): a million rows of names never stand as
    text all at once."""
    scan = pl.scan_csv(
        io.BytesIO(payload),
        has_header=False,
        separator=delimiter,
        infer_schema=False,
        truncate_ragged_lines=True,
        **skip,
    )
    try:
        present = scan.collect_schema().names()[: len(headers)]
        columns = scan.select(pl.col(c).alias(f"c{i}") for i, c in enumerate(present)).with_columns(
            pl.lit(None, pl.String).alias(f"c{i}") for i in range(len(present), len(headers))
        )
        # One row past the cap is enough to refuse the file: a 200 MB upload of short lines never gets read whole.
        columns = columns.with_columns(_compacted(headers, columns.collect_schema())).head(MAX_ROWS + 1)
        return columns.collect(engine="streaming")
    except pl.exceptions.NoDataError:
        return pl.DataFrame()


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__


# ------------------------------------------------------------------------------------------------------- workbook


class _SheetSkip(Exception):
    """A sheet left out on purpose (hidden, empty, NIHIL), with its reason code."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code, self.params = code, params


def _is_engine_panic(exc: BaseException) -> bool:
    # calamine (Rust) panics on some damaged files; pyo3 turns that into PanicException, a BaseException.
    return type(exc).__name__ == "PanicException"


def read_workbook(
    name: str, data: bytes, kind: str, scan: Scan | None = None, limits: Limits = DEFAULT_LIMITS
) -> ReadResult:
    """XLSX / XLS / ODS bytes -> ReadResult with one Table per sheet that holds an export table. `scan` is what
    `archive.scan_archive` found in an .xlsx/.ods (made here when not given)."""
    if scan is None and kind in ("xlsx", "ods"):
        scan = scan_archive(name, data, kind, limits)
    try:
        return _read_workbook(name, data, kind, scan, limits)
    except fastexcel.FastExcelError as exc:
        raise _refusal(UnreadableFile, "read.damaged_workbook", name=name) from exc
    except BaseException as exc:
        if _is_engine_panic(exc):
            raise _refusal(UnreadableFile, "read.damaged_workbook", name=name) from None
        raise


def _skipped(name: str, sheet: str, code: str, **params: object) -> SheetSkipped:
    params = {"sheet": sheet, **params}
    return SheetSkipped(name, sheet, t(code, "id", **params), code, params)


def _read_workbook(name: str, data: bytes, kind: str, scan: Scan | None, limits: Limits) -> ReadResult:
    reader = fastexcel.read_excel(data)
    sheets = reader.sheet_names
    if len(sheets) > limits.sheets:
        raise _refusal(TooLarge, "read.too_many_sheets", name=name, sheets=len(sheets), limit=limits.sheets)
    entries = {s.name: s for s in scan.sheets} if scan is not None else {}
    result = ReadResult(file=name, format=kind)
    read_so_far: dict[tuple, list[Table]] = {}  # by fingerprint: each table is compared with its likes only
    for sheet in sheets:
        entry = entries.get(sheet)
        if entry is not None and entry.kind != "worksheet":
            result.skipped_sheets.append(_skipped(name, sheet, "read.sheet.chart"))
            continue
        if entry is not None and entry.state != "visible":
            result.skipped_sheets.append(_skipped(name, sheet, "read.sheet.hidden"))
            continue
        try:
            table = _read_sheet(reader, name, sheet, scan)
        except _SheetSkip as skip:
            result.skipped_sheets.append(_skipped(name, sheet, skip.code, **skip.params))
            continue
        except NoExportTable as exc:
            result.skipped_sheets.append(SheetSkipped(name, sheet, str(exc), exc.code, exc.params))
            continue
        except fastexcel.FastExcelError as exc:
            result.skipped_sheets.append(_skipped(name, sheet, "read.sheet.unreadable", detail=_first_line(exc)))
            continue
        likes = read_so_far.setdefault(_fingerprint(table), [])
        repeated = next((earlier.sheet for earlier in likes if _same_table(earlier, table)), None)
        if repeated is not None:
            result.skipped_sheets.append(_skipped(name, sheet, "read.sheet.repeat", of=repeated))
            continue
        likes.append(table)
        result.tables.append(table)
    if kind == "xlsx" and result.tables:
        result.tables = with_merges(result.tables, data)
    return result


def _as_text(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pl.col(pl.Categorical).cast(pl.String))


def _fingerprint(table: Table) -> tuple:
    """What two copies of one sheet share: the header, the shape and a hash of the cells (categorical as text)."""
    hashed = _as_text(table.frame).hash_rows(seed=7) % 1_000_000_007 if table.frame.width else pl.Series([0])
    return table.headers, table.frame.shape, table.first_row, int(hashed.cast(pl.Int64).sum())


def _same_table(a: Table, b: Table) -> bool:
    """Do two sheets hold the same table, cell for cell ("Copy of Data")? Categorical columns compare as text."""
    return a.headers == b.headers and a.frame.shape == b.frame.shape and _as_text(a.frame).equals(_as_text(b.frame))


def _cell_text(value: object) -> str:
    """A cell as the header finder reads it: 2019.0 -> '2019'; None -> ''"""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def head_rows(reader: fastexcel.ExcelReader, sheet: str, scan: Scan | None) -> list[list[str]]:
    """The first PROBE_ROWS rows of a sheet as text, row 0 being the sheet's first row: from the archive scan for
    an .xlsx (calamine must parse a whole sheet even for its first rows), else from calamine."""
    if scan is not None and sheet in scan.heads:
        return scan.heads[sheet]
    probe = reader.load_sheet(sheet, header_row=None, skip_rows=0, n_rows=PROBE_ROWS, dtypes="string")
    if probe.visible != "visible":
        raise _SheetSkip("read.sheet.hidden")
    return [[("" if v is None else str(v)) for v in row] for row in probe.to_polars().iter_rows()]


def _blank_grid(grid: list[list[str]]) -> bool:
    return not any(c.strip() for row in grid for c in row)


def _says_nihil(cells: list[str]) -> bool:
    """Do the cells say only that there was nothing (`NIHIL`)?"""
    filled = [c for c in cells if c and c.strip()]
    return bool(filled) and any(NIHIL.fullmatch(c) for c in filled) and all(
        NIHIL.fullmatch(c) or NIL_FILLER.fullmatch(c) for c in filled
    )


def _nihil_frame(frame: pl.DataFrame) -> bool:
    """Do the few rows below a header say only NIHIL (no number or date anywhere)?"""
    texts = [c for c, d in frame.schema.items() if d == pl.String]
    numbers = [c for c, d in frame.schema.items() if d.is_numeric()]
    others = [c for c in frame.columns if c not in texts and c not in numbers]
    if not texts or (others and frame.select(pl.any_horizontal(pl.col(others).is_not_null()).any()).item()):
        return False
    if numbers and frame.select(pl.any_horizontal(pl.col(numbers).fill_null(0) != 0).any()).item():
        return False  # a figure other than zero: there were exports
    return _says_nihil([v for c in texts for v in frame.get_column(c).to_list() if v is not None])


def _read_sheet(reader: fastexcel.ExcelReader, name: str, sheet: str, scan: Scan | None = None) -> Table:
    grid = head_rows(reader, sheet, scan)
    if _blank_grid(grid) and (scan is None or sheet not in scan.heads or not scan.has_cells.get(sheet, True)):
        raise _SheetSkip("read.sheet.empty")
    found = planned_header(grid, sheet) or find_header(grid)
    if found is None:
        if any(NIHIL.fullmatch(c) for row in grid for c in row if c):
            raise _SheetSkip("read.sheet.nihil")
        raise _refusal(NoExportTable, "read.sheet.no_table", name=name, sheet=sheet)
    header_idx, n_header_rows, headers = found
    data_start = header_idx + n_header_rows
    if scan is not None and sheet in scan.whole and data_start >= len(grid):
        # A header with nothing below it (a month not filled in yet): no need for calamine to read the sheet again.
        empty = pl.DataFrame(schema={f"c{i}": pl.String for i in range(len(headers))})
        return _table(name, sheet, grid, found, empty)
    sheet_data = reader.load_sheet(
        sheet, header_row=None, skip_rows=data_start, schema_sample_rows=None, use_columns=list(range(len(headers)))
    )
    if sheet_data.height > MAX_ROWS:
        raise _too_many_rows(name, sheet, sheet_data.height)
    arrow, errors = sheet_data.to_arrow_with_errors()
    frame = _normalise_frame(pl.from_arrow(arrow), len(headers))
    if frame.height <= PROBE_ROWS and _nihil_frame(frame):
        raise _SheetSkip("read.sheet.nihil")
    frame, coerced = _restore_coerced_text(frame, errors)
    text_cells = _text_cells(reader, sheet, data_start, frame, headers)
    text_cells.update({i: mask for i, mask in coerced.items() if _is_number_header(headers[i])})
    return _table(name, sheet, grid, found, frame, text_cells)


def _table(
    name: str,
    sheet: str | None,
    grid: list[list[str]],
    found: tuple[int, int, list[str]],
    frame: pl.DataFrame,
    text_cells: dict[int, pl.Series] | None = None,
) -> Table:
    """The Table for a header found at `found` in `grid`, with the text above it as the title."""
    header_idx, n_header_rows, headers = found
    return Table(
        file=name,
        sheet=sheet,
        headers=tuple(headers),
        frame=_compact(frame, headers),
        first_row=header_idx + n_header_rows + 1,
        header_row=header_idx + n_header_rows,
        header_start=header_idx + 1,
        header_stack=header_stack(grid, found),
        title=" ".join(" ".join(c for c in row if c) for row in grid[:header_idx]),
        text_cells=text_cells or {},
    )


def _compact(frame: pl.DataFrame, headers: list[str]) -> pl.DataFrame:
    """Text columns of names -> categorical: a million rows of 16-byte strings naming 300 exporters become a
    million 4-byte codes into 300 strings (a third of the memory), which cleaning reads once each. Each column
    gets fresh categories, so its codes run 0, 1, 2... over its own distinct cells."""
    casts = _compacted(headers, frame.schema)
    return frame.with_columns(casts) if casts else frame


@functools.lru_cache(maxsize=16_384)  # a table's headers are asked about several times over (6,000 columns: seconds)
def _role(header: str) -> str | None:
    return role_of(header)


def _compacted(headers: list[str], schema: pl.Schema) -> list[pl.Expr]:
    """headers, column types -> the casts `_compact` makes (text columns whose header names a REPEATED_TEXT role)"""
    return [
        pl.col(f"c{i}").cast(pl.Categorical(pl.Categories.random()))
        for i, header in enumerate(headers)
        if schema.get(f"c{i}") == pl.String and _role(header) in REPEATED_TEXT
    ]


_CELL_TEXT = re.compile(r"""String\("(.*)"\)'?$""", re.DOTALL)
_CELL_ERROR = re.compile(r"""Error\((\w+)\)'?$""")


def _error_text(detail: str) -> str | None:
    """fastexcel's word for a cell that did not fit its column -> the cell as the office sees it in Excel:
    'String("x")' -> 'x'; 'Error(NA)' -> '#N/A' (a formula's error, kept so that it is rejected by its name)"""
    match = _CELL_TEXT.search(detail)
    if match:
        raw = match.group(1)
        try:
            return json.loads(f'"{raw}"')
        except ValueError:
            return raw
    match = _CELL_ERROR.search(detail)
    if match:
        return CELL_ERRORS.get(match.group(1), f"#{match.group(1).upper()}!")
    return None


def _restore_coerced_text(frame: pl.DataFrame, errors: object) -> tuple[pl.DataFrame, dict[int, pl.Series]]:
    """A lone text cell in a number or date column comes back null; put its text back so it can be reported. So
    does a formula's error (`#N/A`): it comes back as Excel shows it.

    Returns the frame (such columns turned to text, number cells written as plain numbers) and, per column,
    a mask of the cells that were text.
    """
    texts: dict[int, dict[int, str]] = {}
    for err in getattr(errors, "errors", None) or []:
        row, col = err.offset_position
        raw = _error_text(err.detail)
        if raw is not None and 0 <= row < frame.height and col < frame.width:
            texts.setdefault(col, {})[row] = raw
    masks: dict[int, pl.Series] = {}
    for col, cells in texts.items():
        name = f"c{col}"
        rows = pl.Series(list(cells), dtype=pl.UInt32)
        mask = pl.Series(name, [False] * frame.height).scatter(rows, True)
        values = frame.get_column(name).cast(pl.String).scatter(rows, list(cells.values()))
        frame = frame.with_columns(values.alias(name))
        masks[col] = mask
    return frame, masks


def _text_cells(
    reader: fastexcel.ExcelReader, sheet: str, data_start: int, frame: pl.DataFrame, headers: list[str]
) -> dict[int, pl.Series]:
    """Which cells of a mixed (number and text) column were typed as text, so numbers are never re-read as text.

    One more load of the sheet for all such columns together, each read as numbers: its text cells are the ones
    that do not fit (the schema looked up once: `frame.schema` is rebuilt on every call)."""
    schema = frame.schema
    mixed = [i for i, header in enumerate(headers)
             if schema[f"c{i}"] == pl.String and _is_number_header(header)]
    if not mixed:
        return {}
    probe = reader.load_sheet(
        sheet, header_row=None, skip_rows=data_start, use_columns=mixed, dtypes=dict.fromkeys(mixed, "int"),
        schema_sample_rows=1,
    )
    _, errors = probe.to_arrow_with_errors()
    rows: dict[int, list[int]] = {i: [] for i in mixed}
    for err in errors.errors if errors is not None else []:
        row, col = err.offset_position
        if col in rows and 0 <= row < frame.height and "String(" in err.detail:
            rows[col].append(row)
    out = {}
    for i, marked in rows.items():
        mask = pl.repeat(False, frame.height, dtype=pl.Boolean, eager=True).alias(f"c{i}")
        out[i] = mask.scatter(pl.Series(marked, dtype=pl.UInt32), True) if marked else mask
    return out


def _is_number_header(header: str) -> bool:
    role = _role(header)
    return role in ("value_usd", "weight_kg", "value_idr") or header_kind(header) in ("year", "month")


def _normalise_frame(frame: pl.DataFrame, width: int) -> pl.DataFrame:
    """Name columns c0..cN to the header's width (padding missing ones) and drop trailing blank rows."""
    cols = frame.columns[:width]
    frame = frame.select(cols).rename({c: f"c{i}" for i, c in enumerate(cols)})
    if len(cols) < width:
        frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias(f"c{i}") for i in range(len(cols), width))
    if frame.width == 0 or frame.height == 0:
        return frame
    # Trailing blank rows sit at the end: look there first, and scan the whole frame only if the tail is all blank.
    tail = frame.tail(1000)
    last = _last_filled_row(tail)
    if last is not None:
        return frame.head(frame.height - tail.height + last + 1)
    last = _last_filled_row(frame)
    return frame.head(0 if last is None else last + 1)


def _last_filled_row(frame: pl.DataFrame) -> int | None:
    """The index of the last row with a non-blank cell, or None. Two expressions whatever the width (one per
    column would cost seconds to build and plan at 6,000 columns), the text columns' cells joined per row (a
    contains() on each of them still costs a tenth of a second there)."""
    texts = [c for c, dtype in frame.schema.items() if dtype == pl.String or isinstance(dtype, pl.Categorical)]
    exprs = []
    if texts:  # a row's cells joined: one has a non-space character when the joined text has one
        exprs.append(pl.concat_str(pl.col(texts).cast(pl.String), ignore_nulls=True).str.contains(r"\S")
                     .arg_true().max())
    if len(texts) < frame.width:
        exprs.append(pl.exclude(pl.String, pl.Categorical).is_not_null().arg_true().max())
    lasts = frame.select(exprs).row(0) if exprs else ()
    return max((v for v in lasts if v is not None), default=None)


# -------------------------------------------------------------------------------------------------------- header


_BARE_YEAR = re.compile(r"((19|20)\d{2})(\.0)?\s*(\*+\)?|r\)?|\(\w+\))?")
# A year header: "2021", "Tahun 2021", "2021*)", "2020r)", "2022 (Juta US$)" (a unit folded in from a group above).
_YEAR_HEADER = re.compile(
    r"(tahun\s*|th\.?\s*|year\s*)?((19|20)\d{2})(\.0)?\s*(\*+\)?|r\)?|\(\w+\))?\s*(\([^)]*\))?", re.IGNORECASE
)


_YEAR_IN = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)\s*(\*+\)?|r\))?")


def _header_year(text: str) -> bool:
    """'2021' -> True; '2098' -> False: a header's years lie in the years a trade office counts."""
    found = re.search(r"(19|20)\d{2}", text)
    return found is not None and HEADER_FIRST_YEAR <= int(found[0]) <= HEADER_LAST_YEAR


@functools.lru_cache(maxsize=8192)  # the head of a sheet repeats names, countries and dates
def header_kind(text: str) -> str | None:
    """'2020' -> 'year'; 'Januari' -> 'month'; 'Perub (%)' -> 'derived'; 'Negara' -> 'role'; 'foo' -> None"""
    t = CODE_PREFIX.sub("", str(text).strip())  # "[02] Februari": the statistics office numbers its labels
    if not t:
        return None
    if year_label(t) is not None:  # a year with a statistics office's mark: 2021*), 2020r), 2022 Prelim
        return "year"
    if role_of(t) == "rate_idr":  # "Kurs rata-rata (Rp per USD)": a rate, not a derived average
        return "role"
    if not any(ch.isalpha() for ch in t) and "%" not in t and "Δ" not in t:
        # Most cells of a sheet's first rows are numbers and dates: only a bare year can name a column there.
        return "year" if _BARE_YEAR.fullmatch(t) and _header_year(t) else None
    if DERIVED_HEADER.search(t) or CUMULATIVE_RE.search(t) and year_of_text(t) is not None:
        return "derived"
    if _YEAR_HEADER.fullmatch(t) and _header_year(t):
        return "year"
    if _header_year(t) and year_of_text(t) is not None and role_of(_YEAR_IN.sub(" ", t)) == "value_usd":
        return "year"  # "Nilai FOB 2023 (US$)": a value column of one year
    if month_of_header(t) is not None and len(t) <= 20:
        return "month"
    if role_of(t) is not None:
        return "role"
    return None


def _row_score(row: list[str]) -> tuple[int, int, int]:
    kind_of = {c: header_kind(c) for c in dict.fromkeys(row)}  # a wide row repeats its cells: each asked once
    kinds = [kind_of[c] for c in row]
    roles = {role_of(c) for c, k in kind_of.items() if k == "role"}
    # An analyst's "export_hs84_usd" names a column of figures; "Nilai Impor" names one the reader will refuse
    # with a sentence saying what the table is, which it can only do once it has found the header.
    roles |= {"hs" if HS_COLUMN_RE.fullmatch(c.strip()) else "not_export" for c, k in kind_of.items()
              if k is None and c and len(c) <= 60 and (HS_COLUMN_RE.fullmatch(c.strip()) or NOT_EXPORT_RE.search(c))}
    years = [c for c, k in zip(row, kinds) if k == "year"]
    periods = sum(k in ("year", "month") for k in kinds)
    if len(set(years)) < len(years):
        periods -= len(years)  # a header names each year once: repeated years are figures
    text = sum(bool(c.strip()) for c in row)
    return len(roles - {None}), periods, text


def find_header(grid: list[list[str]]) -> tuple[int, int, list[str]] | None:
    """Rows of text -> (index of the first header row, number of header rows, header text per column), or None.

    The header is the row naming the most known columns (or, for a statistics-office table, naming a label and
    several years or months). Up to two rows below it that continue it (years under a merged "Nilai (Juta US$)",
    months under their year, "2024 | 2025" under a "Januari–Mei" block, a row of column numbers) are folded in:
    each column's header is then its lowest label, with the unit, year or period qualifier of the cells above.
    """
    best: tuple[int, int, int] | None = None
    best_idx = -1
    for idx, row in enumerate(grid):
        roles, periods, text = _row_score(row)
        if text < 2:
            continue
        long_ok = roles >= 2
        wide_ok = periods >= 2 and text - periods >= 1
        if not (long_ok or wide_ok):
            continue
        score = (roles + periods, roles, -idx)
        if best is None or score > best:
            best, best_idx = score, idx
    if best is None:
        return None
    # The table is as wide as its last non-empty cell, not as wide as a file claims (a damaged one said 8,198).
    width = max((max((i for i, c in enumerate(r) if c.strip()), default=-1) + 1 for r in grid), default=0)

    def cells(idx: int) -> list[str]:
        row = grid[idx] if idx < len(grid) else []
        return [(row[i] if i < len(row) else "").strip() for i in range(width)]

    stack = [cells(best_idx)]  # the header's rows, top first
    n_rows = 1
    while n_rows < 4 and best_idx + n_rows < len(grid):
        below = cells(best_idx + n_rows)
        if _is_column_numbers(below):
            n_rows += 1  # "(1) (2) (3)": the columns' numbers, never data
            break
        if _is_header_continuation(_compose(stack), below):
            stack.append(below)
            n_rows += 1
            continue
        # A row of group names (ports, countries) between the header and its periods: part of the header when the
        # row after it continues the header.
        if (n_rows < 3 and best_idx + n_rows + 1 < len(grid) and _is_group_row(_compose(stack), below)
                and _is_header_continuation(_compose([*stack, below]), cells(best_idx + n_rows + 1))):
            stack += [below, cells(best_idx + n_rows + 1)]
            n_rows += 2
            continue
        break
    header = _compose(stack)
    # The table ends at its last titled column: cells further right have no header to say what they are.
    last = max((i for i, c in enumerate(header) if c), default=-1)
    # Header cells merged across several columns leave blanks inside: keep them blank (reported as unknown).
    return best_idx, n_rows, header[: last + 1]


# The header rows a reading plan sets (`pekalongan.plan`): sheet (None: a CSV file's table) -> (first spreadsheet
# row, number of rows). A context variable, not a parameter, so the readers' signatures stay as they are.
HEADER_AT: ContextVar[dict[str | None, tuple[int, int]] | None] = ContextVar("HEADER_AT", default=None)


def planned_header(grid: list[list[str]], sheet: str | None) -> tuple[int, int, list[str]] | None:
    """The header `HEADER_AT` sets for this sheet, composed as `find_header` composes one; None when no plan sets
    it or its rows are not among the first PROBE_ROWS (the finder then looks as usual)."""
    at = (HEADER_AT.get() or {}).get(sheet)
    if at is None or at[0] < 1 or at[0] + at[1] - 1 > len(grid):
        return None
    width = max((max((i for i, c in enumerate(r) if c.strip()), default=-1) + 1 for r in grid), default=0)
    stack = [[(grid[r][i] if i < len(grid[r]) else "").strip() for i in range(width)]
             for r in range(at[0] - 1, at[0] - 1 + at[1])]
    header = _compose(stack)
    last = max((i for i, c in enumerate(header) if c), default=-1)
    return (at[0] - 1, at[1], header[: last + 1]) if last >= 0 else None


def _spread(upper: list[str], lower: list[str]) -> list[str]:
    """A group cell merged over several columns holds its text in its first cell only: spread it right over the
    blank cells whose column the row below names ("Nilai (Juta US$)" over "2022 | 2023")."""
    out, carry = list(upper), ""
    for i, cell in enumerate(upper):
        if cell:
            carry = cell
        elif carry and lower[i]:
            out[i] = carry
        else:
            carry = ""
    return out


def _compose(stack: list[list[str]]) -> list[str]:
    """Header rows (top first, group cells spread) -> one header per column: its lowest cell, qualified by the
    cells above it."""
    if len(stack) == 1:
        return list(stack[0])
    stack = _spread_all(stack)
    out = []
    for parts in zip(*stack):
        parts = [p for p in parts if p]
        out.append(_qualified(parts) if parts else "")
    return out


def _qualified(parts: list[str]) -> str:
    """['Nilai (Juta US$)', '2022'] -> '2022 (Juta US$)'; ['Januari–Mei', '2024'] -> 'Januari–Mei 2024';
    ['2023', 'Jan'] -> 'Jan 2023'; ['Komoditi'] -> 'Komoditi'"""
    low, above = parts[-1], parts[:-1]
    kind = header_kind(low)
    for part in reversed(above):
        part_kind = header_kind(part)
        if kind == "year" and (part_kind == "derived" or CUMULATIVE_RE.search(part)):
            return f"{part} {low}"
        if kind == "month" and part_kind == "year":
            return f"{low} {year_of_text(part)}"
    unit = next((u for u in (_unit_text(p) for p in reversed(above)) if u), "")
    if unit and "(" not in low and kind in ("year", "month"):
        return f"{low} ({unit})"
    if not normalise_header(low) and above:  # a unit alone ("(US$)") under its column's name
        return f"{above[-1]} {low}"
    return low


def _unit_text(text: str) -> str:
    """'Nilai (Juta US$)' -> 'Juta US$'; 'Nilai FOB' -> ''"""
    found = re.search(r"\(([^)]*)\)", text)
    return found[1].strip() if found and unit_of(found[0]) else ""


def _is_group_row(header: list[str], row: list[str]) -> bool:
    """'| | Tanjung Emas | | Tanjung Priok' under 'Kode HS | Tahun | Jepang ...': names over groups of columns,
    none under a label column of the header, no figures."""
    filled = [i for i, c in enumerate(row) if c]
    if len(filled) < 2 or any(not any(ch.isalpha() for ch in row[i]) for i in filled):
        return False
    return not any(i < len(header) and (role_of(header[i]) in LABEL_ROLES or header_kind(header[i]) == "role")
                   for i in filled)


def header_stack(grid: list[list[str]], found: tuple[int, int, list[str]]) -> tuple[tuple[str, ...], ...]:
    """The header's rows, top first, as wide as the header, with group cells spread over the columns they name
    (what a column's header says above its own label: the country and port over a pivot's month)."""
    idx, n_rows, headers = found
    width = len(headers)
    rows = [[(grid[r][i] if i < len(grid[r]) else "").strip() for i in range(width)]
            for r in range(idx, min(idx + n_rows, len(grid)))]
    return tuple(tuple(r) for r in _spread_all([r for r in rows if not _is_column_numbers(r)]))


def _spread_all(rows: list[list[str]]) -> list[list[str]]:
    """Spread every header row's group cells, from the bottom up: a country over its ports over their months."""
    out = [list(r) for r in rows]
    for i in range(len(out) - 2, -1, -1):
        out[i] = _spread(out[i], out[i + 1])
    return out


def _is_column_numbers(row: list[str]) -> bool:
    """'(1) | (2) | (3)' -> True: a statistics table numbers its columns under the header."""
    numbers = [COLUMN_NUMBER.fullmatch(c) for c in row if c]
    if len(numbers) < 2 or not all(numbers):
        return False
    values = [int(m[1]) for m in numbers]
    return values == list(range(values[0], values[0] + len(values)))


def _is_header_continuation(header: list[str], below: list[str]) -> bool:
    """Is `below` a further line of the header (years or months under a merged group cell, a cumulative block's
    years), rather than the first data row? Its periods must stand under blank, group or year cells and never
    under a year of their own kind; a label column of the header (a country, a commodity) must be blank in it."""
    kinds = [header_kind(c) for c in below]
    periods = [i for i, k in enumerate(kinds) if k in ("year", "month", "derived")]
    if len(periods) < 2 and not (periods and any(header_kind(h) == "derived" for h in header)):
        return False
    years = [below[i] for i in periods if kinds[i] == "year"]
    if len(set(years)) < len(years) and not any(kinds[i] == "derived" for i in periods):
        # the same year twice is a year per block ("2024 | 2025" under two groups) only under different groups
        groups = {header[i] for i in periods if kinds[i] == "year"}
        if len(groups) < 2:
            return False
    group_roles = {"year", "month", "value_usd", "value_idr", "weight_kg", None}
    for i in periods:
        above = header[i] if i < len(header) else ""
        above_kind = header_kind(above) if above else None
        if above_kind == kinds[i] == "year" and not CUMULATIVE_RE.search(above):
            return False  # years under years: figures that look like years
        if above and above_kind not in ("year", "month", "derived") and role_of(above) not in group_roles:
            return False
    others = [i for i, c in enumerate(below) if c and i not in periods]
    if any(i < len(header) and role_of(header[i]) in LABEL_ROLES for i in others):
        return False
    return len(others) <= 1


# ---------------------------------------------------------------------------------------------- merged cells

_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


def _column_index(letters: bytes) -> int:
    """b'A' -> 0; b'AB' -> 27"""
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def xlsx_merges(data: bytes) -> dict[str, tuple[tuple[int, int, int, int], ...]]:
    """An .xlsx's merged ranges per sheet name, as (first row, first column, last row, last column) with
    spreadsheet row numbers and 0-based columns, read from each sheet's <mergeCells> (inflated once, a megabyte
    at a time: the element stands after the sheet's data)."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    book = archive.read("xl/workbook.xml")
    rels = archive.read("xl/_rels/workbook.xml.rels")
    targets = {m[1]: m[2] for m in re.finditer(rb'<Relationship\b(?=[^>]*\bId="([^"]+)")(?=[^>]*\bTarget="([^"]+)")', rels)}
    out: dict[str, tuple[tuple[int, int, int, int], ...]] = {}
    for found in re.finditer(rb'<(?:\w+:)?sheet\b(?=[^>]*\bname="([^"]*)")(?=[^>]*\br:id="([^"]+)")', book):
        target = targets.get(found[2])
        if target is None:
            continue
        path = target.decode().lstrip("/")
        path = path if path.startswith("xl/") else f"xl/{path}"
        name = found[1].decode()
        name = name.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
        name = name.replace("&apos;", "'")
        try:
            out[name] = _sheet_merges(archive, path)
        except (KeyError, zipfile.BadZipFile, zlib.error, EOFError):
            continue
    return out


def _sheet_merges(archive: zipfile.ZipFile, path: str) -> tuple[tuple[int, int, int, int], ...]:
    merges = []
    tail = b""
    with archive.open(path) as member:
        while chunk := member.read(1024**2):
            text = tail + chunk
            start = text.find(b"<mergeCell")
            if start < 0:
                start = text.find(b":mergeCell")
            if start >= 0:
                # everything from here on is the list of merged ranges: read them from the rest of the member
                text = text[start - 1 if start else 0:] + member.read()
                for m in _MERGE_REF.finditer(text):
                    r1, c1 = int(m[2]), _column_index(m[1])
                    r2, c2 = (int(m[4]), _column_index(m[3])) if m[3] else (r1, c1)
                    merges.append((r1, c1, r2, c2))
                break
            tail = text[-64:]
    return tuple(merges)


def with_merges(tables: list[Table], data: bytes) -> list[Table]:
    """Tables -> the same with their sheets' merged ranges (an unreadable list leaves them unknown)."""
    try:
        merges = xlsx_merges(data)
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, ValueError):
        return tables
    return [dataclasses.replace(t, merges=merges.get(t.sheet, ())) if t.sheet in merges else t for t in tables]

