"""项目卡片 page at 2,000 and 10,000 projects: open, a search keystroke, a sort, a scroll.

    python bench/make_data.py --out bench/out/projects-2000.db --projects 2000
    python bench/make_data.py --out bench/out/projects-10000.db --projects 10000
    QT_QPA_PLATFORM=offscreen python bench/projects_page.py [--db FILE ...]

"Open" is what the page does when shown: read the cards (projects, milestones for the colours,
latest reports, open problems), fill the model and paint the card wall. The floor is sqlite3
reading the project columns into a list. A keystroke is the work after the typing pause: filter
and repaint. Sorts are in Python (no proxy model); the floor is `sorted` of plain tuples.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.infra.database import open_database
from app.projects.filter import ProjectFilter
from bench.timing import median_ms

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [ROOT / "bench" / "out" / f"projects-{n}.db" for n in (2000, 10000)]


def bench(path: Path, runs: int) -> None:
    """Print the figures for one database."""
    from ui.projects.page import ProjectsPage
    from ui.settings.keys import Settings
    from ui.shell.bus import ChangeBus
    from ui.shell.pages import PAGES

    database = open_database(path)
    spec = next(s for s in PAGES if s.key == "projects")
    page = ProjectsPage(spec, Settings(), ChangeBus())
    page.resize(1366, 700)
    page.show()
    page.set_database(database)
    QApplication.processEvents()
    count = len(page.model.all_cards)

    def floor_open() -> None:
        conn = sqlite3.connect(path)
        conn.execute(
            "SELECT p.id, p.code, p.name, p.list_id, l.name, p.stage, p.level, u.name,"
            " p.total_investment, p.annual_plan, p.planned_start, p.planned_finish"
            " FROM project p JOIN project_list l ON l.id = p.list_id"
            " LEFT JOIN unit u ON u.id = p.lead_unit_id WHERE p.deleted_at IS NULL"
        ).fetchall()
        conn.close()

    def open_page() -> None:
        page.refresh()
        page.wall.viewport().repaint()

    def colour_cards() -> None:
        assert page.card_set is not None
        page._load_status(page.card_set)  # the step the page runs right after its first paint
        page.wall.viewport().repaint()

    floor = median_ms(floor_open, runs)
    opened = median_ms(open_page, runs)
    coloured = median_ms(lambda: (open_page(), colour_cards()), runs) - opened
    print(f"\n{path.name}: {count} projects")
    print(
        f"  open: cards painted          {opened:7.1f} ms   sqlite3 floor {floor:6.1f} ms  "
        f"ratio {opened / floor:4.1f}×"
    )
    print(
        f"  then coloured (2nd step)     {coloured:7.1f} ms   page complete after "
        f"{opened + coloured:.0f} ms"
    )

    plain = [(c.name, c.total_investment) for c in page.model.all_cards]

    def keystroke(text: str) -> None:
        page.model.set_filter(ProjectFilter(search=text))
        page.wall.viewport().repaint()

    def after(setup: Callable[[], object], fn: Callable[[], object]) -> float:
        """Median ms of `fn`, each run after an untimed `setup`."""
        samples = []
        for _ in range(runs):
            setup()
            began = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - began) * 1000)
        return statistics.median(samples)

    def floor_filter() -> None:
        _ = [row for row in plain if "空" in row[0]]

    def floor_sort() -> None:
        sorted(plain, key=lambda r: r[0])

    clear = lambda: keystroke("")  # noqa: E731
    key1 = after(clear, lambda: keystroke("k"))
    key2 = after(lambda: keystroke("k"), lambda: keystroke("kg"))
    key_plain = median_ms(floor_filter, runs)
    print(
        f"  keystroke '' → 'k' (pinyin)  {key1:7.1f} ms   'k' → 'kg' {key2:6.1f} ms  "
        f"(plain substring filter {key_plain:.1f} ms)"
    )
    page.model.set_filter(ProjectFilter())
    page.set_view("table")
    QApplication.processEvents()

    def sort(column: int, order: Qt.SortOrder) -> None:
        page.model.sort(column, order)
        page.table.view.viewport().repaint()

    names = (
        median_ms(
            lambda: (sort(0, Qt.SortOrder.AscendingOrder), sort(0, Qt.SortOrder.DescendingOrder)),
            runs,
        )
        / 2
    )
    totals = (
        median_ms(
            lambda: (sort(9, Qt.SortOrder.AscendingOrder), sort(9, Qt.SortOrder.DescendingOrder)),
            runs,
        )
        / 2
    )
    print(
        f"  sort by name (pinyin order)  {names:7.1f} ms   by total {totals:6.1f} ms  "
        f"(plain sorted() of tuples {median_ms(floor_sort, runs):.1f} ms)"
    )
    page.set_view("cards")
    QApplication.processEvents()
    bar = page.wall.verticalScrollBar()

    def scroll() -> None:
        bar.setValue((bar.value() + bar.pageStep()) % max(bar.maximum(), 1))
        page.wall.viewport().repaint()

    print(f"  scroll the card wall a page  {median_ms(scroll, runs * 3):7.1f} ms")
    page.close()
    database.close()


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, nargs="*", default=DEFAULT)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    QApplication.instance() or QApplication(sys.argv[:1])
    for path in args.db:
        if not path.exists():
            sys.exit(f"{path} missing: run bench/make_data.py --out {path} --projects N")
        os.environ.setdefault("GONGJIAN_DATA_DIR", str(path.parent / "bench-data"))
        Path(os.environ["GONGJIAN_DATA_DIR"]).mkdir(exist_ok=True)
        bench(path, args.runs)


if __name__ == "__main__":
    main()
