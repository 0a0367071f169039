"""Whole-ledger work that must run alone on a server (push, imports, merges, restores, undos).

A PostgreSQL transaction-level advisory lock: held until the transaction ends (committed, rolled
back, or its connection lost), so a crashed window can never leave it held. On a local file the
one-writer lock (app/infra/instance_lock.py) already keeps other windows out, so it does nothing.
"""

from __future__ import annotations

import zlib

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

# One namespace for the program's locks (the first key of the two-key form).
NAMESPACE = 0x474A  # "GJ"


def exclusive(connection: Connection | Session, what: str) -> None:
    """Wait until no other transaction holds the lock named `what`, then hold it to the end."""
    bind = connection if isinstance(connection, Connection) else connection.get_bind()
    if bind.dialect.name != "postgresql":
        return
    key = zlib.crc32(what.encode("utf-8")) & 0x7FFFFFFF
    connection.execute(
        text("SELECT pg_advisory_xact_lock(:ns, :key)"), {"ns": NAMESPACE, "key": key}
    )
