"""Start the window: Qt application, Chinese translations, style, excepthook, first database."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from app import APP_NAME, __version__
from app.paths import default_database
from ui.crash import install_excepthook
from ui.main_window import MainWindow
from ui.settings import LAST_DATABASE, Settings
from ui.style import apply_style

log = logging.getLogger("gongjian.ui")


def install_translations(app: QApplication) -> list[QTranslator]:
    """Load Qt's own zh_CN translations so standard dialogs and buttons speak Chinese."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = []
    for name in ("qtbase_zh_CN",):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            loaded.append(translator)
        else:
            log.warning("Qt translation %s not found in %s", name, folder)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return loaded


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


def run_window(db: str | None) -> int:
    """Open the main window on `db`, the last database, or the default one; run the event loop."""
    app = create_application(sys.argv[:1])
    install_excepthook()
    settings = Settings()
    window = MainWindow(settings)
    window.show()
    location = db or settings.get(LAST_DATABASE) or str(default_database())
    if not window.actions_.open_location(location) and location != str(default_database()):
        # The last file may have moved; fall back to the default database.
        window.actions_.open_location(str(default_database()), quiet=Path(location).exists())
    return app.exec()
