"""How each sheet is read: found unaided, or as a saved profile of the sending office read the
same header before, or as the clerk says now (header rows, a column's field) — in that order,
the later winning."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.exchange.column_letters import column_letter
from app.exchange.fields import PROBLEM_FIELDS, PROJECT_FIELDS, field_by_name
from app.exchange.header_concepts import read_concepts
from app.exchange.header_detection import SheetLayout, find_layout
from app.exchange.header_meaning import project_meaning
from app.exchange.header_text import header_text
from app.exchange.ledger_headers import problem_meaning
from app.exchange.problem_rows import is_problem_layout
from app.exchange.profiles import SheetReading
from app.exchange.reading import SheetGrid, read_workbook
from app.infra.errors import UserError
from app.infra.progress import Progress
from db.models import Campaign

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

IGNORE_WORDS = frozenset({"", "不导入", "（不导入）", "(不导入)", "无", "-", "none"})
_MAP = re.compile(r"^(?:(?P<sheet>.+?)[!！])?(?P<letter>[A-Za-z]{1,3})\s*[=＝]\s*(?P<target>.*)$")
_ROWS = re.compile(
    r"^(?:(?P<sheet>.+?)[!！])?(?P<first>\d{1,2})(?:\s*[-~～—至]\s*(?P<last>\d{1,2}))?$"
)


@dataclass(frozen=True)
class LayoutChoice:
    """How to read sheets: a chosen profile's header texts, saved office layouts, and what the
    clerk gave: header rows (1-based) and columns' fields (letter → the field as the clerk wrote
    it), each for every sheet (key None) or for one sheet by name."""

    known_headers: dict[str, str] | None = None
    readings: tuple[tuple[str, SheetReading], ...] = ()
    header_rows: dict[str | None, tuple[int, int]] = field(default_factory=dict)
    columns: dict[str | None, dict[str, str]] = field(default_factory=dict)

    def rows_for(self, sheet: str) -> tuple[int, int] | None:
        """The 1-based header rows the clerk gave for `sheet`, if any."""
        return self.header_rows.get(sheet) or self.header_rows.get(None)

    def columns_for(self, sheet: str) -> dict[str, str]:
        """The clerk's corrections for `sheet` (those for every sheet, then its own)."""
        return {**self.columns.get(None, {}), **self.columns.get(sheet, {})}

    def corrected(self) -> bool:
        """True when the clerk gave header rows or columns."""
        return bool(self.header_rows or self.columns)


def parse_map(texts: list[str]) -> dict[str | None, dict[str, str]]:
    """--map "G=年度计划投资" / "附表3!G=不导入" into {sheet: {letter: field as written}}."""
    found: dict[str | None, dict[str, str]] = {}
    for text in texts:
        match = _MAP.match(text.strip())
        if match is None:
            raise UserError(
                f"--map「{text}」写法不对：应为 列字母=字段，如 G=年度计划投资，"
                "或 工作表名!G=年度计划投资；不导入写 G=不导入。"
            )
        found.setdefault(match["sheet"], {})[match["letter"].upper()] = match["target"].strip()
    return found


def parse_header_rows(texts: list[str]) -> dict[str | None, tuple[int, int]]:
    """--header-rows "3-4" / "附表3!3" into {sheet: (first, last)}, 1-based."""
    found: dict[str | None, tuple[int, int]] = {}
    for text in texts:
        match = _ROWS.match(text.strip())
        first = int(match["first"]) if match else 0
        last = int(match["last"] or first) if match else 0
        if match is None or not 1 <= first <= last or last - first > 3:
            raise UserError(
                f"--header-rows「{text}」写法不对：应为行号或行号范围（最多四行），如 3 或 3-4，"
                "或 工作表名!3-4。"
            )
        found[match["sheet"]] = (first, last)
    return found


def resolve_target(text: str, kind: str) -> tuple[str | None, int | None, int | None]:
    """The field a clerk names (its Chinese name, its key, or a header such as "1-7月完成投资"),
    with the year and month that header names; UserError when it names none."""
    if text.strip().lower() in IGNORE_WORDS:
        return None, None, None
    fields = PROBLEM_FIELDS if kind == "problem" else PROJECT_FIELDS
    named = field_by_name(text, fields)
    concepts = read_concepts(header_text(text).text)
    if named is not None:
        return named.key, concepts.period.year, concepts.period.last_month
    reader = problem_meaning if kind == "problem" else project_meaning
    meaning = reader(concepts, header_text(text).unit)
    if meaning.key is None:
        names = "、".join(f.header for f in fields if f.key != "number")
        raise UserError(f"「{text}」不是可导入的字段。可用的有：{names}；或写“不导入”。")
    return meaning.key, concepts.period.year, concepts.period.last_month


def sheet_layout(
    sheet: SheetGrid, choice: LayoutChoice, default_year: int | None
) -> SheetLayout | None:
    """The sheet's layout: a problem ledger's or a project list's, read as saved or corrected."""
    rows = choice.rows_for(sheet.name)
    layout = _found(sheet, choice, default_year, (rows[0] - 1, rows[1] - 1) if rows else None)
    if not choice.known_headers and not choice.columns_for(sheet.name):
        saved = _saved_reading(sheet, choice, default_year, layout, given=rows is not None)
        if saved is not None:
            layout = saved
    if layout is None:
        return None
    if rows is not None:
        unaided = _found(sheet, choice, default_year, None)
        layout = replace(layout, found_signature=unaided.signature if unaided else "")
    for letter, target in choice.columns_for(sheet.name).items():
        column = next((c for c in layout.columns if c.letter == letter), None)
        if column is None:
            last = column_letter(len(layout.columns) - 1)
            raise UserError(f"工作表「{sheet.name}」的表头只到 {last} 列，没有 {letter} 列。")
        key, year, month = resolve_target(target, layout.kind)
        layout = layout.remap(column.index, key, year=year, month=month)
    return layout


def _found(
    sheet: SheetGrid,
    choice: LayoutChoice,
    default_year: int | None,
    rows: tuple[int, int] | None,
) -> SheetLayout | None:
    ledger = find_layout(sheet, PROBLEM_FIELDS, default_year=default_year, header_rows=rows)
    if ledger is not None and is_problem_layout(ledger):
        return ledger
    return find_layout(
        sheet,
        PROJECT_FIELDS,
        known_headers=choice.known_headers,
        default_year=default_year,
        header_rows=rows,
    )


def _saved_reading(
    sheet: SheetGrid,
    choice: LayoutChoice,
    default_year: int | None,
    found: SheetLayout | None,
    *,
    given: bool,
) -> SheetLayout | None:
    """The layout as a saved profile read the same header (None when no profile knows it)."""
    for name, reading in choice.readings:
        layout = None
        if found is not None and not given and reading.found_signature == found.signature:
            first, last = reading.header_rows
            layout = _found(sheet, choice, default_year, (first - 1, last - 1))
        elif not given:
            first, last = reading.header_rows
            if last <= len(sheet.rows):
                layout = _found(sheet, choice, default_year, (first - 1, last - 1))
                if layout is not None and layout.signature != reading.signature:
                    layout = None
        if layout is not None and layout.signature == reading.signature:
            return replace(reading.apply(layout), profile=name)
    return None


def read_layouts(
    files: list[Path], choice: tuple[LayoutChoice, int | None], hidden: bool, progress: Progress
) -> tuple[dict[tuple[str, str], tuple[SheetGrid, SheetLayout]], list[str]]:
    """Every readable sheet with a header (read as `choice` and the campaign's year say), and
    what could not be read; the wizard runs it off the window's thread."""

    found: dict[tuple[str, str], tuple[SheetGrid, SheetLayout]] = {}
    problems = []
    for done, path in enumerate(files):
        progress(done, len(files), f"正在读取「{path.name}」…")
        try:
            book = read_workbook(path)
        except UserError as exc:
            problems.append(exc.message)
            continue
        for sheet in book.sheets:
            if sheet.hidden and not hidden:
                continue
            layout = sheet_layout(sheet, *choice)
            if layout is not None:
                found[(path.name, sheet.name)] = (sheet, layout)
    return found, problems


def column_samples(rows: list[list[Any]], layout: SheetLayout) -> dict[int, str]:
    """Up to three values per column from the first data rows (not 合计 or grouping rows)."""
    from app.exchange.row_frame import RowKind, row_kind

    name = layout.column("name") or layout.column("project_name")
    found: dict[int, list[str]] = {}
    for cells in rows[layout.first_data_row : layout.first_data_row + 12]:
        if row_kind(cells, name.index if name else None) is not RowKind.DATA:
            continue
        for index, value in enumerate(cells):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            text = str(value).strip() if value not in (None, "") else ""
            if text and len(found.setdefault(index, [])) < 3:
                found[index].append(text[:20])
    return {index: "、".join(values) for index, values in found.items()}


def choice_for(
    session: Session, campaign_id: int | None, profile: str | None
) -> tuple[LayoutChoice, int | None]:
    """How to read sheets with the profile the clerk chose (none or the built-in one: every
    saved office layout, used where its header is seen), and the chosen campaign's year."""
    from app.exchange.profiles import DEFAULT_NAME, load_profile, saved_readings

    chosen = profile and profile != DEFAULT_NAME
    known = load_profile(session, profile).known_headers() if chosen else None
    readings = tuple(saved_readings(session)) if known is None else ()
    campaign = session.get(Campaign, campaign_id) if campaign_id is not None else None
    return LayoutChoice(known, readings), campaign.end_date.year if campaign else None
