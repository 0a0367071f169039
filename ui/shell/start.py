"""Start the window: Qt application, Chinese translations, style, excepthook, first database."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app import APP_NAME, __version__
from app.infra.paths import default_database
from ui.settings.keys import LAST_DATABASE, Settings
from ui.shell.crash import install_excepthook
from ui.shell.main_window import MainWindow
from ui.shell.qt_chinese import install_translations
from ui.shell.style import apply_style

log = logging.getLogger("gongjian.ui")
NO_DISPLAY_LIBRARIES = 3
"""Exit code when the window cannot open for want of system libraries (display_check.py)."""


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with name, translations and style (reused by tests)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("gongjian")
    install_translations(app)
    apply_style(app)
    return app


def start_window(db: str | None) -> tuple[QApplication, MainWindow]:
    """Show the main window on `db`, the last database, or the default one."""
    app = create_application(sys.argv[:1])
    install_excepthook()
    settings = Settings()
    window = MainWindow(settings)
    location, note = first_location(db, settings.get(LAST_DATABASE))
    window.open_after_first_paint(lambda: _open_first_database(window, location, note))
    window.show()
    return app, window


def first_location(requested: str | None, last: str) -> tuple[str, str | None]:
    """The database to open at start, and a note for the clerk when it is not the last one.

    Only an explicit --db may create a new file: a remembered file that has gone (a USB stick
    not plugged in) must not be silently recreated empty at its old place.
    """
    if requested:
        return requested, None
    if last and ("://" in last or Path(last).exists()):
        return last, None
    note = f"上次打开的数据库「{last}」已找不到，已打开默认数据库。" if last else None
    return str(default_database()), note


def _open_first_database(window: MainWindow, location: str, note: str | None) -> None:
    actions = window.actions_
    if "://" in location and location == window.settings.get(LAST_DATABASE):
        # The server used last time: its password is not remembered, so ask for it.
        if actions.connect_to_server("上次使用的是办公室服务器上的台账，请输入密码连接。"):
            return
        location = str(default_database())
    if actions.open_location(location):
        if note:
            window.statusBar().showMessage(note, 20_000)
        return
    # The file could not be opened (and the clerk was told why): fall back to the default.
    fallback = str(default_database())
    if location == fallback or not actions.open_location(fallback):
        window.show_no_database()


def run_window(db: str | None) -> int:
    """Start the window and run the event loop until it closes."""
    from ui.shell.display_check import check_display_libraries

    problem = check_display_libraries()
    if problem:
        print(problem, file=sys.stderr)
        return NO_DISPLAY_LIBRARIES
    app, window = start_window(db)
    from ui.shell.paint_probe import PaintProbe, probe_requested

    if probe_requested():  # bench/bundle.py times the built bundle's start this way
        probe = PaintProbe(wait_for_data=True)
        window.installEventFilter(probe)
        window.bus.database_opened.connect(probe.data_arrived)
        window.bus.database_opened.connect(lambda *_: window.update())
    return app.exec()
