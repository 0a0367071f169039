"""Faults get Chinese messages and lose nothing: a disk that fills at any point of an import or a
backup, a read-only folder, a file locked by another program, an impossible date serial."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import event, func, select

from app.exchange.import_plan import plan_import
from app.infra import database as database_module
from app.infra.backups import backup_folder, make_backup
from app.infra.database import open_database
from app.infra.errors import UserError
from db.models import ImportBatch, Project
from gongjian.cli import main
from tests.support.small_disk import make_read_only, small_disk

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exchange"
WORKBOOK = FIXTURES / "city_list_basic.xlsx"


def _stored(db: Path) -> tuple[int, int, int, str]:
    connection = sqlite3.connect(db)
    try:
        return (
            connection.execute("SELECT count(*) FROM project").fetchone()[0],
            connection.execute("SELECT count(*) FROM import_batch").fetchone()[0],
            connection.execute("SELECT count(*) FROM change_log").fetchone()[0],
            connection.execute("PRAGMA integrity_check").fetchone()[0],
        )
    finally:
        connection.close()


def _pages(db: Path) -> int:
    connection = sqlite3.connect(db)
    try:
        return int(connection.execute("PRAGMA page_count").fetchone()[0])
    finally:
        connection.close()


def test_a_disk_that_fills_at_any_point_of_an_import_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLite's `max_page_count` makes the file full after n more pages, for n along the way of
    the import: each time the clerk reads 磁盘已满 and the database is as it was."""
    db = tmp_path / "台账.db"
    open_database(db).close()
    before = _stored(db)
    base = _pages(db)
    budget: list[int] = []
    make_engine = database_module.make_engine

    def full_after(target: Path | str, **kwargs: Any) -> Any:
        engine = make_engine(target, **kwargs)

        @event.listens_for(engine, "connect")
        def _limit(connection: Any, _record: Any) -> None:
            if budget:
                connection.execute(f"PRAGMA max_page_count = {budget[0]}")

        return engine

    monkeypatch.setattr(database_module, "make_engine", full_after)
    failures = 0
    for extra in (1, 2, 4, 8, 16, 32, 64):
        budget[:] = [base + extra]
        code = main(["import", "--db", str(db), str(WORKBOOK)])
        err = capsys.readouterr().err
        if code == 0:  # enough room: the import went through whole
            break
        failures += 1
        assert code == 2 and "磁盘已满" in err, err
        assert _stored(db) == before
    assert failures >= 3  # the disk filled at several different points
    budget.clear()
    assert main(["import", "--db", str(db), str(WORKBOOK)]) == 0
    assert _stored(db)[:2] == (30, 1)


def test_a_failed_backup_leaves_no_file(demo_path: Path, tmp_path: Path) -> None:
    occupied = tmp_path / "同名文件夹.db"
    occupied.mkdir()  # the copy cannot take this name: it fails after writing
    with pytest.raises(UserError, match="备份失败，未留下不完整的备份文件"):
        make_backup(demo_path, "手动", occupied)
    assert not [p for p in tmp_path.iterdir() if "partial" in p.name or "手动" in p.name]
    assert list(occupied.iterdir()) == []


def test_a_backup_onto_a_full_disk_says_so_and_leaves_nothing(
    demo_path: Path, tmp_path: Path
) -> None:
    with small_disk(tmp_path / "U盘", 256) as stick:
        with pytest.raises(UserError, match="磁盘已满"):
            make_backup(demo_path, "手动", stick / "备份.db")
        assert list(stick.iterdir()) == []


def test_an_import_onto_a_full_disk_says_so_and_loses_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with small_disk(tmp_path / "小盘", 1600) as disk:
        db = disk / "台账.db"
        open_database(db).close()
        before = _stored(db)
        filler = disk / "占位"
        free = shutil.disk_usage(disk).free
        filler.write_bytes(b"\0" * max(free - 60 * 1024, 0))
        code = main(["import", "--db", str(db), str(WORKBOOK)])
        err = capsys.readouterr().err
        assert code == 2 and "磁盘已满" in err, err
        filler.unlink()
        assert _stored(db) == before
        assert not [p for p in backup_folder(db).glob("*") if p.stat().st_size == 0]


def test_a_read_only_folder_is_named_as_such(tmp_path: Path) -> None:
    with small_disk(tmp_path / "只读盘", 4096) as disk:
        db = disk / "台账.db"
        open_database(db).close()
        make_read_only(disk)
        try:
            with pytest.raises(UserError) as caught:
                open_database(db)
            assert "只读" in caught.value.message
            assert "不是攻坚台账的数据库文件" not in caught.value.message
        finally:
            make_read_only(disk, False)


def test_an_import_into_a_read_only_folder_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with small_disk(tmp_path / "只读盘", 4096) as disk:
        db = disk / "台账.db"
        open_database(db).close()
        before = _stored(db)
        make_read_only(disk)
        try:
            assert main(["import", "--db", str(db), str(WORKBOOK)]) == 2
            assert "只读" in capsys.readouterr().err
        finally:
            make_read_only(disk, False)
        assert _stored(db) == before


def test_a_database_locked_by_another_program(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "台账.db"
    open_database(db).close()
    before = _stored(db)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program writing, holding the file
    try:
        assert main(["import", "--db", str(db), str(WORKBOOK)]) == 2
        err = capsys.readouterr().err
        assert "另一个程序" in err, err
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert _stored(db) == before
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("CREATE TABLE 占用 (x)")
    try:
        with pytest.raises(UserError, match="正被另一个程序占用"):
            open_database(db)
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_an_impossible_date_serial_is_a_message_at_its_cell(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(WORKBOOK)
    sheet = book.active
    header = next(
        cell.column_letter
        for row in sheet.iter_rows(max_row=6)
        for cell in row
        if cell.value == "计划开工时间"
    )
    cell = sheet[f"{header}5"]
    cell.value = -1e300
    cell.number_format = "yyyy-mm-dd"
    path = tmp_path / "日期.xlsx"
    book.save(path)
    database = open_database(tmp_path / "台账.db")
    with database.sessions() as session:
        plan = plan_import(session, [path], campaign_id=None)
        at_cell = [i for i in plan.all_issues() if (i.row, i.column) == (5, header)]
        assert len(at_cell) == 1, [i.text() for i in plan.all_issues()][:5]
        assert "计划开工时间「-1e+300」无法识别为日期" in at_cell[0].message
        # The other rows are read as usual, and the cell's text is kept (in 备注), not lost.
        assert len(plan.rows) == 30
        first = next(r for r in plan.rows if r.row == 5)
        assert first.values.get("planned_start") is None
        assert any(note.value == "-1e+300" for note in first.notes)
        assert session.scalar(select(func.count(Project.id))) == 0
        assert session.scalar(select(func.count(ImportBatch.id))) == 0
    database.close()
