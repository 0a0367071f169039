"""Engine and session set-up: the only place that speaks SQLite-specific SQL (PRAGMAs)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from db.changelog import install_change_log
from db.location import is_network_path

BUSY_TIMEOUT_MS = 5000
CONNECT_TIMEOUT_S = 5
SessionFactory = Callable[[], Session]


def sqlite_url(path: Path) -> str:
    """SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{Path(path).resolve()}"


def make_engine(target: Path | str, *, read_only: bool = False) -> Engine:
    """Engine for a SQLite file path or for any database URL (e.g. postgresql://…).

    `read_only` (SQLite): every connection refuses writes (another window holds the file).
    """
    if isinstance(target, str) and "://" in target:
        if target.startswith("postgresql"):
            return _server_engine(target)
        return create_engine(target)
    path = Path(target)
    engine = create_engine(sqlite_url(path), connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    # WAL needs shared memory that network file systems do not provide reliably.
    journal = "DELETE" if is_network_path(path) else "WAL"
    _install_sqlite_pragmas(engine, journal, read_only)
    return engine


def _server_engine(url: str) -> Engine:
    """A PostgreSQL engine that notices a restarted server and gives up quickly on a dead one."""
    engine = create_engine(
        url,
        # A pooled connection is checked before use, so a restarted server costs one reconnect,
        # not an error; connect_timeout keeps an unreachable server from freezing the window.
        pool_pre_ping=True,
        connect_args={
            "connect_timeout": CONNECT_TIMEOUT_S,
            "application_name": "gongjian",
            # A cable pulled mid-save is noticed in seconds, not after TCP's two hours:
            # unacknowledged data gives up after 15 s, a silent link is probed after 10 s.
            "tcp_user_timeout": 15_000,
            "keepalives": 1,
            "keepalives_idle": 10,
            "keepalives_interval": 3,
            "keepalives_count": 3,
        },
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Idle transactions must not hold locks for ever if a window hangs (10 minutes).
        cursor = dbapi_connection.cursor()
        cursor.execute("SET idle_in_transaction_session_timeout = 600000")
        cursor.close()
        dbapi_connection.commit()

    return engine


def _install_sqlite_pragmas(engine: Engine, journal_mode: str, read_only: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        if read_only:
            cursor.execute("PRAGMA query_only=ON")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cursor.close()
            return
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA journal_mode={journal_mode}")
        cursor.execute("PRAGMA synchronous=FULL")
        # 64 MB page cache (default 2 MB): large imports and 10,000-project pages stay in memory.
        cursor.execute("PRAGMA cache_size=-65536")
        cursor.close()


def make_session_factory(engine: Engine, operator: str | None = None) -> sessionmaker[Session]:
    """Sessions that record every change in the change log under `operator`'s name."""
    factory = sessionmaker(bind=engine, expire_on_commit=False, info={"operator": operator})
    install_change_log(factory)
    return factory
