"""What the public view shows under a viewer's filters, read only from the protected tables of `disclosure`.

Every figure here is a published cell or a sum of published cells; a sum that would need a suppressed cell is
None ("dirahasiakan"), and a view whose filters would need a table that is not published is None as a whole
(the page says it is not available under those filters). Nothing here ever sees a record. The exporter filter
does not exist here: `selection` drops it whatever the URL says.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from pekalongan.disclosure import DIMENSIONS, MONTH, MONTHS, OTHER, Cell, Protection
from pekalongan.filters import Filters
from pekalongan.formulas import change_pct, ratio_pct, trend_pct
from pekalongan.i18n import t
from pekalongan.names import display_name
from pekalongan.schema import EXPORTER_TYPES, Column

_CATCH_ALL: Final = frozenset({"lainnya", "lain-lain", "lain lain", "others", "other", "dll"})
Series = dict[str | None, dict[int, float | None]]  # key -> year -> value (None: suppressed)


@dataclass(frozen=True)
class Selection:
    """The viewer's filters as the public view reads them: years, and per dimension the keys or None (all)."""

    years: tuple[int, ...]
    chosen: tuple[tuple[str, frozenset | None], ...]  # (dimension, keys or None), in DIMENSIONS order

    def of(self, dim: str) -> frozenset | None:
        return dict(self.chosen)[dim]

    @property
    def filtered(self) -> tuple[str, ...]:
        return tuple(d for d, keys in self.chosen if keys is not None)


def _keys(protection: Protection, dim: str) -> set:
    table = protection.table((dim,)) or {}
    return {k[1] for k in table}


def selection(protection: Protection, filters: Filters) -> Selection:
    """Filters -> Selection; the exporter filter is ignored, and a choice of every key means "all"."""
    years = tuple(y for y in protection.years
                  if (filters.year_from is None or y >= filters.year_from)
                  and (filters.year_to is None or y <= filters.year_to))
    chosen = []
    for dim, keys in zip(DIMENSIONS, (filters.commodities, filters.destinations, filters.exporter_types), strict=True):
        present = _keys(protection, dim)
        picked = frozenset(keys) if keys else None
        if picked is not None and present and present <= picked:
            picked = None
        chosen.append((dim, picked))
    return Selection(years, tuple(chosen))


def _add(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a + b


def _cells(protection: Protection, sel: Selection, dims: Iterable[str]) -> tuple[tuple[str, ...], list] | None:
    """The cells of the table year x dims x filtered dims that the selection keeps: (table dims, [(key, cell)])."""
    wanted = set(dims) | set(sel.filtered)
    table_dims = tuple(d for d in DIMENSIONS if d in wanted)
    table = protection.table(table_dims)
    if table is None:
        return None
    years = set(sel.years)
    kept = []
    for key, cell in table.items():
        if key[0] not in years:
            continue
        named = dict(zip(table_dims, key[1:], strict=True))
        if all(sel.of(d) is None or named[d] in sel.of(d) for d in sel.filtered):
            kept.append((named, key[0], cell))
    return table_dims, kept


def series(protection: Protection, sel: Selection, by: str | None) -> Series | None:
    """{key: {year: value}} of one dimension (by=None: the total, key None); None when not available."""
    found = _cells(protection, sel, () if by is None else (by,))
    if found is None:
        return None
    out: Series = {}
    for named, year, cell in found[1]:
        key = None if by is None else named[by]
        row = out.setdefault(key, {})
        row[year] = _add(row.get(year, 0.0), cell.value)
    return out


def totals(protection: Protection, sel: Selection) -> dict[int, float | None] | None:
    """{year: value} of the selection; None when not available."""
    found = series(protection, sel, None)
    return None if found is None else found.get(None, {})


def matrix(protection: Protection, sel: Selection) -> dict[tuple[str, str], float | None] | None:
    """{(commodity, destination): value over the selected years}; None when not available."""
    found = _cells(protection, sel, (Column.COMMODITY, Column.DESTINATION))
    if found is None:
        return None
    out: dict[tuple[str, str], float | None] = {}
    for named, _, cell in found[1]:
        key = (named[Column.COMMODITY], named[Column.DESTINATION])
        out[key] = _add(out.get(key, 0.0), cell.value)
    return out


def months(protection: Protection, sel: Selection) -> dict[tuple[int, int], float | None] | None:
    """{(year, month): value}, months known only; None under a commodity, destination or type filter."""
    if sel.filtered:
        return None
    table = protection.tables.get(MONTHS, {})
    return {(k[0], k[1]): c.value for k, c in table.items() if k[0] in set(sel.years) and k[1] is not None}


def cumulative(protection: Protection, sel: Selection) -> tuple[int, int, float | None, float | None] | None:
    """(year, through month, Jan..month of the year, the same of the year before) for the last selected year."""
    if sel.filtered or not sel.years:
        return None
    table = protection.tables.get(MONTHS, {})
    year = sel.years[-1]
    known = [k[1] for k in table if k[0] == year and k[1] is not None]
    if not known:
        return None
    through = max(known)

    def upto(y: int) -> float | None:
        cells = [c for k, c in table.items() if k[0] == y and k[1] is not None and k[1] <= through]
        if not cells:
            return None
        total: float | None = 0.0
        for c in cells:
            total = _add(total, c.value)
        return total

    previous = upto(year - 1) if any(k[0] == year - 1 and k[1] is not None for k in table) else None
    return year, through, upto(year), previous


def exporters(protection: Protection, sel: Selection) -> dict[int, int | None]:
    """{year: exporters} where the selection is one published cell; None elsewhere (counts do not add up)."""
    found = _cells(protection, sel, ())
    if found is None or any(len(sel.of(d)) != 1 for d in sel.filtered):
        return dict.fromkeys(sel.years)
    return {year: cell.exporters for _, year, cell in found[1]}


def range_sum(values: Mapping[int, float | None], years: Iterable[int]) -> float | None:
    """{year: value} -> the sum over `years` (years without a cell count 0; a suppressed one makes it None)."""
    total: float | None = 0.0
    for year in years:
        total = _add(total, values.get(year, 0.0))
    return total


# --- Labels, rankings, tables ---------------------------------------------------------------------------------


def label(protection: Protection, dim: str, key: str | None, lang: str = "id") -> str:
    """A key -> its name in the viewer's language ('SGP' -> 'Singapura'; OTHER -> 'Lainnya')."""
    if key is None:  # an exporter type nobody wrote down is unknown, never "confidential"
        return t("exporter_type.unknown" if dim == Column.EXPORTER_TYPE else "agg.blank", lang)
    if key == OTHER:
        return t("public.other_group", lang)
    if dim == Column.EXPORTER_TYPE and key in EXPORTER_TYPES:
        return t(f"exporter_type.{key}", lang)
    if dim == Column.DESTINATION:
        name = protection.labels.get(dim, {}).get(key)
        return name or key if lang == "id" or len(key) != 3 else display_name(key, lang)
    return key


@dataclass(frozen=True)
class Ranking:
    """Published keys largest first (key, label, value) and what is suppressed: how many, and their sum when it
    follows from published figures (the total minus the published keys)."""

    rows: list[tuple[str | None, str, float]]
    hidden: int
    hidden_value: float | None


def ranking(protection: Protection, sel: Selection, dim: str, lang: str = "id") -> Ranking | None:
    """The dimension over the selected years: the published keys, and one line for the suppressed ones."""
    found = series(protection, sel, dim)
    if found is None:
        return None
    rows, hidden = [], 0
    for key, values in found.items():
        value = range_sum(values, sel.years)
        if value is None:
            hidden += 1
        else:
            rows.append((key, label(protection, dim, key, lang), value))
    rows.sort(key=lambda r: (r[0] == OTHER, -r[2], str(r[0])))
    whole = totals(protection, sel)
    total = None if whole is None else range_sum(whole, sel.years)
    hidden_value = None if total is None or not hidden else max(total - sum(r[2] for r in rows), 0.0)
    return Ranking(rows, hidden, hidden_value)


def standard_rows(protection: Protection, sel: Selection, dim: str | None, lang: str = "id") -> list[dict] | None:
    """The ministry's table from published cells: label, values per year, Perub, Peran, Trend (None: hidden or
    undefined); the total last. None when not available."""
    found = series(protection, sel, dim) if dim is not None else {}
    whole = totals(protection, sel)
    if found is None or whole is None:
        return None
    years = list(sel.years)
    last = years[-1] if years else None

    def row(name: str, values: Mapping[int, float | None], hidden_allowed: bool = True) -> dict:
        cells = {y: values.get(y, 0.0) for y in years}
        complete = all(v is not None for v in cells.values())
        current = cells.get(last) if last is not None else None
        previous = cells.get(last - 1) if last is not None and last - 1 in cells else None
        return {
            "label": name, "values": cells,
            "change_pct": change_pct(current, previous) if current is not None and previous is not None else None,
            "share_pct": ratio_pct(current, whole.get(last)) if current is not None else None,
            "trend_pct": trend_pct([cells[y] for y in years]) if complete else None,
            "hidden": not complete,
        }

    lines = [row(label(protection, dim, key, lang), values) for key, values in found.items()] if dim else []
    lines.sort(key=lambda r: (r["values"].get(last) is None, -(r["values"].get(last) or 0.0), r["label"]))
    return [*lines, row(t("agg.total", lang), whole)]


# --- The press paragraph --------------------------------------------------------------------------------------


def _leaders(protection: Protection, sel: Selection, dim: str, year: int, lang: str) -> list[str]:
    """The three largest published, named keys of one year (never a suppressed one, never a catch-all)."""
    one = Selection((year,), sel.chosen)
    found = ranking(protection, one, dim, lang)
    if found is None:
        return []
    named = [r for r in found.rows if r[0] not in (None, OTHER) and str(r[0]).lower() not in _CATCH_ALL]
    return [r[1] for r in named[:3]]


def narrative(protection: Protection, sel: Selection, targets: Mapping[int, float], lang: str = "id",
              files: Sequence[str] | None = None) -> str:
    """The press paragraph from published figures only: the year's value (of the selection, named), its change, the
    target, the leading published commodities and destinations (not of a dimension the selection fixes); a
    suppressed year total is said to be confidential. With `files`, the closing line with the source."""
    from pekalongan import narrative as words  # the wording is the app's; imported here, it never cycles

    if not sel.years:
        return t("narrative.no_data", lang, year="-")
    year = sel.years[-1]
    whole = totals(protection, Selection(tuple(protection.years), sel.chosen)) or {}
    value = whole.get(year)
    if year not in whole:
        return t("narrative.no_data", lang, year=year)
    if value is None:
        return t("public.narrative_hidden", lang, year=year)
    previous = whole.get(year - 1)
    change = change_pct(value, previous) if previous is not None else None
    goal = targets.get(year) if not sel.filtered else None
    chosen = {dim: sorted(keys) if keys is not None else [] for dim, keys in sel.chosen}
    places = [display_name(k, lang) for k in chosen.get(Column.DESTINATION, [])]
    phrase = words.selection_phrase(chosen.get(Column.COMMODITY, []), places, chosen.get(Column.EXPORTER_TYPE, []),
                                    [], lang)
    items = [] if chosen.get(Column.COMMODITY) else _leaders(protection, sel, Column.COMMODITY, year, lang)
    where = [] if chosen.get(Column.DESTINATION) else _leaders(protection, sel, Column.DESTINATION, year, lang)
    text = words.sentence(year, value, phrase,
                          [words.change_clause(change, year - 1 if change is not None else None, lang),
                           words.target_clause(goal, ratio_pct(value, goal), lang)],
                          words.leaders_clause(items if len(items) > 1 else [], where if len(where) > 1 else [], lang),
                          lang)
    return text if files is None else text + " " + words.closing(files, lang)


def published_cells(protection: Protection, sel: Selection) -> list[tuple[tuple[str, ...], int, dict, Cell]]:
    """Every cell of every published table the selection can read: (table dims, year, {dim: key}, cell). What the
    public downloads hold; a table that does not cross the filtered dimensions is left out."""
    out = []
    for dims in protection.tables:
        if dims == MONTHS:
            if sel.filtered:
                continue
            out += [(dims, k[0], {MONTH: k[1]}, c) for k, c in protection.tables[dims].items() if k[0] in sel.years]
            continue
        if not set(sel.filtered) <= set(dims):
            continue
        found = _cells(protection, sel, dims)
        out += [(dims, year, named, cell) for named, year, cell in (found[1] if found else [])]
    return out
