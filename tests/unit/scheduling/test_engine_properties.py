"""Properties of the passes on random acyclic milestone networks (hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from app.schedule.calendar import CalendarDays, DayCalendar, HolidayTable, WorkingDays
from app.schedule.engine import Link, Schedule, Task, schedule

BASE = dt.date(2022, 3, 1)
HOLIDAYS = HolidayTable(
    holidays={dt.date(2022, 5, d) for d in range(1, 5)}
    | {dt.date(2022, 10, d) for d in range(1, 8)},
    makeup_workdays={dt.date(2022, 4, 24), dt.date(2022, 5, 7), dt.date(2022, 10, 8)},
    years={2022, 2023},
)
WORKING = WorkingDays(HOLIDAYS)


@st.composite
def networks(draw: st.DrawFn) -> tuple[list[Task], list[Link]]:
    """Random DAGs: links only go from a lower to a higher position, so there is no cycle."""
    size = draw(st.integers(1, 12))
    tasks = [
        Task(
            i,
            f"节点{i}",
            draw(st.integers(0, 40)),
            target=(BASE + dt.timedelta(days=draw(st.integers(60, 400))))
            if draw(st.booleans())
            else None,
        )
        for i in range(size)
    ]
    pairs = [(i, j) for i in range(size) for j in range(i + 1, size)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=20)) if pairs else []
    links = [Link(i, j, draw(st.integers(-3, 10))) for i, j in chosen]
    return tasks, links


def _index(calendar: DayCalendar, day: dt.date) -> int:
    return calendar.index_on_or_before(day)


def _check_latest_dates(
    tasks: list[Task], links: list[Link], result: Schedule, cal: DayCalendar
) -> None:
    by_key = {t.key: t for t in tasks}
    for link in links:
        before, after = result.timings[link.predecessor], result.timings[link.successor]
        if before.latest_finish is None or after.latest_start is None:
            continue
        gap = 1 if by_key[link.predecessor].duration > 0 else 0
        assert _index(cal, before.latest_finish) <= _index(cal, after.latest_start) - link.lag - gap
    for task in tasks:
        timing = result.timings[task.key]
        if task.target is not None:
            assert timing.latest_finish is not None and timing.latest_finish <= task.target
        if timing.latest_finish is not None and timing.latest_start is not None:
            span = max(task.duration - 1, 0)
            assert _index(cal, timing.latest_finish) - _index(cal, timing.latest_start) == span


@settings(max_examples=150, deadline=None)
@given(networks())
def test_latest_dates_respect_successors_lags_and_targets(
    network: tuple[list[Task], list[Link]],
) -> None:
    tasks, links = network
    for calendar in (CalendarDays(), WORKING):
        result = schedule(tasks, links, calendar, today=BASE)
        _check_latest_dates(tasks, links, result, calendar)


@settings(max_examples=150, deadline=None)
@given(networks())
def test_feasible_targets_are_met(network: tuple[list[Task], list[Link]]) -> None:
    """Starting no later than every latest start, no milestone runs out of slack."""
    tasks, links = network
    for calendar in (CalendarDays(), WORKING):
        first = schedule(tasks, links, calendar, today=BASE)
        starts = [t.latest_start for t in first.timings.values() if t.latest_start is not None]
        today = min([BASE, *starts])
        result = schedule(tasks, links, calendar, today=today)
        for task in tasks:
            timing = result.timings[task.key]
            if timing.slack is not None:
                assert timing.slack >= 0
            if task.target is not None:
                assert timing.earliest_finish <= task.target
