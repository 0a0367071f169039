"""For start-up benchmarks of a built bundle: report the first painted window, then quit.

Set GONGJIAN_PAINT_PROBE=1 and the program prints one JSON line with the wall-clock times of the
window's first paint and of its first paint after the database was opened, and exits. The bundle
cannot be timed from outside any other way (bench/bundle.py); nothing else uses it.
"""

from __future__ import annotations

import json
import os
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

PROBE_VARIABLE = "GONGJIAN_PAINT_PROBE"


class PaintProbe(QObject):
    """Records the first paint, and the first paint once `data_arrived` was called."""

    def __init__(self, wait_for_data: bool) -> None:
        super().__init__()
        self.times: dict[str, float] = {}
        self.data_ready = not wait_for_data

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        """Note paints; print and quit after the one with data."""
        if event.type() == QEvent.Type.Paint:
            self.times.setdefault("painted", time.time())
            if self.data_ready and "data" not in self.times:
                self.times["data"] = time.time()
                print(json.dumps(self.times), flush=True)
                QTimer.singleShot(0, QApplication.quit)
        return False

    def data_arrived(self, *_args: object) -> None:
        """The database is open: the next paint shows it."""
        self.data_ready = True


def probe_requested() -> bool:
    """True when the benchmark asked for the probe."""
    return os.environ.get(PROBE_VARIABLE) == "1"
