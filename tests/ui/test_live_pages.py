"""Every page is live: each kind of change, made through the window, shows on every page that
shows it the next time the clerk looks at it, and so does its undo (issue 14).

Every page is opened first (built and read), then the change is made on one page while the
others are hidden; each page that shows the change is then shown and read back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from app.infra.changes import Change
from tests.ui.conftest import finished, type_text
from ui.problems.dialogs import NewProblemDialog
from ui.projects.editor_dialog import ProjectEditor
from ui.shell.main_window import MainWindow
from ui.shell.pages import PAGES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exchange"
Readout = Callable[[MainWindow], Any]


def _overview_projects(window: MainWindow) -> str:
    text = window.pages["overview"].lists_label.text()  # type: ignore[attr-defined]
    return str(text.split("：", 1)[0])


def _cards(window: MainWindow) -> tuple[str, ...]:
    page = window.pages["projects"]
    page.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
    return tuple(sorted(c.name for c in page.model.all_cards))  # type: ignore[attr-defined]


def _card_lists(window: MainWindow) -> tuple[str, ...]:
    page = window.pages["projects"]
    page.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
    return tuple(sorted({c.list_name for c in page.model.all_cards}))  # type: ignore[attr-defined]


def _chart_rows(window: MainWindow) -> tuple[str, ...]:
    chart = window.pages["chart"].full_chart  # type: ignore[attr-defined]
    return tuple(sorted(r.name for r in chart.rows))


def _chart_groups(window: MainWindow) -> tuple[str, ...]:
    chart = window.pages["chart"].full_chart  # type: ignore[attr-defined]
    return tuple(g.name for g in chart.groups)


def _chart_title(window: MainWindow) -> str:
    return str(window.pages["chart"].full_chart.title)  # type: ignore[attr-defined]


def _statistics(window: MainWindow) -> tuple[int, Any]:
    stats = window.pages["statistics"].stats  # type: ignore[attr-defined]
    return stats.total.projects, stats.total.completed


def _statistics_lists(window: MainWindow) -> tuple[str, ...]:
    stats = window.pages["statistics"].stats  # type: ignore[attr-defined]
    return tuple(g.name for g in stats.by_list)


def _month_rows(window: MainWindow) -> int:
    page = window.pages["projects"]
    page.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
    rows = len(page.month_tab.month_model.rows)  # type: ignore[attr-defined]
    page.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
    return rows


def _open_problems(window: MainWindow) -> str:
    return str(window.pages["overview"].tiles["open"].value_label.text())  # type: ignore[attr-defined]


def _ledger(window: MainWindow) -> int:
    return int(window.pages["problems"].model.rowCount())  # type: ignore[attr-defined]


def _campaign_title(window: MainWindow) -> str:
    return str(window.pages["overview"].campaign_label.text())  # type: ignore[attr-defined]


def _status_bar(window: MainWindow) -> str:
    return window.campaign_button.text()


def _batches(window: MainWindow) -> int:
    return int(window.pages["exchange"].batches.rowCount())  # type: ignore[attr-defined]


# Which page shows what: the page to show, and what to read on it.
READOUTS: dict[str, tuple[str, Readout]] = {
    "总览·项目数": ("overview", _overview_projects),
    "总览·未办结问题": ("overview", _open_problems),
    "总览·攻坚行动": ("overview", _campaign_title),
    "状态栏": ("overview", _status_bar),
    "项目卡片": ("projects", _cards),
    "项目卡片·清单": ("projects", _card_lists),
    "月度填报": ("projects", _month_rows),
    "挂图作战": ("chart", _chart_rows),
    "挂图作战·清单": ("chart", _chart_groups),
    "挂图作战·标题": ("chart", _chart_title),
    "问题台账": ("problems", _ledger),
    "统计通报": ("statistics", _statistics),
    "统计通报·清单": ("statistics", _statistics_lists),
    "数据交换·导入批次": ("exchange", _batches),
}


def _read(qtbot: QtBot, window: MainWindow, names: list[str]) -> dict[str, Any]:
    values = {}
    for name in names:
        page_key, readout = READOUTS[name]
        window.show_page(page_key)
        page = window.pages[page_key]
        if page_key in ("projects", "statistics"):
            qtbot.waitUntil(_loaded_check(page))
        values[name] = readout(window)
    return values


def _loaded(page: Any) -> bool:
    """The page has read what it shows (the cards in two steps, the month's statistics)."""
    if hasattr(page, "card_set"):
        return page.card_set is not None and bool(page.card_set.complete)
    return getattr(page, "stats", None) is not None


def _loaded_check(page: Any) -> Callable[[], bool]:
    return lambda: _loaded(page)


def _visit_every_page(qtbot: QtBot, window: MainWindow) -> None:
    for spec in PAGES:
        window.show_page(spec.key)
        qtbot.wait(1)


def _add_project(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page("projects")
    page = window.pages["projects"]
    editor = page.new_project()  # type: ignore[attr-defined]
    assert isinstance(editor, ProjectEditor)
    for key, text in (("name", "空港四期智慧物流园"), ("lead_unit", "发改局")):
        widget = editor.editors[key]
        line = widget.lineEdit() if hasattr(widget, "lineEdit") else widget
        assert isinstance(line, QLineEdit)
        line.setFocus()
        type_text(qtbot, line, text)
    editor.buttons.button(editor.buttons.StandardButton.Save).click()
    assert not editor.isVisible()


def _add_problem(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    def fill(dialog: NewProblemDialog) -> int:
        dialog.project.setCurrentIndex(0)
        dialog.description.setPlainText("临时用电手续未办结，影响设备调试")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewProblemDialog, "exec", fill)
    window.show_page("problems")
    window.pages["problems"].new_problem()  # type: ignore[attr-defined]


def _rename_campaign(qtbot: QtBot, window: MainWindow) -> None:
    window.edit_campaign()
    tab = window.pages["settings"].campaign  # type: ignore[attr-defined]
    tab.fields.name.setText("2022年重点项目百日攻坚行动（保税区）")
    assert tab.save()


def _rename_list(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page("projects")
    page = window.pages["projects"]
    page.tabs.setCurrentIndex(3)  # type: ignore[attr-defined]
    lists = page.lists_panel  # type: ignore[attr-defined]
    assert lists.model.setData(lists.model.index(0, 0), "谋划储备项目")
    page.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]


def _import(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page("exchange")
    wizard = window.pages["exchange"].open_import([FIXTURES / "city_list_basic.xlsx"])  # type: ignore[attr-defined]
    for _step in range(2):
        wizard.forward()
        finished(qtbot, wizard.operation)
    wizard.skip_error_rows()
    wizard.forward()  # 导入
    finished(qtbot, wizard.operation)
    assert wizard.batch_id is not None, wizard.counts_label.text()
    wizard.forward()


def _undo(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page("overview")
    window.undo_action.trigger()


@pytest.mark.slow
def test_each_kind_of_change_shows_on_every_page_that_shows_it(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[frozenset[Change]] = []
    window.bus.changed.connect(seen.append)
    _visit_every_page(qtbot, window)

    # A project added (PROJECTS), then undone: counted everywhere without a restart.
    watched = ["总览·项目数", "项目卡片", "月度填报", "挂图作战", "统计通报"]
    before = _read(qtbot, window, watched)
    assert before["总览·项目数"] == "重点项目 126 个"
    _visit_every_page(qtbot, window)
    _add_project(qtbot, window)
    after = _read(qtbot, window, watched)
    assert after["总览·项目数"] == "重点项目 127 个"
    assert "空港四期智慧物流园" in after["项目卡片"] and "空港四期智慧物流园" in after["挂图作战"]
    assert after["月度填报"] == before["月度填报"] + 1
    assert after["统计通报"][0] == before["统计通报"][0] + 1
    _undo(qtbot, window)
    assert _read(qtbot, window, watched) == before

    # A problem registered (PROBLEMS), then undone.
    watched = ["总览·未办结问题", "问题台账"]
    before = _read(qtbot, window, watched)
    _add_problem(qtbot, window, monkeypatch)
    after = _read(qtbot, window, watched)
    assert int(after["总览·未办结问题"]) == int(before["总览·未办结问题"]) + 1
    assert after["问题台账"] == before["问题台账"] + 1
    _undo(qtbot, window)
    assert _read(qtbot, window, watched) == before

    # A list renamed (ORGANISATION).
    watched = ["项目卡片·清单", "挂图作战·清单", "统计通报·清单"]
    _read(qtbot, window, watched)
    _rename_list(qtbot, window)
    after = _read(qtbot, window, watched)
    assert all(any("谋划储备项目" in name for name in value) for value in after.values()), after

    # The campaign renamed in 设置 → 攻坚行动 (CAMPAIGN).
    watched = ["总览·攻坚行动", "状态栏", "挂图作战·标题"]
    _read(qtbot, window, watched)
    _rename_campaign(qtbot, window)
    after = _read(qtbot, window, watched)
    assert after == {
        "总览·攻坚行动": "2022年重点项目百日攻坚行动（保税区）",
        "状态栏": "攻坚行动：2022年重点项目百日攻坚行动（保税区）",
        "挂图作战·标题": "2022年重点项目百日攻坚行动（保税区）",
    }

    # A workbook imported (IMPORTS, PROJECTS), then the batch undone.
    watched = ["数据交换·导入批次", "总览·项目数", "挂图作战"]
    before = _read(qtbot, window, watched)
    _import(qtbot, window)
    after = _read(qtbot, window, watched)
    assert after["数据交换·导入批次"] == before["数据交换·导入批次"] + 1
    assert after["总览·项目数"] != before["总览·项目数"]
    _undo(qtbot, window)
    assert _read(qtbot, window, watched)["总览·项目数"] == before["总览·项目数"]

    kinds = frozenset().union(*seen)
    assert {
        Change.PROJECTS,
        Change.PROBLEMS,
        Change.ORGANISATION,
        Change.CAMPAIGN,
        Change.IMPORTS,
    } <= kinds
