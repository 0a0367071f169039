"""设置 → 节点模板: the templates and their steps (name, kind, duration), edited and saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.infra.errors import UserError
from app.schedule.template_rows import StepRow
from app.values.date_text import parse_days
from ui.shell.bus import ChangeBus
from ui.shell.operation import Failed, Performer, perform
from ui.widgets.rows_model import Column, RowsModel

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.infra.database import Database


def _take_name(row: StepRow, text: str) -> None:
    row.name = text


def _take_kind(row: StepRow, text: str) -> None:
    row.kind = text or None


def _take_duration(row: StepRow, text: str) -> None:
    row.duration = parse_days(text)


class TemplatesTab(QWidget):
    """Templates on the left, the chosen one's steps on the right."""

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self._database: Database | None = None
        self._template_ids: list[int] = []
        layout = QHBoxLayout(self)
        layout.addLayout(self._templates_column())
        layout.addLayout(self._steps_column(), 1)

        self.template_view.selectionModel().currentRowChanged.connect(lambda *_: self._show_steps())
        self.steps.message_changed.connect(self.message.setText)
        self.new_button.clicked.connect(self.new_template)
        self.delete_template_button.clicked.connect(self.delete_template)
        self.add_step_button.clicked.connect(self.add_step)
        self.remove_step_button.clicked.connect(self.remove_step)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.save_button.clicked.connect(self.save)

    def _templates_column(self) -> QVBoxLayout:
        """The templates, with 新建模板 and 删除模板 below."""
        left = QVBoxLayout()
        self.templates: RowsModel[tuple[int, str]] = RowsModel([Column("模板", lambda t: t[1])])
        self.template_view = QTableView()
        self.template_view.setModel(self.templates)
        self.template_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.template_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.template_view.verticalHeader().setVisible(False)
        self.template_view.horizontalHeader().setStretchLastSection(True)
        self.template_view.setMaximumWidth(240)
        left.addWidget(self.template_view, 1)
        buttons = QHBoxLayout()
        self.new_button = QPushButton("新建模板…")
        self.delete_template_button = QPushButton("删除模板")
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_template_button)
        left.addLayout(buttons)
        return left

    def _steps_column(self) -> QVBoxLayout:
        """The chosen template's steps, editable in place, with their buttons below."""
        right = QVBoxLayout()
        self.steps: RowsModel[StepRow] = RowsModel(
            [
                Column("序号", lambda s: "", centred=True),
                Column("节点名称", lambda s: s.name, _take_name),
                Column("类别", lambda s: s.kind or "", _take_kind),
                Column("工期（天）", lambda s: s.duration, _take_duration, centred=True),
            ]
        )
        self.steps.columns[0] = Column("序号", lambda s: self.steps.rows.index(s) + 1, centred=True)
        self.step_view = QTableView()
        self.step_view.setModel(self.steps)
        self.step_view.verticalHeader().setVisible(False)
        self.step_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.step_view.setColumnWidth(0, 48)
        right.addWidget(self.step_view, 1)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b71c1c;")
        right.addWidget(self.message)
        step_buttons = QHBoxLayout()
        self.add_step_button = QPushButton("新增节点")
        self.remove_step_button = QPushButton("删除节点")
        self.up_button = QPushButton("上移")
        self.down_button = QPushButton("下移")
        self.save_button = QPushButton("保存模板")
        for button in (
            self.add_step_button,
            self.remove_step_button,
            self.up_button,
            self.down_button,
        ):
            step_buttons.addWidget(button)
        step_buttons.addStretch(1)
        step_buttons.addWidget(self.save_button)
        right.addLayout(step_buttons)
        return right

    def set_database(self, database: Database | None) -> None:
        """Show the templates of `database`."""
        self._database = database
        self.refresh()

    def refresh(self, select: int | None = None) -> None:
        """Reload the template list and select one (the first by default)."""
        from app.schedule.template_edits import templates

        if self._database is None:
            return
        with self._database.reading() as session:
            rows = templates(session)
        self.templates.set_rows(rows)
        ids = [i for i, _ in rows]
        row = ids.index(select) if select in ids else 0
        if rows:
            self.template_view.selectRow(row)
        self._show_steps()

    def current_template(self) -> int | None:
        """Id of the selected template."""
        index = self.template_view.currentIndex()
        rows = self.templates.rows
        return rows[index.row()][0] if index.isValid() and index.row() < len(rows) else None

    def _show_steps(self) -> None:
        from app.schedule.template_edits import steps_of

        template_id = self.current_template()
        if self._database is None or template_id is None:
            self.steps.set_rows([])
            return
        with self._database.reading() as session:
            self.steps.set_rows(steps_of(session, template_id))
        self.message.clear()

    def add_step(self) -> None:
        """Insert a step after the current one."""
        index = self.step_view.currentIndex()
        position = index.row() + 1 if index.isValid() else len(self.steps.rows)
        rows = list(self.steps.rows)
        rows.insert(position, StepRow("新节点", 10))
        self.steps.set_rows(rows)
        self.step_view.setCurrentIndex(self.steps.index(position, 1))

    def remove_step(self) -> None:
        """Remove the current step."""
        index = self.step_view.currentIndex()
        if index.isValid():
            rows = list(self.steps.rows)
            del rows[index.row()]
            self.steps.set_rows(rows)

    def _move(self, offset: int) -> None:
        index = self.step_view.currentIndex()
        if not index.isValid():
            return
        row, other = index.row(), index.row() + offset
        if 0 <= other < len(self.steps.rows):
            rows = list(self.steps.rows)
            rows[row], rows[other] = rows[other], rows[row]
            self.steps.set_rows(rows)
            self.step_view.setCurrentIndex(self.steps.index(other, index.column()))

    def save(self) -> None:
        """Store the steps shown (undoable: Ctrl+Z puts the steps as they were back)."""
        from app.schedule.template_edits import save_steps, steps_of

        template_id = self.current_template()
        if self._database is None or template_id is None:
            return
        steps = list(self.steps.rows)

        def work(session: Session) -> list[StepRow]:
            before = steps_of(session, template_id)
            save_steps(session, template_id, steps)
            return before

        try:
            Performer(self, self._bus, self._database).undoable(
                work,
                what="保存节点模板",
                undo=lambda before: lambda session: save_steps(session, template_id, before),
                redo=lambda _before: lambda session: save_steps(session, template_id, steps),
                after=lambda _result: self.refresh(template_id),
                raising=(UserError,),
            )
        except UserError as exc:
            self.message.setText(exc.message)
            return
        self.message.setText("")
        QMessageBox.information(
            self, "已保存", "模板已保存。以后套用这个模板的项目将使用新的节点。"
        )

    def new_template(self) -> None:
        """Ask for a name and add a template."""
        from app.schedule.template_edits import add_template

        if self._database is None:
            return
        name, ok = QInputDialog.getText(self, "新建节点模板", "模板名称：")
        if not ok:
            return
        new_id = perform(
            self,
            self._bus,
            self._database,
            lambda session: add_template(session, name),
            what="新建节点模板",
        )
        if not isinstance(new_id, Failed):
            self.refresh(new_id)

    def delete_template(self) -> None:
        """Delete the selected template after confirming."""
        from app.schedule.template_edits import delete_template

        template_id = self.current_template()
        if self._database is None or template_id is None:
            return
        name = self.templates.rows[self.template_view.currentIndex().row()][1]
        answer = QMessageBox.question(
            self, "删除模板", f"确定删除模板「{name}」吗？已经套用过它的项目不受影响。"
        )
        if answer == QMessageBox.StandardButton.Yes:
            perform(
                self,
                self._bus,
                self._database,
                lambda session: delete_template(session, template_id),
                what="删除节点模板",
            )
            self.refresh()
