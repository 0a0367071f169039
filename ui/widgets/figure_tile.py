"""A headline figure as a tile: the value large, what it is below, a note; optionally clickable."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

AHEAD, BEHIND = "#2e7d32", "#c62828"


def target_note(percent: Decimal | None) -> str:
    """ "目标 60%" under a rate, or nothing when the campaign sets no target."""
    return "" if percent is None else f"目标 {percent.normalize():f}%"


def target_colour(meets: bool | None) -> str | None:
    """Green when the target is met, red when not, plain when there is nothing to compare."""
    return None if meets is None else (AHEAD if meets else BEHIND)


class FigureTile(QFrame):
    """Value, caption and note; emits `clicked` on a click or Enter/Space when clickable."""

    clicked = Signal()

    def __init__(
        self,
        caption: str,
        *,
        clickable: bool = False,
        compact: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self._clickable = clickable
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(2)
        self.value_label = QLabel("…")
        self.value_label.setObjectName("tileValue" if compact else "cardValue")
        self.caption_label = QLabel(caption)
        self.caption_label.setObjectName("cardLabel")
        self.caption_label.setWordWrap(True)
        self.note_label = QLabel()
        self.note_label.setObjectName("cardNote")
        self.note_label.setWordWrap(True)
        self.note_label.setVisible(False)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)
        layout.addWidget(self.note_label)
        if clickable:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def set_value(self, value: str, note: str = "", colour: str | None = None) -> None:
        """Show `value` (coloured when given) and an optional note under the caption."""
        self.value_label.setText(value)
        self.value_label.setStyleSheet(f"color: {colour};" if colour else "")
        self.note_label.setText(note)
        self.note_label.setVisible(bool(note))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # Qt's name
        """A click opens what is behind the figure."""
        if self._clickable and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt's name
        """Enter or Space on a focused tile opens it too."""
        if self._clickable and event.key() in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
            Qt.Key.Key_Space,
        ):
            self.clicked.emit()
            return
        super().keyPressEvent(event)
