"""Warnings (预警): the colour of a milestone, project or problem — one set of rules for all views.

Rules from DOMAIN.md. A milestone is red (逾期) when its latest finish has passed and it is
not done; yellow (临期/滞后) when its latest start has passed and it has not started, or it is
due within the warning window; otherwise green (or blue); done is grey. A project takes its
worst milestone's colour, and is red as well when its investment completion rate trails the
share of the year elapsed (序时进度) by more than a threshold. A problem is red when past its
deadline and not solved.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from db.enums import MilestoneState, ProblemState


class Colour(enum.IntEnum):
    """Warning colours, ordered from least to most severe."""

    DONE = 0
    OK = 1
    YELLOW = 2
    RED = 3


class ColourNaming(enum.StrEnum):
    """The office's habit: 红黄蓝 or 红黄绿 (the name and hue of 'on schedule')."""

    RED_YELLOW_BLUE = "红黄蓝"
    RED_YELLOW_GREEN = "红黄绿"


@dataclass(frozen=True)
class WarningSettings:
    """Thresholds (settings, defaults from DOMAIN.md)."""

    window_days: int = 7  # due within this many days: yellow
    gap_yellow_points: Decimal = Decimal(10)  # 序时进度 gap colouring (one city's rule)
    gap_red_points: Decimal = Decimal(30)  # … and the project turns red beyond this
    naming: ColourNaming = ColourNaming.RED_YELLOW_GREEN


_HEX = {Colour.RED: "#d32f2f", Colour.YELLOW: "#f9a825", Colour.DONE: "#9e9e9e"}


def colour_label(colour: Colour, naming: ColourNaming) -> str:
    """The Chinese word for a colour in the office's naming."""
    if colour is Colour.OK:
        return "蓝" if naming is ColourNaming.RED_YELLOW_BLUE else "绿"
    return {Colour.RED: "红", Colour.YELLOW: "黄", Colour.DONE: "灰"}[colour]


def colour_hex(colour: Colour, naming: ColourNaming) -> str:
    """The colour to paint with."""
    if colour is Colour.OK:
        return "#1976d2" if naming is ColourNaming.RED_YELLOW_BLUE else "#388e3c"
    return _HEX[colour]


def milestone_colour(
    state: MilestoneState,
    latest_start: dt.date | None,
    latest_finish: dt.date | None,
    today: dt.date,
    settings: WarningSettings,
) -> Colour:
    """A milestone's colour as of `today`."""
    if state is MilestoneState.DONE:
        return Colour.DONE
    if latest_finish is not None and today > latest_finish:
        return Colour.RED
    if latest_start is not None and today > latest_start and state is MilestoneState.NOT_STARTED:
        return Colour.YELLOW
    if latest_finish is not None and (latest_finish - today).days <= settings.window_days:
        return Colour.YELLOW
    return Colour.OK


def milestone_colour_sql(
    state: Any, latest_start: Any, latest_finish: Any, today: dt.date, settings: WarningSettings
) -> Any:
    """`milestone_colour` as a SQL CASE over the given columns, for aggregating in the database.

    The same rule, written for SQL so that 80,000 milestones are coloured without fetching them
    (tests check it against `milestone_colour` case by case). The result is the Colour's number.
    """
    from sqlalchemy import and_, case, literal

    soon = today + dt.timedelta(days=settings.window_days)
    return case(
        (state == MilestoneState.DONE, literal(int(Colour.DONE))),
        (latest_finish < today, literal(int(Colour.RED))),
        (
            and_(latest_start < today, state == MilestoneState.NOT_STARTED),
            literal(int(Colour.YELLOW)),
        ),
        (latest_finish <= soon, literal(int(Colour.YELLOW))),
        else_=literal(int(Colour.OK)),
    )


def elapsed_percent(today: dt.date, start: dt.date, end: dt.date) -> Decimal:
    """序时进度: share of the period start…end (both included) elapsed by the end of `today`."""
    total = (end - start).days + 1
    done = min(max((today - start).days + 1, 0), total)
    return (Decimal(done) * 100 / Decimal(total)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def completion_percent(completed: Decimal | None, plan: Decimal | None) -> Decimal | None:
    """投资完成率 in percent; None (shown as —) when there is no plan to divide by."""
    if plan is None or plan <= 0:
        return None
    return ((completed or Decimal(0)) * 100 / plan).quantize(Decimal("0.1"), ROUND_HALF_UP)


def gap_points(completion: Decimal | None, elapsed: Decimal) -> Decimal | None:
    """Signed gap to 序时进度 in percentage points: +13.8 reads 超过时间进度13.8个百分点."""
    return None if completion is None else completion - elapsed


def gap_colour(gap: Decimal | None, settings: WarningSettings) -> Colour:
    """Colour of a 序时进度 gap: behind by more than a threshold is yellow, or red."""
    if gap is None:
        return Colour.OK
    if gap < -settings.gap_red_points:
        return Colour.RED
    if gap < -settings.gap_yellow_points:
        return Colour.YELLOW
    return Colour.OK


def project_colour(
    milestone_colours: Iterable[Colour], gap: Decimal | None, settings: WarningSettings
) -> Colour:
    """The worst milestone's colour; red when investment trails 序时进度 beyond the threshold."""
    worst = max(milestone_colours, default=Colour.OK)
    if gap is not None and gap < -settings.gap_red_points:
        return Colour.RED
    return worst


def is_overdue(state: ProblemState, deadline: dt.date | None, today: dt.date) -> bool:
    """Past its deadline and not solved (DOMAIN.md); due on the deadline day itself is not late."""
    finished = (ProblemState.SOLVED, ProblemState.CLOSED)
    return deadline is not None and today > deadline and state not in finished


def problem_colour(
    state: ProblemState, deadline: dt.date | None, today: dt.date, settings: WarningSettings
) -> Colour:
    """Red when past its deadline and not solved; yellow when due within the window."""
    if state in (ProblemState.SOLVED, ProblemState.CLOSED):
        return Colour.DONE
    if is_overdue(state, deadline, today):
        return Colour.RED
    if deadline is not None and (deadline - today).days <= settings.window_days:
        return Colour.YELLOW
    return Colour.OK
