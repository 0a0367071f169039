"""The whole-ledger write lock on a server: push (and imports, merges, restores, batch undo).

A PostgreSQL transaction-level advisory lock, held until the transaction ends (committed, rolled
back, or its connection lost), so a crashed window can never leave it held. The key is the one the
program's write lock for big operations uses (`app/infra/write_lock.py`, "gongjian"), so a push and
an import exclude each other. On a local file the one-writer lock already keeps others out.
"""

from __future__ import annotations

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

WRITE_LOCK_KEY = 0x676F6E676A69616E  # "gongjian"


def exclusive(connection: Connection | Session) -> None:
    """Wait until no other transaction holds the ledger's write lock, then hold it to the end."""
    bind = connection if isinstance(connection, Connection) else connection.get_bind()
    if bind.dialect.name != "postgresql":
        return
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})
