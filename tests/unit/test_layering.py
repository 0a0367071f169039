"""The layers of docs/ARCHITECTURE.md, checked on the source: who may import whom, where SQL is
written, and that the window changes data only through the operation helper."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The one module of ui/ that opens writing sessions: every change of data goes through it.
OPERATION = ROOT / "ui" / "shell" / "operation.py"


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _typing_only(tree: ast.Module) -> set[int]:
    """Line numbers inside `if TYPE_CHECKING:` blocks (imports there cost nothing at run time)."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def _imports(path: Path, *, at_run_time: bool = False) -> set[str]:
    """Full dotted names imported by `path` (optionally leaving out typing-only imports)."""
    tree = _tree(path)
    skip = _typing_only(tree) if at_run_time else set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _tops(names: set[str]) -> set[str]:
    return {name.split(".")[0] for name in names}


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def _offenders(package: str, forbidden: set[str]) -> list[str]:
    return [
        str(p.relative_to(ROOT)) for p in _modules(package) if _tops(_imports(p)) & forbidden
    ]


@pytest.mark.parametrize("package", ["app", "db"])
def test_no_qt_below_app_and_db(package: str) -> None:
    assert _offenders(package, {"PySide6"}) == []


def test_db_imports_neither_app_nor_ui() -> None:
    assert _offenders("db", {"app", "ui", "gongjian"}) == []


def test_app_imports_neither_ui_nor_the_entry_point() -> None:
    assert _offenders("app", {"ui", "gongjian"}) == []


def test_ui_does_not_import_the_entry_point() -> None:
    assert _offenders("ui", {"gongjian"}) == []


def test_ui_writes_no_sql() -> None:
    """ui/ asks app/ for what it shows: no SQLAlchemy at run time but the Session type."""
    offenders = []
    for path in _modules("ui"):
        used = {n for n in _imports(path, at_run_time=True) if n.split(".")[0] == "sqlalchemy"}
        if used - {"sqlalchemy.orm"} or _calls(path, {"execute", "exec_driver_sql", "scalars"}):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def _calls(path: Path, names: set[str]) -> list[int]:
    """Lines where `path` calls a method named in `names`."""
    return [
        node.lineno
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in names
    ]


def test_pages_change_data_only_through_the_operation_helper() -> None:
    """A writing session (`database.sessions()`) or a commit appears in ui/ only in operation.py;
    pages read through `database.reading()`, which refuses writes at run time as well."""
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in _modules("ui")
        if path != OPERATION
        for line in _calls(path, {"sessions", "commit", "flush"})
    ]
    assert offenders == []


def test_unit_tests_have_no_qt() -> None:
    """tests/unit/ runs without Qt (the GUI tests live in tests/ui/ and carry the gui marker)."""
    unit = ROOT / "tests" / "unit"
    offenders = [
        str(p.relative_to(ROOT))
        for p in sorted(unit.rglob("*.py"))
        if _tops(_imports(p)) & {"PySide6", "pytestqt", "ui"}
    ]
    assert offenders == []


def test_the_scan_sees_modules() -> None:
    assert len(_modules("app")) > 5 and len(_modules("db")) > 5 and len(_modules("ui")) > 5
    assert _calls(OPERATION, {"sessions"}), "the helper itself must be seen opening sessions"
