"""Create a demo database file safely: only into a new file or over an earlier demo file."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from app.demo.build import build_demo
from app.infra.database import open_database
from app.infra.errors import UserError
from db.sqlite_file import connect_for_reading

DEMO_OPERATOR = "示例数据"


def is_demo_file(path: Path) -> bool:
    """True when `path` is a database this program filled with the demo campaign."""
    try:
        conn = connect_for_reading(path)
        try:
            row = conn.execute("SELECT value FROM app_meta WHERE key='demo'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return bool(row and row[0] == "1")


def create_demo_database(path: Path) -> Path:
    """Build the demo campaign into `path`; refuse to replace anything but an earlier demo."""
    path = path.expanduser().absolute()
    if path.exists() and path.stat().st_size > 0 and not is_demo_file(path):
        raise UserError(
            f"「{path}」已经存在且不是示例数据库。示例数据只写入新文件，不会覆盖您的数据；"
            "请换一个文件名。"
        )
    if not path.parent.exists():
        raise UserError(f"文件夹「{path.parent}」不存在。")
    # Build beside the target and swap it in at the end, so a failure leaves nothing half made.
    scratch = path.with_name(path.name + ".building")
    _remove_database_files(scratch)
    database = open_database(scratch, DEMO_OPERATOR)
    try:
        with database.sessions() as session:
            build_demo(session)
            session.commit()
        with database.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except BaseException:
        database.close()
        _remove_database_files(scratch)
        raise
    database.close()
    _remove_database_files(path)
    os.replace(scratch, path)
    return path


def _remove_database_files(path: Path) -> None:
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()
