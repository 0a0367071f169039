"""Every change a clerk makes in the window can be undone (Ctrl+Z) and redone (Ctrl+Y).

Each test edits through the page, presses Ctrl+Z where the clerk's focus is, checks the screen
and the database, presses Ctrl+Y and checks both again.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.enums import ProblemState
from db.models import (
    Campaign,
    Milestone,
    MonthlyReport,
    Problem,
    ProblemProgress,
    Project,
    ProjectList,
    Unit,
)
from tests.support.campaigns import the_campaign
from tests.ui.conftest import finished, type_text
from tests.ui.test_import_wizard import _forward as wizard_forward
from ui.exchange.import_wizard import ImportWizard
from ui.exchange.page import ExchangePage
from ui.problems.dialogs import NewProblemDialog
from ui.problems.page import ProblemsPage
from ui.projects.page import ProjectsPage
from ui.settings.page import SettingsPage
from ui.shell.main_window import MainWindow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exchange"


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key, shift: bool = False) -> None:
    """Ctrl+key where the clerk's keyboard focus is (the window's shortcut must win)."""
    # After a dialog closed, the clerk's keys go to the window again.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
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
    page.filters.state_box.setCurrentText("待办")
    page.table.selectRow(0)
    problem_id = page.selected_id()
    assert problem_id is not None
    page.progress_line.setFocus()
    type_text(qtbot, page.progress_line, "已约谈施工单位")
    qtbot.keyClick(page.progress_line, Qt.Key.Key_Return)
    page.filters.state_box.setCurrentIndex(0)
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
    page.filters.state_box.setCurrentText("办理中")
    page.table.selectRow(0)
    problem_id = page.selected_id()
    assert problem_id is not None
    page.filters.state_box.setCurrentIndex(0)
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
    page.filters.state_box.setCurrentText("办理中")
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


def _projects(qtbot: QtBot, window: MainWindow) -> ProjectsPage:
    qtbot.mouseClick(window.sidebar.button("projects"), Qt.MouseButton.LeftButton)
    page = window.pages["projects"]
    assert isinstance(page, ProjectsPage)
    qtbot.waitUntil(lambda: page.card_set is not None and page.card_set.complete)
    return page


def test_a_pasted_block_is_one_step(qtbot: QtBot, window: MainWindow) -> None:
    page = _projects(qtbot, window)
    page.tabs.setCurrentIndex(1)
    page.month_tab.mode_box.setCurrentIndex(0)  # 填本月完成
    page.month_tab.set_month(2022, 8)
    grid, model = page.month_tab.grid, page.month_tab.month_model
    ids = [r.project_id for r in model.rows[:2]]

    def figures() -> list[tuple[Decimal | None, str | None]]:
        return stored(
            window,
            lambda s: [
                s.execute(
                    select(MonthlyReport.investment_month, MonthlyReport.progress).where(
                        MonthlyReport.project_id == i,
                        MonthlyReport.year == 2022,
                        MonthlyReport.month == 8,
                    )
                ).one_or_none()
                for i in ids
            ],
        )

    def shown() -> list[str]:
        return [model.data(model.index(r, 3)) for r in range(2)]

    before, before_shown = figures(), shown()
    grid.setCurrentIndex(model.index(0, 3))
    QApplication.clipboard().setText("321\t\t主体施工\r\n654\t\t装修\r\n")
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    after = figures()
    assert [tuple(row) for row in after] == [
        (Decimal("321.00"), "主体施工"),
        (Decimal("654.00"), "装修"),
    ]
    assert shown() == ["321", "654"]
    assert window.undo_action.text() == "撤销 8月填报（4 个格子）"
    undo(qtbot, window)
    assert figures() == before and shown() == before_shown
    redo(qtbot, window)
    assert figures() == after and shown() == ["321", "654"]


def test_milestone_plan_save_is_one_step(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.schedule.milestone_editor import MilestoneEditorDialog
    from ui.wall_chart.page import ChartPage

    qtbot.mouseClick(window.sidebar.button("chart"), Qt.MouseButton.LeftButton)
    chart = window.pages["chart"]
    assert isinstance(chart, ChartPage)
    project_id = stored(window, lambda s: s.scalars(select(Milestone.project_id).limit(1)).one())

    def plan() -> list[tuple[int, str, int]]:
        return stored(
            window,
            lambda s: [
                (m.id, m.name, m.duration_days)
                for m in s.scalars(
                    select(Milestone)
                    .where(Milestone.project_id == project_id)
                    .order_by(Milestone.seq)
                )
            ],
        )

    def edit(editor: MilestoneEditorDialog) -> int:
        editor.plan.rows[0].duration += 7
        editor.table.setCurrentIndex(editor.model.index(len(editor.plan.rows) - 1, 1))
        editor.remove_row()
        editor.save()
        return QDialog.DialogCode.Accepted

    before = plan()
    monkeypatch.setattr(MilestoneEditorDialog, "exec", edit)
    chart.edit_milestones(project_id)
    after = plan()
    assert len(after) == len(before) - 1 and after[0][2] == before[0][2] + 7
    assert window.undo_action.text().startswith("撤销 保存节点计划「")
    chart.view.setFocus()
    undo(qtbot, window)
    assert plan() == before
    redo(qtbot, window)
    assert plan() == after


def test_unit_merge_and_new_unit_undone(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _projects(qtbot, window)
    page.tabs.setCurrentIndex(2)
    units = page.organisation.units
    drop = next(u for u in units.model.rows if u.name == "政务服务办")
    units.view.selectRow(units.model.rows.index(drop))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("发改局", True)))
    qtbot.mouseClick(units.merge_button, Qt.MouseButton.LeftButton)

    def unit_names() -> set[str]:
        return set(stored(window, lambda s: s.scalars(select(Unit.name)).all()))

    def led_by_drop() -> int:
        return len(
            stored(
                window,
                lambda s: s.scalars(
                    select(Project.id).where(Project.lead_unit_id == drop.id)
                ).all(),
            )
        )

    assert "政务服务办" not in unit_names() and led_by_drop() == 0
    units.view.setFocus()
    undo(qtbot, window)
    assert "政务服务办" in unit_names() and led_by_drop() == drop.projects
    assert "政务服务办" in [u.name for u in units.model.rows]
    redo(qtbot, window)
    assert "政务服务办" not in unit_names()
    assert "政务服务办" not in [u.name for u in units.model.rows]

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("应急局", True)))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("责任单位", True)))
    qtbot.mouseClick(units.add_button, Qt.MouseButton.LeftButton)
    assert "应急局" in unit_names()
    undo(qtbot, window)
    assert "应急局" not in unit_names() and "应急局" not in [u.name for u in units.model.rows]
    redo(qtbot, window)
    assert "应急局" in unit_names() and "应急局" in [u.name for u in units.model.rows]


def test_list_order_undone(qtbot: QtBot, window: MainWindow) -> None:
    page = _projects(qtbot, window)
    page.tabs.setCurrentIndex(3)
    lists = page.lists_panel
    names = [r.name for r in lists.model.rows]
    lists.view.selectRow(0)
    qtbot.mouseClick(lists.down_button, Qt.MouseButton.LeftButton)
    moved = [names[1], names[0], *names[2:]]
    assert [r.name for r in lists.model.rows] == moved
    lists.view.setFocus()
    undo(qtbot, window)
    assert [r.name for r in lists.model.rows] == names
    assert (
        stored(
            window, lambda s: s.scalars(select(ProjectList.name).order_by(ProjectList.number)).all()
        )[: len(names)]
        == names
    )
    redo(qtbot, window)
    assert [r.name for r in lists.model.rows] == moved


def _exchange(qtbot: QtBot, window: MainWindow) -> ExchangePage:
    qtbot.mouseClick(window.sidebar.button("exchange"), Qt.MouseButton.LeftButton)
    page = window.pages["exchange"]
    assert isinstance(page, ExchangePage)
    return page


def _count(window: MainWindow, model: type[Any]) -> int:
    return int(stored(window, lambda s: s.scalar(select(func.count()).select_from(model))))


def test_an_import_is_one_step(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, messages: Any
) -> None:
    from app.infra.database import open_database

    open_database(tmp_path / "新.db").close()  # an office's own file, before its first import
    assert window.actions_.open_location(str(tmp_path / "新.db"))
    page = _exchange(qtbot, window)
    before = _count(window, Project)
    wizard = page.open_import([FIXTURES / "city_list_basic.xlsx"])
    assert isinstance(wizard, ImportWizard)
    wizard_forward(qtbot, wizard)  # → columns
    wizard_forward(qtbot, wizard)  # → preview
    with qtbot.waitSignal(wizard.imported):
        wizard_forward(qtbot, wizard)  # 导入
    wizard_forward(qtbot, wizard)  # 完成
    imported = _count(window, Project)
    assert imported > before
    assert window.undo_action.text() == "撤销 导入「city_list_basic.xlsx」"
    page.batch_view.setFocus()
    undo(qtbot, window)
    assert _count(window, Project) == before
    assert "已撤销" in page.batches.data(page.batches.index(0, 6))
    redo(qtbot, window)
    assert _count(window, Project) == imported
    assert "已撤销" not in str(page.batches.data(page.batches.index(0, 6)))


def test_a_merge_of_returns_is_one_step(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    from app.exchange.fill_in import export_fill_in
    from ui.exchange.merge_dialog import MergeDialog

    page = _exchange(qtbot, window)
    assert window.database is not None
    with window.database.reading() as session:
        unit_id = session.scalars(select(Unit.id).where(Unit.name == "招商一局")).one()
    with window.database.sessions() as session:
        export_fill_in(session, the_campaign(session), unit_id, 2022, 8, tmp_path / "招商一局.xlsx")
    book = openpyxl.load_workbook(tmp_path / "招商一局.xlsx")
    book["填报"]["F4"] = 432.1
    book["填报"]["I5"] = "二次结构施工"
    book.save(tmp_path / "招商一局.xlsx")

    def august() -> list[tuple[Decimal | None, str | None]]:
        return stored(
            window,
            lambda s: s.execute(
                select(MonthlyReport.investment_month, MonthlyReport.progress)
                .where(MonthlyReport.year == 2022, MonthlyReport.month == 8)
                .order_by(MonthlyReport.id)
            ).all(),
        )

    before = august()
    finished(qtbot, page.merge_returns([tmp_path / "招商一局.xlsx"]))
    dialog = page.open_dialog
    assert isinstance(dialog, MergeDialog)
    with qtbot.waitSignal(dialog.accepted):
        dialog.accept()
    merged = august()
    assert merged != before and (Decimal("432.10"), None) not in before
    assert window.undo_action.text() == "撤销 回收合并 1 个填报表"
    page.batch_view.setFocus()
    undo(qtbot, window)
    assert august() == before
    redo(qtbot, window)
    assert august() == merged


def test_a_restore_from_the_recycle_bin_is_undone(qtbot: QtBot, window: MainWindow) -> None:
    page = _projects(qtbot, window)
    card = page.model.rows[2]
    page.select_project(card.id)
    page.delete_current()
    page.open_bin()
    bin_ = page.open_dialog
    qtbot.mouseClick(bin_.restore_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert page.model.row_of(card.id) is not None
    bin_.accept()
    page.wall.setFocus()
    undo(qtbot, window)
    assert page.model.row_of(card.id) is None  # back in the 回收站
    assert stored(window, lambda s: s.get_one(Project, card.id).deleted_at) is not None
    redo(qtbot, window)
    assert page.model.row_of(card.id) is not None


def test_closing_a_problem_is_undone_and_redone(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.problems.dialogs import CloseDialog

    page = _problems(qtbot, window)
    page.filters.state_box.setCurrentText("已解决")
    page.table.selectRow(0)
    problem_id = page.selected_id()
    assert problem_id is not None
    page.filters.state_box.setCurrentIndex(0)
    page.select(problem_id)

    def confirm(dialog: CloseDialog) -> int:
        dialog.confirmer.setText("李主任")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CloseDialog, "exec", confirm)
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)

    def closed() -> tuple[object, object]:
        return stored(
            window,
            lambda s: (lambda p: (p.state, p.closed_confirmed_by))(s.get_one(Problem, problem_id)),
        )

    assert closed() == (ProblemState.CLOSED, "李主任")
    page.table.setFocus()
    undo(qtbot, window)
    assert closed() == (ProblemState.SOLVED, None)
    assert page.close_button.isEnabled()  # the screen offers 销号 again
    redo(qtbot, window)
    assert closed() == (ProblemState.CLOSED, "李主任")
    assert not page.close_button.isEnabled()


def test_campaign_settings_undone_and_redone(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.mouseClick(window.sidebar.button("settings"), Qt.MouseButton.LeftButton)
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    page.tabs.setCurrentWidget(page.campaign)
    tab = page.campaign
    assert tab.fields is not None
    campaign_id = window.bus.campaign_id

    def stored_campaign() -> tuple[str | None, str]:
        return stored(
            window, lambda s: (lambda c: (c.office_name, c.name))(s.get_one(Campaign, campaign_id))
        )

    def office_shown() -> str | None:
        return tab.fields.office.text() if tab.fields is not None else None

    before = stored_campaign()
    tab.fields.office.clear()
    type_text(qtbot, tab.fields.office, "滨河区重点项目办")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert stored_campaign() == ("滨河区重点项目办", before[1])
    assert window.undo_action.text() == "撤销 修改攻坚行动"
    undo(qtbot, window)
    assert stored_campaign() == before
    qtbot.waitUntil(lambda: office_shown() == (before[0] or ""))
    redo(qtbot, window)
    assert stored_campaign() == ("滨河区重点项目办", before[1])
    qtbot.waitUntil(lambda: office_shown() == "滨河区重点项目办")
