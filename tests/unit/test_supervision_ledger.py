"""督办台账: starting supervision of a problem or a project, acts, ending, unit records."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from app.infra.database import Database
from app.infra.errors import UserError
from app.problems.supervision import acts_of, add_act, end, start, supervisions, unit_records
from app.problems.workflow import NewProblem, create_problem
from db.enums import ProblemType, SupervisionClass, SupervisionForm
from tests.support.campaigns import the_campaign
from tests.unit.factories import a_project

DAY = dt.date(2022, 7, 20)


def test_problem_and_project_supervision_with_acts(database: Database) -> None:
    with database.sessions() as session:
        project = a_project(session, "博格华纳电驱项目")
        session.commit()
        problem = create_problem(
            session, NewProblem(project.id, ProblemType.LAND, "土地摘牌滞后", DAY)
        )
        on_problem = start(session, SupervisionClass.HARD, "超期未解决", DAY, problem_id=problem.id)
        with pytest.raises(UserError, match="已在督办中"):
            start(session, SupervisionClass.KEY, "again", DAY, problem_id=problem.id)
        start(session, SupervisionClass.KEY, "投资进度滞后", DAY, project_id=project.id)
        with pytest.raises(UserError, match="一个问题或一个项目"):
            start(
                session,
                SupervisionClass.KEY,
                "both",
                DAY,
                problem_id=problem.id,
                project_id=project.id,
            )
        add_act(
            session,
            on_problem.id,
            DAY,
            SupervisionForm.NOTICE,
            "下发督办单",
            "已反馈",
            "重点项目办",
        )
        add_act(
            session,
            on_problem.id,
            DAY + dt.timedelta(days=7),
            SupervisionForm.TALK,
            "约谈主要负责同志",
        )
        with pytest.raises(UserError, match="请填写约谈的内容"):
            add_act(session, on_problem.id, DAY, SupervisionForm.TALK, " ")
        with pytest.raises(UserError, match="早于督办开始日期"):
            add_act(
                session, on_problem.id, DAY - dt.timedelta(days=1), SupervisionForm.BULLETIN, "通报"
            )
        rows = supervisions(session, the_campaign(session))
        assert {(r.kind, r.subject) for r in rows} == {
            ("问题", "土地摘牌滞后"),
            ("项目", "博格华纳电驱项目"),
        }
        problem_row = next(r for r in rows if r.kind == "问题")
        assert (
            problem_row.acts == 2
            and problem_row.last_act.endswith("约谈")
            and problem_row.unit == "发改局"
        )
        assert [a.form for a in acts_of(session, on_problem.id)] == [
            SupervisionForm.NOTICE,
            SupervisionForm.TALK,
        ]
        end(session, on_problem.id, DAY + dt.timedelta(days=10))
        with pytest.raises(UserError, match="督办已结束"):
            add_act(
                session,
                on_problem.id,
                DAY + dt.timedelta(days=11),
                SupervisionForm.NOTICE,
                "再督办",
            )
        [record] = unit_records(session, the_campaign(session))
        assert (record.unit, record.items, record.ongoing, record.notices, record.talks) == (
            "发改局",
            2,
            1,
            1,
            1,
        )


def test_demo_supervisions_are_listed(demo_database: Database) -> None:
    with demo_database.sessions() as session:
        rows = supervisions(session, the_campaign(session))
        records = unit_records(session, the_campaign(session))
    assert len(rows) == 6 and {r.kind for r in rows} == {"问题", "项目"}
    assert sum(r.items for r in records) == 6


def test_acts_edited_deleted_restored_and_supervision_taken_back(database: Database) -> None:
    from app.problems.supervision import (
        ActRow,
        cancel_start,
        delete_act,
        edit_act,
        last_supervisor,
        restore_act,
        restore_supervision,
        resume,
    )

    day = dt.date(2022, 8, 1)
    with database.sessions() as session:
        project = a_project(session)
        session.commit()
        supervision_id = start(session, SupervisionClass.KEY, "滞后", day, project_id=project.id).id
        copy = cancel_start(session, supervision_id)
        assert supervisions(session, the_campaign(session)) == []
        assert restore_supervision(session, copy) == supervision_id
        act_id = add_act(
            session, supervision_id, day, SupervisionForm.NOTICE, "限期整改", by="周督查"
        )
        assert last_supervisor(session) == "周督查"
        with pytest.raises(UserError, match="已有督办记录"):
            cancel_start(session, supervision_id)
        before = edit_act(
            session, ActRow(act_id, day, SupervisionForm.TALK, "约谈负责人", "", "周督查")
        )
        assert before.content == "限期整改"
        assert [a.form for a in acts_of(session, supervision_id)] == [SupervisionForm.TALK]
        with pytest.raises(UserError, match="早于督办开始"):
            edit_act(session, dataclasses.replace(before, on=dt.date(2022, 7, 1)))
        restore_act(session, delete_act(session, act_id))
        assert [a.id for a in acts_of(session, supervision_id)] == [act_id]
        end(session, supervision_id, day)
        resume(session, supervision_id)
        assert supervisions(session, the_campaign(session))[0].ended_on is None
