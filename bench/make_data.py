"""Build a large database fast (Core inserts) for benchmarks; compare with plain sqlite3.

    python bench/make_data.py --out bench/out/big.db [--projects 2000]

Defaults: 2,000 projects, 8 milestones each (16,000), 6,000 problems, 12 monthly reports each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert

from app.demo.catalogue import AREAS, PROBLEM_TEXT, PRODUCTS, SUFFIXES
from app.infra.database import open_database
from db.enums import MilestoneState, ProblemState, ProblemType, Stage, UnitKind
from db.models import (
    Campaign,
    Milestone,
    MonthlyReport,
    Problem,
    ProblemProgress,
    Project,
    ProjectList,
    Unit,
)

PROBLEM_PHRASES = list(PROBLEM_TEXT.values())
LISTS = [
    "谋划攻坚项目",
    "招商实体转化项目",
    "力促开工项目",
    "竣工投产项目",
    "加快建设项目",
    "房地产项目",
    "已发行专项债项目",
]


def generate(
    projects: int, seed: int = 7, problems: int | None = None
) -> dict[str, list[dict[str, Any]]]:
    """All rows of a synthetic campaign, as dictionaries per table."""
    rng = random.Random(seed)
    start = dt.date(2022, 1, 1)
    units = [
        {"id": i + 1, "name": f"责任单位{i + 1:02d}", "kind": UnitKind.RESPONSIBLE}
        for i in range(40)
    ]
    lists = [
        {"id": i + 1, "campaign_id": 1, "number": i + 1, "name": n} for i, n in enumerate(LISTS)
    ]
    rows: dict[str, list[dict[str, Any]]] = {
        "unit": units,
        "project_list": lists,
        "project": [],
        "milestone": [],
        "monthly_report": [],
        "problem": [],
    }
    for pid in range(1, projects + 1):
        total = Decimal(rng.randrange(1_000, 500_000))
        rows["project"].append(
            {
                "id": pid,
                "code": f"2022-120116-04-01-{pid:06d}",
                # Varied names (area + product + suffix), so a pinyin search narrows as in life.
                "name": f"{rng.choice(AREAS)}{rng.choice(PRODUCTS)}{rng.choice(SUFFIXES)}{pid}",
                "list_id": rng.randint(1, 7),
                "campaign_id": 1,
                "stage": rng.choice(list(Stage)),
                "lead_unit_id": rng.randint(1, 40),
                "total_investment": total,
                "annual_plan": (total * Decimal("0.3")).quantize(Decimal("0.01")),
                "planned_start": start + dt.timedelta(days=rng.randint(0, 300)),
                "calendar": "日历日",
            }
        )
        for seq in range(1, 9):
            first = start + dt.timedelta(days=seq * 30)
            rows["milestone"].append(
                {
                    "project_id": pid,
                    "seq": seq,
                    "name": f"节点{seq}",
                    "duration_days": 30,
                    "planned_start": first,
                    "planned_finish": first + dt.timedelta(days=29),
                    "state": MilestoneState.NOT_STARTED,
                }
            )
        for month in range(1, 13):
            rows["monthly_report"].append(
                {
                    "project_id": pid,
                    "year": 2022,
                    "month": month,
                    "investment_month": Decimal(rng.randrange(0, 100_000)) / 100,
                    "investment_year": Decimal(rng.randrange(0, 10_000_000)) / 100,
                    "progress": "主体结构施工中",
                }
            )
    rows["problem_progress"] = []
    for number in range(1, (problems if problems is not None else projects * 3) + 1):
        raised = start + dt.timedelta(days=rng.randint(0, 300))
        rows["problem_progress"].append(
            {"problem_id": number, "entry_date": raised, "text": "已召开专题协调会，明确责任分工"}
        )
        rows["problem"].append(
            {
                "id": number,
                "lead_unit_id": rng.randint(1, 40),
                "project_id": rng.randint(1, projects),
                "type": rng.choice(list(ProblemType)),
                # Unique texts: a search must not profit from thousands of identical strings.
                "description": (
                    f"{rng.choice(PROBLEM_PHRASES)}，涉及{rng.choice(AREAS)}{number}号地块"
                ),
                "raised_on": raised,
                "deadline": raised + dt.timedelta(days=30),
                "level": "本级",
                "state": rng.choice(list(ProblemState)),
            }
        )
    return rows


TABLES = [
    ("unit", Unit),
    ("project_list", ProjectList),
    ("project", Project),
    ("milestone", Milestone),
    ("monthly_report", MonthlyReport),
    ("problem", Problem),
    ("problem_progress", ProblemProgress),
]


def write_core(path: Path, rows: dict[str, list[dict[str, Any]]]) -> float:
    """Insert through SQLAlchemy Core executemany (what imports use); return seconds."""
    database = open_database(path, operator="bench")
    began = time.perf_counter()
    with database.engine.begin() as conn:
        conn.execute(
            insert(Campaign),
            [
                {
                    "id": 1,
                    "name": "基准攻坚",
                    "start_date": dt.date(2022, 1, 1),
                    "end_date": dt.date(2022, 12, 31),
                }
            ],
        )
        for table, model in TABLES:
            conn.execute(insert(model), rows[table])
    elapsed = time.perf_counter() - began
    database.close()
    return elapsed


def write_raw(path: Path, rows: dict[str, list[dict[str, Any]]]) -> float:
    """The same rows through plain sqlite3 into the same schema: the floor."""
    database = open_database(path, operator="bench")  # schema only
    database.close()
    conn = sqlite3.connect(path)
    began = time.perf_counter()
    conn.execute(
        "INSERT INTO campaign (id, name, start_date, end_date) "
        "VALUES (1, '基准攻坚', '2022-01-01', '2022-12-31')"
    )
    for table, _model in TABLES:
        batch = rows[table]
        columns = list(batch[0])
        plain = [tuple(_plain(r[c]) for c in columns) for r in batch]
        marks = ", ".join("?" for _ in columns)
        conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", plain)
    conn.commit()
    elapsed = time.perf_counter() - began
    conn.close()
    return elapsed


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value * 100)
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "value"):
        return value.value
    return value


def main() -> None:
    """Build the database and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("bench/out/big.db"))
    parser.add_argument("--projects", type=int, default=2000)
    parser.add_argument("--problems", type=int, help="number of problems (default 3 per project)")
    parser.add_argument("--compare", action="store_true", help="also time plain sqlite3")
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    for stale in args.out.parent.glob(args.out.name + "*"):
        stale.unlink()
    began = time.perf_counter()
    rows = generate(args.projects, problems=args.problems)
    generated = time.perf_counter() - began
    count = sum(len(v) for v in rows.values())
    core = write_core(args.out, rows)
    print(
        f"rows: {count:,} (projects {len(rows['project']):,}, milestones "
        f"{len(rows['milestone']):,}, problems {len(rows['problem']):,}, "
        f"reports {len(rows['monthly_report']):,})"
    )
    print(
        f"generate: {generated:.2f} s; SQLAlchemy Core insert: {core:.2f} s "
        f"({count / core:,.0f} rows/s) -> {args.out}"
    )
    if args.compare:
        raw_path = args.out.with_name("raw-" + args.out.name)
        for stale in raw_path.parent.glob(raw_path.name + "*"):
            stale.unlink()
        raw = write_raw(raw_path, rows)
        print(f"plain sqlite3 executemany: {raw:.2f} s; Core / sqlite3 = {core / raw:.2f}x")


if __name__ == "__main__":
    main()
