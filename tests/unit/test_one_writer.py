"""One writer: a held database is named to a second opener, who may open it read-only."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from app.infra.database import open_database
from app.infra.errors import UserError
from app.infra.instance_lock import InstanceLock, acquire
from db.models import Project


def test_a_held_database_names_its_holder_until_released(demo_path: Path) -> None:
    first = acquire(demo_path)
    assert isinstance(first, InstanceLock)
    second = acquire(demo_path)
    assert isinstance(second, str) and "进程" in second
    first.release()
    third = acquire(demo_path)
    assert isinstance(third, InstanceLock)
    third.release()


def test_read_only_open_reads_and_refuses_writes(demo_path: Path, tmp_path: Path) -> None:
    database = open_database(demo_path, read_only=True)
    assert database.read_only
    with database.sessions() as session:
        project = session.scalars(select(Project)).first()
        assert project is not None
        project.name = "改名"
        with pytest.raises(OperationalError, match="readonly"):
            session.commit()
    database.close()
    with pytest.raises(UserError, match="只读"):
        open_database(tmp_path / "新.db", read_only=True)
