"""问题台账 page: filters, the ledger table, the detail panel with timeline, and the actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.infra.changes import Change
from app.infra.errors import UserError
from app.problems.ledger import LedgerFilter
from db.enums import ProblemState
from ui.problems.action_panel import ProblemActionPanel
from ui.problems.commands import create_undoable, problem_from_dialog, take_undoable_step
from ui.problems.dialogs import CloseDialog, NewProblemDialog
from ui.problems.filter_bar import UNFINISHED, LedgerFilterBar
from ui.problems.ledger_model import LedgerModel, ledger_table
from ui.problems.ledger_text import (
    NO_PROJECTS_YET,
    NOTHING_SELECTED,
    counts_text,
    problem_detail_html,
)
from ui.problems.weekly_export import export_weekly_dispatch
from ui.settings.keys import OPERATOR, Settings
from ui.shell.bus import ChangeBus
from ui.shell.data_page import DataPage
from ui.shell.operation import Failed, Performer
from ui.shell.pages import PageSpec
from ui.shell.toolbar import add_button
from ui.widgets.form_dialog import to_date
from ui.widgets.page_header import page_header

if TYPE_CHECKING:
    from app.infra.database import Database


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
        self.table = ledger_table(self.model)
        splitter.addWidget(self.table)
        self.side = side = ProblemActionPanel()
        self.new_button, self.progress_button = side.new_button, side.progress_button
        self.solve_button, self.close_button = side.solve_button, side.close_button
        self.escalate_button, self.hold_button = side.escalate_button, side.hold_button
        self.supervise_button = side.supervise_button
        self.detail, self.progress_line = side.detail, side.progress_line
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 360])
        layout.addWidget(splitter, 1)
        self.filters.changed.connect(self._apply_filter)
        self.weekly_button.clicked.connect(self.export_weekly)
        self.table.selectionModel().selectionChanged.connect(self._on_select)
        self.progress_line.returnPressed.connect(self.add_progress)
        self.supervise_button.clicked.connect(self.supervise)
        for button, keys, slot in (
            (self.new_button, "Ctrl+N", lambda: self.new_problem()),
            (self.progress_button, "Ctrl+T", self.progress_line.setFocus),
            (self.solve_button, "Ctrl+D", self.solve),
            (self.close_button, "Ctrl+Shift+D", self.close_problem),
            (self.escalate_button, "Ctrl+U", self.escalate),
            (self.hold_button, "Ctrl+H", self.hold),
        ):
            button.clicked.connect(slot)
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.side.enable_for(None)

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
        self.counts.setText(counts_text(self.model.all_rows, len(self.model.rows), self.as_of))
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
            self.detail.setHtml(NOTHING_SELECTED)
            self.side.enable_for(None)
            return
        with self._database.reading() as session:
            detail = problem_detail(session, problem_id)
        if detail is None:
            return
        self.detail.setHtml(problem_detail_html(detail))
        self.side.enable_for(detail.state)

    # ----- actions -----------------------------------------------------------------------
    def _run(self, what: str, action: Callable[..., object], *args: object) -> bool:
        """One workflow step on the selected problem, undoable (撤销 keeps it in the history)."""
        problem_id = self.selected_id()
        if self._database is None or problem_id is None:
            return False
        row = self.model.rows[self.model.row_of(problem_id) or 0]
        label = row.description if len(row.description) <= 16 else row.description[:16] + "…"
        if not take_undoable_step(
            Performer(self, self._bus, self._database),
            problem_id,
            what,
            f"{what}「{label}」",
            lambda s: action(s, problem_id, *args),
            lambda: self._show_after_step(problem_id),
        ):
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
        if self._database is not None:
            export_weekly_dispatch(
                self, self._database, self._settings, self.campaign_id, self.as_of
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

        if self._database is None:
            return
        with self._database.reading() as session:
            projects, units = problem_choices(session, self.campaign_id)
            leads = project_lead_units(session, self.campaign_id)
        if not projects:  # a problem belongs to a project: say where projects come from
            QMessageBox.information(self, "新增问题", NO_PROJECTS_YET)
            return
        dialog = NewProblemDialog(projects, units, dt.date.today(), project_id, self, leads)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                new = problem_from_dialog(dialog)
                new_id = create_undoable(
                    Performer(self, self._bus, self._database), new, self._show_after_step
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
