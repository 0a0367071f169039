"""From a header's concepts to the field it fills — or to why it fills none, or to the question
the clerk must answer because the header could mean more than one field.

Two readers, one per kind of sheet: a project list (and progress tables) and a problem ledger.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.exchange.header_concepts import (
    ACTUAL,
    ADDED,
    AREA,
    BOND,
    BUILD,
    CAMPAIGN,
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
    FULL_YEAR,
    FUNDS,
    HANDLE,
    IN_PLACE,
    INDUSTRY,
    INVEST,
    INVESTOR,
    ISSUED,
    LAST_YEAR,
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
    PRIOR_YEARS,
    PROBLEM,
    PRODUCE,
    PROGRESS,
    PROJECT,
    QUOTA,
    RANK,
    RATE,
    REMARKS,
    RESPONSIBLE,
    SCALE,
    SERIAL,
    SERVICE,
    SIGNING,
    SINCE_START,
    SITUATION,
    SOURCE,
    SPAN,
    SPECIALIST,
    SPENT,
    STAGE,
    START,
    STATE,
    SUM,
    SUPERVISION,
    TARGET,
    TASK,
    TEN_DAYS,
    THIS_MONTH,
    THIS_PERIOD,
    THIS_YEAR,
    TIME,
    TOTAL,
    UNIT,
    Concepts,
)  # fmt: skip

# What a column that is not used looked like: the import warns when such a column is left out.
INVESTMENT, DATES = "investment", "dates"


@dataclass(frozen=True)
class Meaning:
    """What a header means to the importer.

    `key` is the field it fills (None: not used). A column not used has a `reason` (a concept we
    know but do not keep, or nothing known) or a `question` (it could be `choices`; the clerk
    decides). `strength` orders columns that claim the same field (2: specific, 1: generic).
    """

    key: str | None
    reason: str | None = None
    question: str | None = None
    choices: tuple[str, ...] = ()
    strength: int = 2
    looks_like: str | None = None  # INVESTMENT / DATES, for a column not used
    recognised: bool = True  # False only for a header that means nothing known

    @property
    def known(self) -> bool:
        """True when the header was understood (a field, a known concept, or a question)."""
        return self.recognised


def field_meaning(key: str, strength: int = 2) -> Meaning:
    """The header fills `key` (strength 2: a specific header, 1: a generic one)."""
    return Meaning(key, strength=strength)


def not_kept(reason: str, looks_like: str | None = None) -> Meaning:
    """A concept known, not kept by us: the column is listed with `reason`."""
    return Meaning(None, reason=reason, looks_like=looks_like)


def ask(question: str, choices: tuple[str, ...], looks_like: str | None = None) -> Meaning:
    """A header that could mean `choices`: the clerk is asked `question`."""
    return Meaning(None, question=question, choices=choices, looks_like=looks_like)


UNKNOWN = Meaning(None, reason="表头不是已知的内容", recognised=False)
DERIVED_RATE = Meaning(None, reason="比例、完成率由程序按计划和完成计算，不导入")
DERIVED_RANK = Meaning(None, reason="排名由程序计算，不导入")
COUNTS = Meaning(None, reason="个数、件数是汇总表的统计数，不是项目的内容")
SUPERVISED = Meaning(None, reason="督办台账的内容：本程序不从表格导入督办记录")


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


def _money(c: Concepts, unit: str | None) -> Meaning | None:
    """Amount columns: total, annual plan, completed this year or this month, bonds."""
    money = c.any(INVEST, FUNDS, MONEY, BOND, IN_PLACE) or unit in ("万元", "亿元", "元")
    texts = c.any(SITUATION, HANDLE, EFFECT, NAME, PROJECT, CONTENT, PROGRESS, TASK)
    # 完成, 累计 alone name an amount; 计划, 目标 alone name a text (工作计划, 目标任务).
    if not money and (not c.any(DONE, CUMULATIVE, ADDED, TOTAL) or texts):
        return None
    if c.any(START, FINISH, TIME, DEADLINE, SPAN) and not c.any(INVEST, FUNDS, MONEY):
        return None
    p = c.period
    if c.has(BOND):
        if c.any(ISSUED, QUOTA):
            return field_meaning("bond_issued")
        if c.any(SPENT, DONE, CUMULATIVE):
            return field_meaning("bond_spent")
        return ask("专项债的哪一项：发行额还是支出？", ("bond_issued", "bond_spent"), INVESTMENT)
    if c.has(IN_PLACE):
        return not_kept("到位资金：本程序不记录资金到位情况", INVESTMENT)
    if c.has(PRIOR_YEARS) or (c.has(LAST_YEAR) and not c.has(PLAN)):
        return not_kept("往年（上年底前）完成投资：本程序只记录当年各月的完成投资", INVESTMENT)
    if c.has(SINCE_START):
        return not_kept("开工以来累计完成投资：本程序只记录当年各月的完成投资", INVESTMENT)
    if c.has(TOTAL):
        return field_meaning("total_investment")
    if c.has(CAMPAIGN):
        if c.any(DONE, CUMULATIVE, ADDED) and not c.any(PLAN, TARGET):
            return not_kept("攻坚期完成投资：由月度完成投资计算", INVESTMENT)
        return field_meaning("campaign_target")
    if c.has(TARGET) and not c.has(PLAN):
        return ask("“力争完成”的投资按年度计划投资导入吗？", ("annual_plan",), INVESTMENT)
    if c.any(PLAN, EXPECT) and not c.any(CUMULATIVE, ADDED, ACTUAL):
        if c.has(THIS_MONTH) or p.single_month():
            return not_kept("月度计划投资：本程序不记录每月的计划", INVESTMENT)
        if p.first_month is not None and p.first_month > 1:
            return field_meaning("campaign_target")  # 8月至12月计划: the campaign's months
        if p.last_month is not None and p.last_month < 12:
            return not_kept("序时计划投资（到某月的计划）：本程序不记录", INVESTMENT)
        if p.years is not None:
            return not_kept("多年的计划投资：本程序记录当年计划投资", INVESTMENT)
        return field_meaning("annual_plan")
    if c.any(DONE, CUMULATIVE, ADDED, ACTUAL):
        if c.has(THIS_PERIOD):
            return ask(
                "“本期”是指本月吗？是则导入为本月完成投资。", ("month_completed",), INVESTMENT
            )
        if c.has(FULL_YEAR) and not p.known():
            return ask(
                "“全年完成投资”是全年预计，还是截至本月的今年累计完成？",
                ("ytd_completed", "annual_plan"),
                INVESTMENT,
            )
        if p.years is not None:
            return not_kept("多年的完成投资：本程序只记录当年各月的完成投资", INVESTMENT)
        monthly = c.has(THIS_MONTH) or p.single_month()
        if monthly and not c.has(CUMULATIVE):
            if p.first_month is not None and p.first_month != p.last_month:
                return not_kept("某几个月（不从1月起）的完成投资：本程序不记录", INVESTMENT)
            return field_meaning("month_completed")
        if p.first_month is not None and p.first_month > 1 and p.first_month != p.last_month:
            return not_kept("某几个月（不从1月起）的完成投资：本程序不记录", INVESTMENT)
        return field_meaning("ytd_completed", strength=2 if p.known() or c.has(THIS_YEAR) else 1)
    if c.has(THIS_YEAR) or p.year is not None:
        return ask(
            "这一列是年度计划投资，还是今年完成投资？",
            ("annual_plan", "ytd_completed"),
            INVESTMENT,
        )
    return ask(
        "这一列是哪一项投资：总投资、年度计划投资，还是完成投资？",
        ("total_investment", "annual_plan", "ytd_completed"),
        INVESTMENT,
    )


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
    found = figures(c, unit) or _other_matters(c) or _money(c, unit)
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
