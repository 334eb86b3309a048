"""What an .xlsx/.ods archive holds, learnt in one streaming pass before any parser opens it.

A zip can lie about everything: the sizes it declares, a sheet's `<dimension>`, how many sheets it has. calamine
(the Rust parser behind fastexcel) trusts the cells: a sheet of two cells, `A1` and `XFD1048576`, makes it
allocate a grid of 17 billion cells and abort the whole process. So every member is inflated here a megabyte at a
time, counted against a budget of real bytes, and each worksheet's true extent (its last column and row) is found
on the way; the first rows of every sheet are parsed from the same stream for the header finder, and the list of
sheets (hidden, chart-only) comes from the workbook's own XML. Memory stays one chunk per member whatever the
file claims; time is one pass of inflation plus two regular-expression scans that find nothing in ordinary sheets.
"""

from __future__ import annotations

import functools
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from xml.etree.ElementTree import ParseError, XMLPullParser

from isal import isal_zlib

from pekalongan.errors import ProtectedWorkbook, TooLarge, UnreadableFile

ZIP_MAGIC = b"PK\x03\x04"
CHUNK = 1024**2
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384  # Excel's grid: no file Excel wrote goes beyond it


@dataclass(frozen=True)
class Limits:
    """The caps a workbook is held to, checked while it is inflated."""

    inflated_bytes: int = 1024**3  # all members together
    ratio: int = 100  # real inflated / compressed size beyond which a large member is a bomb (real sheets: 5-30)
    ratio_floor: int = 8 * 1024**2  # members inflating to less than this are never judged by their ratio
    sheets: int = 250  # one sheet per month for twenty years, with room to spare
    grid_cells_floor: int = 4_000_000  # a sheet's grid (last row x last column) may always be this large...
    grid_cells_max: int = 40_000_000  # ... never larger than this (calamine holds 32 bytes per grid cell) ...
    grid_bytes_per_cell: float = 0.5  # ... and above the floor, at most two grid cells per byte of its XML
    head_bytes: int = 256 * 1024  # XML parsed in Python for one sheet's first rows (wider heads: calamine's)
    head_bytes_total: int = 16 * 1024**2  # ... and for all sheets together


DEFAULT_LIMITS = Limits()
HEAD_ROWS = 40  # the header is looked for in the first rows of a sheet (read.PROBE_ROWS)


@dataclass(frozen=True)
class SheetEntry:
    """One sheet as the workbook lists it."""

    name: str
    state: str  # "visible" | "hidden" | "veryHidden"
    kind: str  # "worksheet" | "chartsheet" | "dialogsheet" | "macrosheet"
    path: str | None  # the member holding it


@dataclass
class Scan:
    """What the pass found: the sheets in workbook order and the first rows of each worksheet, as text."""

    sheets: list[SheetEntry] = field(default_factory=list)
    heads: dict[str, list[list[str]]] = field(default_factory=dict)
    has_cells: dict[str, bool] = field(default_factory=dict)  # does the worksheet hold any value at all?
    whole: set[str] = field(default_factory=set)  # worksheets whose head is all there is
    inflated: int = 0


# --------------------------------------------------------------------------------------------------- refusals


def _bomb(name: str, limits: Limits) -> TooLarge:
    from pekalongan.i18n import t

    params = {"name": name, "limit": limits.inflated_bytes // 1024**2, "ratio": limits.ratio}
    return TooLarge(t("read.zip_bomb", "id", **params), file=name, code="read.zip_bomb", params=params)


def _damaged(name: str) -> UnreadableFile:
    from pekalongan.i18n import t

    return UnreadableFile(t("read.damaged_zip", "id", name=name), file=name, code="read.damaged_zip",
                          params={"name": name})


def _refusal(cls: type, code: str, **params: object) -> Exception:
    from pekalongan.errors import PekalonganError
    from pekalongan.format import number_id
    from pekalongan.i18n import t

    shown = {k: number_id(v) if isinstance(v, int) else v for k, v in params.items()}
    error: PekalonganError = cls(t(code, "id", **shown), file=str(params.get("name")), code=code, params=params)
    return error


# ------------------------------------------------------------------------------------------------- the pass


def scan_archive(name: str, data: bytes, kind: str, limits: Limits = DEFAULT_LIMITS) -> Scan:
    """Inflate every member of an .xlsx/.ods once, under the limits; refuse (TooLarge, UnreadableFile,
    ProtectedWorkbook) before any parser sees a bomb, a sheet whose grid is mostly void, or too many sheets."""
    try:
        return _scan(name, data, kind, limits)
    except (TooLarge, UnreadableFile):
        raise
    except RuntimeError as exc:
        if "encrypted" in str(exc).lower():
            raise _refusal(ProtectedWorkbook, "read.protected", name=name) from exc
        raise _damaged(name) from exc
    except (zipfile.BadZipFile, zlib.error, isal_zlib.error, EOFError, OSError, ValueError, NotImplementedError,
            struct.error, ParseError, KeyError, LookupError) as exc:
        # Damaged archives fail in many ways inside zipfile and the XML parser; to the official they are one thing.
        raise _damaged(name) from exc


def _scan(name: str, data: bytes, kind: str, limits: Limits) -> Scan:
    archive = zipfile.ZipFile(io.BytesIO(data))
    members = archive.infolist()
    if sum(m.file_size for m in members) > limits.inflated_bytes:
        raise _bomb(name, limits)
    for m in members:
        if m.file_size > limits.ratio_floor and m.file_size > limits.ratio * max(m.compress_size, 1):
            raise _bomb(name, limits)
    scan = Scan()
    if kind == "xlsx":
        scan.sheets = _xlsx_sheets(archive)
        _check_sheet_count(name, len(scan.sheets), limits)
    paths = {s.path: s for s in scan.sheets if s.kind == "worksheet"}
    dated = _date_styles(archive) if kind == "xlsx" else frozenset()
    view = memoryview(data)
    head_used = 0
    for m in members:
        sheet = paths.get(m.filename)
        watcher = _SheetWatcher(min(limits.head_bytes, limits.head_bytes_total - head_used), dated) if sheet else None
        content = kind == "ods" and m.filename == "content.xml"
        ods = _OdsExtent() if content else None
        size, tables = _scan_member(name, archive, view, m, watcher, content, limits.inflated_bytes - scan.inflated,
                                    limits, ods)
        scan.inflated += size
        if scan.inflated > limits.inflated_bytes:
            raise _bomb(name, limits)
        if tables is not None:
            _check_sheet_count(name, tables, limits)
        if ods is not None:
            ods.finish()
            _check_ods_grid(name, ods, size, limits)
        if watcher is not None:
            watcher.finish()
            _check_grid(name, sheet.name, watcher, size, limits, _inflate(archive, view, m, size))
            head_used += watcher.head_fed
            if watcher.head is not None:
                scan.heads[sheet.name] = watcher.head
            if watcher.head_complete:
                scan.whole.add(sheet.name)
            scan.has_cells[sheet.name] = watcher.has_cells
    if kind == "xlsx" and scan.heads:
        _resolve_shared_strings(archive, view, scan, limits)
    return scan


def _scan_member(
    name: str, archive: zipfile.ZipFile, data: memoryview, member: zipfile.ZipInfo, watcher: _SheetWatcher | None,
    count_tables: bool, budget: int, limits: Limits, ods: _OdsExtent | None = None,
) -> tuple[int, int | None]:
    """Inflate one member, feeding a worksheet's chunks to its watcher -> (its real size, the number of ODS
    tables when `count_tables`). A member may inflate to its ratio's worth and no more: a bomb whose headers lie
    is stopped a few megabytes in, by the real count."""
    own = max(limits.ratio_floor, limits.ratio * max(member.compress_size, 1))
    size, tables = 0, 0
    for chunk in _inflate(archive, data, member, min(budget, own)):
        size += len(chunk)
        if size > own:
            raise _bomb(name, limits)
        if watcher is not None:
            watcher.feed(chunk)
        elif count_tables:
            tables += chunk.count(b"<table:table ")
            if ods is not None:
                ods.feed(chunk)
    return size, (tables if count_tables else None)


def _check_sheet_count(name: str, count: int, limits: Limits) -> None:
    if count > limits.sheets:
        raise _refusal(TooLarge, "read.too_many_sheets", name=name, sheets=count, limit=limits.sheets)


def _inflate(archive: zipfile.ZipFile, data: memoryview, member: zipfile.ZipInfo, budget: int) -> Iterator[bytes]:
    """A member's inflated bytes, a megabyte at a time, stopping as soon as they pass `budget`.

    ISA-L inflates twice as fast as zlib: every byte of an .xlsx is inflated here once and again by calamine."""
    if member.compress_type != zipfile.ZIP_DEFLATED or member.flag_bits & 0x1:
        # stored, encrypted (zipfile says so) or an unusual method: zipfile reads it
        total = 0
        with archive.open(member) as stream:
            while total <= budget and (chunk := stream.read(CHUNK)):
                total += len(chunk)
                yield chunk
        return
    start = member.header_offset
    if bytes(data[start:start + 4]) != ZIP_MAGIC:
        raise zipfile.BadZipFile("local header missing")
    name_length, extra_length = struct.unpack("<HH", data[start + 26:start + 30])
    body = start + 30 + name_length + extra_length
    pending = data[body:body + member.compress_size]
    inflater = isal_zlib.decompressobj(-15)  # raw deflate, as inside a zip
    total = 0
    while pending and total <= budget:
        chunk = inflater.decompress(pending, CHUNK)
        pending = inflater.unconsumed_tail
        total += len(chunk)
        yield chunk
    if total <= budget:
        rest = inflater.flush()
        if rest:
            yield rest
        if not inflater.eof:
            raise EOFError("deflate stream ends early")


def inflated_size(data: bytes, member: zipfile.ZipInfo, budget: int) -> int:
    """How many bytes a member inflates to, counted a chunk at a time and stopping past `budget`."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    return sum(len(chunk) for chunk in _inflate(archive, memoryview(data), member, budget))


# ------------------------------------------------------------------------------------------- sheets of a book


def _xml_root(archive: zipfile.ZipFile, path: str, cap: int = 16 * 1024**2):
    """A small part (workbook.xml, its relationships) parsed whole; a part that large is no real workbook's."""
    from xml.etree.ElementTree import fromstring

    info = archive.getinfo(path)
    with archive.open(info) as stream:
        raw = stream.read(cap + 1)
    if len(raw) > cap:
        raise ValueError(f"{path} is too large")
    return fromstring(raw)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _xlsx_sheets(archive: zipfile.ZipFile) -> list[SheetEntry]:
    """The sheets of an .xlsx in workbook order, with their state and what each is (worksheet, chart...)."""
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        return []
    targets: dict[str, tuple[str, str]] = {}
    if "xl/_rels/workbook.xml.rels" in names:
        for rel in _xml_root(archive, "xl/_rels/workbook.xml.rels"):
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else "xl/" + target
            targets[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], _normal_path(path))
    sheets = []
    for element in _xml_root(archive, "xl/workbook.xml").iter():
        if _local(element.tag) != "sheet":
            continue
        rid = next((v for k, v in element.attrib.items() if _local(k) == "id"), "")
        kind, path = targets.get(rid, ("worksheet", None))
        sheets.append(SheetEntry(element.get("name", ""), element.get("state", "visible"), kind, path))
    return sheets


def _normal_path(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part and part != ".":
            parts.append(part)
    return "/".join(parts)


# -------------------------------------------------------------------------------------------- a sheet's extent

_OVERLAP = 24  # bytes of the previous chunk scanned again, so a reference cut in two is still seen
_REF = re.compile(rb"([A-Z]{0,4})(\d*)")
_NARROW = re.compile(rb' r="(?:[A-Z](?:[A-Z]|\d{6})|\d{6})')  # a reference at column AA or row 100,000 and beyond


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number


class _Extent:
    """How far a worksheet's cell references reach, learnt with one regular-expression scan per chunk that looks
    only for references beyond the bounds so far: more letters or a later first letter (a column further right),
    more digits or a greater first digit (a row further down). A sheet within Z99999 costs one simple scan; a
    wider or longer one has its bounds rise once per letter or digit its references gain. The bounds are upper bounds, within a factor of 2 of the truth beyond them."""

    def __init__(self, precise: bool = False) -> None:
        # Until a reference reaches column AA or row 100,000 the sheet is held to Z99999 (2.6 million cells, always
        # allowed) and one cheap scan looks for such a reference; the first one found starts the bounds proper,
        # from nothing when it is in the first chunk (`rescan` when it is not: the earlier chunks are read again).
        self.letters, self.first_letter = 1, 0
        self.digits, self.first_digit = 1, 0
        self.outside = False  # a reference beyond Excel's grid (four letters, eight digits)
        self.rescan = False
        self._narrow = not precise
        self._chunks = 0
        self._compile()

    def _compile(self) -> None:
        # The letters before a row's digits: none (a <row> element) or one while no column beyond Z was seen.
        prefix = rb"[A-Z]{0,3}" if self.letters > 1 else rb"[A-Z]?"
        columns = [rb"[A-Z]{%d}" % (self.letters + 1)]
        if self.first_letter < 26:
            columns.append(rb"[%c-Z][A-Z]{%d}\d" % (64 + self.first_letter + 1, self.letters - 1))
        rows = [prefix + rb"\d{%d}" % (self.digits + 1)]
        if self.first_digit < 9:
            rows.append(prefix + rb'[%d-9]\d{%d}"' % (self.first_digit + 1, self.digits - 1))
        self._beyond = re.compile(rb' r="(?:' + b"|".join(columns + rows) + rb")")

    def feed(self, text: bytes, new_chunk: bool = True) -> None:
        """Scan the next chunk (`new_chunk`), or the seam between two (the previous one's end and this one's start)."""
        self._chunks += new_chunk
        if self._narrow:
            found = _NARROW.search(text)
            if found is None:
                return
            self._narrow = False
            if self._chunks > 1:
                # The chunks before held nothing beyond Z99999: start from there. A column beyond Z so late leaves
                # the earlier rows' reach unknown, within 99,999: the sheet is read again for it (rare).
                self.letters, self.first_letter, self.digits, self.first_digit = 1, 26, 5, 9
                self.rescan = _REF.match(text, found.start() + 4).group(1).__len__() > 1
                self._compile()
        at = 0
        while (match := self._beyond.search(text, at)) is not None:
            letters, digits = _REF.match(text, match.start() + 4).groups()
            if len(letters) > self.letters or (len(letters) == self.letters and letters
                                               and letters[0] - 64 > self.first_letter):
                self.letters, self.first_letter = len(letters), letters[0] - 64
            if len(digits) > self.digits or (len(digits) == self.digits and digits[0] - 48 > self.first_digit):
                self.digits, self.first_digit = len(digits), digits[0] - 48
            self.outside = self.outside or len(letters) > 3 or len(digits) > 7
            self._compile()
            at = match.start() + 1

    @property
    def columns(self) -> int:
        """At most this many columns: 'C' -> 3; 'AB..' -> 'BZ' = 78; 'XF..' -> 16,384 (Excel's last)"""
        if self._narrow:
            return 26
        bound = _column_number(bytes([64 + self.first_letter]) + b"Z" * (self.letters - 1))
        return min(bound, EXCEL_COLUMNS) if not self.outside else bound

    @property
    def rows(self) -> int:
        """At most this many rows: '7..' of 3 digits -> 799; '1..' of 7 digits -> 1,048,576 (Excel's last)"""
        if self._narrow:
            return 99_999
        bound = (self.first_digit + 1) * 10 ** (self.digits - 1) - 1
        return min(bound, EXCEL_ROWS) if not self.outside else bound


class _SheetWatcher:
    """Follows one worksheet's XML as it streams: how far its cells reach, and its first rows' cells."""

    def __init__(self, head_budget: int, dated: frozenset[int] = frozenset()) -> None:
        self.extent = _Extent()
        self.has_cells = False
        self._tail = b""
        self._head = _HeadParser(head_budget, dated)

    @property
    def head(self) -> list[list[str]] | None:
        return self._head.rows

    @property
    def head_fed(self) -> int:
        return self._head.fed

    @property
    def head_complete(self) -> bool:
        return self._head.complete and self._head.rows is not None

    def feed(self, chunk: bytes) -> None:
        if self._tail:  # a reference cut in two by the chunks is whole in the seam
            self.extent.feed(self._tail + chunk[:_OVERLAP], new_chunk=False)
        self.extent.feed(chunk)
        self._tail = chunk[-_OVERLAP:]
        self.has_cells = self.has_cells or b"<v" in chunk or b"<is" in chunk or b":v>" in chunk or b":is>" in chunk
        self._head.feed(chunk)

    def finish(self) -> None:
        self._head.finish()


class _OdsExtent:
    """How far each table of an .ods content.xml reaches once its repeats are expanded, as calamine expands them.

    OpenDocument writes a run of equal rows or cells once, with `table:number-rows-repeated` /
    `table:number-columns-repeated`: LibreOffice itself writes the empty rest of every sheet that way (1,048,565
    empty rows, 16,379 empty cells), which costs nothing, but a row that holds a value repeated a million times
    inflates to a million rows in the parser (34 s and 1.8 GB from an 8 kB file). So the extent counts repeats
    only up to the last row and column that hold a value. The XML is split at each row's end (in C); a row costs
    a few byte searches, and only a row with repeated cells is walked cell by cell."""

    MAX_ROW_BYTES = 32 * 1024**2  # one row's XML held at once (a full-width row of long texts is a few MB)

    def __init__(self) -> None:
        self.tables: list[tuple[str, int, int]] = []  # (table name, last row with a value, last column with one)
        self._tail = b""
        self._name: str | None = None
        self._row = self._last_row = self._columns = 0

    def feed(self, chunk: bytes) -> None:
        pieces = (self._tail + chunk).split(b"</table:table-row>")
        self._tail = pieces.pop()  # the row still open at the chunk's end
        if len(self._tail) > self.MAX_ROW_BYTES:
            raise ValueError("an .ods row longer than any spreadsheet writes")
        for piece in pieces:  # everything since the previous row's end, up to this row's end
            self._piece(piece)

    def _piece(self, piece: bytes) -> None:
        if b"<table:table " in piece:  # a sheet starts before this row
            for found in _ODS_TABLE.finditer(piece):
                self._close_table()
                self._name = _xml_text(found.group(1))
        opened = piece.count(b"<table:table-row")
        if opened != 1:  # rows written as one empty element (<table:table-row .../>) before this one
            for found in _ODS_ROW.finditer(piece):
                end = piece.find(b">", found.end())
                empty = end > 0 and piece[end - 1:end] == b"/"
                self._measure(piece[found.start():end + 1] if empty else piece[found.start():], empty)
            return
        self._measure(piece[piece.find(b"<table:table-row"):])

    def _measure(self, row: bytes, empty: bool = False) -> None:
        head = row[:row.find(b">") + 1]
        repeat = _ODS_ROWS.search(head) if b"rows-repeated" in head else None
        rows = _repeat(repeat.group(1)) if repeat else 1
        if not empty and (b"office:value-type" in row or b"<text:p" in row):
            width = _ods_row_width(row)
            if width:
                self._last_row = self._row + rows
                self._columns = max(self._columns, width)
        self._row += rows

    def _close_table(self) -> None:
        if self._name is not None:
            self.tables.append((self._name, self._last_row, self._columns))
        self._row = self._last_row = self._columns = 0

    def finish(self) -> None:
        if self._tail:
            self._piece(self._tail)  # a last row never closed: measured as far as it goes
        self._close_table()
        self._name = None


_ODS_TABLE = re.compile(rb'<table:table\s[^>]*?table:name="([^"]*)"')
_ODS_ROW = re.compile(rb"<table:table-row\b")
_ODS_ROWS = re.compile(rb'table:number-rows-repeated="(\d+)"')
_ODS_COLUMNS = re.compile(rb'table:number-columns-repeated="(\d+)"')


def _repeat(digits: bytes) -> int:
    """A repeat count as written; one of more than twelve digits counts as 10**12 (far beyond any grid)."""
    return int(digits) if len(digits) <= 12 else 10**12


def _ods_row_width(row: bytes) -> int:
    """A row -> the column after its last cell that holds a value, repeats expanded. Only the part of the row up to
    that cell is looked at: LibreOffice ends every row with its empty cells repeated to column 16,384."""
    typed = row.rfind(b"office:value-type")
    cut = max(row.find(b">", typed) + 1 if typed >= 0 else 0, row.rfind(b"<text:p"))
    prefix = row[:cut]
    cells = prefix.count(b"<table:table-cell") + prefix.count(b"<table:covered-table-cell")
    if b"columns-repeated" not in prefix:
        return cells
    return cells + sum(_repeat(n) - 1 for n in _ODS_COLUMNS.findall(prefix))


def _xml_text(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace(
        "&amp;", "&")


def _check_ods_grid(name: str, extent: _OdsExtent, size: int, limits: Limits) -> None:
    """Refuse an .ods table whose cells, repeats expanded, reach far beyond what its XML holds."""
    allowed = min(limits.grid_cells_max, max(limits.grid_cells_floor, int(size * limits.grid_bytes_per_cell)))
    for sheet, rows, columns in extent.tables:
        if rows > EXCEL_ROWS or columns > EXCEL_COLUMNS or rows * columns > allowed:
            raise _refusal(TooLarge, "read.ods_repeated", name=name, sheet=sheet,
                           ref=f"{_column_letters(min(columns, EXCEL_COLUMNS))}{rows}", cells=rows * columns,
                           limit=allowed)


def _check_grid(
    name: str, sheet: str, watcher: _SheetWatcher, size: int, limits: Limits, reread: Iterator[bytes] | None = None
) -> None:
    """Refuse a sheet whose grid (last column x last row, what calamine allocates) is far larger than its XML.
    `reread` gives the sheet's bytes again when its extent must be learnt from its start."""
    extent = watcher.extent
    if extent.rescan and reread is not None:
        extent, tail = _Extent(precise=True), b""
        for chunk in reread:
            extent.feed(tail + chunk)
            tail = chunk[-_OVERLAP:]
    columns, rows = extent.columns, extent.rows
    allowed = min(limits.grid_cells_max, max(limits.grid_cells_floor, int(size * limits.grid_bytes_per_cell)))
    if extent.outside or columns * rows > allowed:
        raise _refusal(TooLarge, "read.sheet_grid_too_large", name=name, sheet=sheet,
                       ref=f"{_column_letters(columns)}{rows}", cells=columns * rows, limit=allowed)


def _column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters or "A"


# ---------------------------------------------------------------------------------------- a sheet's first rows


_SHARED = "\x00s"  # marks a shared-string index in a head cell until the strings are read


class _HeadParser:
    """The first HEAD_ROWS rows of a worksheet, parsed from its first chunks only: row i of `rows` is the sheet's
    row i + 1, each a list of cell texts up to its last cell (numbers as the header finder reads them).

    Parsing XML in Python costs about a microsecond a byte: a head larger than `budget` bytes (a sheet thousands of
    columns wide) is left to calamine, which reads such a sheet whole anyway (`rows` is then None)."""

    def __init__(self, budget: int, dated: frozenset[int] = frozenset()) -> None:
        self.rows: list[list[str]] | None = []
        self._dated = dated  # styles that show a number as a date
        self.complete = False  # the head is the whole sheet
        self.done = False
        self.fed = 0
        self._budget = budget
        self._parser: XMLPullParser | None = XMLPullParser(events=("end",))
        self._next_row = 1
        self._ns = ""
        self._pending: list[bytes] = []

    def feed(self, chunk: bytes) -> None:
        """Take the sheet's next bytes; they are parsed only once the first rows are known to fit the budget."""
        if self.done:
            return
        self._pending.append(chunk[: self._budget - self.fed + 1])
        self.fed += len(self._pending[-1])
        head = b"".join(self._pending) if len(self._pending) > 1 else self._pending[0]
        self._pending = [head]
        rows = head.count(b"</row>") + head.count(b":row>")
        if rows >= HEAD_ROWS or b"sheetData>" in head or b"sheetData/>" in head:
            self.finish()
        elif self.fed > self._budget:
            self.rows, self.done, self._parser, self._pending = None, True, None, []

    def finish(self) -> None:
        """Parse what was taken (the member ended, or the first rows are all in)."""
        if self.done:
            return
        head, self._pending = b"".join(self._pending), []
        try:
            for start in range(0, len(head), 64 * 1024):
                self._feed(head[start:start + 64 * 1024])
                if self.done:
                    return
        except (ParseError, LookupError, ValueError):
            # XML that Python's parser refuses (a damaged or odd encoding declaration): calamine reads this head.
            self.rows, self._parser = None, None
        self.done = True

    def _feed(self, piece: bytes) -> None:
        self._parser.feed(piece)
        for _, element in self._parser.read_events():
            tag = element.tag
            if not self._ns and "}" in tag:
                self._ns = tag[:tag.index("}") + 1]
            if tag == self._ns + "row":
                self._row(element)
            elif tag == self._ns + "sheetData":
                self.done = self.complete = True
            if self.done:
                self._parser = None  # the rest of the sheet is calamine's
                return

    def _row(self, element) -> None:
        number = int(element.get("r") or self._next_row)
        self._next_row = number + 1
        if number > HEAD_ROWS:
            self.done = True
            return
        cells: dict[int, str] = {}
        column = 0
        cell_tag = self._ns + "c"
        for cell in element:
            if cell.tag != cell_tag:
                continue
            ref = cell.get("r")
            column = _letters_number(ref.rstrip("0123456789")) if ref else column + 1
            cells[column] = _cell_value(cell, self._ns, self._dated)
        element.clear()
        while len(self.rows) < number - 1:
            self.rows.append([])
        width = max(cells, default=0)
        self.rows.append([cells.get(i, "") for i in range(1, width + 1)])
        if number >= HEAD_ROWS:
            self.done = True


@functools.lru_cache(maxsize=20_000)
def _letters_number(letters: str) -> int:
    return _column_number(letters.encode())


def _cell_value(cell, ns: str, dated: frozenset[int] = frozenset()) -> str:
    """A head cell as text, as the header finder reads it (a date-styled number as the date it shows)."""
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(ns + "t")).strip()
    value = cell.findtext(ns + "v")
    if value is None:
        return ""
    if kind == "s":
        return _SHARED + value.strip()
    if kind == "n":
        style = cell.get("s")
        if style and style.isdigit() and int(style) in dated:
            return _date_text(value)
        return _number_text(value)
    if kind == "b":
        return "TRUE" if value.strip() == "1" else "FALSE"
    return value.strip()


def _date_text(value: str) -> str:
    """An Excel serial day (1900 system) -> '2024-01-02 00:00:00', as Python writes a datetime"""
    try:
        return str(datetime(1899, 12, 30) + timedelta(days=float(value)))
    except (ValueError, OverflowError):
        return value.strip()


# Excel's built-in number formats that show dates and times.
_DATE_FORMATS = frozenset([*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)])


def _date_styles(archive: zipfile.ZipFile) -> frozenset[int]:
    """The cell styles (`s` attribute) of an .xlsx whose number format shows a date."""
    if "xl/styles.xml" not in archive.NameToInfo:
        return frozenset()
    root = _xml_root(archive, "xl/styles.xml")
    custom = {el.get("numFmtId"): el.get("formatCode", "") for el in root.iter() if _local(el.tag) == "numFmt"}
    xfs = next((el for el in root.iter() if _local(el.tag) == "cellXfs"), None)
    dated = set()
    for i, xf in enumerate(x for x in (xfs if xfs is not None else []) if _local(x.tag) == "xf"):
        number_format = xf.get("numFmtId", "0")
        code = re.sub(r'"[^"]*"|\\.|\[[^]]*\]', "", custom.get(number_format, ""))
        if (number_format.isdigit() and int(number_format) in _DATE_FORMATS) or re.search(r"(?i)[dy]", code):
            dated.add(i)
    return frozenset(dated)


def _number_text(value: str) -> str:
    """'2019' -> '2019'; '2019.0' -> '2019'; '1.5E3' -> '1500'; '12.34' -> '12.34'"""
    try:
        number = float(value)
    except ValueError:
        return value.strip()
    return str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)


def _resolve_shared_strings(archive: zipfile.ZipFile, data: memoryview, scan: Scan, limits: Limits) -> None:
    """Put the shared strings the heads use in place, reading the string table only as far as the last one used."""
    wanted = {int(c[len(_SHARED):]) for rows in scan.heads.values() for row in rows for c in row
              if c.startswith(_SHARED) and c[len(_SHARED):].isdigit()}
    strings: list[str] = []
    path = next((n for n in ("xl/sharedStrings.xml", "xl/SharedStrings.xml") if n in archive.NameToInfo), None)
    if wanted and path is not None:
        try:
            strings = _shared_strings(archive, data, archive.getinfo(path), max(wanted), limits)
        except (ParseError, LookupError, ValueError):
            # A string table Python's parser refuses: the heads that need it are left to calamine.
            scan.heads = {sheet: rows for sheet, rows in scan.heads.items()
                          if not any(c.startswith(_SHARED) for row in rows for c in row)}
            return
    for rows in scan.heads.values():
        for row in rows:
            for i, cell in enumerate(row):
                if cell.startswith(_SHARED):
                    index = cell[len(_SHARED):]
                    row[i] = strings[int(index)].strip() if index.isdigit() and int(index) < len(strings) else ""


def _shared_strings(
    archive: zipfile.ZipFile, data: memoryview, member: zipfile.ZipInfo, last: int, limits: Limits
) -> list[str]:
    parser = XMLPullParser(events=("end",))
    strings: list[str] = []
    for chunk in _inflate(archive, data, member, limits.inflated_bytes):
        parser.feed(chunk)
        for _, element in parser.read_events():
            if _local(element.tag) != "si":
                continue
            # Phonetic runs (rPh) are reading aids, not the text.
            strings.append("".join(t.text or "" for t in _text_runs(element)))
            element.clear()
        if len(strings) > last:
            break
    return strings


def _text_runs(element) -> Iterator:
    for child in element:
        tag = _local(child.tag)
        if tag == "t":
            yield child
        elif tag == "r":
            yield from (t for t in child if _local(t.tag) == "t")
