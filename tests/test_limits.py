"""Bombs, limits and refusals that name their cause, and the production configuration that ships.

Each hostile file is made here by benchmarks/hostile.py (the same makers `make bench` times); each refusal is
checked by its code, its parameters and its sentence in Indonesian and English. No timing is asserted.
"""

from __future__ import annotations

import io
import resource
import sys
import tomllib
import zipfile

import polars as pl
import pytest
from conftest import DATA, ROOT

from pekalongan import archive, read, reasons
from pekalongan.archive import Limits
from pekalongan.clean import clean_tables
from pekalongan.errors import NoExportTable, PekalonganError, TooLarge, UnreadableFile
from pekalongan.ingest import load
from pekalongan.read import read_file
from pekalongan.schema import Column

sys.path.insert(0, str(ROOT / "benchmarks"))
import hostile  # noqa: E402


def bomb(inflated_mb: int, name: str = "xl/worksheets/sheet1.xml") -> bytes:
    """A small .xlsx-looking zip whose one member inflates to `inflated_mb` of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive_:
        archive_.writestr("[Content_Types].xml", "<Types/>")
        with archive_.open(name, "w", force_zip64=True) as member:
            chunk = b"0" * (1024 * 1024)
            for _ in range(inflated_mb):
                member.write(chunk)
    return buffer.getvalue()


def refusal(name: str, data: bytes, kind: type[PekalonganError] = PekalonganError, **kwargs) -> PekalonganError:
    with pytest.raises(kind) as info:
        read_file(name, data, **kwargs)
    return info.value


# ------------------------------------------------------------------------------------------------- archives


def test_a_zip_bomb_is_refused_before_parsing_with_bounded_memory():
    data = bomb(300)
    assert len(data) < 2 * 1024**2  # a small file ...
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    error = refusal("laporan.xlsx", data, TooLarge)
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert error.code == "read.zip_bomb"
    assert "zip bomb" in str(error) and "zip bomb" in error.render("en")
    assert grown_kb < 200 * 1024  # ... that never got inflated into memory


def test_zip_headers_that_understate_the_size_are_caught_by_counting_the_real_bytes():
    data = hostile.lying_zip(40)  # declares 1 KB, inflates to 40 MB
    declared = {m.filename: m.file_size for m in zipfile.ZipFile(io.BytesIO(data)).infolist()}
    assert declared["xl/worksheets/sheet1.xml"] == 1024
    # The real ratio gives it away a few megabytes in ...
    error = refusal("rekap.xlsx", data, TooLarge)
    assert error.code == "read.zip_bomb" and error.params["name"] == "rekap.xlsx"
    # ... and with no ratio rule at all, the count of real bytes stops it at the budget.
    error = refusal("rekap.xlsx", data, TooLarge, limits=Limits(ratio=10**9, inflated_bytes=5 * 1024**2))
    assert error.code == "read.zip_bomb" and error.params["limit"] == 5


def test_a_real_workbook_passes_the_archive_scan():
    scan = archive.scan_archive("ska_2020.xlsx", (DATA / "ska_2020.xlsx").read_bytes(), "xlsx")
    assert [s.name for s in scan.sheets] and all(s.kind == "worksheet" for s in scan.sheets)


def test_the_count_is_each_members_real_inflated_size():
    data = (DATA / "ska_2020.xlsx").read_bytes()
    zipped = zipfile.ZipFile(io.BytesIO(data))
    for member in zipped.infolist():
        assert archive.inflated_size(data, member, 10**9) == len(zipped.read(member))


def test_a_deflate_stream_cut_short_is_unreadable():
    data = bomb(2)
    member = zipfile.ZipFile(io.BytesIO(data)).getinfo("xl/worksheets/sheet1.xml")
    short = zipfile.ZipInfo(member.filename)
    short.header_offset, short.compress_size = member.header_offset, member.compress_size // 2
    short.compress_type = zipfile.ZIP_DEFLATED
    with pytest.raises(EOFError):
        archive.inflated_size(data, short, 10**9)


def test_a_sheet_whose_grid_is_almost_all_void_is_refused_before_calamine_allocates_it():
    # Two cells, A3 and XFD1048576: calamine would allocate 17 billion cells (512 GB) and abort the process.
    error = refusal("sparse.xlsx", hostile.sparse_grid(), TooLarge)
    assert error.code == "read.sheet_grid_too_large"
    assert error.params["sheet"] == "Data" and error.params["ref"] == "XFD1048576"
    assert "XFD1048576" in str(error) and "17.179.869.184 sel" in str(error)
    assert "17,179,869,184 cells" in error.render("en")


@pytest.mark.parametrize("rows, columns, ref", [(1_000_000, 1, "E1000009"), (60_000, 16_000, "WQN60009"),
                                               (10**20, 1, "E1000000000009")])  # a count too long to hold
def test_an_ods_row_or_cell_repeated_a_million_times_is_refused_in_a_plain_sentence(rows, columns, ref):
    # LibreOffice's file, one data row then marked repeated as an attacker would: 8 kB that calamine expands to
    # millions of cells (34 s and 1.8 GB before this check).
    data = hostile.ods_repeated(rows, columns)
    assert len(data) < 16 * 1024
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    error = refusal("ulang.ods", data, TooLarge)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200 * 1024  # never expanded
    assert error.code == "read.ods_repeated"
    assert error.params["sheet"] == "Komoditi" and error.params["ref"] == ref
    assert str(error).startswith("Lembar “Komoditi” pada berkas “ulang.ods” ditolak: baris atau sel")
    assert error.render("en").startswith("Sheet “Komoditi” of file “ulang.ods” was refused: rows or cells")


@pytest.mark.parametrize("before, reach", [
    (b'<table:table-row table:number-rows-repeated="900000"/>', ("Komoditi", 900_010, 5)),  # empty rows, one element
    (b'<table:table-row><table:table-cell table:number-columns-repeated="9000"/></table:table-row>',
     ("Komoditi", 11, 5)),  # a row of empty cells only: one row more, no width
])
def test_an_ods_tables_reach_counts_repeats_up_to_its_last_value(before, reach):
    content = zipfile.ZipFile(hostile.LIBREOFFICE_ODS).read("content.xml")
    at = content.index(b"<table:table-row", content.index(b"Surimi") - 2000)
    extent = archive._OdsExtent()
    for k in range(0, len(content) + len(before), 1000):  # chunks that cut rows and tags in two
        extent.feed((content[:at] + before + content[at:])[k:k + 1000])
    extent.finish()
    assert extent.tables == [reach]


def test_libreoffices_own_repeats_of_the_empty_rest_of_a_sheet_are_read():
    # LibreOffice writes 1,048,565 empty rows and 16,379 empty cells as repeats; one data row repeated once is data.
    result = read_file("ulang_sekali.ods", hostile.ods_repeated(1))
    assert [t.frame.height for t in result.tables] == [7]


def test_a_cell_claiming_a_far_row_inside_a_near_row_counts_where_the_cell_says():
    xml = (hostile.SHEET_HEAD + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Negara Tujuan</t></is></c>'
           b'<c r="B1" t="inlineStr"><is><t>Nilai FOB</t></is></c></row>'
           b'<row r="2"><c r="J900000"><v>1</v></c></row></sheetData></worksheet>')
    data = hostile._replace_member(hostile._workbook(hostile._small_table()), "xl/worksheets/sheet1.xml", xml)
    assert refusal("jauh.xlsx", data, TooLarge).code == "read.sheet_grid_too_large"


def test_thousands_of_sheets_are_refused_by_count_before_any_is_read():
    error = refusal("3000_lembar.xlsx", hostile.many_sheets(3000), TooLarge)
    assert error.code == "read.too_many_sheets"
    assert error.params == {"name": "3000_lembar.xlsx", "sheets": 3000, "limit": archive.DEFAULT_LIMITS.sheets}
    assert "3.000 lembar" in str(error) and "3,000 sheets" in error.render("en")


def test_a_workbook_at_the_sheet_cap_is_read():
    result = read_file("6_lembar.xlsx", hostile.many_sheets(6), limits=Limits(sheets=6))
    assert len(result.tables) == 6 and not result.skipped_sheets
    with pytest.raises(TooLarge):
        read_file("6_lembar.xlsx", hostile.many_sheets(6), limits=Limits(sheets=5))


def test_copies_of_one_sheet_are_read_once():
    result = read_file("salinan.xlsx", hostile.many_sheets(4, same=True))
    assert [t.sheet for t in result.tables] == ["Lembar 1"]
    assert [(s.code, s.params["of"]) for s in result.skipped_sheets] == [("read.sheet.repeat", "Lembar 1")] * 3


def test_a_sheet_without_a_dimension_element_is_read_from_its_first_rows_only():
    dataset = load([("tanpa_dimensi.xlsx", hostile.no_dimension(5_000))])
    assert dataset.report.errors == []
    assert dataset.records.height == 5_000
    assert dataset.records.get_column(Column.VALUE_USD).sum() == pytest.approx(sum(r % 997 + 0.5
                                                                                   for r in range(2, 5_002)))


def test_thousands_of_columns_are_read():
    dataset = load([("6000_kolom.xlsx", hostile.wide_xlsx(6000, 20))])
    assert dataset.report.errors == []
    assert dataset.records.height == 20
    assert dataset.records.get_column(Column.VALUE_USD).sum() == pytest.approx(sum(1000.0 + r for r in range(20)))


@pytest.mark.parametrize("width", [5, 100])  # 100: above clean._WIDE, the rows' cells are tested in long form
def test_a_wide_tables_blank_rows_and_column_numbers_are_told_as_in_a_narrow_one(width):
    notes = ["x"] * (width - 3)
    rows = [["EKSPOR 2024"], ["Tahun", "Negara Tujuan", "Nilai FOB (US$)"] + [f"Ket {i}" for i in range(width - 3)],
            [2024, "Jepang", 10.0, *notes], [f"({i + 1})" for i in range(width)], [], ["  "] * width,
            [2024, "Malaysia", 5.0, *notes], ["(1)", "  ", "(3)", *[""] * (width - 3)], [2024, "Singapura", 1.0]]
    cleaned = clean_tables(read_file("lebar.xlsx", hostile._workbook(rows)))
    assert cleaned.report.rows.select("row", "code").rows() == [
        (4, reasons.HEADER_ARTEFACT), (5, reasons.BLANK), (6, reasons.BLANK), (8, reasons.HEADER_ARTEFACT)]
    assert cleaned.records.get_column(Column.VALUE_USD).to_list() == [10.0, 5.0, 1.0]


# ------------------------------------------------------------------------------------------------------ text


def test_a_stray_quote_before_a_million_rows_names_the_quote_and_its_line():
    error = refusal("kutip.csv", hostile.stray_quote(1_000_000), UnreadableFile)
    assert error.code == "read.unbalanced_quote" and error.params["line"] == 3
    assert "tanda kutip" in str(error) and "baris 3" in str(error)
    assert "never closed, opened on line 3" in error.render("en")
    assert "hanya berisi judul kolom" not in str(error)


def test_two_stray_quotes_far_apart_are_not_read_as_one_giant_cell():
    rows = [b"Tahun;Negara Tujuan;Nilai FOB (US$)"] + [b"2024;Jepang;1.000,50"] * 2_000
    rows[10] = b'2024;"Jepang;1.000,50'
    rows[1500] = b'2024;Jepang";1.000,50'
    error = refusal("dua_kutip.csv", b"\r\n".join(rows), UnreadableFile)
    assert error.code == "read.unbalanced_quote" and error.params["line"] == 11


def test_a_200_mb_csv_without_line_breaks_says_so():
    data = hostile.one_line(200)
    error = refusal("satu_baris.csv", data, UnreadableFile)
    assert error.code == "read.no_line_breaks" and error.params["size"] == 200
    assert "tidak berisi pemisah baris" in str(error) and "no line breaks" in error.render("en")


def test_a_100000_column_csv_is_refused_with_the_cap():
    error = refusal("100000_kolom.csv", hostile.wide_csv(100_000, 5), TooLarge)
    assert error.code == "read.too_many_columns"
    assert error.params == {"name": "100000_kolom.csv", "columns": 100_000, "line": 1, "limit": 16_384}
    assert "100.000 kolom" in str(error) and "batas 16.384 kolom" in str(error)
    assert "100,000 columns" in error.render("en") and "16,384" in error.render("en")


def test_a_line_too_long_for_a_table_is_refused():
    data = b"Tahun;Negara;Nilai\n" + b"x" * (read.MAX_LINE_BYTES + 10) + b"\n2024;Jepang;1\n"
    data = data[len(b"Tahun;Negara;Nilai\n"):]  # the long line first
    assert refusal("panjang.csv", data, UnreadableFile).code == "read.line_too_long"


@pytest.mark.parametrize("bad_at", [300, 7_000])  # inside the head the sniffer reads, and far below it
def test_one_line_of_invalid_utf8_is_rejected_alone_and_the_rest_stays_utf8(bad_at):
    data = hostile.bad_utf8_line(20_000, bad_at)
    dataset = load([("register.csv", data)])
    info = dataset.report.files[0]
    assert dataset.report.errors == [] and info.encoding == "utf-8"
    line = bad_at + 2  # the header is line 1
    [row] = dataset.report.rows.filter(pl.col("status") == "rejected").iter_rows(named=True)
    assert row["row"] == line
    assert "bukan teks UTF-8 yang sah" in row["reason"] and "0xE9" in row["reason"]
    [english] = reasons.localise(dataset.report.rejected, "en").get_column("reason").to_list()
    assert english.startswith("this line is not valid UTF-8 text (byte 0xE9 at position")  # a code, said in English
    assert dataset.report.rows_kept == 20_000 - 1
    names = set(dataset.records.get_column(Column.EXPORTER).cast(pl.String).unique().to_list())
    assert {"CV Batik “Jaya”", "PT Süd Textil", "UD Crème Batik"} <= names  # no mojibake anywhere
    assert not any("Ã" in n or "â€" in n or "\ufffd" in n for n in names)


def test_a_windows_1252_file_is_still_decoded_as_windows_1252():
    # Pure ASCII apart from a few cp1252 letters: that is a Windows-1252 file, not UTF-8 with bad lines.
    rows = ["Tahun;Komoditi;Negara Tujuan;Nilai FOB (US$)"] + ["2020;Sarung;Singapura;1.234,5"] * 500
    rows[200] = "2020;Crème;Singapura;10"
    dataset = load([("cp1252.csv", "\r\n".join(rows).encode("cp1252"))])
    assert dataset.report.files[0].encoding == "cp1252"
    assert dataset.records.filter(pl.col(Column.COMMODITY) == "Crème").height == 1


# --------------------------------------------------------------------------------------------------- others


def test_row_cap_has_a_clear_message(monkeypatch):
    monkeypatch.setattr(read, "MAX_ROWS", 10)
    with pytest.raises(TooLarge) as info:
        read_file("ska_2020.xlsx", (DATA / "ska_2020.xlsx").read_bytes())
    assert "melebihi batas 10 baris" in str(info.value)
    with pytest.raises(TooLarge) as info:
        read_file("ska.csv", b"Tahun;Nilai\n" + b"2020;1\n" * 20)
    assert info.value.code == "read.too_many_rows"


def test_size_cap(monkeypatch):
    monkeypatch.setattr(read, "MAX_FILE_BYTES", 1000)
    with pytest.raises(TooLarge) as info:
        read_file("besar.csv", b"Tahun;Nilai\n" + b"2020;1\n" * 500)
    assert info.value.code == "read.file_too_large"


def test_password_protected_workbook_has_its_own_message():
    from pekalongan.errors import ProtectedWorkbook

    with pytest.raises(ProtectedWorkbook) as info:
        read_file("protected.xlsx", (DATA / "protected.xlsx").read_bytes())
    assert "kata sandi" in str(info.value) and "password" in info.value.render("en")


def test_corrupt_member_inside_a_zip_is_unreadable_not_a_crash():
    data = bytearray((DATA / "ska_2020.xlsx").read_bytes())
    data[200:260] = b"\xff" * 60
    with pytest.raises(UnreadableFile):
        archive.scan_archive("rusak.xlsx", bytes(data), "xlsx")


def test_a_file_without_a_header_row_still_says_so():
    error = refusal("catatan.csv", b"Catatan rapat\r\nTidak ada tabel di sini\r\n", NoExportTable)
    assert error.code == "read.no_table" and "No export table" in error.render("en")


def test_shipped_configuration_is_the_production_one():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["maxUploadSize"] <= 200
    assert config["client"]["showErrorDetails"] in ("none", False)
    assert config["client"]["disableDataExport"] is True
    assert config["browser"]["gatherUsageStats"] is False
    from pekalongan.ui.data import MAX_UPLOAD_MB

    assert MAX_UPLOAD_MB == config["server"]["maxUploadSize"]


def test_every_reader_sentence_is_in_both_languages_with_the_same_parameters():
    import string

    from pekalongan.i18n import CATALOGUE

    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    reader = {k: v for k, v in CATALOGUE.items() if k.startswith("read.")}
    assert len(reader) > 20
    for key, entry in reader.items():
        assert entry.get("en") and entry["en"] != entry["id"], key
        assert fields(entry["id"]) == fields(entry["en"]), key
