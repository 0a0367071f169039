"""The month the office is working on: what 月度填报, 数据交换 and 统计通报 open on."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Campaign, MonthlyReport, Project


def working_month(session: Session, campaign_id: int | None, today: dt.date) -> tuple[int, int]:
    """This month while the campaign is under way, its first month before it starts; otherwise
    its latest month with reports (not after this month), else its last month once it has ended,
    else this month."""
    campaign = session.get(Campaign, campaign_id) if campaign_id is not None else None
    if campaign is not None and campaign.start_date <= today <= campaign.end_date:
        return today.year, today.month
    if campaign is not None and today < campaign.start_date:
        return campaign.start_date.year, campaign.start_date.month  # set up ahead of its start
    latest = session.execute(
        select(MonthlyReport.year, MonthlyReport.month)
        .join(Project, MonthlyReport.project_id == Project.id)
        .where(
            Project.campaign_id == campaign_id,
            (MonthlyReport.year < today.year)
            | ((MonthlyReport.year == today.year) & (MonthlyReport.month <= today.month))
        )
        .order_by(MonthlyReport.year.desc(), MonthlyReport.month.desc())
        .limit(1)
    ).first()
    if latest is not None:
        return int(latest[0]), int(latest[1])
    if campaign is not None and campaign.end_date < today:
        return campaign.end_date.year, campaign.end_date.month
    return today.year, today.month
