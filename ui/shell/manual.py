"""帮助 → 使用说明: the offline guide (resources/manual), opened at the section of the page shown.

The guide is plain HTML with screenshots shipped with the program (build.spec carries it), shown
in a QTextBrowser: no browser, no network, the same inside the PyInstaller bundle.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from resources import resource_path

# The guide's section for each page of the window (F1 on that page opens it).
SECTIONS: dict[str, str] = {
    "overview": "overview",
    "projects": "projects",
    "chart": "schedule",
    "problems": "problems",
    "supervision": "supervision",
    "statistics": "statistics",
    "exchange": "exchange",
    "settings": "settings",
}


def manual_file() -> Path:
    """The guide's first page."""
    return resource_path("manual", "index.html")


def manual_url(section: str | None = None) -> QUrl:
    """The guide, at `section` (an anchor) when given."""
    url = QUrl.fromLocalFile(str(manual_file()))
    if section:
        url.setFragment(section)
    return url


class ManualWindow(QDialog):
    """The guide in a window of its own (not modal: the clerk follows it while working)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("攻坚台账 使用说明")
        self.setModal(False)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry()
        self.resize(min(900, screen.width() - 80), min(760, screen.height() - 80))

    def show_section(self, section: str | None) -> None:
        """Open the guide at `section` and bring the window up."""
        self.browser.setSource(manual_url(section))
        if section:
            self.browser.scrollToAnchor(section)
        self.show()
        self.raise_()
        self.activateWindow()

    def current_section(self) -> str:
        """The anchor the guide was opened at ("" at the top)."""
        return self.browser.source().fragment()
