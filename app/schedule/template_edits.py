"""Editing milestone templates (设置 → 节点模板)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.infra.errors import UserError
from app.schedule.template_rows import StepRow
from app.values.date_text import MAX_DAYS
from db.models import MilestoneTemplate, TemplateStep

__all__ = ["StepRow", "add_template", "delete_template", "save_steps", "steps_of", "templates"]


def templates(session: Session) -> list[tuple[int, str]]:
    """(id, name) of every template."""
    return [
        (t.id, t.name)
        for t in session.scalars(select(MilestoneTemplate).order_by(MilestoneTemplate.id))
    ]


def steps_of(session: Session, template_id: int) -> list[StepRow]:
    """A template's steps in order."""
    template = session.get(MilestoneTemplate, template_id)
    if template is None:
        raise UserError("这个模板已不存在。")
    return [StepRow(s.name, s.duration_days, s.kind) for s in template.steps]


def save_steps(session: Session, template_id: int, steps: list[StepRow]) -> None:
    """Replace a template's steps after checking them. Commits."""
    template = session.get(MilestoneTemplate, template_id)
    if template is None:
        raise UserError("这个模板已不存在。")
    if not steps:
        raise UserError("模板至少要有一个节点。")
    for number, step in enumerate(steps, start=1):
        if not step.name.strip():
            raise UserError(f"第 {number} 个节点没有名称。")
        if not 0 <= step.duration <= MAX_DAYS:
            raise UserError(f"第 {number} 个节点「{step.name}」的工期 {step.duration} 天不合理。")
    template.steps.clear()
    session.flush()
    for number, step in enumerate(steps, start=1):
        template.steps.append(
            TemplateStep(
                seq=number, name=step.name.strip(), kind=step.kind, duration_days=step.duration
            )
        )
    session.commit()


def add_template(session: Session, name: str) -> int:
    """A new empty-named template with one step to start from. Commits; returns its id."""
    name = name.strip()
    if not name:
        raise UserError("请填写模板名称。")
    if session.scalars(select(MilestoneTemplate.id).where(MilestoneTemplate.name == name)).first():
        raise UserError(f"已有名为「{name}」的模板。")
    template = MilestoneTemplate(name=name)
    template.steps.append(TemplateStep(seq=1, name="立项备案", duration_days=15))
    session.add(template)
    session.commit()
    return template.id


def delete_template(session: Session, template_id: int) -> None:
    """Delete a template (projects keep the milestones it once gave them). Commits."""
    template = session.get(MilestoneTemplate, template_id)
    if template is not None:
        session.delete(template)
        session.commit()
