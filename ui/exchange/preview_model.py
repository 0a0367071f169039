"""The import preview: one row per planned row that changes something (new, updated, with an
error), its 导入 box checkable; unchecking leaves that row out of the import."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from app.exchange.plan_model import ImportPlan, PlannedRow, RowStatus

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
HEADERS = ("导入", "结果", "工作表", "行", "项目/问题", "变化")
SHOWN = 5000  # rows listed; the counts always cover all
_STATUS_COLOURS = {
    RowStatus.NEW: QColor("#1b5e20"),
    RowStatus.UPDATED: QColor("#0d47a1"),
    RowStatus.UNCHANGED: QColor("#616161"),
    RowStatus.ERROR: QColor("#b71c1c"),
}


def _changes(row: PlannedRow) -> str:
    if row.status is RowStatus.ERROR:
        return "；".join(i.message for i in row.issues if i.error)
    if row.status is RowStatus.NEW:
        return f"清单：{row.list_name}" if row.kind == "project" else "新问题"
    return "；".join(f"{c.label}：{c.old or '空'} → {c.new or '空'}" for c in row.changes)


class PreviewModel(QAbstractTableModel):
    """The plan's rows that change something; `include_changed` after a box is toggled."""

    include_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[PlannedRow] = []

    def show_plan(self, plan: ImportPlan | None) -> None:
        """Show the rows of `plan` that are not unchanged (the first SHOWN of them)."""
        self.beginResetModel()
        changing = (r for r in plan.rows if r.status is not RowStatus.UNCHANGED) if plan else ()
        self.rows = []
        for row in changing:
            if len(self.rows) >= SHOWN:
                break
            self.rows.append(row)
        self.endResetModel()

    def refresh(self) -> None:
        """The rows' include boxes changed outside (不导入有错误的行)."""
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 0))

    def rowCount(self, parent: Index = ROOT) -> int:  # Qt's name
        """Rows shown."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # Qt's name
        """导入, 结果, 工作表, 行, 项目/问题, 变化."""
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # Qt's name
        """Column titles."""
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:  # Qt's name
        """The 导入 column is checkable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # Qt's name
        """Texts, the 导入 box and the status colour."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, part = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and part == 0:
            return Qt.CheckState.Checked if row.include else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if part == 1:
                return row.status.value
            if part == 2:
                return row.sheet
            if part == 3:
                return str(row.row)
            if part == 4:
                return row.name
            if part == 5:
                text = _changes(row)
                return text.replace("；", "\n") if role == Qt.ItemDataRole.ToolTipRole else text
            return None
        if role == Qt.ItemDataRole.ForegroundRole and part == 1:
            return QBrush(_STATUS_COLOURS[row.status])
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Check or uncheck a row's 导入 box."""
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        if not 0 <= index.row() < len(self.rows):
            return False
        state = Qt.CheckState(value) if isinstance(value, int) else value
        self.rows[index.row()].include = state == Qt.CheckState.Checked
        self.dataChanged.emit(index, index)
        self.include_changed.emit()
        return True
