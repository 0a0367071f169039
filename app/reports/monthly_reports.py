"""月度填报: a month's figures for every project, entered as this month or as cumulative.

Offices enter either 本月完成投资 or 今年累计完成投资 (a setting); the other is derived from the
project's earlier months of the year, and later months follow when an earlier one changes. A month
marked 已报送 is locked: nothing in it changes until it is unlocked with a reason.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.infra.conflict_check import check_seen
from app.infra.errors import UserError
from app.projects.campaign_projects import campaign_projects
from app.values.amount_text import amount_text
from db.models import MonthlyReport, Project, ProjectList, ReportMonth, Unit


class EntryMode(enum.StrEnum):
    """Which figure the office enters; the other one is derived."""

    MONTH = "填本月完成，累计自动计算"
    CUMULATIVE = "填今年累计，本月自动计算"


Field = Literal["month", "cumulative", "progress", "bond"]
FIELD_LABELS = {
    "month": "本月完成投资",
    "cumulative": "今年累计完成投资",
    "progress": "形象进度",
    "bond": "专项债累计支出",
}


@dataclass(frozen=True)
class MonthRow:
    """One project's line in the month's grid."""

    project_id: int
    name: str
    list_id: int
    list_name: str
    unit_id: int | None
    unit: str
    previous: Decimal | None  # cumulative of the latest earlier month of the year
    month_amount: Decimal | None
    cumulative: Decimal | None
    progress: str | None
    bond_issued: Decimal | None = None  # 已发行专项债: only these projects report bond spending
    bond_spent: Decimal | None = None  # 专项债累计支出 by the end of this month


@dataclass(frozen=True)
class CellEntry:
    """A value the clerk typed or pasted into one cell."""

    project_id: int
    field: Field
    value: Decimal | str | None
    # What the grid showed in the cell when the clerk typed (`compare`): a value another clerk
    # saved since is not overwritten silently (app/infra/conflicts.py).
    seen: object = None
    compare: bool = False


@dataclass(frozen=True)
class MonthLock:
    """Whether a month is 已报送, by whom and when; and the reason of its last unlock."""

    locked: bool
    locked_at: dt.datetime | None = None
    locked_by: str | None = None
    unlock_reason: str | None = None


def load_month(session: Session, campaign_id: int | None, year: int, month: int) -> list[MonthRow]:
    """The month's grid: every project of the chosen campaign, in list order."""
    query = (
        campaign_projects(
            Project.id,
            Project.name,
            Project.list_id,
            ProjectList.name,
            Project.lead_unit_id,
            Unit.name,
            Project.bond_issued,
            campaign_id=campaign_id,
        )
        .outerjoin(Unit, Project.lead_unit_id == Unit.id)
        .order_by(ProjectList.number, Project.id)
    )
    reports: dict[int, dict[int, MonthlyReport]] = {}
    for report in session.scalars(
        select(MonthlyReport).where(MonthlyReport.year == year, MonthlyReport.month <= month)
    ):
        reports.setdefault(report.project_id, {})[report.month] = report
    rows = []
    for pid, name, list_id, list_name, unit_id, unit, bond_issued in session.execute(query):
        months = reports.get(pid, {})
        this = months.get(month)
        earlier = [months[m] for m in sorted(months) if m < month]
        previous = next(
            (r.investment_year for r in reversed(earlier) if r.investment_year is not None), None
        )
        rows.append(
            MonthRow(
                pid,
                name,
                list_id,
                list_name,
                unit_id,
                unit or "",
                previous,
                this.investment_month if this else None,
                this.investment_year if this else None,
                this.progress if this else None,
                bond_issued,
                this.bond_spent if this else None,
            )
        )
    return rows


def month_lock(session: Session, year: int, month: int) -> MonthLock:
    """Whether the month is 已报送."""
    row = _lock_row(session, year, month)
    if row is None:
        return MonthLock(False)
    return MonthLock(row.locked, row.locked_at, row.locked_by, row.unlock_reason)


def _lock_row(session: Session, year: int, month: int) -> ReportMonth | None:
    return session.scalar(
        select(ReportMonth).where(ReportMonth.year == year, ReportMonth.month == month)
    )


def _locked_months(session: Session, year: int) -> set[int]:
    return set(
        session.scalars(
            select(ReportMonth.month).where(ReportMonth.year == year, ReportMonth.locked)
        )
    )


def lock_month(session: Session, year: int, month: int) -> None:
    """Mark the month 已报送: its figures are locked."""
    row = _lock_row(session, year, month)
    if row is None:
        row = ReportMonth(year=year, month=month)
        session.add(row)
    row.locked = True
    row.locked_at = dt.datetime.now().replace(microsecond=0)
    row.locked_by = session.info.get("operator")
    session.commit()


def unlock_month(session: Session, year: int, month: int, reason: str) -> None:
    """Open a locked month again; the reason is kept (and in the change log)."""
    reason = reason.strip()
    if not reason:
        raise UserError("解除锁定须填写原因。")
    row = _lock_row(session, year, month)
    if row is None or not row.locked:
        raise UserError(f"{year}年{month}月尚未报送，无需解锁。")
    row.locked = False
    row.unlock_reason = reason
    session.commit()


def set_month_lock(session: Session, year: int, month: int, state: MonthLock) -> None:
    """Put a month's lock back as it was (撤销/重做 of 标记已报送 and of 解除锁定)."""
    row = _lock_row(session, year, month)
    if row is None:
        row = ReportMonth(year=year, month=month)
        session.add(row)
    row.locked = state.locked
    row.locked_at = state.locked_at
    row.locked_by = state.locked_by
    row.unlock_reason = state.unlock_reason
    session.commit()


def save_entries(
    session: Session,
    year: int,
    month: int,
    entries: list[CellEntry],
    mode: EntryMode,
    *,
    commit: bool = True,
) -> None:
    """Store the entries in one transaction, deriving the other figure; UserError stores nothing.

    With `commit=False` the caller's transaction (a merge of returned workbooks) goes on.
    """
    locked = _locked_months(session, year)
    if month in locked:
        raise UserError(f"{year}年{month}月已报送（锁定），如需修改请先解锁。")
    derived: Field = "cumulative" if mode is EntryMode.MONTH else "month"
    touched: set[int] = set()
    try:
        for entry in entries:
            if entry.field == derived:
                raise UserError(f"「{FIELD_LABELS[derived]}」按设置自动计算，不能直接填写。")
            report = _report(session, entry.project_id, year, month)
            attribute = _ATTRIBUTES[entry.field]
            if entry.field == "progress":
                value: object = str(entry.value).strip() or None if entry.value else None
            elif entry.field == "bond":
                value = _bond_spent(session, entry.project_id, entry.value)
            else:
                value = _amount(entry.value)
            if entry.compare:
                check_seen(
                    session,
                    f"{report.project.name if report.project else ''} {year}年{month}月的填报",
                    "monthly_report",
                    report.id,
                    [(FIELD_LABELS[entry.field], getattr(report, attribute), entry.seen, value)],
                )
            setattr(report, attribute, value)
            report.reporter = session.info.get("operator")
            report.entered_at = dt.datetime.now().replace(microsecond=0)
            touched.add(entry.project_id)
        session.flush()
        for project_id in touched:
            _rederive(session, project_id, year, mode, locked)
        for entry in entries:
            if entry.field == "bond":
                _card_follows_latest_bond(session, entry.project_id)
            elif entry.field == "progress":
                _card_follows_latest_progress(session, entry.project_id)
        if commit:
            session.commit()
    except UserError:
        session.rollback()
        raise


_ATTRIBUTES: dict[Field, str] = {
    "month": "investment_month",
    "cumulative": "investment_year",
    "progress": "progress",
    "bond": "bond_spent",
}


def _amount(value: Decimal | str | None) -> Decimal | None:
    if value is None or isinstance(value, Decimal):
        return value
    raise UserError(f"「{value}」不是金额。")


def _bond_spent(session: Session, project_id: int, value: Decimal | str | None) -> Decimal | None:
    """A month's 专项债累计支出: an amount, not above the bonds issued to the project."""
    amount = _amount(value)
    project = session.get(Project, project_id)
    if amount is not None and project is not None:
        if not project.bond_issued:
            raise UserError(f"「{project.name}」没有已发行的专项债，不能填写专项债支出。")
        if amount > project.bond_issued:
            raise UserError(
                f"「{project.name}」专项债累计支出 {amount_text(amount)} 万元"
                f"超过已发行的 {amount_text(project.bond_issued)} 万元。"
            )
    return amount


def _card_follows_latest_bond(session: Session, project_id: int) -> None:
    """The project card's 专项债已支出 is the latest month's figure (statistics use the months)."""
    latest = session.scalar(
        select(MonthlyReport.bond_spent)
        .where(MonthlyReport.project_id == project_id, MonthlyReport.bond_spent.is_not(None))
        .order_by(MonthlyReport.year.desc(), MonthlyReport.month.desc())
        .limit(1)
    )
    project = session.get(Project, project_id)
    if project is not None and latest is not None and project.bond_spent != latest:
        project.bond_spent = latest


def _card_follows_latest_progress(session: Session, project_id: int) -> None:
    """The card's 形象进度 is the latest month's text: what the clerk typed this month is what
    the card, the detail and the exported 附表 show (issue 14)."""
    latest = session.execute(
        select(MonthlyReport.progress)
        .where(MonthlyReport.project_id == project_id, MonthlyReport.progress.is_not(None))
        .order_by(MonthlyReport.year.desc(), MonthlyReport.month.desc())
        .limit(1)
    ).first()
    project = session.get(Project, project_id)
    if project is not None and latest is not None and project.latest_progress != latest[0]:
        project.latest_progress = latest[0]


def _report(session: Session, project_id: int, year: int, month: int) -> MonthlyReport:
    query = select(MonthlyReport).where(
        MonthlyReport.project_id == project_id,
        MonthlyReport.year == year,
        MonthlyReport.month == month,
    )
    if session.get_bind().dialect.name == "postgresql":
        # The row as it is now, held until commit: two clerks' saves of one cell take turns.
        query = query.with_for_update().execution_options(populate_existing=True)
    report = session.scalar(query)
    if report is None:
        if session.get(Project, project_id) is None:
            raise UserError("该项目已不存在。")
        report = MonthlyReport(project_id=project_id, year=year, month=month)
        session.add(report)
    return report


def _rederive(
    session: Session, project_id: int, year: int, mode: EntryMode, locked: set[int]
) -> None:
    """Walk the project's months of the year in order and set each derived figure."""
    reports = session.scalars(
        select(MonthlyReport)
        .where(MonthlyReport.project_id == project_id, MonthlyReport.year == year)
        .order_by(MonthlyReport.month)
    ).all()
    name = session.get(Project, project_id)
    label = name.name if name else str(project_id)
    running = Decimal(0)
    for report in reports:
        before = (report.investment_month, report.investment_year)
        if mode is EntryMode.MONTH:
            if report.investment_month is not None:
                running += report.investment_month
                report.investment_year = running
            elif report.investment_year is not None:
                running = report.investment_year
        elif report.investment_year is not None:
            if report.investment_year < running:
                raise UserError(
                    f"「{label}」{report.month}月累计完成 {amount_text(report.investment_year)} "
                    f"万元小于此前累计 {amount_text(running)} 万元。"
                )
            report.investment_month = report.investment_year - running
            running = report.investment_year
        if report.month in locked and before != (report.investment_month, report.investment_year):
            raise UserError(
                f"「{label}」{report.month}月已报送（锁定），这次修改会改变它的数字，"
                f"请先解锁{report.month}月。"
            )
