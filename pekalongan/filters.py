"""What the official has selected, as one frozen value: it filters records, says itself in a sentence and
travels in the URL query string.

An empty selection means "all".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

import polars as pl

from pekalongan.i18n import t
from pekalongan.schema import EXPORTER_TYPES, Column


@dataclass(frozen=True)
class Filters:
    """Year range and selections; `()` means no restriction."""

    year_from: int | None = None
    year_to: int | None = None
    commodities: tuple[str, ...] = ()
    destinations: tuple[str, ...] = ()  # ISO alpha-3 codes, region keys or names as written
    exporter_types: tuple[str, ...] = ()  # among EXPORTER_TYPES
    exporters: tuple[str, ...] = ()

    def expression(self) -> pl.Expr:
        """Filters -> one polars predicate."""
        predicate = pl.lit(True)
        if self.year_from is not None:
            predicate &= pl.col(Column.YEAR) >= self.year_from
        if self.year_to is not None:
            predicate &= pl.col(Column.YEAR) <= self.year_to
        for column, chosen in (
            (Column.COMMODITY, self.commodities),
            (Column.DESTINATION, self.destinations),
            (Column.EXPORTER_TYPE, self.exporter_types),
            (Column.EXPORTER, self.exporters),
        ):
            if chosen:
                predicate &= pl.col(column).is_in(list(chosen))
        return predicate

    def apply(self, records: pl.DataFrame) -> pl.DataFrame:
        """records -> the records selected."""
        if self == Filters():
            return records
        return records.filter(self.expression())

    def without(self, *names: str) -> Filters:
        """The same filters with some fields cleared (e.g. the year range for a year-on-year view)."""
        return replace(self, **{n: (None if n.startswith("year") else ()) for n in names})

    def describe(self, lang: str = "id", destination_names: Mapping[str, str] | None = None) -> str:
        """Filters -> 'Tahun 2019–2020, komoditi Surimi, semua negara tujuan, semua jenis eksportir.'"""
        names = destination_names or {}
        if self.year_from is None and self.year_to is None:
            years = t("filters.all_years", lang)
        elif self.year_from == self.year_to:
            years = t("filters.year", lang, year=self.year_from)
        else:
            years = t("filters.years", lang, start=self.year_from or "…", end=self.year_to or "…")
        parts = [years]
        for key, chosen, label in (
            ("commodity", self.commodities, lambda v: v),
            ("destination", self.destinations, lambda v: names.get(v, v)),
            ("exporter_type", self.exporter_types, lambda v: t(f"exporter_type.{v}", lang)),
            ("exporter", self.exporters, lambda v: v),
        ):
            if chosen:
                shown = [label(v) for v in chosen[:4]]
                more = t("filters.more", lang, n=len(chosen) - 4) if len(chosen) > 4 else ""
                parts.append(t(f"filters.some_{key}", lang, items=_join(shown, lang) + more))
            else:
                parts.append(t(f"filters.all_{key}", lang))
        sentence = ", ".join(parts)
        return sentence[0].upper() + sentence[1:] + "."

    # ----------------------------------------------------------------------------------- URL query parameters

    def to_query(self) -> dict[str, str | list[str]]:
        """Filters -> {'dari': '2019', 'komoditi': ['Surimi'], ...} (only what is set)."""
        out: dict[str, str | list[str]] = {}
        if self.year_from is not None:
            out[QUERY_KEYS["year_from"]] = str(self.year_from)
        if self.year_to is not None:
            out[QUERY_KEYS["year_to"]] = str(self.year_to)
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, tuple) and value:
                out[QUERY_KEYS[f.name]] = list(value)
        return out

    @classmethod
    def from_query(cls, params: Mapping[str, str | list[str]]) -> Filters:
        """{'dari': '2019', 'komoditi': ['Surimi']} -> Filters; malformed values are ignored, never an error."""

        def many(key: str) -> tuple[str, ...]:
            value = params.get(QUERY_KEYS[key], [])
            values = [value] if isinstance(value, str) else list(value)
            return tuple(dict.fromkeys(v for v in values if isinstance(v, str) and v and len(v) <= 200))[:200]

        def year(key: str) -> int | None:
            value = params.get(QUERY_KEYS[key])
            if isinstance(value, list):
                value = value[0] if value else None
            try:
                y = int(str(value))
            except (TypeError, ValueError):
                return None
            return y if 1900 <= y <= 2100 else None

        return cls(
            year_from=year("year_from"),
            year_to=year("year_to"),
            commodities=many("commodities"),
            destinations=many("destinations"),
            exporter_types=tuple(v for v in many("exporter_types") if v in EXPORTER_TYPES),
            exporters=many("exporters"),
        )


QUERY_KEYS = {
    "year_from": "dari",
    "year_to": "sampai",
    "commodities": "komoditi",
    "destinations": "negara",
    "exporter_types": "jenis",
    "exporters": "eksportir",
}


def _join(items: list[str], lang: str) -> str:
    """['a', 'b', 'c'] -> 'a, b dan c'"""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + (" dan " if lang == "id" else " and ") + items[-1]
