"""设置 tabs: warning thresholds re-colour the chart; holidays per year; templates edited."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.schedule.holiday_edits import days_of
from tests.ui.conftest import MessageLog
from ui.settings.keys import GAP_RED_POINTS, Settings
from ui.settings.page import SettingsPage
from ui.shell.main_window import MainWindow
from ui.wall_chart.page import ChartPage


def _settings_page(qtbot: QtBot, window: MainWindow) -> SettingsPage:
    qtbot.mouseClick(window.sidebar.button("settings"), Qt.MouseButton.LeftButton)
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    return page


def test_lower_red_threshold_turns_more_projects_red_on_the_chart(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.mouseClick(window.sidebar.button("chart"), Qt.MouseButton.LeftButton)
    chart = window.pages["chart"]
    assert isinstance(chart, ChartPage) and chart.full_chart is not None
    red_before = sum(1 for r in chart.full_chart.rows if r.colour.name == "RED")
    page = _settings_page(qtbot, window)
    page.gap_yellow.setValue(0)
    page.gap_red.setValue(0)
    qtbot.mouseClick(page.save_warnings_button, Qt.MouseButton.LeftButton)
    assert Settings().get(GAP_RED_POINTS) == 0
    qtbot.mouseClick(
        window.sidebar.button("chart"), Qt.MouseButton.LeftButton
    )  # reloads when shown
    assert chart.full_chart is not None
    red_after = sum(1 for r in chart.full_chart.rows if r.colour.name == "RED")
    assert red_after > red_before


def test_red_threshold_below_yellow_is_refused(qtbot: QtBot, window: MainWindow) -> None:
    page = _settings_page(qtbot, window)
    page.gap_yellow.setValue(20)
    page.gap_red.setValue(10)
    qtbot.mouseClick(page.save_warnings_button, Qt.MouseButton.LeftButton)
    assert "红色阈值不能小于黄色阈值" in page.warnings_message.text()
    assert Settings().get(GAP_RED_POINTS) == 30


def test_holidays_tab_shows_a_year_and_imports_a_sheet(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    messages: MessageLog,
    qtmodeltester: ModelTester,
) -> None:
    page = _settings_page(qtbot, window)
    tab = page.holidays
    tab.year_box.setCurrentText("2022年")
    qtmodeltester.check(tab.model)
    assert tab.model.index(0, 0).data() == "2022-01-01"
    assert "放假 32 天，调休上班 7 天" in tab.summary.text()
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["日期", "类型", "名称"])
    sheet.append([dt.datetime(2027, 1, 1), "放假", "元旦"])
    sheet.append(["2027-02-20", "上班", "春节调休"])
    path = tmp_path / "2027.xlsx"
    book.save(path)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    with qtbot.waitSignal(window.bus.changed):
        qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    assert tab.year() == 2027
    assert [tab.model.index(r, 2).data() for r in range(tab.model.rowCount())] == [
        "法定节假日",
        "调休上班",
    ]
    assert "替换这些年份" in messages.texts()

    def stored_2027() -> int:
        assert window.database is not None
        with window.database.reading() as session:
            return len(days_of(session, 2027))

    assert stored_2027() == 2 and window.undo_action.text() == "撤销 导入节假日"
    window.undo_action.trigger()  # Ctrl+Z: the year is as it was (empty)
    assert stored_2027() == 0
    window.redo_action.trigger()
    assert stored_2027() == 2


def test_templates_tab_edits_and_saves_steps(
    qtbot: QtBot, window: MainWindow, messages: MessageLog, qtmodeltester: ModelTester
) -> None:
    page = _settings_page(qtbot, window)
    tab = page.templates
    qtmodeltester.check(tab.steps)
    qtmodeltester.check(tab.templates)
    assert tab.steps.index(0, 1).data() == "项目建议书"
    assert tab.steps.setData(tab.steps.index(0, 3), "abc") is False
    assert "工期「abc」应为整数天数" in tab.message.text()
    assert tab.steps.setData(tab.steps.index(0, 3), "40")
    qtbot.mouseClick(tab.add_step_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert "模板已保存" in messages.texts()
    tab.refresh()
    assert tab.steps.index(0, 3).data() == "40" and tab.steps.rowCount() == 5
    assert window.undo_action.text() == "撤销 保存节点模板"
    window.undo_action.trigger()  # Ctrl+Z: the steps as they were, stored and shown
    assert tab.steps.rowCount() == 4 and tab.steps.index(0, 3).data() != "40"
    window.redo_action.trigger()
    assert tab.steps.rowCount() == 5 and tab.steps.index(0, 3).data() == "40"
