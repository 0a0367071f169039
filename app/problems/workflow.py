"""问题台账 workflow: 待办 → 办理中 → 已解决 → 已销号 (or 暂缓), escalation one level at a time.

Every service call checks, writes the change and its record (transition, progress entry or
escalation, with date, operator and note), commits, and returns the problem. A refused step
raises UserError saying why, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.infra.errors import UserError
from app.values.date_format import iso_date
from db.enums import CoordinationLevel, ProblemState, ProblemType, UnitKind
from db.models import Problem, ProblemEscalation, ProblemProgress, ProblemTransition, Project

S = ProblemState
LEVELS = list(CoordinationLevel)
# (from, to) → the action's name, as the clerk sees it on the button.
ALLOWED: dict[tuple[ProblemState, ProblemState], str] = {
    (S.OPEN, S.IN_HAND): "推进",
    (S.IN_HAND, S.SOLVED): "解决",
    (S.SOLVED, S.CLOSED): "销号",
    (S.CLOSED, S.SOLVED): "撤销销号",
    (S.SOLVED, S.IN_HAND): "重新办理",
    (S.OPEN, S.ON_HOLD): "暂缓",
    (S.IN_HAND, S.ON_HOLD): "暂缓",
    (S.ON_HOLD, S.IN_HAND): "恢复办理",
}
# Why a step is refused, for the steps clerks try most.
_WHY = {
    (S.OPEN, S.SOLVED): "问题还是“待办”，请先“推进”（开始办理）后再标记为已解决。",
    (S.IN_HAND, S.CLOSED): "只有“已解决”的问题才能销号：请先标记为已解决。",
    (S.OPEN, S.CLOSED): "只有“已解决”的问题才能销号：请先推进并解决。",
    (S.ON_HOLD, S.CLOSED): "暂缓的问题不能销号：请先恢复办理并解决。",
    (S.ON_HOLD, S.SOLVED): "暂缓的问题请先“恢复办理”。",
    (S.CLOSED, S.IN_HAND): "已销号的问题要重新办理，请先“撤销销号”并说明原因。",
    (S.CLOSED, S.ON_HOLD): "已销号的问题不能暂缓。",
    (S.SOLVED, S.ON_HOLD): "已解决的问题不能暂缓：要么销号，要么重新办理。",
}


class Action(enum.Enum):
    """What a clerk can do to a problem; the value is the button's word."""

    PROGRESS = "推进"  # a line of progress (the first one starts the handling)
    SOLVE = "解决"
    CLOSE = "销号"
    REOPEN = "撤销销号"
    REDO = "重新办理"
    HOLD = "暂缓"
    RESUME = "恢复办理"
    ESCALATE = "上报协调"
    SUPERVISE = "督办"


# Still to be worked on: escalated, supervised.
_UNFINISHED = frozenset({S.OPEN, S.IN_HAND, S.ON_HOLD})


def allowed_actions(state: ProblemState | None) -> frozenset[Action]:
    """The actions a problem in `state` allows (None: no problem chosen, nothing allowed).

    The page enables its buttons from this, and every service call below refuses the rest.
    """
    if state is None:
        return frozenset()
    actions = {Action(name) for (before, _after), name in ALLOWED.items() if before is state}
    if state is not S.CLOSED:
        actions.add(Action.PROGRESS)
    if state in _UNFINISHED:
        actions.update((Action.ESCALATE, Action.SUPERVISE))
    return frozenset(actions)


@dataclass(frozen=True)
class NewProblem:
    """What 新增问题 asks for."""

    project_id: int
    type: ProblemType
    description: str
    raised_on: dt.date
    deadline: dt.date | None = None
    lead_unit_id: int | None = None
    measures: str | None = None
    source: str | None = None
    lead_unit_name: str | None = None  # typed: found, or made as a responsible unit


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _operator(session: Session) -> str | None:
    operator = session.info.get("operator")
    return str(operator) if operator else None


def _problem(session: Session, problem_id: int) -> Problem:
    # The state on the server at the moment of the change: read afresh under a row lock (held
    # to commit on PostgreSQL), so two clerks' steps on one problem take turns and the second
    # is checked against the first's result. SQLite has one writer anyway.
    problem = session.get(Problem, problem_id, with_for_update=True, populate_existing=True)
    if problem is None:
        raise UserError("这个问题已不存在（可能已被删除）。")
    return problem


def _record(
    session: Session,
    problem: Problem,
    after: ProblemState,
    on: dt.date,
    note: str | None,
) -> None:
    problem.transitions.append(
        ProblemTransition(
            from_state=problem.state,
            to_state=after,
            on=on,
            at=dt.datetime.now().replace(microsecond=0),
            operator=_operator(session),
            note=note,
        )
    )
    problem.state = after


def create_problem(session: Session, new: NewProblem) -> Problem:
    """新增问题: checked, stored as 待办 with its first transition."""
    if session.get(Project, new.project_id) is None:
        raise UserError("请选择问题所属的项目。")
    if not new.description.strip():
        raise UserError("请填写问题表述。")
    if new.deadline is not None and new.deadline < new.raised_on:
        raise UserError(
            f"解决时限 {iso_date(new.deadline)} 早于提出时间 {iso_date(new.raised_on)}。"
        )
    lead_unit_id = new.lead_unit_id
    if lead_unit_id is None and new.lead_unit_name:
        from app.projects.name_directory import NameDirectory

        unit = NameDirectory(session).unit(new.lead_unit_name, UnitKind.RESPONSIBLE)
        session.flush()
        lead_unit_id = unit.id if unit is not None else None
    problem = Problem(
        project_id=new.project_id,
        type=new.type,
        description=new.description.strip(),
        raised_on=new.raised_on,
        deadline=new.deadline,
        lead_unit_id=lead_unit_id,
        measures=new.measures,
        source=new.source,
        level=CoordinationLevel.OWN,
        state=S.OPEN,
    )
    problem.transitions.append(
        ProblemTransition(
            from_state=None,
            to_state=S.OPEN,
            on=new.raised_on,
            at=dt.datetime.now().replace(microsecond=0),
            operator=_operator(session),
            note="登记问题",
        )
    )
    session.add(problem)
    session.commit()
    return problem


def move(
    session: Session,
    problem_id: int,
    after: ProblemState,
    on: dt.date,
    note: str | None = None,
) -> Problem:
    """Any allowed change of state except 销号 and 撤销销号 (they need more: see below)."""
    problem = _problem(session, problem_id)
    before = problem.state
    step = (before, after)
    if step not in ALLOWED:
        raise UserError(_WHY.get(step, f"问题不能从“{before.value}”直接变为“{after.value}”。"))
    if after is S.CLOSED or step == (S.CLOSED, S.SOLVED):
        raise UserError("销号和撤销销号请使用“销号”“撤销销号”操作。")
    if after is S.ON_HOLD:
        if not (note or "").strip():
            raise UserError("暂缓需要说明原因。")
        problem.hold_reason = note
    if after is S.SOLVED:
        problem.solved_on = on
    if step == (S.SOLVED, S.IN_HAND):
        if not (note or "").strip():
            raise UserError("重新办理需要说明原因（为什么解决方案未被认可）。")
        problem.solved_on = None
    _record(session, problem, after, on, note)
    session.commit()
    return problem


def close(session: Session, problem_id: int, confirmed_by: str, on: dt.date) -> Problem:
    """销号: only a solved problem, with who confirmed it and the date."""
    problem = _problem(session, problem_id)
    if problem.state is not S.SOLVED:
        raise UserError(_WHY.get((problem.state, S.CLOSED), "只有“已解决”的问题才能销号。"))
    if not confirmed_by.strip():
        raise UserError("销号需要填写确认人（验收人）。")
    if problem.solved_on is not None and on < problem.solved_on:
        raise UserError(f"销号日期 {iso_date(on)} 早于解决日期 {iso_date(problem.solved_on)}。")
    problem.closed_on = on
    problem.closed_confirmed_by = confirmed_by.strip()
    _record(session, problem, S.CLOSED, on, f"确认人：{confirmed_by.strip()}")
    session.commit()
    return problem


def reopen(session: Session, problem_id: int, reason: str, on: dt.date) -> Problem:
    """撤销销号: back to 已解决, only with a reason; both the closing and this stay logged."""
    problem = _problem(session, problem_id)
    if problem.state is not S.CLOSED:
        raise UserError("只有已销号的问题才能撤销销号。")
    if not reason.strip():
        raise UserError("撤销销号需要说明原因。")
    problem.closed_on = None
    problem.closed_confirmed_by = None
    _record(session, problem, S.SOLVED, on, f"撤销销号：{reason.strip()}")
    session.commit()
    return problem


def add_progress(session: Session, problem_id: int, text: str, on: dt.date) -> Problem:
    """推进: one line of progress; the first one starts the handling of a 待办 problem."""
    problem = _problem(session, problem_id)
    line = " ".join(text.split())
    if not line:
        raise UserError("请填写推进情况。")
    if Action.PROGRESS not in allowed_actions(problem.state):
        raise UserError("已销号的问题不能再添加推进情况。")
    problem.progress_entries.append(
        ProblemProgress(entry_date=on, text=line, operator=_operator(session), at=_now())
    )
    if problem.state is S.OPEN:
        _record(session, problem, S.IN_HAND, on, "开始办理")
    session.commit()
    return problem


def escalate(
    session: Session, problem_id: int, reason: str, on: dt.date, *, down: bool = False
) -> Problem:
    """上报协调 one level up (or, with `down`, one level back), with the date and the reason."""
    problem = _problem(session, problem_id)
    if Action.ESCALATE not in allowed_actions(problem.state):
        raise UserError(f"问题已“{problem.state.value}”，无需再{'降级' if down else '上报'}协调。")
    if not reason.strip():
        raise UserError(f"{'降级' if down else '上报'}协调需要说明原因。")
    position = LEVELS.index(problem.level)
    target = position - 1 if down else position + 1
    if target >= len(LEVELS):
        raise UserError(f"已是最高协调层级（{problem.level.value}），不能再上报。")
    if target < 0:
        raise UserError(f"已是最低协调层级（{problem.level.value}），不能再降级。")
    problem.escalations.append(
        ProblemEscalation(
            from_level=problem.level,
            to_level=LEVELS[target],
            on=on,
            reason=reason.strip(),
            operator=_operator(session),
            at=_now(),
        )
    )
    problem.level = LEVELS[target]
    session.commit()
    return problem
