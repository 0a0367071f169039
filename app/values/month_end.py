"""The last day of a calendar month (reports describe a month up to it)."""

from __future__ import annotations

import datetime as dt


def month_end(year: int, month: int) -> dt.date:
    """The last day of `month` in `year`."""
    first_of_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_of_next - dt.timedelta(days=1)
