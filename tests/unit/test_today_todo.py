"""今日待办: what is overdue or due this week, and which units have the most overdue problems."""

from __future__ import annotations

import datetime as dt

from app.campaign.today_todo import today_todo
from app.infra.database import Database
from app.problems.workflow import NewProblem, create_problem
from db.enums import ProblemType
from tests.support.campaigns import the_campaign
from tests.unit.factories import a_project

WEDNESDAY = dt.date(2022, 7, 20)


def test_problems_are_sorted_into_overdue_and_due_this_week(database: Database) -> None:
    with database.sessions() as session:
        project = a_project(session, "空港三期津北路西延线")
        session.commit()

        def problem(text: str, deadline: dt.date) -> int:
            new = NewProblem(project.id, ProblemType.LAND, text, dt.date(2022, 7, 1), deadline)
            return create_problem(session, new).id

        late = problem("土地摘牌滞后", dt.date(2022, 7, 15))
        due = problem("施工许可待办", dt.date(2022, 7, 24))  # Sunday of this week
        problem("环评待批", dt.date(2022, 7, 25))  # next week: in neither list
        todo = today_todo(session, the_campaign(session), WEDNESDAY)
    assert [(i.target, i.id) for i in todo.overdue_problems] == [("problem", late)]
    assert todo.overdue_problems[0].text == "空港三期津北路西延线：土地摘牌滞后（逾期 5 天）"
    assert [i.id for i in todo.problems_due] == [due]
    assert todo.totals["overdue_problems"] == 1 and todo.totals["problems_due"] == 1


def test_demo_has_late_milestones_and_units_ranked(demo_database: Database) -> None:
    with demo_database.sessions() as session:
        todo = today_todo(session, the_campaign(session), dt.date(2022, 8, 31))
    assert todo.late_milestones and all(i.target == "project" for i in todo.late_milestones)
    assert "晚" in todo.late_milestones[0].text
    counts = [int(i.text.split("逾期问题 ")[1].split(" ")[0]) for i in todo.units]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0
