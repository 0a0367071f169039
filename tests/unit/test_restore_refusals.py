"""Restore refuses what is not a sound backup of this program — saying what the file is — and
replaces nothing; a good backup is copied into the live file, so a program holding it open
sees the restored data."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.infra.backups import make_backup
from app.infra.database import open_database
from app.infra.errors import UserError
from app.infra.instance_lock import acquire
from app.infra.restore import restore
from db.migrate import HEAD_REVISION
from db.models import Project
from gongjian.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exchange"


def _state(path: Path) -> tuple[str, int]:
    """The file's bytes (hashed) and its number of projects."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    connection = sqlite3.connect(path)
    count = connection.execute("SELECT count(*) FROM project").fetchone()[0]
    connection.close()
    return digest, count


def _with_revision(source: Path, target: Path, revision: str) -> Path:
    shutil.copy(source, target)
    connection = sqlite3.connect(target)
    connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    connection.commit()
    connection.close()
    return target


def _foreign(target: Path, tables: dict[str, str], revision: str | None = None) -> Path:
    connection = sqlite3.connect(target)
    for name, columns in tables.items():
        connection.execute(f"CREATE TABLE {name} ({columns})")
    if revision is not None:
        connection.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    connection.commit()
    connection.close()
    return target


@pytest.fixture
def saved(demo_path: Path) -> Path:
    """A sound backup of the demo, then one project deleted from the live file."""
    backup = make_backup(demo_path, "手动")
    database = open_database(demo_path)
    with database.sessions() as session:
        session.delete(session.scalars(select(Project)).first())
        session.commit()
    database.close()
    return backup


@pytest.mark.parametrize(
    ("build", "says"),
    [
        (
            lambda s, t: _with_revision(s, t / "新版.db", "0099"),
            "更新版本的程序写入（数据结构版本 0099",
        ),
        (lambda s, t: _with_revision(s, t / "未知.db", "abcdef"), "数据结构版本 abcdef"),
        (
            lambda s, t: _foreign(
                t / "两张表.db",
                {"project": "id INTEGER PRIMARY KEY, name TEXT", "alembic_version": "version_num"},
                HEAD_REVISION,
            ),
            "表结构与本程序不符",
        ),
        (
            lambda s, t: _foreign(t / "别人的.db", {"客户": "id, 名称", "订单": "id, 金额"}),
            "不是攻坚台账的数据库（它有 2 张表：客户、订单）",
        ),
        (
            lambda s, t: (t / "截断.db").write_bytes(s.read_bytes()[:60_000]) and t / "截断.db",
            "已损坏",
        ),
        (
            lambda s, t: (
                shutil.copy(FIXTURES / "city_list_basic.xlsx", t / "表格.db") and t / "表格.db"
            ),
            "不是数据库文件（看起来是 Excel 工作簿",
        ),
        (lambda s, t: (t / "空.db").write_bytes(b"") == 0 and t / "空.db", "是空文件（0 字节）"),
        (
            lambda s, t: (t / "说明.db").write_text("备份说明", "utf-8") and t / "说明.db",
            "看起来是文本文件",
        ),
    ],
    ids=["newer", "unknown", "foreign-two-tables", "foreign", "damaged", "xlsx", "empty", "text"],
)
def test_a_refused_backup_says_what_it_is_and_replaces_nothing(
    saved: Path, demo_path: Path, tmp_path: Path, build: object, says: str
) -> None:
    candidate = build(saved, tmp_path)  # type: ignore[operator]
    before = _state(demo_path)
    with pytest.raises(UserError) as caught:
        restore(demo_path, candidate)
    assert f"「{candidate.name}」" in caught.value.message and says in caught.value.message
    assert "原数据库未做任何改动" in caught.value.message
    assert _state(demo_path) == before
    assert before[1] == 125
    # The database still opens and works.
    open_database(demo_path).close()


def test_restore_waits_for_no_window_holding_the_file(saved: Path, demo_path: Path) -> None:
    window = acquire(demo_path)
    assert not isinstance(window, str)
    try:
        with pytest.raises(UserError, match=r"正由 .* 打开，请先关闭那个窗口再恢复"):
            restore(demo_path, saved)
        assert _state(demo_path)[1] == 125
    finally:
        window.release()


def test_a_restore_is_seen_by_a_program_holding_the_file_open(saved: Path, demo_path: Path) -> None:
    """The pages are copied into the live file (not a file swapped in under its feet)."""
    other = open_database(demo_path)
    with other.sessions() as session:
        assert session.scalar(select(func.count(Project.id))) == 125
    kept = restore(demo_path, saved)
    with other.sessions() as session:
        assert session.scalar(select(func.count(Project.id))) == 126
    other.close()
    assert kept.name.endswith("恢复前.db") and _state(kept)[1] == 125


def test_the_command_line_refuses_a_newer_backup(
    saved: Path, demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    newer = _with_revision(saved, tmp_path / "新版备份.db", "0099")
    before = _state(demo_path)
    assert main(["restore", "--db", str(demo_path), "--from", str(newer)]) == 2
    assert "更新版本的程序写入" in capsys.readouterr().err
    assert _state(demo_path) == before
