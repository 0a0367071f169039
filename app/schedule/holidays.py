"""The public-holiday table (法定节假日与调休): seeded from `chinesecalendar`, kept in the DB."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.schedule.calendar import CalendarDays, DayCalendar, HolidayTable, WorkingDays
from db.enums import CalendarKind, HolidayKind
from db.models import HolidayDay

SEED_FIRST_YEAR, SEED_LAST_YEAR = 2020, 2026
SEED_OPERATOR = "系统（初始数据）"

# The package names holidays in English; offices read them in Chinese.
_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}


def package_days(first: int, last: int) -> list[tuple[dt.date, HolidayKind, str]]:
    """Holidays and 调休 working days of the years first…last from the `chinesecalendar` package."""
    from chinese_calendar import constants  # imported only when a database is created

    days = [
        (day, HolidayKind.HOLIDAY, _NAMES.get(name, name))
        for day, name in constants.holidays.items()
        if first <= day.year <= last
    ]
    days += [
        (day, HolidayKind.MAKEUP_WORKDAY, f"{_NAMES.get(name, name)}调休")
        for day, name in constants.workdays.items()
        if first <= day.year <= last
    ]
    return sorted(days)


def seed_holidays(
    session: Session, first: int = SEED_FIRST_YEAR, last: int = SEED_LAST_YEAR
) -> int:
    """Add the package's days for every year in first…last that has none yet; return the count."""
    present = {day.year for day in session.scalars(select(HolidayDay.day))}
    rows = [
        HolidayDay(day=day, kind=kind, name=name)
        for day, kind, name in package_days(first, last)
        if day.year not in present
    ]
    session.add_all(rows)
    return len(rows)


def load_holiday_table(session: Session) -> HolidayTable:
    """The stored holidays as a table the working-day calendar can use."""
    table = HolidayTable()
    for day, kind in session.execute(select(HolidayDay.day, HolidayDay.kind)):
        target = table.holidays if kind is HolidayKind.HOLIDAY else table.makeup_workdays
        target.add(day)
        table.years.add(day.year)
    return table


def calendar_for(kind: CalendarKind, table: HolidayTable) -> DayCalendar:
    """The day calendar a project's schedule counts in."""
    return WorkingDays(table) if kind is CalendarKind.WORKING else CalendarDays()
