"""The demo campaign: the Tianjin seed's 126 projects in seven lists, and everything around them."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.demo.install import create_demo_database, is_demo_file
from app.infra.database import Database, open_database
from app.infra.errors import UserError
from db.enums import CoordinationLevel, ProblemState, ProblemType
from db.models import (
    Campaign,
    Milestone,
    MonthlyReport,
    Problem,
    Project,
    ProjectList,
    Supervision,
)
from tests.support.present import present

EXPECTED_LISTS = [
    ("谋划攻坚项目", 12),
    ("招商实体转化项目", 21),
    ("力促开工项目", 13),
    ("竣工投产项目", 16),
    ("加快建设项目", 35),
    ("房地产项目", 15),
    ("已发行专项债项目", 14),
]


def test_campaign_and_seven_lists_with_the_seed_counts(demo_database: Database) -> None:
    with demo_database.sessions() as session:
        campaign = session.scalars(select(Campaign)).one()
        assert campaign.name == "2022年重点项目百日攻坚行动"
        assert (campaign.start_date.isoformat(), campaign.end_date.isoformat()) == (
            "2022-05-24",
            "2022-08-31",
        )
        counts = session.execute(
            select(ProjectList.name, func.count(Project.id))
            .join(Project, Project.list_id == ProjectList.id)
            .group_by(ProjectList.id)
            .order_by(ProjectList.number)
        ).all()
        assert [tuple(row) for row in counts] == EXPECTED_LISTS
        assert session.scalar(select(func.count(Project.id))) == 126


def test_every_project_has_milestones_and_reports_january_to_july(demo_database: Database) -> None:
    with demo_database.sessions() as session:
        projects = session.scalars(select(Project)).all()
        for project in projects:
            milestones = session.scalars(
                select(Milestone).where(Milestone.project_id == project.id)
            ).all()
            assert len(milestones) >= 4, project.name
            assert all(m.planned_start and m.planned_finish for m in milestones)
            assert all(m.planned_start <= m.planned_finish for m in milestones)  # type: ignore[operator]
            months = session.scalars(
                select(MonthlyReport.month).where(MonthlyReport.project_id == project.id)
            ).all()
            assert sorted(months) == [1, 2, 3, 4, 5, 6, 7]
            assert project.annual_plan is not None and project.total_investment is not None
            assert project.annual_plan <= project.total_investment


def test_problems_cover_every_state_type_and_level(demo_database: Database) -> None:
    with demo_database.sessions() as session:
        problems = session.scalars(select(Problem)).all()
        assert 50 <= len(problems) <= 70
        assert {p.state for p in problems} == set(ProblemState)
        assert {p.type for p in problems} == set(ProblemType)
        assert {p.level for p in problems} == set(CoordinationLevel)
        for problem in problems:
            if problem.state is ProblemState.CLOSED:
                assert problem.closed_on and problem.closed_confirmed_by and problem.solved_on
            assert problem.transitions[-1].to_state is problem.state
        assert present(session.scalar(select(func.count(Supervision.id)))) >= 3


def test_demo_is_deterministic(demo_master: Path, tmp_path: Path) -> None:
    again = create_demo_database(tmp_path / "again.db")

    def fingerprint(path: Path) -> str:
        database = open_database(path)
        with database.sessions() as session:
            rows = session.execute(
                select(
                    Project.code, Project.name, Project.total_investment, Project.annual_plan
                ).order_by(Project.id)
            ).all()
        database.close()
        return hashlib.sha256(repr(rows).encode()).hexdigest()

    assert fingerprint(again) == fingerprint(demo_master)


def test_demo_never_overwrites_a_clerks_database(database: Database) -> None:
    assert database.path is not None
    with pytest.raises(UserError, match="不是示例数据库"):
        create_demo_database(database.path)


def test_demo_replaces_an_earlier_demo_file(demo_path: Path) -> None:
    assert is_demo_file(demo_path)
    create_demo_database(demo_path)
    assert is_demo_file(demo_path)
    assert not list(demo_path.parent.glob("*.building*"))
