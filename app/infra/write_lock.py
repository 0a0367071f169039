"""One writer at a time for the big operations: import, merge of returned books, restore, batch
undo take the database's write lock before they plan, and plan again under it.

SQLite: `BEGIN IMMEDIATE` (the lock is held to the end of the transaction; a second writer waits
for SQLite's busy timeout, then is told who is busy). PostgreSQL: a transaction-level advisory
lock, with the same wait. Ordinary edits keep SQLite's own locking: they are short.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.infra.errors import UserError

BUSY = (
    "已有导入正在进行（或另一个窗口、另一个程序正在写入这个数据库，如回收合并、恢复或撤销），"
    "请等它完成后再试。未写入任何数据。"
)
_ADVISORY_KEY = 0x676F6E676A69616E  # "gongjian"
_POSTGRES_WAIT = "10s"


def take_write_lock(session: Session) -> None:
    """Hold the database's write lock until the session's transaction ends; UserError (nothing
    written) if another writer keeps it longer than the busy timeout. Objects the session loaded
    before are expired: what follows reads the database as it is now."""
    connection = session.connection()
    dialect = connection.dialect.name
    try:
        if dialect == "sqlite":
            raw = connection.connection.dbapi_connection
            # A transaction that has written already holds SQLite's write lock.
            if raw is not None and not raw.in_transaction:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
        elif dialect == "postgresql":
            connection.execute(text(f"SET LOCAL lock_timeout = '{_POSTGRES_WAIT}'"))
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_KEY})
    except OperationalError as exc:
        session.rollback()
        if _is_busy(exc):
            raise UserError(BUSY) from exc
        raise
    session.expire_all()


def _is_busy(exc: OperationalError) -> bool:
    message = str(exc.orig).lower()
    return any(sign in message for sign in ("locked", "busy", "lock timeout", "lock_timeout"))


def database_stamp(session: Session) -> tuple[int, ...]:
    """What changes with every write a plan depends on: the change log (every ORM change and
    every bulk insert is logged there), import batches, and the project table's extent."""
    from sqlalchemy import func, select

    from db.models import ChangeLog, ImportBatch, Project

    row = session.execute(
        select(
            select(func.coalesce(func.max(ChangeLog.id), 0)).scalar_subquery(),
            select(func.coalesce(func.max(ImportBatch.id), 0)).scalar_subquery(),
            select(func.count(Project.id)).scalar_subquery(),
            select(func.coalesce(func.max(Project.id), 0)).scalar_subquery(),
        )
    ).one()
    return tuple(int(value) for value in row)
