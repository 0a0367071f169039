"""Server mode: row versions, accounts, the change log's account; PostgreSQL triggers.

Every editable row gets a `version` (optimistic concurrency: a save based on an old version is
refused instead of overwriting another clerk's change). `account` maps a PostgreSQL login role
to a clerk's name, unit and role. `change_log.account` is the server account behind a change.
On PostgreSQL two triggers are added: one fills `change_log.account` from `session_user`
(whatever the client sent), and a statement-level one on every table of the office's data
notifies channel `gongjian_changes` with the table's name, so other windows refresh
(LISTEN/NOTIFY). Grants and row-level security depend on role names and are applied by
`gongjian server init` (db/server/rights.py), not here.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 12:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VERSIONED = (
    "exchange_profile", "campaign", "campaign_target", "project_list", "unit", "person",
    "problem", "problem_progress", "project", "monthly_report", "report_month", "milestone",
    "milestone_dependency", "milestone_template", "template_step", "holiday_day",
    "supervision", "supervision_act",
)  # fmt: skip
# Tables whose changes other windows show (change_log, app_meta, alembic_version are not).
NOTIFIED = (
    *VERSIONED, "account", "import_batch", "problem_transition", "problem_escalation",
    "project_cooperating_unit", "problem_cooperating_unit",
)  # fmt: skip
CHANNEL = "gongjian_changes"


def upgrade() -> None:
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    with op.batch_alter_table("change_log") as batch:
        batch.add_column(sa.Column("account", sa.String(length=63), nullable=True))
    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=63), nullable=False),
        sa.Column("display_name", sa.String(length=50), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("管理员", "填报员", "领导", native_enum=False, create_constraint=True, length=7,
                    name="ck_account_kind"),
            nullable=False,
        ),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name="fk_account_unit_id_unit",
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_account"),
        sa.UniqueConstraint("login", name="uq_account_login"),
    )  # fmt: skip
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_triggers()


def _postgresql_triggers() -> None:
    op.execute(
        """
        CREATE OR REPLACE FUNCTION gongjian_log_account() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            NEW.account := session_user;  -- the login, whatever the client sent
            RETURN NEW;
        END $$
        """
    )
    op.execute(
        "CREATE TRIGGER change_log_account BEFORE INSERT OR UPDATE ON change_log "
        "FOR EACH ROW EXECUTE FUNCTION gongjian_log_account()"
    )
    op.execute(
        f"""
        CREATE OR REPLACE FUNCTION gongjian_notify_change() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME);
            RETURN NULL;
        END $$
        """
    )
    for table in NOTIFIED:
        op.execute(
            f'CREATE TRIGGER notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
            "FOR EACH STATEMENT EXECUTE FUNCTION gongjian_notify_change()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in NOTIFIED:
            op.execute(f'DROP TRIGGER IF EXISTS notify_change ON "{table}"')
        op.execute("DROP TRIGGER IF EXISTS change_log_account ON change_log")
        op.execute("DROP FUNCTION IF EXISTS gongjian_notify_change()")
        op.execute("DROP FUNCTION IF EXISTS gongjian_log_account()")
    op.drop_table("account")
    with op.batch_alter_table("change_log") as batch:
        batch.drop_column("account")
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
