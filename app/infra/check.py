"""`gongjian check`: schema version, row counts and SQLite's integrity check, without writing."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from app.infra.errors import UserError
from db.migrate import HEAD_REVISION, DatabaseRefused, FileState, inspect_file
from db.sqlite_file import connect_for_reading


@dataclass
class CheckReport:
    """The result of checking one database file."""

    path: Path | str
    revision: str | None
    up_to_date: bool
    row_counts: dict[str, int] = field(default_factory=dict)
    integrity: list[str] = field(default_factory=list)

    @property
    def sound(self) -> bool:
        """True when SQLite finds no corruption and the schema is one we know."""
        return self.integrity == ["ok"] and self.revision is not None

    def lines(self) -> list[str]:
        """The report as Chinese text lines, for the console."""
        state = "最新" if self.up_to_date else f"较旧，打开时将升级到 {HEAD_REVISION}"
        out = [f"数据库：{self.path}", f"数据结构版本：{self.revision}（{state}）", "各表行数："]
        width = max((len(name) for name in self.row_counts), default=0)
        out += [f"  {name.ljust(width)}  {count:>8,}" for name, count in self.row_counts.items()]
        verdict = "通过" if self.integrity == ["ok"] else "发现问题"
        if isinstance(self.path, Path):
            out.append(f"完整性检查（integrity_check）：{verdict}")
        else:
            out.append(f"服务器数据库（一致性由 PostgreSQL 保证）：{verdict}")
        if self.integrity != ["ok"]:
            out += [f"  {line}" for line in self.integrity[:50]]
        return out


def check_database(path: Path | str) -> CheckReport:
    """Read `path` (never changing it) and report on its health."""
    if isinstance(path, str):
        return _check_server(path)
    if not path.exists():
        raise UserError(f"数据库文件「{path}」不存在。")
    try:
        state, revision = inspect_file(path)
    except DatabaseRefused as exc:
        raise UserError(str(exc)) from exc
    if state is FileState.NEW:
        raise UserError(f"「{path}」是空文件，还没有任何数据表。")
    conn = connect_for_reading(path)
    try:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        return CheckReport(path, revision, False, {}, [f"无法读取：{exc}"])
    finally:
        conn.close()
    return CheckReport(path, revision, state is FileState.CURRENT, counts, integrity)


def _check_server(url: str) -> CheckReport:
    """A server database: its schema version and row counts, read as whichever account connects."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    from app.server.connection import connect_error, engine_url, shown
    from db.migrate import server_state
    from db.server.copy import tally

    engine = create_engine(engine_url(url), connect_args={"connect_timeout": 10})
    try:
        state, revision = server_state(engine)
        if state is FileState.NEW:
            raise UserError("服务器上的数据库还没有数据表：请先运行 gongjian server init。")
        with engine.connect() as connection:
            counts = tally(connection).counts
            connection.execute(text("SELECT 1"))
    except DatabaseRefused as exc:
        raise UserError(str(exc)) from exc
    except OperationalError as exc:
        raise connect_error(exc, url) from exc
    finally:
        engine.dispose()
    return CheckReport(shown(url), revision, state is FileState.CURRENT, counts, ["ok"])
