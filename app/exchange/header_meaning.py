"""From a header's concepts to the field it fills — or to why it fills none, or to the question
the clerk must answer because the header could mean more than one field.

Two readers, one per kind of sheet: a project list (and progress tables) and a problem ledger
(`ledger_headers`); amounts of a project list are read by `money_headers`, and a meaning is a
`meaning.Meaning`.
"""

from __future__ import annotations

from app.exchange.header_concepts import (
    ACTUAL,
    AREA,
    BUILD,
    CATEGORY,
    CHIEF,
    CODE,
    CONTACT,
    CONTENT,
    COOPERATE,
    COORDINATE,
    COUNT,
    COUNTRY,
    CUMULATIVE,
    CURRENT,
    DEADLINE,
    DONE,
    EFFECT,
    EXPECT,
    FINISH,
    FIRST_PERSON,
    FIVE_YEAR,
    FUNDS,
    HANDLE,
    INDUSTRY,
    INVEST,
    INVESTOR,
    LEAD,
    LEADER,
    LEVEL,
    LIST,
    MANAGEMENT,
    MEASURE,
    MONEY,
    NAME,
    NATURE,
    NUMBER,
    OWNER,
    PACK,
    PERSON,
    PLACE,
    PLAN,
    PROBLEM,
    PRODUCE,
    PROGRESS,
    PROJECT,
    RANK,
    RATE,
    REMARKS,
    RESPONSIBLE,
    SCALE,
    SERIAL,
    SERVICE,
    SIGNING,
    SITUATION,
    SOURCE,
    SPAN,
    SPECIALIST,
    STAGE,
    START,
    STATE,
    SUM,
    SUPERVISION,
    TARGET,
    TASK,
    TEN_DAYS,
    THIS_MONTH,
    THIS_YEAR,
    TIME,
    UNIT,
    Concepts,
)  # fmt: skip
from app.exchange.meaning import (
    COUNTS,
    DATES,
    DERIVED_RANK,
    DERIVED_RATE,
    INVESTMENT,
    SUPERVISED,
    UNKNOWN,
    Meaning,
    ask,
    field_meaning,
    not_kept,
)
from app.exchange.money_headers import money_meaning


def figures(c: Concepts, unit: str | None) -> Meaning | None:
    """Rates, ranks, counts and totals: figures about a table, never a project's own field."""
    if c.has(RANK):
        return DERIVED_RANK
    if c.has(RATE) or unit == "%":
        return DERIVED_RATE
    if (c.has(COUNT) or unit in ("个", "件", "项")) and not c.any(NAME, CODE):
        return COUNTS
    if c.has(SUM) and len(c.tags) == 1:
        return Meaning(None, reason="合计列，不导入")
    return None


def _other_matters(c: Concepts) -> Meaning | None:
    """Concepts of tables that are not ours to keep: investors, sources, signings, plan periods."""
    if c.has(INVESTOR):
        return not_kept("投资主体（国有、民营……）：本程序不记录")
    if c.has(SOURCE):
        return not_kept("资金来源：本程序不记录")
    if c.has(SIGNING):
        return not_kept("招商签约的内容（中方、外方、外资、签约种类）：本程序不记录")
    if c.has(COUNTRY):
        return not_kept("国别地区：本程序不记录")
    if c.has(MANAGEMENT):
        return not_kept("分级管理类别：本程序不记录")
    if c.has(FIVE_YEAR):
        looks = INVESTMENT if c.any(INVEST, FUNDS, MONEY) else None
        return not_kept("五年规划期（十二五……）的内容：本程序按年度记录", looks)
    if c.has(TEN_DAYS):
        if c.any(CUMULATIVE) or "至" in c.rest:
            return field_meaning("month_completed")  # 至X旬完成: the month so far
        return not_kept("旬完成投资：本程序按月记录", INVESTMENT)
    return None


def _dates(c: Concepts) -> Meaning | None:
    """Date columns of a project: planned and actual start and finish."""
    if c.any(SPAN) or c.has(START, FINISH):
        return not_kept("开工、竣工写在同一列（起止时间）：请分成两列，或用更正指定", DATES)
    planned = c.any(PLAN, EXPECT, TARGET)
    # 实际开工, 今年开工时间, 项目进展情况/动工时间: a date that has happened.
    actual = c.any(ACTUAL, DONE) or (not planned and c.any(THIS_YEAR, PROGRESS, SITUATION))
    if c.has(START):
        return field_meaning("actual_start" if actual else "planned_start")
    if c.has(FINISH):
        return field_meaning("actual_finish" if actual else "planned_finish")
    if c.has(PRODUCE) and c.any(TIME, PLAN, EXPECT):
        if actual:
            return field_meaning("actual_finish")
        return ask("投产时间按计划竣工时间导入吗？", ("planned_finish",), DATES)
    if c.any(DEADLINE) or (c.has(TIME) and c.any(DONE, PLAN)):
        return ask("完成时限按计划竣工时间导入吗？", ("planned_finish",), DATES)
    if c.has(TIME):
        if c.rest or len(c.tags - {PROJECT, BUILD, PROGRESS, SITUATION}) > 1:
            return not_kept("不知道是什么时间", DATES)
        return ask(
            "这是哪个时间：计划开工还是计划竣工？", ("planned_start", "planned_finish"), DATES
        )
    return None


def _roles(c: Concepts) -> Meaning | None:
    """Units and people: responsible unit, owner, cooperating units, leader, service staff."""
    if c.has(LEADER):
        return field_meaning("leader")
    if c.has(CHIEF):
        return field_meaning("chief_officer")
    if c.has(SPECIALIST):
        return field_meaning("specialist")
    if c.has(OWNER):
        return field_meaning("owner")
    if c.has(UNIT) and c.has(COOPERATE):
        return field_meaning("cooperating_units")
    if c.has(UNIT) and c.any(RESPONSIBLE, LEAD, COORDINATE, HANDLE, PACK):
        return field_meaning("lead_unit")
    if c.has(UNIT) and c.has(SERVICE):
        return ask("服务单位按责任单位导入吗？", ("lead_unit", "cooperating_units"))
    if c.has(UNIT) and c.has(AREA):
        return ask("这一列是责任单位还是所属区域？", ("lead_unit", "park"))
    if c.any(PERSON, FIRST_PERSON):
        return ask(
            "“责任人”是包联领导、首席服务官还是联络人？", ("leader", "chief_officer", "contact")
        )
    if c.has(CONTACT):
        return field_meaning("contact")
    if c.has(UNIT) and not c.any(CONTENT, PROGRESS, MONEY, INVEST):
        return ask("这一列是责任单位还是项目单位（业主）？", ("lead_unit", "owner"))
    return None


def person_under_unit(child: Concepts, parent: Concepts) -> Meaning | None:
    """A person or contact column under a unit's heading (项目业主单位 / 负责人, 挂钩责任单位 /
    责任人, 联络人): whose person it is decides the field, and only some are ours."""
    if not child.any(PERSON, FIRST_PERSON, CONTACT) or child.has(LEADER):
        return None
    if parent.has(OWNER):
        if child.has(CONTACT):
            return field_meaning("contact")
        return ask("业主单位的负责人：记作联络人吗？", ("contact",))
    if parent.has(UNIT) and parent.any(RESPONSIBLE, LEAD, COORDINATE, HANDLE, PACK):
        if child.has(CONTACT):
            return ask("责任单位的联络人：记作项目的联络人吗？", ("contact",))
        return ask("责任单位的责任人：记作首席服务官吗？", ("chief_officer", "contact"))
    return None


def project_meaning(c: Concepts, unit: str | None) -> Meaning:
    """What a header of a project list (or progress table) means."""
    if not c.tags:
        return UNKNOWN
    if c.has(NUMBER) and len(c.tags) == 1:
        return field_meaning("number")
    if c.has(SUPERVISION):
        return SUPERVISED
    if c.has(CODE) or (c.has(SERIAL) and c.has(PROJECT)):
        return field_meaning("code")
    if c.has(SERIAL):
        return field_meaning("number", strength=1)
    found = figures(c, unit) or _other_matters(c) or money_meaning(c, unit)
    found = found or _roles(c) or _dates(c) or _texts(c)
    if found is not None:
        return found
    if c.any(INVEST, FUNDS, MONEY):
        return ask("这一列看起来是金额，但不知道是哪一项", ("total_investment",), INVESTMENT)
    return UNKNOWN


def _texts(c: Concepts) -> Meaning | None:
    """Names, descriptions, progress and the closed vocabularies of a project."""
    if c.has(PROBLEM) and c.any(CATEGORY, TIME, STATE, MEASURE, DEADLINE):
        return not_kept("问题的分类、时间、措施等属于问题台账，项目表中不导入")
    if c.has(PROBLEM):
        return field_meaning("problem_text")
    if (c.any(PLAN, TASK) and c.any(PROGRESS, THIS_MONTH, SITUATION)) or (
        c.has(PLAN) and c.tags <= {PLAN, THIS_YEAR, THIS_MONTH, BUILD}
    ):
        return not_kept("计划进度（文字）：本程序按节点管理计划，不导入")
    if c.has(TASK) or (c.has(PLAN) and c.has(PROJECT) and not c.has(NAME)):
        return not_kept("目标任务（文字）：本程序不导入")
    if c.has(EFFECT):
        return not_kept("完成成效（文字）：本程序不导入")
    if c.any(PROGRESS, HANDLE) or c.has(DONE, SITUATION) or c.has(SITUATION, CURRENT):
        return field_meaning("progress")
    if c.has(SITUATION) and c.any(ACTUAL, DONE):
        return field_meaning("progress")
    if c.has(LEVEL) and not c.has(NAME):
        return field_meaning("level")
    if c.has(NAME) or (c.has(PROJECT) and c.tags <= {PROJECT, BUILD, CURRENT}):
        return field_meaning("name", strength=2 if c.has(NAME) else 1)
    if c.has(PROJECT) and c.has(CONTENT) and not c.any(BUILD, SCALE):
        return field_meaning(
            "name", strength=1
        )  # 项目内容 in 民生实事 tables; content beside a name
    if c.has(CONTENT):
        return field_meaning("content")
    if c.has(STAGE):
        return field_meaning("stage")
    if c.has(LEVEL):
        return field_meaning("level")
    if c.has(NATURE):
        return field_meaning("nature")
    if c.has(PLACE):
        return field_meaning("location")
    if c.has(AREA):
        return field_meaning("park")
    if c.has(INDUSTRY):
        return field_meaning("industry")
    if c.has(LIST) or (c.has(CATEGORY) and c.tags <= {CATEGORY, PROJECT, BUILD}):
        return field_meaning("list", strength=2 if c.has(LIST) else 1)
    if c.has(REMARKS):
        return field_meaning("remarks")
    return None
