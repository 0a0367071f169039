"""One column query for every field of projects, units and people by name (export and import)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import aliased

from app.projects.campaign_projects import live_projects
from db.models import Person, Project, ProjectList, Unit


def project_fields_select(extra: dict[str, Any] | None = None) -> tuple[list[str], Select[Any]]:
    """(keys, query): the query selects Project.id and then one column per key, in order, over
    the live projects (app/projects/campaign_projects.py).

    Callers name the projects (by id or list), add their own conditions, and joins for `extra`
    columns that need them.
    """
    owner, lead = aliased(Unit), aliased(Unit)
    leader, chief, specialist = aliased(Person), aliased(Person), aliased(Person)
    columns: dict[str, Any] = {
        "list_id": Project.list_id,
        "list": ProjectList.name,
        "code": Project.code,
        "name": Project.name,
        "stage": Project.stage,
        "level": Project.level,
        "nature": Project.nature,
        "industry": Project.industry,
        "location": Project.location,
        "park": Project.park,
        "content": Project.content,
        "owner": owner.name,
        "total_investment": Project.total_investment,
        "annual_plan": Project.annual_plan,
        "campaign_target": Project.campaign_target,
        "planned_start": Project.planned_start,
        "planned_finish": Project.planned_finish,
        "actual_start": Project.actual_start,
        "actual_finish": Project.actual_finish,
        "progress": Project.latest_progress,
        "lead_unit": lead.name,
        "leader": leader.name,
        "chief_officer": chief.name,
        "specialist": specialist.name,
        "contact": Project.contact,
        "bond_issued": Project.bond_issued,
        "bond_spent": Project.bond_spent,
        "remarks": Project.remarks,
        **(extra or {}),
    }
    query = (
        live_projects(Project.id, *columns.values())
        .outerjoin(owner, Project.owner_id == owner.id)
        .outerjoin(lead, Project.lead_unit_id == lead.id)
        .outerjoin(leader, Project.leader_id == leader.id)
        .outerjoin(chief, Project.chief_officer_id == chief.id)
        .outerjoin(specialist, Project.specialist_id == specialist.id)
    )
    return list(columns), query
