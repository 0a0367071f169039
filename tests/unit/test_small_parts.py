"""Small parts (docs/ARCHITECTURE.md, house rules): no module of app/, ui/ or gongjian/ over about
15 KB and no function there over 60 lines, so each one can be read whole."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("app", "ui", "gongjian")
MOST_BYTES = 15_500
MOST_LINES = 60


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", PACKAGES)
def test_no_module_is_too_large_to_read_whole(package: str) -> None:
    large = [
        f"{path.relative_to(ROOT)}: {path.stat().st_size:,} bytes"
        for path in _modules(package)
        if path.stat().st_size > MOST_BYTES
    ]
    assert large == [], "split along a real seam (a dialog, a query, a sheet writer …)"


@pytest.mark.parametrize("package", PACKAGES)
def test_no_function_is_longer_than_a_screen(package: str) -> None:
    long = [
        f"{path.relative_to(ROOT)}:{node.lineno} {node.name}: {length} lines"
        for path in _modules(package)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and (length := (node.end_lineno or node.lineno) - node.lineno + 1) > MOST_LINES
    ]
    assert long == [], "give each part of the work a function of its own"
