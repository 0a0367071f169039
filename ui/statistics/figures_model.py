"""A table of GroupFigures (by list, unit or leader) with the 合计 row kept last when sorting."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from app.statistics.figures import GroupFigures
from app.statistics.table_columns import FigureColumn

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
BEHIND = QColor("#c62828")
FLAGGED = QColor("#fdecea")


class FiguresModel(QAbstractTableModel):
    """Rows of figures under the given columns; the last row is the total."""

    def __init__(self, columns: list[FigureColumn]) -> None:
        super().__init__()
        self.columns = columns
        self.groups: list[GroupFigures] = []
        self.total: GroupFigures | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    def set_figures(self, groups: list[GroupFigures], total: GroupFigures | None) -> None:
        """Replace the rows."""
        self.beginResetModel()
        self.groups = list(groups)
        self.total = total
        self.endResetModel()

    def rows(self) -> list[GroupFigures]:
        """The groups and then the total."""
        return [*self.groups, self.total] if self.total is not None else list(self.groups)

    def rowCount(self, parent: Index = ROOT) -> int:  # Qt's name
        """Groups plus the total row."""
        return 0 if parent.isValid() else len(self.groups) + (self.total is not None)

    def columnCount(self, parent: Index = ROOT) -> int:  # Qt's name
        """Number of columns."""
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # Qt's name
        """Column headers."""
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.columns):
            return self.columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, alignment, sort value, colours."""
        if not index.isValid():
            return None
        rows = self.rows()
        if not 0 <= index.row() < len(rows):
            return None
        group, column = rows[index.row()], self.columns[index.column()]
        is_total = group is self.total
        if role == Qt.ItemDataRole.DisplayRole:
            if is_total and column.kind == "rank":
                return ""
            return column.text(group)
        if role == SORT_ROLE:
            value = column.value(group)
            if isinstance(value, Decimal | int):
                return float(value)
            return value if value is not None else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.kind == "text":
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            if column.kind == "rank":
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column.kind == "points":
            value = column.value(group)
            if isinstance(value, Decimal) and value < 0:
                return QBrush(BEHIND)
        if role == Qt.ItemDataRole.BackgroundRole and group.flags:
            return QBrush(FLAGGED)
        if role == Qt.ItemDataRole.FontRole and is_total:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole and group.flags:
            return "\n".join(group.flags)
        return None


class TotalLastProxy(QSortFilterProxyModel):
    """Sorts by the numeric value; the 合计 row stays at the bottom whichever way."""

    def __init__(self, model: FiguresModel) -> None:
        super().__init__()
        self.setSourceModel(model)
        self.setSortRole(SORT_ROLE)
        self._model = model

    def lessThan(self, left: Index, right: Index) -> bool:  # Qt's name
        """Numbers as numbers, empty values first, the total last."""
        last = self._model.rowCount() - 1 if self._model.total is not None else -1
        ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
        if left.row() == last:
            return not ascending
        if right.row() == last:
            return ascending
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if type(a) is not type(b):
            return isinstance(a, str) and a == ""
        return bool(a < b)
