"""Open a database for use: migrate it safely and hand out sessions that keep the change log."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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
        engine = make_engine(target)
        upgrade_to_head(engine)
        database = Database(target, engine, make_session_factory(engine, operator))
        _seed_new_database(database, only_if_empty=True)
        return database
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


def _seed_new_database(database: Database, *, only_if_empty: bool) -> None:
    """Data every new database starts with: the holiday table and default milestone templates."""
    from app.schedule.holidays import SEED_OPERATOR, seed_holidays
    from app.schedule.templates import seed_templates
    from db.models import HolidayDay

    with database.sessions() as session:
        if only_if_empty and session.query(HolidayDay.id).first() is not None:
            return
        session.info["operator"] = SEED_OPERATOR
        seed_holidays(session)
        seed_templates(session)
        session.commit()
