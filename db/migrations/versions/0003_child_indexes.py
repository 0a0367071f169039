"""Index the foreign keys that child rows are looked up by (SQLite does not do it by itself).

The problem ledger joins each problem's latest progress entry; without these indexes reading
20,000 problems took twice as long as the plain query.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 06:10:00
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = [
    ("problem", "project_id"),
    ("problem_progress", "problem_id"),
    ("problem_transition", "problem_id"),
    ("problem_escalation", "problem_id"),
    ("milestone_dependency", "successor_id"),
    ("supervision", "problem_id"),
    ("supervision", "project_id"),
    ("supervision_act", "supervision_id"),
]


def upgrade() -> None:
    for table, column in INDEXES:
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column])


def downgrade() -> None:
    for table, column in reversed(INDEXES):
        op.drop_index(op.f(f"ix_{table}_{column}"), table_name=table)
