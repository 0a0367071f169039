"""The demo's problems with their handling history, and its supervisions (督办)."""

from __future__ import annotations

import datetime as dt
import itertools
import random

from sqlalchemy.orm import Session

from app.demo import catalogue as cat
from app.demo.setting import AS_OF, Directory, PersonNames, day
from db.enums import (
    CoordinationLevel,
    ProblemState,
    ProblemType,
    SupervisionClass,
    SupervisionForm,
)
from db.models import (
    Problem,
    ProblemEscalation,
    ProblemProgress,
    ProblemTransition,
    Project,
    Supervision,
    SupervisionAct,
)

_PROBLEM_UNIT = {
    ProblemType.LAND: "规建局",
    ProblemType.PLANNING: "规建局",
    ProblemType.FUNDING: "财政局",
    ProblemType.APPROVAL: "政务服务办",
    ProblemType.ENVIRONMENT: "城环局",
    ProblemType.UTILITIES: "基建中心",
    ProblemType.DEMOLITION: "规建局",
    ProblemType.MUNICIPAL: "基建中心",
    ProblemType.SEA_USE: "规建局",
    ProblemType.OTHER: "发改局",
}


_STATE_PATTERN = [
    ProblemState.CLOSED,
    ProblemState.IN_HAND,
    ProblemState.OPEN,
    ProblemState.CLOSED,
    ProblemState.SOLVED,
    ProblemState.IN_HAND,
    ProblemState.CLOSED,
    ProblemState.ON_HOLD,
    ProblemState.IN_HAND,
    ProblemState.OPEN,
]


_LEVEL_PATTERN = (
    [CoordinationLevel.OWN] * 4 + [CoordinationLevel.DISTRICT] * 2 + [CoordinationLevel.CITY]
)


def add_problems(
    session: Session,
    rng: random.Random,
    directory: Directory,
    projects: list[Project],
    names: PersonNames,
) -> list[Problem]:
    candidates = [p for p in projects if p.project_list.number != 1]
    officer = names.next()
    problems = []
    types = list(ProblemType)
    for i in range(60):
        problem_type = types[i % len(types)]
        state = _STATE_PATTERN[(i * 3) % len(_STATE_PATTERN)]
        level = _LEVEL_PATTERN[i % len(_LEVEL_PATTERN)]
        project = rng.choice(candidates)
        raised = day(rng, dt.date(2022, 3, 1), dt.date(2022, 7, 20))
        deadline = raised + dt.timedelta(days=rng.choice([15, 20, 30, 45, 60]))
        unit_name = _PROBLEM_UNIT[problem_type]
        problem = Problem(
            project=project,
            type=problem_type,
            description=cat.PROBLEM_TEXT[problem_type.value],
            raised_on=raised,
            source=rng.choice(["周调度会", "项目单位反映", "现场踏勘", "月度填报"]),
            lead_unit=directory.units[unit_name],
            first_responsible=directory.heads[unit_name].name,
            measures=rng.choice(cat.MEASURES),
            completion_standard="取得相关批复或完成现场整改",
            deadline=deadline,
            level=level,
            state=state,
        )
        problem.cooperating_units = [project.lead_unit] if project.lead_unit else []
        _add_history(rng, problem, officer)
        session.add(problem)
        problems.append(problem)
    return problems


def _add_history(rng: random.Random, problem: Problem, officer: str) -> None:
    """Transitions, progress notes and escalations consistent with the problem's state."""
    raised = problem.raised_on
    at = dt.datetime.combine(raised, dt.time(10, 0))

    def move(before: ProblemState | None, after: ProblemState, on: dt.date, note: str) -> None:
        on = min(on, AS_OF)
        problem.transitions.append(
            ProblemTransition(
                from_state=before,
                to_state=after,
                on=on,
                at=dt.datetime.combine(on, at.time()),
                operator=officer,
                note=note,
            )
        )

    move(None, ProblemState.OPEN, raised, "登记问题")
    if problem.state is ProblemState.OPEN:
        return
    started = raised + dt.timedelta(days=rng.randint(1, 4))
    move(ProblemState.OPEN, ProblemState.IN_HAND, started, "责任单位接办")
    problem.progress_entries.append(
        ProblemProgress(
            entry_date=min(started, AS_OF), text="已召开专题协调会，明确责任分工", operator=officer
        )
    )
    _add_escalations(rng, problem, started, officer)
    if problem.state is ProblemState.ON_HOLD:
        problem.hold_reason = "企业调整投资计划，暂缓推进"
        move(
            ProblemState.IN_HAND,
            ProblemState.ON_HOLD,
            started + dt.timedelta(days=10),
            problem.hold_reason,
        )
        return
    if problem.state is ProblemState.IN_HAND:
        problem.progress_entries.append(
            ProblemProgress(
                entry_date=min(started + dt.timedelta(days=7), AS_OF),
                text="相关材料已报送审批部门，正在审查",
                operator=officer,
            )
        )
        return
    assert problem.deadline is not None
    solved = min(
        started + dt.timedelta(days=rng.randint(5, (problem.deadline - raised).days + 10)), AS_OF
    )
    problem.solved_on = solved
    move(ProblemState.IN_HAND, ProblemState.SOLVED, solved, "问题已解决，待确认销号")
    if problem.state is ProblemState.CLOSED:
        closed = min(solved + dt.timedelta(days=rng.randint(1, 7)), AS_OF)
        problem.closed_on = closed
        problem.closed_confirmed_by = officer
        move(ProblemState.SOLVED, ProblemState.CLOSED, closed, "经核实确认，予以销号")


def _add_escalations(rng: random.Random, problem: Problem, started: dt.date, officer: str) -> None:
    """Escalations from 本级 up to the problem's level, one level at a time, after it was taken."""
    steps = list(CoordinationLevel)
    reached = steps[: steps.index(problem.level) + 1]
    for lower, higher in itertools.pairwise(reached):
        on = min(started + dt.timedelta(days=rng.randint(3, 10)), AS_OF)
        problem.escalations.append(
            ProblemEscalation(
                from_level=lower,
                to_level=higher,
                on=on,
                reason="本级协调未果，提请上级协调解决",
                operator=officer,
            )
        )


def add_supervisions(
    session: Session,
    rng: random.Random,
    directory: Directory,
    problems: list[Problem],
    projects: list[Project],
) -> None:
    _supervise_problems(session, rng, problems)
    _supervise_projects(session, projects)


def _supervise_problems(session: Session, rng: random.Random, problems: list[Problem]) -> None:
    """督办 of the first four open or in-hand problems: a notice each, and by chance a talk."""
    hard = [p for p in problems if p.state in (ProblemState.OPEN, ProblemState.IN_HAND)][:4]
    classes = [
        SupervisionClass.HARD,
        SupervisionClass.KEY,
        SupervisionClass.COMMON,
        SupervisionClass.KEY,
    ]
    for problem, sclass in zip(hard, classes, strict=False):
        supervision = Supervision(
            problem=problem,
            supervision_class=sclass,
            unit=problem.lead_unit,
            started_on=min(problem.raised_on + dt.timedelta(days=20), AS_OF),
            reason="问题超期未解决，列入督办",
        )
        supervision.acts.append(
            SupervisionAct(
                on=supervision.started_on,
                form=SupervisionForm.NOTICE,
                content="下发督办单，要求限期办结并反馈",
                result="责任单位已反馈推进计划",
                by="重点项目办",
            )
        )
        if rng.random() < 0.6:
            supervision.acts.append(
                SupervisionAct(
                    on=min(supervision.started_on + dt.timedelta(days=10), AS_OF),
                    form=SupervisionForm.TALK,
                    content="约谈责任单位主要负责同志",
                    result="明确8月底前完成",
                    by="监督检查工作专班",
                )
            )
        session.add(supervision)


def _supervise_projects(session: Session, projects: list[Project]) -> None:
    """督办 of two projects of 附表5 behind schedule, reported at July's meeting."""
    lagging = [p for p in projects if p.project_list.number == 5][:2]
    for project in lagging:
        supervision = Supervision(
            project=project,
            supervision_class=SupervisionClass.KEY,
            unit=project.lead_unit,
            started_on=dt.date(2022, 7, 5),
            reason="投资完成率低于序时进度",
        )
        supervision.acts.append(
            SupervisionAct(
                on=dt.date(2022, 7, 28),
                form=SupervisionForm.BULLETIN,
                content="在7月重点项目推动会上通报进度滞后情况",
                result=None,
                by="重点项目办",
            )
        )
        session.add(supervision)
