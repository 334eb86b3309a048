"""The press-release sentence: 'Nilai ekspor tahun 2020 mencapai USD 25,44 juta, naik 10,95% dari 2019 ...'.

A renderer: it reads the headline figures and rankings from `pekalongan.aggregate` and puts them into words in the
user's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import polars as pl

from pekalongan.aggregate import Headline, headline, ranking
from pekalongan.format import pct, usd_press
from pekalongan.i18n import t
from pekalongan.labels import KEY, LABEL, labelled
from pekalongan.schema import Column

YEAR = Column.YEAR
# Catch-all names an office writes in a commodity or destination column; never "the main" anything in a sentence.
_CATCH_ALL: Final = frozenset({"lainnya", "lain-lain", "lain lain", "others", "other", "dll"})


def _join_words(items: Sequence[str], lang: str) -> str:
    """['a', 'b', 'c'] -> 'a, b dan c'"""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {t('narrative.and', lang)} " + items[-1]


def _leaders(records: pl.DataFrame, column: str, lang: str, n: int = 3) -> list[str]:
    """records -> the labels of the n largest named keys (no blanks, no 'Lainnya')."""
    ranked = labelled(ranking(records, column), column, lang).filter(
        pl.col(KEY).is_not_null() & ~pl.col(KEY).str.to_lowercase().is_in(list(_CATCH_ALL))
    )
    return ranked.get_column(LABEL).head(n).to_list()


def _change_clause(h: Headline, lang: str) -> str | None:
    """Headline -> 'naik 10,95% dari 2019' / 'turun ...' / 'sama dengan ...'; None without a previous year."""
    if h.change_pct is None:
        return None
    shown = round(h.change_pct, 2)
    key = "narrative.up" if shown > 0 else "narrative.down" if shown < 0 else "narrative.flat"
    return t(key, lang, pct=pct(abs(h.change_pct), lang), previous=h.previous_year)


def _target_clause(h: Headline, lang: str) -> str | None:
    """Headline -> 'melampaui target USD 19,19 juta (132,55%)' / 'belum mencapai ...'; None without a target."""
    if h.target_usd is None or h.achievement_pct is None:
        return None
    shown = round(h.achievement_pct, 2)
    key = "narrative.above_target" if shown > 100 else "narrative.met_target" if shown == 100 else "narrative.below_target"
    return t(key, lang, target=usd_press(h.target_usd, lang), pct=pct(h.achievement_pct, lang))


def narrative(records: pl.DataFrame, targets: pl.DataFrame | None, year: int | None = None, lang: str = "id") -> str:
    """records, targets, 2020 -> 'Nilai ekspor tahun 2020 mencapai USD 25,44 juta, naik 10,95% dari 2019 dan
    melampaui target USD 19,19 juta (132,55%), didominasi sarung batik, ... dengan tujuan utama Singapura, ...'"""
    h = headline(records, targets, year, first_seen=False)
    # Only the columns the leaders need: at a million rows the year's copy of every column cost more than ranking.
    needed = records.select(YEAR, Column.COMMODITY, Column.DESTINATION, Column.DESTINATION_NAME, Column.VALUE_USD,
                            Column.WEIGHT_KG)
    this = needed.filter(pl.col(YEAR) == h.year) if h.year is not None else needed.clear()
    if this.is_empty():
        return t("narrative.no_data", lang, year=year if year is not None else "-")
    sentence = t("narrative.reached", lang, year=h.year, value=usd_press(h.value_usd, lang))
    change, target = _change_clause(h, lang), _target_clause(h, lang)
    if change:
        sentence += ", " + change
    if target:
        sentence += (f" {t('narrative.and', lang)} " if change else ", ") + target
    goods = _leaders(this, Column.COMMODITY, lang)
    if lang == "id":
        goods = [g.lower() for g in goods]
    places = _leaders(this, Column.DESTINATION, lang)
    items, where = _join_words(goods, lang), _join_words(places, lang)
    if goods and places:
        sentence += ", " + t("narrative.led_by_to", lang, items=items, places=where)
    elif goods:
        sentence += ", " + t("narrative.led_by", lang, items=items)
    elif places:
        sentence += ", " + t("narrative.mainly_to", lang, items=where)
    return sentence + "."
