"""Units, people and lists: merge moves every reference; renames and deletions are guarded."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.infra.database import Database
from app.infra.errors import UserError
from app.projects.organisation_edits import (
    add_list,
    delete_list,
    delete_unit,
    lists,
    move_list,
    people,
    rename_list,
    rename_unit,
    restore_deleted,
    set_person_field,
    units,
)
from app.projects.unit_merge import merge_units, unmerge_units
from db.enums import UnitKind
from db.models import ChangeLog, Person, Project, Unit
from tests.support.campaigns import the_campaign
from tests.unit.factories import a_project


def test_merge_moves_projects_people_and_cooperation_onto_the_kept_unit(
    database: Database,
) -> None:
    with database.sessions() as session:
        project = a_project(session)
        typo = Unit(name="发改委", kind=UnitKind.RESPONSIBLE)
        other = a_project(session, "第二个项目")
        other.lead_unit = typo
        project.cooperating_units = [typo]
        other.cooperating_units = [typo, project.lead_unit]  # type: ignore[list-item]
        session.add(Person(name="李四", unit=typo))
        session.commit()
        keep = project.lead_unit_id
        assert keep is not None
        moved = merge_units(session, keep, typo.id).moved
        assert moved == 3  # the doubled cooperation row is dropped, not moved
        assert session.scalar(select(Unit).where(Unit.name == "发改委")) is None
        assert {p.lead_unit_id for p in session.scalars(select(Project))} == {keep}
        assert [u.id for u in session.get_one(Project, other.id).cooperating_units] == [keep]
        assert people(session)[0].unit == "发改局"
        logged = session.scalars(
            select(ChangeLog.field).where(ChangeLog.table_name == "project")
        ).all()
        assert "lead_unit_id" in logged


def test_units_guarded_against_duplicates_and_deleting_in_use(database: Database) -> None:
    with database.sessions() as session:
        project = a_project(session)
        session.add(Unit(name="规建局", kind=UnitKind.RESPONSIBLE))
        session.commit()
        assert project.lead_unit_id is not None
        with pytest.raises(UserError, match="合并"):
            rename_unit(session, project.lead_unit_id, "规建局")
        with pytest.raises(UserError, match="在用"):
            delete_unit(session, project.lead_unit_id)
        assert [u.projects for u in units(session) if u.name == "发改局"] == [1]


def test_person_fields_checked(database: Database) -> None:
    with database.sessions() as session:
        person = Person(name="张三")
        session.add(person)
        session.commit()
        set_person_field(session, person.id, "phone", "022-12345678")
        with pytest.raises(UserError, match="号码"):
            set_person_field(session, person.id, "phone", "abc")
        with pytest.raises(UserError, match="没有名为"):
            set_person_field(session, person.id, "unit", "不存在局")
        assert people(session)[0].phone == "022-12345678"


def test_lists_add_rename_move_and_delete_when_empty(database: Database) -> None:
    with database.sessions() as session:
        a_project(session)
        session.commit()
        new = add_list(session, the_campaign(session), "招商实体转化项目")
        with pytest.raises(UserError, match="已存在"):
            rename_list(session, new, "力促开工项目")
        move_list(session, new, -1)
        assert [(r.number, r.name) for r in lists(session, the_campaign(session))] == [
            (1, "招商实体转化项目"),
            (2, "力促开工项目"),
        ]
        first = lists(session, the_campaign(session))[1]
        with pytest.raises(UserError, match="还有 1 个项目"):
            delete_list(session, first.id)
        delete_list(session, new)
        assert [r.name for r in lists(session, the_campaign(session))] == ["力促开工项目"]


def test_merge_taken_back_restores_the_unit_and_every_reference(database: Database) -> None:
    with database.sessions() as session:
        project = a_project(session)
        typo = Unit(name="发改委", kind=UnitKind.RESPONSIBLE)
        other = a_project(session, "第二个项目")
        other.lead_unit = typo
        project.cooperating_units = [typo]
        other.cooperating_units = [typo, project.lead_unit]  # type: ignore[list-item]
        session.add(Person(name="李四", unit=typo))
        session.commit()
        keep, typo_id = project.lead_unit_id, typo.id
        assert keep is not None
        merge = merge_units(session, keep, typo_id)
        unmerge_units(session, merge)
        session.expire_all()
        assert session.get_one(Unit, typo_id).name == "发改委"
        assert session.get_one(Project, other.id).lead_unit_id == typo_id
        assert {u.id for u in session.get_one(Project, other.id).cooperating_units} == {
            typo_id,
            keep,
        }
        assert [u.id for u in session.get_one(Project, project.id).cooperating_units] == [typo_id]
        assert people(session)[0].unit == "发改委"
        merge_units(session, keep, typo_id)  # and it can be merged again (重做)
        assert session.get(Unit, typo_id) is None


def test_deleted_unit_and_list_come_back_under_their_ids(database: Database) -> None:
    with database.sessions() as session:
        a_project(session)
        spare = Unit(name="备用单位", kind=UnitKind.OWNER)
        session.add(spare)
        session.commit()
        spare_id = spare.id
        copy = delete_unit(session, spare_id)
        assert restore_deleted(session, copy) == spare_id
        assert session.get_one(Unit, spare_id).kind is UnitKind.OWNER
        list_id = add_list(session, the_campaign(session), "临时清单")
        number = next(r.number for r in lists(session, the_campaign(session)) if r.id == list_id)
        restore_deleted(session, delete_list(session, list_id))
        assert [
            (r.id, r.number) for r in lists(session, the_campaign(session)) if r.name == "临时清单"
        ] == [(list_id, number)]
