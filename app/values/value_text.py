"""How a stored value reads to a clerk: amounts with separators, ISO dates, names joined with 、."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app.values.amount_text import amount_text
from app.values.date_format import iso_date


def value_text(value: object) -> str:
    """The value as text ("" for nothing)."""
    if value is None or value == ():
        return ""
    if isinstance(value, Decimal):
        return amount_text(value)
    if isinstance(value, dt.date):
        return iso_date(value)
    if isinstance(value, tuple):
        return "、".join(str(v) for v in value)
    return str(value)
