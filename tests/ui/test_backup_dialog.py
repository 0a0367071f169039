"""备份与恢复: the day's first opening made a backup; back up now, damage, restore from the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.models import Project
from tests.ui.conftest import MessageLog, finished
from ui.shell.backup_dialog import BackupDialog
from ui.shell.main_window import MainWindow


def _projects(window: MainWindow) -> int:
    assert window.database is not None
    with window.database.reading() as session:
        return session.scalar(select(func.count(Project.id))) or 0


def test_backup_now_then_restore_the_chosen_backup(
    qtbot: QtBot, window: MainWindow, messages: MessageLog
) -> None:
    assert window.database is not None and window.database.path is not None
    dialog = BackupDialog(
        window.database.path, window.settings, window.bus, window.actions_.restore_from
    )
    qtbot.addWidget(dialog)
    assert [b.trigger for b in dialog.model.rows] == ["每日"]  # made when the window opened it
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    finished(qtbot, dialog.running)
    assert [b.trigger for b in dialog.model.rows] == ["手动", "每日"]
    with window.database.sessions() as session:
        session.delete(session.scalars(select(Project)).first())
        session.commit()
    assert _projects(window) == 125
    dialog.view.selectRow(0)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    finished(qtbot, dialog.running)
    assert "用「" in messages.texts() and "已恢复" in messages.texts()
    assert _projects(window) == 126  # the window reopened the restored file
    assert "恢复前" in {b.trigger for b in dialog.model.rows}
