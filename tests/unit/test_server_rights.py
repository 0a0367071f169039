"""Rights enforced by the server: raw SQL as each role, as a modified client or psql would send it.

A 填报员 reads the campaign and writes only its own unit's reports, milestone actual dates,
problem progress and replies; a 领导 writes nothing; nobody rewrites the change log, whose account
the server fills in. Each refusal comes from PostgreSQL (SQLSTATE 42501), not from the program.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import psycopg
import pytest
from sqlalchemy import select, text

from app.infra.database import Database, open_database
from app.infra.errors import UserError
from app.reports.monthly_reports import CellEntry, EntryMode, save_entries
from app.server.setup import NewAccount, add_account
from db.enums import (
    AccountKind,
    MilestoneState,
    ProblemState,
    ProblemType,
    SupervisionClass,
    SupervisionForm,
    UnitKind,
)
from db.models import (
    ChangeLog,
    Milestone,
    MonthlyReport,
    Problem,
    Project,
    Supervision,
    SupervisionAct,
    Unit,
)
from tests.support.pg import NO_SERVER, PG_URL, Server, fresh_server
from tests.unit.factories import a_project

pytestmark = pytest.mark.skipif(not PG_URL, reason=NO_SERVER)
DENIED = "42501"


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    """One office server: units 甲 and 乙, a project and a problem each, four accounts."""
    server = fresh_server("gjt_rights")
    database = open_database(server.url(server.admin), operator="管理员甲")
    with database.sessions() as session:
        own, other = (
            Unit(name="甲局", kind=UnitKind.RESPONSIBLE),
            Unit(name="乙局", kind=UnitKind.RESPONSIBLE),
        )
        session.add_all([own, other])
        mine, theirs = a_project(session, "甲的项目"), a_project(session, "乙的项目")
        mine.lead_unit, theirs.lead_unit = own, other
        for project in (mine, theirs):
            session.add(Milestone(project=project, seq=1, name="开工", duration_days=10))
            session.add(MonthlyReport(project=project, year=2022, month=6))
            session.add(
                Problem(
                    project=project,
                    type=ProblemType.LAND,
                    description="用地",
                    raised_on=dt.date(2022, 6, 1),
                    state=ProblemState.OPEN,
                )
            )
        supervision = Supervision(
            project=mine,
            unit=own,
            supervision_class=SupervisionClass.COMMON,
            started_on=dt.date(2022, 6, 1),
        )
        supervision.acts.append(
            SupervisionAct(on=dt.date(2022, 6, 2), form=SupervisionForm.NOTICE, content="督办单")
        )
        session.add(supervision)
        session.commit()
        units = {"own": own.id, "other": other.id}
    with database.engine.begin() as connection:
        for name, kind, unit in (
            ("clerk", AccountKind.CLERK, units["own"]),
            ("leader", AccountKind.LEADER, None),
            ("off", AccountKind.CLERK, units["other"]),
        ):
            add_account(connection, NewAccount(server.login(name), name, "password1", kind, unit))
        connection.execute(
            text("SELECT gongjian_change_account(:who, 'off', '填报员', :unit, true, NULL)"),
            {"who": server.login("off"), "unit": units["other"]},
        )
    database.close()
    yield server


def _connect(server: Server, login: str) -> psycopg.Connection:
    assert PG_URL is not None
    return psycopg.connect(server.url(login).replace("postgresql+psycopg", "postgresql"))


def _id(server: Server, sql: str) -> int:
    with _connect(server, server.admin) as conn:
        row = conn.execute(sql).fetchone()
        assert row is not None
        return int(row[0])


def _refused(conn: psycopg.Connection, sql: str, *params: object) -> None:
    with pytest.raises(psycopg.Error) as caught:
        conn.execute(sql, params or None)
    assert caught.value.sqlstate == DENIED, caught.value
    conn.rollback()


def test_a_clerk_reads_the_whole_campaign(server: Server) -> None:
    with _connect(server, server.login("clerk")) as conn:
        names = {row[0] for row in conn.execute("SELECT name FROM project")}
        assert names == {"甲的项目", "乙的项目"}
        assert conn.execute("SELECT count(*) FROM problem").fetchone() == (2,)


def test_a_clerk_writes_its_own_units_figures_and_nothing_else(server: Server) -> None:
    mine = _id(server, "SELECT id FROM project WHERE name = '甲的项目'")
    theirs = _id(server, "SELECT id FROM project WHERE name = '乙的项目'")
    with _connect(server, server.login("clerk")) as conn:
        updated = conn.execute(
            "UPDATE monthly_report SET investment_month = 1234 WHERE project_id = %s", (mine,)
        )
        assert updated.rowcount == 1
        conn.commit()
        _refused(
            conn, "UPDATE monthly_report SET investment_month = 1234 WHERE project_id = %s", theirs
        )
        _refused(
            conn,
            "INSERT INTO monthly_report (project_id, year, month, version) VALUES (%s, 2022, 7, 1)",
            theirs,
        )
        _refused(conn, "UPDATE project SET name = '改名' WHERE id = %s", mine)
        _refused(conn, "UPDATE project SET total_investment = 1 WHERE id = %s", mine)
        _refused(conn, "DELETE FROM monthly_report WHERE project_id = %s", mine)
        _refused(
            conn, "UPDATE milestone SET planned_start = '2022-01-01' WHERE project_id = %s", mine
        )
        done = conn.execute(
            "UPDATE milestone SET actual_start = '2022-06-05', state = %s WHERE project_id = %s",
            (MilestoneState.IN_PROGRESS.value, mine),
        )
        assert done.rowcount == 1
        conn.commit()
        _refused(conn, "INSERT INTO unit (name, kind, version) VALUES ('丙', '责任单位', 1)")
        _refused(conn, "CREATE TABLE mine (x int)")
    with _connect(server, server.admin) as conn:
        assert conn.execute(
            "SELECT investment_month FROM monthly_report WHERE project_id = %s", (theirs,)
        ).fetchone() == (None,)


def test_a_clerk_adds_progress_and_replies_only_for_its_unit(server: Server) -> None:
    mine = _id(server, "SELECT q.id FROM problem q JOIN project p ON p.id = q.project_id "
                       "WHERE p.name = '甲的项目'")  # fmt: skip
    theirs = _id(server, "SELECT q.id FROM problem q JOIN project p ON p.id = q.project_id "
                         "WHERE p.name = '乙的项目'")  # fmt: skip
    insert = (
        "INSERT INTO problem_progress (problem_id, entry_date, text, version) "
        "VALUES (%s, '2022-06-03', '已对接', 1)"
    )
    with _connect(server, server.login("clerk")) as conn:
        conn.execute(insert, (mine,))
        conn.commit()
        _refused(conn, insert, theirs)
        # A problem of its own may be moved to 办理中 (the first progress), not closed.
        _refused(conn, "UPDATE problem SET state = '已销号' WHERE id = %s", mine)
        _refused(conn, "UPDATE problem SET description = '改' WHERE id = %s", mine)
        conn.execute("UPDATE supervision_act SET result = '已办结'")
        conn.commit()
        _refused(conn, "UPDATE milestone SET actual_start = '2022-06-05' WHERE project_id IN "
                       "(SELECT project_id FROM problem WHERE id = %s)", theirs)  # fmt: skip
    with _connect(server, server.admin) as conn:
        assert conn.execute("SELECT result FROM supervision_act").fetchone() == ("已办结",)


def test_a_leader_reads_and_writes_nothing(server: Server) -> None:
    with _connect(server, server.login("leader")) as conn:
        assert conn.execute("SELECT count(*) FROM project").fetchone() == (2,)
        _refused(conn, "UPDATE monthly_report SET investment_month = 1")
        _refused(conn, "INSERT INTO problem_progress (problem_id, entry_date, text, version) "
                       "SELECT id, '2022-06-03', 'x', 1 FROM problem")  # fmt: skip
        _refused(conn, "UPDATE milestone SET actual_start = '2022-06-05'")


def test_nobody_rewrites_the_change_log_and_its_account_comes_from_the_server(
    server: Server,
) -> None:
    for login in (server.admin, server.login("clerk")):
        with _connect(server, login) as conn:
            conn.execute(
                "INSERT INTO change_log (at, operator, account, table_name, row_id, action) "
                "VALUES (now(), '冒名', 'postgres', 'project', '1', '修改')"
            )
            conn.commit()
            _refused(conn, "UPDATE change_log SET operator = '改'")
            _refused(conn, "DELETE FROM change_log")
    with _connect(server, server.admin) as conn:
        accounts = {row[0] for row in conn.execute(
            "SELECT account FROM change_log WHERE operator = '冒名'"
        )}  # fmt: skip
    assert accounts == {server.admin, server.login("clerk")}


def test_accounts_are_managed_only_through_the_servers_functions(server: Server) -> None:
    with _connect(server, server.login("clerk")) as conn:
        _refused(
            conn,
            "SELECT gongjian_add_account('x_new', 'pw', '新', '管理员', NULL)",
        )
        _refused(conn, "UPDATE account SET kind = '管理员'")
        _refused(conn, "CREATE ROLE sneaky LOGIN")
    with pytest.raises(psycopg.OperationalError):
        _connect(server, server.login("off"))  # a disabled account cannot log in


def test_the_program_as_a_clerk_saves_its_own_figures_and_is_refused_the_rest(
    server: Server,
) -> None:
    database: Database = open_database(server.url(server.login("clerk")), operator="填报员甲")
    try:
        with database.sessions() as session:
            mine = session.scalar(select(MonthlyReport.project_id).join(MonthlyReport.project)
                                  .where(text("project.name = '甲的项目'")))  # fmt: skip
            theirs = session.scalar(select(MonthlyReport.project_id).join(MonthlyReport.project)
                                    .where(text("project.name = '乙的项目'")))  # fmt: skip
        assert mine is not None and theirs is not None
        with database.sessions() as session:
            entry = CellEntry(mine, "month", Decimal("12.50"))
            save_entries(session, 2022, 6, [entry], EntryMode.MONTH)
        # 形象进度 typed in 月度填报 also reaches the project's card (a project column).
        with database.sessions() as session:
            typed = CellEntry(mine, "progress", "主体结构封顶")
            save_entries(session, 2022, 6, [typed], EntryMode.MONTH)
            assert session.get_one(Project, mine).latest_progress == "主体结构封顶"
        with database.sessions() as session:
            logged = session.scalars(
                select(ChangeLog.account).where(ChangeLog.table_name == "monthly_report")
            ).all()
            assert server.login("clerk") in logged
        from app.infra.faults import known_fault

        with database.sessions() as session, pytest.raises(Exception) as caught:
            save_entries(session, 2022, 6, [CellEntry(theirs, "month", Decimal("1"))],
                         EntryMode.MONTH)  # fmt: skip
        fault = known_fault(caught.value)
        assert isinstance(fault, UserError) and "权限" in fault.message
        # Milestone actual dates of its own unit's project, through the program's service.
        from app.schedule.milestone_edits import record_actual

        with database.sessions() as session:
            own = session.scalar(select(Milestone.id).where(Milestone.project_id == mine))
            other = session.scalar(select(Milestone.id).where(Milestone.project_id == theirs))
            assert own is not None and other is not None
            record_actual(session, own, dt.date(2022, 6, 5), dt.date(2022, 6, 20), (None, None))
        with database.sessions() as session, pytest.raises(Exception) as caught:
            record_actual(session, other, dt.date(2022, 6, 5), None)
        assert "权限" in str(known_fault(caught.value))
    finally:
        database.close()
