"""Undoable changes: each redo and undo is one operation, so the change log shows the edit and
its reversal, and every page that shows it refreshes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from ui.shell.operation import Failed

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ui.shell.operation import Performer

Work = Callable[["Session"], Any]


class OperationCommand(QUndoCommand):
    """A change that has already been made (by the operation that made it) and can be undone.

    A redo or undo that is refused (the data changed meanwhile) says why, through the
    operation, and leaves the history: the command is made obsolete.
    """

    def __init__(
        self,
        text: str,
        perform: Performer,
        forward: Work,
        backward: Work,
        after: Callable[[Any], None] | None = None,
    ) -> None:
        super().__init__(text)
        self._perform = perform
        self._forward = forward
        self._backward = backward
        self._after = after
        self._made = True  # the first redo happened before the push

    def redo(self) -> None:
        """Make the change again (skipped at the push: it was just made)."""
        if self._made:
            self._made = False
            return
        self._step(self._forward, f"重做：{self.text()}")

    def undo(self) -> None:
        """Take the change back."""
        self._step(self._backward, f"撤销：{self.text()}")

    def _step(self, work: Work, what: str) -> None:
        result = self._perform(work, what=what)
        if isinstance(result, Failed):
            self.setObsolete(True)
            return
        if self._after is not None:
            self._after(result)
