"""`gongjian server init`: the database, its roles, the schema, the rights, the first 管理员."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.infra.errors import UserError
from app.server.connection import connect_error, engine_url
from db.enums import AccountKind
from db.server.rights import apply_rights
from db.server.roles import Roles, roles_of, valid_login
from db.server.scram import scram_verifier

log = logging.getLogger("gongjian.server")


@dataclass(frozen=True)
class NewAccount:
    """An account to create: login, the name shown, the password, role and unit."""

    login: str
    display_name: str
    password: str
    kind: AccountKind = AccountKind.ADMIN
    unit_id: int | None = None


@dataclass(frozen=True)
class InitReport:
    """What `init_server` did."""

    database: str
    created_database: bool
    roles: Roles
    first_admin: str | None  # the 管理员 account created now, if any


def init_server(url: str, first_admin: Callable[[], NewAccount]) -> InitReport:
    """Create (or bring up to date) the ledger database behind `url`, connected as a superuser.

    Idempotent: run again after installing a newer program, it upgrades the schema and applies
    the rights again. `first_admin` is asked only when no 管理员 account exists yet.
    """
    target = make_url(engine_url(url))
    if not target.database:
        raise UserError("服务器地址里缺少数据库名，例如 postgresql://postgres@服务器:5432/gongjian")
    created = _create_database_if_missing(target)
    roles = roles_of(target.database)
    engine = create_engine(target, connect_args={"connect_timeout": 10})
    try:
        with engine.begin() as connection:
            _require_superuser(connection)
            _create_roles(connection, roles, target.database)
        with engine.begin() as connection:
            connection.exec_driver_sql(f'SET ROLE "{roles.owner}"')
            _upgrade_and_seed(connection)
            apply_rights(connection, roles, target.database)
            admin = None
            if not _has_admin(connection):
                admin = first_admin()
                add_account(connection, admin)
            connection.exec_driver_sql("RESET ROLE")
    except OperationalError as exc:
        raise connect_error(exc, target) from exc
    finally:
        engine.dispose()
    log.info("server database %s initialised (created: %s)", target.database, created)
    return InitReport(target.database, created, roles, admin.login if admin else None)


def _create_database_if_missing(target: URL) -> bool:
    maintenance = create_engine(
        target.set(database="postgres"),
        isolation_level="AUTOCOMMIT",
        connect_args={"connect_timeout": 10},
    )
    try:
        with maintenance.connect() as connection:
            exists = connection.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": target.database}
            )
            if exists:
                return False
            connection.exec_driver_sql(
                f"CREATE DATABASE \"{target.database}\" ENCODING 'UTF8' TEMPLATE template0"
            )
            return True
    except OperationalError as exc:
        raise connect_error(exc, target) from exc
    finally:
        maintenance.dispose()


def _require_superuser(connection: Connection) -> None:
    if not connection.scalar(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")):
        raise UserError(
            "初始化服务器需要用数据库超级用户（如 postgres）连接：它要创建角色和数据表。"
            "日常使用时各人用自己的账号登录。"
        )


def _create_roles(connection: Connection, roles: Roles, database: str) -> None:
    existing = set(connection.scalars(text("SELECT rolname FROM pg_roles")))
    if roles.owner not in existing:
        # CREATEROLE: the account functions (SECURITY DEFINER, owned by it) create login roles.
        connection.exec_driver_sql(f'CREATE ROLE "{roles.owner}" NOLOGIN CREATEROLE')
    for group in roles.groups:
        if group not in existing:
            connection.exec_driver_sql(f'CREATE ROLE "{group}" NOLOGIN')
        # PostgreSQL 16 lets a CREATEROLE role grant only roles it holds WITH ADMIN OPTION.
        connection.exec_driver_sql(f'GRANT "{group}" TO "{roles.owner}" WITH ADMIN OPTION')
    connection.exec_driver_sql(f'ALTER DATABASE "{database}" OWNER TO "{roles.owner}"')
    connection.exec_driver_sql(f'ALTER SCHEMA public OWNER TO "{roles.owner}"')
    # Tables made before the owner existed (a ledger pushed by a superuser) change hands too.
    for table in connection.scalars(
        text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    ):
        connection.exec_driver_sql(f'ALTER TABLE public."{table}" OWNER TO "{roles.owner}"')


def _upgrade_and_seed(connection: Connection) -> None:
    from alembic import command
    from alembic.config import Config

    from app.infra.database import seed_new_database
    from db.migrate import migrations_folder

    config = Config()
    config.set_main_option("script_location", str(migrations_folder()))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")
    with Session(bind=connection) as session:
        seed_new_database(session)


def _has_admin(connection: Connection) -> bool:
    found = connection.scalar(
        text("SELECT 1 FROM account WHERE kind = :kind AND NOT disabled LIMIT 1"),
        {"kind": AccountKind.ADMIN.value},
    )
    return found is not None


def add_account(connection: Connection, account: NewAccount) -> None:
    """Create a login role and its account row through the server's account function."""
    check_new_account(account)
    connection.execute(
        text("SELECT gongjian_add_account(:login, :verifier, :name, :kind, :unit)"),
        {
            "login": account.login,
            "verifier": scram_verifier(account.password),
            "name": account.display_name,
            "kind": account.kind.value,
            "unit": account.unit_id,
        },
    )


def check_new_account(account: NewAccount) -> None:
    """Refuse, in Chinese, an account the server would refuse."""
    if not valid_login(account.login):
        raise UserError(
            f"账号名「{account.login}」不可用：请用 2–40 个小写字母、数字或下划线，以字母开头，"
            "如 fgj_zhang。"
        )
    if not account.display_name.strip():
        raise UserError("请填写账号的姓名（修改记录里显示的名字）。")
    if len(account.password) < 8:
        raise UserError("密码至少要 8 位。")
    if account.kind is AccountKind.CLERK and account.unit_id is None:
        raise UserError("填报员必须属于一个单位：请选择单位。")
