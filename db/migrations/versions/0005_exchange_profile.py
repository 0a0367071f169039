"""Add exchange_profile: saved 交换方案 (fields, headers, order, unit, lists) as JSON.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 07:40:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "exchange_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_profile")),
        sa.UniqueConstraint("name", name=op.f("uq_exchange_profile_name")),
    )


def downgrade() -> None:
    op.drop_table("exchange_profile")
