"""Numbers written as text, the Indonesian or the English way, and the units stated in headers.

Whether a dot is a thousands separator or a decimal point is decided once per column (`detect_style`), never cell
by cell: `12.500` in a column that also holds `1.234,56` is twelve thousand five hundred, and in a column that also
holds `3.75` it is twelve and a half. `parse_number` then reads the whole column with that style as one vectorised
polars expression, giving null for anything that is not a number so the caller can reject the row with a reason.
"""

from __future__ import annotations

import re
from typing import Final, Literal, NamedTuple

import polars as pl

from pekalongan.currency import CURRENCY_AFFIX, CURRENCY_LOOKUP
from pekalongan.vocabulary import NIL_BLANK, NIL_MARKS, NIL_ZERO

Style = Literal["id", "en"]

# --- detect_style ---------------------------------------------------------------------------------------------------

# Each pattern is evidence that only one of the two styles can explain. `12.500`, `1,234` and `7` read fine either
# way, so they match none of them.
_ID_EVIDENCE: Final = (
    r",\d{1,2}$",  # 12,5 / 1.234,56 / 1.234,- : a comma before 1-2 final digits is a decimal comma
    r"\d\.\d+\.\d",  # 1.234.567: two dots can only be thousands separators
    r"\.\d+,\d",  # 1.234,5: a dot group before a comma
)
_EN_EVIDENCE: Final = (
    r",\d{3}\.\d",  # 1,234.5: a comma group before a dot
    r"\d,\d+,\d",  # 1,234,567: two commas can only be thousands separators
    r"\d\.(?:\d{1,2}|\d{4,})$",  # 1234.5 / 3.14159: a dot before 1-2 or 4+ final digits is a decimal point
)


def detect_style(values: pl.Series) -> Style:
    """['1.234,56', '12.500'] -> 'id'; ['1,234.56', '12,500'] -> 'en'; ['12.500', '7'] -> 'id' (no evidence)"""
    if values.dtype != pl.String:
        # A column of real numbers has no separators to read; the style only matters for text.
        return "id"
    text = (
        pl.col("text")
        .str.replace(r",\s*-\s*$", ",00")  # the rupiah "no cents" mark `1.234,-` is a decimal comma too
        .str.replace(r"[^\d]+$", "")  # currency, brackets and spaces after the last digit would hide `$`
    )
    counts = (
        values.to_frame("text")
        .select(
            id=pl.any_horizontal([text.str.contains(p) for p in _ID_EVIDENCE]).sum(),
            en=pl.any_horizontal([text.str.contains(p) for p in _EN_EVIDENCE]).sum(),
        )
        .row(0, named=True)
    )
    # Ties, and columns with no evidence at all, go to "id": this is an Indonesian office, where `12.500` means
    # twelve thousand five hundred far more often than twelve and a half.
    return "en" if counts["en"] > counts["id"] else "id"


# --- parse_number ---------------------------------------------------------------------------------------------------

# Currency may sit before the number (after a sign or an opening bracket) or after it (before a closing bracket),
# never in the middle, so `1rp2` stays garbage. The writings (`US$`, `Rp`, `¥`, `EUR`, `Yen`...) are the
# vocabulary's; `rp.` is listed there with its dot.
_CURRENCY: Final = CURRENCY_AFFIX
_LEADING_CURRENCY: Final = rf"(?i)^([-−+(\s]*){_CURRENCY}[.,]?\s*"  # `Rp.`, or `Rp,` once swapped
_TRAILING_CURRENCY: Final = rf"(?i)\s*{_CURRENCY}([)\s]*)$"
# The currency a cell names, before or after its digits: `US$ 12.500,00`, `(¥1.200)`, `3.400 EUR`.
_CELL_CURRENCY: Final = (
    rf"(?i)^[-−+(\s]*({_CURRENCY})\.?\s*[-−(]?\s*\d",
    rf"(?i)\d[\d.,\s]*[-−]?\s*({_CURRENCY})[)\s]*$",
)


# The grammar of a cleaned body (currency gone, brackets turned into a leading "-"), per style. `number` is how the
# style writes numbers: thousands groups of three (dots or spaces for id, commas or spaces for en, one kind per
# number) and an optional decimal part. A lone "foreign" separator that cannot be a thousands separator (not followed
# by exactly three digits, or after a first group that starts with 0, is longer than three digits or is itself
# space-grouped) can only be a decimal mark, so `decimal_fixes` rewrite it first: `1234.5` in an id column is
# 1234.5, `12,5` in an en column is 12.5; `12.500` stays twelve thousand five hundred in id.
class _Grammar(NamedTuple):
    number: str
    decimal_fixes: tuple[tuple[str, str], ...]
    group: str
    decimal: str


def _grammar(group: str, decimal: str) -> _Grammar:
    """'.', ',' -> the id grammar; ',', '.' -> the en one: the same rules with the two marks swapped."""
    g, d = re.escape(group), re.escape(decimal)
    return _Grammar(
        number=rf"^(-?(?:\d+|[1-9]\d{{0,2}}(?:(?:{g}\d{{3}})+|(?: \d{{3}})+))(?:{d}\d+)?)$",
        decimal_fixes=(
            (rf"^(-?)(\d+|[1-9]\d{{0,2}}(?: \d{{3}})+){g}(\d{{1,2}}|\d{{4,}})$", f"$1$2{decimal}$3"),
            (rf"^(-?)(0\d*|\d{{4,}}|[1-9]\d{{0,2}}(?: \d{{3}})+){g}(\d{{3}})$", f"$1$2{decimal}$3"),
        ),
        group=f"[{group} ]",
        decimal=decimal,
    )


_GRAMMAR: Final[dict[str, _Grammar]] = {"id": _grammar(".", ","), "en": _grammar(",", ".")}


# A body that only one style can explain (the column evidence of `detect_style`, read on one cell).
# Read on the raw cell, where a currency or bracket may follow the digits: `$` becomes "then no more digits".
_ONLY: Final[dict[str, str]] = {
    style: "|".join(p.replace("$", r"\D*$") for p in evidence) for style, evidence in (("id", _ID_EVIDENCE),
                                                                                     ("en", _EN_EVIDENCE))
}


def _body(expr: pl.Expr) -> pl.Expr:
    """' (US$ 1.234,-) ' -> '-1.234'; currency, brackets, signs and invisible characters settled."""
    # One straight chain with no branches, so on a million rows each regex pass runs once per cell.
    return (
        expr.cast(pl.String)
        .str.replace_all(r"[\u200b\u200c\u200d\ufeff]", "")  # invisible characters pasted from web pages
        .str.replace_all(r"\s+", " ")  # non-breaking, thin and narrow spaces are thousands separators too
        .str.strip_chars(" ")
        .str.replace(_LEADING_CURRENCY, "$1")
        .str.replace(_TRAILING_CURRENCY, "$1")
        .str.strip_chars(" ")
        .str.replace(r"^\(\s*(.*?)\s*\)$", "-$1")  # accountants' brackets mean negative
        .str.replace(r"^[-−]\s*", "-")
        .str.replace(r"^\+\s*", "")
        .str.replace(r"[,.]\s*[-−–—]$", "")  # `1.234,-` is rupiah with no cents, not a negative number
    )


def _read_body(text: pl.Expr, style: Style) -> pl.Expr:
    """a settled body -> Float64 in `style`, or null when the style's grammar refuses it."""
    grammar = _GRAMMAR[style]
    for pattern, replacement in grammar.decimal_fixes:
        text = text.str.replace(pattern, replacement)
    # Extracting through the grammar turns anything else into null before the cast, which alone would accept
    # "inf", "nan" and "1e5".
    return (
        text.str.extract(grammar.number, 1)
        .str.replace_all(grammar.group, "")
        .str.replace(grammar.decimal, ".", literal=True)
        .cast(pl.Float64, strict=False)
    )


def parse_number(expr: pl.Expr, style: Style) -> pl.Expr:
    """id: '1.234.567,89' -> 1234567.89, '12.500' -> 12500.0, 'USD 1,250.00' -> 1250.0, '-' -> 0.0; en: '12.500' ->
    12.5, '$ 4.200,50' -> 4200.5; '(1.234)' -> -1234.0; 'x', '..' -> null"""
    raw = expr.cast(pl.String)
    other: Style = "en" if style == "id" else "id"
    # Only truly ambiguous cells (`12.500`) follow the column's style; `US$ 12.500,00` in an en column can only be
    # Indonesian, and is read so. Swapping dots and commas turns a number written the other way into this style's
    # writing of the same number (spaces group thousands in both), so one straight chain reads every cell: the
    # raw cells are tested, and the chain below refers to its input once (an eager select computes a shared
    # sub-expression once per use).
    only_other = raw.str.contains(_ONLY[other]) & ~raw.str.contains(_ONLY[style])
    value = _read_body(_body(pl.when(only_other).then(raw.str.replace_many([".", ","], [",", "."])).otherwise(raw)),
                       style)
    # A nil mark ("-", "NIHIL") is a zero; ".." and "x" stay null, told apart by `nil_mark`.
    return pl.when(nil_mark(expr) == NIL_ZERO).then(pl.lit(0.0)).otherwise(value).name.keep()


def nil_mark(expr: pl.Expr) -> pl.Expr:
    """'-', '—', 'NIHIL' -> 'zero'; '..' -> 'not_available'; 'x', 'X' -> 'confidential'; '' -> 'blank'; '12' -> null"""
    # No mark has a space inside, so trimming is all the normalising a cell needs.
    key = expr.cast(pl.String).str.strip_chars(" \t\n\r\u00a0\u200b\ufeff").str.to_lowercase()
    mark = key.replace_strict(NIL_MARKS, default=None, return_dtype=pl.String)
    return pl.when(key == "").then(pl.lit(NIL_BLANK)).otherwise(mark)


def cell_currency(expr: pl.Expr) -> pl.Expr:
    """'US$ 12.500,00' -> 'USD'; 'Rp 1.250.000' -> 'IDR'; '3.400 EUR' -> 'EUR'; '(¥1.200)' -> 'JPY'; '12.500' -> null"""
    text = expr.cast(pl.String).str.replace_all(r"\s+", " ")
    written = pl.coalesce(text.str.extract(p, 1) for p in _CELL_CURRENCY).str.to_lowercase()
    return written.replace_strict(CURRENCY_LOOKUP, default=None, return_dtype=pl.String)


# Cells as most files write them: digits, the style's thousands groups, its decimal mark; nothing else.
_PLAIN: Final[dict[str, str]] = {
    "id": r"^-?(?:\d+|[1-9]\d{0,2}(?:\.\d{3})+)(?:,\d+)?$",
    "en": r"^-?(?:\d+|[1-9]\d{0,2}(?:,\d{3})+)(?:\.\d+)?$",
}


def parse_plain_number(expr: pl.Expr, style: Style) -> pl.Expr:
    """id: '1.234.567,89' -> 1234567.89; '1.2.3', 'Rp 5', '12.34' -> null (left for `parse_number`).

    Two replacements and a cast for the cells written the plain way, where `parse_number` runs a dozen regular
    expressions per cell (a second per million cells); the caller sends only the other cells through it."""
    group, decimal = (".", ",") if style == "id" else (",", ".")
    fast = expr.str.replace_all(group, "", literal=True).str.replace(decimal, ".", literal=True)
    # Cells the pattern refuses are computed too (polars evaluates both branches): the cast must not raise on them.
    fast = fast.cast(pl.Float64, strict=False)
    return pl.when(expr.str.contains(_PLAIN[style])).then(fast)


def nil_marks_used(values: pl.Series) -> list[tuple[str, str, int]]:
    """text cells -> (mark as written, meaning, cells) for every nil mark among them, most frequent first:
    ['-', '12', '-', 'x'] -> [('-', 'zero', 2), ('x', 'confidential', 1)]; blanks are not counted."""
    if values.dtype != pl.String and not isinstance(values.dtype, pl.Categorical):
        return []
    cells = values.cast(pl.String).drop_nulls().to_frame("v")
    counts = (
        cells.with_columns(nil_mark(pl.col("v")).alias("meaning"), pl.col("v").str.strip_chars().alias("v"))
        .filter(pl.col("meaning").is_not_null() & (pl.col("meaning") != NIL_BLANK))
        .group_by("v", "meaning").len()
        .sort(["len", "v"], descending=[True, False])
    )
    return [(mark, meaning, int(n)) for mark, meaning, n in counts.iter_rows()]


def finish_currencies(fast: pl.Series, values: pl.Series) -> pl.Series | None:
    """`parse_plain_number`'s result and the cells -> the currency each cell names ('USD', 'JPY', null), or None
    when no cell names one. Plain cells name none, so only the cells the fast path left are looked at."""
    rest = (fast.is_null() & values.is_not_null()).arg_true()
    if rest.is_empty():
        return None
    found = values.gather(rest).cast(pl.String).to_frame("v").select(cell_currency(pl.col("v"))).to_series()
    if found.null_count() == found.len():
        return None
    return pl.Series(values.name, [None] * values.len(), dtype=pl.String).scatter(rest, found)


def finish_numbers(fast: pl.Series, values: pl.Series, style: Style) -> pl.Series:
    """`parse_plain_number`'s result -> the same with every cell it left (text, not null) read by `parse_number`."""
    rest = (fast.is_null() & values.is_not_null()).arg_true()
    if rest.is_empty():
        return fast
    slow = values.gather(rest).to_frame("v").select(parse_number(pl.col("v"), style)).to_series()
    return fast.scatter(rest, slow)


def number_column(expr: pl.Expr, dtype: pl.DataType, style: Style) -> pl.Expr:
    """Int64 12500 -> 12500.0; Float64 3.75 -> 3.75; String '12.500' (id) -> 12500.0"""
    if dtype.is_numeric():
        # A number cell is a number: sending it through text would turn 1.125 into 1125 in an id column.
        return expr.cast(pl.Float64)
    return parse_number(expr, style)


# --- units ------------------------------------------------------------------------------------------------------------

_SCALES: Final[dict[str, float]] = {
    "ribu": 1e3, "ribuan": 1e3, "rb": 1e3, "thousand": 1e3, "thousands": 1e3, "000": 1e3, "'000": 1e3,
    "juta": 1e6, "jutaan": 1e6, "jt": 1e6, "million": 1e6, "millions": 1e6, "mn": 1e6, "mio": 1e6,
    "miliar": 1e9, "milyar": 1e9, "billion": 1e9, "billions": 1e9, "bn": 1e9,
    "triliun": 1e12, "trilyun": 1e12, "trillion": 1e12,
}
# Word boundaries keep "Jumlah" from reading as "jt"/"juta"; `000` must not be part of a longer number like 2000.
_SCALE: Final = (
    r"(?:\b(?:ribuan|ribu|rb|thousands?|jutaan|juta|jt|millions?|mn|mio|miliar|milyar|billions?|bn|"
    r"triliun|trilyun|trillion)\b|(?<![\d.,])'?000(?![\d.,]))"
)
_UNIT: Final = (
    r"(?P<usd>\bus\s?\$|\busd\b|\bdoll?ars?(?:\s+as\b|\s+amerika(?:\s+serikat)?)?\b|\$)"
    r"|(?P<idr>\brp\b\.?|\brupiah\b|\bidr\b)"
    r"|(?P<ton>\bton(?:s|nes?)?\b)"
    r"|(?P<kg>\bkgs?\b|\bkilo(?:gram)?s?\b)"
)
_SEP: Final = r"[\s()\[\].:'\-]*"
# A scale belongs to the unit right next to it ("Juta US$", "USD million", "(000 Kg)", "US$ (dalam juta)"), so a
# title naming two quantities does not lend one quantity's scale to the other.
_UNIT_WITH_SCALE: Final = re.compile(
    rf"(?:(?P<before>{_SCALE}){_SEP})?(?:{_UNIT})(?:{_SEP}(?:dalam\s+)?(?P<after>{_SCALE}))?",
    re.IGNORECASE,
)
_BARE_SCALE: Final = re.compile(_SCALE, re.IGNORECASE)
_WEIGHT_WORDS: Final = re.compile(r"\b(?:berat|weight|volume|netto|neto|qty|quantity|kuantitas)\b", re.IGNORECASE)
_BIG_SCALE: Final = 1e9


def _scale(word: str | None) -> float:
    return 1.0 if word is None else _SCALES[word.lower()]


def unit_of(text: str | None) -> tuple[str, float] | None:
    """'Nilai (Juta US$)' -> ('value_usd', 1e6); 'Berat (Ton)' -> ('weight_kg', 1000.0); 'Jumlah' -> None"""
    if text is None:
        return None
    text = re.sub(r"\s+", " ", str(text))
    found = _UNIT_WITH_SCALE.search(text)
    if found is not None:
        factor = _scale(found["before"] or found["after"])
        if found["usd"]:
            return ("value_usd", factor)
        if found["idr"]:
            return ("value_idr", factor)
        if found["ton"]:
            return ("weight_kg", 1000.0 * factor)
        return ("weight_kg", factor)
    bare = _BARE_SCALE.search(text)
    if bare is None:
        return None
    factor = _scale(bare[0])
    if _WEIGHT_WORDS.search(text):
        return ("weight_kg", factor)
    # A scale with no currency is the office's reporting unit, US dollars, except billions: a city's exports only
    # reach "miliar" when counted in rupiah (Rp368,5 miliar is about 25 million USD).
    return ("value_idr" if factor >= _BIG_SCALE else "value_usd", factor)
