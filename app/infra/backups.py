"""Backups of a database file: made through SQLite's online backup API, kept beside the file in a
folder of their own, named after when and why they were made, rotated, and restored only after an
integrity check (the replaced file becomes a backup too).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.infra.errors import UserError
from db.backup import backup_folder, backup_path, online_backup
from db.sqlite_file import connect_for_reading

log = logging.getLogger("gongjian.backups")

DEFAULT_KEEP = 30
_NAME = re.compile(r"^(\d{8}-\d{6})(?:-\d+)?-(.+)\.db$")


@dataclass(frozen=True)
class BackupInfo:
    """One backup: the file, when it was made, its size, and what made it."""

    path: Path
    at: dt.datetime
    size: int
    trigger: str


def make_backup(database: Path, trigger: str, to: Path | None = None) -> Path:
    """A consistent copy of `database` (to `to`, or into its backup folder); returns the copy."""
    if not database.exists():
        raise UserError(f"数据库文件「{database}」不存在。")
    if to is None:
        to = backup_path(database, trigger)
    try:
        made = online_backup(database, to)
    except (sqlite3.Error, OSError) as exc:
        log.warning("backup (%s) of %s to %s failed: %s", trigger, database, to, exc)
        raise UserError(f"备份失败（{to}）：{exc}") from exc
    log.info("backup (%s) of %s: %s", trigger, database, made)
    return made


def list_backups(database: Path) -> list[BackupInfo]:
    """The database's backups, newest first."""
    folder = backup_folder(database)
    found: list[tuple[int, BackupInfo]] = []
    for path in folder.glob("*.db") if folder.is_dir() else []:
        match = _NAME.match(path.name)
        if match is None:
            continue
        at = dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
        stat = path.stat()
        found.append((stat.st_mtime_ns, BackupInfo(path, at, stat.st_size, match.group(2))))
    # Two backups in one second: the file written later is the newer one.
    found.sort(key=lambda pair: (pair[1].at, pair[0]), reverse=True)
    return [info for _mtime, info in found]


def rotate(database: Path, keep: int = DEFAULT_KEEP) -> list[Path]:
    """Delete all but the newest `keep` backups; return what was deleted."""
    removed = []
    for old in list_backups(database)[max(keep, 1) :]:
        old.path.unlink(missing_ok=True)
        removed.append(old.path)
    if removed:
        log.info("rotated the backups of %s: %d removed, %d kept", database, len(removed), keep)
    return removed


def daily_backup_if_due(database: Path, keep: int = DEFAULT_KEEP) -> Path | None:
    """The first start of a day makes a backup (then rotates); later starts do nothing."""
    today = dt.date.today()
    if any(b.at.date() == today for b in list_backups(database)):
        return None
    made = make_backup(database, "每日")
    rotate(database, keep)
    return made


def check_backup(path: Path) -> None:
    """Refuse a file that is not a sound database of this program."""
    if not path.exists():
        raise UserError(f"备份文件「{path}」不存在。")
    try:
        connection = connect_for_reading(path)
        try:
            result = connection.execute("PRAGMA integrity_check").fetchone()
            tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise UserError(f"「{path.name}」不是可用的数据库文件：{exc}") from exc
    if not result or result[0] != "ok":
        found = result[0] if result else "无结果"
        raise UserError(f"「{path.name}」未通过完整性检查（{found}），不能用来恢复。")
    if not {"project", "alembic_version"} <= tables:
        raise UserError(f"「{path.name}」不是攻坚台账的数据库。")


def _keep_replaced(database: Path) -> Path:
    """The file about to be replaced, kept: an online backup, or a byte copy if it is damaged."""
    try:
        return make_backup(database, "恢复前")
    except UserError:
        copy = backup_path(database, "恢复前（已损坏）")
        copy.parent.mkdir(parents=True, exist_ok=True)
        try:
            shutil.copy2(database, copy)
        except OSError as exc:
            raise UserError(f"无法保存被替换的文件（{copy}）：{exc}") from exc
        return copy


def restore(database: Path, backup: Path) -> Path:
    """Replace `database` with `backup` after checking it; return the backup of the replaced file.

    Nothing may have the database open (the window closes it first; the CLI opens nothing).
    """
    check_backup(backup)
    replaced = _keep_replaced(database) if database.exists() else None
    staging = database.with_name(f".{database.name}.restoring")
    online_backup(backup, staging)
    for side in ("-wal", "-shm"):
        Path(f"{database}{side}").unlink(missing_ok=True)
    os.replace(staging, database)
    log.info("restored %s from %s; the replaced file kept as %s", database, backup, replaced)
    return replaced or database
