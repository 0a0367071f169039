"""Find where a sheet's header is (title and unit lines above, one or two header rows with merged
group cells), what each column means, the sheet's unit and year, and which rows are data."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Any

from app.exchange.cell_values import is_blank
from app.exchange.column_letters import column_letter
from app.exchange.fields import ExchangeField, How, match_header, normalise_header
from app.exchange.reading import SheetGrid

HEADER_SEARCH_ROWS = 15
_UNIT_LINE = re.compile(r"(?:金额)?单位[:：]\s*(万元|亿元)")
_YEAR = re.compile(r"(20\d{2})\s*年")
_LIST_TITLE = re.compile(r"附表\s*(\d+)[\s:：、.．-]*(.+?)(?:清单|表|名单)?$")
_SKIP_WORDS = ("合计", "小计", "总计", "累计合计")
_NOTE_PREFIXES = ("注", "备注：", "备注:", "说明", "填表说明", "附注")


@dataclass(frozen=True)
class ColumnMap:
    """One column: where it is, its header as shown, and the field it fills (None: ignored)."""

    index: int
    header: str
    key: str | None
    how: How | None
    unit: str | None = None  # 万元 / 亿元 named in the header
    year: int | None = None
    month: int | None = None

    @property
    def letter(self) -> str:
        """The column's letter (A, B … AA)."""
        return column_letter(self.index)


@dataclass(frozen=True)
class SheetLayout:
    """Where the data of a sheet is and what its columns mean."""

    sheet: str
    title: str | None
    header_rows: tuple[int, ...]  # 0-based
    first_data_row: int  # 0-based
    columns: tuple[ColumnMap, ...]
    unit: str  # the unit line's, else 万元
    year: int | None
    list_number: int | None
    list_name: str | None

    def column(self, key: str) -> ColumnMap | None:
        """The column mapped to `key`."""
        return next((c for c in self.columns if c.key == key), None)

    def remap(self, index: int, key: str | None) -> SheetLayout:
        """The layout with column `index` mapped to `key` (the clerk's correction)."""
        columns = tuple(
            replace(c, key=key, how="profile" if key else None)
            if c.index == index
            else (replace(c, key=None, how=None) if key is not None and c.key == key else c)
            for c in self.columns
        )
        return replace(self, columns=columns)


def _text(value: Any) -> str:
    return "" if is_blank(value) else "".join(unicodedata.normalize("NFKC", str(value)).split())


def _score(row: list[Any], fields: tuple[ExchangeField, ...], known: dict[str, str]) -> float:
    score = 0.0
    for cell in row:
        text, _unit = normalise_header(cell)
        if text in known:
            score += 1
            continue
        # Scoring rows for "is this the header?" needs no fuzzy guesses (slow on long texts).
        if match_header(text, fields, fuzzy=False) is not None:
            score += 1
    return score


def find_layout(
    sheet: SheetGrid,
    fields: tuple[ExchangeField, ...],
    *,
    known_headers: dict[str, str] | None = None,
    default_year: int | None = None,
    header_row: int | None = None,
) -> SheetLayout | None:
    """The sheet's layout, or None when no row looks like a header.

    `known_headers` maps header texts to field keys (a saved exchange profile); they win over the
    synonym table. `header_row` (0-based) is the clerk's choice of the header row.
    """
    known = {normalise_header(k)[0]: v for k, v in (known_headers or {}).items()}
    rows = sheet.rows
    searched = rows[:HEADER_SEARCH_ROWS]
    if not searched:
        return None
    if header_row is not None:
        if not 0 <= header_row < len(rows):
            return None
        best = header_row
    else:
        scores = [_score(row, fields, known) for row in searched]
        best = max(range(len(scores)), key=lambda i: (scores[i], -i))
        if scores[best] < 2:
            return None
    top = rows[best]
    below = rows[best + 1] if best + 1 < len(rows) else []
    width = max(len(top), len(below))
    two_rows = False
    if below:
        # A second header row names columns the first leaves empty or only groups ("投资情况").
        for index in range(width):
            upper = top[index] if index < len(top) else ""
            lower = below[index] if index < len(below) else ""
            if is_blank(lower):
                continue
            upper_text = normalise_header(upper)[0]
            lower_text = normalise_header(lower)[0]
            upper_known = (
                upper_text in known or match_header(upper_text, fields, fuzzy=False) is not None
            )
            lower_known = (
                lower_text in known or match_header(lower_text, fields, fuzzy=False) is not None
            )
            if lower_known and not upper_known:
                two_rows = True
                break
    columns = []
    group = ""
    for index in range(width):
        upper = top[index] if index < len(top) else ""
        lower = below[index] if two_rows and index < len(below) else ""
        if not is_blank(upper):
            group = _text(upper)
        header_cell = lower if not is_blank(lower) else upper
        shown = _text(header_cell)
        shown_group = f"{group}/{shown}" if two_rows and not is_blank(lower) and group else shown
        text, unit = normalise_header(header_cell)
        if text in known:
            columns.append(ColumnMap(index, shown_group, known[text], "profile", unit))
            continue
        found = match_header(text, fields)
        if found is None:
            columns.append(ColumnMap(index, shown_group, None, None, unit))
        else:
            columns.append(
                ColumnMap(index, shown_group, found.key, found.how, unit, found.year, found.month)
            )
    columns = _first_wins(columns)
    above = rows[:best]
    title = next(
        (" ".join(str(c).split()) for r in above for c in r if _text(c) and not _is_side_line(c)),
        None,
    )
    unit = next(
        (m.group(1) for r in above for c in r if (m := _UNIT_LINE.search(_text(c)))), "万元"
    )
    year = _year(title, columns, default_year)
    number, list_name = _list_from_title(title or sheet.name)
    return SheetLayout(
        sheet.name,
        title,
        (best, best + 1) if two_rows else (best,),
        best + (2 if two_rows else 1),
        tuple(columns),
        unit,
        year,
        number,
        list_name,
    )


def _first_wins(columns: list[ColumnMap]) -> list[ColumnMap]:
    """Two columns matching one field: the better match keeps it (exact > pattern > … > fuzzy)."""
    rank = {"profile": 0, "exact": 1, "pattern": 2, "synonym": 3, "fuzzy": 4}
    best: dict[str, ColumnMap] = {}
    for column in columns:
        if column.key is None or column.how is None:
            continue
        held = best.get(column.key)
        if held is None or rank[column.how] < rank[held.how or "fuzzy"]:
            best[column.key] = column
    return [
        c if c.key is None or best.get(c.key) is c else replace(c, key=None, how=None)
        for c in columns
    ]


def _is_side_line(cell: Any) -> bool:
    text = _text(cell)
    return bool(_UNIT_LINE.search(text)) or text.startswith(("填报单位", "报送单位", "制表"))


def _year(title: str | None, columns: list[ColumnMap], default: int | None) -> int | None:
    if title and (m := _YEAR.search(title)):
        return int(m.group(1))
    named = next((c.year for c in columns if c.year), None)
    return named or default


def _list_from_title(title: str) -> tuple[int | None, str | None]:
    """附表3 力促开工项目清单 → (3, 力促开工项目)."""
    match = _LIST_TITLE.match(title.strip())
    if match is None:
        return None, None
    name = match.group(2).strip()
    return int(match.group(1)), name or None


def is_skipped(row: list[Any]) -> bool:
    """Blank rows, 合计/小计 rows and 注/备注 note rows are not data."""
    # Inline tests, not is_blank(): this runs for every cell of every row of a large import.
    filled = [c for c in row if c is not None and c != "" and not (type(c) is str and c.isspace())]
    if not filled:
        return True
    # Every skip word contains 计: normalise only the cells that might be one.
    if any(_text(c) in _SKIP_WORDS for c in row[:4] if isinstance(c, str) and "计" in c):
        return True
    first = _text(filled[0])
    return first.startswith(_NOTE_PREFIXES) and len(filled) <= 2
