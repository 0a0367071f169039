"""The command-line contract: demo, check, Chinese help; commands that draw nothing load no Qt."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from db.migrate import HEAD_REVISION
from gongjian.cli import main


def test_demo_then_check_reports_version_counts_and_integrity(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.db"
    assert main(["demo", "--db", str(path)]) == 0
    assert "已生成示例数据库" in capsys.readouterr().out
    assert main(["check", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"数据结构版本：{HEAD_REVISION}（最新）" in out
    assert "project" in out and "126" in out
    assert "完整性检查（integrity_check）：通过" in out


def test_check_of_a_corrupt_file_exits_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.db"
    main(["demo", "--db", str(path)])
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 3 : page * 3 + 200] = b"\xff" * 200  # damage a b-tree page, keep the header
    path.write_bytes(bytes(data))
    code = main(["check", "--db", str(path)])
    out = capsys.readouterr()
    assert code == 1
    assert "完整性检查（integrity_check）：发现问题" in out.out
    assert "malformed" in out.out  # SQLite's own reason is shown under it


def test_check_refuses_a_foreign_file_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "note.txt"
    path.write_text("not a database", encoding="utf-8")
    assert main(["check", "--db", str(path)]) == 2
    assert "不是攻坚台账的数据库文件" in capsys.readouterr().err


def test_command_without_db_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check"])
    assert exit_info.value.code == 2
    assert "需要 --db" in capsys.readouterr().err


def test_help_is_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：gongjian")
    assert "生成示例数据库" in out and "检查数据库" in out and "显示本帮助并退出" in out


def test_a_command_help_says_usage_once(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["chart", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：gongjian chart") and out.count("用法") == 1


def test_commands_that_draw_nothing_do_not_load_qt(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    db = str(path)
    out, copy = str(tmp_path / "out.xlsx"), str(tmp_path / "copy.db")
    fixture = str(
        Path(__file__).resolve().parents[1] / "fixtures" / "exchange" / "city_list_basic.xlsx"
    )
    script = (
        "import sys; from gongjian.cli import main; "
        f"main(['demo', '--db', {db!r}]); main(['check', '--db', {db!r}]); "
        f"main(['import', {fixture!r}, '--db', {db!r}, '--dry-run']); "
        f"main(['export', '--db', {db!r}, '--out', {out!r}]); "
        f"main(['backup', '--db', {db!r}, '--to', {copy!r}]); "
        f"main(['restore', '--db', {db!r}, '--from', {copy!r}]); "
        "print('QT-LOADED' if any(m.startswith('PySide6') for m in sys.modules) else 'NO-QT')"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip().endswith("NO-QT")
    assert sqlite3.connect(path).execute("SELECT count(*) FROM project").fetchone() == (126,)
