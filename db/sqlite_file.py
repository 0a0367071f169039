"""Reading a SQLite file without leaving traces: plain sqlite3 connections for inspection."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def connect_for_reading(path: Path) -> sqlite3.Connection:
    """A connection used only to read `path`.

    A `mode=ro` connection cannot remove the -wal/-shm side files of a WAL database when it
    closes, so it would leave them behind; an ordinary connection that never writes changes
    nothing in the file and tidies up. `mode=ro` is the fallback for read-only folders.
    """
    if not path.exists():
        raise FileNotFoundError(path)
    try:
        conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True)
        conn.execute("PRAGMA query_only=ON")
        return conn
    except sqlite3.OperationalError:
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
