"""The check behind `VersionConflict`: stored values against what the clerk saw, and who."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.infra.conflicts import OVERWRITE, Difference, VersionConflict
from app.values.date_format import iso_date
from db.models import Account, ChangeLog


def overwriting(session: Session) -> bool:
    """Whether the clerk chose to overwrite another clerk's change in this work."""
    return bool(session.info.get(OVERWRITE))


def check_seen(
    session: Session,
    what: str,
    table: str,
    row_id: int | None,
    fields: Iterable[tuple[str, Any, Any, Any]],
    shown: Callable[[Any], str] | None = None,
) -> None:
    """Refuse when a field stored now differs from what the clerk saw and from what it saves.

    `fields` are (label, stored now, seen by the clerk, being saved). A field the other clerk
    changed to the same value, or one the clerk is not saving, is no conflict.
    """
    if overwriting(session):
        return
    shown = shown or value_text
    clashes = [
        Difference(label, shown(stored), shown(mine))
        for label, stored, seen, mine in fields
        if stored != seen and stored != mine
    ]
    if clashes:
        who, when = last_change(session, table, row_id)
        raise VersionConflict(what, who, when, clashes)


def last_change(session: Session, table: str, row_id: int | None) -> tuple[str, dt.datetime | None]:
    """Who last changed a row (the account's name on a server, else the operator) and when."""
    if row_id is None:
        return "另一位用户", None
    entry = session.execute(
        select(ChangeLog.operator, ChangeLog.account, ChangeLog.at)
        .where(ChangeLog.table_name == table, ChangeLog.row_id == str(row_id))
        .order_by(ChangeLog.id.desc())
        .limit(1)
    ).first()
    if entry is None:
        return "另一位用户", None
    operator, account, at = entry
    return account_name(session, account) or operator or account or "另一位用户", at


def account_name(session: Session, login: str | None) -> str | None:
    """「姓名（账号）」 of a server account; None when the login has no account row."""
    if not login:
        return None
    name = session.scalar(select(Account.display_name).where(Account.login == login))
    return f"{name}（{login}）" if name else None


def value_text(value: Any) -> str:
    """A value as the dialog shows it: amounts with two decimals, empty as （空）."""
    if value is None or value == "":
        return "（空）"
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dt.date):
        return iso_date(value)
    return str(value)
