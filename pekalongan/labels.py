"""Keys -> words in the user's language: the one place where what aggregates hand on (ISO codes, exporter-type
codes, years, "__other__", blanks) becomes a label. Renderers (charts, tables, downloads, the command line) call
it; aggregates compute with keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import polars as pl

from pekalongan.format import Kind
from pekalongan.i18n import t
from pekalongan.names import display_name
from pekalongan.schema import EXPORTER_TYPES, Column

if TYPE_CHECKING:  # aggregate imports the keys from here; its types are only named
    from pekalongan.aggregate import StandardTable, TableColumn

OTHER_KEY: Final = "__other__"  # the row that sums everything outside the top N
KEY: Final = "key"
LABEL: Final = "label"


def _english_names(codes: pl.Series) -> pl.Series:
    """['SGP', 'Eropa', 'SGP'] -> ['Singapore', 'Europe', 'Singapore'], looking up each distinct code once."""
    distinct = codes.unique().drop_nulls()
    return codes.replace(distinct, pl.Series([display_name(c, "en") for c in distinct], dtype=pl.String))


def label_expr(column: str, lang: str = "id", key: str | None = None, name: str = Column.DESTINATION_NAME) -> pl.Expr:
    """'destination' -> 'Singapura' ('en': 'Singapore'); 'exporter_type' -> 'Eksportir baru'; '__other__' ->
    'Lainnya'; null -> '(tidak diisi)'; others as written. The keys are read from `key` (default: `column`), a
    destination's Indonesian name from `name`.

    For `select` / `with_columns` (best on an aggregated frame), not inside `group_by().agg()`.
    """
    source = pl.col(key or column)
    if column == Column.DESTINATION and lang == "id":
        label = pl.coalesce(pl.col(name), source)  # the Indonesian name the reader resolved
    elif column == Column.DESTINATION:
        label = source.map_batches(_english_names, return_dtype=pl.String)
    elif column == Column.EXPORTER_TYPE:
        label = source.replace({k: t(f"exporter_type.{k}", lang) for k in EXPORTER_TYPES})
    else:
        label = source.cast(pl.String)
    label = pl.when(source.cast(pl.String) == OTHER_KEY).then(pl.lit(t("agg.others", lang))).otherwise(label)
    return label.fill_null(t("agg.blank", lang)).alias(LABEL)


def labelled(frame: pl.DataFrame, column: str, lang: str = "id", *, prefix: str = "",
             other: str | None = None) -> pl.DataFrame:
    """An aggregate keyed by `{prefix}key` (`aggregate.ranking`, `by_year_and`, `matrix`) -> the same frame with
    `{prefix}label` right after the key, in `lang`: 'SGP' -> 'Singapura', '__other__' -> 'Lainnya' (or `other`).

    A destination's `{prefix}destination_name` (the name the reader resolved) is read into the label and dropped:
    what a renderer receives is keys, labels and figures."""
    key, name = prefix + KEY, prefix + Column.DESTINATION_NAME
    names = name in frame.columns
    if column == Column.DESTINATION and not names:
        frame = frame.with_columns(pl.lit(None, pl.String).alias(name))
    label = label_expr(column, lang, key=key, name=name)
    if other is not None:
        label = pl.when(pl.col(key) == OTHER_KEY).then(pl.lit(other)).otherwise(label)
    order = [c for c in frame.columns if c != name]
    order.insert(order.index(key) + 1, prefix + LABEL)
    return frame.with_columns(label.alias(prefix + LABEL)).select(order)


def months_label(through_month: int, lang: str = "id") -> str:
    """8 -> 'Jan–Agu'; ('en') -> 'Jan–Aug'; 1 -> 'Jan'"""
    names = t("table.month_abbr", lang).split()
    return names[0] if through_month <= 1 else f"{names[0]}–{names[through_month - 1]}"


# --- The standard table, in the reader's language --------------------------------------------------------------
# `aggregate.StandardTable` holds keys, numbers and the catalogue entries of its headers; these put them in words.


def header(column: TableColumn, lang: str = "id") -> str:
    """A column of the standard table -> 'Komoditi', '2020', 'Perub (%) 2024–2023', 'Jan–Agu 2024' in `lang`."""
    if not column.title:
        return column.id
    months = {} if column.through_month is None else {"months": months_label(column.through_month, lang)}
    return t(column.title, lang, **dict(column.params), **months)


def line_labels(table: StandardTable, lang: str = "id") -> list[str]:
    """-> each line's label in `lang` (the total last): 'Singapura', 'Eksportir baru', 'Lainnya', 'Jumlah'."""
    keys = [row.key for row in table.rows]
    keyed = pl.DataFrame(
        {KEY: keys, Column.DESTINATION_NAME: [table.names.get(key) for key in keys]},
        schema={KEY: pl.String, Column.DESTINATION_NAME: pl.String},
    )
    return [*keyed.select(label_expr(table.column_name, lang, key=KEY)).to_series().to_list(), t("agg.total", lang)]


def column_cells(table: StandardTable, column: TableColumn, lang: str = "id") -> list[Any]:
    """A column -> its cells, one per line (the total last): labels in `lang`, or numbers in USD and %, None where
    undefined."""
    if column.kind is Kind.LABEL:
        return line_labels(table, lang)
    return [line.cell(column) for line in table.lines]


def table_frame(table: StandardTable, lang: str = "id") -> pl.DataFrame:
    """-> a display frame with the ministry's headers ('Komoditi', '2020', ..., 'Perub (%) 2024–2023'); numbers stay
    floats and undefined figures are null (the UI shows '-'); labels and headers in `lang`."""
    columns = table.columns
    return pl.DataFrame(
        {header(column, lang): column_cells(table, column, lang) for column in columns},
        schema={header(c, lang): (pl.String if c.kind is Kind.LABEL else pl.Float64) for c in columns},
    )


def table_json(table: StandardTable, lang: str = "id") -> dict[str, Any]:
    """-> {'by', 'years', 'rows': [...], 'total': {...}, 'targets'?}: numbers unrounded, None where undefined,
    labels in `lang`."""
    *labels, total = line_labels(table, lang)
    out: dict[str, Any] = {
        "by": table.by,
        "years": list(table.years),
        "rows": [row.to_json(label) for row, label in zip(table.rows, labels, strict=True)],
        "total": table.total.to_json(total),
    }
    if table.targets:
        out["targets"] = {str(year): dict(target) for year, target in table.targets.items()}
    return out


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
    """The unit the reader found, in `lang`: 'juta USD' (en) -> 'million USD'; 'ribu JPY' -> 'thousand JPY'; 'kuintal'
    -> 'quintal'; '' -> '-'."""
    if not unit:
        return "-"
    from pekalongan.format import SCALES

    words = {i: e for (_, i), (_, e) in zip(SCALES["id"], SCALES["en"], strict=True)} | {"kuintal": "quintal"}
    return " ".join(words.get(w, w) if lang == "en" else w for w in unit.split(" "))
