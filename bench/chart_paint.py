"""Wall chart repaint of a 1920×1080 viewport (1,000 × 8 against 50 × 8) and the A1 PDF of the demo.

    QT_QPA_PLATFORM=offscreen python bench/chart_paint.py [--runs 30]

The floor is a QPainter filling the same viewport and drawing one empty rectangle per visible
row: what any painted view pays before it draws content.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF
from PySide6.QtGui import QGuiApplication, QImage, QPainter

from app.projects.filter import FilterFields
from app.schedule.calendar import HolidayTable
from app.schedule.wall_chart_model import ChartGroup, ChartMilestone, ChartRow, WallChart
from app.schedule.warning_colours import Colour
from bench.timing import median_ms
from db.enums import MilestoneState
from ui.wall_chart.geometry import ChartGeometry
from ui.wall_chart.painter import paint_chart
from ui.wall_chart.painter_style import PaintOptions

WIDTH, HEIGHT = 1920, 1080
AS_OF = dt.date(2022, 8, 31)


def make_chart(projects: int, per_project: int = 8) -> WallChart:
    """Synthetic chart: chains of milestones around the campaign, colours mixed."""
    rng = random.Random(5)
    rows = []
    next_id = 1
    for p in range(projects):
        day = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randint(0, 200))
        bars = []
        for i in range(per_project):
            length = rng.randint(1, 60)
            finish = day + dt.timedelta(days=length - 1)
            bars.append(
                ChartMilestone(
                    id=next_id,
                    name=f"节点{i + 1}",
                    start=day,
                    finish=finish,
                    duration=length,
                    state=MilestoneState.NOT_STARTED,
                    colour=rng.choice(list(Colour)),
                    actual_start=day if finish < AS_OF else None,
                    target=finish if i == per_project - 1 else None,
                    slack=rng.randint(-20, 30),
                    earliest_finish=finish + dt.timedelta(days=5),
                )
            )
            next_id += 1
            day = finish + dt.timedelta(days=1)
        fields = FilterFields(1, 1, 1, Colour.OK, (f"重点项目{p:04d}",))
        rows.append(
            ChartRow(
                p,
                p + 1,
                f"重点项目{p:04d}号工程",
                "规建局",
                "王志强",
                Colour.OK,
                tuple(bars),
                fields,
            )
        )
    groups = tuple(
        ChartGroup(
            i,
            f"清单{i}",
            f"附表{i}  清单{i}",
            tuple(rows[i * len(rows) // 7 : (i + 1) * len(rows) // 7]),
        )
        for i in range(7)
    )
    return WallChart("基准攻坚", AS_OF, dt.date(2022, 5, 24), AS_OF, groups, HolidayTable())


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)

    def floor() -> None:
        painter = QPainter(image)
        painter.fillRect(0, 0, WIDTH, HEIGHT, 0xFFFFFF)
        for row in range(38):
            painter.drawRect(QRectF(0, row * 28, WIDTH, 28))
        painter.end()

    base = median_ms(floor, args.runs, warm_up=True)
    print(f"floor (fill + one rect per visible row): {base:6.2f} ms")
    painters = {}
    for projects in (50, 1000):
        chart = make_chart(projects)
        geo = ChartGeometry(chart, 3.0)
        options = PaintOptions(row_cache={}, tile_cache={})  # as the on-screen view paints

        def paint(geo: ChartGeometry = geo, o: PaintOptions = options) -> None:
            painter = QPainter(image)
            # The same kind of window in both: the top rows at the same dates.
            paint_chart(painter, geo, geo.x_of(dt.date(2022, 3, 1)), 0.0, WIDTH, HEIGHT, o)
            painter.end()

        def cold(o: PaintOptions = options, paint: Callable[[], None] = paint) -> None:
            o.row_cache.clear()  # type: ignore[union-attr]
            o.tile_cache.clear()  # type: ignore[union-attr]
            paint()

        painters[projects] = (paint, cold)
    # Samples alternate between the two sizes, so drift of a busy machine hits both alike.
    samples: dict[int, list[float]] = {50: [], 1000: []}
    firsts: dict[int, list[float]] = {50: [], 1000: []}
    for round_number in range(args.runs):
        for projects, (paint, cold) in painters.items():
            began = time.perf_counter()
            paint()
            samples[projects].append((time.perf_counter() - began) * 1000)
            if round_number % 3 == 0:
                began = time.perf_counter()
                cold()
                firsts[projects].append((time.perf_counter() - began) * 1000)
    results = {n: statistics.median(v[1:]) for n, v in samples.items()}
    for projects in (50, 1000):
        print(
            f"{projects:5d} projects × 8 milestones: repaint {results[projects]:6.2f} ms "
            f"({results[projects] / base:.1f}x floor); first paint after a zoom "
            f"{statistics.median(firsts[projects]):6.2f} ms"
        )
    print(
        f"1000 / 50 projects: {results[1000] / results[50]:.2f} (goal: within ±20 %); goal <= 8 ms"
    )

    from app.demo.install import create_demo_database
    from app.infra.database import open_database
    from app.schedule.wall_chart import load_wall_chart
    from app.schedule.warning_colours import WarningSettings
    from ui.wall_chart.export import PaperSpec, export_pdf

    folder = Path(tempfile.mkdtemp(prefix="gongjian-bench-"))
    demo = create_demo_database(folder / "demo.db")
    database = open_database(demo)
    with database.sessions() as session:
        chart = load_wall_chart(session, 1, AS_OF, WarningSettings())  # the demo's campaign
    database.close()
    began = time.perf_counter()
    pages = export_pdf(chart, folder / "chart.pdf", PaperSpec("A1"))
    seconds = time.perf_counter() - began
    print(f"A1 PDF of the 126-project demo: {seconds:.2f} s, {pages} page (goal <= 3 s)")
    del app


if __name__ == "__main__":
    main()
