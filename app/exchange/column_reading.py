"""A column read under its merged parents: the child says what it is, the parents what it is of
(2022年工作计划 / 投资 is the annual plan; 项目进展情况 / 动工时间 a date that happened; 8月 /
累计 that month's total), unless the child is specific on its own."""

from __future__ import annotations

from app.exchange.header_concepts import CUMULATIVE, PLAN, Concepts, combine
from app.exchange.header_meaning import person_under_unit, project_meaning
from app.exchange.ledger_headers import problem_meaning
from app.exchange.meaning import Meaning, field_meaning

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
            return field_meaning("month_completed"), together_concepts  # 8月 / 上旬 中旬 下旬 累计
    if own.key is not None and own.strength >= 2:
        if own.key in _DATE_KEYS and together.key in _DATE_KEYS:
            return together, together_concepts  # 项目进展情况 / 动工时间 is a date that happened
        if own.key == "progress" and together.key is None and PLAN in parent.tags:
            return together, together_concepts  # 2022年工作计划 / 形象进度 is the plan
        return own, together_concepts
    if not own.recognised and not child.tags and len(child.rest) >= 2:
        return own, together_concepts  # a parent does not explain a child nobody knows
    return (together if together.known or not own.known else own), together_concepts
