"""What a header of a problem ledger (问题台账, 督办, 整改) means: the problem, its project, dates
raised and due, who answers for it, its state (状态, 是否销号, 是否完成), measures and progress."""

from __future__ import annotations

from app.exchange.header_concepts import (
    ACCEPT,
    ACTUAL,
    BOND,
    CATEGORY,
    CLOSE,
    CODE,
    CONTENT,
    COOPERATE,
    COORDINATE,
    DEADLINE,
    DESCRIPTION,
    DONE,
    FINISH,
    FIRST_PERSON,
    FUNDS,
    HANDLE,
    INVEST,
    LEAD,
    LEADER,
    LEVEL,
    MEASURE,
    MONEY,
    NAME,
    NEXT,
    NUMBER,
    OWNER,
    PERSON,
    PLAN,
    PROBLEM,
    PRODUCE,
    PROGRESS,
    PROJECT,
    RAISED,
    REASON,
    REMARKS,
    RESPONSIBLE,
    SERIAL,
    SITUATION,
    SOLVE,
    SPAN,
    STANDARD,
    START,
    STATE,
    TASK,
    TIME,
    TOTAL,
    UNIT,
    WHETHER,
    Concepts,
)
from app.exchange.header_meaning import figures
from app.exchange.meaning import UNKNOWN, Meaning, field_meaning, not_kept


def problem_meaning(c: Concepts, unit: str | None) -> Meaning:
    """What a header of a problem ledger means."""
    if not c.tags:
        return UNKNOWN
    if c.has(NUMBER) and len(c.tags) == 1:
        return field_meaning("number")
    if c.has(SERIAL) and not c.has(PROJECT):
        return field_meaning("number", strength=1)
    if c.has(CODE) or (c.has(SERIAL) and c.has(PROJECT)):
        return field_meaning("project_code")
    table_figure = figures(c, unit)
    if table_figure is not None:
        return table_figure
    if c.any(INVEST, FUNDS, MONEY, BOND, TOTAL) or unit in ("万元", "亿元", "元"):
        return not_kept("问题台账不导入金额")
    if c.any(START, FINISH, PRODUCE, SPAN) and not c.has(DEADLINE):
        return not_kept("问题台账不导入项目的开工、竣工时间")
    if c.has(CONTENT) and not c.any(PROBLEM, DESCRIPTION):
        return not_kept("问题台账不导入项目的建设内容")
    return _flags_and_dates(c) or _people(c) or _texts(c) or UNKNOWN


def _flags_and_dates(c: Concepts) -> Meaning | None:
    """是否销号, 是否解决, the dates a problem was raised, is due and was closed, who confirmed."""
    if (c.has(WHETHER) and c.has(CLOSE)) or c.has(CLOSE, SITUATION):
        return field_meaning("closed_flag")
    if c.has(WHETHER) and c.any(DONE, SOLVE):
        return field_meaning("done_flag")
    if c.any(CLOSE, ACCEPT, SOLVE) and c.has(TIME) and not c.any(PLAN, DEADLINE):
        return field_meaning("closed_on")
    if (c.has(ACCEPT) and c.any(PERSON, FIRST_PERSON)) or c.has(CLOSE, PERSON):
        return field_meaning("confirmed_by")
    if c.has(RAISED) or (c.has(PROBLEM) and c.has(TIME)):
        return field_meaning("raised_on")
    if c.any(DEADLINE) or (c.has(TIME) and c.any(DONE, PLAN, CLOSE, SOLVE)):
        return field_meaning("deadline")
    return None


def _people(c: Concepts) -> Meaning | None:
    """The first responsible person, the lead and cooperating units (leaders are not kept)."""
    if c.has(FIRST_PERSON) or c.has(PERSON):
        return field_meaning("first_responsible")
    if c.has(LEADER):
        return not_kept("问题台账不记录领导（包联领导在项目卡片上）")
    if c.has(UNIT) and c.has(COOPERATE):
        return field_meaning("cooperating_units")
    if c.has(UNIT) and not c.has(PROJECT) and not c.has(OWNER):
        return field_meaning("lead_unit", strength=2 if c.any(RESPONSIBLE, LEAD, HANDLE) else 1)
    return None


def _texts(c: Concepts) -> Meaning | None:
    """The problem's type, standard, measures, state, level, description, progress, remarks and
    the project it is of."""
    if c.has(CATEGORY):
        return field_meaning("type")
    if c.has(STANDARD):
        return field_meaning("completion_standard")
    if c.any(REASON, NEXT):
        return field_meaning("next_steps")
    if c.has(MEASURE):
        return field_meaning("measures", strength=1 if c.any(ACTUAL, DONE, HANDLE) else 2)
    if c.has(STATE):
        return field_meaning("state")
    if c.has(LEVEL) or (c.has(COORDINATE) and c.tags <= {COORDINATE, LEVEL}):
        return field_meaning("level")
    if c.any(PROBLEM, DESCRIPTION, TASK):
        return field_meaning("description", strength=2 if c.any(PROBLEM, DESCRIPTION) else 1)
    if c.any(PROGRESS, HANDLE) or c.has(SITUATION) or c.has(DONE):
        return field_meaning("progress")
    if c.has(REMARKS):
        return field_meaning("remarks")
    if c.has(NAME) or c.has(PROJECT):
        return field_meaning("project_name", strength=2 if c.has(NAME) else 1)
    if c.has(OWNER):
        return not_kept("问题台账不记录项目单位")
    return None
