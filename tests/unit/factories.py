"""Minimal valid rows for model tests."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from db.enums import Stage, UnitKind
from db.models import Campaign, Project, ProjectList, Unit


def a_list(session: Session) -> ProjectList:
    """A campaign with one project list, added to the session."""
    campaign = Campaign(
        name="测试攻坚", start_date=dt.date(2022, 5, 1), end_date=dt.date(2022, 8, 31)
    )
    plist = ProjectList(number=1, name="力促开工项目")
    campaign.lists.append(plist)
    session.add(campaign)
    return plist


def a_project(session: Session, name: str = "测试项目", code: str | None = None) -> Project:
    """A project on a fresh list with a responsible unit."""
    unit = session.query(Unit).filter_by(name="发改局").one_or_none() or Unit(
        name="发改局", kind=UnitKind.RESPONSIBLE
    )
    plist = session.query(ProjectList).first() or a_list(session)
    project = Project(
        name=name, code=code, project_list=plist, stage=Stage.PREPARATION, lead_unit=unit
    )
    session.add(project)
    return project
