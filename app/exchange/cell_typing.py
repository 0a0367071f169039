"""One cell as the value of its field: amounts in the column's unit, dates with the sheet's year,
codes, closed vocabularies through the words offices use, and texts within their lengths.

A value that cannot be read is not a reason to refuse the row: the caller keeps it as text in a
note and imports the rest of the row.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from app.exchange.cell_values import clean_text, to_amount, to_date
from app.exchange.fields import ExchangeField
from app.exchange.vocabularies import choices, vocabulary_word
from app.infra.errors import UserError
from app.projects.code import normalise_code

# What offices write for "nothing here": read as an empty cell.
PLACEHOLDERS = frozenset({"/", "／", "-", "—", "--", "——", "无", "暂无", "空", "待定", "\\", "－"})
_FACTORS = {"亿元": Decimal(10000), "元": Decimal("0.0001")}
_LIMITS = {"person": 50, "text": 200, "unit": 200, "list": 200}
_VOCABULARIES = ("stage", "level", "nature", "problem_type", "problem_state", "coordination")


Reader = Callable[[Any], tuple[Any, str]]


def cell_reader(spec: ExchangeField, unit: str, year: int | None) -> Reader:
    """A function reading one column's cells: each cell to (value, word) — the word it was read
    from when a vocabulary mapped it, else "" — and (None, "") for an empty cell or a placeholder.
    It raises UserError for a cell that is not a value of the field. Made once per column: the
    import calls it for every cell."""
    label = spec.header
    if spec.kind == "amount":
        factor = _FACTORS.get(unit, Decimal(1))

        def amount(value: Any) -> tuple[Any, str]:
            if type(value) is str and value.strip() in PLACEHOLDERS:
                return None, ""
            return to_amount(value, factor, field=label), ""

        return amount
    if spec.kind == "date":

        def date(value: Any) -> tuple[Any, str]:
            if type(value) is str and value.strip() in PLACEHOLDERS:
                return None, ""
            return to_date(value, year, field=label), ""

        return date
    if spec.kind == "code":
        return lambda value: (normalise_code(str(clean_text(value) or "")), "")
    return lambda value: _text_value(spec, value)


def typed_value(spec: ExchangeField, value: Any, unit: str, year: int | None) -> tuple[Any, str]:
    """One cell read as `cell_reader` reads it."""
    return cell_reader(spec, unit, year)(value)


def _text_value(spec: ExchangeField, value: Any) -> tuple[Any, str]:
    text = clean_text(value)
    if text is None or text in PLACEHOLDERS:
        return None, ""
    if spec.kind in _VOCABULARIES:
        word = vocabulary_word(spec.kind, text)
        if word is None:
            raise UserError(f"「{text}」不是可选的{spec.header}（{choices(spec.kind)}）")
        return word, (text if text != word.value else "")
    if spec.kind == "units":
        names = text.replace("，", "、").replace(",", "、").replace("；", "、").split("、")
        return tuple(dict.fromkeys(n.strip() for n in names if n.strip())), ""
    limit = _LIMITS.get(spec.kind, 20000)
    if len(text) > limit:
        raise UserError(f"内容过长（{len(text)} 字），最多 {limit} 字")
    return text, ""
