"""重做 of an undone import batch: replayed from its change log, same ids, refused when stale."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.exchange.batch_redo import redo_batch
from app.exchange.batch_undo import undo_batch
from app.exchange.export_city import ExportScope, export_workbook
from app.exchange.import_plan import plan_import
from app.exchange.import_write import write_import
from app.exchange.profiles import DEFAULT_PROFILE
from app.infra.database import open_database
from app.infra.errors import UserError
from db.models import MonthlyReport, Problem, Project
from tests.support.campaigns import the_campaign
from tests.support.present import present

FIXTURES = Path(__file__).parent.parent / "fixtures" / "exchange"


def _state(session: Session) -> tuple[object, ...]:
    projects = select(Project.id, Project.name, Project.total_investment, Project.list_id)
    reports = select(MonthlyReport.id, MonthlyReport.investment_year)
    return (
        session.execute(projects.order_by(Project.id)).all(),
        session.execute(reports.order_by(MonthlyReport.id)).all(),
        session.scalar(select(func.count(Problem.id))),
    )


def test_an_import_undone_redone_and_undone_again(tmp_path: Path) -> None:
    database = open_database(tmp_path / "redo.db", operator="测试员")
    with database.sessions() as session:
        empty = _state(session)
        batch = write_import(
            session,
            plan_import(
                session, [FIXTURES / "city_list_basic.xlsx"], campaign_id=the_campaign(session)
            ),
            "a",
            campaign_id=the_campaign(session),
        )
        imported = _state(session)
        assert imported[0]
        undo_batch(session, batch)
        session.expire_all()
        assert _state(session) == empty
        assert redo_batch(session, batch) > 0
        session.expire_all()
        assert _state(session) == imported  # the same rows under the same ids
        with pytest.raises(UserError, match="没有被撤销"):
            redo_batch(session, batch)
        undo_batch(session, batch)
        session.expire_all()
        assert _state(session) == empty
        redo_batch(session, batch)
        session.expire_all()
        assert _state(session) == imported
    database.close()


def test_an_update_batch_is_not_redone_over_a_later_edit(tmp_path: Path) -> None:
    database = open_database(tmp_path / "stale.db")
    with database.sessions() as session:
        write_import(
            session,
            plan_import(
                session, [FIXTURES / "city_list_basic.xlsx"], campaign_id=the_campaign(session)
            ),
            "a",
            campaign_id=the_campaign(session),
        )
        scope = ExportScope(1, 2022, 7)
        export_workbook(session, tmp_path / "again.xlsx", DEFAULT_PROFILE, scope)
    book = openpyxl.load_workbook(tmp_path / "again.xlsx")
    book["附表3"]["F5"] = 111.11
    book.save(tmp_path / "again.xlsx")
    with database.sessions() as session:
        second = write_import(
            session,
            plan_import(session, [tmp_path / "again.xlsx"], campaign_id=the_campaign(session)),
            "b",
            campaign_id=the_campaign(session),
        )
        undo_batch(session, second)
        project = session.scalars(select(Project).order_by(Project.id)).first()
        assert project is not None
        project.total_investment = present(project.total_investment) + 1
        session.commit()
        with pytest.raises(UserError, match="不能重做"):
            redo_batch(session, second)
    database.close()
