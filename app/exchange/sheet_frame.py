"""The lines around a sheet's header: the title (found below 附件 / 附表3 lines), the unit line,
the sending office, and the period the title names (2022年, 1-8月, 截至10月31日, 第三季度)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from app.exchange.header_period import Period, read_period
from app.exchange.header_text import plain

_UNIT_LINE = re.compile(r"(?:金额|计量)?单位[:]?[^万亿]{0,6}(万元|亿元)")
_ATTACHMENT = re.compile(r"^(?:附件|附表|附)\s*(\d*)[:.、]?$")
_LIST_TITLE = re.compile(r"附[表件]\s*(\d+)[\s:：、.．-]*(.+?)(?:清单|表|名单)?$")
_OFFICE = re.compile(r"^(?:填报|报送|填表|制表)单位(?:\(盖章\))?[:]?(.*)$")
_SIDE_STARTS = ("填报", "报送", "制表", "填表", "审核", "联系人", "日期", "报送日期", "打印")
_DATE_LINE = re.compile(
    r"^(?:(?:填报|报送)?(?:日期|时间)[:]?)?\d{4}[年.\-/]\d{1,2}[月.\-/]\d{1,2}日?$"
)


@dataclass(frozen=True)
class SheetFrame:
    """What the lines above a header say."""

    title: str | None
    unit: str | None  # 万元 / 亿元 from a unit line
    office: str | None  # 填报单位
    list_number: int | None  # 附表3
    list_name: str | None  # 力促开工项目
    period: Period  # named by the title


def _shown(value: Any) -> str:
    return " ".join(str(value).split())


def read_frame(rows: list[list[Any]]) -> SheetFrame:
    """Title, unit, office, list and period from the rows above the header."""
    title = unit = office = None
    number: int | None = None
    for row in rows:
        for cell in row:
            text = plain(cell)
            if not text:
                continue
            if m := _UNIT_LINE.search(text):
                unit = unit or m.group(1)
                if text.startswith(("单位", "金额单位", "计量单位")):
                    continue
            if m := _OFFICE.match(text):
                office = office or (m.group(1) or None)
                continue
            if m := _ATTACHMENT.match(text):
                number = number or (int(m.group(1)) if m.group(1) else None)
                continue
            if text.startswith(_SIDE_STARTS) or _DATE_LINE.match(text):
                continue
            if title is None:
                title = _shown(cell)
    list_number, list_name = _list_from_title(title or "")
    if list_number is None and number is not None and title:
        list_number, list_name = number, _list_name(title)
    period, _tags, _rest = read_period(plain(title or ""))
    return SheetFrame(title, unit, office, list_number, list_name, period)


def _list_name(title: str) -> str | None:
    """力促开工项目清单 → 力促开工项目 (for a title that follows a separate 附表3 line)."""
    name = re.sub(r"(?:清单|表|名单)$", "", title.strip())
    return name or None


def _list_from_title(title: str) -> tuple[int | None, str | None]:
    """附表3 力促开工项目清单 → (3, 力促开工项目)."""
    match = _LIST_TITLE.match(title.strip())
    if match is None:
        return None, None
    name = match.group(2).strip()
    return int(match.group(1)), name or None


def period_date(period: Period, year: int | None) -> dt.date | None:
    """The day a period ends (截至10月31日 → that day; 1-8月 → 8月31日), given its year."""
    the_year = period.year or year
    if the_year is None or period.last_month is None:
        return None
    last_day = calendar.monthrange(the_year, period.last_month)[1]
    day = period.day if period.day and period.day <= last_day else last_day
    return dt.date(the_year, period.last_month, day)
