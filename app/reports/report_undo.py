"""Taking a 月度填报 entry back (撤销) and making it again (重做), exactly.

An entry changes the typed cells, the figures derived from them through the rest of the year and,
for bond spending, the project card. A snapshot of those projects' reports for the year (with
their ids) before and after the entry is all an undo or redo needs: it puts one snapshot back
after checking that the other one still stands, and never touches a month marked 已报送.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.infra.errors import UserError
from app.infra.row_copies import RowCopy, copy_row, restore_row
from db.models import MonthlyReport, Project, ReportMonth


@dataclass(frozen=True)
class ReportSnapshot:
    """Some projects' reports of one year, and their cards' bond spending."""

    year: int
    project_ids: tuple[int, ...]
    reports: tuple[RowCopy, ...]
    card_bonds: tuple[tuple[int, Decimal | None], ...]


# Bookkeeping columns that an undo puts back but that do not make a figure different.
_IGNORED = {"reporter", "entered_at"}


def snapshot_reports(session: Session, year: int, project_ids: Iterable[int]) -> ReportSnapshot:
    """The projects' reports of `year` as stored now."""
    ids = tuple(sorted(set(project_ids)))
    reports = session.scalars(
        select(MonthlyReport)
        .where(MonthlyReport.year == year, MonthlyReport.project_id.in_(ids))
        .order_by(MonthlyReport.id)
    ).all()
    bonds = session.execute(
        select(Project.id, Project.bond_spent).where(Project.id.in_(ids)).order_by(Project.id)
    ).all()
    return ReportSnapshot(
        year, ids, tuple(copy_row(r) for r in reports), tuple((i, b) for i, b in bonds)
    )


def _figures(snapshot: ReportSnapshot) -> dict[int, dict[str, object]]:
    return {
        copy.id: {k: v for k, v in copy.values if k not in _IGNORED} for copy in snapshot.reports
    }


def restore_reports(session: Session, target: ReportSnapshot, expected: ReportSnapshot) -> None:
    """Put `target` back; refused when the reports are no longer as in `expected`."""
    now = snapshot_reports(session, target.year, target.project_ids)
    if _figures(now) != _figures(expected) or now.card_bonds != expected.card_bonds:
        raise UserError("这些项目的月度数字此后又被修改过，不能撤销或重做这次填报；请直接修改。")
    wanted = {copy.id: copy for copy in target.reports}
    changed_months = {
        int(dict(copy.values)["month"])
        for copy in (*target.reports, *now.reports)
        if _figures(now).get(copy.id) != _figures(target).get(copy.id)
    }
    locked = set(
        session.scalars(
            select(ReportMonth.month).where(
                ReportMonth.year == target.year,
                ReportMonth.locked,
                ReportMonth.month.in_(changed_months),
            )
        )
    )
    if locked:
        months = "、".join(f"{m}月" for m in sorted(locked))
        raise UserError(f"{target.year}年{months}已报送（锁定），请先解锁再撤销或重做。")
    for report in session.scalars(
        select(MonthlyReport).where(
            MonthlyReport.year == target.year, MonthlyReport.project_id.in_(target.project_ids)
        )
    ):
        copy = wanted.pop(report.id, None)
        if copy is None:
            session.delete(report)
            continue
        for key, value in copy.values:
            if getattr(report, key) != value:
                setattr(report, key, value)
    session.flush()
    for copy in wanted.values():
        restore_row(session, copy)
    for project_id, bond in target.card_bonds:
        project = session.get(Project, project_id)
        if project is not None and project.bond_spent != bond:
            project.bond_spent = bond
    session.commit()
