"""总览 今日待办: overdue problems, problems due this week, milestones late or due this week, and
the units with the most overdue problems."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.values.date_format import chinese_month_day
from db.enums import MilestoneState, ProblemState
from db.models import Milestone, Problem, Project, Unit

UNFINISHED = (ProblemState.OPEN, ProblemState.IN_HAND, ProblemState.ON_HOLD)


@dataclass(frozen=True)
class TodoItem:
    """One line of the panel; `target` says what opening it shows."""

    target: str  # "problem", "project" or "unit"
    id: int
    text: str


@dataclass
class TodayTodo:
    """The panel's lists, most urgent first."""

    today: dt.date
    overdue_problems: list[TodoItem] = field(default_factory=list)
    problems_due: list[TodoItem] = field(default_factory=list)
    late_milestones: list[TodoItem] = field(default_factory=list)
    milestones_due: list[TodoItem] = field(default_factory=list)
    units: list[TodoItem] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)


def today_todo(
    session: Session, campaign_id: int | None, today: dt.date, limit: int = 6
) -> TodayTodo:
    """What needs chasing in the campaign as of `today` (lists cut to `limit`; totals give the
    full counts)."""
    sunday = today + dt.timedelta(days=6 - today.weekday())
    result = TodayTodo(today)
    names = dict(
        session.execute(
            select(Project.id, Project.name).where(
                Project.campaign_id == campaign_id, Project.deleted_at.is_(None)
            )
        ).all()
    )
    units = dict(session.execute(select(Unit.id, Unit.name)).all())
    overdue, due, late_units = _problems(session, names, today, sunday)
    late, coming = _milestones(session, names, today, sunday)
    result.overdue_problems, result.problems_due = overdue[:limit], due[:limit]
    result.late_milestones, result.milestones_due = late[:limit], coming[:limit]
    result.units = [
        TodoItem("unit", unit_id, f"{units.get(unit_id, '')}：逾期问题 {count} 个")
        for unit_id, count in late_units.most_common(limit)
    ]
    result.totals = {
        "overdue_problems": len(overdue),
        "problems_due": len(due),
        "late_milestones": len(late),
        "milestones_due": len(coming),
    }
    return result


def _problems(
    session: Session, names: dict[int, str], today: dt.date, sunday: dt.date
) -> tuple[list[TodoItem], list[TodoItem], Counter[int]]:
    """Unfinished problems overdue and due by Sunday, and each unit's count of overdue ones."""
    open_problems = session.execute(
        select(
            Problem.id,
            Problem.project_id,
            Problem.description,
            Problem.deadline,
            Problem.lead_unit_id,
        )
        .where(
            Problem.state.in_(UNFINISHED), Problem.deadline.is_not(None), Problem.deadline <= sunday
        )
        .order_by(Problem.deadline, Problem.id)
    ).all()
    late_units: Counter[int] = Counter()
    overdue, due = [], []
    for pid, project_id, text, deadline, unit_id in open_problems:
        if deadline is None:  # excluded by the query; says so to the type checker
            continue
        if project_id not in names:  # another campaign's, or in the 回收站
            continue
        if deadline < today:
            overdue.append(
                TodoItem(
                    "problem",
                    pid,
                    f"{names.get(project_id, '')}：{text}（逾期 {(today - deadline).days} 天）",
                )
            )
            if unit_id:
                late_units[unit_id] += 1
        else:
            due.append(
                TodoItem(
                    "problem",
                    pid,
                    f"{names.get(project_id, '')}：{text}（{chinese_month_day(deadline)}到期）",
                )
            )
    return overdue, due, late_units


def _milestones(
    session: Session, names: dict[int, str], today: dt.date, sunday: dt.date
) -> tuple[list[TodoItem], list[TodoItem]]:
    """Unfinished milestones late and due by Sunday."""
    milestones = session.execute(
        select(Milestone.project_id, Milestone.name, Milestone.planned_finish)
        .where(Milestone.state != MilestoneState.DONE, Milestone.planned_finish <= sunday)
        .order_by(Milestone.planned_finish)
    ).all()
    late, coming = [], []
    for project_id, name, finish in milestones:
        if project_id not in names or finish is None:
            continue
        if finish < today:
            late.append(
                TodoItem(
                    "project",
                    project_id,
                    f"{names[project_id]} · {name}（晚 {(today - finish).days} 天）",
                )
            )
        else:
            coming.append(
                TodoItem(
                    "project",
                    project_id,
                    f"{names[project_id]} · {name}（{chinese_month_day(finish)}到期）",
                )
            )
    return late, coming
