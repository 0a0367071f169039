"""Add report_month: months of 月度填报 marked 已报送 (locked), with the reason of any unlock.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 07:10:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "report_month",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("locked_at", sa.DateTime(), nullable=True),
        sa.Column("locked_by", sa.String(length=50), nullable=True),
        sa.Column("unlock_reason", sa.Text(), nullable=True),
        sa.CheckConstraint("month BETWEEN 1 AND 12", name=op.f("ck_report_month_month_in_range")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_month")),
        sa.UniqueConstraint("year", "month", name=op.f("uq_report_month_year_month")),
    )


def downgrade() -> None:
    op.drop_table("report_month")
