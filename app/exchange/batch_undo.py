"""Undo of an import batch: its change-log entries walked backwards.

A batch whose rows were changed again afterwards is not undone blindly: the clerk is told which
rows.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Enum, Integer, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.infra.errors import UserError
from app.infra.write_lock import take_write_lock
from app.values.date_format import iso_minute
from db.base import Base, ScaledDecimal
from db.enums import ChangeAction
from db.models import ChangeLog, ImportBatch

log = logging.getLogger("gongjian.exchange")


def batches(session: Session) -> list[ImportBatch]:
    """Import batches, latest first."""
    return list(session.scalars(select(ImportBatch).order_by(ImportBatch.id.desc())))


def undo_batch(session: Session, batch_id: int) -> int:
    """Take a whole import back; return how many changes were reversed.

    Refused (nothing changed) when a row the batch wrote has been changed since by anything else.
    """
    take_write_lock(session)  # the checks below and the undoing see one state of the database
    try:
        return _undo_batch(session, batch_id)
    except BaseException:
        session.rollback()
        raise


def _undo_batch(session: Session, batch_id: int) -> int:
    batch = session.get(ImportBatch, batch_id)
    if batch is None:
        raise UserError("该导入批次不存在。")
    if batch.undone_at is not None:
        raise UserError(f"该批次已于 {iso_minute(batch.undone_at)} 撤销。")
    entries = session.scalars(
        select(ChangeLog).where(ChangeLog.batch_id == batch_id).order_by(ChangeLog.id.desc())
    ).all()
    _refuse_if_changed_since(session, batch_id, entries)
    if batch.undo_log_from is None:
        # Everything the batch logged before this is the import itself (what 重做 replays).
        last = session.scalar(select(func.max(ChangeLog.id))) or 0
        batch.undo_log_from = last + 1
    session.info["import_batch_id"] = batch_id  # the undoing is part of the batch's history
    try:
        _reverse(session, entries)
        batch.undone_at = dt.datetime.now().replace(microsecond=0)
        session.commit()
    except IntegrityError:
        session.rollback()
        raise UserError(
            "本批次导入的记录已被后来的数据引用（例如之后新建的项目放在了导入时新建的清单里），"
            "不能整批撤销；请先处理那些数据。"
        ) from None
    except BaseException:
        session.rollback()
        raise
    finally:
        session.info.pop("import_batch_id", None)
    log.info("batch %s undone: %d changes reversed", batch_id, len(entries))
    return len(entries)


def _refuse_if_changed_since(session: Session, batch_id: int, entries: Sequence[ChangeLog]) -> None:
    """UserError when a row the batch touched was changed afterwards by anything still standing."""
    touched = {(e.table_name, e.row_id) for e in entries}
    # Changes by batches already undone (and by their undoing, logged under their id) are gone.
    undone = set(
        session.scalars(select(ImportBatch.id).where(ImportBatch.undone_at.is_not(None)))
    ) | {batch_id}
    later = session.execute(
        select(ChangeLog.table_name, ChangeLog.row_id, func.count())
        .where(ChangeLog.id > max((e.id for e in entries), default=0))
        .where((ChangeLog.batch_id.is_(None)) | (ChangeLog.batch_id.not_in(undone)))
        .group_by(ChangeLog.table_name, ChangeLog.row_id)
    ).all()
    changed_since = [(t, r) for t, r, _n in later if (t, r) in touched]
    if changed_since:
        raise UserError(
            f"本批次导入的 {len(changed_since)} 条记录此后又被修改过（如 "
            f"{changed_since[0][0]} #{changed_since[0][1]}），不能整批撤销；请逐项修改。"
        )


def _reverse(session: Session, entries: Sequence[ChangeLog]) -> None:
    """Each entry undone, latest first: inserted rows deleted, changed fields given back."""
    tables = {mapper.class_.__tablename__: mapper.class_ for mapper in Base.registry.mappers}
    with session.no_autoflush:
        for entry in entries:
            model = tables.get(entry.table_name)
            if model is None:
                continue
            key = [int(p) for p in entry.row_id.split(",")] if entry.row_id else []
            identity = key[0] if len(key) == 1 else tuple(key)
            if entry.action is ChangeAction.INSERT:
                # Read afresh: the database may have removed it already with its parent.
                obj = session.get(model, identity, populate_existing=True)
                if obj is not None:
                    session.delete(obj)
                    session.flush()
                continue
            obj = session.get(model, identity)
            if entry.action is ChangeAction.UPDATE and obj is not None and entry.field:
                restore_field(obj, entry.field, entry.old_value)


def restore_field(obj: Any, field: str, old: str | None) -> None:
    """Set a field (a column or a many-to-many link) to the value a change-log entry recorded."""
    mapper = obj.__mapper__
    if field in mapper.relationships:
        ids = set(json.loads(old or "[]"))
        related = mapper.relationships[field].mapper.class_
        session = Session.object_session(obj)
        assert session is not None
        setattr(obj, field, [session.get_one(related, int(i)) for i in sorted(ids)])
        return
    column = mapper.columns[field]
    setattr(obj, field, logged_value(column.type, old))


def logged_value(column_type: Any, text: str | None) -> Any:
    """A change-log text back as the column's Python value."""
    if text is None:
        return None
    if isinstance(column_type, ScaledDecimal):
        return Decimal(text)
    if isinstance(column_type, DateTime):
        return dt.datetime.fromisoformat(text)
    if isinstance(column_type, Date):
        return dt.date.fromisoformat(text)
    if isinstance(column_type, Enum) and column_type.enum_class is not None:
        return column_type.enum_class(text)
    if isinstance(column_type, Boolean):
        return text in ("True", "1", "true")
    if isinstance(column_type, Integer):
        return int(text)
    return text
