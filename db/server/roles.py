"""The roles of one server database: its owner and the three groups clerks belong to."""

from __future__ import annotations

import re
from dataclasses import dataclass

from db.enums import AccountKind


@dataclass(frozen=True)
class Roles:
    """Role names of one database (roles are cluster-wide, so they carry the database's name)."""

    owner: str  # owns the schema; no login; used only by `gongjian server init` and upgrades
    admin: str  # 管理员
    clerk: str  # 填报员
    leader: str  # 领导

    def group(self, kind: AccountKind) -> str:
        """The group role of accounts of `kind`."""
        return {AccountKind.ADMIN: self.admin, AccountKind.CLERK: self.clerk}.get(kind, self.leader)

    @property
    def groups(self) -> tuple[str, str, str]:
        """The three group roles."""
        return (self.admin, self.clerk, self.leader)


def roles_of(database: str) -> Roles:
    """The roles of database `database` (e.g. gongjian → gongjian_owner, gongjian_admin …)."""
    stem = re.sub(r"[^a-z0-9_]", "_", database.lower())[:40]
    return Roles(f"{stem}_owner", f"{stem}_admin", f"{stem}_clerk", f"{stem}_leader")


LOGIN_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,39}$")


def valid_login(login: str) -> bool:
    """Whether `login` can be an account name (lower-case letters, digits, _; 2–40 long)."""
    return bool(LOGIN_PATTERN.match(login))
