"""One writer per database file: a lock file beside it, held while a window has it open.

SQLite serialises writes itself, but two windows editing one ledger overwrite each other's view of
it; the second window is told who holds the file and may open it read-only.

The holder writes who it is at the start of the lock file and locks one byte far past that text.
On Windows a byte-range lock (msvcrt.locking) is mandatory: any other handle that reads or writes
the locked range fails with a permission error. So the locked byte is never part of what a second
opener reads (it reads at most HOLDER_LIMIT bytes from the start), and never part of what the
holder writes. On Linux and macOS the whole file is locked with flock, which is advisory.
"""

from __future__ import annotations

import getpass
import os
import socket
import sys
from pathlib import Path
from typing import IO

HOLDER_LIMIT = 4096
"""The holder's text is written, and read, within the file's first HOLDER_LIMIT bytes."""
LOCK_OFFSET = 1 << 20
"""The locked byte: far past the holder's text (locking past the end of a file is allowed)."""
_WINDOWS = sys.platform == "win32"


class InstanceLock:
    """A held lock; `release` (or process exit) frees it."""

    def __init__(self, database: Path, path: Path, handle: IO[bytes]) -> None:
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
        # Created when missing, never truncated on opening: another program may hold it.
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        handle = os.fdopen(descriptor, "r+b")
    except OSError:
        # A read-only folder: no lock is possible; SQLite's own locking still guards writes.
        return InstanceLock(database, path, open(os.devnull, "r+b"))
    if not _try_lock(handle):
        handle.close()
        return read_holder(path)
    holder = f"{getpass.getuser()}@{socket.gethostname()}（进程 {os.getpid()}）"
    text = holder.encode("utf-8")[: HOLDER_LIMIT - 1]
    handle.seek(0)
    handle.truncate()
    handle.write(text)
    handle.flush()
    return InstanceLock(database, path, handle)


def read_holder(path: Path) -> str:
    """Who holds the lock file, read from its start only: never the locked byte."""
    try:
        with open(path, "rb", buffering=0) as reader:  # one read of the range asked for
            text = reader.read(HOLDER_LIMIT) or b""
    except OSError:
        text = b""
    return text.decode("utf-8", errors="replace").strip() or "另一个程序"


def _try_lock(handle: IO[bytes]) -> bool:
    if _WINDOWS:
        import msvcrt

        try:
            handle.seek(LOCK_OFFSET)
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


def _unlock(handle: IO[bytes]) -> None:
    if _WINDOWS:
        import msvcrt

        handle.seek(LOCK_OFFSET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        return
    import fcntl

    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
