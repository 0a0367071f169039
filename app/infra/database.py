"""Open a database for use: migrate it safely and hand out sessions that keep the change log."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.infra.errors import UserError
from app.infra.operator import default_operator
from db.changelog import READING
from db.engine import make_engine, make_session_factory
from db.migrate import DatabaseRefused, FileState, prepare_file, upgrade_to_head

log = logging.getLogger("gongjian.database")


@dataclass
class Database:
    """An open database: where it is, its engine, and its session factory."""

    location: str
    engine: Engine
    sessions: sessionmaker[Session]
    path: Path | None = None
    upgrade_backup: Path | None = None
    read_only: bool = False
    account: str | None = None  # the server login (server mode); None for a file
    # Backend process ids of this database's own connections (server mode): a change notice
    # from one of them is this window's own change, already announced by its operation.
    own_backends: set[int] = field(default_factory=set)

    @property
    def on_server(self) -> bool:
        """Whether this is a server database (PostgreSQL) rather than a file."""
        return self.path is None and self.engine.dialect.name == "postgresql"

    def set_operator(self, operator: str) -> None:
        """Name later changes in the change log after `operator`."""
        self.sessions.configure(info={"operator": operator})

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reading only: a write through it is a bug (writes are operations)."""
        with self.sessions() as session:
            session.info[READING] = True
            yield session

    def close(self) -> None:
        """Release every pooled connection (and with them SQLite's file locks)."""
        self.engine.dispose()


def open_database(
    target: Path | str, operator: str | None = None, *, read_only: bool = False
) -> Database:
    """Open (creating or upgrading if needed) a SQLite file path or a database URL.

    `read_only` opens an existing, current file without writing anything to it.
    """
    operator = operator or default_operator()
    if read_only and not (isinstance(target, str) and "://" in target):
        return _open_read_only(Path(target).expanduser().absolute(), operator)
    if isinstance(target, str) and "://" in target:
        return _open_url(target, operator)
    path = Path(target).expanduser().absolute()
    if not path.parent.exists():
        raise UserError(f"数据库所在的文件夹「{path.parent}」不存在。")
    engine = make_engine(path)
    try:
        prepared = prepare_file(path, engine)
    except DatabaseRefused as exc:
        engine.dispose()
        raise UserError(str(exc)) from exc
    except OperationalError as exc:
        engine.dispose()
        raise UserError(f"无法打开数据库「{path}」：{exc.orig}") from exc
    log.info("opened database %s", path)
    database = Database(
        str(path), engine, make_session_factory(engine, operator), path, prepared.backup
    )
    if prepared.state is FileState.NEW:
        _seed_new_database(database, only_if_empty=False)
    return database


def _open_read_only(path: Path, operator: str) -> Database:
    from db.migrate import inspect_file

    try:
        state, _revision = inspect_file(path)
    except DatabaseRefused as exc:
        raise UserError(str(exc)) from exc
    if state is not FileState.CURRENT:
        raise UserError(f"「{path.name}」需要新建或升级，不能以只读方式打开。")
    engine = make_engine(path, read_only=True)
    log.info("opened database %s read-only", path)
    return Database(str(path), engine, make_session_factory(engine, operator), path, None, True)


def _open_url(url: str, operator: str) -> Database:
    """A server database (or any URL): classified like a file, upgraded only when allowed."""
    from sqlalchemy import event
    from sqlalchemy.engine import make_url

    from app.server.connection import connect_error, engine_url, shown
    from db.migrate import server_state

    url = engine_url(url)
    engine = make_engine(url)
    try:
        state, revision = server_state(engine)
        if state is not FileState.CURRENT:
            _upgrade_server(engine, state, revision)
    except DatabaseRefused as exc:
        engine.dispose()
        raise UserError(str(exc)) from exc
    except UserError:
        engine.dispose()
        raise
    except OperationalError as exc:
        engine.dispose()
        raise connect_error(exc, url) from exc
    parsed = make_url(url)
    database = Database(
        shown(url) if engine.dialect.name == "postgresql" else url,
        engine,
        make_session_factory(engine, operator),
        account=parsed.username,
    )
    if engine.dialect.name == "postgresql":

        @event.listens_for(engine, "connect")
        def _note_backend(dbapi_connection: object, _record: object) -> None:
            database.own_backends.add(dbapi_connection.info.backend_pid)  # type: ignore[attr-defined]

    if state is FileState.NEW:
        _seed_new_database(database, only_if_empty=True)
    if engine.dialect.name == "postgresql":
        _name_after_account(database)
    log.info("opened server database %s", database.location)
    return database


def _name_after_account(database: Database) -> None:
    """On a server, changes go under the account's own name (the server adds the login)."""
    from sqlalchemy import select, text

    from db.models import Account

    with database.reading() as session:
        login = session.scalar(text("SELECT session_user"))
        name = session.scalar(select(Account.display_name).where(Account.login == login))
    if name:
        database.set_operator(name)


def _upgrade_server(engine: Engine, state: FileState, revision: str | None) -> None:
    from sqlalchemy.exc import ProgrammingError

    try:
        upgrade_to_head(engine)
    except ProgrammingError as exc:
        if getattr(exc.orig, "sqlstate", None) != "42501":
            raise
        what = "还没有数据表" if state is FileState.NEW else f"的数据结构是旧版本（{revision}）"
        raise UserError(
            f"服务器上的数据库{what}，需要管理员在服务器上运行 gongjian server init 之后才能使用。"
        ) from exc


def _seed_new_database(database: Database, *, only_if_empty: bool) -> None:
    """Data every new database starts with: the holiday table and default milestone templates."""
    from db.models import HolidayDay

    with database.sessions() as session:
        if only_if_empty and session.query(HolidayDay.id).first() is not None:
            return
        seed_new_database(session)
        session.commit()


def seed_new_database(session: Session) -> None:
    """Add the holiday table and the default milestone templates (the caller commits)."""
    from app.schedule.holidays import SEED_OPERATOR, seed_holidays
    from app.schedule.templates import seed_templates
    from db.models import HolidayDay

    if session.query(HolidayDay.id).first() is not None:
        return
    session.info["operator"] = SEED_OPERATOR
    seed_holidays(session)
    seed_templates(session)
