"""A year and a month, picked with a spin box and a combo (月度填报, 下发填报表)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSpinBox, QWidget


class MonthPicker(QWidget):
    """Emits `changed` when the clerk picks another month (not when `set_month` is called)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        today = dt.date.today()
        self.year_box = QSpinBox()
        self.year_box.setRange(2000, 2100)
        self.year_box.setValue(today.year)
        self.year_box.setSuffix(" 年")
        self.month_box = QComboBox()
        self.month_box.addItems([f"{m}月" for m in range(1, 13)])
        self.month_box.setCurrentIndex(today.month - 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.year_box)
        layout.addWidget(self.month_box)
        self.year_box.valueChanged.connect(lambda _v: self.changed.emit())
        self.month_box.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def month(self) -> tuple[int, int]:
        """(year, month) picked."""
        return self.year_box.value(), self.month_box.currentIndex() + 1

    def set_month(self, year: int, month: int) -> None:
        """Show another month, quietly."""
        for box in (self.year_box, self.month_box):
            box.blockSignals(True)
        self.year_box.setValue(year)
        self.month_box.setCurrentIndex(month - 1)
        for box in (self.year_box, self.month_box):
            box.blockSignals(False)
