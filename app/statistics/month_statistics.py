"""Everything the 统计通报 page and the 月通报 show for one month, computed in one pass."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from app.infra.gc_pause import gc_paused
from app.schedule.warning_colours import Colour, WarningSettings, elapsed_percent
from app.statistics.figures import GroupFigures, campaign_investment, group_figures, total_figures
from app.statistics.month_facts import (
    MonthFacts,
    ProblemFacts,
    ProjectFacts,
    from_fen,
    load_month_facts,
)
from app.statistics.ranking import LastPlace, rank_units
from app.statistics.rates import Month, rate
from db.enums import ProblemState, ProblemType, TargetKind
from db.models import Campaign

ZERO = Decimal(0)
STATE_BUCKETS = ("未解决", "已解决", "已销号")


@dataclass(frozen=True)
class SeriesPoint:
    """One month of the year on the investment line."""

    month: Month
    completed: Decimal  # 今年累计完成投资 at the month's end
    plan_to_date: Decimal  # 年度计划 × 序时进度 at the month's end


@dataclass(frozen=True)
class Target:
    """A campaign target and where the figure stands against it."""

    kind: TargetKind
    percent: Decimal | None
    amount: Decimal | None
    due: dt.date | None


@dataclass
class MonthStatistics:
    """The month's figures: headline, tables, ranking, series, problems and lists."""

    facts: MonthFacts
    total: GroupFigures
    by_list: list[GroupFigures]
    by_unit: list[GroupFigures]  # ranked: by completion rate, best first
    by_leader: list[GroupFigures]
    last_places: list[LastPlace]
    series: list[SeriesPoint]
    problems_by_type: dict[ProblemType, Counter[str]]  # type → state bucket → count
    campaign_investment: Decimal
    targets: dict[TargetKind, Target]

    @property
    def month(self) -> Month:
        """The month the figures are as of."""
        return self.facts.month

    @property
    def campaign(self) -> Campaign:
        """The campaign."""
        return self.facts.campaign

    @property
    def campaign_investment_rate(self) -> Decimal | None:
        """新增攻坚投资 against the campaign's investment target."""
        target = self.targets.get(TargetKind.INVESTMENT)
        amount = target.amount if target else self.campaign.target_investment
        return rate(self.campaign_investment, amount)

    def target_percent(self, kind: TargetKind) -> Decimal | None:
        """The campaign's rate target of `kind` in percent, if it sets one."""
        found = self.targets.get(kind)
        return found.percent if found is not None else None

    def meets_target(self, kind: TargetKind, value: Decimal | None) -> bool | None:
        """Whether `value` reaches the target of `kind`; None when either is missing."""
        target = self.target_percent(kind)
        return None if value is None or target is None else value >= target

    @property
    def red_projects(self) -> list[ProjectFacts]:
        """Projects red at the month's end, by list."""
        return [p for p in self.facts.projects if p.colour is Colour.RED]

    @property
    def overdue_problems(self) -> list[ProblemFacts]:
        """Problems past their deadline and not solved at the month's end, oldest first."""
        day = self.facts.day
        return sorted(
            (p for p in self.facts.problems if p.overdue(day)),
            key=lambda p: (p.deadline or day, p.id),
        )


@gc_paused()
def month_statistics(
    session: Session, campaign_id: int | None, month: Month, settings: WarningSettings
) -> MonthStatistics | None:
    """The statistics of the chosen campaign as of `month`; None without one."""
    campaign = session.get(Campaign, campaign_id) if campaign_id is not None else None
    if campaign is None:
        return None
    facts = load_month_facts(session, campaign, month, settings)
    ranking = rank_units(facts)
    by_unit = group_figures(facts, lambda p: p.unit)
    for group in by_unit:
        group.completion_rank = ranking.completion.get(group.name)
        group.start_rank = ranking.start.get(group.name)
        group.flags = [flag.text for flag in ranking.last_places if flag.unit == group.name]
    by_unit.sort(key=lambda g: (g.completion_rank is None, g.completion_rank or 0, g.name))
    return MonthStatistics(
        facts=facts,
        total=total_figures(facts),
        by_list=group_figures(facts, lambda p: p.list_name),
        by_unit=by_unit,
        by_leader=group_figures(
            facts, lambda p: p.leader, order=lambda g: (-(g.completion or -1), g.name)
        ),
        last_places=ranking.last_places,
        series=_series(facts),
        problems_by_type=_problems_by_type(facts),
        campaign_investment=campaign_investment(facts),
        targets={t.kind: Target(t.kind, t.percent, t.amount, t.due_date) for t in campaign.targets},
    )


def _series(facts: MonthFacts) -> list[SeriesPoint]:
    year = facts.month.year
    plan = sum(
        (p.annual_plan for p in facts.projects if p.annual_plan is not None and p.annual_plan > 0),
        ZERO,
    )
    last = facts.month.month
    totals = [0] * (last + 1)  # fen, per month: each project's latest cumulative carried forward
    for project in facts.projects:
        if project.annual_plan is None or project.annual_plan <= 0:
            continue
        cumulative = 0
        for number in range(1, last + 1):
            reported = project.reports.get(number)
            if reported is not None and reported[0] is not None:
                cumulative = reported[0]
            totals[number] += cumulative
    points = []
    for number in range(1, last + 1):
        month = Month(year, number)
        completed = from_fen(totals[number])
        share = elapsed_percent(month.end, dt.date(year, 1, 1), dt.date(year, 12, 31))
        points.append(SeriesPoint(month, completed, (plan * share / 100).quantize(Decimal("0.01"))))
    return points


def _problems_by_type(facts: MonthFacts) -> dict[ProblemType, Counter[str]]:
    counts: dict[ProblemType, Counter[str]] = {}
    for problem in facts.problems:
        bucket = {
            ProblemState.SOLVED: STATE_BUCKETS[1],
            ProblemState.CLOSED: STATE_BUCKETS[2],
        }.get(problem.state, STATE_BUCKETS[0])
        counts.setdefault(problem.type, Counter())[bucket] += 1
    return {t: counts[t] for t in ProblemType if t in counts}


def default_month(session: Session, campaign_id: int | None, today: dt.date) -> Month:
    """The month to show first: the campaign's working month (app/reports/working_month.py)."""
    from app.reports.working_month import working_month

    return Month(*working_month(session, campaign_id, today))
