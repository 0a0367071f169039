"""Cell values as offices type them, turned into amounts, dates, codes and clean text.

Amounts: numbers, "3,500", "236042.06万元", "1.2亿", full-width digits; a plain number takes the
column's unit (from the header or the unit line). Dates: Excel serials, date cells, 2022年8月31日,
2022.8.31, 2022/8/31, 2022-08-31, 2022-08 and 2022年8月 (the month's first day), 8月底 and
2022年8月底 (its last day); a date without a year takes the sheet's year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from app.infra.errors import UserError
from app.values.amount_text import CENT, MAX_AMOUNT, parse_amount
from app.values.date_format import iso_date
from app.values.names import without_invisible

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_FULL_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MONTH_ONLY = re.compile(r"^(\d{4})[-/.年](\d{1,2})月?$")
_MONTH_END = re.compile(r"^(?:(\d{4})年)?(\d{1,2})月(?:底|末)$")
_NO_YEAR = re.compile(r"^(\d{1,2})月(\d{1,2})日?$")


def is_blank(value: object) -> bool:
    """Nothing in the cell (None, "", spaces)."""
    if value is None or value == "":
        return True
    return isinstance(value, str) and not value.strip()


def clean_text(value: object) -> str | None:
    """Text with the ends trimmed (inner full-width brackets kept: they are part of names)."""
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.datetime, dt.date)):
        value = iso_date(value)
    # Zero-width and bidirectional control characters pasted from web pages never reach storage.
    text = without_invisible(str(value)).strip().replace("\u3000", " ").strip()
    return text or None


def to_amount(
    value: object, factor: Decimal = Decimal(1), *, field: str = "金额"
) -> Decimal | None:
    """万元 to 0.01; `factor` is 10,000 when the column is in 亿元 and the cell has no unit."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise UserError(f"{field}「{value}」不是金额。")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
            raise UserError(f"{field}不是有效数字。")
        try:
            amount = (Decimal(repr(value)) * factor).quantize(CENT, ROUND_HALF_UP)
        except InvalidOperation:
            raise UserError(f"{field}「{value}」不是有效数字。") from None
        if amount < 0:
            raise UserError(f"{field}不能为负数。")
        if amount > MAX_AMOUNT:
            raise UserError(f"{field}「{value}」过大，请核对单位。")
        return amount
    text = "".join(unicodedata.normalize("NFKC", str(value)).split()).replace(",", "")
    if text.endswith(("万", "万元", "亿", "亿元")):
        return parse_amount(text, field=field)
    plain = parse_amount(text, field=field)
    if plain is None:
        return None
    amount = (plain * factor).quantize(CENT, ROUND_HALF_UP)
    if amount > MAX_AMOUNT:
        raise UserError(f"{field}「{value}」过大，请核对单位。")
    return amount


def to_date(value: object, year: int | None = None, *, field: str = "日期") -> dt.date | None:
    """The date a cell means; UserError naming the field when it is not a date."""
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # Excel's 1900 date system, up to 9999-12-31
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise UserError(f"{field}「{value}」不是日期。")
    text = "".join(unicodedata.normalize("NFKC", str(value)).split())
    try:
        if m := _FULL_DATE.match(text) or _COMPACT.match(text):
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _MONTH_ONLY.match(text):
            return dt.date(int(m.group(1)), int(m.group(2)), 1)
        if m := _MONTH_END.match(text):
            the_year = int(m.group(1)) if m.group(1) else _need_year(year, text, field)
            month = int(m.group(2))
            return dt.date(the_year, month, calendar.monthrange(the_year, month)[1])
        if m := _NO_YEAR.match(text):
            return dt.date(_need_year(year, text, field), int(m.group(1)), int(m.group(2)))
    except ValueError:
        raise UserError(f"{field}「{text}」不是有效日期。") from None
    raise UserError(f"{field}「{text}」无法识别为日期，请写成 2022-08-31 或 2022年8月31日。")


def _need_year(year: int | None, text: str, field: str) -> int:
    if year is None:
        raise UserError(f"{field}「{text}」没有年份，表格中也找不到年份。")
    return year
