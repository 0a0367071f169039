"""Dates and times written out, the same on every system: the one place that formats them.

No `strftime`: its flags differ between C libraries (`%-m` is glibc only and raises
"Invalid format string" on Windows), and before Python 3.13 a non-ASCII format such as
"%Y年%m月" breaks under a non-UTF-8 Windows locale (CPython gh-52551). Chinese dates follow
GB/T 9704 (公文格式): month and day without a leading zero, "2022年7月5日".
"""

from __future__ import annotations

import datetime as dt


def iso_date(day: dt.date) -> str:
    """2022-07-05."""
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def compact_date(day: dt.date) -> str:
    """20220705, for file names."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def short_month_day(day: dt.date) -> str:
    """07-05, where the year is evident."""
    return f"{day.month:02d}-{day.day:02d}"


def chinese_date(day: dt.date) -> str:
    """2022年7月5日."""
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_month_day(day: dt.date) -> str:
    """7月5日, where the year is evident."""
    return f"{day.month}月{day.day}日"


def clock_minute(moment: dt.datetime) -> str:
    """14:03."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def iso_minute(moment: dt.datetime) -> str:
    """2022-07-05 14:03."""
    return f"{iso_date(moment)} {clock_minute(moment)}"


def iso_second(moment: dt.datetime) -> str:
    """2022-07-05 14:03:09."""
    return f"{iso_minute(moment)}:{moment.second:02d}"


def file_stamp(moment: dt.datetime) -> str:
    """20220705-140309, for backup file names (sorts in time order)."""
    return f"{compact_date(moment)}-{moment.hour:02d}{moment.minute:02d}{moment.second:02d}"


def utc_stamp(moment: dt.datetime) -> str:
    """2022-07-05T14:03:09Z, the W3C form workbook properties use (`moment` in UTC)."""
    return f"{iso_date(moment)}T{clock_minute(moment)}:{moment.second:02d}Z"
