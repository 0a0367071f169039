"""Carry out an import plan in one transaction, recorded as an import batch; undo a batch.

Rows are written through the ORM so that the change log records every insert and every changed
field under the batch's id; undoing a batch walks those entries backwards. A batch whose rows were
changed again afterwards is not undone blindly: the clerk is told which rows.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Enum, Integer, func, select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.exchange.import_plan import FORM_KEYS, ImportPlan, PlannedRow
from app.exchange.problem_import import find_project, write_problem
from app.overview import current_campaign
from app.project_edits import apply_values
from db.base import Base, ScaledDecimal
from db.enums import CalendarKind, ChangeAction, Stage
from db.models import Campaign, ChangeLog, ImportBatch, MonthlyReport, Project, ProjectList

Progress = Callable[[int, int], bool]  # (done, total) → False to cancel


def write_import(
    session: Session,
    plan: ImportPlan,
    source: str,
    *,
    kind: str | None = None,
    progress: Progress | None = None,
) -> int:
    """Write the plan's rows; return the batch id. UserError (or a cancel) writes nothing."""
    if plan.has_errors():
        raise UserError("预览中还有错误，未写入任何数据。请修正表格，或取消勾选有错误的行。")
    rows = plan.to_write()
    try:
        batch = ImportBatch(
            at=dt.datetime.now().replace(microsecond=0),
            operator=session.info.get("operator"),
            source_file=source[:500],
            sheet="、".join(sorted({r.sheet for r in rows}))[:100] or None,
            kind=kind
            or "、".join(sorted({"问题台账" if r.kind == "problem" else "项目清单" for r in rows}))
            or "项目清单",
            row_count=len(rows),
        )
        session.add(batch)
        session.flush()
        session.info["import_batch_id"] = batch.id
        campaign = current_campaign(session) or _new_campaign(session, plan)
        lists = {pl.name: pl for pl in campaign.lists}
        projects = [r for r in rows if r.kind == "project"]
        problems = [r for r in rows if r.kind == "problem"]
        with session.no_autoflush:
            for done, row in enumerate(projects, start=1):
                project_list = lists.get(row.list_name) or _new_list(
                    session, campaign, row.list_name, lists, row.list_number
                )
                _write_row(session, row, project_list)
                if done % 500 == 0:
                    session.flush()
                    if progress is not None and not progress(done, len(rows)):
                        raise UserError("导入已取消，未写入任何数据。")
        session.flush()
        for row in problems:  # after the projects: a problem may name one this import adds
            project_id = row.project_id or find_project(
                session, campaign.id, row.values.get("project_code"), row.values.get("project_name")
            )
            if project_id is None:
                raise UserError(f"找不到问题所属的项目「{row.name}」，未写入任何数据。")
            write_problem(session, project_id, row.values, row.problem_id)
        session.flush()
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.info.pop("import_batch_id", None)
    if progress is not None:
        progress(len(rows), len(rows))
    return batch.id


def _new_campaign(session: Session, plan: ImportPlan) -> Campaign:
    year = plan.year or dt.date.today().year
    campaign = Campaign(
        name=(plan.campaign_name or f"{year}年重点项目")[:200],
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


def _write_row(session: Session, row: PlannedRow, project_list: ProjectList) -> None:
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
    apply_values(session, project, values)
    for entry, field in ((row.ytd, "investment_year"), (row.month_amount, "investment_month")):
        if entry is None:
            continue
        year, month, amount = entry
        report = _report(session, project, year, month)
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
    batch = session.get(ImportBatch, batch_id)
    if batch is None:
        raise UserError("该导入批次不存在。")
    if batch.undone_at is not None:
        raise UserError(f"该批次已于 {batch.undone_at:%Y-%m-%d %H:%M} 撤销。")
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
    session.info["import_batch_id"] = batch_id  # the undoing is part of the batch's history
    try:
        with session.no_autoflush:
            for entry in entries:
                model = tables.get(entry.table_name)
                if model is None:
                    continue
                key = [int(p) for p in entry.row_id.split(",")] if entry.row_id else []
                obj = session.get(model, key[0] if len(key) == 1 else tuple(key))
                if entry.action is ChangeAction.INSERT and obj is not None:
                    session.delete(obj)
                    session.flush()
                elif entry.action is ChangeAction.UPDATE and obj is not None and entry.field:
                    _restore_field(obj, entry.field, entry.old_value)
        batch.undone_at = dt.datetime.now().replace(microsecond=0)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.info.pop("import_batch_id", None)
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
