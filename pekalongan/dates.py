"""Months, years and dates as the office writes them: Indonesian month names, day-first dates, Excel serials.

Column-wise functions return polars expressions (files reach a million rows); the `*_of_header` / `*_of_text`
helpers are plain Python because they run once per header, sheet name or title.
"""

from __future__ import annotations

import functools
import re
from typing import Final

import polars as pl

from pekalongan.vocabulary import MONTH_NAMES, QUARTER_WORDS, ROMAN, SEMESTER_WORDS, YEAR_MARKS

_NAMES: Final = MONTH_NAMES

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
# A code before a month name, as statistics downloads write it: `[01] Januari`, `(02) Februari`, `03. Maret`.
_CODE_PREFIX: Final = r"^(?:[\[(]\s*\d{1,2}\s*[\])]|\d{1,2}\s*[.)])\s*([a-z])"


def month_number(expr: pl.Expr) -> pl.Expr:
    """'Pebruari' -> 2; 'Agt' -> 8; ' DESEMBER ' -> 12; '03' -> 3; 'Maret 2021' -> 3; '[01] Januari' -> 1; 13 -> null"""
    # Casting to text first lets integer and float columns take the same path: 3 -> "3", 3.0 -> "3.0", 13 -> null.
    # strip_chars(" ") rather than strip_chars(): in polars 2.1 the argument-less form stops the optimiser from
    # sharing `text` between the two extracts below.
    text = expr.cast(pl.String).str.to_lowercase().str.replace_all(r"\s+", " ").str.strip_chars(" ")
    text = text.str.replace(_CODE_PREFIX, "$1")
    key = pl.coalesce(text.str.extract(_MONTH_NAME, 1), text.str.extract(_MONTH_DIGITS, 1))
    return key.replace_strict(MONTHS, default=None, return_dtype=pl.Int8)


def month_of_header(text: str | None) -> int | None:
    """'Januari' -> 1; 'JAN 2021' -> 1; 'Feb.' -> 2; '[02] Februari' -> 2; '03. Maret' -> 3; 'Jumlah' -> None"""
    if text is None:
        return None
    key = re.sub(_CODE_PREFIX, r"\1", re.sub(r"\s+", " ", str(text)).strip().lower())
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


# --- years with marks -----------------------------------------------------------------------------------------------

# `2021*)`, `2022**)`, `2020r)`, `2023*`, `2021 (r)`, `2022 Prelim`, `Tahun 2021*`: a year, then a mark in or out
# of brackets. The mark's words are the vocabulary's (`YEAR_MARKS`).
_MARK_WORDS: Final = "|".join(sorted((re.escape(k) for k in YEAR_MARKS), key=len, reverse=True))
_YEAR_LABEL: Final = (
    rf"^(?:tahun|thn|th|year)?\.?\s*((?:19|20)\d{{2}})(?:\.0+)?\s*(?:[(\[]\s*)?({_MARK_WORDS})?\s*[)\]]?\s*\)?$"
)
_YEAR_LABEL_RE: Final = re.compile(_YEAR_LABEL, re.IGNORECASE)


def year_label(text: object) -> tuple[int, str | None] | None:
    """'2021*)' -> (2021, 'provisional'); '2022**)' -> (2022, 'very_provisional'); '2020r)' -> (2020, 'revised');
    '2021' -> (2021, None); 'Jan-Mei 2024' -> None"""
    if text is None:
        return None
    found = _YEAR_LABEL_RE.match(re.sub(r"\s+", " ", str(text)).strip())
    if found is None or not _FIRST_YEAR <= int(found[1]) <= _LAST_YEAR:
        return None
    return int(found[1]), YEAR_MARKS.get(found[2].lower()) if found[2] else None


def year_mark(expr: pl.Expr) -> pl.Expr:
    """'2021*)' -> 'provisional'; '2022 **' -> 'very_provisional'; '2021 (r)' -> 'revised'; '2021' -> null"""
    text = expr.cast(pl.String).str.replace_all(r"\s+", " ").str.strip_chars(" ").str.to_lowercase()
    return text.str.extract(_YEAR_LABEL, 2).replace_strict(YEAR_MARKS, default=None, return_dtype=pl.String)


def year_column(expr: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    """2020.0 -> 2020; 'Tahun 2020' -> 2020; '2021*)' -> 2021; '2021-03-15' -> 2021; 44197 (a date) -> 2021; '20x' ->
    null"""
    if dtype == pl.Date or dtype == pl.Datetime:
        year = expr.dt.year().cast(pl.Int32)
    elif dtype.is_numeric():
        # A number too large for a year in a `Tahun` column is an Excel date.
        year = pl.coalesce(
            pl.when(expr.is_between(_FIRST_YEAR, _LAST_YEAR)).then(expr.cast(pl.Int32, strict=False)),
            _from_serial(expr).dt.year().cast(pl.Int32),
        )
    else:
        text = expr.cast(pl.String)
        written = text.str.extract(r"((?:19|20)\d{2})").cast(pl.Int32, strict=False)
        year = pl.coalesce(parse_date(text).dt.year().cast(pl.Int32), written)
    return pl.when(year.is_between(_FIRST_YEAR, _LAST_YEAR)).then(year)


# --- periods written as text ----------------------------------------------------------------------------------------

# A quarter or a half-year keeps its period (`Q2`, `S1`): a quarter's value is never split into invented months.
_NUMERAL: Final = r"(iv|i{1,3}|[1-4])"
_QUARTER: Final = "|".join(sorted(QUARTER_WORDS, key=len, reverse=True))
_SEMESTER: Final = "|".join(sorted(SEMESTER_WORDS, key=len, reverse=True))
_YEAR_AFTER: Final = r"(?:\s*[-/,'.]?\s*(?:(?:tahun|th)\.?\s*)?(\d{4}|'\d{2}))?"
_PERIOD_TEXT: Final[dict[str, tuple[str, str]]] = {
    # code letter -> (pattern with numeral and year groups, pattern with year first)
    "Q": (rf"^(?:{_QUARTER})\s*[-.]?\s*{_NUMERAL}\b{_YEAR_AFTER}$", rf"^(\d{{4}})\s*[-/]?\s*(?:{_QUARTER})\s*{_NUMERAL}$"),
    "S": (rf"^(?:{_SEMESTER})\s*[-.]?\s*{_NUMERAL}\b{_YEAR_AFTER}$", rf"^(\d{{4}})\s*[-/]?\s*(?:{_SEMESTER})\s*{_NUMERAL}$"),
}
_NUMERALS: Final[dict[str, int]] = {**ROMAN, **{str(n): n for n in range(1, 5)}}
_LIMIT: Final[dict[str, int]] = {"Q": 4, "S": 2}
# "Januari 2021", "Jan-21", "Jan'21", "JAN 2021", "[01] Januari", "Bulan Maret 2021"
_MONTH_YEAR: Final = r"^(?:bulan\s*)?([a-z]+)\.?(?:[\s\-/,.']*(\d{4}|\d{2}))?\s*(?:\*+\)?|\(\w+\))?$"
_ISO_MONTH: Final = (r"^(\d{4})[-/.](\d{1,2})$", r"^(\d{1,2})[-/.](\d{4})$")  # 2021-03, 03/2021


def _two_digit_year(text: pl.Expr) -> pl.Expr:
    """'21' -> 2021; "'21" -> 2021; '2021' -> 2021"""
    digits = text.str.strip_chars("'")
    number = digits.cast(pl.Int32, strict=False)
    return pl.when(digits.str.len_chars() == 2).then(number + 2000).otherwise(number)


def _period_code(text: pl.Expr, letter: str) -> tuple[pl.Expr, pl.Expr]:
    """'triwulan ii 2021' -> ('Q2', 2021) for letter 'Q'; null for anything else."""
    numeral_first, year_first = _PERIOD_TEXT[letter]
    numeral = pl.coalesce(text.str.extract(numeral_first, 1), text.str.extract(year_first, 2))
    number = numeral.replace_strict(_NUMERALS, default=None, return_dtype=pl.Int8)
    code = pl.when(number.is_between(1, _LIMIT[letter])).then(pl.lit(letter) + number.cast(pl.String))
    year = pl.coalesce(_two_digit_year(text.str.extract(numeral_first, 2)),
                       text.str.extract(year_first, 1).cast(pl.Int32, strict=False))
    return code, pl.when(code.is_not_null()).then(year)


def period_of_text(expr: pl.Expr) -> pl.Expr:
    """-> struct(year, month, period): 'Januari 2021' -> (2021, 1, null); 'Jan-21' -> (2021, 1, null); '19-Jan-2021'
    -> (2021, 1, null); 'Triwulan II 2021' -> (2021, null, 'Q2'); 'TW III' -> (null, null, 'Q3'); 'Semester II
    2021' -> (2021, null, 'S2'); '44197' -> (2021, 1, null); '[01] Januari' -> (null, 1, null)"""
    text = (
        expr.cast(pl.String).str.to_lowercase().str.replace_all(r"\s+", " ").str.strip_chars(" ")
        .str.replace(_CODE_PREFIX, "$1")
    )
    date = parse_date(expr)
    name = text.str.extract(_MONTH_YEAR, 1).replace_strict(_MONTH_WORDS, default=None, return_dtype=pl.Int8)
    name_year = pl.when(name.is_not_null()).then(_two_digit_year(text.str.extract(_MONTH_YEAR, 2)))
    iso_year = pl.coalesce(text.str.extract(_ISO_MONTH[0], 1), text.str.extract(_ISO_MONTH[1], 2))
    iso_month = pl.coalesce(text.str.extract(_ISO_MONTH[0], 2), text.str.extract(_ISO_MONTH[1], 1))
    iso_month = iso_month.cast(pl.Int8, strict=False)
    iso_ok = iso_month.is_between(1, 12)
    quarter, quarter_year = _period_code(text, "Q")
    semester, semester_year = _period_code(text, "S")
    year = pl.coalesce(
        date.dt.year().cast(pl.Int32), name_year, pl.when(iso_ok).then(iso_year.cast(pl.Int32, strict=False)),
        quarter_year, semester_year,
    )
    month = pl.coalesce(date.dt.month().cast(pl.Int8), name, pl.when(iso_ok).then(iso_month))
    return pl.struct(
        pl.when(year.is_between(_FIRST_YEAR, _LAST_YEAR)).then(year).cast(pl.Int32).alias("year"),
        month.cast(pl.Int8).alias("month"),
        pl.coalesce(quarter, semester).alias("period"),
    )


_PERIOD_IN_TITLE: Final = re.compile(
    rf"\b(?:(?P<q>{_QUARTER})|(?P<s>{_SEMESTER}))\s*[-.]?\s*(?P<n>iv|i{{1,3}}|[1-4])\b", re.IGNORECASE
)


# Texts read by `period_of_headers` in one pass: one polars query per sheet name costs ~15 ms, and a workbook may
# hold 250 sheets.
_PRIMED: dict[str, dict[str, object]] = {}


def period_of_headers(texts: list[str | None]) -> None:
    """Read the periods of many sheet names and titles in one query, for `period_of_header` to find."""
    fresh = list(dict.fromkeys(str(t) for t in texts if t and str(t) not in _PRIMED))
    if len(fresh) < 2:
        return
    if len(_PRIMED) + len(fresh) > 8192:
        _PRIMED.clear()
    found = pl.DataFrame({"t": fresh}, schema={"t": pl.String}).select(period_of_text(pl.col("t")).alias("p"))
    _PRIMED.update(zip(fresh, found.get_column("p").to_list(), strict=True))


@functools.lru_cache(maxsize=4096)
def period_of_header(text: str | None) -> tuple[int | None, int | None, str | None]:
    """'Jan-21' -> (2021, 1, None); 'TW III 2021' -> (2021, None, 'Q3'); 'Ekspor Triwulan II Tahun 2021' -> (2021,
    None, 'Q2'); 'Sheet1' -> (None, None, None)"""
    if not text:
        return None, None, None
    row = _PRIMED.get(str(text))
    if row is None:
        row = pl.select(period_of_text(pl.lit(str(text), pl.String)).alias("p")).item()
    year, month, period = row["year"], row["month"], row["period"]
    if period is None:
        # A title says its quarter among other words ("Rekap Ekspor Triwulan II Tahun 2021").
        found = _PERIOD_IN_TITLE.search(str(text))
        number = _NUMERALS.get(found["n"].lower()) if found else None
        letter = "Q" if found and found["q"] else "S"
        if number is not None and number <= _LIMIT[letter]:
            period = f"{letter}{number}"
    return year or year_of_text(text), month, period
