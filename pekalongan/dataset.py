"""The dataset: clean export records, the year's targets and how the files were read. A frozen domain value that
the reader produces, the store saves and opens, and the pages read; it holds no cache of its own.

A stored dataset of national size (`pekalongan.rollup`) opens with its summaries and its records still on disk
(`LazyRecords`): `records` reads them the first time something asks, and `select` scans only the rows a
drill-down picks."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import polars as pl

from pekalongan.report import Report
from pekalongan.schema import conform_records

if TYPE_CHECKING:
    from pekalongan.disclosure import Protection
    from pekalongan.plan import ReadingPlan
    from pekalongan.rollup import Summaries


class LazyRecords:
    """Records in a Parquet file, not read until asked: `frame()` reads them whole once (then keeps them),
    `scan()` gives a lazy scan of the file for a filter to be pushed into. `rows` is known without reading."""

    def __init__(self, rows: int, read: Callable[[], pl.DataFrame], scan: Callable[[], pl.LazyFrame]) -> None:
        self.rows = rows
        self._read, self._scan = read, scan
        self._frame: pl.DataFrame | None = None
        self.scans = 0  # how many scans of the file were asked for (a drill-down's, a heatmap's)
        self._lock = threading.Lock()  # sessions of one server share the dataset: one of them reads the file

    @property
    def loaded(self) -> bool:
        return self._frame is not None

    def frame(self) -> pl.DataFrame:
        if self._frame is None:
            with self._lock:
                if self._frame is None:
                    self._frame = conform_records(self._read())
        return self._frame

    def scan(self) -> pl.LazyFrame:
        self.scans += 1
        return self._scan()


@dataclass(frozen=True)
class Dataset:
    """Clean export records, the year's targets and exchange rates, and the report of how they were read.

    `records` may be given as a `LazyRecords` (a stored national-size dataset): then it is read on first use."""

    records: pl.DataFrame = field(repr=False, compare=False)
    targets: pl.DataFrame  # year, target_usd, target_idr, rate_idr
    report: Report
    files: list[str] = field(default_factory=list)
    created: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    is_sample: bool = False
    # A public link's dataset: the protected tables every public figure comes from (its records hold no value).
    protection: Protection | None = field(default=None, compare=False, repr=False)
    # How the files were read (`pekalongan.plan`): inferred, or as the official corrected it; saved with it.
    plan: ReadingPlan | None = field(default=None, compare=False, repr=False)
    # A national-size dataset's summary tables (`pekalongan.rollup`): the pages read these, not the records.
    summaries: Summaries | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if isinstance(self.__dict__.get("records"), LazyRecords):
            # Not an attribute until read: `records` is then answered by __getattr__, which reads the file once.
            object.__setattr__(self, "_lazy", self.__dict__.pop("records"))

    def __getattr__(self, name: str) -> Any:
        lazy = self.__dict__.get("_lazy")
        if name == "records" and lazy is not None:
            return lazy.frame()
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    @property
    def lazy(self) -> LazyRecords | None:
        """The records' holder when they are kept on disk until asked (None: they are in memory)."""
        return self.__dict__.get("_lazy")

    @property
    def is_empty(self) -> bool:
        lazy = self.lazy
        return lazy.rows == 0 if lazy is not None else self.records.is_empty()

    def select(self, predicate: pl.Expr, columns: Sequence[str] | None = None) -> pl.DataFrame:
        """The records `predicate` picks (only `columns`, the others null), as records: on records kept on disk, a
        scan of the file with the filter pushed down (its row groups' statistics skip what cannot match), never the
        whole file in memory."""
        lazy = self.lazy
        source = lazy.scan() if lazy is not None and not lazy.loaded else self.records.lazy()
        picked = source.filter(predicate)
        if columns is not None:
            picked = picked.select(list(columns))
        return conform_records(picked.collect())
