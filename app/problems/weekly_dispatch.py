"""周调度: for one week, the problems newly raised, pushed forward, closed, and overdue.

States are read as they were at the end of the week, from the recorded transitions, so a past
week's sheet says what it said then.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.schedule.warning_colours import is_overdue
from db.enums import ProblemState
from db.models import Problem, Project, Unit


@dataclass(frozen=True)
class DispatchLine:
    """One problem as the sheet lists it."""

    problem_id: int
    project: str
    type: str
    description: str
    unit: str
    level: str
    raised_on: dt.date
    deadline: dt.date | None
    state: ProblemState
    progress: str
    closed_on: dt.date | None


@dataclass
class WeeklyDispatch:
    """The four lists of a week (Monday to Sunday)."""

    monday: dt.date
    sunday: dt.date
    new: list[DispatchLine] = field(default_factory=list)
    pushed: list[DispatchLine] = field(default_factory=list)
    closed: list[DispatchLine] = field(default_factory=list)
    overdue: list[DispatchLine] = field(default_factory=list)


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the week that holds `day`."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def weekly_dispatch(session: Session, campaign_id: int | None, day: dt.date) -> WeeklyDispatch:
    """Collect the week's lists from the history of every problem of the campaign."""
    monday, sunday = week_of(day)
    result = WeeklyDispatch(monday, sunday)
    problems = session.scalars(
        select(Problem)
        .join(Project, Problem.project_id == Project.id)
        .options(selectinload(Problem.transitions), selectinload(Problem.progress_entries))
        .where(Problem.raised_on <= sunday, Project.campaign_id == campaign_id)
        .order_by(Problem.raised_on, Problem.id)
    )
    names = dict(session.execute(select(Project.id, Project.name)).all())
    units = dict(session.execute(select(Unit.id, Unit.name)).all())
    for problem in problems:
        # Steps taken back (撤销) stay in the history as withdrawn and count for nothing.
        history = [t for t in problem.transitions if t.on <= sunday and t.withdrawn_at is None]
        if not history:
            continue
        state = history[-1].to_state
        progress = [
            p for p in problem.progress_entries if p.entry_date <= sunday and p.withdrawn_at is None
        ]
        closed_on = (
            next((t.on for t in reversed(history) if t.to_state is ProblemState.CLOSED), None)
            if state is ProblemState.CLOSED
            else None
        )
        line = DispatchLine(
            problem.id,
            names.get(problem.project_id, ""),
            problem.type.value,
            problem.description,
            units.get(problem.lead_unit_id, "") if problem.lead_unit_id else "",
            problem.level.value,
            problem.raised_on,
            problem.deadline,
            state,
            progress[-1].text if progress else "",
            closed_on,
        )
        if monday <= problem.raised_on <= sunday:
            result.new.append(line)
        if closed_on is not None and monday <= closed_on <= sunday:
            result.closed.append(line)
        elif _active_in(problem, monday, sunday):
            result.pushed.append(line)
        if is_overdue(state, problem.deadline, sunday):
            result.overdue.append(line)
    return result


def _active_in(problem: Problem, monday: dt.date, sunday: dt.date) -> bool:
    """Progress written, or a step taken (other than registering it), during the week."""
    return any(
        monday <= p.entry_date <= sunday and p.withdrawn_at is None
        for p in problem.progress_entries
    ) or any(
        monday <= t.on <= sunday and t.from_state is not None and t.withdrawn_at is None
        for t in problem.transitions
    )
