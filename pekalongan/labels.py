"""Keys -> words in the user's language: the one place where what aggregates hand on (ISO codes, exporter-type
codes, years, "__other__", blanks) becomes a label. Renderers (charts, tables, downloads, the command line) call
it; aggregates compute with keys.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from pekalongan.i18n import t
from pekalongan.names import display_name
from pekalongan.schema import EXPORTER_TYPES, Column

OTHER_KEY: Final = "__other__"  # the row that sums everything outside the top N
KEY: Final = "key"
LABEL: Final = "label"


def _english_names(codes: pl.Series) -> pl.Series:
    """['SGP', 'Eropa', 'SGP'] -> ['Singapore', 'Europe', 'Singapore'], looking up each distinct code once."""
    distinct = codes.unique().drop_nulls()
    return codes.replace(distinct, pl.Series([display_name(c, "en") for c in distinct], dtype=pl.String))


def label_expr(column: str, lang: str = "id", key: str | None = None) -> pl.Expr:
    """'destination' -> 'Singapura' ('en': 'Singapore'); 'exporter_type' -> 'Eksportir baru'; '__other__' ->
    'Lainnya'; null -> '(tidak diisi)'; others as written. The keys are read from `key` (default: `column`).

    For `select` / `with_columns` (best on an aggregated frame), not inside `group_by().agg()`.
    """
    source = pl.col(key or column)
    if column == Column.DESTINATION and lang == "id":
        label = pl.coalesce(pl.col(Column.DESTINATION_NAME), source)  # the Indonesian name the reader resolved
    elif column == Column.DESTINATION:
        label = source.map_batches(_english_names, return_dtype=pl.String)
    elif column == Column.EXPORTER_TYPE:
        label = source.replace({k: t(f"exporter_type.{k}", lang) for k in EXPORTER_TYPES})
    else:
        label = source.cast(pl.String)
    label = pl.when(source.cast(pl.String) == OTHER_KEY).then(pl.lit(t("agg.others", lang))).otherwise(label)
    return label.fill_null(t("agg.blank", lang)).alias(LABEL)


def months_label(through_month: int, lang: str = "id") -> str:
    """8 -> 'Jan–Agu'; ('en') -> 'Jan–Aug'; 1 -> 'Jan'"""
    names = t("table.month_abbr", lang).split()
    return names[0] if through_month <= 1 else f"{names[0]}–{names[through_month - 1]}"


# What the reader maps a header to, in the words of the Kualitas Data page: 'value_usd' is "Nilai (USD)", never the
# internal name. A wide table's columns carry their part ('month 3 year 2023', 'value_usd commodity 84').
ROLES: Final = ("year", "month", "date", "exporter", "exporter_type", "commodity", "hs_code", "destination",
                "weight_kg", "value_usd", "currency", "period", "year_mark", "target_usd", "target_idr", "rate_idr")


def role_label(role: str, lang: str = "id") -> str:
    """'value_usd' -> 'nilai (USD)'; 'month 3 year 2023' -> 'bulan Mar, tahun 2023'; ('en') 'weight_kg year 2022'
    -> 'weight (kg), year 2022'; a word the catalogue does not know is kept as it is."""
    parts: list[list[str]] = []
    for word in role.split(" "):
        if word in ROLES or not parts:
            parts.append([word])
        else:
            parts[-1].append(word)  # a value runs to the next role word ('commodity NON MIGAS')
    month_names = t("table.month_abbr", lang).split()
    shown = []
    for word, *value in parts:
        name = t(f"role.{word}", lang) if word in ROLES else word
        text = " ".join(value)
        if word == "month" and text.isdigit() and 1 <= int(text) <= 12:
            text = month_names[int(text) - 1]
        shown.append(f"{name} {text}" if text else name)
    return ", ".join(shown)


def unit_label(unit: str, lang: str = "id") -> str:
    """The unit the reader found, in `lang`: 'juta USD' (en) -> 'million USD'; 'ribu JPY' -> 'thousand JPY'; '' ->
    '-'."""
    if not unit:
        return "-"
    from pekalongan.format import SCALES

    words = {i: e for (_, i), (_, e) in zip(SCALES["id"], SCALES["en"], strict=True)}
    return " ".join(words.get(w, w) if lang == "en" else w for w in unit.split(" "))
