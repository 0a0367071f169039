"""设置 → 账号: the server's accounts as rows, and a 管理员's changes through its functions.

Only the server's account functions create roles, reset passwords or disable logins
(db/server/rights.py); a session of anyone but a 管理员 is refused by the server itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.infra.errors import UserError
from app.server.setup import NewAccount, check_new_account
from db.changelog import note_written
from db.enums import AccountKind
from db.models import Account, Unit
from db.server.scram import scram_verifier


class KeepUnit:
    """Marker for `change(unit_id=KeepUnit)`: leave the account's unit as it is."""


@dataclass(frozen=True)
class AccountRow:
    """One account as 设置 → 账号 lists it."""

    login: str
    display_name: str
    kind: AccountKind
    unit_id: int | None
    unit: str
    disabled: bool


def list_accounts(session: Session) -> list[AccountRow]:
    """Every account, 管理员 first, then by unit and name."""
    rows = session.execute(
        select(Account, Unit.name).outerjoin(Unit, Unit.id == Account.unit_id)
    ).all()
    order = list(AccountKind)
    accounts = [
        AccountRow(a.login, a.display_name, a.kind, a.unit_id, unit or "", a.disabled)
        for a, unit in rows
    ]
    return sorted(accounts, key=lambda r: (order.index(r.kind), r.unit, r.login))


def unit_choices(session: Session) -> list[tuple[int, str]]:
    """Units an account can belong to, by name."""
    return [(u.id, u.name) for u in session.scalars(select(Unit).order_by(Unit.name))]


def my_kind(session: Session) -> AccountKind | None:
    """The role of the account this session logged in with (None on a file or a superuser)."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    login = session.scalar(text("SELECT session_user"))
    return session.scalar(select(Account.kind).where(Account.login == login))


def add(session: Session, account: NewAccount) -> None:
    """添加账号 (a login role in the account's group, and its row); commits."""
    check_new_account(account)
    session.execute(
        text("SELECT gongjian_add_account(:login, :verifier, :name, :kind, :unit)"),
        {
            "login": account.login,
            "verifier": scram_verifier(account.password),
            "name": account.display_name.strip(),
            "kind": account.kind.value,
            "unit": account.unit_id,
        },
    )
    note_written(session, "account")
    session.commit()


def change(
    session: Session,
    row: AccountRow,
    *,
    display_name: str | None = None,
    kind: AccountKind | None = None,
    unit_id: int | type[KeepUnit] | None = KeepUnit,
    disabled: bool | None = None,
    password: str | None = None,
) -> None:
    """Change an account's name, role, unit, login (停用/启用) or password; commits."""
    name = (display_name if display_name is not None else row.display_name).strip()
    if not name:
        raise UserError("账号的姓名不能为空。")
    new_kind = kind or row.kind
    unit = row.unit_id if unit_id is KeepUnit else unit_id
    assert unit is None or isinstance(unit, int)
    if new_kind is AccountKind.CLERK and unit is None:
        raise UserError("填报员必须属于一个单位：请选择单位。")
    if password is not None and len(password) < 8:
        raise UserError("密码至少要 8 位。")
    session.execute(
        text("SELECT gongjian_change_account(:who, :name, :kind, :unit, :off, :verifier)"),
        {
            "who": row.login,
            "name": name,
            "kind": new_kind.value,
            "unit": unit,
            "off": row.disabled if disabled is None else disabled,
            "verifier": scram_verifier(password) if password else None,
        },
    )
    note_written(session, "account")
    session.commit()
