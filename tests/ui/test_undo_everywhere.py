"""Every change a clerk makes in the window can be undone (Ctrl+Z) and redone (Ctrl+Y).

Each test edits through the page, presses Ctrl+Z where the clerk's focus is, checks the screen
and the database, presses Ctrl+Y and checks both again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import ProblemState
from db.models import Problem, ProblemProgress
from tests.ui.conftest import type_text
from ui.problems.dialogs import NewProblemDialog
from ui.problems.page import ProblemsPage
from ui.shell.main_window import MainWindow


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key, shift: bool = False) -> None:
    """Ctrl+key where the clerk's keyboard focus is (the window's shortcut must win)."""
    window.activateWindow()
    qtbot.waitActive(window)
    target = QApplication.focusWidget() or window
    modifiers = Qt.KeyboardModifier.ControlModifier
    if shift:
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(target, key, modifiers)


def undo(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+Z."""
    press(qtbot, window, Qt.Key.Key_Z)


def redo(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+Y."""
    press(qtbot, window, Qt.Key.Key_Y)


def stored(window: MainWindow, read: Callable[[Session], Any]) -> Any:
    """A value read from the window's database."""
    assert window.database is not None
    with window.database.reading() as session:
        return read(session)


def _problems(qtbot: QtBot, window: MainWindow) -> ProblemsPage:
    qtbot.mouseClick(window.sidebar.button("problems"), Qt.MouseButton.LeftButton)
    page = window.pages["problems"]
    assert isinstance(page, ProblemsPage)
    return page


def test_problem_progress_undone_and_redone(qtbot: QtBot, window: MainWindow) -> None:
    page = _problems(qtbot, window)
    page.state_box.setCurrentText("待办")
    page.table.selectRow(0)
    problem_id = page.selected_id()
    assert problem_id is not None
    page.progress_line.setFocus()
    type_text(qtbot, page.progress_line, "已约谈施工单位")
    qtbot.keyClick(page.progress_line, Qt.Key.Key_Return)
    page.state_box.setCurrentIndex(0)
    page.select(problem_id)

    def state() -> ProblemState:
        return stored(window, lambda s: s.get_one(Problem, problem_id).state)

    def live_lines() -> list[str]:
        return stored(
            window,
            lambda s: s.scalars(
                select(ProblemProgress.text).where(
                    ProblemProgress.problem_id == problem_id,
                    ProblemProgress.withdrawn_at.is_(None),
                )
            ).all(),
        )

    assert state() is ProblemState.IN_HAND and "已约谈施工单位" in live_lines()
    assert window.undo_action.text().startswith("撤销 推进问题「")
    page.progress_line.setFocus()
    undo(qtbot, window)
    assert state() is ProblemState.OPEN and live_lines() == []
    assert page.model.rows[page.model.row_of(problem_id)].state is ProblemState.OPEN  # type: ignore[index]
    assert "已撤销" in page.detail.toPlainText()  # kept in the 办理过程, struck out
    redo(qtbot, window)
    assert state() is ProblemState.IN_HAND and live_lines() == ["已约谈施工单位"]
    assert page.model.rows[page.model.row_of(problem_id)].state is ProblemState.IN_HAND  # type: ignore[index]


@pytest.mark.parametrize("action", ["solve", "hold", "escalate"])
def test_problem_steps_undone_and_redone(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, action: str
) -> None:
    page = _problems(qtbot, window)
    page.state_box.setCurrentText("办理中")
    page.table.selectRow(0)
    problem_id = page.selected_id()
    assert problem_id is not None
    page.state_box.setCurrentIndex(0)
    page.select(problem_id)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("等待批复", True)))

    def fields() -> tuple[object, ...]:
        return stored(
            window,
            lambda s: (lambda p: (p.state, p.level, p.solved_on, p.hold_reason))(
                s.get_one(Problem, problem_id)
            ),
        )

    before = fields()
    getattr(page, action)()
    after = fields()
    assert after != before
    page.table.setFocus()
    undo(qtbot, window)
    assert fields() == before
    row = page.model.rows[page.model.row_of(problem_id)]  # type: ignore[index]
    assert (row.state, row.level) == before[:2]
    redo(qtbot, window)
    assert fields() == after


def test_new_problem_undone_and_redone(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _problems(qtbot, window)

    def fill(dialog: NewProblemDialog) -> int:
        dialog.project.setCurrentText("空港三期津北路西延线")
        dialog.description.setPlainText("施工许可证未办理")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewProblemDialog, "exec", fill)
    page.new_problem()
    problem_id = page.selected_id()
    assert problem_id is not None and page.model.rowCount() == 61
    page.table.setFocus()
    undo(qtbot, window)
    assert page.model.rowCount() == 60
    assert stored(window, lambda s: s.get(Problem, problem_id)) is None
    redo(qtbot, window)
    assert page.model.rowCount() == 61 and page.selected_id() == problem_id
    assert (
        stored(window, lambda s: s.get_one(Problem, problem_id).description) == "施工许可证未办理"
    )


def test_a_new_edit_clears_what_could_be_redone(qtbot: QtBot, window: MainWindow) -> None:
    page = _problems(qtbot, window)
    page.state_box.setCurrentText("办理中")
    page.table.selectRow(0)
    page.solve()
    page.table.setFocus()
    undo(qtbot, window)
    assert window.redo_action.isEnabled()
    page.table.selectRow(1)
    page.progress_line.setFocus()
    type_text(qtbot, page.progress_line, "继续推进")
    qtbot.keyClick(page.progress_line, Qt.Key.Key_Return)
    assert not window.redo_action.isEnabled()
    assert window.undo_action.text().startswith("撤销 推进问题")
