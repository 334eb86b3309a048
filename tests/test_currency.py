"""Currencies as offices write them, and their conversion to USD with a rate per currency and year."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pekalongan import currency
from pekalongan.i18n import t
from pekalongan.schema import VALUE_FOREIGN, VALUE_IDR, Column


@pytest.mark.parametrize(
    ("header", "code"),
    [
        ("Nilai (EUR)", "EUR"),
        ("FOB JPY", "JPY"),
        ("Nilai (Juta US$)", "USD"),
        ("Nilai FOB (US$)", "USD"),
        ("Value (USD million)", "USD"),
        ("Nilai (Rp)", "IDR"),
        ("Nilai Ekspor (Rupiah)", "IDR"),
        ("Nilai (€)", "EUR"),
        ("Nilai ¥", "JPY"),
        ("Nilai (eur)", "EUR"),
        ("Nilai (CHF)", "CHF"),
        ("Nilai (S$)", "SGD"),
        ("Nilai FOB (Yen)", "JPY"),
        ("Kurs (Rp per USD)", None),  # two currencies: the values' currency is not said
        ("NILAI TOP 10", None),  # an ISO code that is also a word
        ("EKSPOR ALL COUNTRIES", None),
        ("Jumlah", None),
        ("Nilai Ekspor", None),
        ("", None),
        (None, None),
    ],
)
def test_currency_of_header(header, code) -> None:
    assert currency.currency_of_header(header) == code


@pytest.mark.parametrize(
    ("cell", "code"),
    [("US$", "USD"), ("usd", "USD"), (" Yen ", "JPY"), ("JPY", "JPY"), ("Euro", "EUR"), ("€", "EUR"), ("Rp", "IDR"),
     ("Rp.", "IDR"), ("rupiah", "IDR"), ("RM", "MYR"), ("S$", "SGD"), ("RMB", "CNY"), ("chf", "CHF"),
     ("Gold", "GOLD"), ("", None), ("  ", None), (None, None)],
)
def test_a_currency_column(cell, code) -> None:
    assert pl.select(currency.currency_expr(pl.lit(cell, pl.String))).item() == code
    assert currency.is_known(code) == (code is not None and code != "GOLD")


@given(st.sampled_from(sorted(currency.CODES)), st.sampled_from([str.lower, str.upper, str.title]),
       st.sampled_from(["", " ", "  "]))
def test_every_iso_code_reads_in_a_currency_column(code, case, pad) -> None:
    assert pl.select(currency.currency_expr(pl.lit(f"{pad}{case(code)}{pad}"))).item() == code
    assert currency.currency_code(case(code)) == code


@pytest.mark.parametrize(
    ("header", "direction"),
    [("Rp per USD", "unit_per_usd"), ("Kurs (Rp per US$)", "unit_per_usd"), ("Kurs (EUR per USD)", "unit_per_usd"),
     ("Kurs ke USD", "usd_per_unit"), ("Kurs terhadap USD", "usd_per_unit"), ("Rate to USD", "usd_per_unit"),
     ("USD per unit", "usd_per_unit"), ("Kurs", "unit_per_usd"), (None, "unit_per_usd")],
)
def test_rate_direction(header, direction) -> None:
    assert currency.rate_direction(header) == direction


def test_rates_frame_drops_what_is_no_rate() -> None:
    rates = currency.rates_frame(pl.Series([2021, 2021, None, 2022, 2021]), pl.Series(["EUR", "JPY", "EUR", None, "EUR"]),
                                 pl.Series([1.18, 0.0, 1.2, 1.1, 9.9]), "usd_per_unit")
    # no zero rate, no row without a year or a currency, the first rate of a currency and year wins
    assert rates.rows() == [(2021, "EUR", 1.18, False)]


def records(amounts: list[float | None], codes: list[str | None], years: list[int]) -> pl.DataFrame:
    return pl.DataFrame(
        {Column.YEAR: years, Column.VALUE_USD: [None] * len(amounts), VALUE_FOREIGN: amounts,
         Column.CURRENCY: codes, Column.SOURCE_ROW: list(range(len(amounts)))},
        schema={Column.YEAR: pl.Int32, Column.VALUE_USD: pl.Float64, VALUE_FOREIGN: pl.Float64,
                Column.CURRENCY: pl.String, Column.SOURCE_ROW: pl.Int64},
    )


@given(st.lists(st.tuples(st.floats(0, 1e12), st.sampled_from(["EUR", "JPY", "CHF"]), st.sampled_from([2021, 2022])),
                min_size=1, max_size=20),
       st.floats(0.001, 20000), st.booleans())
def test_each_row_is_converted_with_its_own_rate_or_rejected(rows, rate, per_usd) -> None:
    amounts, codes, years = (list(x) for x in zip(*rows, strict=True))
    direction = "unit_per_usd" if per_usd else "usd_per_unit"
    rates = currency.typed_rates({(2021, "EUR"): rate, (2022, "JPY"): rate}, direction)
    kept, missing, notes = currency.convert_records(records(amounts, codes, years), rates)
    has_rate = [(y, c) in ((2021, "EUR"), (2022, "JPY")) for c, y in zip(codes, years, strict=True)]
    assert kept.height == sum(has_rate) and missing.height == len(rows) - sum(has_rate)
    assert kept.height + missing.height == len(rows)  # nothing lost
    expected = [a / rate if per_usd else a * rate for a, ok in zip(amounts, has_rate, strict=True) if ok]
    assert kept.get_column(Column.VALUE_USD).to_list() == pytest.approx(expected)
    assert kept.get_column(Column.SOURCE_ROW).to_list() == [i for i, ok in enumerate(has_rate) if ok]  # order kept
    fx = 1 / rate if per_usd else rate
    assert kept.get_column(Column.FX_RATE).to_list() == pytest.approx([fx] * kept.height)
    assert set(missing.get_column(Column.CURRENCY)) <= {"EUR", "JPY", "CHF"}
    assert int(notes.get_column("rows").sum() or 0) == kept.height


def test_rupiah_values_use_the_target_sheets_rate() -> None:
    frame = pl.DataFrame({Column.YEAR: [2021, 2022], Column.VALUE_USD: [None, None], VALUE_IDR: [14_300_000.0, 1.0]},
                         schema={Column.YEAR: pl.Int32, Column.VALUE_USD: pl.Float64, VALUE_IDR: pl.Float64})
    rates = currency.idr_rates(pl.Series([2021]), pl.Series([14_300.0]))
    kept, missing, _ = currency.convert_records(frame, rates)
    assert kept.get_column(Column.VALUE_USD).to_list() == [1000.0]
    assert kept.get_column(Column.CURRENCY).to_list() == ["IDR"]
    assert missing.get_column(Column.YEAR).to_list() == [2022]


def test_usd_records_pass_untouched() -> None:
    frame = pl.DataFrame({Column.YEAR: [2021], Column.VALUE_USD: [5.0], VALUE_FOREIGN: [None]},
                         schema={Column.YEAR: pl.Int32, Column.VALUE_USD: pl.Float64, VALUE_FOREIGN: pl.Float64})
    kept, missing, notes = currency.convert_records(frame, currency.typed_rates({}))
    assert kept.equals(frame) and missing.is_empty() and notes.is_empty()


@pytest.mark.parametrize(
    ("cell", "column", "default", "usd", "foreign", "code"),
    [
        ("USD", None, "JPY", 10.0, None, None),  # the cell says USD, whatever the header
        ("JPY", "EUR", "USD", None, 10.0, "JPY"),  # the cell wins over the currency column
        (None, "EUR", "USD", None, 10.0, "EUR"),
        (None, None, "JPY", None, 10.0, "JPY"),  # the header's currency
        (None, None, "USD", 10.0, None, None),
    ],
)
def test_split_by_currency(cell, column, default, usd, foreign, code) -> None:
    frame = pl.DataFrame({"__value": [10.0], currency.CELL_CURRENCY: [cell], Column.CURRENCY: [column]},
                         schema={"__value": pl.Float64, currency.CELL_CURRENCY: pl.String, Column.CURRENCY: pl.String})
    got = currency.split_by_currency(frame, "__value", default).row(0, named=True)
    assert (got[Column.VALUE_USD], got[VALUE_FOREIGN], got[Column.CURRENCY]) == (usd, foreign, code)
    assert currency.CELL_CURRENCY not in got


@pytest.mark.parametrize("lang", ["id", "en"])
def test_reasons_name_the_currency_in_both_languages(lang) -> None:
    key, values = currency.no_rate_reason("JPY", 2021)
    assert key == "reason.no_rate" and "JPY" in t(key, lang, **values) and "2021" in t(key, lang, **values)
    key, values = currency.no_rate_reason("GOLD", 2021)
    assert key == "reason.unknown_currency" and "GOLD" in t(key, lang, **values)
    assert t(key, "id", **values) != t(key, "en", **values)


@pytest.mark.parametrize("header", ["Kurs rata-rata (Rp per USD)", "Nilai tukar rata-rata", "Kurs Tengah BI"])
def test_a_rate_header_is_a_rate_not_a_derived_average(header) -> None:
    from pekalongan.ingest import load

    dataset = load([("kurs.csv", f"Tahun;{header}\n2021;14.300\n".encode())])
    assert [s.layout for s in dataset.report.files[0].sheets] == ["rates"]
