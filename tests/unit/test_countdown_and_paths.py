"""Small pure pieces: the campaign countdown and where data lives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.campaign.countdown import countdown_text
from app.infra import paths

START, END = dt.date(2022, 5, 24), dt.date(2022, 8, 31)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2022, 5, 1), "距开始 23 天"),
        (dt.date(2022, 5, 24), "攻坚倒计时 99 天"),
        (dt.date(2022, 8, 31), "攻坚倒计时 0 天"),
        (dt.date(2022, 9, 1), "已结束"),
    ],
)
def test_countdown(today: dt.date, expected: str) -> None:
    assert countdown_text(START, END, today) == expected


def test_data_dir_override(private_data_dir: Path) -> None:
    assert paths.data_dir() == private_data_dir
    assert paths.default_database().parent == private_data_dir
    assert paths.demo_database() != paths.default_database()


def test_portable_marker_keeps_data_beside_the_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GONGJIAN_DATA_DIR")
    monkeypatch.setattr(paths, "program_dir", lambda: tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home"))  # Linux
    monkeypatch.setenv("APPDATA", str(tmp_path / "home"))  # Windows
    assert paths.data_dir() == tmp_path / "home" / "gongjian"
    (tmp_path / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    assert paths.is_portable()
    assert paths.data_dir() == tmp_path / "data"
