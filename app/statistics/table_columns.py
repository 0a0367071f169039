"""The columns of the statistics tables, shared by the page, the bulletin workbook and its PDF."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from app.statistics.figures import GroupFigures
from app.statistics.rates import EMPTY, percent_text, points_text

Kind = Literal["text", "count", "money", "percent", "points", "rank"]
Value = Decimal | int | str | None


@dataclass(frozen=True)
class FigureColumn:
    """One column: header, how to read the value from a group, and what kind of value it is."""

    header: str
    value: Callable[[GroupFigures], Value]
    kind: Kind

    def text(self, group: GroupFigures) -> str:
        """The value as shown in a table cell."""
        return cell_text(self.value(group), self.kind)


def cell_text(value: Value, kind: Kind) -> str:
    """A value as table text: amounts in 万元 with separators, rates with %, "—" when empty."""
    if kind == "percent":
        return percent_text(value if isinstance(value, Decimal) else None)
    if kind == "points":
        return points_text(value if isinstance(value, Decimal) else None)
    if value is None:
        return EMPTY
    if kind == "money" and isinstance(value, Decimal):
        return f"{value:,.2f}"
    return str(value)


def name_column(header: str) -> FigureColumn:
    """The first column: the group's name under `header` (清单 / 责任单位 / 包联领导)."""
    return FigureColumn(header, lambda g: g.name, "text")


FIGURE_COLUMNS: list[FigureColumn] = [
    FigureColumn("项目数", lambda g: g.projects, "count"),
    FigureColumn("年度计划投资（万元）", lambda g: g.plan, "money"),
    FigureColumn("今年累计完成（万元）", lambda g: g.completed, "money"),
    FigureColumn("本月完成（万元）", lambda g: g.month_amount, "money"),
    FigureColumn("投资完成率", lambda g: g.completion, "percent"),
    FigureColumn("比序时进度（百分点）", lambda g: g.gap, "points"),
    FigureColumn("应开工", lambda g: g.due_start, "count"),
    FigureColumn("已开复工", lambda g: g.started, "count"),
    FigureColumn("开复工率", lambda g: g.start_rate, "percent"),
    FigureColumn("应竣工", lambda g: g.due_finish, "count"),
    FigureColumn("已投产", lambda g: g.finished, "count"),
    FigureColumn("投产率", lambda g: g.production_rate, "percent"),
    FigureColumn("专项债使用率", lambda g: g.bond_rate, "percent"),
    FigureColumn("红色预警", lambda g: g.red, "count"),
    FigureColumn("黄色预警", lambda g: g.yellow, "count"),
    FigureColumn("未解决问题", lambda g: g.open_problems, "count"),
    FigureColumn("超期问题", lambda g: g.overdue_problems, "count"),
]

RANK_COLUMNS: list[FigureColumn] = [
    FigureColumn("完成率排名", lambda g: g.completion_rank, "rank"),
    FigureColumn("开复工率排名", lambda g: g.start_rank, "rank"),
]

FLAG_COLUMN = FigureColumn("连续末位", lambda g: "；".join(g.flags) or None, "text")


def list_columns() -> list[FigureColumn]:
    """分清单 table."""
    return [name_column("清单"), *FIGURE_COLUMNS]


def unit_columns() -> list[FigureColumn]:
    """分单位 table, with the ranks first and the three-months-last flag last."""
    return [*RANK_COLUMNS, name_column("责任单位"), *FIGURE_COLUMNS, FLAG_COLUMN]


def leader_columns() -> list[FigureColumn]:
    """分包联领导 table."""
    return [name_column("包联领导"), *FIGURE_COLUMNS]
