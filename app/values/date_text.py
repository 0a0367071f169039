"""Dates and day counts as clerks type them: 2022-10-10, 2022年10月10日, 20221010; 45 天."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from app.infra.errors import UserError

_PATTERNS = [
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]


def parse_date(text: str, *, field: str = "日期") -> dt.date | None:
    """The date in `text` (full-width digits allowed), None when blank; UserError otherwise."""
    cleaned = "".join(unicodedata.normalize("NFKC", text).split())
    if not cleaned:
        return None
    for pattern in _PATTERNS:
        match = pattern.match(cleaned)
        if match:
            year, month, day = (int(part) for part in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                break
    raise UserError(f"{field}「{text.strip()}」无法识别，请写成 2022-10-10 或 2022年10月10日。")


MAX_DAYS = 3650


def parse_days(text: str) -> int:
    """A duration in whole days (0…3650); full-width digits and a trailing 天 accepted."""
    cleaned = "".join(unicodedata.normalize("NFKC", text).split()).removesuffix("天")
    try:
        days = int(cleaned)
    except ValueError:
        raise UserError(f"工期「{text.strip()}」应为整数天数。") from None
    if not 0 <= days <= MAX_DAYS:
        raise UserError(f"工期 {days} 天不合理，应在 0—{MAX_DAYS} 天之间。")
    return days
