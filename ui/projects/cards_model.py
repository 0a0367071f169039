"""The projects shown on the card wall and in the table: filtered and sorted in Python.

One model feeds both views (column 0 carries the whole card for the card delegate). A keystroke in
the search box re-tests only the text on the rows the other conditions passed, as the ledger does.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.projects.cards import COLUMNS, ProjectCard, sort_key, totals
from app.projects.filter import FilterFields, ProjectFilter
from app.schedule.warning_colours import Colour, ColourNaming, colour_hex, colour_label
from app.search.filtered_rows import FilteredRows
from app.values.amount_text import amount_text
from app.values.date_format import iso_date

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
CARD_ROLE = Qt.ItemDataRole.UserRole + 1
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTRE = int(Qt.AlignmentFlag.AlignCenter)


def cell_text(kind: str, value: object, naming: ColourNaming) -> str:
    """How a value shows in a table cell."""
    if value is None:
        return ""
    if isinstance(value, Colour):
        return colour_label(value, naming)
    if kind == "amount" and isinstance(value, Decimal):
        return amount_text(value)
    if kind == "percent":
        return f"{value}%"
    if isinstance(value, dt.date):
        return iso_date(value)
    return str(value)


def _texts(card: ProjectCard) -> tuple[str, ...]:
    return card.filter_fields.search_texts


def _fields(card: ProjectCard) -> FilterFields:
    return card.filter_fields


class ProjectsModel(QAbstractTableModel):
    """All cards kept; `rows` is what the filter passes, in the chosen order."""

    def __init__(self) -> None:
        super().__init__()
        self._cards: FilteredRows[ProjectCard] = FilteredRows(_texts, ProjectFilter(), _fields)
        self.naming = ColourNaming.RED_YELLOW_GREEN
        self._brushes: dict[Colour, QBrush] = {}
        self._totals: dict[str, Decimal] | None = None
        self.modelAboutToBeReset.connect(self._forget_totals)

    def _forget_totals(self) -> None:
        self._totals = None

    @property
    def rows(self) -> list[ProjectCard]:
        """The projects shown, in order."""
        return self._cards.rows

    @property
    def all_cards(self) -> list[ProjectCard]:
        """Every project loaded."""
        return self._cards.all_rows

    def set_cards(
        self, cards: list[ProjectCard], naming: ColourNaming, project_filter: ProjectFilter
    ) -> None:
        """New data (after a load or an edit) and filter, in one rebuild."""
        self.naming = naming
        self._brushes = {c: QBrush(QColor(colour_hex(c, naming))) for c in Colour}
        self.beginResetModel()
        self._cards.set_rows(cards, project_filter)
        self.endResetModel()

    def set_filter(self, project_filter: ProjectFilter) -> None:
        """Show what the filter accepts (a keystroke re-tests only the text)."""
        self.beginResetModel()
        self._cards.set_filter(project_filter)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in Python (a proxy model calls data() far too often, see ARCHITECTURE.md)."""
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        self._cards.order(sort_key(COLUMNS[column]), order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()

    def totals(self) -> dict[str, Decimal]:
        """合计 of the shown projects (kept until the shown set changes; a sort keeps it)."""
        if self._totals is None:
            self._totals = totals(self.rows)
        return self._totals

    def row_of(self, project_id: int) -> int | None:
        """Visible position of a project."""
        return next((i for i, c in enumerate(self.rows) if c.id == project_id), None)

    # ----- Qt ------------------------------------------------------------------------------
    def rowCount(self, parent: Index = ROOT) -> int:  # Qt's name
        """Shown projects."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # Qt's name
        """Every project field."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # Qt's name
        """Column titles (amounts are in 万元, as the 合计 row says)."""
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section].title if 0 <= section < len(COLUMNS) else None
        horizontal_tip = (
            role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal
        )
        if horizontal_tip and 0 <= section < len(COLUMNS) and COLUMNS[section].kind == "amount":
            return f"{COLUMNS[section].title}（万元）"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text, the card itself, alignment and warning colour."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        card = self.rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column.key == "next" and card.next_milestone is not None:
                nxt = card.next_milestone
                late = f"逾期{-nxt.days_left}天" if nxt.days_left < 0 else f"剩{nxt.days_left}天"
                return f"{nxt.name}（{late}）"
            return cell_text(column.kind, column.value(card), self.naming)
        if role == CARD_ROLE:
            return card
        if role == Qt.ItemDataRole.ToolTipRole and column.kind == "text":
            value = column.value(card)
            return value if isinstance(value, str) and len(value) > 12 else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.kind in ("amount", "percent", "count"):
                return RIGHT
            if column.kind == "date" or column.key in ("stage", "level", "warning", "nature"):
                return CENTRE
        if role == Qt.ItemDataRole.ForegroundRole and column.key == "warning":
            return self._brushes.get(card.colour)
        return None
