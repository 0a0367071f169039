"""项目卡片 loader: the SQL colour rule equals the Python one; cards agree with the wall chart."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from sqlalchemy import create_engine, literal, select

from app.infra.database import Database
from app.projects.cards import load_cards, totals
from app.schedule.wall_chart import load_wall_chart
from app.schedule.warning_colours import (
    Colour,
    WarningSettings,
    milestone_colour,
    milestone_colour_sql,
)
from app.search.pinyin import pinyin_order
from db.enums import MilestoneState
from tests.support.campaigns import the_campaign


def test_sql_milestone_colour_is_the_python_rule_case_by_case() -> None:
    today = dt.date(2022, 8, 15)
    settings = WarningSettings(window_days=7)
    days = [today + dt.timedelta(days=d) for d in (-20, -1, 0, 1, 6, 7, 8, 30)]
    engine = create_engine("sqlite://")
    cases = [
        (state, start, finish)
        for state, start, finish in itertools.product(MilestoneState, days, days)
        if finish >= start
    ]
    with engine.connect() as connection:
        for state, start, finish in cases:
            expression = milestone_colour_sql(
                literal(state.value), literal(start), literal(finish), today, settings
            )
            got = connection.execute(select(expression)).scalar_one()
            assert Colour(got) is milestone_colour(state, start, finish, today, settings), (
                state,
                start,
                finish,
            )


def test_cards_take_the_wall_charts_colours(demo_database: Database) -> None:
    settings = WarningSettings()
    as_of = dt.date(2022, 8, 31)
    with demo_database.sessions() as session:
        cards = load_cards(session, the_campaign(session), as_of, settings)
        chart = load_wall_chart(session, the_campaign(session), as_of, settings, with_slack=False)
    assert cards.complete and len(cards.cards) == 126
    chart_colours = {row.project_id: row.colour for row in chart.rows}
    assert {c.id: c.colour for c in cards.cards} == chart_colours
    assert {Colour.RED, Colour.OK} <= set(chart_colours.values())
    assert cards.elapsed == Decimal("66.6")
    with_next = [c for c in cards.cards if c.next_milestone is not None]
    assert with_next and all(
        c.next_milestone.days_left == (c.next_milestone.due - as_of).days  # type: ignore[union-attr]
        for c in with_next
    )
    assert sum(c.open_problems for c in cards.cards) > 0
    sums = totals(cards.cards)
    assert sums["total"] == sum((c.total_investment or Decimal(0) for c in cards.cards), Decimal(0))


def test_pinyin_order_sorts_chinese_as_clerks_expect() -> None:
    names = ["综保区停车场", "空港三期", "航新海洋", "联想创新", "绿城桂语"]
    assert sorted(names, key=pinyin_order) == [
        "航新海洋",
        "空港三期",
        "联想创新",
        "绿城桂语",
        "综保区停车场",
    ]
