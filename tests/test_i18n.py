"""The whole interface in the chosen language (issue 16): every catalogue key used in the code exists in Indonesian
and in English with the same placeholders, and no sentence a user reads is written in `pekalongan/`, `app.py` or
`app_pages/` outside the catalogue.

Read from the source (the AST), not by running pages: a literal in a branch no test reaches is found all the same.
The reader modules are exempt from the literal scan for now: turning their warnings and file errors into codes is
a parallel piece of work (issue 16, helper h11); `READER` names them so the exemption is one line to drop.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from conftest import ROOT

from pekalongan.i18n import CATALOGUE, LANGS

SOURCES = sorted([*(ROOT / "pekalongan").rglob("*.py"), ROOT / "app.py", *(ROOT / "app_pages").glob("*.py")])
# Reader modules: their warnings and file errors become codes in a parallel change; until it lands they are exempt.
READER = {"read.py", "clean.py", "ingest.py", "vocabulary.py", "schema.py", "names.py", "dates.py", "numbers.py",
          "summaries.py", "overlap.py", "currency.py", "report.py"}
# Streamlit calls whose first argument or whose label/help/placeholder/caption a user reads.
SHOWN = {"title", "header", "subheader", "caption", "markdown", "info", "warning", "error", "success", "metric",
         "button", "download_button", "expander", "text", "toast", "radio", "selectbox", "multiselect", "select_slider",
         "segmented_control", "file_uploader", "text_input", "text_area", "number_input", "page_link", "checkbox",
         "toggle", "popover", "spinner", "link_button", "write", "tabs"}
SHOWN_KEYWORDS = {"label", "help", "placeholder", "caption", "title"}
WORDS = re.compile(r"[A-Za-zÀ-ÿ]{2,}")
# A sentence in either language: two words or more, one of them a word no identifier or format spells.
SENTENCE_WORD = re.compile(
    r"(?i)\b(dan|tidak|yang|untuk|dari|berkas|baris|lembar|kolom|nilai|dengan|atau|ini|the|and|not|of|file|row|sheet|"
    r"column|value|with|this|please|upload|unggah)\b"
)
# Strings that are not for the reader of the page: programmer errors, the administrator's log, CSS, data.
NOT_SHOWN_CALLS = {"ValueError", "TypeError", "AssertionError", "RuntimeError", "KeyError", "NotImplementedError",
                   "debug", "info", "warning", "error", "exception", "critical", "log"}
# The store's diagnostics of a broken entry on disk: the administrator reads them in the log and in `sweep`'s
# output, beside the dataset's id; they name files and fields, and stay as logged.
ADMIN_DIAGNOSTICS = {("store.py", s) for s in (
    "created is not a time: ", "not a folder", "not a source file name: ", "not a dataset of this store: left alone",
    " s in the future: not believed", " is not the size its manifest says")}
# Data, not sentences: the template's headers are the names the reader looks for, in Indonesian on purpose.
DATA_STRINGS = {("template.py", "Nilai FOB (US$)")}


def _trees() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in SOURCES]


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_entry_speaks_both_languages_with_the_same_placeholders():
    for key, entry in CATALOGUE.items():
        assert set(entry) == set(LANGS), key
        assert all(entry[lang].strip() for lang in LANGS), key
        assert _placeholders(entry["id"]) == _placeholders(entry["en"]), key


def _keys_used() -> tuple[set[str], set[str]]:
    """The literal keys passed to t(...), and the constant prefixes of keys built with an f-string."""
    literal, prefixes = set(), set()
    for _, tree in _trees():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t"
                    and node.args):
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                literal.add(first.value)
            elif isinstance(first, ast.JoinedStr) and first.values and isinstance(first.values[0], ast.Constant):
                prefixes.add(first.values[0].value)
            elif isinstance(first, ast.BinOp) and isinstance(first.left, ast.Constant):
                prefixes.add(first.left.value)
    return literal, prefixes


def test_every_key_the_code_uses_is_in_the_catalogue():
    literal, prefixes = _keys_used()
    assert len(literal) > 300  # the scan found the calls (a broken scan would pass on nothing)
    assert sorted(k for k in literal if k not in CATALOGUE) == []
    assert sorted(p for p in prefixes if not any(k.startswith(p) for k in CATALOGUE)) == []


@pytest.mark.parametrize(("prefix", "members"), [
    ("layout.", ["long", "summary", "wide-year", "wide-month", "wide-category", "target", "rates"]),
    ("exporter_type.", ["new", "umkm", "established", "unknown"]),
    ("narrative.exporter_type.", ["new", "umkm", "established", "unknown"]),
    ("cards.unknown.", ["exporter", "exporter_type", "destination", "commodity"]),
    ("names.kind.", ["unknown", "region", "country"]),
])
def test_the_families_built_from_codes_are_complete(prefix, members):
    assert [m for m in members if prefix + m not in CATALOGUE] == []


def test_every_role_the_reader_maps_has_a_label():
    from pekalongan.labels import ROLES, role_label

    assert [r for r in ROLES if f"role.{r}" not in CATALOGUE] == []
    assert role_label("month 3 year 2023", "en") == "month Mar, year 2023"
    assert role_label("value_usd commodity NON MIGAS", "id") == "nilai (USD), komoditi NON MIGAS"


def _literal_text(node: ast.AST) -> str:
    """A str constant or the constant parts of an f-string; '' for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return ""


def _words(text: str) -> bool:
    """Text with a word in it; icons and page files are names, not words."""
    return not text.startswith(":material/") and not text.endswith(".py") and bool(WORDS.search(text))


def test_no_streamlit_call_shows_a_literal():
    found = []
    for path, tree in _trees():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SHOWN):
                continue
            if isinstance(node.func.value, ast.Name) and node.func.value.id in {"logger", "log", "logging", "warnings"}:
                continue
            shown = node.args[:1] + [k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS]
            found += [f"{path.name}:{node.lineno}: {_literal_text(a)!r}" for a in shown if _words(_literal_text(a))]
    assert found == []


def test_the_command_line_prints_no_literal():
    tree = ast.parse((ROOT / "pekalongan" / "cli.py").read_text(encoding="utf-8"))
    found = [f"cli.py:{node.lineno}" for node in ast.walk(tree)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print"
             for a in node.args if _words(_literal_text(a))]
    assert found == []


def _not_shown(tree: ast.Module) -> set[int]:
    """ids of the string nodes a user never reads: docstrings, and arguments of programmer errors and log calls."""
    skip = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            skip.add(id(body[0].value))
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in NOT_SHOWN_CALLS:
                skip |= {id(n) for a in [*node.args, *(k.value for k in node.keywords)] for n in ast.walk(a)}
    return skip


def test_no_sentence_is_written_outside_the_catalogue():
    found = []
    for path, tree in _trees():
        if path.name in READER or path.name == "i18n.py":
            continue
        skip = _not_shown(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in skip:
                continue
            text = node.value
            if (path.name, text) in ADMIN_DIAGNOSTICS | DATA_STRINGS or "{" in text and ":" in text and ";" in text \
                    or "</" in text:
                continue  # the last two: CSS and HTML markup
            if len(WORDS.findall(text)) >= 2 and " " in text.strip() and SENTENCE_WORD.search(text):
                found.append(f"{path.name}:{node.lineno}: {text[:80]!r}")
    assert found == []


def test_errors_the_user_reads_carry_a_code():
    """A PekalonganError raised with a sentence and no code could only ever be said in Indonesian."""
    errors = {"PekalonganError", "UnreadableFile", "ProtectedWorkbook", "NoExportTable", "TooLarge", "DatasetNotFound"}
    found = []
    for path, tree in _trees():
        if path.name in READER:
            continue
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", "") in errors
                    and not any(k.arg == "code" for k in node.keywords)):
                found.append(f"{path.name}:{node.lineno}")
    assert found == []
