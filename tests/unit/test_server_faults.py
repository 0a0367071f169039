"""The network to the server fails mid-work: an import and an edit are each whole or absent,
the program says so in Chinese, and it carries on once the server is back (also after a restart).

The server runs on a test host of our own: a network namespace joined to this one by a veth pair,
with addresses from the benchmarking range 198.18.0.0/15 inside that pair only. The link is cut
with `ip link set … down` in the middle of the work. Without the rights to make a namespace
(an unprivileged sandbox), the test says so and is skipped.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.infra.database import open_database
from app.infra.faults import NO_SERVER, known_fault
from app.infra.progress import Progress
from db.models import ImportBatch, Project

pytestmark = pytest.mark.slow
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exchange"
HOST_SIDE, SERVER_SIDE = "198.18.7.1", "198.18.7.2"


@dataclass
class NetnsHost:
    """The namespace, the link and the server in it."""

    namespace: str
    link: str  # our end of the veth pair
    data: Path
    pg_bin: Path

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@{SERVER_SIDE}:5432/gongjian"

    def cut(self) -> None:
        _run("ip", "link", "set", self.link, "down")

    def mend(self) -> None:
        _run("ip", "link", "set", self.link, "up")

    def postgres(self, *args: str) -> None:
        _run("ip", "netns", "exec", self.namespace, "runuser", "-u", "postgres", "--",
             str(self.pg_bin / "pg_ctl"), "-D", str(self.data / "data"), "-w", *args)  # fmt: skip


def _run(*command: str) -> None:
    subprocess.run(command, check=True, capture_output=True, timeout=60)


def _why_not() -> str | None:
    if sys.platform != "linux":
        return "network namespaces are Linux's"
    if os.geteuid() != 0:
        return "needs root to make a network namespace"
    if shutil.which("ip") is None or shutil.which("runuser") is None:
        return "needs ip (iproute2) and runuser"
    if not glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        return "needs PostgreSQL's server binaries"
    probe = f"gjprobe{os.getpid()}"
    made = subprocess.run(["ip", "netns", "add", probe], capture_output=True, text=True)
    if made.returncode != 0:
        return f"this sandbox cannot make network namespaces: {made.stderr.strip()}"
    subprocess.run(["ip", "netns", "del", probe], capture_output=True)
    return None


@pytest.fixture(scope="module")
def test_host() -> Iterator[NetnsHost]:
    """A PostgreSQL server in a namespace of its own, reachable only through our veth link."""
    reason = _why_not()
    if reason:
        pytest.skip(reason)
    suffix = str(os.getpid() % 100000)
    namespace, link, peer = f"gjt{suffix}", f"gjh{suffix}", f"gjs{suffix}"
    pg_bin = Path(sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))[-1]).parent
    data = Path(tempfile.mkdtemp(prefix="gj-netns-"))
    shutil.chown(data, "postgres")
    host = NetnsHost(namespace, link, data, pg_bin)
    try:
        _run("ip", "netns", "add", namespace)
        _run("ip", "link", "add", link, "type", "veth", "peer", "name", peer)
        _run("ip", "link", "set", peer, "netns", namespace)
        _run("ip", "addr", "add", f"{HOST_SIDE}/30", "dev", link)
        _run("ip", "link", "set", link, "up")
        inside = ("ip", "netns", "exec", namespace)
        _run(*inside, "ip", "addr", "add", f"{SERVER_SIDE}/30", "dev", peer)
        _run(*inside, "ip", "link", "set", peer, "up")
        _run(*inside, "ip", "link", "set", "lo", "up")
        _run("runuser", "-u", "postgres", "--", str(pg_bin / "initdb"), "-D", str(data / "data"),
             "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8")  # fmt: skip
        with (data / "data" / "pg_hba.conf").open("a") as hba:
            hba.write(f"host all all {HOST_SIDE}/32 trust\n")
        host.postgres(
            "-l", str(data / "log"), "-o",
            f"-k {data} -p 5432 -c listen_addresses={SERVER_SIDE} -c fsync=off "
            "-c tcp_keepalives_idle=3 -c tcp_keepalives_interval=1 -c tcp_keepalives_count=2",
            "start",
        )  # fmt: skip
        _run(*inside, "runuser", "-u", "postgres", "--", str(pg_bin / "psql"), "-h", str(data),
             "-c", "CREATE DATABASE gongjian")  # fmt: skip
        open_database(host.url, operator="测试员").close()  # migrated and seeded
        yield host
    finally:
        subprocess.run(["ip", "link", "set", link, "up"], capture_output=True)
        with_pg = (data / "data" / "postmaster.pid").exists()
        if with_pg:
            subprocess.run(["ip", "netns", "exec", namespace, "runuser", "-u", "postgres", "--",
                            str(pg_bin / "pg_ctl"), "-D", str(data / "data"), "-m", "immediate",
                            "stop"], capture_output=True, timeout=60)  # fmt: skip
        subprocess.run(["ip", "link", "del", link], capture_output=True)
        subprocess.run(["ip", "netns", "del", namespace], capture_output=True)
        shutil.rmtree(data, ignore_errors=True)


def _counts(url: str) -> tuple[int, int]:
    database = open_database(url, operator="核对")
    try:
        with database.sessions() as session:
            projects = session.scalar(select(func.count(Project.id))) or 0
            batches = session.scalar(select(func.count(ImportBatch.id))) or 0
            return projects, batches
    finally:
        database.close()


def _after_the_cut(host: NetnsHost, work: threading.Thread, errors: list[BaseException]) -> None:
    work.join(60)  # the driver gives up (tcp_user_timeout) well within this
    assert not work.is_alive(), "the program hung on a dead link"
    host.mend()
    assert errors, "the work cannot have finished over a cut link"
    fault = known_fault(errors[0])
    assert fault is not None and fault.message == NO_SERVER, errors[0]


def test_an_import_cut_off_midway_is_absent_and_then_goes_through(test_host: NetnsHost) -> None:
    from app.exchange.import_plan import plan_import
    from app.exchange.import_write import write_import

    database = open_database(test_host.url, operator="导入")
    errors: list[BaseException] = []
    started = threading.Event()

    def cut_midway(done: int, total: int, what: str = "") -> None:
        if not started.is_set():
            started.set()
            test_host.cut()  # the link goes with the first rows written, before the commit

    def work() -> None:
        try:
            with database.sessions() as session:
                plan = plan_import(session, [FIXTURES / "city_list_basic.xlsx"], campaign_id=None)
                write_import(
                    session,
                    plan,
                    "city_list_basic.xlsx",
                    campaign_id=None,
                    progress=Progress(cut_midway),
                )
        except Exception as exc:
            errors.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    _after_the_cut(test_host, thread, errors)
    assert _counts(test_host.url) == (0, 0)  # nothing of the batch is there
    # The server and the program carry on: the same import now goes through whole.
    with database.sessions() as session:
        plan = plan_import(session, [FIXTURES / "city_list_basic.xlsx"], campaign_id=None)
        write_import(session, plan, "city_list_basic.xlsx", campaign_id=None)
    assert _counts(test_host.url) == (30, 1)
    database.close()


def test_an_edit_cut_off_at_commit_is_whole_or_absent(test_host: NetnsHost) -> None:
    from app.projects.edits import update_project

    database = open_database(test_host.url, operator="编辑")
    with database.sessions() as session:
        project_id = session.scalar(select(Project.id).order_by(Project.id))
        assert project_id is not None
        stored = session.get(Project, project_id)
        assert stored is not None
        before = (stored.total_investment, stored.location)
    errors: list[BaseException] = []
    edited = Decimal("12345.67")

    def work() -> None:
        try:
            with database.sessions() as session:
                project = session.get(Project, project_id)
                assert project is not None
                project.total_investment = edited
                project.location = "断网时改的"
                session.flush()
                test_host.cut()
                session.commit()
        except Exception as exc:
            errors.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    _after_the_cut(test_host, thread, errors)
    checker = open_database(test_host.url, operator="核对")
    with checker.sessions() as session:  # MVCC: a reader never waits for the orphaned writer
        row = session.get(Project, project_id)
        assert row is not None
        assert (row.total_investment, row.location) in (before, (edited, "断网时改的"))
    # The window's next save on the same database works again (pool_pre_ping replaces the dead).
    with database.sessions() as session:
        update_project(session, project_id, {"remarks": "恢复后保存"})
    checker.close()
    database.close()


def test_the_program_reconnects_after_the_server_restarts(test_host: NetnsHost) -> None:
    database = open_database(test_host.url, operator="重启")
    with database.sessions() as session:
        session.scalar(select(func.count(Project.id)))  # a pooled connection now exists
    test_host.postgres("-l", str(test_host.data / "log"), "-m", "fast", "restart")
    with database.sessions() as session:  # the dead pooled connection is replaced, silently
        assert session.scalar(select(func.count(Project.id))) is not None
    database.close()
