"""Columns that claim the same field. None is dropped without a word: a month's amounts form a
series (8月 … 12月 each a monthly report), contacts and texts are joined (联系人 + 电话), a
second leader or amount goes into 备注 as "表头：值"; only a second 项目名称 column (a list printed
beside the first) is left out, with the reason. Amounts of a month need their month."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from app.exchange.fields import PROJECT_FIELDS, ExchangeField, field_of

if TYPE_CHECKING:
    from app.exchange.header_detection import ColumnMap

_RANK = {"clerk": 0, "profile": 1, "exact": 2, "concept": 3}
_MONTHLY = ("ytd_completed", "month_completed")
# Fields whose further columns are joined to the first: 联系人 + 电话, several progress texts.
_JOINED = frozenset(
    {"contact", "progress", "content", "remarks", "cooperating_units", "measures", "next_steps",
     "description"}
)  # fmt: skip
# Fields whose second column is left out: a second name is another list's, a second 序号 too.
_ALONE = frozenset({"name", "number", "project_name"})
# The second meaning of a header when its first is taken: 项目内容 beside 项目名称 is content.
_FALLBACKS = {"name": "content"}

SERIES, JOINED, NOTED = "series", "joined", "noted"


def assign_columns(
    columns: list[ColumnMap],
    year: int | None,
    month: int | None,
    fields: tuple[ExchangeField, ...] | None,
    *,
    years: tuple[int, int] | None = None,
) -> list[ColumnMap]:
    """Each column's part: `year` and `month` are the sheet's (title, unit line); `years` a range
    of years the title names (2010-2012年), when completed amounts are not one year's."""
    fields = fields or PROJECT_FIELDS
    columns = [_with_month(c, month, years) for c in columns]
    order = sorted(
        (c for c in columns if c.key is not None),
        key=lambda c: (_RANK[c.how or "concept"], -_strength(c, year), c.index),
    )
    taken: dict[str, ColumnMap] = {}
    months: set[tuple[str, int | None, int | None]] = set()
    decided: dict[int, ColumnMap] = {}
    for column in order:
        key = column.key or ""
        if key not in taken:
            taken[key] = decided[column.index] = column
            months.add((key, column.year, column.month))
            continue
        fallback = _FALLBACKS.get(key)
        if fallback and fallback not in taken and "内容" in column.header:
            taken[fallback] = decided[column.index] = replace(column, key=fallback)
            continue
        holder = taken[key]
        if key in _MONTHLY and (key, column.year, column.month) not in months:
            months.add((key, column.year, column.month))
            decided[column.index] = replace(column, role=SERIES)
        elif key in _JOINED:
            decided[column.index] = replace(column, role=JOINED)
        elif key in _ALONE:
            label = field_of(key, fields).header
            reason = (
                "重复的序号列"
                if key == "number"
                else f"第二个「{label}」列（{holder.letter} 列已作为{label}；"
                "可能是并排的另一张表），未导入"
            )
            decided[column.index] = replace(column, key=None, how=None, reason=reason)
        else:
            decided[column.index] = replace(column, role=NOTED)
    return [decided.get(c.index, c) for c in columns]


def _strength(column: ColumnMap, year: int | None) -> int:
    """Specific headers before generic ones; the sheet's own year before another year."""
    strength = column.strength * 2 + (1 if column.how == "exact" else 0)
    if column.year is not None and year is not None:
        strength += 2 if column.year == year else -2
    if column.key in _MONTHLY and column.month is not None:
        strength += 1
    return strength


def _with_month(column: ColumnMap, month: int | None, years: tuple[int, int] | None) -> ColumnMap:
    """A completed-investment column needs its month (from the header, else the title)."""
    if column.key not in _MONTHLY or column.month is not None:
        return column
    if years is not None and years[0] != years[1]:
        return replace(
            column,
            key=None,
            how=None,
            reason=f"标题是{years[0]}—{years[1]}年的多年表，完成投资不是一年的：不导入",
            looks_like="investment",
        )
    if month is not None:
        return replace(column, month=month)
    label = "今年累计完成投资" if column.key == "ytd_completed" else "本月完成投资"
    return replace(
        column,
        key=None,
        how=None,
        question=f"看起来是{label}，但表头和标题都没有写明月份（如“1-7月”）：请指定月份",
        choices=(column.key or "",),
        looks_like="investment",
    )
