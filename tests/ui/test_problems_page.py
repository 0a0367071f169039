"""问题台账 page: a new problem is pushed, escalated, solved, closed and found again."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from db.enums import CoordinationLevel, ProblemState
from tests.support.present import present
from tests.ui.conftest import MessageLog, type_text
from ui.problems.dialogs import CloseDialog, NewProblemDialog
from ui.problems.page import ProblemsPage
from ui.settings.keys import Settings
from ui.shell.main_window import MainWindow
from ui.shell.start import create_application


def _page(qtbot: QtBot, window: MainWindow) -> ProblemsPage:
    qtbot.mouseClick(window.sidebar.button("problems"), Qt.MouseButton.LeftButton)
    page = window.pages["problems"]
    assert isinstance(page, ProblemsPage)
    return page


def test_ledger_lists_the_demo_problems_and_sorts(
    qtbot: QtBot, window: MainWindow, qtmodeltester: ModelTester
) -> None:
    page = _page(qtbot, window)
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 60
    assert "待办 12" in page.counts.text() and "显示 60 / 60" in page.counts.text()
    page.table.sortByColumn(7, Qt.SortOrder.AscendingOrder)  # 解决时限
    deadlines = [r.deadline for r in page.model.rows if r.deadline]
    assert deadlines == sorted(deadlines)
    page.filters.state_box.setCurrentText("已销号")
    assert page.model.rowCount() == 18
    assert all(r.state is ProblemState.CLOSED for r in page.model.rows)
    page.filters.overdue_check.setChecked(True)
    assert page.model.rowCount() == 0  # closed problems are never overdue


def test_a_problem_goes_from_new_to_closed_through_the_page(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, window)

    def fill(dialog: NewProblemDialog) -> int:
        dialog.project.setCurrentText("空港三期津北路西延线")
        dialog.type.setCurrentText("用地")
        dialog.description.setPlainText("征地补偿方案未批复，影响道路施工")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewProblemDialog, "exec", fill)
    window.activateWindow()
    qtbot.waitActive(window)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.model.rowCount() == 61
    assert page.selected_id() is not None
    row = page.model.rows[present(page.model.row_of(present(page.selected_id())))]
    assert (row.description, row.state) == ("征地补偿方案未批复，影响道路施工", ProblemState.OPEN)

    page.progress_line.setFocus()
    type_text(qtbot, page.progress_line, "已报区政府专题会研究")
    qtbot.keyClick(page.progress_line, Qt.Key.Key_Return)
    assert "已报区政府专题会研究" in page.detail.toPlainText()
    assert page.model.rows[page.model.row_of(row.id)].state is ProblemState.IN_HAND  # type: ignore[index]

    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *a, **k: ("需管委会协调资金", True))
    )
    qtbot.mouseClick(page.escalate_button, Qt.MouseButton.LeftButton)
    assert page.model.rows[page.model.row_of(row.id)].level is CoordinationLevel.DISTRICT  # type: ignore[index]

    qtbot.mouseClick(page.solve_button, Qt.MouseButton.LeftButton)
    assert page.close_button.isEnabled()

    def confirm(dialog: CloseDialog) -> int:
        dialog.confirmer.setText("李主任")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CloseDialog, "exec", confirm)
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    assert "确认人：李主任" in page.detail.toPlainText()

    page.filters.state_box.setCurrentText("已销号")
    page.filters.level_box.setCurrentText("管委会/区政府")
    with qtbot.waitSignal(page.filters.search.textChanged):
        type_text(qtbot, page.filters.search, "zdbc")  # 征地补偿 by pinyin initials
    assert [r.id for r in page.model.rows] == [row.id]


def test_refused_step_says_why_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, messages: MessageLog
) -> None:
    page = _page(qtbot, window)
    page.filters.state_box.setCurrentText("暂缓")
    page.table.selectRow(0)
    before = page.model.rows[0]
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("  ", True)))
    page.escalate()
    assert "上报协调需要说明原因" in messages.texts()
    assert page.model.rows[page.model.row_of(before.id)].level is before.level  # type: ignore[index]


def test_weekly_sheet_is_exported_from_the_page(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: object,
    messages: MessageLog,
) -> None:
    from pathlib import Path

    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    page = _page(qtbot, window)
    target = Path(str(tmp_path)) / "周调度.xlsx"
    monkeypatch.setattr(QDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    qtbot.mouseClick(page.weekly_button, Qt.MouseButton.LeftButton)
    assert "周调度表已导出" in messages.texts()
    assert load_workbook(target).active["A1"].value == "重点项目问题周调度表"


def test_latest_progress_column_fills_after_the_rows(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(qtbot, window)
    column = 9
    qtbot.waitUntil(lambda: bool(page.model.progress), timeout=5000)
    shown = [page.model.index(r, column).data() for r in range(page.model.rowCount())]
    assert "相关材料已报送审批部门，正在审查" in shown
    page.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    ordered = [page.model.index(r, column).data() for r in range(page.model.rowCount())]
    assert ordered == sorted(ordered)


def test_a_new_office_is_told_where_projects_come_from_before_a_problem(
    qtbot: QtBot, tmp_path: Path, messages: MessageLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An empty database: 新增 explains that a problem needs a project, instead of a form that
    cannot be completed."""
    create_application()
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.show()
    assert window.actions_.open_location(str(tmp_path / "新台账.db"))
    opened: list[str] = []

    def record(dialog: QDialog) -> int:
        opened.append(dialog.windowTitle())
        return 0

    monkeypatch.setattr(QDialog, "exec", record)
    qtbot.mouseClick(window.sidebar.button("problems"), Qt.MouseButton.LeftButton)
    page = window.pages["problems"]
    assert isinstance(page, ProblemsPage)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert "还没有项目" in messages.texts() and "数据交换" in messages.texts()
    assert opened == []
    window.close()

