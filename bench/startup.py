"""Interpreter start to first painted main window (offscreen), against a bare PySide6 window.

    python bench/make_data.py && python bench/startup.py [--db bench/out/big.db] [--runs 7]

Each run is a fresh interpreter. Two moments are timed for the program: the first paint of the
window, and the first paint after the database has been opened and the overview filled from
it. The floor is a QMainWindow holding one empty QTableView. Peak memory is the child's maxrss.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_PAINT_PROBE = """
import json, resource, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer

class FirstPaint(QObject):
    # Records the first paint and, with wait_for_data, the first paint after data arrived.
    def __init__(self, wait_for_data=False):
        super().__init__()
        self.times = {}
        self.data_ready = not wait_for_data

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            self.times.setdefault("painted", time.time())
            if self.data_ready and "data" not in self.times:
                self.times["data"] = time.time()
                rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                print(json.dumps({**self.times, "rss_mb": rss_kb / 1024}), flush=True)
                QTimer.singleShot(0, app.quit)
        return False

    def on_data(self, *_args):
        self.data_ready = True
"""

APP_CHILD = (
    _PAINT_PROBE
    + """
from ui.shell.start import start_window
app, window = start_window(sys.argv[1])
probe = FirstPaint(wait_for_data=True)
window.installEventFilter(probe)
window.bus.database_opened.connect(probe.on_data)
window.bus.database_opened.connect(lambda *_: window.update())
app.exec()
"""
)

FLOOR_CHILD = (
    _PAINT_PROBE
    + """
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QTableView())
window.resize(1280, 720)
probe = FirstPaint()
window.installEventFilter(probe)
window.show()
app.exec()
"""
)


def measure(code: str, db: str, env: dict[str, str]) -> tuple[float, float, float]:
    """Seconds from spawn to first paint and to the paint with data; peak RSS in MB."""
    began = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, db],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=True,
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    return result["painted"] - began, result["data"] - began, result["rss_mb"]


def main() -> None:
    """Run both children several times and print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default=str(ROOT / "bench" / "out" / "big.db"))
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if not Path(args.db).exists():
        sys.exit(f"{args.db} missing: run bench/make_data.py first")
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),
        GONGJIAN_DATA_DIR=tempfile.mkdtemp(prefix="gongjian-bench-"),
    )
    figures: dict[str, tuple[float, ...]] = {}
    for name, code in (("floor", FLOOR_CHILD), ("gongjian", APP_CHILD)):
        measure(code, args.db, env)  # warm the file cache once
        runs = [measure(code, args.db, env) for _ in range(args.runs)]
        figures[name] = tuple(statistics.median(run[i] for run in runs) for i in range(3))
        first, data, rss = figures[name]
        print(
            f"{name:9s} first paint {first * 1000:5.0f} ms, paint with data {data * 1000:5.0f} ms"
            f" (medians of {args.runs}), peak RSS {rss:5.1f} MB"
        )
    floor, ours = figures["floor"], figures["gongjian"]
    print(
        f"ratio gongjian / floor: first paint {ours[0] / floor[0]:.2f}x (goal <= 3x), "
        f"paint with data {ours[1] / floor[0]:.2f}x, peak memory {ours[2] / floor[2]:.2f}x"
    )


if __name__ == "__main__":
    main()
