"""One writer per database file: a lock file beside it, held while a window has it open.

SQLite serialises writes itself, but two windows editing one ledger overwrite each other's view of
it; the second window is told who holds the file and may open it read-only.
"""

from __future__ import annotations

import getpass
import os
import socket
import sys
from pathlib import Path
from typing import IO


class InstanceLock:
    """A held lock; `release` (or process exit) frees it."""

    def __init__(self, database: Path, path: Path, handle: IO[str]) -> None:
        self.database = database
        self.path = path
        self._handle = handle

    def release(self) -> None:
        """Free the lock (the lock file stays: removing it would race with a new holder)."""
        if self._handle.closed:
            return
        try:
            _unlock(self._handle)
        except OSError:
            pass
        finally:
            self._handle.close()


def lock_path(database: Path) -> Path:
    """<folder>/.<name>.lock."""
    return database.with_name(f".{database.name}.lock")


def acquire(database: Path) -> InstanceLock | str:
    """The lock, or (when another program holds it) who holds it, as text."""
    path = lock_path(database)
    try:
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held open while locked
    except OSError:
        # A read-only folder: no lock is possible; SQLite's own locking still guards writes.
        return InstanceLock(database, path, open(os.devnull, "a+", encoding="utf-8"))
    if not _try_lock(handle):
        handle.seek(0)
        holder = handle.read().strip() or "另一个程序"
        handle.close()
        return holder
    handle.seek(0)
    handle.truncate()
    handle.write(f"{getpass.getuser()}@{socket.gethostname()}（进程 {os.getpid()}）")
    handle.flush()
    return InstanceLock(database, path, handle)


def _try_lock(handle: IO[str]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle: IO[str]) -> None:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        return
    import fcntl

    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
