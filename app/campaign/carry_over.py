"""结转: carry chosen projects of an earlier campaign into a new one, leaving the old one as it was.

A carried project is a copy in the new campaign (`Project.carried_from_id` names the original):
its own fields, units, leaders and 项目代码, its milestones not yet done (with the links between
them) and its problems not yet solved (with their history). The year's figures stay behind:
monthly reports belong to the year they were reported in, and the annual plan and campaign
target are the new year's to set. Last year's projects, figures and bulletins are not touched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.campaign.setup import CampaignSetup
from app.campaign.setup_write import add_campaign
from app.infra.errors import UserError
from db.enums import MilestoneState, ProblemState, Stage
from db.models import (
    Milestone,
    MilestoneDependency,
    Problem,
    ProblemEscalation,
    ProblemProgress,
    ProblemTransition,
    Project,
    ProjectList,
)

FINISHED_STAGES = (Stage.COMPLETED, Stage.PRODUCTION)
OPEN_STATES = (ProblemState.OPEN, ProblemState.IN_HAND, ProblemState.ON_HOLD)
# Fields that describe the project itself and travel with it; the year's plan does not.
_CARRIED_FIELDS = (
    "code",
    "name",
    "stage",
    "level",
    "nature",
    "industry",
    "location",
    "park",
    "owner_id",
    "content",
    "total_investment",
    "planned_start",
    "planned_finish",
    "actual_start",
    "actual_finish",
    "lead_unit_id",
    "leader_id",
    "chief_officer_id",
    "specialist_id",
    "contact",
    "latest_progress",
    "bond_issued",
    "bond_spent",
    "calendar",
    "remarks",
)


@dataclass(frozen=True)
class CarryCandidate:
    """A project of the earlier campaign as the 结转 list shows it."""

    id: int
    name: str
    list_name: str
    stage: Stage
    unfinished: bool  # ticked by default
    open_milestones: int
    open_problems: int
    carried: bool  # already carried into the target campaign


@dataclass
class CarryResult:
    """What 结转 wrote: the new projects' ids and what was left out, with why."""

    project_ids: list[int] = field(default_factory=list)
    milestones: int = 0
    problems: int = 0
    skipped: list[str] = field(default_factory=list)


def carry_candidates(
    session: Session, source_campaign_id: int, target_campaign_id: int | None = None
) -> list[CarryCandidate]:
    """Every project of the source campaign, by list; the unfinished ones are proposed."""
    milestones = dict(
        session.execute(
            select(Milestone.project_id, func.count(Milestone.id))
            .where(Milestone.state != MilestoneState.DONE)
            .group_by(Milestone.project_id)
        ).all()
    )
    problems = dict(
        session.execute(
            select(Problem.project_id, func.count(Problem.id))
            .where(Problem.state.in_(OPEN_STATES))
            .group_by(Problem.project_id)
        ).all()
    )
    carried: set[int] = set()
    if target_campaign_id is not None:
        carried = set(
            session.scalars(
                select(Project.carried_from_id).where(
                    Project.campaign_id == target_campaign_id,
                    Project.carried_from_id.is_not(None),
                )
            )
        )
    rows = session.execute(
        select(Project.id, Project.name, ProjectList.name, Project.stage, Project.actual_finish)
        .join(ProjectList, Project.list_id == ProjectList.id)
        .where(Project.campaign_id == source_campaign_id, Project.deleted_at.is_(None))
        .order_by(ProjectList.number, Project.id)
    ).all()
    return [
        CarryCandidate(
            pid,
            name,
            list_name,
            stage,
            stage not in FINISHED_STAGES and finished is None,
            milestones.get(pid, 0),
            problems.get(pid, 0),
            pid in carried,
        )
        for pid, name, list_name, stage, finished in rows
    ]


def carry_over(
    session: Session, project_ids: list[int], target_campaign_id: int, today: dt.date
) -> CarryResult:
    """Copy the projects into the target campaign (no commit: the caller's transaction)."""
    result = CarryResult()
    lists = {pl.name: pl for pl in session.scalars(
        select(ProjectList).where(ProjectList.campaign_id == target_campaign_id)
    )}
    taken_names = set(
        session.scalars(select(Project.name).where(Project.campaign_id == target_campaign_id))
    )
    taken_codes = set(
        session.scalars(
            select(Project.code).where(
                Project.campaign_id == target_campaign_id, Project.code.is_not(None)
            )
        )
    )
    for project_id in project_ids:
        source = session.get(Project, project_id)
        if source is None or source.deleted_at is not None:
            continue
        if source.campaign_id == target_campaign_id:
            raise UserError(f"项目「{source.name}」已在这个攻坚行动中，不能结转到它自己。")
        if source.name in taken_names or (source.code and source.code in taken_codes):
            result.skipped.append(f"「{source.name}」：新的攻坚行动中已有同名或同代码的项目")
            continue
        plist = _target_list(session, target_campaign_id, source.project_list, lists)
        copy = Project(project_list=plist, carried_from_id=source.id)
        for name in _CARRIED_FIELDS:
            setattr(copy, name, getattr(source, name))
        copy.cooperating_units = list(source.cooperating_units)
        session.add(copy)
        session.flush()
        result.milestones += _copy_milestones(session, source.id, copy.id)
        result.problems += _copy_problems(session, source.id, copy, today)
        taken_names.add(source.name)
        if source.code:
            taken_codes.add(source.code)
        result.project_ids.append(copy.id)
    session.flush()
    return result


def _target_list(
    session: Session, campaign_id: int, source: ProjectList, lists: dict[str, ProjectList]
) -> ProjectList:
    """The new campaign's list of the same name; made (with the same 附表 number if free)."""
    found = lists.get(source.name)
    if found is not None:
        return found
    numbers = {pl.number for pl in lists.values()}
    number = source.number if source.number not in numbers else max(numbers, default=0) + 1
    made = ProjectList(
        campaign_id=campaign_id, number=number, name=source.name, template_id=source.template_id
    )
    session.add(made)
    lists[source.name] = made
    return made


def _copy_milestones(session: Session, source_id: int, target_id: int) -> int:
    kept = list(
        session.scalars(
            select(Milestone)
            .where(Milestone.project_id == source_id, Milestone.state != MilestoneState.DONE)
            .order_by(Milestone.seq)
        )
    )
    copies: dict[int, Milestone] = {}
    for seq, milestone in enumerate(kept, start=1):
        copy = Milestone(
            project_id=target_id,
            seq=seq,
            name=milestone.name,
            kind=milestone.kind,
            duration_days=milestone.duration_days,
            target_date=milestone.target_date,
            planned_start=milestone.planned_start,
            planned_finish=milestone.planned_finish,
            actual_start=milestone.actual_start,
            actual_finish=milestone.actual_finish,
            state=milestone.state,
            remarks=milestone.remarks,
        )
        session.add(copy)
        copies[milestone.id] = copy
    session.flush()
    if copies:
        for link in session.scalars(
            select(MilestoneDependency).where(MilestoneDependency.successor_id.in_(copies))
        ):
            predecessor = copies.get(link.predecessor_id)
            if predecessor is not None:  # a done predecessor stays behind with its link
                session.add(
                    MilestoneDependency(
                        predecessor_id=predecessor.id,
                        successor_id=copies[link.successor_id].id,
                        lag_days=link.lag_days,
                    )
                )
    return len(copies)


def _copy_problems(session: Session, source_id: int, target: Project, today: dt.date) -> int:
    problems = list(
        session.scalars(
            select(Problem)
            .where(Problem.project_id == source_id, Problem.state.in_(OPEN_STATES))
            .order_by(Problem.id)
        )
    )
    for problem in problems:
        copy = Problem(project_id=target.id)
        for name in (
            "type",
            "description",
            "raised_on",
            "source",
            "lead_unit_id",
            "first_responsible",
            "measures",
            "completion_standard",
            "deadline",
            "level",
            "state",
            "hold_reason",
        ):
            setattr(copy, name, getattr(problem, name))
        copy.cooperating_units = list(problem.cooperating_units)
        _copy_history(problem, copy)
        copy.progress_entries.append(
            ProblemProgress(
                entry_date=today,
                text=f"随项目从「{problem.project.campaign.name}」结转。",
                operator=session.info.get("operator"),
                at=dt.datetime.now().replace(microsecond=0),
            )
        )
        session.add(copy)
    return len(problems)


def _copy_history(problem: Problem, copy: Problem) -> None:
    """The problem's progress entries, state changes and escalations onto its copy, unchanged."""
    for entry in problem.progress_entries:
        copy.progress_entries.append(
            ProblemProgress(
                entry_date=entry.entry_date,
                text=entry.text,
                operator=entry.operator,
                at=entry.at,
            )
        )
    for step in problem.transitions:
        copy.transitions.append(
            ProblemTransition(
                from_state=step.from_state,
                to_state=step.to_state,
                on=step.on,
                at=step.at,
                operator=step.operator,
                note=step.note,
            )
        )
    for raise_ in problem.escalations:
        copy.escalations.append(
            ProblemEscalation(
                from_level=raise_.from_level,
                to_level=raise_.to_level,
                on=raise_.on,
                reason=raise_.reason,
                operator=raise_.operator,
                at=raise_.at,
            )
        )


def create_with_carry_over(
    session: Session, setup: CampaignSetup, project_ids: list[int], today: dt.date
) -> tuple[int, CarryResult]:
    """新建攻坚行动 with 结转, in one transaction: the new campaign's id and what was carried."""
    campaign = add_campaign(session, setup)
    result = carry_over(session, project_ids, campaign.id, today)
    session.commit()
    return campaign.id, result
