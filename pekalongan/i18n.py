"""Every user-facing string, in Bahasa Indonesia (the default) and English: one catalogue.

`t("key", lang, **values)` looks a string up and fills its `{placeholders}`. A key missing in English falls back
to Indonesian; a key missing altogether is shown as itself, so a typo is visible rather than a crash.
"""

from __future__ import annotations

LANGS = ("id", "en")

CATALOGUE: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------------------------------------ app frame
    "app.title": {"id": "Dasbor Ekspor Kota Pekalongan", "en": "Kota Pekalongan Export Dashboard"},
    "app.subtitle": {
        "id": "Dinas Perdagangan, Koperasi dan UKM Kota Pekalongan",
        "en": "Trade, Cooperatives and SME Office of Kota Pekalongan",
    },
    "app.language": {"id": "Bahasa", "en": "Language"},
    "app.sample_notice": {
        "id": "Anda melihat **data contoh**: total tahunan dan target sesuai angka yang dipublikasikan Dinas "
        "Perdagangan, Koperasi dan UKM Kota Pekalongan; rincian per pengapalan bersifat ilustratif. "
        "Unggah berkas Anda di panel kiri untuk melihat data sendiri.",
        "en": "You are looking at **sample data**: yearly totals and targets are as published by the city's trade "
        "office; the breakdown by shipment is illustrative. Upload your own files in the left panel.",
    },
    "app.no_records": {
        "id": "Tidak ada baris ekspor yang bisa dipakai dari berkas yang diunggah. Lihat laporan di bawah.",
        "en": "No usable export rows were found in the uploaded files. See the report below.",
    },
    "app.no_match": {
        "id": "Tidak ada data untuk pilihan ini. Longgarkan saringan di panel kiri.",
        "en": "No data for this selection. Loosen the filters in the left panel.",
    },
    # --------------------------------------------------------------------------------------------------- upload
    "upload.label": {"id": "Unggah berkas ekspor", "en": "Upload export files"},
    "upload.help": {
        "id": "Excel (.xlsx, .xlsm, .xls), OpenDocument (.ods) atau CSV/TXT. Boleh beberapa berkas sekaligus.",
        "en": "Excel (.xlsx, .xlsm, .xls), OpenDocument (.ods) or CSV/TXT. Several files at once are fine.",
    },
    "upload.reading": {"id": "Membaca berkas…", "en": "Reading files…"},
    "upload.source_sample": {"id": "Sumber data: contoh bawaan", "en": "Data source: bundled sample"},
    "upload.source_files": {"id": "Sumber data: {files}", "en": "Data source: {files}"},
    "upload.too_large": {
        "id": "Berkas “{name}” berukuran {size} MB, melebihi batas {limit} MB. Pisahkan per tahun lalu unggah lagi.",
        "en": "File “{name}” is {size} MB, over the {limit} MB limit. Split it by year and upload again.",
    },
    # ------------------------------------------------------------------------------------------------- report
    "report.title": {"id": "Laporan pembacaan berkas", "en": "How the files were read"},
    "report.kept": {"id": "Baris dipakai", "en": "Rows kept"},
    "report.rejected": {"id": "Baris ditolak", "en": "Rows rejected"},
    "report.skipped": {"id": "Baris dilewati", "en": "Rows skipped"},
    "report.warnings": {"id": "Peringatan", "en": "Warnings"},
    "report.sheets": {"id": "Yang terdeteksi per lembar", "en": "What was detected per sheet"},
    "report.rejected_rows": {"id": "Baris yang ditolak", "en": "Rejected rows"},
    "report.skipped_rows": {"id": "Baris yang dilewati", "en": "Skipped rows"},
    "report.names": {"id": "Nama tujuan yang tidak dikenali atau berupa kawasan", "en": "Unrecognised or regional destinations"},
    "report.no_sheet_table": {"id": "Lembar tanpa tabel ekspor", "en": "Sheets without an export table"},
    "report.all_good": {
        "id": "Semua baris terbaca: tidak ada yang ditolak.",
        "en": "Every row was read: none rejected.",
    },
    "report.col.file": {"id": "Berkas", "en": "File"},
    "report.col.sheet": {"id": "Lembar", "en": "Sheet"},
    "report.col.row": {"id": "Baris", "en": "Row"},
    "report.col.reason": {"id": "Alasan", "en": "Reason"},
    "report.col.header_row": {"id": "Baris judul", "en": "Header row"},
    "report.col.layout": {"id": "Tata letak", "en": "Layout"},
    "report.col.unit": {"id": "Satuan", "en": "Unit"},
    "report.col.columns": {"id": "Kolom dikenali", "en": "Columns recognised"},
    "report.col.ignored": {"id": "Kolom diabaikan", "en": "Columns left out"},
    "report.col.name": {"id": "Nama", "en": "Name"},
    "report.col.kind": {"id": "Jenis", "en": "Kind"},
    "report.col.rows": {"id": "Jumlah baris", "en": "Rows"},
    "layout.long": {"id": "per pengapalan", "en": "one row per shipment"},
    "layout.wide-year": {"id": "tabel tahun ke samping", "en": "years across"},
    "layout.wide-month": {"id": "tabel bulan ke samping", "en": "months across"},
    "layout.target": {"id": "target", "en": "targets"},
    # ------------------------------------------------------------------------------------------------ filters
    "filters.title": {"id": "Saring data", "en": "Filter the data"},
    "filters.years_label": {"id": "Tahun", "en": "Years"},
    "filters.commodity_label": {"id": "Komoditi", "en": "Commodity"},
    "filters.destination_label": {"id": "Negara tujuan", "en": "Destination"},
    "filters.exporter_type_label": {"id": "Jenis eksportir", "en": "Exporter type"},
    "filters.exporter_label": {"id": "Eksportir", "en": "Exporter"},
    "filters.placeholder": {"id": "Semua", "en": "All"},
    "filters.reset": {"id": "Hapus saringan", "en": "Clear filters"},
    "filters.all_years": {"id": "semua tahun", "en": "all years"},
    "filters.year": {"id": "tahun {year}", "en": "year {year}"},
    "filters.years": {"id": "tahun {start}–{end}", "en": "years {start}–{end}"},
    "filters.more": {"id": " dan {n} lainnya", "en": " and {n} more"},
    "filters.all_commodity": {"id": "semua komoditi", "en": "all commodities"},
    "filters.all_destination": {"id": "semua negara tujuan", "en": "all destinations"},
    "filters.all_exporter_type": {"id": "semua jenis eksportir", "en": "all exporter types"},
    "filters.all_exporter": {"id": "semua eksportir", "en": "all exporters"},
    "filters.some_commodity": {"id": "komoditi {items}", "en": "commodity {items}"},
    "filters.some_destination": {"id": "negara tujuan {items}", "en": "destination {items}"},
    "filters.some_exporter_type": {"id": "eksportir {items}", "en": "exporters: {items}"},
    "filters.some_exporter": {"id": "eksportir {items}", "en": "exporter {items}"},
    "exporter_type.new": {"id": "Eksportir baru", "en": "New exporters"},
    "exporter_type.umkm": {"id": "UMKM", "en": "MSMEs (UMKM)"},
    "exporter_type.established": {"id": "Eksportir besar/lama", "en": "Established exporters"},
    "exporter_type.unknown": {"id": "Tidak diketahui", "en": "Unknown"},
    # --------------------------------------------------------------------------------------------------- pages
    "page.ringkasan": {"id": "Ringkasan", "en": "Overview"},
    "page.komoditi": {"id": "Komoditi", "en": "Commodities"},
    "page.negara": {"id": "Negara Tujuan", "en": "Destinations"},
    "page.eksportir": {"id": "Eksportir", "en": "Exporters"},
    "page.bulanan": {"id": "Bulanan", "en": "Monthly"},
    "page.kualitas": {"id": "Kualitas Data", "en": "Data Quality"},
    "page.panduan": {"id": "Panduan", "en": "Guide"},
    # ---------------------------------------------------------------------- aggregate / narrative (helper E)
    "agg.others": {"id": "Lainnya", "en": "Others"},
    "agg.blank": {"id": "(tidak diisi)", "en": "(not stated)"},
    "agg.total": {"id": "Jumlah", "en": "Total"},
    "table.col.year": {"id": "Uraian", "en": "Description"},
    "table.col.commodity": {"id": "Komoditi", "en": "Commodity"},
    "table.col.destination": {"id": "Negara Tujuan", "en": "Destination"},
    "table.col.exporter_type": {"id": "Jenis Eksportir", "en": "Exporter type"},
    "table.col.exporter": {"id": "Eksportir", "en": "Exporter"},
    "table.change": {"id": "Perub (%) {last}–{previous}", "en": "Change (%) {last}–{previous}"},
    "table.share": {"id": "Peran (%) {year}", "en": "Share (%) {year}"},
    "table.trend": {"id": "Trend (%) {start}–{end}", "en": "Trend (%) {start}–{end}"},
    "table.cumulative": {"id": "{months} {year}", "en": "{months} {year}"},
    "table.cumulative_change": {"id": "Perub (%) c-to-c", "en": "Change (%) c-to-c"},
    "table.month_abbr": {
        "id": "Jan Feb Mar Apr Mei Jun Jul Agu Sep Okt Nov Des",
        "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    },
    "table.unit": {"id": "Nilai dalam USD; persen dalam %; - = tidak terdefinisi.", "en": "Values in USD; percentages in %; - = undefined."},
    "table.title": {"id": "Nilai ekspor menurut {by}", "en": "Export value by {by}"},
    "narrative.reached": {"id": "Nilai ekspor tahun {year} mencapai {value}", "en": "Exports in {year} reached {value}"},
    "narrative.up": {"id": "naik {pct} dari {previous}", "en": "up {pct} from {previous}"},
    "narrative.down": {"id": "turun {pct} dari {previous}", "en": "down {pct} from {previous}"},
    "narrative.flat": {"id": "sama dengan {previous}", "en": "unchanged from {previous}"},
    "narrative.above_target": {"id": "melampaui target {target} ({pct})", "en": "above the target of {target} ({pct})"},
    "narrative.met_target": {"id": "memenuhi target {target} ({pct})", "en": "meeting the target of {target} ({pct})"},
    "narrative.below_target": {
        "id": "belum mencapai target {target} ({pct} dari target)",
        "en": "below the target of {target} ({pct} of target)",
    },
    "narrative.and": {"id": "dan", "en": "and"},
    "narrative.led_by": {"id": "didominasi {items}", "en": "led by {items}"},
    "narrative.mainly_to": {"id": "dengan tujuan utama {items}", "en": "mainly to {items}"},
    "narrative.led_by_to": {
        "id": "didominasi {items} dengan tujuan utama {places}",
        "en": "led by {items}, mainly to {places}",
    },
    "narrative.no_data": {"id": "Belum ada data ekspor untuk tahun {year}.", "en": "There are no export data for {year}."},
    # ------------------------------------------------------------------------------- charts (helper F)
}


def t(key: str, lang: str = "id", /, **values: object) -> str:
    """('filters.year', 'id', year=2020) -> 'tahun 2020'; unknown key -> the key itself"""
    entry = CATALOGUE.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry["id"]
    return text.format(**values) if values else text
