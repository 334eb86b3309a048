"""Hostile and pathological files, made at bench (and test) time, never committed.

Each maker returns the bytes of a file as someone could upload it: zip bombs whose headers lie, sheets whose
grid is almost all void, thousands of sheets or columns, a CSV with one stray quote before a million rows, a
200 MB CSV without a line break, a UTF-8 file with one line in another encoding. `CASES` names them with the
refusal (an i18n code) or the reading each must get; benchmarks/run.py times them, tests/test_limits.py checks
what they say.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TITLE = "REKAPITULASI EKSPOR KOTA PEKALONGAN MENURUT NEGARA TUJUAN"
SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')


def _workbook(rows: list[list[object]], sheet: str = "Data") -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = book.add_worksheet(sheet)
    for r, row in enumerate(rows):
        ws.write_row(r, 0, row)
    book.close()
    return buffer.getvalue()


def _replace_member(data: bytes, member: str, content: bytes | Callable[[zipfile.ZipFile], None]) -> bytes:
    """A copy of the workbook `data` with one member's content replaced (or written by a callable)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename == member:
                if callable(content):
                    content(archive)
                else:
                    archive.writestr(member, content)
            else:
                archive.writestr(info, source.read(info))
    return out.getvalue()


def _small_table(offset: float = 0.0) -> list[list[object]]:
    return [[TITLE], [], ["Tahun", "Negara Tujuan", "Nilai FOB (US$)"],
            *[[2024, country, 1000.0 + i + offset] for i, country in enumerate(["Jepang", "Singapura", "Malaysia"])]]


# ------------------------------------------------------------------------------------------------ workbooks


LIBREOFFICE_ODS = Path(__file__).resolve().parent.parent / "tests" / "data" / "bps_wide_text_id.ods"  # soffice wrote it


def ods_repeated(rows: int = 1_000_000, columns: int = 1) -> bytes:
    """The statistics office's .ods as LibreOffice wrote it, its content.xml then edited as an attacker would: one
    data row marked `table:number-rows-repeated` (and its first figure `number-columns-repeated`), so that an 8 kB
    file expands to millions of cells in the parser. LibreOffice's own repeats (the empty rest of the sheet) stay."""
    source = zipfile.ZipFile(LIBREOFFICE_ODS)
    content = source.read("content.xml").decode("utf-8")
    row = re.findall(r"<table:table-row[^>]*>.*?</table:table-row>", content, re.S)[5]  # "Surimi" and its years
    cell = re.search(r'<table:table-cell table:style-name="ce2"[^>]*>.*?</table:table-cell>', row, re.S).group(0)
    edited = row.replace("<table:table-row ", f'<table:table-row table:number-rows-repeated="{rows}" ', 1)
    if columns > 1:
        edited = edited.replace(cell, cell.replace("<table:table-cell ",
                                                   f'<table:table-cell table:number-columns-repeated="{columns}" ', 1))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in source.infolist():  # the same members in the same order, "mimetype" first and stored
            data = content.replace(row, edited, 1).encode("utf-8") if info.filename == "content.xml" else source.read(info)
            archive.writestr(info, data, compress_type=zipfile.ZIP_STORED if info.filename == "mimetype"
                             else zipfile.ZIP_DEFLATED)
    return out.getvalue()



def lying_zip(inflated_mb: int = 900) -> bytes:
    """An .xlsx whose sheet inflates to `inflated_mb` MB of rows while its zip headers declare 1 KB (the header
    fields patched after writing, as a hand-made bomb does): ~900,000x understated at the default size."""
    row = b'<row><c t="inlineStr"><is><t>Jepang</t></is></c><c><v>1</v></c></row>'
    block = row * (1024**2 // len(row))
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = io.BytesIO()
    opening, closing = SHEET_HEAD + b"<sheetData>", b"</sheetData></worksheet>"
    body.write(compressor.compress(opening))
    crc = zlib.crc32(opening)
    for _ in range(inflated_mb):
        body.write(compressor.compress(block))
        crc = zlib.crc32(block, crc)
    body.write(compressor.compress(closing) + compressor.flush())
    crc = zlib.crc32(closing, crc)
    deflated = body.getvalue()
    good = _workbook(_small_table())
    member = "xl/worksheets/sheet1.xml"
    marker = b"\x00" * 16
    patched = _replace_member(good, member, lambda archive: archive.writestr(member, marker))
    # Swap the placeholder member's compressed bytes for the bomb and lie in both headers about the sizes.
    archive = zipfile.ZipFile(io.BytesIO(patched))
    info = archive.getinfo(member)
    raw = bytearray(patched)
    start = info.header_offset
    name_len, extra_len = struct.unpack("<HH", raw[start + 26:start + 30])
    body_at = start + 30 + name_len + extra_len
    tail = bytes(raw[body_at + info.compress_size:])
    shift = len(deflated) - info.compress_size
    head = raw[:body_at]
    struct.pack_into("<III", head, start + 14, crc, len(deflated), 1024)
    tail = bytearray(tail)
    # The central directory: fix this member's sizes and every later offset.
    cd_at = tail.find(b"PK\x01\x02")
    while cd_at >= 0:
        name_len_cd, extra_cd, comment_cd = struct.unpack("<HHH", tail[cd_at + 28:cd_at + 34])
        offset = struct.unpack("<I", tail[cd_at + 42:cd_at + 46])[0]
        name = bytes(tail[cd_at + 46:cd_at + 46 + name_len_cd]).decode()
        if name == member:
            struct.pack_into("<III", tail, cd_at + 16, crc, len(deflated), 1024)
        elif offset > start:
            struct.pack_into("<I", tail, cd_at + 42, offset + shift)
        cd_at = tail.find(b"PK\x01\x02", cd_at + 46 + name_len_cd + extra_cd + comment_cd)
    end = tail.rfind(b"PK\x05\x06")
    cd_offset = struct.unpack("<I", tail[end + 16:end + 20])[0]
    struct.pack_into("<I", tail, end + 16, cd_offset + shift)
    return bytes(head) + deflated + bytes(tail)


def sparse_grid() -> bytes:
    """A sheet of a real header and one cell at XFD1048576: calamine would allocate 17 billion cells (512 GB)."""
    xml = (SHEET_HEAD + b'<sheetData><row r="3"><c r="A3" t="inlineStr"><is><t>Negara Tujuan</t></is></c>'
           b'<c r="B3" t="inlineStr"><is><t>Nilai FOB (US$)</t></is></c></row>'
           b'<row r="4"><c r="A4" t="inlineStr"><is><t>Jepang</t></is></c><c r="B4"><v>10</v></c></row>'
           b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>')
    return _replace_member(_workbook(_small_table()), "xl/worksheets/sheet1.xml", xml)


def many_sheets(sheets: int = 3000, same: bool = False) -> bytes:
    """A workbook of `sheets` small sheets, each with a title, a header and three countries (the same figures on
    every sheet when `same`, as copies of one sheet are)."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    for i in range(sheets):
        ws = book.add_worksheet(f"Lembar {i + 1}")
        for r, row in enumerate(_small_table(0.0 if same else float(i))):
            ws.write_row(r, 0, row)
    book.close()
    return buffer.getvalue()


def wide_xlsx(columns: int = 6000, rows: int = 50) -> bytes:
    """A sheet `columns` wide: a country, a value, then columns of notes (the office's pivot gone wide)."""
    header = ["Tahun", "Negara Tujuan", "Nilai FOB (US$)"] + [f"Keterangan {i}" for i in range(1, columns - 2)]
    body = [[2024, f"Negara {r % 40}", 1000.0 + r] + ["x"] * (columns - 3) for r in range(rows)]
    return _workbook([["EKSPOR 2024"], header, *body])


def no_dimension(rows: int = 200_000) -> bytes:
    """A sheet without a `<dimension>` element (some exporters omit it): the reader must not scan it in Python."""
    out = io.BytesIO()
    out.write(SHEET_HEAD + b"<sheetData>")
    out.write(b'<row r="1"><c r="A1" t="inlineStr"><is><t>Tahun</t></is></c><c r="B1" t="inlineStr"><is>'
              b'<t>Negara Tujuan</t></is></c><c r="C1" t="inlineStr"><is><t>Nilai FOB (US$)</t></is></c></row>')
    for r in range(2, rows + 2):
        out.write(b'<row r="%d"><c r="A%d"><v>2024</v></c><c r="B%d" t="inlineStr"><is><t>Jepang</t></is></c>'
                  b'<c r="C%d"><v>%d.5</v></c></row>' % (r, r, r, r, r % 997))
    out.write(b"</sheetData></worksheet>")
    return _replace_member(_workbook(_small_table()), "xl/worksheets/sheet1.xml", out.getvalue())


# ------------------------------------------------------------------------------------------------------ CSV


def _csv_rows(n: int) -> bytes:
    line = b"2024;Sarung Batik;Jepang;1.234,50\r\n"
    return b"Tahun;Komoditi;Negara Tujuan;Nilai FOB (US$)\r\n" + line * n


def stray_quote(rows: int = 1_000_000) -> bytes:
    """One stray quote on line 3 (a name typed as `"Batik Jaya`), then `rows` rows."""
    return (f"{TITLE}\r\n".encode() + b"Tahun;Komoditi;Negara Tujuan;Nilai FOB (US$)\r\n"
            + b'2024;"Sarung Batik;Jepang;1.234,50\r\n' + _csv_rows(rows).split(b"\r\n", 1)[1])


def one_line(megabytes: int = 200) -> bytes:
    """A CSV whose line breaks were lost: `megabytes` MB (of 1024² bytes, as the upload cap counts) on one line."""
    row = b"2024;Sarung Batik;Jepang;1.234,50;"
    return b"Tahun;Komoditi;Negara Tujuan;Nilai FOB (US$);" + row * ((megabytes * 1024**2 - 1024) // len(row))


def wide_csv(columns: int = 100_000, rows: int = 20) -> bytes:
    header = ";".join(["Tahun", "Negara Tujuan", "Nilai FOB (US$)"] + [f"K{i}" for i in range(columns - 3)])
    row = ";".join(["2024", "Jepang", "1.234,50"] + ["1"] * (columns - 3))
    return (header + "\r\n" + (row + "\r\n") * rows).encode()


def bad_utf8_line(rows: int = 20_000, bad_at: int = 7_000) -> bytes:
    """A UTF-8 register (names with ü, é, curly quotes) with one line pasted from a Windows-1252 source."""
    lines = ["Tahun;Nama Perusahaan;Negara Tujuan;Nilai FOB (US$)"]
    names = ["CV Batik “Jaya”", "PT Süd Textil", "UD Crème Batik", "CV Sinar"]
    countries = ["Türkiye", "Jepang", "Côte d’Ivoire", "Singapura"]
    for i in range(rows):
        lines.append(f"2024;{names[i % 4]};{countries[i % 4]};{1000 + i},50")
    data = ("\r\n".join(lines) + "\r\n").encode("utf-8")
    bad = f"2024;CV Café Batik;Jepang;{1000 + bad_at},50".encode("cp1252")
    parts = data.split(b"\r\n")
    parts[bad_at + 1] = bad  # line bad_at + 2 of the file (line 1 is the header)
    return b"\r\n".join(parts)


@dataclass(frozen=True)
class Case:
    name: str
    file: str
    make: Callable[[], bytes]
    expect: str  # the refusal's i18n code, or "read" when the file must be read


CASES = (
    Case("lying zip headers (900,000x)", "bom_zip.xlsx", lying_zip, "read.zip_bomb"),
    Case("sparse grid A1:XFD1048576", "sparse.xlsx", sparse_grid, "read.sheet_grid_too_large"),
    Case("3,000 sheets", "3000_lembar.xlsx", many_sheets, "read.too_many_sheets"),
    Case(".ods row repeated 1,000,000 times", "ulang_baris.ods", ods_repeated, "read.ods_repeated"),
    Case(".ods cell repeated 16,000 x 60,000", "ulang_sel.ods", lambda: ods_repeated(60_000, 16_000),
         "read.ods_repeated"),
    Case("250 sheets (the cap)", "250_lembar.xlsx", lambda: many_sheets(250), "read"),
    Case("6,000 columns (xlsx)", "6000_kolom.xlsx", wide_xlsx, "read"),
    Case("no <dimension>, 200,000 rows", "tanpa_dimensi.xlsx", no_dimension, "read"),
    Case("100,000 columns (csv)", "100000_kolom.csv", wide_csv, "read.too_many_columns"),
    Case("6,000 columns (csv)", "6000_kolom.csv", lambda: wide_csv(6000, 200), "read"),
    Case("stray quote + 1,000,000 rows", "kutip.csv", stray_quote, "read.unbalanced_quote"),
    Case("200 MB on one line", "satu_baris.csv", one_line, "read.no_line_breaks"),
    Case("one bad UTF-8 line in 20,000", "utf8_rusak.csv", bad_utf8_line, "read"),
)
