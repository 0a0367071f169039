"""Throwaway PostgreSQL databases for tests (CI starts the server: GONGJIAN_TEST_PG_URL)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.server.setup import NewAccount, init_server
from db.enums import AccountKind

PG_URL = os.environ.get("GONGJIAN_TEST_PG_URL")
NO_SERVER = "GONGJIAN_TEST_PG_URL not set (CI starts a throwaway PostgreSQL and sets it)"
PASSWORD = "test-password"


def url_of(database: str, user: str | None = None, password: str | None = None) -> str:
    """The test server's URL for `database`, as the superuser or as `user`."""
    server = os.environ.get("GONGJIAN_TEST_PG_URL")
    assert server is not None
    url = make_url(server).set(database=database)
    if user is not None:
        url = url.set(username=user, password=password or PASSWORD)
    return url.render_as_string(hide_password=False)


def drop_database(database: str) -> None:
    """Remove `database` and every role named after it (roles are cluster-wide)."""
    engine = create_engine(url_of("postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        roles = connection.scalars(
            text("SELECT rolname FROM pg_roles WHERE rolname LIKE :prefix ORDER BY rolname DESC"),
            {"prefix": database.replace("_", r"\_") + r"\_%"},
        ).all()
        # Logins first, then the groups, the owner last (it holds the groups WITH ADMIN OPTION).
        for role in sorted(roles, key=lambda r: r.endswith("_owner")):
            connection.exec_driver_sql(f'DROP ROLE IF EXISTS "{role}"')
    engine.dispose()


@dataclass(frozen=True)
class Server:
    """A fresh server database made by `gongjian server init`, with its first 管理员."""

    database: str
    admin: str

    def url(self, login: str | None = None) -> str:
        """URL as the superuser (None) or as an account."""
        return url_of(self.database, login)

    def login(self, name: str) -> str:
        """An account name unique to this database (roles are shared by the whole server)."""
        return f"{self.database}_u_{name}"


def fresh_server(database: str) -> Server:
    """Drop and initialise `database` as an office would (`gongjian server init`)."""
    drop_database(database)
    admin = f"{database}_u_admin"
    init_server(
        url_of(database), lambda: NewAccount(admin, "管理员甲", PASSWORD, AccountKind.ADMIN)
    )
    return Server(database, admin)
