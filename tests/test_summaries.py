"""Summaries found by arithmetic (pekalongan.summaries): property tests over generated tables."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from pekalongan.summaries import summary_tables, total_columns, total_rows

cents = st.integers(min_value=1, max_value=10_000_000).map(lambda c: c / 100)
tables = st.lists(st.tuples(cents, cents, cents), min_size=2, max_size=30)


@given(tables, st.data())
def test_a_grand_total_anywhere_is_found_and_nothing_it_sums_is_lost(rows, data):
    total = tuple(round(sum(r[c] for r in rows), 2) for c in range(3))
    at = data.draw(st.integers(min_value=0, max_value=len(rows)))
    table = rows[:at] + [total] + rows[at:]
    found = total_rows(table, [False] * len(table), [False] * len(table), 1.0)
    assert at in found
    kept = [r for i, r in enumerate(table) if i not in found]
    # Whatever else is found, the kept rows still add up to the total: no money is lost, none added twice.
    assert all(abs(sum(r[c] for r in kept) - total[c]) < 0.01 * len(table) for c in range(3))


@given(st.lists(st.tuples(cents, cents, cents), min_size=4, max_size=30))
def test_subtotals_under_a_grand_total_are_all_found(rows):
    # Blocks of two rows or more: a subtotal over a single row is indistinguishable from a repeated row.
    half = len(rows) // 2
    blocks = [rows[:half], rows[half:]]
    table = []
    for block in blocks:
        if block:
            table.append(tuple(round(sum(r[c] for r in block), 2) for c in range(3)))
            table += block
    grand = tuple(round(sum(r[c] for r in rows), 2) for c in range(3))
    table = [grand, *table]
    found = set(total_rows(table, [False] * len(table), [False] * len(table), 1.0))
    assert {0} <= found
    kept = [r for i, r in enumerate(table) if i not in found]
    assert all(abs(sum(r[c] for r in kept) - grand[c]) < 0.01 * len(table) for c in range(3))


@given(st.lists(st.tuples(cents, cents), min_size=1, max_size=20))
def test_a_total_column_is_found(rows):
    columns = {"a": [r[0] for r in rows], "b": [r[1] for r in rows], "a_b": [round(r[0] + r[1], 2) for r in rows]}
    assert total_columns(columns, 1.0) == {"a_b": ("a", "b")}


def test_a_summary_sheet_is_the_sum_of_the_others():
    assert summary_tables([{2023: 10.0}, {2023: 15.5}, {2023: 25.5}, {2022: 3.0}]) == {2: [0, 1]}
    assert summary_tables([{2023: 10.0}, {2023: 15.5}, {2023: 20.0}]) == {}


@given(st.lists(st.tuples(cents, cents, cents), min_size=1, max_size=20))
def test_a_total_of_two_among_several_columns_is_found(rows):
    """hs84 | hs85 | hs86 | hs84_85: the total of two columns, not of all the others."""
    # Figures that leave one reading: no column equals another or the sum of two others.
    assume(any(len({a, b, c, round(a + b, 2), round(a + c, 2), round(b + c, 2)}) == 6 for a, b, c in rows))
    columns = {"hs84": [r[0] for r in rows], "hs85": [r[1] for r in rows], "hs86": [r[2] for r in rows],
               "hs84_85": [round(r[0] + r[1], 2) for r in rows]}
    found = total_columns(columns, 1.0)
    assert found.get("hs84_85") == ("hs84", "hs85")
    assert "hs86" not in found
