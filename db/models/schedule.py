"""Milestones (节点) with dependencies, milestone templates, and the holiday calendar."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, Versioned, check, enum_column
from db.enums import HolidayKind, MilestoneState
from db.models.project import Project


class Milestone(Versioned, Base):
    """节点: a dated step of a project; planned dates are computed by reverse scheduling."""

    __tablename__ = "milestone"
    __table_args__ = (
        UniqueConstraint("project_id", "seq"),
        check("milestone", "duration_not_negative", "duration_days >= 0"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str | None] = mapped_column(String(50))
    duration_days: Mapped[int] = mapped_column(Integer, default=0)
    target_date: Mapped[dt.date | None] = mapped_column(Date)  # "must finish by"
    planned_start: Mapped[dt.date | None] = mapped_column(Date)  # latest start (computed)
    planned_finish: Mapped[dt.date | None] = mapped_column(Date)  # latest finish (computed)
    actual_start: Mapped[dt.date | None] = mapped_column(Date)
    actual_finish: Mapped[dt.date | None] = mapped_column(Date)
    state: Mapped[MilestoneState] = mapped_column(
        enum_column(MilestoneState), default=MilestoneState.NOT_STARTED
    )
    remarks: Mapped[str | None] = mapped_column(Text)

    project: Mapped[Project] = relationship()
    predecessors: Mapped[list[MilestoneDependency]] = relationship(
        foreign_keys="MilestoneDependency.successor_id",
        back_populates="successor",
        cascade="all, delete-orphan",
    )


class MilestoneDependency(Versioned, Base):
    """A finish-to-start link between two milestones, with a lag in days (may be negative)."""

    __tablename__ = "milestone_dependency"
    __table_args__ = (
        UniqueConstraint("predecessor_id", "successor_id"),
        check("milestone_dependency", "not_self", "predecessor_id <> successor_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    predecessor_id: Mapped[int] = mapped_column(ForeignKey("milestone.id", ondelete="CASCADE"))
    successor_id: Mapped[int] = mapped_column(
        ForeignKey("milestone.id", ondelete="CASCADE"), index=True
    )
    lag_days: Mapped[int] = mapped_column(Integer, default=0)

    predecessor: Mapped[Milestone] = relationship(foreign_keys=[predecessor_id])
    successor: Mapped[Milestone] = relationship(
        foreign_keys=[successor_id], back_populates="predecessors"
    )


class MilestoneTemplate(Versioned, Base):
    """A named sequence of milestones; lists point at theirs (`ProjectList.template_id`)."""

    __tablename__ = "milestone_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    description: Mapped[str | None] = mapped_column(Text)

    steps: Mapped[list[TemplateStep]] = relationship(
        back_populates="template", cascade="all, delete-orphan", order_by="TemplateStep.seq"
    )


class TemplateStep(Versioned, Base):
    """One step of a milestone template; each follows the previous one finish-to-start."""

    __tablename__ = "template_step"
    __table_args__ = (
        UniqueConstraint("template_id", "seq"),
        check("template_step", "duration_not_negative", "duration_days >= 0"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(
        ForeignKey("milestone_template.id", ondelete="CASCADE")
    )
    seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str | None] = mapped_column(String(50))
    duration_days: Mapped[int] = mapped_column(Integer)
    lag_days: Mapped[int] = mapped_column(Integer, default=0)

    template: Mapped[MilestoneTemplate] = relationship(back_populates="steps")


class HolidayDay(Versioned, Base):
    """A public holiday or a 调休 make-up working day in the working-day calendar."""

    __tablename__ = "holiday_day"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, unique=True)
    kind: Mapped[HolidayKind] = mapped_column(enum_column(HolidayKind))
    name: Mapped[str | None] = mapped_column(String(50))
