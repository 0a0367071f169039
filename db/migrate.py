"""Bring a database file to the schema; refuse what is not ours or too new; back up first."""

from __future__ import annotations

import logging
import sqlite3
from enum import Enum
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import Engine

from db.backup import backup_beside
from db.sqlite_file import connect_for_reading

log = logging.getLogger("gongjian.db.migrate")

# Kept in step with db/migrations/versions by a test, so that opening an up-to-date file
# does not need to import Alembic at all (it costs start-up time).
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009")
HEAD_REVISION = KNOWN_REVISIONS[-1]


class DatabaseRefused(Exception):
    """A file the program will not open; the message is Chinese and meant for the clerk."""


class FileState(Enum):
    """What a file on disk is, as far as the schema is concerned."""

    NEW = "new"  # missing, empty, or a SQLite file without tables
    CURRENT = "current"
    OLDER = "older"


def inspect_file(path: Path) -> tuple[FileState, str | None]:
    """Classify `path` without changing it; raise DatabaseRefused for what we must not touch."""
    if not path.exists() or path.stat().st_size == 0:
        return FileState.NEW, None
    if path.is_dir():
        raise DatabaseRefused(f"「{path}」是一个文件夹，不是数据库文件。")
    try:
        conn = connect_for_reading(path)
        try:
            tables = {
                row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revision = None
            if "alembic_version" in tables:
                found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = found[0] if found else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(_unreadable(path, exc)) from exc
    if not tables:
        return FileState.NEW, None
    if revision is None:
        raise DatabaseRefused(
            f"「{path.name}」是一个数据库文件，但不是攻坚台账的数据库，程序不会改动它。"
        )
    if revision == HEAD_REVISION:
        return FileState.CURRENT, revision
    if revision in KNOWN_REVISIONS:
        return FileState.OLDER, revision
    raise DatabaseRefused(
        f"「{path.name}」由更新版本的攻坚台账写入（数据结构版本 {revision}），"
        f"本程序只认识到版本 {HEAD_REVISION}。为保护数据，文件未被改动；请升级程序后再打开。"
    )


def _unreadable(path: Path, exc: sqlite3.DatabaseError) -> str:
    """Why SQLite could not read `path`, by its result code: a file that is not a database is
    one thing, a read-only folder or a file locked by another program quite another."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    if code == sqlite3.SQLITE_BUSY or code == sqlite3.SQLITE_LOCKED:
        return (
            f"「{path.name}」正被另一个程序占用（已锁定），暂时无法打开。"
            "请关闭占用它的程序后再试；文件未被改动。"
        )
    if code in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM):
        return (
            f"无法打开「{path.name}」：文件或所在文件夹「{path.parent}」是只读的，或没有访问权限"
            "（数据库需要在同一文件夹里建立临时文件）。请把它复制到可写的文件夹后再打开；文件未被改动。"
        )
    if code == sqlite3.SQLITE_IOERR:
        return f"无法读取「{path.name}」：磁盘读写出错（所在的盘可能已断开）；文件未被改动。"
    if code == sqlite3.SQLITE_CORRUPT:
        return f"「{path.name}」是数据库文件，但已损坏，无法读取；文件未被改动。请从备份恢复。"
    return f"「{path.name}」不是攻坚台账的数据库文件（无法按数据库读取：{exc}）。"


def migrations_folder() -> Path:
    """Where the Alembic scripts are (inside a bundle too)."""
    return Path(__file__).parent / "migrations"


def server_state(engine: Engine) -> tuple[FileState, str | None]:
    """Classify a server database like a file: new (no tables), current, older; refuse others."""
    from sqlalchemy import inspect, text

    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        if not tables:
            return FileState.NEW, None
        if "alembic_version" not in tables:
            raise DatabaseRefused(
                "服务器上的这个数据库已有别的数据表，不是攻坚台账的数据库，程序不会改动它。"
            )
        revision = connection.scalar(text("SELECT version_num FROM alembic_version"))
    if revision == HEAD_REVISION:
        return FileState.CURRENT, revision
    if revision in KNOWN_REVISIONS:
        return FileState.OLDER, revision
    raise DatabaseRefused(
        f"服务器上的数据库由更新版本的攻坚台账写入（数据结构版本 {revision}），"
        f"本程序只认识到版本 {HEAD_REVISION}。请升级程序后再连接。"
    )


def upgrade_to_head(engine: Engine) -> None:
    """Run every pending Alembic revision on `engine` in one transaction."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_folder()))
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if sqlite:
            # A batch revision rebuilds a table (copy, drop, rename): with foreign keys enforced,
            # dropping a table other rows point at fails. SQLite's own recipe for such changes:
            # keys off outside the transaction, then check every reference before committing.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"upgrade left broken references: {broken[:5]}")
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


class Prepared(NamedTuple):
    """What preparing a file found and did."""

    state: FileState  # as found, before any upgrade
    backup: Path | None


def prepare_file(path: Path, engine: Engine) -> Prepared:
    """Migrate the file behind `engine` to the head revision; say what it was and the backup."""
    state, revision = inspect_file(path)
    if state is FileState.CURRENT:
        return Prepared(state, None)
    backup = None
    if state is FileState.OLDER:
        backup = backup_beside(path, f"升级前-{revision}")
        log.info("backed up %s to %s before upgrading from %s", path, backup, revision)
    upgrade_to_head(engine)
    log.info("database %s now at schema %s", path, HEAD_REVISION)
    return Prepared(state, backup)
