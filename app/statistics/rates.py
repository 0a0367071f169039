"""Rates in percent with "—" for an empty denominator, and how rates and gaps are written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from app.values.month_end import (
    month_end,  # not app.schedule.wall_chart: 总览 imports this before its paint
)

TENTH = Decimal("0.1")
EMPTY = "—"


def rate(numerator: Decimal | int, denominator: Decimal | int | None) -> Decimal | None:
    """numerator ÷ denominator in percent (one decimal); None when there is nothing to divide by."""
    if denominator is None or denominator <= 0:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(TENTH, ROUND_HALF_UP)


def percent_text(value: Decimal | None) -> str:
    """62.5 → "62.5%"; None → "—" (never a misleading 0 %)."""
    return EMPTY if value is None else f"{value}%"


def points_text(gap: Decimal | None) -> str:
    """A signed gap to 序时进度 in points: "+13.8", "-5.2", or "—"."""
    if gap is None:
        return EMPTY
    return f"{gap:+}"


def gap_sentence(gap: Decimal | None) -> str:
    """The bulletin's wording: 超过时间进度13.8个百分点 / 落后时间进度5.2个百分点."""
    if gap is None:
        return "无计划投资，不计序时进度"
    if gap >= 0:
        return f"超过时间进度{gap}个百分点"
    return f"落后时间进度{-gap}个百分点"


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month that statistics are taken as of (the figures at its last day)."""

    year: int
    month: int

    @property
    def end(self) -> dt.date:
        """The month's last day: reports describe the month up to it."""
        return month_end(self.year, self.month)

    @property
    def label(self) -> str:
        """ "2022年7月"."""
        return f"{self.year}年{self.month}月"

    def previous(self) -> Month:
        """The month before."""
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    @classmethod
    def parse(cls, text: str) -> Month:
        """ "2022-07" or "2022-7" → Month(2022, 7); ValueError otherwise."""
        year, _, month = text.strip().partition("-")
        made = cls(int(year), int(month))
        if not 1 <= made.month <= 12 or not 1900 < made.year < 2200:
            raise ValueError(text)
        return made
