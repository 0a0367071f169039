"""Backward pass (latest dates from targets), forward pass (earliest, from actuals and today).

Durations count days of the project's calendar, both ends included: a 10-day milestone starting
on 6月1日 finishes on 6月10日. A duration of 0 is a point milestone (start = finish). A link is
finish-to-start: the successor may start the day after its predecessor finishes (the same day,
after a point milestone), plus the lag (negative lag overlaps).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from app.infra.errors import UserError
from app.schedule.calendar import DayCalendar


@dataclass(frozen=True)
class Task:
    """A milestone as the engine sees it."""

    key: Hashable
    name: str
    duration: int
    target: dt.date | None = None  # must finish by
    actual_start: dt.date | None = None
    actual_finish: dt.date | None = None


@dataclass(frozen=True)
class Link:
    """Finish-to-start dependency with a lag in calendar units."""

    predecessor: Hashable
    successor: Hashable
    lag: int = 0


@dataclass(frozen=True)
class Timing:
    """Computed dates of one milestone; slack in the calendar's units (negative: target missed)."""

    latest_start: dt.date | None
    latest_finish: dt.date | None
    earliest_start: dt.date
    earliest_finish: dt.date
    slack: int | None


@dataclass
class Schedule:
    """The result for a set of milestones."""

    timings: dict[Hashable, Timing]
    unit: str
    warnings: list[str] = field(default_factory=list)


def _span(duration: int) -> int:
    """Index distance from a milestone's start to its finish."""
    return max(duration - 1, 0)


def _gap(duration: int) -> int:
    """Index distance from a predecessor's finish to the earliest start of its successor."""
    return 1 if duration > 0 else 0


def schedule(
    tasks: Iterable[Task], links: Iterable[Link], calendar: DayCalendar, today: dt.date
) -> Schedule:
    """Latest dates backwards from every target, earliest dates forwards from actuals and today."""
    by_key = {task.key: task for task in tasks}
    successors: dict[Hashable, list[Link]] = defaultdict(list)
    predecessors: dict[Hashable, list[Link]] = defaultdict(list)
    for link in links:
        if link.predecessor not in by_key or link.successor not in by_key:
            raise UserError("依赖关系指向了不存在的节点。")
        if link.predecessor == link.successor:
            raise UserError(f"节点「{by_key[link.predecessor].name}」不能依赖它自己。")
        successors[link.predecessor].append(link)
        predecessors[link.successor].append(link)
    for task in by_key.values():
        if task.duration < 0:
            raise UserError(f"节点「{task.name}」的工期不能为负数（{task.duration}）。")
    order = _topological_order(by_key, successors, predecessors)
    latest_finish = _backward_pass(order, by_key, successors, calendar)
    earliest_start, earliest_finish = _forward_pass(order, by_key, predecessors, calendar, today)

    timings = {}
    for key in order:
        task = by_key[key]
        finish_bound = latest_finish[key]
        timings[key] = Timing(
            latest_start=(
                calendar.day_at(finish_bound - _span(task.duration))
                if finish_bound is not None
                else None
            ),
            latest_finish=calendar.day_at(finish_bound) if finish_bound is not None else None,
            earliest_start=calendar.day_at(earliest_start[key]),
            earliest_finish=calendar.day_at(earliest_finish[key]),
            slack=finish_bound - earliest_finish[key] if finish_bound is not None else None,
        )
    warnings = [
        f"排期用到了 {year} 年，但还没有录入该年的法定节假日和调休安排，"
        "这一年暂按普通周末计算。请在“设置 → 节假日”中补录。"
        for year in sorted(calendar.years_without_data())
    ]
    return Schedule(timings, calendar.unit, warnings)


def _backward_pass(
    order: list[Hashable],
    by_key: dict[Hashable, Task],
    successors: dict[Hashable, list[Link]],
    calendar: DayCalendar,
) -> dict[Hashable, int | None]:
    """Each milestone's latest finish (a day index) from its target and its successors' starts."""
    latest_finish: dict[Hashable, int | None] = {}
    for key in reversed(order):
        task = by_key[key]
        bounds = [calendar.index_on_or_before(task.target)] if task.target else []
        for link in successors[key]:
            successor_finish = latest_finish[link.successor]
            if successor_finish is not None:
                successor_start = successor_finish - _span(by_key[link.successor].duration)
                bounds.append(successor_start - link.lag - _gap(task.duration))
        latest_finish[key] = min(bounds) if bounds else None
    return latest_finish


def _forward_pass(
    order: list[Hashable],
    by_key: dict[Hashable, Task],
    predecessors: dict[Hashable, list[Link]],
    calendar: DayCalendar,
    today: dt.date,
) -> tuple[dict[Hashable, int], dict[Hashable, int]]:
    """Each milestone's earliest start and finish (day indexes) from actuals, today and links."""
    today_index = calendar.index_on_or_after(today)
    earliest_finish: dict[Hashable, int] = {}
    earliest_start: dict[Hashable, int] = {}
    for key in order:
        task = by_key[key]
        if task.actual_finish is not None:
            finish = calendar.index_on_or_before(task.actual_finish)
            start = (
                calendar.index_on_or_after(task.actual_start)
                if task.actual_start
                else finish - _span(task.duration)
            )
        elif task.actual_start is not None:
            start = calendar.index_on_or_after(task.actual_start)
            # Not finished yet: it cannot finish before today.
            finish = max(start + _span(task.duration), today_index)
        else:
            start = today_index
            for link in predecessors[key]:
                before = by_key[link.predecessor]
                ready_at = earliest_finish[link.predecessor] + _gap(before.duration) + link.lag
                start = max(start, ready_at)
            finish = start + _span(task.duration)
        earliest_start[key], earliest_finish[key] = start, finish
    return earliest_start, earliest_finish


def _topological_order(
    by_key: dict[Hashable, Task],
    successors: dict[Hashable, list[Link]],
    predecessors: dict[Hashable, list[Link]],
) -> list[Hashable]:
    """Kahn's order; a cycle is refused with the names of the milestones in it."""
    incoming = {key: 0 for key in by_key}
    for links in successors.values():
        for link in links:
            incoming[link.successor] += 1
    ready = deque(key for key, count in incoming.items() if count == 0)
    order = []
    while ready:
        key = ready.popleft()
        order.append(key)
        for link in successors[key]:
            incoming[link.successor] -= 1
            if incoming[link.successor] == 0:
                ready.append(link.successor)
    if len(order) < len(by_key):
        cycle = _find_cycle([k for k, c in incoming.items() if c > 0], predecessors)
        names = " → ".join(by_key[key].name for key in cycle)
        raise UserError(f"节点之间存在循环依赖：{names}。请删除其中一条依赖关系。")
    return order


def _find_cycle(
    remaining: list[Hashable], predecessors: dict[Hashable, list[Link]]
) -> list[Hashable]:
    """One cycle among the nodes Kahn's algorithm could not order, closed (first = last)."""
    inside = set(remaining)
    node = remaining[0]
    seen: dict[Hashable, int] = {}
    path: list[Hashable] = []
    # Every node left over still has a left-over predecessor (that is why it was left over), so
    # walking predecessors never stops and must come back to a node already seen.
    while node not in seen:
        seen[node] = len(path)
        path.append(node)
        node = next(link.predecessor for link in predecessors[node] if link.predecessor in inside)
    cycle = path[seen[node] :]
    cycle.reverse()  # walked backwards; name it in the direction of the dependencies
    return [*cycle, cycle[0]]
