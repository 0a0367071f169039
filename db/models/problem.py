"""Problems (问题台账) with progress entries, state transitions and escalations."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, Date, DateTime, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, Versioned, enum_column
from db.enums import CoordinationLevel, ProblemState, ProblemType
from db.models.organisation import Unit
from db.models.project import Project

problem_cooperating_unit = Table(
    "problem_cooperating_unit",
    Base.metadata,
    Column("problem_id", ForeignKey("problem.id", ondelete="CASCADE"), primary_key=True),
    Column("unit_id", ForeignKey("unit.id", ondelete="CASCADE"), primary_key=True),
)


class Problem(Versioned, Base):
    """A problem blocking a project, chased until it is closed (销号)."""

    __tablename__ = "problem"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    type: Mapped[ProblemType] = mapped_column(enum_column(ProblemType))
    description: Mapped[str] = mapped_column(Text)
    raised_on: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(String(100))
    lead_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="SET NULL"))
    first_responsible: Mapped[str | None] = mapped_column(String(50))  # 第一责任人
    measures: Mapped[str | None] = mapped_column(Text)  # 解决措施
    completion_standard: Mapped[str | None] = mapped_column(Text)  # 完成标准
    deadline: Mapped[dt.date | None] = mapped_column(Date)  # 解决时限
    level: Mapped[CoordinationLevel] = mapped_column(
        enum_column(CoordinationLevel), default=CoordinationLevel.OWN
    )
    state: Mapped[ProblemState] = mapped_column(
        enum_column(ProblemState), default=ProblemState.OPEN
    )
    hold_reason: Mapped[str | None] = mapped_column(Text)
    solved_on: Mapped[dt.date | None] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    closed_confirmed_by: Mapped[str | None] = mapped_column(String(50))

    project: Mapped[Project] = relationship()
    lead_unit: Mapped[Unit | None] = relationship()
    cooperating_units: Mapped[list[Unit]] = relationship(secondary=problem_cooperating_unit)
    progress_entries: Mapped[list[ProblemProgress]] = relationship(
        back_populates="problem", cascade="all, delete-orphan", order_by="ProblemProgress.id"
    )
    transitions: Mapped[list[ProblemTransition]] = relationship(
        back_populates="problem", cascade="all, delete-orphan", order_by="ProblemTransition.id"
    )
    escalations: Mapped[list[ProblemEscalation]] = relationship(
        back_populates="problem", cascade="all, delete-orphan", order_by="ProblemEscalation.id"
    )


class ProblemProgress(Versioned, Base):
    """A dated progress note on a problem (推进情况)."""

    __tablename__ = "problem_progress"

    id: Mapped[int] = mapped_column(primary_key=True)
    problem_id: Mapped[int] = mapped_column(
        ForeignKey("problem.id", ondelete="CASCADE"), index=True
    )
    entry_date: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    operator: Mapped[str | None] = mapped_column(String(50))
    # When it was typed (migration 0009): 办理过程 lists a day's entries in the order they happened.
    at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # taken back (撤销)
    withdrawn_by: Mapped[str | None] = mapped_column(String(50))

    problem: Mapped[Problem] = relationship(back_populates="progress_entries")


class ProblemTransition(Base):
    """A change of a problem's state, with who made it and why."""

    __tablename__ = "problem_transition"

    id: Mapped[int] = mapped_column(primary_key=True)
    problem_id: Mapped[int] = mapped_column(
        ForeignKey("problem.id", ondelete="CASCADE"), index=True
    )
    from_state: Mapped[ProblemState | None] = mapped_column(enum_column(ProblemState))
    to_state: Mapped[ProblemState] = mapped_column(enum_column(ProblemState))
    on: Mapped[dt.date] = mapped_column(Date)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    operator: Mapped[str | None] = mapped_column(String(50))
    note: Mapped[str | None] = mapped_column(Text)
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # taken back (撤销)
    withdrawn_by: Mapped[str | None] = mapped_column(String(50))

    problem: Mapped[Problem] = relationship(back_populates="transitions")


class ProblemEscalation(Base):
    """A raise (or lowering) of a problem's coordination level, one level at a time."""

    __tablename__ = "problem_escalation"

    id: Mapped[int] = mapped_column(primary_key=True)
    problem_id: Mapped[int] = mapped_column(
        ForeignKey("problem.id", ondelete="CASCADE"), index=True
    )
    from_level: Mapped[CoordinationLevel] = mapped_column(enum_column(CoordinationLevel))
    to_level: Mapped[CoordinationLevel] = mapped_column(enum_column(CoordinationLevel))
    on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text)
    operator: Mapped[str | None] = mapped_column(String(50))
    at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # when it was recorded
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # taken back (撤销)
    withdrawn_by: Mapped[str | None] = mapped_column(String(50))

    problem: Mapped[Problem] = relationship(back_populates="escalations")
