"""Timescale tiers for a zoom level: year / quarter / month / week / day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

Segment = tuple[dt.date, dt.date, str]  # first day, day after the last, label


def tiers_for(px_per_day: float) -> tuple[str, str]:
    """The upper and lower tier shown at a zoom (pixels per day)."""
    if px_per_day >= 16:
        return "month", "day"
    if px_per_day >= 4:
        return "month", "week"
    if px_per_day >= 1.2:
        return "year", "month"
    return "year", "quarter"


def segments(unit: str, first: dt.date, last: dt.date, *, short: bool = False) -> Iterator[Segment]:
    """The unit's periods that overlap first…last, with their labels (short: without the year)."""
    day = _period_start(unit, first)
    while day <= last:
        following = _next(unit, day)
        yield day, following, _label(unit, day, short)
        day = following


def _period_start(unit: str, day: dt.date) -> dt.date:
    if unit == "year":
        return dt.date(day.year, 1, 1)
    if unit == "quarter":
        return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    if unit == "month":
        return day.replace(day=1)
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    return day


def _next(unit: str, day: dt.date) -> dt.date:
    if unit == "year":
        return dt.date(day.year + 1, 1, 1)
    if unit in ("quarter", "month"):
        step = 3 if unit == "quarter" else 1
        month = day.month - 1 + step
        return dt.date(day.year + month // 12, month % 12 + 1, 1)
    return day + dt.timedelta(days=7 if unit == "week" else 1)


def _label(unit: str, day: dt.date, short: bool) -> str:
    year = "" if short else f"{day.year}年"
    if unit == "year":
        return f"{day.year}年"
    if unit == "quarter":
        return f"{year}{'一二三四'[(day.month - 1) // 3]}季度"
    if unit == "month":
        return f"{year}{day.month}月"
    if unit == "week":
        return f"{day.month}/{day.day}"
    return str(day.day)
