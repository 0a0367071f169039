"""The left navigation bar: one checkable button per page, Ctrl+1 … Ctrl+8 to jump."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QButtonGroup, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from app import APP_NAME


class Sidebar(QWidget):
    """Navigation between the main pages."""

    page_chosen = Signal(str)

    def __init__(self, pages: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFixedWidth(168)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 12)
        layout.setSpacing(2)
        title = QLabel(APP_NAME)
        title.setObjectName("sidebarTitle")
        layout.addWidget(title)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._buttons: dict[str, QPushButton] = {}
        for index, (key, text) in enumerate(pages, start=1):
            button = QPushButton()
            button.setText(text)
            button.setCheckable(True)
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setToolTip(f"{text}（Ctrl+{index}）")
            button.setShortcut(QKeySequence(f"Ctrl+{index}"))
            button.setObjectName(f"nav_{key}")
            button.clicked.connect(lambda _checked=False, k=key: self.page_chosen.emit(k))
            self._group.addButton(button)
            self._buttons[key] = button
            layout.addWidget(button)
        layout.addStretch(1)

    def select(self, key: str) -> None:
        """Mark `key` as the current page (without emitting page_chosen)."""
        self._buttons[key].setChecked(True)

    def button(self, key: str) -> QPushButton:
        """The button of a page (tests click it)."""
        return self._buttons[key]
