"""The press paragraph: 'Nilai ekspor Kota Pekalongan tahun 2020 mencapai US$25,44 juta, naik 10,95 persen
dibandingkan tahun 2019 ...', ending with the source and the office, as a release prints it.

A renderer: it reads the headline figures and rankings from `pekalongan.aggregate` and puts them into words in the
user's language. With a selection it names it ("untuk komoditi sarung batik ke Jepang") and never lists the leaders
of a dimension the selection fixes: "didominasi sarung batik" of sarung batik alone says nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import polars as pl

from pekalongan.aggregate import Headline, headline, ranking
from pekalongan.filters import Filters
from pekalongan.format import pct_press, usd_press
from pekalongan.i18n import t
from pekalongan.labels import KEY, LABEL, labelled
from pekalongan.schema import Column

YEAR = Column.YEAR
# Catch-all names an office writes in a commodity or destination column; never "the main" anything in a sentence.
_CATCH_ALL: Final = frozenset({"lainnya", "lain-lain", "lain lain", "others", "other", "dll"})
# English country names read with "the" in running text ("to the United States", "to the Netherlands").
_WITH_THE: Final = frozenset({"netherlands", "philippines", "maldives", "bahamas", "gambia", "comoros",
                              "seychelles", "marshall islands", "solomon islands", "cayman islands"})
_WITH_THE_START: Final = ("united ", "republic ", "democratic republic", "czech republic", "dominican republic",
                          "central african", "russian federation")


def join_words(items: Sequence[str], lang: str) -> str:
    """['a', 'b', 'c'] -> 'a, b dan c'"""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {t('narrative.and', lang)} " + items[-1]


def place(name: str, lang: str) -> str:
    """'United States' (en) -> 'the United States'; 'Japan' -> 'Japan'; Indonesian names as they are."""
    low = name.lower()
    if lang == "en" and (low in _WITH_THE or low.startswith(_WITH_THE_START)):
        return "the " + name
    return name


def goods(names: Sequence[str], lang: str) -> list[str]:
    """Commodity names as a sentence writes them: lower case in Indonesian ('sarung batik'), as written in English."""
    return [n.lower() for n in names] if lang == "id" else list(names)


def selection_phrase(commodities: Sequence[str], places: Sequence[str], exporter_types: Sequence[str],
                     exporters: Sequence[str], lang: str) -> str:
    """(['Sarung Batik'], ['Jepang'], ['new'], []) -> ' untuk komoditi sarung batik ke Jepang oleh eksportir baru';
    nothing chosen -> ''. Exporter types are codes; the other three are labels in `lang`."""
    parts = []
    if commodities:
        parts.append(t("narrative.sel.commodity", lang, items=join_words(goods(commodities, lang), lang)))
    if places:
        parts.append(t("narrative.sel.destination", lang, items=join_words([place(p, lang) for p in places], lang)))
    who = [t(f"narrative.exporter_type.{k}", lang) for k in exporter_types] + list(exporters)
    if who:
        parts.append(t("narrative.sel.exporter", lang, items=join_words(who, lang)))
    return "".join(" " + p for p in parts)


def filters_phrase(filters: Filters, lang: str, destination_names: Mapping[str, str] | None = None) -> str:
    """Filters -> selection_phrase of what they choose (the year range is the sentence's year, not named here)."""
    names = destination_names or {}
    return selection_phrase(filters.commodities, [names.get(d, d) for d in filters.destinations],
                            filters.exporter_types, filters.exporters, lang)


def _leaders(records: pl.DataFrame, column: str, lang: str, n: int = 3) -> list[str]:
    """records -> the labels of the n largest named keys (no blanks, no 'Lainnya'); [] when only one is named (the
    leader of one is no news)."""
    ranked = labelled(ranking(records, column), column, lang).filter(
        pl.col(KEY).is_not_null() & ~pl.col(KEY).str.to_lowercase().is_in(list(_CATCH_ALL))
    )
    if ranked.height <= 1:
        return []
    return ranked.get_column(LABEL).head(n).to_list()


def change_clause(change_pct: float | None, previous_year: int | None, lang: str) -> str | None:
    """(-35.1, 2021) -> 'turun 35,10 persen dibandingkan tahun 2021'; None without a previous year."""
    if change_pct is None or previous_year is None:
        return None
    shown = round(change_pct, 2)
    key = "narrative.up" if shown > 0 else "narrative.down" if shown < 0 else "narrative.flat"
    return t(key, lang, pct=pct_press(abs(change_pct), lang), previous=previous_year)


def target_clause(target_usd: float | None, achievement: float | None, lang: str) -> str | None:
    """(26.44e6, 74.28) -> 'belum mencapai target US$26,44 juta (74,28 persen dari target)'; None without one."""
    if target_usd is None or achievement is None:
        return None
    shown = round(achievement, 2)
    key = "narrative.above_target" if shown > 100 else "narrative.met_target" if shown == 100 else "narrative.below_target"
    return t(key, lang, target=usd_press(target_usd, lang), pct=pct_press(achievement, lang))


def leaders_clause(items: Sequence[str], places: Sequence[str], lang: str) -> str | None:
    """Leading commodities and destinations -> 'didominasi a, b dan c dengan tujuan utama x, y dan z'."""
    what, where = join_words(goods(items, lang), lang), join_words([place(p, lang) for p in places], lang)
    if items and places:
        return t("narrative.led_by_to", lang, items=what, places=where)
    if items:
        return t("narrative.led_by", lang, items=what)
    if places:
        return t("narrative.mainly_to", lang, items=where)
    return None


def closing(files: Sequence[str], lang: str) -> str:
    """['a.xlsx'] -> 'Sumber: a.xlsx, diolah Dinas Perdagangan, Koperasi dan UKM Kota Pekalongan.'"""
    named = ", ".join(files[:3])
    if len(files) > 3:
        named = t("export.source.more", lang, files=named, n=len(files) - 3)
    return t("narrative.closing", lang, files=named or "-")


def sentence(year: int, value: float, selection: str, clauses: Sequence[str | None], leaders: str | None,
             lang: str) -> str:
    """The parts -> one sentence: 'Nilai ekspor Kota Pekalongan tahun 2020{selection} mencapai ..., a dan b, c.'"""
    text = t("narrative.reached", lang, year=year, value=usd_press(value, lang), selection=selection)
    said = [c for c in clauses if c]
    if said:
        text += ", " + f" {t('narrative.and', lang)} ".join(said)
    if leaders:
        text += ", " + leaders
    return text + "."


def narrative(records: pl.DataFrame, targets: pl.DataFrame | None, year: int | None = None, lang: str = "id", *,
              filters: Filters | None = None, destination_names: Mapping[str, str] | None = None,
              files: Sequence[str] | None = None, frames: Mapping[str, pl.DataFrame] | None = None) -> str:
    """records, targets, 2020 -> 'Nilai ekspor Kota Pekalongan tahun 2020 mencapai US$25,44 juta, naik 10,95 persen
    dibandingkan tahun 2019 dan melampaui target US$19,19 juta (132,55 persen dari target), didominasi sarung batik,
    ... dengan tujuan utama Malaysia, ...' With `filters` the selection is named and the dimensions it fixes are not
    ranked; with `files` a closing line gives the source and the office. `frames` (a national dataset's): the
    frames to rank commodities and destinations from, by dimension (its summaries), instead of `records`."""
    h: Headline = headline(records, targets, year, first_seen=False)
    # Only the columns the leaders need: at a million rows the year's copy of every column cost more than ranking.
    needed = records.select(YEAR, Column.COMMODITY, Column.DESTINATION, Column.DESTINATION_NAME, Column.VALUE_USD,
                            Column.WEIGHT_KG)
    this = needed.filter(pl.col(YEAR) == h.year) if h.year is not None else needed.clear()
    if this.is_empty() or h.year is None:
        return t("narrative.no_data", lang, year=year if year is not None else "-")
    chosen = filters or Filters()

    def of_year(column: str) -> pl.DataFrame:
        return this if frames is None or column not in frames else frames[column].filter(pl.col(YEAR) == h.year)

    items = [] if chosen.commodities else _leaders(of_year(Column.COMMODITY), Column.COMMODITY, lang)
    places = [] if chosen.destinations else _leaders(of_year(Column.DESTINATION), Column.DESTINATION, lang)
    text = sentence(h.year, h.value_usd, filters_phrase(chosen, lang, destination_names),
                    [change_clause(h.change_pct, h.previous_year, lang),
                     target_clause(h.target_usd, h.achievement_pct, lang)],
                    leaders_clause(items, places, lang), lang)
    return text if files is None else text + " " + closing(files, lang)
