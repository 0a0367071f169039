"""Carry out an import plan in one transaction, recorded as an import batch.

Rows are written through the ORM (new projects by bulk insert, `project_insert.py`) so that the
change log records every insert and every changed field under the batch's id; undoing a batch
(`batch_undo.py`) walks those entries backwards.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.campaign.setup import CampaignSetup
from app.campaign.setup_write import add_campaign
from app.exchange.import_plan import FORM_KEYS, ImportPlan, PlannedRow, rematch
from app.exchange.problem_import import find_project, write_problem
from app.exchange.project_insert import insert_new_projects
from app.infra.errors import UserError
from app.infra.gc_pause import gc_paused
from app.infra.progress import Progress
from app.infra.write_lock import take_write_lock
from app.projects.edits import apply_values
from app.projects.name_directory import NameDirectory
from db.enums import CalendarKind, Stage
from db.models import Campaign, ImportBatch, MonthlyReport, Project, ProjectList

log = logging.getLogger("gongjian.exchange")


@contextmanager
def import_batch(
    session: Session, *, source: str, sheet: str | None, kind: str, rows: int
) -> Iterator[ImportBatch]:
    """One import batch in one transaction: the batch row, every change logged under it, then
    commit; any exception (an error, a cancel) rolls all of it back."""
    try:
        batch = ImportBatch(
            at=dt.datetime.now().replace(microsecond=0),
            operator=session.info.get("operator"),
            source_file=source[:500],
            sheet=sheet[:100] if sheet else None,
            kind=kind,
            row_count=rows,
        )
        session.add(batch)
        session.flush()
        session.info["import_batch_id"] = batch.id
        yield batch
        session.flush()
        session.commit()
        log.info("batch %s (%s) written from %s: %d rows", batch.id, kind, source, rows)
    except BaseException as exc:
        session.rollback()
        log.info("batch from %s not written (%s): nothing kept", source, type(exc).__name__)
        raise
    finally:
        session.info.pop("import_batch_id", None)


class NothingToWrite(UserError):
    """Under the write lock every row turned out to be stored already (another import did it)."""


@gc_paused()
def write_import(
    session: Session,
    plan: ImportPlan,
    source: str,
    *,
    campaign_id: int | None,
    new_campaign: CampaignSetup | None = None,
    kind: str | None = None,
    progress: Progress | None = None,
) -> int:
    """Write the plan's rows into the campaign; return the batch id.

    Without a campaign, `new_campaign` is created in the same transaction (导入上级下发的表格 on
    the start page), else one named from the plan. UserError (or `Cancelled`) writes nothing.
    The database's write lock is taken first and the rows are matched again under it if anything
    was written since the preview, so two imports of one workbook never both add its projects.
    """
    if plan.has_errors():
        raise UserError("预览中还有错误，未写入任何数据。请修正表格，或取消勾选有错误的行。")
    campaign_id = _match_again_under_lock(session, plan, campaign_id, new_campaign)
    rows = plan.to_write()
    with import_batch(
        session,
        source=source,
        sheet="、".join(sorted({r.sheet for r in rows})) or None,
        kind=kind
        or "、".join(sorted({"问题台账" if r.kind == "problem" else "项目清单" for r in rows}))
        or "项目清单",
        rows=len(rows),
    ) as batch:
        campaign = session.get(Campaign, campaign_id) if campaign_id is not None else None
        if campaign is None:
            campaign = (
                add_campaign(session, new_campaign)
                if new_campaign is not None
                else _new_campaign(session, plan)
            )
        _write_rows(session, campaign, rows, progress)
    if progress is not None:
        progress(len(rows), len(rows))
    return batch.id


def _match_again_under_lock(
    session: Session,
    plan: ImportPlan,
    campaign_id: int | None,
    new_campaign: CampaignSetup | None,
) -> int | None:
    """Take the write lock and match the plan again against what is stored now; return the
    campaign to write into. UserError (after a rollback, so the lock is let go) when rows now
    conflict, NothingToWrite when another import has written them all."""
    take_write_lock(session)
    try:
        if campaign_id is None:
            campaign_id = _made_meanwhile(session, plan, new_campaign)
            if campaign_id is not None:
                plan.stamp = ()  # planned against no campaign: match against this one now
        rematch(session, plan, campaign_id)
        if plan.has_errors():
            first = next(i for i in plan.all_issues() if i.error)
            raise UserError(
                "预览之后数据库已有变化，现在有的行与库中数据冲突（如 "
                f"{first.text()}），未写入任何数据。请重新预览。"
            )
        if not plan.to_write():
            raise NothingToWrite(
                "预览之后，这些数据已由另一次导入写入，没有需要写入的变化；未重复写入。"
            )
    except BaseException:
        session.rollback()
        raise
    return campaign_id


def _write_rows(
    session: Session, campaign: Campaign, rows: list[PlannedRow], progress: Progress | None
) -> None:
    """The planned rows into the campaign: lists it lacks, new projects, changed projects, then
    problems (a problem may name a project this import adds)."""
    lists = {pl.name: pl for pl in campaign.lists}
    names = NameDirectory(session)
    projects = [r for r in rows if r.kind == "project"]
    problems = [r for r in rows if r.kind == "problem"]
    for row in projects:
        if row.list_name not in lists:
            _new_list(session, campaign, row.list_name, lists, row.list_number)
    fresh = [r for r in projects if r.project_id is None]
    if fresh:
        insert_new_projects(session, fresh, lists, names, progress, len(rows))
    with session.no_autoflush:
        for done, row in enumerate(
            (r for r in projects if r.project_id is not None), start=len(fresh) + 1
        ):
            _write_row(session, row, lists[row.list_name], names)
            if done % 500 == 0:
                session.flush()
                if progress is not None:
                    progress(done, len(rows))  # Cancelled here rolls the batch back
    session.flush()
    for row in problems:  # after the projects: a problem may name one this import adds
        project_id = row.project_id or find_project(
            session, campaign.id, row.values.get("project_code"), row.values.get("project_name")
        )
        if project_id is None:
            raise UserError(f"找不到问题所属的项目「{row.name}」，未写入任何数据。")
        write_problem(session, project_id, row.values, row.problem_id, names)


def _made_meanwhile(
    session: Session, plan: ImportPlan, new_campaign: CampaignSetup | None
) -> int | None:
    """The campaign this import would create, if another import (planned on the same empty
    database) has created it since: its rows then go there and are matched against it."""
    name = new_campaign.name if new_campaign is not None else _campaign_name(plan)
    return session.scalar(select(Campaign.id).where(Campaign.name == name))


def _campaign_name(plan: ImportPlan) -> str:
    year = plan.year or dt.date.today().year
    return (plan.campaign_name or f"{year}年重点项目")[:200]


def _new_campaign(session: Session, plan: ImportPlan) -> Campaign:
    year = plan.year or dt.date.today().year
    campaign = Campaign(
        name=_campaign_name(plan),
        start_date=dt.date(year, 1, 1),
        end_date=dt.date(year, 12, 31),
    )
    session.add(campaign)
    return campaign


def _new_list(
    session: Session,
    campaign: Campaign,
    name: str,
    lists: dict[str, ProjectList],
    number: int | None,
) -> ProjectList:
    """A list the import names; it keeps its 附表 number when that number is free."""
    numbers = [pl.number for pl in lists.values()]
    if number is None or number in numbers:
        number = max(numbers, default=0) + 1
    project_list = ProjectList(name=name[:100], number=number)
    campaign.lists.append(project_list)
    lists[name] = project_list
    return project_list


def _write_row(
    session: Session, row: PlannedRow, project_list: ProjectList, names: NameDirectory
) -> None:
    values = {FORM_KEYS.get(k, k): v for k, v in row.values.items()}
    if row.project_id is None:
        project = Project(
            stage=values.pop("stage", Stage.PREPARATION), calendar=CalendarKind.CALENDAR
        )
        session.add(project)
    else:
        project = session.get_one(Project, row.project_id)
    if project.project_list is not project_list:
        project.project_list = project_list
    apply_values(session, project, values, names)
    for (year, month), amounts in row.reports.items():
        report = _report(session, project, year, month)
        for field, amount in amounts.items():
            if getattr(report, field) != amount:
                setattr(report, field, amount)
                report.reporter = session.info.get("operator")
                report.entered_at = dt.datetime.now().replace(microsecond=0)


def _report(session: Session, project: Project, year: int, month: int) -> MonthlyReport:
    if project.id is not None:
        report = session.scalar(
            select(MonthlyReport).where(
                MonthlyReport.project_id == project.id,
                MonthlyReport.year == year,
                MonthlyReport.month == month,
            )
        )
        if report is not None:
            return report
    report = MonthlyReport(year=year, month=month)
    project.monthly_reports.append(report)
    return report
