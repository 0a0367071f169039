"""The fields a workbook column can hold, their header texts and synonyms, and header matching.

A header is matched exactly (after normalising width, spaces and a unit in brackets), then by
pattern ("2022年计划投资", "1-7月完成投资"), then by synonym, and only then fuzzily; the mapping is
always shown to the clerk to confirm or fix.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
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
]
How = Literal["exact", "pattern", "synonym", "fuzzy", "profile"]


@dataclass(frozen=True)
class ExchangeField:
    """A column's meaning: key, the header written on export, kind, and what else it is called."""

    key: str
    header: str
    kind: Kind
    synonyms: tuple[str, ...] = ()


PROJECT_FIELDS: tuple[ExchangeField, ...] = (
    ExchangeField("number", "序号", "number", ("编号", "序", "No")),
    ExchangeField("code", "项目代码", "code", ("项目编号", "统一项目代码", "项目统一代码", "代码")),
    ExchangeField("name", "项目名称", "text", ("项目", "名称", "项目名")),
    ExchangeField("list", "项目清单", "list", ("清单", "清单类别", "所属清单", "项目类别")),
    ExchangeField("stage", "项目阶段", "stage", ("建设阶段", "阶段")),
    ExchangeField("level", "项目级别", "level", ("级别", "重点级别")),
    ExchangeField("nature", "建设性质", "nature", ("性质",)),
    ExchangeField("industry", "所属行业", "text", ("行业", "行业类别")),
    ExchangeField("location", "建设地点", "text", ("地点", "项目地点")),
    ExchangeField("park", "所属园区", "text", ("园区", "所属区域", "区域", "开发区", "所在园区")),
    ExchangeField("content", "建设内容及规模", "long", ("建设内容", "建设规模", "主要建设内容")),
    ExchangeField(
        "owner", "项目单位", "unit", ("建设单位", "业主单位", "项目业主", "项目法人单位")
    ),
    ExchangeField("total_investment", "总投资", "amount", ("计划总投资", "项目总投资", "总投资额")),
    ExchangeField(
        "annual_plan", "年度计划投资", "amount", ("今年计划投资", "年计划投资", "本年计划投资")
    ),
    ExchangeField("campaign_target", "攻坚目标投资", "amount", ("攻坚期计划投资", "攻坚目标")),
    ExchangeField(
        "ytd_completed",
        "今年累计完成投资",
        "amount",
        ("累计完成投资", "本年累计完成投资", "本年完成投资", "今年完成投资", "年度累计完成投资"),
    ),
    ExchangeField("month_completed", "本月完成投资", "amount", ("当月完成投资", "本月完成")),
    ExchangeField(
        "planned_start",
        "计划开工时间",
        "date",
        ("开工时间", "开工日期", "计划开工", "计划开工日期"),
    ),
    ExchangeField(
        "planned_finish",
        "计划竣工时间",
        "date",
        ("竣工时间", "竣工日期", "计划竣工", "计划完工时间", "计划竣工日期", "完工时间"),
    ),
    ExchangeField("actual_start", "实际开工时间", "date", ("实际开工", "实际开工日期")),
    ExchangeField("actual_finish", "实际竣工时间", "date", ("实际竣工", "实际竣工日期")),
    ExchangeField(
        "progress", "形象进度", "long", ("本月进展", "项目进展", "进展情况", "工程进度", "目前进展")
    ),
    ExchangeField(
        "lead_unit", "责任单位", "unit", ("牵头单位", "牵头责任单位", "主责单位", "责任部门")
    ),
    ExchangeField("cooperating_units", "配合单位", "units", ("协办单位", "配合部门")),
    ExchangeField(
        "leader",
        "包联领导",
        "person",
        ("包保领导", "联系领导", "挂点领导", "分管领导", "包联区领导"),
    ),
    ExchangeField("chief_officer", "首席服务官", "person", ()),
    ExchangeField("specialist", "服务专员", "person", ("项目专员",)),
    ExchangeField("contact", "联络人及电话", "text", ("联系人", "联系电话", "联络人")),
    ExchangeField(
        "bond_issued", "专项债发行", "amount", ("专项债券额度", "发行专项债", "专项债额度")
    ),
    ExchangeField("bond_spent", "专项债支出", "amount", ("专项债使用", "专项债已支出")),
    ExchangeField("remarks", "备注", "long", ("说明",)),
)

PROBLEM_FIELDS: tuple[ExchangeField, ...] = (
    ExchangeField("number", "序号", "number", ("编号",)),
    ExchangeField("project_code", "项目代码", "code", ("项目编号",)),
    ExchangeField("project_name", "项目名称", "text", ("项目",)),
    ExchangeField("type", "问题类型", "problem_type", ("类型", "问题类别")),
    ExchangeField(
        "description", "问题表述", "long", ("问题描述", "存在问题", "问题", "问题内容", "具体问题")
    ),
    ExchangeField("raised_on", "提出时间", "date", ("提出日期", "反映时间", "发现时间")),
    ExchangeField("lead_unit", "责任单位", "unit", ("牵头单位", "牵头责任单位", "主责单位")),
    ExchangeField("cooperating_units", "配合单位", "units", ("协办单位",)),
    ExchangeField("measures", "解决措施", "long", ("推进措施", "工作措施")),
    ExchangeField("deadline", "解决时限", "date", ("完成时限", "办结时限", "时限")),
    ExchangeField("progress", "办理进度", "long", ("推进情况", "进展情况", "最新进展", "办理情况")),
    ExchangeField("state", "状态", "problem_state", ("办理状态", "问题状态")),
    ExchangeField("level", "协调层级", "coordination", ("协调级别", "层级")),
)

_UNIT = re.compile(r"[（(]\s*(万元|亿元|万|亿|元)\s*[)）]")
_ANNUAL = re.compile(r"^(\d{4})年(度)?(计划投资|计划完成投资|投资计划)$")
_YTD = re.compile(
    r"^(?:(\d{4})年)?1?(?:月)?[-－—~～至到]?(\d{1,2})月(?:份)?(?:累计)?完成(?:投资)?$"
)
_MONTH = re.compile(r"^(?:(\d{4})年)?(\d{1,2})月(?:份)?(?:当月)?完成(?:投资)?$")


def normalise_header(text: object) -> tuple[str, str | None]:
    """Header text without width, spaces or line breaks, and the unit it names, if any."""
    cleaned = "".join(unicodedata.normalize("NFKC", str(text or "")).split())
    unit = None
    match = _UNIT.search(cleaned)
    if match:
        unit = {"万": "万元", "亿": "亿元"}.get(match.group(1), match.group(1))
        cleaned = _UNIT.sub("", cleaned)
    return cleaned.strip("*＊"), unit


@dataclass(frozen=True)
class HeaderMatch:
    """What a header means: the field, how it was recognised, and a year or month it names."""

    key: str
    how: How
    year: int | None = None
    month: int | None = None


def match_header(
    text: str, fields: tuple[ExchangeField, ...], *, fuzzy: bool = True
) -> HeaderMatch | None:
    """The field a (normalised) header names, or None; `fuzzy=False` skips the slow guess."""
    if not text or len(text) > 30:
        return None
    keys = {f.key for f in fields}
    for field in fields:
        if text == field.header:
            return HeaderMatch(field.key, "exact")
    if "annual_plan" in keys and (m := _ANNUAL.match(text)):
        return HeaderMatch("annual_plan", "pattern", year=int(m.group(1)))
    if "ytd_completed" in keys and (m := _YTD.match(text)) and text.startswith(("1", "20")):
        year = int(m.group(1)) if m.group(1) else None
        return HeaderMatch("ytd_completed", "pattern", year=year, month=int(m.group(2)))
    if "month_completed" in keys and (m := _MONTH.match(text)):
        year = int(m.group(1)) if m.group(1) else None
        return HeaderMatch("month_completed", "pattern", year=year, month=int(m.group(2)))
    for field in fields:
        if text in field.synonyms:
            return HeaderMatch(field.key, "synonym")
    if not fuzzy:
        return None
    candidates = {name: f.key for f in fields for name in (f.header, *f.synonyms) if len(name) > 1}
    close = difflib.get_close_matches(text, list(candidates), n=1, cutoff=0.75)
    return HeaderMatch(candidates[close[0]], "fuzzy") if close else None


def field_of(key: str, fields: tuple[ExchangeField, ...] = PROJECT_FIELDS) -> ExchangeField:
    """The field with `key`."""
    return next(f for f in fields if f.key == key)
