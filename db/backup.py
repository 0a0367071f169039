"""Consistent copies of a SQLite file through SQLite's online backup API."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from db.sqlite_file import connect_for_reading


def online_backup(source: Path, destination: Path) -> Path:
    """Copy `source` to `destination` page by page while others may be reading or writing it.

    The copy is written under a hidden temporary name and renamed into place only when whole:
    opening a connection creates its file at once, so a copy that failed part-way (a "disk I/O
    error" on a USB stick or under an antivirus scan) used to leave a 0-byte file behind with
    the backup's own name. The destination keeps no rollback journal (a new file has nothing to
    roll back to), so no second file is created and deleted beside it while copying.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(f".{destination.name}.partial")
    try:
        src = connect_for_reading(source)
        try:
            dst = sqlite3.connect(partial)
            try:
                dst.execute("PRAGMA journal_mode=OFF")
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        if partial.stat().st_size == 0:
            raise sqlite3.DatabaseError("备份得到的是空文件")
        os.replace(partial, destination)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return destination


def backup_folder(database: Path) -> Path:
    """Where a database's backups are kept: <folder of the database>/<name>-备份."""
    return database.with_name(f"{database.stem}-备份")


def backup_path(database: Path, reason: str) -> Path:
    """A new backup's name, <name>-备份/<yyyymmdd-hhmmss>[-n]-<reason>.db, never an existing file.

    The one naming of every backup (upgrades, imports, daily, by hand, before a restore): the
    备份与恢复 dialog lists them all and rotation reads the time back from the name.
    """
    folder = backup_folder(database)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = folder / f"{stamp}-{reason}.db"
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = folder / f"{stamp}-{counter}-{reason}.db"
    return candidate


def backup_beside(source: Path, reason: str) -> Path:
    """Save a copy of `source` in its backup folder under `backup_path`'s name."""
    return online_backup(source, backup_path(source, reason))
