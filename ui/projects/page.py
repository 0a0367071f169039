"""项目卡片 page: the card wall or the table of the filtered projects, the editor, the month grid,
units and people, and the lists."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.infra.changes import Change
from app.projects.cards import CardSet
from app.projects.filter import ProjectFilter
from app.values.amount_text import amount_text
from ui.projects.card_wall import CardWall
from ui.projects.cards_model import ProjectsModel
from ui.projects.filter_bar import ProjectFilterBar
from ui.projects.lists_panel import ListsPanel
from ui.projects.organisation_tabs import OrganisationTab
from ui.projects.project_edits import ProjectEditsPage
from ui.projects.project_table import DEFAULT_HIDDEN, ProjectTable
from ui.reports.month_tab import MonthTab
from ui.settings.keys import HIDDEN_COLUMNS, PROJECT_VIEW, Settings
from ui.shell.bus import ChangeBus
from ui.shell.operation import Performer
from ui.shell.pages import PageSpec
from ui.shell.toolbar import add_button
from ui.widgets.page_header import page_header

if TYPE_CHECKING:
    from app.infra.database import Database

CARDS, TABLE = "cards", "table"


class ProjectsPage(ProjectEditsPage):
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
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(bus, parent)
        self.spec = spec
        self._settings = settings
        self._undo = bus.history
        self.card_set: CardSet | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 10)
        layout.setSpacing(6)
        layout.addWidget(page_header(spec))
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._projects_tab(), "项目")
        self.month_tab = MonthTab(settings, self._performer_or_none)
        self.tabs.addTab(self.month_tab, "月度填报")
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
        layout.addLayout(self._action_row())
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

    def _action_row(self) -> QHBoxLayout:
        """卡片墙 or 表格, then the buttons acting on the selected project."""
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
        return actions

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

    def _performer_or_none(self) -> Performer | None:
        return None if self._database is None else self.performer()

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
        card_set = self.card_set  # a later load replaces it; the status is for this one
        # With the page as context: a page closed meanwhile gets no call.
        QTimer.singleShot(0, self, lambda: self._load_status(card_set))

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
            self.month_tab.load_month()
        elif current is self.organisation:
            self.organisation.set_performer(self.performer())
        elif current is self.lists_panel:
            self.lists_panel.perform = self.performer()
            self.lists_panel.reload()
