"""Carry out an import plan in one transaction, recorded as an import batch; undo a batch.

Rows are written through the ORM so that the change log records every insert and every changed
field under the batch's id; undoing a batch walks those entries backwards. A batch whose rows were
changed again afterwards is not undone blindly: the clerk is told which rows.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Enum, Integer, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.campaign.setup import CampaignSetup
from app.campaign.setup_write import add_campaign
from app.exchange.import_plan import FORM_KEYS, ImportPlan, PlannedRow, rematch
from app.exchange.problem_import import find_project, write_problem
from app.infra.errors import UserError
from app.infra.gc_pause import gc_paused
from app.infra.progress import Progress
from app.infra.write_lock import take_write_lock
from app.projects.edits import apply_values
from app.projects.name_directory import NameDirectory
from app.values.date_format import iso_minute
from db.base import Base, ScaledDecimal, table_of
from db.bulk import bulk_insert, claim_ids
from db.changelog import log_bulk_inserts
from db.enums import CalendarKind, ChangeAction, Stage, UnitKind
from db.models import (
    Campaign,
    ChangeLog,
    ImportBatch,
    MonthlyReport,
    Project,
    ProjectList,
    project_cooperating_unit,
)

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
        lists = {pl.name: pl for pl in campaign.lists}
        names = NameDirectory(session)
        projects = [r for r in rows if r.kind == "project"]
        problems = [r for r in rows if r.kind == "problem"]
        for row in projects:
            if row.list_name not in lists:
                _new_list(session, campaign, row.list_name, lists, row.list_number)
        fresh = [r for r in projects if r.project_id is None]
        if fresh:
            _insert_new_projects(session, fresh, lists, names, progress, len(rows))
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
    if progress is not None:
        progress(len(rows), len(rows))
    return batch.id


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


_PROJECT_COLUMNS = (
    "code",
    "name",
    "stage",
    "level",
    "nature",
    "industry",
    "location",
    "park",
    "content",
    "total_investment",
    "annual_plan",
    "campaign_target",
    "planned_start",
    "planned_finish",
    "actual_start",
    "actual_finish",
    "contact",
    "latest_progress",
    "bond_issued",
    "bond_spent",
    "remarks",
)


def _insert_new_projects(
    session: Session,
    rows: list[PlannedRow],
    lists: dict[str, ProjectList],
    names: NameDirectory,
    progress: Progress | None,
    total: int,
) -> None:
    """New projects and their reports by bulk insert (ten times faster than one object each),
    with the change-log entries written alongside."""
    values_of: list[dict[str, Any]] = []
    cooperation: list[tuple[int, tuple[str, ...]]] = []
    with session.no_autoflush:
        for index, row in enumerate(rows):
            values = {FORM_KEYS.get(k, k): v for k, v in row.values.items()}
            record: dict[str, Any] = {key: values.get(key) for key in _PROJECT_COLUMNS}
            record["stage"] = record["stage"] or Stage.PREPARATION
            record["calendar"] = CalendarKind.CALENDAR
            record["list_id"] = lists[row.list_name]
            for key, kind in (("lead_unit", UnitKind.RESPONSIBLE), ("owner", UnitKind.OWNER)):
                record[f"{key}_id"] = names.unit(values.get(key), kind)
            for key in ("leader", "chief_officer", "specialist"):
                record[f"{key}_id"] = names.person(values.get(key))
            values_of.append(record)
            if values.get("cooperating_units"):
                cooperation.append((index, values["cooperating_units"]))
    session.flush()  # new lists, units and people get their ids
    for record in values_of:
        plist = record["list_id"]
        record["list_id"], record["campaign_id"] = plist.id, plist.campaign_id
        for key in ("lead_unit_id", "owner_id", "leader_id", "chief_officer_id", "specialist_id"):
            record[key] = record[key].id if record[key] is not None else None
    # Ids are given, not returned: SQLite returns inserted ids only row by row.
    ids = claim_ids(session.connection(), table_of(Project), len(values_of))
    for row_id, record in zip(ids, values_of, strict=True):
        record["id"] = row_id
    for start in range(0, len(values_of), 2000):
        chunk = values_of[start : start + 2000]
        bulk_insert(session.connection(), table_of(Project), chunk)
        if progress is not None:
            progress(start + len(chunk), total)
    log_bulk_inserts(session, Project, list(zip(ids, values_of, strict=True)))
    links = [
        {"project_id": ids[index], "unit_id": unit.id}
        for index, wanted in cooperation
        for unit in dict.fromkeys(names.unit(n, UnitKind.RESPONSIBLE) for n in wanted)
        if unit is not None
    ]
    if links:
        session.flush()
        session.connection().execute(project_cooperating_unit.insert(), links)
    reports: list[dict[str, Any]] = []
    reporter = session.info.get("operator")
    entered = dt.datetime.now().replace(microsecond=0)
    for project_id, row in zip(ids, rows, strict=True):
        for (year, month), amounts in row.reports.items():
            reports.append(
                {
                    "project_id": project_id,
                    "year": year,
                    "month": month,
                    "investment_month": amounts.get("investment_month"),
                    "investment_year": amounts.get("investment_year"),
                    "reporter": reporter,
                    "entered_at": entered,
                }
            )
    if reports:
        report_ids = claim_ids(session.connection(), table_of(MonthlyReport), len(reports))
        for row_id, report in zip(report_ids, reports, strict=True):
            report["id"] = row_id
        bulk_insert(session.connection(), table_of(MonthlyReport), reports)
        log_bulk_inserts(session, MonthlyReport, list(zip(report_ids, reports, strict=True)))


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


# ----- undo ------------------------------------------------------------------------------------
def batches(session: Session) -> list[ImportBatch]:
    """Import batches, latest first."""
    return list(session.scalars(select(ImportBatch).order_by(ImportBatch.id.desc())))


def undo_batch(session: Session, batch_id: int) -> int:
    """Take a whole import back; return how many changes were reversed.

    Refused (nothing changed) when a row the batch wrote has been changed since by anything else.
    """
    take_write_lock(session)  # the checks below and the undoing see one state of the database
    try:
        return _undo_batch(session, batch_id)
    except BaseException:
        session.rollback()
        raise


def _undo_batch(session: Session, batch_id: int) -> int:
    batch = session.get(ImportBatch, batch_id)
    if batch is None:
        raise UserError("该导入批次不存在。")
    if batch.undone_at is not None:
        raise UserError(f"该批次已于 {iso_minute(batch.undone_at)} 撤销。")
    entries = session.scalars(
        select(ChangeLog).where(ChangeLog.batch_id == batch_id).order_by(ChangeLog.id.desc())
    ).all()
    touched = {(e.table_name, e.row_id) for e in entries}
    # Changes by batches already undone (and by their undoing, logged under their id) are gone.
    undone = set(
        session.scalars(select(ImportBatch.id).where(ImportBatch.undone_at.is_not(None)))
    ) | {batch_id}
    later = session.execute(
        select(ChangeLog.table_name, ChangeLog.row_id, func.count())
        .where(ChangeLog.id > max((e.id for e in entries), default=0))
        .where((ChangeLog.batch_id.is_(None)) | (ChangeLog.batch_id.not_in(undone)))
        .group_by(ChangeLog.table_name, ChangeLog.row_id)
    ).all()
    changed_since = [(t, r) for t, r, _n in later if (t, r) in touched]
    if changed_since:
        raise UserError(
            f"本批次导入的 {len(changed_since)} 条记录此后又被修改过（如 "
            f"{changed_since[0][0]} #{changed_since[0][1]}），不能整批撤销；请逐项修改。"
        )
    tables = {mapper.class_.__tablename__: mapper.class_ for mapper in Base.registry.mappers}
    if batch.undo_log_from is None:
        # Everything the batch logged before this is the import itself (what 重做 replays).
        last = session.scalar(select(func.max(ChangeLog.id))) or 0
        batch.undo_log_from = last + 1
    session.info["import_batch_id"] = batch_id  # the undoing is part of the batch's history
    try:
        with session.no_autoflush:
            for entry in entries:
                model = tables.get(entry.table_name)
                if model is None:
                    continue
                key = [int(p) for p in entry.row_id.split(",")] if entry.row_id else []
                identity = key[0] if len(key) == 1 else tuple(key)
                if entry.action is ChangeAction.INSERT:
                    # Read afresh: the database may have removed it already with its parent.
                    obj = session.get(model, identity, populate_existing=True)
                    if obj is not None:
                        session.delete(obj)
                        session.flush()
                    continue
                obj = session.get(model, identity)
                if entry.action is ChangeAction.UPDATE and obj is not None and entry.field:
                    _restore_field(obj, entry.field, entry.old_value)
        batch.undone_at = dt.datetime.now().replace(microsecond=0)
        session.commit()
    except IntegrityError:
        session.rollback()
        raise UserError(
            "本批次导入的记录已被后来的数据引用（例如之后新建的项目放在了导入时新建的清单里），"
            "不能整批撤销；请先处理那些数据。"
        ) from None
    except BaseException:
        session.rollback()
        raise
    finally:
        session.info.pop("import_batch_id", None)
    log.info("batch %s undone: %d changes reversed", batch_id, len(entries))
    return len(entries)


def _restore_field(obj: Any, field: str, old: str | None) -> None:
    mapper = obj.__mapper__
    if field in mapper.relationships:
        ids = set(json.loads(old or "[]"))
        related = mapper.relationships[field].mapper.class_
        session = Session.object_session(obj)
        assert session is not None
        setattr(obj, field, [session.get_one(related, int(i)) for i in sorted(ids)])
        return
    column = mapper.columns[field]
    setattr(obj, field, _typed(column.type, old))


def _typed(column_type: Any, text: str | None) -> Any:
    """A change-log text back as the column's Python value."""
    if text is None:
        return None
    if isinstance(column_type, ScaledDecimal):
        return Decimal(text)
    if isinstance(column_type, DateTime):
        return dt.datetime.fromisoformat(text)
    if isinstance(column_type, Date):
        return dt.date.fromisoformat(text)
    if isinstance(column_type, Enum) and column_type.enum_class is not None:
        return column_type.enum_class(text)
    if isinstance(column_type, Boolean):
        return text in ("True", "1", "true")
    if isinstance(column_type, Integer):
        return int(text)
    return text
