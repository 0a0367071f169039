"""The main window: sidebar navigation, page stack, menus and status bar."""

from __future__ import annotations

import datetime as dt
import platform
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, qVersion
from PySide6.QtGui import QCloseEvent, QIcon, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from app import APP_NAME, __version__
from app.infra.changes import Change
from app.infra.paths import data_dir, is_portable
from resources import resource_path
from ui.settings.keys import WINDOW_GEOMETRY, WINDOW_PAGE, Settings
from ui.shell.bus import ChangeBus
from ui.shell.campaign_switch import CampaignSwitch, shown_campaign
from ui.shell.database_actions import DatabaseActions
from ui.shell.history import FieldUndoFilter
from ui.shell.menu_bar import build_menus
from ui.shell.page_factory import LazyPages, build_page
from ui.shell.pages import PAGES
from ui.shell.sidebar import Sidebar

if TYPE_CHECKING:
    from app.infra.database import Database
    from ui.shell.manual import ManualWindow


class MainWindow(QMainWindow):
    """Top-level window of the program."""

    def __init__(self, settings: Settings, bus: ChangeBus | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.bus = bus or ChangeBus(self)
        self.actions_ = DatabaseActions(self, settings, self.bus)
        # One undo history for the whole window (Ctrl+Z / Ctrl+Y), fed by every page's edits.
        self.undo_stack = self.bus.history
        self._field_undo = FieldUndoFilter(self)
        application = QApplication.instance()
        if application is not None:
            application.installEventFilter(self._field_undo)
        self.setWindowIcon(QIcon(str(resource_path("icons", "gongjian.svg"))))
        self.setMinimumSize(1000, 640)

        self.sidebar = Sidebar([(p.key, p.title) for p in PAGES])
        self.stack = QStackedWidget()
        self.stack.setObjectName("pageArea")
        # Pages are built on first visit: start-up does not grow with every page added.
        self.pages = LazyPages(self._build_page)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.sidebar.page_chosen.connect(self.show_page)

        self.database_label = QLabel()
        self.campaign_switch = CampaignSwitch(
            self, self.bus, lambda: self.database, self.choose_campaign, self.new_campaign
        )
        self.campaign_button = self.campaign_switch.button
        self.switch_menu = self.campaign_switch.menu
        self.countdown_label = self.campaign_switch.countdown_label
        self.statusBar().addWidget(self.database_label, 1)
        self.statusBar().addPermanentWidget(self.campaign_button)
        self.statusBar().addPermanentWidget(self.countdown_label)

        menus = build_menus(self)
        self.recent_menu, self.edit_campaign_action = menus.recent, menus.edit_campaign
        self.undo_action, self.redo_action = menus.undo, menus.redo
        self.manual_action, self.demo_action = menus.manual, menus.demo
        self._follow_bus()
        self.setWindowTitle(APP_NAME)
        self.database_label.setText("未打开数据库")
        self._pending_open: Callable[[], None] | None = None
        self.manual: ManualWindow | None = None
        self._restore_state()
        # The countdown changes at midnight for clerks who leave the program open.
        self._clock = QTimer(self)
        self._clock.setInterval(10 * 60 * 1000)
        self._clock.timeout.connect(self._refresh_countdown)
        self._clock.start()

    def _follow_bus(self) -> None:
        """Answer the bus: a database opened, data changed, a page asking to show something."""
        self.bus.database_opened.connect(self._on_database_opened)
        self.bus.changed.connect(self._on_changed)
        self.bus.show_project_problems.connect(self._show_project_problems)
        self.bus.show_problem.connect(self._show_problem)
        self.bus.show_project_chart.connect(self._show_project_chart)
        self.bus.show_unit_overdue.connect(self._show_unit_overdue)
        self.bus.show_projects.connect(self._show_projects)
        self.bus.show_open_problems.connect(self._show_open_problems)
        self.bus.window_action.connect(self.do_action)

    def open_after_first_paint(self, opener: Callable[[], None]) -> None:
        """Run `opener` once the window has painted, so the clerk sees it at once.

        Opening a database loads SQLAlchemy and the models (about half a second here);
        doing that after the first paint keeps it off the path to a visible window.
        """
        self._pending_open = opener
        self.database_label.setText("正在打开数据库…")
        # A window that never paints (started minimised) must still open its database.
        QTimer.singleShot(1500, self._run_pending_open)

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt's name
        """Paint, then start any database opening that waited for the first paint."""
        super().paintEvent(event)
        if self._pending_open is not None:
            QTimer.singleShot(0, self._run_pending_open)

    def _run_pending_open(self) -> None:
        opener, self._pending_open = self._pending_open, None
        if opener is not None:
            opener()

    def show_no_database(self) -> None:
        """Show every page in its empty state (nothing could be opened)."""
        self._on_database_opened(None)

    def _build_page(self, key: str) -> QWidget:
        page = build_page(next(s for s in PAGES if s.key == key), self.settings, self.bus)
        self.stack.addWidget(page)
        if self.database is not None:
            page.set_database(self.database)  # type: ignore[attr-defined]
        return page

    @property
    def database(self) -> Database | None:
        """The open database, if any."""
        return self.actions_.database

    # ----- pages -------------------------------------------------------------------------
    def show_page(self, key: str) -> None:
        """Switch to page `key` and remember it."""
        self.stack.setCurrentWidget(self.pages[key])
        self.sidebar.select(key)
        self.settings.set(WINDOW_PAGE, key)

    def _show_project_problems(self, project_id: int, add: bool) -> None:
        self.show_page("problems")
        page = self.pages["problems"]
        page.show_project(project_id)  # type: ignore[attr-defined]
        if add:
            page.new_problem(project_id)  # type: ignore[attr-defined]

    def _show_problem(self, problem_id: int) -> None:
        self.show_page("problems")
        page = self.pages["problems"]
        page.clear_filters()  # type: ignore[attr-defined]
        page.select(problem_id)  # type: ignore[attr-defined]

    def _show_project_chart(self, project_id: int) -> None:
        self.show_page("chart")
        self.pages["chart"].focus_project(project_id)  # type: ignore[attr-defined]

    def _show_unit_overdue(self, unit_id: int) -> None:
        self.show_page("problems")
        self.pages["problems"].show_unit_overdue(unit_id)  # type: ignore[attr-defined]

    def _show_projects(self, what: str, project_ids: frozenset[int] | None) -> None:
        self.show_page("projects")
        self.pages["projects"].show_projects(what, project_ids)  # type: ignore[attr-defined]

    def _show_open_problems(self, overdue_only: bool) -> None:
        self.show_page("problems")
        self.pages["problems"].show_open(overdue_only)  # type: ignore[attr-defined]

    def current_page_key(self) -> str:
        """Key of the page on show."""
        current = self.stack.currentWidget()
        return next(key for key, page in self.pages.items() if page is current)

    # ----- menus -------------------------------------------------------------------------
    def show_manual(self) -> None:
        """帮助 → 使用说明 (F1): the guide, at the section of the page on show."""
        from ui.shell.manual import SECTIONS, ManualWindow

        if self.manual is None:
            self.manual = ManualWindow(self)
        section = SECTIONS.get(self.current_page_key())
        if self.database is not None and self.bus.campaign_id is None:
            section = "start"  # nothing set up yet: day one
        self.manual.show_section(section)

    def show_about(self) -> None:
        """帮助 → 关于."""
        mode = "便携模式" if is_portable() else "按用户保存"
        location = self.database.location if self.database else "（未打开）"
        QMessageBox.about(
            self,
            f"关于{APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>重点项目百日攻坚：项目卡片、倒排工期、挂图作战、问题台账与统计通报。<br>"
            "离线运行，数据只保存在本机。</p>"
            f"<p>数据库：{location}<br>数据文件夹（{mode}）：{data_dir()}</p>"
            f"<p>Python {platform.python_version()} · Qt {qVersion()}</p>",
        )

    # ----- database ----------------------------------------------------------------------
    def _on_database_opened(self, database: Database | None) -> None:
        self.undo_stack.clear()  # edits of another file cannot be undone here
        self.bus.campaign_id = self._resolve_campaign(database)
        for page in self.pages.values():
            page.set_database(database)  # type: ignore[attr-defined]
        if database is not None and self.bus.campaign_id is None:
            self.show_page("overview")  # the start page: nothing else has anything to show
        if database is None:
            self.setWindowTitle(APP_NAME)
            self.database_label.setText("未打开数据库")
        else:
            name = Path(database.location).name if database.path else database.location
            mode = "（只读）" if database.read_only else ""
            self.setWindowTitle(f"{name}{mode} - {APP_NAME}")
            self.database_label.setText(f"数据库：{database.location}{mode}")
        self._refresh_countdown()

    def _on_changed(self, changes: frozenset[Change]) -> None:
        if Change.CAMPAIGN not in changes:
            return
        if self.database is not None:
            found_id = shown_campaign(self.database, self.bus.campaign_id)
            if found_id != self.bus.campaign_id:
                # The first campaign of an empty database (an import made it), or one an undo
                # took away: follow it, keeping the history (its redo brings the campaign back).
                self.choose_campaign(found_id, keep_history=True)
                return
        self._refresh_countdown()

    def _resolve_campaign(self, database: Database | None) -> int | None:
        """The campaign to show for `database`: the one shown last time, else the latest."""
        if database is None:
            return None
        return shown_campaign(database, self.settings.chosen_campaign(database.location))

    def choose_campaign(self, campaign_id: int | None, *, keep_history: bool = False) -> None:
        """Show another campaign: every page reads again; the undo history starts afresh when
        the clerk switched (another campaign's edits are not undone from this one)."""
        database = self.database
        self.bus.campaign_id = campaign_id
        if database is not None:
            self.settings.remember_campaign(database.location, campaign_id)
        if not keep_history:
            self.undo_stack.clear()
        for page in self.pages.values():
            page.set_database(database)  # type: ignore[attr-defined]
        self.bus.campaign_chosen.emit(campaign_id)
        self._refresh_countdown()

    # ----- campaign work -----------------------------------------------------------------
    def do_action(self, action: str) -> None:
        """Work a page asked the window for (the start page's buttons and the like)."""
        handlers: dict[str, Callable[[], object]] = {
            "new_campaign": self.new_campaign,
            "edit_campaign": self.edit_campaign,
            "import_workbook": self.import_workbook,
            "open_database": self.actions_.choose_and_open,
            "load_demo": self.actions_.load_demo,
            "help": self.show_manual,
        }
        handlers[action]()

    def new_campaign(self) -> int | None:
        """新建攻坚行动: the editor, then the new campaign shown."""
        from ui.campaign.editor_dialog import NewCampaignDialog
        from ui.shell.operation import Performer

        if self.database is None:
            QMessageBox.information(self, "新建攻坚行动", "请先打开或新建一个数据库。")
            return None
        dialog = NewCampaignDialog(Performer(self, self.bus, self.database), dt.date.today(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.created_id is None:
            return None
        self.choose_campaign(dialog.created_id)
        self.show_page("overview")
        return dialog.created_id

    def edit_campaign(self) -> None:
        """攻坚行动设置: the 攻坚行动 tab of 设置."""
        self.show_page("settings")
        page = self.pages["settings"]
        page.tabs.setCurrentWidget(page.campaign)  # type: ignore[attr-defined]

    def import_workbook(self) -> None:
        """导入上级下发的表格: the import wizard on 数据交换 (a new campaign is asked for there)."""
        self.show_page("exchange")
        self.pages["exchange"].open_import()  # type: ignore[attr-defined]

    def _refresh_countdown(self) -> None:
        self.edit_campaign_action.setEnabled(self.campaign_switch.refresh())

    # ----- window state ------------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self.settings.get(WINDOW_GEOMETRY)
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(1280, 720)
        page = self.settings.get(WINDOW_PAGE)
        self.show_page(page if any(spec.key == page for spec in PAGES) else "overview")

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt's name
        """Remember the geometry and release the database."""
        self.settings.set(WINDOW_GEOMETRY, self.saveGeometry())
        self.actions_.close()
        super().closeEvent(event)

