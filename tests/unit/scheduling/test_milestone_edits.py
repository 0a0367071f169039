"""Chart edits: moving a target and changing a duration reschedule and are logged."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.infra.database import Database
from app.infra.errors import UserError
from app.schedule.milestone_edits import set_duration, set_target, snapshot
from app.schedule.project_schedules import apply_template
from db.enums import ChangeAction
from db.models import ChangeLog, Milestone, MilestoneTemplate
from tests.support.present import present
from tests.unit.factories import a_project

TODAY = dt.date(2022, 6, 1)


def _laid_out(database: Database) -> list[int]:
    with database.sessions() as session:
        project = a_project(session)
        session.commit()
        template = session.scalars(
            select(MilestoneTemplate).where(MilestoneTemplate.name == "竣工投产")
        ).one()
        apply_template(session, project.id, template.id, dt.date(2022, 12, 31), TODAY)
        return list(
            session.scalars(
                select(Milestone.id)
                .where(Milestone.project_id == project.id)
                .order_by(Milestone.seq)
            )
        )


def test_moving_the_target_moves_the_whole_chain_and_undo_restores_it(database: Database) -> None:
    ids = _laid_out(database)
    with database.sessions() as session:
        before = [snapshot(session, i) for i in ids]
        moved = set_target(session, ids[-1], dt.date(2023, 1, 10), TODAY)
        assert moved.planned_finish == dt.date(2023, 1, 10)
        start = present(before[0].planned_start)
        assert snapshot(session, ids[0]).planned_start == start + dt.timedelta(days=10)
        set_target(session, ids[-1], before[-1].target, TODAY)  # undo
        assert [snapshot(session, i) for i in ids] == before
        changes = session.scalars(
            select(ChangeLog).where(
                ChangeLog.field == "target_date", ChangeLog.action == ChangeAction.UPDATE
            )
        ).all()
    assert [(c.old_value, c.new_value) for c in changes] == [
        ("2022-12-31", "2023-01-10"),
        ("2023-01-10", "2022-12-31"),
    ]


def test_a_target_later_than_the_chain_allows_changes_nothing(database: Database) -> None:
    ids = _laid_out(database)
    with database.sessions() as session:
        before = snapshot(session, ids[0])
        later = present(before.planned_finish) + dt.timedelta(days=30)
        after = set_target(session, ids[0], later, TODAY)
    assert after.planned_finish == before.planned_finish  # its successors still bound it


def test_lengthening_a_milestone_starts_the_earlier_ones_sooner(database: Database) -> None:
    ids = _laid_out(database)
    with database.sessions() as session:
        first = snapshot(session, ids[0])
        set_duration(session, ids[1], snapshot(session, ids[1]).duration + 5, TODAY)
        sooner = present(first.planned_start) - dt.timedelta(days=5)
        assert snapshot(session, ids[0]).planned_start == sooner
        with pytest.raises(UserError, match="不能为负数"):
            set_duration(session, ids[1], -1, TODAY)
