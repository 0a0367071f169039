"""One month for 月度填报, 数据交换 and 统计通报: they open on the same month and remember the
clerk's choice (for the database and campaign it was made in) across pages and restarts."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

from ui.settings.keys import REPORT_MONTH, Settings
from ui.widgets.month_picker import MonthPicker

if TYPE_CHECKING:
    from app.infra.database import Database


def shared_month(
    settings: Settings, database: Database, campaign_id: int | None
) -> tuple[int, int]:
    """The clerk's last chosen month in this database and campaign, else the campaign's
    working month."""
    try:
        saved = json.loads(settings.get(REPORT_MONTH) or "{}")
        if saved.get("database") == database.location and saved.get("campaign") == campaign_id:
            year, month = (int(part) for part in str(saved["month"]).split("-"))
            if 2000 <= year <= 2100 and 1 <= month <= 12:
                return year, month
    except (ValueError, KeyError, TypeError, AttributeError):
        pass  # nothing usable remembered: fall back to the working month
    from app.reports.working_month import working_month

    with database.reading() as session:
        return working_month(session, campaign_id, dt.date.today())


def remember_month(
    settings: Settings, database: Database, campaign_id: int | None, year: int, month: int
) -> None:
    """Note the clerk's choice: the other pages, and the next start, open on it."""
    settings.set(
        REPORT_MONTH,
        json.dumps(
            {
                "database": database.location,
                "campaign": campaign_id,
                "month": f"{year}-{month:02d}",
            }
        ),
    )


def follow_shared_month(
    picker: MonthPicker, settings: Settings, database: Database, campaign_id: int | None
) -> bool:
    """Show the shared month in `picker` (quietly); True when it changed."""
    wanted = shared_month(settings, database, campaign_id)
    if picker.month() == wanted:
        return False
    picker.set_month(*wanted)
    return True
