"""The canonical export record and every header alias, declared once, as data.

A cleaned dataset is a polars frame with exactly the columns of `SCHEMA`. Readers map whatever headers an
office used onto these names through `ALIASES`; adding a spelling is one line there and nothing else changes.
"""

from __future__ import annotations

import functools
import re
from typing import Final

import polars as pl
import polars.selectors as cs


class Column:
    """Canonical column names, used everywhere instead of string literals."""

    YEAR: Final = "year"
    MONTH: Final = "month"
    DATE: Final = "date"
    EXPORTER: Final = "exporter"
    EXPORTER_TYPE: Final = "exporter_type"
    COMMODITY: Final = "commodity"
    HS_CODE: Final = "hs_code"
    DESTINATION: Final = "destination"  # ISO 3166-1 alpha-3, or the region / name as written
    DESTINATION_NAME: Final = "destination_name"  # Indonesian display name
    DESTINATION_KIND: Final = "destination_kind"  # "country" | "region" | "unknown"
    WEIGHT_KG: Final = "weight_kg"
    VALUE_USD: Final = "value_usd"
    SOURCE_FILE: Final = "source_file"
    SOURCE_SHEET: Final = "source_sheet"
    SOURCE_ROW: Final = "source_row"
    YEAR_MARK: Final = "year_mark"  # "provisional" | "very_provisional" | "revised" | null (a final figure)
    PERIOD: Final = "period"  # "Q1".."Q4", "S1", "S2" when the figure is a quarter's or half-year's; else null
    CURRENCY: Final = "currency"  # ISO 4217 code the value was written in, when converted to USD; else null
    FX_RATE: Final = "fx_rate"  # USD per unit of `currency` used for the conversion; else null


# Label columns are categorical: a million shipments name a few hundred exporters and places, so each row holds a
# 4-byte code instead of a 16-byte string view (a 1,000,000-row dataset takes ~70 MB instead of ~180 MB), and
# grouping by them compares codes. Aggregates and downloads hand their results on as text: `labels_as_text`.
LABELS: Final = (
    Column.EXPORTER, Column.EXPORTER_TYPE, Column.COMMODITY, Column.HS_CODE, Column.DESTINATION,
    Column.DESTINATION_NAME, Column.DESTINATION_KIND, Column.SOURCE_FILE, Column.SOURCE_SHEET, Column.YEAR_MARK,
)
# Roles whose cells repeat: a million shipments name a few hundred exporters, commodities, countries and dates.
# The reader holds such text columns as categorical (one entry per distinct cell), and cleaning reads each
# distinct cell once.
REPEATED_TEXT: Final = (
    Column.COMMODITY, Column.EXPORTER, Column.EXPORTER_TYPE, Column.DESTINATION, Column.HS_CODE, Column.DATE,
)
SCHEMA: Final[dict[str, pl.DataType]] = {
    Column.YEAR: pl.Int32(),
    Column.MONTH: pl.Int8(),
    Column.DATE: pl.Date(),
    Column.EXPORTER: pl.Categorical(),
    Column.EXPORTER_TYPE: pl.Categorical(),
    Column.COMMODITY: pl.Categorical(),
    Column.HS_CODE: pl.Categorical(),
    Column.DESTINATION: pl.Categorical(),
    Column.DESTINATION_NAME: pl.Categorical(),
    Column.DESTINATION_KIND: pl.Categorical(),
    Column.WEIGHT_KG: pl.Float64(),
    Column.VALUE_USD: pl.Float64(),
    Column.SOURCE_FILE: pl.Categorical(),
    Column.SOURCE_SHEET: pl.Categorical(),
    Column.SOURCE_ROW: pl.Int64(),
    Column.YEAR_MARK: pl.Categorical(), Column.PERIOD: pl.Categorical(),  # cell grammar: year marks, quarters
    Column.CURRENCY: pl.Categorical(), Column.FX_RATE: pl.Float64(),  # cell grammar: converted values
}


def labels_as_text(frame: pl.DataFrame) -> pl.DataFrame:
    """a frame with categorical labels -> the same with them as text, for what joins, concatenates, charts or
    writes them (aggregates are small; a download writes every row's text anyway)."""
    return frame.with_columns(cs.categorical().cast(pl.String))


# A summary's column (`pekalongan.rollup`): how many records its row sums. A summary is records-shaped, so the
# aggregates run on it; what counts records sums this column there instead of counting rows.
ROWS: Final = "rows"


def record_count(frame: pl.DataFrame) -> pl.Expr:
    """records or a summary -> the expression that counts the records (inside `agg` or `select`)."""
    return pl.col(ROWS).sum() if ROWS in frame.columns else pl.len()


def conform_records(frame: pl.DataFrame) -> pl.DataFrame:
    """any records frame (older stored datasets held text labels) -> exactly SCHEMA's columns and types."""
    return frame.select(
        (pl.col(c) if c in frame.columns else pl.lit(None)).cast(dtype, strict=False).alias(c)
        for c, dtype in SCHEMA.items()
    )


EXPORTER_TYPES: Final = ("new", "umkm", "established", "unknown")

# Extra, non-record roles a header can play. Targets and exchange rates travel beside the records.
TARGET_USD: Final = "target_usd"
TARGET_IDR: Final = "target_idr"
RATE_IDR: Final = "rate_idr"  # rupiah per USD
ROW_NUMBER: Final = "row_number"  # a running number ("No", "No.", "No Urut"): recognised, then ignored
VALUE_IDR: Final = "value_idr"  # an export value stated in rupiah (converted with the year's rate)
VALUE_FOREIGN: Final = "value_foreign"  # an export value in the record's `currency` (converted with its year's rate)

# Header aliases: canonical role -> spellings, compared after `normalise_header` (lower case, punctuation and
# units removed, spaces collapsed). Order matters only within the table: the first role whose alias matches wins.
ALIASES: Final[dict[str, tuple[str, ...]]] = {
    ROW_NUMBER: ("no", "no urut", "nomor", "nomor urut", "no ska", "nomor ska", "number", "urut"),
    Column.YEAR: ("tahun", "year", "thn", "periode tahun"),
    Column.MONTH: ("bulan", "month", "periode", "bln", "masa"),
    Column.DATE: (
        "tanggal", "tgl", "date", "tanggal ska", "tgl ska", "tanggal ekspor", "tgl ekspor", "tanggal terbit",
        "tanggal pengapalan", "tgl pengapalan", "tanggal peb", "shipment date", "export date", "tanggal coo",
    ),
    Column.EXPORTER: (
        "eksportir", "nama eksportir", "perusahaan", "nama perusahaan", "exporter", "company", "company name",
        "nama pt", "pengekspor", "nama pengekspor", "pelaku usaha", "nama pelaku usaha", "nama usaha", "ukm",
        "nama ukm",
    ),
    Column.EXPORTER_TYPE: (
        "jenis eksportir", "kategori eksportir", "kategori", "jenis", "status eksportir", "tipe eksportir",
        "golongan", "skala usaha", "skala", "exporter type", "exporter category", "category", "type",
        "jenis usaha", "kategori usaha", "status",
    ),
    Column.COMMODITY: (
        "komoditi", "komoditas", "jenis barang", "uraian", "uraian barang", "barang", "nama barang", "produk",
        "commodity", "commodities", "goods", "product", "description", "uraian komoditi", "jenis komoditi",
        "jenis komoditas", "uraian komoditas", "deskripsi", "description of goods", "nama komoditi",
    ),
    Column.HS_CODE: (
        "hs", "kode hs", "hs code", "pos tarif", "pos tarif hs", "kode pos tarif", "hs heading", "nomor hs",
        "no hs", "kode barang", "hs 8 digit", "hs8", "hs 2 digit", "hs2", "kode",
    ),
    Column.DESTINATION: (
        "negara tujuan", "negara", "tujuan", "negara tujuan ekspor", "tujuan ekspor", "country", "destination",
        "destination country", "country of destination", "negara importir", "negara pengimpor", "importing country",
        "pasar", "pasar tujuan", "importers", "importer", "negara pembeli", "buyer country", "buyer",
    ),
    Column.WEIGHT_KG: (
        "berat", "volume", "berat bersih", "netto", "berat netto", "berat kg", "volume kg", "weight",
        "net weight", "qty", "quantity", "jumlah berat", "berat bersih kg", "volume ton", "berat ton",
    ),
    Column.VALUE_USD: (
        "nilai", "nilai fob", "fob", "nilai ekspor", "value", "fob value", "nilai usd", "nilai fob usd",
        "nilai us", "nilai us$", "export value", "value usd", "nilai ekspor usd", "nilai fob us", "realisasi",
        "nilai realisasi", "realisasi ekspor", "nilai transaksi", "usd", "us$", "jumlah nilai", "total nilai",
        "fob usd", "value fob", "export value usd", "nilai ekspor fob", "fob us",
    ),
    VALUE_IDR: ("nilai rupiah", "nilai rp", "nilai idr", "nilai ekspor rp", "nilai ekspor rupiah", "rupiah"),
    TARGET_USD: ("target", "target usd", "target ekspor", "target nilai ekspor", "sasaran", "target us"),
    TARGET_IDR: ("target rp", "target rupiah", "target idr"),
    RATE_IDR: ("kurs", "kurs rp", "kurs usd", "nilai tukar", "exchange rate", "rate", "kurs rupiah",
               "rp per usd", "rp per us$", "rupiah per usd", "kurs ke usd", "kurs terhadap usd", "kurs tengah"),
    Column.CURRENCY: ("mata uang", "valuta", "currency", "kode valuta", "kode mata uang", "valas", "currency code"),
}

# Headers of derived columns in statistics-office tables: recognised, left out, reported.
DERIVED_HEADER: Final = re.compile(
    r"(perub|peran|trend|tren|share|growth|pertumbuhan|kontribusi|perubahan|pangsa|persen|percent|rata|"
    r"average|%|Δ|delta|yoy|c to c|ctc|kumulatif|cumulative|naik|turun|selisih|rasio|ratio|"
    r"\b(jan|januari)\s*[-–—/]\s*[a-z]+)",
    re.IGNORECASE,
)


def normalise_header(text: object) -> str:
    """'  Nilai FOB (US$) ' -> 'nilai fob'; 'NEGARA\\nTUJUAN' -> 'negara tujuan'"""
    if text is None:
        return ""
    s = str(text).lower().replace("\n", " ").replace("_", " ")
    s = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", s)  # units live in brackets; `unit_of` reads them separately
    s = re.sub(r"[^\w$%]+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


# The label roles of a record: a header cell naming one of these labels its column's cells, never a group of
# columns.
LABEL_ROLES: Final = (Column.COMMODITY, Column.EXPORTER, Column.EXPORTER_TYPE, Column.DESTINATION, Column.HS_CODE)
# Words after a header's first word that change its meaning: "nilai produksi" is not an export value and
# "negara asal" is where imports come from.
_NOT_EXPORT_WORDS: Final = re.compile(
    r"\b(produksi|production|impor|imports?|konsumsi|penjualan|investasi|pdrb|inflasi|asal|origin|harga)\b"
)

_ALIAS_INDEX: Final[dict[str, str]] = {
    alias: role for role, aliases in ALIASES.items() for alias in aliases
}


@functools.lru_cache(maxsize=16384)  # a pivot names thousands of columns, the same few words each
def role_of(header: object) -> str | None:
    """'Negara Tujuan' -> 'destination'; 'Nilai FOB (US$)' -> 'value_usd'; 'Keterangan' -> None"""
    key = normalise_header(header)
    if not key:
        return None
    if key in _ALIAS_INDEX:
        return _ALIAS_INDEX[key]
    if _NOT_EXPORT_WORDS.search(key):
        return None  # an alias matches a whole header's meaning, not its first word
    # "nilai ekspor fob us" and other long variants: try the leading words
    words = key.split()
    for n in range(len(words) - 1, 0, -1):
        role = _ALIAS_INDEX.get(" ".join(words[:n]))
        if role is not None and role not in (ROW_NUMBER,):
            return role
    return None
