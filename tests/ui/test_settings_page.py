"""设置 page: the operator name a clerk types is the name the change log records."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import ChangeLog, Project
from tests.ui.conftest import type_text
from ui.settings.keys import OPERATOR, Settings
from ui.settings.page import SettingsPage
from ui.shell.main_window import MainWindow


def _page(window: MainWindow) -> SettingsPage:
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    return page


def test_typed_operator_is_saved_and_recorded_in_the_change_log(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_page("settings")
    page = _page(window)
    page.operator_edit.clear()
    type_text(qtbot, page.operator_edit, "  王科员 ")
    with qtbot.waitSignal(page.operator_saved):
        qtbot.keyClick(page.operator_edit, Qt.Key.Key_Return)
    assert Settings().get(OPERATOR) == "王科员"
    assert "已保存" in page.operator_message.text()
    assert window.database is not None
    with window.database.sessions() as session:
        project = session.scalars(select(Project).limit(1)).one()
        project.total_investment = (project.total_investment or Decimal(0)) + Decimal("1.00")
        session.commit()
        last = session.scalars(select(ChangeLog).order_by(ChangeLog.id.desc()).limit(1)).one()
    assert (last.operator, last.field) == ("王科员", "total_investment")


def test_too_long_operator_is_refused_beside_the_field(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(window)
    page.operator_edit.clear()
    type_text(qtbot, page.operator_edit, "长" * 60)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "不能超过 50 个字" in page.operator_message.text()
    assert Settings().get(OPERATOR) == ""


def test_window_start_path_does_not_import_sqlalchemy() -> None:
    # Up to the first paint: the window and its first page (总览) built, nothing heavy imported.
    script = (
        "import sys, ui.shell.start, ui.shell.main_window; "
        "app = ui.shell.start.create_application(['x']); "
        "window = ui.shell.main_window.MainWindow(ui.settings.keys.Settings()); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'alembic', "
        "'matplotlib', 'openpyxl'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    assert out.strip() == "[]"
