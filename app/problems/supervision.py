"""督办台账: problems and projects under supervision, their acts, and each unit's record."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session, selectinload

from app.infra.errors import UserError
from app.problems.workflow import Action, allowed_actions
from db.enums import SupervisionClass, SupervisionForm
from db.models import Problem, Project, Supervision, SupervisionAct, Unit


@dataclass(frozen=True)
class SupervisionRow:
    """One supervised item as the ledger lists it."""

    id: int
    kind: str  # 问题 or 项目
    target_id: int  # the problem's or the project's id
    subject: str
    project: str
    supervision_class: SupervisionClass
    unit_id: int | None
    unit: str
    started_on: dt.date
    ended_on: dt.date | None
    acts: int
    last_act: str


@dataclass(frozen=True)
class ActRow:
    """One act of supervision."""

    id: int
    on: dt.date
    form: SupervisionForm
    content: str
    result: str
    by: str


@dataclass(frozen=True)
class UnitRecord:
    """A unit's supervision record at a glance."""

    unit_id: int
    unit: str
    items: int
    ongoing: int
    notices: int
    talks: int
    bulletins: int


def _in_campaign(campaign_id: int | None) -> ColumnElement[bool]:
    """Supervisions of the campaign's projects, or of their problems."""
    projects = select(Project.id).where(Project.campaign_id == campaign_id)
    problems = (
        select(Problem.id)
        .join(Project, Problem.project_id == Project.id)
        .where(Project.campaign_id == campaign_id)
    )
    return or_(Supervision.project_id.in_(projects), Supervision.problem_id.in_(problems))


def supervisions(session: Session, campaign_id: int | None) -> list[SupervisionRow]:
    """The campaign's supervised items, ongoing first, newest first."""
    rows = []
    query = select(Supervision).where(_in_campaign(campaign_id)).options(
        selectinload(Supervision.acts),
        selectinload(Supervision.problem).selectinload(Problem.project),
        selectinload(Supervision.project),
        selectinload(Supervision.unit),
    )
    for s in session.scalars(query):
        if s.problem is not None:
            kind, target, subject, project = (
                "问题",
                s.problem.id,
                s.problem.description,
                s.problem.project.name,
            )
        else:
            assert s.project is not None
            kind, target, subject, project = "项目", s.project.id, s.project.name, s.project.name
        last = s.acts[-1] if s.acts else None
        rows.append(
            SupervisionRow(
                s.id,
                kind,
                target,
                subject,
                project,
                s.supervision_class,
                s.unit_id,
                s.unit.name if s.unit else "",
                s.started_on,
                s.ended_on,
                len(s.acts),
                f"{last.on:%Y-%m-%d} {last.form.value}" if last else "",
            )
        )
    rows.sort(key=lambda r: (r.ended_on is not None, -r.started_on.toordinal(), -r.id))
    return rows


def acts_of(session: Session, supervision_id: int) -> list[ActRow]:
    """The acts of one supervision in date order."""
    acts = session.scalars(
        select(SupervisionAct)
        .where(SupervisionAct.supervision_id == supervision_id)
        .order_by(SupervisionAct.on, SupervisionAct.id)
    )
    return [ActRow(a.id, a.on, a.form, a.content, a.result or "", a.by or "") for a in acts]


def start(
    session: Session,
    supervision_class: SupervisionClass,
    reason: str,
    on: dt.date,
    *,
    problem_id: int | None = None,
    project_id: int | None = None,
) -> Supervision:
    """督办 a problem or a project; refused while it is already under supervision. Commits."""
    if (problem_id is None) == (project_id is None):
        raise UserError("请选择要督办的一个问题或一个项目。")
    unit_id: int | None
    if problem_id is not None:
        problem = session.get(Problem, problem_id)
        if problem is None:
            raise UserError("这个问题已不存在。")
        if Action.SUPERVISE not in allowed_actions(problem.state):
            raise UserError(f"问题已“{problem.state.value}”，无需督办。")
        # The problem's own responsible unit, else the project's.
        unit_id = problem.lead_unit_id or problem.project.lead_unit_id
        open_one = select(Supervision.id).where(
            Supervision.problem_id == problem_id, Supervision.ended_on.is_(None)
        )
    else:
        project = session.get(Project, project_id)
        if project is None:
            raise UserError("这个项目已不存在。")
        unit_id = project.lead_unit_id
        open_one = select(Supervision.id).where(
            Supervision.project_id == project_id, Supervision.ended_on.is_(None)
        )
    if session.scalars(open_one).first() is not None:
        raise UserError("它已在督办中，可直接添加督办记录。")
    supervision = Supervision(
        problem_id=problem_id,
        project_id=project_id,
        supervision_class=supervision_class,
        unit_id=unit_id,
        started_on=on,
        reason=reason.strip() or None,
    )
    session.add(supervision)
    session.commit()
    return supervision


def add_act(
    session: Session,
    supervision_id: int,
    on: dt.date,
    form: SupervisionForm,
    content: str,
    result: str = "",
    by: str = "",
) -> None:
    """A 督办单, 约谈 or 通报, with date, content, result and who. Commits."""
    supervision = session.get(Supervision, supervision_id)
    if supervision is None:
        raise UserError("这条督办已不存在。")
    if supervision.ended_on is not None:
        raise UserError("督办已结束，不能再添加记录。")
    if not content.strip():
        raise UserError(f"请填写{form.value}的内容。")
    if on < supervision.started_on:
        raise UserError(f"记录日期早于督办开始日期 {supervision.started_on:%Y-%m-%d}。")
    supervision.acts.append(
        SupervisionAct(
            on=on,
            form=form,
            content=content.strip(),
            result=result.strip() or None,
            by=by.strip() or None,
        )
    )
    session.commit()


def end(session: Session, supervision_id: int, on: dt.date) -> None:
    """结束督办. Commits."""
    supervision = session.get(Supervision, supervision_id)
    if supervision is None:
        raise UserError("这条督办已不存在。")
    if supervision.ended_on is not None:
        raise UserError("督办已经结束。")
    if on < supervision.started_on:
        raise UserError(f"结束日期早于督办开始日期 {supervision.started_on:%Y-%m-%d}。")
    supervision.ended_on = on
    session.commit()


def unit_records(session: Session, campaign_id: int | None) -> list[UnitRecord]:
    """Per responsible unit: items supervised, ongoing, and acts by form (most supervised first)."""
    rows = session.execute(
        select(Supervision.id, Supervision.unit_id, Supervision.ended_on).where(
            _in_campaign(campaign_id)
        )
    ).all()
    forms = session.execute(select(SupervisionAct.supervision_id, SupervisionAct.form)).all()
    unit_of = {sid: unit for sid, unit, _ in rows}
    names = dict(session.execute(select(Unit.id, Unit.name)).all())
    items, ongoing = Counter[int](), Counter[int]()
    for _sid, unit, ended in rows:
        if unit is not None:
            items[unit] += 1
            ongoing[unit] += ended is None
    acts: Counter[tuple[int, SupervisionForm]] = Counter()
    for sid, form in forms:
        unit = unit_of.get(sid)
        if unit is not None:
            acts[(unit, form)] += 1
    return [
        UnitRecord(
            unit,
            names.get(unit, ""),
            count,
            ongoing[unit],
            acts[(unit, SupervisionForm.NOTICE)],
            acts[(unit, SupervisionForm.TALK)],
            acts[(unit, SupervisionForm.BULLETIN)],
        )
        for unit, count in items.most_common()
    ]
