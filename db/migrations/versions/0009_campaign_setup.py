"""Campaigns set up in the window: printout office, bulletin numbering, list templates, 结转.

- campaign.office_name (发文单位), issue_numbering and issue_start (期号);
- project_list.template_id: the milestone template of a list (was milestone_template.list_id,
  which could tie a template to one list of one campaign only);
- project.campaign_id, so a project carried into next year's campaign keeps its 项目代码
  (the code becomes unique per campaign), and project.carried_from_id (结转自);
- problem_progress.at and problem_escalation.at: when an entry was recorded, so a problem's
  办理过程 lists one day's entries in the order they happened.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("campaign") as batch:
        batch.add_column(sa.Column("office_name", sa.String(200), nullable=True))
        batch.add_column(
            sa.Column(
                "issue_numbering",
                sa.Enum(
                    "按月份",
                    "连续编号",
                    native_enum=False,
                    create_constraint=True,
                    length=8,
                    name=op.f("ck_campaign_issue_numbering"),
                ),
                nullable=False,
                server_default="按月份",
            )
        )
        batch.add_column(sa.Column("issue_start", sa.Integer(), nullable=False, server_default="1"))
    with op.batch_alter_table("project_list") as batch:
        batch.add_column(sa.Column("template_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_project_list_template_id_milestone_template"),
            "milestone_template",
            ["template_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_index(op.f("ix_project_list_template_id"), ["template_id"])
    _link_lists_to_templates(op.get_bind())
    with op.batch_alter_table("milestone_template") as batch:
        batch.drop_constraint(
            op.f("fk_milestone_template_list_id_project_list"), type_="foreignkey"
        )
        batch.drop_column("list_id")

    with op.batch_alter_table("project") as batch:
        batch.add_column(sa.Column("campaign_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("carried_from_id", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE project SET campaign_id = "
        "(SELECT campaign_id FROM project_list WHERE project_list.id = project.list_id)"
    )
    with op.batch_alter_table("project") as batch:
        batch.alter_column("campaign_id", existing_type=sa.Integer(), nullable=False)
        batch.create_foreign_key(
            op.f("fk_project_campaign_id_campaign"),
            "campaign",
            ["campaign_id"],
            ["id"],
            ondelete="RESTRICT",
        )
        batch.create_foreign_key(
            op.f("fk_project_carried_from_id_project"),
            "project",
            ["carried_from_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_index(op.f("ix_project_carried_from_id"), ["carried_from_id"])
        batch.drop_constraint(op.f("uq_project_code"), type_="unique")
        batch.create_unique_constraint(op.f("uq_project_campaign_id_code"), ["campaign_id", "code"])

    for table in ("problem_progress", "problem_escalation"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("at", sa.DateTime(), nullable=True))


def _link_lists_to_templates(conn: sa.Connection) -> None:
    """A template tied to a list stays tied; other lists take the default template named after
    them (力促开工项目 → 力促开工), as the templates were seeded."""
    templates = conn.execute(sa.text("SELECT id, name, list_id FROM milestone_template")).all()
    by_list = {list_id: id_ for id_, _name, list_id in templates if list_id is not None}
    by_name = {name: id_ for id_, name, _list_id in templates}
    for list_id, name in conn.execute(sa.text("SELECT id, name FROM project_list")).all():
        template = by_list.get(list_id) or by_name.get(name.removesuffix("项目"))
        if template is not None:
            conn.execute(
                sa.text("UPDATE project_list SET template_id = :t WHERE id = :l"),
                {"t": template, "l": list_id},
            )


def downgrade() -> None:
    for table in ("problem_escalation", "problem_progress"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("at")
    with op.batch_alter_table("project") as batch:
        batch.drop_constraint(op.f("uq_project_campaign_id_code"), type_="unique")
        batch.create_unique_constraint(op.f("uq_project_code"), ["code"])
        batch.drop_index(op.f("ix_project_carried_from_id"))
        batch.drop_constraint(op.f("fk_project_carried_from_id_project"), type_="foreignkey")
        batch.drop_constraint(op.f("fk_project_campaign_id_campaign"), type_="foreignkey")
        batch.drop_column("carried_from_id")
        batch.drop_column("campaign_id")
    with op.batch_alter_table("milestone_template") as batch:
        batch.add_column(sa.Column("list_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_milestone_template_list_id_project_list"),
            "project_list",
            ["list_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("project_list") as batch:
        batch.drop_index(op.f("ix_project_list_template_id"))
        batch.drop_constraint(
            op.f("fk_project_list_template_id_milestone_template"), type_="foreignkey"
        )
        batch.drop_column("template_id")
    with op.batch_alter_table("campaign") as batch:
        batch.drop_column("issue_start")
        batch.drop_column("issue_numbering")
        batch.drop_column("office_name")
