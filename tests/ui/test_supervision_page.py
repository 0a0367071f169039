"""督办台账 page: supervise a problem, record an act, end it, see the unit's record."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from db.models import Supervision, SupervisionAct
from tests.ui.conftest import MessageLog
from tests.ui.test_undo_everywhere import redo, stored, undo
from ui.problems.page import ProblemsPage
from ui.problems.supervision_actions import ActDialog
from ui.problems.supervision_page import SupervisionPage
from ui.shell.main_window import MainWindow


def test_supervise_a_problem_record_an_act_and_end_it(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    messages: MessageLog,
    qtmodeltester: ModelTester,
) -> None:
    qtbot.mouseClick(window.sidebar.button("problems"), Qt.MouseButton.LeftButton)
    problems = window.pages["problems"]
    assert isinstance(problems, ProblemsPage)
    problems.filters.state_box.setCurrentText("暂缓")  # the demo supervises none of these yet
    problems.table.selectRow(0)
    subject = problems.model.rows[0].description
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("疑难", True)))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("超期未解决", True)))
    qtbot.mouseClick(problems.supervise_button, Qt.MouseButton.LeftButton)

    qtbot.mouseClick(window.sidebar.button("supervision"), Qt.MouseButton.LeftButton)
    page = window.pages["supervision"]
    assert isinstance(page, SupervisionPage)
    qtmodeltester.check(page.items)
    qtmodeltester.check(page.units)
    assert page.items.rowCount() == 7
    started = next(i for i, r in enumerate(page.items.rows) if r.subject == subject)
    assert page.items.rows[started].supervision_class.value == "疑难"
    page.item_view.selectRow(started)

    def fill(dialog: ActDialog) -> int:
        dialog.form_box.setCurrentText("约谈")
        dialog.content.setPlainText("约谈责任单位主要负责同志")
        dialog.result_edit.setText("明确8月底前完成")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ActDialog, "exec", fill)
    talks_before = sum(u.talks for u in page.units.rows)
    qtbot.mouseClick(page.add_act_button, Qt.MouseButton.LeftButton)
    assert sum(u.talks for u in page.units.rows) == talks_before + 1
    row = next(i for i, r in enumerate(page.items.rows) if r.subject == subject)
    page.item_view.selectRow(row)
    assert [a.form.value for a in page.acts.rows] == ["约谈"]
    qtbot.mouseClick(page.end_button, Qt.MouseButton.LeftButton)
    assert "结束督办" in messages.texts()
    ended = next(r for r in page.items.rows if r.subject == subject)
    assert ended.ended_on is not None


def test_supervising_twice_is_refused(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, messages: MessageLog
) -> None:
    qtbot.mouseClick(window.sidebar.button("problems"), Qt.MouseButton.LeftButton)
    problems = window.pages["problems"]
    assert isinstance(problems, ProblemsPage)
    # a closed problem cannot be supervised at all
    problems.filters.state_box.setCurrentText("未办结")
    problems.table.selectRow(0)
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("重点", True)))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("原因", True)))
    problems.supervise()
    problems.supervise()
    assert "已在督办中" in messages.texts()


def test_a_closed_problem_cannot_be_supervised(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, messages: MessageLog
) -> None:
    qtbot.mouseClick(window.sidebar.button("problems"), Qt.MouseButton.LeftButton)
    problems = window.pages["problems"]
    assert isinstance(problems, ProblemsPage)
    problems.filters.state_box.setCurrentText("已销号")
    problems.table.selectRow(0)
    assert not problems.supervise_button.isEnabled()  # the page asks the workflow
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("重点", True)))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("原因", True)))
    problems.supervise()  # and the service refuses it even when asked directly
    assert "无需督办" in messages.texts()


def test_start_is_confirmed_and_written_into_the_problems_history(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, messages: MessageLog
) -> None:
    qtbot.mouseClick(window.sidebar.button("problems"), Qt.MouseButton.LeftButton)
    problems = window.pages["problems"]
    assert isinstance(problems, ProblemsPage)
    problems.filters.state_box.setCurrentText("暂缓")
    problems.table.selectRow(0)
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("重点", True)))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("久拖未决", True)))
    problems.supervise()
    assert "已列入督办台账（重点类）" in messages.texts()
    assert "列入督办（重点类）：久拖未决" in problems.detail.toPlainText()
    problems.table.setFocus()
    undo(qtbot, window)
    assert "列入督办" not in problems.detail.toPlainText()
    redo(qtbot, window)
    assert "列入督办（重点类）：久拖未决" in problems.detail.toPlainText()


def _supervision(qtbot: QtBot, window: MainWindow) -> SupervisionPage:
    qtbot.mouseClick(window.sidebar.button("supervision"), Qt.MouseButton.LeftButton)
    page = window.pages["supervision"]
    assert isinstance(page, SupervisionPage)
    return page


def test_acts_are_edited_deleted_and_undone_with_the_last_supervisor_proposed(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtmodeltester: ModelTester
) -> None:
    page = _supervision(qtbot, window)
    page.state_box.setCurrentText("督办中")
    page.item_view.selectRow(0)
    qtmodeltester.check(page.acts)
    proposed: list[str] = []

    def fill(dialog: ActDialog) -> int:
        proposed.append(dialog.by.text())
        dialog.form_box.setCurrentText("督办单")
        dialog.content.setPlainText("限期十日内报送整改方案")
        dialog.by.setText("周督查")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ActDialog, "exec", fill)
    qtbot.mouseClick(page.add_act_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.add_act_button, Qt.MouseButton.LeftButton)
    assert proposed[1] == "周督查"  # the last 督办人 is proposed for the next act
    count = len(page.acts.rows)
    page.act_view.selectRow(count - 1)

    def correct(dialog: ActDialog) -> int:
        assert dialog.content.toPlainText() == "限期十日内报送整改方案"
        dialog.content.setPlainText("限期七日内报送整改方案")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ActDialog, "exec", correct)
    qtbot.mouseClick(page.edit_act_button, Qt.MouseButton.LeftButton)
    assert page.acts.rows[count - 1].content == "限期七日内报送整改方案"
    page.act_view.setFocus()
    undo(qtbot, window)
    assert page.acts.rows[count - 1].content == "限期十日内报送整改方案"
    assert (
        stored(window, lambda s: s.get_one(SupervisionAct, page.acts.rows[count - 1].id).content)
        == "限期十日内报送整改方案"
    )
    redo(qtbot, window)
    assert page.acts.rows[count - 1].content == "限期七日内报送整改方案"

    page.act_view.selectRow(count - 1)
    qtbot.mouseClick(page.delete_act_button, Qt.MouseButton.LeftButton)
    assert len(page.acts.rows) == count - 1
    undo(qtbot, window)
    assert len(page.acts.rows) == count
    assert page.acts.rows[count - 1].content == "限期七日内报送整改方案"
    redo(qtbot, window)
    assert len(page.acts.rows) == count - 1


def test_ending_keeps_the_same_supervision_selected(
    qtbot: QtBot, window: MainWindow, messages: MessageLog
) -> None:
    page = _supervision(qtbot, window)
    ongoing = [r for r in page.items.rows if r.ended_on is None]
    assert len(ongoing) >= 2
    page.item_view.selectRow(0)
    chosen = page.selected()
    assert chosen is not None
    qtbot.mouseClick(page.end_button, Qt.MouseButton.LeftButton)
    now = page.selected()
    assert now is not None and now.id == chosen.id and now.ended_on is not None
    assert not page.end_button.isEnabled()  # a second click cannot end another one
    page.item_view.setFocus()
    undo(qtbot, window)
    now = page.selected()
    assert now is not None and now.id == chosen.id and now.ended_on is None
    assert stored(window, lambda s: s.get_one(Supervision, chosen.id).ended_on) is None
    redo(qtbot, window)
    assert stored(window, lambda s: s.get_one(Supervision, chosen.id).ended_on) is not None
