"""问题台账 with 20,000 problems: opening the page, filtering and sorting, against plain sqlite3.

    python bench/make_data.py --out bench/out/ledger.db --problems 20000
    QT_QPA_PLATFORM=offscreen python bench/problem_ledger.py [--db bench/out/ledger.db]

"Open" is what the page does when shown: read the rows (column query), fill the model, paint.
The floor is sqlite3 reading the same columns into a list.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.infra.database import open_database
from app.problems.ledger import LedgerFilter
from bench.timing import median_ms
from db.enums import ProblemState

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "ledger.db")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    if not args.db.exists():
        sys.exit(f"{args.db} missing: run bench/make_data.py --out {args.db} --problems 20000")
    os.environ.setdefault("GONGJIAN_DATA_DIR", str(args.db.parent / "bench-data"))
    app = QApplication.instance() or QApplication(sys.argv[:1])

    def floor() -> None:
        conn = sqlite3.connect(args.db)
        conn.execute(
            "SELECT p.id, p.project_id, j.name, p.type, p.description, u.name, p.level,"
            " p.raised_on, p.deadline, p.state"
            " FROM problem p JOIN project j ON j.id = p.project_id"
            " LEFT JOIN unit u ON u.id = p.lead_unit_id"
        ).fetchall()
        conn.close()

    from ui.problems.page import ProblemsPage
    from ui.settings.keys import Settings
    from ui.shell.bus import ChangeBus
    from ui.shell.pages import PAGES

    database = open_database(args.db, operator="bench")
    page = ProblemsPage(next(p for p in PAGES if p.key == "problems"), Settings(), ChangeBus())
    page.resize(1920, 1000)
    page.set_database(database)

    def open_page() -> None:
        page.reload()
        page.table.viewport().grab()  # the first paint of the visible rows

    page.show()
    app.processEvents()
    open_page()  # warm: mappers, statement cache
    print(f"problems: {len(page.model.all_rows):,}")
    base = median_ms(floor, args.runs)
    opened = median_ms(open_page, args.runs)
    print(f"plain sqlite3 reading the same columns: {base:6.1f} ms")
    print(
        f"open the ledger (query + model + paint): {opened:6.1f} ms ({opened / base:.1f}x)"
        " goal <= 300 ms"
    )
    filled = median_ms(page.load_progress, args.runs)
    print(f"then the 最新进展 column, filled after the first paint: {filled:6.1f} ms")
    filters = [
        LedgerFilter(states=frozenset({ProblemState.IN_HAND})),
        LedgerFilter(overdue_only=True),
        LedgerFilter(search="施工许可"),
        LedgerFilter(search="sgxk"),  # pinyin initials
        LedgerFilter(),
    ]
    for ledger_filter in filters:
        # Each timed call starts from another filter, so it does the whole job (no cached repeat).
        other = (
            LedgerFilter(overdue_only=True) if ledger_filter == LedgerFilter() else LedgerFilter()
        )
        samples = []
        for _ in range(args.runs):
            page.model.set_filter(other)
            began = time.perf_counter()
            page.model.set_filter(ledger_filter)
            samples.append((time.perf_counter() - began) * 1000)
        label = ledger_filter.search or (
            "overdue" if ledger_filter.overdue_only else "state" if ledger_filter.states else "none"
        )
        print(
            f"filter {label:10s}: {statistics.median(samples):6.1f} ms -> "
            f"{len(page.model.rows):,} rows (goal <= 50 ms)"
        )
    from app.search import pinyin as pinyin_search

    for cache in (pinyin_search.initials, pinyin_search._full_key, pinyin_search._plain_key):
        cache.cache_clear()
    page.model.set_filter(LedgerFilter())
    began = time.perf_counter()
    page.model.set_filter(LedgerFilter(search="s"))
    cold = (time.perf_counter() - began) * 1000
    print(f"first Latin keystroke if nothing were prepared: {cold:6.1f} ms")
    for cache in (pinyin_search.initials, pinyin_search._full_key, pinyin_search._plain_key):
        cache.cache_clear()
    chunks = []
    for start in range(0, len(page.model.all_rows), 2000):
        # What the page does a chunk per event-loop turn after the first paint.
        began = time.perf_counter()
        for row in page.model.all_rows[start : start + 2000]:
            pinyin_search.prepare((row.description, row.project, row.unit))
        chunks.append((time.perf_counter() - began) * 1000)
    print(
        f"search keys prepared after the first paint: {sum(chunks):6.1f} ms in {len(chunks)}"
        f" chunks, the longest {max(chunks):5.1f} ms"
    )
    page.model.set_filter(LedgerFilter())
    began = time.perf_counter()
    page.model.set_filter(LedgerFilter(search="s"))
    first = (time.perf_counter() - began) * 1000
    print(f"first Latin keystroke as the page runs it: {first:6.1f} ms (goal <= 50 ms)")
    for word in ("sgxk", "施工许可"):
        # Typing the search a keystroke at a time, from an empty box; the slowest keystroke.
        slowest = 0.0
        for _ in range(args.runs):
            page.model.set_filter(LedgerFilter())
            for end in range(1, len(word) + 1):
                began = time.perf_counter()
                page.model.set_filter(LedgerFilter(search=word[:end]))
                slowest = max(slowest, (time.perf_counter() - began) * 1000)
        print(
            f"typing {word!r}: slowest keystroke {slowest:6.1f} ms over {args.runs} runs"
            " (goal <= 50 ms)"
        )
    page.model.set_filter(LedgerFilter())  # sort all 20,000 rows
    for column, name in ((7, "deadline"), (1, "project"), (8, "state")):
        spent = median_ms(
            lambda c=column: page.model.sort(c, Qt.SortOrder.AscendingOrder), args.runs
        )
        print(f"sort by {name:9s}: {spent:6.1f} ms (goal <= 50 ms)")
    database.close()
    del app


if __name__ == "__main__":
    main()
