"""Guard against PySide6 6.12.0 on Python 3.11, which aborts after a few thousand void Qt calls."""

from __future__ import annotations

import sys

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

CALLS = 50_000


def test_fifty_thousand_void_qt_calls_do_not_exhaust_none(qtbot: QtBot) -> None:
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    pen = QPen(QColor("#b71c1c"))
    rect = QRect(1, 1, 10, 10)
    refs_before = sys.getrefcount(None)
    for _ in range(CALLS):
        painter.setPen(pen)
        painter.drawRect(rect)
    painter.end()
    widget = QWidget()
    qtbot.addWidget(widget)
    for index in range(CALLS // 10):
        widget.resize(100 + index % 7, 80)
    # Reaching here means the interpreter survived; on an affected build the count of
    # references to None also falls by one per call, which this catches before the abort.
    assert sys.getrefcount(None) >= refs_before - 1000
