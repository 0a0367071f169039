"""No lost updates: two clerks editing one project, report cell or problem (file and server)."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.infra.conflicts import OVERWRITE, VersionConflict
from app.infra.database import Database
from app.infra.errors import UserError
from app.problems.workflow import NewProblem, add_progress, move
from app.projects.edits import read_form, update_project
from app.reports.monthly_reports import CellEntry, EntryMode, save_entries
from db.enums import ProblemState, ProblemType
from db.models import MonthlyReport, Project
from tests.unit.factories import a_project


def _project(database: Database) -> int:
    with database.sessions() as session:
        project = a_project(session, "滨海大道")
        project.total_investment = Decimal("100")
        session.commit()
        return project.id


def test_a_later_save_of_a_field_changed_since_is_refused_naming_who(database: Database) -> None:
    project_id = _project(database)
    with database.sessions() as session:
        seen_by_a = read_form(session, project_id)
    with database.sessions() as session:
        session.info["operator"] = "乙"
        update_project(
            session,
            project_id,
            {"total_investment": Decimal("200")},
            read_form(session, project_id),
        )
    with database.sessions() as session, pytest.raises(VersionConflict) as caught:
        session.info["operator"] = "甲"
        update_project(session, project_id, {"total_investment": Decimal("300")}, seen_by_a)
    conflict = caught.value
    assert conflict.who == "乙" and "已被乙于" in conflict.message
    assert [(d.label, d.theirs, d.mine) for d in conflict.differences] == [
        ("总投资（万元）", "200.00", "300.00")
    ]
    with database.sessions() as session:
        assert session.get(Project, project_id).total_investment == Decimal("200")  # type: ignore[union-attr]
        # The clerk chose 用我的覆盖: the same work again, marked.
        session.info[OVERWRITE] = True
        update_project(session, project_id, {"total_investment": Decimal("300")}, seen_by_a)
    with database.sessions() as session:
        assert session.get(Project, project_id).total_investment == Decimal("300")  # type: ignore[union-attr]


def test_changes_to_different_fields_are_both_kept(database: Database) -> None:
    project_id = _project(database)
    with database.sessions() as session:
        seen_by_a = read_form(session, project_id)
    with database.sessions() as session:
        update_project(session, project_id, {"location": "东区"}, read_form(session, project_id))
    with database.sessions() as session:
        update_project(session, project_id, {"total_investment": Decimal("300")}, seen_by_a)
    with database.sessions() as session:
        project = session.get(Project, project_id)
        assert project is not None
        assert (project.location, project.total_investment) == ("东区", Decimal("300"))


def _save_cell(session: Session, project_id: int, value: Decimal, seen: Decimal | None) -> None:
    entry = CellEntry(project_id, "month", value, seen, compare=True)
    save_entries(session, 2022, 7, [entry], EntryMode.MONTH)


def test_a_report_cell_saved_by_another_clerk_is_not_overwritten(database: Database) -> None:
    project_id = _project(database)
    with database.sessions() as session:
        session.info["operator"] = "乙"
        _save_cell(session, project_id, Decimal("5"), seen=None)
    with database.sessions() as session, pytest.raises(VersionConflict) as caught:
        # 甲's grid still showed the cell empty.
        _save_cell(session, project_id, Decimal("8"), seen=None)
    assert [(d.theirs, d.mine) for d in caught.value.differences] == [("5.00", "8.00")]
    with database.sessions() as session:
        stored = session.scalar(select(MonthlyReport.investment_month))
        assert stored == Decimal("5.00")
        # Typing over what the grid showed (5) is an ordinary edit.
        _save_cell(session, project_id, Decimal("8"), seen=Decimal("5.00"))
        assert session.scalar(select(MonthlyReport.investment_month)) == Decimal("8.00")


def test_problem_steps_are_checked_against_the_state_at_the_moment(database: Database) -> None:
    project_id = _project(database)
    from app.problems.workflow import create_problem

    with database.sessions() as session:
        problem = create_problem(
            session,
            NewProblem(project_id, ProblemType.LAND, "用地未落实", dt.date(2022, 6, 1)),
        )
        problem_id = problem.id
        add_progress(session, problem_id, "已对接", dt.date(2022, 6, 2))
    # Both clerks saw 办理中; 甲 puts it on hold, then 乙's 解决 must meet 暂缓, not 办理中.
    with database.sessions() as session:
        move(session, problem_id, ProblemState.ON_HOLD, dt.date(2022, 6, 3), "等规划")
    with database.sessions() as session, pytest.raises(UserError, match="暂缓"):
        move(session, problem_id, ProblemState.SOLVED, dt.date(2022, 6, 3))


def test_two_concurrent_steps_on_one_problem_take_turns_on_the_server(database: Database) -> None:
    if not database.on_server:
        pytest.skip("SQLite has one writer: concurrent transactions cannot happen")
    project_id = _project(database)
    from app.problems.workflow import create_problem

    with database.sessions() as session:
        problem_id = create_problem(
            session, NewProblem(project_id, ProblemType.LAND, "拆迁", dt.date(2022, 6, 1))
        ).id
        add_progress(session, problem_id, "已对接", dt.date(2022, 6, 2))
    first = database.sessions()
    # 甲's step holds the row (uncommitted) while 乙 tries another step from the same state.
    from db.models import Problem

    held = first.get(Problem, problem_id, with_for_update=True)
    assert held is not None
    outcome: list[object] = []

    def second() -> None:
        with database.sessions() as session:
            try:
                move(session, problem_id, ProblemState.ON_HOLD, dt.date(2022, 6, 3), "等")
                outcome.append("moved")
            except UserError as exc:
                outcome.append(exc)

    thread = threading.Thread(target=second)
    thread.start()
    thread.join(0.5)
    assert thread.is_alive()  # waiting for 甲's row lock, not deciding on a stale state
    held.state = ProblemState.SOLVED
    held.solved_on = dt.date(2022, 6, 3)
    first.commit()
    first.close()
    thread.join(10)
    assert len(outcome) == 1 and isinstance(outcome[0], UserError)
    assert "已解决" in str(outcome[0])
