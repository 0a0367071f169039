"""Undoable changes: each redo and undo is one operation, so the change log shows the edit and
its reversal, and every page that shows it refreshes (the history itself: ui/shell/history.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from app.infra.changes import Change
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
        *,
        changes: Iterable[Change] = (),
        backup: str | None = None,
    ) -> None:
        super().__init__(text)
        self._changes = frozenset(changes)
        self._backup = backup  # risky work (a whole batch) is backed up before each step too
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
        self._step(self._forward, "重做")

    def undo(self) -> None:
        """Take the change back."""
        self._step(self._backward, "撤销")

    def _step(self, work: Work, verb: str) -> None:
        history = self._perform.bus.history
        backup = f"{verb}{self._backup}前" if self._backup else None
        history.stepping = True
        try:
            result = self._perform(
                work, what=f"{verb}：{self.text()}", changes=self._changes, backup=backup
            )
        finally:
            history.stepping = False
        if isinstance(result, Failed):
            self.setObsolete(True)
            return
        if self._after is not None:
            self._after(result)
