"""Bombs and limits, and the production configuration that ships."""

from __future__ import annotations

import io
import resource
import tomllib
import zipfile

import pytest
from conftest import DATA, ROOT

from pekalongan import read
from pekalongan.errors import TooLarge, UnreadableFile
from pekalongan.read import read_file


def bomb(inflated_mb: int, name: str = "xl/worksheets/sheet1.xml") -> bytes:
    """A small .xlsx-looking zip whose one member inflates to `inflated_mb` of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(name, "w", force_zip64=True) as member:
            chunk = b"0" * (1024 * 1024)
            for _ in range(inflated_mb):
                member.write(chunk)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_before_parsing_with_bounded_memory():
    data = bomb(300)
    assert len(data) < 2 * 1024**2  # a small file ...
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(TooLarge) as info:
        read_file("laporan.xlsx", data)
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert "zip bomb" in str(info.value)
    assert grown_kb < 200 * 1024  # ... that never got inflated into memory


def test_declared_sizes_that_lie_are_caught_by_counting(monkeypatch):
    # Below the ratio check, above a (lowered) inflation cap: only the streaming count can refuse it.
    monkeypatch.setattr(read, "MAX_RATIO", 10**9)
    monkeypatch.setattr(read, "MAX_INFLATED_BYTES", 5 * 1024**2)
    with pytest.raises(TooLarge):
        read.check_zip_bomb("x.xlsx", bomb(8))


def test_a_real_workbook_passes_the_bomb_check():
    read.check_zip_bomb("ska_2020.xlsx", (DATA / "ska_2020.xlsx").read_bytes())


def test_the_count_is_each_members_real_inflated_size():
    data = (DATA / "ska_2020.xlsx").read_bytes()
    archive = zipfile.ZipFile(io.BytesIO(data))
    for member in archive.infolist():
        if member.compress_type == zipfile.ZIP_DEFLATED:
            assert read._inflated_size(memoryview(data), member, 10**9) == len(archive.read(member))


def test_a_deflate_stream_cut_short_is_unreadable():
    data = bomb(2)
    member = zipfile.ZipFile(io.BytesIO(data)).getinfo("xl/worksheets/sheet1.xml")
    with pytest.raises(EOFError):
        short = zipfile.ZipInfo(member.filename)
        short.header_offset, short.compress_size = member.header_offset, member.compress_size // 2
        read._inflated_size(memoryview(data), short, 10**9)


def test_row_cap_has_a_clear_message(monkeypatch):
    monkeypatch.setattr(read, "MAX_ROWS", 10)
    with pytest.raises(TooLarge) as info:
        read_file("ska_2020.xlsx", (DATA / "ska_2020.xlsx").read_bytes())
    assert "melebihi batas 10 baris" in str(info.value)
    with pytest.raises(TooLarge):
        read_file("ska.csv", b"Tahun;Nilai\n" + b"2020;1\n" * 20)


def test_size_cap(monkeypatch):
    monkeypatch.setattr(read, "MAX_FILE_BYTES", 1000)
    with pytest.raises(TooLarge):
        read_file("besar.csv", b"Tahun;Nilai\n" + b"2020;1\n" * 500)


def test_password_protected_workbook_has_its_own_message():
    from pekalongan.errors import ProtectedWorkbook

    with pytest.raises(ProtectedWorkbook) as info:
        read_file("protected.xlsx", (DATA / "protected.xlsx").read_bytes())
    assert "kata sandi" in str(info.value)


def test_corrupt_member_inside_a_zip_is_unreadable_not_a_crash():
    data = bytearray((DATA / "ska_2020.xlsx").read_bytes())
    data[200:260] = b"\xff" * 60
    with pytest.raises(UnreadableFile):
        read.check_zip_bomb("rusak.xlsx", bytes(data))


def test_shipped_configuration_is_the_production_one():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["maxUploadSize"] <= 200
    assert config["client"]["showErrorDetails"] in ("none", False)
    assert config["client"]["disableDataExport"] is True
    assert config["browser"]["gatherUsageStats"] is False
    from pekalongan.ui.data import MAX_UPLOAD_MB

    assert MAX_UPLOAD_MB == config["server"]["maxUploadSize"]
