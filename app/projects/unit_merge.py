"""合并单位: two units that are one (a typo) become one, and the merge can be taken back (撤销).

Every reference is moved onto the kept unit. The references are found from the schema's foreign
keys, so a table added later is merged too.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session

from app.infra.errors import UserError
from app.infra.row_copies import RowCopy, copy_row, restore_row
from db.base import Base
from db.models import Unit


def unit_references() -> list[tuple[Table, str]]:
    """Every (table, column) whose foreign key points at unit.id."""
    found = []
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == "unit" and fk.column.name == "id":
                found.append((table, fk.parent.name))
    return found


@dataclass(frozen=True)
class UnitMerge:
    """What merging one unit into another moved, so that it can be taken back (撤销)."""

    keep_id: int
    dropped: RowCopy
    mapped: tuple[tuple[str, int, str], ...]  # (table, row id, column) moved onto keep_id
    linked: tuple[tuple[str, str, int], ...]  # association rows moved: (table, column, partner)
    doubled: tuple[tuple[str, str, int], ...]  # association rows dropped as doubles

    @property
    def moved(self) -> int:
        """How many references were moved (doubled association rows are dropped, not moved)."""
        return len(self.mapped) + len(self.linked)


def merge_units(session: Session, keep_id: int, drop_id: int) -> UnitMerge:
    """Move everything that names `drop_id` onto `keep_id`, then delete it; return what moved.

    Mapped rows are changed through the ORM, so the change log records each move; association
    rows (project ↔ cooperating unit) are moved in SQL, dropping any that would be doubled.
    """
    if keep_id == drop_id:
        raise UserError("请选择两个不同的单位合并。")
    _existing_unit(session, keep_id)
    drop = _existing_unit(session, drop_id)
    dropped = copy_row(drop)
    mapped = {mapper.local_table: mapper.class_ for mapper in Base.registry.mappers}
    moved_rows: list[tuple[str, int, str]] = []
    linked: list[tuple[str, str, int]] = []
    doubled: list[tuple[str, str, int]] = []
    for table, column in unit_references():
        model = mapped.get(table)
        if model is not None:
            attribute = getattr(model, column)
            for row in session.scalars(select(model).where(attribute == drop_id)):
                setattr(row, column, keep_id)
                moved_rows.append((table.name, row.id, column))
            continue
        partner = next(c for c in table.primary_key.columns if c.name != column)
        kept = set(session.scalars(select(partner).where(table.c[column] == keep_id)))
        for value in session.scalars(select(partner).where(table.c[column] == drop_id)):
            (doubled if value in kept else linked).append((table.name, column, value))
        session.execute(delete(table).where(table.c[column] == drop_id, partner.in_(kept)))
        session.execute(update(table).where(table.c[column] == drop_id).values({column: keep_id}))
    session.flush()
    session.expire_all()
    session.delete(drop)
    session.commit()
    return UnitMerge(keep_id, dropped, tuple(moved_rows), tuple(linked), tuple(doubled))


def unmerge_units(session: Session, merge: UnitMerge) -> None:
    """撤销合并: the dropped unit back under its id, and every moved reference back onto it.

    Refused when a moved row has since been pointed at another unit.
    """
    if session.get(Unit, merge.dropped.id) is not None:
        raise UserError("被合并的单位已经恢复。")
    restore_row(session, merge.dropped)
    session.flush()
    drop_id = merge.dropped.id
    models = {mapper.class_.__tablename__: mapper.class_ for mapper in Base.registry.mappers}
    tables = {table.name: table for table in Base.metadata.sorted_tables}
    for table_name, row_id, column in merge.mapped:
        row = session.get(models[table_name], row_id)
        if row is None:
            continue  # removed since: nothing to move back
        if getattr(row, column) != merge.keep_id:
            raise UserError("合并后又有数据改过责任单位，不能撤销合并；请手工调整。")
        setattr(row, column, drop_id)
    for table_name, column, partner_value in merge.linked:
        table = tables[table_name]
        partner = next(c for c in table.primary_key.columns if c.name != column)
        session.execute(
            update(table)
            .where(table.c[column] == merge.keep_id, partner == partner_value)
            .values({column: drop_id})
        )
    for table_name, column, partner_value in merge.doubled:
        table = tables[table_name]
        partner = next(c for c in table.primary_key.columns if c.name != column)
        session.execute(insert(table).values({column: drop_id, partner.name: partner_value}))
    session.commit()


def _existing_unit(session: Session, unit_id: int) -> Unit:
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise UserError("该条记录已不存在。")  # the wording of the other organisation edits
    return unit
