"""The Ministry of Trade's (Kemendag) standard percentages, in one place: Perub (change), Peran (share), Trend,
and the press's achievement against a target (see `docs/reference.md`).

Every other module reads these figures from here (aggregates compute them, renderers only format them). A figure
that is undefined (no base year, a zero or negative base, too few years) is None, never NaN or infinity, so it can
go to JSON and be shown as "-".
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import polars as pl


def finite(value: float | None) -> float | None:
    """1.5 -> 1.5; NaN / inf / None -> None"""
    return float(value) if value is not None and math.isfinite(value) else None


def change_pct(current: float | None, previous: float | None) -> float | None:
    """Perub (%): (110, 100) -> 10.0; (5, 0) -> None; (5, None) -> None; (5, -2) -> None"""
    current, previous = finite(current), finite(previous)
    # A change from a zero or negative base has no meaning (and would divide by zero or flip the sign).
    if current is None or previous is None or previous <= 0:
        return None
    return finite((current / previous - 1) * 100)


def ratio_pct(part: float | None, whole: float | None) -> float | None:
    """Peran (%) and achievement: (3995.6, 250652.3) -> 1.594...; (1, 0) -> None"""
    part, whole = finite(part), finite(whole)
    if part is None or whole is None or whole <= 0:
        return None
    return finite(part / whole * 100)


share_pct = ratio_pct  # Peran (%): value[t] / total[t] * 100
achievement_pct = ratio_pct  # realisation / target * 100, as the press computes it


def share_expr(part: pl.Expr, whole: float | None) -> pl.Expr:
    """Peran (%) of every row: (value_usd, 200.0) -> value_usd / 200 * 100; a whole of 0, None or NaN -> null."""
    whole = finite(whole)
    if whole is None or whole <= 0:
        return pl.repeat(None, pl.len(), dtype=pl.Float64)  # one null per row, in select and with_columns alike
    return part / whole * 100


def trend_pct(values: Sequence[float | None]) -> float | None:
    """Trend (%): [154940.8, 219362.1, 275906.1, 243605.9, 250652.3] -> 11.26...; [5] -> None; [5, 0] -> None"""
    # The ministry's definition: slope b of the least-squares line through ln(value) against the year index,
    # reported as (exp(b) - 1) * 100. Not the compound annual growth rate, which uses only the end points.
    if len(values) < 2 or any(finite(v) is None or v <= 0 for v in values):
        return None
    logs = [math.log(v) for v in values]
    n = len(logs)
    x_mean, y_mean = (n - 1) / 2, sum(logs) / n
    slope = sum((x - x_mean) * (y - y_mean) for x, y in enumerate(logs)) / sum((x - x_mean) ** 2 for x in range(n))
    try:
        return finite((math.exp(slope) - 1) * 100)
    except OverflowError:
        return None
