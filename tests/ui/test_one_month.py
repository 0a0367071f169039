"""月度填报, 数据交换 and 统计通报 open on the same month and remember the clerk's choice."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ui.exchange.page import ExchangePage
from ui.projects.page import ProjectsPage
from ui.settings.keys import Settings
from ui.shell.main_window import MainWindow
from ui.statistics.page import StatisticsPage


def _months(qtbot: QtBot, window: MainWindow) -> dict[str, tuple[int, int]]:
    shown = {}
    qtbot.mouseClick(window.sidebar.button("projects"), Qt.MouseButton.LeftButton)
    projects = window.pages["projects"]
    assert isinstance(projects, ProjectsPage)
    projects.tabs.setCurrentIndex(1)
    shown["月度填报"] = projects.month_tab.chosen_month()
    qtbot.mouseClick(window.sidebar.button("exchange"), Qt.MouseButton.LeftButton)
    exchange = window.pages["exchange"]
    assert isinstance(exchange, ExchangePage)
    shown["数据交换"] = exchange.month_picker.month()
    qtbot.mouseClick(window.sidebar.button("statistics"), Qt.MouseButton.LeftButton)
    statistics = window.pages["statistics"]
    assert isinstance(statistics, StatisticsPage)
    shown["统计通报"] = statistics.month_picker.month()
    return shown


def test_every_page_opens_on_the_latest_reported_month_and_follows_a_choice(
    qtbot: QtBot, window: MainWindow
) -> None:
    # The demo campaign has ended; its reports run to July 2022.
    assert set(_months(qtbot, window).values()) == {(2022, 7)}
    statistics = window.pages["statistics"]
    assert isinstance(statistics, StatisticsPage)
    statistics.month_picker.month_box.setCurrentIndex(5)  # the clerk picks 6月 here …
    assert statistics.chosen_month().month == 6
    assert set(_months(qtbot, window).values()) == {(2022, 6)}  # … and every page follows

    database = window.database
    assert database is not None
    again = MainWindow(Settings())  # the next start
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.actions_.open_location(database.location)
    assert set(_months(qtbot, again).values()) == {(2022, 6)}
    again.close()
