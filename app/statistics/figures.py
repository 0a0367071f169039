"""Figures summed over a group of projects (a list, unit, leader or the whole campaign)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from app.schedule.warning_colours import Colour, gap_points
from app.statistics.month_facts import MonthFacts, ProjectFacts, from_fen
from app.statistics.rates import rate

ZERO = Decimal(0)


@dataclass
class GroupFigures:
    """Sums and rates of one group of projects as of the month."""

    name: str
    elapsed: Decimal  # 序时进度 the completion rate is compared with
    projects: int = 0
    plan: Decimal = ZERO  # 年度计划投资 of the projects that have one
    completed: Decimal = ZERO  # 今年累计完成投资 of those projects
    month_amount: Decimal = ZERO  # 本月完成投资
    due_start: int = 0
    started: int = 0
    due_finish: int = 0
    finished: int = 0
    bond_issued: Decimal = ZERO
    bond_spent: Decimal = ZERO
    red: int = 0
    yellow: int = 0
    open_problems: int = 0
    overdue_problems: int = 0
    completion_rank: int | None = None
    start_rank: int | None = None
    flags: list[str] = field(default_factory=list)  # e.g. 投资完成率连续3个月末位（5月、6月、7月）

    @property
    def completion(self) -> Decimal | None:
        """投资完成率: 今年累计完成 ÷ 年度计划 of the projects with a plan."""
        return rate(self.completed, self.plan)

    @property
    def gap(self) -> Decimal | None:
        """Signed points against 序时进度."""
        return gap_points(self.completion, self.elapsed)

    @property
    def start_rate(self) -> Decimal | None:
        """开复工率: started ÷ due to start."""
        return rate(self.started, self.due_start)

    @property
    def production_rate(self) -> Decimal | None:
        """投产率: in production ÷ due to finish."""
        return rate(self.finished, self.due_finish)

    @property
    def bond_rate(self) -> Decimal | None:
        """专项债使用率: spent ÷ issued."""
        return rate(self.bond_spent, self.bond_issued)

    def add(self, standing: Standing) -> None:
        """Count one project in."""
        self.projects += 1
        self.plan += standing.plan
        self.completed += standing.completed
        self.month_amount += standing.month_amount
        self.due_start += standing.due_start
        self.started += standing.started
        self.due_finish += standing.due_finish
        self.finished += standing.finished
        self.bond_issued += standing.bond_issued
        self.bond_spent += standing.bond_spent
        self.red += standing.red
        self.yellow += standing.yellow
        self.open_problems += standing.open_problems
        self.overdue_problems += standing.overdue_problems


@dataclass(slots=True)
class Standing:
    """One project's contribution to every sum, worked out once per month and then added up."""

    plan: Decimal
    completed: Decimal
    month_amount: Decimal
    due_start: bool
    started: bool
    due_finish: bool
    finished: bool
    bond_issued: Decimal
    bond_spent: Decimal
    red: bool
    yellow: bool
    open_problems: int = 0
    overdue_problems: int = 0


def standings(facts: MonthFacts) -> dict[int, Standing]:
    """Each project's standing at the month's end (computed once per MonthFacts)."""
    if facts.standings or not facts.projects:
        return facts.standings
    day, month = facts.day, facts.month
    result: dict[int, Standing] = {}
    for project in facts.projects:
        planned = project.annual_plan is not None and project.annual_plan > 0
        bonds = project.bond_issued is not None and project.bond_issued > 0
        result[project.id] = Standing(
            plan=project.annual_plan if planned and project.annual_plan else ZERO,
            completed=project.completed(month.month) if planned else ZERO,
            month_amount=project.month_amount(month.month),
            due_start=project.due_to_start(day),
            started=project.started(day),
            due_finish=project.due_to_finish(day),
            finished=project.finished(day),
            bond_issued=project.bond_issued if bonds and project.bond_issued else ZERO,
            bond_spent=(project.bond_spent(month) or ZERO) if bonds else ZERO,
            red=project.colour is Colour.RED,
            yellow=project.colour is Colour.YELLOW,
        )
    for problem in facts.problems:
        standing = result.get(problem.project_id)
        if standing is not None:
            standing.open_problems += problem.open
            standing.overdue_problems += problem.overdue(day)
    facts.standings.update(result)
    return result


def total_figures(facts: MonthFacts, name: str = "合计") -> GroupFigures:
    """The whole campaign's figures."""
    return group_figures(facts, lambda _p: name)[0] if facts.projects else _empty(facts, name)


def group_figures(
    facts: MonthFacts,
    key: Callable[[ProjectFacts], str],
    order: Callable[[GroupFigures], object] | None = None,
) -> list[GroupFigures]:
    """Figures per group named by `key` (first-seen order unless `order` is given)."""
    groups: dict[str, GroupFigures] = {}
    standing = standings(facts)
    for project in facts.projects:
        name = key(project)
        group = groups.get(name)
        if group is None:
            group = groups[name] = _empty(facts, name)
        group.add(standing[project.id])
    result = list(groups.values())
    if order is not None:
        result.sort(key=order)  # type: ignore[arg-type]
    return result


def _empty(facts: MonthFacts, name: str) -> GroupFigures:
    return GroupFigures(name, facts.year_elapsed)


def campaign_investment(facts: MonthFacts) -> Decimal:
    """新增攻坚投资: what was completed in the campaign's months up to the chosen month."""
    start = facts.campaign.start_date
    first = (start.year, start.month)
    total = 0
    for project in facts.projects:
        for number, (_, amount) in project.reports.items():
            if (facts.month.year, number) >= first and amount is not None:
                total += amount
    return from_fen(total)


def sum_of(values: Iterable[Decimal]) -> Decimal:
    """Sum of amounts (Decimal zero when empty)."""
    return sum(values, ZERO)
