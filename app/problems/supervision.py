"""督办台账: problems and projects under supervision, their acts, and each unit's record."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session, selectinload

from app.infra.errors import UserError
from app.infra.row_copies import RowCopy, copy_row, restore_row
from app.problems.workflow import Action, allowed_actions
from app.values.date_format import iso_date
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
                f"{iso_date(last.on)} {last.form.value}" if last else "",
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
) -> int:
    """A 督办单, 约谈 or 通报, with date, content, result and who; its id. Commits."""
    supervision = _supervision(session, supervision_id)
    if supervision.ended_on is not None:
        raise UserError("督办已结束，不能再添加记录。")
    _check_act(supervision, on, form, content)
    act = SupervisionAct(
        on=on,
        form=form,
        content=content.strip(),
        result=result.strip() or None,
        by=by.strip() or None,
    )
    supervision.acts.append(act)
    session.commit()
    return act.id


def _supervision(session: Session, supervision_id: int) -> Supervision:
    supervision = session.get(Supervision, supervision_id)
    if supervision is None:
        raise UserError("这条督办已不存在。")
    return supervision


def _check_act(supervision: Supervision, on: dt.date, form: SupervisionForm, content: str) -> None:
    if not content.strip():
        raise UserError(f"请填写{form.value}的内容。")
    if on < supervision.started_on:
        raise UserError(f"记录日期早于督办开始日期 {iso_date(supervision.started_on)}。")
    if supervision.ended_on is not None and on > supervision.ended_on:
        raise UserError(f"记录日期晚于督办结束日期 {iso_date(supervision.ended_on)}。")


def _act(session: Session, act_id: int) -> SupervisionAct:
    act = session.get(SupervisionAct, act_id)
    if act is None:
        raise UserError("这条督办记录已不存在。")
    return act


def act_values(session: Session, act_id: int) -> ActRow:
    """One act as stored (what 修改 starts from, and what its undo puts back)."""
    a = _act(session, act_id)
    return ActRow(a.id, a.on, a.form, a.content, a.result or "", a.by or "")


def edit_act(session: Session, values: ActRow) -> ActRow:
    """修改督办记录 (allowed after the supervision ended, for corrections); returns the values
    before, for 撤销. Commits; the change log keeps each changed field."""
    act = _act(session, values.id)
    before = act_values(session, values.id)
    _check_act(act.supervision, values.on, values.form, values.content)
    act.on = values.on
    act.form = values.form
    act.content = values.content.strip()
    act.result = values.result.strip() or None
    act.by = values.by.strip() or None
    session.commit()
    return before


def delete_act(session: Session, act_id: int) -> RowCopy:
    """删除督办记录; its copy is returned, so 撤销 brings it back unchanged. Commits."""
    act = _act(session, act_id)
    copy = copy_row(act)
    session.delete(act)
    session.commit()
    return copy


def restore_act(session: Session, copy: RowCopy) -> int:
    """An act deleted (or taken back) returns under its own id. Commits."""
    values = dict(copy.values)
    _supervision(session, int(values["supervision_id"]))
    if session.get(SupervisionAct, copy.id) is not None:
        raise UserError("这条督办记录已经存在。")
    restore_row(session, copy)
    session.commit()
    return int(copy.id)


def last_supervisor(session: Session) -> str:
    """The 督办人 of the latest act recorded (proposed for the next one), or ""."""
    by = session.scalar(
        select(SupervisionAct.by)
        .where(SupervisionAct.by.is_not(None))
        .order_by(SupervisionAct.id.desc())
        .limit(1)
    )
    return by or ""


def cancel_start(session: Session, supervision_id: int) -> RowCopy:
    """Take a 督办 back (撤销) while it has no acts; its copy is returned for 重做. Commits."""
    supervision = _supervision(session, supervision_id)
    if supervision.acts:
        raise UserError("这项督办已有督办记录，不能撤销；请先删除记录或结束督办。")
    copy = copy_row(supervision)
    session.delete(supervision)
    session.commit()
    return copy


def restore_supervision(session: Session, copy: RowCopy) -> int:
    """A 督办 taken back returns under its own id (重做). Commits."""
    values = dict(copy.values)
    open_one = select(Supervision.id).where(
        Supervision.ended_on.is_(None),
        Supervision.problem_id == values["problem_id"]
        if values["problem_id"] is not None
        else Supervision.project_id == values["project_id"],
    )
    if session.scalars(open_one).first() is not None:
        raise UserError("它已在督办中。")
    restore_row(session, copy)
    session.commit()
    return int(copy.id)


def end(session: Session, supervision_id: int, on: dt.date) -> None:
    """结束督办. Commits."""
    supervision = _supervision(session, supervision_id)
    if supervision.ended_on is not None:
        raise UserError("督办已经结束。")
    if on < supervision.started_on:
        raise UserError(f"结束日期早于督办开始日期 {iso_date(supervision.started_on)}。")
    supervision.ended_on = on
    session.commit()


def resume(session: Session, supervision_id: int) -> None:
    """撤销结束督办: ongoing again (refused if another 督办 of the same item began since)."""
    supervision = _supervision(session, supervision_id)
    if supervision.ended_on is None:
        raise UserError("督办仍在进行中。")
    other = select(Supervision.id).where(
        Supervision.id != supervision_id,
        Supervision.ended_on.is_(None),
        Supervision.problem_id == supervision.problem_id
        if supervision.problem_id is not None
        else Supervision.project_id == supervision.project_id,
    )
    if session.scalars(other).first() is not None:
        raise UserError("同一事项此后已另行督办，不能撤销结束。")
    supervision.ended_on = None
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
