"""Warning colours follow DOMAIN.md's rules exactly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from app.schedule.warning_colours import (
    Colour,
    ColourNaming,
    WarningSettings,
    colour_label,
    completion_percent,
    elapsed_percent,
    gap_colour,
    gap_points,
    milestone_colour,
    problem_colour,
    project_colour,
)
from db.enums import MilestoneState as M
from db.enums import ProblemState as P

TODAY = dt.date(2022, 7, 31)
S = WarningSettings()


def d(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


@pytest.mark.parametrize(
    ("state", "latest_start", "latest_finish", "expected"),
    [
        (M.DONE, d(-30), d(-20), Colour.DONE),  # done is grey, even if it was late
        (M.IN_PROGRESS, d(-30), d(-1), Colour.RED),  # latest finish passed
        (M.NOT_STARTED, d(-30), d(-1), Colour.RED),
        (M.NOT_STARTED, d(-1), d(20), Colour.YELLOW),  # latest start passed, not started
        (M.IN_PROGRESS, d(-1), d(20), Colour.OK),  # … but it has started
        (M.IN_PROGRESS, d(-10), d(7), Colour.YELLOW),  # due within the 7-day window
        (M.IN_PROGRESS, d(-10), d(8), Colour.OK),
        (M.NOT_STARTED, d(0), d(10), Colour.OK),  # latest start is today: not yet passed
        (M.NOT_STARTED, None, None, Colour.OK),  # nothing to be late against
    ],
)
def test_milestone_colour(
    state: M, latest_start: dt.date | None, latest_finish: dt.date | None, expected: Colour
) -> None:
    assert milestone_colour(state, latest_start, latest_finish, TODAY, S) == expected


def test_elapsed_share_and_signed_gap() -> None:
    year = (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    assert elapsed_percent(dt.date(2022, 7, 31), *year) == Decimal("58.1")  # 212 / 365
    assert elapsed_percent(dt.date(2021, 12, 1), *year) == Decimal("0.0")
    assert elapsed_percent(dt.date(2023, 3, 1), *year) == Decimal("100.0")
    rate = completion_percent(Decimal("7190.00"), Decimal("10000.00"))
    assert rate == Decimal("71.9")
    assert gap_points(rate, Decimal("58.1")) == Decimal("13.8")  # 超过时间进度13.8个百分点
    assert completion_percent(Decimal("5"), Decimal("0")) is None
    assert completion_percent(Decimal("5"), None) is None


@pytest.mark.parametrize(
    ("gap", "expected"),
    [
        (Decimal("5"), Colour.OK),
        (Decimal("-10"), Colour.OK),
        (Decimal("-10.1"), Colour.YELLOW),
        (Decimal("-30"), Colour.YELLOW),
        (Decimal("-30.1"), Colour.RED),
        (None, Colour.OK),
    ],
)
def test_gap_colour(gap: Decimal | None, expected: Colour) -> None:
    assert gap_colour(gap, S) == expected


def test_project_takes_its_worst_milestone_and_red_for_a_large_investment_gap() -> None:
    assert project_colour([Colour.DONE, Colour.OK, Colour.YELLOW], Decimal("0"), S) == Colour.YELLOW
    assert project_colour([Colour.DONE, Colour.DONE], None, S) == Colour.DONE
    assert project_colour([], None, S) == Colour.OK
    assert project_colour([Colour.OK], Decimal("-31"), S) == Colour.RED
    assert project_colour([Colour.OK], Decimal("-20"), S) == Colour.OK


@pytest.mark.parametrize(
    ("state", "deadline", "expected"),
    [
        (P.IN_HAND, d(-1), Colour.RED),
        (P.OPEN, d(-1), Colour.RED),
        (P.SOLVED, d(-1), Colour.DONE),
        (P.CLOSED, d(-30), Colour.DONE),
        (P.IN_HAND, d(3), Colour.YELLOW),
        (P.IN_HAND, d(30), Colour.OK),
        (P.OPEN, None, Colour.OK),
    ],
)
def test_problem_colour(state: P, deadline: dt.date | None, expected: Colour) -> None:
    assert problem_colour(state, deadline, TODAY, S) == expected


def test_colour_names_follow_the_office_habit() -> None:
    assert colour_label(Colour.OK, ColourNaming.RED_YELLOW_BLUE) == "蓝"
    assert colour_label(Colour.OK, ColourNaming.RED_YELLOW_GREEN) == "绿"
    assert colour_label(Colour.RED, ColourNaming.RED_YELLOW_BLUE) == "红"
