"""A progress dialog whose cancel a long service call can read (progress callbacks)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget


def progress_callback(
    parent: QWidget | None, title: str
) -> tuple[QProgressDialog, Callable[[int, int], bool]]:
    """A window-modal progress dialog, and a (done, total) → keep-going callback for it."""
    dialog = QProgressDialog(title, "取消", 0, 100, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(True)

    def report(done: int, total: int) -> bool:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        QApplication.processEvents()
        return not dialog.wasCanceled()

    return dialog, report
