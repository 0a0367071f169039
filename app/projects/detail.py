"""One project for its detail view: fields, milestones, problems, months and change history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.projects.edits import read_form
from app.projects.form import FIELDS
from app.schedule.warning_colours import Colour, WarningSettings, milestone_colour, problem_colour
from app.values.value_text import value_text
from db.models import Account, ChangeLog, Milestone, MonthlyReport, Problem

HISTORY_LIMIT = 200


@dataclass(frozen=True)
class DetailMilestone:
    """A milestone in order, with its latest dates and colour."""

    name: str
    start: dt.date | None
    finish: dt.date | None
    state: str
    colour: Colour


@dataclass(frozen=True)
class DetailProblem:
    """A problem of the project."""

    id: int
    type: str
    description: str
    state: str
    deadline: dt.date | None
    colour: Colour


@dataclass(frozen=True)
class DetailMonth:
    """One month's reported investment."""

    year: int
    month: int
    amount: Decimal | None
    cumulative: Decimal | None
    progress: str | None


@dataclass(frozen=True)
class DetailChange:
    """One change-log entry."""

    at: dt.datetime
    operator: str
    what: str


@dataclass(frozen=True)
class ProjectDetail:
    """The detail view's content."""

    name: str
    fields: list[tuple[str, str, str]]  # group, label, shown value
    milestones: list[DetailMilestone]
    problems: list[DetailProblem]
    months: list[DetailMonth]
    history: list[DetailChange]


_TABLE_NAMES = {
    "project": "项目",
    "milestone": "节点",
    "monthly_report": "月度填报",
    "problem": "问题",
}


def project_detail(
    session: Session, project_id: int, today: dt.date, settings: WarningSettings, list_name: str
) -> ProjectDetail:
    """Read the project's detail."""
    values = read_form(session, project_id)
    fields = []
    for spec in FIELDS:
        shown = list_name if spec.key == "list_id" else value_text(values.get(spec.key))
        fields.append((spec.group, spec.label, shown))
    milestones = [
        DetailMilestone(
            m.name,
            m.planned_start,
            m.planned_finish,
            m.state.value,
            milestone_colour(m.state, m.planned_start, m.planned_finish, today, settings),
        )
        for m in session.scalars(
            select(Milestone).where(Milestone.project_id == project_id).order_by(Milestone.seq)
        )
    ]
    problems = [
        DetailProblem(
            p.id,
            p.type.value,
            p.description,
            p.state.value,
            p.deadline,
            problem_colour(p.state, p.deadline, today, settings),
        )
        for p in session.scalars(
            select(Problem).where(Problem.project_id == project_id).order_by(Problem.raised_on)
        )
    ]
    reports = session.scalars(
        select(MonthlyReport)
        .where(MonthlyReport.project_id == project_id)
        .order_by(MonthlyReport.year, MonthlyReport.month)
    ).all()
    months = [
        DetailMonth(r.year, r.month, r.investment_month, r.investment_year, r.progress)
        for r in reports
    ]
    owned = {
        "milestone": [
            str(m)
            for m in session.scalars(select(Milestone.id).where(Milestone.project_id == project_id))
        ],
        "monthly_report": [str(r.id) for r in reports],
        "problem": [str(p.id) for p in problems],
    }
    history = _history(session, project_id, owned)
    return ProjectDetail(str(values["name"]), fields, milestones, problems, months, history)


def _history(session: Session, project_id: int, owned: dict[str, list[str]]) -> list[DetailChange]:
    """The latest changes to the project and to the rows it owns (ids by table), newest first."""
    accounts = session.execute(select(Account.login, Account.display_name))
    names = {login: name for login, name in accounts}
    return [
        DetailChange(c.at, _who(c, names), _describe(c))
        for c in session.scalars(
            select(ChangeLog)
            .where(
                or_(
                    (ChangeLog.table_name == "project") & (ChangeLog.row_id == str(project_id)),
                    *(
                        (ChangeLog.table_name == table) & ChangeLog.row_id.in_(ids)
                        for table, ids in owned.items()
                        if ids
                    ),
                )
            )
            .order_by(ChangeLog.at.desc(), ChangeLog.id.desc())
            .limit(HISTORY_LIMIT)
        )
    ]


def _who(change: ChangeLog, names: dict[str, str]) -> str:
    """Who made a change: the name, and on a server the account the server recorded (姓名（账号）).

    The name is the one the change was made under (history pushed from a file keeps its names, with
    the account that pushed it); the account in brackets is the server's own record.
    """
    if change.account:
        return f"{change.operator or names.get(change.account) or ''}（{change.account}）"
    return change.operator or ""


def _describe(change: ChangeLog) -> str:
    table = _TABLE_NAMES.get(change.table_name, change.table_name)
    if change.field:
        label = next(
            (f.label for f in FIELDS if change.field in (f.key, f"{f.key}_id")), change.field
        )
        old, new = change.old_value or "空", change.new_value or "空"
        return f"{change.action.value}{table}「{label}」：{old} → {new}"
    return f"{change.action.value}{table}"
