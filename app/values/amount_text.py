"""Amounts as clerks type them, in 万元: 3,500 · 3500万 · 1.2亿 · 全角数字; and shown back."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from app.infra.errors import UserError

CENT = Decimal("0.01")
# 1e12 万元 is far beyond any project; the bound keeps typos out of sums and of the integer column.
MAX_AMOUNT = Decimal("999999999.99")
_UNITS = {
    "亿元": Decimal(10000),
    "亿": Decimal(10000),
    "万元": Decimal(1),
    "万": Decimal(1),
    "元": None,
}
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def parse_amount(text: str, *, field: str = "金额", allow_negative: bool = False) -> Decimal | None:
    """The amount in 万元 (to 0.01), None when blank; UserError naming `field` otherwise."""
    cleaned = "".join(unicodedata.normalize("NFKC", text).split()).replace(",", "")
    if not cleaned:
        return None
    factor = Decimal(1)
    for suffix, unit_factor in _UNITS.items():
        if cleaned.endswith(suffix):
            if unit_factor is None:
                raise UserError(f"{field}「{text.strip()}」请以万元填写（或写明“亿”）。")
            factor = unit_factor
            cleaned = cleaned.removesuffix(suffix)
            break
    if not _NUMBER.match(cleaned):
        raise UserError(f"{field}「{text.strip()}」不是数字，请写成 3500、3,500 或 1.2亿。")
    try:
        value = (Decimal(cleaned) * factor).quantize(CENT, ROUND_HALF_UP)
    except InvalidOperation:
        raise UserError(f"{field}「{text.strip()}」不是数字。") from None
    if value < 0 and not allow_negative:
        raise UserError(f"{field}不能为负数。")
    if abs(value) > MAX_AMOUNT:
        raise UserError(f"{field}「{text.strip()}」过大，请核对单位（万元）。")
    return value


def amount_text(value: Decimal | None) -> str:
    """万元 with thousands separators and two decimals trimmed when whole: 3,500 · 1,234.5."""
    if value is None:
        return ""
    text = f"{value:,.2f}"
    return text.removesuffix(".00") if text.endswith(".00") else text.rstrip("0")
