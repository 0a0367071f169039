"""Projects (项目卡片) and their monthly reports (月度填报)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
    inspect,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from db.base import Base, Money, Versioned, check, enum_column
from db.enums import CalendarKind, ConstructionNature, ProjectLevel, Stage
from db.models.campaign import Campaign, ProjectList
from db.models.organisation import Person, Unit

project_cooperating_unit = Table(
    "project_cooperating_unit",
    Base.metadata,
    Column("project_id", ForeignKey("project.id", ondelete="CASCADE"), primary_key=True),
    Column("unit_id", ForeignKey("unit.id", ondelete="CASCADE"), primary_key=True),
)


class Project(Versioned, Base):
    """One key project (重点项目)."""

    __tablename__ = "project"
    __table_args__ = (
        check("project", "total_not_negative", "total_investment >= 0"),
        check("project", "annual_plan_not_negative", "annual_plan >= 0"),
        # A project carried into next year's campaign keeps its 项目代码 (migration 0007).
        UniqueConstraint("campaign_id", "code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # 项目代码 (GB/T 40058-2021); NULL when the project has none yet, unique in a campaign.
    code: Mapped[str | None] = mapped_column(String(24))
    name: Mapped[str] = mapped_column(String(200), index=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("project_list.id", ondelete="RESTRICT"))
    # The list's campaign, kept here so a code is unique per campaign; set from the list on flush.
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="RESTRICT"))
    # The project of an earlier campaign this one was carried over from (结转).
    carried_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("project.id", ondelete="SET NULL"), index=True
    )
    stage: Mapped[Stage] = mapped_column(enum_column(Stage))
    level: Mapped[ProjectLevel | None] = mapped_column(enum_column(ProjectLevel))
    nature: Mapped[ConstructionNature | None] = mapped_column(enum_column(ConstructionNature))
    industry: Mapped[str | None] = mapped_column(String(100))
    location: Mapped[str | None] = mapped_column(String(200))
    park: Mapped[str | None] = mapped_column(String(100))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="SET NULL"))
    content: Mapped[str | None] = mapped_column(Text)  # 建设内容及规模
    total_investment: Mapped[Decimal | None] = mapped_column(Money())
    annual_plan: Mapped[Decimal | None] = mapped_column(Money())
    campaign_target: Mapped[Decimal | None] = mapped_column(Money())
    planned_start: Mapped[dt.date | None] = mapped_column(Date)
    planned_finish: Mapped[dt.date | None] = mapped_column(Date)
    actual_start: Mapped[dt.date | None] = mapped_column(Date)
    actual_finish: Mapped[dt.date | None] = mapped_column(Date)
    lead_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="SET NULL"))
    leader_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    chief_officer_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL")
    )
    specialist_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    contact: Mapped[str | None] = mapped_column(String(200))  # 联络人及电话
    latest_progress: Mapped[str | None] = mapped_column(Text)  # 形象进度
    bond_issued: Mapped[Decimal | None] = mapped_column(Money())
    bond_spent: Mapped[Decimal | None] = mapped_column(Money())
    calendar: Mapped[CalendarKind] = mapped_column(
        enum_column(CalendarKind), default=CalendarKind.CALENDAR
    )
    remarks: Mapped[str | None] = mapped_column(Text)
    # Deleted projects go to the recycle bin (回收站) rather than vanishing.
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    project_list: Mapped[ProjectList] = relationship()
    campaign: Mapped[Campaign] = relationship(foreign_keys=[campaign_id])
    owner: Mapped[Unit | None] = relationship(foreign_keys=[owner_id])
    lead_unit: Mapped[Unit | None] = relationship(foreign_keys=[lead_unit_id])
    cooperating_units: Mapped[list[Unit]] = relationship(secondary=project_cooperating_unit)
    leader: Mapped[Person | None] = relationship(foreign_keys=[leader_id])
    chief_officer: Mapped[Person | None] = relationship(foreign_keys=[chief_officer_id])
    specialist: Mapped[Person | None] = relationship(foreign_keys=[specialist_id])
    monthly_reports: Mapped[list[MonthlyReport]] = relationship(
        back_populates="project",
        cascade="all, delete-orphan",
        order_by="[MonthlyReport.year, MonthlyReport.month]",
    )

    def __repr__(self) -> str:
        return f"Project({self.id}, {self.name!r})"


@event.listens_for(Session, "before_flush")
def _campaign_follows_list(session: Session, _context: object, _instances: object) -> None:
    """Keep `Project.campaign_id` equal to its list's campaign for every project the ORM writes."""
    for project in (*session.new, *session.dirty):
        if not isinstance(project, Project):
            continue
        state = inspect(project)
        by_id = state.attrs.list_id.history.has_changes()
        by_list = state.attrs.project_list.history.has_changes()
        if not (by_id or by_list) and project.campaign_id is not None:
            continue
        plist = state.dict.get("project_list")
        if plist is not None and not by_id:
            project.campaign = plist.campaign
        elif project.list_id is not None:
            with session.no_autoflush:
                found = session.scalar(
                    select(ProjectList.campaign_id).where(ProjectList.id == project.list_id)
                )
            if found is not None:  # else the flush fails on the list's foreign key anyway
                project.campaign_id = found


class MonthlyReport(Versioned, Base):
    """月度填报: one project's figures for one month."""

    __tablename__ = "monthly_report"
    __table_args__ = (
        UniqueConstraint("project_id", "year", "month"),
        check("monthly_report", "month_in_range", "month BETWEEN 1 AND 12"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    investment_month: Mapped[Decimal | None] = mapped_column(Money())  # 本月完成投资
    investment_year: Mapped[Decimal | None] = mapped_column(Money())  # 今年累计完成投资
    # Special-bond money spent by the end of this month (累计支出): bond usage as of the month.
    bond_spent: Mapped[Decimal | None] = mapped_column(Money())
    progress: Mapped[str | None] = mapped_column(Text)  # 形象进度
    reporter: Mapped[str | None] = mapped_column(String(50))
    entered_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    project: Mapped[Project] = relationship(back_populates="monthly_reports")


class ReportMonth(Versioned, Base):
    """A month of 月度填报 marked 已报送 (locked); unlocking keeps the row and its reason."""

    __tablename__ = "report_month"
    __table_args__ = (
        UniqueConstraint("year", "month"),
        check("report_month", "month_in_range", "month BETWEEN 1 AND 12"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    locked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    locked_by: Mapped[str | None] = mapped_column(String(50))
    unlock_reason: Mapped[str | None] = mapped_column(Text)
