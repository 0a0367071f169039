"""Backups: made online, listed with their reason, rotated, daily once; restore checks first."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.infra.backups import (
    backup_folder,
    daily_backup_if_due,
    list_backups,
    make_backup,
    restore,
    rotate,
)
from app.infra.database import open_database
from app.infra.errors import UserError
from db.models import Project
from gongjian.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exchange"


def _count(path: Path) -> int:
    database = open_database(path)
    with database.sessions() as session:
        count = session.scalar(select(func.count(Project.id))) or 0
    database.close()
    return count


def test_backups_are_listed_rotated_and_daily_once(demo_path: Path) -> None:
    first = make_backup(demo_path, "手动")
    assert first.parent == backup_folder(demo_path)
    assert daily_backup_if_due(demo_path) is None  # today's backup exists already
    for _ in range(4):
        make_backup(demo_path, "导入前")
    found = list_backups(demo_path)
    assert len(found) == 5 and {b.trigger for b in found} == {"手动", "导入前"}
    assert all(b.size > 100_000 and b.at.date() == dt.date.today() for b in found)
    removed = rotate(demo_path, keep=2)
    assert len(removed) == 3 and len(list_backups(demo_path)) == 2


def test_restore_checks_the_backup_and_keeps_the_replaced_file(
    demo_path: Path, tmp_path: Path
) -> None:
    saved = make_backup(demo_path, "手动")
    database = open_database(demo_path)
    with database.sessions() as session:
        session.delete(session.scalars(select(Project)).first())
        session.commit()
    database.close()
    assert _count(demo_path) == 125
    broken = tmp_path / "坏的.db"
    broken.write_bytes(saved.read_bytes()[:50_000])
    with pytest.raises(UserError, match=r"坏的\.db"):
        restore(demo_path, broken)
    other = tmp_path / "别的.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(UserError, match="不是攻坚台账的数据库"):
        restore(demo_path, other)
    assert _count(demo_path) == 125  # refused restores changed nothing
    kept = restore(demo_path, saved)
    assert _count(demo_path) == 126
    assert kept.name.endswith("恢复前.db") and _count(kept) == 125


def test_cli_backup_restore_and_the_backup_before_an_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "台账.db"
    assert main(["import", str(FIXTURES / "city_list_basic.xlsx"), "--db", str(db)]) == 0
    assert [b.trigger for b in list_backups(db)] == ["导入前"]
    copy = tmp_path / "copy.db"
    assert main(["backup", "--db", str(db), "--to", str(copy)]) == 0
    assert "已备份" in capsys.readouterr().out
    assert main(["restore", "--db", str(db), "--from", str(tmp_path / "无此文件.db")]) == 2
    assert "不存在" in capsys.readouterr().err
    assert main(["restore", "--db", str(db), "--from", str(copy)]) == 0
    assert _count(db) == 30


def test_a_backup_that_fails_part_way_leaves_no_file(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    import db.backup

    class Failing:
        """A source connection whose copy fails as a USB stick or an antivirus lock makes it."""

        def __init__(self, real: sqlite3.Connection) -> None:
            self.real = real

        def backup(self, target: sqlite3.Connection) -> None:
            target.execute("CREATE TABLE half(x)")  # something was written before the fault
            raise sqlite3.OperationalError("disk I/O error")

        def close(self) -> None:
            self.real.close()

    real_connect = db.backup.connect_for_reading
    monkeypatch.setattr(db.backup, "connect_for_reading", lambda p: Failing(real_connect(p)))
    with pytest.raises(UserError, match=r"备份失败.*disk I/O error"):
        make_backup(demo_path, "回收合并前")
    folder = backup_folder(demo_path)
    assert not folder.exists() or list(folder.iterdir()) == []  # no 0-byte, no partial copy
    monkeypatch.setattr(db.backup, "connect_for_reading", real_connect)
    made = make_backup(demo_path, "回收合并前")
    assert made.stat().st_size > 0 and [p.name for p in folder.iterdir()] == [made.name]
