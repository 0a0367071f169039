"""项目卡片 page: the card wall or the table of the filtered projects, the editor, the month grid,
units and people, and the lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.infra.changes import Change
from app.infra.errors import UserError
from app.projects.cards import CardSet
from app.projects.filter import ProjectFilter
from app.reports.monthly_reports import CellEntry, EntryMode, MonthRow
from app.values.amount_text import amount_text
from ui.projects.card_wall import CardWall
from ui.projects.cards_model import ProjectsModel
from ui.projects.filter_bar import ProjectFilterBar
from ui.projects.organisation_tabs import ListsPanel, OrganisationTab
from ui.projects.project_table import DEFAULT_HIDDEN, ProjectTable
from ui.reports.month_grid import MonthGridView, MonthModel
from ui.settings.keys import HIDDEN_COLUMNS, PROJECT_VIEW, REPORT_ENTRY_MODE, Settings
from ui.shell.bus import ChangeBus
from ui.shell.data_page import DataPage
from ui.shell.operation import Failed, Performer
from ui.shell.pages import PageSpec
from ui.shell.toolbar import add_button
from ui.widgets.month_picker import MonthPicker
from ui.widgets.page_header import page_header

if TYPE_CHECKING:
    from app.infra.database import Database
    from app.projects.form import FormValues
    from ui.projects.editor_dialog import ProjectEditor

CARDS, TABLE = "cards", "table"
_MODES = {"month": EntryMode.MONTH, "cumulative": EntryMode.CUMULATIVE}


class ProjectsPage(DataPage):
    """Find a project, see where it stands, correct it; enter each month's figures."""

    status_loaded = Signal()  # the cards have their colours (the second step of a load)

    watched = frozenset(
        {
            Change.CAMPAIGN,
            Change.PROJECTS,
            Change.MILESTONES,
            Change.PROBLEMS,
            Change.REPORTS,
            Change.ORGANISATION,
            Change.PREFERENCES,
        }
    )

    def __init__(
        self,
        spec: PageSpec,
        settings: Settings,
        bus: ChangeBus,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(bus, parent)
        self.spec = spec
        self._settings = settings
        self._undo = undo_stack
        self.card_set: CardSet | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 10)
        layout.setSpacing(6)
        layout.addWidget(page_header(spec))
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._projects_tab(), "项目")
        self.tabs.addTab(self._month_tab(), "月度填报")
        self.organisation = OrganisationTab()
        self.tabs.addTab(self.organisation, "单位与人员")
        self.lists_panel = ListsPanel()
        self.tabs.addTab(self.lists_panel, "项目清单")
        self.tabs.currentChanged.connect(lambda _i: self._load_tab())
        for keys, slot in (
            ("Ctrl+N", self.new_project),
            ("Ctrl+F", self.filter_bar.search.setFocus),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # ----- the 项目 tab ---------------------------------------------------------------------
    def _projects_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(6)
        actions = QHBoxLayout()
        self.cards_button = QPushButton("卡片墙")
        self.table_button = QPushButton("表格")
        self.view_group = QButtonGroup(self)
        for button in (self.cards_button, self.table_button):
            button.setCheckable(True)
            self.view_group.addButton(button)
            actions.addWidget(button)
        actions.addSpacing(16)
        self.new_button = add_button(actions, "新建项目", "新建项目（Ctrl+N）")
        self.edit_button = add_button(actions, "编辑", "编辑选中的项目（回车或双击）")
        self.detail_button = add_button(actions, "详情", "节点、问题、月度投资和修改记录（空格）")
        self.delete_button = add_button(actions, "删除", "删除选中的项目（Delete），可在回收站恢复")
        self.bin_button = add_button(actions, "回收站…")
        actions.addStretch(1)
        layout.addLayout(actions)
        self.filter_bar = ProjectFilterBar(self._settings, full=True)
        layout.addWidget(self.filter_bar)

        self.model = ProjectsModel()
        self.wall = CardWall()
        self.wall.setModel(self.model)
        self.table = ProjectTable(self.model)
        self.table.set_hidden(self._settings.get(HIDDEN_COLUMNS) or list(DEFAULT_HIDDEN))
        self.table.hidden_changed.connect(lambda keys: self._settings.set(HIDDEN_COLUMNS, keys))
        # One selection for both views, so switching keeps the chosen project.
        self.table.view.setSelectionModel(self.wall.selectionModel())
        self.table.view.frozen.setSelectionModel(self.wall.selectionModel())
        self.views = QStackedWidget()
        self.views.addWidget(self.wall)
        self.views.addWidget(self.table)
        layout.addWidget(self.views, 1)
        summary = QHBoxLayout()
        # The count and the pinned-projects chip move from the crowded filter bar to the summary
        # line under the projects, where the chip's text is never squeezed.
        summary.addWidget(self.filter_bar.count_label)
        summary.addWidget(self.filter_bar.pinned_button)
        summary.addStretch(1)
        self.amounts_label = QLabel()
        self.amounts_label.setObjectName("cardLabel")
        summary.addWidget(self.amounts_label)
        layout.addLayout(summary)
        self.model.modelReset.connect(self._after_reset)

        self.cards_button.clicked.connect(lambda: self.set_view(CARDS))
        self.table_button.clicked.connect(lambda: self.set_view(TABLE))
        self.filter_bar.filter_changed.connect(self._apply_filter)
        self.new_button.clicked.connect(self.new_project)
        self.edit_button.clicked.connect(self.edit_current)
        self.detail_button.clicked.connect(self.show_detail)
        self.delete_button.clicked.connect(self.delete_current)
        self.bin_button.clicked.connect(self.open_bin)
        for view in (self.wall, self.table.view):
            view.doubleClicked.connect(lambda _i: self.edit_current())
            view.installEventFilter(self)
        self.wall.selectionModel().currentChanged.connect(lambda *_: self._update_actions())
        self.set_view(self._settings.get(PROJECT_VIEW))
        return tab

    def eventFilter(self, watched: object, event: object) -> bool:  # Qt's name
        """Enter edits, Space shows the detail, Delete deletes — in either view."""
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QKeyEvent

        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.edit_current()
                return True
            if event.key() == Qt.Key.Key_Delete:
                self.delete_current()
                return True
            if event.key() == Qt.Key.Key_Space:
                self.show_detail()
                return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def set_view(self, view: str) -> None:
        """卡片墙 or 表格, remembered."""
        view = TABLE if view == TABLE else CARDS
        self.views.setCurrentWidget(self.table if view == TABLE else self.wall)
        (self.table_button if view == TABLE else self.cards_button).setChecked(True)
        self._settings.set(PROJECT_VIEW, view)
        current = self.current_view()
        current.setFocus()
        if current.currentIndex().isValid():
            current.scrollTo(current.currentIndex())

    def current_view(self) -> QAbstractItemView:
        """The list view or table view on show."""
        return self.table.view if self.views.currentWidget() is self.table else self.wall

    def _apply_filter(self, project_filter: ProjectFilter) -> None:
        chosen = self.current_project()
        self.model.set_filter(project_filter)
        self.select_project(chosen)

    def _after_reset(self) -> None:
        self.table.show_totals()
        if self.card_set is not None:
            self.filter_bar.show_count(len(self.model.rows), len(self.model.all_cards))
            sums = self.model.totals()
            self.amounts_label.setText(
                f"所示项目合计（金额单位：万元）：总投资 {amount_text(sums['total']) or 0}　"
                f"年度计划 {amount_text(sums['plan']) or 0}　"
                f"今年累计完成 {amount_text(sums['ytd']) or 0}"
            )
        self._update_actions()

    def _update_actions(self) -> None:
        chosen = self.current_project() is not None
        for button in (self.edit_button, self.detail_button, self.delete_button):
            button.setEnabled(chosen)
        self.new_button.setEnabled(self._database is not None)

    def current_project(self) -> int | None:
        """Id of the selected project."""
        index = self.wall.selectionModel().currentIndex()
        if not index.isValid() or index.row() >= len(self.model.rows):
            return None
        return self.model.rows[index.row()].id

    def select_project(self, project_id: int | None) -> bool:
        """Select a project if it is shown."""
        row = self.model.row_of(project_id) if project_id is not None else None
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.wall.selectionModel().setCurrentIndex(
            index,
            self.wall.selectionModel().SelectionFlag.ClearAndSelect
            | self.wall.selectionModel().SelectionFlag.Rows,
        )
        self.current_view().scrollTo(index)
        return True

    def show_project(self, project_id: int) -> None:
        """Bring a project into view, clearing the filters if they hide it."""
        self.tabs.setCurrentIndex(0)
        if not self.select_project(project_id):
            self.filter_bar.clear()
            self.select_project(project_id)

    # ----- data ----------------------------------------------------------------------------
    def show_projects(self, what: str, project_ids: frozenset[int] | None) -> None:
        """From a figure on 总览: exactly its projects (or all), on the 项目 tab."""
        self.tabs.setCurrentIndex(0)
        self.filter_bar.pin(what, project_ids)

    def database_changed(self, database: Database | None) -> None:
        """Another database: forget what was shown."""
        self.card_set = None
        self.model.set_cards([], self._settings.warning_settings().naming, ProjectFilter())
        self.organisation.set_performer(None)
        self.lists_panel.perform = None

    def performer(self) -> Performer:
        """Operations on the open database from this page."""
        assert self._database is not None
        return Performer(self, self._bus, self._database)

    def reload(self) -> None:
        """Read what the current tab shows; the cards when their tab is next shown."""
        self._cards_stale = True
        self._load_tab()

    def _load_cards(self) -> None:
        """Read the projects and show them; their colours follow after the paint (two steps)."""
        from app.projects.cards import read_cards
        from app.projects.edits import campaign_lists
        from app.schedule.wall_chart import default_as_of

        if self._database is None:
            return
        warnings = self._settings.warning_settings()
        chosen = self.current_project()
        self._cards_stale = False
        with self._database.reading() as session:
            as_of = default_as_of(session, self.campaign_id, dt.date.today())
            self.card_set = read_cards(session, self.campaign_id, as_of)
            lists = {
                name.split(" ", 1)[1]: i for i, name in campaign_lists(session, self.campaign_id)
            }
        cards = self.card_set.cards
        self.filter_bar.offer(
            lists, ((c.unit, c.leader, c.filter_fields) for c in cards), warnings.naming
        )
        self.wall.card_delegate.elapsed = self.card_set.elapsed
        self.wall.card_delegate.naming = warnings.naming
        self.wall.card_delegate.complete = False
        self.model.set_cards(cards, warnings.naming, self.filter_bar.current())
        if not self.select_project(chosen) and self.model.rows:
            self.wall.selectionModel().setCurrentIndex(
                self.model.index(0, 0), self.wall.selectionModel().SelectionFlag.NoUpdate
            )
        # Milestone colours, problems and reports: after this paint, not before it.
        QTimer.singleShot(0, lambda card_set=self.card_set: self._load_status(card_set))

    def _load_status(self, card_set: CardSet) -> None:
        from app.projects.cards import apply_status, read_status

        if self._database is None or card_set is not self.card_set:
            return  # another load has begun since
        warnings = self._settings.warning_settings()
        with self._database.reading() as session:
            status = read_status(session, card_set.as_of, warnings)
        apply_status(card_set, status, warnings)
        chosen = self.current_project()
        self.wall.card_delegate.complete = True
        self.model.set_cards(card_set.cards, warnings.naming, self.filter_bar.current())
        self.select_project(chosen)
        self.status_loaded.emit()

    def _load_tab(self) -> None:
        if self._database is None:
            return
        current = self.tabs.currentWidget()
        if current is self.tabs.widget(0):
            if self._cards_stale:
                self._load_cards()
        elif current is self.month_tab:
            self.load_month()
        elif current is self.organisation:
            self.organisation.set_performer(self.performer())
        elif current is self.lists_panel:
            self.lists_panel.perform = self.performer()
            self.lists_panel.reload()

    # ----- project edits -------------------------------------------------------------------
    def _after_command(self, project_id: int) -> None:
        """After an edit, its undo or redo (the page has reloaded on the change): select it."""
        self.select_project(project_id)

    def _editor(
        self, title: str, values: FormValues, save: Callable[[FormValues], None]
    ) -> ProjectEditor:
        from app.campaign.choice import campaign_row
        from app.projects.edits import campaign_lists, known_names
        from ui.projects.editor_dialog import ProjectEditor

        assert self._database is not None
        with self._database.reading() as session:
            lists = campaign_lists(session, self.campaign_id)
            units, people = known_names(session)
            campaign = campaign_row(session, self.campaign_id)
        year = campaign.start.year if campaign is not None else None
        editor = ProjectEditor(title, lists, units, people, values, save, self, year=year)
        editor.open_existing.connect(self.show_project)
        return editor

    def new_project(self) -> ProjectEditor | None:
        """新建项目 (Ctrl+N): the editor, then the new card selected."""
        from app.projects.edits import create_project, default_list_id
        from app.projects.form import FormErrors
        from db.enums import CalendarKind, Stage
        from ui.projects.commands import create_project_command

        if self._database is None:
            return None
        perform = self.performer()
        with self._database.reading() as session:
            defaults: FormValues = {
                "list_id": default_list_id(session, self.campaign_id),
                "stage": Stage.PREPARATION,
                "calendar": CalendarKind.CALENDAR,
            }

        def save(values: FormValues) -> None:
            project_id = perform(
                lambda session: create_project(session, values),
                what="新建项目",
                raising=(FormErrors,),
            )
            if isinstance(project_id, Failed):
                raise FormErrors({})
            self._undo.push(
                create_project_command(perform, project_id, values, self._after_command)
            )
            self._after_command(project_id)

        editor = self._editor("新建项目", defaults, save)
        self._open(editor)
        return editor

    def edit_current(self) -> ProjectEditor | None:
        """编辑 the selected project."""
        from app.projects.edits import read_form, update_project
        from app.projects.form import FormErrors
        from ui.projects.commands import edit_project_command

        project_id = self.current_project()
        if self._database is None or project_id is None:
            return None
        perform = self.performer()
        with self._database.reading() as session:
            values = read_form(session, project_id)

        def save(new: FormValues) -> None:
            before = perform(
                lambda session: update_project(session, project_id, new),
                what="修改项目",
                raising=(FormErrors,),
            )
            if isinstance(before, Failed):
                raise FormErrors({})
            self._undo.push(
                edit_project_command(perform, project_id, before, new, self._after_command)
            )
            self._after_command(project_id)

        editor = self._editor(f"编辑项目 - {values['name']}", values, save)
        self._open(editor)
        return editor

    def _open(self, dialog: QDialog) -> None:
        """Show a dialog without blocking (tests drive it; the clerk sees it as modal)."""
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.open_dialog = dialog

    def delete_current(self) -> None:
        """删除 the selected project, after confirmation; undo or the 回收站 brings it back."""
        from app.projects.edits import delete_project
        from ui.projects.commands import delete_project_command

        project_id = self.current_project()
        if self._database is None or project_id is None:
            return
        card = self.model.rows[self.model.row_of(project_id) or 0]
        answer = QMessageBox.question(
            self,
            "删除项目",
            f"删除项目「{card.name}」吗？\n删除后可在“回收站”恢复，或按 Ctrl+Z 撤销。",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        perform = self.performer()
        done = perform(lambda session: delete_project(session, project_id), what="删除项目")
        if isinstance(done, Failed):
            return
        self._undo.push(
            delete_project_command(perform, project_id, card.name, self._after_command)
        )
        self._after_command(project_id)

    def open_bin(self) -> None:
        """回收站."""
        from ui.projects.recycle_bin import RecycleBin

        if self._database is not None:
            self._open(RecycleBin(self.performer(), self))

    def show_detail(self) -> None:
        """项目详情."""
        from app.projects.detail import project_detail
        from ui.projects.detail_dialog import DetailDialog

        project_id = self.current_project()
        if self._database is None or project_id is None or self.card_set is None:
            return
        card = self.model.rows[self.model.row_of(project_id) or 0]
        warnings = self._settings.warning_settings()
        with self._database.reading() as session:
            detail = project_detail(
                session, project_id, self.card_set.as_of, warnings, card.list_name
            )
        dialog = DetailDialog(detail, warnings.naming, self)
        dialog.edit_requested.connect(self.edit_current)
        dialog.chart_requested.connect(lambda: self._bus.show_project_chart.emit(project_id))
        dialog.problems_requested.connect(
            lambda: self._bus.show_project_problems.emit(project_id, False)
        )
        self._open(dialog)

    # ----- the 月度填报 tab ------------------------------------------------------------------
    def _month_tab(self) -> QWidget:
        tab = QWidget()
        self.month_tab = tab
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 8, 0, 0)
        row = QHBoxLayout()
        self.month_picker = MonthPicker()
        self.report_list_box = QComboBox()
        self.report_unit_box = QComboBox()
        self.mode_box = QComboBox()
        self.mode_box.addItems([m.value for m in EntryMode])
        self.mode_box.setToolTip("本办填报本月完成还是今年累计；另一个数按此前各月自动计算")
        for widget in (self.month_picker, self.report_list_box, self.report_unit_box):
            row.addWidget(widget)
        row.addWidget(QLabel("填报方式："))
        row.addWidget(self.mode_box)
        row.addStretch(1)
        self.filled_label = QLabel()
        self.filled_label.setObjectName("cardLabel")
        row.addWidget(self.filled_label)
        row.addSpacing(12)
        self.lock_label = QLabel()
        row.addWidget(self.lock_label)
        self.lock_button = add_button(row, "标记已报送", "锁定本月数字；修改须先解锁并说明原因")
        layout.addLayout(row)
        self.month_model = MonthModel(self._save_month)
        self.grid = MonthGridView()
        self.grid.setModel(self.month_model)
        self.grid.verticalHeader().hide()
        for column, width in enumerate((250, 96, 100, 110, 176, 200, 120)):
            self.grid.setColumnWidth(column, width)
        # 形象进度 takes the room left over; 专项债累计支出 stays in view at 1366 px.
        self.grid.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.grid, 1)
        self.month_message = QLabel(
            "回车下移，Tab 右移，直接输入即替换；可从 Excel/WPS 复制一块后 Ctrl+V 粘贴。"
        )
        self.month_message.setObjectName("cardLabel")
        layout.addWidget(self.month_message)
        self.month_model.message_changed.connect(self._month_message)
        mode = _MODES.get(self._settings.get(REPORT_ENTRY_MODE), EntryMode.MONTH)
        self.mode_box.setCurrentText(mode.value)
        self.month_picker.changed.connect(self.load_month)
        self.report_list_box.currentIndexChanged.connect(lambda _i: self.load_month())
        self.report_unit_box.currentIndexChanged.connect(lambda _i: self.load_month())
        self.mode_box.currentIndexChanged.connect(self._mode_changed)
        self.lock_button.clicked.connect(self.toggle_lock)
        self._month_choices_ready = False
        self._month_shown: tuple[object, ...] | None = None
        return tab

    def _month_message(self, text: str) -> None:
        self.month_message.setText(text)
        bad = text.startswith("有 ")
        self.month_message.setStyleSheet("color: #b71c1c;" if bad else "")

    def entry_mode(self) -> EntryMode:
        """How this office enters months (a setting)."""
        return EntryMode(self.mode_box.currentText())

    def _mode_changed(self) -> None:
        key = next(k for k, m in _MODES.items() if m is self.entry_mode())
        self._settings.set(REPORT_ENTRY_MODE, key)
        self.load_month()

    def chosen_month(self) -> tuple[int, int]:
        """(year, month) chosen."""
        return self.month_picker.month()

    def set_month(self, year: int, month: int) -> None:
        """Show another month."""
        self.month_picker.set_month(year, month)
        self.load_month()

    def load_month(self) -> None:
        """Read the chosen month's grid."""
        from app.reports.monthly_reports import load_month, month_lock

        if self._database is None:
            return
        year, month = self.chosen_month()
        with self._database.reading() as session:
            rows = load_month(session, self.campaign_id, year, month)
            lock = month_lock(session, year, month)
        self._offer_month_filters(rows)
        list_id = self.report_list_box.currentData()
        unit_id = self.report_unit_box.currentData()
        shown = [
            r
            for r in rows
            if (list_id is None or r.list_id == list_id)
            and (unit_id is None or r.unit_id == unit_id)
        ]
        # The same month, rows and rules again (after a save): keep the cells marked bad and
        # the cell being typed in; anything else is a new showing.
        key = (year, month, self.entry_mode(), lock.locked, [r.project_id for r in shown])
        if key == self._month_shown:
            self.month_model.refresh_rows(shown)
        else:
            self.month_model.set_rows(shown, self.entry_mode(), lock.locked)
        self._month_shown = key
        filled = sum(1 for r in shown if _reported(r))
        self.filled_label.setText(f"已填报 {filled} / {len(shown)} 个项目")
        if lock.locked:
            when = f"{lock.locked_at:%Y-%m-%d %H:%M}" if lock.locked_at else ""
            self.lock_label.setText(f"🔒 已报送（{lock.locked_by or ''} {when}）")
            self.lock_button.setText("解除锁定…")
        else:
            reason = f"（上次解锁：{lock.unlock_reason}）" if lock.unlock_reason else ""
            self.lock_label.setText(f"未报送{reason}")
            self.lock_button.setText("标记已报送")

    def _offer_month_filters(self, rows: list[MonthRow]) -> None:
        lists = [(r.list_name, r.list_id) for r in rows]
        units = sorted({(r.unit, r.unit_id) for r in rows if r.unit}, key=lambda p: p[0])
        for box, label, pairs in (
            (self.report_list_box, "全部清单", lists),
            (self.report_unit_box, "全部责任单位", units),
        ):
            wanted = [label, *dict(pairs)]
            if [box.itemText(i) for i in range(box.count())] == wanted:
                continue
            chosen = box.currentText()
            box.blockSignals(True)
            box.clear()
            box.addItem(label, None)
            for name, key in dict(pairs).items():
                box.addItem(name, key)
            box.setCurrentIndex(max(box.findText(chosen), 0))
            box.blockSignals(False)

    def _save_month(self, entries: list[CellEntry]) -> None:
        """Store typed or pasted cells (one operation); a refusal marks the cells red."""
        from app.reports.monthly_reports import save_entries

        year, month, mode = *self.chosen_month(), self.entry_mode()
        self.performer()(
            lambda session: save_entries(session, year, month, entries, mode),
            what="月度填报",
            raising=(UserError,),
        )

    def toggle_lock(self) -> None:
        """标记已报送, or unlock with a reason."""
        from app.reports.monthly_reports import lock_month, month_lock, unlock_month

        if self._database is None:
            return
        year, month = self.chosen_month()
        with self._database.reading() as session:
            locked = month_lock(session, year, month).locked
        if locked:
            reason, ok = QInputDialog.getText(
                self, "解除锁定", f"解除 {year}年{month}月 的锁定，请说明原因："
            )
            if ok:
                self.performer()(
                    lambda session: unlock_month(session, year, month, reason), what="解除锁定"
                )
            return
        answer = QMessageBox.question(
            self, "标记已报送", f"将 {year}年{month}月 标记为已报送并锁定吗？"
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.performer()(lambda session: lock_month(session, year, month), what="标记已报送")


def _reported(row: MonthRow) -> bool:
    """A project counts as 已填报 for the month once anything of the month was typed."""
    return any(
        value is not None and value != ""
        for value in (row.month_amount, row.cumulative, row.progress, row.bond_spent)
    )
