"""Build the demo campaign (示例数据) into a session: deterministic, as of the end of July 2022."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.demo import catalogue as cat
from app.demo.milestones import add_milestones
from app.demo.problems import add_problems, add_supervisions
from app.demo.setting import (
    AS_OF,
    CAMPAIGN_END,
    CAMPAIGN_START,
    CENT,
    MONTH_SHARE,
    Directory,
    PersonNames,
    add_directory,
    day,
    money,
)
from app.schedule.templates import seed_templates, template_name
from db.enums import (
    ConstructionNature,
    ProjectLevel,
    Stage,
    TargetKind,
    UnitKind,
)
from db.models import (
    AppMeta,
    Campaign,
    CampaignTarget,
    MilestoneTemplate,
    MonthlyReport,
    Project,
    ProjectList,
    Unit,
)


def build_demo(session: Session, seed: int = 2022) -> Campaign:
    """Add the whole demo campaign to `session` (the caller commits)."""
    rng = random.Random(seed)
    names = PersonNames(rng)
    directory = add_directory(session, rng, names)
    campaign = _add_campaign(session)
    _add_templates(session, campaign)
    projects: list[Project] = []
    serial = iter(range(1, 10_000))
    taken: set[str] = set()  # names are unique across the campaign, as the editor requires
    for number, list_name, count, seed_names in cat.LISTS:
        plist = next(pl for pl in campaign.lists if pl.number == number)
        for project_name in _project_names(rng, number, count, seed_names, taken):
            project = _add_project(session, rng, directory, plist, project_name, next(serial))
            add_milestones(session, rng, project, list_name)
            _add_reports(session, rng, project, number)
            projects.append(project)
    problems = add_problems(session, rng, directory, projects, names)
    add_supervisions(session, rng, directory, problems, projects)
    session.add(AppMeta(key="demo", value="1"))
    return campaign


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


def _add_project(
    session: Session,
    rng: random.Random,
    directory: Directory,
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
    annual = money(total * plan_share)
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
        total_investment=money(total),
        annual_plan=annual,
        campaign_target=money(float(annual) * rng.uniform(0.3, 0.45)),
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
        project.bond_issued = money(issued)
        project.bond_spent = money(issued * rng.uniform(0.1, 0.6))
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


def _project_dates(rng: random.Random, number: int) -> tuple[dt.date, dt.date, dt.date | None]:
    """Planned start, planned finish and (for projects already building) actual start."""
    d = dt.date
    if number == 1:
        start = day(rng, d(2022, 10, 1), d(2023, 3, 31))
        return start, start + dt.timedelta(days=rng.randint(500, 900)), None
    if number == 2:
        start = day(rng, d(2022, 6, 15), d(2022, 11, 30))
        return start, start + dt.timedelta(days=rng.randint(400, 700)), None
    if number == 3:
        start = day(rng, d(2022, 6, 1), d(2022, 8, 31))
        return start, start + dt.timedelta(days=rng.randint(365, 600)), None
    if number == 4:
        finish = day(rng, d(2022, 6, 30), d(2022, 12, 31))
        start = day(rng, d(2020, 9, 1), d(2021, 6, 30))
        return start, finish, start + dt.timedelta(days=rng.randint(0, 20))
    if number in (5, 6):
        start = day(rng, d(2021, 3, 1), d(2022, 3, 31))
        finish = start + dt.timedelta(days=rng.randint(600, 900))
        return start, finish, start + dt.timedelta(days=rng.randint(0, 30))
    start = day(rng, d(2021, 10, 1), d(2022, 6, 30))
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
        amount = money(float(project.annual_plan) * share * pace * effort * rng.uniform(0.8, 1.2))
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


# 60 problems: mostly closed or in hand, as in a ledger two months into a campaign.


