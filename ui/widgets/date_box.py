"""A date field that keeps what the clerk typed (2026-12-10 stays 2026-12-10), with a calendar.

QDateEdit edits a date section by section: typing a whole date into it while the cursor sat in
the year section stepped the year (2026-12-10 became 2027-12-10). Here the text is the value:
it is read with `app.values.date_text.parse_date` (2026-12-10, 2026年12月10日, 20261210), and a
calendar button fills it in.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from app.infra.errors import UserError
from app.values.date_text import parse_date


class DateBox(QWidget):
    """A typed date with a calendar pop-up; `date()` reads it, `changed` follows typing."""

    changed = Signal()

    def __init__(
        self,
        day: dt.date | None = None,
        *,
        placeholder: str = "",
        field: str = "日期",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.field = field
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.line = QLineEdit()
        self.line.setPlaceholderText(placeholder or "如 2026-12-10")
        self.line.setMaxLength(20)
        self.line.setMinimumWidth(self.line.fontMetrics().horizontalAdvance("2026-12-10") + 24)
        self.button = QToolButton()
        self.button.setText("▾")
        self.button.setToolTip("从日历中选择")
        # The text is the arrow; Qt's own menu indicator beside it would be a second one.
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        menu = QMenu(self.button)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        menu.aboutToShow.connect(self._show_typed_day)
        self.button.setMenu(menu)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)
        self.line.textChanged.connect(lambda _t: self.changed.emit())
        if day is not None:
            self.set_date(day)

    def set_date(self, day: dt.date | None) -> None:
        """Show `day` (or nothing)."""
        self.line.setText(day.isoformat() if day is not None else "")

    def text(self) -> str:
        """What the field holds, as typed."""
        return self.line.text()

    def set_text(self, text: str) -> None:
        """Put text in the field as if typed."""
        self.line.setText(text)

    def date(self) -> dt.date | None:
        """The date typed, None when blank; UserError naming the field when unreadable."""
        return parse_date(self.line.text(), field=self.field)

    def date_or_none(self) -> dt.date | None:
        """The date typed, or None when blank or unreadable."""
        try:
            return self.date()
        except UserError:
            return None

    def _show_typed_day(self) -> None:
        day = self.date_or_none()
        if day is not None:
            self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def _picked(self, day: QDate) -> None:
        self.set_date(dt.date(day.year(), day.month(), day.day()))
        menu = self.button.menu()
        if menu is not None:
            menu.close()
        self.line.setFocus()
