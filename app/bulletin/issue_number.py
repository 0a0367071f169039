"""The bulletin's 期号: by calendar month, or running from the campaign's start number."""

from __future__ import annotations

import datetime as dt

from db.enums import IssueNumbering


def issue_number(
    numbering: IssueNumbering, start_number: int, campaign_start: dt.date, year: int, month: int
) -> int:
    """The issue number of the bulletin for `year`-`month`.

    By month, October's bulletin is 第10期. Running, the campaign's first month is the start
    number and each later month one more, across the year's end; a month before the campaign
    starts has the start number (it is the first bulletin the clerk can make).
    """
    if numbering is IssueNumbering.BY_MONTH:
        return month
    elapsed = (year - campaign_start.year) * 12 + (month - campaign_start.month)
    return start_number + max(elapsed, 0)


def issue_text(
    numbering: IssueNumbering, start_number: int, campaign_start: dt.date, year: int, month: int
) -> str:
    """期号 as printed under the bulletin's head: 2026年第10期 (by month) or 第3期 (running)."""
    number = issue_number(numbering, start_number, campaign_start, year, month)
    if numbering is IssueNumbering.BY_MONTH:
        return f"{year}年第{number}期"
    return f"第{number}期"
