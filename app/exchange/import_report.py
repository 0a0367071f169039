"""What an import did with each sheet, so that nothing is lost without a word: the columns used,
the columns not used and why, the values read through a vocabulary or kept as notes, the rows
refused and why, the rows passed over; and the columns that look like investment or dates but
were not used (the command line warns, and exits with its own code)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from app.exchange.fields import field_of
from app.exchange.header_detection import ColumnMap, SheetLayout
from app.exchange.plan_model import ImportPlan, PlannedRow, ValueNote

_LOOKS = {"investment": "投资", "dates": "日期"}


@dataclass(frozen=True)
class SheetReport:
    """One sheet of an import, as the clerk should see it afterwards."""

    file: str
    layout: SheetLayout
    used: list[ColumnMap]
    unused: list[tuple[ColumnMap, str]]  # the column and why it was not used
    notes: list[tuple[ValueNote, int]]
    refused: list[tuple[int, str]]  # row and why
    skipped: Counter[str]

    def warned(self) -> list[ColumnMap]:
        """Columns that look like investment or dates and were not used (unless the clerk or a
        saved profile said so)."""
        return [c for c, _why in self.unused if c.looks_like and c.how not in ("clerk", "profile")]


def why_unused(column: ColumnMap) -> str:
    """The reason a column is not used, in Chinese."""
    if column.question:
        return f"含义不明确，需要确认：{column.question}"
    return column.reason or "表头为空"


def sheet_reports(plan: ImportPlan) -> list[SheetReport]:
    """A report per sheet read, in the plan's order."""
    reports = []
    notes = plan.value_notes()
    for index, layout in enumerate(plan.layouts):
        file = plan.layout_files[index] if index < len(plan.layout_files) else ""
        rows = [r for r in plan.rows if r.sheet == layout.sheet and r.file == file]
        refused = [(r.row, _why_refused(r)) for r in rows if any(i.error for i in r.issues)]
        reports.append(
            SheetReport(
                file,
                layout,
                [c for c in layout.columns if c.key and c.key != "number"],
                [(c, why_unused(c)) for c in layout.columns if not c.key and c.header],
                [(n, count) for n, count in notes if n.sheet == layout.sheet and n.file == file],
                refused,
                plan.skipped.get((file, layout.sheet), Counter()),
            )
        )
    return reports


def _why_refused(row: PlannedRow) -> str:
    return "；".join(i.message for i in row.issues if i.error)


def report_lines(plan: ImportPlan, *, limit: int = 50) -> list[str]:
    """The reports as lines of text (the command line prints them; the wizard shows them)."""
    lines = []
    for report in sheet_reports(plan):
        layout = report.layout
        fields = layout.fields()
        lines.append(f"工作表「{layout.sheet}」导入报告：")
        if layout.profile:
            lines.append(f"  按交换方案「{layout.profile}」识别（表头与保存时相同）")
        used = "；".join(f"{c.letter} {field_of(c.key or '', fields).header}" for c in report.used)
        lines.append(f"  已用的列（{len(report.used)}）：{used or '无'}")
        if report.unused:
            unused = "；".join(f"{c.letter} {c.header}（{why}）" for c, why in report.unused)
            lines.append(f"  未用的列（{len(report.unused)}）：{unused}")
        for note, count in report.notes[:limit]:
            lines.append(f"  值：{note.text(count)}")
        if len(report.notes) > limit:
            lines.append(f"  ……其余 {len(report.notes) - limit} 种值从略")
        for row, why in report.refused[:limit]:
            lines.append(f"  未导入的行：第 {row} 行：{why}")
        if len(report.refused) > limit:
            lines.append(f"  ……其余 {len(report.refused) - limit} 行从略")
        passed = "，".join(f"{k} {v}" for k, v in report.skipped.items() if v)
        if passed:
            lines.append(f"  略过的行：{passed}")
    return lines


def warned_columns(plan: ImportPlan) -> list[tuple[str, ColumnMap]]:
    """(sheet, column) of every column that looks like investment or dates and was not used."""
    return [(r.layout.sheet, c) for r in sheet_reports(plan) for c in r.warned()]


def looks_like(column: ColumnMap) -> str:
    """投资 or 日期: what an unused column looked like."""
    return _LOOKS.get(column.looks_like or "", "")
