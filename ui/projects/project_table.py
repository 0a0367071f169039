"""The project table: every field, the name column frozen, a column chooser and a 合计 footer.

The frozen column is a second view laid over the first one's left edge, sharing its model and
selection (Qt's "Frozen Column" example); the footer is painted from the header's geometry, so it
stays under its columns while they are resized, moved or scrolled.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.projects.cards import COLUMNS
from app.values.amount_text import amount_text
from ui.projects.cards_model import ProjectsModel

WIDTHS = {"name": 230, "code": 190, "list": 120, "progress": 260, "remarks": 200, "next": 190}
DEFAULT_HIDDEN = ("actual_start", "actual_finish", "industry", "location", "contact", "remarks")


class FrozenTableView(QTableView):
    """A table whose first column stays put while the rest scrolls sideways."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frozen = QTableView(self)
        self.frozen.setObjectName("frozenColumn")
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.verticalHeader().hide()
        self.frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setStyleSheet(
            "QTableView#frozenColumn { border: none; border-right: 1px solid #c7ccd4; }"
        )
        self.frozen.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
        self.horizontalHeader().sectionResized.connect(self._section_resized)
        self.frozen.doubleClicked.connect(self.doubleClicked.emit)
        self.viewport().stackUnder(self.frozen)

    def setModel(self, model: ProjectsModel) -> None:  # type: ignore[override]  # Qt's name
        """Show `model` in both views, with one selection."""
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        self.frozen.setSelectionBehavior(self.selectionBehavior())
        self.frozen.setSelectionMode(self.selectionMode())
        self.frozen.setEditTriggers(self.editTriggers())
        for column in range(1, model.columnCount()):
            self.frozen.setColumnHidden(column, True)
        self.frozen.setColumnWidth(0, self.columnWidth(0))
        # Sorting by the name column from the frozen header too.
        self.frozen.setSortingEnabled(self.isSortingEnabled())
        self.frozen.horizontalHeader().sortIndicatorChanged.connect(self.sortByColumn)
        self._update_frozen()

    def _section_resized(self, column: int, _old: int, new: int) -> None:
        if column == 0:
            self.frozen.setColumnWidth(0, new)
            self._update_frozen()

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt's name
        """Keep the frozen column over the first column."""
        super().resizeEvent(event)
        self._update_frozen()

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:  # Qt's name
        """Moving left under the frozen column scrolls the rest into view."""
        current = super().moveCursor(action, modifiers)
        if action == QAbstractItemView.CursorAction.MoveLeft and current.column() > 0:
            left = self.visualRect(current).left()
            if left < self.frozen.columnWidth(0):
                bar = self.horizontalScrollBar()
                bar.setValue(bar.value() + left - self.frozen.columnWidth(0))
        return current

    def scrollTo(
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:  # Qt's name
        """Scroll only up and down for the frozen column (it is always in view)."""
        if index.column() > 0:
            super().scrollTo(index, hint)
            return
        bar = self.horizontalScrollBar()
        keep = bar.value()
        super().scrollTo(index, hint)
        bar.setValue(keep)

    def _update_frozen(self) -> None:
        frame = self.frameWidth()
        self.frozen.setGeometry(
            self.verticalHeader().width() + frame,
            frame,
            self.columnWidth(0),
            self.viewport().height() + self.horizontalHeader().height(),
        )
        self.frozen.horizontalHeader().setFixedHeight(self.horizontalHeader().height())
        self.frozen.verticalHeader().setDefaultSectionSize(
            self.verticalHeader().defaultSectionSize()
        )


class TotalsBar(QWidget):
    """合计: the sums of the shown projects, painted under their columns."""

    def __init__(self, table: FrozenTableView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._table = table
        self.sums: dict[str, Decimal] = {}
        self.count = 0
        self.setFixedHeight(table.verticalHeader().defaultSectionSize() + 6)
        header = table.horizontalHeader()
        header.sectionResized.connect(self.update)
        header.sectionMoved.connect(self.update)
        table.horizontalScrollBar().valueChanged.connect(self.update)
        self._bold = QFont(self.font())
        self._bold.setBold(True)

    def show_totals(self, sums: dict[str, Decimal], count: int) -> None:
        """Show new sums."""
        self.sums, self.count = sums, count
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt's name
        """One cell per summed column, aligned with the table's columns."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#eef1f5"))
        painter.setPen(QColor("#c7ccd4"))
        painter.drawLine(0, 0, self.width(), 0)
        painter.setFont(self._bold)
        painter.setPen(QColor("#1f2937"))
        header = self._table.horizontalHeader()
        offset = self._table.frameWidth() + self._table.verticalHeader().width()
        frozen = self._table.columnWidth(0)
        painter.setClipRect(QRect(offset + frozen, 0, self.width(), self.height()))
        for column, spec in enumerate(COLUMNS):
            if spec.summed_from is None or self._table.isColumnHidden(column):
                continue
            x = offset + header.sectionViewportPosition(column)
            cell = QRect(x, 0, header.sectionSize(column) - 6, self.height())
            painter.drawText(
                cell,
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                amount_text(self.sums.get(spec.key, Decimal(0))) or "0",
            )
        painter.setClipping(False)
        painter.drawText(
            QRect(offset + 6, 0, frozen - 6, self.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            f"合计（{self.count} 个项目，万元）",
        )


class ProjectTable(QWidget):
    """The table, its footer and the column chooser (right-click the header)."""

    hidden_changed = Signal(list)  # keys of hidden columns

    def __init__(self, model: ProjectsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = FrozenTableView()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(26)
        # No sort until the clerk clicks a header: the lists' own order (附表1, 2 …) first.
        for header in (self.view.horizontalHeader(), self.view.frozen.horizontalHeader()):
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.setModel(model)
        for column, spec in enumerate(COLUMNS):
            width = WIDTHS.get(spec.key, 120 if spec.kind == "amount" else 90)
            self.view.setColumnWidth(column, width)
        self.view.frozen.setColumnWidth(0, WIDTHS["name"])
        header = self.view.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self.choose_columns)
        self.footer = TotalsBar(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.footer)

    def set_hidden(self, keys: list[str]) -> None:
        """Hide the columns named by `keys` (the name column always shows)."""
        for column, spec in enumerate(COLUMNS):
            self.view.setColumnHidden(column, column > 0 and spec.key in keys)
        self.footer.update()

    def hidden(self) -> list[str]:
        """Keys of the hidden columns."""
        return [s.key for c, s in enumerate(COLUMNS) if self.view.isColumnHidden(c)]

    def choose_columns(self, at: QPoint) -> QMenu:
        """The column chooser: tick the columns to show."""
        menu = QMenu(self)
        for column, spec in enumerate(COLUMNS[1:], start=1):
            action = QAction(spec.title, menu)
            action.setCheckable(True)
            action.setChecked(not self.view.isColumnHidden(column))
            action.toggled.connect(self._toggler(column))
            menu.addAction(action)
        menu.addSeparator()
        reset = menu.addAction("恢复默认列")
        reset.triggered.connect(lambda: self._set_and_tell(list(DEFAULT_HIDDEN)))
        if at is not None and self.isVisible():
            menu.popup(self.view.horizontalHeader().mapToGlobal(at))
        return menu

    def _toggler(self, column: int) -> Callable[[bool], None]:
        def toggle(shown: bool) -> None:
            self.view.setColumnHidden(column, not shown)
            self.footer.update()
            self.hidden_changed.emit(self.hidden())

        return toggle

    def _set_and_tell(self, keys: list[str]) -> None:
        self.set_hidden(keys)
        self.hidden_changed.emit(self.hidden())

    def show_totals(self) -> None:
        """Sum what the model shows now."""
        self.footer.show_totals(self.model.totals(), len(self.model.rows))
