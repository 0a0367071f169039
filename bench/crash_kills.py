"""Crash safety at length: SIGKILL a child that imports and edits, N times, checking each time.

    python bench/crash_kills.py [--kills 50]

Prints how many kills, imports and edits were seen; an AssertionError names any damage.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.infra.database import open_database
from tests.support.crash_check import kill_and_check

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    """Run the kills and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    database = Path(tempfile.mkdtemp(prefix="gongjian-crash-")) / "crash.db"
    open_database(database).close()
    began = time.perf_counter()
    report = kill_and_check(
        database,
        ROOT / "tests" / "fixtures" / "exchange" / "city_list_basic.xlsx",
        args.kills,
        args.seed,
    )
    print(
        f"{report.kills} kills survived in {time.perf_counter() - began:.0f} s: integrity_check ok "
        f"after each; {report.imports_seen} imports and {report.edits_seen} edits reported saved, "
        "all found; every import batch whole (30 projects and their log entries) or absent"
    )


if __name__ == "__main__":
    main()
