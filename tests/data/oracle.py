"""The independent oracle of the corpus: what the reader must conclude from each file, computed from the literal
tables (`cases.py`) in Decimal, never by reading a file back; and the JSON (`expected.json`) that says it.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

# --------------------------------------------------------------------------------------------------------------
# How the reader is expected to interpret names (the reader declares its own tables; these are the answers).
# --------------------------------------------------------------------------------------------------------------

DESTINATIONS: dict[str, str] = {  # as written -> ISO 3166-1 alpha-3
    "Singapura": "SGP", "Singapore": "SGP",
    "Korsel": "KOR", "Korea Selatan": "KOR", "South Korea": "KOR",
    "RRT": "CHN", "Tiongkok": "CHN", "China": "CHN",
    "Amerika": "USA", "Amerika Serikat": "USA", "United States": "USA",
    "Hongkong": "HKG",
    "Dubai": "ARE", "Uni Emirat Arab": "ARE",
    "Jeddah": "SAU", "Arab Saudi": "SAU", "Saudi Arabia": "SAU",
    "Jepang": "JPN", "Japan": "JPN",
    "Malaysia": "MYS",
    "Belanda": "NLD", "Netherlands": "NLD",
    "Vietnam": "VNM",
    "Australia": "AUS",
    "Taiwan": "TWN",
    "Tanzania": "TZA",
    "Türkiye": "TUR",
    "Côte d'Ivoire": "CIV",
}
REGIONS = {"Eropa"}  # kept as the region name

EXPORTER_TYPES: dict[str, str] = {  # as written (lower case) -> class
    "eksportir baru": "new", "baru": "new", "new": "new",
    "umkm": "umkm", "ikm": "umkm", "sme": "umkm", "usaha kecil": "umkm",
    "besar": "established", "non umkm": "established", "lama": "established", "established": "established",
    "": "unknown",
}

ID_MONTHS = {  # Indonesian month names and abbreviations as offices write them
    "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "maret": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8, "agt": 8,
    "agu": 8, "september": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11, "nopember": 11, "nov": 11,
    "nop": 11, "desember": 12, "des": 12,
}


# --------------------------------------------------------------------------------------------------------------
# What the reader should conclude from a file
# --------------------------------------------------------------------------------------------------------------


@dataclass
class Record:
    """One export record the reader must keep."""

    sheet: str | None
    row: int
    value_usd: Decimal
    year: int
    month: int | None = None
    date: date | None = None
    exporter: str | None = None
    exporter_type: str | None = None  # as written; None = no such column
    commodity: str | None = None  # as written (after forward-filling merged cells)
    hs_code: str | None = None
    destination: str | None = None  # as written
    weight_kg: Decimal | None = None
    column: str | None = None  # the header of the value cell, for wide tables


@dataclass
class Outcome:
    """Everything the reader should report about one file."""

    notes: str
    records: list[Record] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    totals: list[dict] = field(default_factory=list)
    header_rows: dict[str, int] = field(default_factory=dict)
    sheets_without_table: list[str] = field(default_factory=list)
    derived_columns: dict[str, list[str]] = field(default_factory=dict)
    unit_multiplier: int = 1
    extra: dict = field(default_factory=dict)

    def skip(self, sheet: str | None, row: int, reason: str) -> None:
        self.skipped.append({"sheet": sheet, "row": row, "reason": reason})

    def reject(self, sheet: str | None, row: int, reason: str) -> None:
        self.rejected.append({"sheet": sheet, "row": row, "reason": reason})

    def total(self, sheet: str | None, row: int, column: str, stated: Decimal, computed: Decimal) -> None:
        self.totals.append({"sheet": sheet, "row": row, "column": column, "stated_usd": money(stated),
                            "computed_usd": money(computed), "matches": stated == computed})


def money(value: Decimal) -> float:
    """Decimal('12340000.000') -> 12340000.0 (rounded to the cent)"""
    return float(value.quantize(Decimal("0.01")))


def dec(value: float | int | str) -> Decimal:
    """12.34 -> Decimal('12.34') (through the literal, never through binary floating point)"""
    return Decimal(str(value))


def id_number(text: str) -> Decimal:
    """'1.234.567,89' -> 1234567.89; '19 173,50' -> 19173.50; '12.500' -> 12500"""
    return Decimal(text.replace(" ", "").replace(".", "").replace(",", "."))


def en_number(text: str) -> Decimal:
    """'1,234,567.89' -> 1234567.89; '12,500.00' -> 12500"""
    return Decimal(text.replace(",", ""))


def fmt_id(value: Decimal) -> str:
    """Decimal('1234567.89') -> '1.234.567,89'"""
    return f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def id_date(text: str) -> date:
    """'19/01/2021' -> 2021-01-19; '3 Pebruari 2021' -> 2021-02-03; '7 Agt 2021' -> 2021-08-07"""
    if "/" in text:
        day, month, year = (int(p) for p in text.split("/"))
        return date(year, month, day)
    day, month_name, year = text.split()
    return date(int(year), ID_MONTHS[month_name.lower()], int(day))


# --------------------------------------------------------------------------------------------------------------
# Summaries: the JSON object of one good file
# --------------------------------------------------------------------------------------------------------------


def spelling(text: str) -> str:
    """'  sarung  batik ' -> 'sarung batik'"""
    return " ".join(text.split())


def commodity_keys(records: list[Record]) -> dict[str, str]:
    """Case/spacing variants -> the most frequent spelling (counted over spreadsheet rows)."""
    rows_by_spelling: dict[str, set] = defaultdict(set)
    for r in records:
        if r.commodity is not None:
            rows_by_spelling[spelling(r.commodity)].add((r.sheet, r.row))
    groups: dict[str, Counter] = defaultdict(Counter)
    for s, rows in rows_by_spelling.items():
        groups[s.casefold()][s] = len(rows)
    keys = {}
    for counts in groups.values():
        (best, n), *rest = counts.most_common()
        assert not rest or rest[0][1] < n, f"tie between spellings: {counts}"
        keys.update({s: best for s in counts})
    return keys


def destination_of(written: str) -> tuple[str, str]:
    """'Korsel' -> ('KOR', 'country'); 'Eropa' -> ('Eropa', 'region'); 'Negeri Atlantis' -> (same, 'unknown')"""
    if written in DESTINATIONS:
        return DESTINATIONS[written], "country"
    if written in REGIONS:
        return written, "region"
    return written, "unknown"


def exporter_class(written: str | None) -> str:
    """'Non UMKM' -> 'established'; '' or no column -> 'unknown'"""
    return EXPORTER_TYPES[spelling(written or "").lower()]


def add(table: dict, key: object, value: Decimal) -> None:
    table[str(key)] = table.get(str(key), Decimal(0)) + value


def summarise(outcome: Outcome) -> dict:
    """The expected.json object of one good file."""
    recs = outcome.records
    keys = commodity_keys(recs)
    by = {name: {} for name in ("year", "month", "destination", "exporter_type", "commodity")}
    for r in recs:
        add(by["year"], r.year, r.value_usd)
        if r.month is not None:
            add(by["month"], f"{r.year}-{r.month:02d}", r.value_usd)
        if r.destination is not None:
            add(by["destination"], destination_of(r.destination)[0], r.value_usd)
        add(by["exporter_type"], exporter_class(r.exporter_type), r.value_usd)
        if r.commodity is not None:
            add(by["commodity"], keys[spelling(r.commodity)], r.value_usd)
    kept_rows = {(r.sheet, r.row) for r in recs}
    return {
        "notes": outcome.notes,
        **({"header_row": outcome.header_rows[None]} if None in outcome.header_rows
           else {"header_rows": outcome.header_rows}),
        "unit_multiplier": outcome.unit_multiplier,
        "rows_kept": len(kept_rows),
        "rows_rejected": len(outcome.rejected),
        "rows_skipped": len(outcome.skipped),
        "record_count": len(recs),
        "total_value_usd": money(sum((r.value_usd for r in recs), Decimal(0))),
        **{f"by_{name}": {k: money(v) for k, v in sorted(table.items())} for name, table in by.items()},
        "rejected_rows": [x["row"] for x in outcome.rejected],
        "rejected": outcome.rejected,
        "skipped": outcome.skipped,
        "total_mismatch": any(not t["matches"] for t in outcome.totals),
        "total_rows": outcome.totals,
        "sheets_without_table": outcome.sheets_without_table,
        "derived_columns": outcome.derived_columns,
        **outcome.extra,
        "records": [record_json(r, keys) for r in recs],
    }


def record_json(r: Record, keys: dict[str, str]) -> dict:
    dest, kind = destination_of(r.destination) if r.destination is not None else (None, None)
    return {
        "sheet": r.sheet, "row": r.row, "column": r.column, "year": r.year, "month": r.month,
        "date": r.date.isoformat() if r.date else None, "exporter": r.exporter,
        "exporter_type": exporter_class(r.exporter_type),
        "commodity": keys[spelling(r.commodity)] if r.commodity is not None else None,
        "commodity_as_written": r.commodity, "hs_code": r.hs_code,
        "destination": dest, "destination_kind": kind, "destination_as_written": r.destination,
        "weight_kg": float(r.weight_kg) if r.weight_kg is not None else None, "value_usd": money(r.value_usd),
    }


# --------------------------------------------------------------------------------------------------------------
# Wide statistics-office tables (files 5, 6, 7)
# --------------------------------------------------------------------------------------------------------------


def kemendag_trend(values: list[Decimal]) -> float:
    """Trend (%) as Kemendag computes it: least-squares slope b of ln(value) on the year, as (exp(b) - 1) * 100."""
    ys = [math.log(v) for v in values]
    mean_x, mean_y = (len(ys) - 1) / 2, sum(ys) / len(ys)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(ys)) / sum(
        (x - mean_x) ** 2 for x in range(len(ys)))
    return (math.exp(slope) - 1) * 100


def derived_figures(values: list[Decimal], total_2023: Decimal) -> list[float]:
    """Perub 2023-2022 (%), Peran 2023 (%), Trend 2019-2023 (%), as Kemendag defines them."""
    change = (values[-1] / values[-2] - 1) * 100
    share = values[-1] / total_2023 * 100
    return [round(float(change), 2), round(float(share), 2), round(kemendag_trend(values), 2)]


# --------------------------------------------------------------------------------------------------------------

CONVENTIONS = {
    "rows": "Every non-empty row below the header is kept, rejected or skipped; title rows and blank rows above "
            "the header are not counted. Skipped = blank rows between the header and the last non-empty row, "
            "total rows (JUMLAH/Jumlah/Total) and note rows (Sumber, Catatan, *)). rows_kept counts spreadsheet "
            "rows; record_count counts records (a wide-table row gives one record per non-empty value cell).",
    "row_numbers": "1-based as Excel shows them, per sheet (see 'sheet' in rejected/skipped/records); for text "
                   "files the physical line number in the file, title lines included. Sheet is null for text "
                   "files.",
    "values": "value_usd after applying the unit (Juta = 1e6, Ribu = 1e3), exact to the cent (computed in "
              "Decimal). Cells hold binary floats (12.34 * 1e6 = 12340000.000000002), so compare each value "
              "within 0.005 and sums within 0.01; a total row 'matches' when it is within 0.01 of the sum.",
    "destination": "ISO 3166-1 alpha-3 for countries (Dubai -> ARE, Jeddah -> SAU, Amerika -> USA, "
                   "RRT/Tiongkok -> CHN, Korsel -> KOR); regions as written ('Eropa'); unknown names as "
                   "written ('Negeri Atlantis'). by_destination is {} when the file has no destination column.",
    "exporter_type": "new / umkm / established / unknown; a blank cell or a missing column gives 'unknown', so "
                     "by_exporter_type always sums to total_value_usd.",
    "commodity": "Case and spacing variants merged under the most frequent spelling (counted over spreadsheet "
                 "rows), spaces trimmed and collapsed; by_commodity is {} when the file has no commodity column.",
    "by_month": "'YYYY-MM' -> value_usd, only for records whose month is known.",
}


def dump(expected: dict) -> str:
    """Indented JSON with every innermost object (a record, a row note, a small table) on one line."""
    text = json.dumps(expected, indent=1, ensure_ascii=False)
    one_line = lambda m: "{" + " ".join(part.strip() for part in m.group(1).splitlines()) + "}"  # noqa: E731
    return re.sub(r"\{\n([^{}\[\]]*?)\n\s*\}", one_line, text) + "\n"
