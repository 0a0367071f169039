"""SIGKILL at random moments while importing and editing: the file stays sound, every import is
whole or absent, and nothing reported saved is lost (more kills: bench/crash_kills.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app.infra.database import open_database
from tests.support.crash_check import kill_and_check

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exchange"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_imports_and_edits_leave_a_sound_database(tmp_path: Path) -> None:
    database = tmp_path / "crash.db"
    open_database(database).close()
    report = kill_and_check(database, FIXTURES / "city_list_basic.xlsx", kills=4)
    assert report.kills == 4
    assert (
        report.imports_seen > 0
    )  # the child got far enough to commit, so the check means something
