"""What the reader tells the official about a file (warnings, a file's error), as codes with parameters.

A notice is plain data, ``{"code": "warn.total_mismatch", "params": {...}}``, so that it travels unchanged
through the store's JSON manifest and is said in the user's language only where it is shown (Kualitas Data,
Ringkasan, the CLI, the downloads): `render(notice, lang)`. The code is the sentence's key in the catalogue
(`pekalongan.i18n`).

Parameters are rendered by their type, never by editing the finished sentence:
- `int` and `float` are quantities, written as `lang` writes numbers (1.234 / 1,234; floats with 2 decimals);
- `significant(x)` is a rate, written with six significant digits;
- a nested notice (a dict with a ``code``) is rendered in the same language ("where": file and sheet, "mark",
  "meaning");
- a `str` is shown as written (file names, headers, years, lists of row numbers).

Datasets stored before notices had codes hold Indonesian sentences: `render` shows such a string as it is.
"""

from __future__ import annotations

import math
from typing import Any, TypedDict

from pekalongan.i18n import t


class Notice(TypedDict):
    code: str
    params: dict[str, Any]


def notice(code: str, /, **params: Any) -> Notice:
    """('warn.merged_fill', count=3, where=...) -> {'code': 'warn.merged_fill', 'params': {...}}"""
    return {"code": code, "params": params}


def where(file: str, sheet: str | None) -> Notice:
    """A table's place: the file, and its sheet when it has one ('“a.xlsx”, lembar “2021”')."""
    return notice("where.sheet", file=file, sheet=sheet) if sheet else notice("where.file", file=file)


def significant(value: float, digits: int = 6) -> dict[str, float | int]:
    """A rate such as 0.0063724 JPY per USD: shown with `digits` significant digits, not 2 decimals."""
    return {"significant": float(value), "digits": digits}


def rate_notice(key: str, rate: float, **params: Any) -> Notice:
    """A conversion said the way a rate is quoted: '1 EUR = 1,17647 USD', '1 JPY = 0,0091 USD' (as Kurs sheets
    write them), but '1 USD = 14.850 IDR' (not '1 IDR = 0,0000673401 USD') for a currency worth less than a tenth
    of a cent, which offices always quote per dollar. `key` has a '_per_usd' variant."""
    if 0 < rate < 0.001:
        return notice(f"{key}_per_usd", rate=significant(1 / rate), **params)
    return notice(key, rate=significant(rate), **params)


def is_notice(value: object) -> bool:
    return isinstance(value, dict) and isinstance(value.get("code"), str)


def render(item: Notice | str | None, lang: str = "id") -> str:
    """A notice -> its sentence in `lang`; a sentence stored before notices had codes -> itself."""
    if item is None:
        return ""
    if not is_notice(item):
        return str(item)
    from pekalongan.format import number_id  # format imports babel; keep this module light to import

    def value(v: Any) -> Any:
        if is_notice(v):
            return render(v, lang)
        if isinstance(v, dict) and "significant" in v:
            return _significant(float(v["significant"]), int(v.get("digits", 6)), lang)
        if isinstance(v, bool) or not isinstance(v, int | float):
            return v
        return number_id(v, 0 if isinstance(v, int) else 2, lang)

    params = item.get("params") or {}
    return t(item["code"], lang, **{k: value(v) for k, v in params.items()})


def _significant(value: float, digits: int, lang: str) -> str:
    """0.0063724, 6 -> '0,0063724' (id); 15234.5, 6 -> '15.234,5'"""
    from babel.numbers import format_decimal

    from pekalongan.format import LOCALES

    decimals = max(0, digits - 1 - math.floor(math.log10(abs(value)))) if value else 0
    return format_decimal(round(value, decimals), format="#,##0." + "#" * decimals if decimals else "#,##0",
                          locale=LOCALES[lang])


def render_all(items: list[Notice | str], lang: str = "id") -> list[str]:
    return [render(i, lang) for i in items]
