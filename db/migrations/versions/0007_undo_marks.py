"""Add withdrawal marks to a problem's records, and where an import batch's undoing begins.

A problem step taken back (撤销) stays in the problem's history as withdrawn, with when and by
whom, instead of being deleted; readers of the history leave withdrawn records out. An undone
import batch notes the first change-log entry of its undoing, so redoing it reverses exactly that.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 10:00:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_RECORDS = ("problem_progress", "problem_transition", "problem_escalation")


def upgrade() -> None:
    for table in _RECORDS:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("withdrawn_at", sa.DateTime(), nullable=True))
            batch.add_column(sa.Column("withdrawn_by", sa.String(length=50), nullable=True))
    with op.batch_alter_table("import_batch") as batch:
        batch.add_column(sa.Column("undo_log_from", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("import_batch") as batch:
        batch.drop_column("undo_log_from")
    for table in _RECORDS:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("withdrawn_by")
            batch.drop_column("withdrawn_at")
