"""Table model over a MilestonePlan: typed cells are parsed, the plan recomputed at once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from app.infra.errors import UserError
from app.schedule.milestone_plan import MilestonePlan, parse_predecessors, predecessors_text
from app.values.date_format import iso_date
from app.values.date_text import parse_date, parse_days

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # Qt's "no parent"

COLUMNS = [
    "序号",
    "节点名称",
    "工期",
    "前置节点",
    "目标日期",
    "实际开始",
    "实际完成",
    "状态",
    "最晚开始",
    "最晚完成",
    "最早完成",
    "机动时间",
]
NAME, DURATION, PREDECESSORS, TARGET, ACTUAL_START, ACTUAL_FINISH = 1, 2, 3, 4, 5, 6
EDITABLE = {NAME, DURATION, PREDECESSORS, TARGET, ACTUAL_START, ACTUAL_FINISH}
COMPUTED = range(7, 12)
LATE = QBrush(QColor("#b71c1c"))
COMPUTED_BACKGROUND = QBrush(QColor("#f5f7fa"))


def _day(value: object) -> str:
    return iso_date(value) if isinstance(value, dt.date) else ""


class MilestonePlanModel(QAbstractTableModel):
    """Rows are milestones; editable inputs, computed dates on the right."""

    message_changed = Signal(str)  # why a cell was refused or the plan fails; "" clears it

    def __init__(self, plan: MilestonePlan) -> None:
        super().__init__()
        self.plan = plan

    def rowCount(self, parent: Index = ROOT) -> int:  # Qt's name
        """Number of milestones."""
        return 0 if parent.isValid() else len(self.plan.rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # Qt's name
        """Fixed columns."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # Qt's name
        """Column titles (with the calendar's unit for the duration)."""
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == DURATION:
            return f"工期（{self.plan.calendar.unit}）"
        return COLUMNS[section] if 0 <= section < len(COLUMNS) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Inputs are editable; computed dates are not."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() in EDITABLE else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text, alignment, and red for negative slack."""
        if not index.isValid() or not 0 <= index.row() < len(self.plan.rows):
            return None
        row = self.plan.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            timing = row.timing
            values: list[object] = [
                index.row() + 1,
                row.name,
                row.duration,
                predecessors_text(row.predecessors),
                _day(row.target),
                _day(row.actual_start),
                _day(row.actual_finish),
                row.state.value,
                _day(timing.latest_start) if timing else "—",
                _day(timing.latest_finish) if timing else "—",
                _day(timing.earliest_finish) if timing else "—",
                ("—" if timing is None or timing.slack is None else f"{timing.slack} 天"),
            ]
            return values[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == 11:
            timing = row.timing
            if timing is not None and timing.slack is not None and timing.slack < 0:
                return LATE
        if role == Qt.ItemDataRole.BackgroundRole and column in COMPUTED:
            return COMPUTED_BACKGROUND
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, DURATION):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(
        self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:  # Qt's name
        """Take a typed value; refuse what cannot be read (the old value stays)."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row = self.plan.rows[index.row()]
        column = index.column()
        text = str(value).strip()
        try:
            if column == NAME:
                row.name = text
            elif column == DURATION:
                row.duration = parse_days(text)
            elif column == PREDECESSORS:
                row.predecessors = parse_predecessors(text, index.row() + 1, len(self.plan.rows))
            elif column == TARGET:
                row.target = parse_date(text, field="目标日期")
            elif column == ACTUAL_START:
                row.actual_start = parse_date(text, field="实际开始")
            elif column == ACTUAL_FINISH:
                row.actual_finish = parse_date(text, field="实际完成")
            else:
                return False
        except UserError as exc:
            self.message_changed.emit(
                f"第 {index.row() + 1} 行「{COLUMNS[column]}」：{exc.message}"
            )
            return False
        self.recompute()
        return True

    def recompute(self) -> None:
        """Recompute the plan and repaint every row (a change moves others too)."""
        self.plan.recompute()
        if self.plan.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.plan.rows) - 1, len(COLUMNS) - 1)
            )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, DURATION, DURATION)
        self.message_changed.emit(self.plan.problem or "")

    def reset(self) -> None:
        """The rows changed shape (insert, remove, move, template)."""
        self.beginResetModel()
        self.endResetModel()
        self.message_changed.emit(self.plan.problem or "")
