"""Text numbers, Indonesian or English, read per column; units read from headers."""

from __future__ import annotations

import math

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pekalongan.numbers import (
    cell_currency,
    detect_style,
    finish_currencies,
    nil_mark,
    number_column,
    parse_number,
    unit_of,
)


def fast_then_full(values: pl.Series, style: str) -> pl.Series:
    """What cleaning does with a text column: the fast path, then the full grammar for the cells it left."""
    from pekalongan.numbers import finish_numbers, parse_plain_number

    fast = values.to_frame("v").select(parse_plain_number(pl.col("v"), style)).to_series()
    return finish_numbers(fast, values, style)


def parse(values: list[str | None], style: str) -> list[float | None]:
    frame = pl.DataFrame({"v": values}, schema={"v": pl.String})
    return frame.select(parse_number(pl.col("v"), style)).get_column("v").to_list()


# --------------------------------------------------------------------------------------------------- parse_number


@pytest.mark.parametrize(
    ("text", "style", "expected"),
    [
        # Indonesian: dots group thousands, the comma is the decimal mark
        ("1.234.567,89", "id", 1234567.89),
        ("12.500", "id", 12500.0),
        ("12.500,5", "id", 12500.5),
        ("1,234", "id", 1.234),
        ("12,5", "id", 12.5),
        ("7", "id", 7.0),
        ("0", "id", 0.0),
        ("1234567,89", "id", 1234567.89),
        ("19 173 699 043,36", "id", 19173699043.36),
        ("19\u00a0173\u00a0699\u00a0043,36", "id", 19173699043.36),  # non-breaking spaces
        ("19\u202f173\u202f699\u202f043,36", "id", 19173699043.36),  # narrow non-breaking spaces
        ("19\u2009173\u2009699,36", "id", 19173699.36),  # thin spaces
        ("Rp 1.234", "id", 1234.0),
        ("Rp1.234", "id", 1234.0),
        ("Rp. 1.234,00", "id", 1234.0),
        ("IDR 5.000.000", "id", 5000000.0),
        ("US$ 12.500,00", "id", 12500.0),
        ("USD 12.500", "id", 12500.0),
        ("$12.500", "id", 12500.0),
        ("12.500 USD", "id", 12500.0),
        ("  1.234  ", "id", 1234.0),
        ("\u200b1.234\ufeff", "id", 1234.0),  # invisible characters pasted from the web
        ("1.234,-", "id", 1234.0),
        ("Rp 1.234,-", "id", 1234.0),
        ("1.234,00", "id", 1234.0),
        ("(1.234)", "id", -1234.0),
        ("(Rp 1.234)", "id", -1234.0),
        ("Rp (1.234)", "id", -1234.0),
        ("-1.234", "id", -1234.0),
        ("- 1.234", "id", -1234.0),
        ("−1.234,5", "id", -1234.5),  # unicode minus
        ("-Rp 1.234", "id", -1234.0),
        ("Rp -1.234", "id", -1234.0),
        ("+1.234", "id", 1234.0),
        # a lone dot that cannot separate thousands is a decimal point, even in an id column
        ("1234.5", "id", 1234.5),
        ("3.14159", "id", 3.14159),
        ("12.50", "id", 12.5),
        ("12.5000", "id", 12.5),
        ("0.125", "id", 0.125),  # a thousands group never starts with 0
        ("1234.567", "id", 1234.567),  # nor has four digits before the first dot
        ("1 234.567", "id", 1234.567),  # nor mixes spaces and dots
        ("12500.0", "id", 12500.0),
        # English: commas group thousands, the dot is the decimal mark
        ("1,234,567.89", "en", 1234567.89),
        ("12,500", "en", 12500.0),
        ("1,234", "en", 1234.0),
        ("12.500", "en", 12.5),
        ("1234.5", "en", 1234.5),
        ("19 173 699 043.36", "en", 19173699043.36),
        ("US$ 12,500.00", "en", 12500.0),
        ("USD 1,234", "en", 1234.0),
        ("$ 99.95", "en", 99.95),
        ("(1,234.5)", "en", -1234.5),
        ("-1,234", "en", -1234.0),
        # a lone comma that cannot separate thousands is a decimal comma, even in an en column
        ("12,5", "en", 12.5),
        ("0,125", "en", 0.125),
        # not numbers, in either style
        ("abc", "id", None),
        ("abc", "en", None),
        ("1.2.3,4,5", "id", None),
        ("1.2.3,4,5", "en", None),
        ("", "id", None),
        ("   ", "id", None),
        ("n/a", "id", None),
        ("Rp", "id", None),
        ("()", "id", None),
        ("1.23.456", "id", None),  # groups after the first have exactly three digits
        ("1,2,3", "en", None),
        ("1rp2", "id", None),  # currency only before or after the number, never inside
        ("12 34", "id", None),
        ("inf", "id", None),  # float("inf") would accept these
        ("nan", "en", None),
        ("1e5", "en", None),
        ("0x10", "en", None),
        ("1.234 kg", "id", None),  # units belong in the header
        ("(1.234", "id", None),  # unbalanced bracket
        (None, "id", None),
    ],
)
def test_parse_number(text: str | None, style: str, expected: float | None) -> None:
    assert parse([text], style) == [expected]


def test_parse_number_keeps_the_column_name() -> None:
    frame = pl.DataFrame({"nilai": ["1.234"]})
    assert frame.with_columns(parse_number(pl.col("nilai"), "id")).schema == {"nilai": pl.Float64}


# --------------------------------------------------------------------------------------------------- detect_style


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["1.234,56", "12.500", "7"], "id"),  # decimal comma
        (["1.234.567", "12.500"], "id"),  # two dots
        (["1.234,5"], "id"),  # dot group before a comma
        (["Rp 1.234,-", "12.500"], "id"),  # the rupiah "no cents" mark
        (["12,5"], "id"),
        (["1,234.56", "12,500", "7"], "en"),  # comma group before a dot
        (["1,234,567", "12,500"], "en"),  # two commas
        (["1234.5", "12.500"], "en"),  # dot before one digit
        (["3.14159"], "en"),  # dot before four or more digits
        (["US$ 1,234.56"], "en"),  # currency after or before the digits does not hide the evidence
        (["1,234.56 USD", "(12,500.25)"], "en"),
        # no evidence at all: Indonesian, because this is an Indonesian office
        (["12.500", "1,234", "7"], "id"),
        (["12.500"], "id"),
        ([], "id"),
        ([None, None], "id"),
        (["abc", "n/a"], "id"),
        # mixed evidence: the majority wins, a tie goes to id
        (["1.234,56", "2.345,67", "1,234.56"], "id"),
        (["1,234.56", "2,345.67", "1.234,56", "12.500"], "en"),
        (["1.234,56", "1,234.56"], "id"),
        (["1.234,56", None, "9.876,5", "7"], "id"),
    ],
)
def test_detect_style(values: list[str | None], expected: str) -> None:
    assert detect_style(pl.Series(values, dtype=pl.String)) == expected


def test_detect_style_of_a_numeric_column_is_id() -> None:
    assert detect_style(pl.Series([1234.5, 12.25])) == "id"


# -------------------------------------------------------------------------------------------------- number_column


@pytest.mark.parametrize(
    ("values", "dtype", "style", "expected"),
    [
        ([12500, None, -3], pl.Int64, "id", [12500.0, None, -3.0]),
        ([7], pl.Int8, "id", [7.0]),
        ([7], pl.UInt32, "en", [7.0]),
        # a number cell is a number: 1.125 must not become 1125 by passing through "1.125" as text
        ([1.125, 3.75], pl.Float64, "id", [1.125, 3.75]),
        ([1.125], pl.Float32, "id", [1.125]),
        (["1.125", "12.500,5"], pl.String, "id", [1125.0, 12500.5]),
        (["1.125", "12,500.5"], pl.String, "en", [1.125, 12500.5]),
        ([None, None], pl.Null, "id", [None, None]),
    ],
)
def test_number_column(values: list[object], dtype: pl.DataType, style: str, expected: list[float | None]) -> None:
    frame = pl.DataFrame({"v": values}, schema={"v": dtype})
    result = frame.select(number_column(pl.col("v"), frame.schema["v"], style)).get_column("v")
    assert result.dtype == pl.Float64
    assert result.to_list() == expected


# -------------------------------------------------------------------------------------------------------- unit_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nilai (Juta US$)", ("value_usd", 1e6)),
        ("(Juta US$)", ("value_usd", 1e6)),
        ("Juta USD", ("value_usd", 1e6)),
        ("Nilai ekspor dalam juta dolar AS", ("value_usd", 1e6)),
        ("(US$ Juta)", ("value_usd", 1e6)),
        ("Nilai (US$) dalam juta", ("value_usd", 1e6)),
        ("USD million", ("value_usd", 1e6)),
        ("Value (USD Million)", ("value_usd", 1e6)),
        ("Nilai (jt USD)", ("value_usd", 1e6)),
        ("ribu USD", ("value_usd", 1e3)),
        ("(Ribu US$)", ("value_usd", 1e3)),
        ("Ribuan US$", ("value_usd", 1e3)),
        ("(000 USD)", ("value_usd", 1e3)),
        ("Value ('000 USD)", ("value_usd", 1e3)),
        ("USD", ("value_usd", 1.0)),
        ("US$", ("value_usd", 1.0)),
        ("Nilai FOB (US$)", ("value_usd", 1.0)),
        ("Nilai (US $)", ("value_usd", 1.0)),
        ("Nilai ($)", ("value_usd", 1.0)),
        ("Nilai 2000 (US$)", ("value_usd", 1.0)),  # 000 inside a year is not "thousands"
        ("Rp", ("value_idr", 1.0)),
        ("Nilai (Rp)", ("value_idr", 1.0)),
        ("Rupiah", ("value_idr", 1.0)),
        ("IDR", ("value_idr", 1.0)),
        ("Nilai (Rp Juta)", ("value_idr", 1e6)),
        ("Juta Rupiah", ("value_idr", 1e6)),
        ("Miliar Rp", ("value_idr", 1e9)),
        ("(Rp Milyar)", ("value_idr", 1e9)),
        # a bare scale: the office's reporting unit, US dollars, except billions, which only rupiah reach
        ("million", ("value_usd", 1e6)),
        ("Nilai (Juta)", ("value_usd", 1e6)),
        ("thousand", ("value_usd", 1e3)),
        ("miliar", ("value_idr", 1e9)),
        ("milyar", ("value_idr", 1e9)),
        ("Berat (ribu)", ("weight_kg", 1e3)),  # ... and weight when the header says so
        ("(Ton)", ("weight_kg", 1000.0)),
        ("Berat (ton)", ("weight_kg", 1000.0)),
        ("tonnes", ("weight_kg", 1000.0)),
        ("(Kg)", ("weight_kg", 1.0)),
        ("Berat Bersih (kg)", ("weight_kg", 1.0)),
        ("kg", ("weight_kg", 1.0)),
        ("ribu ton", ("weight_kg", 1e6)),
        ("Volume (Ribu Ton)", ("weight_kg", 1e6)),
        ("(000 Kg)", ("weight_kg", 1e3)),
        ("Jumlah (Kg)", ("weight_kg", 1.0)),
        # the first unit named wins, with its own scale
        ("Nilai (Juta US$) dan Berat (Ton)", ("value_usd", 1e6)),
        ("Berat (Ton) dan Nilai (Juta US$)", ("weight_kg", 1000.0)),
        # no unit
        ("Jumlah", None),  # "Jumlah" is not "juta", nor "jt"
        ("Jumlah berat", None),
        ("Negara Tujuan", None),
        ("Nilai", None),
        ("Tonase", None),  # word boundaries: not "ton"
        ("Stone", None),
        ("Rpt", None),
        ("Tahun 2000", None),
        ("", None),
        (None, None),
    ],
)
def test_unit_of(text: str | None, expected: tuple[str, float] | None) -> None:
    assert unit_of(text) == expected


# ------------------------------------------------------------------------------------------------ properties

AMOUNTS = st.tuples(st.integers(0, 10**12), st.integers(0, 99), st.booleans())  # units, cents, has cents


def amount(units: int, cents: int, has_cents: bool) -> float:
    return float(f"{units}.{cents:02d}") if has_cents else float(units)


def grouped(units: int, separator: str) -> str:
    return f"{units:,}".replace(",", separator)


@st.composite
def indonesian(draw: st.DrawFn, unambiguous: bool = False) -> tuple[str, float]:
    units, cents, has_cents = draw(AMOUNTS)
    if unambiguous:
        has_cents = True
    separator = draw(st.sampled_from([".", " ", "\u00a0", "\u202f", ""]))
    text = grouped(units, separator)
    if has_cents:
        text += f",{cents:02d}"
    elif draw(st.booleans()):
        text += draw(st.sampled_from([",-", ",00"]))
    text = draw(st.sampled_from(["", "Rp ", "Rp", "Rp. ", "IDR "])) + text
    sign = draw(st.sampled_from(["", "-", "()"]))
    value = amount(units, cents, has_cents)
    if sign == "-":
        return f"-{text}", -value
    if sign == "()":
        return f"({text})", -value
    return text, value


@st.composite
def english(draw: st.DrawFn, unambiguous: bool = False) -> tuple[str, float]:
    units, cents, has_cents = draw(AMOUNTS)
    if unambiguous:
        has_cents = True
    separator = draw(st.sampled_from([",", " ", "\u00a0", ""]))
    text = grouped(units, separator)
    if has_cents:
        text += f".{cents:02d}"
    text = draw(st.sampled_from(["", "US$ ", "US$", "USD ", "$"])) + text
    sign = draw(st.sampled_from(["", "-", "()"]))
    value = amount(units, cents, has_cents)
    if sign == "-":
        return f"-{text}", -value
    if sign == "()":
        return f"({text})", -value
    return text, value


@given(st.lists(indonesian(), min_size=1, max_size=30))
def test_indonesian_amounts_parse_back(cases: list[tuple[str, float]]) -> None:
    texts, values = zip(*cases, strict=True)
    assert parse(list(texts), "id") == list(values)


@given(st.lists(english(), min_size=1, max_size=30))
def test_english_amounts_parse_back(cases: list[tuple[str, float]]) -> None:
    texts, values = zip(*cases, strict=True)
    assert parse(list(texts), "en") == list(values)


@given(st.lists(indonesian(), max_size=30), indonesian(unambiguous=True), st.randoms())
def test_detect_style_says_id_for_indonesian_columns(cases, evidence, random) -> None:
    texts = [text for text, _ in [*cases, evidence]]
    random.shuffle(texts)
    assert detect_style(pl.Series(texts, dtype=pl.String)) == "id"


@given(st.lists(english(), max_size=30), english(unambiguous=True), st.randoms())
def test_detect_style_says_en_for_english_columns(cases, evidence, random) -> None:
    texts = [text for text, _ in [*cases, evidence]]
    random.shuffle(texts)
    assert detect_style(pl.Series(texts, dtype=pl.String)) == "en"


NUMBERISH = st.text(alphabet="0123456789.,-−() $RpUSDI\u00a0\u202f–—+", max_size=20)


@settings(max_examples=300)
@given(st.lists(st.one_of(st.text(max_size=20), NUMBERISH, st.none()), max_size=20), st.sampled_from(["id", "en"]))
def test_parse_number_never_raises(texts: list[str | None], style: str) -> None:
    for value in parse(texts, style):
        assert value is None or (isinstance(value, float) and math.isfinite(value))


@given(amount=st.integers(min_value=-10**12, max_value=10**12), cents=st.integers(0, 99),
       style=st.sampled_from(["id", "en"]))
@settings(max_examples=300)
def test_the_fast_path_reads_plain_cells_exactly_as_the_full_grammar(amount, cents, style):
    from pekalongan.numbers import parse_plain_number

    group, decimal = (".", ",") if style == "id" else (",", ".")
    body = f"{abs(amount):,}".replace(",", group)
    cells = [("-" if amount < 0 else "") + body + (f"{decimal}{cents:02d}" if cents else ""), str(abs(amount)), None]
    series = pl.Series("v", cells, dtype=pl.String)
    fast = series.to_frame().select(parse_plain_number(pl.col("v"), style)).to_series().to_list()
    full = parse(cells, style)
    assert fast == full
    assert None not in fast[:2]  # plain cells never fall through to the slow path


@settings(max_examples=300)
@given(st.lists(st.one_of(NUMBERISH, indonesian().map(lambda c: c[0]), english().map(lambda c: c[0]), st.none()),
                max_size=30), st.sampled_from(["id", "en"]))
def test_fast_path_then_full_grammar_reads_every_cell_as_the_full_grammar_alone(texts, style):
    assert fast_then_full(pl.Series("v", texts, dtype=pl.String), style).to_list() == parse(texts, style)


@pytest.mark.parametrize("cells", [["1.234,5", "Rp 1.000"], ["0.125"], ["1234.567"], ["12 500"], ["(1.234)"]])
def test_anything_unusual_takes_the_full_grammar(cells):
    from pekalongan.numbers import parse_plain_number

    series = pl.Series("v", cells, dtype=pl.String)
    fast = series.to_frame().select(parse_plain_number(pl.col("v"), "id")).to_series()
    assert fast.null_count() >= 1  # the fast path leaves at least one of these cells
    assert fast_then_full(series, "id").to_list() == parse(cells, "id")


# ------------------------------------------------------------------------ currency-signed cells and nil marks


def cells(expr_of, values: list[str | None]) -> list[object]:
    return pl.DataFrame({"v": values}, schema={"v": pl.String}).select(expr_of(pl.col("v"))).to_series().to_list()


@pytest.mark.parametrize(
    ("text", "value_id", "value_en", "currency"),
    [
        # one reading only: read that way whatever the column's style
        ("US$ 12.500,00", 12500.0, 12500.0, "USD"),
        ("USD 1,250.00", 1250.0, 1250.0, "USD"),
        ("$ 4.200,50", 4200.5, 4200.5, "USD"),
        ("Rp 1.250.000", 1250000.0, 1250000.0, "IDR"),
        ("Rp1.250.000,-", 1250000.0, 1250000.0, "IDR"),
        ("¥ 1.200.000", 1200000.0, 1200000.0, "JPY"),
        ("JPY 1,200,000", 1200000.0, 1200000.0, "JPY"),
        ("€ 3.400,75", 3400.75, 3400.75, "EUR"),
        ("3,400.75 EUR", 3400.75, 3400.75, "EUR"),
        ("(US$ 1,234.50)", -1234.5, -1234.5, "USD"),
        ("S$ 12,000.10", 12000.1, 12000.1, "SGD"),
        ("RM 1.234,5", 1234.5, 1234.5, "MYR"),
        ("12.500 Yen", 12500.0, 12.5, "JPY"),  # ambiguous: follows the column
        # truly ambiguous: the column's style decides
        ("EUR 3.400", 3400.0, 3.4, "EUR"),
        ("12.500", 12500.0, 12.5, None),
        ("1,250", 1.25, 1250.0, None),
        ("US$ 1,250", 1.25, 1250.0, "USD"),
    ],
)
def test_a_cell_with_one_reading_is_read_that_way(text, value_id, value_en, currency) -> None:
    assert parse([text], "id") == [value_id]
    assert parse([text], "en") == [value_en]
    assert cells(cell_currency, [text]) == [currency]


@pytest.mark.parametrize(
    ("text", "mark", "value"),
    [
        ("-", "zero", 0.0),
        (" – ", "zero", 0.0),
        ("—", "zero", 0.0),
        ("--", "zero", 0.0),
        ("NIHIL", "zero", 0.0),
        ("Nihil", "zero", 0.0),
        ("..", "not_available", None),
        ("...", "not_available", None),
        ("n/a", None, None),  # in a register: a value not filled in, an error to fix
        ("x", "confidential", None),
        ("X", "confidential", None),
        ("", "blank", None),
        ("   ", "blank", None),
        ("0", None, 0.0),
        ("-5", None, -5.0),
        ("x1", None, None),
        ("Batik", None, None),
        (None, None, None),
    ],
)
def test_nil_marks_say_what_they_mean(text, mark, value) -> None:
    assert cells(nil_mark, [text]) == [mark]
    assert parse([text], "id") == [value] == parse([text], "en")
    assert fast_then_full(pl.Series("v", [text], dtype=pl.String), "id").to_list() == [value]


def test_finish_currencies_looks_only_at_the_cells_the_fast_path_left() -> None:
    from pekalongan.numbers import parse_plain_number

    values = pl.Series("v", ["12.500", "US$ 1.250,00", None, "¥ 300", "7"], dtype=pl.String)
    fast = values.to_frame().select(parse_plain_number(pl.col("v"), "id")).to_series()
    assert finish_currencies(fast, values).to_list() == [None, "USD", None, "JPY", None]
    plain = pl.Series("v", ["12.500", "7"], dtype=pl.String)
    assert finish_currencies(plain.to_frame().select(parse_plain_number(pl.col("v"), "id")).to_series(), plain) is None


SIGNS = st.sampled_from([("US$ ", "USD"), ("USD ", "USD"), ("$", "USD"), ("Rp ", "IDR"), ("EUR ", "EUR"),
                         ("€ ", "EUR"), ("¥", "JPY"), ("JPY ", "JPY"), ("Yen ", "JPY")])


@given(st.one_of(indonesian(unambiguous=True), english(unambiguous=True)), SIGNS)
def test_an_unambiguous_cell_reads_the_same_in_either_column(case: tuple[str, float], sign) -> None:
    text, value = case
    # strip any sign the strategy put in, then write the amount with a currency in front
    body = text.lstrip("-(").rstrip(")")
    for prefix in ("Rp. ", "Rp ", "Rp", "IDR ", "US$ ", "US$", "USD ", "$"):
        body = body.removeprefix(prefix)
    cell = sign[0] + body
    assert parse([cell], "id") == parse([cell], "en") == [abs(value)]
    assert cells(cell_currency, [cell]) == [sign[1]]


@given(st.integers(1, 999), st.integers(0, 999).map(lambda n: f"{n:03d}"), SIGNS)
def test_an_ambiguous_cell_follows_its_column(head: int, group: str, sign) -> None:
    cell = f"{sign[0]}{head}.{group}"
    assert parse([cell], "id") == [float(f"{head}{group}")]
    assert parse([cell], "en") == [float(f"{head}.{group}")]


@given(st.sampled_from(["-", "–", "—", "--", "nihil", "NIHIL", "Nihil", "..", "...", "x", "X"]),
       st.sampled_from(["", " ", "  ", "\u00a0", "\t"]), st.sampled_from(["", " ", "\u00a0"]))
def test_any_nil_mark_reads_as_its_meaning_however_padded(mark: str, before: str, after: str) -> None:
    from pekalongan.vocabulary import NIL_MARKS

    cell = f"{before}{mark}{after}"
    meaning = NIL_MARKS[mark.lower()]
    assert cells(nil_mark, [cell]) == [meaning]
    expected = 0.0 if meaning == "zero" else None
    assert parse([cell], "id") == parse([cell], "en") == [expected]


CURRENCY_TEXT = st.text(alphabet="0123456789.,-() $¥€£RpUSDEJYNrpen\u00a0", max_size=16)


@settings(max_examples=300)
@given(st.lists(st.one_of(CURRENCY_TEXT, st.none()), max_size=20), st.sampled_from(["id", "en"]))
def test_currency_cells_never_raise_and_the_fast_path_agrees(texts, style) -> None:
    values = parse(texts, style)
    assert all(v is None or math.isfinite(v) for v in values)
    assert fast_then_full(pl.Series("v", texts, dtype=pl.String), style).to_list() == values
    found = cells(cell_currency, texts)
    assert all(c is None or len(c) == 3 for c in found)
