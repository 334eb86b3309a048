"""The blank XLSX template officials fill in: canonical headers, an example row, drop-down lists, instructions."""

from __future__ import annotations

import io
from datetime import date, datetime

import xlsxwriter

from pekalongan.i18n import t

HEADERS = (
    "No", "Tanggal", "Nama Perusahaan", "Jenis Eksportir", "Komoditi", "Pos Tarif/HS", "Negara Tujuan",
    "Berat (Kg)", "Nilai FOB (US$)",
)
EXAMPLE = (1, date(2024, 1, 15), "CV Batik Pesisir Jaya", "UMKM", "Sarung Batik", "62149090", "Singapura", 1250,
           18500.00)
EXPORTER_TYPE_CHOICES = ("Eksportir Baru", "UMKM", "Besar")
TARGET_HEADERS = ("Tahun", "Target (US$)", "Kurs (Rp/US$)", "Catatan")
ROWS_WITH_LISTS = 5000


def template_xlsx(lang: str = "id") -> bytes:
    """-> the bytes of a fresh template workbook (sheets: Data, Target, Petunjuk)."""
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    wb.set_properties({"title": t("guide.template_title", lang), "created": datetime(2024, 1, 1)})
    bold = wb.add_format({"bold": True, "bg_color": "#dceaf4", "border": 1, "text_wrap": True, "valign": "top"})
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    money = wb.add_format({"num_format": "#,##0.00"})
    kg = wb.add_format({"num_format": "#,##0"})
    text = wb.add_format({"num_format": "@"})

    data = wb.add_worksheet("Data")
    data.write_row(0, 0, HEADERS, bold)
    data.write_number(1, 0, EXAMPLE[0])
    data.write_datetime(1, 1, datetime.combine(EXAMPLE[1], datetime.min.time()), date_fmt)
    data.write_string(1, 2, EXAMPLE[2])
    data.write_string(1, 3, EXAMPLE[3])
    data.write_string(1, 4, EXAMPLE[4])
    data.write_string(1, 5, EXAMPLE[5], text)
    data.write_string(1, 6, EXAMPLE[6])
    data.write_number(1, 7, EXAMPLE[7], kg)
    data.write_number(1, 8, EXAMPLE[8], money)
    for col, width in enumerate((6, 12, 32, 18, 24, 14, 20, 14, 18)):
        data.set_column(col, col, width)
    data.set_column(1, 1, 12, date_fmt)
    data.set_column(5, 5, 14, text)  # HS codes keep their leading zeros only as text
    data.set_column(7, 7, 14, kg)
    data.set_column(8, 8, 18, money)
    data.freeze_panes(1, 0)
    data.data_validation(1, 3, ROWS_WITH_LISTS, 3, {
        "validate": "list", "source": list(EXPORTER_TYPE_CHOICES),
        "input_title": t("guide.validation_title", lang), "input_message": t("guide.validation_message", lang),
    })
    data.data_validation(1, 8, ROWS_WITH_LISTS, 8, {
        "validate": "decimal", "criteria": ">=", "value": 0,
        "error_message": t("guide.validation_number", lang),
    })

    target = wb.add_worksheet("Target")
    target.write_row(0, 0, TARGET_HEADERS, bold)
    target.write_row(1, 0, [2024, 27000000, 15500, t("guide.target_example_note", lang)])
    target.set_column(0, 0, 8)
    target.set_column(1, 2, 18, money)
    target.set_column(3, 3, 48)

    guide = wb.add_worksheet(t("guide.sheet_name", lang))
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    guide.set_column(0, 0, 110, wrap)
    guide.write(0, 0, t("guide.template_title", lang), wb.add_format({"bold": True, "font_size": 14}))
    for i, line in enumerate(t("guide.steps", lang).split("\n"), start=2):
        guide.write(i, 0, line)
    wb.close()
    return buffer.getvalue()
