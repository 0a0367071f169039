"""The statistics charts drawn with matplotlib (no pyplot, no Qt): for the page and the bulletin."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from app.statistics.chart_fonts import register_chart_fonts
from app.statistics.month_statistics import STATE_BUCKETS, MonthStatistics

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

BAR = "#1976d2"
BEHIND = "#fb8c00"
PLAN = "#9aa5b1"
STATE_COLOURS = {"未解决": "#e53935", "已解决": "#fb8c00", "已销号": "#43a047"}
WAN_PER_YI = Decimal(10000)


# Titles sit at a fixed height (y=1.02): left to matplotlib, their place is worked out from every
# tick label's extent on each draw, a tenth of a chart's time.
def new_figure(width: float, height: float, dpi: float = 100) -> Figure:
    """A blank figure (inches) with the Chinese font registered."""
    from matplotlib.figure import Figure

    register_chart_fonts()
    # No layout engine: constrained layout measured every label again on each draw and cost
    # a third of the page's time; margins are fixed in inches instead (see fit_margins).
    figure = Figure(figsize=(width, height), dpi=dpi)
    figure.patch.set_facecolor("white")
    return figure


@dataclass(frozen=True)
class Margins:
    """Space around the axes in inches (labels and titles live there)."""

    left: float
    bottom: float
    top: float = 0.32
    right: float = 0.12


def fit_margins(figure: Figure, margins: Margins) -> None:
    """Place the axes leaving `margins` (again after every resize of the figure)."""
    width, height = figure.get_size_inches()
    figure.subplots_adjust(
        left=min(margins.left / width, 0.45),
        right=max(1 - margins.right / width, 0.55),
        bottom=min(margins.bottom / height, 0.45),
        top=max(1 - margins.top / height, 0.55),
    )


def draw_completion_by_list(figure: Figure, stats: MonthStatistics) -> Margins:
    """Bars: each list's 投资完成率, orange where behind 序时进度, the 序时进度 as a dashed line."""
    axes = figure.add_subplot()
    groups = [g for g in stats.by_list]
    names = [_short(g.name) for g in groups]
    values = [float(g.completion) if g.completion is not None else 0.0 for g in groups]
    colours = [BEHIND if g.gap is not None and g.gap < 0 else BAR for g in groups]
    bars = axes.bar(range(len(groups)), values, color=colours, width=0.6)
    for bar, group in zip(bars, groups, strict=True):
        label = "—" if group.completion is None else f"{group.completion}%"
        axes.annotate(
            label,
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            ha="center",
            va="bottom",
            fontsize=8,
            xytext=(0, 2),
            textcoords="offset points",
        )
    elapsed = float(stats.facts.year_elapsed)
    axes.axhline(elapsed, color="#37474f", linestyle="--", linewidth=1)
    axes.annotate(
        f"序时进度 {stats.facts.year_elapsed}%",
        (-0.45, elapsed),
        ha="left",
        va="bottom",
        fontsize=8,
        color="#37474f",
        xytext=(0, 2),
        textcoords="offset points",
    )
    axes.set_xticks(range(len(groups)), names, fontsize=8)
    axes.set_ylabel("投资完成率（%）", fontsize=9)
    axes.set_ylim(0, max([*values, elapsed, 10.0]) * 1.18)
    axes.set_title(f"各清单投资完成率（截至{stats.month.label}底）", fontsize=10, y=1.02)
    _plain(axes)
    return fit_margins_of(figure, Margins(left=0.55, bottom=0.5))


def draw_investment_series(figure: Figure, stats: MonthStatistics) -> Margins:
    """Lines: 今年累计完成投资 month by month against the plan at 序时进度 (亿元)."""
    axes = figure.add_subplot()
    months = [p.month.month for p in stats.series]
    done = [float(p.completed / WAN_PER_YI) for p in stats.series]
    plan = [float(p.plan_to_date / WAN_PER_YI) for p in stats.series]
    axes.plot(
        months, plan, color=PLAN, linestyle="--", marker="o", markersize=3, label="按序时进度应完成"
    )
    axes.plot(months, done, color=BAR, marker="o", markersize=4, linewidth=2, label="累计完成投资")
    if done:
        axes.annotate(
            f"{done[-1]:.2f}",
            (months[-1], done[-1]),
            fontsize=8,
            xytext=(4, -10),
            textcoords="offset points",
        )
    axes.set_xticks(months, [f"{m}月" for m in months], fontsize=8)
    axes.set_ylabel("亿元", fontsize=9)
    axes.set_ylim(bottom=0)
    axes.legend(fontsize=8, frameon=False, loc="upper left")
    axes.set_title(f"{stats.month.year}年累计完成投资与计划", fontsize=10, y=1.02)
    _plain(axes)
    return fit_margins_of(figure, Margins(left=0.55, bottom=0.3, right=0.5))


def draw_problems(figure: Figure, stats: MonthStatistics) -> Margins:
    """Stacked bars: problems by type, split into 未解决 / 已解决 / 已销号."""
    axes = figure.add_subplot()
    types = list(stats.problems_by_type)
    if not types:
        axes.text(0.5, 0.5, "本月底前没有问题记录", ha="center", va="center", fontsize=10)
        axes.set_axis_off()
        return Margins(left=0.1, bottom=0.1)
    left = [0] * len(types)
    for bucket in STATE_BUCKETS:
        counts = [stats.problems_by_type[t].get(bucket, 0) for t in types]
        axes.barh(
            range(len(types)),
            counts,
            left=left,
            color=STATE_COLOURS[bucket],
            label=bucket,
            height=0.6,
        )
        left = [a + b for a, b in zip(left, counts, strict=True)]
    axes.set_yticks(range(len(types)), [t.value for t in types], fontsize=8)
    axes.invert_yaxis()
    axes.set_xlabel("问题（个）", fontsize=9)
    figure.legend(fontsize=8, frameon=False, loc="lower center", ncols=3)
    axes.set_title("问题按类型与状态", fontsize=10, y=1.02)
    _plain(axes)
    return fit_margins_of(figure, Margins(left=0.8, bottom=0.72))


def fit_margins_of(figure: Figure, margins: Margins) -> Margins:
    """Apply `margins` now and return them, for the canvas to apply again on resize."""
    fit_margins(figure, margins)
    return margins


def _short(name: str) -> str:
    """List names on two lines when long, so seven fit side by side."""
    return (
        name
        if len(name) <= 4
        else f"{name[: (len(name) + 1) // 2]}\n{name[(len(name) + 1) // 2 :]}"
    )


def _plain(axes: Axes) -> None:
    from matplotlib.ticker import MaxNLocator

    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=8)
    # At most five value ticks: enough to read a small chart, and every label costs a text
    # layout on each draw (a third of a chart's time went to tick labels).
    value_axis = axes.xaxis if axes.get_xlabel() == "问题（个）" else axes.yaxis
    value_axis.set_major_locator(MaxNLocator(nbins=5, integer=value_axis is axes.xaxis))
