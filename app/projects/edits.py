"""Create, change, delete (to the 回收站), restore and purge projects; each call commits.

Only fields whose value really changed are set, so the change log records exactly what the clerk
changed. Units and people are named; a name not known yet becomes a new unit or person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.infra.conflict_check import check_seen
from app.infra.errors import UserError
from app.projects.form import FIELD, FIELDS, FormErrors, FormValues
from app.projects.name_directory import NameDirectory
from app.values.names import clean_name
from db.enums import UnitKind
from db.models import Person, Project, ProjectList, Unit

_UNIT_FIELDS = {"lead_unit": UnitKind.RESPONSIBLE, "owner": UnitKind.OWNER}
_PERSON_FIELDS = ("leader", "chief_officer", "specialist")


def _project(session: Session, project_id: int) -> Project:
    project = session.get(Project, project_id)
    if project is None:
        raise UserError("该项目已不存在（可能已被删除或撤销）。")
    return project


def _lock(session: Session, project: Project) -> Project:
    """Read the row again under a row lock (PostgreSQL): its state now, held until commit."""
    if session.get_bind().dialect.name == "postgresql":
        session.refresh(project, with_for_update=True)
    return project


def read_form(session: Session, project_id: int) -> FormValues:
    """The project's fields as the editor shows them."""
    project = _project(session, project_id)
    values: FormValues = {}
    for spec in FIELDS:
        if spec.key in _UNIT_FIELDS or spec.key in _PERSON_FIELDS:
            related = getattr(project, spec.key)
            values[spec.key] = related.name if related is not None else None
        elif spec.key == "cooperating_units":
            values[spec.key] = tuple(u.name for u in project.cooperating_units)
        else:
            values[spec.key] = getattr(project, spec.key)
    return values


def check_unique(session: Session, values: FormValues, project_id: int | None) -> None:
    """Refuse a code any other project has, or a name another project of the campaign has."""
    code, name = values.get("code"), values.get("name")
    list_row = session.get(ProjectList, values.get("list_id"))
    if code:
        query = select(Project).where(Project.code == code, Project.id != project_id)
        if list_row is not None:  # a project carried into next year's campaign keeps its code
            query = query.where(Project.campaign_id == list_row.campaign_id)
        other = session.scalars(query).first()
        if other is not None:
            where = "（在回收站中）" if other.deleted_at else ""
            raise FormErrors({"code": f"已被项目「{other.name}」{where}使用。"}, other.id)
    if name:
        query = (
            select(Project)
            .join(ProjectList)
            .where(Project.name == name, Project.id != project_id, Project.deleted_at.is_(None))
        )
        if list_row is not None:
            query = query.where(ProjectList.campaign_id == list_row.campaign_id)
        other = session.scalars(query).first()
        if other is not None:
            raise FormErrors({"name": "已有同名项目。"}, other.id)


def apply_values(
    session: Session, project: Project, values: FormValues, names: NameDirectory | None = None
) -> None:
    """Set `values` (form keys) on `project`, resolving unit and person names."""
    # Looking a unit up must not flush a half-filled project (one insert, not insert + update).
    with session.no_autoflush:
        _set_fields(project, values, names or NameDirectory(session))


def _set_fields(project: Project, values: FormValues, names: NameDirectory) -> None:
    for spec in FIELDS:
        if spec.key not in values:
            continue
        value = values[spec.key]
        if spec.key == "name" and isinstance(value, str):
            value = clean_name(value)  # as the form and the importer spell it
        if spec.key in _UNIT_FIELDS:
            unit = names.unit(value if isinstance(value, str) else None, _UNIT_FIELDS[spec.key])
            if getattr(project, spec.key) is not unit:
                setattr(project, spec.key, unit)
        elif spec.key in _PERSON_FIELDS:
            person = names.person(value if isinstance(value, str) else None)
            if getattr(project, spec.key) is not person:
                setattr(project, spec.key, person)
        elif spec.key == "cooperating_units":
            wanted = value if isinstance(value, tuple) else ()
            if tuple(u.name for u in project.cooperating_units) != wanted:
                units = [names.unit(n, UnitKind.RESPONSIBLE) for n in wanted]
                project.cooperating_units = [u for u in units if u is not None]
        elif getattr(project, spec.key) != value:
            setattr(project, spec.key, value)


def create_project(session: Session, values: FormValues, project_id: int | None = None) -> int:
    """Store a new project (values from `parse_form`); return its id.

    `project_id` re-creates a project under the id it had (redo after an undone creation).
    """
    check_unique(session, values, None)
    project = Project(id=project_id)
    session.add(project)
    apply_values(session, project, values)
    session.commit()
    return project.id


def update_project(
    session: Session, project_id: int, values: FormValues, seen: FormValues | None = None
) -> FormValues:
    """Change a project to `values`; return its values before, for undo.

    `seen` is what the clerk's editor showed: a field someone else has changed since to another
    value is not overwritten silently (`VersionConflict`, app/infra/conflicts.py).
    """
    project = _lock(session, _project(session, project_id))
    before = read_form(session, project_id)
    if seen is not None:
        check_seen(
            session,
            f"项目「{before.get('name')}」",
            "project",
            project_id,
            ((FIELD[key].label, before.get(key), seen.get(key), value)
             for key, value in values.items() if key in FIELD),
        )  # fmt: skip
    check_unique(session, {**before, **values}, project_id)
    apply_values(session, project, values)
    session.commit()
    return before


def delete_project(session: Session, project_id: int) -> None:
    """Move a project to the 回收站 (its milestones, reports and problems stay with it)."""
    project = _project(session, project_id)
    project.deleted_at = dt.datetime.now().replace(microsecond=0)
    session.commit()


def restore_project(session: Session, project_id: int) -> None:
    """Bring a project back from the 回收站; refused if its name has been reused meanwhile."""
    project = _project(session, project_id)
    check_unique(session, {"name": project.name, "list_id": project.list_id}, project_id)
    project.deleted_at = None
    session.commit()


def purge_project(session: Session, project_id: int) -> None:
    """Delete a project for good, with everything that hangs on it."""
    session.delete(_project(session, project_id))
    session.commit()


@dataclass(frozen=True)
class BinEntry:
    """A project in the 回收站."""

    project_id: int
    name: str
    list_name: str
    deleted_at: dt.datetime


def recycle_bin(session: Session, campaign_id: int | None) -> list[BinEntry]:
    """The campaign's deleted projects, latest first."""
    rows = session.execute(
        select(Project.id, Project.name, ProjectList.name, Project.deleted_at)
        .join(ProjectList)
        .where(Project.deleted_at.is_not(None), Project.campaign_id == campaign_id)
        .order_by(Project.deleted_at.desc(), Project.id)
    )
    return [BinEntry(i, name, list_name, at) for i, name, list_name, at in rows if at is not None]


def default_list_id(session: Session, campaign_id: int | None) -> int | None:
    """The first list of the campaign (where a new project goes by default)."""
    return session.scalar(
        select(ProjectList.id)
        .where(ProjectList.campaign_id == campaign_id)
        .order_by(ProjectList.number)
    )


def campaign_lists(session: Session, campaign_id: int | None) -> list[tuple[int, str]]:
    """The campaign's lists (id, 附表N name) in order."""
    query = (
        select(ProjectList.id, ProjectList.number, ProjectList.name)
        .where(ProjectList.campaign_id == campaign_id)
        .order_by(ProjectList.number)
    )
    return [(i, f"附表{n} {name}") for i, n, name in session.execute(query)]


def known_names(session: Session) -> tuple[list[str], list[str]]:
    """Unit names and person names the editor offers."""
    units = list(session.scalars(select(Unit.name).order_by(Unit.kind, Unit.name)))
    people = list(
        session.scalars(select(Person.name).group_by(Person.name).order_by(func.min(Person.id)))
    )
    return units, people
