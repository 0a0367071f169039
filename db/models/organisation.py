"""Units (单位) and people (包联领导, 首席服务官, 服务专员)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, Versioned, enum_column
from db.enums import UnitKind


class Unit(Versioned, Base):
    """A department, owner company or district/park (单位)."""

    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[UnitKind] = mapped_column(enum_column(UnitKind))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="SET NULL"))

    parent: Mapped[Unit | None] = relationship(remote_side=[id])

    def __repr__(self) -> str:
        return f"Unit({self.id}, {self.name!r})"


class Person(Versioned, Base):
    """A leader in charge, chief service officer or service specialist."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    title: Mapped[str | None] = mapped_column(String(100))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="SET NULL"))
    phone: Mapped[str | None] = mapped_column(String(50))

    unit: Mapped[Unit | None] = relationship()
