"""GUI fixtures: a window on a copy of the demo, and message boxes that answer themselves."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import groupby
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from ui.settings.keys import Settings
from ui.shell.main_window import MainWindow
from ui.shell.operation import LongOperation
from ui.shell.start import create_application


class MessageLog:
    """Message boxes shown during a test, answered with `answer` instead of blocking."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.answer = QMessageBox.StandardButton.Yes

    def texts(self) -> str:
        """Everything shown, as one string to search."""
        return "\n".join(" | ".join(item) for item in self.shown)


@pytest.fixture(autouse=True)
def messages(monkeypatch: pytest.MonkeyPatch) -> MessageLog:
    """Capture QMessageBox.exec and the static helpers (a real modal box would hang a test)."""
    log = MessageLog()

    def fake_exec(box: QMessageBox) -> int:
        log.shown.append((box.windowTitle(), box.text(), box.detailedText()))
        return 0

    def fake_static(kind: str) -> Callable[..., object]:
        def show(_parent: object, title: str, text: str, *args: object, **kw: object) -> object:
            log.shown.append((title, text, kind))
            return log.answer

        return show

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    for kind in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(fake_static(kind)))
    monkeypatch.setattr(QMessageBox, "about", staticmethod(fake_static("about")))
    return log


@pytest.fixture(autouse=True)
def new_campaigns_accepted(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """新建攻坚行动 answers itself with what it proposes (a real modal dialog would hang a test);
    a test that fills the form in patches `exec` again. The dialogs shown are listed."""
    from ui.campaign.editor_dialog import NewCampaignDialog

    shown: list[object] = []

    def accept(dialog: NewCampaignDialog) -> int:
        shown.append(dialog)
        dialog.create_campaign()
        return dialog.result()

    monkeypatch.setattr(NewCampaignDialog, "exec", accept)
    return shown


@pytest.fixture
def window(qtbot: QtBot, demo_path: Path, messages: MessageLog) -> Iterator[MainWindow]:
    """The main window opened on a private copy of the demo database."""
    create_application()
    main = MainWindow(Settings())
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    assert main.actions_.open_location(str(demo_path))
    yield main
    main.close()


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type like a clerk: ASCII as key clicks, Chinese as an input method's commit.

    QTest can only synthesise Latin-1 key events (it aborts on anything else); a real pinyin
    input method delivers Chinese as a QInputMethodEvent with a commit string, as done here.
    """
    for is_ascii, chars in groupby(text, key=str.isascii):
        run = "".join(chars)
        if is_ascii:
            qtbot.keyClicks(widget, run)
        else:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


def finished(qtbot: QtBot, operation: LongOperation[Any] | None, timeout: int = 60_000) -> Any:
    """Wait for long work started from the window to end; its result (FAILED if it did not)."""
    assert operation is not None, "the page started no operation"
    if operation.running:
        with qtbot.waitSignal(operation.finished, timeout=timeout):
            pass
    return operation.result
