"""The window on a server database: another clerk's changes appear live, typing is not disturbed,
and a clash over one cell asks which value to keep."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from app.infra.conflicts import VersionConflict
from app.infra.database import Database
from app.projects.edits import update_project
from app.reports.monthly_reports import CellEntry, EntryMode, save_entries
from tests.support.pg import NO_SERVER, PG_URL, url_of
from tests.ui.conftest import MessageLog
from ui.projects.page import ProjectsPage
from ui.settings.keys import Settings
from ui.shell.main_window import MainWindow
from ui.shell.start import create_application

pytestmark = pytest.mark.skipif(not PG_URL, reason=NO_SERVER)
LIVE_MS = 2000  # the promise: within two seconds


@pytest.fixture
def other_clerk(pg_run_database: str) -> Iterator[Database]:
    """The demo on the server, and a second clerk's connection to it."""
    from tests.support.pg_clones import fresh, saved_state

    yield from fresh(saved_state("demo"))


@pytest.fixture
def server_window(
    qtbot: QtBot, other_clerk: Database, messages: MessageLog
) -> Iterator[MainWindow]:
    """The main window connected to the same server database."""
    from tests.support.pg_clones import NAME

    create_application()
    main = MainWindow(Settings())
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    assert main.actions_.open_location(url_of(NAME))
    assert main.actions_.live is not None and main.actions_.live.listening
    yield main
    main.close()


def _projects(qtbot: QtBot, window: MainWindow) -> ProjectsPage:
    qtbot.mouseClick(window.sidebar.button("projects"), Qt.MouseButton.LeftButton)
    page = window.pages["projects"]
    assert isinstance(page, ProjectsPage)
    qtbot.waitUntil(lambda: page.card_set is not None and page.card_set.complete)
    return page


def test_another_clerks_change_appears_within_two_seconds(
    qtbot: QtBot, server_window: MainWindow, other_clerk: Database
) -> None:
    page = _projects(qtbot, server_window)
    first = page.model.rows[0]
    with other_clerk.sessions() as session:
        update_project(session, first.id, {"name": "滨海新区综合管廊（已改名）"})
    qtbot.waitUntil(
        lambda: any(r.name == "滨海新区综合管廊（已改名）" for r in page.model.rows),
        timeout=LIVE_MS,
    )


def test_typing_in_the_month_grid_survives_a_live_refresh(
    qtbot: QtBot, server_window: MainWindow, other_clerk: Database
) -> None:
    page = _projects(qtbot, server_window)
    page.tabs.setCurrentIndex(1)
    tab = page.month_tab
    tab.mode_box.setCurrentIndex(0)  # 填本月完成
    tab.set_month(2022, 8)
    grid, model = tab.grid, tab.month_model
    grid.setFocus()
    grid.setCurrentIndex(model.index(0, 3))
    qtbot.keyClick(grid, Qt.Key.Key_7)  # the clerk starts typing in row 1
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "7")
    other = model.rows[1].project_id
    with other_clerk.sessions() as session:  # meanwhile another clerk fills row 2
        save_entries(session, 2022, 8, [CellEntry(other, "month", Decimal("12"))], EntryMode.MONTH)
    qtbot.waitUntil(lambda: model.rows[1].month_amount == Decimal("12.00"), timeout=LIVE_MS)
    assert QApplication.focusWidget() is editor and editor.text() == "77"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.rows[0].month_amount == Decimal("77.00"))


def test_a_clash_over_one_cell_asks_which_value_to_keep(
    qtbot: QtBot,
    server_window: MainWindow,
    other_clerk: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[VersionConflict] = []

    def keep_theirs(_parent: object, conflict: VersionConflict) -> bool:
        asked.append(conflict)
        return False

    monkeypatch.setattr("ui.shell.conflict_dialog.choose_overwrite", keep_theirs)
    page = _projects(qtbot, server_window)
    page.tabs.setCurrentIndex(1)
    tab = page.month_tab
    tab.mode_box.setCurrentIndex(0)
    tab.set_month(2022, 8)
    grid, model = tab.grid, tab.month_model
    grid.setFocus()
    grid.setCurrentIndex(model.index(0, 3))
    qtbot.keyClick(grid, Qt.Key.Key_9)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    mine = model.rows[0].project_id
    with other_clerk.sessions() as session:
        session.info["operator"] = "乙"
        save_entries(session, 2022, 8, [CellEntry(mine, "month", Decimal("33"))], EntryMode.MONTH)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(asked))
    assert [(d.theirs, d.mine) for d in asked[0].differences] == [("33.00", "9.00")]
    qtbot.waitUntil(lambda: model.rows[0].month_amount == Decimal("33.00"), timeout=LIVE_MS)


def test_an_unreachable_server_is_a_clear_message_and_changes_nothing(
    qtbot: QtBot, server_window: MainWindow, messages: MessageLog
) -> None:
    # Opening a server that is not there: a clear message and the offer of a local file
    # (declined here), and the window keeps what it had.
    from PySide6.QtWidgets import QMessageBox

    messages.answer = QMessageBox.StandardButton.No
    before = server_window.database
    assert not server_window.actions_.open_location("postgresql://nobody@127.0.0.1:1/gongjian")
    assert server_window.database is before
    assert "无法连接数据库服务器 127.0.0.1:1" in messages.texts()
    assert "要改为打开本机的数据库文件吗" in messages.texts()


def test_listening_resumes_after_the_connection_was_cut(
    qtbot: QtBot, server_window: MainWindow, other_clerk: Database
) -> None:
    live = server_window.actions_.live
    assert live is not None and live._notices is not None
    backend = live._notices.connection.info.backend_pid
    with other_clerk.engine.connect() as connection:  # the listening connection is cut
        connection.exec_driver_sql(f"SELECT pg_terminate_backend({backend})")
    qtbot.waitUntil(lambda: not live.listening, timeout=LIVE_MS)
    live._retry.setInterval(10)
    qtbot.waitUntil(lambda: live.listening, timeout=LIVE_MS)
    page = _projects(qtbot, server_window)
    first = page.model.rows[0]
    with other_clerk.sessions() as session:
        update_project(session, first.id, {"name": "重连后改名"})
    qtbot.waitUntil(lambda: any(r.name == "重连后改名" for r in page.model.rows), timeout=LIVE_MS)


def test_connecting_remembers_everything_but_the_password(
    qtbot: QtBot, other_clerk: Database, messages: MessageLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.engine import make_url

    from tests.support.pg_clones import NAME
    from ui.settings.keys import LAST_DATABASE, SERVER_ACCOUNT, SERVER_HOST
    from ui.shell.connect_dialog import ConnectDialog

    server = make_url(url_of(NAME))

    def fill_and_accept(dialog: ConnectDialog) -> int:
        dialog.host.setText(server.host or "")
        dialog.port.setValue(server.port or 5432)
        dialog.database.setText(NAME)
        dialog.account.setText(server.username or "")
        dialog.password.setText("不记住的密码")
        dialog._accept()
        return int(ConnectDialog.DialogCode.Accepted)

    monkeypatch.setattr(ConnectDialog, "exec", fill_and_accept)
    create_application()
    main = MainWindow(Settings())
    qtbot.addWidget(main)
    assert main.actions_.connect_to_server()
    assert main.database is not None and main.database.on_server
    settings = Settings()
    assert settings.get(SERVER_HOST) == server.host
    assert settings.get(SERVER_ACCOUNT) == server.username
    assert "不记住的密码" not in settings.get(LAST_DATABASE)
    main.close()


def test_an_admin_adds_and_disables_an_account_in_settings(
    qtbot: QtBot, messages: MessageLog
) -> None:
    from PySide6.QtWidgets import QDialog

    from db.enums import AccountKind
    from tests.support.pg import fresh_server
    from ui.settings.page import SettingsPage

    server = fresh_server("gjt_accounts_ui")
    create_application()
    main = MainWindow(Settings())
    qtbot.addWidget(main)
    main.show()
    assert main.actions_.open_location(server.url(server.admin))
    main.show_page("settings")
    page = main.pages["settings"]
    assert isinstance(page, SettingsPage)
    tab = page.accounts
    assert tab.add_button.isEnabled()  # the logged-in account is a 管理员
    dialog = tab.add_account()
    dialog.login.setText(server.login("leader"))
    dialog.name.setText("王领导")
    dialog.password.setText("password-1")
    dialog.kind.setCurrentText(AccountKind.LEADER.value)
    dialog.done(QDialog.DialogCode.Accepted)
    qtbot.waitUntil(lambda: any(r.display_name == "王领导" for r in tab.model.rows))
    row = next(i for i, r in enumerate(tab.model.rows) if r.display_name == "王领导")
    tab.table.selectRow(row)
    qtbot.mouseClick(tab.toggle_button, Qt.MouseButton.LeftButton)
    assert next(r for r in tab.model.rows if r.display_name == "王领导").disabled
    main.close()


def test_a_clerk_records_actual_dates_in_the_milestone_editor(
    qtbot: QtBot, messages: MessageLog
) -> None:
    import datetime as dt

    from sqlalchemy import select

    from app.infra.database import open_database
    from app.server.setup import NewAccount, add_account
    from db.enums import AccountKind, UnitKind
    from db.models import Milestone, Unit
    from tests.support.pg import fresh_server
    from tests.unit.factories import a_project
    from ui.schedule.milestone_editor import MilestoneEditorDialog
    from ui.shell.bus import ChangeBus
    from ui.shell.operation import Performer

    server = fresh_server("gjt_clerk_ui")
    office = open_database(server.url(server.admin), operator="管理员甲")
    with office.sessions() as session:
        unit = Unit(name="住建委", kind=UnitKind.RESPONSIBLE)
        project = a_project(session, "安置房一期")
        project.lead_unit = unit
        session.add(Milestone(project=project, seq=1, name="开工", duration_days=10))
        session.commit()
        project_id, unit_id = project.id, unit.id
    with office.engine.begin() as connection:
        add_account(connection, NewAccount(server.login("zjw"), "住建委填报员", "password-1",
                                           AccountKind.CLERK, unit_id))  # fmt: skip
    clerk = open_database(server.url(server.login("zjw")))
    editor = MilestoneEditorDialog(Performer(None, ChangeBus(), clerk), project_id, dt.date.today())
    qtbot.addWidget(editor)
    assert editor.actuals_only and not editor.add_button.isEnabled()
    editor.plan.rows[0].actual_start = dt.date(2022, 6, 5)
    editor.save()
    assert not messages.shown, messages.texts()
    with office.sessions() as session:
        stored = session.scalar(select(Milestone).where(Milestone.project_id == project_id))
        assert stored is not None and stored.actual_start == dt.date(2022, 6, 5)
    clerk.close()
    office.close()
