"""The schema itself refuses what the domain forbids: duplicates, dangling links, inexact money."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, StatementError

from app.infra.database import Database
from db.enums import SupervisionClass
from db.models import Campaign, MonthlyReport, Project, ProjectList, Supervision
from tests.support.present import present
from tests.unit.factories import a_project


def test_project_code_is_unique_when_present(database: Database) -> None:
    with database.sessions() as session:
        a_project(session, "甲", code="2022-120116-04-01-123456")
        session.commit()
        a_project(session, "乙", code="2022-120116-04-01-123456")
        with pytest.raises(IntegrityError, match=r"(?i)unique"):
            session.commit()


def test_a_code_may_return_in_next_year_s_campaign(database: Database) -> None:
    """结转 keeps a project's 项目代码: unique within a campaign, not across campaigns."""
    with database.sessions() as session:
        first = a_project(session, "甲", code="2022-120116-04-01-123456")
        session.commit()
        later = Campaign(
            name="2023年攻坚", start_date=dt.date(2023, 1, 1), end_date=dt.date(2023, 12, 31)
        )
        later.lists.append(ProjectList(number=1, name="力促开工项目"))
        session.add(later)
        session.flush()
        copy = Project(
            name="甲",
            code="2022-120116-04-01-123456",
            list_id=later.lists[0].id,
            stage=first.stage,
            carried_from_id=first.id,
        )
        session.add(copy)
        session.commit()
        assert (first.campaign_id, copy.campaign_id) == (first.project_list.campaign_id, later.id)


def test_many_projects_may_have_no_code(database: Database) -> None:
    with database.sessions() as session:
        a_project(session, "甲")
        a_project(session, "乙")
        session.commit()
        assert session.query(Project).filter(Project.code.is_(None)).count() == 2


def test_one_monthly_report_per_project_and_month(database: Database) -> None:
    with database.sessions() as session:
        project = a_project(session)
        session.add(
            MonthlyReport(project=project, year=2022, month=7, investment_month=Decimal("1"))
        )
        session.commit()
        session.add(
            MonthlyReport(project=project, year=2022, month=7, investment_month=Decimal("2"))
        )
        with pytest.raises(IntegrityError, match=r"(?i)unique"):
            session.commit()


def test_month_out_of_range_refused(database: Database) -> None:
    with database.sessions() as session:
        session.add(MonthlyReport(project=a_project(session), year=2022, month=13))
        with pytest.raises(IntegrityError, match=r"(?i)check"):
            session.commit()


def test_foreign_keys_are_enforced(database: Database) -> None:
    with database.sessions() as session:
        a_project(session)
        session.commit()
        with pytest.raises(IntegrityError, match=r"(?i)foreign key"):
            session.execute(text("UPDATE project SET list_id = 9999"))


def test_list_with_projects_cannot_be_deleted(database: Database) -> None:
    with database.sessions() as session:
        project = a_project(session)
        session.commit()
        with pytest.raises(IntegrityError, match=r"(?i)foreign key"):
            session.execute(
                text("DELETE FROM project_list WHERE id = :id"), {"id": project.list_id}
            )


def test_money_is_stored_exactly(database: Database) -> None:
    amounts = [Decimal("0.10"), Decimal("0.20"), Decimal("123456789.99"), Decimal("0.01")]
    with database.sessions() as session:
        for index, amount in enumerate(amounts):
            project = a_project(session, f"项目{index}")
            project.total_investment = amount
        session.commit()
        raw = (
            session.execute(text("SELECT total_investment FROM project ORDER BY id"))
            .scalars()
            .all()
        )
        assert raw == [10, 20, 12345678999, 1]  # integers of 0.01 万元, never floats
    with database.sessions() as session:
        stored = [p.total_investment for p in session.query(Project).order_by(Project.id)]
    assert stored == amounts
    assert sum((present(v) for v in stored), Decimal(0)) == Decimal("123456790.30")


def test_money_rounds_half_up_to_cents(database: Database) -> None:
    with database.sessions() as session:
        project = a_project(session)
        project.total_investment = Decimal("1.005")
        session.commit()
        session.expire_all()
        assert project.total_investment == Decimal("1.01")


def test_float_money_is_refused(database: Database) -> None:
    with database.sessions() as session:
        project = a_project(session)
        project.total_investment = 0.1  # type: ignore[assignment]
        with pytest.raises(StatementError, match="float"):
            session.commit()


def test_stage_outside_the_vocabulary_is_refused_by_the_schema(database: Database) -> None:
    with database.sessions() as session:
        a_project(session)
        session.commit()
        with pytest.raises(IntegrityError, match=r"(?i)check"):
            session.execute(text("UPDATE project SET stage = '胡乱'"))


def test_supervision_is_of_a_problem_or_a_project_not_both(database: Database) -> None:
    with database.sessions() as session:
        session.add(
            Supervision(supervision_class=SupervisionClass.KEY, started_on=dt.date(2022, 7, 1))
        )
        with pytest.raises(IntegrityError, match=r"(?i)check"):
            session.commit()
