"""The month the office is working on: what 月度填报, 数据交换 and 统计通报 open on."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.campaign.overview import current_campaign
from db.models import MonthlyReport


def working_month(session: Session, today: dt.date) -> tuple[int, int]:
    """This month while the campaign is under way; otherwise the latest month with reports (not
    after this month), else the campaign's last month once it has ended, else this month."""
    campaign = current_campaign(session)
    if campaign is not None and campaign.start_date <= today <= campaign.end_date:
        return today.year, today.month
    latest = session.execute(
        select(MonthlyReport.year, MonthlyReport.month)
        .where(
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
