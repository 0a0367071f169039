"""Units (责任/项目单位, 园区), people (领导、服务官) and the project lists: edits that commit.

Merging two units that are one (a typo) is in unit_merge.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.campaign.setup import proposed_template, template_ids_by_name
from app.infra.errors import UserError
from app.infra.row_copies import RowCopy, copy_row, restore_row
from app.projects.unit_merge import unit_references
from app.search.pinyin import pinyin_order
from app.values.names import clean_name
from db.enums import UnitKind
from db.models import Campaign, MilestoneTemplate, Person, Project, ProjectList, Unit

T = TypeVar("T")


@dataclass
class UnitRow:
    """A unit and how many projects name it (as responsible unit or owner)."""

    id: int
    name: str
    kind: str
    projects: int


@dataclass
class PersonRow:
    """A leader, chief service officer or specialist."""

    id: int
    name: str
    title: str
    unit: str
    phone: str


@dataclass
class ListRow:
    """A project list of the chosen campaign."""

    id: int
    number: int
    name: str
    projects: int
    template_id: int | None = None
    template: str | None = None  # its milestone template's name


def _clean(text: str, label: str, limit: int) -> str:
    text = clean_name(text) or ""  # the importer's spelling: the same name, the same unit
    if not text:
        raise UserError(f"{label}不能为空。")
    if len(text) > limit:
        raise UserError(f"{label}过长（{len(text)} 字），最多 {limit} 字。")
    return text


# ----- units ----------------------------------------------------------------------------------
def units(session: Session) -> list[UnitRow]:
    """Every unit, by kind then name."""
    used = dict(
        session.execute(
            select(Unit.id, func.count(Project.id))
            .join(
                Project,
                (Project.lead_unit_id == Unit.id) | (Project.owner_id == Unit.id),
            )
            .where(Project.deleted_at.is_(None))
            .group_by(Unit.id)
        ).all()
    )
    rows = session.execute(select(Unit.id, Unit.name, Unit.kind))
    found = [UnitRow(i, name, kind.value, used.get(i, 0)) for i, name, kind in rows]
    return sorted(found, key=lambda u: (u.kind, pinyin_order(u.name)))


def add_unit(session: Session, name: str, kind: UnitKind) -> int:
    """A new unit; refused when the name exists."""
    name = _clean(name, "单位名称", 200)
    if session.scalar(select(Unit.id).where(Unit.name == name)) is not None:
        raise UserError(f"单位「{name}」已存在。")
    unit = Unit(name=name, kind=kind)
    session.add(unit)
    session.commit()
    return unit.id


def rename_unit(session: Session, unit_id: int, name: str) -> None:
    """Rename; a name another unit has is refused (merge them instead)."""
    name = _clean(name, "单位名称", 200)
    other = session.scalar(select(Unit.id).where(Unit.name == name, Unit.id != unit_id))
    if other is not None:
        raise UserError(f"已有单位叫「{name}」；若两者是同一单位，请用“合并”。")
    _get(session, Unit, unit_id).name = name
    session.commit()


def set_unit_kind(session: Session, unit_id: int, kind: UnitKind) -> None:
    """责任单位 / 项目单位 / 区域园区."""
    _get(session, Unit, unit_id).kind = kind
    session.commit()


def delete_unit(session: Session, unit_id: int) -> RowCopy:
    """Delete a unit nothing refers to (its copy returned, for 撤销); else say what uses it."""
    unit = _get(session, Unit, unit_id)
    uses = sum(count for _table, _column, count in _references(session, unit_id))
    if uses:
        raise UserError(f"「{unit.name}」仍有 {uses} 处在用，不能删除；可将它合并到另一单位。")
    copy = copy_row(unit)
    session.delete(unit)
    session.commit()
    return copy


def _references(session: Session, unit_id: int) -> list[tuple[str, str, int]]:
    counts = []
    for table, column in unit_references():
        count = session.scalar(
            select(func.count()).select_from(table).where(table.c[column] == unit_id)
        )
        if count:
            counts.append((table.name, column, int(count)))
    return counts


# ----- people ---------------------------------------------------------------------------------
def people(session: Session) -> list[PersonRow]:
    """Every person, by name."""
    rows = session.execute(
        select(Person.id, Person.name, Person.title, Unit.name, Person.phone)
        .outerjoin(Unit, Person.unit_id == Unit.id)
        .order_by(Person.id)
    )
    found = [PersonRow(i, n, t or "", u or "", p or "") for i, n, t, u, p in rows]
    return sorted(found, key=lambda p: pinyin_order(p.name))


def add_person(session: Session, name: str) -> int:
    """A new person with just a name (the rest is filled in the table)."""
    person = Person(name=_clean(name, "姓名", 50))
    session.add(person)
    session.commit()
    return person.id


def set_person_field(session: Session, person_id: int, field: str, text: str) -> None:
    """Change one of name, title, unit (by name, must exist) or phone."""
    person = _get(session, Person, person_id)
    if field == "name":
        person.name = _clean(text, "姓名", 50)
    elif field == "title":
        person.title = " ".join(text.split())[:100] or None
    elif field == "phone":
        phone = text.strip()
        if phone and not all(c.isdigit() or c in "-+ ()（）转" for c in phone):
            raise UserError(f"电话「{phone}」含有不是号码的字符。")
        person.phone = phone[:50] or None
    elif field == "unit":
        name = " ".join(text.split())
        unit_id = session.scalar(select(Unit.id).where(Unit.name == name)) if name else None
        if name and unit_id is None:
            raise UserError(f"没有名为「{name}」的单位，请先在“单位”中新增。")
        person.unit_id = unit_id
    else:
        raise ValueError(field)
    session.commit()


def delete_person(session: Session, person_id: int) -> RowCopy:
    """Delete a person no project names (the copy returned, for 撤销)."""
    person = _get(session, Person, person_id)
    uses = session.scalar(
        select(func.count(Project.id)).where(
            (Project.leader_id == person_id)
            | (Project.chief_officer_id == person_id)
            | (Project.specialist_id == person_id)
        )
    )
    if uses:
        raise UserError(f"「{person.name}」仍是 {uses} 个项目的领导或服务人员，不能删除。")
    copy = copy_row(person)
    session.delete(person)
    session.commit()
    return copy


# ----- lists ----------------------------------------------------------------------------------
def lists(session: Session, campaign_id: int | None) -> list[ListRow]:
    """The campaign's lists in order, with their project counts."""
    rows = session.execute(
        select(
            ProjectList.id,
            ProjectList.number,
            ProjectList.name,
            func.count(Project.id),
            ProjectList.template_id,
            MilestoneTemplate.name,
        )
        .outerjoin(Project, (Project.list_id == ProjectList.id) & Project.deleted_at.is_(None))
        .outerjoin(MilestoneTemplate, ProjectList.template_id == MilestoneTemplate.id)
        .where(ProjectList.campaign_id == campaign_id)
        .group_by(ProjectList.id, MilestoneTemplate.name)
        .order_by(ProjectList.number)
    )
    return [ListRow(*row) for row in rows]


def set_list_template(session: Session, list_id: int, template_id: int | None) -> None:
    """Link a list to the milestone template its projects get (套用模板 proposes it)."""
    row = _get(session, ProjectList, list_id)
    if template_id is not None:
        _get(session, MilestoneTemplate, template_id)
    if row.template_id != template_id:
        row.template_id = template_id
    session.commit()


def add_list(session: Session, campaign_id: int | None, name: str) -> int:
    """A new list at the end of the campaign's lists, with the template named after it."""
    campaign = session.get(Campaign, campaign_id) if campaign_id is not None else None
    if campaign is None:
        raise UserError("请先新建攻坚行动（总览页或“设置 → 攻坚行动”），清单属于攻坚行动。")
    name = _clean(name, "清单名称", 100)
    _refuse_duplicate_list(session, campaign.id, name, None)
    last = session.scalar(
        select(func.max(ProjectList.number)).where(ProjectList.campaign_id == campaign.id)
    )
    row = ProjectList(
        campaign_id=campaign.id,
        number=(last or 0) + 1,
        name=name,
        template_id=proposed_template(template_ids_by_name(session), name),
    )
    session.add(row)
    session.commit()
    return row.id


def _refuse_duplicate_list(session: Session, campaign_id: int, name: str, own: int | None) -> None:
    other = session.scalar(
        select(ProjectList.id).where(
            ProjectList.campaign_id == campaign_id,
            ProjectList.name == name,
            ProjectList.id != own,
        )
    )
    if other is not None:
        raise UserError(f"清单「{name}」已存在。")


def rename_list(session: Session, list_id: int, name: str) -> None:
    """Rename a list."""
    row = _get(session, ProjectList, list_id)
    name = _clean(name, "清单名称", 100)
    _refuse_duplicate_list(session, row.campaign_id, name, list_id)
    row.name = name
    session.commit()


def move_list(session: Session, list_id: int, step: int) -> None:
    """Move a list up (-1) or down (+1) by swapping numbers with its neighbour (附表N follows)."""
    row = _get(session, ProjectList, list_id)
    siblings = session.scalars(
        select(ProjectList)
        .where(ProjectList.campaign_id == row.campaign_id)
        .order_by(ProjectList.number)
    ).all()
    position = siblings.index(row) + step
    if not 0 <= position < len(siblings):
        return
    other = siblings[position]
    # (campaign, number) is unique: park one number out of the way for the swap.
    mine, theirs = row.number, other.number
    row.number = -1
    session.flush()
    other.number = mine
    session.flush()
    row.number = theirs
    session.commit()


def delete_list(session: Session, list_id: int) -> RowCopy:
    """Delete an empty list (the copy returned, for 撤销)."""
    row = _get(session, ProjectList, list_id)
    count = session.scalar(select(func.count(Project.id)).where(Project.list_id == list_id))
    if count:
        raise UserError(f"清单「{row.name}」中还有 {count} 个项目（含回收站），不能删除。")
    copy = copy_row(row)
    session.delete(row)
    session.commit()
    return copy


def restore_deleted(session: Session, copy: RowCopy) -> int:
    """撤销删除 (or 重做新增): a unit, person or list back under its own id and values."""
    if session.get(copy.model, copy.id) is not None:
        raise UserError("该条记录已经存在。")
    values = dict(copy.values)
    if copy.model is ProjectList:
        taken = session.scalar(
            select(ProjectList.id).where(
                ProjectList.campaign_id == values["campaign_id"],
                ProjectList.number == values["number"],
            )
        )
        if taken is not None:
            raise UserError(f"附表{values['number']}已被另一清单占用，不能恢复。")
    if copy.model is Unit and session.scalar(select(Unit.id).where(Unit.name == values["name"])):
        raise UserError(f"已有单位叫「{values['name']}」，不能恢复。")
    restore_row(session, copy)
    session.commit()
    return int(copy.id)


def _get(session: Session, model: type[T], row_id: int) -> T:
    row = session.get(model, row_id)
    if row is None:
        raise UserError("该条记录已不存在。")
    return row


def units_with_projects(session: Session, campaign_id: int | None) -> list[tuple[int, str, int]]:
    """Responsible units that lead the campaign's projects: (id, name, count), in pinyin order."""
    rows = session.execute(
        select(Unit.id, Unit.name, func.count(Project.id))
        .join(Project, Project.lead_unit_id == Unit.id)
        .where(Project.deleted_at.is_(None), Project.campaign_id == campaign_id)
        .group_by(Unit.id)
    ).all()
    return sorted(((i, n, c) for i, n, c in rows), key=lambda row: pinyin_order(row[1]))
