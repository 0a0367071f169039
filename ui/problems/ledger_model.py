"""The ledger table: all rows kept in Python; filtering and sorting rebuild the visible list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from app.problems.ledger import SORT_KEYS, LedgerFilter, LedgerRow
from app.schedule.warning_colours import Colour
from app.search.filtered_rows import FilteredRows
from app.values.date_format import iso_date

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
COLUMNS = [
    "编号",
    "项目名称",
    "问题类型",
    "问题表述",
    "责任单位",
    "协调层级",
    "提出时间",
    "解决时限",
    "状态",
    "最新进展",
]
DEADLINE = 7
PROGRESS = 9
_LATE = QBrush(QColor("#b71c1c"))
_SOON = QBrush(QColor("#b26a00"))
_LATE_BACK = QBrush(QColor("#fdecea"))


def _texts(row: LedgerRow) -> tuple[str, ...]:
    return (row.description, row.project, row.unit)


class LedgerModel(QAbstractTableModel):
    """Problems shown in the ledger (filtered and sorted in Python by `FilteredRows`)."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: FilteredRows[LedgerRow] = FilteredRows(_texts, LedgerFilter())
        # 最新进展 arrives after the first paint (see ProblemsPage.reload); it overlays the rows.
        self.progress: dict[int, str] = {}

    @property
    def rows(self) -> list[LedgerRow]:
        """The problems shown, in order."""
        return self._rows.rows

    @property
    def all_rows(self) -> list[LedgerRow]:
        """Every problem loaded."""
        return self._rows.all_rows

    @property
    def filter(self) -> LedgerFilter:
        """The filter applied."""
        assert isinstance(self._rows.filter, LedgerFilter)
        return self._rows.filter

    def set_rows(self, rows: list[LedgerRow], ledger_filter: LedgerFilter | None = None) -> None:
        """New data (after a load or an edit), and optionally a new filter, in one rebuild."""
        self.beginResetModel()
        self._rows.set_rows(rows, ledger_filter)
        self.endResetModel()

    def set_filter(self, ledger_filter: LedgerFilter) -> None:
        """Show only what the filter accepts (a keystroke re-tests only the text)."""
        self.beginResetModel()
        self._rows.set_filter(ledger_filter)
        self.endResetModel()

    def set_progress(self, progress: dict[int, str]) -> None:
        """Show the latest progress texts (loaded after the first paint)."""
        self.progress = progress
        if self.rows:
            self.dataChanged.emit(self.index(0, PROGRESS), self.index(len(self.rows) - 1, PROGRESS))

    def _key(self, column: int) -> Callable[[LedgerRow], Any]:
        if column == PROGRESS:
            return lambda r: self.progress.get(r.id, r.progress)
        return SORT_KEYS[column]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in Python (a proxy model calls data() far too often, see ARCHITECTURE.md)."""
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        self._rows.order(self._key(column), order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()

    def rowCount(self, parent: Index = ROOT) -> int:  # Qt's name
        """Visible problems."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # Qt's name
        """Fixed columns."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # Qt's name
        """Column titles."""
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text; overdue deadlines red on pink, deadlines this week amber."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            values = [
                row.id,
                row.project,
                row.type.value,
                row.description,
                row.unit,
                row.level.value,
                iso_date(row.raised_on),
                iso_date(row.deadline) if row.deadline else "",
                row.state.value,
                self.progress.get(row.id, row.progress),
            ]
            return values[column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (3, 9):
            return row.description if column == 3 else self.progress.get(row.id, row.progress)
        if column == DEADLINE and role == Qt.ItemDataRole.ForegroundRole:
            if row.colour is Colour.RED:
                return _LATE
            if row.colour is Colour.YELLOW:
                return _SOON
        if column == DEADLINE and role == Qt.ItemDataRole.BackgroundRole and row.overdue:
            return _LATE_BACK
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 2, 5, 6, 7, 8):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def row_of(self, problem_id: int) -> int | None:
        """Visible position of a problem."""
        return next((i for i, r in enumerate(self.rows) if r.id == problem_id), None)


def ledger_table(model: LedgerModel) -> QTableView:
    """The ledger's table: sortable (latest 提出时间 first), one row selected, not edited here."""
    table = QTableView()
    table.setModel(model)
    table.setSortingEnabled(True)
    table.sortByColumn(6, Qt.SortOrder.DescendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    for column, width in enumerate([52, 170, 70, 300, 90, 96, 88, 88, 64, 220]):
        table.setColumnWidth(column, width)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table
