"""Find where a sheet's header is (title and unit lines above, one to four header rows with merged
parent cells), what each column means, the sheet's unit, year and month, and where data begins."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from app.exchange.cell_values import is_blank
from app.exchange.column_assignment import assign_columns
from app.exchange.column_contents import headless, skip_numbering_row, summary_labels
from app.exchange.column_letters import column_letter
from app.exchange.column_reading import column_meaning
from app.exchange.fields import PROBLEM_FIELDS, ExchangeField, How, field_of
from app.exchange.header_concepts import Concepts, read_concepts
from app.exchange.header_meaning import project_meaning
from app.exchange.header_text import HeaderText, header_text
from app.exchange.ledger_headers import problem_meaning
from app.exchange.meaning import UNKNOWN, Meaning
from app.exchange.reading import Merge, SheetGrid
from app.exchange.row_frame import opens_group
from app.exchange.sheet_frame import period_date, read_frame

HEADER_SEARCH_ROWS = 15
MAX_HEADER_ROWS = 4
_MONTHLY = ("ytd_completed", "month_completed")


@dataclass(frozen=True)
class ColumnMap:
    """One column: where it is, its header as shown, and the field it fills (None: not used,
    with the reason, or the question the clerk has to answer)."""

    index: int
    header: str
    key: str | None
    how: How | None
    unit: str | None = None  # 万元 / 亿元 / % named in the header
    year: int | None = None
    month: int | None = None
    reason: str | None = None
    question: str | None = None
    choices: tuple[str, ...] = ()
    looks_like: str | None = None  # "investment" / "dates": warned about when not used
    strength: int = 2  # 2: a specific header, 1: a generic one (loses to a specific one)
    concept: str | None = None  # the field the header reads as, before columns are weighed
    role: str = ""  # for a further column of one field: "series", "joined" or "noted"

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
    kind: str = "project"  # or "problem"
    month: int | None = None  # the month the table's cumulative figures run to
    as_of: dt.date | None = None  # the day the table names (title, 截至…)
    office: str | None = None  # 填报单位 above the header
    signature: str = ""  # the header texts, to know the layout again
    profile: str | None = None  # the saved profile that read it, if one did
    found_signature: str = ""  # the header texts where the header is found unaided

    def column(self, key: str) -> ColumnMap | None:
        """The column mapped to `key`."""
        return next((c for c in self.columns if c.key == key), None)

    def fields(self) -> tuple[ExchangeField, ...]:
        """The fields this sheet's columns fill."""
        from app.exchange.fields import PROJECT_FIELDS

        return PROBLEM_FIELDS if self.kind == "problem" else PROJECT_FIELDS

    def remap(
        self,
        index: int,
        key: str | None,
        *,
        how: How = "clerk",
        year: int | None = None,
        month: int | None = None,
    ) -> SheetLayout:
        """The layout with column `index` mapped to `key` (the clerk's correction, or a saved
        profile's); `year` and `month` where the correction names them ("1-7月完成投资")."""
        columns = []
        for c in self.columns:
            if c.index == index:
                reason = (
                    None if key else ("已更正为不导入" if how == "clerk" else "按交换方案不导入")
                )
                columns.append(
                    replace(
                        c,
                        key=key,
                        how=how,
                        reason=reason,
                        question=None,
                        year=year or c.year,
                        month=month or c.month or (self.month if key in _MONTHLY else None),
                    )
                )
            elif key is not None and c.key == key:
                label = field_of(key, self.fields()).header
                reason = f"已更正：「{label}」改由 {column_letter(index)} 列导入"
                columns.append(replace(c, key=None, how=None, reason=reason))
            else:
                columns.append(c)
        return replace(self, columns=tuple(columns))


@dataclass(frozen=True)
class _Reading:
    text: HeaderText
    concepts: Concepts
    project: Meaning
    problem: Meaning


@lru_cache(maxsize=4096)
def _read(value: str) -> _Reading:
    text = header_text(value)
    concepts = read_concepts(text.text)
    return _Reading(
        text, concepts, project_meaning(concepts, text.unit), problem_meaning(concepts, text.unit)
    )


def reading_of(value: Any) -> _Reading | None:
    """A cell read as a header, or None for a number, a date or a blank."""
    if value is None or isinstance(value, (int, float, dt.date)) or is_blank(value):
        return None
    return _read(str(value))


def _meaning(reading: _Reading, problems: bool) -> Meaning:
    return reading.problem if problems else reading.project


def _header_like(value: Any, problems: bool, known: dict[str, str]) -> bool:
    reading = reading_of(value)
    if reading is None:
        return False
    text = reading.text.text
    if text in known:
        return True
    if len(text) > 30:
        return False
    if reading.text.unit is not None and len(text) <= 15:
        return True  # 收到来信（件）, 投资额（万元）: a unit in brackets is a header's mark
    if len(reading.concepts.rest) > max(2, len(text) // 3):
        return False
    return _meaning(reading, problems).known


def find_layout(
    sheet: SheetGrid,
    fields: tuple[ExchangeField, ...],
    *,
    known_headers: dict[str, str] | None = None,
    default_year: int | None = None,
    header_row: int | None = None,
    header_rows: tuple[int, int] | None = None,
) -> SheetLayout | None:
    """The sheet's layout, or None when no row looks like a header.

    `known_headers` maps header texts to field keys (a saved exchange profile); they win over
    reading. `header_row` (0-based) is the clerk's choice of the first header row, `header_rows`
    of the first and last.
    """
    problems = fields is PROBLEM_FIELDS
    known = {header_text(k).text: v for k, v in (known_headers or {}).items()}
    rows = sheet.rows
    if not rows:
        return None
    block = _header_block(sheet, problems, known, header_row, header_rows)
    if block is None:
        return None
    top, last = block
    texts = _column_texts(rows, sheet.merges, top, last)
    frame = read_frame(rows[:top])
    columns = [_column(index, chain, problems, known) for index, chain in enumerate(texts)]
    year = frame.period.year or next((c.year for c in columns if c.year), None) or default_year
    month = frame.period.last_month
    columns = assign_columns(
        columns, year, month, PROBLEM_FIELDS if problems else None, years=frame.period.years
    )
    first_data = skip_numbering_row(rows, last + 1)
    columns = headless(columns, rows, first_data, problems)
    if not problems and not any(c.key == "name" for c in columns):
        columns = summary_labels(columns)
    signature = "|".join(header_text(c.header).text for c in columns)
    return SheetLayout(
        sheet.name,
        frame.title,
        tuple(range(top, last + 1)),
        first_data,
        tuple(columns),
        frame.unit or "万元",
        year,
        frame.list_number,
        frame.list_name,
        "problem" if problems else "project",
        month,
        period_date(frame.period, year),
        frame.office,
        signature,
        found_signature=signature,
    )


def _header_block(
    sheet: SheetGrid,
    problems: bool,
    known: dict[str, str],
    header_row: int | None,
    header_rows: tuple[int, int] | None,
) -> tuple[int, int] | None:
    """The first and last header rows: as the clerk gave them, else from the given first row,
    else the row most like a header among the first rows; None when there is none."""
    rows = sheet.rows
    if header_rows is not None:
        top, last = header_rows
        if not 0 <= top <= last < len(rows):
            return None
        return top, last
    if header_row is not None:
        if not 0 <= header_row < len(rows):
            return None
        top = header_row
    else:
        scores = [
            sum(1 for cell in row if _header_like(cell, problems, known))
            for row in rows[:HEADER_SEARCH_ROWS]
        ]
        top = max(range(len(scores)), key=lambda i: (scores[i], -i))
        if scores[top] < 2:
            return None
        top = _block_start(sheet, top, scores)
    return top, _block_end(sheet, top, problems, known)


def _block_start(sheet: SheetGrid, top: int, scores: list[int]) -> int:
    """The first header row: the best-scoring row may be the children under merged parents."""
    first = top
    changed = True
    while changed:
        changed = False
        for r1, _c1, r2, _c2 in sheet.merges:
            if r1 < first <= r2 and top - r1 < MAX_HEADER_ROWS:
                first, changed = r1, True
    # Without merges: parents in the rows above, a header row of their own.
    while first > 0 and top - first + 1 < MAX_HEADER_ROWS and scores[first - 1] >= 2:
        first -= 1
    return first


def _block_end(sheet: SheetGrid, top: int, problems: bool, known: dict[str, str]) -> int:
    """The last header row: merged cells reaching down, then rows of children under groups."""
    rows = sheet.rows
    last = top
    changed = True
    while changed:
        changed = False
        for r1, _c1, r2, _c2 in sheet.merges:
            if top <= r1 <= last < r2 and r2 - top < MAX_HEADER_ROWS:
                last, changed = r2, True
    while last + 1 < len(rows) and last - top + 1 < MAX_HEADER_ROWS:
        if not _continues(rows, sheet.merges, top, last, problems, known):
            break
        last += 1
    return last


def _continues(
    rows: list[list[Any]],
    merges: tuple[Merge, ...],
    top: int,
    last: int,
    problems: bool,
    known: dict[str, str],
) -> bool:
    """True when the row under `last` holds children of the header above it: header-like cells
    under a blank or under a parent that stands over several columns or names no field."""
    lower = rows[last + 1]
    filled = [(i, c) for i, c in enumerate(lower) if not is_blank(c)]
    if not filled or any(isinstance(c, (int, float, dt.date)) for _i, c in filled):
        return False
    if isinstance(filled[0][1], str) and opens_group(filled[0][1]):
        return False  # 一、产业项目: a grouping row under the header
    likes = [i for i, c in filled if _header_like(c, problems, known)]
    if not likes or len(likes) * 2 < len(filled):
        return False
    chains = _column_texts(rows, merges, top, last + 1)
    for index in likes:
        chain = chains[index]
        if len(chain) < 2:
            return True
        parent = chain[-2]
        shared = any(
            0 <= other < len(chains) and len(chains[other]) >= 2 and chains[other][-2] == parent
            for other in (index - 1, index + 1)
        )
        reading = reading_of(parent)
        if shared or reading is None or _meaning(reading, problems).key is None:
            return True
    return False


def _column_texts(
    rows: list[list[Any]], merges: tuple[Merge, ...], top: int, last: int
) -> list[list[str]]:
    """Per column, the distinct header texts from the top header row down (parent … child)."""
    width = max(len(rows[r]) for r in range(top, last + 1))
    grid = [
        [str(v) if not is_blank(v) else "" for v in rows[r]] + [""] * (width - len(rows[r]))
        for r in range(top, last + 1)
    ]
    covered = [[False] * width for _ in grid]
    for r1, c1, r2, c2 in merges:
        if r2 < top or r1 > last or c1 >= width:
            continue
        value = str(rows[r1][c1]) if c1 < len(rows[r1]) and not is_blank(rows[r1][c1]) else ""
        for r in range(max(r1, top), min(r2, last) + 1):
            for c in range(c1, min(c2, width - 1) + 1):
                grid[r - top][c] = value
                covered[r - top][c] = True
    # Without merges, a parent written once stands over the blank cells to its right that have
    # children below them.
    for r in range(len(grid) - 1):
        for c in range(1, width):
            if not grid[r][c] and not covered[r][c] and grid[r][c - 1] and grid[r + 1][c]:
                grid[r][c] = grid[r][c - 1]
    texts = []
    for c in range(width):
        chain: list[str] = []
        for r in range(len(grid)):
            if grid[r][c] and (not chain or chain[-1] != grid[r][c]):
                chain.append(grid[r][c])
        texts.append(chain)
    return texts


def _column(index: int, chain: list[str], problems: bool, known: dict[str, str]) -> ColumnMap:
    """One column read from its chain of header texts (parent … child)."""
    shown = "/".join(" ".join(t.split()) for t in chain)
    if not chain:
        return ColumnMap(index, "", None, None, reason="没有表头")
    child = _read(chain[-1])
    parents = [_read(t) for t in chain[:-1]]
    unit = child.text.unit or next((p.text.unit for p in reversed(parents) if p.text.unit), None)
    for text in ("".join(header_text(t).text for t in chain), child.text.text):
        if text in known:
            return ColumnMap(index, shown, known[text], "profile", unit)
    meaning, concepts = column_meaning(
        child.concepts, [p.concepts for p in parents], (child.text.unit, unit), problems
    )
    if meaning is UNKNOWN and concepts.rest:
        meaning = Meaning(None, reason=f"表头「{shown}」不是已知的内容", recognised=False)
    how: How = "exact" if _is_exact(chain[-1], meaning, problems) else "concept"
    period = concepts.period
    return ColumnMap(
        index,
        shown,
        meaning.key,
        how if meaning.key else None,
        unit,
        period.year,
        period.last_month,
        meaning.reason,
        meaning.question,
        meaning.choices,
        meaning.looks_like,
        meaning.strength,
        meaning.key,
    )


def _is_exact(text: str, meaning: Meaning, problems: bool) -> bool:
    if meaning.key is None:
        return False
    from app.exchange.fields import PROJECT_FIELDS

    fields = PROBLEM_FIELDS if problems else PROJECT_FIELDS
    return header_text(text).text == field_of(meaning.key, fields).header
