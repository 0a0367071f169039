"""The floor for bench/bundle.py: a bare PySide6 window with one table, bundled the same way."""

import json
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView


class FirstPaint(QObject):
    """Print the first paint's time and quit."""

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() == QEvent.Type.Paint and not hasattr(self, "done"):
            self.done = True
            print(json.dumps({"painted": time.time(), "data": time.time()}), flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QTableView())
window.resize(1280, 720)
probe = FirstPaint()
window.installEventFilter(probe)
window.show()
app.exec()
