"""Columns that claim the same field: the stronger claim keeps it, the other takes its second
meaning or is left out with the reason; amounts of a month need a month to be stored against."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from app.exchange.fields import PROJECT_FIELDS, ExchangeField, field_of

if TYPE_CHECKING:
    from app.exchange.header_detection import ColumnMap

_RANK = {"clerk": 0, "profile": 1, "exact": 2, "concept": 3}
# Repeated fields whose second column is dropped without a word (a second 序号 of a side list).
_QUIET = {"number"}
_MONTHLY = ("ytd_completed", "month_completed")


def assign_columns(
    columns: list[ColumnMap],
    year: int | None,
    month: int | None,
    fields: tuple[ExchangeField, ...] | None,
) -> list[ColumnMap]:
    """Each field to one column; `year` and `month` are the sheet's (title, unit line)."""
    fields = fields or PROJECT_FIELDS
    columns = [_with_month(c, month) for c in columns]
    order = sorted(
        (c for c in columns if c.key is not None),
        key=lambda c: (_RANK[c.how or "concept"], -_strength(c, year), c.index),
    )
    taken: dict[str, ColumnMap] = {}
    decided: dict[int, ColumnMap] = {}
    for column in order:
        assert column.key is not None
        key = column.key
        if key not in taken:
            taken[key] = decided[column.index] = column
            continue
        fallback = _FALLBACKS.get(key)
        if fallback and fallback not in taken:
            taken[fallback] = decided[column.index] = replace(column, key=fallback)
            continue
        holder = taken[key]
        label = field_of(key, fields).header
        reason = (
            None
            if key in _QUIET
            else f"与 {holder.letter} 列「{holder.header}」同为「{label}」，已用 {holder.letter} 列"
        )
        decided[column.index] = replace(column, key=None, how=None, reason=reason or "重复的列")
    return [decided.get(c.index, c) for c in columns]


# The second meaning of a header when its first is taken: 项目内容 beside 项目名称 is content.
_FALLBACKS = {"name": "content", "measures": "next_steps"}


def _strength(column: ColumnMap, year: int | None) -> int:
    """Specific headers before generic ones; the sheet's own year before another year."""
    strength = column.strength * 2 + (1 if column.how == "exact" else 0)
    if column.year is not None and year is not None:
        strength += 2 if column.year == year else -2
    if column.key in _MONTHLY and column.month is not None:
        strength += 1
    return strength


def _with_month(column: ColumnMap, month: int | None) -> ColumnMap:
    """A completed-investment column needs its month (from the header, else the title)."""
    if column.key not in _MONTHLY or column.month is not None:
        return column
    if month is not None:
        return replace(column, month=month)
    label = "今年累计完成投资" if column.key == "ytd_completed" else "本月完成投资"
    return replace(
        column,
        key=None,
        how=None,
        question=f"看起来是{label}，但表头和标题都没有写明月份（如“1-7月”）：请指定月份",
        choices=(column.key,),
        looks_like="investment",
    )
