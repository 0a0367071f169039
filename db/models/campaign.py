"""Campaigns (攻坚行动), their targets and their project lists (项目清单)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, Money, Percent, Versioned, check, enum_column
from db.enums import IssueNumbering, TargetKind

if TYPE_CHECKING:
    from db.models.schedule import MilestoneTemplate


class Campaign(Versioned, Base):
    """A named push with a start and end date, e.g. 百日攻坚."""

    __tablename__ = "campaign"
    __table_args__ = (check("campaign", "end_after_start", "end_date >= start_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    target_investment: Mapped[Decimal | None] = mapped_column(Money())
    notes: Mapped[str | None] = mapped_column(Text)
    # 发文单位: the office named on every printout (bulletin head, wall chart title).
    office_name: Mapped[str | None] = mapped_column(String(200))
    # 期号 of the bulletins: by calendar month, or running from `issue_start` (migration 0007).
    issue_numbering: Mapped[IssueNumbering] = mapped_column(
        enum_column(IssueNumbering), default=IssueNumbering.BY_MONTH
    )
    issue_start: Mapped[int] = mapped_column(Integer, default=1)

    targets: Mapped[list[CampaignTarget]] = relationship(
        back_populates="campaign", cascade="all, delete-orphan", order_by="CampaignTarget.id"
    )
    lists: Mapped[list[ProjectList]] = relationship(
        back_populates="campaign", cascade="all, delete-orphan", order_by="ProjectList.number"
    )


class CampaignTarget(Versioned, Base):
    """One target of a campaign: a rate in percent or an amount, due by a date."""

    __tablename__ = "campaign_target"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    kind: Mapped[TargetKind] = mapped_column(enum_column(TargetKind))
    percent: Mapped[Decimal | None] = mapped_column(Percent())
    amount: Mapped[Decimal | None] = mapped_column(Money())
    due_date: Mapped[dt.date | None] = mapped_column(Date)

    campaign: Mapped[Campaign] = relationship(back_populates="targets")


class ProjectList(Versioned, Base):
    """项目清单: one of a campaign's lists (附表1 … 附表7), editable data."""

    __tablename__ = "project_list"
    __table_args__ = (
        UniqueConstraint("campaign_id", "name"),
        UniqueConstraint("campaign_id", "number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100))
    goal: Mapped[str | None] = mapped_column(Text)
    target_investment: Mapped[Decimal | None] = mapped_column(Money())
    # The milestone template its projects get by default (套用模板 proposes it).
    template_id: Mapped[int | None] = mapped_column(
        ForeignKey("milestone_template.id", ondelete="SET NULL"), index=True
    )

    campaign: Mapped[Campaign] = relationship(back_populates="lists")
    template: Mapped[MilestoneTemplate | None] = relationship()
