"""Months, years and dates as Indonesian offices write them."""

from __future__ import annotations

from datetime import date, datetime

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pekalongan import dates as dates_module
from pekalongan.dates import (
    MONTHS,
    date_column,
    month_number,
    month_of_header,
    parse_date,
    period_of_header,
    period_of_headers,
    period_of_text,
    year_column,
    year_label,
    year_mark,
    year_of_text,
)
from pekalongan.vocabulary import MONTH_NAMES


def months(values: list[object], dtype: pl.DataType = pl.String) -> list[int | None]:
    frame = pl.DataFrame({"m": values}, schema={"m": dtype})
    result = frame.select(month_number(pl.col("m"))).get_column("m")
    assert result.dtype == pl.Int8
    return result.to_list()


def dates(values: list[str | None]) -> list[date | None]:
    frame = pl.DataFrame({"d": values}, schema={"d": pl.String})
    result = frame.select(parse_date(pl.col("d"))).get_column("d")
    assert result.dtype == pl.Date
    return result.to_list()


# --------------------------------------------------------------------------------------------------------- MONTHS

SPELLINGS = {
    1: ["Januari", "January", "Jan"],
    2: ["Februari", "Pebruari", "February", "Feb", "Peb"],
    3: ["Maret", "March", "Mar"],
    4: ["April", "Apr"],
    5: ["Mei", "May"],
    6: ["Juni", "June", "Jun"],
    7: ["Juli", "July", "Jul"],
    8: ["Agustus", "August", "Agu", "Agt", "Ags", "Agus", "Aug"],
    9: ["September", "Sep", "Sept"],
    10: ["Oktober", "October", "Okt", "Oct"],
    11: ["November", "Nopember", "Nov", "Nop"],
    12: ["Desember", "December", "Des", "Dec"],
}
EVERY_SPELLING = [(name, month) for month, names in SPELLINGS.items() for name in names]
NUMBERS_AS_TEXT = [(str(m), m) for m in range(1, 13)] + [(f"{m:02d}", m) for m in range(1, 13)]


@pytest.mark.parametrize(("name", "month"), EVERY_SPELLING + NUMBERS_AS_TEXT)
def test_months_knows_every_spelling(name: str, month: int) -> None:
    assert MONTHS[name.lower()] == month


@pytest.mark.parametrize(("name", "month"), EVERY_SPELLING)
def test_month_number_reads_every_spelling_in_any_case(name: str, month: int) -> None:
    assert months([name, name.upper(), name.lower()]) == [month, month, month]


# --------------------------------------------------------------------------------------------------- month_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pebruari", 2),
        ("Agt", 8),
        (" DESEMBER ", 12),
        ("03", 3),
        ("3", 3),
        ("12", 12),
        ("3.0", 3),  # a month number that went through a spreadsheet float
        ("Bulan Maret", 3),
        ("bulan  maret", 3),
        ("Maret 2021", 3),
        ("Mar-21", 3),
        ("Feb.", 2),
        ("JAN 2021", 1),
        ("Juni\u00a02020", 6),
        ("Maret*", 3),
        ("0", None),
        ("13", None),
        ("00", None),
        ("3.5", None),
        ("Jumlah", None),
        ("Bulan", None),
        ("Jan - Des", None),  # a range is not a month
        ("Januarii", None),
        ("Maret 2021 Juni", None),
        ("", None),
        (None, None),
    ],
)
def test_month_number(text: str | None, expected: int | None) -> None:
    assert months([text]) == [expected]


@pytest.mark.parametrize(
    ("values", "dtype", "expected"),
    [
        ([1, 12, 13, 0, -1, None], pl.Int64, [1, 12, None, None, None, None]),
        ([3, 127], pl.Int8, [3, None]),
        ([7], pl.UInt16, [7]),
        ([3.0, 11.0, 12.5], pl.Float64, [3, 11, None]),
    ],
)
def test_month_number_of_numeric_columns(values: list[object], dtype: pl.DataType, expected: list[int | None]) -> None:
    assert months(values, dtype) == expected


def test_month_number_keeps_the_column_name() -> None:
    frame = pl.DataFrame({"bulan": ["Maret"]})
    assert frame.with_columns(month_number(pl.col("bulan"))).schema == {"bulan": pl.Int8}


# ------------------------------------------------------------------------------------------------ month_of_header


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Januari", 1),
        ("Jan", 1),
        ("JAN 2021", 1),
        ("Feb.", 2),
        ("Pebruari", 2),
        ("  Agustus ", 8),
        ("Nop", 11),
        ("Des 2020", 12),
        ("Mei*)", 5),  # footnote mark
        ("Desember (r)", 12),
        ("Jumlah", None),
        ("Total", None),
        ("Negara", None),
        ("2020", None),
        ("3", None),  # a column number, not a month
        ("Jan-Des", None),
        ("", None),
        (None, None),
    ],
)
def test_month_of_header(text: str | None, expected: int | None) -> None:
    assert month_of_header(text) == expected


# --------------------------------------------------------------------------------------------------- year_of_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020", 2020),
        ("2020.0", 2020),  # spreadsheets give floats
        (" 2021 ", 2021),
        ("Tahun 2019", 2019),
        ("Th. 2018", 2018),
        ("REKAP EKSPOR TAHUN 2021", 2021),
        ("Jan-Des 2022", 2022),
        ("ekspor_2020.xlsx", 2020),
        ("Data s.d. 31 Desember 2021", 2021),
        ("REKAP EKSPOR TAHUN 2021 (data per 15 Januari 2022)", 2021),  # the labelled year wins
        ("1990", 1990),
        ("2100", 2100),
        ("1989", None),  # outside 1990..2100
        ("2101", None),
        ("Ekspor 2019-2020", None),  # two years: no guess
        ("Sheet1", None),
        ("Sheet 12020", None),
        ("Rp 2.020.000", None),
        ("20201", None),
        ("2020.5", None),
        ("", None),
        (None, None),
    ],
)
def test_year_of_text(text: str | None, expected: int | None) -> None:
    assert year_of_text(text) == expected


# ----------------------------------------------------------------------------------------------------- parse_date

JAN_19 = date(2020, 1, 19)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("19/01/2020", JAN_19),
        ("19-01-2020", JAN_19),
        ("19.01.2020", JAN_19),
        ("19/1/2020", JAN_19),
        ("2020-01-19", JAN_19),
        ("2020/01/19", JAN_19),
        ("2020-1-19", JAN_19),
        ("19 Januari 2020", JAN_19),
        ("19 JANUARI 2020", JAN_19),
        ("19 Jan 2020", JAN_19),
        ("19-Jan-2020", JAN_19),
        ("19 Jan. 2020", JAN_19),
        ("19 Pebruari 2020", date(2020, 2, 19)),
        ("1 Nopember 2021", date(2021, 11, 1)),
        ("19 Agt 2020", date(2020, 8, 19)),
        ("19 Juni 2020", date(2020, 6, 19)),  # "Jun" inside "Juni" must not half-match
        ("19 Jun 2020", date(2020, 6, 19)),
        ("5 Mei 2020", date(2020, 5, 5)),
        ("January 19, 2020", JAN_19),
        ("Jan 19 2020", JAN_19),
        ("Senin, 19 Januari 2020", JAN_19),
        ("2020-01-19 00:00:00", JAN_19),
        ("2020-01-19T13:45:10", JAN_19),
        ("19/01/2020 08:30", JAN_19),
        ("  19/01/2020  ", JAN_19),
        ("43849", JAN_19),  # Excel serial
        ("43849.0", JAN_19),
        ("43849.75", JAN_19),  # a serial with a time of day
        ("43831", date(2020, 1, 1)),
        ("20000", date(1954, 10, 3)),
        ("80000", date(2119, 1, 11)),
        ("12/01/2020", date(2020, 1, 12)),  # day first, always
        ("29/02/2020", date(2020, 2, 29)),
        ("31/02/2020", None),  # no such day
        ("29/02/2021", None),
        ("32/01/2020", None),
        ("19/13/2020", None),
        ("19 Foo 2020", None),
        ("19999", None),  # outside the serial range
        ("80001", None),
        ("1234", None),
        ("19/01/20", None),  # two-digit years are not guessed
        ("2020", None),
        ("Januari 2020", None),  # a month is not a date
        ("abc", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(text: str | None, expected: date | None) -> None:
    assert dates([text]) == [expected]


# ---------------------------------------------------------------------------------------------------- date_column


@pytest.mark.parametrize(
    ("values", "dtype", "expected"),
    [
        ([JAN_19, None], pl.Date, [JAN_19, None]),
        ([datetime(2020, 1, 19, 23, 59), None], pl.Datetime("us"), [JAN_19, None]),
        ([datetime(2020, 1, 19, 8)], pl.Datetime("ms", "Asia/Jakarta"), [JAN_19]),
        ([43849.0, 43849.75, None], pl.Float64, [JAN_19, JAN_19, None]),
        ([43849, 5, 100000], pl.Int64, [JAN_19, None, None]),  # not serials of plausible dates
        ([float("nan"), float("inf")], pl.Float64, [None, None]),
        (["19/01/2020", "19 Januari 2020", "43849", "x"], pl.String, [JAN_19, JAN_19, JAN_19, None]),
        ([None], pl.Null, [None]),
    ],
)
def test_date_column(values: list[object], dtype: pl.DataType, expected: list[date | None]) -> None:
    frame = pl.DataFrame({"d": values}, schema={"d": dtype})
    result = frame.select(date_column(pl.col("d"), frame.schema["d"])).get_column("d")
    assert result.dtype == pl.Date
    assert result.to_list() == expected


# ------------------------------------------------------------------------------------------------ properties

INDONESIAN_NAMES = {
    1: ["Januari", "Jan"], 2: ["Februari", "Pebruari", "Feb", "Peb"], 3: ["Maret", "Mar"], 4: ["April", "Apr"],
    5: ["Mei"], 6: ["Juni", "Jun"], 7: ["Juli", "Jul"], 8: ["Agustus", "Agt", "Ags", "Agu", "Agus"],
    9: ["September", "Sep", "Sept"], 10: ["Oktober", "Okt"], 11: ["November", "Nopember", "Nov", "Nop"],
    12: ["Desember", "Des"],
}
DATES = st.dates(date(1990, 1, 1), date(2100, 12, 31))


@given(st.lists(DATES, min_size=1, max_size=30))
def test_day_month_year_dates_parse_back(days: list[date]) -> None:
    assert dates([f"{d.day:02d}/{d.month:02d}/{d.year}" for d in days]) == days
    assert dates([f"{d.day}/{d.month}/{d.year}" for d in days]) == days


@st.composite
def written_in_indonesian(draw: st.DrawFn) -> tuple[date, str]:
    day = draw(DATES)
    name = draw(st.sampled_from(INDONESIAN_NAMES[day.month]))
    name = draw(st.sampled_from([name, name.upper(), name.lower()]))
    return day, f"{day.day} {name} {day.year}"


@given(st.lists(written_in_indonesian(), min_size=1, max_size=30))
def test_indonesian_month_name_dates_parse_back(cases: list[tuple[date, str]]) -> None:
    assert dates([text for _, text in cases]) == [day for day, _ in cases]


@given(st.lists(st.one_of(st.text(max_size=25), st.none()), max_size=20))
def test_parse_date_never_raises(texts: list[str | None]) -> None:
    assert all(value is None or isinstance(value, date) for value in dates(texts))


# ------------------------------------------------------------------------------------------------ years with marks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021*)", (2021, "provisional")),
        ("2022**)", (2022, "very_provisional")),
        ("2020r)", (2020, "revised")),
        ("2023*", (2023, "provisional")),
        ("2021 (r)", (2021, "revised")),
        ("2022 Prelim", (2022, "provisional")),
        ("2022 (p)", (2022, "provisional")),
        ("2021 Angka Sementara", (2021, "provisional")),
        ("Tahun 2021*", (2021, "provisional")),
        ("2019", (2019, None)),
        ("2019.0", (2019, None)),
        (" 2024 ***) ", (2024, "very_provisional")),
        ("Jan-Mei 2024", None),  # a cumulative block is not a year
        ("2021-2022", None),
        ("12500", None),
        ("1890", None),
        ("Sheet1", None),
        (None, None),
    ],
)
def test_year_label(text, expected) -> None:
    assert year_label(text) == expected
    mark = expected[1] if expected else None
    assert pl.select(year_mark(pl.lit(text, pl.String))).item() == mark


MARKS = st.sampled_from([("", None), ("*", "provisional"), ("*)", "provisional"), ("**)", "very_provisional"),
                         ("**", "very_provisional"), ("r)", "revised"), (" (r)", "revised"), (" Prelim", "provisional"),
                         (" (R)", "revised"), ("r", "revised")])


@given(st.integers(1990, 2099), MARKS, st.sampled_from(["", " ", "  "]), st.sampled_from(["", "Tahun "]))
def test_any_year_with_any_mark_reads_back(year: int, mark, space: str, prefix: str) -> None:
    text = f"{space}{prefix}{year}{mark[0]}{space}"
    assert year_label(text) == (year, mark[1])
    frame = pl.DataFrame({"y": [text]})
    assert frame.select(year_mark(pl.col("y"))).item() == mark[1]
    assert frame.select(year_column(pl.col("y"), pl.String)).item() == year


@pytest.mark.parametrize(
    ("values", "dtype", "expected"),
    [
        ([2020, 2021.0, 1800, None], pl.Float64, [2020, 2021, None, None]),
        ([44197, 2022], pl.Int64, [2021, 2022]),  # an Excel date in a Tahun column
        (["2021*)", "Tahun 2020", "2021-03-15", "15/03/2022", "44197", "20x", ""], pl.String,
         [2021, 2020, 2021, 2022, 2021, None, None]),
        ([date(2021, 3, 15)], pl.Date, [2021]),
    ],
)
def test_year_column(values, dtype, expected) -> None:
    frame = pl.DataFrame({"y": values}, schema={"y": dtype})
    assert frame.select(year_column(pl.col("y"), dtype)).to_series().to_list() == expected


# -------------------------------------------------------------------------------------------- periods as text


@pytest.mark.parametrize(
    ("text", "year", "month", "period"),
    [
        ("Januari 2021", 2021, 1, None),
        ("JAN 2021", 2021, 1, None),
        ("Pebruari 2020", 2020, 2, None),
        ("19-Jan-2021", 2021, 1, None),
        ("Jan-21", 2021, 1, None),
        ("Jan'21", 2021, 1, None),
        ("Agt 2019", 2019, 8, None),
        ("Maret", None, 3, None),
        ("[01] Januari", None, 1, None),
        ("[12] Desember", None, 12, None),
        ("01. Januari", None, 1, None),
        ("(02) Februari 2021", 2021, 2, None),
        ("Triwulan II 2021", 2021, None, "Q2"),
        ("Triwulan I Tahun 2021", 2021, None, "Q1"),
        ("TW III", None, None, "Q3"),
        ("TW IV 2021", 2021, None, "Q4"),
        ("Q3 2021", 2021, None, "Q3"),
        ("2021Q3", 2021, None, "Q3"),
        ("2021 Q1", 2021, None, "Q1"),
        ("Kuartal 2 2020", 2020, None, "Q2"),
        ("Semester II 2021", 2021, None, "S2"),
        ("Smt 1", None, None, "S1"),
        ("S2 2020", 2020, None, "S2"),
        ("2021-03-15", 2021, 3, None),
        ("15/03/2021", 2021, 3, None),
        ("2021-03", 2021, 3, None),
        ("03/2021", 2021, 3, None),
        ("44197", 2021, 1, None),  # an Excel serial number typed as text
        ("Q5 2021", None, None, None),
        ("Semester III", None, None, None),
        ("2021-13", None, None, None),
        ("Batik", None, None, None),
        ("", None, None, None),
        (None, None, None, None),
    ],
)
def test_period_of_text(text, year, month, period) -> None:
    got = pl.select(period_of_text(pl.lit(text, pl.String)).alias("p")).item()
    assert got == {"year": year, "month": month, "period": period}


ROMANS = {1: "I", 2: "II", 3: "III", 4: "IV"}


@given(st.integers(1990, 2100), st.integers(1, 4), st.sampled_from(["Triwulan", "TW", "Q", "Kuartal", "triwulan"]),
       st.booleans(), st.booleans())
def test_a_quarter_keeps_its_period_and_invents_no_month(year, quarter, word, roman, with_year) -> None:
    numeral = ROMANS[quarter] if roman else str(quarter)
    text = f"{word} {numeral}" + (f" {year}" if with_year else "")
    got = pl.select(period_of_text(pl.lit(text)).alias("p")).item()
    assert got == {"year": year if with_year else None, "month": None, "period": f"Q{quarter}"}


@given(st.integers(2000, 2099), st.integers(1, 12), st.data())
def test_a_month_and_year_read_back_in_any_writing(year, month, data) -> None:
    name = data.draw(st.sampled_from(MONTH_NAMES[month]))
    name = data.draw(st.sampled_from([name, name.upper(), name.title()]))
    written = data.draw(st.sampled_from([f"{name} {year}", f"{name}-{year % 100:02d}", f"{name}'{year % 100:02d}",
                                         f"[{month:02d}] {name} {year}", f"{month:02d}. {name} {year}",
                                         f"{year}-{month:02d}", f"{month:02d}/{year}"]))
    got = pl.select(period_of_text(pl.lit(written)).alias("p")).item()
    assert got == {"year": year, "month": month, "period": None}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jan-21", (2021, 1, None)),
        ("TW III 2021", (2021, None, "Q3")),
        ("Rekap Ekspor Triwulan II Tahun 2021", (2021, None, "Q2")),
        ("Semester 2", (None, None, "S2")),
        ("Sheet1", (None, None, None)),
        ("", (None, None, None)),
    ],
)
def test_period_of_header(text, expected) -> None:
    assert period_of_header(text) == expected


def test_periods_read_together_are_those_read_one_by_one() -> None:
    texts = ["Jan-21", "TW III 2021", "Rekap Ekspor Triwulan II Tahun 2021", "Semester 2", "Sheet1", "Maret 2020*)",
             "2021-03", "Lembar 7", None, ""]
    period_of_header.cache_clear()
    dates_module._PRIMED.clear()  # what other tests' workbooks left
    alone = [period_of_header(t) for t in texts]
    period_of_header.cache_clear()
    period_of_headers(texts)
    assert set(dates_module._PRIMED) == {t for t in texts if t}
    assert [period_of_header(t) for t in texts] == alone
    assert alone[:3] == [(2021, 1, None), (2021, None, "Q3"), (2021, None, "Q2")]


@pytest.mark.parametrize(("text", "month"), [("[01] Januari", 1), ("[02] Februari", 2), ("03. Maret", 3),
                                             ("(04) April", 4), ("[13] Batik", None)])
def test_months_with_codes(text, month) -> None:
    assert month_of_header(text) == month
    assert months([text]) == [month]
