"""Taking a problem step back (撤销) and making it again (重做), kept in the problem's history.

A step is one workflow call (推进, 解决, 销号, 上报协调, 暂缓 …): the records it added and the
problem's own fields before and after it. Taking it back restores the fields and marks its records
withdrawn, with when and by whom: they stay in the 办理过程, shown as withdrawn, and every reader of
the history leaves them out. Making it again clears the marks. Both are refused, with the reason,
when the problem has changed since. A problem just registered is taken back whole (its rows copied,
so 重做 brings it back under the same id).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.infra.errors import UserError
from app.infra.row_copies import RowCopy, copy_row, restore_row
from db.models import (
    Problem,
    ProblemEscalation,
    ProblemProgress,
    ProblemTransition,
    Supervision,
    Unit,
)

_FIELDS = ("state", "level", "hold_reason", "solved_on", "closed_on", "closed_confirmed_by")
_RECORDS: dict[str, type[ProblemProgress | ProblemTransition | ProblemEscalation]] = {
    "problem_progress": ProblemProgress,
    "problem_transition": ProblemTransition,
    "problem_escalation": ProblemEscalation,
}
Fields = tuple[Any, ...]
Record = ProblemProgress | ProblemTransition | ProblemEscalation


@dataclass(frozen=True)
class ProblemStep:
    """What one workflow call did to a problem."""

    problem_id: int
    records: tuple[tuple[str, int], ...]  # (table, id) of the records it added
    before: Fields
    after: Fields


@dataclass(frozen=True)
class ProblemCopy:
    """A registered problem with everything it owns, as it was when taken back."""

    problem: RowCopy
    records: tuple[RowCopy, ...]
    cooperating_unit_ids: tuple[int, ...]


def _problem(session: Session, problem_id: int) -> Problem:
    problem = session.get(Problem, problem_id)
    if problem is None:
        raise UserError("这个问题已不存在（可能已被删除）。")
    return problem


def _fields(problem: Problem) -> Fields:
    return tuple(getattr(problem, name) for name in _FIELDS)


def _records(problem: Problem) -> list[ProblemProgress | ProblemTransition | ProblemEscalation]:
    return [*problem.progress_entries, *problem.transitions, *problem.escalations]


def _keys(problem: Problem) -> set[tuple[str, int]]:
    return {(record.__tablename__, record.id) for record in _records(problem)}


def take_step(session: Session, problem_id: int, call: Callable[[Session], object]) -> ProblemStep:
    """Run one workflow call on the problem (it commits) and note what it did."""
    problem = _problem(session, problem_id)
    before, known = _fields(problem), _keys(problem)
    call(session)
    problem = _problem(session, problem_id)
    added = tuple(sorted(_keys(problem) - known))
    return ProblemStep(problem_id, added, before, _fields(problem))


def _label(problem: Problem) -> str:
    text = problem.description
    return text if len(text) <= 20 else text[:20] + "…"


def _check(problem: Problem, expected: Fields, verb: str) -> None:
    if _fields(problem) != expected:
        raise UserError(
            f"问题「{_label(problem)}」此后又有变化（现为“{problem.state.value}”，"
            f"{problem.level.value}），不能{verb}这一步；请在问题台账中直接处理。"
        )


def _step_records(
    session: Session, step: ProblemStep
) -> list[ProblemProgress | ProblemTransition | ProblemEscalation]:
    found = []
    for table, record_id in step.records:
        record = cast(Record | None, session.get(_RECORDS[table], record_id))
        if record is None or record.problem_id != step.problem_id:
            raise UserError("这一步的办理记录已不存在，无法撤销或重做。")
        found.append(record)
    return found


def withdraw_step(session: Session, step: ProblemStep) -> Problem:
    """撤销: the fields as before the step, its records kept in the history as withdrawn."""
    problem = _problem(session, step.problem_id)
    _check(problem, step.after, "撤销")
    records = _step_records(session, step)
    if any(record.withdrawn_at is not None for record in records):
        raise UserError("这一步已经撤销过了。")
    now = dt.datetime.now().replace(microsecond=0)
    operator = session.info.get("operator")
    for record in records:
        record.withdrawn_at = now
        record.withdrawn_by = str(operator) if operator else None
    for name, value in zip(_FIELDS, step.before, strict=True):
        setattr(problem, name, value)
    session.commit()
    return problem


def reinstate_step(session: Session, step: ProblemStep) -> Problem:
    """重做: the step's records count again and the fields are as the step left them."""
    problem = _problem(session, step.problem_id)
    _check(problem, step.before, "重做")
    records = _step_records(session, step)
    for record in records:
        record.withdrawn_at = None
        record.withdrawn_by = None
    for name, value in zip(_FIELDS, step.after, strict=True):
        setattr(problem, name, value)
    session.commit()
    return problem


def remove_new_problem(session: Session, problem_id: int) -> ProblemCopy:
    """Take a registration back: the problem and its records go (copied for 重做).

    Refused once the problem has been worked on (a step that still counts, or a 督办).
    """
    problem = _problem(session, problem_id)
    live = [r for r in _records(problem) if r.withdrawn_at is None]
    registration = [r for r in live if isinstance(r, ProblemTransition) and r.from_state is None]
    if len(live) > len(registration):
        raise UserError(f"问题「{_label(problem)}」登记后已有办理记录，不能撤销登记。")
    supervised = session.scalar(select(Supervision.id).where(Supervision.problem_id == problem_id))
    if supervised is not None:
        raise UserError(f"问题「{_label(problem)}」已列入督办，不能撤销登记。")
    copy = ProblemCopy(
        copy_row(problem),
        tuple(copy_row(record) for record in _records(problem)),
        tuple(unit.id for unit in problem.cooperating_units),
    )
    session.delete(problem)
    session.commit()
    return copy


def restore_problem(session: Session, copy: ProblemCopy) -> Problem:
    """Bring a problem taken back by `remove_new_problem` back under its own id."""
    if session.get(Problem, copy.problem.id) is not None:
        raise UserError("这个问题已经存在。")
    problem = restore_row(session, copy.problem)
    problem.cooperating_units = [
        unit for unit in (session.get(Unit, i) for i in copy.cooperating_unit_ids) if unit
    ]
    session.flush()
    for record in copy.records:
        restore_row(session, record)
    session.commit()
    return problem
