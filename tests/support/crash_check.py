"""Kill a child that imports and edits with SIGKILL at random moments; check what survived."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class KillReport:
    """What the kills found."""

    kills: int = 0
    imports_seen: int = 0
    edits_seen: int = 0


def kill_and_check(database: Path, workbook: Path, kills: int, seed: int = 7) -> KillReport:
    """Run the child `kills` times, killing it each time; raise AssertionError on any damage."""
    rng = random.Random(seed)
    report = KillReport()
    reported_batches: set[int] = set()
    last_edit: tuple[int, Decimal] | None = None
    for _ in range(kills):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.support.crash_child", str(database), str(workbook)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        # Kill at a random moment after the child's first commit: under load (CI, other work on
        # the machine) a fixed delay could kill it before it ever committed, testing nothing.
        assert child.stdout is not None
        first = child.stdout.readline()
        time.sleep(rng.uniform(0.0, 1.5))
        child.send_signal(signal.SIGKILL)
        output, _ = child.communicate()
        output = first + output
        report.kills += 1
        for line in output.splitlines():
            kind, *rest = line.split()
            if kind == "IMPORT":
                reported_batches.add(int(rest[0]))
                report.imports_seen += 1
            elif kind == "EDIT":
                last_edit = (int(rest[0]), Decimal(rest[1]))
                report.edits_seen += 1
        _check(database, reported_batches, last_edit)
    return report


def _check(database: Path, reported: set[int], last_edit: tuple[int, Decimal] | None) -> None:
    connection = sqlite3.connect(database)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        batches = {row[0] for row in connection.execute("SELECT id FROM import_batch")}
        # Every import the child reported as saved is there …
        assert reported <= batches, (reported, batches)
        # … and each batch is whole: 30 projects and their change-log entries, never part.
        per_batch = dict(
            connection.execute(
                "SELECT batch_id, count(*) FROM change_log "
                "WHERE table_name = 'project' AND action = '新增' AND batch_id IS NOT NULL "
                "GROUP BY batch_id"
            ).fetchall()
        )
        assert all(per_batch.get(b) == 30 for b in batches), per_batch
        projects = connection.execute("SELECT count(*) FROM project").fetchone()[0]
        assert projects == 30 * len(batches), (projects, len(batches))
        if last_edit is not None:
            project_id, total = last_edit
            stored = connection.execute(
                "SELECT total_investment FROM project WHERE id = ?", (project_id,)
            ).fetchone()[0]
            # The last edit reported saved is there (a later, unreported one may be too).
            assert Decimal(stored) / 100 >= total, (stored, total)
    finally:
        connection.close()
