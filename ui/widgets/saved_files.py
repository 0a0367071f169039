"""After an export or a bulletin: say where it went, with 打开文件 and 打开所在文件夹."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

OPEN_FILE, OPEN_FOLDER = "打开文件", "打开所在文件夹"


def show_saved(parent: QWidget | None, title: str, text: str, path: Path) -> str | None:
    """Tell the clerk what was written; open the file or its folder when asked.

    `path` may be a folder (fill-in workbooks): then only 打开文件夹 is offered. Returns the
    button chosen (OPEN_FILE, OPEN_FOLDER) or None for 关闭.
    """
    box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
    is_folder = path.is_dir()
    open_file = None if is_folder else box.addButton(OPEN_FILE, QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton(
        "打开文件夹" if is_folder else OPEN_FOLDER, QMessageBox.ButtonRole.ActionRole
    )
    box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_file or open_folder)
    box.exec()
    clicked = box.clickedButton()
    if clicked is not None and clicked is open_file:
        open_path(path)
        return OPEN_FILE
    if clicked is not None and clicked is open_folder:
        open_path(path if is_folder else path.parent)
        return OPEN_FOLDER
    return None


def open_path(path: Path) -> bool:
    """Open a file with its program, or a folder in the file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
