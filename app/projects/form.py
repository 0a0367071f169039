"""The project card's fields (DOMAIN.md), grouped as the editor shows them, and parsing typed text.

Form values name units and people by name (the editor offers the known ones and accepts new ones);
`app.projects.edits` resolves names to rows when it stores them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from app.infra.errors import UserError
from app.projects.code import normalise_code
from app.values.amount_text import parse_amount
from app.values.date_text import parse_date
from app.values.names import clean_name, without_invisible
from db.enums import CalendarKind, ConstructionNature, ProjectLevel, Stage

Kind = Literal[
    "text", "long", "code", "amount", "date", "list", "unit", "units", "person", "choice"
]
FormValue = str | int | Decimal | dt.date | StrEnum | tuple[str, ...] | None
FormValues = dict[str, FormValue]


@dataclass(frozen=True)
class ProjectField:
    """One field of the project card: its key, label, group and kind."""

    key: str
    label: str
    group: str
    kind: Kind
    required: bool = False
    choices: type[StrEnum] | None = None


GROUPS = ("基本信息", "投资", "进度", "责任", "专项债", "备注")
FIELDS: tuple[ProjectField, ...] = (
    ProjectField("name", "项目名称", "基本信息", "text", required=True),
    ProjectField("code", "项目代码", "基本信息", "code"),
    ProjectField("list_id", "项目清单", "基本信息", "list", required=True),
    ProjectField("stage", "项目阶段", "基本信息", "choice", required=True, choices=Stage),
    ProjectField("level", "项目级别", "基本信息", "choice", choices=ProjectLevel),
    ProjectField("nature", "建设性质", "基本信息", "choice", choices=ConstructionNature),
    ProjectField("industry", "所属行业", "基本信息", "text"),
    ProjectField("location", "建设地点", "基本信息", "text"),
    ProjectField("park", "所属园区", "基本信息", "text"),
    ProjectField("content", "建设内容及规模", "基本信息", "long"),
    ProjectField("total_investment", "总投资（万元）", "投资", "amount"),
    ProjectField("annual_plan", "年度计划投资（万元）", "投资", "amount"),
    ProjectField("campaign_target", "攻坚目标投资（万元）", "投资", "amount"),
    ProjectField("planned_start", "计划开工", "进度", "date"),
    ProjectField("planned_finish", "计划竣工", "进度", "date"),
    ProjectField("actual_start", "实际开工", "进度", "date"),
    ProjectField("actual_finish", "实际竣工", "进度", "date"),
    ProjectField("calendar", "工期计算", "进度", "choice", required=True, choices=CalendarKind),
    ProjectField("latest_progress", "形象进度", "进度", "long"),
    ProjectField("lead_unit", "责任单位", "责任", "unit", required=True),
    ProjectField("cooperating_units", "配合单位", "责任", "units"),
    ProjectField("owner", "项目单位（业主）", "责任", "unit"),
    ProjectField("leader", "包联领导", "责任", "person"),
    ProjectField("chief_officer", "首席服务官", "责任", "person"),
    ProjectField("specialist", "服务专员", "责任", "person"),
    ProjectField("contact", "联络人及电话", "责任", "text"),
    ProjectField("bond_issued", "专项债发行（万元）", "专项债", "amount"),
    ProjectField("bond_spent", "专项债支出（万元）", "专项债", "amount"),
    ProjectField("remarks", "备注", "备注", "long"),
)
FIELD = {f.key: f for f in FIELDS}
TEXT_LIMITS = {"name": 200, "industry": 100, "location": 200, "park": 100, "contact": 200}


class FormErrors(UserError):
    """Per-field messages; `existing` names a project that already has the code or name."""

    def __init__(self, errors: dict[str, str], existing: int | None = None) -> None:
        first = next(iter(errors.items()))
        super().__init__(f"{FIELD[first[0]].label}：{first[1]}")
        self.errors = errors
        self.existing = existing


def parse_field(key: str, raw: object) -> FormValue:
    """One field's typed value from what the editor holds (text, id, enum or names)."""
    spec = FIELD[key]
    if spec.kind in ("list",):
        return raw if isinstance(raw, int) else None
    if spec.kind == "choice":
        assert spec.choices is not None
        if raw in (None, ""):
            return None
        try:
            return spec.choices(str(raw))
        except ValueError:
            raise UserError(f"「{raw}」不是可选的{spec.label}。") from None
    if spec.kind == "units":
        names = (
            raw
            if isinstance(raw, (list, tuple))
            else str(raw or "").replace("，", "、").split("、")
        )
        cleaned = (clean_name(str(n)) for n in names)
        return tuple(dict.fromkeys(n for n in cleaned if n))
    text = without_invisible(str(raw or "")).strip()
    if key == "name" or spec.kind in ("person", "unit"):
        text = clean_name(text) or ""  # the importer's spelling: the same name, the same row
    if spec.kind == "amount":
        return parse_amount(text, field=spec.label.split("（")[0])
    if spec.kind == "date":
        return parse_date(text, field=spec.label)
    if spec.kind == "code":
        return normalise_code(text)
    if "\x00" in text:
        raise UserError("含有不可见的控制字符，请重新输入。")
    limit = TEXT_LIMITS.get(key, 50 if spec.kind == "person" else 200 if spec.kind == "unit" else 0)
    if limit and len(text) > limit:
        raise UserError(f"过长（{len(text)} 字），最多 {limit} 字。")
    return text or None


def parse_form(raw: dict[str, object]) -> FormValues:
    """Every field parsed and checked on its own and against the others; FormErrors otherwise."""
    values: FormValues = {}
    errors: dict[str, str] = {}
    for spec in FIELDS:
        try:
            values[spec.key] = parse_field(spec.key, raw.get(spec.key))
        except UserError as exc:
            errors[spec.key] = exc.message
            continue
        if spec.required and values[spec.key] in (None, ""):
            errors[spec.key] = "必填。"
    errors.update(
        (key, message) for key, message in cross_checks(values).items() if key not in errors
    )
    if errors:
        raise FormErrors(errors)
    return values


def cross_checks(values: FormValues) -> dict[str, str]:
    """Rules between fields: plan not above total, finish not before start, bonds spent ≤ issued."""
    errors: dict[str, str] = {}
    total, plan = values.get("total_investment"), values.get("annual_plan")
    if isinstance(total, Decimal) and isinstance(plan, Decimal) and plan > total:
        errors["annual_plan"] = "年度计划投资不能大于总投资。"
    for start, finish, word in (
        ("planned_start", "planned_finish", "计划"),
        ("actual_start", "actual_finish", "实际"),
    ):
        begin, end = values.get(start), values.get(finish)
        if isinstance(begin, dt.date) and isinstance(end, dt.date) and end < begin:
            errors[finish] = f"{word}竣工不能早于{word}开工。"
    issued, spent = values.get("bond_issued"), values.get("bond_spent")
    if isinstance(issued, Decimal) and isinstance(spent, Decimal) and spent > issued:
        errors["bond_spent"] = "专项债支出不能大于发行额。"
    return errors
