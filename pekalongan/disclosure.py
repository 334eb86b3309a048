"""Statistical disclosure control for the public view: the rules, primary and secondary cell suppression over every
table the public view publishes, and the audit that proves it, as a statistics office does for magnitude tables
(Eurostat's handbook, tau-ARGUS, sdcTable).

What is published
    The public view never shows a record. It shows cells of a fixed set of tables, computed once per dataset:
    the year totals, each dimension a viewer can filter (commodity, destination, exporter type) by year, every
    cross of them by year (commodity x destination is the matrix; commodity x type, destination x type and the
    full cube let a filter on one dimension show the others), and the months of each year. A viewer's filters
    never make a new sum: a figure under a filter is either a published cell or the sum of published cells
    (several commodities, a range of years), and it is "dirahasiakan" as soon as one of its cells is suppressed.
    A view whose filters would need a table that is not published says so instead of computing it (months under
    a commodity filter, for instance). So everything a viewer can see, under every combination of filters and
    pages, is a linear combination of the published cells, and protecting those cells protects every view.

The rules (`Rules`, parameters as data; stated on the Tentang page and in the README)
    A contributor is an exporter (rows without an exporter's name in a cell count as one unnamed contributor, the
    cautious reading). A cell is sensitive when
    - fewer than `min_contributors` (3) exporters make it up (threshold rule), or
    - the p% rule fails (p = 10): the other contributors but the two largest add up to less than p% of the
      largest, so the second largest, knowing its own figure, could estimate the largest within p%.
    The protection a sensitive cell needs is max(p% of the largest contribution - the rest, p% of the cell for a
    threshold failure): whatever is published, the cell's value must stay undetermined by at least that much
    above and below its true value.

Primary and secondary suppression
    Sensitive cells are suppressed (primary). Secondary suppression then picks complementary cells so that no
    suppressed cell can be worked out from the published ones and the totals: for each primary cell, largest
    first, and for each direction, a linear programme finds the cheapest change of the underlying cube cells
    that moves the primary cell by its protection while every published cell keeps its value except those it
    chooses to change; the cells it changes are suppressed (the classic LP heuristic of Kelly, Golden and Assad;
    tau-ARGUS's optimal method is a mixed-integer programme of the same shape). The cost of changing a cell is
    its value, so small cells are suppressed before large ones; the year totals cost far more than anything
    else, so they are published whenever it is at all possible. Because a change that keeps the published cells
    fixed stays valid when more cells are suppressed, every primary keeps the protection it was given (and a
    primary that an earlier change already moves far enough needs no programme of its own).
    Cells of tables never shown (the full cube) are protected the same way, and so is the sum of a line's
    suppressed cells when the line's total is published (total minus published cells gives that sum away: if
    two exporters make it up, each would learn the other's figure); such a sum becomes one more protected row
    and the programme runs again for it.

The audit
    `audit` computes, for every suppressed sensitive cell, the interval of values consistent with everything
    published (two linear programmes each, scipy's HiGHS), and reports the cells whose interval is narrower than
    their protection. tests/test_disclosure.py does the same from the numbers the public view actually shows
    under every filter combination, independently of this module's bookkeeping.

What it costs
    The unknowns are the non-empty cells of the cube year x commodity x destination x exporter type and the
    months of each year (linked to the cube by the year total). At most two small LPs per sensitive cell, most
    skipped: for the sample (~350 cube cells, ~1,000 cells) a few seconds, once per public link (cached). Larger datasets keep the problem small in two ways: commodities and destinations beyond the
    `max_categories` largest are published as one "other" group per dimension, and when the cube still has more
    than `max_cube_cells` cells the crossed tables are not published (the public view then shows each dimension
    by year, the totals and the months, and says the rest is not available under that filter). The unknowns are
    then each dimension's cells by year (each dimension adds up to the year's months): a viewer sees no cross,
    not even which combinations exist (the public dataset lists each dimension's keys apart), so there is no
    cube to protect, and the programmes stay as small as the tables.

What it does not do
    It protects against a viewer of the public view and against any one exporter who knows its own figures (the
    p% rule), for every published cell, every cube cell and every line's suppressed rest. Other combinations of
    suppressed cells are covered by the LP protection of their members only; coalitions of exporters pooling
    their figures, and someone who knows which months a company exported in, are not protected against. Exporter counts are published for published cells only (counts
    are not magnitudes, but a count of 1 or 2 would point at a suppressed cell).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

import numpy as np
import polars as pl

from pekalongan.schema import Column

if TYPE_CHECKING:  # scipy is imported where a public view is built (~0.5 s of a cold server's first page otherwise)
    from scipy.sparse import csr_matrix

YEAR: Final = Column.YEAR
MONTH: Final = Column.MONTH
DIMENSIONS: Final = (Column.COMMODITY, Column.DESTINATION, Column.EXPORTER_TYPE)
OTHER: Final = "__lainnya__"  # the group of commodities or destinations beyond the largest `max_categories`
UNNAMED: Final = "\x00tanpa nama"  # the one contributor that stands for every row without an exporter's name
MONTHS: Final = (MONTH,)


@dataclass(frozen=True)
class Rules:
    """The rules of disclosure control, as data."""

    min_contributors: int = 3  # threshold rule
    p_percent: float = 10.0  # p% rule
    max_categories: int = 40  # commodities / destinations named in the public view; the rest is one group
    max_cube_cells: int = 1500  # above this, the crossed tables are not published (the LPs stay small)


RULES: Final = Rules()


def tables_for(cube_cells: int, rules: Rules = RULES) -> tuple[tuple[str, ...], ...]:
    """How many cube cells -> the tables (dimensions besides the year) the public view publishes."""
    most = len(DIMENSIONS) - 1 if cube_cells <= rules.max_cube_cells else 1
    return tuple(
        combo for size in range(0, most + 1) for combo in itertools.combinations(DIMENSIONS, size)
    ) + (MONTHS,)


def protection_needed(values: Iterable[float], rules: Rules = RULES) -> float:
    """contributions of one cell -> the protection it needs (0 when it is safe to publish).

    [100] -> 10.0 (one exporter); [60, 40] -> 10.0; [50, 30, 20] -> 0.0; [90, 5, 3] -> 6.0 (p% rule fails)
    """
    xs = sorted((float(v) for v in values), reverse=True)
    if not xs:
        return 0.0
    total = sum(xs)
    x1 = xs[0]
    x2 = xs[1] if len(xs) > 1 else 0.0
    p = rules.p_percent / 100
    need = max(p * x1 - (total - x1 - x2), 0.0)
    if len(xs) < rules.min_contributors:
        need = max(need, p * abs(total), p * abs(x1))
    return need


def is_sensitive(values: Iterable[float], rules: Rules = RULES) -> bool:
    """contributions of one cell -> True when the cell may not be published."""
    xs = list(values)
    return 0 < len(xs) < rules.min_contributors or protection_needed(xs, rules) > 0


# --- The cells --------------------------------------------------------------------------------------------------


def contributions(records: pl.DataFrame, rules: Rules = RULES) -> pl.DataFrame:
    """records -> year | month | commodity | destination | exporter_type | exporter | value_usd, text keys, one row
    per exporter and finest cell; commodities and destinations beyond the largest `max_categories` become OTHER."""
    frame = records.select(
        pl.col(YEAR),
        pl.col(MONTH),
        *[pl.col(d).cast(pl.String) for d in DIMENSIONS],
        pl.col(Column.EXPORTER).cast(pl.String).fill_null(UNNAMED),
        pl.col(Column.VALUE_USD).fill_null(0.0),
    ).filter(pl.col(YEAR).is_not_null())
    for column in (Column.COMMODITY, Column.DESTINATION):
        kept = (
            frame.group_by(column).agg(pl.col(Column.VALUE_USD).sum())
            .sort([Column.VALUE_USD, column], descending=[True, False], nulls_last=True)
            .head(rules.max_categories).get_column(column)
        )
        if frame.get_column(column).n_unique() > rules.max_categories:
            frame = frame.with_columns(
                pl.when(pl.col(column).is_in(kept.drop_nulls().to_list()) | (pl.col(column).is_null() & kept.is_null().any()))
                .then(pl.col(column)).otherwise(pl.lit(OTHER)).alias(column)
            )
    return frame.group_by(YEAR, MONTH, *DIMENSIONS, Column.EXPORTER).agg(pl.col(Column.VALUE_USD).sum())


def _cells_of(contrib: pl.DataFrame, dims: tuple[str, ...], rules: Rules) -> pl.DataFrame:
    """contributions -> year | dims | value | n | need: one row per cell of the table year x dims."""
    keys = [YEAR, *dims]
    per_exporter = contrib.group_by(*keys, Column.EXPORTER).agg(pl.col(Column.VALUE_USD).sum())
    cells = per_exporter.group_by(keys).agg(pl.col(Column.VALUE_USD).alias("__values"))
    needs = [protection_needed(v, rules) for v in cells.get_column("__values").to_list()]
    return cells.select(
        *keys,
        pl.col("__values").list.sum().alias("value"),
        pl.col("__values").list.len().alias("n"),
        pl.Series("need", needs, dtype=pl.Float64),
    )


@dataclass(frozen=True)
class Cell:
    """One published or suppressed cell: its value and exporter count are None when it is suppressed."""

    value: float | None
    exporters: int | None


@dataclass(frozen=True)
class Protection:
    """The public view's tables: for each table (dimensions besides the year), (year, *keys) -> Cell."""

    tables: dict[tuple[str, ...], dict[tuple, Cell]]
    rules: Rules = RULES
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # dimension -> key -> Indonesian name
    years: tuple[int, ...] = ()
    new_exporters: dict[int, int | None] = field(default_factory=dict)  # first seen that year (a count)

    def published(self, dims: Iterable[str]) -> bool:
        return tuple(d for d in DIMENSIONS if d in set(dims)) in self.tables or tuple(dims) == MONTHS

    def table(self, dims: Iterable[str]) -> dict[tuple, Cell] | None:
        wanted = set(dims)
        key = MONTHS if wanted == {MONTH} else tuple(d for d in DIMENSIONS if d in wanted)
        return self.tables.get(key)

    @property
    def suppressed(self) -> int:
        return sum(1 for cells in self.tables.values() for c in cells.values() if c.value is None)


# --- The linear system --------------------------------------------------------------------------------------------


@dataclass
class _System:
    """Cells of every published table as rows over the unknowns (cube cells, then month cells)."""

    cells: pl.DataFrame  # table | year | key (tuple as list) | value | n | need | row index
    matrix: csr_matrix  # cells x unknowns, 0/1
    link: csr_matrix  # one row per year: its months minus its cube cells = 0
    values: np.ndarray  # the unknowns' true values
    lower: np.ndarray  # their lower bounds (0, or the value itself when negative)
    tables: tuple[tuple[str, ...], ...]


def _indicator(cube: pl.DataFrame, cells: pl.DataFrame, keys: list[str], offset: int) -> tuple[list, list]:
    """unknowns and the cells of one table -> (cell rows, unknown columns) of the 1s."""
    joined = cube.join(cells.select(*keys, "__row"), on=keys, how="inner", nulls_equal=True)
    return joined.get_column("__row").to_list(), (joined.get_column("__var") + offset).to_list()


def _blocks(contrib: pl.DataFrame, crossed: bool) -> list[tuple[tuple[str, ...], pl.DataFrame]]:
    """The unknowns, in blocks: the months of each year first, then the cube (when crossed tables are published)
    or each dimension's cells by year. Every block adds up to the year's total."""
    blocks: list[tuple[tuple[str, ...], pl.DataFrame]] = []
    offset = 0
    for dims in (MONTHS, *((DIMENSIONS,) if crossed else tuple((d,) for d in DIMENSIONS))):
        block = contrib.group_by(YEAR, *dims).agg(pl.col(Column.VALUE_USD).sum()).sort(YEAR, *dims, nulls_last=True)
        block = block.with_row_index("__var", offset=offset).with_columns(pl.col("__var").cast(pl.Int64))
        blocks.append((dims, block))
        offset += block.height
    return blocks


def _block_of(dims: tuple[str, ...], blocks: list[tuple[tuple[str, ...], pl.DataFrame]]) -> pl.DataFrame:
    """The block a table's cells are sums of: the months for the year totals and months, else the first block
    whose dimensions hold the table's."""
    if dims in ((), MONTHS):
        return blocks[0][1]
    return next(block for block_dims, block in blocks[1:] if set(dims) <= set(block_dims))


def _system(contrib: pl.DataFrame, tables: tuple[tuple[str, ...], ...], rules: Rules) -> _System:
    """contributions, tables -> the linear system of the public view's cells."""
    from scipy.sparse import coo_matrix
    blocks = _blocks(contrib, crossed=any(len(d) > 1 and d != MONTHS for d in tables))
    frames, rows, cols, start = [], [], [], 0
    for dims in tables:
        cells = _cells_of(contrib, dims, rules).sort(YEAR, *dims, nulls_last=True)
        cells = cells.with_row_index("__row", offset=start).with_columns(pl.col("__row").cast(pl.Int64))
        r, c = _indicator(_block_of(dims, blocks), cells, [YEAR, *dims], 0)
        rows += r
        cols += c
        frames.append(cells.select(
            pl.lit("|".join(dims)).alias("table"), YEAR,
            pl.concat_list([pl.col(d).cast(pl.String) for d in dims]).alias("key") if dims else
            pl.lit([], pl.List(pl.String)).alias("key"),
            "value", "n", "need", "__row",
        ))
        start += cells.height
    n_vars = sum(block.height for _, block in blocks)
    matrix = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(start, n_vars)).tocsr()
    months = blocks[0][1]
    years = sorted(set(months.get_column(YEAR).to_list()))
    year_of = {y: i for i, y in enumerate(years)}
    link_rows, link_cols, link_vals = [], [], []
    for i, (_, block) in enumerate(blocks[1:]):  # each block adds up to the year's months
        for frame, sign in ((months, 1.0), (block, -1.0)):
            link_rows += [i * len(years) + year_of[y] for y in frame.get_column(YEAR)]
            link_cols += frame.get_column("__var").to_list()
            link_vals += [sign] * frame.height
    link = coo_matrix((link_vals, (link_rows, link_cols)), shape=((len(blocks) - 1) * len(years), n_vars)).tocsr()
    values = np.concatenate([block.get_column(Column.VALUE_USD).to_numpy() for _, block in blocks])
    return _System(pl.concat(frames), matrix, link, values, np.minimum(values, 0.0), tables)


def _costs(system: _System) -> np.ndarray:
    """One cost per cell: its value (small cells go first), the year totals far above everything else."""
    values = np.abs(system.cells.get_column("value").to_numpy())
    scale = float(values.max()) if values.size else 1.0
    costs = values + scale * 1e-3
    year_totals = (system.cells.get_column("table") == "").to_numpy()
    costs[year_totals] = scale * 1e3
    return costs


@dataclass
class _Perturbation:
    """The linear programme of secondary suppression, built once: every cell's change is the change of its
    unknowns (A d - s+ + s- = 0); a published cell's change costs, a suppressed one's is free, and the target's
    is fixed through the bounds of its s+ and s-, so only costs and bounds differ from one solve to the next."""

    system: _System
    a_eq: csr_matrix
    b_eq: np.ndarray
    costs: np.ndarray

    @classmethod
    def build(cls, system: _System) -> _Perturbation:
        from scipy.sparse import csr_matrix, hstack, identity, vstack
        n_cells = system.matrix.shape[0]
        eye = identity(n_cells, format="csr")
        zeros = csr_matrix((system.link.shape[0], 2 * n_cells))
        a_eq = vstack([hstack([system.matrix, -eye, eye]), hstack([system.link, zeros])]).tocsr()
        return cls(system, a_eq, np.zeros(a_eq.shape[0]), _costs(system))

    def moved(self, suppressed: np.ndarray, target: int, amount: float) -> tuple[np.ndarray, np.ndarray | None]:
        """The cheapest change of the unknowns that moves cell `target` by `amount` while every published cell
        but the ones it pays to change keeps its value -> (the cells it changes, the change of the unknowns);
        no cells and None when no such change exists."""
        from scipy.optimize import linprog
        system = self.system
        n_vars, n_cells = system.matrix.shape[1], system.matrix.shape[0]
        cost = np.where(suppressed, 0.0, self.costs)
        c = np.concatenate([np.zeros(n_vars), cost, cost])
        low = np.concatenate([system.lower - system.values, np.zeros(2 * n_cells)])
        high = np.full(n_vars + 2 * n_cells, np.inf)
        up, down = n_vars + target, n_vars + n_cells + target
        low[up] = high[up] = max(amount, 0.0)
        low[down] = high[down] = max(-amount, 0.0)
        result = linprog(c, A_eq=self.a_eq, b_eq=self.b_eq, bounds=np.column_stack([low, high]), method="highs")
        if result.status != 0:
            return np.array([], dtype=int), None
        change = result.x[n_vars: n_vars + n_cells] + result.x[n_vars + n_cells:]
        return np.flatnonzero((change > max(abs(amount), 1.0) * 1e-7) & ~suppressed), result.x[:n_vars]


def _reach(system: _System, d: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A change d of the unknowns that keeps every published cell -> how far it (scaled, and reversed) can move
    each cell up and down while no unknown passes its lower bound. Suppressing more never invalidates it, so a
    primary it already moves far enough needs no programme of its own."""
    room = system.values - system.lower
    falling, rising = d < -1e-12, d > 1e-12
    forward = np.min(room[falling] / -d[falling]) if falling.any() else np.inf
    backward = np.min(room[rising] / d[rising]) if rising.any() else np.inf
    cells = system.matrix @ d
    with np.errstate(invalid="ignore"):
        up = np.maximum(np.where(cells > 0, cells * forward, 0.0), np.where(cells < 0, -cells * backward, 0.0))
        down = np.maximum(np.where(cells < 0, -cells * forward, 0.0), np.where(cells > 0, cells * backward, 0.0))
    return np.nan_to_num(up, nan=0.0), np.nan_to_num(down, nan=0.0)


def _suppress(system: _System, unpublished: tuple[str, ...], rules: Rules = RULES,
              start: np.ndarray | None = None) -> np.ndarray:
    """The linear system -> which cells are suppressed (primary and secondary). The cells of `unpublished` tables
    (the full cube, the suppressed rests) are never shown, but their sensitive cells must stay undetermined too.
    With `start` (an earlier pass's suppressions, whose primaries stay protected), only the rows beyond it are
    protected now."""
    need = system.cells.get_column("need").to_numpy()
    n = system.cells.get_column("n").to_numpy()
    primary = (need > 0) | (n < rules.min_contributors)
    suppressed = primary | system.cells.get_column("table").is_in(list(unpublished)).to_numpy()
    todo = np.ones(need.size, dtype=bool)
    if start is not None:
        suppressed[: start.size] |= start
        todo[: start.size] = False
    programme = _Perturbation.build(system)
    reach = {1.0: np.zeros(need.size), -1.0: np.zeros(need.size)}
    tolerance = 1e-6 * np.maximum(np.abs(system.cells.get_column("value").to_numpy()), 1.0)
    for row in np.argsort(-system.cells.get_column("value").to_numpy(), kind="stable"):
        if need[row] <= 0 or not todo[row]:
            continue
        for direction in (1.0, -1.0):
            if reach[direction][row] >= need[row] - tolerance[row]:
                continue
            moved, d = programme.moved(suppressed, int(row), direction * need[row])
            suppressed[moved] = True
            if d is not None:
                up, down = _reach(system, d)
                reach[1.0] = np.maximum(reach[1.0], up)
                reach[-1.0] = np.maximum(reach[-1.0], down)
    return suppressed


REST: Final = "__rest__"  # the sum of a line's suppressed cells, which its published total gives away


def _lines(system: _System, dims: tuple[str, ...]) -> Iterable[tuple[int, list[int]]]:
    """A published table -> (row of the margin, rows of its cells) for every line: cells equal but in one key."""
    cells = system.cells.filter(pl.col("table") == "|".join(dims)).select(YEAR, "key", "__row").rows()
    for free in range(len(dims)):
        rest = tuple(d for i, d in enumerate(dims) if i != free)
        margins = system.cells.filter(pl.col("table") == "|".join(rest)).select(YEAR, "key", "__row").rows()
        margin_of = {(y, *key): row for y, key, row in margins}
        members: dict[tuple, list[int]] = {}
        for y, key, row in cells:
            members.setdefault((y, *key[:free], *key[free + 1:]), []).append(row)
        for line, rows in members.items():
            if line in margin_of:
                yield margin_of[line], rows


def _sensitive_rests(system: _System, suppressed: np.ndarray, contrib: pl.DataFrame,
                     published: tuple[tuple[str, ...], ...], rules: Rules) -> list[tuple[list[int], float, float, int]]:
    """Lines whose total is published and whose suppressed cells (two or more, some cells published) add up to a
    sensitive figure: (their rows, protection needed, value, contributors). Each of two exporters would otherwise
    get the other's figure from the total minus the published cells."""
    parts = _parts(system, contrib)
    found = []
    for dims in published:
        if not dims:
            continue
        for margin, rows in _lines(system, dims):
            hidden = [r for r in rows if suppressed[r]]
            if suppressed[margin] or len(hidden) < 2 or len(hidden) == len(rows):
                continue
            union: dict[str, float] = {}
            for r in hidden:
                for who, v in parts[r].items():
                    union[who] = union.get(who, 0.0) + v
            need = protection_needed(union.values(), rules)
            if need > 0:
                found.append((hidden, need, sum(union.values()), len(union)))
    return found


def _parts(system: _System, contrib: pl.DataFrame) -> dict[int, dict[str, float]]:
    """Each cell's row -> {exporter: its part}."""
    out: dict[int, dict[str, float]] = {}
    for dims in system.tables:
        keys = [YEAR, *dims]
        per = contrib.group_by(*keys, Column.EXPORTER).agg(pl.col(Column.VALUE_USD).sum())
        rows = system.cells.filter(pl.col("table") == "|".join(dims)).select(
            YEAR, *[pl.col("key").list.get(i).alias(d) for i, d in enumerate(dims)], "__row")
        if dims == MONTHS:
            rows = rows.with_columns(pl.col(MONTH).cast(per.schema[MONTH]))
        joined = per.join(rows, on=keys, how="inner", nulls_equal=True)
        for row, who, value in joined.select("__row", Column.EXPORTER, Column.VALUE_USD).iter_rows():
            out.setdefault(row, {})[who] = value
    return out


def _with_rests(system: _System, rests: list[tuple[list[int], float, float, int]]) -> _System:
    """The system with one more unpublished row per sensitive rest (the sum of its cells' rows)."""
    from scipy.sparse import csr_matrix, vstack
    start = system.matrix.shape[0]
    extra = vstack([csr_matrix(system.matrix[rows].sum(axis=0)) for rows, *_ in rests]).tocsr()
    frame = pl.DataFrame({
        "table": [REST] * len(rests), YEAR: [int(system.cells.row(rows[0], named=True)[YEAR]) for rows, *_ in rests],
        "key": [[str(r) for r in rows] for rows, *_ in rests], "value": [v for _, _, v, _ in rests],
        "n": [n for *_, n in rests], "need": [need for _, need, _, _ in rests],
        "__row": list(range(start, start + len(rests))),
    }, schema=system.cells.schema)
    return _System(pl.concat([system.cells, frame]), vstack([system.matrix, extra]).tocsr(), system.link,
                   system.values, system.lower, system.tables)


def _interval(system: _System, published: np.ndarray, row: int) -> tuple[float, float]:
    """The least and greatest value of cell `row` consistent with the published cells and the year links."""
    from scipy.optimize import linprog
    from scipy.sparse import vstack
    a_eq = vstack([system.matrix[published], system.link]).tocsr()
    b_eq = np.concatenate([system.matrix[published] @ system.values, np.zeros(system.link.shape[0])])
    bounds = np.column_stack([system.lower, np.full(system.values.size, np.inf)])
    objective = system.matrix[[row]].toarray().ravel()
    low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
    high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
    return (float(low.fun) if low.status == 0 else -np.inf, -float(high.fun) if high.status == 0 else np.inf)


# --- Building the public view ----------------------------------------------------------------------------------


def _labels(records: pl.DataFrame) -> dict[str, dict[str, str]]:
    """records -> {'destination': {'SGP': 'Singapura', ...}} (Indonesian names; other languages at the edge)."""
    pairs = records.select(pl.col(Column.DESTINATION).cast(pl.String), pl.col(Column.DESTINATION_NAME).cast(pl.String))
    names = {k: v for k, v in pairs.unique(Column.DESTINATION).iter_rows() if k is not None and v is not None}
    return {Column.DESTINATION: names}


def _new_exporters(contrib: pl.DataFrame) -> dict[int, int | None]:
    """contributions -> {year: exporters first seen that year} (None for the first year: everyone is new)."""
    named = contrib.filter(pl.col(Column.EXPORTER) != UNNAMED)
    firsts = named.group_by(Column.EXPORTER).agg(pl.col(YEAR).min()).group_by(YEAR).len()
    years = sorted(set(contrib.get_column(YEAR).to_list()))
    counts = dict(firsts.iter_rows())
    return {y: (None if i == 0 else int(counts.get(y, 0))) for i, y in enumerate(years)}


def _protect(records: pl.DataFrame, rules: Rules) -> tuple[_System, np.ndarray, pl.DataFrame, tuple]:
    contrib = contributions(records, rules)
    cube_cells = contrib.select(pl.struct(YEAR, *DIMENSIONS).n_unique()).item() if contrib.height else 0
    published = tables_for(cube_cells, rules)
    # Tables never shown still have sensitive cells a viewer could aim at: they are protected, never published.
    # Without the crossed tables the unknowns are each dimension's cells (a viewer sees no cross of them), so
    # there is no cube to protect.
    crossed = any(len(d) > 1 and d != MONTHS for d in published)
    extra = tuple(combo for size in range(1, len(DIMENSIONS) + 1) for combo in itertools.combinations(DIMENSIONS, size)
                  if combo not in published) if crossed else ()
    system = _system(contrib, published + extra, rules)
    hidden = (*("|".join(d) for d in extra), REST)
    suppressed = _suppress(system, hidden, rules)
    for _ in range(8):  # each pass protects the rests the previous one left sensitive; one or two suffice
        rests = _sensitive_rests(system, suppressed, contrib, published, rules)
        if not rests:
            break
        before = suppressed
        system = _with_rests(system, rests)
        suppressed = _suppress(system, hidden, rules, start=before)
    return system, suppressed, contrib, published


def protect(records: pl.DataFrame, rules: Rules = RULES) -> Protection:
    """records -> the public view's tables, every sensitive cell and its complements suppressed."""
    if records.is_empty():
        return Protection({}, rules)
    system, suppressed, contrib, published = _protect(records, rules)
    tables: dict[tuple[str, ...], dict[tuple, Cell]] = {dims: {} for dims in system.tables}
    unpublished = set(system.tables) - set(published)
    by_name = {"|".join(dims): dims for dims in system.tables}
    for (table, year, key, value, n), hidden in zip(
        system.cells.select("table", YEAR, "key", "value", "n").iter_rows(), suppressed, strict=True
    ):
        dims = by_name.get(table)
        if dims is None or dims in unpublished:
            continue
        key = tuple(int(k) if dims == MONTHS and k is not None else k for k in key)
        tables[dims][(int(year), *key)] = Cell(None, None) if hidden else Cell(float(value), int(n))
    years = tuple(sorted({k[0] for k in tables[()]}))
    tables = {dims: cells for dims, cells in tables.items() if dims not in unpublished}
    return Protection(tables, rules, _labels(records), years, _new_exporters(contrib))


@dataclass(frozen=True)
class Finding:
    """A suppressed sensitive cell whose feasible interval is narrower than its protection."""

    table: str
    year: int
    key: tuple
    value: float
    need: float
    low: float
    high: float


def audit(records: pl.DataFrame, rules: Rules = RULES) -> list[Finding]:
    """records -> every sensitive cell the published cells pin down closer than its protection (none: safe)."""
    if records.is_empty():
        return []
    system, suppressed, _, _ = _protect(records, rules)
    published = np.flatnonzero(~suppressed)
    findings = []
    for row, (table, year, key, value, need) in enumerate(
        system.cells.select("table", YEAR, "key", "value", "need").iter_rows()
    ):
        if need <= 0:
            continue
        low, high = _interval(system, published, row)
        tolerance = 1e-6 * max(abs(value), 1.0)
        if suppressed[row] and low <= value - need + tolerance and high >= value + need - tolerance:
            continue
        findings.append(Finding(table, int(year), tuple(key), float(value), float(need), low, high))
    return findings


def cell_values(protection: Protection, dims: tuple[str, ...]) -> Mapping[tuple, Cell]:
    """The cells of one published table (empty when it is not published)."""
    return protection.table(dims) or {}
