"""One writer: a held database is named to a second opener, who may open it read-only."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from app.infra import instance_lock
from app.infra.database import open_database
from app.infra.errors import UserError
from app.infra.instance_lock import HOLDER_LIMIT, LOCK_OFFSET, InstanceLock, acquire, lock_path
from db.models import Project


def test_a_held_database_names_its_holder_until_released(demo_path: Path) -> None:
    first = acquire(demo_path)
    assert isinstance(first, InstanceLock)
    second = acquire(demo_path)
    assert isinstance(second, str) and "进程" in second
    first.release()
    third = acquire(demo_path)
    assert isinstance(third, InstanceLock)
    third.release()


def test_read_only_open_reads_and_refuses_writes(demo_path: Path, tmp_path: Path) -> None:
    database = open_database(demo_path, read_only=True)
    assert database.read_only
    with database.sessions() as session:
        project = session.scalars(select(Project)).first()
        assert project is not None
        project.name = "改名"
        with pytest.raises(OperationalError, match="readonly"):
            session.commit()
    database.close()
    with pytest.raises(UserError, match="只读"):
        open_database(tmp_path / "新.db", read_only=True)


class _MandatoryLocks:
    """msvcrt.locking as Windows enforces it (wine does not): no other handle reads a locked range.

    Stands in for the `msvcrt` module; `open` hands out files whose reads are checked here.
    """

    LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK = 0, 1, 2, 3, 4

    def __init__(self) -> None:
        self.held: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
        self.reads: list[tuple[int, int]] = []

    @staticmethod
    def _file(descriptor: int) -> tuple[int, int]:
        status = os.fstat(descriptor)
        return status.st_dev, status.st_ino

    def locking(self, descriptor: int, mode: int, size: int) -> None:
        start = os.lseek(descriptor, 0, os.SEEK_CUR)  # msvcrt locks from the file position
        held = self.held.setdefault(self._file(descriptor), [])
        if mode == self.LK_UNLCK:
            held.remove((start, start + size, descriptor))
        elif any(low < start + size and start < high for low, high, _ in held):
            raise PermissionError(13, "Permission denied")
        else:
            held.append((start, start + size, descriptor))

    def check_read(self, descriptor: int, start: int, size: int) -> None:
        self.reads.append((start, size))
        for low, high, owner in self.held.get(self._file(descriptor), []):
            if owner != descriptor and low < start + size and start < high:
                raise PermissionError(13, "another process has locked a portion of the file")


class _CheckedFile:
    def __init__(self, file: IO[Any], locks: _MandatoryLocks) -> None:
        self._file, self._locks = file, locks

    def read(self, size: int = -1) -> Any:
        wanted = size if size >= 0 else 1 << 62
        self._locks.check_read(self._file.fileno(), self._file.tell(), wanted)
        return self._file.read(size)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._file, name)

    def __enter__(self) -> _CheckedFile:
        return self

    def __exit__(self, *_: object) -> None:
        self._file.close()


@pytest.fixture
def windows_locks(monkeypatch: pytest.MonkeyPatch) -> Iterator[_MandatoryLocks]:
    locks = _MandatoryLocks()
    monkeypatch.setattr(instance_lock, "_WINDOWS", True)
    monkeypatch.setitem(sys.modules, "msvcrt", locks)
    monkeypatch.setattr(
        instance_lock,
        "open",
        lambda *a, **k: _CheckedFile(open(*a, **k), locks),  # noqa: SIM115 - closed by the caller
        raising=False,
    )
    yield locks


def test_with_mandatory_locks_the_second_opener_still_learns_the_holder(
    demo_path: Path, windows_locks: _MandatoryLocks
) -> None:
    """Issue 17: reading the locked byte to learn the holder throws on real Windows."""
    first = acquire(demo_path)
    assert isinstance(first, InstanceLock)
    second = acquire(demo_path)
    assert isinstance(second, str) and f"进程 {os.getpid()}" in second
    assert windows_locks.reads and all(s + n <= LOCK_OFFSET for s, n in windows_locks.reads)
    first.release()
    third = acquire(demo_path)
    assert isinstance(third, InstanceLock)
    third.release()


def test_the_holder_text_stays_clear_of_the_locked_byte(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(instance_lock.getpass, "getuser", lambda: "很长的用户名" * 1000)
    held = acquire(demo_path)
    assert isinstance(held, InstanceLock)
    assert HOLDER_LIMIT <= LOCK_OFFSET
    assert 0 < lock_path(demo_path).stat().st_size < HOLDER_LIMIT
    assert instance_lock.read_holder(lock_path(demo_path)).startswith("很长的用户名")
    held.release()
