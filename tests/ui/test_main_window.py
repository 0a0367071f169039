"""The main window a clerk sees: pages, menus, status bar, remembered state, clear errors."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.demo.install import is_demo_file
from app.infra import paths
from tests.ui.conftest import MessageLog, finished
from ui.settings.keys import LAST_DATABASE, RECENT_DATABASES, Settings
from ui.shell import crash
from ui.shell.main_window import MainWindow
from ui.shell.pages import PAGES


def _labels(widget: object) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))  # type: ignore[attr-defined]


def test_every_page_is_reached_by_clicking_the_sidebar(qtbot: QtBot, window: MainWindow) -> None:
    assert [spec.title for spec in PAGES] == [
        "总览",
        "项目卡片",
        "挂图作战",
        "问题台账",
        "督办台账",
        "统计通报",
        "数据交换",
        "设置",
    ]
    for spec in PAGES:
        qtbot.mouseClick(window.sidebar.button(spec.key), Qt.MouseButton.LeftButton)
        assert window.current_page_key() == spec.key
        shown = window.stack.currentWidget()
        assert spec.title in _labels(shown)


def test_keyboard_shortcut_switches_page(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    # A button's shortcut clicks it with animateClick(), a moment later: wait for the signal.
    with qtbot.waitSignal(window.sidebar.page_chosen, timeout=2000):
        qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "problems"


def test_overview_shows_the_demo_campaign(window: MainWindow) -> None:
    text = _labels(window.pages["overview"])
    assert "2022年重点项目百日攻坚行动" in text
    assert "126" in text and "加快建设项目" in text and "35" in text
    assert "超期未解决问题（个）" in text


def test_status_bar_shows_database_and_countdown(window: MainWindow, demo_path: Path) -> None:
    assert str(demo_path) in window.database_label.text()
    assert window.countdown_label.text().endswith("已结束")
    assert window.windowTitle().startswith(demo_path.name)


def test_qt_dialogs_speak_chinese(window: MainWindow) -> None:
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_opening_a_file_that_is_not_ours_says_so(
    window: MainWindow, messages: MessageLog, tmp_path: Path, demo_path: Path
) -> None:
    bogus = tmp_path / "报表.xlsx"
    bogus.write_bytes(b"PK\x03\x04" + b"x" * 5000)
    assert not window.actions_.open_location(str(bogus))
    assert "不是攻坚台账的数据库文件" in messages.texts()
    # The open database stays open.
    assert window.database is not None and window.database.path == demo_path


def test_last_database_recent_list_and_geometry_are_remembered(
    qtbot: QtBot, window: MainWindow, demo_path: Path
) -> None:
    window.resize(1111, 700)
    window.show_page("chart")
    window.close()
    settings = Settings()
    assert settings.get(LAST_DATABASE) == str(demo_path)
    assert settings.get(RECENT_DATABASES)[0] == str(demo_path)
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert again.width() == 1111
    assert again.current_page_key() == "chart"
    again.recent_menu.aboutToShow.emit()
    assert any(str(demo_path) in a.text() for a in again.recent_menu.actions())


def test_load_demo_builds_its_own_file_and_leaves_the_open_one_alone(
    qtbot: QtBot, window: MainWindow, messages: MessageLog, demo_path: Path
) -> None:
    before = demo_path.read_bytes()
    window.demo_action.trigger()
    finished(qtbot, window.actions_.loading)
    assert is_demo_file(paths.demo_database())
    assert window.database is not None and window.database.path == paths.demo_database()
    assert "载入示例数据" in messages.texts()
    assert demo_path.read_bytes() == before


def test_new_database_refuses_to_overwrite(
    window: MainWindow, messages: MessageLog, monkeypatch: pytest.MonkeyPatch, demo_path: Path
) -> None:
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(demo_path), ""))
    )
    window.actions_.choose_and_create()
    assert "文件已存在" in messages.texts()
    assert window.database is not None and window.database.path == demo_path


def test_new_database_is_created_empty(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "二〇二三年"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    window.actions_.choose_and_create()
    assert window.database is not None and window.database.path == target.with_suffix(".db")
    overview = _labels(window.pages["overview"])
    assert "这个数据库里还没有攻坚行动" in overview and "2022年" not in overview
    assert window.countdown_label.text() == ""


def test_save_copy_writes_a_consistent_copy(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    messages: MessageLog,
) -> None:
    import sqlite3

    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "备份.db"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    finished(qtbot, window.actions_.save_copy())
    assert sqlite3.connect(target).execute("SELECT count(*) FROM project").fetchone() == (126,)
    assert "已保存副本" in messages.texts()


def test_unexpected_error_is_logged_and_shown_with_details(
    window: MainWindow, messages: MessageLog
) -> None:
    from app.infra.logs import setup_logging

    log_file = setup_logging()
    assert log_file is not None and log_file.parent == paths.log_dir()
    try:
        raise RuntimeError("模拟的程序错误")
    except RuntimeError as exc:
        crash._handle(RuntimeError, exc, exc.__traceback__)
    title, text, details = messages.shown[-1]
    assert title == "程序出错"
    assert "复制详情" in text
    assert "模拟的程序错误" in details and "Traceback" in details
    for handler in logging.getLogger("gongjian").handlers:
        handler.flush()
    assert "模拟的程序错误" in log_file.read_text(encoding="utf-8")


def test_about_names_version_and_data_folder(window: MainWindow, messages: MessageLog) -> None:
    window.show_about()
    assert "攻坚台账 0.1.0" in messages.texts()
    assert str(paths.data_dir()) in messages.texts()


def test_start_shows_the_window_then_opens_the_database(qtbot: QtBot, demo_path: Path) -> None:
    from ui.shell.start import start_window

    with qtbot.waitSignal(_bus_of_next_window(), timeout=5000) as opened:
        _app, started = start_window(str(demo_path))
        qtbot.addWidget(started)
    assert opened.args[0].path == demo_path
    assert "2022年重点项目百日攻坚行动" in _labels(started.pages["overview"])
    started.close()


def test_start_falls_back_to_the_default_database_when_the_last_one_is_gone(
    qtbot: QtBot, tmp_path: Path, messages: MessageLog
) -> None:
    from ui.shell.start import start_window

    settings = Settings()
    settings.remember_database(str(tmp_path / "搬走了.db"))
    with qtbot.waitSignal(_bus_of_next_window(), timeout=5000) as opened:
        _app, started = start_window(None)
        qtbot.addWidget(started)
    assert opened.args[0].path == paths.default_database()
    assert not (tmp_path / "搬走了.db").exists()  # not recreated empty at the old place
    assert messages.shown == []  # a moved file is no reason for a message box at start
    assert "已找不到" in started.statusBar().currentMessage()
    started.close()


def _bus_of_next_window() -> object:
    """The change bus the next MainWindow will use (patched in so a test can wait on it)."""
    import ui.shell.main_window
    from ui.shell.bus import ChangeBus

    bus = ChangeBus()
    original = ui.shell.main_window.MainWindow.__init__

    def init(self: MainWindow, settings: Settings, bus_: ChangeBus | None = None) -> None:
        original(self, settings, bus)
        ui.shell.main_window.MainWindow.__init__ = original  # type: ignore[method-assign]

    ui.shell.main_window.MainWindow.__init__ = init  # type: ignore[method-assign,assignment]
    return bus.database_opened


def test_overview_counts_projects_by_warning_colour(qtbot: QtBot, window: MainWindow) -> None:
    from app.schedule.warning_colours import Colour
    from ui.campaign.overview_page import OverviewPage

    page = window.pages["overview"]
    assert isinstance(page, OverviewPage)
    qtbot.waitUntil(lambda: sum(page.colour_counts.values()) == 126, timeout=5000)
    assert page.colour_counts[Colour.RED] > 0 and page.colour_counts[Colour.OK] > 0
    assert page.tiles["red"].value_label.text() == str(page.colour_counts[Colour.RED])
    assert "截至 2022年7月31日" in _labels(page)


def test_overview_tiles_show_rates_against_targets_and_open_what_is_behind(
    qtbot: QtBot, window: MainWindow
) -> None:
    from app.schedule.warning_colours import Colour
    from ui.campaign.overview_page import OverviewPage

    page = window.pages["overview"]
    assert isinstance(page, OverviewPage)
    qtbot.waitUntil(lambda: page.stats is not None, timeout=5000)
    assert page.stats is not None
    completion = page.tiles["completion"]
    assert completion.value_label.text() == f"{page.stats.total.completion}%"
    assert completion.note_label.text() == "目标 60%"
    assert "目标 100%" in page.tiles["start"].note_label.text()
    # The red tile counts the projects red on the cards (as of the same day) and opens them.
    red_count = int(page.tiles["red"].value_label.text())
    qtbot.mouseClick(page.tiles["red"], Qt.MouseButton.LeftButton)
    assert window.current_page_key() == "projects"
    cards = window.pages["projects"]
    qtbot.waitUntil(lambda: cards.wall.card_delegate.complete, timeout=5000)  # type: ignore[attr-defined]
    rows = cards.model.rows  # type: ignore[attr-defined]
    assert len(rows) == red_count > 0 and all(c.colour is Colour.RED for c in rows)
    red = {c.id for c in rows}
    chip = cards.filter_bar.pinned_button  # type: ignore[attr-defined]
    assert chip.isVisible() and f"（{len(red)} 个）" in chip.text()
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(cards.model.rows) == 126, timeout=5000)  # type: ignore[attr-defined]
    # The overdue tile opens the ledger's overdue problems, by keyboard too.
    window.show_page("overview")
    page.tiles["overdue"].setFocus()
    qtbot.keyClick(page.tiles["overdue"], Qt.Key.Key_Return)
    assert window.current_page_key() == "problems"
    problems = window.pages["problems"]
    assert problems.filters.overdue_check.isChecked()  # type: ignore[attr-defined]
    assert problems.model.rows and all(r.overdue for r in problems.model.rows)  # type: ignore[attr-defined]


def test_todo_panel_lines_open_their_items(qtbot: QtBot, window: MainWindow) -> None:
    from ui.campaign.overview_page import OverviewPage

    page = window.pages["overview"]
    assert isinstance(page, OverviewPage)
    qtbot.waitUntil(page.todo.isVisible, timeout=5000)
    text = page.todo.body.text()
    assert "逾期问题" in text and "滞后节点" in text and "逾期问题最多的单位" in text
    first_problem = text.split("href='problem:")[1].split("'")[0]
    page.todo.open(f"problem:{first_problem}")
    assert window.current_page_key() == "problems"
    problems = window.pages["problems"]
    assert problems.selected_id() == int(first_problem)  # type: ignore[attr-defined]
    first_project = text.split("href='project:")[1].split("'")[0]
    page.todo.open(f"project:{first_project}")
    assert window.current_page_key() == "chart"
    assert window.pages["chart"].view.options.selected_project == int(first_project)  # type: ignore[attr-defined]
    first_unit = text.split("href='unit:")[1].split("'")[0]
    page.todo.open(f"unit:{first_unit}")
    assert window.current_page_key() == "problems"
    assert problems.filters.overdue_check.isChecked()  # type: ignore[attr-defined]
    assert all(r.unit_id == int(first_unit) and r.overdue for r in problems.model.rows)  # type: ignore[attr-defined]


def test_a_second_window_on_the_same_file_opens_it_read_only(
    qtbot: QtBot, window: MainWindow, demo_path: Path, messages: MessageLog
) -> None:
    from sqlalchemy import update
    from sqlalchemy.exc import OperationalError

    from app.infra.faults import known_fault
    from db.models import Project
    from ui.settings.keys import Settings

    second = MainWindow(Settings())
    qtbot.addWidget(second)
    assert second.actions_.open_location(str(demo_path))
    assert "正由" in messages.texts() and "只读" in messages.texts()
    assert second.windowTitle().startswith(f"{demo_path.name}（只读）")
    assert second.database is not None
    with second.database.sessions() as session, pytest.raises(OperationalError) as refused:
        session.execute(update(Project).values(name="改名"))
        session.commit()
    fault = known_fault(refused.value)  # sorted by SQLite's result code, not its English text
    assert fault is not None and "只读" in fault.message
    messages.answer = messages.answer.No
    third = MainWindow(Settings())
    qtbot.addWidget(third)
    assert not third.actions_.open_location(str(demo_path))
    second.close()
