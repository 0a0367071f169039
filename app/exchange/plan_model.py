"""What an import would do, as plain data: rows with their status and differences, problems found
with their sheet, row and column, and values read through a vocabulary or kept as notes."""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from app.exchange.header_detection import SheetLayout

UNSORTED = "未分类"


class RowStatus(enum.StrEnum):
    """What an import does with a row."""

    NEW = "新增"
    UPDATED = "更新"
    UNCHANGED = "无变化"
    ERROR = "有错误"


@dataclass(frozen=True)
class Issue:
    """A problem found in the file: where, what, and whether it stops the row."""

    file: str
    sheet: str
    row: int | None  # 1-based, as Excel shows it
    column: str | None  # letter
    field: str | None  # the field's Chinese name
    message: str
    error: bool = True

    def where(self) -> str:
        """「文件」工作表「附表3」第 5 行 H 列（1-7月完成投资）."""
        parts = [f"「{self.file}」"]
        if self.sheet != "—":
            parts.append(f"工作表「{self.sheet}」")
        if self.row is not None:
            parts.append(f"第 {self.row} 行")
        if self.column is not None:
            parts.append(f"{self.column} 列")
        if self.field:
            parts.append(f"（{self.field}）")
        return "".join(parts)

    def text(self) -> str:
        """Where and what, in one line."""
        kind = "错误" if self.error else "提示"
        return f"{kind}：{self.where()}：{self.message}"


@dataclass(frozen=True)
class ValueNote:
    """A value read another way than as written: mapped through a vocabulary ("加快建设" → 在建),
    kept as text in a note, or supplied (提出时间 from the table's date). Listed once per value."""

    file: str
    sheet: str
    column: str | None
    field: str
    value: str
    outcome: str

    def text(self, count: int) -> str:
        """One line of a sheet's report: 「H 列（项目阶段）「加快建设」：按“在建”导入，12 行」."""
        where = f"{self.column} 列" if self.column else ""
        return f"{where}（{self.field}）「{self.value}」：{self.outcome}，{count} 行"


@dataclass(frozen=True)
class Change:
    """One field of a matched project that the import changes."""

    key: str
    label: str
    old: str
    new: str


@dataclass
class PlannedRow:
    """One data row as it will be stored."""

    file: str
    sheet: str
    row: int
    values: dict[str, Any]
    list_name: str
    # (year, month) → {"investment_year": cumulative, "investment_month": the month's amount}
    reports: dict[tuple[int, int], dict[str, Decimal]] = field(default_factory=dict)
    project_id: int | None = None
    status: RowStatus = RowStatus.NEW
    changes: list[Change] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    include: bool = True
    kind: str = "project"  # or "problem" (a row of a problem ledger)
    list_number: int | None = None  # 附表N of the sheet's title, for a list created by the import
    problem_id: int | None = None  # the same problem already in the ledger
    notes: list[ValueNote] = field(default_factory=list)
    marks: str = ""  # ★ … written after the name
    extra: list[str] = field(default_factory=list)  # "表头：值" of extra columns, for 备注

    def report(self, year: int, month: int, field: str, amount: Decimal) -> None:
        """An amount of a month: this year's cumulative or the month's own."""
        self.reports.setdefault((year, month), {})[field] = amount

    def add_issue(self, field: str | None, message: str, *, error: bool = True) -> None:
        """Note a problem of this row (not tied to one column)."""
        self.issues.append(Issue(self.file, self.sheet, self.row, None, field, message, error))

    @property
    def name(self) -> str:
        """The project's name in the file (for a problem: the project it belongs to)."""
        key = "project_name" if self.kind == "problem" else "name"
        return str(self.values.get(key) or "")


@dataclass
class ImportPlan:
    """Everything an import would do; `write_import` carries it out."""

    files: list[str]
    layouts: list[SheetLayout]
    rows: list[PlannedRow]
    issues: list[Issue]  # file- and sheet-level
    campaign_name: str | None  # a campaign to create (the database has none)
    year: int | None
    layout_files: list[str] = field(default_factory=list)  # the file of each layout
    skipped: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)  # rows not data

    def counts(self) -> dict[RowStatus, int]:
        """Rows per status (left-out rows not counted)."""
        counts = dict.fromkeys(RowStatus, 0)
        for row in self.rows:
            if row.include:
                counts[row.status] += 1
        return counts

    def all_issues(self) -> list[Issue]:
        """File-level issues, then each row's."""
        return [*self.issues, *(i for r in self.rows for i in r.issues)]

    def has_errors(self) -> bool:
        """True when an error stops the import (in a file, or in a row that is included)."""
        return any(i.error for i in self.issues) or any(
            r.status is RowStatus.ERROR for r in self.rows if r.include
        )

    def to_write(self) -> list[PlannedRow]:
        """Included rows that change something."""
        return [
            r for r in self.rows if r.include and r.status in (RowStatus.NEW, RowStatus.UPDATED)
        ]

    def value_notes(self) -> list[tuple[ValueNote, int]]:
        """Each value read another way, once, with the number of rows it was in."""
        counted = Counter(n for r in self.rows for n in r.notes)
        return sorted(
            counted.items(), key=lambda item: (item[0].sheet, item[0].column or "", -item[1])
        )
