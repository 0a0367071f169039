"""The import wizard's column mapping: one row per column of a sheet (letter, header, samples,
the field it fills, why not or what to confirm), the field chosen through a combo box."""

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
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.exchange.fields import ExchangeField
from app.exchange.header_detection import ColumnMap, SheetLayout
from app.exchange.import_report import why_unused

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
IGNORE = "（不导入）"
HEADERS = ("列", "表头", "示例", "导入为", "说明")
FIELD_COLUMN = 3
_ASK = QColor("#fff3cd")  # a column to confirm
_CLERK = QColor("#0d47a1")  # a column the clerk (or a saved profile) set
_UNUSED = QColor("#757575")


class MappingModel(QAbstractTableModel):
    """The columns of one sheet's layout; choosing a field emits `remapped(index, key)`."""

    remapped = Signal(int, object)  # column index, field key or None

    def __init__(self) -> None:
        super().__init__()
        self.layout: SheetLayout | None = None
        self.columns: list[ColumnMap] = []
        self.fields: tuple[ExchangeField, ...] = ()
        self._samples: dict[int, str] = {}

    def show_layout(self, layout: SheetLayout | None, samples: dict[int, str]) -> None:
        """Show the columns of `layout` (None: nothing)."""
        self.beginResetModel()
        self.layout = layout
        self.columns = [c for c in layout.columns if c.header or c.key] if layout else []
        self.fields = layout.fields() if layout else ()
        self._samples = samples
        self.endResetModel()

    def labels(self) -> list[str]:
        """What the combo box offers: 不导入, then every field."""
        return [IGNORE, *(f.header for f in self.fields)]

    def rowCount(self, parent: Index = ROOT) -> int:  # Qt's name
        """One row per column of the sheet."""
        return 0 if parent.isValid() else len(self.columns)

    def columnCount(self, parent: Index = ROOT) -> int:  # Qt's name
        """列, 表头, 示例, 导入为, 说明."""
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # Qt's name
        """Column titles."""
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:  # Qt's name
        """The field column can be edited."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == FIELD_COLUMN else base

    def field_label(self, column: ColumnMap) -> str:
        """The field a column fills, as the combo box names it."""
        if column.key is None:
            return IGNORE
        return next((f.header for f in self.fields if f.key == column.key), column.key)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # Qt's name
        """Texts, and colours that say which columns to look at."""
        if not index.isValid() or not 0 <= index.row() < len(self.columns):
            return None
        column = self.columns[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(column, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (1, 4):
            return self._text(column, index.column())
        if role == Qt.ItemDataRole.BackgroundRole and column.question and column.key is None:
            return QBrush(_ASK)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column.how in ("clerk", "profile") and index.column() == FIELD_COLUMN:
                return QBrush(_CLERK)
            if column.key is None and not column.question:
                return QBrush(_UNUSED)
        return None

    def _text(self, column: ColumnMap, part: int) -> str:
        if part == 0:
            return column.letter
        if part == 1:
            return column.header or "（无表头）"
        if part == 2:
            return self._samples.get(column.index, "")
        if part == FIELD_COLUMN:
            return self.field_label(column)
        if column.key is None:
            return why_unused(column)
        if column.role:
            return {"series": "按月份逐月导入", "joined": "与同名的列合并", "noted": "另记入备注"}[
                column.role
            ]
        return column.reason or ("已更正" if column.how == "clerk" else "")

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Choose a column's field by its Chinese name (or 不导入)."""
        if role != Qt.ItemDataRole.EditRole or index.column() != FIELD_COLUMN:
            return False
        if not 0 <= index.row() < len(self.columns):
            return False
        column = self.columns[index.row()]
        text = str(value)
        key = next((f.key for f in self.fields if f.header == text), None)
        if key is None and text != IGNORE:
            return False
        if key == column.key and column.how == "clerk":
            return False
        self.remapped.emit(column.index, key)
        return True

    def row_of(self, letter: str) -> int:
        """The row showing the column with `letter` (-1 when it is not shown)."""
        return next((r for r, c in enumerate(self.columns) if c.letter == letter), -1)


class FieldDelegate(QStyledItemDelegate):
    """Choose a column's field from a combo box."""

    def __init__(self, model: MappingModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:  # Qt's name
        """A combo box of 不导入 and the fields; a choice is taken at once."""
        box = QComboBox(parent)
        box.addItems(self._model.labels())
        box.setMaxVisibleItems(20)
        box.activated.connect(lambda _i, b=box: self.commitData.emit(b))
        return box

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # Qt's name
        """Select the column's field."""
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(str(index.data()))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # Qt's name
        """Give the choice to the model."""
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText())
