"""The header corpus (tests/fixtures/headers/*.json) through the real pipeline: each entry built
into a workbook with openpyxl (title, unit line, header rows, merges, example rows), read with
python-calamine, its header found and its columns read; every column compared with the concept
the corpus expects. Used by the test and by bench/header_recognition.py."""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl

from app.exchange.fields import PROBLEM_FIELDS, PROJECT_FIELDS
from app.exchange.header_detection import ColumnMap, SheetLayout, find_layout
from app.exchange.reading import read_workbook

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "headers"
_LEDGER_KINDS = ("problem_ledger", "supervision")

# The decision taken for each concept the corpus marks `new:` (a real concept we had no key for):
# a field it is now read as, "ask" (the clerk is asked: it could be a field), or "skip" (named
# as a concept we do not keep, or not understood; the column is listed with its reason).
NEW_CONCEPTS: dict[str, str] = {
    "problems": "problem_text",  # 存在问题 in a progress table: opens a problem in the ledger
    "completed_quantity": "progress",  # 1-8月实际完成情况: a text of what was done
    "planned_progress": "skip",  # 计划进度 as text: milestones carry the plan
    "period_completed": "ask|skip",  # 本期新增 is asked (it may be this month); 旬 is not kept
    "completion_result": "skip",
    "responsible_person": "ask",  # 责任人: 包联领导, 首席服务官 or 联络人?
    "target_quantity": "skip",
    "leader": "skip",  # a problem ledger has no leader (the project card does)
    "completed_before_year": "skip",  # we keep this year's months only
    "completed_since_start": "skip",
    "construction_period": "skip",  # start and finish in one cell: warned as dates
    "annual_forecast": "ask",  # 全年完成 / 力争完成: the plan, or this year's completion?
    "owner_person": "ask",
    "unit_contact": "ask",
    "month_plan": "skip",
    "management_class": "skip",
    "department_or_county": "ask",  # 责任单位 or 所属区域?
    "plan_period_completed": "skip",
    "plan_period_investment": "skip",
    "investor_type": "skip",
    "fund_source": "skip",
    "fund_source_note": "skip",
    "funds_in_place": "skip",
    "funds_in_place_before_year": "skip",
    "investment_form": "skip",
    "foreign_capital": "skip",
    "chinese_partner": "skip",
    "foreign_partner": "skip",
    "investor_country": "skip",
    "signing_type": "skip",
    "upgrade_date": "skip",
    "approval_date": "skip",
    "approved_investment": "skip",
    "approved_foreign_capital": "skip",
}


@dataclass(frozen=True)
class ColumnResult:
    """One column of one entry: expected, read, and whether they agree."""

    entry: str
    index: int
    header: str
    expected: str | None
    read: str  # the key read, "ask", or "skip"
    ok: bool
    why: str  # what was read, to show on a miss


def entries() -> list[Path]:
    """The corpus files."""
    return sorted(CORPUS.glob("*.json"))


def build_workbook(entry: dict[str, Any], path: Path) -> Path:
    """The entry as an office would have saved it: title, unit line, header rows with their
    merges, and its example rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    width = len(entry["expected"])
    top = 1
    if entry.get("title"):
        sheet.append([entry["title"]])
        top += 1
    if entry.get("unit_line"):
        sheet.append([None] * (width - 1) + [entry["unit_line"]])
        top += 1
    for row in entry["header_rows"]:
        sheet.append([None if cell is None else cell for cell in row])
    for row in entry.get("example_rows") or []:
        sheet.append([_typed(cell) for cell in row])
    for first_row, first_col, last_row, last_col in entry.get("merges") or []:
        sheet.merge_cells(
            start_row=top + first_row,
            start_column=first_col + 1,
            end_row=top + last_row,
            end_column=last_col + 1,
        )
    book.save(path)
    return path


def _typed(cell: Any) -> Any:
    """Example cells as an office suite stores them: numbers as numbers."""
    if isinstance(cell, str):
        try:
            return float(cell) if "." in cell else int(cell)
        except ValueError:
            return cell
    return cell


def read_entry(path: Path) -> tuple[dict[str, Any], SheetLayout | None]:
    """The entry and the layout the importer finds in its workbook."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        book = build_workbook(entry, Path(folder) / "corpus.xlsx")
        sheet = read_workbook(book).sheets[0]
    fields = PROBLEM_FIELDS if entry["kind"] in _LEDGER_KINDS else PROJECT_FIELDS
    return entry, find_layout(sheet, fields)


def _outcome(column: ColumnMap | None) -> str:
    """What the importer does with the column: the field it fills, "ask" or "skip"."""
    if column is None:
        return "skip"
    if column.key is not None:
        return column.key
    if column.question:
        if column.concept is not None and column.choices == (column.concept,):
            return column.concept  # understood; only its month is asked for
        return "ask"
    return "skip"


def evaluate(path: Path) -> list[ColumnResult]:
    """Every column of one entry, read and compared."""
    entry, layout = read_entry(path)
    results = []
    for index, expected in enumerate(entry["expected"]):
        column = next((c for c in layout.columns if c.index == index), None) if layout else None
        read = _outcome(column)
        if expected is None:
            ok = read == "skip"
        elif expected.startswith("new:"):
            ok = read in NEW_CONCEPTS.get(expected[4:], "?").split("|")
        else:
            ok = read == expected
        why = "未找到表头" if column is None else (column.question or column.reason or "")
        header = "/".join(str(t) for t in _header_chain(entry, index))
        results.append(ColumnResult(path.stem, index, header, expected, read, ok, why))
    return results


def _header_chain(entry: dict[str, Any], index: int) -> list[str]:
    return [
        " ".join(str(row[index]).split())
        for row in entry["header_rows"]
        if index < len(row) and row[index]
    ]
