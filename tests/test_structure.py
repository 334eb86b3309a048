"""House rules that a reader would otherwise have to remember."""

from __future__ import annotations

import ast

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
