"""Summaries found by arithmetic: a row, a column or a whole sheet whose values are the sum of others.

Offices sum their tables wherever they like (a "NON MIGAS" row above the commodities it sums, a "Totals" row, a
"Kota Pekalongan" row with no total word, an `export_hs84_85_usd` column, a Rekap sheet over the month sheets)
and call the sum whatever they like. Adding such a figure to what it sums counts the money twice, so a figure that
equals the sum of others within rounding is a total, whatever its label says. These checks run on the small tables
of statistics offices (a few hundred rows); a shipment register's rows are only tested for a grand total.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np

Row = Sequence[float | None]
MAX_SUBSET_COLUMNS = 24  # category columns among which a total column is looked for as the sum of 2 or 3
MAX_RUN = 2_000
RUN_BUDGET = 50_000_000  # cells summed looking for subtotals: ~0.2 s; a statistics table needs far fewer  # rows a subtotal may sum; a statistics table's block is far shorter


def tolerance(rows: int, factor: float) -> float:
    """How far a stated total may be from the sum of its rows: the rounding of each row as displayed."""
    # A table in juta or ribu shows rounded figures (often 1-2 decimals); a table in USD shows cents.
    per_row = 0.05 * factor if factor > 1 else 0.005
    return max(per_row * max(rows, 1), 0.01)


def _close(stated: float | None, summed: float, rows: int, factor: float) -> bool:
    return stated is not None and abs(stated - summed) <= tolerance(rows, factor)


class _Scan:
    """The figures of a table as a matrix (NaN where blank), and which rows are totals so far."""

    def __init__(self, values: list[Row] | np.ndarray, totals: list[bool], factor: float) -> None:
        if isinstance(values, np.ndarray):
            self.values = values.astype(np.float64, copy=False)
        else:
            self.values = np.array([[np.nan if v is None else v for v in row] for row in values], dtype=np.float64)
        self.values = self.values.reshape(len(totals), -1)
        self.totals = np.array(totals, dtype=bool)
        self.factor = factor
        self.nonzero = (np.nan_to_num(self.values) != 0).sum(axis=1)

    def live(self) -> np.ndarray:
        return ~self.totals & (self.nonzero > 0)

    def _matches(self, target: np.ndarray, sums: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """per candidate sum (rows of `sums`) -> does it equal `target` in every column the target fills?"""
        filled = ~np.isnan(target)
        tol = np.array([tolerance(int(c), self.factor) for c in counts])[:, None]
        close = np.abs(sums[:, filled] - target[filled]) <= tol
        return close.all(axis=1) & (counts >= 2)

    def run_matches(self, r: int, step: int) -> bool:
        """Do the rows right below (step 1) or above (step -1) row r, up to the next total, sum to row r?"""
        n = len(self.values)
        stop = r + step
        while 0 <= stop < n and not self.totals[stop] and abs(stop - r) <= MAX_RUN:
            stop += step
        span = np.arange(r + step, stop, step) if step > 0 else np.arange(r - 1, stop, -1)
        if len(span) < 2:
            return False
        block = np.nan_to_num(self.values[span])
        sums = np.cumsum(block, axis=0)
        counts = np.cumsum(self.live()[span])
        return bool(self._matches(self.values[r], sums, counts).any())

    def grand_matches(self) -> np.ndarray:
        """per row: does it equal the sum of all other live rows (two at least)?"""
        live = self.live()
        totals = np.nan_to_num(self.values[live]).sum(axis=0)
        others = np.nan_to_num(self.values)
        count = int(live.sum())
        out = np.zeros(len(self.values), dtype=bool)
        for r in np.flatnonzero(live):
            out[r] = bool(self._matches(self.values[r], (totals - others[r])[None, :], np.array([count - 1]))[0])
        return out


def total_rows(values: list[Row] | np.ndarray, labelled: list[bool], weak: list[bool], factor: float,
               budget: int = RUN_BUDGET) -> list[int]:
    """rows of figures (one tuple per row, a figure per value column), which rows are labelled totals already,
    which rows may be a total on one column's say (a blank or unknown label) -> positions found to be totals.

    A row is a total when every figure of it equals the sum of a run of at least two rows right below or above
    it (up to the next total), or the sum of all other rows. A single-column match counts only for the grand
    total or a `weak` row: one column of round figures matches by chance too often. Past `budget` cells summed
    (rows x rows x columns), only grand totals are looked for: a hostile sheet costs no more than a real one."""
    if len(labelled) == 0:
        return []
    scan = _Scan(values, list(labelled), factor)
    runs = len(labelled) ** 2 * scan.values.shape[1] <= budget
    found: list[int] = []
    for _ in range(4):  # a subtotal found makes its parent's sum visible: a few passes settle a hierarchy
        changed = False
        grand = scan.grand_matches()
        for r in np.flatnonzero(scan.live()):
            several = scan.nonzero[r] >= 2
            if grand[r] or runs and (several or weak[r]) and (scan.run_matches(r, 1) or scan.run_matches(r, -1)):
                scan.totals[r] = True
                found.append(int(r))
                changed = True
                grand = scan.grand_matches()
        if not changed:
            break
    return sorted(found)


def total_columns(columns: dict[str, list[float | None]], factor: float) -> dict[str, tuple[str, ...]]:
    """{column: figures down the rows} -> {total column: the columns it sums}, for columns of categories
    ("Total | MIGAS | NON MIGAS", "hs84 | hs85 | hs84_85"). A total column equals, on every row with figures,
    the sum of all the other columns, or (among a few columns) of two or three of them."""
    names = list(columns)
    if len(names) < 3:
        return {}
    found: dict[str, tuple[str, ...]] = {}
    if len(names) <= MAX_SUBSET_COLUMNS:  # a few columns: the total of two or three of them, the closest reading
        for name in names:
            rest = [n for n in names if n != name and n not in found]
            match = next((parts for size in (2, 3) if size < len(rest) for parts in combinations(rest, size)
                          if _sums_to(columns, name, parts, factor)), None)
            if match is not None:
                found[name] = match
    matrix = np.array([[np.nan if v is None else v for v in columns[n]] for n in names], dtype=np.float64).T
    live = [k for k, n in enumerate(names) if n not in found]
    for _ in range(5):  # the sum of all others (two at least), one total at a time, in O(rows x columns)
        if len(live) < 3:
            break
        values = np.nan_to_num(matrix[:, live])
        summed = values.sum(axis=1, keepdims=True)
        tol = tolerance(len(live), factor)
        total = (np.abs(2 * values - summed) <= tol).all(axis=0) & (values != 0).any(axis=0)
        if not total.any():
            break
        k = live[int(np.flatnonzero(total)[0])]
        found[names[k]] = tuple(names[j] for j in live if j != k)
        live.remove(k)
    return found


def _sums_to(columns: dict[str, list[float | None]], name: str, parts: tuple[str, ...], factor: float) -> bool:
    rows = 0
    for i, stated in enumerate(columns[name]):
        cells = [columns[p][i] for p in parts]
        if stated is None and all(c is None for c in cells):
            continue
        if not _close(stated, sum(c or 0.0 for c in cells), len(parts), factor):
            return False
        rows += bool(stated)
    return rows > 0


def summary_tables(totals: list[dict[int, float]]) -> dict[int, list[int]]:
    """per table {year: summed value} -> {table: the tables it sums}: a sheet whose every year's figure is the sum
    of that year's figures in two or more other sheets (a Rekap over its month sheets)."""
    found: dict[int, list[int]] = {}
    for t, own in enumerate(totals):
        if not own:
            continue
        others = [o for o, other in enumerate(totals) if o != t and o not in found and set(other) & set(own)]
        if len(others) < 2:
            continue
        if all(_close(value, sum(totals[o].get(year, 0.0) for o in others), len(others) * 10, 1.0)
               for year, value in own.items()) and all(set(totals[o]) <= set(own) for o in others):
            found[t] = others
    return found
