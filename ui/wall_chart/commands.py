"""Undoable chart edits: each redo/undo is one service call, so the change log stays true."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from app.infra.database import Database
    from app.schedule.milestone_edits import MilestoneDates


class MilestoneEdit(QUndoCommand):
    """Set a milestone's target date or duration; undo sets the old value back."""

    def __init__(
        self,
        database: Database,
        milestone_id: int,
        field: str,  # "target" or "duration"
        old: dt.date | int | None,
        new: dt.date | int | None,
        today: dt.date,
        after: Callable[[MilestoneDates], None],
        text: str,
    ) -> None:
        super().__init__(text)
        self._database = database
        self._milestone_id = milestone_id
        self._field = field
        self._old, self._new = old, new
        self._today = today
        self._after = after

    def _apply(self, value: dt.date | int | None) -> None:
        from app.schedule.milestone_edits import set_duration, set_target

        with self._database.sessions() as session:
            if self._field == "target":
                assert value is None or isinstance(value, dt.date)
                result = set_target(session, self._milestone_id, value, self._today)
            else:
                assert isinstance(value, int)
                result = set_duration(session, self._milestone_id, value, self._today)
        self._after(result)

    def redo(self) -> None:
        """Apply the new value; a refused edit says why and leaves the undo history."""
        from app.infra.errors import UserError
        from ui.shell.crash import show_user_error

        try:
            self._apply(self._new)
        except UserError as exc:
            self.setObsolete(True)  # QUndoStack drops an obsolete command after redo
            show_user_error(None, exc)

    def undo(self) -> None:
        """Put the old value back."""
        self._apply(self._old)
