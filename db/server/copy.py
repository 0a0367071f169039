"""Copy a whole ledger between two databases (a file and a server), then compare them.

Rows keep their ids (history, batches and links keep pointing at the same rows), except change-log
rows, which the target numbers after its own. Every table goes in dependency order in the caller's
transaction; a self-reference (a unit's parent) is filled in after all rows of the table are there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Integer,
    Table,
    func,
    literal_column,
    select,
    text,
    update,
)

from db.base import Base, ScaledDecimal

CHUNK = 2000
LOG = "change_log"


@dataclass
class Tally:
    """Each table's row count, and the sum of each amount or integer column (ids left out)."""

    counts: dict[str, int] = field(default_factory=dict)
    sums: dict[str, int] = field(default_factory=dict)  # "table.column" → sum

    def differences(self, other: Tally, *, log_offset: int = 0) -> list[str]:
        """Where `other` (the copy) differs from this one (the source), in Chinese."""
        out = []
        for table, count in self.counts.items():
            expected = count + (log_offset if table == LOG else 0)
            if other.counts.get(table) != expected:
                out.append(f"表 {table}：原有 {expected} 行，副本 {other.counts.get(table)} 行")
        for key, total in self.sums.items():
            if other.sums.get(key) != total:
                out.append(f"{key} 合计：原为 {total}，副本为 {other.sums.get(key)}")
        return out


def tables(skip: Iterable[str] = ()) -> list[Table]:
    """The tables to copy, parents before children."""
    left_out = set(skip)
    return [t for t in Base.metadata.sorted_tables if t.name not in left_out]


def tally(connection: Connection, skip: Iterable[str] = ()) -> Tally:
    """Count and sum `connection`'s tables (one query per table)."""
    result = Tally()
    for table in tables(skip):
        summed = [
            c
            for c in table.columns
            if isinstance(c.type, ScaledDecimal | Integer)
            and not c.primary_key
            and not c.foreign_keys
            and c.name != "version"
            and table.name != LOG
        ]
        # The stored integers (fen for amounts) are summed, untyped: the same on both engines.
        row = connection.execute(
            select(
                func.count(), *(func.coalesce(func.sum(_stored(c)), 0) for c in summed)
            ).select_from(table)
        ).one()
        result.counts[table.name] = int(row[0])
        for column, total in zip(summed, row[1:], strict=True):
            result.sums[f"{table.name}.{column.name}"] = int(total)
    return result


def _stored(column: Column[object]) -> ColumnElement[object]:
    return literal_column(f'"{column.table.name}"."{column.name}"')


def copy_rows(
    source: Connection,
    target: Connection,
    *,
    skip: Iterable[str] = (),
    progress: Callable[[int, int, str], None] | None = None,
) -> int:
    """Copy every row of every table from `source` to `target`; the number of rows copied."""
    todo = tables(skip)
    copied = 0
    for index, table in enumerate(todo):
        if progress is not None:
            progress(index, len(todo), table.name)
        copied += _copy_table(source, target, table)
    if progress is not None:
        progress(len(todo), len(todo), "")
    return copied


def _copy_table(source: Connection, target: Connection, table: Table) -> int:
    self_refs = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    keep_ids = table.name != LOG
    columns = [c for c in table.columns if keep_ids or not c.primary_key]
    order = list(table.primary_key.columns)
    result = source.execute(select(*columns).order_by(*order)).mappings()
    later: list[tuple[dict[str, object], dict[str, object]]] = []
    copied = 0
    while chunk := result.fetchmany(CHUNK):
        rows = [dict(row) for row in chunk]
        for row in rows:
            refs = {name: row[name] for name in self_refs if row[name] is not None}
            if refs:
                later.append(({c.name: row[c.name] for c in order}, refs))
                row.update(dict.fromkeys(refs))
        target.execute(table.insert(), rows)
        copied += len(rows)
    for key, refs in later:
        condition = [table.c[name] == value for name, value in key.items()]
        target.execute(update(table).where(*condition).values(**refs))
    return copied


def reset_sequences(connection: Connection, skip: Iterable[str] = ()) -> None:
    """PostgreSQL: each id sequence continues after the largest id copied in."""
    for table in tables(skip):
        key = list(table.primary_key.columns)
        if len(key) != 1 or not isinstance(key[0].type, Integer) or table.name == "alembic_version":
            continue
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', '{key[0].name}'), "
                f'COALESCE((SELECT max("{key[0].name}") FROM "{table.name}"), 0) + 1, false)'
            )
        )
