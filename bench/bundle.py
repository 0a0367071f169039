"""Bundle size, file count and start time, against a minimal PySide6 bundle built the same way.

    python bench/make_data.py --out bench/out/projects-2000.db --projects 2000
    python bench/bundle.py [--build] [--db bench/out/projects-2000.db] [--runs 7]

--build runs PyInstaller for both (build.spec → dist/gongjian, bench/bundle/minimal.spec →
bench/out/minimal-dist/minimal), else the existing builds are measured. Start is the time from
spawning the executable to the main window's first paint showing the opened database (the
program's GONGJIAN_PAINT_PROBE); the floor's is its window's first paint. Offscreen.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OURS = ROOT / "dist" / "gongjian"
MINIMAL_DIST = ROOT / "bench" / "out" / "minimal-dist"
MINIMAL = MINIMAL_DIST / "minimal"


def build() -> None:
    """Build both bundles with the PyInstaller of this interpreter."""
    run = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    subprocess.run([*run, str(ROOT / "build.spec")], cwd=ROOT, check=True)
    subprocess.run(
        [
            *run,
            "--distpath",
            str(MINIMAL_DIST),
            "--workpath",
            str(ROOT / "bench" / "out" / "minimal-build"),
            str(ROOT / "bench" / "bundle" / "minimal.spec"),
        ],
        cwd=ROOT,
        check=True,
    )


def size(folder: Path) -> tuple[int, int]:
    """Bytes and files under `folder` (symlinks not followed)."""
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def drop_caches() -> bool:
    """Empty the page cache (root on Linux), so the next start reads every file from disk."""
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n", encoding="ascii")
    except OSError:
        return False
    return True


def start(command: list[str], env: dict[str, str], cold: bool = False) -> tuple[float, float]:
    """Seconds from spawn to the window's first paint, and to its first paint with data."""
    if cold:
        drop_caches()
    began = time.time()
    out = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=120, check=True
    ).stdout
    times = json.loads(out.strip().splitlines()[-1])
    return times["painted"] - began, times["data"] - began


def main() -> None:
    """Print the figures and the ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--build", action="store_true")
    parser.add_argument("--db", default=str(ROOT / "bench" / "out" / "projects-2000.db"))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cold", action="store_true", help="also with the page cache dropped")
    args = parser.parse_args()
    if args.build:
        build()
    for folder in (OURS, MINIMAL):
        if not folder.exists():
            sys.exit(f"{folder} missing: run with --build")
    ours_bytes, ours_files = size(OURS)
    floor_bytes, floor_files = size(MINIMAL)
    print(f"bundle   {ours_bytes / 1e6:6.1f} MB in {ours_files} files  (dist/gongjian)")
    print(f"minimal  {floor_bytes / 1e6:6.1f} MB in {floor_files} files")
    print(f"size ratio {ours_bytes / floor_bytes:.2f}x (goal <= 1.5x)")
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        GONGJIAN_PAINT_PROBE="1",
        GONGJIAN_DATA_DIR=tempfile.mkdtemp(prefix="gongjian-bundle-bench-"),
    )
    ours_cmd = [str(OURS / "gongjian"), "--db", args.db]
    floor_cmd = [str(MINIMAL / "minimal")]
    first = (start(ours_cmd, env), start(floor_cmd, env))  # the first runs after a build
    ours_runs = [start(ours_cmd, env) for _ in range(args.runs)]
    floor = statistics.median(start(floor_cmd, env)[0] for _ in range(args.runs))
    painted = statistics.median(run[0] for run in ours_runs)
    with_data = statistics.median(run[1] for run in ours_runs)
    print(
        f"start (medians of {args.runs}): minimal's window painted {floor * 1000:.0f} ms; "
        f"ours painted {painted * 1000:.0f} ms, showing {Path(args.db).name} "
        f"{with_data * 1000:.0f} ms (first runs after the build: {first[0][0] * 1000:.0f} / "
        f"{first[0][1] * 1000:.0f} ms, minimal {first[1][0] * 1000:.0f} ms)"
    )
    print(
        f"start ratio: window painted {painted / floor:.2f}x (goal <= 2x), "
        f"with the database shown {with_data / floor:.2f}x"
    )
    if args.cold and drop_caches():
        cold_ours = [start(ours_cmd, env, cold=True) for _ in range(3)]
        cold_floor = statistics.median(start(floor_cmd, env, cold=True)[0] for _ in range(3))
        cold_painted = statistics.median(run[0] for run in cold_ours)
        cold_data = statistics.median(run[1] for run in cold_ours)
        print(
            f"cold (page cache dropped, medians of 3): minimal {cold_floor * 1000:.0f} ms; ours "
            f"painted {cold_painted * 1000:.0f} ms ({cold_painted / cold_floor:.2f}x), with the "
            f"database {cold_data * 1000:.0f} ms ({cold_data / cold_floor:.2f}x)"
        )


if __name__ == "__main__":
    main()
