"""Amount headers of a project list: total, annual plan, completed this year or this month, bonds.

Also the amounts we know but do not keep (funds in place, earlier years, plans by month), and
the questions when a header could be more than one amount.
"""

from __future__ import annotations

from app.exchange.header_concepts import (
    ACTUAL,
    ADDED,
    BOND,
    CAMPAIGN,
    CONTENT,
    CUMULATIVE,
    DEADLINE,
    DONE,
    EFFECT,
    EXPECT,
    FINISH,
    FULL_YEAR,
    FUNDS,
    HANDLE,
    IN_PLACE,
    INVEST,
    ISSUED,
    LAST_YEAR,
    MONEY,
    NAME,
    PLAN,
    PROGRESS,
    PROJECT,
    QUOTA,
    SITUATION,
    SPAN,
    SPENT,
    START,
    TARGET,
    TASK,
    THIS_MONTH,
    THIS_PERIOD,
    THIS_YEAR,
    TIME,
    TOTAL,
    Concepts,
)  # fmt: skip
from app.exchange.header_period import PRIOR_YEARS, SINCE_START, Period
from app.exchange.meaning import INVESTMENT, Meaning, ask, field_meaning, not_kept


def money_meaning(c: Concepts, unit: str | None) -> Meaning | None:
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
        return _planned(c, p)
    if c.any(DONE, CUMULATIVE, ADDED, ACTUAL):
        return _completed(c, p)
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


def _planned(c: Concepts, p: Period) -> Meaning:
    """A planned amount: the year's plan, the campaign's months, or a plan we do not keep."""
    if c.has(THIS_MONTH) or p.single_month():
        return not_kept("月度计划投资：本程序不记录每月的计划", INVESTMENT)
    if p.first_month is not None and p.first_month > 1:
        return field_meaning("campaign_target")  # 8月至12月计划: the campaign's months
    if p.last_month is not None and p.last_month < 12:
        return not_kept("序时计划投资（到某月的计划）：本程序不记录", INVESTMENT)
    if p.years is not None:
        return not_kept("多年的计划投资：本程序记录当年计划投资", INVESTMENT)
    return field_meaning("annual_plan")


def _completed(c: Concepts, p: Period) -> Meaning:
    """A completed amount: this month's, this year's so far, or one we do not keep."""
    if c.has(THIS_PERIOD):
        return ask("“本期”是指本月吗？是则导入为本月完成投资。", ("month_completed",), INVESTMENT)
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
