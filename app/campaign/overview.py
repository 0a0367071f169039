"""A small summary of an open database: its campaign, list sizes and problem states."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.enums import ProblemState
from db.models import Campaign, Problem, Project, ProjectList


@dataclass
class CampaignSummary:
    """What the status bar and the overview show before the real statistics exist."""

    campaign_name: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    projects: int = 0
    per_list: list[tuple[str, int]] = field(default_factory=list)
    problems: dict[ProblemState, int] = field(default_factory=dict)


def current_campaign(session: Session) -> Campaign | None:
    """The campaign that ends last: the one an office is working on."""
    return session.scalars(select(Campaign).order_by(Campaign.end_date.desc()).limit(1)).first()


def summarise(session: Session) -> CampaignSummary:
    """Count projects per list of the current campaign and problems per state."""
    campaign = current_campaign(session)
    if campaign is None:
        return CampaignSummary()
    rows = session.execute(
        select(ProjectList.name, func.count(Project.id))
        .outerjoin(Project, (Project.list_id == ProjectList.id) & Project.deleted_at.is_(None))
        .where(ProjectList.campaign_id == campaign.id)
        .group_by(ProjectList.id, ProjectList.name, ProjectList.number)
        .order_by(ProjectList.number)
    ).all()
    per_list = [(name, count) for name, count in rows]
    problems = {
        state: count
        for state, count in session.execute(
            select(Problem.state, func.count(Problem.id)).group_by(Problem.state)
        ).all()
    }
    return CampaignSummary(
        campaign.name,
        campaign.start_date,
        campaign.end_date,
        sum(count for _, count in per_list),
        per_list,
        problems,
    )
