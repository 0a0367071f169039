"""Automatic change log (全程留痕): every insert, update and delete of a domain row is recorded."""

from __future__ import annotations

import datetime as dt
import enum
import json
from decimal import Decimal
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import History

from db.base import table_of
from db.bulk import bulk_insert
from db.enums import ChangeAction
from db.models import AppMeta, ChangeLog, ImportBatch

# Rows that describe the log itself or the file, not the office's work.
_NOT_AUDITED = {ChangeLog.__tablename__, ImportBatch.__tablename__, AppMeta.__tablename__}


WRITTEN_TABLES = "written_tables"  # session.info key: names of the tables this session wrote
READING = "reading"  # session.info key: the session is for reading; a write in it is a bug


def install_change_log(factory: sessionmaker[Session]) -> None:
    """Make every session of `factory` write change-log rows in the same transaction, and note
    which tables it wrote (the window announces what changed from them)."""
    event.listen(factory, "before_flush", _refuse_writes_when_reading)
    event.listen(factory, "after_flush", _record_flush)
    event.listen(factory, "do_orm_execute", _note_statement)


def written_tables(session: Session) -> set[str]:
    """The tables `session` has written so far (ORM flushes, DML statements, bulk inserts)."""
    return set(session.info.get(WRITTEN_TABLES, ()))


def note_written(session: Session, *tables: str) -> None:
    """Record writes the session cannot see (rows sent to the driver directly)."""
    session.info.setdefault(WRITTEN_TABLES, set()).update(tables)


def _refuse_writes_when_reading(session: Session, _context: Any, _instances: Any) -> None:
    if session.info.get(READING) and (session.new or session.dirty or session.deleted):
        raise RuntimeError("a reading session was asked to write; writes go through an operation")


def _note_statement(state: Any) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    if state.session.info.get(READING):
        raise RuntimeError("a reading session was asked to write; writes go through an operation")
    table = getattr(state.statement, "table", None)
    if table is not None:
        note_written(state.session, table.name)


def _record_flush(session: Session, _flush_context: Any) -> None:
    operator = session.info.get("operator")
    batch_id = session.info.get("import_batch_id")
    now = dt.datetime.now().replace(microsecond=0)
    rows: list[dict[str, Any]] = []

    def entry(obj: Any, action: ChangeAction, field: str | None, old: Any, new: Any) -> None:
        rows.append(
            {
                "at": now,
                "operator": operator,
                "table_name": obj.__tablename__,
                "row_id": _row_id(obj),
                "action": action,
                "field": field,
                "old_value": old,
                "new_value": new,
                "batch_id": batch_id,
            }
        )

    note_written(
        session,
        *(
            getattr(obj, "__tablename__", "")
            for group in (session.new, session.dirty, session.deleted)
            for obj in group
        ),
    )
    for obj in session.new:
        if _audited(obj):
            entry(obj, ChangeAction.INSERT, None, None, _snapshot(obj))
    for obj in session.dirty:
        if not _audited(obj):
            continue
        state = inspect(obj)
        for attr in state.mapper.column_attrs:
            history: History = state.attrs[attr.key].history
            if not history.has_changes():
                continue
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old != new:
                entry(obj, ChangeAction.UPDATE, attr.key, _text(old), _text(new))
        # Many-to-many links (cooperating units) live in association tables with no class.
        for rel in state.mapper.relationships:
            if rel.secondary is None:
                continue
            history = state.attrs[rel.key].history
            if history.added or history.deleted:
                note_written(session, rel.secondary.name)
                before = [*history.unchanged, *history.deleted]
                after = [*history.unchanged, *history.added]
                entry(obj, ChangeAction.UPDATE, rel.key, _ids(before), _ids(after))
    for obj in session.deleted:
        if _audited(obj):
            entry(obj, ChangeAction.DELETE, None, _snapshot(obj), None)
    if rows:
        session.execute(insert(ChangeLog), rows)


def _audited(obj: Any) -> bool:
    return getattr(obj, "__tablename__", None) not in _NOT_AUDITED


def _row_id(obj: Any) -> str:
    # Not `identity`: a row inserted in this flush has its key values but no identity yet.
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    return ",".join(str(part) for part in key if part is not None)


def _snapshot(obj: Any) -> str:
    """The row's column values as JSON, so a deleted row can be read back (and restored)."""
    state = inspect(obj)
    values = {attr.key: _jsonable(getattr(obj, attr.key)) for attr in state.mapper.column_attrs}
    return json.dumps(values, ensure_ascii=False, sort_keys=True)


def _jsonable(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime | Decimal):
        return str(value) if not isinstance(value, dt.date) else value.isoformat()
    return value


def _ids(objects: list[Any]) -> str:
    return json.dumps(sorted(_row_id(o) for o in objects))


def _text(value: Any) -> str | None:
    if value is None:
        return None
    converted = _jsonable(value)
    return converted if isinstance(converted, str) else str(converted)


def log_bulk_inserts(session: Session, table: Any, rows: list[tuple[int, dict[str, Any]]]) -> None:
    """Change-log entries for rows inserted in bulk (Core), in the format of `_snapshot`.

    Bulk inserts do not pass through the flush the automatic log listens to; a caller that uses
    them for speed (imports) records them here, so the log and the batch undo stay complete.
    """
    if not rows:
        return
    note_written(session, table.__tablename__)
    now = dt.datetime.now().replace(microsecond=0)
    operator = session.info.get("operator")
    batch_id = session.info.get("import_batch_id")
    columns = {c.key for c in inspect(table).column_attrs}
    # One encoder for all rows (json.dumps with options builds one per call); keys in column
    # order, not sorted: the snapshot is read by key either way.
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_jsonable).encode
    entries = []
    for row_id, values in rows:
        # Empty columns are left out of bulk snapshots (a missing key reads as NULL).
        snapshot = {k: v for k, v in values.items() if v is not None and k in columns}
        snapshot["id"] = row_id
        entries.append(
            {
                "at": now,
                "operator": operator,
                "table_name": table.__tablename__,
                "row_id": str(row_id),
                "action": ChangeAction.INSERT,
                "field": None,
                "old_value": None,
                # StrEnums are str already; dates and decimals go through `default`.
                "new_value": encode(snapshot),
                "batch_id": batch_id,
            }
        )
    bulk_insert(session.connection(), table_of(ChangeLog), entries)
