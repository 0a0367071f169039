"""项目卡片: every project of the campaign with what its card and its table row show.

Read with plain column queries (not ORM objects) so 10,000 projects load quickly; the card's
colour follows the same rules as the wall chart (app.warning_colours).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app.overview import current_campaign
from app.pinyin_search import pinyin_order
from app.project_filter import FilterFields
from app.wall_chart import completion_as_of
from app.warning_colours import (
    Colour,
    WarningSettings,
    completion_percent,
    elapsed_percent,
    gap_points,
    milestone_colour,
    project_colour,
)
from db.enums import MilestoneState, ProblemState
from db.models import Milestone, Person, Problem, Project, ProjectList, Unit


@dataclass(frozen=True, slots=True)
class NextMilestone:
    """The first milestone not done yet, and the days left to its latest finish (< 0: late)."""

    name: str
    due: dt.date
    days_left: int


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True)
class CardSet:
    """All cards of the campaign, and the share of the year elapsed they are compared with."""

    cards: list[ProjectCard]
    as_of: dt.date
    elapsed: Decimal  # 序时进度 in percent


Kind = Literal["text", "amount", "date", "percent", "count"]


@dataclass(frozen=True)
class CardColumn:
    """A table column: title, the value it shows and sorts by, and how to show it."""

    key: str
    title: str
    kind: Kind
    value: Callable[[ProjectCard], object]
    summed: bool = False


def _attr(name: str) -> Callable[[ProjectCard], object]:
    return lambda card: getattr(card, name)


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
    CardColumn("total", "总投资", "amount", _attr("total_investment"), summed=True),
    CardColumn("plan", "年度计划", "amount", _attr("annual_plan"), summed=True),
    CardColumn("ytd", "今年累计完成", "amount", _attr("ytd_completed"), summed=True),
    CardColumn("rate", "完成率", "percent", _attr("completion_rate")),
    CardColumn("target", "攻坚目标投资", "amount", _attr("campaign_target"), summed=True),
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
    CardColumn("bond_issued", "专项债发行", "amount", _attr("bond_issued"), summed=True),
    CardColumn("bond_spent", "专项债支出", "amount", _attr("bond_spent"), summed=True),
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
    """合计 of each summed column over `cards`."""
    sums: dict[str, Decimal] = {}
    for column in COLUMNS:
        if column.summed:
            values = (column.value(card) for card in cards)
            sums[column.key] = sum((v for v in values if isinstance(v, Decimal)), Decimal(0))
    return sums


def load_cards(session: Session, as_of: dt.date, settings: WarningSettings) -> CardSet:
    """Every project of the current campaign (not in the 回收站), coloured as of `as_of`."""
    campaign = current_campaign(session)
    completion = completion_as_of(session, as_of)
    open_problems = Counter(
        dict(
            session.execute(
                select(Problem.project_id, func.count())
                .where(Problem.state.not_in((ProblemState.SOLVED, ProblemState.CLOSED)))
                .group_by(Problem.project_id)
            ).all()
        )
    )
    colours: dict[int, list[Colour]] = {}
    upcoming: dict[int, NextMilestone] = {}
    for project_id, name, state, start, finish in session.execute(
        select(
            Milestone.project_id,
            Milestone.name,
            Milestone.state,
            Milestone.planned_start,
            Milestone.planned_finish,
        ).order_by(Milestone.project_id, Milestone.seq)
    ):
        if start is None or finish is None:
            continue
        colours.setdefault(project_id, []).append(
            milestone_colour(state, start, finish, as_of, settings)
        )
        if state is not MilestoneState.DONE and project_id not in upcoming:
            upcoming[project_id] = NextMilestone(name, finish, (finish - as_of).days)

    lead, owner, leader = aliased(Unit), aliased(Unit), aliased(Person)
    query = (
        select(
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
        )
        .join(ProjectList, Project.list_id == ProjectList.id)
        .outerjoin(lead, Project.lead_unit_id == lead.id)
        .outerjoin(owner, Project.owner_id == owner.id)
        .outerjoin(leader, Project.leader_id == leader.id)
        .where(Project.deleted_at.is_(None))
        .order_by(ProjectList.number, Project.id)
    )
    if campaign is not None:
        query = query.where(ProjectList.campaign_id == campaign.id)
    year = (dt.date(as_of.year, 1, 1), dt.date(as_of.year, 12, 31))
    cards = []
    for row in session.execute(query):
        reported = completion.get(row.id)
        ytd = reported[0] if reported else None
        rate = completion_percent(ytd, row.annual_plan) if reported else None
        gap = gap_points(rate, elapsed_percent(reported[1], *year)) if reported else None
        colour = project_colour(colours.get(row.id, ()), gap, settings)
        problems = open_problems[row.id]
        stage, level = row.stage.value, row.level.value if row.level else None
        cards.append(
            ProjectCard(
                id=row.id,
                code=row.code,
                name=row.name,
                list_id=row.list_id,
                list_name=row.list_name,
                stage=stage,
                level=level,
                nature=row.nature.value if row.nature else None,
                industry=row.industry,
                location=row.location,
                park=row.park,
                owner=row.owner,
                unit=row.unit,
                leader=row.leader,
                total_investment=row.total_investment,
                annual_plan=row.annual_plan,
                campaign_target=row.campaign_target,
                ytd_completed=ytd,
                completion_rate=rate,
                planned_start=row.planned_start,
                planned_finish=row.planned_finish,
                actual_start=row.actual_start,
                actual_finish=row.actual_finish,
                bond_issued=row.bond_issued,
                bond_spent=row.bond_spent,
                progress=row.latest_progress,
                contact=row.contact,
                remarks=row.remarks,
                colour=colour,
                next_milestone=upcoming.get(row.id),
                open_problems=problems,
                filter_fields=FilterFields(
                    list_id=row.list_id,
                    lead_unit_id=row.lead_unit_id,
                    leader_id=row.leader_id,
                    colour=colour,
                    search_texts=tuple(t for t in (row.name, row.code, row.owner) if t),
                    stage=stage,
                    level=level,
                    open_problems=problems,
                ),
            )
        )
    return CardSet(cards, as_of, elapsed_percent(as_of, *year))
