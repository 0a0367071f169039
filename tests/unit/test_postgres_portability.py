"""The same models, migrations and demo work on PostgreSQL (offices that outgrow one PC).

CI starts a throwaway PostgreSQL server and sets GONGJIAN_TEST_PG_URL; without it this is skipped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, func, select
from sqlalchemy.exc import IntegrityError

from app.campaign.overview import summarise
from app.demo.build import build_demo
from app.infra.database import Database, open_database
from app.infra.errors import UserError
from db.base import Base
from db.models import MonthlyReport, Project
from tests.support.campaigns import the_campaign
from tests.unit.factories import a_project

PG_URL = os.environ.get("GONGJIAN_TEST_PG_URL")
pytestmark = pytest.mark.skipif(not PG_URL, reason="GONGJIAN_TEST_PG_URL not set")


@pytest.fixture
def pg_database() -> Iterator[Database]:
    """A PostgreSQL database with an empty public schema, migrated to head."""
    assert PG_URL is not None
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()
    database = open_database(PG_URL, operator="pg")
    yield database
    database.close()


def test_migrated_schema_matches_the_models(pg_database: Database) -> None:
    with pg_database.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def test_demo_builds_and_summarises(pg_database: Database) -> None:
    with pg_database.sessions() as session:
        build_demo(session)
        session.commit()
    with pg_database.sessions() as session:
        assert session.scalar(select(func.count(Project.id))) == 126
        summary = summarise(session, the_campaign(session))
        assert [count for _, count in summary.per_list] == [12, 21, 13, 16, 35, 15, 14]
        total = session.scalar(select(func.sum(MonthlyReport.investment_month)))
        assert total is not None


def test_constraints_hold_on_postgresql(pg_database: Database) -> None:
    with pg_database.sessions() as session:
        first = a_project(session, "甲", code="2022-120116-04-01-123456")
        first.total_investment = Decimal("0.10")
        session.commit()
        session.expire_all()
        assert first.total_investment == Decimal("0.10")
        a_project(session, "乙", code="2022-120116-04-01-123456")
        with pytest.raises(IntegrityError):
            session.commit()
        session.rollback()
        session.add(MonthlyReport(project=first, year=2022, month=7))
        session.add(MonthlyReport(project=first, year=2022, month=7))
        with pytest.raises(IntegrityError):
            session.commit()


def test_an_import_and_its_undo_on_postgresql(pg_database: Database) -> None:
    from pathlib import Path

    from app.exchange.batch_undo import undo_batch
    from app.exchange.import_plan import plan_import
    from app.exchange.import_write import write_import

    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "exchange"
    with pg_database.sessions() as session:
        plan = plan_import(
            session,
            [fixtures / "city_list_basic.xlsx", fixtures / "problem_ledger.xlsx"],
            campaign_id=the_campaign(session),
        )
        batch = write_import(session, plan, "pg", campaign_id=the_campaign(session))
        assert session.scalar(select(func.count(Project.id))) == 30
        # An ordinary insert after the bulk one must not collide with the ids it took.
        later = a_project(session, "导入后新建")
        session.commit()
        # It sits on the list the import created: undoing the import is refused, cleanly.
        with pytest.raises(UserError, match="不能整批撤销"):
            undo_batch(session, batch)
        session.delete(later)
        session.commit()
        undo_batch(session, batch)
        assert session.scalar(select(func.count(Project.id))) == 0
