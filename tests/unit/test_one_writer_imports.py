"""One writer at a time: two imports of one workbook at once give one import, and the other is
told that an import is running or finds everything already there — never a duplicate."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from app.infra.database import open_database
from db.models import ImportBatch, Project
from tests.support.child_module import module_command

ROOT = Path(__file__).resolve().parents[2]
WORKBOOK = ROOT / "tests" / "fixtures" / "exchange" / "city_list_basic.xlsx"
ROUNDS = 25


def _counts(db: Path) -> tuple[int, int]:
    database = open_database(db)
    with database.sessions() as session:
        found = (
            session.scalar(select(func.count(Project.id))) or 0,
            session.scalar(select(func.count(ImportBatch.id))) or 0,
        )
    database.close()
    return found


def test_two_imports_planned_together_write_once(tmp_path: Path) -> None:
    """Two processes, round after round: both plan on the empty database before either writes
    (a barrier makes sure), then both write."""
    for round_number in range(ROUNDS):
        open_database(tmp_path / f"{round_number}.db").close()
    children = [
        subprocess.Popen(
            module_command(
                "tests.support.racing_import", str(tmp_path), str(WORKBOOK), str(ROUNDS)
            ),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            encoding="utf-8",
            errors="replace",
            env={
                **os.environ,
                "GONGJIAN_DATA_DIR": str(tmp_path / "data"),
                "PYTHONIOENCODING": "utf-8",
            },
        )
        for _ in range(2)
    ]
    outputs = [child.communicate(timeout=600) for child in children]
    assert all(child.returncode == 0 for child in children), outputs
    lines = [out.split() for out, _err in outputs]
    for round_number in range(ROUNDS):
        said = sorted(line[round_number] for line in ([w for w in o if w.isupper()] for o in lines))
        assert said in (["NOTHING", "WROTE"], ["BUSY", "WROTE"]), (round_number, outputs)
        assert _counts(tmp_path / f"{round_number}.db") == (30, 1)


def test_two_command_line_imports_at_once_never_duplicate(tmp_path: Path) -> None:
    for round_number in range(3):
        db = tmp_path / f"命令行{round_number}.db"
        open_database(db).close()
        children = [
            subprocess.Popen(
                [sys.executable, "-m", "gongjian", "import", "--db", str(db), str(WORKBOOK)],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                encoding="utf-8",  # the command line writes UTF-8 into pipes on every system
                env={**os.environ, "GONGJIAN_DATA_DIR": str(tmp_path / "data")},
            )
            for _ in range(2)
        ]
        outputs = [child.communicate(timeout=180) for child in children]
        said = "\n".join(out + err for out, err in outputs)
        assert _counts(db) == (30, 1), said
        assert said.count("已写入") == 1, said
        assert "已有导入正在进行" in said or "没有需要写入的变化" in said, said
