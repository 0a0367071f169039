"""Undoable chart edits: a milestone's target date or duration (each step one operation)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ui.shell.operation import Failed
from ui.shell.undo import OperationCommand

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.schedule.milestone_edits import MilestoneDates
    from ui.shell.operation import Performer

Value = dt.date | int | None


def _setter(
    milestone_id: int, field: str, value: Value, today: dt.date
) -> Callable[[Session], Any]:
    from app.schedule.milestone_edits import set_duration, set_target

    def work(session: Session) -> MilestoneDates:
        if field == "target":
            assert value is None or isinstance(value, dt.date)
            return set_target(session, milestone_id, value, today)
        assert isinstance(value, int)
        return set_duration(session, milestone_id, value, today)

    return work


def edit_milestone(
    perform: Performer,
    milestone_id: int,
    field: str,  # "target" or "duration"
    old: Value,
    new: Value,
    today: dt.date,
    after: Callable[[MilestoneDates], None],
    text: str,
) -> OperationCommand | None:
    """Make the edit now; the command that undoes it, or None when it was refused (and said)."""
    forward = _setter(milestone_id, field, new, today)
    result = perform(forward, what=text)
    if isinstance(result, Failed):
        return None
    after(result)
    return OperationCommand(
        text, perform, forward, _setter(milestone_id, field, old, today), after=after
    )
