"""What the official has selected, as one frozen value: it filters records, says itself in a sentence, and
carries over to another dataset only as far as that dataset holds its values (its URL form: `address.py`).

An empty selection means "all".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

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

    def describe(self, lang: str = "id", destination_names: Mapping[str, str] | None = None,
                 public: bool = False) -> str:
        """Filters -> 'Tahun 2019–2020, komoditi Surimi, semua negara tujuan, semua jenis eksportir.' The public view
        has no exporter filter (`public`): its sentence says nothing of exporters."""
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
            ("exporter", () if public else self.exporters, lambda v: v),
        ):
            if key == "exporter" and public:
                continue
            if chosen:
                shown = [label(v) for v in chosen[:4]]
                more = t("filters.more", lang, n=len(chosen) - 4) if len(chosen) > 4 else ""
                parts.append(t(f"filters.some_{key}", lang, items=_join(shown, lang) + more))
            else:
                parts.append(t(f"filters.all_{key}", lang))
        sentence = ", ".join(parts)
        return sentence[0].upper() + sentence[1:] + "."

    def slug(self, years: tuple[int, ...] | list[int]) -> str:
        """Filters and the dataset's years -> what a downloaded file's name says it holds: '2024_sarung-batik',
        '2018-2022' (everything), '2020-2021_surimi_jpn_2-lainnya'. ASCII letters, digits and '-' only."""
        first = self.year_from if self.year_from is not None else (min(years) if years else None)
        last = self.year_to if self.year_to is not None else (max(years) if years else None)
        parts = [] if first is None else [str(first) if first == last else f"{first}-{last}"]
        for chosen in (self.commodities, self.destinations, self.exporter_types, self.exporters):
            if chosen:
                words = [_slug_word(v) for v in chosen[:2]]
                parts.append("_".join(w for w in words if w) + (f"_{len(chosen) - 2}-lainnya" if len(chosen) > 2 else ""))
        return "_".join(p for p in parts if p)[:120].strip("_-")

    def within(self, choices: Choices) -> Filters:
        """The same filters restricted to what another dataset holds: a value it does not hold is dropped, and a
        year bound outside its years (or at its first or last year) means "from the start" / "to the end"."""
        first, last = (choices.years[0], choices.years[-1]) if choices.years else (None, None)

        def bound(year: int | None, edge: int | None) -> int | None:
            return None if year is None or year == edge or year not in choices.years else year

        year_from, year_to = bound(self.year_from, first), bound(self.year_to, last)
        if year_from is not None and year_to is not None and year_from > year_to:
            year_from = year_to = None
        return Filters(
            year_from=year_from,
            year_to=year_to,
            **{name: _kept(getattr(self, name), getattr(choices, name)) for name in SELECTIONS},
        )


SELECTIONS = ("commodities", "destinations", "exporter_types", "exporters")


@dataclass(frozen=True)
class Choices:
    """What a dataset lets one choose: its years (ascending) and, per selection, its values as codes."""

    years: tuple[int, ...] = ()
    commodities: tuple[str, ...] = ()
    destinations: tuple[str, ...] = ()
    exporter_types: tuple[str, ...] = EXPORTER_TYPES
    exporters: tuple[str, ...] = ()


def _slug_word(text: str) -> str:
    """'Sarung Batik' -> 'sarung-batik'; 'Café & Co.' -> 'cafe-co' (a file name every system keeps as it is)."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:40]


def _kept(chosen: tuple[str, ...], available: tuple[str, ...]) -> tuple[str, ...]:
    held = set(available)
    return tuple(v for v in chosen if v in held)


def _join(items: list[str], lang: str) -> str:
    """['a', 'b', 'c'] -> 'a, b dan c'"""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + (" dan " if lang == "id" else " and ") + items[-1]
