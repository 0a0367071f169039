"""A table model over a list of rows with declared columns, for the small lists of 设置."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from app.infra.errors import UserError

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


@dataclass(frozen=True)
class Column(Generic[T]):
    """A column: its title, how to show a row, and (if editable) how to take typed text."""

    title: str
    show: Callable[[T], object]
    take: Callable[[T, str], None] | None = None
    centred: bool = False


class RowsModel(QAbstractTableModel, Generic[T]):
    """Rows of any type; editable columns parse text and refuse with a message."""

    message_changed = Signal(str)

    def __init__(self, columns: list[Column[T]]) -> None:
        super().__init__()
        self.columns = columns
        self.rows: list[T] = []

    def set_rows(self, rows: list[T]) -> None:
        """Replace all rows."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:  # Qt's name
        """Number of rows."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # Qt's name
        """Number of columns."""
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # Qt's name
        """Column titles."""
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title if 0 <= section < len(self.columns) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Editable where the column can take text."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if self.columns[index.column()].take else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text and alignment."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            value = column.show(self.rows[index.row()])
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.centred:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(
        self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:  # Qt's name
        """Give typed text to the column; a refusal is reported and changes nothing."""
        column = self.columns[index.column()] if index.isValid() else None
        if column is None or column.take is None or role != Qt.ItemDataRole.EditRole:
            return False
        try:
            column.take(self.rows[index.row()], str(value).strip())
        except UserError as exc:
            self.message_changed.emit(f"第 {index.row() + 1} 行「{column.title}」：{exc.message}")
            return False
        self.dataChanged.emit(index, index)
        self.message_changed.emit("")
        return True
