"""A page that later work fills: its title and what it will hold."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ui.shell.pages import PageSpec
from ui.widgets.page_header import page_header

if TYPE_CHECKING:
    from app.infra.database import Database


class PlaceholderPage(QWidget):
    """Shows the page title and the list of what is coming."""

    def __init__(self, spec: PageSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 20)
        layout.addWidget(page_header(spec))
        card = QFrame()
        card.setObjectName("card")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(20, 16, 20, 16)
        heading = QLabel("本页将提供：")
        heading.setObjectName("cardLabel")
        card_layout.addWidget(heading)
        for line in spec.coming:
            item = QLabel(f"•  {line}")
            item.setWordWrap(True)
            item.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            card_layout.addWidget(item)
        layout.addWidget(card)
        layout.addStretch(1)

    def set_database(self, database: Database | None) -> None:
        """Nothing to show yet."""
