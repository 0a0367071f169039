"""The campaign's projects: one query every list, chart, grid and export starts from.

A project belongs to one campaign (`Project.campaign_id`, kept equal to its list's campaign);
projects in the 回收站 (deleted) are left out.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select

from db.models import Project, ProjectList


def campaign_projects(*columns: Any, campaign_id: int | None) -> Select[Any]:
    """SELECT `columns` over the live projects of the chosen campaign joined with their list
    (none without a campaign); callers add their own joins, order and conditions."""
    return live_projects(*columns).where(Project.campaign_id == campaign_id)


def live_projects(*columns: Any) -> Select[Any]:
    """SELECT `columns` over every live project joined with its list, for callers that name the
    projects (by id or list) themselves."""
    return (
        select(*columns)
        .select_from(Project)
        .join(ProjectList, Project.list_id == ProjectList.id)
        .where(Project.deleted_at.is_(None))
    )
