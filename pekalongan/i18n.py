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
        "id": "Anda melihat **data contoh** (total dan target sesuai publikasi Dinas, rincian ilustratif). Unggah "
        "berkas Anda di panel kiri.",
        "en": "You are looking at **sample data** (totals and targets as published, details illustrative). Upload "
        "your files in the left panel.",
    },
    "nav.menu": {"id": "Halaman: {page}", "en": "Page: {page}"},
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
    # ------------------------------------------------ reader (bytes -> tables): refusals, row and sheet reasons
    # (reader-read). Parameters: name (file), sheet, and numbers as int (errors.PekalonganError.render formats them).
    "read.empty_file": {
        "id": "Berkas “{name}” kosong. Unggah berkas yang berisi tabel ekspor.",
        "en": "File “{name}” is empty. Upload a file that holds an export table.",
    },
    "read.file_too_large": {
        "id": "Berkas “{name}” berukuran {size} MB, melebihi batas {limit} MB. Pisahkan per tahun lalu unggah lagi.",
        "en": "File “{name}” is {size} MB, over the {limit} MB limit. Split it by year and upload again.",
    },
    "read.zip_bomb": {
        "id": "Berkas “{name}” ditolak: isinya mengembang menjadi sangat besar saat dibuka (seperti “zip bomb”; "
        "batas {limit} MB, atau {ratio} kali ukuran terkompresinya). Simpan ulang dari Excel sebagai .xlsx biasa "
        "lalu unggah lagi.",
        "en": "File “{name}” was refused: it inflates to a huge size when opened (like a “zip bomb”; the limit is "
        "{limit} MB, or {ratio} times its compressed size). Save it again from Excel as a plain .xlsx and upload "
        "again.",
    },
    "read.too_many_sheets": {
        "id": "Berkas “{name}” berisi {sheets} lembar, melebihi batas {limit} lembar. Pisahkan ke beberapa berkas "
        "lalu unggah lagi.",
        "en": "File “{name}” has {sheets} sheets, over the limit of {limit}. Split it into several files and "
        "upload again.",
    },
    "read.ods_repeated": {
        "id": "Lembar “{sheet}” pada berkas “{name}” ditolak: baris atau sel yang berisi nilai diulang sampai {ref} "
        "({cells} sel; batas {limit} sel). Berkas dari LibreOffice tidak menulis ulangan seperti itu: simpan ulang "
        "lembarnya sebagai .xlsx lalu unggah lagi.",
        "en": "Sheet “{sheet}” of file “{name}” was refused: rows or cells holding a value are repeated up to {ref} "
        "({cells} cells; the limit is {limit}). LibreOffice does not write such repeats: save the sheet again as "
        ".xlsx and upload it again.",
    },
    "read.sheet_grid_too_large": {
        "id": "Lembar “{sheet}” pada berkas “{name}” ditolak: selnya terbentang sampai {ref} ({cells} sel, hampir "
        "semuanya kosong; batas {limit} sel). Hapus baris dan kolom kosong di ujung lembar, simpan, lalu unggah lagi.",
        "en": "Sheet “{sheet}” of file “{name}” was refused: its cells stretch to {ref} ({cells} cells, nearly all "
        "empty; the limit is {limit}). Delete the empty rows and columns at the sheet's far end, save and upload "
        "again.",
    },
    "read.too_many_rows": {
        "id": "Berkas “{name}” berisi lebih dari {limit} baris, melebihi batas. Pisahkan per tahun lalu unggah lagi.",
        "en": "File “{name}” has more than {limit} rows, over the limit. Split it by year and upload again.",
    },
    "read.sheet_too_many_rows": {
        "id": "Lembar “{sheet}” pada berkas “{name}” berisi {rows} baris, melebihi batas {limit} baris. Pisahkan per "
        "tahun lalu unggah lagi.",
        "en": "Sheet “{sheet}” of file “{name}” has {rows} rows, over the limit of {limit}. Split it by year and "
        "upload again.",
    },
    "read.too_many_columns": {
        "id": "Berkas “{name}” berisi {columns} kolom pada baris {line}, melebihi batas {limit} kolom (batas Excel). "
        "Periksa pemisah kolomnya atau pisahkan tabelnya lalu unggah lagi.",
        "en": "File “{name}” has {columns} columns on line {line}, over the limit of {limit} (Excel's own). Check "
        "its column separator, or split the table, and upload again.",
    },
    "read.no_line_breaks": {
        "id": "Berkas “{name}” ({size} MB) tidak berisi pemisah baris: seluruh isinya satu baris, jadi tidak bisa "
        "dibaca sebagai tabel. Simpan ulang dari Excel sebagai CSV lalu unggah lagi.",
        "en": "File “{name}” ({size} MB) has no line breaks: all of it is one line, so it cannot be read as a "
        "table. Save it again from Excel as CSV and upload again.",
    },
    "read.line_too_long": {
        "id": "Baris {line} berkas “{name}” lebih panjang dari {limit} MB: bukan baris tabel. Simpan ulang dari "
        "Excel sebagai CSV lalu unggah lagi.",
        "en": "Line {line} of file “{name}” is longer than {limit} MB: not a table row. Save it again from Excel as "
        "CSV and upload again.",
    },
    "read.unbalanced_quote": {
        "id": "Berkas “{name}” punya tanda kutip (\") yang tidak ditutup, dibuka pada baris {line}: semua baris "
        "sesudahnya terbaca sebagai satu sel. Perbaiki atau hapus tanda kutip itu lalu unggah lagi.",
        "en": "File “{name}” has a quote mark (\") that is never closed, opened on line {line}: every line after it "
        "reads as one cell. Fix or delete that quote mark and upload again.",
    },
    "read.bad_csv": {
        "id": "Berkas “{name}” tidak bisa dibaca sebagai CSV ({detail}). Periksa tanda kutip dan pemisah kolomnya, "
        "atau simpan ulang dari Excel.",
        "en": "File “{name}” cannot be read as CSV ({detail}). Check its quote marks and column separators, or save "
        "it again from Excel.",
    },
    "reason.bad_encoding": {
        "id": "baris ini bukan teks UTF-8 yang sah (byte {byte} pada posisi {position}), padahal baris lain UTF-8: "
        "tidak dibaca agar tidak menjadi huruf rusak. Perbaiki baris ini di berkas asal",
        "en": "this line is not valid UTF-8 text (byte {byte} at position {position}) while the other lines are: "
        "not read, so it does not turn into garbled letters. Fix this line in the source file",
    },
    "read.sheet.hidden": {
        "id": "lembar tersembunyi: tidak dihitung, karena lembar tersembunyi biasanya berisi data bantu atau "
        "salinan lama. Tampilkan lembarnya di Excel (Unhide) bila memang harus dihitung",
        "en": "hidden sheet: not counted, since hidden sheets usually hold helper data or old copies. Unhide it in "
        "Excel if it should be counted",
    },
    "read.sheet.chart": {
        "id": "lembar grafik (chart sheet): tidak berisi sel data",
        "en": "chart sheet: it holds no data cells",
    },
    "read.sheet.empty": {"id": "lembar kosong: tidak ada isinya", "en": "empty sheet: nothing in it"},
    "read.sheet.nihil": {
        "id": "lembar bertanda NIHIL: tidak ada ekspor pada periode ini (nol), jadi tidak ada baris yang ditambahkan",
        "en": "sheet marked NIHIL (nil): no exports in this period (zero), so no rows are added",
    },
    "read.sheet.repeat": {
        "id": "isinya sama persis dengan lembar “{of}”: tidak dihitung dua kali",
        "en": "its contents are exactly those of sheet “{of}”: not counted twice",
    },
    "read.sheet.unreadable": {
        "id": "lembar “{sheet}” tidak bisa dibaca ({detail})",
        "en": "sheet “{sheet}” cannot be read ({detail})",
    },
    "read.sheet.no_table": {
        "id": "Tidak ditemukan tabel ekspor di lembar “{sheet}” pada berkas “{name}”: tidak ada baris judul kolom "
        "yang dikenali (mis. Komoditi, Negara Tujuan, Nilai FOB, atau tahun 2019, 2020 ...). Pastikan tabel punya "
        "satu baris judul kolom.",
        "en": "No export table found in sheet “{sheet}” of file “{name}”: no row of column headers was recognised "
        "(e.g. Commodity, Destination, FOB value, or years 2019, 2020 ...). Make sure the table has one header row.",
    },
    "read.no_table": {
        "id": "Tidak ditemukan tabel ekspor di berkas “{name}”: tidak ada baris judul kolom yang dikenali (mis. "
        "Komoditi, Negara Tujuan, Nilai FOB, atau tahun 2019, 2020 ...). Pastikan tabel punya satu baris judul kolom.",
        "en": "No export table found in file “{name}”: no row of column headers was recognised (e.g. Commodity, "
        "Destination, FOB value, or years 2019, 2020 ...). Make sure the table has one header row.",
    },
    "read.damaged_zip": {
        "id": "Berkas “{name}” rusak atau tidak lengkap (mungkin terpotong saat diunduh). Simpan ulang dari Excel "
        "lalu unggah lagi.",
        "en": "File “{name}” is damaged or incomplete (perhaps cut off while downloading). Save it again from Excel "
        "and upload again.",
    },
    "read.damaged_workbook": {
        "id": "Berkas “{name}” rusak atau bukan lembar kerja yang bisa dibaca. Buka di Excel, simpan ulang sebagai "
        ".xlsx, lalu unggah lagi.",
        "en": "File “{name}” is damaged or not a readable workbook. Open it in Excel, save it again as .xlsx and "
        "upload again.",
    },
    "read.protected": {
        "id": "Berkas “{name}” dilindungi kata sandi. Buka di Excel, hapus kata sandinya (File > Info > Protect "
        "Workbook), simpan, lalu unggah lagi.",
        "en": "File “{name}” is password-protected. Open it in Excel, remove the password (File > Info > Protect "
        "Workbook), save and upload again.",
    },
    "read.not_a_workbook": {
        "id": "Berkas “{name}” bukan lembar kerja Excel atau ODS. Simpan sebagai .xlsx atau .csv lalu unggah lagi.",
        "en": "File “{name}” is not an Excel or ODS workbook. Save it as .xlsx or .csv and upload again.",
    },
    "read.not_a_spreadsheet": {
        "id": "Berkas “{name}” bukan lembar kerja yang bisa dibaca. Simpan sebagai .xlsx atau .csv lalu unggah lagi.",
        "en": "File “{name}” is not a readable spreadsheet. Save it as .xlsx or .csv and upload again.",
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
    "report.col.header": {"id": "Judul kolom di berkas", "en": "Header in the file"},
    "report.col.read_as": {"id": "Dibaca sebagai", "en": "Read as"},
    "report.col.ignored": {"id": "Kolom diabaikan", "en": "Columns left out"},
    "report.col.name": {"id": "Nama", "en": "Name"},
    "report.col.kind": {"id": "Jenis", "en": "Kind"},
    "report.col.rows": {"id": "Jumlah baris", "en": "Rows"},
    "role.year": {"id": "tahun", "en": "year"},
    "role.month": {"id": "bulan", "en": "month"},
    "role.date": {"id": "tanggal", "en": "date"},
    "role.exporter": {"id": "eksportir", "en": "exporter"},
    "role.exporter_type": {"id": "jenis eksportir", "en": "exporter type"},
    "role.commodity": {"id": "komoditi", "en": "commodity"},
    "role.hs_code": {"id": "kode HS", "en": "HS code"},
    "role.destination": {"id": "negara tujuan", "en": "destination"},
    "role.weight_kg": {"id": "berat (kg)", "en": "weight (kg)"},
    "role.value_usd": {"id": "nilai (USD)", "en": "value (USD)"},
    "role.currency": {"id": "mata uang", "en": "currency"},
    "role.period": {"id": "periode", "en": "period"},
    "role.year_mark": {"id": "tanda tahun", "en": "year mark"},
    "role.target_usd": {"id": "target (USD)", "en": "target (USD)"},
    "role.target_idr": {"id": "target (Rp)", "en": "target (Rp)"},
    "role.rate_idr": {"id": "kurs (Rp/USD)", "en": "rate (Rp/USD)"},
    "names.kind.unknown": {"id": "tidak dikenali", "en": "not recognised"},
    "names.kind.region": {"id": "kawasan", "en": "region"},
    "names.kind.country": {"id": "negara", "en": "country"},
    "layout.long": {"id": "per pengapalan", "en": "one row per shipment"},
    "layout.wide-year": {"id": "tabel tahun ke samping", "en": "years across"},
    "layout.wide-month": {"id": "tabel bulan ke samping", "en": "months across"},
    "layout.target": {"id": "target", "en": "targets"},
    "layout.wide-category": {"id": "tabel kategori ke samping", "en": "categories across"},
    "layout.summary": {"id": "{layout} (ringkasan, tidak dihitung)", "en": "{layout} (summary, not counted)"},
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
    # ---------------------------------------------------------------------------------------------- sharing
    "page.tentang": {"id": "Tentang", "en": "About"},
    "share.title": {"id": "Bagikan tampilan ini", "en": "Share this view"},
    "share.full_label": {
        "id": "Salin tautan (data lengkap, halaman, saringan dan bahasa seperti yang Anda lihat):",
        "en": "Copy the link (full data, page, filters and language as you see them):",
    },
    "share.public_label": {
        "id": "Tautan tampilan publik (tanpa nama eksportir; angka dari kurang dari 3 eksportir disembunyikan):",
        "en": "Public view link (no exporter names; figures from fewer than 3 exporters hidden):",
    },
    "share.public_only": {"id": "Salin tautan tampilan publik ini:", "en": "Copy this public view's link:"},
    "share.revoke_key_label": {
        "id": "Kunci pencabutan (hanya ditampilkan kepada Anda; simpan bila ingin mencabut tautan nanti):",
        "en": "Revocation key (shown only to you; keep it to revoke the links later):",
    },
    "share.revoke": {"id": "Cabut tautan", "en": "Revoke the links"},
    "share.revoke_key_input": {"id": "Kunci pencabutan", "en": "Revocation key"},
    "share.revoke_wrong": {
        "id": "Kunci pencabutan tidak cocok dengan tautan ini.", "en": "That revocation key does not match this link.",
    },
    # ------------------------------------------- share links: keeping control, revocation, typed targets (issue 13)
    "share.keep_key": {
        "id": "Simpan kunci ini sekarang, misalnya di catatan Anda. Setelah halaman dimuat ulang, hanya dengan kunci "
        "ini Anda bisa menampilkan lagi tautan publik atau mencabut tautan.",
        "en": "Keep this key now, for instance in your notes. After the page is reloaded, only this key lets you see "
        "the public link again or revoke the links.",
    },
    "share.reclaim_help": {
        "id": "Anda pengunggah data ini? Masukkan kunci pencabutan yang Anda simpan untuk menampilkan lagi tautan "
        "publik dan tombol pencabutan.",
        "en": "Did you upload this data? Enter the revocation key you kept to see the public link and the revoke "
        "button again.",
    },
    "share.show_links": {"id": "Tampilkan tautan publik", "en": "Show the public link"},
    "share.revoke_confirm": {
        "id": "Cabut tautan? Tautan lengkap dan tautan publik tidak bisa dibuka lagi oleh siapa pun, dan data yang "
        "tersimpan dihapus. Ini tidak bisa dibatalkan.",
        "en": "Revoke the links? Nobody will be able to open the full or the public link again, and the stored data "
        "is deleted. This cannot be undone.",
    },
    "share.revoke_yes": {"id": "Ya, cabut", "en": "Yes, revoke"},
    "share.revoke_no": {"id": "Batal", "en": "Cancel"},
    "share.revoked": {
        "id": "Tautan sudah dicabut: tautan lengkap dan tautan publik tidak bisa dibuka lagi, dan data tersimpan "
        "sudah dihapus. Yang tampil sekarang adalah data contoh.",
        "en": "The links are revoked: neither the full nor the public link opens any more, and the stored data is "
        "deleted. You are now looking at the sample.",
    },
    "targets.from_sample": {
        "id": "Target dan kurs: angka yang dipublikasikan (data contoh).",
        "en": "Targets and rates: the published figures (sample data).",
    },
    "targets.from_file": {
        "id": "Target dan kurs dari lembar “{sheet}” berkas {file}.",
        "en": "Targets and rates from the “{sheet}” sheet of {file}.",
    },
    "targets.none_in_file": {
        "id": "Berkas tidak memuat lembar Target: isi target dan kurs di tabel ini.",
        "en": "The file has no Target sheet: enter targets and rates in this table.",
    },
    "targets.typed": {"id": "Diketik manual: {items}.", "en": "Typed by hand: {items}."},
    "targets.typed_item": {"id": "{what} {year} pada {day}", "en": "{what} {year} on {day}"},
    "targets.typed_cleared": {"id": "{what} {year} dikosongkan pada {day}", "en": "{what} {year} emptied on {day}"},
    "targets.what.target_usd": {"id": "target (USD)", "en": "target (USD)"},
    "targets.what.target_idr": {"id": "target (Rp)", "en": "target (Rp)"},
    "targets.what.rate_idr": {"id": "kurs", "en": "rate"},
    "share.public_notice": {
        "id": "Tampilan publik: hanya tabel agregat yang dilindungi, tanpa nama eksportir. Angka dari kurang dari "
        "tiga eksportir, atau yang didominasi satu eksportir, serta sel pelengkapnya ditandai “dirahasiakan” "
        "(aturannya di halaman Tentang).",
        "en": "Public view: protected aggregate tables only, no exporter names. Figures from fewer than three "
        "exporters, or dominated by one, and their complementary cells read “confidential” (the rules are on "
        "the About page).",
    },
    "quality.public": {
        "id": "Tampilan publik: hanya jumlah baris yang ditampilkan.", "en": "Public view: row counts only.",
    },
    # ------------------------------------------------------------------------------ reading plan (issue 15)
    "page.periksa": {"id": "Periksa Pembacaan", "en": "Check the Reading"},
    "plan.invalid": {"id": "Rencana pembacaan tidak bisa dipakai: {detail}.",
                     "en": "The reading plan cannot be used: {detail}."},
    "plan.detail.not_object": {"id": "isinya bukan objek JSON", "en": "it is not a JSON object"},
    "plan.detail.not_json": {"id": "bukan JSON yang sah ({error})", "en": "it is not valid JSON ({error})"},
    "plan.sheet_missing": {
        "id": "Rencana pembacaan menyebut lembar “{sheet}” di “{file}”, tetapi lembar itu tidak ada lagi.",
        "en": "The reading plan names sheet “{sheet}” of “{file}”, which the file no longer has.",
    },
    "plan.header_rows_invalid": {
        "id": "Baris judul kolom dalam rencana untuk “{file}”, lembar “{sheet}”, tidak berurutan: dibaca seperti "
        "biasa.",
        "en": "The plan's header rows for “{file}”, sheet “{sheet}”, are not consecutive: read as usual.",
    },
    "plan.header_not_found": {
        "id": "Baris {row} di “{file}”, lembar “{sheet}”, tidak bisa dipakai sebagai judul kolom: dibaca seperti "
        "biasa.",
        "en": "Row {row} of “{file}”, sheet “{sheet}”, cannot be used as the header: read as usual.",
    },
    "plan.sheet_left_out": {"id": "tidak dipakai, sesuai pilihan di Periksa Pembacaan",
                            "en": "left out, as chosen in Check the Reading"},
    "plan.sheet_not_readable": {
        "id": "Lembar “{sheet}” di “{file}” tidak bisa dibaca sebagai tabel ekspor, walau rencana memakainya.",
        "en": "Sheet “{sheet}” of “{file}” cannot be read as an export table, although the plan uses it.",
    },
    "plan.column_missing": {
        "id": "Kolom “{column}” dalam rencana pembacaan tidak ada lagi di “{file}”, lembar “{sheet}”: peran "
        "kolom itu diabaikan.",
        "en": "Column “{column}” of the reading plan is no longer in “{file}”, sheet “{sheet}”: its role is "
        "ignored.",
    },
    "reason.plan_total": {"id": "baris jumlah, sesuai pilihan di Periksa Pembacaan",
                          "en": "a total row, as chosen in Check the Reading"},
    "check.intro": {
        "id": "Beginilah setiap berkas dibaca. Bila ada yang keliru (baris judul, peran kolom, satuan, mata uang, "
        "lembar yang dipakai), ubah di sini: angka langsung dihitung ulang, dan tautan bagikan memakai bacaan "
        "yang sudah dibetulkan.",
        "en": "This is how each file was read. If something is wrong (header row, a column's role, unit, "
        "currency, the sheets used), change it here: the figures are computed again at once, and the share "
        "link uses the corrected reading.",
    },
    "check.none": {"id": "Unggah berkas dahulu: bacaannya bisa diperiksa di sini.",
                   "en": "Upload files first: their reading can be checked here."},
    "check.public": {"id": "Tampilan publik: bacaan berkas hanya bisa diperiksa oleh pengunggah.",
                     "en": "Public view: only the uploader can check how the files were read."},
    "check.corrected": {"id": "Bacaan sudah dibetulkan dengan tangan: {changes}.",
                        "en": "The reading was corrected by hand: {changes}."},
    "check.reset": {"id": "Kembalikan ke bacaan otomatis", "en": "Back to the automatic reading"},
    "check.file": {"id": "Berkas “{file}”", "en": "File “{file}”"},
    "check.sheet": {"id": "Lembar “{sheet}”", "en": "Sheet “{sheet}”"},
    "check.table": {"id": "Tabel", "en": "Table"},
    "check.used": {"id": "Pakai lembar ini", "en": "Use this sheet"},
    "check.header_row": {"id": "Baris judul kolom", "en": "Header row"},
    "check.header_rows": {"id": "Jumlah baris judul", "en": "Header rows"},
    "check.rows": {"id": "Baris {first}–{last}; {kept} baris dipakai, {totals} baris jumlah tidak dijumlahkan.",
                   "en": "Rows {first}–{last}; {kept} rows used, {totals} total rows not added."},
    "check.column": {"id": "Kolom {letter}: “{header}”", "en": "Column {letter}: “{header}”"},
    "check.role": {"id": "Peran", "en": "Role"},
    "check.unit": {"id": "Satuan", "en": "Unit"},
    "check.currency": {"id": "Mata uang", "en": "Currency"},
    "check.overlap": {"id": "Tahun {year} ada di beberapa berkas: dihitung dari",
                      "en": "The year {year} is in several files: counted from"},
    "check.overlap_all": {"id": "semua berkas (dijumlahkan)", "en": "every file (added up)"},
    "check.by_year": {"id": "Nilai ekspor per tahun dengan bacaan ini (USD)",
                      "en": "Export value per year with this reading (USD)"},
    "check.year": {"id": "Tahun", "en": "Year"},
    "check.value": {"id": "Nilai (USD)", "en": "Value (USD)"},
    "check.change.sheet": {"id": "lembar “{sheet}” {state}", "en": "sheet “{sheet}” {state}"},
    "check.change.off": {"id": "tidak dipakai", "en": "left out"},
    "check.change.on": {"id": "dipakai", "en": "used"},
    "check.change.header": {"id": "judul kolom “{sheet}” di baris {row}", "en": "header of “{sheet}” in row {row}"},
    "check.change.column": {"id": "kolom “{header}” sebagai {role}", "en": "column “{header}” as {role}"},
    "check.change.totals": {"id": "baris {rows} di “{sheet}” sebagai jumlah", "en": "rows {rows} of “{sheet}” as totals"},
    "check.change.overlap": {"id": "tahun {year} dari {file}", "en": "year {year} from {file}"},
    "check.link": {"id": "Periksa pembacaan", "en": "Check the reading"},
    "doubt.value_or_weight": {
        "id": "Kolom “{column}” di “{file}”, lembar “{sheet}”, dibaca sebagai nilai ekspor, padahal judulnya "
        "menyebut berat: mungkin itu kolom berat.",
        "en": "Column “{column}” of “{file}”, sheet “{sheet}”, is read as the export value, although its header "
        "names a weight: it may be the weight.",
    },
    "doubt.unknown_currency": {
        "id": "Kolom “{column}” di “{file}”, lembar “{sheet}”, menulis “{written}”, yang tidak dikenali sebagai "
        "mata uang: dibaca sebagai {currency}.",
        "en": "Column “{column}” of “{file}”, sheet “{sheet}”, writes “{written}”, which is not a known "
        "currency: read as {currency}.",
    },
    "doubt.summary_sheet": {
        "id": "Di “{file}”, nilai tahun {year} lembar “{sheet}” sama dengan jumlah lembar “{others}”: mungkin "
        "salah satunya rekap, yang kini ikut dijumlahkan.",
        "en": "In “{file}”, the {year} value of sheet “{sheet}” equals that of “{others}”: one of them may be a "
        "recap, now added up as well.",
    },
    "check.same_shape": {
        "id": "Berkas “{file}” berbentuk sama dengan berkas yang bacaannya Anda betulkan tadi.",
        "en": "File “{file}” has the same shape as the file whose reading you corrected earlier.",
    },
    "check.use_same": {"id": "Pakai bacaan yang sama", "en": "Use the same reading"},
    "check.change.shape": {"id": "“{file}” dibaca seperti berkas sebelumnya yang berbentuk sama",
                           "en": "“{file}” read as the earlier file of the same shape"},
    "check.preview": {"id": "Baris pertama, seperti di Excel", "en": "The first rows, as in Excel"},
    "check.row": {"id": "Baris", "en": "Row"},
    "check.read_as": {"id": "Dibaca sebagai", "en": "Read as"},
    "check.row.title": {"id": "judul tabel", "en": "title"},
    "check.row.header": {"id": "judul kolom", "en": "header"},
    "check.row.total": {"id": "jumlah (tidak dijumlahkan)", "en": "total (not added)"},
    "check.row.data": {"id": "data", "en": "data"},
    "check.totals": {"id": "Baris jumlah (tidak dijumlahkan)", "en": "Total rows (not added)"},
    "role.value": {"id": "nilai ekspor", "en": "export value"},
    "role.weight": {"id": "berat", "en": "weight"},
    "role.target": {"id": "target", "en": "target"},
    "role.rate": {"id": "kurs", "en": "exchange rate"},
    "role.ignored": {"id": "tidak dipakai", "en": "not used"},
    "scale.satuan": {"id": "satuan (tanpa pengali)", "en": "units (no multiplier)"},
    "scale.ribu": {"id": "ribu", "en": "thousands"},
    "scale.juta": {"id": "juta", "en": "millions"},
    "scale.miliar": {"id": "miliar", "en": "billions"},
    "about.title": {"id": "Tentang aplikasi ini", "en": "About this app"},
    "about.body": {
        "id": "**Apa yang disimpan.** Saat Anda mengunggah berkas, hasil bacaannya (baris ekspor yang bersih, "
        "target dan kurs, laporan pembacaan, nama berkas dan waktu unggah) disimpan di server agar tautan yang "
        "Anda kirim membuka data yang sama. Berkas aslinya tidak disimpan.\n\n"
        "**Berapa lama.** Data yang dibagikan dihapus otomatis setelah {days} hari, atau lebih awal bila ruang "
        "simpan (batas {cap} GB) penuh: yang tertua dihapus dahulu. Pengunggah dapat mencabut tautan kapan saja "
        "dengan kunci pencabutan yang hanya ditampilkan kepadanya.\n\n"
        "**Siapa yang dapat melihat.** Siapa pun yang memegang tautan. Tautannya memuat kode acak 192 bit yang "
        "tidak dapat ditebak; jangan sebarkan di tempat umum. Untuk publik, pakai *tautan tampilan publik*: "
        "nama eksportir disembunyikan dan angka yang dapat mengungkap satu eksportir dirahasiakan, seperti praktik "
        "kantor statistik (lihat di bawah). Dari tautan publik, tampilan lengkap tidak dapat dibuka.\n\n"
        "**Tanpa internet.** Aplikasi tidak memanggil layanan luar apa pun; peta dan grafik dibuat di server ini.\n\n"
        "**Melaporkan masalah.** Hubungi pengelola aplikasi di Dinas Perdagangan, Koperasi dan UKM Kota "
        "Pekalongan, sertakan tautan dan (bila boleh) berkas yang bermasalah. Celah keamanan: laporkan secara "
        "pribadi kepada pengelola, bukan di tempat umum.",
        "en": "**What is stored.** When you upload files, what was read from them (clean export rows, targets and "
        "rates, the reading report, file names and upload time) is stored on the server so the link you send "
        "opens the same data. The original files are not kept.\n\n"
        "**For how long.** Shared data is deleted automatically after {days} days, or earlier when the store "
        "(capped at {cap} GB) is full: oldest first. The uploader can revoke the links at any time with the "
        "revocation key shown only to them.\n\n"
        "**Who can see it.** Anyone holding the link. Links carry a random 192-bit code that cannot be guessed; "
        "do not post them publicly. For the public, use the *public view link*: exporter names are hidden and "
        "figures that could reveal one exporter are confidential, as statistics offices do (see below). The full view cannot be "
        "reached from a public link.\n\n"
        "**No internet.** The app calls no outside service; maps and charts are made on this server.\n\n"
        "**Reporting a problem.** Contact the app's administrator at the city's trade office with the link and "
        "(if allowed) the file. Security issues: report privately to the administrator, not in public.",
    },
    "about.version": {"id": "Versi {version}", "en": "Version {version}"},
    # -------------------------------------------------------------------------------------------- downloads
    "download.title": {"id": "Unduh", "en": "Download"},
    "download.csv_style": {"id": "Format CSV", "en": "CSV style"},
    "download.semicolon": {"id": "titik koma ; (Excel Indonesia)", "en": "semicolon ; (Indonesian Excel)"},
    "download.comma": {"id": "koma ,", "en": "comma ,"},
    "download.csv": {"id": "Data terpilih (.csv)", "en": "Selected data (.csv)"},
    "download.xlsx": {"id": "Data dan tabel (.xlsx)", "en": "Data and tables (.xlsx)"},
    "download.report": {"id": "Unduh laporan (1 halaman)", "en": "Download the report (1 page)"},
    "download.report_help": {
        "id": "Berkas HTML yang bisa dibuka di peramban lalu dicetak ke PDF (Ctrl+P).",
        "en": "An HTML file to open in a browser and print to PDF (Ctrl+P).",
    },
    "download.satu_data": {"id": "Format Satu Data (.csv)", "en": "Open-data format (.csv)"},
    "download.satu_data_help": {
        "id": "Agregat tahunan per komoditi dan negara untuk portal Satu Data Kota Pekalongan.",
        "en": "Yearly aggregates by commodity and country for the city's open-data portal.",
    },
    "download.png": {"id": "PNG", "en": "PNG"},
    # ------------------------------------------------------------------------------------------- page blocks
    "cards.value": {"id": "Nilai ekspor {year}", "en": "Exports {year}"},
    "cards.value_help": {"id": "Nilai penuh: {full} USD", "en": "Full value: {full} USD"},
    "cards.vs": {"id": "{pct} dari {year}", "en": "{pct} vs {year}"},
    "cards.rupiah": {"id": "Setara rupiah", "en": "In rupiah"},
    "cards.rate": {"id": "Kurs {year}: Rp{rate} per USD", "en": "Rate {year}: Rp{rate} per USD"},
    "cards.no_rate": {
        "id": "Isi kurs tahun ini di “Target dan kurs” untuk melihat nilai rupiah.",
        "en": "Enter this year's exchange rate under “Targets and rates” to see rupiah.",
    },
    "cards.target": {"id": "Target", "en": "Target"},
    "cards.achievement": {"id": "Capaian target", "en": "Target achieved"},
    "cards.remaining": {"id": "kurang {value}", "en": "{value} to go"},
    "cards.no_target": {
        "id": "Belum ada target untuk tahun ini: isi di “Target dan kurs”.",
        "en": "No target for this year yet: enter it under “Targets and rates”.",
    },
    "cards.target_filtered": {
        "id": "Target berlaku untuk seluruh ekspor kota; tidak dibandingkan dengan sebagian komoditi/negara.",
        "en": "Targets are for the whole city's exports; not compared with a selection.",
    },
    "cards.exporters": {"id": "Eksportir {year}", "en": "Exporters {year}"},
    "cards.new_exporters": {"id": "Eksportir baru {year}", "en": "New exporters {year}"},
    "cards.new_derived": {"id": "{n} baru di data", "en": "{n} new in the data"},
    "cards.new_help": {
        "id": "Angka utama: eksportir yang dicatat “Eksportir Baru”. Di bawahnya: eksportir yang pertama kali "
        "muncul dalam data tahun ini.",
        "en": "Main figure: exporters recorded as new. Below: exporters first seen in the data this year.",
    },
    "cards.destinations": {"id": "Negara tujuan {year}", "en": "Destinations {year}"},
    "cards.commodities": {"id": "Komoditi {year}", "en": "Commodities {year}"},
    "cards.count_help": {
        "id": "Jumlah yang berbeda dalam tahun {year} pada pilihan ini.",
        "en": "How many different ones in {year}, within this selection.",
    },
    "cards.unknown.exporter": {
        "id": "Tidak diketahui: berkas ini tidak mencatat nama eksportir (misalnya tabel statistik), jadi bukan nol.",
        "en": "Not known: these files do not record exporters (a statistics table, say), so it is not zero.",
    },
    "cards.unknown.exporter_type": {
        "id": "Tidak diketahui: berkas ini tidak mencatat jenis eksportir, jadi bukan nol.",
        "en": "Not known: these files do not record the exporter type, so it is not zero.",
    },
    "cards.unknown.destination": {
        "id": "Tidak diketahui: berkas ini tidak mencatat negara tujuan, jadi bukan nol.",
        "en": "Not known: these files do not record destinations, so it is not zero.",
    },
    "cards.unknown.commodity": {
        "id": "Tidak diketahui: berkas ini tidak mencatat komoditi, jadi bukan nol.",
        "en": "Not known: these files do not record commodities, so it is not zero.",
    },
    "cards.unknown_line": {
        "id": "“-” pada kartu berarti berkas tidak mencatatnya: {what}.",
        "en": "“-” on a card means the files do not record it: {what}.",
    },
    "cards.unknown_what.exporter": {"id": "nama eksportir", "en": "exporter names"},
    "cards.unknown_what.exporter_type": {"id": "jenis eksportir", "en": "exporter types"},
    "cards.unknown_what.destination": {"id": "negara tujuan", "en": "destinations"},
    "cards.unknown_what.commodity": {"id": "komoditi", "en": "commodities"},
    "targets.title": {"id": "Target dan kurs per tahun", "en": "Targets and exchange rates by year"},
    "targets.help": {
        "id": "Dari lembar Target berkas Anda; boleh diubah di sini. Isi target dalam USD atau rupiah (rupiah "
        "dihitung dengan kurs tahun itu).",
        "en": "From your file's Target sheet; you can change them here. Targets in USD or rupiah (converted with "
        "that year's rate).",
    },
    "targets.year": {"id": "Tahun", "en": "Year"},
    "targets.target_usd": {"id": "Target (USD)", "en": "Target (USD)"},
    "targets.target_idr": {"id": "Target (Rp)", "en": "Target (Rp)"},
    "targets.rate": {"id": "Kurs (Rp/USD)", "en": "Rate (Rp/USD)"},
    "overview.top_commodities": {"id": "Komoditi utama", "en": "Leading commodities"},
    "overview.top_destinations": {"id": "Negara tujuan utama", "en": "Leading destinations"},
    "overview.click_hint": {
        "id": "Ketuk atau klik sebuah batang untuk menyaring semua halaman; lepaskan saringan di panel kiri.",
        "en": "Tap or click a bar to filter every page; clear the filter in the left panel.",
    },
    "commodity.ranked": {"id": "Nilai ekspor per komoditi", "en": "Export value by commodity"},
    "commodity.by_year": {"id": "Komoditi per tahun", "en": "Commodities by year"},
    "commodity.matrix": {"id": "Komoditi × negara tujuan", "en": "Commodity × destination"},
    "destination.map": {"id": "Peta nilai ekspor per negara tujuan", "en": "Export value by destination"},
    "destination.not_on_map": {
        "id": "Tidak tergambar di peta (kawasan atau nama tidak dikenali): {names}.",
        "en": "Not on the map (regions or unrecognised names): {names}.",
    },
    "destination.ranked": {"id": "Nilai ekspor per negara tujuan", "en": "Export value by destination"},
    "destination.by_year": {"id": "Negara tujuan per tahun", "en": "Destinations by year"},
    "exporter.by_type": {"id": "Nilai ekspor per jenis eksportir", "en": "Export value by exporter type"},
    "exporter.new_title": {"id": "Eksportir baru per tahun", "en": "New exporters by year"},
    "exporter.new_help": {
        "id": "“Dicatat baru”: jenis eksportir dalam berkas. “Pertama kali muncul”: eksportir yang namanya belum "
        "ada di tahun-tahun sebelumnya dalam data (tahun pertama data tidak dihitung).",
        "en": "“Recorded as new”: the exporter type in the file. “First seen”: exporters whose name does not appear "
        "in earlier years of the data (not counted for the first year).",
    },
    "exporter.declared": {"id": "Dicatat baru", "en": "Recorded as new"},
    "exporter.derived": {"id": "Pertama kali muncul", "en": "First seen"},
    "exporter.top": {"id": "Eksportir terbesar", "en": "Largest exporters"},
    "monthly.no_months": {
        "id": "Data yang dipilih tidak memuat bulan (tanggal atau kolom bulan). Unggah data per pengapalan atau "
        "rekap bulanan untuk melihat halaman ini.",
        "en": "The selected data has no months (dates or a month column). Upload shipment-level data or monthly "
        "recaps to see this page.",
    },
    "table.title": {"id": "Tabel standar (seperti tabel Kemendag)", "en": "Standard table (as the ministry's)"},
    "table.note": {
        "id": "Nilai dalam juta USD. Perub: perubahan tahun terakhir terhadap tahun sebelumnya. Peran: pangsa "
        "pada tahun terakhir. Trend: kemiringan garis kuadrat terkecil atas ln(nilai), (e^b − 1) × 100, bukan "
        "pertumbuhan majemuk. “-”: tidak terdefinisi.",
        "en": "Values in million USD. Change: last year against the one before. Share: in the last year. Trend: "
        "least-squares slope of ln(value), (e^b − 1) × 100, not compound growth. “-”: undefined.",
    },
    # ---------------------------------------------------------------------------------------------------- guide
    "guide.intro": {
        "id": "Aplikasi membaca berkas apa adanya: baris judul di atas tabel, sel gabungan, baris JUMLAH, "
        "catatan kaki dan angka bergaya Indonesia tidak perlu dihapus. Cara paling aman: pakai templat ini.",
        "en": "The app reads files as they are: title rows, merged cells, total rows, footnotes and Indonesian "
        "numbers need not be removed. The safest way: use this template.",
    },
    "guide.download": {"id": "Unduh templat kosong (.xlsx)", "en": "Download the blank template (.xlsx)"},
    "guide.steps_title": {"id": "Menyiapkan berkas", "en": "Preparing a file"},
    "guide.steps_md": {
        "id": "1. Satu baris per pengapalan (seperti register SKA), satu baris judul kolom.\n"
        "2. Kolom yang dikenali: **Tanggal**, **Nama Perusahaan**, **Jenis Eksportir** (Eksportir Baru, UMKM, "
        "Besar), **Komoditi**, **Pos Tarif/HS** (sebagai teks agar nol di depan tetap), **Negara Tujuan**, "
        "**Berat (Kg)**, **Nilai FOB (US$)**. Nama kolom boleh bervariasi (Komoditas, Negara, Nilai, Value ...).\n"
        "3. Satuan ditulis di judul kolom atau judul tabel: *(Juta US$)*, *(Ribu US$)*, *(Ton)*.\n"
        "4. Tanpa kolom tahun, tahun diambil dari tanggal, nama lembar (mis. 2024) atau judul tabel.\n"
        "5. Target tahunan dan kurs di lembar **Target**: Tahun, Target (US$) atau Target (Rp), Kurs.\n"
        "6. Setelah mengunggah, buka **Kualitas Data**: setiap baris yang ditolak atau dilewati tercantum "
        "dengan nomor baris Excel dan alasannya.",
        "en": "1. One row per shipment (as in the SKA register), one header row.\n"
        "2. Recognised columns: **Date**, **Exporter**, **Exporter type** (New, UMKM/SME, Established), "
        "**Commodity**, **HS code** (as text, to keep leading zeros), **Destination**, **Weight (kg)**, "
        "**FOB value (USD)**. Header names may vary.\n"
        "3. Units go in the header or the table title: *(Juta US$)*, *(thousand USD)*, *(Ton)*.\n"
        "4. Without a year column the year comes from the date, the sheet name (e.g. 2024) or the title.\n"
        "5. Yearly targets and exchange rates on a **Target** sheet: Year, Target (US$) or Target (Rp), Rate.\n"
        "6. After uploading, open **Data Quality**: every rejected or skipped row is listed with its Excel row "
        "number and the reason.",
    },
    "guide.layouts_title": {"id": "Tata letak yang dipahami", "en": "Layouts understood"},
    "guide.layouts_md": {
        "id": "- **Per pengapalan** (register SKA), satu lembar per tahun atau per bulan boleh.\n"
        "- **Tabel BPS/Kemendag**: komoditi atau negara ke bawah, tahun atau bulan ke samping. Kolom turunan "
        "(Perub, Peran, Trend, %, Jumlah, Jan–Mei) otomatis diabaikan dan dilaporkan.\n"
        "- Format: .xlsx, .xlsm, .xls, .ods, .csv, .txt (UTF-8 atau Windows-1252; koma, titik koma atau tab).",
        "en": "- **One row per shipment** (SKA register); one sheet per year or per month is fine.\n"
        "- **Statistics-office tables**: commodities or countries down, years or months across. Derived columns "
        "(Perub, Peran, Trend, %, Jumlah, Jan–Mei) are left out and reported.\n"
        "- Formats: .xlsx, .xlsm, .xls, .ods, .csv, .txt (UTF-8 or Windows-1252; comma, semicolon or tab).",
    },
    "guide.about_title": {"id": "Tentang data contoh", "en": "About the sample data"},
    "guide.about_md": {
        "id": "Tanpa unggahan, aplikasi menampilkan data contoh: total tahunan 2018–2022 dan target sesuai angka "
        "yang dipublikasikan Dinas Perdagangan, Koperasi dan UKM Kota Pekalongan; rincian per pengapalan "
        "bersifat ilustratif. Angka 2019 dan 2020 kemudian direvisi (22.692.392 dan 25.173.394 USD).",
        "en": "With no upload the app shows sample data: yearly totals for 2018–2022 and targets as published by "
        "the city's trade office; the shipment-level breakdown is illustrative. 2019 and 2020 were later revised "
        "(22,692,392 and 25,173,394 USD).",
    },
    "guide.template_title": {"id": "Templat data ekspor Kota Pekalongan", "en": "Kota Pekalongan export data template"},
    "guide.sheet_name": {"id": "Petunjuk", "en": "Instructions"},
    "guide.validation_title": {"id": "Jenis eksportir", "en": "Exporter type"},
    "guide.validation_message": {
        "id": "Pilih: Eksportir Baru, UMKM atau Besar", "en": "Choose: Eksportir Baru (new), UMKM or Besar",
    },
    "guide.validation_number": {"id": "Isi angka nilai FOB dalam USD.", "en": "Enter the FOB value in USD."},
    "guide.target_example_note": {"id": "contoh; ganti dengan target resmi", "en": "example; replace"},
    "guide.steps": {
        "id": "1. Isi lembar Data: satu baris per pengapalan. Baris 2 adalah contoh; hapus atau timpa.\n"
        "2. Tanggal sebagai tanggal Excel (dd/mm/yyyy). Nilai FOB dalam USD, angka biasa.\n"
        "3. Pos Tarif/HS sebagai teks (kolomnya sudah diformat teks) agar nol di depan tetap ada.\n"
        "4. Jenis Eksportir dipilih dari daftar: Eksportir Baru, UMKM, Besar.\n"
        "5. Negara Tujuan boleh dalam bahasa Indonesia atau Inggris (Singapura, Korea Selatan, Tiongkok ...).\n"
        "6. Lembar Target: satu baris per tahun, target dalam USD dan kurs rupiah per USD.\n"
        "7. Simpan, lalu unggah di aplikasi. Periksa halaman Kualitas Data.",
        "en": "1. Fill the Data sheet: one row per shipment. Row 2 is an example; overwrite it.\n"
        "2. Dates as Excel dates (dd/mm/yyyy). FOB value in USD as a plain number.\n"
        "3. HS code as text (the column is text-formatted) so leading zeros stay.\n"
        "4. Exporter type from the list: Eksportir Baru (new), UMKM (SME), Besar (established).\n"
        "5. Destination in Indonesian or English.\n"
        "6. Target sheet: one row per year, target in USD and the rupiah-per-USD rate.\n"
        "7. Save, then upload in the app. Check the Data Quality page.",
    },
    # ------------------------------------------------------------------------- downloads and press report
    "export.col.year": {"id": "Tahun", "en": "Year"},
    "export.col.month": {"id": "Bulan", "en": "Month"},
    "export.col.date": {"id": "Tanggal", "en": "Date"},
    "export.col.exporter": {"id": "Eksportir", "en": "Exporter"},
    "export.col.exporter_type": {"id": "Jenis Eksportir", "en": "Exporter type"},
    "export.col.commodity": {"id": "Komoditi", "en": "Commodity"},
    "export.col.hs_code": {"id": "Pos Tarif/HS", "en": "HS code"},
    "export.col.destination_code": {"id": "Kode Negara", "en": "Country code"},
    "export.col.destination": {"id": "Negara Tujuan", "en": "Destination"},
    "export.col.weight_kg": {"id": "Berat (Kg)", "en": "Weight (kg)"},
    "export.col.value_usd": {"id": "Nilai FOB (US$)", "en": "FOB value (US$)"},
    "export.col.source_file": {"id": "Berkas", "en": "File"},
    "export.col.source_sheet": {"id": "Lembar", "en": "Sheet"},
    "export.col.source_row": {"id": "Baris", "en": "Row"},
    "export.col.year_mark": {"id": "Tanda Tahun", "en": "Year mark"},
    "export.col.currency": {"id": "Mata Uang Asal", "en": "Original currency"},
    "export.col.value_original": {"id": "Nilai dalam Mata Uang Asal", "en": "Value in original currency"},
    "export.col.fx_rate": {"id": "Faktor Konversi ke US$", "en": "Conversion factor to US$"},
    "export.col.status": {"id": "Status", "en": "Status"},
    "export.sheet.data": {"id": "Data", "en": "Data"},
    "export.sheet.commodity": {"id": "Tabel Komoditi", "en": "Commodity table"},
    "export.sheet.destination": {"id": "Tabel Negara", "en": "Destination table"},
    "export.sheet.exporter_type": {"id": "Tabel Jenis Eksportir", "en": "Exporter type table"},
    "export.sheet.exporter": {"id": "Tabel Eksportir", "en": "Exporter table"},
    "export.sheet.year": {"id": "Tabel Tahunan", "en": "Yearly table"},
    "export.sheet.report": {"id": "Laporan Pembacaan", "en": "Reading report"},
    "export.table.title.commodity": {
        "id": "Nilai ekspor Kota Pekalongan menurut komoditi (juta USD)",
        "en": "Kota Pekalongan exports by commodity (million USD)",
    },
    "export.table.title.destination": {
        "id": "Nilai ekspor Kota Pekalongan menurut negara tujuan (juta USD)",
        "en": "Kota Pekalongan exports by destination (million USD)",
    },
    "export.table.title.exporter_type": {
        "id": "Nilai ekspor Kota Pekalongan menurut jenis eksportir (juta USD)",
        "en": "Kota Pekalongan exports by exporter type (million USD)",
    },
    "export.table.title.exporter": {
        "id": "Nilai ekspor Kota Pekalongan menurut eksportir (juta USD)",
        "en": "Kota Pekalongan exports by exporter (million USD)",
    },
    "export.table.title.year": {
        "id": "Nilai ekspor Kota Pekalongan per tahun (juta USD)",
        "en": "Kota Pekalongan exports by year (million USD)",
    },
    "export.filters": {"id": "Pilihan data: {sentence}", "en": "Selection: {sentence}"},
    "export.target_line": {
        "id": "Target {year}: {target}; realisasi {value}; capaian {pct}.",
        "en": "Target {year}: {target}; realised {value}; achieved {pct}.",
    },
    "export.workbook.title": {"id": "Data ekspor Kota Pekalongan", "en": "Kota Pekalongan export data"},
    "export.workbook.comments": {
        "id": "Diolah Dasbor Ekspor Kota Pekalongan", "en": "Compiled by the Kota Pekalongan Export Dashboard",
    },
    "export.report.scope": {
        "id": "Mencakup semua berkas yang diunggah, sebelum data disaring.",
        "en": "Covers every uploaded file, before any filter.",
    },
    "export.report.errors": {"id": "Berkas yang gagal dibaca", "en": "Files that could not be read"},
    "export.report.rows": {"id": "Baris yang tidak dipakai", "en": "Rows not kept"},
    "export.status.rejected": {"id": "Ditolak", "en": "Rejected"},
    "export.status.skipped": {"id": "Dilewati", "en": "Skipped"},
    "export.source": {
        "id": "Sumber: {files}, diolah Dasbor Ekspor Kota Pekalongan",
        "en": "Source: {files}; compiled by the Kota Pekalongan Export Dashboard",
    },
    "export.source.more": {"id": "{files} dan {n} berkas lainnya", "en": "{files} and {n} more files"},
    "report.html.title": {"id": "Laporan Ekspor Kota Pekalongan", "en": "Kota Pekalongan Export Report"},
    "report.html.generated": {"id": "Dibuat {date}", "en": "Generated {date}"},
    "report.html.selection": {"id": "Pilihan data", "en": "Selection"},
    "report.html.value": {"id": "Nilai ekspor {year}", "en": "Exports {year}"},
    "report.html.change": {"id": "Perubahan dari {year}", "en": "Change from {year}"},
    "report.html.change_none": {"id": "Perubahan tahunan", "en": "Change on the year"},
    "report.html.target": {"id": "Target {year}", "en": "Target {year}"},
    "report.html.achievement": {"id": "capaian {pct}", "en": "{pct} achieved"},
    "report.html.no_target": {"id": "belum ada target", "en": "no target set"},
    "report.html.exporters": {"id": "Eksportir", "en": "Exporters"},
    "report.html.destinations": {"id": "Negara tujuan", "en": "Destinations"},
    "report.html.table": {
        "id": "Nilai ekspor menurut komoditi (juta USD)", "en": "Exports by commodity (million USD)",
    },
    "report.html.table_top": {
        "id": "{n} komoditi terbesar; sisanya digabung dalam “Lainnya”.",
        "en": "The {n} largest commodities; the rest are summed as “Others”.",
    },
    "report.html.verification": {
        "id": "Pembacaan berkas: {kept} baris dipakai, {rejected} ditolak, {skipped} dilewati.",
        "en": "Reading the files: {kept} rows kept, {rejected} rejected, {skipped} skipped.",
    },
    "report.html.no_data": {
        "id": "Tidak ada data ekspor untuk pilihan ini.", "en": "There are no export data for this selection.",
    },
    # ----------------------------------------------------------------------------- aggregate / narrative
    "agg.others": {"id": "Lainnya", "en": "Others"},
    "agg.blank": {"id": "(tidak diisi)", "en": "(not stated)"},
    "agg.no_records": {
        "id": "Tidak ada baris ekspor yang bisa dipakai. Jalankan “python -m pekalongan check BERKAS” untuk melihat alasannya.",
        "en": "No usable export rows. Run “python -m pekalongan check FILE” to see why.",
    },
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
    "table.unit": {
        "id": "Nilai dalam USD; - berarti tidak terdefinisi.",
        "en": "Values in USD; - means undefined.",
    },
    "table.target_line": {
        "id": "Target {year}: USD {target}; realisasi USD {value}; capaian {pct}%",
        "en": "Target {year}: USD {target}; realised USD {value}; achieved {pct}%",
    },
    "narrative.reached": {
        "id": "Nilai ekspor Kota Pekalongan tahun {year}{selection} mencapai {value}",
        "en": "Kota Pekalongan's exports{selection} in {year} reached {value}",
    },
    "narrative.sel.commodity": {"id": "untuk komoditi {items}", "en": "of {items}"},
    "narrative.sel.destination": {"id": "ke {items}", "en": "to {items}"},
    "narrative.sel.exporter": {"id": "oleh {items}", "en": "by {items}"},
    "narrative.exporter_type.new": {"id": "eksportir baru", "en": "new exporters"},
    "narrative.exporter_type.umkm": {"id": "eksportir UMKM", "en": "small and medium exporters (UMKM)"},
    "narrative.exporter_type.established": {"id": "eksportir besar/lama", "en": "established exporters"},
    "narrative.exporter_type.unknown": {"id": "eksportir yang jenisnya tidak diketahui",
                                        "en": "exporters of unknown type"},
    "narrative.up": {"id": "naik {pct} dibandingkan tahun {previous}", "en": "up {pct} from {previous}"},
    "narrative.down": {"id": "turun {pct} dibandingkan tahun {previous}", "en": "down {pct} from {previous}"},
    "narrative.flat": {"id": "sama dengan tahun {previous}", "en": "unchanged from {previous}"},
    "narrative.above_target": {
        "id": "melampaui target {target} ({pct} dari target)",
        "en": "exceeding the target of {target} ({pct} of the target)",
    },
    "narrative.met_target": {
        "id": "memenuhi target {target} ({pct} dari target)",
        "en": "meeting the target of {target} ({pct} of the target)",
    },
    "narrative.below_target": {
        "id": "belum mencapai target {target} ({pct} dari target)",
        "en": "short of the target of {target} ({pct} of the target)",
    },
    "narrative.and": {"id": "dan", "en": "and"},
    "narrative.led_by": {"id": "didominasi {items}", "en": "led by {items}"},
    "narrative.mainly_to": {"id": "dengan tujuan utama {items}", "en": "mainly to {items}"},
    "narrative.led_by_to": {
        "id": "didominasi {items} dengan tujuan utama {places}",
        "en": "led by {items} and going mainly to {places}",
    },
    "narrative.closing": {
        "id": "Sumber: {files}, diolah Dinas Perdagangan, Koperasi dan UKM Kota Pekalongan.",
        "en": "Source: {files}, compiled by the Trade, Cooperatives and SME Office of Kota Pekalongan.",
    },
    "narrative.sample_source": {"id": "contoh bawaan dasbor", "en": "the dashboard's bundled sample"},
    "narrative.no_data": {"id": "Belum ada data ekspor untuk tahun {year}.", "en": "There are no export data for {year}."},
    # ------------------------------------------------------------------------------------------- charts
    "weight.title": {"id": "Berat dan nilai per kg", "en": "Weight and value per kg"},
    "weight.col.commodity": {"id": "Komoditi", "en": "Commodity"},
    "weight.col.destination": {"id": "Negara tujuan", "en": "Destination"},
    "weight.col.value": {"id": "Nilai (juta USD)", "en": "Value (million USD)"},
    "weight.col.weight": {"id": "Berat", "en": "Weight"},
    "weight.col.per_kg": {"id": "USD per kg", "en": "USD per kg"},
    "weight.note": {
        "id": "Berat dari kolom Berat (kg) berkas; - berarti barisnya tidak mencatat berat (bukan nol). USD per kg "
        "dihitung dari baris yang mencatat berat saja.",
        "en": "Weight from the files' Weight (kg) column; - means its rows record no weight (not zero). USD per kg "
        "is worked out from the rows that record a weight only.",
    },
    "chart.over_period": {"id": "{title}, {period}", "en": "{title}, {period}"},
    "chart.value_axis": {"id": "Nilai ekspor (juta USD)", "en": "Export value (million USD)"},
    "chart.unit": {"id": "juta USD", "en": "million USD"},
    "chart.year": {"id": "Tahun", "en": "Year"},
    "chart.month": {"id": "Bulan", "en": "Month"},
    "chart.period": {"id": "Periode", "en": "Period"},
    "chart.name": {"id": "Nama", "en": "Name"},
    "chart.column": {"id": "Kolom", "en": "Column"},
    "chart.value": {"id": "Nilai", "en": "Value"},
    "chart.share": {"id": "Pangsa", "en": "Share"},
    "chart.country": {"id": "Negara", "en": "Country"},
    "chart.realisation": {"id": "Realisasi", "en": "Actual"},
    "chart.target": {"id": "Target", "en": "Target"},
    "chart.attainment": {"id": "Capaian target", "en": "Target reached"},
    "chart.year_bars.title": {"id": "Nilai ekspor per tahun dan target", "en": "Export value by year against target"},
    "chart.monthly.title": {"id": "Nilai ekspor per bulan", "en": "Export value by month"},
    "chart.cumulative.title": {"id": "Nilai ekspor kumulatif {months}", "en": "Cumulative export value, {months}"},
    "chart.cumulative.change": {"id": "Perubahan dari tahun sebelumnya: {change}", "en": "Change on the previous year: {change}"},
    # ------------------------------------------------------------------------------- dataset store (issue 19)
    "store.full": {
        "id": "Penyimpanan penuh, hubungi pengelola aplikasi: tampilan ini belum bisa dibagikan lewat tautan. "
        "Angka di layar tetap bisa dipakai.",
        "en": "Storage is full, contact the app's administrator: this view cannot be shared by link yet. "
        "The figures on screen are still usable.",
    },
    "store.unwritable": {
        "id": "Penyimpanan tidak bisa ditulisi, hubungi pengelola aplikasi: tampilan ini belum bisa dibagikan lewat "
        "tautan. Angka di layar tetap bisa dipakai.",
        "en": "Storage cannot be written, contact the app's administrator: this view cannot be shared by link yet. "
        "The figures on screen are still usable.",
    },
    "store.status.title": {"id": "Penyimpanan tautan (untuk pengelola)", "en": "Link storage (for the administrator)"},
    "store.status.ready": {
        "id": "Siap: penyimpanan bisa ditulisi. {datasets} data tersimpan, {used} MB dari batas {cap} MB; sisa ruang "
        "disk {free} MB. Data tidak pernah dihapus sebelum berumur {min_age} menit.",
        "en": "Ready: the storage can be written. {datasets} datasets stored, {used} MB of the {cap} MB cap; "
        "{free} MB left on the disk. No dataset is removed before it is {min_age} minutes old.",
    },
    "store.status.store.full": {
        "id": "Tidak bisa menyimpan: disk penuh. Tautan berbagi tidak dibuat sampai ada ruang; lihat log server.",
        "en": "Cannot save: the disk is full. No share link is made until there is room; see the server log.",
    },
    "store.status.store.unwritable": {
        "id": "Tidak bisa menyimpan: folder penyimpanan tidak bisa ditulisi. Periksa PEKALONGAN_STORE dan izin "
        "foldernya; lihat log server.",
        "en": "Cannot save: the storage folder cannot be written. Check PEKALONGAN_STORE and the folder's "
        "permissions; see the server log.",
    },
    "store.swept": {
        "id": "Penyapuan selesai: {expired} data kedaluwarsa dihapus, {evicted} dihapus karena batas ukuran, "
        "{orphans} tanpa tautan dihapus, {debris} sisa tulisan dibersihkan, {broken} catatan rusak dilewati; "
        "{datasets} data tersimpan ({used} MB).",
        "en": "Sweep done: {expired} expired datasets removed, {evicted} removed for the size cap, {orphans} "
        "without links removed, {debris} leftovers cleaned, {broken} broken records skipped; {datasets} datasets "
        "stored ({used} MB).",
    },
    "store.broken": {"id": "Catatan rusak, dilewati: {id}: {problem}", "en": "Broken record, skipped: {id}: {problem}"},
    # ------------------------------------------------------------------- cell grammar (reader-cells: issue 11)
    "layout.rates": {"id": "kurs mata uang", "en": "exchange rates"},
    "reason.no_rate": {
        "id": "nilai dalam {currency} tetapi kurs {currency} tahun {year} tidak diketahui (isi lembar Kurs: "
        "Tahun | Mata Uang | Kurs, atau ketik kursnya)",
        "en": "value in {currency} but the {year} rate of {currency} is unknown (add a Kurs sheet: Year | Currency | "
        "Rate, or type the rate)",
    },
    "reason.unknown_currency": {
        "id": "mata uang “{currency}” tidak dikenali: tulis kodenya (USD, JPY, EUR, IDR)",
        "en": "currency “{currency}” not recognised: write its code (USD, JPY, EUR, IDR)",
    },
    "reason.nil_not_available": {
        "id": "nilai bertanda “{mark}”: data tidak tersedia, tidak dihitung",
        "en": "value marked “{mark}”: not available, not counted",
    },
    "reason.nil_confidential": {
        "id": "nilai bertanda “{mark}”: dirahasiakan, tidak dihitung",
        "en": "value marked “{mark}”: confidential, not counted",
    },
    "nil.zero": {"id": "nihil (dibaca 0)", "en": "nil (read as 0)"},
    "nil.not_available": {"id": "data tidak tersedia (tidak dihitung)", "en": "not available (not counted)"},
    "nil.confidential": {"id": "dirahasiakan (tidak dihitung)", "en": "confidential (not counted)"},
    "nil.blank": {"id": "kosong", "en": "empty"},
    "warning.nil_mark": {
        "id": "Di {where}, tanda “{mark}” pada {cells} sel nilai dibaca sebagai {meaning}.",
        "en": "In {where}, the mark “{mark}” in {cells} value cells was taken to mean {meaning}.",
    },
    "warning.hs_padded": {
        "id": "Di {where}, {count} kode HS tertulis sebagai angka dan kehilangan 0 di depannya (mis. {example} → "
        "{padded}): angka 0 ditambahkan.",
        "en": "In {where}, {count} HS codes were written as numbers and lost their leading 0 (e.g. {example} → "
        "{padded}): the 0 was restored.",
    },
    "warning.hs_from_label": {
        "id": "Di {where}, kode HS diambil dari {count} label komoditi (mis. “{example}” → HS {code}).",
        "en": "In {where}, HS codes were taken from {count} commodity labels (e.g. “{example}” → HS {code}).",
    },
    "warning.converted": {
        "id": "{rows} baris dalam {currency} tahun {year} dikonversi ke USD dengan kurs 1 {currency} = {rate} USD.",
        "en": "{rows} rows in {currency} for {year} were converted to USD at 1 {currency} = {rate} USD.",
    },
    "warning.converted_per_usd": {
        "id": "{rows} baris dalam {currency} tahun {year} dikonversi ke USD dengan kurs 1 USD = {rate} {currency}.",
        "en": "{rows} rows in {currency} for {year} were converted to USD at 1 USD = {rate} {currency}.",
    },
    "warning.cell_currency": {
        "id": "Di {where}, {cells} sel nilai menuliskan mata uangnya sendiri ({currencies}): dibaca dalam mata uang "
        "itu.",
        "en": "In {where}, {cells} value cells state their own currency ({currencies}): read in that currency.",
    },
    "warning.year_mark": {
        "id": "Di {where}, tahun {year} bertanda {mark}: angkanya ditandai demikian di data.",
        "en": "In {where}, year {year} is marked {mark}: its figures carry that mark in the data.",
    },
    "mark.provisional": {"id": "angka sementara", "en": "provisional"},
    "mark.very_provisional": {"id": "angka sangat sementara", "en": "very provisional"},
    "mark.revised": {"id": "angka perbaikan", "en": "revised"},
    "figures.year_mark": {"id": "{mark}: {years}.", "en": "{mark}: {years}."},
    "figures.converted_per_usd": {
        "id": "{rows} baris tahun {year} tertulis dalam {currency}, dikonversi ke USD dengan kurs 1 USD = {rate} "
        "{currency} ({usd}).",
        "en": "{rows} rows of {year} are written in {currency}, converted to USD at 1 USD = {rate} {currency} "
        "({usd}).",
    },
    "figures.converted": {
        "id": "{rows} baris tahun {year} tertulis dalam {currency}, dikonversi ke USD dengan kurs 1 {currency} = "
        "{rate} USD ({usd}).",
        "en": "{rows} rows of {year} are written in {currency}, converted to USD at 1 {currency} = {rate} USD "
        "({usd}).",
    },
    "where.file": {"id": "“{file}”", "en": "“{file}”"},
    "where.sheet": {"id": "“{file}”, lembar “{sheet}”", "en": "“{file}”, sheet “{sheet}”"},
    "read.unexpected": {
        "id": "Berkas “{name}” tidak bisa dibaca ({error}). Simpan ulang dari Excel sebagai .xlsx atau .csv lalu unggah "
        "lagi; bila tetap gagal, kirim berkasnya ke pengelola aplikasi.",
        "en": "File “{name}” could not be read ({error}). Save it again from Excel as .xlsx or .csv and upload it "
        "again; if it still fails, send the file to the app's administrator.",
    },
    # ------------------------------------------------------------------ public view, disclosure control (issue 14)
    "public.suppressed": {"id": "dirahasiakan", "en": "confidential"},
    "public.other_group": {"id": "Lainnya (gabungan)", "en": "Others (grouped)"},
    "public.dim.year": {"id": "Tahun", "en": "Year"},
    "public.dim.commodity": {"id": "Komoditi", "en": "Commodity"},
    "public.dim.destination": {"id": "Negara tujuan", "en": "Destination"},
    "public.dim.exporter_type": {"id": "Jenis eksportir", "en": "Exporter type"},
    "public.dim.month": {"id": "Bulan", "en": "Month"},
    "public.col.table": {"id": "tabel", "en": "table"},
    "public.col.year": {"id": "tahun", "en": "year"},
    "public.col.commodity": {"id": "komoditi", "en": "commodity"},
    "public.col.destination": {"id": "negara_tujuan", "en": "destination"},
    "public.col.exporter_type": {"id": "jenis_eksportir", "en": "exporter_type"},
    "public.col.month": {"id": "bulan", "en": "month"},
    "public.col.value_usd": {"id": "nilai_usd", "en": "value_usd"},
    "public.col.exporters": {"id": "jumlah_eksportir", "en": "exporters"},
    "public.col.note": {"id": "keterangan", "en": "note"},
    "public.sheet": {"id": "Tabel publik", "en": "Public tables"},
    "public.source": {
        "id": "Sumber: Dinas Perdagangan, Koperasi dan UKM Kota Pekalongan, diolah Dasbor Ekspor Kota Pekalongan "
        "(tampilan publik).",
        "en": "Source: Trade, Cooperatives and SME Office of Kota Pekalongan, compiled by the Kota Pekalongan Export "
        "Dashboard (public view).",
    },
    "public.rules": {
        "id": "Pengendalian pengungkapan statistik: sel dengan kurang dari {min} eksportir, atau yang eksportir "
        "terbesarnya dapat diperkirakan oleh eksportir lain dalam {p}% (aturan p%), dirahasiakan; sel pelengkap "
        "ikut dirahasiakan agar tidak dapat dihitung dari total. Nama eksportir tidak pernah ditampilkan.",
        "en": "Statistical disclosure control: a cell with fewer than {min} exporters, or whose largest exporter "
        "another could estimate within {p}% (the p% rule), is confidential; complementary cells are suppressed "
        "too so it cannot be worked out from the totals. Exporter names are never shown.",
    },
    "public.hidden_line": {
        "id": "{n} lainnya dirahasiakan, bersama {value}.",
        "en": "{n} more confidential, together {value}.",
    },
    "public.hidden_line_no_value": {"id": "{n} lainnya dirahasiakan.", "en": "{n} more confidential."},
    "public.hidden_cells": {
        "id": "{n} sel dirahasiakan (tidak digambar).",
        "en": "{n} cells are confidential (not drawn).",
    },
    "public.not_available": {
        "id": "Tabel ini tidak diterbitkan untuk kombinasi filter ini di tampilan publik (angkanya akan terlalu "
        "rinci untuk dilindungi). Kurangi filter untuk melihatnya.",
        "en": "This table is not published for this combination of filters in the public view (its figures would "
        "be too detailed to protect). Remove a filter to see it.",
    },
    "public.narrative_hidden": {
        "id": "Nilai ekspor tahun {year} untuk pilihan ini dirahasiakan (terlalu sedikit eksportir).",
        "en": "Exports in {year} for this selection are confidential (too few exporters).",
    },
    "public.year_hidden": {
        "id": "Nilai tahun {year} untuk pilihan ini dirahasiakan.",
        "en": "The value for {year} for this selection is confidential.",
    },
    "public.download_note": {
        "id": "Berkas tampilan publik hanya memuat tabel yang dilindungi (tanpa baris pengapalan dan nama).",
        "en": "The public view's files hold only the protected tables (no shipment rows, no names).",
    },
    "public.csv": {"id": "Tabel publik (.csv)", "en": "Public tables (.csv)"},
    "public.xlsx": {"id": "Tabel publik (.xlsx)", "en": "Public tables (.xlsx)"},
    "download.full_not_public": {
        "id": "Berkas di panel ini memuat data rinci per pengapalan dan nama eksportir: jangan diterbitkan. Untuk "
        "publik (termasuk Satu Data), unduh dari tautan tampilan publik.",
        "en": "The files in this panel hold shipment rows and exporter names: do not publish them. For the public "
        "(Satu Data included), download them from the public view link.",
    },
    "about.disclosure": {
        "id": "**Tampilan publik: pengendalian pengungkapan statistik.** Tampilan publik tidak pernah menampilkan "
        "baris data atau nama eksportir, hanya tabel agregat (total tahunan; komoditi, negara tujuan dan jenis "
        "eksportir per tahun dan silangnya; bulan). Sebuah sel dirahasiakan bila (1) berasal dari kurang dari "
        "{min} eksportir (aturan ambang), atau (2) eksportir lain selain dua terbesar jumlahnya kurang dari {p}% "
        "dari eksportir terbesar (aturan p%, p = {p}), sehingga eksportir kedua dapat menaksir angka eksportir "
        "terbesar. Sel pelengkap ikut dirahasiakan (penekanan sekunder, dipilih dengan pemrograman linear, sel "
        "kecil lebih dahulu) agar tidak ada sel rahasia yang dapat dihitung dari sel dan total yang terbit; total "
        "tahunan diterbitkan bila aman. Setiap sel rahasia diperiksa: rentang nilai yang cocok dengan semua angka "
        "terbit sekurangnya ±{p}% dari eksportir terbesarnya. Filter tidak pernah membuat angka baru: angka di "
        "bawah filter adalah sel terbit atau jumlahnya.",
        "en": "**Public view: statistical disclosure control.** The public view never shows a data row or an "
        "exporter's name, only aggregate tables (yearly totals; commodity, destination and exporter type by year "
        "and their crosses; months). A cell is confidential when (1) fewer than {min} exporters make it up (the "
        "threshold rule), or (2) the exporters other than the two largest add up to less than {p}% of the largest "
        "(the p% rule, p = {p}), so the second could estimate the largest. Complementary cells are suppressed too "
        "(secondary suppression, chosen by linear programming, small cells first) so that no confidential cell "
        "can be worked out from the published cells and totals; yearly totals are published whenever safe. Every "
        "confidential cell is audited: the range of values consistent with everything published spans at least "
        "±{p}% of its largest exporter. Filters never make new figures: a figure under a filter is a published "
        "cell or a sum of them.",
    },
    # --- versions and revisions (issue 17) ---
    "versions.wrong_key": {
        "id": "Kunci pemilik salah: versi baru tidak diterbitkan. Tautan tetap menampilkan versi sebelumnya.",
        "en": "Wrong owner key: the new version was not published. The link still shows the previous version.",
    },
    "versions.conflict": {
        "id": "Versi {latest} sudah diterbitkan orang lain setelah versi {base} yang Anda pakai sebagai dasar. "
        "Versi Anda tidak diterbitkan; buka versi terbaru, periksa, lalu terbitkan lagi.",
        "en": "Version {latest} was published by someone else after version {base}, which yours was built on. "
        "Yours was not published; open the latest version, check it and publish again.",
    },
    "versions.no_sources": {
        "id": "Versi {version} disimpan sebelum ada fitur versi dan tidak menyimpan berkas aslinya, jadi tidak bisa "
        "ditambah satu berkas. Unggah semua berkasnya sebagai pengganti penuh.",
        "en": "Version {version} was stored before versions existed and keeps no uploaded files, so a file cannot "
        "be added to it. Upload all the files as a full replacement.",
    },
    "versions.line": {
        "id": "versi {number}  {published}  {mode}  {rows} baris  berkas: {files}",
        "en": "version {number}  {published}  {mode}  {rows} rows  files: {files}",
    },
    "versions.mode.new": {"id": "pertama", "en": "first"},
    "versions.mode.replace": {"id": "pengganti penuh", "en": "full replacement"},
    "versions.mode.append": {"id": "berkas ditambahkan", "en": "files added"},
    "revisions.none": {
        "id": "Tidak ada angka yang berubah antara versi {old} dan versi {new}.",
        "en": "No figure changed between version {old} and version {new}.",
    },
    "revisions.title": {
        "id": "Angka yang berubah dari versi {old} ke versi {new}:",
        "en": "Figures changed from version {old} to version {new}:",
    },
    "revisions.line": {
        "id": "{where}: {old} → {new} juta USD, selisih {diff}, {pct}",
        "en": "{where}: {old} → {new} million USD, difference {diff}, {pct}",
    },
    "revisions.dimension.total": {"id": "Jumlah", "en": "Total"},
    "revisions.dimension.commodity": {"id": "Komoditi", "en": "Commodity"},
    "revisions.dimension.destination": {"id": "Negara tujuan", "en": "Destination"},
    "revisions.dimension.exporter_type": {"id": "Jenis eksportir", "en": "Exporter type"},
    "revisions.new_figure": {"id": "baru", "en": "new"},
    "page.revisi": {"id": "Revisi", "en": "Revisions"},
    "versions.title": {"id": "Versi dan revisi angka", "en": "Versions and revised figures"},
    "versions.no_link": {
        "id": "Data di layar belum disimpan di balik tautan, jadi belum punya versi.",
        "en": "The data on screen is not stored behind a link, so it has no versions yet.",
    },
    "versions.showing": {
        "id": "Yang tampil: versi {version} (terbaru: versi {latest}).",
        "en": "Showing version {version} (latest: version {latest}).",
    },
    "versions.col.number": {"id": "Versi", "en": "Version"},
    "versions.col.published": {"id": "Diterbitkan (UTC)", "en": "Published (UTC)"},
    "versions.col.mode": {"id": "Cara", "en": "How"},
    "versions.col.rows": {"id": "Baris dipakai", "en": "Rows used"},
    "versions.col.files": {"id": "Berkas", "en": "Files"},
    "versions.public_no_diff": {
        "id": "Tampilan publik hanya menampilkan tabel yang dilindungi: bandingkan versi lewat tautan lengkap.",
        "en": "The public view shows protected tables only: compare versions through the full link.",
    },
    "versions.only_one": {"id": "Baru ada satu versi.", "en": "There is only one version so far."},
    "versions.old": {"id": "Versi lama", "en": "Old version"},
    "versions.new": {"id": "Versi baru", "en": "New version"},
    "versions.share_choice": {"id": "Tautan untuk dibagikan", "en": "Link to share"},
    "versions.share.latest": {"id": "selalu terbaru", "en": "always the latest"},
    "versions.share.this": {"id": "versi ini (versi {version}, tidak berubah)", "en": "this version ({version}, never changes)"},
    "versions.publish_title": {"id": "Terbitkan versi baru", "en": "Publish a new version"},
    "versions.owner_key": {"id": "Kunci pemilik (kunci pencabutan)", "en": "Owner key (the revocation key)"},
    "versions.mode_choice": {"id": "Berkas yang diunggah", "en": "The uploaded files"},
    "versions.choice.append": {
        "id": "ditambahkan ke berkas versi terbaru (bulan baru, atau berkas bernama sama sebagai koreksi)",
        "en": "added to the latest version's files (a new month, or a file of the same name as a correction)",
    },
    "versions.choice.replace": {"id": "mengganti semua berkas", "en": "replace all the files"},
    "versions.files": {"id": "Berkas versi baru", "en": "The new version's files"},
    "versions.draft": {
        "id": "Periksa dulu: dibangun dari versi {base}; berkas: {files}; {rows} baris dipakai. Nilai per tahun:",
        "en": "Check first: built on version {base}; files: {files}; {rows} rows used. Value by year:",
    },
    "versions.publish": {"id": "Terbitkan versi baru", "en": "Publish the new version"},
    "versions.overlap": {
        "id": "Bulan {month}/{year} ada di lebih dari satu berkas ({files}): bila salah satunya rekap kumulatif, "
        "bulan itu terhitung dua kali. Pilih \u201cmengganti semua berkas\u201d atau unggah ulang dengan nama yang sama.",
        "en": "Month {month}/{year} is in more than one file ({files}): if one of them is a cumulative recap, that "
        "month counts twice. Choose \u201creplace all the files\u201d or upload it again under the same name.",
    },
    "versions.revised_notice": {
        "id": "Versi {version}: angka yang direvisi sejak versi {previous} (rinciannya di halaman Revisi):",
        "en": "Version {version}: figures revised since version {previous} (details on the Revisions page):",
    },
    "versions.revised_notice_seen": {
        "id": "Versi {version}: angka yang direvisi sejak versi {previous}, versi terakhir yang Anda lihat (rinciannya "
        "di halaman Revisi):",
        "en": "Version {version}: figures revised since version {previous}, the last one you saw (details on the "
        "Revisions page):",
    },
    "revisions.mark": {"id": "direvisi", "en": "revised"},
    "revisions.mark_since": {"id": "Direvisi sejak versi {since}:", "en": "Revised since version {since}:"},
    "revisions.mark_since_seen": {
        "id": "Direvisi sejak versi {since}, versi terakhir yang Anda lihat:",
        "en": "Revised since version {since}, the last one you saw:",
    },
    "revisions.more": {"id": "dan {n} lainnya", "en": "and {n} more"},
    "versions.published": {
        "id": "Versi {version} diterbitkan: tautan yang sama kini menampilkannya.",
        "en": "Version {version} is published: the same link now shows it.",
    },
    "cli.help.check": {"id": "baca berkas seperti aplikasi dan laporkan hasilnya",
                       "en": "read files as the app does and report what was read"},
    "cli.help.json": {"id": "keluaran JSON", "en": "JSON output"},
    "cli.help.lang": {"id": "bahasa keluaran (bawaan: id)", "en": "output language (default: id)"},
    "cli.help.plan": {"id": "baca berkas sesuai rencana pembacaan ini (lihat README)",
                      "en": "read the files as this reading plan says (see the README)"},
    "cli.help.plan_out": {"id": "tulis rencana pembacaan yang dipakai ke berkas ini",
                          "en": "write the reading plan used to this file"},
    "cli.help.summary": {"id": "tabel standar Kemendag: nilai per tahun, perubahan, peran, trend",
                         "en": "the ministry's standard table: value by year, change, share, trend"},
    "cli.help.by": {"id": "baris tabel (bawaan: year)", "en": "the table's rows (default: year)"},
    "cli.help.sweep": {"id": "hapus data kedaluwarsa dan sisa tulisan dari penyimpanan (untuk timer)",
                       "en": "remove expired data and write debris from the store (for a timer)"},
    "cli.help.versions": {"id": "daftar versi data di balik sebuah tautan", "en": "the versions behind a link"},
    "cli.help.diff": {"id": "angka yang berubah antara dua versi", "en": "the figures that changed between two versions"},
    "cli.help.store": {"id": "folder penyimpanan (PEKALONGAN_STORE)", "en": "the store folder (PEKALONGAN_STORE)"},
    "cli.help.token": {"id": "token tautan (tulis -- sebelumnya bila diawali tanda minus)",
                       "en": "the link's token (write -- before it when it starts with a minus)"},
    "cli.error": {"id": "GALAT  {message}", "en": "ERROR  {message}"},
    "cli.warning": {"id": "PERINGATAN  {message}", "en": "WARNING  {message}"},
    "cli.not_found": {"id": "Berkas “{path}” tidak ditemukan.", "en": "File “{path}” not found."},
    "cli.blank": {"id": "(kosong)", "en": "(blank)"},
    "cli.file": {"id": "Berkas {file} ({kind})", "en": "File {file} ({kind})"},
    "cli.sheet": {"id": "  lembar {sheet}", "en": "  sheet {sheet}"},
    "cli.in_sheet": {"id": ", lembar {sheet}", "en": ", sheet {sheet}"},
    "cli.table": {"id": "  tabel", "en": "  table"},
    "cli.header_row": {"id": "baris {row}", "en": "row {row}"},
    "cli.header_rows": {"id": "baris {first}–{last}", "en": "rows {first}–{last}"},
    "cli.sheet_line": {
        "id": "{where}: judul kolom di {header}, tata letak {layout}, satuan {unit}; {kept} baris dipakai, "
        "{rejected} ditolak, {skipped} dilewati",
        "en": "{where}: column headings in {header}, layout {layout}, unit {unit}; {kept} rows kept, "
        "{rejected} rejected, {skipped} skipped",
    },
    "cli.overlap": {
        "id": "  tahun {year} juga ada di {files}: dihitung dari {counted}",
        "en": "  year {year} is also in {files}: counted from {counted}",
    },
    "cli.overlap_all": {"id": "semua berkas (pilihan pengguna)", "en": "every file (the user's choice)"},
    "cli.sheet_skipped": {"id": "  lembar {sheet}: dilewati, {reason}", "en": "  sheet {sheet}: skipped, {reason}"},
    "cli.total": {
        "id": "Jumlah: {kept} baris dipakai, {rejected} ditolak, {skipped} dilewati; nilai ekspor USD {value}",
        "en": "Total: {kept} rows kept, {rejected} rejected, {skipped} skipped; export value USD {value}",
    },
    "cli.year_line": {"id": "  {year}: USD {value}", "en": "  {year}: USD {value}"},
    "cli.rejected_line": {"id": "DITOLAK  {file}{sheet}, baris {row}: {reason}",
                          "en": "REJECTED  {file}{sheet}, row {row}: {reason}"},
    "cli.more_rejected": {"id": "... dan {n} baris ditolak lainnya (lihat --json)",
                          "en": "... and {n} more rejected rows (see --json)"},
    "store.not_found": {
        "id": "Tautan data ini tidak berlaku: mungkin salah salin, sudah dicabut oleh pengunggahnya, atau sudah "
        "kedaluwarsa. Yang tampil sekarang adalah data contoh; minta tautan baru kepada pengirimnya.",
        "en": "This data link does not work: it may be mistyped, revoked by whoever uploaded it, or expired. What "
        "you see now is the sample data; ask the sender for a new link.",
    },
    "cli.no_store": {
        "id": "Folder “{path}” bukan folder penyimpanan data (tidak ada datasets/ di dalamnya).",
        "en": "The folder “{path}” is not a dataset store (it holds no datasets/).",
    },
    "revisions.gone_figure": {"id": "hilang", "en": "gone"},
    # ------------------------------------------------------------------ reader: row reasons and warnings (reader-clean)
    "reason.blank": {"id": "baris kosong", "en": "blank row"},
    "reason.total": {"id": "baris jumlah/total", "en": "total row"},
    "reason.total_by_sum": {
        "id": "baris jumlah/total (nilainya sama dengan jumlah baris lain)",
        "en": "total row (its values equal the sum of other rows)",
    },
    "reason.note": {"id": "catatan atau sumber data", "en": "note or source line"},
    "reason.header_artefact": {"id": "baris nomor kolom (1) (2) (3)…", "en": "row of column numbers (1) (2) (3)…"},
    "reason.no_value": {"id": "nilai kosong", "en": "no value"},
    "reason.not_a_number": {"id": "nilai “{value}” bukan angka", "en": "value “{value}” is not a number"},
    "reason.no_year": {"id": "tahun tidak diketahui", "en": "year unknown"},
    "reason.formula_error": {
        "id": "sel nilai berisi galat rumus Excel {error}, bukan angka: perbaiki rumusnya di Excel lalu unggah lagi",
        "en": "the value cell holds the Excel formula error {error}, not a number: fix the formula in Excel and "
        "upload again",
    },
    "reason.measure_header": {"id": "judul blok: {measure}", "en": "block heading: {measure}"},
    "reason.weight_block": {
        "id": "blok berat (bukan nilai uang): tidak dijumlahkan sebagai nilai ekspor",
        "en": "weight block (not money): not summed as export value",
    },
    "reason.overlap": {
        "id": "tahun {year} sudah dihitung dari berkas “{chosen}”: tidak dijumlahkan dua kali",
        "en": "year {year} is already counted from “{chosen}”: not added twice",
    },
    "reason.summary_sheet": {
        "id": "lembar ringkasan (jumlah lembar {parts}): tidak dihitung agar nilai tidak ganda",
        "en": "summary sheet (the sum of sheets {parts}): not counted, so nothing is doubled",
    },
    "warn.total_mismatch": {
        "id": "Baris jumlah tidak cocok di {where}, baris {row}: tertulis {stated} tetapi jumlah baris di atasnya "
        "{since} (selisih {diff}).",
        "en": "Total row does not match in {where}, row {row}: it says {stated} but the rows above sum to {since} "
        "(difference {diff}).",
    },
    "warn.total_by_sum": {
        "id": "Di {where}, baris {rows} berisi jumlah baris lain (tanpa kata “Jumlah”): dilewati, tidak dijumlahkan.",
        "en": "In {where}, rows {rows} hold the sum of other rows (without the word “Total”): skipped, not added.",
    },
    "warn.total_column": {
        "id": "Di {where}, kolom “{column}” berisi jumlah kolom {parts}: dilewati, tidak dijumlahkan.",
        "en": "In {where}, column “{column}” holds the sum of columns {parts}: skipped, not added.",
    },
    "warn.summary_sheet": {
        "id": "Lembar “{sheet}” pada “{file}” berisi jumlah lembar {parts}: tidak dihitung agar nilai tidak ganda.",
        "en": "Sheet “{sheet}” of “{file}” holds the sum of sheets {parts}: not counted, so nothing is doubled.",
    },
    "warn.unit_not_written": {
        "id": "Satuan tidak tertulis di {where}, dibaca sebagai USD. Periksa: tabel nasional sering dalam juta US$.",
        "en": "No unit is written in {where}, read as USD. Check: national tables are often in million US$.",
    },
    "warn.weight_block": {
        "id": "Di {where}, blok “{measure}” (baris {first}–{last}) adalah berat, bukan nilai: tidak dijumlahkan.",
        "en": "In {where}, the block “{measure}” (rows {first}–{last}) is a weight, not a value: not added.",
    },
    "warn.merged_fill": {
        "id": "{count} sel kosong di {where} diisi dari sel di atasnya (sel gabungan/merge). Periksa bila ini keliru.",
        "en": "{count} blank cells in {where} were filled from the cell above (merged cells). Check if wrong.",
    },
    "warn.overlap": {
        "id": "Berkas “{a}” dan “{b}” sama-sama memuat tahun {years} (komoditi/negara yang sama): tiap tahun dihitung "
        "dari satu berkas saja, “{chosen}”.",
        "en": "Files “{a}” and “{b}” both cover {years} (the same commodities/destinations): each year is counted "
        "from one file only, “{chosen}”.",
    },
    "error.not_export": {
        "id": "Berkas “{file}” tampaknya tabel {what} (kolom “{column}”), bukan tabel ekspor: tidak dibaca. "
        "Unggah tabel nilai ekspor (mis. kolom “Nilai FOB (US$)”).",
        "en": "File “{file}” looks like a table of {what} (column “{column}”), not of exports: not read. "
        "Upload a table of export values (e.g. a “Nilai FOB (US$)” column).",
    },
    "warn.no_rate_cells": {
        "id": "{count} sel nilai dalam {currencies} di {where} tidak dihitung: kurs tahun {years} tidak diketahui "
        "(isi lembar Kurs atau Target/Kurs, atau ketik kursnya).",
        "en": "{count} value cells in {currencies} in {where} were not counted: the rate for {years} is unknown "
        "(fill in the Kurs or Target/Kurs sheet, or type the rate).",
    },
    "warn.bad_cells": {
        "id": "Sel kolom “{column}” di {where} bukan angka dan dilewati, baris {rows}.",
        "en": "Cells of column “{column}” in {where} are not numbers and were left out, rows {rows}.",
    },
    "warn.monthly_no_year": {
        "id": "Tahun untuk tabel bulanan “{file}” tidak diketahui: beri nama lembar dengan tahunnya.",
        "en": "The year of the monthly table “{file}” is unknown: name the sheet after its year.",
    },
    "warn.region": {
        "id": "Tujuan “{name}” adalah kawasan, bukan negara ({rows} baris): dihitung sebagai kawasan.",
        "en": "Destination “{name}” is a region, not a country ({rows} rows): counted as a region.",
    },
    "warn.unknown_destination": {
        "id": "Negara tujuan “{name}” tidak dikenali ({rows} baris): disimpan apa adanya.",
        "en": "Destination “{name}” is not recognised ({rows} rows): kept as written.",
    },
    "warn.total_column_mismatch": {
        "id": "Kolom jumlah “{column}” di {where} tidak cocok dengan jumlah kolom di sampingnya, baris {rows}.",
        "en": "The total column “{column}” in {where} does not match the columns beside it, rows {rows}.",
    },
    "sheet.derived": {
        "id": "tabel ringkasan (tahun/bulan ke samping) di samping lembar per pengapalan: tidak dihitung agar nilai "
        "tidak ganda. Unggah tabel ini dalam berkas terpisah bila memang datanya berbeda.",
        "en": "a summary table (years/months across) beside the sheet of shipments: not counted, so nothing is "
        "doubled. Upload it as a separate file if its data really differ.",
    },
    "sheet.no_value_column": {
        "id": "tidak ada kolom nilai (mis. “Nilai FOB (US$)”) atau kolom tahun",
        "en": "no value column (e.g. “Nilai FOB (US$)”) or year columns",
    },
    "error.header_only": {
        "id": "Berkas “{file}” hanya berisi judul kolom, tanpa baris data di bawahnya. Isi datanya lalu unggah lagi.",
        "en": "File “{file}” holds only column headers, no rows of data below them. Fill in the data and upload again.",
    },
    "error.no_value_column": {
        "id": "Berkas “{file}” tidak punya kolom nilai ekspor. Tambahkan kolom “Nilai FOB (US$)” (atau kolom per "
        "tahun/bulan) lalu unggah lagi.",
        "en": "File “{file}” has no export value column. Add a “Nilai FOB (US$)” column (or one column per "
        "year/month) and upload again.",
    },
    "error.no_export_table": {"id": "Berkas “{file}” tidak berisi tabel ekspor.", "en": "File “{file}” holds no export table."},
    "what.production": {"id": "produksi", "en": "production"},
    "what.imports": {"id": "impor", "en": "imports"},
    "what.consumption": {"id": "konsumsi", "en": "consumption"},
    "what.sales": {"id": "penjualan", "en": "sales"},
    "what.investment": {"id": "investasi", "en": "investment"},
    "what.gdp": {"id": "PDRB", "en": "regional GDP"},
    "what.prices": {"id": "harga", "en": "prices"},
    "error.no_rows_used": {
        "id": "Tidak ada baris ekspor yang bisa dipakai di berkas “{file}”: {count} baris, alasannya tercantum di "
        "laporan (mis. baris {row}: {reason}).",
        "en": "No usable export rows in “{file}”: {count} rows, each with its reason in the report (e.g. row {row}: "
        "{reason}).",
    },
    # ------------------------------------------------------------------ Ringkasan: how the files were read (lead)
    "overview.unit_not_written": {
        "id": "Satuan nilai tidak tertulis di “{file}”, lembar “{sheet}”: dibaca sebagai USD.",
        "en": "The unit of the values is not written in “{file}”, sheet “{sheet}”: read as USD.",
    },
    "overview.overlap": {
        "id": "Tahun {year} ada di beberapa berkas ({files}): dihitung sekali, dari {counted}.",
        "en": "The year {year} is in several files ({files}): counted once, from {counted}.",
    },
    "overview.warnings": {
        "id": "Pembacaan berkas mencatat {n} peringatan (mis. baris total yang tidak sama dengan jumlah di atasnya).",
        "en": "Reading the files raised {n} warnings (a total row that differs from the rows above it, say).",
    },
    "overview.to_quality": {"id": "Buka Kualitas Data", "en": "Open Data Quality"},
    "overview.see_quality": {
        "id": "Periksa di halaman Kualitas Data sebelum angka ini diteruskan.",
        "en": "Check the Data Quality page before passing these figures on.",
    },
}


def t(key: str, lang: str = "id", /, **values: object) -> str:
    """('filters.year', 'id', year=2020) -> 'tahun 2020'; unknown key -> the key itself"""
    entry = CATALOGUE.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry["id"]
    return text.format(**values) if values else text
