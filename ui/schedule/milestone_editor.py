"""节点计划 dialog: edit a project's milestones as a table and watch the dates recompute."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.infra.errors import UserError
from app.schedule.milestone_plan import PlanRow
from db.enums import CalendarKind
from ui.schedule.plan_model import DURATION, MilestonePlanModel
from ui.shell.operation import Failed
from ui.shell.toolbar import add_button
from ui.widgets.form_dialog import add_ok_cancel, date_edit, to_date

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.schedule.milestone_snapshot import MilestoneSnapshot
    from ui.shell.operation import Performer


class _DurationDelegate(QStyledItemDelegate):
    """A spin box whose every step is committed, so dates move while the clerk adjusts."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:  # Qt's name
        """A spin box for days."""
        editor = QSpinBox(parent)
        editor.setRange(0, 3650)
        editor.valueChanged.connect(lambda _v: self.commitData.emit(editor))
        return editor

    def setEditorData(
        self, editor: QWidget, index: QModelIndex | QPersistentModelIndex
    ) -> None:  # Qt's name
        """Load the value without it counting as the clerk's change (no commit while loading)."""
        assert isinstance(editor, QSpinBox)
        editor.blockSignals(True)
        editor.setValue(int(index.data(Qt.ItemDataRole.EditRole) or 0))
        editor.blockSignals(False)


def _plan_table(model: MilestonePlanModel) -> QTableView:
    """The plan's table: any key starts an edit, the duration by a committing spin box."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.AnyKeyPressed
        | QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
    )
    table.setItemDelegateForColumn(DURATION, _DurationDelegate(table))
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column, width in enumerate([44, 170, 110, 90, 100, 100, 100, 64, 100, 100, 100, 80]):
        table.setColumnWidth(column, width)
    return table


class MilestoneEditorDialog(QDialog):
    """The milestones of one project, with keyboard entry and live dates."""

    saved = Signal()

    def __init__(
        self, perform: Performer, project_id: int, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        from app.schedule.milestone_plan import load_plan

        self._perform = perform
        self._today = today
        with perform.database.reading() as session:
            self.plan = load_plan(session, project_id, today)
            self.actuals_only = _clerk(session)
        # What each milestone's actual dates were when the dialog opened (for a 填报员's save).
        self._loaded = {
            row.milestone_id: (row.actual_start, row.actual_finish)
            for row in self.plan.rows
            if row.milestone_id is not None
        }
        self._dirty = False
        self.setWindowTitle(f"节点计划 - {self.plan.project_name}")
        self.resize(1180, 460)
        layout = QVBoxLayout(self)

        layout.addLayout(self._tools())
        if self.actuals_only:
            note = QLabel("您是填报员：只保存各节点的实际开始、实际完成日期，其他修改不会保存。")
            note.setObjectName("cardLabel")
            layout.addWidget(note)

        self.model = MilestonePlanModel(self.plan)
        self.table = _plan_table(self.model)
        layout.addWidget(self.table, 1)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b71c1c;")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        hint = QLabel(
            f"直接输入即可修改；日期写成 {today.year}-10-10；前置节点写序号，搭接天数写成 2+5。"
        )
        hint.setObjectName("cardLabel")
        layout.addWidget(hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.model.message_changed.connect(self._show_problem)
        self.model.dataChanged.connect(lambda *_: self._mark_dirty())
        for keys, slot in (
            ("Ctrl+S", self.save),
            ("Ctrl+Ins", self.add_row),
            ("Ctrl+Del", self.remove_row),
        ):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
        self._show_problem(self.plan.problem or "")

    def _tools(self) -> QHBoxLayout:
        """计数方式 and the buttons that change the milestones (disabled for a 填报员)."""
        tools = QHBoxLayout()
        tools.addWidget(QLabel("计数方式："))
        self.calendar_box = QComboBox()
        self.calendar_box.addItems([kind.value for kind in CalendarKind])
        self.calendar_box.setCurrentText(self.plan.calendar_kind.value)
        self.calendar_box.setToolTip("工作日：跳过周末和法定节假日，调休上班日计入")
        tools.addWidget(self.calendar_box)
        self.add_button = add_button(tools, "新增节点", "在所选节点之后插入（Ctrl+Insert）")
        self.remove_button = add_button(tools, "删除节点", "删除所选节点（Ctrl+Delete）")
        self.up_button = add_button(tools, "上移", "")
        self.down_button = add_button(tools, "下移", "")
        self.template_button = add_button(
            tools, "套用模板…", "用节点模板替换全部节点，最后一个节点按目标日期倒排"
        )
        tools.addStretch(1)
        self.calendar_box.currentTextChanged.connect(self._change_calendar)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.template_button.clicked.connect(self.choose_template)
        if self.actuals_only:
            for widget in (self.calendar_box, self.add_button, self.remove_button,
                           self.up_button, self.down_button, self.template_button):
                widget.setEnabled(False)  # fmt: skip
        return tools

    def _show_problem(self, text: str) -> None:
        notes = "；".join(self.plan.notes)
        self.message.setText(text or notes)

    def _mark_dirty(self) -> None:
        self._dirty = True

    def _current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else len(self.plan.rows) - 1

    def _change_calendar(self, text: str) -> None:
        self.plan.set_calendar(CalendarKind(text))
        self.model.reset()
        self._dirty = True

    def add_row(self) -> None:
        """Insert a milestone after the current one, following it."""
        after = self._current_row()
        row = PlanRow("新节点", 10, [(after + 1, 0)] if after >= 0 else [])
        self.plan.insert_row(after + 1, row)
        self.model.reset()
        self._dirty = True
        self.table.setCurrentIndex(self.model.index(after + 1, 1))
        self.table.edit(self.model.index(after + 1, 1))

    def remove_row(self) -> None:
        """Delete the current milestone (its links go with it)."""
        row = self._current_row()
        if not 0 <= row < len(self.plan.rows):
            return
        self.plan.remove_row(row)
        self.model.reset()
        self._dirty = True

    def _move(self, offset: int) -> None:
        row = self._current_row()
        self.plan.move_row(row, offset)
        self.model.reset()
        self._dirty = True
        target = min(max(row + offset, 0), len(self.plan.rows) - 1)
        self.table.setCurrentIndex(self.model.index(target, 1))

    def choose_template(self) -> None:
        """Replace the milestones by a template laid out backwards from a target date."""
        from app.schedule.templates import project_template, template_chains

        with self._perform.database.reading() as session:
            templates = template_chains(session)
            proposed = project_template(session, self.plan.project_id)
        self.template_dialog = dialog = QDialog(self)
        dialog.setWindowTitle("套用节点模板")
        form = QFormLayout(dialog)
        names = QComboBox()
        names.addItems(list(templates))
        if proposed in templates:
            names.setCurrentText(proposed)  # the template of the project's own list
        current = next((r.target for r in reversed(self.plan.rows) if r.target), None)
        target = date_edit(
            current or self._today + dt.timedelta(days=120), field="最后一个节点的目标日期"
        )
        message = QLabel()
        message.setStyleSheet("color: #b71c1c;")
        form.addRow("模板：", names)
        form.addRow("最后一个节点的目标日期：", target)
        form.addRow(message)
        add_ok_cancel(dialog, form)
        while dialog.exec() == QDialog.DialogCode.Accepted and templates:
            try:
                chosen = to_date(target)
            except UserError as exc:
                message.setText(exc.message)
                continue
            self.plan.use_template_steps(templates[names.currentText()], chosen)
            self.model.reset()
            self._dirty = True
            return

    def save(self) -> None:
        """Write everything; a refused plan keeps the dialog open with the reason."""
        from app.schedule.milestone_plan import save_plan
        from app.schedule.milestone_snapshot import restore_milestones, snapshot_milestones

        plan = self.plan
        if self.actuals_only:
            self._save_actuals()
            return

        def work(session: Session) -> tuple[MilestoneSnapshot, MilestoneSnapshot]:
            before = snapshot_milestones(session, plan.project_id)
            save_plan(session, plan)
            return before, snapshot_milestones(session, plan.project_id)

        # One undo step per save; undo and redo put the whole plan back, ids and all.
        saved = self._perform.undoable(
            work,
            what="保存节点计划",
            text=f"保存节点计划「{plan.project_name}」",
            undo=lambda both: lambda session: restore_milestones(session, both[0], both[1]),
            redo=lambda both: lambda session: restore_milestones(session, both[1], both[0]),
        )
        if isinstance(saved, Failed):
            return
        self._dirty = False
        self.saved.emit()
        self.accept()

    def _save_actuals(self) -> None:
        """A 填报员 (server mode) saves the actual dates only: what the server lets it write."""
        from app.schedule.milestone_edits import record_actuals

        entered = {r.milestone_id: (r.actual_start, r.actual_finish) for r in self.plan.rows}
        changes = {
            milestone_id: (seen, entered[milestone_id])
            for milestone_id, seen in self._loaded.items()
            if milestone_id in entered and entered[milestone_id] != seen
        }
        back = {key: (entered, seen) for key, (seen, entered) in changes.items()}
        saved = self._perform.undoable(
            lambda session: record_actuals(session, changes),
            what="填写节点实际日期",
            text=f"填写节点实际日期「{self.plan.project_name}」",
            undo=lambda _result: lambda session: record_actuals(session, back),
        )
        if isinstance(saved, Failed):
            return
        self._dirty = False
        self.saved.emit()
        self.accept()

    def reject(self) -> None:
        """Ask before throwing away unsaved changes."""
        if self._dirty:
            answer = QMessageBox.question(
                self, "放弃修改", "节点计划已修改但未保存，确定放弃这些修改吗？"
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()


def _clerk(session: Session) -> bool:
    """Whether the account behind `session` is a 填报员 (server mode): actual dates only."""
    from app.server.accounts import my_kind
    from db.enums import AccountKind

    return my_kind(session) is AccountKind.CLERK
