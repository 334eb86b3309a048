"""Fuzzing the reader: arbitrary bytes, truncated and bit-flipped copies of every corpus file, random cells.

The promise: records plus a report, or one PekalonganError with a plain sentence; never another exception and
never a hang (hypothesis' deadline bounds each case). Every case that ever failed is kept in
tests/data/fuzz_corpus/ and replayed here.
"""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
import xlsxwriter
from conftest import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pekalongan.clean import clean_tables, finish
from pekalongan.errors import PekalonganError
from pekalongan.read import read_file

CORPUS = sorted(p for p in DATA.iterdir() if p.suffix in {".xlsx", ".xls", ".ods", ".csv", ".txt"} and p.stat().st_size)
REGRESSIONS = sorted((DATA / "fuzz_corpus").glob("*.*"))
FUZZ = settings(max_examples=60, deadline=timedelta(seconds=20), suppress_health_check=list(HealthCheck))


def read_or_refuse(name: str, data: bytes) -> None:
    """The reader's contract, asserted."""
    try:
        cleaned = clean_tables(read_file(name, data))
        finish([cleaned])
    except PekalonganError as exc:
        message = str(exc)
        assert message and "Traceback" not in message and len(message) < 600


@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".csv", ".txt", ".xlsx", ".xls", ".ods"]))
@FUZZ
def test_arbitrary_bytes(data, suffix):
    read_or_refuse("acak" + suffix, data)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
@given(cut=st.floats(min_value=0.0, max_value=1.0))
@FUZZ
def test_truncated_copies(path, cut):
    data = path.read_bytes()
    read_or_refuse(path.name, data[: int(len(data) * cut)])


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
@given(flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 7)), min_size=1, max_size=8))
@FUZZ
def test_bit_flipped_copies(path, flips):
    data = bytearray(path.read_bytes())
    for where, bit in flips:
        data[int(where * len(data))] ^= 1 << bit
    read_or_refuse(path.name, bytes(data))


cells = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-10**15, 10**15),
    st.sampled_from(["JUMLAH", "Sumber: BPS", "1.234.567,89", "12.500", "=1+1", "-", "n/a", "2020", "Januari",
                     "Perub (%)", "Nilai FOB (US$)", "Negara Tujuan", "Komoditi", "Tahun", "19/01/2020"]),
)


@given(rows=st.lists(st.lists(cells, min_size=1, max_size=7), min_size=1, max_size=25))
@FUZZ
def test_random_cells_in_a_real_workbook(rows):
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "nan_inf_to_errors": True, "strings_to_formulas": False})
    ws = wb.add_worksheet("2021")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                ws.write(r, c, value)
    wb.close()
    read_or_refuse("acak.xlsx", buffer.getvalue())


@given(rows=st.lists(st.lists(cells, min_size=1, max_size=7), min_size=1, max_size=25),
       delimiter=st.sampled_from([";", ",", "\t"]))
@FUZZ
def test_random_cells_in_a_csv(rows, delimiter):
    text = "\n".join(delimiter.join("" if v is None else str(v) for v in row) for row in rows)
    read_or_refuse("acak.csv", text.encode("utf-8"))


@pytest.mark.parametrize("path", REGRESSIONS, ids=lambda p: p.name)
def test_every_case_that_ever_failed(path: Path):
    read_or_refuse(path.name, path.read_bytes())
