"""Rates, rankings and the three-months-last flag against small hand-computed examples."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from app.infra.database import Database
from app.schedule.warning_colours import Colour, WarningSettings
from app.statistics.month_statistics import MonthStatistics, month_statistics
from app.statistics.ranking import competition_ranks, last_places
from app.statistics.rates import Month, percent_text, points_text, rate
from db.enums import MilestoneState, ProblemState, ProblemType, Stage, TargetKind, UnitKind
from db.models import (
    Campaign,
    CampaignTarget,
    Milestone,
    MonthlyReport,
    Problem,
    Project,
    ProjectList,
    Unit,
)
from tests.support.campaigns import the_campaign

D = Decimal
JULY, JUNE, APRIL = Month(2022, 7), Month(2022, 6), Month(2022, 4)


def _campaign(session: Session) -> tuple[Campaign, ProjectList]:
    campaign = Campaign(
        name="测试攻坚", start_date=dt.date(2022, 5, 1), end_date=dt.date(2022, 8, 31)
    )
    campaign.targets.append(CampaignTarget(kind=TargetKind.COMPLETION_RATE, percent=D(60)))
    plist = ProjectList(number=1, name="加快建设项目")
    campaign.lists.append(plist)
    session.add(campaign)
    return campaign, plist


def _unit(session: Session, name: str) -> Unit:
    unit = Unit(name=name, kind=UnitKind.RESPONSIBLE)
    session.add(unit)
    return unit


def _report(
    project: Project,
    month: int,
    cumulative: str | None,
    amount: str | None = None,
    bond: str | None = None,
) -> None:
    project.monthly_reports.append(
        MonthlyReport(
            year=2022,
            month=month,
            investment_year=D(cumulative) if cumulative is not None else None,
            investment_month=D(amount) if amount is not None else None,
            bond_spent=D(bond) if bond is not None else None,
        )
    )


def _world(session: Session) -> dict[str, Project]:
    """Four projects in three units, with reports in June and July (worked out by hand below)."""
    _, plist = _campaign(session)
    a, b, c = _unit(session, "发改局"), _unit(session, "规建局"), _unit(session, "城环局")

    def project(name: str, unit: Unit, plan: str | None, **dates: dt.date) -> Project:
        made = Project(
            name=name,
            project_list=plist,
            stage=Stage.CONSTRUCTION,
            lead_unit=unit,
            annual_plan=D(plan) if plan else None,
            **dates,
        )
        session.add(made)
        return made

    p1 = project(
        "一号",
        a,
        "1000",
        planned_start=dt.date(2022, 3, 1),
        actual_start=dt.date(2022, 3, 10),
        planned_finish=dt.date(2023, 6, 30),
    )
    _report(p1, 6, "300", "300")
    _report(p1, 7, "600", "300")
    p2 = project("二号", a, "1000", planned_start=dt.date(2022, 7, 15))
    _report(p2, 7, "200", "200")
    # Started and finished within July, and has no annual plan.
    p3 = project(
        "三号",
        b,
        None,
        planned_start=dt.date(2022, 7, 1),
        actual_start=dt.date(2022, 7, 5),
        planned_finish=dt.date(2022, 7, 20),
        actual_finish=dt.date(2022, 7, 25),
    )
    p4 = project("四号", c, "500", planned_start=dt.date(2022, 9, 1))
    p4.bond_issued, p4.bond_spent = D(400), D(390)  # the card's figure today: not used for July
    _report(p4, 5, None, bond="100")
    _report(p4, 6, "100", "100")  # no July report: June's cumulative carries forward
    _report(p4, 7, None, bond="160")
    session.flush()
    return {"p1": p1, "p2": p2, "p3": p3, "p4": p4}


def _stats(session: Session, month: Month) -> MonthStatistics:
    stats = month_statistics(session, the_campaign(session), month, WarningSettings())
    assert stats is not None
    return stats


def test_rates_as_of_july_by_hand(database: Database) -> None:
    with database.sessions() as session:
        _world(session)
        total = _stats(session, JULY).total
        stats = _stats(session, JULY)
    # Plans 1000 + 1000 + 500 (三号 has none); completed 600 + 200 + 100 (四号 carried from June).
    assert (total.plan, total.completed) == (D(2500), D(900))
    assert total.completion == D("36.0")
    # 序时进度 at 31 July: 212 of 365 days = 58.1 %; the gap is signed, in points.
    assert stats.facts.year_elapsed == D("58.1")
    assert total.gap == D("-22.1") and points_text(total.gap) == "-22.1"
    assert total.month_amount == D(500)
    # Due to start by 31 July: 一号, 二号 (15 July) and 三号; started: 一号 and 三号.
    assert (total.due_start, total.started, total.start_rate) == (3, 2, D("66.7"))
    # 三号 started and finished within the month: due to finish and in production.
    assert (total.due_finish, total.finished, total.production_rate) == (1, 1, D("100.0"))
    # Bonds: 160 spent of 400 issued, from July's report (not the card's 390).
    assert (total.bond_issued, total.bond_spent, total.bond_rate) == (D(400), D(160), D("40.0"))
    assert stats.targets[TargetKind.COMPLETION_RATE].percent == D(60)


def test_rates_as_of_june_and_before_any_report(database: Database) -> None:
    with database.sessions() as session:
        _world(session)
        june = _stats(session, JUNE).total
        april = _stats(session, APRIL).total
    assert june.completed == D(400) and june.completion == D("16.0")
    assert (june.due_start, june.started, june.start_rate) == (1, 1, D("100.0"))
    # Nobody was due to finish by June: "—", not 0 %.
    assert june.due_finish == 0 and june.production_rate is None
    assert percent_text(june.production_rate) == "—"
    assert june.bond_rate == D("25.0")  # May's 100 of 400
    # Plans exist but nothing reported yet: a real 0 %.
    assert april.completion == D("0.0") and percent_text(april.completion) == "0.0%"


def test_empty_denominators_are_dashes(database: Database) -> None:
    with database.sessions() as session:
        _campaign(session)
        session.flush()
        total = _stats(session, JULY).total
    assert total.projects == 0
    for value in (
        total.completion,
        total.gap,
        total.start_rate,
        total.production_rate,
        total.bond_rate,
    ):
        assert value is None and percent_text(value) == "—"
    assert rate(5, 0) is None and rate(0, 5) == D("0.0")


def test_groups_by_unit_and_ranking(database: Database) -> None:
    with database.sessions() as session:
        _world(session)
        stats = _stats(session, JULY)
    units = {g.name: g for g in stats.by_unit}
    assert units["发改局"].completion == D("40.0")  # (600 + 200) / 2000
    assert units["城环局"].completion == D("20.0")
    assert units["规建局"].completion is None  # no plan: not ranked
    assert (units["发改局"].completion_rank, units["城环局"].completion_rank) == (1, 2)
    assert units["规建局"].completion_rank is None
    assert [g.name for g in stats.by_unit][:2] == ["发改局", "城环局"]
    # Start rate: 规建局 1/1, 发改局 1/2; 城环局 has nothing due and is not ranked.
    assert units["规建局"].start_rank == 1 and units["发改局"].start_rank == 2
    assert units["城环局"].start_rate is None
    assert stats.last_places == []  # 城环局 was first in June


def test_three_months_last_in_a_row_is_flagged_with_its_months(database: Database) -> None:
    with database.sessions() as session:
        _, plist = _campaign(session)
        figures = {
            "甲局": ("50", "60", "70"),
            "乙局": ("40", "50", "60"),
            "丙局": ("10", "20", "30"),
        }
        for name, cumulative in figures.items():
            project = Project(
                name=name + "项目",
                project_list=plist,
                stage=Stage.CONSTRUCTION,
                lead_unit=_unit(session, name),
                annual_plan=D(100),
            )
            session.add(project)
            for month, value in zip((5, 6, 7), cumulative, strict=True):
                _report(project, month, value)
        session.flush()
        stats = _stats(session, JULY)
        assert [(f.unit, f.measure) for f in stats.last_places] == [("丙局", "投资完成率")]
        flag = stats.last_places[0]
        assert flag.months == (Month(2022, 5), Month(2022, 6), Month(2022, 7))
        assert flag.text == "投资完成率连续3个月排名末位（2022年5月、6月、7月）"
        assert next(g for g in stats.by_unit if g.name == "丙局").flags == [flag.text]
        # 丙局 overtakes 乙局 in June: the run is broken and nobody is flagged.
        bing = (
            session.query(MonthlyReport)
            .join(Project)
            .filter(Project.name == "丙局项目", MonthlyReport.month == 6)
            .one()
        )
        bing.investment_year = D(55)
        session.flush()
        assert _stats(session, JULY).last_places == []


def test_months_nobody_reported_rank_nobody(database: Database) -> None:
    """A young campaign: reports began in July, so May and June flag no unit (issue 14)."""
    with database.sessions() as session:
        _, plist = _campaign(session)
        for name, started, figure in (
            ("甲局", True, "50"),
            ("乙局", False, "0"),
            ("丙局", False, "0"),
        ):
            project = Project(
                name=name + "项目",
                project_list=plist,
                stage=Stage.CONSTRUCTION,
                lead_unit=_unit(session, name),
                annual_plan=D(100),
                planned_start=dt.date(2022, 4, 1),
                actual_start=dt.date(2022, 4, 10) if started else None,
            )
            session.add(project)
            _report(project, 7, figure)
        session.flush()
        july = _stats(session, JULY)
        assert july.last_places == []  # last in July, but May and June had no reports
        ranks = {g.name: (g.completion_rank, g.start_rank) for g in july.by_unit}
        assert ranks == {"甲局": (1, 1), "乙局": (2, 2), "丙局": (2, 2)}
        june = _stats(session, JUNE)
        assert all(g.completion_rank is None and g.start_rank is None for g in june.by_unit)


def test_ties_share_a_rank_and_all_first_is_nobody_last() -> None:
    ranks = competition_ranks({"甲": D(50), "乙": D(50), "丙": D(10), "丁": None})
    assert ranks == {"甲": 1, "乙": 1, "丙": 3}
    assert last_places(ranks) == {"丙"}
    assert last_places(competition_ranks({"甲": D(0), "乙": D(0)})) == set()
    assert last_places(competition_ranks({"甲": D(10)})) == set()


def test_problems_and_colours_as_of_the_month_end(database: Database) -> None:
    with database.sessions() as session:
        projects = _world(session)
        p1 = projects["p1"]
        common = {"project": p1, "type": ProblemType.LAND, "description": "用地"}
        # Solved on 10 July (solved now): open and not yet overdue at the end of June.
        session.add(
            Problem(
                **common,
                raised_on=dt.date(2022, 6, 1),
                deadline=dt.date(2022, 6, 30),
                state=ProblemState.SOLVED,
                solved_on=dt.date(2022, 7, 10),
            )
        )
        session.add(Problem(**common, raised_on=dt.date(2022, 7, 5), deadline=dt.date(2022, 7, 20)))
        session.add(Problem(**common, raised_on=dt.date(2022, 8, 1)))  # after July: not counted
        # A milestone done on 5 August was overdue at the end of July.
        session.add(
            Milestone(
                project=p1,
                seq=1,
                name="主体封顶",
                duration_days=10,
                planned_start=dt.date(2022, 7, 1),
                planned_finish=dt.date(2022, 7, 20),
                actual_start=dt.date(2022, 7, 1),
                actual_finish=dt.date(2022, 8, 5),
                state=MilestoneState.DONE,
            )
        )
        session.flush()
        june, july = _stats(session, JUNE), _stats(session, JULY)
    assert (june.total.open_problems, june.total.overdue_problems) == (1, 0)
    assert (july.total.open_problems, july.total.overdue_problems) == (1, 1)
    assert [p.description for p in july.overdue_problems] == ["用地"]
    assert next(p for p in july.facts.projects if p.name == "一号").colour is Colour.RED
    assert july.total.red >= 1


def test_a_month_regenerated_later_gives_the_same_figures(database: Database) -> None:
    def figures(stats: MonthStatistics) -> list[object]:
        t = stats.total
        return [
            t.completed,
            t.completion,
            t.start_rate,
            t.production_rate,
            t.bond_rate,
            t.open_problems,
            t.overdue_problems,
            [(g.name, g.completion_rank) for g in stats.by_unit],
        ]

    with database.sessions() as session:
        projects = _world(session)
        before = figures(_stats(session, JULY))
        # August happens: a new report, 二号 starts, bonds are spent, the card changes.
        _report(projects["p2"], 8, "700", "500")
        projects["p2"].actual_start = dt.date(2022, 8, 10)
        _report(projects["p4"], 8, "300", "200", bond="390")
        session.flush()
        after = figures(_stats(session, JULY))
    assert after == before


def test_charts_draw_for_a_campaign_with_nothing_in_it(database: Database) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from app.statistics import charts

    with database.sessions() as session:
        _campaign(session)
        session.flush()
        stats = _stats(session, JULY)
    for draw in (
        charts.draw_completion_by_list,
        charts.draw_investment_series,
        charts.draw_problems,
    ):
        figure = charts.new_figure(4, 2.5)
        canvas = FigureCanvasAgg(figure)
        draw(figure, stats)
        canvas.draw()
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert texts == ["本月底前没有问题记录"]


def test_a_bond_project_never_reported_by_month_counts_with_its_card(database: Database) -> None:
    with database.sessions() as session:
        projects = _world(session)
        assert not _stats(session, JULY).facts.bond_from_cards
        card_only = Project(
            name="五号",
            project_list=projects["p1"].project_list,
            stage=Stage.CONSTRUCTION,
            lead_unit=projects["p1"].lead_unit,
            bond_issued=D(100),
            bond_spent=D(40),
        )
        session.add(card_only)
        session.flush()
        stats = _stats(session, JULY)
    # 四号: 160 of 400 from July's report; 五号: 40 of 100 from its card.
    assert (stats.total.bond_spent, stats.total.bond_issued) == (D(200), D(500))
    assert stats.total.bond_rate == D("40.0") and stats.facts.bond_from_cards
