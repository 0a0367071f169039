"""The period a header or a title names: 2023年, 1-8月, 截至10月底, 第三季度, 上半年, 2010-2012年.

Also the two periods that are tags of a header rather than months of a year: 上年底前 (the years
before this one) and 开工以来 (since the project started).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Concept tags of the periods that are not months of a year (see header_concepts).
PRIOR_YEARS = "prior_years"
SINCE_START = "since_start"

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_PRIOR = re.compile(
    r"(?:截[至止]到?|至)?(?:上一?年|去年)(?:度)?(?:底|末)(?:前|以前)?|以前年度|往年|历年"
    r"|(?:截[至止]到?|至)(?:19|20)\d{2}年(?:度)?(?:底|末)(?:前|以前)?"
)
_SINCE = re.compile(r"(?:自|从)?开工(?:以来|至今|累计)|建设以来|开工到现在|累计至今")
_YEARS = re.compile(r"((?:19|20)\d{2})年?[-~至到—]((?:19|20)\d{2})年度?")
_AS_OF = re.compile(
    r"截[至止]到?(?:((?:19|20)\d{2})年)?(\d{1,2})月(?:(\d{1,2})日?|底|末|份)?|截[至止]到?(?:目前|现在|今)"
)
_MONTHS = re.compile(r"(?:((?:19|20)\d{2})年)?(\d{1,2})(?:月份?)?[-~至到—](\d{1,2})?月份?")
_QUARTER = re.compile(r"(?:((?:19|20)\d{2})年)?(前|第)?([一二三四1-4])季度?")
_HALF = re.compile(r"(?:((?:19|20)\d{2})年)?(上|下)半年")
_YEAR_MONTH = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(?:份)?(底|末)?")
_YEAR = re.compile(r"((?:19|20)\d{2})年度?")
_MONTH = re.compile(r"(?<!\d)(\d{1,2})月(?:份)?(底|末)?")


@dataclass(frozen=True)
class Period:
    """The time a header (or a title) names; every part optional."""

    year: int | None = None
    first_month: int | None = None  # 1-8月 → 1; a single month → that month
    last_month: int | None = None  # 1-8月 → 8; 截至10月底 → 10
    day: int | None = None  # 截至10月31日 → 31
    cumulative: bool = False  # a range from the year's start, or "截至"
    years: tuple[int, int] | None = None  # 2010-2012年

    def known(self) -> bool:
        """True when anything was named."""
        return (
            any(v is not None for v in (self.year, self.last_month, self.years)) or self.cumulative
        )

    def single_month(self) -> bool:
        """A month on its own (8月, 2022年8月), not a range of months."""
        return (
            self.last_month is not None
            and not self.cumulative
            and self.first_month == self.last_month
        )


def read_period(text: str) -> tuple[Period, set[str], str]:
    """The period named in `text`, the period tags (上年底前 …), and the text without them."""
    tags: set[str] = set()
    year = first = last = day = None
    cumulative = False
    years = None
    if m := _PRIOR.search(text):
        tags.add(PRIOR_YEARS)
        text = text[: m.start()] + text[m.end() :]
    if m := _SINCE.search(text):
        tags.add(SINCE_START)
        text = text[: m.start()] + text[m.end() :]
    if m := _YEARS.search(text):
        years = (int(m.group(1)), int(m.group(2)))
        text = text[: m.start()] + text[m.end() :]
    if m := _AS_OF.search(text):
        year = int(m.group(1)) if m.group(1) else None
        last = int(m.group(2)) if m.group(2) else None
        day = int(m.group(3)) if m.group(3) else None
        first, cumulative = (1 if last else None), True
        text = text[: m.start()] + text[m.end() :]
    elif m := _MONTHS.search(text):
        year = int(m.group(1)) if m.group(1) else None
        # "1-  月": a form whose month is left to be filled in; the title or the clerk names it.
        first, last = int(m.group(2)), (int(m.group(3)) if m.group(3) else None)
        cumulative = first == 1
        text = text[: m.start()] + text[m.end() :]
    elif m := _QUARTER.search(text):
        year = int(m.group(1)) if m.group(1) else None
        quarter = _CN_DIGITS[m.group(3)]
        first, last = (1 if m.group(2) == "前" else quarter * 3 - 2), quarter * 3
        cumulative = first == 1 and m.group(2) == "前"
        text = text[: m.start()] + text[m.end() :]
    elif m := _HALF.search(text):
        year = int(m.group(1)) if m.group(1) else None
        first, last = (1, 6) if m.group(2) == "上" else (7, 12)
        cumulative = first == 1
        text = text[: m.start()] + text[m.end() :]
    elif m := _YEAR_MONTH.search(text):
        year, first = int(m.group(1)), int(m.group(2))
        last = first
        cumulative = bool(m.group(3))
        text = text[: m.start()] + text[m.end() :]
    if year is None and (m := _YEAR.search(text)):
        year = int(m.group(1))
        text = text[: m.start()] + text[m.end() :]
    if last is None and (m := _MONTH.search(text)):
        first = last = int(m.group(1))
        cumulative = bool(m.group(2))
        text = text[: m.start()] + text[m.end() :]
    if last is not None and not 1 <= last <= 12:
        first = last = None
        cumulative = False
    return Period(year, first, last, day, cumulative, years), tags, text
