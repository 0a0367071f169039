"""The campaign's projects: one query every list, chart, grid and export starts from.

A project belongs to a campaign through its list; projects in the 回收站 (deleted) are left out.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select

from db.models import Project, ProjectList


def campaign_projects(*columns: Any, campaign_id: int | None) -> Select[Any]:
    """SELECT `columns` over the live projects joined with their list, of one campaign (every
    campaign when `campaign_id` is None); callers add their own joins, order and conditions."""
    query = (
        select(*columns)
        .select_from(Project)
        .join(ProjectList, Project.list_id == ProjectList.id)
        .where(Project.deleted_at.is_(None))
    )
    if campaign_id is not None:
        query = query.where(ProjectList.campaign_id == campaign_id)
    return query
