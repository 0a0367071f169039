"""Bugs end up here: logged with their traceback and shown in a dialog with details to copy."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import __version__
from app.infra.errors import UserError
from app.infra.faults import known_fault

log = logging.getLogger("gongjian.crash")


def show_user_error(parent: QWidget | None, error: UserError, title: str = "无法完成") -> None:
    """An expected error: a plain Chinese message, no traceback."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, error.message, parent=parent)
    if error.detail:
        box.setDetailedText(error.detail)
    box.exec()


def _handle(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    if isinstance(value, UserError):
        show_user_error(QApplication.activeWindow(), value)
        return
    known = known_fault(value)
    if known is not None:
        log.warning("refused by the database: %s", value)
        show_user_error(QApplication.activeWindow(), known)
        return
    details = "".join(traceback.format_exception(kind, value, tb))
    log.error("unexpected error\n%s", details)
    if QApplication.instance() is None:
        sys.__excepthook__(kind, value, tb)
        return
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        "程序出错",
        "程序遇到了一个意外错误。已保存的数据不受影响，本次操作可能没有完成。\n"
        "请点击“复制详情”，把详情发给技术支持。",
        parent=QApplication.activeWindow(),
    )
    box.setDetailedText(f"攻坚台账 {__version__}\n{details}")
    copy = box.addButton("复制详情", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    copy.clicked.disconnect()  # keep the dialog open after copying
    copy.clicked.connect(lambda: QApplication.clipboard().setText(box.detailedText()))
    box.exec()


def install_excepthook() -> None:
    """Route uncaught exceptions (also those raised inside Qt slots) to the dialog."""
    sys.excepthook = _handle
