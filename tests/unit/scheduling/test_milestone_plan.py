"""The milestone editor's logic: typed dates and predecessors, live recompute, one-shot save."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.infra.database import Database
from app.infra.errors import UserError
from app.schedule.milestone_plan import (
    PlanRow,
    load_plan,
    parse_predecessors,
    predecessors_text,
    save_plan,
)
from app.schedule.project_schedules import apply_template
from app.values.date_text import parse_date
from db.enums import MilestoneState
from db.models import Milestone, MilestoneDependency, MilestoneTemplate
from tests.support.present import present
from tests.unit.factories import a_project

TODAY = dt.date(2022, 6, 1)


@pytest.mark.parametrize(
    "text",
    [
        "2022-10-10",
        "2022/10/10",
        "2022.10.10",
        "2022年10月10日",
        "20221010",
        "２０２２－１０－１０",
        " 2022-10-10 ",
    ],
)
def test_dates_as_clerks_type_them(text: str) -> None:
    assert parse_date(text) == dt.date(2022, 10, 10)


def test_blank_date_is_none_and_nonsense_is_refused_by_name() -> None:
    assert parse_date("  ") is None
    with pytest.raises(UserError, match="目标日期「十月」无法识别"):
        parse_date("十月", field="目标日期")
    with pytest.raises(UserError, match="无法识别"):
        parse_date("2022-02-30")


def test_predecessor_syntax() -> None:
    assert parse_predecessors("1, 3+5，2-1", own=4, count=5) == [(1, 0), (3, 5), (2, -1)]
    assert predecessors_text([(1, 0), (3, 5), (2, -1)]) == "1, 3+5, 2-1"
    with pytest.raises(UserError, match="没有第 9 个节点"):
        parse_predecessors("9", own=1, count=5)
    with pytest.raises(UserError, match="不能以它自己"):
        parse_predecessors("2", own=2, count=5)
    with pytest.raises(UserError, match="「a」无法识别"):
        parse_predecessors("a", own=2, count=5)


def _project_with_template(database: Database) -> int:
    with database.sessions() as session:
        project = a_project(session)
        session.commit()
        template = session.scalars(
            select(MilestoneTemplate).where(MilestoneTemplate.name == "竣工投产")
        ).one()
        apply_template(session, project.id, template.id, dt.date(2022, 12, 31), TODAY)
        return project.id


def test_typing_a_duration_recomputes_the_dates_before_anything_is_saved(
    database: Database,
) -> None:
    project_id = _project_with_template(database)
    with database.sessions() as session:
        plan = load_plan(session, project_id, TODAY)
    assert [row.name for row in plan.rows] == ["主体完工", "设备安装调试", "竣工联合验收", "投产"]
    before = plan.rows[0].timing
    assert before is not None and before.latest_start == dt.date(2022, 8, 28)
    plan.rows[1].duration += 10
    plan.recompute()
    assert plan.rows[0].timing is not None
    assert plan.rows[0].timing.latest_start == dt.date(2022, 8, 18)
    with database.sessions() as session:  # nothing stored yet
        first = session.scalars(
            select(Milestone).where(Milestone.project_id == project_id, Milestone.seq == 1)
        ).one()
        assert first.planned_start == dt.date(2022, 8, 28)


def test_a_cycle_is_reported_and_cannot_be_saved(database: Database) -> None:
    project_id = _project_with_template(database)
    with database.sessions() as session:
        plan = load_plan(session, project_id, TODAY)
        plan.rows[0].predecessors = [(4, 0)]
        plan.recompute()
        assert plan.problem is not None and "循环依赖" in plan.problem
        assert all(row.timing is None for row in plan.rows)
        with pytest.raises(UserError, match="循环依赖"):
            save_plan(session, plan)


def test_saving_adds_removes_reorders_and_relinks(database: Database) -> None:
    project_id = _project_with_template(database)
    with database.sessions() as session:
        plan = load_plan(session, project_id, TODAY)
        plan.rows.insert(2, PlanRow("消防验收", 10, predecessors=[(2, 0)]))
        plan.rows[3].predecessors = [(3, 2)]  # 竣工联合验收 after 消防验收 + 2 days
        del plan.rows[4]  # drop 投产
        plan.rows[3].target = dt.date(2022, 12, 20)
        plan.rows[0].actual_start = dt.date(2022, 6, 1)
        save_plan(session, plan)
    with database.sessions() as session:
        stored = list(
            session.scalars(
                select(Milestone).where(Milestone.project_id == project_id).order_by(Milestone.seq)
            )
        )
        links = session.execute(
            select(
                MilestoneDependency.predecessor_id,
                MilestoneDependency.successor_id,
                MilestoneDependency.lag_days,
            )
        ).all()
    assert [m.name for m in stored] == ["主体完工", "设备安装调试", "消防验收", "竣工联合验收"]
    assert stored[0].state is MilestoneState.IN_PROGRESS
    assert stored[-1].planned_finish == dt.date(2022, 12, 20)
    ids = [m.id for m in stored]
    assert sorted(links) == sorted([(ids[0], ids[1], 0), (ids[1], ids[2], 0), (ids[2], ids[3], 2)])
    # 消防验收 (10 days) must end 3 days before 竣工联合验收 starts (lag 2 + 1).
    assert stored[2].planned_finish == present(stored[3].planned_start) - dt.timedelta(days=3)


def test_unnamed_or_backwards_actuals_are_refused(database: Database) -> None:
    project_id = _project_with_template(database)
    with database.sessions() as session:
        plan = load_plan(session, project_id, TODAY)
        plan.rows[1].name = " "
        with pytest.raises(UserError, match="第 2 个节点没有名称"):
            save_plan(session, plan)
        plan.rows[1].name = "设备安装调试"
        plan.rows[0].actual_start, plan.rows[0].actual_finish = (
            dt.date(2022, 7, 1),
            dt.date(2022, 6, 1),
        )
        with pytest.raises(UserError, match="实际完成早于实际开始"):
            save_plan(session, plan)


def test_inserting_removing_and_moving_rows_keep_the_links_right(database: Database) -> None:
    project_id = _project_with_template(database)
    with database.sessions() as session:
        plan = load_plan(session, project_id, TODAY)
    names = lambda: [r.name for r in plan.rows]  # noqa: E731
    links = lambda: [r.predecessors for r in plan.rows]  # noqa: E731
    assert links() == [[], [(1, 0)], [(2, 0)], [(3, 0)]]
    plan.insert_row(1, PlanRow("设备采购", 30))
    assert names() == ["主体完工", "设备采购", "设备安装调试", "竣工联合验收", "投产"]
    assert links() == [[], [], [(1, 0)], [(3, 0)], [(4, 0)]]
    plan.remove_row(2)  # 设备安装调试: its successor loses the link
    assert links() == [[], [], [], [(3, 0)]]
    plan.move_row(3, -1)  # 投产 above 竣工联合验收
    assert names() == ["主体完工", "设备采购", "投产", "竣工联合验收"]
    assert links() == [[], [], [(4, 0)], []]


def test_working_day_calendar_choice_is_saved_with_the_plan(database: Database) -> None:
    from db.enums import CalendarKind
    from db.models import Project

    project_id = _project_with_template(database)
    with database.sessions() as session:
        plan = load_plan(session, project_id, TODAY)
        plan.use_template_steps(
            [("施工许可", "审批", 5), ("开工", "开工", 1)], dt.date(2022, 10, 10)
        )
        plan.set_calendar(CalendarKind.WORKING)
        assert plan.rows[0].timing is not None
        assert plan.rows[0].timing.latest_finish == dt.date(2022, 10, 9)  # the 调休 Sunday
        save_plan(session, plan)
        assert session.get(Project, project_id).calendar is CalendarKind.WORKING  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "days"), [("45", 45), ("４５", 45), ("45天", 45), (" 0 ", 0)])
def test_day_counts_as_clerks_type_them(text: str, days: int) -> None:
    from app.values.date_text import parse_days

    assert parse_days(text) == days


@pytest.mark.parametrize(("text", "message"), [("四十五", "应为整数天数"), ("4000", "不合理")])
def test_bad_day_counts_are_refused(text: str, message: str) -> None:
    from app.values.date_text import parse_days

    with pytest.raises(UserError, match=message):
        parse_days(text)
