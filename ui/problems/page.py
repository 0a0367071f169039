"""问题台账 page: filters, the ledger table, the detail panel with timeline, and the actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.infra.changes import Change
from app.infra.errors import UserError
from app.problems.ledger import LedgerFilter, state_counts
from app.values.date_format import compact_date, iso_date
from db.enums import ProblemState, ProblemType
from ui.problems.dialogs import CloseDialog, NewProblemDialog
from ui.problems.filter_bar import UNFINISHED, LedgerFilterBar
from ui.problems.ledger_model import LedgerModel
from ui.settings.keys import OPERATOR, Settings
from ui.shell.bus import ChangeBus
from ui.shell.crash import show_user_error
from ui.shell.data_page import DataPage
from ui.shell.operation import Failed, Performer
from ui.shell.pages import PageSpec
from ui.shell.toolbar import add_button
from ui.widgets.file_dialogs import save_file
from ui.widgets.form_dialog import add_ok_cancel, date_edit, to_date
from ui.widgets.page_header import page_header
from ui.widgets.saved_files import show_saved

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.infra.database import Database
    from app.problems.workflow import NewProblem
    from ui.shell.undo import Work


class ProblemsPage(DataPage):
    """The problem ledger."""

    watched = frozenset(
        {
            Change.PROBLEMS,
            Change.PROJECTS,
            Change.ORGANISATION,
            Change.SUPERVISION,
            Change.PREFERENCES,
        }
    )

    def __init__(
        self, spec: PageSpec, settings: Settings, bus: ChangeBus, parent: QWidget | None = None
    ) -> None:
        super().__init__(bus, parent)
        self.spec = spec
        self._settings = settings
        self.as_of = dt.date.today()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 10)
        layout.setSpacing(8)
        layout.addWidget(page_header(spec))

        self.filters = LedgerFilterBar()
        layout.addWidget(self.filters)
        self.weekly_button = add_button(
            self.filters.second_row, "导出周调度…", "某一周的新增、推进、销号、逾期问题（Excel）"
        )
        self.counts = QLabel()
        self.counts.setObjectName("cardLabel")
        layout.addWidget(self.counts)

        splitter = QSplitter()
        self.splitter = splitter
        self._split_done = False
        self.model = LedgerModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(6, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column, width in enumerate([52, 170, 70, 300, 90, 96, 88, 88, 64, 220]):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        splitter.addWidget(self.table)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 0, 0, 0)
        # Two rows of buttons, so the detail panel can stay narrow beside the table.
        first_row, second_row = QHBoxLayout(), QHBoxLayout()
        self.new_button = add_button(first_row, "新增", "新增问题（Ctrl+N）")
        self.progress_button = add_button(first_row, "推进", "写一条推进情况（Ctrl+T，回车保存）")
        self.solve_button = add_button(first_row, "解决", "标记为已解决（Ctrl+D）")
        self.close_button = add_button(first_row, "销号", "确认后销号（Ctrl+Shift+D）")
        self.escalate_button = add_button(second_row, "上报协调", "提请上一级协调（Ctrl+U）")
        self.hold_button = add_button(second_row, "暂缓", "暂缓办理，需说明原因（Ctrl+H）")
        self.supervise_button = add_button(second_row, "督办…", "列入督办台账")
        side_layout.addLayout(first_row)
        side_layout.addLayout(second_row)
        self.detail = QTextBrowser()
        side_layout.addWidget(self.detail, 1)
        self.progress_line = QLineEdit()
        self.progress_line.setPlaceholderText("推进情况：输入一行，回车保存")
        side_layout.addWidget(self.progress_line)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 360])
        layout.addWidget(splitter, 1)
        self.filters.changed.connect(self._apply_filter)
        self.weekly_button.clicked.connect(self.export_weekly)
        self.table.selectionModel().selectionChanged.connect(self._on_select)
        self.progress_line.returnPressed.connect(self.add_progress)
        self.new_button.clicked.connect(lambda: self.new_problem())
        self.progress_button.clicked.connect(self.progress_line.setFocus)
        self.solve_button.clicked.connect(self.solve)
        self.close_button.clicked.connect(self.close_problem)
        self.escalate_button.clicked.connect(self.escalate)
        self.hold_button.clicked.connect(self.hold)
        self.supervise_button.clicked.connect(self.supervise)
        for keys, slot in (
            ("Ctrl+N", lambda: self.new_problem()),
            ("Ctrl+T", self.progress_line.setFocus),
            ("Ctrl+D", self.solve),
            ("Ctrl+Shift+D", self.close_problem),
            ("Ctrl+U", self.escalate),
            ("Ctrl+H", self.hold),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._update_actions(None)

    # ----- data --------------------------------------------------------------------------
    def database_changed(self, database: Database | None) -> None:
        """Another database: nothing shown until it has been read."""
        self.model.set_rows([])

    def showEvent(self, event: QShowEvent) -> None:  # Qt's name
        """The first time, give the table 62 % of the width; then read what changed."""
        if not self._split_done:
            self._split_done = True
            width = self.splitter.width()
            self.splitter.setSizes([int(width * 0.62), width - int(width * 0.62)])
        super().showEvent(event)

    def reload(self) -> None:
        """Read every problem again; filters, sort and selection stay."""
        from app.problems.ledger import load_ledger
        from app.schedule.wall_chart import default_as_of

        if self._database is None:
            return
        selected = self.selected_id()
        with self._database.reading() as session:
            self.as_of = default_as_of(session, self.campaign_id, dt.date.today())
            rows = load_ledger(
                session,
                self.campaign_id,
                self.as_of,
                self._settings.warning_settings(),
                with_progress=False,
            )
        self.filters.offer(rows)
        self.model.set_rows(rows, self.current_filter())
        self._show_counts()
        if selected is not None:
            self.select(selected)
        # The 最新进展 column right after the rows have been painted (about 30–40 ms of the open).
        QTimer.singleShot(0, self.load_progress)

    def load_progress(self) -> None:
        """Fill the 最新进展 column."""
        from app.problems.ledger import latest_progress

        if self._database is None:
            return
        with self._database.reading() as session:
            self.model.set_progress(latest_progress(session))
        self._prepare_search(0)

    def _prepare_search(self, start: int, chunk: int = 2000) -> None:
        """Compute the rows' search keys a chunk per event-loop turn, before the clerk types.

        With nothing prepared, the first Latin keystroke over 20,000 rows took ~0.2 s.
        """
        from app.search.pinyin import prepare

        rows = self.model.all_rows[start : start + chunk]
        for row in rows:
            prepare((row.description, row.project, row.unit))
        if start + chunk < len(self.model.all_rows):
            QTimer.singleShot(0, self, lambda: self._prepare_search(start + chunk, chunk))

    def _apply_filter(self, *_args: object) -> None:
        self.model.set_filter(self.current_filter())
        self._show_counts()

    def _show_counts(self) -> None:
        counts = state_counts(self.model.all_rows)
        overdue = sum(1 for r in self.model.all_rows if r.overdue)
        self.counts.setText(
            "　".join(f"{state.value} {count}" for state, count in counts.items())
            + f"　｜　逾期 {overdue}"
            + f"　｜　显示 {len(self.model.rows)} / {len(self.model.all_rows)} 个问题"
            + f"（逾期按 {iso_date(self.as_of)} 计）"
        )
        self._on_select()

    def clear_filters(self) -> None:
        """Show every problem."""
        self.filters.clear()
        self._apply_filter()

    def current_filter(self) -> LedgerFilter:
        """The filter the controls show."""
        return self.filters.current()

    def show_unit_overdue(self, unit_id: int) -> None:
        """A unit's overdue problems (from the 今日待办 panel)."""
        self.clear_filters()
        self.filters.overdue_check.setChecked(True)
        self.filters.select_key(self.filters.unit_box, unit_id)

    def show_open(self, overdue_only: bool) -> None:
        """From a figure on 总览: the unfinished problems, or only the overdue ones."""
        self.clear_filters()
        self.filters.state_box.setCurrentIndex(self.filters.state_box.findText(UNFINISHED))
        self.filters.overdue_check.setChecked(overdue_only)

    def show_project(self, project_id: int) -> None:
        """From a project card or the chart: that project's problems."""
        self.clear_filters()
        self.filters.select_key(self.filters.project_box, project_id)

    # ----- selection and detail ----------------------------------------------------------
    def selected_id(self) -> int | None:
        """The problem selected in the table."""
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.rows):
            return None
        return self.model.rows[index.row()].id

    def select(self, problem_id: int) -> None:
        """Select a problem if it is shown."""
        row = self.model.row_of(problem_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _on_select(self, *_args: QItemSelection) -> None:
        from app.problems.ledger import problem_detail

        problem_id = self.selected_id()
        if problem_id is None or self._database is None:
            self.detail.setHtml("<p style='color:#52606d'>选中左侧的问题查看详情和办理过程。</p>")
            self._update_actions(None)
            return
        with self._database.reading() as session:
            detail = problem_detail(session, problem_id)
        if detail is None:
            return
        fields = "".join(
            f"<tr><td style='color:#52606d;padding-right:8px'>{k}</td><td>{v}</td></tr>"
            for k, v in detail.fields
        )
        events = "".join(
            f"<tr><td style='color:#52606d;padding-right:8px'>{iso_date(e.on)}</td>"
            + (
                f"<td style='color:#9aa5b1'><s><b>{e.kind}</b>　{e.text}</s>　{e.withdrawn}</td>"
                if e.withdrawn
                else f"<td><b>{e.kind}</b>　{e.text}"
                f"<span style='color:#9aa5b1'>　{e.operator}</span></td>"
            )
            + "</tr>"
            for e in detail.timeline
        )
        self.detail.setHtml(
            f"<h3>问题 {detail.id}</h3><table>{fields}</table>"
            f"<h4>办理过程</h4><table>{events}</table>"
        )
        self._update_actions(detail.state)

    def _update_actions(self, state: ProblemState | None) -> None:
        """Buttons as the workflow allows for the selected problem's state."""
        from app.problems.workflow import Action, allowed_actions

        allowed = allowed_actions(state)
        for widget, action in (
            (self.progress_button, Action.PROGRESS),
            (self.progress_line, Action.PROGRESS),
            (self.solve_button, Action.SOLVE),
            (self.close_button, Action.CLOSE),
            (self.escalate_button, Action.ESCALATE),
            (self.hold_button, Action.HOLD),
            (self.supervise_button, Action.SUPERVISE),
        ):
            widget.setEnabled(action in allowed)

    # ----- actions -----------------------------------------------------------------------
    def _run(self, what: str, action: Callable[..., object], *args: object) -> bool:
        """One workflow step on the selected problem, undoable (撤销 keeps it in the history)."""
        from app.problems.step_undo import reinstate_step, take_step, withdraw_step

        problem_id = self.selected_id()
        if self._database is None or problem_id is None:
            return False
        row = self.model.rows[self.model.row_of(problem_id) or 0]
        label = row.description if len(row.description) <= 16 else row.description[:16] + "…"
        done = Performer(self, self._bus, self._database).undoable(
            lambda session: take_step(session, problem_id, lambda s: action(s, problem_id, *args)),
            what=what,
            text=f"{what}「{label}」",
            undo=lambda step: lambda session: withdraw_step(session, step),
            redo=lambda step: lambda session: reinstate_step(session, step),
            after=lambda _result: self._show_after_step(problem_id),
        )
        if isinstance(done, Failed):
            return False
        self._show_after_step(problem_id)
        return True

    def _show_after_step(self, problem_id: int | None) -> None:
        """After a step, its undo or redo: the problem stays selected, its history shown."""
        if not self.isVisible():
            self.refresh()
        if problem_id is not None:
            self.select(problem_id)

    def add_progress(self) -> None:
        """推进: the line typed, dated today."""
        from app.problems.workflow import add_progress

        if self._run("推进问题", add_progress, self.progress_line.text(), dt.date.today()):
            # setText, not clear(): it also empties the line's own undo, so Ctrl+Z now takes
            # the 推进 back instead of bringing the typed text back into the line.
            self.progress_line.setText("")

    def solve(self) -> None:
        """解决."""
        from app.problems.workflow import move

        self._run("解决问题", move, ProblemState.SOLVED, dt.date.today(), "问题已解决")

    def close_problem(self) -> None:
        """销号, asking who confirmed it."""
        from app.problems.workflow import close

        dialog = CloseDialog(self._settings.get(OPERATOR), dt.date.today(), self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                on = to_date(dialog.on)
            except UserError as exc:
                dialog.message.setText(exc.message)  # stays open with what was typed
                continue
            self._run("问题销号", close, dialog.confirmer.text(), on)
            return

    def escalate(self) -> None:
        """上报协调 one level, asking why."""
        from app.problems.workflow import escalate

        reason, ok = QInputDialog.getText(self, "上报协调", "提请上一级协调的原因：")
        if ok:
            self._run("上报协调", escalate, reason, dt.date.today())

    def hold(self) -> None:
        """暂缓, asking why."""
        from app.problems.workflow import move

        reason, ok = QInputDialog.getText(self, "暂缓", "暂缓的原因：")
        if ok:
            self._run("暂缓问题", move, ProblemState.ON_HOLD, dt.date.today(), reason)

    def export_weekly(self) -> None:
        """周调度表 of a chosen week, to an .xlsx file."""

        from PySide6.QtWidgets import QFormLayout

        from app.problems.weekly_dispatch import week_of, weekly_dispatch
        from app.problems.weekly_sheet import write_weekly_sheet

        if self._database is None:
            return
        dialog = QDialog(self)
        dialog.setWindowTitle("导出周调度表")
        form = QFormLayout(dialog)
        day = date_edit(self.as_of, field="该周中的任一天")
        form.addRow("该周中的任一天：", day)
        add_ok_cancel(dialog, form)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            monday, _sunday = week_of(to_date(day))
        except UserError as exc:
            show_user_error(self, exc, "无法导出")
            return
        path = save_file(
            self,
            self._settings,
            "导出周调度表",
            f"周调度-{compact_date(monday)}.xlsx",
            "Excel 表格 (*.xlsx)",
            suffix=".xlsx",
        )
        if path is None:
            return
        try:
            with self._database.reading() as session:
                dispatch = weekly_dispatch(session, self.campaign_id, monday)
            write_weekly_sheet(dispatch, path)
        except UserError as exc:
            show_user_error(self, exc, "无法导出")
            return
        show_saved(
            self,
            "已导出",
            f"周调度表已导出：\n{path}\n新增 {len(dispatch.new)}，推进 {len(dispatch.pushed)}，"
            f"销号 {len(dispatch.closed)}，逾期 {len(dispatch.overdue)}。",
            path,
        )

    def supervise(self) -> None:
        """Put the selected problem under supervision (督办台账)."""
        from ui.problems.supervision_actions import start_supervision

        problem_id = self.selected_id()
        if self._database is not None and problem_id is not None:
            start_supervision(self, self._database, self._bus, problem_id=problem_id)

    def new_problem(self, project_id: int | None = None) -> None:
        """新增问题 (with the project filled in when it comes from a project)."""
        from app.problems.ledger import problem_choices, project_lead_units
        from app.problems.step_undo import ProblemCopy, remove_new_problem, restore_problem
        from app.problems.workflow import NewProblem, create_problem

        if self._database is None:
            return
        with self._database.reading() as session:
            projects, units = problem_choices(session, self.campaign_id)
            leads = project_lead_units(session, self.campaign_id)
        dialog = NewProblemDialog(projects, units, dt.date.today(), project_id, self, leads)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            chosen = dialog.project_id()
            try:
                if chosen is None:
                    raise UserError(
                        f"没有名为「{dialog.project.currentText()}」的项目，请从列表中选择。"
                    )
                new = NewProblem(
                    chosen,
                    ProblemType(dialog.type.currentText()),
                    dialog.description.toPlainText(),
                    to_date(dialog.raised_on),
                    dialog.deadline.date(),
                    None,
                    dialog.measures.text() or None,
                    lead_unit_name=dialog.unit_name(),
                )

                def work(session: Session, new: NewProblem = new) -> int:
                    return create_problem(session, new).id

                copies: list[ProblemCopy] = []

                def undo(problem_id: int, copies: list[ProblemCopy] = copies) -> Work:
                    return lambda session: copies.append(remove_new_problem(session, problem_id))

                def redo(_id: int, copies: list[ProblemCopy] = copies) -> Work:
                    return lambda session: restore_problem(session, copies.pop()).id

                new_id = Performer(self, self._bus, self._database).undoable(
                    work,
                    what="新增问题",
                    text=f"新增问题「{new.description.strip()[:16]}」",
                    undo=undo,
                    redo=redo,
                    after=lambda result: self._show_after_step(
                        result if isinstance(result, int) else None
                    ),
                    raising=(UserError,),
                )
            except UserError as exc:
                dialog.message.setText(exc.message)  # the dialog stays open with what was typed
                continue
            if isinstance(new_id, Failed):
                return
            if not self.isVisible():
                self.reload()
            self.clear_filters()
            self.select(new_id)
            return
