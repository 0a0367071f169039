"""问题台账 workflow: every allowed and refused transition, closing, reopening, escalation."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from sqlalchemy import func, select

from app.infra.database import Database
from app.infra.errors import UserError
from app.problems.ledger import problem_detail
from app.problems.workflow import (
    ALLOWED,
    NewProblem,
    add_progress,
    close,
    create_problem,
    escalate,
    move,
    reopen,
)
from app.schedule.warning_colours import is_overdue
from db.enums import CoordinationLevel, ProblemState, ProblemType, UnitKind
from db.models import Problem, ProblemTransition
from tests.unit.factories import a_project

S = ProblemState
DAY = dt.date(2022, 7, 18)


def _problem_in(database: Database, state: ProblemState) -> int:
    with database.sessions() as session:
        project = a_project(session)
        session.commit()
        problem = create_problem(
            session,
            NewProblem(
                project.id, ProblemType.LAND, "土地摘牌滞后", DAY, DAY + dt.timedelta(days=30)
            ),
        )
        problem.state = state
        if state in (S.SOLVED, S.CLOSED):
            problem.solved_on = DAY
        if state is S.CLOSED:
            problem.closed_on, problem.closed_confirmed_by = DAY, "李主任"
        session.commit()
        return problem.id


def _attempt(database: Database, problem_id: int, after: ProblemState) -> None:
    with database.sessions() as session:
        before = session.get(Problem, problem_id).state  # type: ignore[union-attr]
        if after is S.CLOSED:
            close(session, problem_id, "李主任", DAY + dt.timedelta(days=1))
        elif (before, after) == (S.CLOSED, S.SOLVED):
            reopen(session, problem_id, "复核发现未落实", DAY + dt.timedelta(days=1))
        else:
            move(session, problem_id, after, DAY + dt.timedelta(days=1), note="说明原因")


@pytest.mark.parametrize(("before", "after"), [p for p in itertools.product(S, S) if p[0] != p[1]])
def test_every_transition_is_allowed_or_refused_with_a_reason(
    database: Database, before: ProblemState, after: ProblemState
) -> None:
    problem_id = _problem_in(database, before)
    with database.sessions() as session:
        transitions_before = session.scalar(select(func.count(ProblemTransition.id)))
    if (before, after) in ALLOWED:
        _attempt(database, problem_id, after)
        with database.sessions() as session:
            problem = session.get(Problem, problem_id)
            assert problem is not None and problem.state is after
            last = problem.transitions[-1]
            assert (last.from_state, last.to_state) == (before, after)
            assert last.on == DAY + dt.timedelta(days=1) and last.operator == "测试员" and last.note
    else:
        with pytest.raises(UserError) as refused:
            _attempt(database, problem_id, after)
        assert refused.value.message  # says why, in Chinese
        with database.sessions() as session:
            assert session.get(Problem, problem_id).state is before  # type: ignore[union-attr]
            assert session.scalar(select(func.count(ProblemTransition.id))) == transitions_before


def test_closing_needs_the_solved_state_a_confirmer_and_a_sane_date(database: Database) -> None:
    in_hand = _problem_in(database, S.IN_HAND)
    solved = _problem_in(database, S.SOLVED)
    with database.sessions() as session:
        with pytest.raises(UserError, match="只有“已解决”的问题才能销号"):
            close(session, in_hand, "李主任", DAY)
        with pytest.raises(UserError, match="确认人"):
            close(session, solved, "  ", DAY)
        with pytest.raises(UserError, match="早于解决日期"):
            close(session, solved, "李主任", DAY - dt.timedelta(days=1))
        closed = close(session, solved, "李主任", DAY)
        assert (closed.closed_on, closed.closed_confirmed_by) == (DAY, "李主任")


def test_reopening_needs_a_reason_and_keeps_both_records(database: Database) -> None:
    problem_id = _problem_in(database, S.CLOSED)
    with database.sessions() as session:
        with pytest.raises(UserError, match="需要说明原因"):
            reopen(session, problem_id, " ", DAY)
        problem = reopen(session, problem_id, "验收不合格", DAY)
        assert problem.state is S.SOLVED and problem.closed_on is None
        assert problem.transitions[-1].note == "撤销销号：验收不合格"


def test_hold_and_rehandling_need_reasons(database: Database) -> None:
    open_id = _problem_in(database, S.OPEN)
    solved_id = _problem_in(database, S.SOLVED)
    with database.sessions() as session:
        with pytest.raises(UserError, match="暂缓需要说明原因"):
            move(session, open_id, S.ON_HOLD, DAY)
        held = move(session, open_id, S.ON_HOLD, DAY, note="企业调整投资计划")
        assert held.hold_reason == "企业调整投资计划"
        with pytest.raises(UserError, match="重新办理需要说明原因"):
            move(session, solved_id, S.IN_HAND, DAY)


def test_escalation_one_level_at_a_time_and_back(database: Database) -> None:
    problem_id = _problem_in(database, S.IN_HAND)
    with database.sessions() as session:
        with pytest.raises(UserError, match="已是最低协调层级"):
            escalate(session, problem_id, "试试", DAY, down=True)
        with pytest.raises(UserError, match="需要说明原因"):
            escalate(session, problem_id, "", DAY)
        escalate(session, problem_id, "本级协调未果", DAY)
        problem = escalate(session, problem_id, "涉及市级审批", DAY)
        assert problem.level is CoordinationLevel.CITY
        with pytest.raises(UserError, match="已是最高协调层级（新区/市），不能再上报"):
            escalate(session, problem_id, "再上报", DAY)
        problem = escalate(session, problem_id, "市里已明确由区里办理", DAY, down=True)
        assert problem.level is CoordinationLevel.DISTRICT
        assert [(e.from_level, e.to_level) for e in problem.escalations] == [
            (CoordinationLevel.OWN, CoordinationLevel.DISTRICT),
            (CoordinationLevel.DISTRICT, CoordinationLevel.CITY),
            (CoordinationLevel.CITY, CoordinationLevel.DISTRICT),
        ]


def test_solved_problems_are_not_escalated(database: Database) -> None:
    problem_id = _problem_in(database, S.SOLVED)
    with database.sessions() as session, pytest.raises(UserError, match="无需再上报"):
        escalate(session, problem_id, "原因", DAY)


def test_first_progress_starts_the_handling(database: Database) -> None:
    problem_id = _problem_in(database, S.OPEN)
    with database.sessions() as session:
        with pytest.raises(UserError, match="请填写推进情况"):
            add_progress(session, problem_id, "   ", DAY)
        problem = add_progress(session, problem_id, "已召开专题协调会，\n明确责任分工", DAY)
        assert problem.state is S.IN_HAND
        assert problem.progress_entries[-1].text == "已召开专题协调会， 明确责任分工"
        assert problem.transitions[-1].note == "开始办理"


def test_history_reads_in_the_order_it_happened(database: Database) -> None:
    """办理过程: oldest first; one day's entries in the order they were recorded (issue 14)."""
    problem_id = _problem_in(database, S.OPEN)
    later = DAY + dt.timedelta(days=3)
    with database.sessions() as session:
        add_progress(session, problem_id, "已召开专题协调会", DAY)
        escalate(session, problem_id, "需区政府协调资金", DAY)
        add_progress(session, problem_id, "区政府专题会已研究", later)
        move(session, problem_id, S.SOLVED, later, note="资金已到位")
        detail = problem_detail(session, problem_id)
    assert detail is not None
    assert [(e.on, e.kind, e.text) for e in detail.timeline] == [
        (DAY, "状态", "待办：登记问题"),
        (DAY, "推进", "已召开专题协调会"),
        (DAY, "状态", "待办 → 办理中：开始办理"),
        (DAY, "协调", "本级 → 管委会/区政府：需区政府协调资金"),
        (later, "推进", "区政府专题会已研究"),
        (later, "状态", "办理中 → 已解决：资金已到位"),
    ]


def test_a_typed_responsible_unit_is_found_or_made(database: Database) -> None:
    with database.sessions() as session:
        project = a_project(session)  # its unit is 发改局
        session.commit()
        first = create_problem(
            session,
            NewProblem(project.id, ProblemType.LAND, "用地", DAY, lead_unit_name="发改局"),
        )
        second = create_problem(
            session,
            NewProblem(project.id, ProblemType.LAND, "规划", DAY, lead_unit_name="规划分局"),
        )
        assert first.lead_unit is not None and first.lead_unit.id == project.lead_unit_id
        assert second.lead_unit is not None and second.lead_unit.name == "规划分局"
        assert second.lead_unit.kind is UnitKind.RESPONSIBLE


def test_new_problem_is_checked(database: Database) -> None:
    with database.sessions() as session:
        project = a_project(session)
        session.commit()
        with pytest.raises(UserError, match="请填写问题表述"):
            create_problem(session, NewProblem(project.id, ProblemType.FUNDING, " ", DAY))
        with pytest.raises(UserError, match="早于提出时间"):
            create_problem(
                session,
                NewProblem(
                    project.id, ProblemType.FUNDING, "资金", DAY, DAY - dt.timedelta(days=1)
                ),
            )
        with pytest.raises(UserError, match="请选择问题所属的项目"):
            create_problem(session, NewProblem(99999, ProblemType.FUNDING, "资金", DAY))


@pytest.mark.parametrize(
    ("today", "state", "late"),
    [
        (DAY - dt.timedelta(days=1), S.IN_HAND, False),
        (DAY, S.IN_HAND, False),  # due today is not late yet
        (DAY + dt.timedelta(days=1), S.IN_HAND, True),
        (DAY + dt.timedelta(days=1), S.OPEN, True),
        (DAY + dt.timedelta(days=1), S.SOLVED, False),
        (DAY + dt.timedelta(days=1), S.CLOSED, False),
    ],
)
def test_overdue_around_the_deadline_day(today: dt.date, state: ProblemState, late: bool) -> None:
    assert is_overdue(state, DAY, today) is late
    assert is_overdue(state, None, today) is False
