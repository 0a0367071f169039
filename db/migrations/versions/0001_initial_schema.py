"""Initial schema: every entity of the domain (DOMAIN.md).

Revision ID: 0001
Revises:
Create Date: 2026-11-22 05:03:07.520119
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('campaign',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('target_investment', sa.BigInteger(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.CheckConstraint('end_date >= start_date', name=op.f('ck_campaign_end_after_start')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_campaign')),
    sa.UniqueConstraint('name', name=op.f('uq_campaign_name'))
    )
    op.create_table('holiday_day',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=9), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=True),
    sa.CheckConstraint("kind IN ('法定节假日', '调休上班')", name=op.f('ck_holiday_day_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_holiday_day')),
    sa.UniqueConstraint('day', name=op.f('uq_holiday_day_day'))
    )
    op.create_table('import_batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('operator', sa.String(length=50), nullable=True),
    sa.Column('source_file', sa.String(length=500), nullable=False),
    sa.Column('sheet', sa.String(length=100), nullable=True),
    sa.Column('kind', sa.String(length=50), nullable=False),
    sa.Column('row_count', sa.Integer(), nullable=False),
    sa.Column('undone_at', sa.DateTime(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_batch'))
    )
    op.create_table('unit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['parent_id'], ['unit.id'], name=op.f('fk_unit_parent_id_unit'), ondelete='SET NULL'),
    sa.CheckConstraint("kind IN ('责任单位', '项目单位', '区域园区')", name=op.f('ck_unit_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit')),
    sa.UniqueConstraint('name', name=op.f('uq_unit_name'))
    )
    op.create_table('campaign_target',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('percent', sa.BigInteger(), nullable=True),
    sa.Column('amount', sa.BigInteger(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_campaign_target_campaign_id_campaign'), ondelete='CASCADE'),
    sa.CheckConstraint("kind IN ('新增攻坚投资', '开复工率', '投资完成率', '投产率', '专项债使用率')", name=op.f('ck_campaign_target_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_campaign_target'))
    )
    op.create_table('change_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('operator', sa.String(length=50), nullable=True),
    sa.Column('table_name', sa.String(length=50), nullable=False),
    sa.Column('row_id', sa.String(length=50), nullable=False),
    sa.Column('action', sa.String(length=6), nullable=False),
    sa.Column('field', sa.String(length=50), nullable=True),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batch.id'], name=op.f('fk_change_log_batch_id_import_batch'), ondelete='SET NULL'),
    sa.CheckConstraint("action IN ('新增', '修改', '删除')", name=op.f('ck_change_log_action')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_log'))
    )
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_log_at'), ['at'], unique=False)

    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('title', sa.String(length=100), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('phone', sa.String(length=50), nullable=True),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_person_unit_id_unit'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person'))
    )
    op.create_table('project_list',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('goal', sa.Text(), nullable=True),
    sa.Column('target_investment', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_project_list_campaign_id_campaign'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_list')),
    sa.UniqueConstraint('campaign_id', 'name', name=op.f('uq_project_list_campaign_id_name')),
    sa.UniqueConstraint('campaign_id', 'number', name=op.f('uq_project_list_campaign_id_number'))
    )
    op.create_table('milestone_template',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('list_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['list_id'], ['project_list.id'], name=op.f('fk_milestone_template_list_id_project_list'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestone_template')),
    sa.UniqueConstraint('name', name=op.f('uq_milestone_template_name'))
    )
    op.create_table('project',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=24), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('list_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=6), nullable=False),
    sa.Column('level', sa.String(length=7), nullable=True),
    sa.Column('nature', sa.String(length=7), nullable=True),
    sa.Column('industry', sa.String(length=100), nullable=True),
    sa.Column('location', sa.String(length=200), nullable=True),
    sa.Column('park', sa.String(length=100), nullable=True),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('content', sa.Text(), nullable=True),
    sa.Column('total_investment', sa.BigInteger(), nullable=True),
    sa.Column('annual_plan', sa.BigInteger(), nullable=True),
    sa.Column('campaign_target', sa.BigInteger(), nullable=True),
    sa.Column('planned_start', sa.Date(), nullable=True),
    sa.Column('planned_finish', sa.Date(), nullable=True),
    sa.Column('actual_start', sa.Date(), nullable=True),
    sa.Column('actual_finish', sa.Date(), nullable=True),
    sa.Column('lead_unit_id', sa.Integer(), nullable=True),
    sa.Column('leader_id', sa.Integer(), nullable=True),
    sa.Column('chief_officer_id', sa.Integer(), nullable=True),
    sa.Column('specialist_id', sa.Integer(), nullable=True),
    sa.Column('contact', sa.String(length=200), nullable=True),
    sa.Column('latest_progress', sa.Text(), nullable=True),
    sa.Column('bond_issued', sa.BigInteger(), nullable=True),
    sa.Column('bond_spent', sa.BigInteger(), nullable=True),
    sa.Column('calendar', sa.String(length=7), nullable=False),
    sa.Column('remarks', sa.Text(), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint('annual_plan >= 0', name=op.f('ck_project_annual_plan_not_negative')),
    sa.CheckConstraint('total_investment >= 0', name=op.f('ck_project_total_not_negative')),
    sa.ForeignKeyConstraint(['chief_officer_id'], ['person.id'], name=op.f('fk_project_chief_officer_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['lead_unit_id'], ['unit.id'], name=op.f('fk_project_lead_unit_id_unit'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['leader_id'], ['person.id'], name=op.f('fk_project_leader_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['list_id'], ['project_list.id'], name=op.f('fk_project_list_id_project_list'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['owner_id'], ['unit.id'], name=op.f('fk_project_owner_id_unit'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['specialist_id'], ['person.id'], name=op.f('fk_project_specialist_id_person'), ondelete='SET NULL'),
    sa.CheckConstraint("stage IN ('谋划', '储备', '前期', '在建', '竣工', '投产')", name=op.f('ck_project_stage')),
    sa.CheckConstraint("level IN ('省重点', '市重点', '区重点')", name=op.f('ck_project_level')),
    sa.CheckConstraint("nature IN ('新建', '续建', '改扩建')", name=op.f('ck_project_nature')),
    sa.CheckConstraint("calendar IN ('日历日', '工作日')", name=op.f('ck_project_calendar')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project')),
    sa.UniqueConstraint('code', name=op.f('uq_project_code'))
    )
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_name'), ['name'], unique=False)

    op.create_table('milestone',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=50), nullable=True),
    sa.Column('duration_days', sa.Integer(), nullable=False),
    sa.Column('target_date', sa.Date(), nullable=True),
    sa.Column('planned_start', sa.Date(), nullable=True),
    sa.Column('planned_finish', sa.Date(), nullable=True),
    sa.Column('actual_start', sa.Date(), nullable=True),
    sa.Column('actual_finish', sa.Date(), nullable=True),
    sa.Column('state', sa.String(length=7), nullable=False),
    sa.Column('remarks', sa.Text(), nullable=True),
    sa.CheckConstraint('duration_days >= 0', name=op.f('ck_milestone_duration_not_negative')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_milestone_project_id_project'), ondelete='CASCADE'),
    sa.CheckConstraint("state IN ('未开始', '进行中', '已完成')", name=op.f('ck_milestone_state')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestone')),
    sa.UniqueConstraint('project_id', 'seq', name=op.f('uq_milestone_project_id_seq'))
    )
    op.create_table('monthly_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('investment_month', sa.BigInteger(), nullable=True),
    sa.Column('investment_year', sa.BigInteger(), nullable=True),
    sa.Column('progress', sa.Text(), nullable=True),
    sa.Column('reporter', sa.String(length=50), nullable=True),
    sa.Column('entered_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint('month BETWEEN 1 AND 12', name=op.f('ck_monthly_report_month_in_range')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_monthly_report_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_monthly_report')),
    sa.UniqueConstraint('project_id', 'year', 'month', name=op.f('uq_monthly_report_project_id_year_month'))
    )
    op.create_table('problem',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=8), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('raised_on', sa.Date(), nullable=False),
    sa.Column('source', sa.String(length=100), nullable=True),
    sa.Column('lead_unit_id', sa.Integer(), nullable=True),
    sa.Column('first_responsible', sa.String(length=50), nullable=True),
    sa.Column('measures', sa.Text(), nullable=True),
    sa.Column('completion_standard', sa.Text(), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('level', sa.String(length=11), nullable=False),
    sa.Column('state', sa.String(length=7), nullable=False),
    sa.Column('hold_reason', sa.Text(), nullable=True),
    sa.Column('solved_on', sa.Date(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('closed_confirmed_by', sa.String(length=50), nullable=True),
    sa.ForeignKeyConstraint(['lead_unit_id'], ['unit.id'], name=op.f('fk_problem_lead_unit_id_unit'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_problem_project_id_project'), ondelete='CASCADE'),
    sa.CheckConstraint("type IN ('用地', '规划', '资金', '审批手续', '环保', '水电气热', '征拆', '市政配套', '用海', '其他')", name=op.f('ck_problem_type')),
    sa.CheckConstraint("level IN ('本级', '管委会/区政府', '新区/市')", name=op.f('ck_problem_level')),
    sa.CheckConstraint("state IN ('待办', '办理中', '已解决', '已销号', '暂缓')", name=op.f('ck_problem_state')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_problem'))
    )
    op.create_table('project_cooperating_unit',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_project_cooperating_unit_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_project_cooperating_unit_unit_id_unit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', 'unit_id', name=op.f('pk_project_cooperating_unit'))
    )
    op.create_table('template_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('template_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=50), nullable=True),
    sa.Column('duration_days', sa.Integer(), nullable=False),
    sa.Column('lag_days', sa.Integer(), nullable=False),
    sa.CheckConstraint('duration_days >= 0', name=op.f('ck_template_step_duration_not_negative')),
    sa.ForeignKeyConstraint(['template_id'], ['milestone_template.id'], name=op.f('fk_template_step_template_id_milestone_template'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_template_step')),
    sa.UniqueConstraint('template_id', 'seq', name=op.f('uq_template_step_template_id_seq'))
    )
    op.create_table('milestone_dependency',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('predecessor_id', sa.Integer(), nullable=False),
    sa.Column('successor_id', sa.Integer(), nullable=False),
    sa.Column('lag_days', sa.Integer(), nullable=False),
    sa.CheckConstraint('predecessor_id <> successor_id', name=op.f('ck_milestone_dependency_not_self')),
    sa.ForeignKeyConstraint(['predecessor_id'], ['milestone.id'], name=op.f('fk_milestone_dependency_predecessor_id_milestone'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['successor_id'], ['milestone.id'], name=op.f('fk_milestone_dependency_successor_id_milestone'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestone_dependency')),
    sa.UniqueConstraint('predecessor_id', 'successor_id', name=op.f('uq_milestone_dependency_predecessor_id_successor_id'))
    )
    op.create_table('problem_cooperating_unit',
    sa.Column('problem_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['problem_id'], ['problem.id'], name=op.f('fk_problem_cooperating_unit_problem_id_problem'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_problem_cooperating_unit_unit_id_unit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('problem_id', 'unit_id', name=op.f('pk_problem_cooperating_unit'))
    )
    op.create_table('problem_escalation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('problem_id', sa.Integer(), nullable=False),
    sa.Column('from_level', sa.String(length=11), nullable=False),
    sa.Column('to_level', sa.String(length=11), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('operator', sa.String(length=50), nullable=True),
    sa.ForeignKeyConstraint(['problem_id'], ['problem.id'], name=op.f('fk_problem_escalation_problem_id_problem'), ondelete='CASCADE'),
    sa.CheckConstraint("from_level IN ('本级', '管委会/区政府', '新区/市')", name=op.f('ck_problem_escalation_from_level')),
    sa.CheckConstraint("to_level IN ('本级', '管委会/区政府', '新区/市')", name=op.f('ck_problem_escalation_to_level')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_problem_escalation'))
    )
    op.create_table('problem_progress',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('problem_id', sa.Integer(), nullable=False),
    sa.Column('entry_date', sa.Date(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('operator', sa.String(length=50), nullable=True),
    sa.ForeignKeyConstraint(['problem_id'], ['problem.id'], name=op.f('fk_problem_progress_problem_id_problem'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_problem_progress'))
    )
    op.create_table('problem_transition',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('problem_id', sa.Integer(), nullable=False),
    sa.Column('from_state', sa.String(length=7), nullable=True),
    sa.Column('to_state', sa.String(length=7), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('operator', sa.String(length=50), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['problem_id'], ['problem.id'], name=op.f('fk_problem_transition_problem_id_problem'), ondelete='CASCADE'),
    sa.CheckConstraint("from_state IN ('待办', '办理中', '已解决', '已销号', '暂缓')", name=op.f('ck_problem_transition_from_state')),
    sa.CheckConstraint("to_state IN ('待办', '办理中', '已解决', '已销号', '暂缓')", name=op.f('ck_problem_transition_to_state')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_problem_transition'))
    )
    op.create_table('supervision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('problem_id', sa.Integer(), nullable=True),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('supervision_class', sa.String(length=6), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.CheckConstraint('(problem_id IS NULL) <> (project_id IS NULL)', name=op.f('ck_supervision_problem_xor_project')),
    sa.ForeignKeyConstraint(['problem_id'], ['problem.id'], name=op.f('fk_supervision_problem_id_problem'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_supervision_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_supervision_unit_id_unit'), ondelete='SET NULL'),
    sa.CheckConstraint("supervision_class IN ('共性', '疑难', '重点')", name=op.f('ck_supervision_supervision_class')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision'))
    )
    op.create_table('supervision_act',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('supervision_id', sa.Integer(), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('form', sa.String(length=7), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('result', sa.Text(), nullable=True),
    sa.Column('by', sa.String(length=50), nullable=True),
    sa.ForeignKeyConstraint(['supervision_id'], ['supervision.id'], name=op.f('fk_supervision_act_supervision_id_supervision'), ondelete='CASCADE'),
    sa.CheckConstraint("form IN ('督办单', '约谈', '通报')", name=op.f('ck_supervision_act_form')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_act'))
    )


def downgrade() -> None:
    op.drop_table('supervision_act')
    op.drop_table('supervision')
    op.drop_table('problem_transition')
    op.drop_table('problem_progress')
    op.drop_table('problem_escalation')
    op.drop_table('problem_cooperating_unit')
    op.drop_table('milestone_dependency')
    op.drop_table('template_step')
    op.drop_table('project_cooperating_unit')
    op.drop_table('problem')
    op.drop_table('monthly_report')
    op.drop_table('milestone')
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_name'))

    op.drop_table('project')
    op.drop_table('milestone_template')
    op.drop_table('project_list')
    op.drop_table('person')
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_change_log_at'))

    op.drop_table('change_log')
    op.drop_table('campaign_target')
    op.drop_table('unit')
    op.drop_table('import_batch')
    op.drop_table('holiday_day')
    op.drop_table('campaign')
