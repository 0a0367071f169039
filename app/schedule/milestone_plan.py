"""A project's milestones being edited: recomputed as the clerk types, saved all at once."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.infra.errors import UserError
from app.schedule.calendar import DayCalendar, HolidayTable
from app.schedule.engine import Link, Task, Timing, schedule
from app.schedule.holidays import calendar_for, load_holiday_table
from db.enums import CalendarKind, MilestoneState
from db.models import Milestone, MilestoneDependency, Project

_PREDECESSOR = re.compile(r"^(\d+)([+-]\d+)?$")


@dataclass
class PlanRow:
    """One milestone as edited; `timing` is filled by recompute()."""

    name: str
    duration: int
    predecessors: list[tuple[int, int]] = field(default_factory=list)  # (row number, lag)
    target: dt.date | None = None
    actual_start: dt.date | None = None
    actual_finish: dt.date | None = None
    kind: str | None = None
    milestone_id: int | None = None
    timing: Timing | None = None

    @property
    def state(self) -> MilestoneState:
        """Follows the actual dates."""
        if self.actual_finish is not None:
            return MilestoneState.DONE
        if self.actual_start is not None:
            return MilestoneState.IN_PROGRESS
        return MilestoneState.NOT_STARTED


def predecessors_text(links: list[tuple[int, int]]) -> str:
    """'1, 3+5' for predecessors 1 (no lag) and 3 (lag 5 days)."""
    return ", ".join(f"{n}{lag:+d}" if lag else str(n) for n, lag in links)


def parse_predecessors(text: str, own: int, count: int) -> list[tuple[int, int]]:
    """Row numbers with optional lag, '1, 3+5' or '2-3'; refused with a message naming the part."""
    links = []
    cleaned = unicodedata.normalize("NFKC", text).replace("，", ",").replace("、", ",")
    for part in (p.strip() for p in cleaned.split(",")):
        if not part:
            continue
        match = _PREDECESSOR.match(part.replace(" ", ""))
        if match is None:
            raise UserError(f"前置节点「{part}」无法识别：写节点序号，如 1，或带搭接天数如 1+5。")
        number, lag = int(match.group(1)), int(match.group(2) or 0)
        if not 1 <= number <= count:
            raise UserError(f"前置节点「{part}」：没有第 {number} 个节点。")
        if number == own:
            raise UserError(f"第 {own} 个节点不能以它自己为前置节点。")
        links.append((number, lag))
    return links


@dataclass
class MilestonePlan:
    """All milestones of one project, with the calendar they are counted in."""

    project_id: int
    project_name: str
    rows: list[PlanRow]
    calendar: DayCalendar
    today: dt.date
    calendar_kind: CalendarKind = CalendarKind.CALENDAR
    holidays: HolidayTable = field(default_factory=HolidayTable)
    problem: str | None = None  # why the last recompute failed (a cycle …)
    notes: list[str] = field(default_factory=list)

    def set_calendar(self, kind: CalendarKind) -> None:
        """Count in calendar days or working days from now on."""
        self.calendar_kind = kind
        self.calendar = calendar_for(kind, self.holidays)
        self.recompute()

    def insert_row(self, index: int, row: PlanRow) -> None:
        """Insert before position `index` (0-based), renumbering the links after it."""
        for other in self.rows:
            other.predecessors = [(n + 1 if n > index else n, lag) for n, lag in other.predecessors]
        self.rows.insert(index, row)
        self.recompute()

    def remove_row(self, index: int) -> None:
        """Remove position `index` (0-based) and every link to it."""
        number = index + 1
        del self.rows[index]
        for other in self.rows:
            other.predecessors = [
                (n - 1 if n > number else n, lag) for n, lag in other.predecessors if n != number
            ]
        self.recompute()

    def move_row(self, index: int, offset: int) -> None:
        """Swap position `index` with its neighbour (offset −1 or +1), links following."""
        other = index + offset
        if not 0 <= other < len(self.rows):
            return
        a, b = index + 1, other + 1
        swap = {a: b, b: a}
        for row in self.rows:
            row.predecessors = [(swap.get(n, n), lag) for n, lag in row.predecessors]
        self.rows[index], self.rows[other] = self.rows[other], self.rows[index]
        self.recompute()

    def use_template_steps(self, steps: list[tuple[str, str | None, int]], target: dt.date) -> None:
        """Replace the rows by a chain of (name, kind, duration), the last due by `target`."""
        self.rows = [
            PlanRow(name, duration, [(number, 0)] if number else [], kind=kind)
            for number, (name, kind, duration) in enumerate(steps)
        ]
        if self.rows:
            self.rows[-1].target = target
        self.recompute()

    def recompute(self) -> None:
        """Run the engine on the rows as they stand; keep the message if it refuses."""
        tasks = [
            Task(
                index,
                row.name or f"节点{index}",
                row.duration,
                row.target,
                row.actual_start,
                row.actual_finish,
            )
            for index, row in enumerate(self.rows, start=1)
        ]
        links = [
            Link(number, index, lag)
            for index, row in enumerate(self.rows, start=1)
            for number, lag in row.predecessors
            if 1 <= number <= len(self.rows)
        ]
        try:
            result = schedule(tasks, links, self.calendar, self.today)
        except UserError as exc:
            self.problem = exc.message
            for row in self.rows:
                row.timing = None
            return
        self.problem = None
        self.notes = result.warnings
        for index, row in enumerate(self.rows, start=1):
            row.timing = result.timings[index]


def load_plan(session: Session, project_id: int, today: dt.date) -> MilestonePlan:
    """The project's milestones in order, computed."""
    project = session.get(Project, project_id)
    if project is None:
        raise UserError("项目不存在（可能已被删除）。")
    milestones = list(
        session.scalars(
            select(Milestone).where(Milestone.project_id == project_id).order_by(Milestone.seq)
        )
    )
    position = {m.id: index for index, m in enumerate(milestones, start=1)}
    rows = [
        PlanRow(
            name=m.name,
            duration=m.duration_days,
            predecessors=[(position[d.predecessor_id], d.lag_days) for d in m.predecessors],
            target=m.target_date,
            actual_start=m.actual_start,
            actual_finish=m.actual_finish,
            kind=m.kind,
            milestone_id=m.id,
        )
        for m in milestones
    ]
    holidays = load_holiday_table(session)
    calendar = calendar_for(project.calendar, holidays)
    plan = MilestonePlan(
        project.id, project.name, rows, calendar, today, project.calendar, holidays
    )
    plan.recompute()
    return plan


def save_plan(session: Session, plan: MilestonePlan) -> None:
    """Write the edited milestones, their links and their computed dates in one transaction."""
    plan.recompute()
    if plan.problem:
        raise UserError(plan.problem)
    for index, row in enumerate(plan.rows, start=1):
        if not row.name.strip():
            raise UserError(f"第 {index} 个节点没有名称。")
        if row.actual_start and row.actual_finish and row.actual_finish < row.actual_start:
            raise UserError(f"第 {index} 个节点「{row.name}」的实际完成早于实际开始。")
    project = session.get(Project, plan.project_id)
    if project is None:
        raise UserError("项目不存在（可能已被删除）。")
    project.calendar = plan.calendar_kind
    existing = {
        m.id: m
        for m in session.scalars(select(Milestone).where(Milestone.project_id == plan.project_id))
    }
    kept = {row.milestone_id for row in plan.rows if row.milestone_id in existing}
    for milestone_id, milestone in existing.items():
        if milestone_id not in kept:
            session.delete(milestone)
    for milestone in existing.values():
        milestone.predecessors.clear()
        milestone.seq = -milestone.id  # free the seq numbers before renumbering
    session.flush()
    saved: list[Milestone] = []
    for index, row in enumerate(plan.rows, start=1):
        milestone = existing.get(row.milestone_id or -1) or Milestone(project_id=plan.project_id)
        timing = row.timing
        assert timing is not None
        milestone.seq = index
        milestone.name = row.name.strip()
        milestone.kind = row.kind
        milestone.duration_days = row.duration
        milestone.target_date = row.target
        milestone.actual_start = row.actual_start
        milestone.actual_finish = row.actual_finish
        milestone.state = row.state
        milestone.planned_start = timing.latest_start or timing.earliest_start
        milestone.planned_finish = timing.latest_finish or timing.earliest_finish
        session.add(milestone)
        saved.append(milestone)
    session.flush()
    for index, row in enumerate(plan.rows, start=1):
        for number, lag in row.predecessors:
            saved[index - 1].predecessors.append(
                MilestoneDependency(predecessor_id=saved[number - 1].id, lag_days=lag)
            )
    session.commit()
    for row, milestone in zip(plan.rows, saved, strict=True):
        row.milestone_id = milestone.id
