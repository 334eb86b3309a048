"""Downloads officials forward: every file is read back by a real reader and must say what the dashboard says,
with no text cell that a spreadsheet would run as a formula."""

from __future__ import annotations

import base64
import io
import math
import re
import shutil
import struct
from datetime import date
from html.parser import HTMLParser

import openpyxl
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pekalongan import aggregate, charts, export, images, narrative, press_report
from pekalongan.filters import Filters
from pekalongan.i18n import t
from pekalongan.ingest import load, load_sample
from pekalongan.labels import labelled, line_labels
from pekalongan.report import Report
from pekalongan.schema import SCHEMA, Column

HOSTILE = ['=HYPERLINK("http://x")', "+1+1", "-2", "@SUM(A1)", "\t=1", "\r=1", "  =1+1", "＝1+1"]
XSS = "<img src=x onerror=alert(1)>"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

TEXT_HEADERS = ["Eksportir", "Jenis Eksportir", "Komoditi", "Pos Tarif/HS", "Kode Negara", "Negara Tujuan",
                "Berkas", "Lembar"]
NUMBER_HEADERS = {"Berat (Kg)": Column.WEIGHT_KG, "Nilai FOB (US$)": Column.VALUE_USD}
INTEGER_HEADERS = {"Tahun": Column.YEAR, "Bulan": Column.MONTH, "Baris": Column.SOURCE_ROW}


@pytest.fixture(scope="module")
def sample():
    return load_sample()


def records_of(rows: list[dict]) -> pl.DataFrame:
    """[{'commodity': ..., 'value_usd': ...}, ...] -> a frame of the canonical schema, the rest null."""
    return pl.DataFrame([{name: row.get(name) for name in SCHEMA} for row in rows], schema=SCHEMA)


@pytest.fixture(scope="module")
def hostile() -> pl.DataFrame:
    """One shipment per hostile string, in every text column at once; values include a negative one."""
    return records_of([
        {
            Column.YEAR: 2023 + i % 2, Column.MONTH: 1 + i, Column.DATE: date(2023 + i % 2, 1 + i, 15),
            Column.EXPORTER: text, Column.EXPORTER_TYPE: "umkm", Column.COMMODITY: text, Column.HS_CODE: "03049900",
            Column.DESTINATION: text, Column.DESTINATION_NAME: text, Column.WEIGHT_KG: -2.0 if i == 2 else 1250.5,
            Column.VALUE_USD: [1234.5, 1234567.891, -2.5, 0.1 + 0.2, 18500.0, 7.0, 1e-3, 99.99][i],
            Column.SOURCE_FILE: text, Column.SOURCE_SHEET: text, Column.SOURCE_ROW: i + 2,
        }
        for i, text in enumerate(HOSTILE)
    ])


def read_csv(data: bytes, delimiter: str) -> pl.DataFrame:
    """Our CSV -> a frame, as polars reads it: with ';' it needs `decimal_comma=True` (polars then refuses ',' as
    the separator, which is why the two go together); the BOM is dropped by the reader."""
    return pl.read_csv(
        io.BytesIO(data),
        separator=delimiter,
        decimal_comma=delimiter == ";",
        schema_overrides={**dict.fromkeys(TEXT_HEADERS, pl.String), **dict.fromkeys(NUMBER_HEADERS, pl.Float64)},
    )


def totals_by_year(frame: pl.DataFrame, year: str, value: str) -> dict[int, float]:
    return {int(y): v for y, v in frame.group_by(year).agg(pl.col(value).sum()).iter_rows()}


def dashboard_totals(records: pl.DataFrame) -> dict[int, float]:
    return {int(y): v for y, v in aggregate.by_year(records).iter_rows()}


def assert_same_to_the_cent(got: dict[int, float], want: dict[int, float]) -> None:
    assert got.keys() == want.keys()
    for year, value in want.items():
        assert abs(got[year] - value) < 0.005, (year, got[year], value)


def sheet_cells(data: bytes):
    """Every cell of every sheet, as openpyxl reads it: (sheet, coordinate, type, value)."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    yield ws.title, cell.coordinate, cell.data_type, cell.value


def assert_no_formula(data: bytes) -> None:
    for sheet, where, kind, value in sheet_cells(data):
        assert kind != "f", (sheet, where, value)
        if isinstance(value, str):
            assert not value.startswith(FORMULA_START), (sheet, where, value)


# --- Neutralising formulas --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+1", "'+1+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\tplain", "'\tplain"),  # tab and carriage return on their own, as OWASP lists them
        ("\rplain", "'\rplain"),
        ("  =1+1", "'  =1+1"),  # behind spaces: LibreOffice's import can trim them away
        ("\u00a0\n-1", "'\u00a0\n-1"),
        ("＝1+1", "'＝1+1"),  # full-width forms an input method can type
        ("\nplain", "\nplain"),
        ("Sarung Batik", "Sarung Batik"),
        ("a-b=c", "a-b=c"),
        ("'=already quoted", "'=already quoted"),
        ("", ""),
    ],
)
def test_safe_cell(cell, expected):
    assert export.safe_cell(cell) == expected


@given(st.lists(st.one_of(st.none(), st.text(), st.sampled_from(HOSTILE)), max_size=20))
def test_safe_text_is_safe_cell_in_polars(cells):
    got = pl.DataFrame({"x": cells}, schema={"x": pl.String}).select(export.safe_text(pl.col("x")))
    assert got.columns == ["x"]
    assert got.get_column("x").to_list() == [None if c is None else export.safe_cell(c) for c in cells]


# --- CSV ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [";", ","])
def test_records_csv_reads_back_to_the_dashboard_totals(sample, delimiter):
    data = export.records_csv(sample.records, delimiter=delimiter)
    assert data.startswith(b"\xef\xbb\xbf")
    frame = read_csv(data, delimiter)
    assert frame.columns == ["Tahun", "Bulan", "Tanggal", "Eksportir", "Jenis Eksportir", "Komoditi", "Pos Tarif/HS",
                             "Kode Negara", "Negara Tujuan", "Berat (Kg)", "Nilai FOB (US$)", "Berkas", "Lembar",
                             "Baris", "Tanda Tahun", "Mata Uang Asal", "Nilai dalam Mata Uang Asal",
                             "Faktor Konversi ke US$"]
    assert frame.height == sample.records.height
    assert_same_to_the_cent(totals_by_year(frame, "Tahun", "Nilai FOB (US$)"), dashboard_totals(sample.records))
    assert frame.get_column("Nilai FOB (US$)").to_list() == sample.records.get_column(Column.VALUE_USD).to_list()
    assert frame.get_column("Pos Tarif/HS").str.starts_with("0").any()  # HS codes keep their leading zeros
    assert frame.get_column("Tanggal").str.contains(r"^\d{4}-\d{2}-\d{2}$").all()
    assert "Eksportir besar/lama" in frame.get_column("Jenis Eksportir").to_list()


def test_records_csv_writes_numbers_for_an_indonesian_excel(hostile):
    text = export.records_csv(hostile, delimiter=";").decode("utf-8-sig")
    first = text.splitlines()[1].split(";")
    assert first[:3] == ["2023", "1", '"2023-01-15"']
    assert first[9:11] == ["1250,5", "1234,5"]  # decimal comma, bare: Excel in Indonesian reads a number
    assert "1234567,891" in text and "1.234.567" not in text  # no thousands separators
    assert "\r\n" in text
    third = text.splitlines()[3].split(";")
    assert third[9:11] == ["-2", "-2,5"]  # negative numbers stay numbers, unquoted and untouched

    english = export.records_csv(hostile, lang="en", delimiter=",").decode("utf-8-sig")
    assert english.splitlines()[0].startswith('"Year","Month","Date","Exporter","Exporter type"')
    assert ",1234567.891," in english
    assert '"MSMEs (UMKM)"' in english


@pytest.mark.parametrize("delimiter", [";", ","])
def test_records_csv_neutralises_hostile_text(hostile, delimiter):
    frame = read_csv(export.records_csv(hostile, delimiter=delimiter), delimiter)
    for header in TEXT_HEADERS:
        for cell in frame.get_column(header).drop_nulls():
            assert not cell.startswith(FORMULA_START), (header, cell)
    assert frame.get_column("Komoditi").to_list() == ["'" + text for text in HOSTILE]
    assert frame.get_column("Berat (Kg)").to_list()[2] == -2.0
    assert frame.get_column("Nilai FOB (US$)").to_list() == hostile.get_column(Column.VALUE_USD).to_list()


def test_records_csv_refuses_other_delimiters(sample):
    with pytest.raises(ValueError):
        export.records_csv(sample.records, delimiter="\t")


def test_records_csv_uploads_again_to_the_same_totals(sample):
    again = load([("unduhan.csv", export.records_csv(sample.records))])
    assert again.records.height == sample.records.height
    assert_same_to_the_cent(dashboard_totals(again.records), dashboard_totals(sample.records))


def test_workbook_uploads_again_without_double_counting_its_summary_sheets(sample):
    tables = export.standard_tables(sample.records, "id", sample.targets)
    data = export.workbook_xlsx(sample.records, tables, sample.report, "Semua tahun.", "id")
    again = load([("unduhan.xlsx", data)])
    assert again.records.height == sample.records.height
    assert_same_to_the_cent(dashboard_totals(again.records), dashboard_totals(sample.records))


# --- Satu Data ----------------------------------------------------------------------------------------------------


def test_satu_data_csv(sample):
    data = export.satu_data_csv(sample.records)
    assert not data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8").splitlines()
    assert lines[0] == ("kode_provinsi,nama_provinsi,kode_kabupaten_kota,nama_kabupaten_kota,komoditas,"
                        "negara_tujuan,nilai_ekspor,satuan,tahun")
    assert all(re.fullmatch(r"33,JAWA TENGAH,3375,KOTA PEKALONGAN,.+,-?\d+\.\d{2},USD,\d{4}", line)
               for line in lines[1:])
    frame = pl.read_csv(io.BytesIO(data))
    assert frame.select("kode_provinsi", "kode_kabupaten_kota", "satuan").unique().rows() == [(33, 3375, "USD")]
    assert frame.equals(frame.sort("tahun", "komoditas", "negara_tujuan"))
    assert frame.select("tahun", "komoditas", "negara_tujuan").is_duplicated().sum() == 0
    # Each row is rounded to the cent, so a year's total may drift by half a cent per row at most.
    totals, want = totals_by_year(frame, "tahun", "nilai_ekspor"), dashboard_totals(sample.records)
    assert totals.keys() == want.keys()
    rows = dict(frame.group_by("tahun").len().iter_rows())
    for year, value in want.items():
        assert abs(totals[year] - value) <= 0.005 * rows[year] + 1e-6
    assert "Singapura" in frame.get_column("negara_tujuan").to_list()


def test_satu_data_csv_neutralises_names(hostile):
    frame = pl.read_csv(io.BytesIO(export.satu_data_csv(hostile)), schema_overrides={"komoditas": pl.String})
    assert set(frame.get_column("komoditas")) == {"'" + text for text in HOSTILE}
    assert not any(c.startswith(FORMULA_START) for c in frame.get_column("negara_tujuan"))
    assert frame.filter(pl.col("komoditas") == "'-2").get_column("nilai_ekspor").to_list() == [-2.5]


# --- XLSX ---------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workbook(sample) -> bytes:
    tables = export.standard_tables(sample.records, "id", sample.targets)
    return export.workbook_xlsx(sample.records, tables, sample.report, Filters().describe("id"), "id")


def test_workbook_sheets(workbook):
    names = openpyxl.load_workbook(io.BytesIO(workbook), read_only=True).sheetnames
    assert names == ["Data", "Tabel Komoditi", "Tabel Negara", "Tabel Jenis Eksportir", "Tabel Tahunan",
                     "Laporan Pembacaan"]


def test_workbook_data_sheet(sample, workbook):
    data = pl.read_excel(workbook, sheet_name="Data", schema_overrides={"Pos Tarif/HS": pl.String})
    assert data.height == sample.records.height
    assert data.get_column("Nilai FOB (US$)").to_list() == sample.records.get_column(Column.VALUE_USD).to_list()
    assert_same_to_the_cent(totals_by_year(data, "Tahun", "Nilai FOB (US$)"), dashboard_totals(sample.records))
    assert data.schema["Tanggal"] in (pl.Date, pl.Datetime("ms"), pl.Datetime("us"))
    assert data.get_column("Tanggal").cast(pl.Date).to_list() == sample.records.get_column(Column.DATE).to_list()
    assert data.get_column("Pos Tarif/HS").to_list() == sample.records.get_column(Column.HS_CODE).to_list()

    ws = openpyxl.load_workbook(io.BytesIO(workbook))["Data"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:R{sample.records.height + 1}"
    hs = next(c for c in ws["G"][1:] if str(c.value).startswith("0"))
    assert (hs.data_type, hs.number_format) == ("s", "@")
    assert ws["K2"].data_type == "n" and ws["K2"].number_format == "#,##0.00"
    assert ws["C2"].is_date and ws["C2"].number_format == "dd/mm/yyyy"


def test_workbook_table_sheet(sample, workbook):
    table = aggregate.standard_table(sample.records, "commodity")
    sheet = pl.read_excel(workbook, sheet_name="Tabel Komoditi",
                          read_options={"header_row": export.TABLE_HEADER_ROW})
    rows = sheet.head(len(table.rows) + 1)  # the commodities, then the total; notes follow
    assert rows.get_column("Komoditi").to_list() == line_labels(table, "id")[:-1] + ["Jumlah"]
    for year in table.years:
        want = [r.values[year] / 1e6 for r in [*table.rows, table.total]]
        assert rows.get_column(str(year)).to_list() == pytest.approx(want, rel=1e-12)
    trend = rows.get_column(f"Trend (%) {table.years[0]}–{table.years[-1]}").to_list()
    want = [r.trend_pct for r in [*table.rows, table.total]]
    # None -> an empty cell, not 0 or "-". (polars sums groups in parallel, so a recomputed table can differ in
    # the last bits from the one the workbook was written from.)
    assert [v is None for v in trend] == [v is None for v in want] and None in trend
    assert [v for v in trend if v is not None] == pytest.approx([v for v in want if v is not None], rel=1e-12)
    notes = sheet.get_column("Komoditi").to_list()[len(table.rows) + 1:]
    assert any(note and note.startswith("Perub:") for note in notes)
    top = openpyxl.load_workbook(io.BytesIO(workbook))["Tabel Komoditi"]
    assert top["A2"].value == "Pilihan data: " + Filters().describe("id")

    yearly = pl.read_excel(workbook, sheet_name="Tabel Tahunan", read_options={"header_row": export.TABLE_HEADER_ROW})
    assert any(str(line).startswith("Target 2020: 19,19 juta USD") for line in yearly.get_column("Uraian"))


def test_workbook_report_sheet(sample, workbook):
    ws = openpyxl.load_workbook(io.BytesIO(workbook))["Laporan Pembacaan"]
    cells = {row[0]: row[1:] for row in ws.iter_rows(values_only=True) if row[0]}
    assert cells["Baris dipakai"][0] == sample.report.rows_kept == 1159
    assert cells["Baris ditolak"][0] == 0
    assert cells["Baris dilewati"][0] == sample.report.rows_skipped == 20
    listed = [row for row in ws.iter_rows(values_only=True) if row[3] in ("Ditolak", "Dilewati")]
    assert len(listed) == sample.report.rows.height
    assert listed[0][:3] == ("contoh_ekspor_pekalongan.xlsx", "2018", 183)
    assert all(row[4] for row in listed)


def test_workbook_neutralises_hostile_text(hostile):
    report = Report(rows=pl.DataFrame(
        {"file": [HOSTILE[0]], "sheet": ["-1"], "row": [3], "status": ["rejected"], "reason": ["@x"]},
        schema={"file": pl.String, "sheet": pl.String, "row": pl.Int64, "status": pl.String, "reason": pl.String},
    ), warnings=["=cmd|' /C calc'!A0"])
    tables = {"Tabel: Negara/Kawasan?": aggregate.standard_table(hostile, "destination")}
    data = export.workbook_xlsx(hostile, tables, report, "+" + Filters().describe())
    assert_no_formula(data)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Data", "Tabel  Negara Kawasan", "Laporan Pembacaan"]
    komoditi = pl.read_excel(data, sheet_name="Data").get_column("Komoditi").to_list()
    assert komoditi == ["'" + text for text in HOSTILE]  # (openpyxl leaves xlsxwriter's "_x000D_" for "\r" as is)
    assert book["Data"]["J4"].value == -2.0  # a negative number stays a number
    assert book["Data"]["J4"].data_type == "n"
    assert "'=cmd|' /C calc'!A0" in [c.value for c in book["Laporan Pembacaan"]["A"]]


def test_workbook_in_english(hostile):
    data = export.workbook_xlsx(hostile, export.standard_tables(hostile, "en"), Report(), "All years.", "en")
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    assert book.sheetnames == ["Data", "Commodity table", "Destination table", "Exporter type table",
                               "Yearly table", "Reading report"]
    assert [c.value for c in next(book["Data"].iter_rows(max_row=1))][-8:] == [
        "FOB value (US$)", "File", "Sheet", "Row", "Year mark", "Original currency", "Value in original currency",
        "Conversion factor to US$"]


# --- Property: any text, any finite number ----------------------------------------------------------------------

finite = st.floats(allow_nan=False, allow_infinity=False)
maybe_text = st.one_of(st.none(), st.text(max_size=12), st.sampled_from(HOSTILE))
shipment = st.fixed_dictionaries({
    Column.YEAR: st.integers(2000, 2030),
    Column.MONTH: st.one_of(st.none(), st.integers(1, 12)),
    Column.DATE: st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2040, 12, 31))),
    Column.EXPORTER: maybe_text,
    Column.EXPORTER_TYPE: st.one_of(maybe_text, st.sampled_from(["new", "umkm", "established", "unknown"])),
    Column.COMMODITY: maybe_text,
    Column.HS_CODE: maybe_text,
    Column.DESTINATION: maybe_text,
    Column.DESTINATION_NAME: maybe_text,
    Column.WEIGHT_KG: st.one_of(st.none(), finite),
    Column.VALUE_USD: finite,
    Column.SOURCE_FILE: maybe_text,
    Column.SOURCE_SHEET: maybe_text,
    Column.SOURCE_ROW: st.integers(1, 1_048_576),
})
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def header_of(column: str, lang: str) -> str:
    """'value_usd', 'id' -> 'Nilai FOB (US$)'"""
    return next(t(key, lang) for name, key, _ in export.RECORD_COLUMNS if name == column)


def same_number(got: float | None, want: float | None, rel: float) -> bool:
    if got is None or want is None:
        return got is want
    return got == want or math.isclose(got, want, rel_tol=rel, abs_tol=0.0)


@PROPERTY
@given(st.lists(shipment, min_size=1, max_size=6), st.sampled_from([";", ","]), st.sampled_from(["id", "en"]))
def test_records_csv_round_trip(rows, delimiter, lang):
    records = records_of(rows)
    data = export.records_csv(records, lang=lang, delimiter=delimiter)
    table = export.records_table(records, lang)
    frame = pl.read_csv(
        io.BytesIO(data), separator=delimiter, decimal_comma=delimiter == ";",
        schema={name: (pl.Float64 if dtype == pl.Float64 else pl.Int64 if dtype.is_integer() else pl.String)
                for name, dtype in table.schema.items()},
    )
    assert frame.height == records.height
    for name, dtype in table.schema.items():
        if dtype == pl.String:
            assert not any(c.startswith(FORMULA_START) for c in frame.get_column(name).drop_nulls()), name
    for column in (Column.WEIGHT_KG, Column.VALUE_USD):
        for got, want in zip(frame.get_column(header_of(column, lang)), records.get_column(column), strict=True):
            assert same_number(got, want, 1e-9), (column, got, want)
    assert frame.get_column(table.columns[0]).to_list() == records.get_column(Column.YEAR).to_list()


@PROPERTY
@given(st.lists(shipment, min_size=1, max_size=6), st.sampled_from(["id", "en"]))
def test_workbook_round_trip(rows, lang):
    records = records_of(rows)
    data = export.workbook_xlsx(records, export.standard_tables(records, lang), Report(), "x", lang)
    assert_no_formula(data)
    table = export.records_table(records, lang)
    value, weight = header_of(Column.VALUE_USD, lang), header_of(Column.WEIGHT_KG, lang)
    sheet = pl.read_excel(
        data, sheet_name="Data",
        schema_overrides={name: pl.String for name, dtype in table.schema.items() if dtype == pl.String}
        | {value: pl.Float64, weight: pl.Float64},
    )
    assert sheet.height == records.height
    assert sheet.get_column(value).to_list() == records.get_column(Column.VALUE_USD).to_list()  # exactly
    assert sheet.get_column(weight).to_list() == records.get_column(Column.WEIGHT_KG).to_list()


# --- Chart images -------------------------------------------------------------------------------------------------


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == PNG_SIGNATURE and png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


@pytest.mark.parametrize("kind", ["year_bars", "ranked_bars", "world_map"])
def test_chart_png_for_a_slide(sample, kind):
    records = sample.records
    chart = {
        "year_bars": lambda: charts.year_bars(aggregate.against_targets(aggregate.by_year(records),
                                                                   aggregate.targets_usd(sample.targets))),
        "ranked_bars": lambda: charts.ranked_bars(labelled(aggregate.ranking(records, "commodity", top=8), "commodity"), title="dibuang"),
        "world_map": lambda: charts.world_map(labelled(aggregate.ranking(records, "destination"), "destination")),
    }[kind]()
    title, subtitle = "Nilai ekspor per tahun dan target", Filters(year_from=2019, year_to=2020).describe()
    source = images.source_line(sample.files)
    assert source == "Sumber: contoh_ekspor_pekalongan.xlsx, diolah Dasbor Ekspor Kota Pekalongan"
    width, height = png_size(images.chart_png(chart, title, subtitle, source, "id", scale=2))
    assert width >= 1600 and 500 <= height <= 1200

    svg = images.to_svg(images.compose(chart, title, subtitle, source))
    text = re.sub(r"\s+", " ", " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg)))
    for line in (title, "Tahun 2019–2020", "Sumber: contoh_ekspor_pekalongan.xlsx"):
        assert line in text
    assert "dibuang" not in text  # the chart's own title gives way to the one given
    assert "http" not in svg.replace("http://www.w3.org/", "")


def test_source_line_names_a_few_files():
    files = [f"ska_{year}.xlsx" for year in range(2019, 2025)]
    assert images.source_line(files, "id") == (
        "Sumber: ska_2019.xlsx, ska_2020.xlsx, ska_2021.xlsx dan 3 berkas lainnya, diolah Dasbor Ekspor Kota "
        "Pekalongan")


# --- The one-page HTML report -----------------------------------------------------------------------------------


class Page(HTMLParser):
    """HTML -> its tags with attributes, and its text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.texts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.texts))


def hostile_sample(sample) -> pl.DataFrame:
    """The sample with its largest commodity renamed to markup, and one exporter too."""
    return sample.records.with_columns(
        pl.when(pl.col(Column.COMMODITY) == "Sarung Batik").then(pl.lit(XSS)).otherwise(pl.col(Column.COMMODITY))
        .alias(Column.COMMODITY)
    )


@pytest.fixture(scope="module")
def report_page(sample) -> str:
    records = hostile_sample(sample)
    return press_report.report_html(
        records, sample.targets, Filters().describe(), [XSS + ".xlsx", *sample.files], "id",
        dataset_note="Data contoh: total tahunan sesuai angka resmi.", report=sample.report,
        generated=date(2025, 3, 5),
    )


def test_report_html_content(sample, report_page):
    page = Page(report_page)
    records = hostile_sample(sample)
    assert "Laporan Ekspor Kota Pekalongan" in page.text
    assert "Dibuat 5 Maret 2025" in page.text
    assert Filters().describe() in page.text
    assert narrative.narrative(records, sample.targets) in page.text
    assert "19,64 juta USD" in page.text and "26,44 juta USD" in page.text and "capaian 74,28%" in page.text
    assert "Pembacaan berkas: 1.159 baris dipakai, 0 ditolak, 20 dilewati." in page.text
    assert "contoh_ekspor_pekalongan.xlsx" in page.text
    assert "Jumlah 19,60 22,93 25,44 30,26 19,64" in page.text  # the commodity table's total, in juta USD
    assert "Data contoh: total tahunan sesuai angka resmi." in page.text


def test_report_html_escapes_uploaded_text(report_page):
    page = Page(report_page)
    assert XSS in page.text  # shown as text, in the table, the paragraph and the source line
    assert "<img src=x" not in report_page
    assert "&lt;img src=x onerror=alert(1)&gt;" in report_page
    images_ = [attrs for tag, attrs in page.tags if tag == "img"]
    assert len(images_) == 3
    for attrs in images_:
        assert attrs["src"].startswith("data:image/png;base64,")
        png_size(base64.b64decode(attrs["src"].split(",", 1)[1]))
    assert not [tag for tag, _ in page.tags if tag in ("script", "link", "iframe", "object", "embed")]
    assert "http://" not in report_page and "https://" not in report_page and "url(" not in report_page
    assert "@page { size: A4; margin: 14mm; }" in report_page


def test_report_html_without_targets_or_data(sample):
    selected = Filters(commodities=("Surimi",)).apply(sample.records)
    page = Page(press_report.report_html(selected, None, "Komoditi Surimi.", sample.files, "id"))
    assert "Target" not in page.text.replace("Nilai ekspor per tahun dan target", "")
    assert "Surimi" in page.text

    empty = Page(press_report.report_html(sample.records.clear(), None, "Tahun 1999.", [], "en"))
    assert "There are no export data for this selection." in empty.text
    assert not [tag for tag, _ in empty.tags if tag == "img"]


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium")
def test_report_html_prints_on_one_a4_page(sample):
    from playwright.sync_api import sync_playwright

    # A long selection sentence, markup in names and many files: the page must still fit.
    filters = Filters(year_from=2018, year_to=2022, commodities=("Sarung Batik", "Kain Batik", "Surimi",
                      "Ikan Beku", "Batik Tulis", "Kemeja Batik"), destinations=("SGP", "MYS", "THA", "JPN", "KOR"),
                      exporter_types=("umkm", "new"))
    html = press_report.report_html(
        hostile_sample(sample), sample.targets, filters.describe(), [f"register_ska_{y}.xlsx" for y in range(2018, 2023)],
        "id", dataset_note="Data contoh: total tahunan sesuai angka resmi; rincian per pengapalan ilustratif.",
        report=sample.report,
    )
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        try:
            page = browser.new_page()
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            page.set_content(html)
            pdf = page.pdf(format="A4", prefer_css_page_size=True)
        finally:
            browser.close()
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 1
    assert [url for url in requests if not url.startswith(("data:", "about:"))] == []
