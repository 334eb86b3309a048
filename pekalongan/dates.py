"""Months, years and dates as the office writes them: Indonesian month names, day-first dates, Excel serials.

Column-wise functions return polars expressions (files reach a million rows); the `*_of_header` / `*_of_text`
helpers are plain Python because they run once per header, sheet name or title.
"""

from __future__ import annotations

import re
from typing import Final

import polars as pl

_NAMES: Final[dict[int, tuple[str, ...]]] = {
    1: ("januari", "january", "jan"),
    2: ("februari", "pebruari", "february", "feb", "peb", "febr", "pebr"),
    3: ("maret", "march", "mar"),
    4: ("april", "apr"),
    5: ("mei", "may"),
    6: ("juni", "june", "jun"),
    7: ("juli", "july", "jul"),
    8: ("agustus", "august", "agu", "agt", "ags", "agus", "agst", "aug"),
    9: ("september", "sep", "sept"),
    10: ("oktober", "october", "okt", "oct"),
    11: ("november", "nopember", "nov", "nop"),
    12: ("desember", "december", "des", "dec"),
}

# Every spelling -> month number, keys in lower case (look up with `.lower()`); numbers as text too, "1" and "01".
MONTHS: Final[dict[str, int]] = {
    **{name: month for month, names in _NAMES.items() for name in names},
    **{str(month): month for month in range(1, 13)},
    **{f"{month:02d}": month for month in range(1, 13)},
}

_MONTH_WORDS: Final[dict[str, int]] = {key: value for key, value in MONTHS.items() if key.isalpha()}

# A month name may carry a dot ("Feb."), a trailing year ("JAN 2021", "Mar-21", "Jan'21") and a footnote mark
# ("Maret*", "Desember (r)"); a month number may come from a spreadsheet as a float ("3.0").
_MONTH_NAME: Final = r"^(?:bulan\s*)?([a-z]+)\.?(?:[\s\-/,.']*\d{2}(?:\d{2})?)?\s*(?:\*+\)?|\(\w+\))?$"
_MONTH_DIGITS: Final = r"^(?:bulan\s*)?(\d{1,2})(?:\.0*)?$"


def month_number(expr: pl.Expr) -> pl.Expr:
    """'Pebruari' -> 2; 'Agt' -> 8; ' DESEMBER ' -> 12; '03' -> 3; 'Bulan Maret' -> 3; 'Maret 2021' -> 3; 13 -> null"""
    # Casting to text first lets integer and float columns take the same path: 3 -> "3", 3.0 -> "3.0", 13 -> null.
    # strip_chars(" ") rather than strip_chars(): in polars 2.1 the argument-less form stops the optimiser from
    # sharing `text` between the two extracts below.
    text = expr.cast(pl.String).str.to_lowercase().str.replace_all(r"\s+", " ").str.strip_chars(" ")
    key = pl.coalesce(text.str.extract(_MONTH_NAME, 1), text.str.extract(_MONTH_DIGITS, 1))
    return key.replace_strict(MONTHS, default=None, return_dtype=pl.Int8)


def month_of_header(text: str | None) -> int | None:
    """'Januari' -> 1; 'JAN 2021' -> 1; 'Feb.' -> 2; 'Jumlah' -> None; '3' -> None"""
    if text is None:
        return None
    key = re.sub(r"\s+", " ", str(text)).strip().lower()
    # Names only: a header "1" or "(3)" is far more often a column number than a month.
    found = re.match(_MONTH_NAME, key)
    return _MONTH_WORDS.get(found[1]) if found else None


_YEAR: Final = re.compile(r"(?<!\d)(?<!\d[.,])(\d{4})(?:\.0+)?(?![\d.,]*\d)")
_LABELLED_YEAR: Final = re.compile(r"\b(?:tahun|thn|th|year)\.?\s*(\d{4})(?!\d)", re.IGNORECASE)
_FIRST_YEAR: Final = 1990
_LAST_YEAR: Final = 2100


def year_of_text(text: str | None) -> int | None:
    """'2020' -> 2020; '2020.0' -> 2020; 'REKAP EKSPOR TAHUN 2021' -> 2021; 'Jan-Des 2022' -> 2022; 'Sheet1' -> None"""
    if text is None:
        return None
    text = str(text)
    labelled = [int(y) for y in _LABELLED_YEAR.findall(text) if _FIRST_YEAR <= int(y) <= _LAST_YEAR]
    if labelled:
        return labelled[0]
    years = {int(y) for y in _YEAR.findall(text) if _FIRST_YEAR <= int(y) <= _LAST_YEAR}
    # "Ekspor 2019-2020" names two years; guessing one would file a whole sheet under the wrong year.
    return years.pop() if len(years) == 1 else None


# --- full dates -----------------------------------------------------------------------------------------------------

# Excel's 1900 date system counts 1900-01-01 as day 1 and invents 1900-02-29, so from serial 61 on, day N is
# 1899-12-30 + N days; 1899-12-30 is 25569 days before the Unix epoch that polars counts Date from.
_EXCEL_EPOCH_OFFSET: Final = 25569
# Five-digit serials in this range are 1954..2119; anything else written as a bare number is not a date.
_SERIAL_MIN: Final = 20000
_SERIAL_MAX: Final = 80000

_WEEKDAY: Final = (
    r"^(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)\.?,?\s*"
)
_TIME: Final = r"(?:\s+|t)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:am|pm)?$"

# Every layout is rewritten into one, "day-month-year", by a straight chain of anchored replacements, so a single
# strptime reads them all instead of one strptime per layout.
# Numeric dd/mm is always day first: this is Indonesia.
_TO_DAY_MONTH_YEAR: Final = (
    (r"^(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})$", "$3-$2-$1"),  # 2020-01-19, 2020/01/19
    (r"^(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})$", "$1-$2-$3"),  # 19/01/2020, 19.1.2020
    (r"^(\d{1,2})[\s\-./]*([a-z]+)\.?[\s\-./,]*(\d{4})$", "$1-$2-$3"),  # 19 Januari 2020, 19-Jan-2020
    (r"^([a-z]+)\.?\s*(\d{1,2}),?\s+(\d{4})$", "$2-$1-$3"),  # January 19, 2020
)
# Month names between the two dashes become numbers; the dashes make every name a whole word, so "jun" cannot
# match inside "juni".
_NAME_TO_NUMBER: Final[dict[str, str]] = {f"-{name}-": f"-{month}-" for name, month in _MONTH_WORDS.items()}
_SERIAL: Final = r"^\s*(\d{5}(?:\.\d+)?)\s*$"


def parse_date(expr: pl.Expr) -> pl.Expr:
    """'19/01/2020' -> 2020-01-19; '1 Nopember 2021' -> 2021-11-01; '43849' -> 2020-01-19; '31/02/2020' -> null"""
    text = (
        expr.cast(pl.String)
        .str.to_lowercase()
        .str.replace_all(r"\s+", " ")
        .str.strip_chars(" ")
        .str.replace(_WEEKDAY, "")
        .str.replace(_TIME, "")  # datetime text: the time of day carries nothing we keep
    )
    for pattern, replacement in _TO_DAY_MONTH_YEAR:
        text = text.str.replace(pattern, replacement)
    # strptime with strict=False turns impossible dates such as 31-2-2020 into null instead of raising.
    written = text.str.replace_many(_NAME_TO_NUMBER).str.strptime(pl.Date, "%d-%m-%Y", strict=False)
    serial = expr.cast(pl.String).str.extract(_SERIAL, 1).cast(pl.Float64, strict=False)
    return pl.coalesce(written, _from_serial(serial))


def _from_serial(serial: pl.Expr) -> pl.Expr:
    days = serial.cast(pl.Float64).floor().cast(pl.Int32, strict=False)
    return (
        pl.when(days.is_between(_SERIAL_MIN, _SERIAL_MAX))
        .then((days - _EXCEL_EPOCH_OFFSET).cast(pl.Date))
        .otherwise(None)
    )


def date_column(expr: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    """Datetime 2020-01-19 08:00 -> 2020-01-19; Float64 43849.5 -> 2020-01-19; String '19/01/2020' -> 2020-01-19"""
    if dtype == pl.Date:
        return expr
    if dtype == pl.Datetime:
        return expr.dt.date()
    if dtype.is_numeric():
        # Excel keeps dates as serial numbers; a fraction is the time of day.
        return _from_serial(expr)
    return parse_date(expr)
