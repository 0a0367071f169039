"""Server mode under load: simulated clerks, each its own process and account, for minutes.

    python bench/server_load.py --url postgresql://postgres@127.0.0.1:5432/gj_bench \
        [--clerks 30] [--seconds 300] [--projects 2000]

The server at --url (a superuser's URL; the database is dropped and made anew) gets a 2,000-project
ledger (bench/make_data.py) pushed as an office would (`server init`, `server push`). Then
`--clerks` processes log in with accounts of their own: 填报员 of ten units (three per unit, so they
collide on the same cells) and 管理员 (one in ten). Each loops until the time is up: reads a value
as the window shows it, "types" for a moment, saves it as the window does (the value it saw goes
along, so another clerk's save in between is refused, not overwritten); or adds a problem's
progress line with a unique text; a 管理员 edits a project's field. Each acknowledged save is
written to the clerk's log with the value it replaced.

Afterwards every acknowledged write is checked: each cell's acknowledged values form one chain
(each save replaced the value acknowledged before it: no silent overwrite), ending in the value
stored; every progress line is stored exactly once (no duplicate, none lost). Printed: saves,
refusals (conflicts), p50/p95/max save latency; then the 项目卡片 and 问题台账 pages opened over
the server against the same ledger in a SQLite file (goal ≤ 1.5×).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PASSWORD = "bench-password"
UNITS = 10  # units whose clerks work; three 填报员 each
HOT_PROJECTS = 6  # each unit's clerks work on its first few projects, so saves collide
YEAR, MONTH = 2022, 9


def main() -> None:
    """Set up, run the clerks, verify, and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default=os.environ.get("GONGJIAN_BENCH_PG_URL"))
    parser.add_argument("--clerks", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--projects", type=int, default=2000)
    parser.add_argument("--no-pages", action="store_true", help="skip the page comparison")
    parser.add_argument(
        "--pause", type=float, nargs=2, default=(2.0, 6.0), metavar=("MIN", "MAX"),
        help="seconds a clerk reads the screen between two edits (default 2 6)",
    )  # fmt: skip
    args = parser.parse_args()
    if not args.url:
        parser.error("--url (a PostgreSQL superuser's URL) or GONGJIAN_BENCH_PG_URL is needed")
    work = Path(tempfile.mkdtemp(prefix="gj-load-"))
    os.environ.setdefault("GONGJIAN_DATA_DIR", str(work / "data"))
    ledger = work / "ledger.db"
    began = time.perf_counter()
    admin_url, clerks = set_up(args.url, ledger, args.projects, args.clerks)
    print(f"set-up: {args.projects:,} projects pushed, {len(clerks)} accounts "
          f"({time.perf_counter() - began:.1f} s)")  # fmt: skip
    for spec in clerks:
        spec["pause"] = tuple(args.pause)
    logs = run_clerks(clerks, args.seconds, work)
    sound = report(logs, admin_url)
    if not args.no_pages:
        compare_pages(ledger, admin_url)
    sys.exit(0 if sound else 1)  # CI runs a short load: a lost or overwritten save fails it


def set_up(url: str, ledger: Path, projects: int, count: int) -> tuple[str, list[dict[str, Any]]]:
    """A fresh server database with the ledger pushed and one account per clerk."""
    from sqlalchemy import select
    from sqlalchemy.engine import make_url

    from app.infra.database import open_database
    from app.server.setup import NewAccount, add_account, init_server
    from app.server.transfer import push
    from bench.make_data import generate, write_core
    from db.enums import AccountKind
    from db.models import Problem, Project
    from tests.support.pg import drop_database

    base = make_url(url)
    name = base.database or "gj_bench"
    os.environ["GONGJIAN_TEST_PG_URL"] = url  # tests.support.pg speaks to this server
    drop_database(name)
    write_core(ledger, generate(projects))
    init_server(url, lambda: NewAccount(f"{name}_u_admin", "管理员", PASSWORD))
    admin_url = base.set(username=f"{name}_u_admin", password=PASSWORD).render_as_string(False)
    push(ledger, admin_url)
    database = open_database(admin_url, operator="基准")
    clerks = []
    with database.engine.begin() as connection, database.sessions() as session:
        for index in range(count):
            unit = index // 3 % UNITS + 1
            admin = index % 10 == 9
            login = f"{name}_u_c{index:02d}"
            kind = AccountKind.ADMIN if admin else AccountKind.CLERK
            add_account(connection, NewAccount(login, f"职员{index:02d}", PASSWORD, kind, unit))
            own = session.scalars(
                select(Project.id).where(Project.lead_unit_id == unit).order_by(Project.id)
            ).all()[:HOT_PROJECTS]
            problems = session.scalars(
                select(Problem.id).where(Problem.project_id.in_(own), Problem.state != "已销号")
            ).all()
            clerks.append(
                {
                    "index": index,
                    "url": base.set(username=login, password=PASSWORD).render_as_string(False),
                    "admin": admin,
                    "projects": list(own),
                    "problems": list(problems),
                }
            )
    database.close()
    return admin_url, clerks


def run_clerks(clerks: list[dict[str, Any]], seconds: float, work: Path) -> list[Path]:
    """Start every clerk at once; wait for all; their logs."""
    context = multiprocessing.get_context("spawn")
    # The clock starts when every clerk has imported the program and logged in.
    barrier = context.Barrier(len(clerks) + 1, timeout=600)
    logs = [work / f"clerk-{c['index']:02d}.jsonl" for c in clerks]
    processes = [
        context.Process(target=clerk, args=(c, barrier, seconds, str(log)))
        for c, log in zip(clerks, logs, strict=True)
    ]
    for process in processes:
        process.start()
    barrier.wait()
    print(f"{len(clerks)} clerks logged in; working for {seconds:.0f} s")
    for process in processes:
        process.join(seconds + 120)
        if process.is_alive():  # bounded: a stuck clerk is stopped, and counted as such
            process.kill()
            print(f"clerk process {process.pid} did not stop in time")
    return logs


def clerk(spec: dict[str, Any], barrier: Any, seconds: float, log_path: str) -> None:
    """One clerk's loop (its own process, its own account)."""
    from sqlalchemy import select

    from app.infra.conflicts import VersionConflict
    from app.infra.database import open_database
    from app.infra.errors import UserError
    from app.problems.workflow import add_progress
    from app.projects.edits import read_form, update_project
    from app.reports.monthly_reports import CellEntry, EntryMode, save_entries
    from db.models import MonthlyReport

    rng = random.Random(spec["index"])
    database = open_database(spec["url"], operator=f"职员{spec['index']:02d}")
    log = open(log_path, "w", encoding="utf-8")  # noqa: SIM115 - held for the whole run
    barrier.wait()
    stop_at = time.time() + seconds
    serial = 0
    while time.time() < stop_at:
        serial += 1
        roll = rng.random()
        began = time.perf_counter()
        record: dict[str, Any]
        try:
            if spec["admin"] and roll < 0.3:
                project_id = rng.choice(spec["projects"])
                with database.reading() as session:
                    seen = read_form(session, project_id)
                time.sleep(rng.uniform(0.0, 0.3))  # typing
                value = f"第{spec['index']}号{serial}"
                began = time.perf_counter()
                with database.sessions() as session:
                    update_project(session, project_id, {"location": value}, seen)
                record = {"kind": "cell", "key": f"project/{project_id}/location",
                          "seen": seen.get("location"), "value": value}  # fmt: skip
            elif roll < 0.8 or not spec["problems"]:
                project_id = rng.choice(spec["projects"])
                with database.reading() as session:
                    stored = session.scalar(
                        select(MonthlyReport.progress).where(
                            MonthlyReport.project_id == project_id,
                            MonthlyReport.year == YEAR,
                            MonthlyReport.month == MONTH,
                        )
                    )
                time.sleep(rng.uniform(0.0, 0.3))
                value = f"形象进度{spec['index']}-{serial}"
                entry = CellEntry(project_id, "progress", value, stored, compare=True)
                began = time.perf_counter()
                with database.sessions() as session:
                    save_entries(session, YEAR, MONTH, [entry], EntryMode.MONTH)
                record = {"kind": "cell", "key": f"report/{project_id}/progress",
                          "seen": stored, "value": value}  # fmt: skip
            else:
                problem_id = rng.choice(spec["problems"])
                token = f"推进{spec['index']}-{serial}"
                with database.sessions() as session:
                    add_progress(session, problem_id, token, dt.date(2022, 9, 1))
                record = {"kind": "line", "key": f"problem/{problem_id}", "value": token}
        except VersionConflict:
            record = {"kind": "conflict"}
        except UserError as exc:
            record = {"kind": "refused", "message": exc.message}
        except Exception as exc:  # a fault: counted, the clerk goes on like the window does
            from app.infra.faults import CONFLICT, known_fault

            fault = known_fault(exc)
            if fault is not None and fault.message == CONFLICT:
                # A row version changed under this save (two first progress lines of one
                # problem at once): refused as a conflict, as the window says it, not lost.
                record = {"kind": "conflict"}
            else:
                record = {"kind": "fault", "message": fault.message if fault else repr(exc)}
        record["ms"] = (time.perf_counter() - began) * 1000
        record["at"] = time.time()
        log.write(json.dumps(record, ensure_ascii=False) + "\n")
        log.flush()
        time.sleep(rng.uniform(*spec["pause"]))  # reading the screen before the next edit
    log.close()
    database.close()


def report(logs: list[Path], admin_url: str) -> bool:
    """Check every acknowledged write against the server; print the figures; True if sound."""
    from sqlalchemy import select

    from app.infra.database import open_database
    from db.models import MonthlyReport, ProblemProgress, Project

    records = [json.loads(line) for log in logs if log.exists() for line in log.open()]
    saves = [r for r in records if r["kind"] in ("cell", "line")]
    counts = {k: sum(1 for r in records if r["kind"] == k) for k in
              ("cell", "line", "conflict", "refused", "fault")}  # fmt: skip
    database = open_database(admin_url, operator="核对")
    problems: list[str] = []
    with database.reading() as session:
        chains: dict[str, list[dict[str, Any]]] = {}
        for r in saves:
            if r["kind"] == "cell":
                chains.setdefault(r["key"], []).append(r)
        for key, writes in chains.items():
            kind, ident, _field = key.split("/")
            if kind == "project":
                stored = session.scalar(select(Project.location).where(Project.id == int(ident)))
            else:
                stored = session.scalar(
                    select(MonthlyReport.progress).where(
                        MonthlyReport.project_id == int(ident),
                        MonthlyReport.year == YEAR,
                        MonthlyReport.month == MONTH,
                    )
                )
            problems += _chain_problems(key, writes, stored)
        lines = {r["value"] for r in saves if r["kind"] == "line"}
        found: dict[str, int] = {}
        for text in session.scalars(
            select(ProblemProgress.text).where(ProblemProgress.text.like("推进%-%"))
        ):
            found[text] = found.get(text, 0) + 1
        problems += [f"进展「{t}」已确认保存，但未找到" for t in lines if t not in found]
        problems += [f"进展「{t}」存了 {n} 次" for t, n in found.items() if n > 1]
    database.close()
    latencies = sorted(r["ms"] for r in saves)
    print(f"acknowledged saves: {len(saves):,} (cells {counts['cell']:,}, progress lines "
          f"{counts['line']:,}); refused as conflicts {counts['conflict']:,}; other refusals "
          f"{counts['refused']:,}; faults {counts['fault']:,}")  # fmt: skip
    if latencies:
        p95 = latencies[int(len(latencies) * 0.95) - 1]
        print(f"save latency: p50 {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms, "
              f"max {latencies[-1]:.1f} ms (goal p95 ≤ 200 ms)")  # fmt: skip
    faults = [r["message"] for r in records if r["kind"] in ("fault", "refused")]
    for message in sorted(set(faults))[:5]:
        print(f"  refusal or fault: {message}")
    verdict = "all acknowledged writes found, no duplicate, no silent overwrite"
    print(f"verification: {verdict if not problems else f'{len(problems)} problems'}")
    for line in problems[:20]:
        print("  " + line)
    return not problems and bool(saves) and not counts["fault"]


def _chain_problems(key: str, writes: list[dict[str, Any]], stored: object) -> list[str]:
    """Each acknowledged save replaced the value acknowledged before it, and the last is stored."""
    writes = sorted(writes, key=lambda r: r["at"])
    values = {w["value"] for w in writes}
    replaced: dict[object, int] = {}
    for w in writes:
        replaced[w["seen"]] = replaced.get(w["seen"], 0) + 1
    out = [
        f"{key}: 「{seen}」 was replaced by {n} acknowledged saves (one overwrote the other)"
        for seen, n in replaced.items()
        if n > 1
    ]
    heads = [w["value"] for w in writes if w["value"] not in replaced]
    if stored not in values:
        out.append(f"{key}: stored 「{stored}」 is no acknowledged value")
    elif heads != [stored]:
        out.append(f"{key}: the chain ends in {heads}, stored is 「{stored}」")
    return out


def compare_pages(ledger: Path, server_url: str) -> None:
    """项目卡片 (both steps) and 问题台账 opened over the server against the same file."""
    from PySide6.QtWidgets import QApplication

    from app.infra.database import open_database
    from bench.timing import median_ms
    from ui.problems.page import ProblemsPage
    from ui.projects.page import ProjectsPage
    from ui.settings.keys import Settings
    from ui.shell.bus import ChangeBus
    from ui.shell.pages import PAGES

    application = QApplication.instance() or QApplication([])
    figures = {}
    for name, location in (("SQLite", ledger), ("服务器", server_url)):
        database = open_database(location, operator="基准")
        spec = next(s for s in PAGES if s.key == "projects")
        projects = ProjectsPage(spec, Settings(), ChangeBus())
        projects.resize(1366, 700)
        projects.show()
        projects.set_database(database)
        application.processEvents()

        def open_projects(page: ProjectsPage = projects) -> None:
            page.refresh()
            assert page.card_set is not None
            page._load_status(page.card_set)
            page.wall.viewport().repaint()

        ledger_spec = next(s for s in PAGES if s.key == "problems")
        problems = ProblemsPage(ledger_spec, Settings(), ChangeBus())
        problems.resize(1366, 700)
        problems.show()
        problems.set_database(database)
        application.processEvents()

        def open_ledger(page: ProblemsPage = problems) -> None:
            page.reload()
            application.processEvents()

        figures[name] = (median_ms(open_projects, 5, warm_up=True),
                         median_ms(open_ledger, 5, warm_up=True))  # fmt: skip
        projects.close()
        problems.close()
        database.close()
    for index, page in enumerate(("项目卡片（两步）", "问题台账")):
        local, server = figures["SQLite"][index], figures["服务器"][index]
        print(f"{page}: SQLite {local:.0f} ms, server {server:.0f} ms, "
              f"ratio {server / local:.2f}× (goal ≤ 1.5×)")  # fmt: skip


if __name__ == "__main__":
    main()
