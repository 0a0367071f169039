"""The demo projects' milestones, laid out backwards from each project's key date."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy.orm import Session

from app.demo.setting import AS_OF, PROGRESS_AS_OF
from app.schedule.calendar import CalendarDays
from app.schedule.engine import Link, Task, schedule
from app.schedule.templates import DEFAULT_TEMPLATES
from db.enums import (
    MilestoneState,
    Stage,
)
from db.models import (
    Milestone,
    MilestoneDependency,
    Project,
)


def _key_date(project: Project, number: int) -> dt.date:
    """The date the template's last milestone must be reached by."""
    assert project.planned_start is not None and project.planned_finish is not None
    if number == 1:
        return project.planned_start - dt.timedelta(days=10)
    if number in (2, 3):
        return project.planned_start
    return project.planned_finish


def add_milestones(session: Session, rng: random.Random, project: Project, list_name: str) -> None:
    """Lay the list's template out backwards from the key date with the scheduling engine."""
    steps = DEFAULT_TEMPLATES[list_name]
    target = _key_date(project, project.project_list.number)
    tasks = [
        Task(seq, step.name, step.duration_days, target if seq == len(steps) else None)
        for seq, step in enumerate(steps, start=1)
    ]
    links = [Link(seq, seq + 1) for seq in range(1, len(steps))]
    timings = schedule(tasks, links, CalendarDays(), AS_OF).timings
    previous: Milestone | None = None
    for seq, step in enumerate(steps, start=1):
        milestone = Milestone(
            project=project,
            seq=seq,
            name=step.name,
            kind=step.kind,
            duration_days=step.duration_days,
            planned_start=timings[seq].latest_start,
            planned_finish=timings[seq].latest_finish,
            target_date=target if seq == len(steps) else None,
        )
        _set_progress(rng, milestone, previous)
        if previous is not None:
            milestone.predecessors.append(MilestoneDependency(predecessor=previous, lag_days=0))
        session.add(milestone)
        previous = milestone
    _set_stage_from_milestones(project, previous)


def _set_progress(rng: random.Random, milestone: Milestone, previous: Milestone | None) -> None:
    assert milestone.planned_start is not None and milestone.planned_finish is not None
    previous_done = previous is None or previous.state is MilestoneState.DONE
    if milestone.planned_finish < PROGRESS_AS_OF and previous_done and rng.random() < 0.93:
        milestone.actual_start = milestone.planned_start + dt.timedelta(days=rng.randint(-5, 5))
        finish = milestone.planned_finish + dt.timedelta(days=rng.randint(-10, 8))
        milestone.actual_finish = min(max(finish, milestone.actual_start), PROGRESS_AS_OF)
        milestone.state = MilestoneState.DONE
    elif milestone.planned_start <= PROGRESS_AS_OF and previous_done and rng.random() < 0.85:
        milestone.actual_start = min(
            milestone.planned_start + dt.timedelta(days=rng.randint(0, 10)), PROGRESS_AS_OF
        )
        milestone.state = MilestoneState.IN_PROGRESS
    else:
        milestone.state = MilestoneState.NOT_STARTED
    if previous is not None and previous.actual_finish and milestone.actual_start:
        milestone.actual_start = max(milestone.actual_start, previous.actual_finish)
        if milestone.actual_finish:
            milestone.actual_finish = max(milestone.actual_finish, milestone.actual_start)


def _set_stage_from_milestones(project: Project, last: Milestone | None) -> None:
    number = project.project_list.number
    if last is None or last.state is not MilestoneState.DONE:
        return
    if number in (2, 3):  # the last step is 开工
        project.stage = Stage.CONSTRUCTION
        project.actual_start = last.actual_finish
    elif number == 4:  # the last step is 投产
        project.stage = Stage.PRODUCTION
        project.actual_finish = last.actual_finish
    elif number == 1:
        project.stage = Stage.RESERVE
