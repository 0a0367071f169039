"""Units ranked by completion rate and start rate each month; three months last in a row flagged.

The Qinhuangdao seed: units whose 投资完成率 or 开工率 ranks last three months in a row are
called in for a talk (约谈). Ties share a rank (1, 2, 2, 4); a unit with nothing to rate is not
ranked; a month with fewer than two ranked units has no last place; and a month in which no
project reported anything ranks nobody: on a young campaign the months before the first reports
would otherwise tie every unit at 0 % and flag them all (issue 14).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.statistics.month_facts import MonthFacts, ProjectFacts, from_fen, latest_cumulative
from app.statistics.rates import Month, rate

ZERO = Decimal(0)
RUN = 3  # months in a row


@dataclass(frozen=True)
class LastPlace:
    """A unit last in one measure for RUN months in a row, ending at the chosen month."""

    unit: str
    measure: str  # 投资完成率 / 开复工率
    months: tuple[Month, ...]

    @property
    def text(self) -> str:
        """ "投资完成率连续3个月排名末位（2022年5月、6月、7月）"."""
        labels = [self.months[0].label]
        for earlier, month in zip(self.months, self.months[1:], strict=False):
            labels.append(month.label if month.year != earlier.year else f"{month.month}月")
        return f"{self.measure}连续{len(self.months)}个月排名末位（{'、'.join(labels)}）"


def competition_ranks(values: dict[str, Decimal | None]) -> dict[str, int]:
    """Rank by value, highest first; equal values share a rank; None is not ranked."""
    rated = sorted(((v, k) for k, v in values.items() if v is not None), key=lambda x: -x[0])
    ranks: dict[str, int] = {}
    for position, (value, name) in enumerate(rated, start=1):
        previous = rated[position - 2] if position > 1 else None
        if previous is not None and previous[0] == value:
            ranks[name] = ranks[previous[1]]
        else:
            ranks[name] = position
    return ranks


def last_places(ranks: dict[str, int]) -> set[str]:
    """The units ranked last (all of them when tied); none when fewer than two are ranked."""
    if len(ranks) < 2:
        return set()
    worst = max(ranks.values())
    if worst == 1:
        return set()  # all tied first: nobody is last
    return {name for name, value in ranks.items() if value == worst}


def unit_rates(
    facts: MonthFacts, month: Month
) -> tuple[dict[str, Decimal | None], dict[str, Decimal | None]]:
    """Completion rate and start rate of each unit as of `month` (this month or an earlier one)."""
    plan: dict[str, Decimal] = {}
    done: dict[str, int] = {}
    due: dict[str, int] = {}
    started: dict[str, int] = {}
    day = month.end
    for project in facts.projects:
        unit = project.unit
        plan.setdefault(unit, ZERO)
        done.setdefault(unit, 0)
        if project.annual_plan is not None and project.annual_plan > 0:
            plan[unit] += project.annual_plan
            done[unit] += _completed(project, facts, month)
        due[unit] = due.get(unit, 0) + project.due_to_start(day)
        started[unit] = started.get(unit, 0) + project.started(day)
    completion = {unit: rate(from_fen(done[unit]), plan[unit]) for unit in plan}
    start = {unit: rate(started[unit], due[unit]) for unit in due}
    return completion, start


def _completed(project: ProjectFacts, facts: MonthFacts, month: Month) -> int:
    """今年累计完成投资 (fen) as of `month`, which may lie in the year before."""
    if month.year == facts.month.year:
        return latest_cumulative(project.reports, month.month)
    return latest_cumulative(facts.earlier_reports.get(project.id, {}), month.month)


@dataclass
class Ranking:
    """This month's ranks and the units last three months in a row."""

    completion: dict[str, int]
    start: dict[str, int]
    last_places: list[LastPlace]


def reported_in(facts: MonthFacts, month: Month) -> bool:
    """Whether any project of the campaign has a monthly report for `month`."""
    if month.year == facts.month.year:
        return any(month.month in project.reports for project in facts.projects)
    if month.year == facts.month.year - 1:
        return any(month.month in reports for reports in facts.earlier_reports.values())
    return False


def rank_units(facts: MonthFacts) -> Ranking:
    """Rank the units this month and flag those last RUN months running."""
    months = [facts.month]
    while len(months) < RUN:
        months.append(months[-1].previous())
    months.reverse()
    lasts: dict[str, list[set[str]]] = {"投资完成率": [], "开复工率": []}
    ranks_now: tuple[dict[str, int], dict[str, int]] = ({}, {})
    for month in months:
        if not reported_in(facts, month):
            for sets in lasts.values():
                sets.append(set())
            ranks_now = ({}, {})
            continue
        completion, start = unit_rates(facts, month)
        completion_ranks, start_ranks = competition_ranks(completion), competition_ranks(start)
        lasts["投资完成率"].append(last_places(completion_ranks))
        lasts["开复工率"].append(last_places(start_ranks))
        ranks_now = (completion_ranks, start_ranks)
    flagged = [
        LastPlace(unit, measure, tuple(months))
        for measure, sets in lasts.items()
        for unit in sorted(set.intersection(*sets))
    ]
    return Ranking(ranks_now[0], ranks_now[1], flagged)
