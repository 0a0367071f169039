"""What statistics are computed from: each project's figures as of the end of a month.

Everything comes from stored history: the monthly reports up to that month (今年累计完成投资,
专项债累计支出) and the dates of starts, finishes and problems, so a month's figures regenerated
later are the same as the first time. Only plans (annual plan, planned dates, bonds issued) are
read as they stand: they are targets, not progress.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeAlias

from sqlalchemy import and_, case, func, literal, select
from sqlalchemy.orm import Session, aliased

from app.projects.campaign_projects import campaign_projects
from app.schedule.warning_colours import (
    Colour,
    WarningSettings,
    completion_percent,
    elapsed_percent,
    gap_points,
    is_overdue,
    milestone_colour_sql,
    project_colour,
)
from app.statistics.rates import Month
from db.enums import MilestoneState, ProblemState, ProblemType
from db.models import (
    Campaign,
    Milestone,
    MonthlyReport,
    Person,
    Problem,
    Project,
    ProjectList,
    Unit,
)

ZERO = Decimal(0)
NO_UNIT = "（未定责任单位）"
NO_LEADER = "（未定包联领导）"


@dataclass
class ProjectFacts:
    """One project's standing at the end of a month."""

    id: int
    name: str
    list_name: str
    list_number: int
    unit: str
    leader: str
    annual_plan: Decimal | None
    planned_start: dt.date | None
    planned_finish: dt.date | None
    actual_start: dt.date | None
    actual_finish: dt.date | None
    bond_issued: Decimal | None
    # month → (今年累计完成投资, 本月完成投资) of the year's reports, in fen (0.01 万元):
    # integers are summed exactly and cheaply; a Decimal is made only for what is shown.
    reports: dict[int, tuple[int | None, int | None]] = field(default_factory=dict)
    # (year, month) → 专项债累计支出, every year up to the month
    bond_reports: dict[tuple[int, int], Decimal] = field(default_factory=dict)
    bond_card: Decimal | None = None  # the card's figure, used only when no month has one
    bond_monthly: bool = False  # some month (any) holds this project's bond spending
    colour: Colour = Colour.OK

    def completed(self, month: int) -> Decimal:
        """今年累计完成投资 by the end of `month`: the latest report of the year up to it."""
        return from_fen(latest_cumulative(self.reports, month))

    def month_amount(self, month: int) -> Decimal:
        """本月完成投资 in `month` (0 when not reported)."""
        return from_fen(self.reports.get(month, (None, None))[1] or 0)

    def due_to_start(self, day: dt.date) -> bool:
        """Due to start (or started early) by `day`: counted in the start rate's denominator."""
        return (self.planned_start is not None and self.planned_start <= day) or self.started(day)

    def started(self, day: dt.date) -> bool:
        """Started (开工 or 复工) by `day`."""
        return self.actual_start is not None and self.actual_start <= day

    def due_to_finish(self, day: dt.date) -> bool:
        """Due to finish (or finished early) by `day`: the production rate's denominator."""
        return (self.planned_finish is not None and self.planned_finish <= day) or self.finished(
            day
        )

    def finished(self, day: dt.date) -> bool:
        """Finished and in production (竣工投产) by `day`."""
        return self.actual_finish is not None and self.actual_finish <= day

    def bond_spent(self, month: Month) -> Decimal | None:
        """专项债累计支出 at the end of `month`; the card's figure for a project never reported
        monthly (an office that keeps bond spending on the cards only)."""
        if not self.bond_monthly:
            return self.bond_card
        reported = [key for key in self.bond_reports if key <= (month.year, month.month)]
        return self.bond_reports[max(reported)] if reported else ZERO


@dataclass(slots=True)
class ProblemFacts:
    """One problem as it stood at the end of the month."""

    id: int
    project_id: int
    project_name: str
    type: ProblemType
    description: str
    unit: str
    raised_on: dt.date
    deadline: dt.date | None
    state: ProblemState  # as of the day

    def overdue(self, day: dt.date) -> bool:
        """Past its deadline and not solved on `day`."""
        return is_overdue(self.state, self.deadline, day)

    @property
    def open(self) -> bool:
        """Not solved or closed."""
        return self.state not in (ProblemState.SOLVED, ProblemState.CLOSED)


@dataclass
class MonthFacts:
    """The projects and problems of one campaign as of the end of a month."""

    campaign: Campaign
    month: Month
    projects: list[ProjectFacts]
    problems: list[ProblemFacts]
    bond_from_cards: bool  # some bond project has no monthly figure: its card's figure stands in
    year_elapsed: Decimal  # 序时进度 of the year at the month's end
    campaign_elapsed: Decimal  # 序时进度 of the campaign
    # The previous year's reports (project → month → figures) when month is January or February:
    # a ranking of the last three months reaches back into it.
    earlier_reports: dict[int, dict[int, tuple[int | None, int | None]]] = field(
        default_factory=dict
    )
    # Each project's sums at the month's end, filled once by app.statistics.figures.standings.
    standings: dict[int, Any] = field(default_factory=dict, repr=False)

    @property
    def day(self) -> dt.date:
        """The month's last day."""
        return self.month.end


def from_fen(amount: int) -> Decimal:
    """A stored amount (fen) as 万元 with two places."""
    return Decimal(amount).scaleb(-2)


def latest_cumulative(reports: dict[int, tuple[int | None, int | None]], month: int) -> int:
    """The latest 今年累计完成投资 (fen) reported in the year up to `month`; 0 when none."""
    for number in range(month, 0, -1):
        cumulative = reports.get(number, (None, None))[0]
        if cumulative is not None:
            return cumulative
    return 0


def load_month_facts(
    session: Session, campaign: Campaign, month: Month, settings: WarningSettings
) -> MonthFacts:
    """Read the campaign's projects, reports and problems as of the end of `month`."""
    day = month.end
    projects = _projects(session, campaign)
    current, earlier = _investment_reports(session, month)
    for project in projects:
        project.reports = current.get(project.id, {})
    _add_bond_reports(session, month, projects)
    facts = MonthFacts(
        campaign,
        month,
        projects,
        _problems(session, campaign, day),
        bond_from_cards=any(p.bond_issued and not p.bond_monthly for p in projects),
        year_elapsed=elapsed_percent(day, dt.date(month.year, 1, 1), dt.date(month.year, 12, 31)),
        campaign_elapsed=elapsed_percent(day, campaign.start_date, campaign.end_date),
    )
    facts.earlier_reports = earlier
    _colour(session, facts, settings)
    return facts


# project id → month number → (今年累计完成投资, 当月完成投资) in fen
_YearReports: TypeAlias = dict[int, dict[int, tuple[int | None, int | None]]]


def _investment_reports(session: Session, month: Month) -> tuple[_YearReports, _YearReports]:
    """Each project's (cumulative, month) investment by month number, in fen: this year's and,
    for a three-month ranking that reaches back, the previous year's."""
    # Reports of the year up to the month; and the previous year's too when a ranking of the last
    # three months reaches back into it.
    first_year = month.year - 1 if month.month < 3 else month.year
    # Straight to the driver: amounts as stored (fen), rows as plain tuples. 24,000 Decimals and
    # Row objects made through Core were half the page's time. The literals are ints (Month).
    table = MonthlyReport.__tablename__
    connection = session.connection()
    rows = connection.exec_driver_sql(
        f"SELECT project_id, year, month, investment_year, investment_month FROM {table}"
        f" WHERE year BETWEEN {int(first_year)} AND {int(month.year)}"
        f" AND (year < {int(month.year)} OR month <= {int(month.month)})"
    ).all()
    current: _YearReports = {}
    earlier: _YearReports = {}
    for project_id, year, number, cumulative, amount in rows:
        reports = current if year == month.year else earlier
        found = reports.get(project_id)
        if found is None:
            found = reports[project_id] = {}
        found[number] = (cumulative, amount)
    return current, earlier


def _add_bond_reports(session: Session, month: Month, projects: list[ProjectFacts]) -> None:
    """Each project's 专项债 spending by (year, month) up to `month`, and whether it is monthly."""
    connection = session.connection()
    by_id = {p.id: p for p in projects}
    bond_rows = connection.execute(
        select(
            MonthlyReport.project_id,
            MonthlyReport.year,
            MonthlyReport.month,
            MonthlyReport.bond_spent,
        ).where(
            MonthlyReport.bond_spent.is_not(None),
            (MonthlyReport.year < month.year)
            | and_(MonthlyReport.year == month.year, MonthlyReport.month <= month.month),
        )
    ).all()
    for project_id, year, number, spent in bond_rows:
        if project_id in by_id and spent is not None:
            by_id[project_id].bond_reports[(year, number)] = spent
    # Projects whose bond spending was never entered by month: their cards' figures stand in.
    monthly = set(
        session.scalars(
            select(MonthlyReport.project_id).where(MonthlyReport.bond_spent.is_not(None)).distinct()
        )
    )
    for project in projects:
        project.bond_monthly = project.id in monthly


def _projects(session: Session, campaign: Campaign) -> list[ProjectFacts]:
    leader = aliased(Person)
    rows = (
        session.connection()
        .execute(
            campaign_projects(
                Project.id,
                Project.name,
                ProjectList.name,
                ProjectList.number,
                Unit.name,
                leader.name,
                Project.annual_plan,
                Project.planned_start,
                Project.planned_finish,
                Project.actual_start,
                Project.actual_finish,
                Project.bond_issued,
                Project.bond_spent,
                campaign_id=campaign.id,
            )
            .outerjoin(Unit, Project.lead_unit_id == Unit.id)
            .outerjoin(leader, Project.leader_id == leader.id)
            .order_by(ProjectList.number, Project.id)
        )
        .all()
    )
    return [
        ProjectFacts(
            id=row[0],
            name=row[1],
            list_name=row[2],
            list_number=row[3],
            unit=row[4] or NO_UNIT,
            leader=row[5] or NO_LEADER,
            annual_plan=row[6],
            planned_start=row[7],
            planned_finish=row[8],
            actual_start=row[9],
            actual_finish=row[10],
            bond_issued=row[11],
            bond_card=row[12],
        )
        for row in rows
    ]


def _problems(session: Session, campaign: Campaign, day: dt.date) -> list[ProblemFacts]:
    rows = (
        session.connection()
        .execute(
            select(
                Problem.id,
                Problem.project_id,
                Project.name,
                Problem.type,
                Problem.description,
                Unit.name,
                Problem.raised_on,
                Problem.deadline,
                Problem.state,
                Problem.solved_on,
                Problem.closed_on,
            )
            .join(Project, Problem.project_id == Project.id)
            .join(ProjectList, Project.list_id == ProjectList.id)
            .outerjoin(Unit, Problem.lead_unit_id == Unit.id)
            .where(
                ProjectList.campaign_id == campaign.id,
                Project.deleted_at.is_(None),
                Problem.raised_on <= day,
            )
            .order_by(Problem.raised_on, Problem.id)
        )
        .all()
    )
    return [
        ProblemFacts(
            id=row[0],
            project_id=row[1],
            project_name=row[2],
            type=row[3],
            description=row[4],
            unit=row[5] or NO_UNIT,
            raised_on=row[6],
            deadline=row[7],
            state=state_on(row[8], row[9], row[10], day),
        )
        for row in rows
    ]


def state_on(
    state: ProblemState, solved_on: dt.date | None, closed_on: dt.date | None, day: dt.date
) -> ProblemState:
    """A problem's state on `day`, from its solved and closed dates and its state now."""
    if closed_on is not None and closed_on <= day:
        return ProblemState.CLOSED
    if solved_on is not None and solved_on <= day:
        return ProblemState.SOLVED
    if state in (ProblemState.SOLVED, ProblemState.CLOSED):
        return ProblemState.IN_HAND  # solved later: it was still being worked on then
    return state


def milestone_state_sql(day: dt.date) -> object:
    """A milestone's state on `day` from its actual dates (its stored state is today's)."""
    return case(
        (
            and_(Milestone.actual_finish.is_not(None), Milestone.actual_finish <= day),
            literal(MilestoneState.DONE.value),
        ),
        (
            and_(Milestone.actual_start.is_not(None), Milestone.actual_start <= day),
            literal(MilestoneState.IN_PROGRESS.value),
        ),
        else_=literal(MilestoneState.NOT_STARTED.value),
    )


def _colour(session: Session, facts: MonthFacts, settings: WarningSettings) -> None:
    """Each project's warning colour at the month's end, by the cards' and chart's rule."""
    day = facts.day
    colour = milestone_colour_sql(
        milestone_state_sql(day), Milestone.planned_start, Milestone.planned_finish, day, settings
    )
    worst: dict[int, int] = dict(
        session.connection()
        .execute(
            select(Milestone.project_id, func.max(colour))
            .where(
                Milestone.planned_start.is_not(None),
                Milestone.planned_finish.is_not(None),
            )
            .group_by(Milestone.project_id)
        )
        .all()
    )
    for project in facts.projects:
        gap = None
        if project.reports:
            completion = completion_percent(
                project.completed(facts.month.month), project.annual_plan
            )
            gap = gap_points(completion, facts.year_elapsed)
        found = worst.get(project.id)
        project.colour = project_colour(
            (Colour(found),) if found is not None else (), gap, settings
        )
