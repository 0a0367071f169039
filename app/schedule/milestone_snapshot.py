"""A project's milestone plan as stored, and putting one back: 撤销 and 重做 of 保存节点计划.

A save renumbers, adds, removes and relinks milestones and recomputes their dates. The plan
before and after (every milestone and link with its id, and the project's calendar) is all an
undo or redo needs: it puts one back after checking that the other still stands, so a plan
changed since (a drag on the chart) is never overwritten blindly. Ids are kept, so later undo
steps that name a milestone still find it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.infra.errors import UserError
from app.infra.row_copies import RowCopy, copy_row, restore_row
from db.enums import CalendarKind
from db.models import Milestone, MilestoneDependency, Project


@dataclass(frozen=True)
class MilestoneSnapshot:
    """One project's milestones, links and calendar."""

    project_id: int
    calendar: CalendarKind
    milestones: tuple[RowCopy, ...]
    links: tuple[RowCopy, ...]

    def same_plan(self, other: MilestoneSnapshot) -> bool:
        """Whether both hold the same milestones, links and calendar."""
        return (self.calendar, self.milestones, _link_keys(self)) == (
            other.calendar,
            other.milestones,
            _link_keys(other),
        )


def _link_keys(snapshot: MilestoneSnapshot) -> set[tuple[object, ...]]:
    # A link is what it joins, whatever its row id (a save recreates the links).
    return {tuple(v for k, v in copy.values if k != "id") for copy in snapshot.links}


def snapshot_milestones(session: Session, project_id: int) -> MilestoneSnapshot:
    """The project's plan as stored now."""
    project = session.get(Project, project_id)
    if project is None:
        raise UserError("项目不存在（可能已被删除）。")
    milestones = session.scalars(
        select(Milestone).where(Milestone.project_id == project_id).order_by(Milestone.id)
    ).all()
    ids = [m.id for m in milestones]
    links = session.scalars(
        select(MilestoneDependency)
        .where(MilestoneDependency.successor_id.in_(ids))
        .order_by(MilestoneDependency.id)
    ).all()
    return MilestoneSnapshot(
        project_id,
        project.calendar,
        tuple(copy_row(m) for m in milestones),
        tuple(copy_row(link) for link in links),
    )


def restore_milestones(
    session: Session, target: MilestoneSnapshot, expected: MilestoneSnapshot
) -> None:
    """Put `target` back; refused when the plan is no longer `expected`."""
    now = snapshot_milestones(session, target.project_id)
    if not now.same_plan(expected):
        raise UserError(
            "该项目的节点计划此后又被修改过（如在挂图上拖动），不能撤销或重做这次保存。"
        )
    project = session.get_one(Project, target.project_id)
    project.calendar = target.calendar
    ids = [copy.id for copy in now.milestones]
    for link in session.scalars(
        select(MilestoneDependency).where(MilestoneDependency.successor_id.in_(ids))
    ):
        session.delete(link)  # through the ORM: the change log keeps each one
    session.flush()
    session.expire_all()  # the milestones' link collections are gone with them
    wanted = {copy.id: copy for copy in target.milestones}
    existing = session.scalars(
        select(Milestone).where(Milestone.project_id == target.project_id)
    ).all()
    for milestone in existing:
        if milestone.id not in wanted:
            session.delete(milestone)
        else:
            milestone.seq = -milestone.id  # (project, seq) is unique: renumber in two steps
    session.flush()
    for milestone in existing:
        copy = wanted.pop(milestone.id, None)
        if copy is not None:
            for key, value in copy.values:
                setattr(milestone, key, value)
    for copy in wanted.values():
        restore_row(session, copy)
    session.flush()
    for link_copy in target.links:
        restore_row(session, link_copy)
    session.commit()
