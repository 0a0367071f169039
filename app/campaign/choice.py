"""Which campaign a window or a command works on: the campaigns of a database and the default.

A database holds one campaign per year or push (攻坚行动); the window shows one at a time. The
choice is the window's (a preference) or a command's (`--campaign`); services take the chosen
campaign's id as an argument and never guess it themselves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.infra.errors import UserError
from db.models import Campaign, Project


@dataclass(frozen=True)
class CampaignRow:
    """One campaign as the switcher lists it."""

    id: int
    name: str
    start: dt.date
    end: dt.date
    projects: int

    @property
    def label(self) -> str:
        """Name and period, as the switcher and the status bar show it."""
        start, end = self.start, self.end
        return f"{self.name}（{start.year}年{start.month}月—{end.year}年{end.month}月）"


def campaign_rows(session: Session) -> list[CampaignRow]:
    """Every campaign, the latest first, with its number of projects (not in the 回收站)."""
    counts = dict(
        session.execute(
            select(Project.campaign_id, func.count(Project.id))
            .where(Project.deleted_at.is_(None))
            .group_by(Project.campaign_id)
        ).all()
    )
    return [
        CampaignRow(c.id, c.name, c.start_date, c.end_date, counts.get(c.id, 0))
        for c in session.scalars(
            select(Campaign).order_by(Campaign.end_date.desc(), Campaign.id.desc())
        )
    ]


def campaign_row(session: Session, campaign_id: int | None) -> CampaignRow | None:
    """One campaign as the switcher shows it, or None."""
    return next((row for row in campaign_rows(session) if row.id == campaign_id), None)


def latest_campaign(session: Session) -> Campaign | None:
    """The campaign that ends last: the default when nothing was chosen."""
    return session.scalars(
        select(Campaign).order_by(Campaign.end_date.desc(), Campaign.id.desc()).limit(1)
    ).first()


def resolve_campaign(session: Session, wanted: int | None) -> Campaign | None:
    """The campaign `wanted` if it still exists, else the latest (None in an empty database)."""
    if wanted is not None:
        found = session.get(Campaign, wanted)
        if found is not None:
            return found
    return latest_campaign(session)


def campaign_named(session: Session, name: str | None) -> Campaign | None:
    """The campaign a command names (`--campaign`), or the latest when none is named.

    A name may be given in full or by a part that only one campaign contains ("2025").
    """
    if not name:
        return latest_campaign(session)
    exact = session.scalar(select(Campaign).where(Campaign.name == name))
    if exact is not None:
        return exact
    found = [c for c in session.scalars(select(Campaign)) if name in c.name]
    if len(found) == 1:
        return found[0]
    names = "、".join(f"「{c.name}」" for c in session.scalars(select(Campaign)))
    if not found:
        raise UserError(f"没有名为「{name}」的攻坚行动。数据库中有：{names or '（无）'}。")
    raise UserError(f"「{name}」对应多个攻坚行动：{names}。请写出完整名称。")
