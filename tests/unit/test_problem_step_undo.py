"""Taking problem steps back and making them again: fields restored, records kept as withdrawn."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.infra.database import Database
from app.infra.errors import UserError
from app.problems.ledger import latest_progress, problem_detail
from app.problems.step_undo import (
    reinstate_step,
    remove_new_problem,
    restore_problem,
    take_step,
    withdraw_step,
)
from app.problems.supervision import start
from app.problems.weekly_dispatch import weekly_dispatch
from app.problems.workflow import NewProblem, add_progress, close, create_problem, escalate, move
from db.enums import ChangeAction, CoordinationLevel, ProblemState, ProblemType, SupervisionClass
from db.models import ChangeLog, Problem, ProblemProgress
from tests.support.campaigns import the_campaign
from tests.unit.factories import a_project

DAY = dt.date(2022, 7, 18)


def _new(database: Database) -> int:
    with database.sessions() as session:
        project = a_project(session)
        session.commit()
        return create_problem(
            session, NewProblem(project.id, ProblemType.LAND, "土地摘牌滞后", DAY)
        ).id


def test_progress_taken_back_stays_in_the_history_as_withdrawn(database: Database) -> None:
    problem_id = _new(database)
    with database.sessions() as session:
        session.info["operator"] = "王科员"
        step = take_step(
            session, problem_id, lambda s: add_progress(s, problem_id, "已对接自然资源局", DAY)
        )
        assert session.get_one(Problem, problem_id).state is ProblemState.IN_HAND
        assert len(step.records) == 2  # the line and the start of the handling
        withdraw_step(session, step)
        problem = session.get_one(Problem, problem_id)
        assert problem.state is ProblemState.OPEN
        assert latest_progress(session) == {}
        detail = problem_detail(session, problem_id)
        assert detail is not None
        withdrawn = [e for e in detail.timeline if e.withdrawn]
        assert {e.kind for e in withdrawn} == {"推进", "状态"}
        assert all("王科员" in e.withdrawn for e in withdrawn)
        assert (
            weekly_dispatch(session, the_campaign(session), DAY).pushed == []
        )  # a withdrawn line counts for nothing

        reinstate_step(session, step)
        assert session.get_one(Problem, problem_id).state is ProblemState.IN_HAND
        assert latest_progress(session) == {problem_id: "已对接自然资源局"}
        assert [
            line.problem_id for line in weekly_dispatch(session, the_campaign(session), DAY).pushed
        ] == [problem_id]
        marks = session.scalars(
            select(ChangeLog.new_value).where(
                ChangeLog.table_name == "problem_progress", ChangeLog.field == "withdrawn_by"
            )
        ).all()
        assert marks == ["王科员", None]  # the change log shows the undo and the redo


def test_each_step_restores_the_fields_it_changed(database: Database) -> None:
    problem_id = _new(database)
    calls = [
        lambda s: add_progress(s, problem_id, "推进中", DAY),
        lambda s: escalate(s, problem_id, "需区级协调", DAY),
        lambda s: move(s, problem_id, ProblemState.SOLVED, DAY, "已解决"),
        lambda s: close(s, problem_id, "李主任", DAY),
    ]
    with database.sessions() as session:
        steps = []
        snapshots = []
        for call in calls:
            problem = session.get_one(Problem, problem_id)
            snapshots.append((problem.state, problem.level, problem.solved_on, problem.closed_on))
            steps.append(take_step(session, problem_id, call))
        for step, before in zip(reversed(steps), reversed(snapshots), strict=True):
            withdraw_step(session, step)
            problem = session.get_one(Problem, problem_id)
            assert (problem.state, problem.level, problem.solved_on, problem.closed_on) == before
        assert session.get_one(Problem, problem_id).level is CoordinationLevel.OWN
        for step in steps:
            reinstate_step(session, step)
        problem = session.get_one(Problem, problem_id)
        assert (problem.state, problem.closed_confirmed_by) == (ProblemState.CLOSED, "李主任")


def test_a_step_is_not_taken_back_over_a_later_change(database: Database) -> None:
    problem_id = _new(database)
    with database.sessions() as session:
        step = take_step(session, problem_id, lambda s: add_progress(s, problem_id, "推进", DAY))
        move(session, problem_id, ProblemState.SOLVED, DAY, "已解决")
        with pytest.raises(UserError, match="此后又有变化（现为“已解决”"):
            withdraw_step(session, step)
        assert session.get_one(Problem, problem_id).state is ProblemState.SOLVED


def test_registration_taken_back_and_made_again_under_the_same_id(database: Database) -> None:
    problem_id = _new(database)
    with database.sessions() as session:
        copy = remove_new_problem(session, problem_id)
        assert session.get(Problem, problem_id) is None
        deleted = session.scalars(
            select(ChangeLog.table_name).where(ChangeLog.action == ChangeAction.DELETE)
        ).all()
        assert sorted(deleted) == ["problem", "problem_transition"]
        restore_problem(session, copy)
        problem = session.get_one(Problem, problem_id)
        assert problem.description == "土地摘牌滞后"
        assert [t.note for t in problem.transitions] == ["登记问题"]


def test_registration_kept_once_the_problem_was_worked_on(database: Database) -> None:
    problem_id = _new(database)
    with database.sessions() as session:
        add_progress(session, problem_id, "推进", DAY)
        with pytest.raises(UserError, match="已有办理记录"):
            remove_new_problem(session, problem_id)
    other = _new(database)
    with database.sessions() as session:
        start(session, SupervisionClass.KEY, "久拖未决", DAY, problem_id=other)
        with pytest.raises(UserError, match="已列入督办"):
            remove_new_problem(session, other)
        assert session.scalars(select(ProblemProgress)).all()  # nothing removed
