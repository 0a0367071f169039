"""Snapshots behind 撤销/重做 of a milestone plan save and of a 月度填报 entry."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.infra.database import Database
from app.infra.errors import UserError
from app.reports.monthly_reports import CellEntry, EntryMode, lock_month, save_entries
from app.reports.report_undo import restore_reports, snapshot_reports
from app.schedule.milestone_plan import PlanRow, load_plan, save_plan
from app.schedule.milestone_snapshot import restore_milestones, snapshot_milestones
from db.enums import CalendarKind
from db.models import Milestone, MonthlyReport
from tests.unit.factories import a_project

TODAY = dt.date(2022, 6, 1)


def _plan_names(database: Database, project_id: int) -> list[tuple[int, str]]:
    with database.reading() as session:
        return [
            (m.id, m.name)
            for m in session.scalars(
                select(Milestone).where(Milestone.project_id == project_id).order_by(Milestone.seq)
            )
        ]


def test_plan_save_taken_back_and_made_again_with_the_same_ids(database: Database) -> None:
    with database.sessions() as session:
        project = a_project(session)
        session.commit()
        project_id = project.id
        plan = load_plan(session, project_id, TODAY)
        plan.rows = [PlanRow("立项", 10), PlanRow("开工", 20, [(1, 0)])]
        save_plan(session, plan)
    first = _plan_names(database, project_id)
    with database.sessions() as session:
        before = snapshot_milestones(session, project_id)
        plan = load_plan(session, project_id, TODAY)
        plan.remove_row(0)
        plan.insert_row(1, PlanRow("竣工", 30, [(1, 0)]))
        plan.set_calendar(CalendarKind.WORKING)
        save_plan(session, plan)
        after = snapshot_milestones(session, project_id)
    second = _plan_names(database, project_id)
    assert [name for _id, name in second] == ["开工", "竣工"]
    with database.sessions() as session:
        restore_milestones(session, before, after)
    assert _plan_names(database, project_id) == first
    with database.sessions() as session:
        assert snapshot_milestones(session, project_id).same_plan(before)
        restore_milestones(session, after, before)
        assert snapshot_milestones(session, project_id).same_plan(after)
    assert _plan_names(database, project_id) == second


def test_plan_changed_since_is_not_overwritten(database: Database) -> None:
    with database.sessions() as session:
        project = a_project(session)
        session.commit()
        project_id = project.id
        before = snapshot_milestones(session, project_id)
        plan = load_plan(session, project_id, TODAY)
        plan.rows = [PlanRow("立项", 10)]
        save_plan(session, plan)
        after = snapshot_milestones(session, project_id)
        session.scalars(select(Milestone)).one().duration_days = 15
        session.commit()
        with pytest.raises(UserError, match="此后又被修改过"):
            restore_milestones(session, before, after)


def test_report_entry_taken_back_with_the_derived_months(database: Database) -> None:
    with database.sessions() as session:
        project = a_project(session)
        session.commit()
        project_id = project.id
        save_entries(
            session, 2022, 8, [CellEntry(project_id, "month", Decimal("50"))], EntryMode.MONTH
        )
        before = snapshot_reports(session, 2022, [project_id])
        save_entries(
            session, 2022, 7, [CellEntry(project_id, "month", Decimal("30"))], EntryMode.MONTH
        )
        after = snapshot_reports(session, 2022, [project_id])

        def months() -> dict[int, Decimal | None]:
            return dict(
                session.execute(select(MonthlyReport.month, MonthlyReport.investment_year)).all()
            )

        assert months() == {7: Decimal("30.00"), 8: Decimal("80.00")}
        restore_reports(session, before, after)
        assert months() == {8: Decimal("50.00")}  # July's new report gone, August's total back
        restore_reports(session, after, before)
        assert months() == {7: Decimal("30.00"), 8: Decimal("80.00")}
        lock_month(session, 2022, 8)
        with pytest.raises(UserError, match="8月已报送"):
            restore_reports(session, before, after)
        assert months() == {7: Decimal("30.00"), 8: Decimal("80.00")}
