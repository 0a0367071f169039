"""What the wall chart shows: plain data, no database (so the window loads without the ORM)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from app.projects.filter import FilterFields, ProjectFilter
from app.schedule.calendar import HolidayTable
from app.schedule.warning_colours import Colour
from db.enums import MilestoneState


class ChartMilestone(NamedTuple):
    """One bar (or diamond) of the chart (a tuple: tens of thousands are built per load)."""

    id: int
    name: str
    start: dt.date  # planned (latest) start
    finish: dt.date  # planned (latest) finish
    duration: int
    state: MilestoneState
    colour: Colour
    actual_start: dt.date | None = None
    actual_finish: dt.date | None = None
    target: dt.date | None = None
    slack: int | None = None
    earliest_finish: dt.date | None = None
    predecessor_ids: tuple[int, ...] = ()

    @property
    def is_point(self) -> bool:
        """Drawn as a diamond: a one-day or zero-day step such as 开工 or 投产."""
        return self.duration <= 1


@dataclass(frozen=True)
class ChartRow:
    """One project: its frozen columns and its milestones."""

    project_id: int
    number: int  # 序号 within its list
    name: str
    unit: str
    leader: str
    colour: Colour
    milestones: tuple[ChartMilestone, ...]
    filter_fields: FilterFields


@dataclass(frozen=True)
class ChartGroup:
    """A project list with its rows."""

    list_id: int
    name: str  # the list's name, e.g. 力促开工项目
    title: str  # as shown: 附表3  力促开工项目（13个）
    rows: tuple[ChartRow, ...]


@dataclass(frozen=True)
class WallChart:
    """Everything the painter needs."""

    title: str
    as_of: dt.date
    campaign_start: dt.date | None
    campaign_end: dt.date | None
    groups: tuple[ChartGroup, ...]
    holidays: HolidayTable = field(default_factory=HolidayTable)
    unit_label: str = ""
    notes: tuple[str, ...] = ()  # e.g. a year without holiday data

    @property
    def rows(self) -> list[ChartRow]:
        """All project rows in order."""
        return [row for group in self.groups for row in group.rows]

    def span(self) -> tuple[dt.date, dt.date]:
        """First and last day the chart must show (campaign and every bar)."""
        days = [self.as_of]
        if self.campaign_start and self.campaign_end:
            days += [self.campaign_start, self.campaign_end]
        for row in self.rows:
            for m in row.milestones:
                days += [m.start, m.finish]
                if m.earliest_finish:
                    days.append(m.earliest_finish)
        return min(days), max(days)

    def filtered(self, project_filter: ProjectFilter) -> WallChart:
        """The same chart with only the projects the filter accepts (empty groups dropped)."""
        groups = []
        for group in self.groups:
            rows = tuple(r for r in group.rows if project_filter.accepts(r.filter_fields))
            if rows:
                groups.append(replace(group, rows=rows))
        return replace(self, groups=tuple(groups))
