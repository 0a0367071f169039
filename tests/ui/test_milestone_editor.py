"""节点计划 editor: keyboard entry recomputes the dates at once; bad input is named; save writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.infra.database import Database
from db.models import Milestone, Project, ProjectList
from tests.ui.conftest import MessageLog
from ui.schedule.milestone_editor import MilestoneEditorDialog
from ui.schedule.plan_model import DURATION, PREDECESSORS, TARGET
from ui.shell.bus import ChangeBus
from ui.shell.operation import Performer

AS_OF = dt.date(2022, 8, 31)


def _editor(qtbot: QtBot, database: Database) -> MilestoneEditorDialog:
    with database.sessions() as session:
        project_id = session.scalars(
            select(Project.id).join(ProjectList).where(ProjectList.name == "力促开工项目").limit(1)
        ).one()
    editor = MilestoneEditorDialog(Performer(None, ChangeBus(), database), project_id, AS_OF)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def _type_into(
    qtbot: QtBot, editor: MilestoneEditorDialog, row: int, column: int, text: str
) -> None:
    table = editor.table
    table.setFocus()
    table.setCurrentIndex(editor.model.index(row, column))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    focused = editor.focusWidget()
    assert focused is not None
    if hasattr(focused, "selectAll"):
        focused.selectAll()
    qtbot.keyClicks(focused, text)
    # The delegate commits a line edit on Return in a queued call: wait for the model's answer.
    with qtbot.waitSignal(editor.model.message_changed, timeout=2000):
        qtbot.keyClick(focused, Qt.Key.Key_Return)


def test_model_passes_qt_model_tester(
    qtbot: QtBot, demo_database: Database, qtmodeltester: ModelTester
) -> None:
    editor = _editor(qtbot, demo_database)
    qtmodeltester.check(editor.model)


def test_typing_a_duration_moves_the_earlier_milestones_at_once(
    qtbot: QtBot, demo_database: Database
) -> None:
    editor = _editor(qtbot, demo_database)
    first = editor.plan.rows[0].timing
    assert first is not None and first.latest_start is not None
    old = editor.plan.rows[1].duration
    _type_into(qtbot, editor, 1, DURATION, str(old + 10))
    assert editor.plan.rows[1].duration == old + 10
    moved = editor.plan.rows[0].timing
    assert moved is not None and moved.latest_start == first.latest_start - dt.timedelta(days=10)
    shown = editor.model.index(0, 8).data()
    assert shown == f"{moved.latest_start:%Y-%m-%d}"


def test_bad_date_and_cycle_are_named_and_not_taken(qtbot: QtBot, demo_database: Database) -> None:
    editor = _editor(qtbot, demo_database)
    target_before = editor.plan.rows[-1].target
    _type_into(qtbot, editor, len(editor.plan.rows) - 1, TARGET, "2022-13-45")
    assert "目标日期「2022-13-45」无法识别" in editor.message.text()
    assert editor.plan.rows[-1].target == target_before
    _type_into(qtbot, editor, 0, PREDECESSORS, str(len(editor.plan.rows)))
    assert "循环依赖" in editor.message.text()
    assert editor.model.index(0, 8).data() == "—"


def test_save_writes_and_cancel_after_edits_asks(
    qtbot: QtBot, demo_database: Database, messages: MessageLog, demo_path: Path
) -> None:
    editor = _editor(qtbot, demo_database)
    last = len(editor.plan.rows) - 1
    _type_into(qtbot, editor, last, TARGET, "2022-12-31")
    milestone_id = editor.plan.rows[last].milestone_id
    with qtbot.waitSignal(editor.saved):
        qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    with demo_database.sessions() as session:
        stored = session.get(Milestone, milestone_id)
        assert stored is not None
        assert stored.target_date == stored.planned_finish == dt.date(2022, 12, 31)
    again = _editor(qtbot, demo_database)
    _type_into(qtbot, again, 0, 1, "ABC")
    messages.answer = messages.answer.No
    again.reject()
    assert "放弃修改" in messages.texts() and again.isVisible()
