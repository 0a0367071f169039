"""The main window: sidebar navigation, page stack, menus and status bar."""

from __future__ import annotations

import datetime as dt
import platform
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, qVersion
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from app import APP_NAME, __version__
from app.campaign.countdown import countdown_text
from app.infra.changes import Change
from app.infra.paths import data_dir, is_portable
from resources import resource_path
from ui.settings.keys import RECENT_DATABASES, WINDOW_GEOMETRY, WINDOW_PAGE, Settings
from ui.shell.bus import ChangeBus
from ui.shell.database_actions import DatabaseActions
from ui.shell.history import FieldUndoFilter
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
        self.pages = _Pages(self._build_page)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.sidebar.page_chosen.connect(self.show_page)

        self.database_label = QLabel()
        self.countdown_label = QLabel()
        self.countdown_label.setObjectName("countdown")
        # Which campaign the window shows; a click lists the others to switch to.
        self.campaign_button = QToolButton()
        self.campaign_button.setObjectName("campaignSwitch")
        self.campaign_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.campaign_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.campaign_button.setAutoRaise(True)
        self.campaign_button.setToolTip("当前显示的攻坚行动；点击切换到其他攻坚行动")
        self.switch_menu = QMenu(self.campaign_button)
        self.switch_menu.aboutToShow.connect(self._fill_switch_menu)
        self.campaign_button.setMenu(self.switch_menu)
        self.statusBar().addWidget(self.database_label, 1)
        self.statusBar().addPermanentWidget(self.campaign_button)
        self.statusBar().addPermanentWidget(self.countdown_label)

        self._build_menus()
        self.bus.database_opened.connect(self._on_database_opened)
        self.bus.changed.connect(self._on_changed)
        self.bus.show_project_problems.connect(self._show_project_problems)
        self.bus.show_problem.connect(self._show_problem)
        self.bus.show_project_chart.connect(self._show_project_chart)
        self.bus.show_unit_overdue.connect(self._show_unit_overdue)
        self.bus.show_projects.connect(self._show_projects)
        self.bus.show_open_problems.connect(self._show_open_problems)
        self.bus.window_action.connect(self.do_action)
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
        spec = next(s for s in PAGES if s.key == key)
        page: QWidget
        if key == "overview":
            from ui.campaign.overview_page import OverviewPage

            page = OverviewPage(spec, self.settings, self.bus)
        elif key == "settings":
            from ui.settings.page import SettingsPage

            page = SettingsPage(spec, self.settings, self.bus)
        elif key == "problems":
            from ui.problems.page import ProblemsPage

            page = ProblemsPage(spec, self.settings, self.bus)
        elif key == "supervision":
            from ui.problems.supervision_page import SupervisionPage

            page = SupervisionPage(spec, self.settings, self.bus)
        elif key == "projects":
            from ui.projects.page import ProjectsPage

            page = ProjectsPage(spec, self.settings, self.bus)
        elif key == "exchange":
            from ui.exchange.page import ExchangePage

            page = ExchangePage(spec, self.settings, self.bus)
        elif key == "chart":
            from ui.wall_chart.page import ChartPage

            page = ChartPage(spec, self.settings, self.bus)
        elif key == "statistics":
            from ui.statistics.page import StatisticsPage

            page = StatisticsPage(spec, self.settings, self.bus)
        else:
            from ui.widgets.placeholder import PlaceholderPage

            page = PlaceholderPage(spec)
        self.stack.addWidget(page)
        if self.database is not None:
            page.set_database(self.database)
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
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        self._add_action(
            file_menu, "新建数据库(&N)…", self.actions_.choose_and_create, "Ctrl+Shift+N"
        )
        self._add_action(
            file_menu,
            "打开数据库(&O)…",
            self.actions_.choose_and_open,
            "Ctrl+O",
        )
        self._add_action(file_menu, "连接服务器(&C)…", lambda: self.actions_.connect_to_server())
        self._add_action(file_menu, "另存为/备份(&S)…", self.actions_.save_copy, "Ctrl+Shift+S")
        self._add_action(file_menu, "备份与恢复(&B)…", self.actions_.open_backups)
        self.recent_menu = file_menu.addMenu("最近打开(&R)")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        self._add_action(file_menu, "退出(&X)", self.close, "Ctrl+Q")
        campaign_menu = self.menuBar().addMenu("攻坚行动(&C)")
        self._add_action(campaign_menu, "新建攻坚行动(&N)…", self.new_campaign)
        self.edit_campaign_action = self._add_action(
            campaign_menu, "攻坚行动设置(&S)…", self.edit_campaign
        )
        self.campaigns_menu = campaign_menu.addMenu("切换攻坚行动(&W)")
        self.campaigns_menu.aboutToShow.connect(
            lambda: self._fill_campaigns(self.campaigns_menu)
        )
        edit_menu = self.menuBar().addMenu("编辑(&E)")
        undo = self.undo_stack.createUndoAction(self, "撤销")
        undo.setShortcut(QKeySequence("Ctrl+Z"))
        redo = self.undo_stack.createRedoAction(self, "重做")
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        help_menu = self.menuBar().addMenu("帮助(&H)")
        self.manual_action = self._add_action(help_menu, "使用说明(&M)", self.show_manual, "F1")
        self.manual_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.demo_action = self._add_action(help_menu, "载入示例数据(&D)…", self.actions_.load_demo)
        self._add_action(help_menu, "关于攻坚台账(&A)", self.show_about)

    def _add_action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        shortcut: str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.get(RECENT_DATABASES)
        if not recent:
            empty = self.recent_menu.addAction("（无）")
            empty.setEnabled(False)
            return
        for index, location in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{index}  {location}")
            action.triggered.connect(
                lambda _c=False, loc=location: self.actions_.open_recent(loc)
            )

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
            from app.campaign.choice import resolve_campaign

            with self.database.reading() as session:
                found = resolve_campaign(session, self.bus.campaign_id)
                found_id = found.id if found is not None else None
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
        from app.campaign.choice import resolve_campaign

        wanted = self.settings.chosen_campaign(database.location)
        with database.reading() as session:
            found = resolve_campaign(session, wanted)
            return found.id if found is not None else None

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

    def _fill_switch_menu(self) -> None:
        self._fill_campaigns(self.switch_menu)

    def _fill_campaigns(self, menu: QMenu) -> None:
        """The campaigns of the database, the one shown ticked; then 新建攻坚行动."""
        menu.clear()
        rows = []
        if self.database is not None:
            from app.campaign.choice import campaign_rows

            with self.database.reading() as session:
                rows = campaign_rows(session)
        for row in rows:
            action = menu.addAction(f"{row.label}　{row.projects} 个项目")
            action.setCheckable(True)
            action.setChecked(row.id == self.bus.campaign_id)
            action.triggered.connect(lambda _c=False, i=row.id: self.choose_campaign(i))
        if not rows:
            empty = menu.addAction("（还没有攻坚行动）")
            empty.setEnabled(False)
        menu.addSeparator()
        new = menu.addAction("新建攻坚行动…")
        new.triggered.connect(self.new_campaign)
        new.setEnabled(self.database is not None and not self.database.read_only)

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
        text, name = "", ""
        if self.database is not None and self.bus.campaign_id is not None:
            from app.campaign.choice import campaign_row

            with self.database.reading() as session:
                row = campaign_row(session, self.bus.campaign_id)
            if row is not None:
                name = row.name
                text = countdown_text(row.start, row.end, dt.date.today())
        self.campaign_button.setText(f"攻坚行动：{name}" if name else "（无攻坚行动）")
        self.campaign_button.setVisible(self.database is not None)
        self.edit_campaign_action.setEnabled(bool(name))
        self.countdown_label.setText(text)

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


class _Pages(dict[str, QWidget]):
    """The pages built so far; looking one up builds it."""

    def __init__(self, build: Callable[[str], QWidget]) -> None:
        super().__init__()
        self._build = build

    def __missing__(self, key: str) -> QWidget:
        page = self._build(key)
        self[key] = page
        return page
