"""问题台账 rows and filters: read with column queries, filtered and sorted in Python."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, NamedTuple

from sqlalchemy import Select, null, select
from sqlalchemy.orm import Session, selectinload

from app.schedule.warning_colours import Colour, WarningSettings, is_overdue, problem_colour
from app.search.pinyin import matcher
from app.values.date_format import iso_date, iso_minute
from db.enums import CoordinationLevel, ProblemState, ProblemType
from db.models import (
    Problem,
    ProblemEscalation,
    ProblemProgress,
    ProblemTransition,
    Project,
    ProjectList,
    Supervision,
    Unit,
)


class LedgerRow(NamedTuple):
    """One problem as the ledger lists it (a tuple: 20,000 are built per load)."""

    id: int
    project_id: int
    project: str
    list_id: int
    list_name: str
    type: ProblemType
    description: str
    unit_id: int | None
    unit: str
    level: CoordinationLevel
    raised_on: dt.date
    deadline: dt.date | None
    state: ProblemState
    colour: Colour
    overdue: bool
    due_this_week: bool
    progress: str


def load_ledger(
    session: Session,
    campaign_id: int | None,
    today: dt.date,
    settings: WarningSettings,
    *,
    with_progress: bool = True,
) -> list[LedgerRow]:
    """The campaign's problems with project, list, unit, colour and (optionally) latest progress.

    Without `with_progress` the rows come back sooner; `latest_progress` fills them in after.
    """
    # Names come from small lookup tables rather than joins: 20,000 rows then carry shared
    # strings instead of 60,000 fresh ones (measured: the joined query took twice as long).
    projects = {
        pid: (name, list_id)
        for pid, name, list_id in session.execute(
            select(Project.id, Project.name, Project.list_id).where(
                Project.deleted_at.is_(None), Project.campaign_id == campaign_id
            )
        )
    }
    lists = dict(session.execute(select(ProjectList.id, ProjectList.name)).all())
    units = dict(session.execute(select(Unit.id, Unit.name)).all())
    result = session.connection().execute(_problem_columns(with_progress))
    rows = _ledger_rows(result, projects, lists, units, today, settings)
    rows.sort(key=lambda r: (r.raised_on, r.id), reverse=True)
    return rows


def _ledger_rows(
    result: Iterable[Sequence[Any]],
    projects: dict[int, tuple[str, int]],
    lists: dict[int, str],
    units: dict[int, str],
    today: dt.date,
    settings: WarningSettings,
) -> list[LedgerRow]:
    """The query's rows as ledger rows named from the lookups; other campaigns' left out."""
    week_end = today + dt.timedelta(days=6 - today.weekday())
    finished = (ProblemState.SOLVED, ProblemState.CLOSED)
    rows = []
    for (
        pid,
        project_id,
        kind,
        text,
        unit_id,
        level,
        raised,
        deadline,
        state,
        last,
    ) in result:
        project = projects.get(project_id)
        if project is None:  # in the recycle bin, or of another campaign
            continue
        late = is_overdue(state, deadline, today)
        due_soon = (
            not late
            and deadline is not None
            and today <= deadline <= week_end
            and state not in finished
        )
        rows.append(
            LedgerRow(
                pid,
                project_id,
                project[0],
                project[1],
                lists.get(project[1], ""),
                kind,
                text,
                unit_id,
                units.get(unit_id, "") if unit_id else "",
                level,
                raised,
                deadline,
                state,
                problem_colour(state, deadline, today, settings),
                late,
                due_soon,
                last or "",
            )
        )
    return rows


def _problem_columns(with_progress: bool) -> Select[Any]:
    """The ledger's one query: each problem's own columns and, if asked, its latest progress."""
    # The latest progress entry by one index lookup per problem (ix_problem_progress_problem_id);
    # a grouped subquery over all entries took twice as long.
    latest = (
        select(ProblemProgress.text)
        .where(ProblemProgress.problem_id == Problem.id, ProblemProgress.withdrawn_at.is_(None))
        .order_by(ProblemProgress.id.desc())
        .limit(1)
        .correlate(Problem)
        .scalar_subquery()
    )
    return select(
        Problem.id,
        Problem.project_id,
        Problem.type,
        Problem.description,
        Problem.lead_unit_id,
        Problem.level,
        Problem.raised_on,
        Problem.deadline,
        Problem.state,
        latest if with_progress else null(),
    )


@dataclass(frozen=True)
class LedgerFilter:
    """Empty sets and None mean 'any'."""

    states: frozenset[ProblemState] = field(default_factory=frozenset)
    types: frozenset[ProblemType] = field(default_factory=frozenset)
    unit_ids: frozenset[int] = field(default_factory=frozenset)
    levels: frozenset[CoordinationLevel] = field(default_factory=frozenset)
    list_ids: frozenset[int] = field(default_factory=frozenset)
    project_id: int | None = None
    overdue_only: bool = False
    due_this_week: bool = False
    raised_from: dt.date | None = None
    raised_to: dt.date | None = None
    search: str = ""

    def accepts(self, row: LedgerRow) -> bool:
        """True when the problem passes every set condition."""
        return (
            (not self.states or row.state in self.states)
            and (not self.types or row.type in self.types)
            and (not self.unit_ids or row.unit_id in self.unit_ids)
            and (not self.levels or row.level in self.levels)
            and (not self.list_ids or row.list_id in self.list_ids)
            and (self.project_id is None or row.project_id == self.project_id)
            and (not self.overdue_only or row.overdue)
            and (not self.due_this_week or row.due_this_week)
            and (self.raised_from is None or row.raised_on >= self.raised_from)
            and (self.raised_to is None or row.raised_on <= self.raised_to)
            and self._search((row.description, row.project, row.unit))
        )

    @cached_property
    def _search(self) -> Callable[[tuple[str, ...]], bool]:
        return matcher(self.search)

    def text_test(self) -> Callable[[tuple[str, ...]], bool]:
        """The search test alone, on (description, project, unit)."""
        return self._search

    def without_text(self) -> LedgerFilter:
        """The same filter with no search text."""
        return replace(self, search="")

    def is_empty(self) -> bool:
        """True when every problem passes."""
        return self == LedgerFilter()


def problem_choices(
    session: Session, campaign_id: int | None
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """For 新增问题: the campaign's projects and the responsible units, (id, name) by name."""
    from db.enums import UnitKind

    projects = session.execute(
        select(Project.id, Project.name)
        .where(Project.deleted_at.is_(None), Project.campaign_id == campaign_id)
        .order_by(Project.name)
    ).all()
    units = session.execute(
        select(Unit.id, Unit.name).where(Unit.kind == UnitKind.RESPONSIBLE).order_by(Unit.name)
    ).all()
    return [(i, n) for i, n in projects], [(i, n) for i, n in units]


def project_lead_units(session: Session, campaign_id: int | None) -> dict[int, str]:
    """Each project's responsible unit by name (新增问题 proposes it)."""
    return {
        project_id: name
        for project_id, name in session.execute(
            select(Project.id, Unit.name)
            .join(Unit, Project.lead_unit_id == Unit.id)
            .where(Project.campaign_id == campaign_id, Project.deleted_at.is_(None))
        )
    }


def latest_progress(session: Session) -> dict[int, str]:
    """The latest progress entry of every problem that has one (problem id → text)."""
    latest: dict[int, str] = {}
    for problem_id, text in session.execute(
        select(ProblemProgress.problem_id, ProblemProgress.text)
        .where(ProblemProgress.withdrawn_at.is_(None))
        .order_by(ProblemProgress.id)
    ):
        latest[problem_id] = text  # later entries overwrite earlier ones
    return latest


def state_counts(rows: list[LedgerRow]) -> dict[ProblemState, int]:
    """How many problems are in each state."""
    counts = dict.fromkeys(ProblemState, 0)
    for row in rows:
        counts[row.state] += 1
    return counts


# Sort keys per column of the ledger table; None sorts last either way.
_FAR = dt.date.max
_LEVEL_ORDER = {level: i for i, level in enumerate(CoordinationLevel)}
_STATE_ORDER = {state: i for i, state in enumerate(ProblemState)}
SORT_KEYS: list[Callable[[LedgerRow], Any]] = [
    lambda r: r.id,
    lambda r: r.project,
    lambda r: r.type.value,
    lambda r: r.description,
    lambda r: r.unit,
    lambda r: _LEVEL_ORDER[r.level],
    lambda r: r.raised_on,
    lambda r: r.deadline or _FAR,
    lambda r: _STATE_ORDER[r.state],
    lambda r: r.progress,
]


@dataclass(frozen=True)
class TimelineEntry:
    """One dated event in a problem's history."""

    on: dt.date
    kind: str  # 推进 / 状态 / 协调 / 督办
    text: str
    operator: str
    withdrawn: str = ""  # "已撤销（who when）" for a step taken back; it no longer counts


@dataclass(frozen=True)
class ProblemDetail:
    """A problem's fields and its history (办理过程) in the order it happened."""

    id: int
    project: str
    fields: list[tuple[str, str]]
    timeline: list[TimelineEntry]
    state: ProblemState


def problem_detail(session: Session, problem_id: int) -> ProblemDetail | None:
    """Everything the detail panel shows."""
    problem = session.get(Problem, problem_id)
    if problem is None:
        return None
    events = _timeline(session, problem)
    return ProblemDetail(problem.id, problem.project.name, _fields(problem), events, problem.state)


def _fields(problem: Problem) -> list[tuple[str, str]]:
    """The detail panel's (label, text) pairs."""
    unit = problem.lead_unit.name if problem.lead_unit else "—"

    def day(value: dt.date | None) -> str:
        return iso_date(value) if value else "—"

    fields = [
        ("项目", problem.project.name),
        ("问题类型", problem.type.value),
        ("问题表述", problem.description),
        ("责任单位", unit),
        ("协调层级", problem.level.value),
        ("提出时间", day(problem.raised_on)),
        ("解决时限", day(problem.deadline)),
        (
            "状态",
            problem.state.value
            + (
                f"（{problem.hold_reason}）"
                if problem.state is ProblemState.ON_HOLD and problem.hold_reason
                else ""
            ),
        ),
        ("解决措施", problem.measures or "—"),
    ]
    if problem.closed_on:
        fields.append(("销号", f"{day(problem.closed_on)}，确认人 {problem.closed_confirmed_by}"))
    return fields


def _timeline(session: Session, problem: Problem) -> list[TimelineEntry]:
    """Progress, state changes, escalations and 督办 in the order they happened."""
    # (day, time recorded, then what comes first at one moment, id): a progress line is typed
    # before the state change it causes; entries from before times were kept sort by kind.
    timed: list[tuple[tuple[dt.date, dt.datetime, int, int], TimelineEntry]] = []
    for p in problem.progress_entries:
        timed.append(
            (
                (p.entry_date, p.at or _start(p.entry_date), 1, p.id),
                TimelineEntry(p.entry_date, "推进", p.text, p.operator or "", _withdrawn(p)),
            )
        )
    for t in problem.transitions:
        text = (
            (f"{t.from_state.value} → " if t.from_state else "")
            + t.to_state.value
            + (f"：{t.note}" if t.note else "")
        )
        first = 0 if t.from_state is None else 2  # 登记 opens the day it was raised
        timed.append(
            (
                (t.on, t.at, first, t.id),
                TimelineEntry(t.on, "状态", text, t.operator or "", _withdrawn(t)),
            )
        )
    for e in problem.escalations:
        timed.append(
            (
                (e.on, e.at or _start(e.on), 3, e.id),
                TimelineEntry(
                    e.on,
                    "协调",
                    f"{e.from_level.value} → {e.to_level.value}：{e.reason or ''}",
                    e.operator or "",
                    _withdrawn(e),
                ),
            )
        )
    for index, event in enumerate(supervision_events(session, problem.id)):
        timed.append(((event.on, _start(event.on), 4, index), event))
    timed.sort(key=lambda pair: pair[0])
    return [entry for _key, entry in timed]


def _start(day: dt.date) -> dt.datetime:
    """An entry recorded before times were kept sorts by its day only."""
    return dt.datetime.combine(day, dt.time.min)


def _withdrawn(record: ProblemProgress | ProblemTransition | ProblemEscalation) -> str:
    if record.withdrawn_at is None:
        return ""
    return f"已撤销（{record.withdrawn_by or ''} {iso_minute(record.withdrawn_at)}）"


def supervision_events(session: Session, problem_id: int) -> list[TimelineEntry]:
    """The problem's 督办: its start with class and reason, every act, its end."""
    events = []
    for supervision in session.scalars(
        select(Supervision)
        .where(Supervision.problem_id == problem_id)
        .options(selectinload(Supervision.acts))
        .order_by(Supervision.id)
    ):
        reason = f"：{supervision.reason}" if supervision.reason else ""
        events.append(
            TimelineEntry(
                supervision.started_on,
                "督办",
                f"列入督办（{supervision.supervision_class.value}类）{reason}",
                "",
            )
        )
        events += [
            TimelineEntry(
                act.on,
                "督办",
                f"{act.form.value}：{act.content}"
                + (f"（结果：{act.result}）" if act.result else ""),
                act.by or "",
            )
            for act in supervision.acts
        ]
        if supervision.ended_on is not None:
            events.append(TimelineEntry(supervision.ended_on, "督办", "结束督办", ""))
    return events
