"""How the corpus is written: the real writers, stamped so that every output is byte-for-byte reproducible (fixed
document dates and zip timestamps, the .ods repacked without LibreOffice's thumbnail), LibreOffice for .xls/.ods,
msoffcrypto-tool for the encrypted workbook, and a PNG for a file that is plainly not a spreadsheet.
"""

from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
import tempfile
import zipfile
import zlib
from datetime import datetime
from pathlib import Path

import openpyxl
import xlsxwriter

FIXED_TIME = datetime(2024, 1, 15, 8, 0, 0)  # document properties of every generated workbook


def new_xlsxwriter(target: Path | io.BytesIO) -> xlsxwriter.Workbook:
    book = xlsxwriter.Workbook(target, {"in_memory": True})
    book.set_properties({"created": FIXED_TIME, "author": "Disdagkopukm Kota Pekalongan"})
    return book


def save_openpyxl(book: openpyxl.Workbook, path: Path) -> None:
    """Save with fixed timestamps, so that the bytes only change when the content does."""
    book.properties.creator = "Disdagkopukm Kota Pekalongan"
    book.properties.created = FIXED_TIME
    raw = io.BytesIO()
    book.save(raw)
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), data)
            dst.writestr(zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(src: Path, fmt: str, dest: Path) -> bool:
    """Convert `src` with headless LibreOffice into `dest`; False (file left alone) when LibreOffice is missing."""
    exe = soffice()
    if exe is None:
        print(f"soffice not found: {dest.name} left as committed")
        return False
    # A private profile, so a LibreOffice already running elsewhere does not swallow the conversion.
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [exe, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to", fmt,
             "--outdir", out, str(src)],
            check=True, capture_output=True, timeout=240,
        )
        produced = Path(out) / f"{src.stem}.{fmt}"
        if not produced.exists():
            raise RuntimeError(f"LibreOffice did not write {produced.name}")
        shutil.copyfile(produced, dest)
    if fmt == "ods":
        normalise_ods(dest)
    return True


def normalise_ods(path: Path) -> None:
    """Fixed zip timestamps and no thumbnail: the same bytes on every run, and a third of the size."""
    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as dst:
        for name, data in entries:  # "mimetype" stays first and stored, as ODF requires
            if name.startswith("Thumbnails/"):
                continue
            if name == "META-INF/manifest.xml":
                data = re.sub(rb'\s*<manifest:file-entry manifest:full-path="Thumbnails/[^>]*/>', b"", data)
            method = zipfile.ZIP_STORED if name == "mimetype" or name.endswith("/") else zipfile.ZIP_DEFLATED
            dst.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, method)
    path.write_bytes(packed.getvalue())


def tiny_png() -> bytes:
    """A valid 1x1 PNG: bytes that are plainly not a spreadsheet."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\xff\xff\xff")) + \
        chunk(b"IEND", b"")


def decrypt(sealed: bytes, password: str) -> bytes:
    import msoffcrypto

    office = msoffcrypto.OfficeFile(io.BytesIO(sealed))
    office.load_key(password=password)
    opened = io.BytesIO()
    office.decrypt(opened)
    return opened.getvalue()


def write_encrypted(path: Path, data: bytes, password: str) -> None:
    """Agile-encrypt an xlsx. Encryption is salted and time-stamped, so a committed file that still opens to the
    same workbook is kept as it is rather than rewritten with new bytes."""
    from msoffcrypto.format.ooxml import OOXMLFile

    if path.exists():
        try:
            if decrypt(path.read_bytes(), password) == data:
                return
        except Exception:  # not ours any more, or not encrypted: write it afresh
            pass
    sealed = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, sealed)
    assert decrypt(sealed.getvalue(), password) == data, "encryption did not round-trip"
    path.write_bytes(sealed.getvalue())
