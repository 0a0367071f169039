"""Declarative base with a naming convention, and the exact-decimal column type."""

from __future__ import annotations

import enum
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, Enum, Integer, MetaData, Table
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.schema import conv
from sqlalchemy.types import TypeDecorator

# Named constraints make Alembic batch migrations on SQLite (and later PostgreSQL) predictable.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    # Enum columns get CHECK constraints named after their column: two columns of one enum in
    # a table (from_level, to_level) would otherwise share a name, which PostgreSQL refuses.
    "ck": "ck_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base class of every table of the program."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Versioned:
    """Mixin: a row version, raised by every ORM update, for optimistic concurrency.

    SQLAlchemy's `version_id_col` adds `AND version = <as read>` to each UPDATE and DELETE and
    raises `StaleDataError` when another session changed the row in between; services compare
    it with the version a clerk saw (`db.versions.expect_version`) for edits that span minutes.
    """

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class ScaledDecimal(TypeDecorator[Decimal]):
    """A Decimal stored as an integer count of 10^-scale units, so no binary float ever holds money.

    Amounts (万元) use scale 2: 1234.56 万元 is stored as 123456. Values with more decimals than the
    scale are rounded half-up, the way offices round in Excel.
    """

    impl = BigInteger
    cache_ok = True

    def __init__(self, scale: int = 2) -> None:
        super().__init__()
        self.scale = scale
        self._quantum = Decimal(1).scaleb(-scale)

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        """Turn a Decimal (or int, or decimal string) into the stored integer."""
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("amounts must be Decimal, int or str, never float")
        exact = Decimal(value).quantize(self._quantum, rounding=ROUND_HALF_UP)
        return int(exact.scaleb(self.scale))

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        """Turn the stored integer back into a Decimal with exactly `scale` places."""
        if value is None:
            return None
        return Decimal(int(value)).scaleb(-self.scale).quantize(self._quantum)


def Money() -> ScaledDecimal:
    """Column type for amounts in 万元 with two decimals."""
    return ScaledDecimal(2)


def Percent() -> ScaledDecimal:
    """Column type for percentages with two decimals (e.g. 60.00 for 60 %)."""
    return ScaledDecimal(2)


def enum_column(enum_class: type[enum.StrEnum], **kw: Any) -> Enum:
    """A portable VARCHAR + CHECK column holding the enum's Chinese value."""
    return Enum(
        enum_class,
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum_class) + 4,
        values_callable=lambda cls: [m.value for m in cls],
        validate_strings=True,
        name=None,  # so the naming convention names the CHECK after the column
        **kw,
    )


def check(table: str, name: str, condition: str) -> CheckConstraint:
    """A named CHECK constraint (`ck_<table>_<name>`), portable across SQLite and PostgreSQL."""
    return CheckConstraint(condition, name=conv(f"ck_{table}_{name}"))


def table_of(model: type[Base]) -> Table:
    """A mapped class's Table (typed; `__table__` is only a FromClause to the type checker)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table
