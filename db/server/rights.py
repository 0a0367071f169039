"""Rights on the server: grants, row-level security policies and the account functions.

Applied by the owner (`gongjian server init`, again after each upgrade; every statement can be
run twice). The server enforces all of it, whatever client connects:
- 管理员 reads and writes every table of the office's data; accounts only through the functions.
- 填报员 reads everything; writes only rows of its own unit (the unit of its account; a project is
  the unit's when the unit leads it or owns it): monthly reports (not in a month marked 已报送),
  milestone actual dates, problem progress (the first one moves the problem to 办理中) and the
  result (reply) of a 督办 act addressed to the unit.
- 领导 reads everything and writes nothing.
Everyone may add change-log rows, nobody may change or delete them; the log's `account` is filled
by a trigger from `session_user` (migration 0008).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import Connection

from db.base import Base
from db.enums import AccountKind
from db.server.roles import Roles

# Tables no group writes directly (the log is append-only; accounts go through functions).
_APPEND_ONLY = {"change_log"}
_THROUGH_FUNCTIONS = {"account"}

# 填报员: the columns it may update, per table (column-level grants) …
CLERK_UPDATES: dict[str, tuple[str, ...]] = {
    "monthly_report": (
        "investment_month", "investment_year", "bond_spent", "progress", "reporter",
        "entered_at", "version",
    ),
    # The card follows the latest month's bond spending and 形象进度 (app/reports/monthly_reports).
    "project": ("bond_spent", "latest_progress", "version"),
    "milestone": ("actual_start", "actual_finish", "state", "remarks", "version"),
    "problem": ("state", "version"),  # only to 办理中 (the first progress), see the policy
    "supervision_act": ("result", "version"),
}  # fmt: skip
# … and the tables it may add rows to.
CLERK_INSERTS = ("monthly_report", "problem_progress", "problem_transition", "change_log")

_OWN_PROJECT = "gongjian_own_project(project_id)"
_OWN_PROBLEM = "gongjian_own_problem(problem_id)"
_UNLOCKED = (
    "NOT EXISTS (SELECT 1 FROM report_month r "
    "WHERE r.year = monthly_report.year AND r.month = monthly_report.month AND r.locked)"
)
_OWN_UNLOCKED = f"{_OWN_PROJECT} AND {_UNLOCKED}"
_OWN_ID = "gongjian_own_project(id)"
# (table, policy name, command, USING, WITH CHECK) for 填报员. Updates see every row (USING true)
# and check the row as written: another unit's row is refused with an error (SQLSTATE 42501),
# not skipped silently, so the program can say so instead of reporting a conflict. The columns
# that say whose a row is (project_id, unit_id …) are not among the clerk's updatable columns.
CLERK_POLICIES = (
    ("monthly_report", "clerk_add_report", "INSERT", None, _OWN_UNLOCKED),
    ("monthly_report", "clerk_edit_report", "UPDATE", "true", _OWN_UNLOCKED),
    ("project", "clerk_edit_bond", "UPDATE", "true", _OWN_ID),
    ("milestone", "clerk_edit_actual", "UPDATE", "true", _OWN_PROJECT),
    ("problem", "clerk_start_problem", "UPDATE", "true",
     "gongjian_own_problem(id) AND state = '办理中'"),
    ("problem_transition", "clerk_start_problem", "INSERT", None,
     f"{_OWN_PROBLEM} AND to_state = '办理中'"),
    ("problem_progress", "clerk_add_progress", "INSERT", None, _OWN_PROBLEM),
    ("supervision_act", "clerk_reply", "UPDATE", "true",
     "gongjian_own_supervision(supervision_id)"),
    ("change_log", "clerk_log", "INSERT", None, "true"),
)  # fmt: skip


def data_tables() -> list[str]:
    """Every table of the schema (the office's data, the log, accounts), in dependency order."""
    return [table.name for table in Base.metadata.sorted_tables]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def rights_statements(roles: Roles, database: str) -> Iterator[str]:
    """Every statement that sets the rights; run by the owner in one transaction."""
    admin, clerk, leader = (_quote(r) for r in roles.groups)
    everyone = f"{admin}, {clerk}, {leader}"
    yield f"REVOKE ALL ON DATABASE {_quote(database)} FROM PUBLIC"
    yield f"GRANT CONNECT, TEMPORARY ON DATABASE {_quote(database)} TO {everyone}"
    yield "REVOKE CREATE ON SCHEMA public FROM PUBLIC"
    yield f"GRANT USAGE ON SCHEMA public TO {everyone}"
    yield from _helper_functions()
    yield f"GRANT SELECT ON alembic_version TO {everyone}"
    for table in data_tables():
        name = _quote(table)
        yield f"REVOKE ALL ON {name} FROM PUBLIC, {everyone}"
        yield f"GRANT SELECT ON {name} TO {everyone}"
        if table in _APPEND_ONLY:
            yield f"GRANT INSERT ON {name} TO {admin}"
        elif table not in _THROUGH_FUNCTIONS:
            yield f"GRANT INSERT, UPDATE, DELETE ON {name} TO {admin}"
        yield f"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY"
        yield from _policy(table, "everyone_reads", "SELECT", everyone, "true", None)
        yield from _policy(table, "admin_writes", "ALL", admin, "true", "true")
    for table, columns in CLERK_UPDATES.items():
        listed = ", ".join(_quote(c) for c in columns)
        yield f"GRANT UPDATE ({listed}) ON {_quote(table)} TO {clerk}"
    for table in CLERK_INSERTS:
        yield f"GRANT INSERT ON {_quote(table)} TO {clerk}"
    for table, policy, command, using, check in CLERK_POLICIES:
        yield from _policy(table, policy, command, clerk, using, check)
    yield f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {admin}"
    yield f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {clerk}"
    yield from account_functions(roles)


def _policy(
    table: str, name: str, command: str, to: str, using: str | None, check: str | None
) -> Iterable[str]:
    yield f"DROP POLICY IF EXISTS {name} ON {_quote(table)}"
    clauses = f" USING ({using})" if using else ""
    clauses += f" WITH CHECK ({check})" if check else ""
    yield f"CREATE POLICY {name} ON {_quote(table)} FOR {command} TO {to}{clauses}"


def _helper_functions() -> Iterator[str]:
    """What the policies ask: the clerk's unit, and whether a row belongs to it."""
    yield """
        CREATE OR REPLACE FUNCTION gongjian_my_unit() RETURNS integer
        LANGUAGE sql STABLE AS $$
            SELECT unit_id FROM account WHERE login = session_user AND NOT disabled
        $$"""
    yield """
        CREATE OR REPLACE FUNCTION gongjian_own_project(pid integer) RETURNS boolean
        LANGUAGE sql STABLE AS $$
            SELECT EXISTS (SELECT 1 FROM project p WHERE p.id = pid
                           AND gongjian_my_unit() IN (p.lead_unit_id, p.owner_id))
        $$"""
    yield """
        CREATE OR REPLACE FUNCTION gongjian_own_problem(qid integer) RETURNS boolean
        LANGUAGE sql STABLE AS $$
            SELECT EXISTS (SELECT 1 FROM problem q WHERE q.id = qid
                           AND (q.lead_unit_id = gongjian_my_unit()
                                OR gongjian_own_project(q.project_id)))
        $$"""
    yield """
        CREATE OR REPLACE FUNCTION gongjian_own_supervision(sid integer) RETURNS boolean
        LANGUAGE sql STABLE AS $$
            SELECT EXISTS (SELECT 1 FROM supervision s WHERE s.id = sid
                           AND s.unit_id = gongjian_my_unit())
        $$"""


def account_functions(roles: Roles) -> Iterator[str]:
    """Account management for 管理员: functions that run as the owner (who may create roles).

    A 管理员's own login has no CREATEROLE: it can only do what these functions do, to roles that
    are accounts of this database. Passwords arrive as SCRAM verifiers, never in clear text.
    """
    kinds = " ".join(
        f"WHEN {_literal(kind.value)} THEN {_literal(roles.group(kind))}" for kind in AccountKind
    )
    groups = ", ".join(_literal(g) for g in roles.groups)
    yield f"""
        CREATE OR REPLACE FUNCTION gongjian_group_of(kind text) RETURNS text
        LANGUAGE sql IMMUTABLE AS $$ SELECT CASE kind {kinds} END $$"""
    yield """
        CREATE OR REPLACE FUNCTION gongjian_add_account(
            new_login text, verifier text, name text, kind text, unit integer)
        RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        BEGIN
            IF new_login !~ '^[a-z][a-z0-9_]{1,39}$' THEN
                RAISE EXCEPTION '账号名只能用小写字母、数字和下划线，以字母开头'
                    USING ERRCODE = '22023';
            END IF;
            IF gongjian_group_of(kind) IS NULL THEN
                RAISE EXCEPTION '未知的账号角色：%', kind USING ERRCODE = '22023';
            END IF;
            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = new_login) THEN
                RAISE EXCEPTION '服务器上已有名为 % 的账号', new_login USING ERRCODE = '42710';
            END IF;
            EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', new_login, verifier);
            EXECUTE format('GRANT %I TO %I', gongjian_group_of(kind), new_login);
            INSERT INTO account (login, display_name, kind, unit_id, disabled, version)
            VALUES (new_login, name, kind, unit, false, 1);
        END $$"""
    yield f"""
        CREATE OR REPLACE FUNCTION gongjian_change_account(
            who text, name text, new_kind text, unit integer, off boolean, verifier text)
        RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        DECLARE
            g text;
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM account WHERE login = who) THEN
                RAISE EXCEPTION '没有名为 % 的账号', who USING ERRCODE = '42704';
            END IF;
            IF gongjian_group_of(new_kind) IS NULL THEN
                RAISE EXCEPTION '未知的账号角色：%', new_kind USING ERRCODE = '22023';
            END IF;
            FOREACH g IN ARRAY ARRAY[{groups}] LOOP
                EXECUTE format('REVOKE %I FROM %I', g, who);
            END LOOP;
            EXECUTE format('GRANT %I TO %I', gongjian_group_of(new_kind), who);
            EXECUTE format('ALTER ROLE %I %s', who, CASE WHEN off THEN 'NOLOGIN' ELSE 'LOGIN' END);
            IF verifier IS NOT NULL THEN
                EXECUTE format('ALTER ROLE %I PASSWORD %L', who, verifier);
            END IF;
            UPDATE account SET display_name = name, kind = new_kind, unit_id = unit,
                               disabled = off, version = version + 1
            WHERE login = who;
        END $$"""
    admin = _quote(roles.admin)
    for signature in (
        "gongjian_add_account(text, text, text, text, integer)",
        "gongjian_change_account(text, text, text, integer, boolean, text)",
    ):
        yield f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC"
        yield f"GRANT EXECUTE ON FUNCTION {signature} TO {admin}"


def apply_rights(connection: Connection, roles: Roles, database: str) -> None:
    """Run every rights statement on `connection` (the caller commits)."""
    # Straight to the driver without parameters, so the `%` of format() and RAISE stay as written.
    cursor = connection.connection.cursor()
    try:
        for statement in rights_statements(roles, database):
            cursor.execute(statement)
    finally:
        cursor.close()
