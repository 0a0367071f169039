"""Edits of one milestone from the chart or the milestone editor; each reschedules its project."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.infra.errors import UserError
from app.schedule.project_schedules import reschedule_project
from app.values.date_format import iso_date
from db.enums import MilestoneState
from db.models import Milestone


@dataclass(frozen=True)
class MilestoneDates:
    """What the clerk can change by dragging, and the planned dates that resulted."""

    target: dt.date | None
    duration: int
    planned_start: dt.date | None
    planned_finish: dt.date | None


def _milestone(session: Session, milestone_id: int) -> Milestone:
    milestone = session.get(Milestone, milestone_id)
    if milestone is None:
        raise UserError("这个节点已不存在（可能已被删除）。")
    return milestone


def snapshot(session: Session, milestone_id: int) -> MilestoneDates:
    """The milestone's target, duration and planned dates now."""
    m = _milestone(session, milestone_id)
    return MilestoneDates(m.target_date, m.duration_days, m.planned_start, m.planned_finish)


def set_target(
    session: Session, milestone_id: int, target: dt.date | None, today: dt.date
) -> MilestoneDates:
    """Set (or clear) "must finish by", reschedule the project, commit; return the result."""
    milestone = _milestone(session, milestone_id)
    milestone.target_date = target
    session.flush()
    reschedule_project(session, milestone.project_id, today)
    session.commit()
    return snapshot(session, milestone_id)


def set_duration(session: Session, milestone_id: int, days: int, today: dt.date) -> MilestoneDates:
    """Change the duration, reschedule the project, commit; return the result."""
    if days < 0:
        raise UserError(f"工期不能为负数（{days} 天）。")
    milestone = _milestone(session, milestone_id)
    milestone.duration_days = days
    session.flush()
    reschedule_project(session, milestone.project_id, today)
    session.commit()
    return snapshot(session, milestone_id)


def record_actual(
    session: Session,
    milestone_id: int,
    started: dt.date | None,
    finished: dt.date | None,
    seen: tuple[dt.date | None, dt.date | None] | None = None,
    *,
    commit: bool = True,
) -> None:
    """Record a milestone's actual dates (a unit's 填报员 may do only this); the state follows.

    Planned dates stay as they are (they are the latest dates the targets allow), so nothing but
    the actual dates and the state is written: the columns a 填报员's grant covers on a server.
    `seen` is what the clerk saw; another clerk's change since is not overwritten silently.
    """
    from app.infra.conflict_check import check_seen

    if started and finished and finished < started:
        raise UserError(f"实际完成 {iso_date(finished)} 早于实际开始 {iso_date(started)}。")
    milestone = session.get(Milestone, milestone_id, with_for_update=True, populate_existing=True)
    if milestone is None:
        raise UserError("这个节点已不存在（可能已被删除）。")
    if seen is not None:
        check_seen(
            session,
            f"节点「{milestone.name}」",
            "milestone",
            milestone_id,
            [
                ("实际开始", milestone.actual_start, seen[0], started),
                ("实际完成", milestone.actual_finish, seen[1], finished),
            ],
        )
    milestone.actual_start = started
    milestone.actual_finish = finished
    milestone.state = (
        MilestoneState.DONE if finished else
        MilestoneState.IN_PROGRESS if started else MilestoneState.NOT_STARTED
    )  # fmt: skip
    if commit:
        session.commit()


ActualDates = tuple[dt.date | None, dt.date | None]


def record_actuals(
    session: Session, changes: dict[int, tuple[ActualDates, ActualDates]]
) -> None:
    """Several milestones' actual dates in one transaction: id → (as seen, as entered)."""
    for milestone_id, (seen, entered) in changes.items():
        record_actual(session, milestone_id, *entered, seen, commit=False)
    session.commit()
