"""Add monthly_report.bond_spent: special-bond money spent by the end of the month (累计支出).

Bond usage (专项债使用率) as of a past month must come from what was reported then, not from the
project card's latest figure, so that a month's bulletin regenerated later shows the same rate.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 09:40:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("monthly_report") as batch:
        batch.add_column(sa.Column("bond_spent", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("monthly_report") as batch:
        batch.drop_column("bond_spent")
