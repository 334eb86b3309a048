"""Bytes -> tables: format, encoding, delimiter, sheets and header row.

`read_file` takes the uploaded bytes and the file's name (only to tell the format and to name the file in
messages; no path is ever built from it) and returns every table it finds, each with the cells as the office
wrote them: number cells stay numbers, text stays text. What a table *means* is `clean`'s job.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
import json
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field

import fastexcel
import polars as pl
from charset_normalizer import from_bytes
from isal import isal_zlib

from pekalongan.dates import month_of_header, year_of_text
from pekalongan.errors import NoExportTable, ProtectedWorkbook, TooLarge, UnreadableFile
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
MAX_INFLATED_BYTES = 1024**3  # what the XML inside an .xlsx/.ods may inflate to, all members together
MAX_RATIO = 200  # deflate ratio beyond which a large member is a bomb, not a spreadsheet (real sheets: 5-30)
ZIP_MAGIC = b"PK\x03\x04"


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


@dataclass(frozen=True)
class SheetSkipped:
    """A sheet that holds no export table, and why."""

    file: str
    sheet: str | None
    reason: str


@dataclass
class ReadResult:
    """Everything found in one file."""

    file: str
    format: str
    tables: list[Table] = field(default_factory=list)
    skipped_sheets: list[SheetSkipped] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None


def read_file(name: str, data: bytes) -> ReadResult:
    """(name, bytes) -> ReadResult with one Table per sheet holding an export table."""
    if not data or data.isspace():
        raise UnreadableFile(f"Berkas “{name}” kosong. Unggah berkas yang berisi tabel ekspor.", file=name)
    if len(data) > MAX_FILE_BYTES:
        raise TooLarge(
            f"Berkas “{name}” berukuran {len(data) / 1024**2:.0f} MB, melebihi batas {MAX_FILE_BYTES // 1024**2} MB. "
            "Pisahkan per tahun lalu unggah lagi.",
            file=name,
        )
    kind = sniff_format(name, data)
    if kind in ("xlsx", "ods"):
        check_zip_bomb(name, data)
    if kind == "text":
        return read_text(name, data)
    return read_workbook(name, data, kind)


def sniff_format(name: str, data: bytes) -> str:
    """b'PK..' -> 'xlsx'; OLE header -> 'xls' or encrypted; plain text -> 'text'."""
    lower = name.lower()
    if data.startswith(OLE_MAGIC):
        # Encrypted OOXML files are OLE containers too; tell them apart before calamine gives a vague error.
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o" in data[:65536] or (
            lower.endswith((".xlsx", ".xlsm")) and b"EncryptedPackage" in data
        ):
            raise ProtectedWorkbook(
                f"Berkas “{name}” dilindungi kata sandi. Buka di Excel, hapus kata sandinya "
                "(File > Info > Protect Workbook), simpan, lalu unggah lagi.",
                file=name,
            )
        return "xls"
    if data.startswith(ZIP_MAGIC):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, ValueError) as exc:
            raise UnreadableFile(
                f"Berkas “{name}” rusak atau tidak lengkap (mungkin terpotong saat diunduh). "
                "Simpan ulang dari Excel lalu unggah lagi.",
                file=name,
            ) from exc
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        if "content.xml" in names:
            return "ods"
        raise UnreadableFile(
            f"Berkas “{name}” bukan lembar kerja Excel atau ODS. Simpan sebagai .xlsx atau .csv lalu unggah lagi.",
            file=name,
        )
    if lower.endswith(EXCEL_SUFFIXES) or _looks_binary(data):
        raise UnreadableFile(
            f"Berkas “{name}” bukan lembar kerja yang bisa dibaca. Simpan sebagai .xlsx atau .csv lalu unggah lagi.",
            file=name,
        )
    return "text"


def check_zip_bomb(name: str, data: bytes) -> None:
    """Refuse an .xlsx/.ods whose contents would inflate to gigabytes, before any parser inflates them.

    The sizes a zip declares can lie, so each member is also inflated in chunks and counted, stopping as soon as
    the total passes the limit: memory stays bounded by one chunk whatever the file claims.
    """
    refuse = TooLarge(
        f"Berkas “{name}” ditolak: isinya mengembang menjadi sangat besar saat dibuka (seperti “zip bomb”). "
        "Simpan ulang dari Excel sebagai .xlsx biasa lalu unggah lagi.",
        file=name,
    )
    try:
        _count_inflated(data, refuse)
    except TooLarge:
        raise
    except RuntimeError as exc:
        if "encrypted" in str(exc).lower():
            raise ProtectedWorkbook(
                f"Berkas “{name}” dilindungi kata sandi. Hapus kata sandinya di Excel lalu unggah lagi.", file=name
            ) from exc
        raise UnreadableFile(_damaged_zip(name), file=name) from exc
    except (zipfile.BadZipFile, zlib.error, isal_zlib.error, EOFError, OSError, ValueError, NotImplementedError,
            struct.error) as exc:
        # Damaged archives fail in many ways inside zipfile; to the official they are all one thing.
        raise UnreadableFile(_damaged_zip(name), file=name) from exc


def _damaged_zip(name: str) -> str:
    return f"Berkas “{name}” rusak atau tidak lengkap. Simpan ulang dari Excel lalu unggah lagi."


def _count_inflated(data: bytes, refuse: TooLarge) -> None:
    archive = zipfile.ZipFile(io.BytesIO(data))
    members = archive.infolist()
    if sum(m.file_size for m in members) > MAX_INFLATED_BYTES:
        raise refuse
    for m in members:
        if m.file_size > 1024**2 and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise refuse
    total = 0
    view = memoryview(data)
    for m in members:
        budget = MAX_INFLATED_BYTES - total
        if m.compress_type == zipfile.ZIP_DEFLATED and not m.flag_bits & 0x1:
            total += _inflated_size(view, m, budget)
        else:  # stored, encrypted (zipfile says so) or an unusual method: zipfile reads it
            with archive.open(m) as member:
                while chunk := member.read(1024**2):
                    total += len(chunk)
                    if total > MAX_INFLATED_BYTES:
                        break
        if total > MAX_INFLATED_BYTES:
            raise refuse


def _inflated_size(data: memoryview, member: zipfile.ZipInfo, budget: int) -> int:
    """How many bytes a deflated member inflates to, counted a megabyte at a time and stopping past `budget`.

    ISA-L inflates twice as fast as zlib: every byte of an .xlsx is inflated here once and again by calamine, so
    this is a tenth of the time it takes to read a large workbook."""
    start = member.header_offset
    if bytes(data[start:start + 4]) != ZIP_MAGIC:
        raise zipfile.BadZipFile("local header missing")
    name_length, extra_length = struct.unpack("<HH", data[start + 26:start + 30])
    body = start + 30 + name_length + extra_length
    pending = data[body:body + member.compress_size]
    inflater = isal_zlib.decompressobj(-15)  # raw deflate, as inside a zip
    total = 0
    while pending and total <= budget:
        total += len(inflater.decompress(pending, 1024**2))
        pending = inflater.unconsumed_tail
    if total <= budget:
        total += len(inflater.flush())
        if not inflater.eof:
            raise EOFError("deflate stream ends early")
    return total


def _too_many_rows(name: str, sheet: str | None, rows: int | None) -> TooLarge:
    """rows None: more than MAX_ROWS, the reader stopped counting there."""
    where = f"Lembar “{sheet}” pada berkas “{name}”" if sheet else f"Berkas “{name}”"
    count = f"{rows:,}" if rows is not None else f"lebih dari {MAX_ROWS:,}"
    return TooLarge(
        f"{where} berisi {count} baris, melebihi batas {MAX_ROWS:,} baris. Pisahkan per tahun lalu unggah lagi."
        .replace(",", "."),
        file=name,
    )


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    return b"\x00" in head or sum(b < 9 or 13 < b < 32 for b in head) > len(head) * 0.05


# ---------------------------------------------------------------------------------------------------------- text


def decode_text(name: str, data: bytes) -> tuple[str, str]:
    """bytes -> (text, encoding): UTF-8 (with or without BOM) first, then what charset-normalizer finds."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
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
        counts = [len(next(csv.reader([line], delimiter=delim))) for line in lines if line.strip()]
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


HEAD_BYTES = 256 * 1024  # enough for the title, the header and the first rows of any office CSV


def _utf8_head(data: bytes) -> str | None:
    """The first HEAD_BYTES as text when they are UTF-8 (a character cut at the end is fine), else None."""
    import codecs

    try:
        return codecs.getincrementaldecoder("utf-8")().decode(data[:HEAD_BYTES], final=len(data) <= HEAD_BYTES)
    except UnicodeDecodeError:
        return None


def read_text(name: str, data: bytes) -> ReadResult:
    """CSV / TXT bytes -> ReadResult with one Table (all cells text; numbers are parsed per column later).

    A UTF-8 file goes to polars as it is, and only its head is decoded here to find the delimiter and the header:
    decoding a 100 MB file in Python would double the memory it takes."""
    bom = data.startswith(b"\xef\xbb\xbf")
    head = _utf8_head(data[3:] if bom else data)
    if head is not None and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding, payload = ("utf-8-sig" if bom else "utf-8"), (data[3:] if bom else data)
        head_lines = head.splitlines()[: PROBE_ROWS * 2]
    else:
        text, encoding = decode_text(name, data)
        payload = text.encode("utf-8")
        head_lines = text[: HEAD_BYTES].splitlines()[: PROBE_ROWS * 2]
        del text
    delimiter = sniff_delimiter(head_lines)
    grid = [row for row in csv.reader(head_lines, delimiter=delimiter)]
    result = ReadResult(file=name, format="csv", encoding=encoding, delimiter=delimiter)
    found = find_header(grid)
    if found is None:
        raise NoExportTable(_no_table_message(name, None), file=name)
    header_idx, n_header_rows, headers = found
    data_start = header_idx + n_header_rows
    try:
        frame = _csv_frame(payload, delimiter, data_start, headers)
    except pl.exceptions.ComputeError as exc:
        if encoding.startswith("utf-8") and "utf" in str(exc).lower():
            # UTF-8 at the top, something else further down: decode the whole file the careful way.
            text, encoding = decode_text(name, data)
            result.encoding = encoding
            try:
                frame = _csv_frame(text.encode("utf-8"), delimiter, data_start, headers)
            except pl.exceptions.ComputeError as again:
                raise _bad_csv(name, again) from again
        else:
            raise _bad_csv(name, exc) from exc
    if frame.height > MAX_ROWS:
        raise _too_many_rows(name, None, None)
    result.tables.append(_table(name, None, grid, found, _normalise_frame(frame, len(headers))))
    return result


def _csv_frame(payload: bytes, delimiter: str, data_start: int, headers: list[str]) -> pl.DataFrame:
    """The rows below the header as columns c0..cN, every cell as text, blank lines kept (so row numbers stay line
    numbers). Read as a stream with the names made categorical on the way (see `_compact`): a million rows of
    names never stand as text all at once."""
    scan = pl.scan_csv(
        io.BytesIO(payload),
        has_header=False,
        separator=delimiter,
        infer_schema=False,
        skip_lines=data_start,
        truncate_ragged_lines=True,
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


def _bad_csv(name: str, exc: Exception) -> UnreadableFile:
    return UnreadableFile(
        f"Berkas “{name}” tidak bisa dibaca sebagai CSV ({_first_line(exc)}). "
        "Periksa tanda kutip dan pemisah kolomnya, atau simpan ulang dari Excel.",
        file=name,
    )


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__


# ------------------------------------------------------------------------------------------------------- workbook


def _is_engine_panic(exc: BaseException) -> bool:
    # calamine (Rust) panics on some damaged files; pyo3 turns that into PanicException, a BaseException.
    return type(exc).__name__ == "PanicException"


def read_workbook(name: str, data: bytes, kind: str) -> ReadResult:
    """XLSX / XLS / ODS bytes -> ReadResult with one Table per sheet that holds an export table."""
    damaged = UnreadableFile(
        f"Berkas “{name}” rusak atau bukan lembar kerja yang bisa dibaca. "
        "Buka di Excel, simpan ulang sebagai .xlsx, lalu unggah lagi.",
        file=name,
    )
    try:
        return _read_workbook(name, data, kind)
    except fastexcel.FastExcelError as exc:
        raise damaged from exc
    except BaseException as exc:
        if _is_engine_panic(exc):
            raise damaged from None
        raise


def _read_workbook(name: str, data: bytes, kind: str) -> ReadResult:
    reader = fastexcel.read_excel(data)
    heads = xlsx_heads(data) if kind == "xlsx" else None
    result = ReadResult(file=name, format=kind)
    for sheet in reader.sheet_names:
        try:
            table = _read_sheet(reader, name, sheet, heads)
        except NoExportTable as exc:
            result.skipped_sheets.append(SheetSkipped(name, sheet, str(exc)))
            continue
        except fastexcel.FastExcelError as exc:
            result.skipped_sheets.append(
                SheetSkipped(name, sheet, f"Lembar “{sheet}” tidak bisa dibaca ({_first_line(exc)}).")
            )
            continue
        result.tables.append(table)
    if kind == "xlsx" and result.tables:
        result.tables = with_merges(result.tables, data)
    return result


def _cell_text(value: object) -> str:
    """A cell as the header finder reads it: 2019.0 -> '2019'; None -> ''"""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def xlsx_heads(data: bytes) -> dict[str, list[list[str]]] | None:
    """The first rows of every sheet of an .xlsx, read by streaming only them (calamine must parse a whole sheet
    even for its first rows, which doubles the cost of reading a large workbook). None when openpyxl cannot."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        heads = {
            ws.title: [[_cell_text(v) for v in row] for row in ws.iter_rows(max_row=PROBE_ROWS, values_only=True)]
            for ws in book.worksheets
        }
        book.close()
        return heads
    except Exception:  # any doubt: calamine reads the head itself
        return None


def head_rows(reader: fastexcel.ExcelReader, sheet: str, heads: dict[str, list[list[str]]] | None) -> list[list[str]]:
    """The first PROBE_ROWS rows of a sheet as text, row 0 being the sheet's first row."""
    if heads is not None and sheet in heads:
        return heads[sheet]
    probe = reader.load_sheet(sheet, header_row=None, skip_rows=0, n_rows=PROBE_ROWS, dtypes="string").to_polars()
    return [[("" if v is None else str(v)) for v in row] for row in probe.iter_rows()]


def _read_sheet(
    reader: fastexcel.ExcelReader, name: str, sheet: str, heads: dict[str, list[list[str]]] | None = None
) -> Table:
    grid = head_rows(reader, sheet, heads)
    found = find_header(grid)
    if found is None:
        raise NoExportTable(_no_table_message(name, sheet), file=name)
    header_idx, n_header_rows, headers = found
    data_start = header_idx + n_header_rows
    sheet_data = reader.load_sheet(
        sheet, header_row=None, skip_rows=data_start, schema_sample_rows=None, use_columns=list(range(len(headers)))
    )
    if sheet_data.height > MAX_ROWS:
        raise _too_many_rows(name, sheet, sheet_data.height)
    arrow, errors = sheet_data.to_arrow_with_errors()
    frame = _normalise_frame(pl.from_arrow(arrow), len(headers))
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


def _compacted(headers: list[str], schema: pl.Schema) -> list[pl.Expr]:
    """headers, column types -> the casts `_compact` makes (text columns whose header names a REPEATED_TEXT role)"""
    return [
        pl.col(f"c{i}").cast(pl.Categorical(pl.Categories.random()))
        for i, header in enumerate(headers)
        if role_of(header) in REPEATED_TEXT and schema.get(f"c{i}") == pl.String
    ]


_CELL_TEXT = re.compile(r"""String\("(.*)"\)'?$""", re.DOTALL)


def _restore_coerced_text(frame: pl.DataFrame, errors: object) -> tuple[pl.DataFrame, dict[int, pl.Series]]:
    """A lone text cell in a number or date column comes back null; put its text back so it can be reported.

    Returns the frame (such columns turned to text, number cells written as plain numbers) and, per column,
    a mask of the cells that were text.
    """
    texts: dict[int, dict[int, str]] = {}
    for err in getattr(errors, "errors", None) or []:
        row, col = err.offset_position
        match = _CELL_TEXT.search(err.detail)
        if match and 0 <= row < frame.height and col < frame.width:
            raw = match.group(1)
            try:
                raw = json.loads(f'"{raw}"')
            except ValueError:
                pass
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
    """Which cells of a mixed (number and text) column were typed as text, so numbers are never re-read as text."""
    out: dict[int, pl.Series] = {}
    for i, header in enumerate(headers):
        col = f"c{i}"
        if frame.schema[col] != pl.String or not _is_number_header(header):
            continue
        probe = reader.load_sheet(
            sheet, header_row=None, skip_rows=data_start, use_columns=[i], dtypes={i: "int"}, schema_sample_rows=1
        )
        _, errors = probe.to_arrow_with_errors()
        mask = [False] * frame.height
        for err in errors.errors if errors is not None else []:
            row = err.offset_position[0]
            if 0 <= row < frame.height and "String(" in err.detail:
                mask[row] = True
        out[i] = pl.Series(col, mask, dtype=pl.Boolean)
    return out


def _is_number_header(header: str) -> bool:
    role = role_of(header)
    return role in ("value_usd", "weight_kg", "value_idr") or header_kind(header) in ("year", "month")


def _normalise_frame(frame: pl.DataFrame, width: int) -> pl.DataFrame:
    """Name columns c0..cN to the header's width (padding missing ones) and drop trailing blank rows."""
    cols = frame.columns[:width]
    frame = frame.select(cols).rename({c: f"c{i}" for i, c in enumerate(cols)})
    if len(cols) < width:
        frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias(f"c{i}") for i in range(len(cols), width))
    if frame.width == 0 or frame.height == 0:
        return frame
    blank = pl.all_horizontal(_blank(c) for c in frame.columns)
    # Trailing blank rows sit at the end: look there first, and scan the whole frame only if the tail is all blank.
    tail = frame.tail(1000)
    last = tail.select((~blank).arg_true().max()).item()
    if last is not None:
        return frame.head(frame.height - tail.height + last + 1)
    last = frame.select((~blank).arg_true().max()).item()
    return frame.head(0 if last is None else last + 1)


def _blank(col: str) -> pl.Expr:
    c = pl.col(col)
    return c.is_null() | (c.cast(pl.String).str.strip_chars() == "")


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
    kinds = [header_kind(c) for c in row]
    roles = {role_of(c) for c, k in zip(row, kinds) if k == "role"}
    # An analyst's "export_hs84_usd" names a column of figures; "Nilai Impor" names one the reader will refuse
    # with a sentence saying what the table is, which it can only do once it has found the header.
    roles |= {"hs" if HS_COLUMN_RE.fullmatch(c.strip()) else "not_export" for c, k in zip(row, kinds)
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


def _no_table_message(name: str, sheet: str | None) -> str:
    where = f"lembar “{sheet}” pada berkas “{name}”" if sheet else f"berkas “{name}”"
    return (
        f"Tidak ditemukan tabel ekspor di {where}: tidak ada baris judul kolom yang dikenali "
        "(mis. Komoditi, Negara Tujuan, Nilai FOB, atau tahun 2019, 2020 ...). "
        "Pastikan tabel punya satu baris judul kolom."
    )
