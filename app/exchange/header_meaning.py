"""From a header's concepts to the field it fills — or to why it fills none, or to the question
the clerk must answer because the header could mean more than one field.

Two readers, one per kind of sheet: a project list (and progress tables) and a problem ledger.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.exchange.header_concepts import (
    ACCEPT,
    ACTUAL,
    ADDED,
    AREA,
    BOND,
    BUILD,
    CAMPAIGN,
    CATEGORY,
    CHIEF,
    CLOSE,
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
    DESCRIPTION,
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
    NEXT,
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
    RAISED,
    RANK,
    RATE,
    REASON,
    REMARKS,
    RESPONSIBLE,
    SCALE,
    SERIAL,
    SERVICE,
    SIGNING,
    SINCE_START,
    SITUATION,
    SOLVE,
    SOURCE,
    SPAN,
    SPECIALIST,
    SPENT,
    STAGE,
    STANDARD,
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
    WHETHER,
    Concepts,
    combine,
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


def _field(key: str, strength: int = 2) -> Meaning:
    return Meaning(key, strength=strength)


def _not_kept(reason: str, looks_like: str | None = None) -> Meaning:
    return Meaning(None, reason=reason, looks_like=looks_like)


def _ask(question: str, choices: tuple[str, ...], looks_like: str | None = None) -> Meaning:
    return Meaning(None, question=question, choices=choices, looks_like=looks_like)


UNKNOWN = Meaning(None, reason="表头不是已知的内容", recognised=False)
DERIVED_RATE = Meaning(None, reason="比例、完成率由程序按计划和完成计算，不导入")
DERIVED_RANK = Meaning(None, reason="排名由程序计算，不导入")
COUNTS = Meaning(None, reason="个数、件数是汇总表的统计数，不是项目的内容")
SUPERVISED = Meaning(None, reason="督办台账的内容：本程序不从表格导入督办记录")


def _figures(c: Concepts, unit: str | None) -> Meaning | None:
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
        return _not_kept("投资主体（国有、民营……）：本程序不记录")
    if c.has(SOURCE):
        return _not_kept("资金来源：本程序不记录")
    if c.has(SIGNING):
        return _not_kept("招商签约的内容（中方、外方、外资、签约种类）：本程序不记录")
    if c.has(COUNTRY):
        return _not_kept("国别地区：本程序不记录")
    if c.has(MANAGEMENT):
        return _not_kept("分级管理类别：本程序不记录")
    if c.has(FIVE_YEAR):
        looks = INVESTMENT if c.any(INVEST, FUNDS, MONEY) else None
        return _not_kept("五年规划期（十二五……）的内容：本程序按年度记录", looks)
    if c.has(TEN_DAYS):
        if c.any(CUMULATIVE) or "至" in c.rest:
            return _field("month_completed")  # 至X旬完成: the month so far
        return _not_kept("旬完成投资：本程序按月记录", INVESTMENT)
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
            return _field("bond_issued")
        if c.any(SPENT, DONE, CUMULATIVE):
            return _field("bond_spent")
        return _ask("专项债的哪一项：发行额还是支出？", ("bond_issued", "bond_spent"), INVESTMENT)
    if c.has(IN_PLACE):
        return _not_kept("到位资金：本程序不记录资金到位情况", INVESTMENT)
    if c.has(PRIOR_YEARS) or (c.has(LAST_YEAR) and not c.has(PLAN)):
        return _not_kept("往年（上年底前）完成投资：本程序只记录当年各月的完成投资", INVESTMENT)
    if c.has(SINCE_START):
        return _not_kept("开工以来累计完成投资：本程序只记录当年各月的完成投资", INVESTMENT)
    if c.has(TOTAL):
        return _field("total_investment")
    if c.has(CAMPAIGN):
        if c.any(DONE, CUMULATIVE, ADDED) and not c.any(PLAN, TARGET):
            return _not_kept("攻坚期完成投资：由月度完成投资计算", INVESTMENT)
        return _field("campaign_target")
    if c.has(TARGET) and not c.has(PLAN):
        return _ask("“力争完成”的投资按年度计划投资导入吗？", ("annual_plan",), INVESTMENT)
    if c.any(PLAN, EXPECT) and not c.any(CUMULATIVE, ADDED, ACTUAL):
        if c.has(THIS_MONTH) or p.single_month():
            return _not_kept("月度计划投资：本程序不记录每月的计划", INVESTMENT)
        if p.first_month is not None and p.first_month > 1:
            return _field("campaign_target")  # 8月至12月计划: the campaign's months
        if p.last_month is not None and p.last_month < 12:
            return _not_kept("序时计划投资（到某月的计划）：本程序不记录", INVESTMENT)
        if p.years is not None:
            return _not_kept("多年的计划投资：本程序记录当年计划投资", INVESTMENT)
        return _field("annual_plan")
    if c.any(DONE, CUMULATIVE, ADDED, ACTUAL):
        if c.has(THIS_PERIOD):
            return _ask(
                "“本期”是指本月吗？是则导入为本月完成投资。", ("month_completed",), INVESTMENT
            )
        if c.has(FULL_YEAR) and not p.known():
            return _ask(
                "“全年完成投资”是全年预计，还是截至本月的今年累计完成？",
                ("ytd_completed", "annual_plan"),
                INVESTMENT,
            )
        if p.years is not None:
            return _not_kept("多年的完成投资：本程序只记录当年各月的完成投资", INVESTMENT)
        monthly = c.has(THIS_MONTH) or p.single_month()
        if monthly and not c.has(CUMULATIVE):
            if p.first_month is not None and p.first_month != p.last_month:
                return _not_kept("某几个月（不从1月起）的完成投资：本程序不记录", INVESTMENT)
            return _field("month_completed")
        if p.first_month is not None and p.first_month > 1 and p.first_month != p.last_month:
            return _not_kept("某几个月（不从1月起）的完成投资：本程序不记录", INVESTMENT)
        return _field("ytd_completed", strength=2 if p.known() or c.has(THIS_YEAR) else 1)
    if c.has(THIS_YEAR) or p.year is not None:
        return _ask(
            "这一列是年度计划投资，还是今年完成投资？",
            ("annual_plan", "ytd_completed"),
            INVESTMENT,
        )
    return _ask(
        "这一列是哪一项投资：总投资、年度计划投资，还是完成投资？",
        ("total_investment", "annual_plan", "ytd_completed"),
        INVESTMENT,
    )


def _dates(c: Concepts) -> Meaning | None:
    """Date columns of a project: planned and actual start and finish."""
    if c.any(SPAN) or c.has(START, FINISH):
        return _not_kept("开工、竣工写在同一列（起止时间）：请分成两列，或用更正指定", DATES)
    planned = c.any(PLAN, EXPECT, TARGET)
    # 实际开工, 今年开工时间, 项目进展情况/动工时间: a date that has happened.
    actual = c.any(ACTUAL, DONE) or (not planned and c.any(THIS_YEAR, PROGRESS, SITUATION))
    if c.has(START):
        return _field("actual_start" if actual else "planned_start")
    if c.has(FINISH):
        return _field("actual_finish" if actual else "planned_finish")
    if c.has(PRODUCE) and c.any(TIME, PLAN, EXPECT):
        if actual:
            return _field("actual_finish")
        return _ask("投产时间按计划竣工时间导入吗？", ("planned_finish",), DATES)
    if c.any(DEADLINE) or (c.has(TIME) and c.any(DONE, PLAN)):
        return _ask("完成时限按计划竣工时间导入吗？", ("planned_finish",), DATES)
    if c.has(TIME):
        if c.rest or len(c.tags - {PROJECT, BUILD, PROGRESS, SITUATION}) > 1:
            return _not_kept("不知道是什么时间", DATES)
        return _ask(
            "这是哪个时间：计划开工还是计划竣工？", ("planned_start", "planned_finish"), DATES
        )
    return None


def _roles(c: Concepts) -> Meaning | None:
    """Units and people: responsible unit, owner, cooperating units, leader, service staff."""
    if c.has(LEADER):
        return _field("leader")
    if c.has(CHIEF):
        return _field("chief_officer")
    if c.has(SPECIALIST):
        return _field("specialist")
    if c.has(OWNER):
        return _field("owner")
    if c.has(UNIT) and c.has(COOPERATE):
        return _field("cooperating_units")
    if c.has(UNIT) and c.any(RESPONSIBLE, LEAD, COORDINATE, HANDLE, PACK):
        return _field("lead_unit")
    if c.has(UNIT) and c.has(SERVICE):
        return _ask("服务单位按责任单位导入吗？", ("lead_unit", "cooperating_units"))
    if c.has(UNIT) and c.has(AREA):
        return _ask("这一列是责任单位还是所属区域？", ("lead_unit", "park"))
    if c.any(PERSON, FIRST_PERSON):
        return _ask(
            "“责任人”是包联领导、首席服务官还是联络人？", ("leader", "chief_officer", "contact")
        )
    if c.has(CONTACT):
        return _field("contact")
    if c.has(UNIT) and not c.any(CONTENT, PROGRESS, MONEY, INVEST):
        return _ask("这一列是责任单位还是项目单位（业主）？", ("lead_unit", "owner"))
    return None


def person_under_unit(child: Concepts, parent: Concepts) -> Meaning | None:
    """A person or contact column under a unit's heading (项目业主单位 / 负责人, 挂钩责任单位 /
    责任人, 联络人): whose person it is decides the field, and only some are ours."""
    if not child.any(PERSON, FIRST_PERSON, CONTACT) or child.has(LEADER):
        return None
    if parent.has(OWNER):
        if child.has(CONTACT):
            return _field("contact")
        return _ask("业主单位的负责人：记作联络人吗？", ("contact",))
    if parent.has(UNIT) and parent.any(RESPONSIBLE, LEAD, COORDINATE, HANDLE, PACK):
        if child.has(CONTACT):
            return _ask("责任单位的联络人：记作项目的联络人吗？", ("contact",))
        return _ask("责任单位的责任人：记作首席服务官吗？", ("chief_officer", "contact"))
    return None


def project_meaning(c: Concepts, unit: str | None) -> Meaning:
    """What a header of a project list (or progress table) means."""
    if not c.tags:
        return UNKNOWN
    if c.has(NUMBER) and len(c.tags) == 1:
        return _field("number")
    if c.has(SUPERVISION):
        return SUPERVISED
    if c.has(CODE) or (c.has(SERIAL) and c.has(PROJECT)):
        return _field("code")
    if c.has(SERIAL):
        return _field("number", strength=1)
    found = _figures(c, unit) or _other_matters(c) or _money(c, unit)
    found = found or _roles(c) or _dates(c) or _texts(c)
    if found is not None:
        return found
    if c.any(INVEST, FUNDS, MONEY):
        return _ask("这一列看起来是金额，但不知道是哪一项", ("total_investment",), INVESTMENT)
    return UNKNOWN


def _texts(c: Concepts) -> Meaning | None:
    """Names, descriptions, progress and the closed vocabularies of a project."""
    if c.has(PROBLEM) and c.any(CATEGORY, TIME, STATE, MEASURE, DEADLINE):
        return _not_kept("问题的分类、时间、措施等属于问题台账，项目表中不导入")
    if c.has(PROBLEM):
        return _field("problem_text")
    if (c.any(PLAN, TASK) and c.any(PROGRESS, THIS_MONTH, SITUATION)) or (
        c.has(PLAN) and c.tags <= {PLAN, THIS_YEAR, THIS_MONTH, BUILD}
    ):
        return _not_kept("计划进度（文字）：本程序按节点管理计划，不导入")
    if c.has(TASK) or (c.has(PLAN) and c.has(PROJECT) and not c.has(NAME)):
        return _not_kept("目标任务（文字）：本程序不导入")
    if c.has(EFFECT):
        return _not_kept("完成成效（文字）：本程序不导入")
    if c.any(PROGRESS, HANDLE) or c.has(DONE, SITUATION) or c.has(SITUATION, CURRENT):
        return _field("progress")
    if c.has(SITUATION) and c.any(ACTUAL, DONE):
        return _field("progress")
    if c.has(LEVEL) and not c.has(NAME):
        return _field("level")
    if c.has(NAME) or (c.has(PROJECT) and c.tags <= {PROJECT, BUILD, CURRENT}):
        return _field("name", strength=2 if c.has(NAME) else 1)
    if c.has(PROJECT) and c.has(CONTENT) and not c.any(BUILD, SCALE):
        return _field("name", strength=1)  # 项目内容 in 民生实事 tables; content beside a name
    if c.has(CONTENT):
        return _field("content")
    if c.has(STAGE):
        return _field("stage")
    if c.has(LEVEL):
        return _field("level")
    if c.has(NATURE):
        return _field("nature")
    if c.has(PLACE):
        return _field("location")
    if c.has(AREA):
        return _field("park")
    if c.has(INDUSTRY):
        return _field("industry")
    if c.has(LIST) or (c.has(CATEGORY) and c.tags <= {CATEGORY, PROJECT, BUILD}):
        return _field("list", strength=2 if c.has(LIST) else 1)
    if c.has(REMARKS):
        return _field("remarks")
    return None


# ----- problem ledgers --------------------------------------------------------------------------
def problem_meaning(c: Concepts, unit: str | None) -> Meaning:
    """What a header of a problem ledger means."""
    if not c.tags:
        return UNKNOWN
    if c.has(NUMBER) and len(c.tags) == 1:
        return _field("number")
    if c.has(SERIAL) and not c.has(PROJECT):
        return _field("number", strength=1)
    if c.has(CODE) or (c.has(SERIAL) and c.has(PROJECT)):
        return _field("project_code")
    figures = _figures(c, unit)
    if figures is not None:
        return figures
    if c.any(INVEST, FUNDS, MONEY, BOND, TOTAL) or unit in ("万元", "亿元", "元"):
        return _not_kept("问题台账不导入金额")
    if c.any(START, FINISH, PRODUCE, SPAN) and not c.has(DEADLINE):
        return _not_kept("问题台账不导入项目的开工、竣工时间")
    if c.has(CONTENT) and not c.any(PROBLEM, DESCRIPTION):
        return _not_kept("问题台账不导入项目的建设内容")
    if (c.has(WHETHER) and c.has(CLOSE)) or c.has(CLOSE, SITUATION):
        return _field("closed_flag")
    if c.has(WHETHER) and c.any(DONE, SOLVE):
        return _field("done_flag")
    if c.any(CLOSE, ACCEPT, SOLVE) and c.has(TIME) and not c.any(PLAN, DEADLINE):
        return _field("closed_on")
    if (c.has(ACCEPT) and c.any(PERSON, FIRST_PERSON)) or c.has(CLOSE, PERSON):
        return _field("confirmed_by")
    if c.has(RAISED) or (c.has(PROBLEM) and c.has(TIME)):
        return _field("raised_on")
    if c.any(DEADLINE) or (c.has(TIME) and c.any(DONE, PLAN, CLOSE, SOLVE)):
        return _field("deadline")
    if c.has(FIRST_PERSON) or c.has(PERSON):
        return _field("first_responsible")
    if c.has(LEADER):
        return _not_kept("问题台账不记录领导（包联领导在项目卡片上）")
    if c.has(UNIT) and c.has(COOPERATE):
        return _field("cooperating_units")
    if c.has(UNIT) and not c.has(PROJECT) and not c.has(OWNER):
        return _field("lead_unit", strength=2 if c.any(RESPONSIBLE, LEAD, HANDLE) else 1)
    if c.has(CATEGORY):
        return _field("type")
    if c.has(STANDARD):
        return _field("completion_standard")
    if c.any(REASON, NEXT):
        return _field("next_steps")
    if c.has(MEASURE):
        return _field("measures", strength=1 if c.any(ACTUAL, DONE, HANDLE) else 2)
    if c.has(STATE):
        return _field("state")
    if c.has(LEVEL) or (c.has(COORDINATE) and c.tags <= {COORDINATE, LEVEL}):
        return _field("level")
    if c.any(PROBLEM, DESCRIPTION, TASK):
        return _field("description", strength=2 if c.any(PROBLEM, DESCRIPTION) else 1)
    if c.any(PROGRESS, HANDLE) or c.has(SITUATION) or c.has(DONE):
        return _field("progress")
    if c.has(REMARKS):
        return _field("remarks")
    if c.has(NAME) or c.has(PROJECT):
        return _field("project_name", strength=2 if c.has(NAME) else 1)
    if c.has(OWNER):
        return _not_kept("问题台账不记录项目单位")
    return UNKNOWN


_DATE_KEYS = frozenset({"planned_start", "planned_finish", "actual_start", "actual_finish"})


def column_meaning(
    child: Concepts,
    parents: list[Concepts],
    units: tuple[str | None, str | None],
    problems: bool,
) -> tuple[Meaning, Concepts]:
    """A column under merged parents (nearest last): the child says what it is; the parents say
    what it is of (2022年工作计划 / 投资 is the annual plan) unless the child is specific.
    `units`: the child's own unit, and the unit it stands under (its own, else a parent's)."""
    reader = problem_meaning if problems else project_meaning
    own_unit, unit = units
    own = reader(child, own_unit)
    if not parents:
        return own, child
    parent = parents[-1]
    for above in reversed(parents[:-1]):
        parent = combine(parent, above)
    together_concepts = combine(child, parent)
    together = reader(together_concepts, unit)
    if not problems:
        person = person_under_unit(child, parent)
        if person is not None:
            return person, together_concepts
        if child.tags == {CUMULATIVE} and parent.period.single_month():
            return _field("month_completed"), together_concepts  # 8月 / 上旬 中旬 下旬 累计
    if own.key is not None and own.strength >= 2:
        if own.key in _DATE_KEYS and together.key in _DATE_KEYS:
            return together, together_concepts  # 项目进展情况 / 动工时间 is a date that happened
        if own.key == "progress" and together.key is None and PLAN in parent.tags:
            return together, together_concepts  # 2022年工作计划 / 形象进度 is the plan
        return own, together_concepts
    if not own.recognised and not child.tags and len(child.rest) >= 2:
        return own, together_concepts  # a parent does not explain a child nobody knows
    return (together if together.known or not own.known else own), together_concepts
