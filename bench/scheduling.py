"""Scheduling 10,000 milestones: the engine against a bare backward pass over the same chains.

    python bench/scheduling.py [--milestones 10000] [--runs 7]

The floor does only integer arithmetic on one chain per project (no calendar, no validation, no
forward pass): what any engine must at least do.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.schedule.calendar import CalendarDays, HolidayTable, WorkingDays
from app.schedule.engine import Link, Task, schedule
from bench.timing import median_ms

TODAY = dt.date(2022, 7, 31)


def make_projects(milestones: int, per_project: int = 8) -> list[tuple[list[Task], list[Link]]]:
    """Chains of `per_project` milestones, each project due on a random day of 2023."""
    rng = random.Random(4)
    projects = []
    for p in range(milestones // per_project):
        target = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        tasks = [
            Task((p, i), f"节点{i}", rng.randint(1, 60), target if i == per_project - 1 else None)
            for i in range(per_project)
        ]
        links = [Link((p, i), (p, i + 1), rng.randint(0, 5)) for i in range(per_project - 1)]
        projects.append((tasks, links))
    return projects


def floor(projects: list[tuple[list[Task], list[Link]]]) -> int:
    """Backward pass of plain chains in ordinals."""
    total = 0
    for tasks, links in projects:
        finish = tasks[-1].target.toordinal()  # type: ignore[union-attr]
        for task, link in zip(reversed(tasks), [None, *reversed(links)], strict=True):
            if link is not None:
                finish -= link.lag + 1
            finish -= task.duration - 1
            total += finish
    return total


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--milestones", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    projects = make_projects(args.milestones)
    plain = CalendarDays()
    table = HolidayTable(
        holidays={dt.date(2022, 10, d) for d in range(1, 8)},
        makeup_workdays={dt.date(2022, 10, 8), dt.date(2022, 10, 9)},
        years={2022, 2023},
    )
    began = time.perf_counter()
    working = WorkingDays(table)
    build = time.perf_counter() - began

    def run(calendar: object) -> None:
        for tasks, links in projects:
            schedule(tasks, links, calendar, TODAY)  # type: ignore[arg-type]

    base = median_ms(lambda: floor(projects), args.runs)
    calendar_days = median_ms(lambda: run(plain), args.runs)
    working_days = median_ms(lambda: run(working), args.runs)
    count = sum(len(t) for t, _ in projects)
    print(f"{count:,} milestones in {len(projects):,} projects (medians of {args.runs})")
    print(f"floor (bare backward pass): {base:7.1f} ms")
    for label, spent in (("calendar days", calendar_days), ("working days", working_days)):
        print(f"engine, {label:13s}: {spent:7.1f} ms  ({spent / base:.1f}x floor)")
    print(f"building the working-day calendar once: {build * 1000:.0f} ms")
    print("goal: <= 100 ms for 10,000 milestones")


if __name__ == "__main__":
    main()
