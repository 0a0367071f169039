"""Templates applied backwards from a target, rescheduling after edits, bulk schedules."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.infra.database import Database
from app.infra.errors import UserError
from app.schedule.project_schedules import apply_template, load_schedules, reschedule_project
from db.enums import CalendarKind
from db.models import Milestone, MilestoneTemplate, Project
from tests.support.present import present
from tests.unit.factories import a_project

TODAY = dt.date(2022, 6, 1)


def _template(session: object, name: str) -> MilestoneTemplate:
    return session.scalars(select(MilestoneTemplate).where(MilestoneTemplate.name == name)).one()  # type: ignore[attr-defined]


def test_new_database_has_the_default_templates(database: Database) -> None:
    with database.sessions() as session:
        names = [step.name for step in _template(session, "力促开工").steps]
    assert names == [
        "立项备案",
        "用地预审与规划选址",
        "土地摘牌",
        "环评批复",
        "工程规划许可",
        "施工图审查",
        "施工许可",
        "开工",
    ]


def test_applying_a_template_lays_it_out_backwards_from_the_target(database: Database) -> None:
    with database.sessions() as session:
        project = a_project(session)
        session.commit()
        template = _template(
            session, "竣工投产"
        )  # 主体完工 60 → 设备安装调试 45 → 竣工联合验收 20 → 投产 1
        result = apply_template(session, project.id, template.id, dt.date(2022, 12, 31), TODAY)
        milestones = list(
            session.scalars(
                select(Milestone).where(Milestone.project_id == project.id).order_by(Milestone.seq)
            )
        )
    assert [m.name for m in milestones] == ["主体完工", "设备安装调试", "竣工联合验收", "投产"]
    assert [(m.planned_start, m.planned_finish) for m in milestones] == [
        (dt.date(2022, 8, 28), dt.date(2022, 10, 26)),
        (dt.date(2022, 10, 27), dt.date(2022, 12, 10)),
        (dt.date(2022, 12, 11), dt.date(2022, 12, 30)),
        (dt.date(2022, 12, 31), dt.date(2022, 12, 31)),
    ]
    assert milestones[-1].target_date == dt.date(2022, 12, 31)
    # Started on 6/1, 主体完工 would end 7/30, 88 days before its latest finish 10/26.
    assert [timing.slack for timing in result.timings.values()] == [88, 88, 88, 88]


def test_applying_over_existing_milestones_needs_replace(database: Database) -> None:
    with database.sessions() as session:
        project = a_project(session)
        session.commit()
        template = _template(session, "加快建设")
        apply_template(session, project.id, template.id, dt.date(2023, 12, 31), TODAY)
        with pytest.raises(UserError, match="已有 5 个节点"):
            apply_template(session, project.id, template.id, dt.date(2023, 6, 30), TODAY)
        apply_template(session, project.id, template.id, dt.date(2023, 6, 30), TODAY, replace=True)
        finishes = session.scalars(
            select(Milestone.planned_finish).where(Milestone.project_id == project.id)
        ).all()
    assert max(present(f) for f in finishes) == dt.date(2023, 6, 30) and len(finishes) == 5


def test_editing_a_duration_and_rescheduling_moves_the_earlier_milestones(
    database: Database,
) -> None:
    with database.sessions() as session:
        project = a_project(session)
        session.commit()
        apply_template(
            session, project.id, _template(session, "加快建设").id, dt.date(2023, 12, 31), TODAY
        )
        first, second = session.scalars(
            select(Milestone)
            .where(Milestone.project_id == project.id)
            .order_by(Milestone.seq)
            .limit(2)
        ).all()
        before = first.planned_start
        second.duration_days += 30
        reschedule_project(session, project.id, TODAY)
        session.commit()
        assert first.planned_start == present(before) - dt.timedelta(days=30)


def test_working_day_project_is_scheduled_in_working_days(database: Database) -> None:
    with database.sessions() as session:
        project = a_project(session)
        project.calendar = CalendarKind.WORKING
        session.commit()
        result = apply_template(
            session, project.id, _template(session, "力促开工").id, dt.date(2022, 10, 10), TODAY
        )
        last = session.scalars(
            select(Milestone)
            .where(Milestone.project_id == project.id)
            .order_by(Milestone.seq.desc())
            .limit(1)
        ).one()
    assert result.unit == "工作日"
    # 开工 (1 working day) due Monday 10/10; 施工许可 (10 working days) ends the working day before:
    # Sunday 10/9, a 调休 working day of the National Day holiday.
    assert last.planned_finish == dt.date(2022, 10, 10)
    assert result.timings[last.id - 1].latest_finish == dt.date(2022, 10, 9)


def test_bulk_schedules_of_the_demo_show_late_projects(demo_database: Database) -> None:
    with demo_database.sessions() as session:
        schedules = load_schedules(session, dt.date(2022, 7, 31))
        project_count = session.query(Project).count()
    assert len(schedules) == project_count == 126
    slacks = [
        t.slack for s in schedules.values() for t in s.timings.values() if t.slack is not None
    ]
    assert any(slack < 0 for slack in slacks) and any(slack > 0 for slack in slacks)
