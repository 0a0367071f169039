"""统计通报 page and 月通报 on the 2,000-project bench database (12 months of reports each).

    python bench/make_data.py --out bench/out/projects-2000.db --projects 2000
    QT_QPA_PLATFORM=offscreen python bench/statistics_page.py [--db FILE] [--runs 7]

"Page" is what choosing a month does: read the month's figures (projects, the year's reports,
milestone colours at the month's end, problems), fill the three tables and draw the three charts
(repainted at once, so the charts' pending draws run inside the timing). It is timed after the
first chart import, which is reported apart. Its floor is sqlite3 merely fetching the rows the
figures are computed from. The bulletin is the
whole 生成月通报 action (figures, charts at 200 dpi, workbook, PDF); its floor is matplotlib
saving the same three charts as PNG files, which is most of the work.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from app.infra.database import open_database
from app.statistics.rates import Month
from bench.timing import median_ms

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "bench" / "out" / "projects-2000.db"


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--month", default="2022-12")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    from ui.shell.style import apply_style

    apply_style(app)  # type: ignore[arg-type]
    month = Month.parse(args.month)
    began = time.perf_counter()
    import ui.statistics.chart_canvas  # noqa: F401 - matplotlib, its Qt backend, the font
    from app.statistics.chart_fonts import register_chart_fonts

    register_chart_fonts()
    first_import = (time.perf_counter() - began) * 1000

    from ui.settings.keys import Settings
    from ui.shell.bus import ChangeBus
    from ui.shell.pages import PAGES
    from ui.statistics.page import StatisticsPage

    database = open_database(args.db)
    spec = next(s for s in PAGES if s.key == "statistics")
    page = StatisticsPage(spec, Settings(), ChangeBus())
    page.resize(1366, 700)
    page.show()
    page.set_database(database)
    page.month_picker.set_month(month.year, month.month)
    QApplication.processEvents()

    def open_month() -> None:
        # As on screen: the charts' draw is requested by draw_idle and done by their paint.
        page.refresh()
        page.repaint()
        for chart in page.charts:
            chart._draw_idle()  # the pending draw, if the repaint did not reach it; once either way

    def tables_only() -> None:
        # Figures, tiles and tables painted (the charts hidden, so not drawn).
        page.charts_box.setVisible(False)
        page.refresh()
        page.repaint()
        page.charts_box.setVisible(True)

    def floor() -> None:
        conn = sqlite3.connect(args.db)
        conn.execute(
            "SELECT p.id, p.name, l.name, u.name, p.annual_plan, p.planned_start, p.actual_start,"
            " p.planned_finish, p.actual_finish, p.bond_issued FROM project p"
            " JOIN project_list l ON l.id = p.list_id LEFT JOIN unit u ON u.id = p.lead_unit_id"
            " WHERE p.deleted_at IS NULL"
        ).fetchall()
        conn.execute(
            "SELECT project_id, month, investment_year, investment_month FROM monthly_report"
            " WHERE year = ? AND month <= ?",
            (month.year, month.month),
        ).fetchall()
        conn.execute(
            "SELECT project_id, planned_start, planned_finish, actual_start, actual_finish"
            " FROM milestone"
        ).fetchall()
        conn.execute("SELECT id, project_id, raised_on, deadline, state FROM problem").fetchall()
        conn.close()

    open_month()  # warm
    stats = page.stats
    assert stats is not None
    projects = stats.total.projects
    shown = median_ms(open_month, args.runs)
    tables = median_ms(tables_only, args.runs)
    base = median_ms(floor, args.runs)
    from app.statistics.month_statistics import month_statistics

    def figures_only() -> None:
        with database.sessions() as session:
            month_statistics(
                session, page.campaign_id, month, page._settings.warning_settings()
            )

    figures = median_ms(figures_only, args.runs)
    print(f"\n{args.db.name}: {projects} projects, statistics as of {month.label}")
    print(f"  first chart import (matplotlib, Qt backend, font)  {first_import:7.1f} ms")
    print(
        f"  page: figures, tables, three charts drawn   {shown:7.1f} ms   "
        f"sqlite3 floor {base:6.1f} ms  ratio {shown / base:4.1f}×   (goal ≤ 500 ms)"
    )
    print(f"    of which the figures (app/statistics)     {figures:7.1f} ms")
    print(f"    figures, tiles and tables painted         {tables:7.1f} ms   (charts follow)")

    from ui.bulletin.make import chart_images, make_bulletin

    out = Path(tempfile.mkdtemp(prefix="bulletin-"))
    bulletin = median_ms(lambda: make_bulletin(stats, out, dt.date.today()), max(3, args.runs // 2))
    charts_only = median_ms(lambda: chart_images(stats), max(3, args.runs // 2))
    pdf = next(out.glob("*.pdf"))
    print(
        f"  bulletin: workbook + {pdf.stat().st_size // 1024} KB PDF         {bulletin:7.1f} ms   "
        f"charts-only floor {charts_only:6.1f} ms  ratio {bulletin / charts_only:4.1f}×   "
        "(goal ≤ 5,000 ms)"
    )
    database.close()
    del app


if __name__ == "__main__":
    main()
