"""app/ and db/ never import Qt; db/ imports neither app/ nor ui/ (docs/ARCHITECTURE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", ["app", "db"])
def test_no_qt_below_app_and_db(package: str) -> None:
    offenders = [str(p.relative_to(ROOT)) for p in _modules(package) if "PySide6" in _imports(p)]
    assert offenders == []


def test_db_imports_neither_app_nor_ui() -> None:
    offenders = [str(p.relative_to(ROOT)) for p in _modules("db") if _imports(p) & {"app", "ui"}]
    assert offenders == []


def test_the_scan_sees_modules() -> None:
    assert len(_modules("app")) > 5 and len(_modules("db")) > 5
