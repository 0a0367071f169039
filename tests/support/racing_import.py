"""One of two processes racing to import one workbook into the same databases (one-writer test).

    python -m tests.support.racing_import FOLDER WORKBOOK ROUNDS

For each round n it plans the import into FOLDER/n.db, waits until the other process has planned
too (a file per process in FOLDER/barrier-n), then writes, and prints one line per round:
WROTE <rows>, NOTHING (the other import had written the same rows), or BUSY.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from app.exchange.import_plan import plan_import
from app.exchange.import_write import NothingToWrite, write_import
from app.infra.database import open_database
from app.infra.errors import UserError


def main() -> None:
    """Race, round after round."""
    folder, workbook, rounds = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    for round_number in range(rounds):
        database = open_database(folder / f"{round_number}.db", operator=f"进程{os.getpid()}")
        barrier = folder / f"barrier-{round_number}"
        barrier.mkdir(exist_ok=True)
        with database.sessions() as session:
            plan = plan_import(session, [workbook], campaign_id=None)
            (barrier / str(os.getpid())).touch()
            deadline = time.monotonic() + 60
            while len(list(barrier.iterdir())) < 2 and time.monotonic() < deadline:
                time.sleep(0.002)
            try:
                write_import(session, plan, workbook.name, campaign_id=None)
                print(f"WROTE {len(plan.to_write())}", flush=True)
            except NothingToWrite:
                print("NOTHING", flush=True)
            except UserError as exc:
                busy = "已有导入正在进行" in exc.message
                print("BUSY" if busy else f"ERROR {exc.message}", flush=True)
        database.close()


if __name__ == "__main__":
    main()
