"""Faults at run time: the file removed or replaced, a corrupt file at start, a full disk, an
unwritable data folder — a clear message, the program stays up, nothing saved is damaged."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError

from app.exchange.import_plan import plan_import
from app.exchange.import_write import write_import
from app.infra.backups import list_backups, make_backup
from app.infra.database import open_database
from app.infra.faults import known_fault
from app.infra.logs import setup_logging
from db.models import ChangeLog, Project
from tests.support.campaigns import the_campaign
from tests.support.present import present
from tests.ui.conftest import MessageLog
from ui.settings.keys import Settings
from ui.shell.main_window import MainWindow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exchange"


def test_a_file_moved_away_while_open_is_closed_with_a_message(
    window: MainWindow, demo_path: Path, messages: MessageLog
) -> None:
    moved = demo_path.with_name("别处.db")
    os.rename(demo_path, moved)
    window.actions_._watch()  # what the 3-second timer does
    assert window.database is None
    assert "已被移走、改名或替换" in messages.texts()
    assert window.isVisible()  # the program stays up
    os.rename(moved, demo_path)
    assert window.actions_.open_location(str(demo_path))


def test_a_corrupt_file_at_start_offers_the_latest_good_backup(
    qtbot: QtBot, demo_path: Path, messages: MessageLog
) -> None:
    make_backup(demo_path, "手动")
    with demo_path.open("r+b") as handle:  # the header and first pages overwritten
        handle.write(b"\x00garbage" * 2000)
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    opened = window.actions_.open_location(str(demo_path))
    assert opened, messages.texts()
    assert "找到" in messages.texts() and "完好备份" in messages.texts()
    assert window.database is not None
    with window.database.sessions() as session:
        assert session.scalar(select(func.count(Project.id))) == 126
    assert "恢复前（已损坏）" in {b.trigger for b in list_backups(demo_path)}
    window.close()


def test_a_full_disk_stops_an_import_whole_and_says_so(tmp_path: Path) -> None:
    database = open_database(tmp_path / "full.db")

    @event.listens_for(database.engine, "connect")
    def _small(dbapi_connection: object, _record: object) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]  # type: ignore[attr-defined]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages + 2}")  # type: ignore[attr-defined]

    database.engine.dispose()  # new connections get the limit
    with database.sessions() as session:
        plan = plan_import(
            session, [FIXTURES / "city_list_basic.xlsx"], campaign_id=the_campaign(session)
        )
        with pytest.raises(OperationalError) as caught:
            write_import(session, plan, "full", campaign_id=the_campaign(session))
    fault = known_fault(caught.value)
    assert fault is not None and "磁盘已满" in fault.message
    with database.sessions() as session:
        assert session.scalar(select(func.count(Project.id))) == 0
        # the seed data is intact
        assert present(session.scalar(select(func.count(ChangeLog.id)))) > 0
        assert session.connection().exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    database.close()


def test_an_unwritable_data_folder_leaves_the_program_running(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError("只读")

    logger = logging.getLogger("gongjian")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    monkeypatch.setattr(logging.handlers.RotatingFileHandler, "__init__", refuse)
    assert setup_logging() is None  # no log file, no crash
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.show()
    assert window.isVisible()
