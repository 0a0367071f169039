"""Schedule projects' milestones from the database: bulk for the chart, one project after edits."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from app.infra.errors import UserError
from app.schedule.calendar import HolidayTable
from app.schedule.engine import Link, Schedule, Task, schedule
from app.schedule.holidays import calendar_for, load_holiday_table
from db.enums import CalendarKind, MilestoneState
from db.models import Milestone, MilestoneDependency, MilestoneTemplate, Project


def load_schedules(
    session: Session,
    today: dt.date,
    project_ids: Iterable[int] | None = None,
    holidays: HolidayTable | None = None,
) -> dict[int, Schedule]:
    """Run the engine for every (or the given) project, with three queries in all."""
    ids = None if project_ids is None else set(project_ids)
    holidays = holidays if holidays is not None else load_holiday_table(session)
    calendars = {
        row.id: row.calendar
        for row in session.execute(select(Project.id, Project.calendar))
        if ids is None or row.id in ids
    }
    tasks: dict[int, list[Task]] = defaultdict(list)
    query = select(
        Milestone.id,
        Milestone.project_id,
        Milestone.name,
        Milestone.duration_days,
        Milestone.target_date,
        Milestone.actual_start,
        Milestone.actual_finish,
        Milestone.state,
    )
    for row in session.execute(query):
        if row.project_id not in calendars:
            continue
        done_on = row.actual_finish if row.state is MilestoneState.DONE else None
        tasks[row.project_id].append(
            Task(row.id, row.name, row.duration_days, row.target_date, row.actual_start, done_on)
        )
    links: dict[int, list[Link]] = defaultdict(list)
    successor = aliased(Milestone)
    dependency_rows = session.execute(
        select(
            MilestoneDependency.predecessor_id,
            MilestoneDependency.successor_id,
            MilestoneDependency.lag_days,
            successor.project_id,
        ).join(successor, successor.id == MilestoneDependency.successor_id)
    )
    for pred, succ, lag, project_id in dependency_rows:
        if project_id in calendars:
            links[project_id].append(Link(pred, succ, lag))
    working = calendar_for(CalendarKind.WORKING, holidays)  # built once, shared
    plain = calendar_for(CalendarKind.CALENDAR, holidays)
    return {
        project_id: schedule(
            tasks[project_id],
            links[project_id],
            working if kind is CalendarKind.WORKING else plain,
            today,
        )
        for project_id, kind in calendars.items()
    }


def reschedule_project(session: Session, project_id: int, today: dt.date) -> Schedule:
    """Recompute one project and store each milestone's latest dates as its planned dates.

    A milestone no target constrains keeps its earliest dates, so it can still be drawn.
    """
    result = load_schedules(session, today, [project_id])[project_id]
    for milestone in session.scalars(select(Milestone).where(Milestone.project_id == project_id)):
        timing = result.timings[milestone.id]
        milestone.planned_start = timing.latest_start or timing.earliest_start
        milestone.planned_finish = timing.latest_finish or timing.earliest_finish
    return result


def apply_template(
    session: Session,
    project_id: int,
    template_id: int,
    target: dt.date,
    today: dt.date,
    *,
    replace: bool = False,
) -> Schedule:
    """Give a project the template's milestones, chained, the last due by `target`; lay them out.

    Commits. A project that already has milestones keeps them unless `replace` is set.
    """
    project = session.get(Project, project_id)
    template = session.get(MilestoneTemplate, template_id)
    if project is None or template is None:
        raise UserError("项目或节点模板不存在（可能已被删除）。")
    if not template.steps:
        raise UserError(f"节点模板「{template.name}」还没有任何节点。")
    existing = list(session.scalars(select(Milestone).where(Milestone.project_id == project_id)))
    if existing and not replace:
        raise UserError(
            f"项目「{project.name}」已有 {len(existing)} 个节点。套用模板会替换它们，请先确认。"
        )
    for milestone in existing:
        session.delete(milestone)
    session.flush()
    previous: Milestone | None = None
    for position, step in enumerate(template.steps, start=1):
        milestone = Milestone(
            project_id=project_id,
            seq=position,
            name=step.name,
            kind=step.kind,
            duration_days=step.duration_days,
            state=MilestoneState.NOT_STARTED,
            target_date=target if position == len(template.steps) else None,
        )
        if previous is not None:
            milestone.predecessors.append(
                MilestoneDependency(predecessor=previous, lag_days=step.lag_days)
            )
        session.add(milestone)
        previous = milestone
    session.flush()
    result = reschedule_project(session, project_id, today)
    session.commit()
    return result
