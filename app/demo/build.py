"""Build the demo campaign (示例数据) into a session: deterministic, as of the end of July 2022."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.demo import catalogue as cat
from app.schedule.calendar import CalendarDays
from app.schedule.engine import Link, Task, schedule
from app.schedule.templates import DEFAULT_TEMPLATES, seed_templates, template_name
from db.enums import (
    ConstructionNature,
    CoordinationLevel,
    MilestoneState,
    ProblemState,
    ProblemType,
    ProjectLevel,
    Stage,
    SupervisionClass,
    SupervisionForm,
    TargetKind,
    UnitKind,
)
from db.models import (
    AppMeta,
    Campaign,
    CampaignTarget,
    Milestone,
    MilestoneDependency,
    MilestoneTemplate,
    MonthlyReport,
    Person,
    Problem,
    ProblemEscalation,
    ProblemProgress,
    ProblemTransition,
    Project,
    ProjectList,
    Supervision,
    SupervisionAct,
    Unit,
)

AS_OF = dt.date(2022, 7, 31)  # the demo office has collected reports up to July
CAMPAIGN_START = dt.date(2022, 5, 24)
CAMPAIGN_END = dt.date(2022, 8, 31)
# Milestone progress is recorded to the campaign's last day: the date an ended campaign's wall
# chart is read at (app.schedule.wall_chart.default_as_of). Monthly reports stop at July (August's
# figures arrive in September).
PROGRESS_AS_OF = CAMPAIGN_END
# Share of the annual plan a project on schedule completes in each month (Jan … Jul).
MONTH_SHARE = [0.04, 0.04, 0.08, 0.09, 0.10, 0.11, 0.11]
CENT = Decimal("0.01")


@dataclass
class _Directory:
    """Units and people the projects refer to, by name."""

    units: dict[str, Unit] = field(default_factory=dict)
    heads: dict[str, Person] = field(default_factory=dict)
    staff: dict[str, Person] = field(default_factory=dict)
    leaders: list[Person] = field(default_factory=list)


def build_demo(session: Session, seed: int = 2022) -> Campaign:
    """Add the whole demo campaign to `session` (the caller commits)."""
    rng = random.Random(seed)
    names = _PersonNames(rng)
    directory = _add_directory(session, rng, names)
    campaign = _add_campaign(session)
    _add_templates(session, campaign)
    projects: list[Project] = []
    serial = iter(range(1, 10_000))
    taken: set[str] = set()  # names are unique across the campaign, as the editor requires
    for number, list_name, count, seed_names in cat.LISTS:
        plist = next(pl for pl in campaign.lists if pl.number == number)
        for project_name in _project_names(rng, number, count, seed_names, taken):
            project = _add_project(session, rng, directory, plist, project_name, next(serial))
            _add_milestones(session, rng, project, list_name)
            _add_reports(session, rng, project, number)
            projects.append(project)
    problems = _add_problems(session, rng, directory, projects, names)
    _add_supervisions(session, rng, directory, problems, projects)
    session.add(AppMeta(key="demo", value="1"))
    return campaign


class _PersonNames:
    """Distinct fictional Chinese names."""

    def __init__(self, rng: random.Random) -> None:
        pool = [s + g for s in cat.SURNAMES for g in cat.GIVEN]
        rng.shuffle(pool)
        self._pool = iter(pool)

    def next(self) -> str:
        return next(self._pool)


def _add_directory(session: Session, rng: random.Random, names: _PersonNames) -> _Directory:
    directory = _Directory()
    for area in cat.AREAS:
        directory.units[area] = Unit(name=area, kind=UnitKind.AREA)
    for unit_name in cat.RESPONSIBLE_UNITS:
        unit = Unit(name=unit_name, kind=UnitKind.RESPONSIBLE)
        directory.units[unit_name] = unit
        title = "主任" if unit_name.endswith(("中心", "办")) else "局长"
        directory.heads[unit_name] = Person(
            name=names.next(), title=title, unit=unit, phone=_phone(rng)
        )
        directory.staff[unit_name] = Person(
            name=names.next(), title="服务专员", unit=unit, phone=_phone(rng)
        )
    office = Unit(name="管委会", kind=UnitKind.AREA)
    directory.units["管委会"] = office
    for title in cat.LEADER_TITLES:
        directory.leaders.append(Person(name=names.next(), title=title, unit=office))
    session.add_all(directory.units.values())
    session.add_all([*directory.heads.values(), *directory.staff.values(), *directory.leaders])
    return directory


def _phone(rng: random.Random) -> str:
    return f"022-{rng.randrange(2480_0000, 2599_9999)}"


def _add_campaign(session: Session) -> Campaign:
    campaign = Campaign(
        name=cat.CAMPAIGN_NAME,
        start_date=CAMPAIGN_START,
        end_date=CAMPAIGN_END,
        target_investment=Decimal("1800000.00"),
        notes="推动126个重点项目下半年新增攻坚投资不低于180亿元。",
    )
    for kind, percent in [
        (TargetKind.START_RATE, "100"),
        (TargetKind.COMPLETION_RATE, "60"),
        (TargetKind.PRODUCTION_RATE, "50"),
        (TargetKind.BOND_USAGE_RATE, "30"),
    ]:
        campaign.targets.append(
            CampaignTarget(kind=kind, percent=Decimal(percent), due_date=CAMPAIGN_END)
        )
    campaign.targets.append(
        CampaignTarget(
            kind=TargetKind.INVESTMENT, amount=Decimal("1800000.00"), due_date=CAMPAIGN_END
        )
    )
    for number, list_name, count, _ in cat.LISTS:
        campaign.lists.append(
            ProjectList(number=number, name=list_name, goal=f"围绕{count}个{list_name}开展目标攻坚")
        )
    session.add(campaign)
    return campaign


def _add_templates(session: Session, campaign: Campaign) -> None:
    """Tie the default templates (seeded into every new database) to the campaign's lists."""
    seed_templates(session)  # in case the session's database was not created by open_database
    session.flush()
    templates = {t.name: t for t in session.scalars(select(MilestoneTemplate))}
    for plist in campaign.lists:
        template = templates.get(template_name(plist.name))
        if template is not None:
            plist.template = template


def _project_names(
    rng: random.Random, number: int, count: int, seeds: list[str], taken: set[str]
) -> list[str]:
    names = [name for name in seeds[:count] if name not in taken]
    taken.update(names)
    while len(names) < count:
        area = rng.choice(cat.AREAS)
        if number == 7:
            candidate = f"{area}{rng.choice(cat.BOND_WORKS)}"
        elif number == 6:
            candidate = (
                f"{rng.choice(cat.BRANDS)}·{area[:2]}{rng.choice(['雅苑', '花园', '名邸', '公馆'])}"
            )
        else:
            candidate = (
                f"{rng.choice(cat.BRANDS)}{rng.choice(cat.PRODUCTS)}{rng.choice(cat.SUFFIXES)}"
            )
        if candidate not in taken:
            taken.add(candidate)
            names.append(candidate)
    return names


_LEAD_UNITS = {
    1: ["发改局", "规建局", "基建中心", "财政局"],
    2: ["招商一局", "招商二局", "招商三局"],
    3: ["招商一局", "招商二局", "规建局", "政务服务办"],
    4: ["规建局", "招商一局", "招商三局"],
    5: ["招商一局", "招商二局", "招商三局", "规建局", "空港经济区管理局", "临港经济区管理局"],
    6: ["规建局"],
    7: ["财政局", "基建中心", "城环局", "发改局", "海港物流区管理局"],
}


def _money(value: float) -> Decimal:
    return Decimal(str(round(value, 2))).quantize(CENT)


def _add_project(
    session: Session,
    rng: random.Random,
    directory: _Directory,
    plist: ProjectList,
    name: str,
    serial: int,
) -> Project:
    number = plist.number
    lead_name = rng.choice(_LEAD_UNITS[number])
    lead = directory.units[lead_name]
    owner_word = {6: "置业", 7: "建设投资", 1: "投资发展"}.get(number, "科技")
    owner_name = f"天津{rng.choice(cat.BRANDS)}{owner_word}有限公司"
    owner = directory.units.get(owner_name)
    if owner is None:
        owner = Unit(name=owner_name, kind=UnitKind.OWNER)
        directory.units[owner_name] = owner
        session.add(owner)
    total = rng.randrange(30, 400) * 500 if number != 6 else rng.randrange(200, 1200) * 500
    plan_share = rng.uniform(0.02, 0.06) if number == 1 else rng.uniform(0.25, 0.5)
    annual = _money(total * plan_share)
    start, finish, actual_start = _project_dates(rng, number)
    project = Project(
        code=_project_code(rng, serial) if rng.random() < 0.8 else None,
        name=name,
        project_list=plist,
        stage=_initial_stage(number),
        level=rng.choices(list(ProjectLevel), weights=[1, 3, 6])[0],
        nature=ConstructionNature.NEW
        if number in (1, 2, 3)
        else rng.choice(list(ConstructionNature)),
        industry=cat.INDUSTRIES[number],
        location=f"天津港保税区{rng.choice(cat.AREAS)}",
        park=rng.choice(cat.AREAS),
        owner=owner,
        content=_content(rng, number, name),
        total_investment=_money(total),
        annual_plan=annual,
        campaign_target=_money(float(annual) * rng.uniform(0.3, 0.45)),
        planned_start=start,
        planned_finish=finish,
        actual_start=actual_start,
        lead_unit=lead,
        leader=rng.choice(directory.leaders),
        chief_officer=directory.heads[lead_name],
        specialist=directory.staff[lead_name],
        contact=f"{owner_name[2:4]}经理 138{rng.randrange(1000_0000, 9999_9999)}",
    )
    cooperating = [u for u in cat.RESPONSIBLE_UNITS if u != lead_name]
    project.cooperating_units = [
        directory.units[u] for u in rng.sample(cooperating, rng.randint(1, 2))
    ]
    if number == 7:
        issued = total * rng.uniform(0.3, 0.6)
        project.bond_issued = _money(issued)
        project.bond_spent = _money(issued * rng.uniform(0.1, 0.6))
    session.add(project)
    return project


def _project_code(rng: random.Random, serial: int) -> str:
    year = rng.choice([2020, 2021, 2022])
    department = rng.choice(["04", "34", "36", "48", "89"])
    kind = rng.choice(["01", "02", "03"])
    return f"{year}-120116-{department}-{kind}-{100000 + serial * 7919 % 899999:06d}"


def _initial_stage(number: int) -> Stage:
    return {1: Stage.PLANNING, 2: Stage.PREPARATION, 3: Stage.PREPARATION}.get(
        number, Stage.CONSTRUCTION
    )


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def _project_dates(rng: random.Random, number: int) -> tuple[dt.date, dt.date, dt.date | None]:
    """Planned start, planned finish and (for projects already building) actual start."""
    d = dt.date
    if number == 1:
        start = _day(rng, d(2022, 10, 1), d(2023, 3, 31))
        return start, start + dt.timedelta(days=rng.randint(500, 900)), None
    if number == 2:
        start = _day(rng, d(2022, 6, 15), d(2022, 11, 30))
        return start, start + dt.timedelta(days=rng.randint(400, 700)), None
    if number == 3:
        start = _day(rng, d(2022, 6, 1), d(2022, 8, 31))
        return start, start + dt.timedelta(days=rng.randint(365, 600)), None
    if number == 4:
        finish = _day(rng, d(2022, 6, 30), d(2022, 12, 31))
        start = _day(rng, d(2020, 9, 1), d(2021, 6, 30))
        return start, finish, start + dt.timedelta(days=rng.randint(0, 20))
    if number in (5, 6):
        start = _day(rng, d(2021, 3, 1), d(2022, 3, 31))
        finish = start + dt.timedelta(days=rng.randint(600, 900))
        return start, finish, start + dt.timedelta(days=rng.randint(0, 30))
    start = _day(rng, d(2021, 10, 1), d(2022, 6, 30))
    finish = start + dt.timedelta(days=rng.randint(450, 700))
    return start, finish, start if start < AS_OF else None


def _content(rng: random.Random, number: int, name: str) -> str:
    area = rng.randrange(20, 300) * 1000
    if number == 6:
        return f"总建筑面积约{area // 10000 + 5}万平方米，建设住宅、商业及配套设施。"
    if number in (1, 7):
        return f"建设{name[-6:]}及配套设施，总建筑面积约{area:,}平方米。"
    equipment = rng.randrange(50, 400)
    return (
        f"新建生产厂房、研发中心及配套用房，总建筑面积约{area:,}平方米，"
        f"购置生产设备{equipment}台（套）。"
    )


def _key_date(project: Project, number: int) -> dt.date:
    """The date the template's last milestone must be reached by."""
    assert project.planned_start is not None and project.planned_finish is not None
    if number == 1:
        return project.planned_start - dt.timedelta(days=10)
    if number in (2, 3):
        return project.planned_start
    return project.planned_finish


def _add_milestones(session: Session, rng: random.Random, project: Project, list_name: str) -> None:
    """Lay the list's template out backwards from the key date with the scheduling engine."""
    steps = DEFAULT_TEMPLATES[list_name]
    target = _key_date(project, project.project_list.number)
    tasks = [
        Task(seq, step.name, step.duration_days, target if seq == len(steps) else None)
        for seq, step in enumerate(steps, start=1)
    ]
    links = [Link(seq, seq + 1) for seq in range(1, len(steps))]
    timings = schedule(tasks, links, CalendarDays(), AS_OF).timings
    previous: Milestone | None = None
    for seq, step in enumerate(steps, start=1):
        milestone = Milestone(
            project=project,
            seq=seq,
            name=step.name,
            kind=step.kind,
            duration_days=step.duration_days,
            planned_start=timings[seq].latest_start,
            planned_finish=timings[seq].latest_finish,
            target_date=target if seq == len(steps) else None,
        )
        _set_progress(rng, milestone, previous)
        if previous is not None:
            milestone.predecessors.append(MilestoneDependency(predecessor=previous, lag_days=0))
        session.add(milestone)
        previous = milestone
    _set_stage_from_milestones(project, previous)


def _set_progress(rng: random.Random, milestone: Milestone, previous: Milestone | None) -> None:
    assert milestone.planned_start is not None and milestone.planned_finish is not None
    previous_done = previous is None or previous.state is MilestoneState.DONE
    if milestone.planned_finish < PROGRESS_AS_OF and previous_done and rng.random() < 0.93:
        milestone.actual_start = milestone.planned_start + dt.timedelta(days=rng.randint(-5, 5))
        finish = milestone.planned_finish + dt.timedelta(days=rng.randint(-10, 8))
        milestone.actual_finish = min(max(finish, milestone.actual_start), PROGRESS_AS_OF)
        milestone.state = MilestoneState.DONE
    elif milestone.planned_start <= PROGRESS_AS_OF and previous_done and rng.random() < 0.85:
        milestone.actual_start = min(
            milestone.planned_start + dt.timedelta(days=rng.randint(0, 10)), PROGRESS_AS_OF
        )
        milestone.state = MilestoneState.IN_PROGRESS
    else:
        milestone.state = MilestoneState.NOT_STARTED
    if previous is not None and previous.actual_finish and milestone.actual_start:
        milestone.actual_start = max(milestone.actual_start, previous.actual_finish)
        if milestone.actual_finish:
            milestone.actual_finish = max(milestone.actual_finish, milestone.actual_start)


def _set_stage_from_milestones(project: Project, last: Milestone | None) -> None:
    number = project.project_list.number
    if last is None or last.state is not MilestoneState.DONE:
        return
    if number in (2, 3):  # the last step is 开工
        project.stage = Stage.CONSTRUCTION
        project.actual_start = last.actual_finish
    elif number == 4:  # the last step is 投产
        project.stage = Stage.PRODUCTION
        project.actual_finish = last.actual_finish
    elif number == 1:
        project.stage = Stage.RESERVE


def _add_reports(session: Session, rng: random.Random, project: Project, number: int) -> None:
    assert project.annual_plan is not None
    pace = min(max(rng.gauss(1.0, 0.28), 0.25), 1.5)
    cumulative = Decimal("0.00")
    texts = cat.PROGRESS_TEXT[
        project.stage.value if project.stage.value in cat.PROGRESS_TEXT else "在建"
    ]
    reports: list[MonthlyReport] = []
    for month, share in enumerate(MONTH_SHARE, start=1):
        month_end = dt.date(2022, month + 1, 1) - dt.timedelta(days=1)
        building = project.actual_start is not None and project.actual_start <= month_end
        # Before 开工 a project still books land, design and other preliminary costs.
        effort = 1.0 if building and number != 1 else 0.65
        amount = _money(float(project.annual_plan) * share * pace * effort * rng.uniform(0.8, 1.2))
        cumulative += amount
        reports.append(
            MonthlyReport(
                project=project,
                year=2022,
                month=month,
                investment_month=amount,
                investment_year=cumulative,
                progress=rng.choice(texts),
                reporter=project.specialist.name if project.specialist else None,
                entered_at=dt.datetime.combine(month_end + dt.timedelta(days=3), dt.time(9, 30)),
            )
        )
    if project.bond_spent is not None and cumulative > 0:
        # Bond money is spent in step with the investment, reaching the card's figure in July.
        for report in reports:
            assert report.investment_year is not None
            report.bond_spent = (project.bond_spent * report.investment_year / cumulative).quantize(
                CENT
            )
    session.add_all(reports)
    project.latest_progress = rng.choice(texts)


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
# 60 problems: mostly closed or in hand, as in a ledger two months into a campaign.
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


def _add_problems(
    session: Session,
    rng: random.Random,
    directory: _Directory,
    projects: list[Project],
    names: _PersonNames,
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
        raised = _day(rng, dt.date(2022, 3, 1), dt.date(2022, 7, 20))
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
    steps = list(CoordinationLevel)
    reached = steps[: steps.index(problem.level) + 1]  # raised one level at a time
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


def _add_supervisions(
    session: Session,
    rng: random.Random,
    directory: _Directory,
    problems: list[Problem],
    projects: list[Project],
) -> None:
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
