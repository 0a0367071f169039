"""Where everything of the wall chart lies: rows, columns, dates to x, bars, and hit-testing."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF

from app.schedule.wall_chart_model import ChartGroup, ChartMilestone, ChartRow, WallChart

DEFAULT_COLUMNS: list[tuple[str, float]] = [
    ("序号", 44.0),
    ("项目名称", 232.0),
    ("责任单位", 100.0),
    ("包联领导", 72.0),
]
HEADER_HEIGHT = 44.0
GROUP_HEIGHT = 26.0
ROW_HEIGHT = 28.0
BAR_HEIGHT = 12.0
MARGIN_DAYS = 10
MIN_COLUMN_WIDTH = 30.0


@dataclass(frozen=True)
class Slot:
    """One horizontal band of the chart: a list's header or a project."""

    top: float
    height: float
    group: ChartGroup | None = None
    row: ChartRow | None = None


class ChartGeometry:
    """Content coordinates: x from the first day of the timeline, y from the first row."""

    def __init__(
        self,
        chart: WallChart,
        px_per_day: float,
        column_widths: list[float] | None = None,
    ) -> None:
        self.chart = chart
        self.px_per_day = px_per_day
        self.column_widths = column_widths or [w for _, w in DEFAULT_COLUMNS]
        first, last = chart.span()
        self.origin = first - dt.timedelta(days=MARGIN_DAYS)
        self.end = last + dt.timedelta(days=MARGIN_DAYS)
        self.slots: list[Slot] = []
        y = 0.0
        for group in chart.groups:
            self.slots.append(Slot(y, GROUP_HEIGHT, group=group))
            y += GROUP_HEIGHT
            for row in group.rows:
                self.slots.append(Slot(y, ROW_HEIGHT, row=row))
                y += ROW_HEIGHT
        self._tops = [slot.top for slot in self.slots]
        self.content_height = y

    @property
    def frozen_width(self) -> float:
        """Width of the frozen columns."""
        return sum(self.column_widths)

    @property
    def timeline_width(self) -> float:
        """Width of the whole timeline at this zoom."""
        return ((self.end - self.origin).days + 1) * self.px_per_day

    def x_of(self, day: dt.date) -> float:
        """x of the start of `day`."""
        return (day - self.origin).days * self.px_per_day

    def date_at(self, x: float) -> dt.date:
        """The day under x."""
        return self.origin + dt.timedelta(days=int(x // self.px_per_day))

    def slots_between(self, top: float, bottom: float) -> list[Slot]:
        """Slots that overlap top…bottom (only those are painted)."""
        first = max(bisect_right(self._tops, top) - 1, 0)
        last = bisect_right(self._tops, bottom)
        return self.slots[first:last]

    def bar_rect(self, slot: Slot, milestone: ChartMilestone) -> QRectF:
        """The planned bar of a milestone (for a point milestone, the diamond's square)."""
        middle = slot.top + slot.height / 2
        if milestone.is_point:
            size = BAR_HEIGHT + 2
            centre = self.x_of(milestone.finish) + self.px_per_day / 2
            return QRectF(centre - size / 2, middle - size / 2, size, size)
        left = self.x_of(milestone.start)
        right = self.x_of(milestone.finish + dt.timedelta(days=1))
        return QRectF(left, middle - BAR_HEIGHT / 2, max(right - left, 2.0), BAR_HEIGHT)

    def hit(self, point: QPointF) -> tuple[Slot | None, ChartMilestone | None]:
        """The slot and milestone under a content point (milestone None when between bars)."""
        slots = self.slots_between(point.y(), point.y())
        slot = next((s for s in slots if s.top <= point.y() < s.top + s.height), None)
        if slot is None or slot.row is None:
            return slot, None
        for milestone in reversed(slot.row.milestones):  # the last painted is on top
            if self.bar_rect(slot, milestone).adjusted(-3, -4, 3, 4).contains(point):
                return slot, milestone
        return slot, None

    def slot_of_project(self, project_id: int) -> Slot | None:
        """The slot of a project, if shown."""
        return next((s for s in self.slots if s.row and s.row.project_id == project_id), None)
