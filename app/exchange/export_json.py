"""`gongjian export --format json`: projects and problems for other tools. Keep the keys stable.

Amounts in 万元 as strings with two decimals, dates ISO, missing values null, states and types by
their Chinese names.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from app.exchange.export_city import ExportScope
from app.infra.errors import UserError, os_reason
from db.models import MonthlyReport, Person, Problem, Project, ProjectList, Unit

PROJECT_KEYS = (
    "code",
    "name",
    "list",
    "stage",
    "responsible_unit",
    "leader",
    "owner",
    "total_investment",
    "annual_plan_investment",
    "ytd_completed_investment",
    "planned_start",
    "planned_finish",
    "progress_text",
)
PROBLEM_KEYS = (
    "project_name",
    "project_code",
    "type",
    "description",
    "responsible_unit",
    "deadline",
    "state",
    "level",
)


def _plain(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "value"):
        return value.value
    return value


def export_json(session: Session, scope: ExportScope) -> dict[str, list[dict[str, Any]]]:
    """{"projects": [...], "problems": [...]} of the scope's campaign (not the 回收站)."""
    lead, owner, leader = aliased(Unit), aliased(Unit), aliased(Person)
    report = aliased(MonthlyReport)
    query = (
        select(
            Project.code,
            Project.name,
            ProjectList.name,
            Project.stage,
            lead.name,
            leader.name,
            owner.name,
            Project.total_investment,
            Project.annual_plan,
            report.investment_year,
            Project.planned_start,
            Project.planned_finish,
            Project.latest_progress,
        )
        .join(ProjectList, Project.list_id == ProjectList.id)
        .outerjoin(lead, Project.lead_unit_id == lead.id)
        .outerjoin(owner, Project.owner_id == owner.id)
        .outerjoin(leader, Project.leader_id == leader.id)
        .outerjoin(
            report,
            (report.project_id == Project.id)
            & (report.year == scope.year)
            & (report.month == scope.month),
        )
        .where(Project.deleted_at.is_(None), Project.campaign_id == scope.campaign_id)
        .order_by(ProjectList.number, Project.id)
    )
    projects = [
        dict(zip(PROJECT_KEYS, (_plain(v) for v in row), strict=True))
        for row in session.execute(query)
    ]
    unit = aliased(Unit)
    problems_query = (
        select(
            Project.name,
            Project.code,
            Problem.type,
            Problem.description,
            unit.name,
            Problem.deadline,
            Problem.state,
            Problem.level,
        )
        .join(Project, Problem.project_id == Project.id)
        .outerjoin(unit, Problem.lead_unit_id == unit.id)
        .where(Project.deleted_at.is_(None), Project.campaign_id == scope.campaign_id)
        .order_by(Problem.id)
    )
    problems = [
        dict(zip(PROBLEM_KEYS, (_plain(v) for v in row), strict=True))
        for row in session.execute(problems_query)
    ]
    return {"projects": projects, "problems": problems}


def write_json(session: Session, scope: ExportScope, out: Path) -> Path:
    """导出 JSON: the projects and problems of `scope` written to `out` (UTF-8, indented)."""
    import json

    data = export_json(session, scope)
    try:
        out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    except OSError as exc:
        raise UserError(f"无法写入「{out}」：{os_reason(exc)}") from exc
    return out
