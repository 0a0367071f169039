"""Default milestone chains (节点模板) per project list, as offices lay them out."""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session


class StepSpec(NamedTuple):
    """One milestone of a template: name, kind, duration in calendar days."""

    name: str
    kind: str
    duration_days: int


DEFAULT_TEMPLATES: dict[str, list[StepSpec]] = {
    "谋划攻坚项目": [
        StepSpec("项目建议书", "谋划", 30),
        StepSpec("可行性研究", "谋划", 45),
        StepSpec("立项备案", "审批", 15),
        StepSpec("专项债申报", "资金", 30),
    ],
    "招商实体转化项目": [
        StepSpec("签约落地", "招商", 15),
        StepSpec("公司注册", "招商", 20),
        StepSpec("立项备案", "审批", 15),
        StepSpec("土地摘牌", "用地", 30),
        StepSpec("施工许可", "审批", 20),
        StepSpec("开工", "开工", 1),
    ],
    "力促开工项目": [
        StepSpec("立项备案", "审批", 10),
        StepSpec("用地预审与规划选址", "用地", 20),
        StepSpec("土地摘牌", "用地", 20),
        StepSpec("环评批复", "审批", 20),
        StepSpec("工程规划许可", "审批", 15),
        StepSpec("施工图审查", "审批", 15),
        StepSpec("施工许可", "审批", 10),
        StepSpec("开工", "开工", 1),
    ],
    "竣工投产项目": [
        StepSpec("主体完工", "施工", 60),
        StepSpec("设备安装调试", "施工", 45),
        StepSpec("竣工联合验收", "验收", 20),
        StepSpec("投产", "投产", 1),
    ],
    "加快建设项目": [
        StepSpec("基础施工", "施工", 90),
        StepSpec("主体施工", "施工", 150),
        StepSpec("主体封顶", "施工", 1),
        StepSpec("装饰与安装", "施工", 120),
        StepSpec("竣工", "验收", 20),
    ],
    "房地产项目": [
        StepSpec("土地摘牌", "用地", 30),
        StepSpec("施工许可", "审批", 30),
        StepSpec("主体施工", "施工", 240),
        StepSpec("预售许可", "审批", 20),
        StepSpec("竣工备案", "验收", 60),
    ],
    "已发行专项债项目": [
        StepSpec("资金拨付", "资金", 20),
        StepSpec("招标采购", "审批", 30),
        StepSpec("施工许可", "审批", 15),
        StepSpec("开工", "开工", 1),
        StepSpec("主体施工", "施工", 180),
        StepSpec("竣工验收", "验收", 30),
    ],
}


def seed_templates(session: Session) -> int:
    """Add the default templates that are missing (by name); return how many were added."""
    from db.models import MilestoneTemplate, TemplateStep

    present = set(session.scalars(select(MilestoneTemplate.name)))
    added = 0
    for list_name, steps in DEFAULT_TEMPLATES.items():
        name = template_name(list_name)
        if name in present:
            continue
        template = MilestoneTemplate(name=name, description=f"{list_name}的默认节点")
        for seq, step in enumerate(steps, start=1):
            template.steps.append(
                TemplateStep(
                    seq=seq, name=step.name, kind=step.kind, duration_days=step.duration_days
                )
            )
        session.add(template)
        added += 1
    return added


def template_name(list_name: str) -> str:
    """The default template's name for a list: 力促开工项目 → 力促开工."""
    return list_name.removesuffix("项目")


def project_template(session: Session, project_id: int) -> str | None:
    """The template of the project's list: what 套用模板 proposes for it."""
    from db.models import MilestoneTemplate, Project, ProjectList

    return session.scalar(
        select(MilestoneTemplate.name)
        .join(ProjectList, ProjectList.template_id == MilestoneTemplate.id)
        .join(Project, Project.list_id == ProjectList.id)
        .where(Project.id == project_id)
    )


def template_chains(session: Session) -> dict[str, list[tuple[str, str | None, int]]]:
    """Every template by name: its steps as (name, kind, duration in days), in order."""
    from db.models import MilestoneTemplate

    return {
        t.name: [(s.name, s.kind, s.duration_days) for s in t.steps]
        for t in session.scalars(select(MilestoneTemplate).order_by(MilestoneTemplate.id))
    }
