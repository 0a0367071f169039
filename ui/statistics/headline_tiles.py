"""The headline figures both 总览 and 统计通报 show as tiles, each against its target."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.statistics.rates import percent_text, points_text
from db.enums import TargetKind
from ui.widgets.figure_tile import AHEAD, BEHIND, FigureTile, target_colour, target_note

if TYPE_CHECKING:
    from decimal import Decimal

    from app.statistics.month_statistics import MonthStatistics

# key → caption, in the order both pages lay them out.
HEADLINE = (
    ("completion", "投资完成率"),
    ("gap", "比序时进度（百分点）"),
    ("campaign", "攻坚新增投资"),
    ("start", "开复工率"),
    ("production", "投产率"),
    ("bond", "专项债使用率"),
)


def show_headline(tiles: dict[str, FigureTile], stats: MonthStatistics) -> None:
    """Fill the HEADLINE tiles from the month's statistics."""
    total = stats.total

    def rate_tile(key: str, kind: TargetKind, value: Decimal | None, counts: str = "") -> None:
        note = "　".join(t for t in (counts, target_note(stats.target_percent(kind))) if t)
        tiles[key].set_value(
            percent_text(value), note, target_colour(stats.meets_target(kind, value))
        )

    rate_tile("completion", TargetKind.COMPLETION_RATE, total.completion)
    tiles["gap"].set_value(
        points_text(total.gap),
        f"序时进度 {stats.facts.year_elapsed}%",
        None if total.gap is None else (AHEAD if total.gap >= 0 else BEHIND),
    )
    investment = stats.targets.get(TargetKind.INVESTMENT)
    goal = investment.amount if investment else stats.campaign.target_investment
    tiles["campaign"].set_value(
        f"{stats.campaign_investment / 10000:,.2f}亿元",
        f"目标 {goal / 10000:,.2f}亿元，完成 {percent_text(stats.campaign_investment_rate)}"
        if goal
        else "",
    )
    rate_tile(
        "start", TargetKind.START_RATE, total.start_rate, f"{total.started}/{total.due_start} 个"
    )
    rate_tile(
        "production",
        TargetKind.PRODUCTION_RATE,
        total.production_rate,
        f"{total.finished}/{total.due_finish} 个",
    )
    # Projects without monthly bond figures count with their cards' current ones: say so.
    rate_tile(
        "bond",
        TargetKind.BOND_USAGE_RATE,
        total.bond_rate,
        "含项目卡片当前数" if stats.facts.bond_from_cards else "",
    )
