"""Read a checked workbook into plain grids of cell values (python-calamine, after file_check).

calamine reads .xlsx and .xls about twenty times faster than openpyxl's read-only mode here, and
gives formulas' cached values; it is only ever handed files that `check_file` has passed, because
a forged sheet dimension can abort the process inside it (docs/ARCHITECTURE.md, Known traps).
Sheet visibility of .xlsx files is read from workbook.xml with defusedxml.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.exchange.file_check import FileKind, check_file
from app.infra.errors import UserError

Merge = tuple[int, int, int, int]  # first row, first column, last row, last column (0-based)


@dataclass(frozen=True)
class SheetGrid:
    """One sheet: its name, whether it is hidden, its cells from A1 (empty cells are ""), and its
    merged ranges (a merged range's value is in its first cell only)."""

    name: str
    hidden: bool
    rows: list[list[Any]]
    merges: tuple[Merge, ...] = ()


@dataclass(frozen=True)
class WorkbookGrids:
    """A workbook's sheets, in order."""

    path: Path
    kind: FileKind
    sheets: list[SheetGrid]


def read_workbook(path: Path) -> WorkbookGrids:
    """Every sheet of the file at `path`; UserError for anything that cannot be read."""
    from python_calamine import CalamineError, CalamineWorkbook

    kind = check_file(path)
    hidden_names = _hidden_xlsx_sheets(path) if kind is FileKind.XLSX else set()
    try:
        book = CalamineWorkbook.from_path(str(path))
        sheets = []
        for meta in book.sheets_metadata:
            if "Sheet" not in str(meta.typ) and "WorkSheet" not in str(meta.typ):
                continue
            sheet = book.get_sheet_by_name(meta.name)
            rows: list[list[Any]] = list(sheet.to_python(skip_empty_area=False))
            top, left = sheet.start if sheet.start else (0, 0)
            if top or left:  # pad to A1 so that row and column numbers are the sheet's own
                width = max((len(r) for r in rows), default=0) + left
                rows = [[""] * width for _ in range(top)] + [[""] * left + r for r in rows]
            hidden = meta.name in hidden_names or "Visible" not in str(meta.visible)
            merges = tuple(
                (r1, c1, r2, c2) for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or ())
            )
            sheets.append(SheetGrid(meta.name, hidden, rows, merges))
    except (CalamineError, ValueError, OSError) as exc:
        raise UserError(f"文件「{path.name}」无法读取：{exc}") from exc
    return WorkbookGrids(path, kind, sheets)


def _hidden_xlsx_sheets(path: Path) -> set[str]:
    """Names of hidden sheets, from xl/workbook.xml parsed with defusedxml."""
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    try:
        with zipfile.ZipFile(path) as archive:
            root = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    except (DefusedXmlException, ElementTree.ParseError, KeyError) as exc:
        raise UserError(f"文件「{path.name}」的工作簿目录无法读取：{exc}") from exc
    hidden = set()
    for element in root.iter():
        if element.tag.endswith("}sheet") and element.get("state") in ("hidden", "veryHidden"):
            hidden.add(element.get("name", ""))
    return hidden
