"""Rows of a plan matched to what the database holds: projects by code, else by exact name within
the campaign; problems to their projects and to the same problem already in the ledger; the
field-by-field differences of each matched row."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.exchange.fields import PROJECT_FIELDS, field_of
from app.exchange.plan_model import UNSORTED, Change, ImportPlan, PlannedRow, RowStatus
from app.exchange.problem_import import existing_problem, find_project
from app.projects.fields_query import project_fields_select
from app.values.value_text import value_text
from db.models import MonthlyReport, Project

_COMPARED = (
    "code",
    "name",
    "list",
    "stage",
    "level",
    "nature",
    "industry",
    "location",
    "park",
    "content",
    "owner",
    "total_investment",
    "annual_plan",
    "campaign_target",
    "planned_start",
    "planned_finish",
    "actual_start",
    "actual_finish",
    "progress",
    "lead_unit",
    "leader",
    "chief_officer",
    "specialist",
    "contact",
    "bond_issued",
    "bond_spent",
    "remarks",
)


_REPORTED = (("investment_year", "今年累计完成投资"), ("investment_month", "本月完成投资"))
_PROBLEM_COMPARED = (
    ("state", "状态"),
    ("deadline", "解决时限"),
    ("level", "协调层级"),
    ("type", "问题类型"),
    ("measures", "解决措施"),
    ("first_responsible", "第一责任人"),
    ("completion_standard", "完成标准"),
)


def match_and_compare(session: Session, plan: ImportPlan, campaign_id: int | None) -> None:
    """Match every row and work out its status and differences."""
    by_code, by_name, deleted_codes = _campaign_projects(session, campaign_id)
    _match_problems(session, plan, campaign_id)
    _match_projects(session, plan, by_code, by_name, deleted_codes)
    current = _current_values({r.project_id for r in plan.rows if r.project_id}, session)
    reported = _reported(session, plan)
    for row in plan.rows:
        if row.kind != "project":
            continue
        if any(i.error for i in row.issues):
            row.status = RowStatus.ERROR
            continue
        if row.project_id is None:
            row.status = RowStatus.NEW
            continue
        _compare(row, row.project_id, current.get(row.project_id, {}), reported)
        row.status = RowStatus.UPDATED if row.changes else RowStatus.UNCHANGED


def _campaign_projects(
    session: Session, campaign_id: int | None
) -> tuple[dict[str, int], dict[str, int], dict[str, str]]:
    """The campaign's projects by code and by name, and the codes of those in the recycle bin
    (code → name)."""
    by_code: dict[str, int] = {}
    by_name: dict[str, int] = {}
    deleted_codes: dict[str, str] = {}
    # Only the chosen campaign's projects match: last year's copy of a carried project keeps
    # the same code and name, and must not be updated by this year's table. Without a campaign
    # (a new one comes with the import) nothing matches.
    query = select(Project.id, Project.code, Project.name, Project.deleted_at).where(
        Project.campaign_id == campaign_id
    )
    for pid, code, name, deleted in session.execute(query):
        if code and deleted:
            deleted_codes[code] = name
        elif code:
            by_code[code] = pid
    for pid, _code, name, deleted in session.execute(query):
        if deleted is None:
            by_name.setdefault(name, pid)
    return by_code, by_name, deleted_codes


def _match_projects(
    session: Session,
    plan: ImportPlan,
    by_code: dict[str, int],
    by_name: dict[str, int],
    deleted_codes: dict[str, str],
) -> None:
    """Each project row to a stored project, by code, else by name; a row repeated in the
    plan, a code of a deleted project or a name whose project has another code is an issue."""
    seen: dict[str, PlannedRow] = {}
    for row in plan.rows:
        if row.kind != "project":
            continue
        code, name = row.values.get("code"), row.name
        key = code or name
        earlier = seen.get(key)
        if earlier is not None:
            row.add_issue(
                "项目代码" if code else "项目名称",
                f"与「{earlier.sheet}」第 {earlier.row} 行是同一项目（{key}），重复出现。",
            )
        seen.setdefault(key, row)
        if code and code in deleted_codes:
            row.add_issue(
                "项目代码",
                f"代码属于回收站中的项目「{deleted_codes[code]}」，请先恢复或彻底删除它。",
            )
        row.project_id = by_code.get(code) if code else None
        if row.project_id is None:
            row.project_id = by_name.get(name)
            if row.project_id is not None and code and _code_of(session, row.project_id):
                other = _code_of(session, row.project_id)
                if other != code:
                    row.add_issue("项目代码", f"同名项目已有代码 {other}，与表中的 {code} 不一致。")


def _compare(
    row: PlannedRow,
    project_id: int,
    before: dict[str, Any],
    reported: dict[tuple[int, int, int, str], Decimal | None],
) -> None:
    """A row's changes against its project (`before`, and the stored monthly figures): each
    compared field and each reported amount that differs."""
    for key in _COMPARED:
        new = row.list_name if key == "list" else row.values.get(key)
        if new is None or (
            key == "list" and "list" not in row.values and row.list_name == UNSORTED
        ):
            continue
        old = before.get(key)
        if value_text(old) != value_text(new):
            label = "项目清单" if key == "list" else field_of(key, PROJECT_FIELDS).header
            row.changes.append(Change(key, label, value_text(old), value_text(new)))
    for (year, month), amounts in sorted(row.reports.items()):
        for field, label in _REPORTED:
            if field not in amounts:
                continue
            old = reported.get((project_id, year, month, field))
            if old != amounts[field]:
                row.changes.append(
                    Change(field, f"{month}月{label}", value_text(old), value_text(amounts[field]))
                )


def _match_problems(session: Session, plan: ImportPlan, campaign_id: int | None) -> None:
    """Each problem to its project (in the database, or among the plan's new projects)."""
    coming = {r.values.get("code") for r in plan.rows if r.kind == "project"} | {
        r.name for r in plan.rows if r.kind == "project"
    }
    for row in plan.rows:
        if row.kind != "problem":
            continue
        code, name = row.values.get("project_code"), row.values.get("project_name")
        row.project_id = find_project(session, campaign_id, code, name)
        if row.project_id is None and not ({code, name} & coming - {None}):
            row.add_issue(
                "项目名称", f"找不到项目「{name or code or '（空）'}」，请先导入或新建该项目。"
            )
        if any(i.error for i in row.issues):
            row.status = RowStatus.ERROR
            continue
        existing = existing_problem(session, row.project_id, row.values) if row.project_id else None
        if existing is None:
            row.status = RowStatus.NEW
            continue
        row.problem_id = existing.id
        for key, label in _PROBLEM_COMPARED:
            new, old = row.values.get(key), getattr(existing, key)
            if new is not None and new != old:
                row.changes.append(Change(key, label, value_text(old), value_text(new)))
        entries = {e.text for e in existing.progress_entries}
        for key, label in (("progress", "办理进度"), ("note", "办理记录")):
            text = row.values.get(key)
            if text and text not in entries:
                row.changes.append(Change(key, label, "", str(text)))
        row.status = RowStatus.UPDATED if row.changes else RowStatus.UNCHANGED


def _code_of(session: Session, project_id: int) -> str | None:
    return session.scalar(select(Project.code).where(Project.id == project_id))


def _current_values(ids: set[int], session: Session) -> dict[int, dict[str, Any]]:
    """The compared fields of the matched projects, in one query."""
    if not ids:
        return {}
    keys, query = project_fields_select()
    rows = session.connection().execute(query.where(Project.id.in_(ids))).all()
    return {row[0]: dict(zip(keys, row[1:], strict=True)) for row in rows}


def _reported(
    session: Session, plan: ImportPlan
) -> dict[tuple[int, int, int, str], Decimal | None]:
    """The stored monthly figures of the months the plan reports."""
    months = {key for r in plan.rows for key in r.reports}
    found: dict[tuple[int, int, int, str], Decimal | None] = {}
    for year, month in months:
        for pid, cumulative, own in session.execute(
            select(
                MonthlyReport.project_id,
                MonthlyReport.investment_year,
                MonthlyReport.investment_month,
            ).where(MonthlyReport.year == year, MonthlyReport.month == month)
        ):
            found[(pid, year, month, "investment_year")] = cumulative
            found[(pid, year, month, "investment_month")] = own
    return found
