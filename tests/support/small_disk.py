"""A small (or read-only) disk for fault tests: a tmpfs mounted for the test, where permitted.

Root with CAP_SYS_ADMIN on Linux can mount; anywhere else the tests that need a real full or
read-only disk are skipped (the SQLite `max_page_count` tests cover a full disk everywhere).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def small_disk(folder: Path, kilobytes: int) -> Iterator[Path]:
    """`folder` as the mount point of a tmpfs of `kilobytes`; unmounted afterwards."""
    if not sys.platform.startswith("linux"):
        pytest.skip("a tmpfs is mounted only on Linux")
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={kilobytes}k", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def make_read_only(folder: Path, read_only: bool = True) -> None:
    """Remount the tmpfs at `folder` read-only (or writable again)."""
    mode = "ro" if read_only else "rw"
    subprocess.run(["mount", "-o", f"remount,{mode}", str(folder)], check=True)
