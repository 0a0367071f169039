"""Change notices from the server (LISTEN/NOTIFY): which tables other clerks just changed.

Migration 0008 makes every table of the office's data notify channel `gongjian_changes` with its
name once per statement. A window listens on a connection of its own (not the pool's) and asks
for the pending notices when its socket has something to read; notices sent by the window's own
connections are left out (its operations announce their changes themselves).
"""

from __future__ import annotations

from collections.abc import Collection

import psycopg
from sqlalchemy.engine import URL

CHANNEL = "gongjian_changes"


class ChangeNotices:
    """A listening connection; `pending()` returns the tables named since the last call."""

    def __init__(self, url: URL, own_backends: Collection[int] = ()) -> None:
        self._own = own_backends
        self.connection = psycopg.connect(
            host=url.host,
            port=url.port,
            dbname=url.database,
            user=url.username,
            password=url.password,
            connect_timeout=5,
            application_name="gongjian-listen",
            autocommit=True,
        )
        self.connection.execute(f"LISTEN {CHANNEL}")

    def fileno(self) -> int:
        """The socket to watch for readability."""
        return self.connection.fileno()

    def pending(self) -> set[str]:
        """Tables changed by other connections since the last call (never blocks)."""
        tables = set()
        for notice in self.connection.notifies(timeout=0):
            if notice.pid not in self._own:
                tables.add(notice.payload)
        return tables

    def close(self) -> None:
        """Stop listening."""
        self.connection.close()
