"""A small summary of the chosen campaign: its period, list sizes and today's problems."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.schedule.warning_colours import is_overdue
from db.enums import ProblemState
from db.models import Campaign, Problem, Project, ProjectList

FINISHED = (ProblemState.SOLVED, ProblemState.CLOSED)


@dataclass
class CampaignSummary:
    """What the status bar and the overview show before the month's statistics are read."""

    campaign_name: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    projects: int = 0
    per_list: list[tuple[str, int]] = field(default_factory=list)
    problems: dict[ProblemState, int] = field(default_factory=dict)
    today: dt.date | None = None
    open_problems: int = 0  # not solved or closed today
    overdue_problems: int = 0  # past the deadline and not solved today
    open_problem_ids: frozenset[int] = frozenset()


def summarise(
    session: Session, campaign_id: int | None, today: dt.date | None = None
) -> CampaignSummary:
    """Count projects per list of the chosen campaign, and its problems as they stand today."""
    campaign = session.get(Campaign, campaign_id) if campaign_id is not None else None
    if campaign is None:
        return CampaignSummary()
    today = today or dt.date.today()
    rows = session.execute(
        select(ProjectList.name, func.count(Project.id))
        .outerjoin(Project, (Project.list_id == ProjectList.id) & Project.deleted_at.is_(None))
        .where(ProjectList.campaign_id == campaign.id)
        .group_by(ProjectList.id, ProjectList.name, ProjectList.number)
        .order_by(ProjectList.number)
    ).all()
    per_list = [(name, count) for name, count in rows]
    problems: dict[ProblemState, int] = {}
    open_ids: set[int] = set()
    overdue = 0
    for problem_id, state, deadline in session.execute(
        select(Problem.id, Problem.state, Problem.deadline)
        .join(Project, Problem.project_id == Project.id)
        .where(Project.campaign_id == campaign.id, Project.deleted_at.is_(None))
    ):
        problems[state] = problems.get(state, 0) + 1
        if state not in FINISHED:
            open_ids.add(problem_id)
        overdue += is_overdue(state, deadline, today)
    return CampaignSummary(
        campaign.name,
        campaign.start_date,
        campaign.end_date,
        sum(count for _, count in per_list),
        per_list,
        problems,
        today,
        len(open_ids),
        overdue,
        frozenset(open_ids),
    )
