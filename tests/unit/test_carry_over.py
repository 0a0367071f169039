"""结转: unfinished projects go on into next year's campaign; last year's stays as it was."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.campaign.carry_over import carry_candidates, carry_over, create_with_carry_over
from app.campaign.choice import latest_campaign
from app.campaign.setup import CampaignForm, parse_form, proposed_form
from app.exchange.export_city import export_scope
from app.exchange.export_json import export_json
from app.infra.database import Database
from app.infra.errors import UserError
from app.problems.ledger import load_ledger
from app.projects.cards import read_cards
from app.schedule.warning_colours import WarningSettings
from app.statistics.month_statistics import month_statistics
from app.statistics.rates import Month
from db.enums import MilestoneState, ProblemState
from db.models import Milestone, MilestoneDependency, MonthlyReport, Problem, Project

TODAY = dt.date(2023, 1, 10)


def _next_year(database: Database, ids: list[int]) -> int:
    with database.sessions() as session:
        form = CampaignForm(name="2023年重点项目攻坚", start="2023-01-01", end="2023-12-31")
        form.lists = proposed_form(session, TODAY).lists
        setup = parse_form(session, form, None)
        campaign_id, _result = create_with_carry_over(session, setup, ids, TODAY)
    return campaign_id


def test_unfinished_projects_are_proposed(demo_database: Database) -> None:
    with demo_database.reading() as session:
        old = latest_campaign(session)
        assert old is not None
        candidates = carry_candidates(session, old.id)
    assert len(candidates) == 126
    unfinished = [c for c in candidates if c.unfinished]
    assert 0 < len(unfinished) < 126
    assert all(c.stage.value not in ("竣工", "投产") for c in unfinished)


def test_carried_projects_keep_code_units_open_milestones_and_problems(
    demo_database: Database,
) -> None:
    with demo_database.reading() as session:
        old = latest_campaign(session)
        assert old is not None
        old_id = old.id
        # A project with open problems and milestones not yet done.
        source_id = session.scalars(
            select(Problem.project_id).where(Problem.state == ProblemState.IN_HAND)
        ).first()
        assert source_id is not None
        source = session.get_one(Project, source_id)
        before = (source.code, source.name, source.lead_unit_id, source.leader_id)
        open_milestones = session.scalar(
            select(func.count(Milestone.id)).where(
                Milestone.project_id == source_id, Milestone.state != MilestoneState.DONE
            )
        )
        open_problems = session.scalar(
            select(func.count(Problem.id)).where(
                Problem.project_id == source_id,
                Problem.state.not_in((ProblemState.SOLVED, ProblemState.CLOSED)),
            )
        )
        undone = select(Milestone.id).where(
            Milestone.project_id == source_id, Milestone.state != MilestoneState.DONE
        )
        source_links = session.scalar(
            select(func.count(MilestoneDependency.id)).where(
                MilestoneDependency.successor_id.in_(undone),
                MilestoneDependency.predecessor_id.in_(undone),
            )
        )
        stats_before = month_statistics(session, old_id, Month(2022, 7), WarningSettings())
        json_before = export_json(session, export_scope(session, old_id, dt.date(2022, 8, 31)))
    new_id = _next_year(demo_database, [source_id])
    with demo_database.reading() as session:
        copy = session.scalars(select(Project).where(Project.campaign_id == new_id)).one()
        assert (copy.code, copy.name, copy.lead_unit_id, copy.leader_id) == before
        assert copy.carried_from_id == source_id and copy.annual_plan is None
        assert copy.project_list.campaign_id == new_id
        milestones = session.scalars(
            select(Milestone).where(Milestone.project_id == copy.id).order_by(Milestone.seq)
        ).all()
        assert len(milestones) == open_milestones
        assert [m.seq for m in milestones] == list(range(1, len(milestones) + 1))
        links = session.scalar(
            select(func.count(MilestoneDependency.id)).where(
                MilestoneDependency.successor_id.in_([m.id for m in milestones])
            )
        )
        assert links == source_links
        rows = load_ledger(session, new_id, TODAY, WarningSettings())
        assert len(rows) == open_problems
        assert (
            session.scalar(
                select(func.count(MonthlyReport.id)).where(MonthlyReport.project_id == copy.id)
            )
            == 0
        )  # the year's figures stay with the year
        # Last year: the same figures and the same export as before.
        stats_after = month_statistics(session, old_id, Month(2022, 7), WarningSettings())
        assert stats_before is not None and stats_after is not None
        assert stats_after.total == stats_before.total
        json_after = export_json(session, export_scope(session, old_id, dt.date(2022, 8, 31)))
        assert json_after == json_before
        assert len(read_cards(session, old_id, TODAY).cards) == 126
        assert len(read_cards(session, new_id, TODAY).cards) == 1
        # The new campaign knows the project is carried; the old one is not offered twice.
        again = {c.id: c for c in carry_candidates(session, old_id, new_id)}
        assert again[source_id].carried


def test_a_project_is_not_carried_twice_nor_into_its_own_campaign(
    demo_database: Database,
) -> None:
    with demo_database.reading() as session:
        old = latest_campaign(session)
        assert old is not None
        old_id = old.id
        first = session.scalars(select(Project.id).order_by(Project.id)).first()
        assert first is not None
    new_id = _next_year(demo_database, [first])
    with demo_database.sessions() as session:
        result = carry_over(session, [first], new_id, TODAY)
        assert result.project_ids == [] and "已有同名或同代码" in result.skipped[0]
        with pytest.raises(UserError, match="不能结转到它自己"):
            carry_over(session, [first], old_id, TODAY)
        session.rollback()


def test_money_of_a_carried_project_is_its_own(demo_database: Database) -> None:
    with demo_database.reading() as session:
        project = session.scalars(
            select(Project).where(Project.total_investment.is_not(None)).order_by(Project.id)
        ).first()
        assert project is not None
        pid, total = project.id, project.total_investment
    new_id = _next_year(demo_database, [pid])
    with demo_database.sessions() as session:
        copy = session.scalars(select(Project).where(Project.campaign_id == new_id)).one()
        copy.total_investment = Decimal("1.00")
        session.commit()
        assert session.get_one(Project, pid).total_investment == total
