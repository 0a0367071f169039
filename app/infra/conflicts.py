"""No lost updates: a save based on what a clerk saw is refused when someone changed it since.

Two guards. Within one transaction, every editable row's `version` (db.base.Versioned) makes a
concurrent UPDATE fail instead of overwriting (`StaleDataError`, shown as a conflict). Across the
minutes a clerk spends in an editor or a grid, the service compares the stored values with the
ones the clerk saw (`seen`) for each field being saved: if another clerk changed one of them to
something else, `VersionConflict` says who and when and shows both values; the clerk chooses, and
choosing 用我的覆盖 runs the same work again with the session marked `OVERWRITE`.
No SQLAlchemy here (the window imports it before the database opens); the check itself is
in app/infra/conflict_check.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.infra.errors import UserError
from app.values.date_format import chinese_month_day, clock_minute

OVERWRITE = "overwrite_conflicts"  # session.info key: the clerk chose to overwrite


@dataclass(frozen=True)
class Difference:
    """One field both clerks changed: its label, the stored value, and the clerk's."""

    label: str
    theirs: str
    mine: str


class VersionConflict(UserError):
    """Someone else changed what the clerk is saving, since the clerk read it."""

    def __init__(
        self, what: str, who: str, when: dt.datetime | None, differences: list[Difference]
    ) -> None:
        at = f"{chinese_month_day(when)} {clock_minute(when)}" if when else "刚才"
        super().__init__(
            f"{what}已被{who}于{at}修改，您的修改还没有保存。"
            + "".join(
                f"\n· {d.label}：对方改为「{d.theirs}」，您填的是「{d.mine}」" for d in differences
            )
        )
        self.what = what
        self.who = who
        self.when = when
        self.differences = differences
