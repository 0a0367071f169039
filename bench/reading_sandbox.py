"""What reading in a sandbox costs: start-up of the ways to get a child, and whole reads.

    python bench/reading_sandbox.py [--workbook bench/out/…xlsx]

Start-up (a child that imports the reader and answers): `subprocess` of `python -I -S` with only
the reader's folders on its path (what app/infra/sandbox.py does), a normal `python` start,
`multiprocessing` with the spawn context (it re-imports the parent's main module — here this
script, as a bench or the window would be), and forkserver (Linux only; Windows has no fork).
Reads: check + python-calamine in this process (the old way) against the sandboxed read.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.exchange.reading import read_workbook  # noqa: E402
from app.infra.sandbox import _child_paths  # noqa: E402

RUNS = 7
_IMPORTS = "import app.exchange.reader_child, app.exchange.workbook_frames, python_calamine"


def _median(fn: object) -> float:
    samples = []
    for _ in range(RUNS):
        began = time.perf_counter()
        fn()  # type: ignore[operator]
        samples.append(time.perf_counter() - began)
    return statistics.median(samples)


def _child_work() -> None:
    import python_calamine  # noqa: F401

    import app.exchange.reader_child
    import app.exchange.workbook_frames  # noqa: F401


def _process(context: str) -> None:
    child = multiprocessing.get_context(context).Process(target=_child_work)
    child.start()
    child.join()


def _in_process(path: Path) -> None:
    from app.exchange.workbook_frames import workbook_frames

    for _frame in workbook_frames(path):
        pass


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workbook", type=Path, help="an .xlsx to read (default: a made one)")
    args = parser.parse_args()
    paths = _child_paths()
    starts = {
        "subprocess, python -I -S, reader's folders only": lambda: subprocess.run(
            [sys.executable, "-I", "-S", "-c", f"import sys;sys.path[:0]={paths!r};{_IMPORTS}"],
            check=True,
        ),
        "subprocess, normal python": lambda: subprocess.run(
            [sys.executable, "-c", f"import sys;sys.path.insert(0,{str(ROOT)!r});{_IMPORTS}"],
            check=True,
        ),
        "multiprocessing, spawn": lambda: _process("spawn"),
    }
    if sys.platform.startswith("linux"):
        starts["multiprocessing, forkserver"] = lambda: _process("forkserver")
    print(f"child start-up to a ready reader (median of {RUNS}):")
    for label, start in starts.items():
        print(f"  {label:48s} {_median(start) * 1000:6.0f} ms")
    workbooks = [ROOT / "tests" / "fixtures" / "exchange" / "city_list_basic.xlsx"]
    if args.workbook:
        workbooks.append(args.workbook)
    else:
        workbooks.append(_made_workbook())
    print("whole read (median):")
    for path in workbooks:
        old = _median(lambda path=path: _in_process(path))
        new = _median(lambda path=path: read_workbook(path))
        print(
            f"  {path.name:40s} in this process {old * 1000:6.0f} ms   "
            f"sandboxed {new * 1000:6.0f} ms   (+{(new - old) * 1000:.0f} ms)"
        )


def _made_workbook() -> Path:
    import openpyxl

    out = Path(tempfile.mkdtemp(prefix="gongjian-sandbox-")) / "10000行.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["序号", "项目代码", "项目名称", "总投资", "计划开工时间", "责任单位"] * 2)
    for i in range(10_000):
        sheet.append([i, f"2022-1201-{i:06d}", f"项目{i}", i * 1.5, "2022-08-01", "区发改委"] * 2)
    book.save(out)
    return out


if __name__ == "__main__":
    main()
