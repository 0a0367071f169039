"""What a row under the header is: data, blank, a note (注：…), a 合计/小计 row, or a grouping row
(一、产业项目; a county's name alone) whose label is the list, area or unit of the rows under it.
Also the marks after a name (★ …) and the legend that explains them."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Any

from app.exchange.header_text import plain

_TOTAL_WORDS = ("合计", "小计", "总计", "累计合计", "共计")
_WHOLE_AREA = re.compile(r"^(?:全(?:市|区|县|省|镇|园区|新区|开发区)|总体|总计)(?:合计)?$")
_NOTE_PREFIXES = ("注", "备注:", "说明", "填表说明", "附注", "填报人", "审核人", "制表人")
_ENUMERATOR = re.compile(
    r"^(?:第?[一二三四五六七八九十]+[、.．:：]|[(（][一二三四五六七八九十]+[)）][、.]?|[一二三四五六七八九十]+$)"
)
_COUNT_SUFFIX = re.compile(r"[(（][^()（）]*\d+[^()（）]*[)）]$|\d+个?项?$")
_PLACE = re.compile(
    r"(?:县|市|区|镇|乡|街道|园区|开发区|新区|管委会|片区|板块|示范区|高新区|自治县|州直|市直|县直|区直)$"
)
_UNIT_NAME = re.compile(r"(?:公司|集团|总公司|厅|局|委|委员会|办|办公室|中心|部)$")
MARKS = "★☆※▲△●◆◇■□*＊#"
_LEGEND = re.compile(r"([★☆※▲△●◆◇■□*＊#])[号的为是]*(?:为|是|表示|代表|系)(.+?)[。；;，,]?$")


class RowKind(enum.Enum):
    """What a row is."""

    DATA = "data"
    BLANK = "blank"
    NOTE = "note"
    TOTAL = "total"  # 合计 / 小计 / 全市
    GROUP = "group"


@dataclass(frozen=True)
class Group:
    """A grouping row's label and what it names: a list, an area (park) or a responsible unit."""

    label: str
    names: str  # "list" / "park" / "lead_unit"


def _filled(value: Any) -> bool:
    return value is not None and value != "" and not (type(value) is str and value.isspace())


def row_kind(cells: list[Any], name_index: int | None, merged_wide: bool = False) -> RowKind:
    """The kind of a row under the header; `merged_wide`: the row is one cell merged across."""
    first = None
    for cell in cells:
        if cell is not None and cell != "" and not (type(cell) is str and cell.isspace()):
            first = cell
            break
    if first is None:
        return RowKind.BLANK
    # Every total word contains 计 (or is 全市 …): normalise only the cells that might be one.
    for c in cells[:4] if name_index is None or name_index < 4 else (*cells[:4], cells[name_index]):
        if isinstance(c, str) and ("计" in c or "全" in c or "总" in c):
            text = plain(c)
            if text.startswith(_TOTAL_WORDS) or _WHOLE_AREA.match(text):
                return RowKind.TOTAL
    if isinstance(first, str):
        text = plain(first)
        if text.startswith(_NOTE_PREFIXES) and sum(1 for c in cells if _filled(c)) <= 2:
            return RowKind.NOTE
        if group_of(cells, name_index, merged_wide) is not None:
            return RowKind.GROUP
    return RowKind.DATA


def opens_group(text: str) -> bool:
    """True when a cell starts a grouping row: 一、 （一） 第一 or a Chinese numeral alone."""
    return bool(_ENUMERATOR.match(plain(text)))


def group_of(cells: list[Any], name_index: int | None, merged_wide: bool = False) -> Group | None:
    """The group a grouping row opens, or None when the row is not one."""
    texts = [(i, c) for i, c in enumerate(cells) if _filled(c)]
    if not texts or not isinstance(texts[0][1], str):
        return None
    first_index, first = texts[0][0], plain(texts[0][1])
    if _ENUMERATOR.match(first):
        label = _ENUMERATOR.sub("", first)
        if not label and len(texts) > 1 and isinstance(texts[1][1], str):
            label = plain(texts[1][1])
        return _group(label) if label else None
    if len(texts) != 1:
        return None
    if merged_wide:
        return _group(first)
    if name_index is not None and first_index not in (name_index, 0, 1):
        return None
    if len(first) <= 12 and (_PLACE.search(first) or _UNIT_NAME.search(first)):
        return _group(first)
    return None


def _group(label: str) -> Group | None:
    label = _COUNT_SUFFIX.sub("", label).strip()
    if not label:
        return None
    if _PLACE.search(label) and len(label) <= 12:
        return Group(label, "park")
    if _UNIT_NAME.search(label) and len(label) <= 20:
        return Group(label, "lead_unit")
    return Group(label, "list")


def strip_marks(name: str) -> tuple[str, str]:
    """A name without the marks before or after it, and the marks ("" when none)."""
    if not name or (name[0] not in MARKS and name[-1] not in MARKS):
        return name, ""
    start, end = 0, len(name)
    while start < end and (name[start] in MARKS or name[start].isspace()):
        start += 1
    while end > start and (name[end - 1] in MARKS or name[end - 1].isspace()):
        end -= 1
    marks = "".join(dict.fromkeys(c for c in name[:start] + name[end:] if c in MARKS))
    return name[start:end], marks


def legend(text: str) -> tuple[str, str] | None:
    """注：标★的为省重点项目 → (★, 省重点项目)."""
    body = plain(text)
    for prefix in ("注:", "注", "说明:", "备注:"):
        if body.startswith(prefix):
            body = body[len(prefix) :]
            break
    body = re.sub(r"^(?:\d+[.、])?(?:标|带|打|加|有)?", "", body)
    match = _LEGEND.search(body)
    if match is None:
        return None
    return match.group(1), match.group(2)
