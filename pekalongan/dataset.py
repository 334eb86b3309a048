"""The dataset: clean export records, the year's targets and how the files were read. A frozen domain value that
the reader produces, the store saves and opens, and the pages read; it holds no cache of its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import polars as pl

from pekalongan.report import Report

if TYPE_CHECKING:
    from pekalongan.disclosure import Protection
    from pekalongan.plan import ReadingPlan


@dataclass(frozen=True)
class Dataset:
    """Clean export records, the year's targets and exchange rates, and the report of how they were read."""

    records: pl.DataFrame
    targets: pl.DataFrame  # year, target_usd, target_idr, rate_idr
    report: Report
    files: list[str] = field(default_factory=list)
    created: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    is_sample: bool = False
    # A public link's dataset: the protected tables every public figure comes from (its records hold no value).
    protection: Protection | None = field(default=None, compare=False, repr=False)
    # How the files were read (`pekalongan.plan`): inferred, or as the official corrected it; saved with it.
    plan: ReadingPlan | None = field(default=None, compare=False, repr=False)

    @property
    def is_empty(self) -> bool:
        return self.records.is_empty()
