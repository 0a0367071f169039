"""项目代码 (GB/T 40058-2021): YYYY-AAAAAA-II-TT-NNNNNN; full-width digits and dashes normalised."""

from __future__ import annotations

import re
import unicodedata

from app.infra.errors import UserError

_FORMAT = re.compile(r"^\d{4}-\d{6}-\d{2}-\d{2}-\d{6}$")
# Hyphen look-alikes clerks paste from Word and WPS (en/em dash, minus, full-width hyphen).
_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−－﹣"})


def normalise_code(text: str) -> str | None:
    """The code in canonical form, None when blank; UserError when it is not in the format."""
    cleaned = "".join(unicodedata.normalize("NFKC", text).translate(_DASHES).split())
    if not cleaned:
        return None
    if not _FORMAT.match(cleaned):
        raise UserError(
            f"项目代码「{text.strip()}」格式不对，应为 24 位："
            "年份-6位区划-2位部门-2位类型-6位序号，如 2022-120116-47-01-123456。"
        )
    year = int(cleaned[:4])
    if not 1990 <= year <= 2100:
        raise UserError(f"项目代码「{text.strip()}」的年份 {year} 不合理。")
    return cleaned
