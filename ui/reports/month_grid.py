"""月度填报 grid: a month's figures for every project, typed or pasted like a spreadsheet.

Enter moves down, Tab moves right, typing replaces the cell, Ctrl+V fills a block copied from
Excel or WPS (tab-separated lines). A value that cannot be read stays in its cell in red with the
reason, and is not stored; the rest of a pasted block is stored in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QTableView, QWidget

from app.infra.errors import UserError
from app.reports.monthly_reports import FIELD_LABELS, CellEntry, EntryMode, Field, MonthRow
from app.values.amount_text import amount_text, parse_amount

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_BAD_TEXT = QBrush(QColor("#b71c1c"))
_BAD_BACK = QBrush(QColor("#fdecea"))
_DERIVED = QBrush(QColor("#f3f4f6"))
_FIELDS: dict[int, Field] = {3: "month", 4: "cumulative", 5: "progress", 6: "bond"}
BOND_COLUMN = 6


@dataclass(frozen=True)
class BadCell:
    """What the clerk typed and why it was not stored."""

    text: str
    message: str


class MonthModel(QAbstractTableModel):
    """The month's rows; `save` stores entries (raising UserError to refuse them all)."""

    message_changed = Signal(str)
    HEADERS = (
        "项目名称",
        "责任单位",
        "此前累计",
        "本月完成投资",
        "今年累计完成投资",
        "形象进度",
        "专项债累计支出",
    )

    def __init__(self, save: Callable[[list[CellEntry]], None]) -> None:
        super().__init__()
        self._save = save
        self.rows: list[MonthRow] = []
        self.mode = EntryMode.MONTH
        self.locked = False
        self.bad: dict[tuple[int, int], BadCell] = {}
        # (project, field) → the stored value when the clerk's editor opened on it.
        self.seen_when_editing: dict[tuple[int, Field], object] = {}

    def set_rows(self, rows: list[MonthRow], mode: EntryMode, locked: bool) -> None:
        """Show a month (bad cells of the previous showing are forgotten)."""
        self.beginResetModel()
        self.rows, self.mode, self.locked = rows, mode, locked
        self.bad = {}
        self.seen_when_editing = {}
        self.endResetModel()

    def refresh_rows(self, rows: list[MonthRow], editing: tuple[int, int] | None = None) -> None:
        """Show stored figures again (after a save, or another clerk's), keeping the cells marked
        bad and the cell being typed in (`editing`, row and column): only cells whose figures
        changed are repainted, one by one, and never the one with an open editor (Qt would put
        the stored value back into the editor over what the clerk typed)."""
        before, self.rows = self.rows, rows
        for row, (old, new) in enumerate(zip(before, rows, strict=False)):
            if old == new:
                continue
            for column in range(len(self.HEADERS)):
                if (row, column) != editing:
                    self.dataChanged.emit(self.index(row, column), self.index(row, column))

    def editable_field(self, column: int, row: int | None = None) -> Field | None:
        """The field a column enters, unless it is derived or the month is locked.

        Bond spending is entered only for projects with bonds issued (given `row`).
        """
        field = _FIELDS.get(column)
        derived = "cumulative" if self.mode is EntryMode.MONTH else "month"
        if self.locked or field is None or field == derived:
            return None
        if field == "bond" and row is not None and not self.rows[row].bond_issued:
            return None
        return field

    # ----- Qt ------------------------------------------------------------------------------
    def rowCount(self, parent: Index = ROOT) -> int:  # Qt's name
        """Projects shown."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # Qt's name
        """Seven columns."""
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # Qt's name
        """Titles; the derived column says so."""
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        title = self.HEADERS[section]
        if section in (3, 4) and self.editable_field(section) is None and not self.locked:
            return f"{title}（自动）"
        return title

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Entry cells are editable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable_field(index.column(), index.row()) is not None:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Stored figures, or the bad text in red with its reason."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        bad = self.bad.get((index.row(), column))
        if role == Qt.ItemDataRole.EditRole:
            # An editor opens: what the clerk sees now is what a save must not silently replace,
            # even if another clerk's change refreshes the grid while the clerk types.
            field = self.editable_field(column, index.row())
            if field is not None:
                self.seen_when_editing[(row.project_id, field)] = _stored(row, field)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if bad is not None:
                return bad.text
            values = (
                row.name,
                row.unit,
                amount_text(row.previous),
                amount_text(row.month_amount),
                amount_text(row.cumulative),
                row.progress or "",
                amount_text(row.bond_spent),
            )
            return values[column]
        if bad is not None and role == Qt.ItemDataRole.ForegroundRole:
            return _BAD_TEXT
        if bad is not None and role == Qt.ItemDataRole.BackgroundRole:
            return _BAD_BACK
        if bad is not None and role == Qt.ItemDataRole.ToolTipRole:
            return bad.message
        if role == Qt.ItemDataRole.BackgroundRole and column in (2, 3, 4, BOND_COLUMN):
            return None if self.editable_field(column, index.row()) else _DERIVED
        if role == Qt.ItemDataRole.ToolTipRole and column == BOND_COLUMN and not row.bond_issued:
            return "该项目没有已发行的专项债"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 3, 4, BOND_COLUMN):
            return RIGHT
        return None

    def setData(
        self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:  # Qt's name
        """Store one typed cell."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        return self.enter({(index.row(), index.column()): str(value)}) == 0

    def enter(self, cells: dict[tuple[int, int], str]) -> int:
        """Read each cell, store the readable ones together; return how many were bad."""
        entries: list[CellEntry] = []
        where: list[tuple[int, int]] = []
        bad_count = 0
        skipped = 0  # cells of columns that take nothing (names, derived figures, a locked month)
        for (row, column), text in cells.items():
            if not 0 <= row < len(self.rows):
                continue
            field = self.editable_field(column, row)
            if field is None:
                skipped += text.strip() != ""
                continue
            self.bad.pop((row, column), None)
            try:
                value: Decimal | str | None = (
                    text.strip() or None
                    if field == "progress"
                    else parse_amount(text, field=FIELD_LABELS[field])
                )
            except UserError as exc:
                self.bad[(row, column)] = BadCell(text, exc.message)
                bad_count += 1
                continue
            shown = self.rows[row]
            seen = self.seen_when_editing.pop((shown.project_id, field), _stored(shown, field))
            entries.append(CellEntry(shown.project_id, field, value, seen, compare=True))
            where.append((row, column))
        if entries:
            try:
                self._save(entries)
            except UserError as exc:
                for cell in where:
                    self.bad[cell] = BadCell(cells[cell], exc.message)
                bad_count += len(where)
        for row, column in cells:
            if 0 <= row < len(self.rows) and 0 <= column < len(self.HEADERS):
                self.dataChanged.emit(self.index(row, column), self.index(row, column))
        first_bad = next((self.bad[c] for c in cells if c in self.bad), None)
        if first_bad is not None:
            message = f"有 {bad_count} 个格子未保存（红色）：{first_bad.message}"
        else:
            message = f"已保存 {len(entries)} 个格子。" if entries else ""
        if skipped and self.locked:
            message = "本月已报送（锁定），没有保存任何格子；如需修改请先解除锁定。"
        elif skipped:
            message += (
                f"另有 {skipped} 个格子落在不能填写的列（项目名称、自动计算的数）上，已跳过。"
            )
        self.message_changed.emit(message)
        return bad_count + (skipped if self.locked else 0)


class MonthGridView(QTableView):
    """Spreadsheet keys: Enter down, Tab right, typing replaces, Ctrl+V pastes, Delete clears."""

    pasted = Signal(int)  # bad cells

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.verticalHeader().setDefaultSectionSize(26)
        self.setWordWrap(False)

    def grid(self) -> MonthModel:
        """The model shown."""
        model = self.model()
        assert isinstance(model, MonthModel)
        return model

    def closeEditor(
        self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint
    ) -> None:  # Qt's name
        """Enter in a cell commits and goes to the cell below; Tab to the right."""
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self._move(1, 0)
        elif hint == QAbstractItemDelegate.EndEditHint.EditNextItem:
            self._move(0, 1)
        elif hint == QAbstractItemDelegate.EndEditHint.EditPreviousItem:
            self._move(0, -1)

    def _move(self, rows: int, columns: int) -> None:
        current = self.currentIndex()
        target = self.model().index(current.row() + rows, current.column() + columns)
        if target.isValid():
            self.setCurrentIndex(target)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt's name
        """Enter moves down; Ctrl+V pastes a block; Delete clears the selected entry cells."""
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste(QGuiApplication.clipboard().text())
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # From an open cell the delegate commits and closeEditor moves down, a moment later.
            if self.state() != QAbstractItemView.State.EditingState:
                self._move(1, 0)
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            cells = {(i.row(), i.column()): "" for i in self.selectedIndexes()}
            self.grid().enter(cells)
            return
        super().keyPressEvent(event)

    def paste(self, text: str) -> int:
        """Fill cells from the current one with a tab-separated block; return the bad count."""
        current = self.currentIndex()
        if not current.isValid() or not text:
            return 0
        lines = text.replace("\r\n", "\n").replace("\r", "\n").removesuffix("\n").split("\n")
        cells: dict[tuple[int, int], str] = {}
        for r, line in enumerate(lines):
            for c, value in enumerate(line.split("\t")):
                cells[(current.row() + r, current.column() + c)] = value
        bad = self.grid().enter(cells)
        self.pasted.emit(bad)
        return bad


def _stored(row: MonthRow, field: Field) -> object:
    """The stored value of `field` in a grid row (what the cell shows)."""
    return {
        "month": row.month_amount,
        "cumulative": row.cumulative,
        "progress": row.progress,
        "bond": row.bond_spent,
    }[field]
