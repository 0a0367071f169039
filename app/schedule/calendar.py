"""Day calendars: calendar days, or working days with Chinese public holidays and 调休 days.

Scheduling works in day indices: consecutive integers for consecutive counted days. For calendar
days the index is the date's ordinal; for working days it counts working days only, so "5 working
days after" is index + 5 whatever weekends and holidays lie between.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Protocol

from app.infra.errors import UserError
from app.values.date_format import iso_date

# Working-day calendars cover these years; schedules beyond them are refused, not guessed.
FIRST_YEAR, LAST_YEAR = 1990, 2100


class DayCalendar(Protocol):
    """What the scheduling passes need of a calendar."""

    unit: str

    def index_on_or_before(self, day: dt.date) -> int:
        """Index of the last counted day not after `day`."""
        ...

    def index_on_or_after(self, day: dt.date) -> int:
        """Index of the first counted day not before `day`."""
        ...

    def day_at(self, index: int) -> dt.date:
        """The date of a day index."""
        ...

    def years_without_data(self) -> set[int]:
        """Years the schedule touched for which no holiday data exists."""
        ...


class CalendarDays:
    """Every day counts (the default)."""

    unit = "日历日"

    def index_on_or_before(self, day: dt.date) -> int:
        """The date's ordinal."""
        return day.toordinal()

    def index_on_or_after(self, day: dt.date) -> int:
        """The date's ordinal."""
        return day.toordinal()

    def day_at(self, index: int) -> dt.date:
        """The date of an ordinal."""
        return dt.date.fromordinal(index)

    def years_without_data(self) -> set[int]:
        """Calendar days need no holiday data."""
        return set()


@dataclass
class HolidayTable:
    """Public holidays and make-up working days, and the years whose notice has been entered."""

    holidays: set[dt.date] = field(default_factory=set)
    makeup_workdays: set[dt.date] = field(default_factory=set)
    years: set[int] = field(default_factory=set)

    def is_workday(self, day: dt.date) -> bool:
        """Weekdays are working days unless a holiday; a 调休 weekend day is one."""
        if day in self.makeup_workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays


class WorkingDays:
    """Only working days count: weekends and public holidays are skipped, 调休 days are worked."""

    unit = "工作日"

    def __init__(self, table: HolidayTable) -> None:
        self._table = table
        self._first = dt.date(FIRST_YEAR, 1, 1).toordinal()
        last = dt.date(LAST_YEAR, 12, 31).toordinal()
        # Ordinals of all working days, ascending: index i is the i-th working day.
        self._workdays = [
            o for o in range(self._first, last + 1) if table.is_workday(dt.date.fromordinal(o))
        ]
        self._touched: set[int] = set()

    def _check(self, day: dt.date) -> None:
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise UserError(
                f"日期 {iso_date(day)} 超出工作日历的范围（{FIRST_YEAR}—{LAST_YEAR}年）。"
            )
        if day.year not in self._table.years:
            self._touched.add(day.year)

    def index_on_or_before(self, day: dt.date) -> int:
        """Index of `day` if it is a working day, else of the working day before it."""
        self._check(day)
        return bisect_right(self._workdays, day.toordinal()) - 1

    def index_on_or_after(self, day: dt.date) -> int:
        """Index of `day` if it is a working day, else of the working day after it."""
        self._check(day)
        position = bisect_right(self._workdays, day.toordinal())
        if position and self._workdays[position - 1] == day.toordinal():
            return position - 1
        return position

    def day_at(self, index: int) -> dt.date:
        """The date of the index-th working day."""
        if not 0 <= index < len(self._workdays):
            raise UserError(f"排期超出工作日历的范围（{FIRST_YEAR}—{LAST_YEAR}年）。")
        day = dt.date.fromordinal(self._workdays[index])
        if day.year not in self._table.years:
            self._touched.add(day.year)
        return day

    def years_without_data(self) -> set[int]:
        """Years touched so far whose public holidays are unknown (treated as plain weeks)."""
        return set(self._touched)
