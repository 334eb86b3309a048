"""The number formatter says exactly what babel's locale data says (`format_decimal`, the ministry's `#,##0.00`),
for every float up to a trillion (beyond 1e14 a float has no second decimal: babel prints its shortest repr, Python
its exact binary value), in both languages: it only re-punctuates Python's own grouping, for speed."""

from __future__ import annotations

import math

from babel.numbers import format_decimal
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pekalongan import format as fmt


def babel(value: float, decimals: int, lang: str) -> str:
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(round(value, decimals), format=pattern, locale=fmt.LOCALES[lang])


@settings(max_examples=3000, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12),
       st.integers(min_value=0, max_value=3), st.sampled_from(["id", "en"]))
@example(2.675, 2, "id")
@example(-0.0, 2, "id")
@example(-0.004, 2, "en")
@example(999.995, 2, "id")
@example(0.5, 0, "id")
@example(1.5, 0, "en")
@example(123_456_789.125, 2, "id")
@example(9_007_199_254_740_993.0, 0, "id")  # whole rupiah: exact up to 2**53 and past it
def test_number_id_is_babels_text(value: float, decimals: int, lang: str) -> None:
    assert fmt.number_id(value, decimals, lang) == babel(value, decimals, lang)


def test_indonesian_and_english_punctuation() -> None:
    assert fmt.number_id(1_234_567.891, 2) == "1.234.567,89"
    assert fmt.number_id(1_234_567.891, 2, "en") == "1,234,567.89"
    assert fmt.number_id(-25.445, 1) == "-25,4"
    assert fmt.table_cell(25_437_000.0, fmt.Kind.MONEY) == "25,44"
    assert fmt.usd(25_437_000) == "25,44 juta USD"
    assert fmt.rupiah(368_541_400_000) == "Rp368,5 miliar"
    for undefined in (None, math.nan, math.inf):
        assert fmt.number_id(undefined, 2) == fmt.DASH
