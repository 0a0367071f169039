"""The holiday table: seeded into every new database, loaded for working-day schedules."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, extract, func, select

from app.infra.database import Database, open_database
from app.schedule.calendar import WorkingDays
from app.schedule.holidays import load_holiday_table, seed_holidays
from db.enums import HolidayKind
from db.models import ChangeLog, HolidayDay


def test_new_database_has_2020_to_2026_with_makeup_days(database: Database) -> None:
    with database.sessions() as session:
        years = set(session.scalars(select(extract("year", HolidayDay.day)).distinct()))
        assert years == set(range(2020, 2027))
        national_day = session.scalars(
            select(HolidayDay).where(HolidayDay.day == dt.date(2022, 10, 8))
        ).one()
        assert (national_day.kind, national_day.name) == (HolidayKind.MAKEUP_WORKDAY, "国庆节调休")
        assert (
            session.scalars(
                select(HolidayDay.name).where(HolidayDay.day == dt.date(2024, 2, 12))
            ).one()
            == "春节"
        )
        operators = set(
            session.scalars(select(ChangeLog.operator).where(ChangeLog.table_name == "holiday_day"))
        )
        assert operators == {"系统（初始数据）"}


def test_a_years_edits_are_not_overwritten_by_reseeding(database: Database) -> None:
    with database.sessions() as session:
        session.execute(delete(HolidayDay).where(extract("year", HolidayDay.day) == 2021))
        session.add(
            HolidayDay(day=dt.date(2021, 12, 31), kind=HolidayKind.HOLIDAY, name="本地假日")
        )
        session.commit()
        added = seed_holidays(session)
        session.commit()
        assert added == 0
        count_2021 = session.scalar(
            select(func.count(HolidayDay.id)).where(extract("year", HolidayDay.day) == 2021)
        )
        assert count_2021 == 1


def test_reopening_does_not_seed_again(file_database: Database) -> None:
    database = file_database
    assert database.path is not None
    with database.sessions() as session:
        before = session.scalar(select(func.count(HolidayDay.id)))
    database.close()
    again = open_database(database.path)
    with again.sessions() as session:
        assert session.scalar(select(func.count(HolidayDay.id))) == before
    again.close()


def test_loaded_table_drives_the_working_day_calendar(database: Database) -> None:
    with database.sessions() as session:
        table = load_holiday_table(session)
    calendar = WorkingDays(table)
    # Friday 2022-09-30 is followed, in working days, by the 调休 Saturday 2022-10-08.
    after = calendar.index_on_or_before(dt.date(2022, 9, 30)) + 1
    assert calendar.day_at(after) == dt.date(2022, 10, 8)
    assert calendar.years_without_data() == set()
