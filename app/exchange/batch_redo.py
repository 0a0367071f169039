"""重做 an import batch (an import or a merge of returned fill-in books) that was undone.

The batch is made again from its own change-log entries, not by reading the files again: the files
may have moved or changed, and the plan was made against the data as it was then. The entries the
import logged (everything before its first undoing, `ImportBatch.undo_log_from`) are replayed in
order: each inserted row comes back under its id, each changed field gets its new value. The ids
stay the same, so later undo steps that name those rows still find them. Refused, with nothing
written, when a row is no longer as the undo left it.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from app.exchange.batch_undo import logged_value, restore_field
from app.infra.errors import UserError
from db.base import Base, ScaledDecimal
from db.enums import ChangeAction
from db.models import ChangeLog, ImportBatch


def redo_batch(session: Session, batch_id: int) -> int:
    """Make an undone batch again; return how many changes were replayed."""
    batch = session.get(ImportBatch, batch_id)
    if batch is None:
        raise UserError("该导入批次不存在。")
    if batch.undone_at is None or batch.undo_log_from is None:
        raise UserError(f"导入批次 #{batch_id} 没有被撤销，无需重做。")
    entries = session.scalars(
        select(ChangeLog)
        .where(ChangeLog.batch_id == batch_id, ChangeLog.id < batch.undo_log_from)
        .order_by(ChangeLog.id)
    ).all()
    tables = {mapper.class_.__tablename__: mapper.class_ for mapper in Base.registry.mappers}
    session.info["import_batch_id"] = batch_id  # the redoing is part of the batch's history
    try:
        with session.no_autoflush:
            for entry in entries:
                model = tables.get(entry.table_name)
                if model is None or not entry.row_id:
                    continue
                key = [int(p) for p in entry.row_id.split(",")]
                identity = key[0] if len(key) == 1 else tuple(key)
                if entry.action is ChangeAction.INSERT:
                    if session.get(model, identity) is not None:
                        raise _changed(entry)
                    session.add(model(**_values(model, entry.new_value)))
                    session.flush()
                elif entry.action is ChangeAction.UPDATE and entry.field:
                    obj = session.get(model, identity)
                    if obj is None or not _unchanged(obj, entry.field, entry.old_value):
                        raise _changed(entry)
                    restore_field(obj, entry.field, entry.new_value)
        session.flush()
        batch.undone_at = None
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.info.pop("import_batch_id", None)
    return len(entries)


def _changed(entry: ChangeLog) -> UserError:
    return UserError(
        f"撤销之后，本批次涉及的记录又被修改过（如 {entry.table_name} #{entry.row_id}），"
        "不能重做；请重新导入。"
    )


def _values(model: type[Any], snapshot: str | None) -> dict[str, Any]:
    """A change-log snapshot (JSON) back as the model's column values."""
    raw = json.loads(snapshot or "{}")
    columns = {attr.key: attr.columns[0].type for attr in inspect(model).column_attrs}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in columns:
            continue
        # JSON keeps numbers, booleans and NULL; dates, decimals and words came as text.
        plain = isinstance(value, int) and not isinstance(columns[key], ScaledDecimal)
        if value is None or plain:
            values[key] = value
        else:
            values[key] = logged_value(columns[key], str(value))
    return values


def _unchanged(obj: Any, field: str, old: str | None) -> bool:
    """Whether a field still holds the value the undo put back (links are not compared)."""
    mapper = inspect(obj).mapper
    if field not in mapper.columns:
        return True
    return bool(getattr(obj, field) == logged_value(mapper.columns[field].type, old))
