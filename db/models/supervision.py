"""Supervision (督办台账): a problem or project under supervision, and its acts."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, Versioned, check, enum_column
from db.enums import SupervisionClass, SupervisionForm
from db.models.organisation import Unit
from db.models.problem import Problem
from db.models.project import Project


class Supervision(Versioned, Base):
    """督办: one problem or one project put under supervision."""

    __tablename__ = "supervision"
    __table_args__ = (
        check("supervision", "problem_xor_project", "(problem_id IS NULL) <> (project_id IS NULL)"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    problem_id: Mapped[int | None] = mapped_column(
        ForeignKey("problem.id", ondelete="CASCADE"), index=True
    )
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    supervision_class: Mapped[SupervisionClass] = mapped_column(enum_column(SupervisionClass))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="SET NULL"))
    started_on: Mapped[dt.date] = mapped_column(Date)
    ended_on: Mapped[dt.date | None] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text)

    problem: Mapped[Problem | None] = relationship()
    project: Mapped[Project | None] = relationship()
    unit: Mapped[Unit | None] = relationship()
    acts: Mapped[list[SupervisionAct]] = relationship(
        back_populates="supervision", cascade="all, delete-orphan", order_by="SupervisionAct.id"
    )


class SupervisionAct(Versioned, Base):
    """One act of supervision: 督办单, 约谈 or 通报."""

    __tablename__ = "supervision_act"

    id: Mapped[int] = mapped_column(primary_key=True)
    supervision_id: Mapped[int] = mapped_column(
        ForeignKey("supervision.id", ondelete="CASCADE"), index=True
    )
    on: Mapped[dt.date] = mapped_column(Date)
    form: Mapped[SupervisionForm] = mapped_column(enum_column(SupervisionForm))
    content: Mapped[str] = mapped_column(Text)
    result: Mapped[str | None] = mapped_column(Text)
    by: Mapped[str | None] = mapped_column(String(50))

    supervision: Mapped[Supervision] = relationship(back_populates="acts")
