"""Fast isolation on PostgreSQL: one test database per run, reset to a saved state per test.

Copying a whole database (CREATE DATABASE … TEMPLATE) took about a second here; emptying the
tables and copying a saved state back in from a schema of the same database takes a few tens of
milliseconds. Each saved state (`empty`: migrated and seeded; `demo`: the demo campaign) is made
once per run, in a schema of its own.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from sqlalchemy import Connection, create_engine, text

from app.infra.database import Database, open_database
from db.server.copy import reset_sequences, tables
from tests.support.pg import drop_database, url_of

NAME = f"gjt_run_{os.getpid()}"
_saved: set[str] = set()


def _connect(database: str = NAME) -> Connection:
    return create_engine(url_of(database), isolation_level="AUTOCOMMIT").connect()


def make_run_database() -> str:
    """Create this run's test database at the head revision, seeded; save it as `empty`."""
    drop_database(NAME)
    with _connect("postgres") as connection:
        connection.exec_driver_sql(f"CREATE DATABASE \"{NAME}\" TEMPLATE template0 ENCODING 'UTF8'")
    open_database(url_of(NAME), operator="测试员").close()
    _save("empty")
    return NAME


def saved_state(state: str) -> str:
    """Make the saved state `state` if this run has not yet (only `demo` is made on demand)."""
    if state not in _saved:
        assert state == "demo"
        _reset("empty")
        database = open_database(url_of(NAME), operator="测试员")
        try:
            from app.demo.build import build_demo

            with database.sessions() as session:
                build_demo(session)
                session.commit()
        finally:
            database.close()
        _save("demo")
    return state


def _save(state: str) -> None:
    with _connect() as connection, connection.begin():
        connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "saved_{state}" CASCADE')
        connection.exec_driver_sql(f'CREATE SCHEMA "saved_{state}"')
        for table in tables():
            connection.exec_driver_sql(
                f'CREATE TABLE "saved_{state}"."{table.name}" AS TABLE public."{table.name}"'
            )
    _saved.add(state)


def _reset(state: str) -> None:
    with _connect() as connection:
        # A connection a test left open would hold the TRUNCATE up.
        connection.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = :name AND pid <> pg_backend_pid()"
            ),
            {"name": NAME},
        )
        connection.commit()
        with connection.begin():
            names = ", ".join(f'public."{t.name}"' for t in tables())
            connection.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
            for table in tables():
                saved = f'"saved_{state}"."{table.name}"'
                connection.exec_driver_sql(
                    f'INSERT INTO public."{table.name}" SELECT * FROM {saved}'
                )
            reset_sequences(connection)


def fresh(state: str) -> Iterator[Database]:
    """This run's test database in saved state `state`, opened for one test."""
    _reset(state)
    database = open_database(url_of(NAME), operator="测试员")
    try:
        yield database
    finally:
        database.close()
