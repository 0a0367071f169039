"""The fields a workbook column can fill: key, the header written on export, and kind.

Which header means which field is not a list of synonyms: headers are read as concepts
(`header_concepts`, `header_meaning`); this catalogue only says what each field is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal[
    "text",
    "long",
    "amount",
    "date",
    "code",
    "list",
    "stage",
    "level",
    "nature",
    "unit",
    "units",
    "person",
    "number",
    "problem_type",
    "problem_state",
    "coordination",
    "flag",
]
# How a column's field was found: read from its header, a saved profile, or the clerk's choice.
How = Literal["exact", "concept", "profile", "clerk"]


@dataclass(frozen=True)
class ExchangeField:
    """A column's meaning: key, the header written on export, and kind."""

    key: str
    header: str
    kind: Kind


PROJECT_FIELDS: tuple[ExchangeField, ...] = (
    ExchangeField("number", "序号", "number"),
    ExchangeField("code", "项目代码", "code"),
    ExchangeField("name", "项目名称", "text"),
    ExchangeField("list", "项目清单", "list"),
    ExchangeField("stage", "项目阶段", "stage"),
    ExchangeField("level", "项目级别", "level"),
    ExchangeField("nature", "建设性质", "nature"),
    ExchangeField("industry", "所属行业", "text"),
    ExchangeField("location", "建设地点", "text"),
    ExchangeField("park", "所属园区", "text"),
    ExchangeField("content", "建设内容及规模", "long"),
    ExchangeField("owner", "项目单位", "unit"),
    ExchangeField("total_investment", "总投资", "amount"),
    ExchangeField("annual_plan", "年度计划投资", "amount"),
    ExchangeField("campaign_target", "攻坚目标投资", "amount"),
    ExchangeField("ytd_completed", "今年累计完成投资", "amount"),
    ExchangeField("month_completed", "本月完成投资", "amount"),
    ExchangeField("planned_start", "计划开工时间", "date"),
    ExchangeField("planned_finish", "计划竣工时间", "date"),
    ExchangeField("actual_start", "实际开工时间", "date"),
    ExchangeField("actual_finish", "实际竣工时间", "date"),
    ExchangeField("progress", "形象进度", "long"),
    ExchangeField("lead_unit", "责任单位", "unit"),
    ExchangeField("cooperating_units", "配合单位", "units"),
    ExchangeField("leader", "包联领导", "person"),
    ExchangeField("chief_officer", "首席服务官", "person"),
    ExchangeField("specialist", "服务专员", "person"),
    ExchangeField("contact", "联络人及电话", "text"),
    ExchangeField("bond_issued", "专项债发行", "amount"),
    ExchangeField("bond_spent", "专项债支出", "amount"),
    ExchangeField("remarks", "备注", "long"),
    # A progress table's 存在问题: each non-empty cell becomes an open problem of the project.
    ExchangeField("problem_text", "存在问题", "long"),
)

PROBLEM_FIELDS: tuple[ExchangeField, ...] = (
    ExchangeField("number", "序号", "number"),
    ExchangeField("project_code", "项目代码", "code"),
    ExchangeField("project_name", "项目名称", "text"),
    ExchangeField("type", "问题类型", "problem_type"),
    ExchangeField("description", "问题表述", "long"),
    ExchangeField("raised_on", "提出时间", "date"),
    ExchangeField("lead_unit", "责任单位", "unit"),
    ExchangeField("cooperating_units", "配合单位", "units"),
    ExchangeField("first_responsible", "第一责任人", "person"),
    ExchangeField("measures", "解决措施", "long"),
    ExchangeField("completion_standard", "完成标准", "long"),
    ExchangeField("deadline", "解决时限", "date"),
    ExchangeField("progress", "办理进度", "long"),
    ExchangeField("next_steps", "未到位原因及下步计划", "long"),
    ExchangeField("state", "状态", "problem_state"),
    ExchangeField("closed_flag", "是否销号", "flag"),
    ExchangeField("done_flag", "是否完成", "flag"),
    ExchangeField("closed_on", "销号时间", "date"),
    ExchangeField("confirmed_by", "验收人", "person"),
    ExchangeField("level", "协调层级", "coordination"),
    ExchangeField("remarks", "备注", "long"),
)


def field_of(key: str, fields: tuple[ExchangeField, ...] = PROJECT_FIELDS) -> ExchangeField:
    """The field with `key`."""
    return next(f for f in fields if f.key == key)


def field_by_name(text: str, fields: tuple[ExchangeField, ...]) -> ExchangeField | None:
    """The field a clerk names by its key or its Chinese header ("年度计划投资", "annual_plan")."""
    wanted = "".join(text.split())
    return next((f for f in fields if wanted in (f.key, f.header)), None)
