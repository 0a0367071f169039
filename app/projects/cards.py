"""项目卡片: every project of the campaign with what its card and its table row show.

Read with plain column queries (not ORM objects) so 10,000 projects load quickly; the card's
colour follows the same rules as the wall chart (app.schedule.warning_colours).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from operator import attrgetter
from typing import Any, Literal, cast

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from app.projects.campaign_projects import campaign_projects
from app.projects.filter import FilterFields
from app.schedule.wall_chart import completion_as_of
from app.schedule.warning_colours import (
    Colour,
    WarningSettings,
    completion_percent,
    elapsed_percent,
    gap_points,
    milestone_colour_sql,
    project_colour,
)
from app.search.pinyin import pinyin_order
from db.enums import MilestoneState, ProblemState
from db.models import Milestone, Person, Problem, Project, ProjectList, Unit


@dataclass(frozen=True, slots=True)
class NextMilestone:
    """The first milestone not done yet, and the days left to its latest finish (< 0: late)."""

    name: str
    due: dt.date
    days_left: int


@dataclass(slots=True)  # not frozen: frozen __init__ is three times slower for 10,000 cards
class ProjectCard:
    """One project as the card wall and the table show it."""

    id: int
    code: str | None
    name: str
    list_id: int
    list_name: str
    stage: str
    level: str | None
    nature: str | None
    industry: str | None
    location: str | None
    park: str | None
    owner: str | None
    unit: str | None
    leader: str | None
    total_investment: Decimal | None
    annual_plan: Decimal | None
    campaign_target: Decimal | None
    ytd_completed: Decimal | None
    completion_rate: Decimal | None
    planned_start: dt.date | None
    planned_finish: dt.date | None
    actual_start: dt.date | None
    actual_finish: dt.date | None
    bond_issued: Decimal | None
    bond_spent: Decimal | None
    progress: str | None
    contact: str | None
    remarks: str | None
    colour: Colour
    next_milestone: NextMilestone | None
    open_problems: int
    filter_fields: FilterFields


@dataclass
class CardSet:
    """All cards of the campaign, and the share of the year elapsed they are compared with."""

    cards: list[ProjectCard]
    as_of: dt.date
    elapsed: Decimal  # 序时进度 in percent
    complete: bool = False  # coloured (apply_status has run)


Kind = Literal["text", "amount", "date", "percent", "count"]


@dataclass(frozen=True)
class CardColumn:
    """A table column: title, the value it shows and sorts by, and how to show it."""

    key: str
    title: str
    kind: Kind
    value: Callable[[ProjectCard], object]
    summed_from: str | None = None  # the card attribute the 合计 adds up (amount columns)


def _attr(name: str) -> Callable[[ProjectCard], object]:
    return attrgetter(name)


def _amount(key: str, title: str, attribute: str) -> CardColumn:
    return CardColumn(key, title, "amount", attrgetter(attribute), attribute)


COLUMNS: tuple[CardColumn, ...] = (
    CardColumn("name", "项目名称", "text", _attr("name")),
    CardColumn("code", "项目代码", "text", _attr("code")),
    CardColumn("list", "项目清单", "text", _attr("list_name")),
    CardColumn("stage", "阶段", "text", _attr("stage")),
    CardColumn("level", "级别", "text", _attr("level")),
    CardColumn("nature", "建设性质", "text", _attr("nature")),
    CardColumn("unit", "责任单位", "text", _attr("unit")),
    CardColumn("leader", "包联领导", "text", _attr("leader")),
    CardColumn("owner", "项目单位", "text", _attr("owner")),
    _amount("total", "总投资", "total_investment"),
    _amount("plan", "年度计划", "annual_plan"),
    _amount("ytd", "今年累计完成", "ytd_completed"),
    CardColumn("rate", "完成率", "percent", _attr("completion_rate")),
    _amount("target", "攻坚目标投资", "campaign_target"),
    CardColumn("warning", "预警", "text", lambda c: c.colour),
    CardColumn(
        "next", "下一节点", "text", lambda c: c.next_milestone.due if c.next_milestone else None
    ),
    CardColumn("problems", "未办结问题", "count", _attr("open_problems")),
    CardColumn("planned_start", "计划开工", "date", _attr("planned_start")),
    CardColumn("planned_finish", "计划竣工", "date", _attr("planned_finish")),
    CardColumn("actual_start", "实际开工", "date", _attr("actual_start")),
    CardColumn("actual_finish", "实际竣工", "date", _attr("actual_finish")),
    CardColumn("industry", "所属行业", "text", _attr("industry")),
    CardColumn("location", "建设地点", "text", _attr("location")),
    CardColumn("park", "所属园区", "text", _attr("park")),
    _amount("bond_issued", "专项债发行", "bond_issued"),
    _amount("bond_spent", "专项债支出", "bond_spent"),
    CardColumn("progress", "形象进度", "text", _attr("progress")),
    CardColumn("contact", "联络人及电话", "text", _attr("contact")),
    CardColumn("remarks", "备注", "text", _attr("remarks")),
)


def sort_key(column: CardColumn) -> Callable[[ProjectCard], tuple[bool, object]]:
    """Sort by the column's value; empty cells last whichever way (None compares with nothing)."""
    value = column.value
    if column.kind == "text":
        return lambda card: (value(card) is None, pinyin_order(str(value(card) or "")))
    return lambda card: (value(card) is None, value(card) or 0)


def totals(cards: list[ProjectCard]) -> dict[str, Decimal]:
    """合计 of each summed column over `cards` (empty cells count as nothing)."""
    sums: dict[str, Decimal] = {}
    for column in COLUMNS:
        if column.summed_from is not None:
            get = attrgetter(column.summed_from)
            sums[column.key] = sum(filter(None, map(get, cards)), Decimal(0))
    return sums


@dataclass(frozen=True)
class CardStatus:
    """What colours the cards: worst milestone, next milestone, open problems, completion."""

    worst: dict[int, int]
    upcoming: dict[int, NextMilestone]
    open_problems: Counter[int]
    completion: dict[int, tuple[Decimal, dt.date]]


def load_cards(
    session: Session, campaign_id: int | None, as_of: dt.date, settings: WarningSettings
) -> CardSet:
    """Every project of the campaign (not in the 回收站), coloured as of `as_of`."""
    card_set = read_cards(session, campaign_id, as_of)
    apply_status(card_set, read_status(session, as_of, settings), settings)
    return card_set


def read_status(session: Session, as_of: dt.date, settings: WarningSettings) -> CardStatus:
    """The second, slower half of loading: milestones, problems and reports, reduced per project.

    Milestones are coloured and reduced in the database (the worst colour per project, and the
    first milestone not done yet): 80,000 of them are never fetched.
    """
    # Core execution: ORM result processing of these column queries costs more than the query.
    connection = session.connection()
    open_problems: Counter[int] = Counter(
        dict(
            connection.execute(
                select(Problem.project_id, func.count())
                .where(Problem.state.not_in((ProblemState.SOLVED, ProblemState.CLOSED)))
                .group_by(Problem.project_id)
            ).all()
        )
    )
    dated = (Milestone.planned_start.is_not(None), Milestone.planned_finish.is_not(None))
    colour = milestone_colour_sql(
        Milestone.state, Milestone.planned_start, Milestone.planned_finish, as_of, settings
    )
    worst: dict[int, int] = dict(
        connection.execute(
            select(Milestone.project_id, func.max(colour))
            .where(*dated)
            .group_by(Milestone.project_id)
        ).all()
    )
    ranked = (
        select(
            Milestone.project_id,
            Milestone.name,
            Milestone.planned_finish,
            func.row_number()
            .over(partition_by=Milestone.project_id, order_by=Milestone.seq)
            .label("rank"),
        )
        .where(*dated, Milestone.state != MilestoneState.DONE)
        .subquery()
    )
    upcoming = {
        project_id: NextMilestone(name, finish, (finish - as_of).days)
        for project_id, name, finish in connection.execute(
            select(ranked.c.project_id, ranked.c.name, ranked.c.planned_finish).where(
                ranked.c.rank == 1
            )
        ).all()
    }
    return CardStatus(worst, upcoming, open_problems, completion_as_of(session, as_of))


def apply_status(card_set: CardSet, status: CardStatus, settings: WarningSettings) -> None:
    """Colour the cards read by `read_cards` (in place) and mark the set complete."""
    as_of = card_set.as_of
    year = (dt.date(as_of.year, 1, 1), dt.date(as_of.year, 12, 31))
    elapsed: dict[dt.date, Decimal] = {}
    for card in card_set.cards:
        reported = status.completion.get(card.id)
        gap = None
        if reported is not None:
            card.ytd_completed = reported[0]
            card.completion_rate = completion_percent(reported[0], card.annual_plan)
            month_end = reported[1]
            if month_end not in elapsed:
                elapsed[month_end] = elapsed_percent(month_end, *year)
            gap = gap_points(card.completion_rate, elapsed[month_end])
        worst = status.worst.get(card.id)
        card.colour = project_colour((Colour(worst),) if worst is not None else (), gap, settings)
        card.next_milestone = status.upcoming.get(card.id)
        card.open_problems = status.open_problems[card.id]
        card.filter_fields = replace(
            card.filter_fields, colour=card.colour, open_problems=card.open_problems
        )
    card_set.complete = True


def read_cards(session: Session, campaign_id: int | None, as_of: dt.date) -> CardSet:
    """The first, fast half of loading: the campaign's projects' own fields, not yet coloured."""
    cards = []
    # The query's columns are in ProjectCard's field order, so rows go in by position:
    # attribute access on 10,000 rows × 28 columns was a third of the load.
    for result_row in session.connection().execute(_card_query(campaign_id)).all():
        row = cast(tuple[Any, ...], result_row)
        stage, level = row[5].value, row[6].value if row[6] else None
        searched = tuple(t for t in (row[2], row[1], row[11]) if t)  # name, code, owner
        fields = FilterFields(
            row[3], row[26], row[27], Colour.OK, searched, stage, level, project_id=row[0]
        )
        values: list[Any] = [
            *row[:5],
            stage,
            level,
            row[7].value if row[7] else None,
            *row[8:17],
            None,  # ytd_completed and completion_rate: apply_status
            None,
            *row[17:26],
            Colour.OK,  # colour, next milestone, open problems: apply_status
            None,
            0,
            fields,
        ]
        cards.append(ProjectCard(*values))
    year = (dt.date(as_of.year, 1, 1), dt.date(as_of.year, 12, 31))
    return CardSet(cards, as_of, elapsed_percent(as_of, *year))


def _card_query(campaign_id: int | None) -> Select[Any]:
    """The campaign's projects' own columns, in ProjectCard's field order, by list then id."""
    lead, owner, leader = aliased(Unit), aliased(Unit), aliased(Person)
    return (
        campaign_projects(
            Project.id,
            Project.code,
            Project.name,
            Project.list_id,
            ProjectList.name.label("list_name"),
            Project.stage,
            Project.level,
            Project.nature,
            Project.industry,
            Project.location,
            Project.park,
            owner.name.label("owner"),
            lead.name.label("unit"),
            leader.name.label("leader"),
            Project.total_investment,
            Project.annual_plan,
            Project.campaign_target,
            Project.planned_start,
            Project.planned_finish,
            Project.actual_start,
            Project.actual_finish,
            Project.bond_issued,
            Project.bond_spent,
            Project.latest_progress,
            Project.contact,
            Project.remarks,
            Project.lead_unit_id,
            Project.leader_id,
            campaign_id=campaign_id,
        )
        .outerjoin(lead, Project.lead_unit_id == lead.id)
        .outerjoin(owner, Project.owner_id == owner.id)
        .outerjoin(leader, Project.leader_id == leader.id)
        .order_by(ProjectList.number, Project.id)
    )
