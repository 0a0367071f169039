"""Every page and dialog fits the screens clerks have: 1366×768 at 100 %, 1920×1080 at 150 %.

Each size runs in a child process (tests/support/fit_check.py), because Qt takes its screen and
scale factor when it starts: a window larger than the screen, or a button outside its window
(生成月通报…, 销号, 清除筛选 were at 150 %), is named with where it is.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("width", "height", "scale"), [(1366, 768, "1"), (1920, 1080, "1.5")], ids=["100%", "150%"]
)
def test_every_page_and_dialog_fits(width: int, height: int, scale: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tests.support.fit_check", str(width), str(height), scale],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    problems = json.loads(result.stdout.strip().splitlines()[-1])
    assert problems == [], "\n".join(problems)
