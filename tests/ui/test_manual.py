"""帮助 → 使用说明: the offline guide opens at the page's section (F1), whole and shipped."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from ui.shell.main_window import MainWindow
from ui.shell.manual import SECTIONS, manual_file
from ui.shell.pages import PAGES

ROOT = Path(__file__).resolve().parents[2]


def test_f1_opens_the_guide_at_the_page_shown(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page("problems")
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window.manual
    assert guide is not None and guide.isVisible()
    assert guide.current_section() == "problems"
    assert "问题台账与督办" in guide.browser.toPlainText()
    window.show_page("statistics")
    window.manual_action.trigger()  # 帮助 → 使用说明
    assert guide.current_section() == "statistics"


def test_an_empty_database_opens_the_guide_at_day_one(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    assert window.actions_.open_location(str(tmp_path / "新.db"))
    window.show_manual()
    assert window.manual is not None and window.manual.current_section() == "start"


def test_every_page_has_a_section_and_every_picture_is_there() -> None:
    html = manual_file().read_text(encoding="utf-8")
    anchors = set(re.findall(r'<a name="([a-z]+)"', html))
    assert {spec.key for spec in PAGES} == set(SECTIONS)
    assert set(SECTIONS.values()) | {"start"} <= anchors
    pictures = re.findall(r'<img src="([^"]+)"', html)
    assert len(pictures) >= 8
    for picture in pictures:
        image = QImage(str(manual_file().parent / picture))
        assert not image.isNull(), picture
    links = set(re.findall(r'<a href="#([a-z]+)"', html))
    assert links <= anchors


def test_the_guide_is_in_the_bundle_and_the_package() -> None:
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert '"resources" / "manual"' in spec
    project = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "manual/*" in project and "manual/images/*" in project
