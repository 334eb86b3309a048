"""Summaries found by arithmetic: a row, a column or a whole sheet whose values are the sum of others.

Offices sum their tables wherever they like (a "NON MIGAS" row above the commodities it sums, a "Totals" row, a
"Kota Pekalongan" row with no total word, an `export_hs84_85_usd` column, a Rekap sheet over the month sheets)
and call the sum whatever they like. Adding such a figure to what it sums counts the money twice, so a figure that
equals the sum of others within rounding is a total, whatever its label says. These checks run on the small tables
of statistics offices (a few hundred rows); a shipment register's rows are only tested for a grand total.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

Row = Sequence[float | None]
MAX_RUN = 2_000  # rows a subtotal may sum; a statistics table's block is far shorter


def tolerance(rows: int, factor: float) -> float:
    """How far a stated total may be from the sum of its rows: the rounding of each row as displayed."""
    # A table in juta or ribu shows rounded figures (often 1-2 decimals); a table in USD shows cents.
    per_row = 0.05 * factor if factor > 1 else 0.005
    return max(per_row * max(rows, 1), 0.01)


def _close(stated: float | None, summed: float, rows: int, factor: float) -> bool:
    return stated is not None and abs(stated - summed) <= tolerance(rows, factor)


def _nonzero(row: Row) -> int:
    return sum(1 for v in row if v)


@dataclass(frozen=True)
class _Scan:
    values: list[Row]
    totals: list[bool]
    factor: float

    def live(self, i: int) -> bool:
        return not self.totals[i] and _nonzero(self.values[i]) > 0

    def run_matches(self, r: int, step: int) -> bool:
        """Do the rows right below (step 1) or above (step -1) row r, up to the next total, sum to row r?"""
        target = self.values[r]
        sums = [0.0] * len(target)
        count, i = 0, r + step
        while 0 <= i < len(self.values) and count < MAX_RUN and not self.totals[i]:
            row = self.values[i]
            sums = [s + (v or 0.0) for s, v in zip(sums, row)]
            count += self.live(i)
            if count >= 2 and all(_close(t, s, count, self.factor) for t, s in zip(target, sums) if t is not None):
                return True
            if all(t is not None and t >= 0 and s > t + tolerance(count, self.factor) for t, s in zip(target, sums)
                   if t):
                return False  # past the target in every column: no longer run can match (figures are >= 0)
            i += step
        return False

    def grand_matches(self, r: int) -> bool:
        others = [i for i in range(len(self.values)) if i != r and self.live(i)]
        if len(others) < 2:
            return False
        target = self.values[r]
        return all(
            _close(t, sum(self.values[i][c] or 0.0 for i in others), len(others), self.factor)
            for c, t in enumerate(target) if t is not None
        )


def total_rows(values: list[Row], labelled: list[bool], weak: list[bool], factor: float) -> list[int]:
    """rows of figures (one tuple per row, a figure per value column), which rows are labelled totals already,
    which rows may be a total on one column's say (a blank or unknown label) -> positions found to be totals.

    A row is a total when every figure of it equals the sum of a run of at least two rows right below or above
    it (up to the next total), or the sum of all other rows. A single-column match counts only for the grand
    total or a `weak` row: one column of round figures matches by chance too often."""
    scan = _Scan(values, list(labelled), factor)
    found: list[int] = []
    for _ in range(4):  # a subtotal found makes its parent's sum visible: a few passes settle a hierarchy
        changed = False
        for r in range(len(values)):
            if not scan.live(r):
                continue
            several = _nonzero(values[r]) >= 2
            if scan.grand_matches(r) or (several or weak[r]) and (scan.run_matches(r, 1) or scan.run_matches(r, -1)):
                scan.totals[r] = True
                found.append(r)
                changed = True
        if not changed:
            break
    return sorted(found)


def total_columns(columns: dict[str, list[float | None]], factor: float) -> dict[str, tuple[str, ...]]:
    """{column: figures down the rows} -> {total column: the columns it sums}, for columns of categories
    ("Total | MIGAS | NON MIGAS", "hs84 | hs85 | hs84_85"). A total column equals, on every row with figures,
    the sum of two or more other columns."""
    names = list(columns)
    found: dict[str, tuple[str, ...]] = {}
    for name in names:
        rest = [n for n in names if n != name and n not in found]
        sizes = [len(rest)] + [k for k in range(2, min(len(rest), 3) + 1) if k != len(rest)]
        for size in sizes:
            if size < 2:
                continue
            match = next((parts for parts in combinations(rest, size) if _sums_to(columns, name, parts, factor)),
                         None)
            if match is not None:
                found[name] = match
                break
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
