"""Bulk inserts for imports: tens of thousands of rows through the driver's executemany.

SQLAlchemy's per-row parameter handling cost more than SQLite's own work for a 10,000-row import.
Here each column's bind processor (the same conversion SQLAlchemy applies: Money to integer
hundredths, dates to the dialect's format) runs in one tight loop and the statement goes to the
driver as written, in the dialect's parameter style — so it stays portable to PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, func, select

_MARKS: dict[str, Callable[[int], str]] = {
    "qmark": lambda _i: "?",
    "format": lambda _i: "%s",
    "pyformat": lambda _i: "%s",
    "numeric": lambda i: f":{i + 1}",
}


def bulk_insert(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT every row (all rows have the same keys); no RETURNING, ids must be given."""
    if not rows:
        return
    dialect = connection.dialect
    keys = list(rows[0])
    columns = [table.c[key] for key in keys]
    # The dialect's own type (SQLite's DATE/DATETIME write ISO text): the generic Date has no
    # processor, and sqlite3's default date adapters are deprecated since Python 3.12.
    processors = [column.type.dialect_impl(dialect).bind_processor(dialect) for column in columns]
    quote = dialect.identifier_preparer.quote
    mark = _MARKS[dialect.paramstyle]
    statement = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(c.name) for c in columns)}) "
        f"VALUES ({', '.join(mark(i) for i in range(len(columns)))})"
    )
    # Column by column: a column without a processor is taken as it is, with no call per value.
    columns_values = []
    for key, process in zip(keys, processors, strict=True):
        values = [row[key] for row in rows]
        if process is not None:
            values = _converted(values, process)
        columns_values.append(values)
    connection.exec_driver_sql(statement, list(zip(*columns_values, strict=True)))


def _converted(values: list[Any], process: Callable[[Any], Any]) -> list[Any]:
    """The bind processor over a column, each distinct value converted once (a batch's timestamp,
    operator and action are the same object in every row)."""
    seen: dict[Any, Any] = {}
    converted: list[Any] = []
    for value in values:
        if value is None:
            converted.append(None)
            continue
        try:
            result = seen[value]
        except KeyError:
            result = seen[value] = process(value)
        except TypeError:  # not hashable
            result = process(value)
        converted.append(result)
    return converted


def claim_ids(connection: Connection, table: Table, count: int) -> list[int]:
    """`count` ids for rows about to be bulk inserted with their ids given.

    SQLite: the ids after the largest one (this transaction is the only writer until it commits).
    PostgreSQL: taken from the column's sequence, so later ordinary inserts do not collide.
    """
    if count <= 0:
        return []
    name = connection.dialect.name
    if name == "postgresql":
        rows = connection.exec_driver_sql(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            (table.name, count),
        )
        return sorted(int(row[0]) for row in rows)
    last = connection.execute(select(func.max(table.c.id))).scalar() or 0
    return list(range(last + 1, last + 1 + count))
