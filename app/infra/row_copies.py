"""Copies of mapped rows with their ids, so a row removed by an undo can come back unchanged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class RowCopy:
    """One row's class and column values (its id included)."""

    model: type[Any]
    values: tuple[tuple[str, Any], ...]

    @property
    def id(self) -> Any:
        """The row's primary key value (`id`)."""
        return dict(self.values).get("id")


def copy_row(obj: Any) -> RowCopy:
    """The row's column values as they are now."""
    mapper = inspect(obj).mapper
    return RowCopy(
        mapper.class_, tuple((attr.key, getattr(obj, attr.key)) for attr in mapper.column_attrs)
    )


def restore_row(session: Session, copy: RowCopy) -> Any:
    """Add the row back under its own id (the caller flushes or commits)."""
    obj = copy.model(**dict(copy.values))
    session.add(obj)
    return obj
