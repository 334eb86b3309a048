"""Why a row was not kept, as codes: compared as codes, rendered in the user's language by `pekalongan.i18n`.

A report row holds its reason code and the code's one parameter (the cell as written, a year, a file); `render`
turns them into the sentence an official reads ("reason.<code>" in the catalogue).
"""

from __future__ import annotations

from typing import Final

import polars as pl

from pekalongan.i18n import CATALOGUE, t

BLANK: Final = "blank"
TOTAL: Final = "total"  # a row labelled as a total ("JUMLAH", "Totals", "NON MIGAS")
TOTAL_BY_SUM: Final = "total_by_sum"  # a row whose figures are the sum of other rows, whatever its label
NOTE: Final = "note"
HEADER_ARTEFACT: Final = "header_artefact"  # a row of column numbers "(1) (2) (3)"
NO_VALUE: Final = "no_value"
NOT_A_NUMBER: Final = "not_a_number"  # parameter: the cell as written
NO_YEAR: Final = "no_year"
NO_RATE: Final = "no_rate"
MEASURE_HEADER: Final = "measure_header"  # parameter: the block's heading ("Berat Bersih : Ton")
WEIGHT_BLOCK: Final = "weight_block"
OVERLAP: Final = "overlap"  # parameters: year, chosen file ("2023|ska.xlsx")
SUMMARY_SHEET: Final = "summary_sheet"  # parameter: the sheets it sums
PLAN_TOTAL: Final = "plan_total"  # a row the official marked as a total in Periksa Pembacaan (the reading plan)
# Cell grammar (reader-cells) and formula cells (reader-read).
FORMULA_ERROR: Final = "formula_error"  # parameter: the error as Excel shows it ("#N/A")
NIL_NOT_AVAILABLE: Final = "nil_not_available"  # parameter: the mark as written ("..")
NIL_CONFIDENTIAL: Final = "nil_confidential"  # parameter: the mark as written ("x")
UNKNOWN_CURRENCY: Final = "unknown_currency"  # parameter: the currency as written
BAD_ENCODING: Final = "bad_encoding"  # parameters: the byte and its position ("0xE9|14"), a line not UTF-8

# Codes whose rows were found to be totals: each is skipped and cross-checked, never added.
TOTALS: Final = (TOTAL, TOTAL_BY_SUM)
_PARAM_NAMES: Final = {NOT_A_NUMBER: ("value",), MEASURE_HEADER: ("measure",), OVERLAP: ("year", "chosen"),
                       SUMMARY_SHEET: ("parts",), FORMULA_ERROR: ("error",),
                       NIL_NOT_AVAILABLE: ("mark",), NIL_CONFIDENTIAL: ("mark",), NO_RATE: ("currency", "year"),
                       UNKNOWN_CURRENCY: ("currency",), BAD_ENCODING: ("byte", "position")}


def render(code: str, param: str | None = None, lang: str = "id") -> str:
    """('not_a_number', 'abc') -> 'nilai “abc” bukan angka'"""
    names = _PARAM_NAMES.get(code, ())
    values = dict(zip(names, (param or "").split("|"))) if names else {}
    return t(f"reason.{code}", lang, **{n: values.get(n, "") for n in names})


def as_notice(code: str | None, param: str | None, sentence: str = "") -> dict | str:
    """A report row's reason -> a notice to nest in another sentence (pekalongan.notices); a row without a code
    (its reason stored as a sentence) -> the sentence."""
    if not code or f"reason.{code}" not in CATALOGUE:
        return sentence
    names = _PARAM_NAMES.get(code, ())
    values = dict(zip(names, (param or "").split("|"))) if names else {}
    return {"code": f"reason.{code}", "params": {n: values.get(n, "") for n in names}}


def render_expr(code: pl.Expr, param: pl.Expr, lang: str = "id") -> pl.Expr:
    """reason codes and parameters -> sentences, over a column (parameters filled in per row)."""
    plain = {c[len("reason."):]: v.get(lang) or v["id"] for c, v in CATALOGUE.items() if c.startswith("reason.")}
    out = code.replace_strict(plain, default=code, return_dtype=pl.String)
    for with_param, names in _PARAM_NAMES.items():
        template = plain[with_param]
        parts = template
        pieces = param.str.split("|")
        for k, name in enumerate(names):
            parts = parts.replace("{" + name + "}", "\x00" + str(k) + "\x00")
        segments = parts.split("\x00")
        exprs = [pieces.list.get(int(seg), null_on_oob=True).fill_null("") if i % 2 else pl.lit(seg)
                 for i, seg in enumerate(segments)]
        out = pl.when(code == with_param).then(pl.concat_str(exprs)).otherwise(out)
    return out


def localise(rows: pl.DataFrame, lang: str) -> pl.DataFrame:
    """report rows -> the same with each reason rendered in `lang` from its code (rows stored before reasons had
    codes keep their Indonesian sentence)."""
    if lang == "id" or "code" not in rows.columns or rows.is_empty():
        return rows
    rendered = render_expr(pl.col("code"), pl.col("param").fill_null(""), lang)
    # A code the catalogue no longer has (stored by an older version) keeps its stored sentence.
    known = [c[len("reason."):] for c in CATALOGUE if c.startswith("reason.")]
    return rows.with_columns(pl.when(pl.col("code").is_in(known)).then(rendered).otherwise(pl.col("reason"))
                             .alias("reason"))
