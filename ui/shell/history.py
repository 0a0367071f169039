"""The window's one undo history (Ctrl+Z / Ctrl+Y).

A change is made by an operation first; only then is its command (ui/shell/undo.py) pushed. Any
other change of data drops what could be redone, so a redo never replays an edit over data it has
not seen: QUndoStack drops the redo list only when a command is pushed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit


class History(QUndoStack):
    """The window's undo history; every page pushes its edits here."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stepping = False  # an undo or redo is running (its operation must not drop redo)

    def drop_redo(self) -> None:
        """Forget what could be redone: data changed outside the history."""
        if self.stepping or not self.canRedo():
            return
        # Pushing an obsolete command deletes the redo list without adding anything; Qt then
        # emits nothing, so the redo action is told here.
        marker = QUndoCommand()
        marker.setObsolete(True)
        self.push(marker)
        self.canRedoChanged.emit(False)
        self.redoTextChanged.emit("")


class FieldUndoFilter(QObject):
    """Lets Ctrl+Z / Ctrl+Y reach the window's history when the focused text field has nothing
    of its own to undo or redo.

    A line edit claims those keys even when empty, so after 推进 (the line cleared) Ctrl+Z did
    nothing; while the clerk is typing, the field still undoes its own typing first.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        """Pass the keys on to the window when the field cannot use them."""
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        if event.matches(QKeySequence.StandardKey.Undo):
            available = _field_can(watched, undo=True)
        elif event.matches(QKeySequence.StandardKey.Redo) or (
            event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier
        ):
            available = _field_can(watched, undo=False)
        else:
            return False
        if available is False:
            event.ignore()
            return True
        return False


def _field_can(widget: QObject, *, undo: bool) -> bool | None:
    """Whether a text field can undo (or redo) its own typing; None for other widgets."""
    if isinstance(widget, QLineEdit):
        return widget.isUndoAvailable() if undo else widget.isRedoAvailable()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        document = widget.document()
        return document.isUndoAvailable() if undo else document.isRedoAvailable()
    return None
