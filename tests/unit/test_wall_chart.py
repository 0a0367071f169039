"""The wall chart's content, the shared project filter and pinyin search."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.infra.database import Database
from app.projects.filter import ProjectFilter
from app.schedule.wall_chart import default_as_of, load_wall_chart
from app.schedule.warning_colours import Colour, WarningSettings
from app.search.pinyin import matches
from db.models import Person, ProjectList, Unit
from tests.support.campaigns import the_campaign

AS_OF = dt.date(2022, 8, 31)


def test_ended_campaign_is_read_at_its_last_day(demo_database: Database) -> None:
    with demo_database.sessions() as session:
        assert default_as_of(session, the_campaign(session), dt.date(2026, 11, 22)) == dt.date(
            2022, 8, 31
        )
        assert default_as_of(session, the_campaign(session), dt.date(2022, 6, 1)) == dt.date(
            2022, 6, 1
        )


def test_chart_groups_every_project_by_list_with_coloured_milestones(
    demo_database: Database,
) -> None:
    with demo_database.sessions() as session:
        chart = load_wall_chart(session, the_campaign(session), AS_OF, WarningSettings())
    assert [len(group.rows) for group in chart.groups] == [12, 21, 13, 16, 35, 15, 14]
    assert chart.groups[2].title == "附表3  力促开工项目（13个）"
    assert [row.number for row in chart.groups[0].rows] == list(range(1, 13))
    colours = {row.colour for row in chart.rows}
    assert {Colour.RED, Colour.YELLOW, Colour.OK} <= colours
    first = chart.rows[0]
    assert first.unit and first.leader and len(first.milestones) == 4
    chain = chart.groups[2].rows[0].milestones
    assert chain[-1].name == "开工" and chain[-1].is_point
    assert chain[1].predecessor_ids == (chain[0].id,)
    start, end = chart.span()
    assert start <= dt.date(2022, 5, 24) and end >= dt.date(2022, 8, 31)


def test_a_red_project_has_a_red_milestone_or_trails_the_year(demo_database: Database) -> None:
    with demo_database.sessions() as session:
        chart = load_wall_chart(session, the_campaign(session), AS_OF, WarningSettings())
    late = [m for row in chart.rows for m in row.milestones if m.colour is Colour.RED]
    assert late and all(m.finish < AS_OF for m in late)
    assert any(m.slack is not None and m.slack < 0 for m in late)


def test_filters_by_list_unit_leader_colour_and_search(demo_database: Database) -> None:
    with demo_database.sessions() as session:
        chart = load_wall_chart(session, the_campaign(session), AS_OF, WarningSettings())
        real_estate = session.scalars(
            select(ProjectList.id).where(ProjectList.name == "房地产项目")
        ).one()
        finance = session.scalars(select(Unit.id).where(Unit.name == "财政局")).one()
        leader = session.scalars(select(Person.id).where(Person.title == "管委会主任")).one()

    def count(project_filter: ProjectFilter) -> int:
        return len(chart.filtered(project_filter).rows)

    assert count(ProjectFilter()) == 126
    assert count(ProjectFilter(list_ids=frozenset({real_estate}))) == 15
    by_unit = chart.filtered(ProjectFilter(unit_ids=frozenset({finance}))).rows
    assert by_unit and all(row.unit == "财政局" for row in by_unit)
    by_leader = chart.filtered(ProjectFilter(leader_ids=frozenset({leader}))).rows
    assert 0 < len(by_leader) < 126
    red = chart.filtered(ProjectFilter(colours=frozenset({Colour.RED}))).rows
    assert red and all(row.colour is Colour.RED for row in red)
    found = chart.filtered(ProjectFilter(search="kgsq")).rows
    assert [row.name for row in found] == [
        "空港三期蓝白领公寓及综合服务中心",
        "空港三期津北路西延线",
    ]
    assert count(ProjectFilter(search="博格华纳")) == 1


def test_pinyin_and_full_width_search() -> None:
    texts = ("空港三期津北路西延线", "２０２２-120116-04-01-123456", "天津海晟科技有限公司")
    assert matches("kgsq", texts)
    assert matches("KGSQ", texts)
    assert matches("2022-120116", texts)  # full-width digits in the code
    assert matches("海晟", texts)
    assert matches("kjyxgs", texts)  # the owner's initials (科技有限公司)
    assert not matches("xyz", texts)
    assert not matches("空港四期", texts)
    assert matches("", texts)
