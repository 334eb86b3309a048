"""Deterministic benchmark files: an SKA register as the office keeps it, at any number of rows.

CSV: a title line, then `No;Tanggal;Nama Perusahaan;...;Nilai FOB (US$)`, semicolon-delimited, CRLF, numbers as
Indonesian text (`1.234.567,89`), dates as `19/01/2021`, `19 Januari 2021` or `7 Agt 2021`, a `JUMLAH` row and a
`Sumber:` note at the end. XLSX (written by xlsxwriter): two title rows and a blank row above the header, date
cells, number cells, HS codes as text, the same `JUMLAH` row (a SUM formula with its value) and note.

The same `n` and seed always give the same bytes, so files are cached in benchmarks/out/ and made only if missing.
"""

from __future__ import annotations

import io
import os
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import polars as pl

VERSION = 1  # part of every file name: bump it when the generator changes, so stale cached files are not reused
HEADER = (
    "No", "Tanggal", "Nama Perusahaan", "Jenis Eksportir", "Komoditi", "HS", "Negara Tujuan", "Berat (Kg)",
    "Nilai FOB (US$)",
)
TITLE = "REKAPITULASI EKSPOR KOTA PEKALONGAN BERDASARKAN SKA TAHUN 2018 S.D. 2024"
OFFICE = "Dinas Perdagangan, Koperasi dan UKM Kota Pekalongan"
NOTE = "Sumber: e-SKA Dinas Perdagangan, Koperasi dan UKM Kota Pekalongan (diolah)"
FIRST_DAY, LAST_DAY = date(2018, 1, 2), date(2024, 12, 31)

# (commodity, HS as written, USD per kg low, high, share of shipments)
COMMODITIES = (
    ("Sarung Batik", "62149090", 6.0, 12.0, 22),
    ("Kain Batik", "52085200", 5.0, 15.0, 18),
    ("Batik Tulis", "52085990", 15.0, 20.0, 5),
    ("Kemeja Batik", "62052000", 12.0, 20.0, 6),
    ("Pakaian Jadi Batik", "62044200", 10.0, 20.0, 6),
    ("Surimi", "03049900", 3.0, 5.0, 16),
    ("Ikan Beku", "0303.89", 1.5, 3.0, 8),
    ("Udang Beku", "0306.17", 7.0, 11.0, 4),
    ("Kerupuk Ikan", "1905.90", 3.0, 6.0, 4),
    ("Tenun ATBM", "6304.99", 8.0, 18.0, 4),
    ("Furniture Kayu", "9403.60", 2.0, 5.0, 4),
    ("Crab Shell Pellet", "0508.00", 0.8, 1.2, 3),
)
# Destinations as offices write them (Indonesian, English, nicknames, two regions), with a share of shipments.
DESTINATIONS = (
    ("Singapura", 10), ("Singapore", 3), ("Malaysia", 10), ("Korea Selatan", 7), ("Korsel", 2), ("Thailand", 6),
    ("Tanzania", 6), ("Jepang", 6), ("Uni Emirat Arab", 3), ("Dubai", 2), ("Arab Saudi", 4), ("Jeddah", 1),
    ("Amerika Serikat", 5), ("Amerika", 1), ("Tiongkok", 4), ("RRT", 1), ("Taiwan", 2), ("Hong Kong", 2),
    ("Mesir", 2), ("Turki", 2), ("Belanda", 2), ("Jerman", 1), ("Perancis", 1), ("Inggris", 1), ("Australia", 2),
    ("India", 1), ("Vietnam", 1), ("Filipina", 1), ("Kanada", 1), ("Italia", 1), ("Spanyol", 1),
    ("Brunei Darussalam", 1), ("Qatar", 1), ("Kuwait", 1), ("Nigeria", 1), ("Kenya", 1), ("Afrika Selatan", 1),
    ("Pakistan", 1), ("Bangladesh", 1), ("Sri Lanka", 1), ("Eropa", 1), ("Timur Tengah", 1),
)
EXPORTER_TYPES = (("UMKM", 45), ("Eksportir Baru", 10), ("Besar", 20), ("Non UMKM", 20), ("IKM", 5))
N_EXPORTERS = 300
MONTHS_ID = ("Januari", "Pebruari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "Nopember", "Desember")
MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agt", "Sep", "Okt", "Nov", "Des")
_TO_ID = str.maketrans(",.", ".,")


def _p(weights: list[float]) -> np.ndarray:
    w = np.asarray(weights, dtype=float)
    return w / w.sum()


def _exporters(rng: np.random.Generator) -> tuple[list[str], list[str]]:
    """N_EXPORTERS distinct company names and each one's 'Jenis Eksportir'."""
    forms = ("PT", "CV", "UD")
    trades = ("Batik", "Sarung", "Mina", "Samudra", "Tenun", "Kriya", "Bahari", "Surimi", "Mebel", "Kerupuk")
    places = ("Kauman", "Pasirsari", "Setono", "Bandengan", "Krapyak", "Medono", "Banyurip", "Pesindon",
              "Landungsari", "Kradenan", "Jenggot", "Kergon", "Sapuro", "Degayu", "Tirto", "Podosugih", "Noyontaan",
              "Pringrejo", "Panjang Wetan", "Kuripan")
    ends = ("Jaya", "Makmur", "Lestari", "Sejahtera", "Mandiri", "Indah", "Nusantara", "Internasional")
    everything = [f"{f} {t} {p} {e}" for f in forms for t in trades for p in places for e in ends]
    picked = rng.choice(len(everything), size=N_EXPORTERS, replace=False)
    names = [everything[i] for i in picked]
    kinds = [k for k, _ in EXPORTER_TYPES]
    types = [kinds[i] for i in rng.choice(len(kinds), size=N_EXPORTERS, p=_p([w for _, w in EXPORTER_TYPES]))]
    return names, types


def _rows(n: int) -> tuple[dict[str, np.ndarray], tuple[list[str], list[str]]]:
    """n shipments as arrays: day offset, date style, exporter, commodity, destination, kg, USD."""
    rng = np.random.default_rng(20240601 + n)
    days = (LAST_DAY - FIRST_DAY).days + 1
    exporter_share = 1.0 / np.arange(1, N_EXPORTERS + 1) ** 0.9  # a few large exporters, a long tail
    commodity = rng.choice(len(COMMODITIES), size=n, p=_p([c[4] for c in COMMODITIES]))
    lo = np.array([c[2] for c in COMMODITIES])[commodity]
    hi = np.array([c[3] for c in COMMODITIES])[commodity]
    kg = np.round(rng.lognormal(7.0, 1.2, size=n), 0)
    kg = np.where(rng.random(n) < 0.1, kg + 0.5, kg)  # some weights have a half kilo
    usd = np.round(kg * rng.uniform(lo, hi), 2)
    return {
        "day": np.sort(rng.integers(0, days, size=n)),  # a register runs in date order
        "style": rng.choice(3, size=n, p=[0.6, 0.3, 0.1]),
        "exporter": rng.choice(N_EXPORTERS, size=n, p=_p(exporter_share.tolist())),
        "commodity": commodity,
        "shout": rng.random(n) < 0.02,  # a few commodity cells typed in capitals
        "destination": rng.choice(len(DESTINATIONS), size=n, p=_p([d[1] for d in DESTINATIONS])),
        "kg": kg,
        "usd": usd,
    }, _exporters(rng)


def _id_number(value: float, decimals: int) -> str:
    """1234567.891 -> '1.234.567,89' (decimals=2); 12500.0 -> '12.500' (decimals=0 when whole)"""
    return f"{value:,.{decimals}f}".translate(_TO_ID)


def _date_texts() -> np.ndarray:
    """Every day of the span in each of the three ways the office types it, indexed day * 3 + style."""
    out = []
    for i in range((LAST_DAY - FIRST_DAY).days + 1):
        d = FIRST_DAY + timedelta(days=i)
        out += [f"{d:%d/%m/%Y}", f"{d.day} {MONTHS_ID[d.month - 1]} {d.year}", f"{d.day} {MONTHS_SHORT[d.month - 1]} {d.year}"]
    return np.array(out, dtype=object)


def write_csv(path: Path, n: int) -> None:
    """An n-row SKA register as the office's Excel saves it to CSV (semicolons, Indonesian numbers, CRLF)."""
    rows, (exporters, types) = _rows(n)
    commodities = np.array([c[0] for c in COMMODITIES] + [c[0].upper() for c in COMMODITIES], dtype=object)
    hs = np.array([c[1] for c in COMMODITIES], dtype=object)
    frame = pl.DataFrame(
        {
            "No": np.arange(1, n + 1),
            "Tanggal": _date_texts()[rows["day"] * 3 + rows["style"]],
            "Nama Perusahaan": np.array(exporters, dtype=object)[rows["exporter"]],
            "Jenis Eksportir": np.array(types, dtype=object)[rows["exporter"]],
            "Komoditi": commodities[rows["commodity"] + len(COMMODITIES) * rows["shout"]],
            "HS": hs[rows["commodity"]],
            "Negara Tujuan": np.array([d[0] for d in DESTINATIONS], dtype=object)[rows["destination"]],
            "Berat (Kg)": [_id_number(v, 0 if v.is_integer() else 1) for v in rows["kg"].tolist()],
            "Nilai FOB (US$)": [_id_number(v, 2) for v in rows["usd"].tolist()],
        },
        schema_overrides={c: pl.String for c in HEADER[1:]},
    )
    body = io.BytesIO()
    frame.write_csv(body, separator=";", include_header=True, line_terminator="\r\n", quote_style="necessary")
    total = f"JUMLAH;;;;;;;{_id_number(float(rows['kg'].sum()), 1)};{_id_number(float(rows['usd'].sum()), 2)}"
    _atomic_write(path, f"{TITLE}\r\n".encode() + body.getvalue() + f"{total}\r\n{NOTE}\r\n".encode())


def write_xlsx(path: Path, n: int) -> None:
    """An n-row SKA register as an Excel workbook: title rows, date and number cells, a JUMLAH row, a note."""
    import xlsxwriter

    rows, (exporters, types) = _rows(n)
    tmp = path.with_suffix(".tmp.xlsx")
    book = xlsxwriter.Workbook(str(tmp), {"constant_memory": True})
    book.set_properties({"created": datetime(2025, 1, 2)})  # a fixed date keeps the bytes the same every time
    sheet = book.add_worksheet("SKA 2018-2024")
    bold = book.add_format({"bold": True})
    day_fmt = book.add_format({"num_format": "dd/mm/yyyy"})
    kg_fmt = book.add_format({"num_format": "#,##0.0"})
    usd_fmt = book.add_format({"num_format": "#,##0.00"})
    sheet.merge_range(0, 0, 0, len(HEADER) - 1, TITLE, bold)
    sheet.merge_range(1, 0, 1, len(HEADER) - 1, OFFICE)
    sheet.write_row(3, 0, HEADER, bold)
    days = [datetime.combine(FIRST_DAY + timedelta(days=i), datetime.min.time())
            for i in range((LAST_DAY - FIRST_DAY).days + 1)]
    first = 4
    columns = zip(rows["day"].tolist(), rows["exporter"].tolist(), rows["commodity"].tolist(),
                  rows["shout"].tolist(), rows["destination"].tolist(), rows["kg"].tolist(), rows["usd"].tolist())
    for i, (day, exp, com, shout, dest, kg, usd) in enumerate(columns):
        r = first + i
        name = COMMODITIES[com][0]
        sheet.write_number(r, 0, i + 1)
        sheet.write_datetime(r, 1, days[day], day_fmt)
        sheet.write_string(r, 2, exporters[exp])
        sheet.write_string(r, 3, types[exp])
        sheet.write_string(r, 4, name.upper() if shout else name)
        sheet.write_string(r, 5, COMMODITIES[com][1])
        sheet.write_string(r, 6, DESTINATIONS[dest][0])
        sheet.write_number(r, 7, kg, kg_fmt)
        sheet.write_number(r, 8, usd, usd_fmt)
    last = first + n
    sheet.write_string(last, 0, "JUMLAH", bold)
    sheet.write_formula(last, 7, f"=SUM(H{first + 1}:H{last})", kg_fmt, float(rows["kg"].sum()))
    sheet.write_formula(last, 8, f"=SUM(I{first + 1}:I{last})", usd_fmt, float(rows["usd"].sum()))
    sheet.write_string(last + 2, 0, NOTE)
    book.close()
    os.replace(tmp, path)


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def ensure(out: Path, n: int, kind: str) -> Path:
    """The cached n-row file of this kind ('csv' or 'xlsx'), written first if missing."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"ska_{n}_v{VERSION}.{kind}"
    if not path.exists():
        (write_csv if kind == "csv" else write_xlsx)(path, n)
    return path
