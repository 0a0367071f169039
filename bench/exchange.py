"""Excel exchange with 10,000 projects: import end to end, and export, against plain openpyxl.

    python bench/make_data.py --out bench/out/projects-10000.db --projects 10000
    python bench/exchange.py [--db bench/out/projects-10000.db]

Import = read, normalise, match, diff and write (one transaction, change log included) of the
workbook this program exports, into a new empty database; the reference is openpyxl's read-only
mode merely reading the same cells. Export = 10,000 formatted projects (附表 sheets only); the
reference is openpyxl's write-only mode writing the same values unformatted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy.orm import Session

from app.campaign.choice import latest_campaign
from app.exchange.export_city import ExportScope, export_workbook
from app.exchange.import_plan import RowStatus, plan_import
from app.exchange.import_write import write_import
from app.exchange.profiles import DEFAULT_PROFILE
from app.infra.database import open_database

ROOT = Path(__file__).resolve().parents[1]


RUNS = 3  # this machine's timings vary by ±50 %: every figure is the median of RUNS runs


def _seconds(fn: object) -> float:
    samples = []
    for _ in range(RUNS):
        began = time.perf_counter()
        fn()  # type: ignore[operator]
        samples.append(time.perf_counter() - began)
    return statistics.median(samples)


def _campaign(session: Session) -> int | None:
    """The database's campaign (the bench data holds one)."""
    campaign = latest_campaign(session)
    return campaign.id if campaign is not None else None


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "projects-10000.db")
    args = parser.parse_args()
    if not args.db.exists():
        sys.exit(f"{args.db} missing: run bench/make_data.py --out {args.db} --projects 10000")
    import openpyxl

    work = Path(tempfile.mkdtemp(prefix="gongjian-bench-"))
    book = work / "export.xlsx"
    profile = replace(DEFAULT_PROFILE, problems_sheet=False, supervision_sheet=False)
    source = open_database(args.db)
    with source.sessions() as session:
        scope = ExportScope(_campaign(session), 2022, 8)
        exported = 0

        def export() -> None:
            nonlocal exported
            exported = export_workbook(session, book, profile, scope)

        export_s = _seconds(export)
    source.close()

    # The import reads the workbook as an office suite saves it (shared strings, as Excel, WPS
    # and LibreOffice write), not as exported (inline strings): openpyxl re-saves it.
    office_copy = work / "as-saved-by-an-office-suite.xlsx"
    openpyxl.load_workbook(book).save(office_copy)

    # The same values, unformatted, through openpyxl's write-only mode.
    values = []
    read_only = openpyxl.load_workbook(book, read_only=True)
    for sheet in read_only.worksheets:
        values.append((sheet.title, [list(r) for r in sheet.iter_rows(values_only=True)]))
    read_only.close()
    cells = sum(len(rows) * max((len(r) for r in rows), default=0) for _t, rows in values)

    def plain_write() -> None:
        out = openpyxl.Workbook(write_only=True)
        for title, rows in values:
            sheet = out.create_sheet(title)
            for row in rows:
                sheet.append(row)
        out.save(work / "plain.xlsx")

    def plain_read() -> None:
        book_ro = openpyxl.load_workbook(office_copy, read_only=True)
        for sheet in book_ro.worksheets:
            for _row in sheet.iter_rows(values_only=True):
                pass
        book_ro.close()

    plain_write_s = _seconds(plain_write)
    plain_read_s = _seconds(plain_read)

    plans, writes = [], []
    counts: dict[RowStatus, int] = {}
    for run in range(RUNS):  # each run into its own new, empty database
        target = open_database(work / f"new-{run}.db", operator="bench")
        with target.sessions() as session:
            began = time.perf_counter()
            plan = plan_import(session, [office_copy], campaign_id=None)
            plans.append(time.perf_counter() - began)
            counts = plan.counts()
            began = time.perf_counter()
            write_import(session, plan, office_copy.name, campaign_id=None)
            writes.append(time.perf_counter() - began)
            if run == RUNS - 1:
                made = _campaign(session)
                again_s = _seconds(
                    lambda chosen=made: plan_import(session, [office_copy], campaign_id=chosen)
                )
                again = plan_import(session, [office_copy], campaign_id=made)
                unchanged = again.counts()[RowStatus.UNCHANGED]
        target.close()
    totals = sorted(p + w for p, w in zip(plans, writes, strict=True))
    plan_s, write_s = statistics.median(plans), statistics.median(writes)
    import_s = statistics.median(totals)
    size = book.stat().st_size // 1024
    new = counts[RowStatus.NEW]
    print(f"workbook: {exported:,} projects in {len(values)} sheets, {cells:,} cells ({size} KB)")
    print(f"(each figure: median of {RUNS} runs)")
    print(f"export, formatted                      {export_s:6.2f} s")
    print(
        f"openpyxl write-only, same values plain {plain_write_s:6.2f} s   "
        f"ratio {export_s / plain_write_s:4.2f}×  (goal ≤ 1.0×)"
    )
    print(
        f"import into an empty database         {import_s:6.2f} s   "
        f"(preview {plan_s:.2f} s + write {write_s:.2f} s; {new:,} new)"
    )
    print(
        f"openpyxl read-only, reading the cells  {plain_read_s:6.2f} s   "
        f"ratio {import_s / plain_read_s:4.2f}×  (goal ≤ 1.0×)"
    )
    print(f"preview of the same file again         {again_s:6.2f} s   ({unchanged:,} unchanged)")
    print(f"(run {dt.datetime.now():%Y-%m-%d %H:%M}; files in {work})")


if __name__ == "__main__":
    main()
