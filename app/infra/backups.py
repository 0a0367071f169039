"""Backups of a database file: made through SQLite's online backup API, kept beside the file in a
folder of their own, named after when and why they were made, and rotated after every one of
them (daily, manual, before an import, a merge, an undo, an upgrade or a restore). Restoring is
`app.infra.restore`.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.infra.errors import UserError
from app.infra.faults import failure_reason
from db.backup import backup_folder, backup_path, online_backup

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


def make_backup(
    database: Path, trigger: str, to: Path | None = None, *, keep: int = DEFAULT_KEEP
) -> Path:
    """A consistent copy of `database` (to `to`, or into its backup folder, then rotated to the
    newest `keep`); returns the copy. A failed backup leaves no file behind."""
    if not database.exists():
        raise UserError(f"数据库文件「{database}」不存在。")
    into_folder = to is None
    if to is None:
        to = backup_path(database, trigger)
    try:
        made = online_backup(database, to)
    except (sqlite3.Error, OSError) as exc:
        log.warning("backup (%s) of %s to %s failed: %s", trigger, database, to, exc)
        raise UserError(f"备份失败，未留下不完整的备份文件（{to}）：{failure_reason(exc)}") from exc
    log.info("backup (%s) of %s: %s", trigger, database, made)
    if into_folder:
        rotate(database, keep)
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
        try:
            stat = path.stat()
        except FileNotFoundError:  # rotated away by another program meanwhile
            continue
        found.append((stat.st_mtime_ns, BackupInfo(path, at, stat.st_size, match.group(2))))
    # Two backups in one second: the file written later is the newer one.
    found.sort(key=lambda pair: (pair[1].at, pair[0]), reverse=True)
    return [info for _mtime, info in found]


def rotate(database: Path, keep: int = DEFAULT_KEEP) -> list[Path]:
    """Delete all but the newest `keep` backups — except the newest of each kind, so that a day
    of imports cannot push out the last daily or pre-upgrade backup; return what was deleted."""
    removed = []
    newest_of_kind: set[str] = set()
    for index, old in enumerate(list_backups(database)):
        kind = old.trigger
        if kind not in newest_of_kind:
            newest_of_kind.add(kind)
            continue
        if index >= max(keep, 1):
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
    return make_backup(database, "每日", keep=keep)
