"""Every insert, update and delete of a domain row lands in the change log with who and when."""

from __future__ import annotations

import json
from decimal import Decimal

from sqlalchemy import select

from app.infra.database import Database
from app.schedule.holidays import SEED_OPERATOR
from db.enums import ChangeAction, UnitKind
from db.models import ChangeLog, Project, Unit
from tests.unit.factories import a_project


def _log(database: Database) -> list[ChangeLog]:
    """Entries made by the test (a new database starts with seeded holidays and templates)."""
    with database.sessions() as session:
        return list(
            session.scalars(
                select(ChangeLog).where(ChangeLog.operator != SEED_OPERATOR).order_by(ChangeLog.id)
            )
        )


def test_insert_is_logged_with_operator_and_all_values(database: Database) -> None:
    with database.sessions() as session:
        a_project(session, "空港三期津北路西延线")
        session.commit()
    inserted = [e for e in _log(database) if e.table_name == "project"]
    assert len(inserted) == 1
    entry = inserted[0]
    assert entry.action is ChangeAction.INSERT
    assert entry.operator == "测试员"
    assert entry.at is not None
    assert json.loads(entry.new_value or "")["name"] == "空港三期津北路西延线"


def test_update_logs_each_changed_field_with_old_and_new(database: Database) -> None:
    with database.sessions() as session:
        project = a_project(session)
        project.total_investment = Decimal("100.00")
        session.commit()
        project.total_investment = Decimal("120.50")
        project.remarks = "调整总投资"
        project.name = project.name  # unchanged: not logged
        session.commit()
        project_id = project.id
    updates = [e for e in _log(database) if e.action is ChangeAction.UPDATE]
    assert {(e.field, e.old_value, e.new_value) for e in updates} == {
        ("total_investment", "100.00", "120.50"),
        ("remarks", None, "调整总投资"),
    }
    assert all(e.row_id == str(project_id) and e.table_name == "project" for e in updates)


def test_delete_keeps_the_whole_row_in_the_log(database: Database) -> None:
    with database.sessions() as session:
        project = a_project(session, "待删除项目")
        session.commit()
        session.delete(project)
        session.commit()
    deleted = [e for e in _log(database) if e.action is ChangeAction.DELETE]
    assert len(deleted) == 1
    assert json.loads(deleted[0].old_value or "")["name"] == "待删除项目"


def test_cooperating_units_changes_are_logged(database: Database) -> None:
    with database.sessions() as session:
        project = a_project(session)
        session.commit()
        project.cooperating_units.append(Unit(name="财政局", kind=UnitKind.RESPONSIBLE))
        session.commit()
    links = [e for e in _log(database) if e.field == "cooperating_units"]
    assert len(links) == 1
    assert links[0].old_value == "[]"
    assert len(json.loads(links[0].new_value or "")) == 1


def test_rolled_back_changes_leave_no_log(database: Database) -> None:
    with database.sessions() as session:
        a_project(session)
        session.flush()
        session.rollback()
    assert _log(database) == []
    with database.sessions() as session:
        assert session.query(Project).count() == 0


def test_operator_comes_from_the_session_factory(tmp_path: object) -> None:
    from pathlib import Path

    from app.infra.database import open_database

    database = open_database(Path(str(tmp_path)) / "op.db", operator="张科长")
    with database.sessions() as session:
        a_project(session)
        session.commit()
    assert {e.operator for e in _log(database)} == {"张科长"}
    database.close()


def test_an_insert_is_logged_under_the_new_rows_id(database: Database) -> None:
    with database.sessions() as session:
        project = a_project(session, "新项目")
        session.commit()
        logged = session.scalars(
            select(ChangeLog.row_id).where(
                ChangeLog.table_name == "project", ChangeLog.action == ChangeAction.INSERT
            )
        ).all()
        assert logged == [str(project.id)]
