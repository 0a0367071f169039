"""The 周调度 sheet: four lists in one table, printed on A4 landscape with the title and the
column headings repeated on every page (openpyxl)."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app import __version__
from app.infra.errors import UserError, os_reason
from app.problems.weekly_dispatch import DispatchLine, WeeklyDispatch

COLUMNS = [
    ("序号", 6),
    ("项目名称", 22),
    ("问题类型", 9),
    ("问题表述", 40),
    ("责任单位", 11),
    ("协调层级", 11),
    ("提出时间", 11),
    ("解决时限", 11),
    ("状态", 8),
    ("最新进展", 32),
]
HEADINGS_ROW = 3  # title, period, then the column headings
TITLE_FONT = Font(name="宋体", size=16, bold=True)
BODY_FONT = Font(name="仿宋", size=10)
HEAD_FONT = Font(name="宋体", size=10, bold=True)
SECTION_FONT = Font(name="宋体", size=12, bold=True)
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="E8EDF2")
WRAP = Alignment(wrap_text=True, vertical="center")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _day(value: dt.date | None) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


def write_weekly_sheet(dispatch: WeeklyDispatch, path: Path, office: str = "") -> None:
    """Write the sheet to `path` (.xlsx)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "周调度"
    _page_setup(sheet)
    width = len(COLUMNS)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    title = sheet.cell(1, 1, "重点项目问题周调度表")
    title.font, title.alignment = TITLE_FONT, CENTRE
    sheet.row_dimensions[1].height = 30
    period = f"{dispatch.monday:%Y年%m月%d日}—{dispatch.sunday:%m月%d日}"
    made = f"制表日期：{dt.date.today():%Y年%m月%d日}"
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    subtitle = sheet.cell(2, 1, "　　".join(p for p in (f"调度周期：{period}", office, made) if p))
    subtitle.font, subtitle.alignment = BODY_FONT, CENTRE
    for column, (name, _) in enumerate(COLUMNS, start=1):
        head = sheet.cell(HEADINGS_ROW, column, name)
        head.font, head.alignment, head.border, head.fill = HEAD_FONT, CENTRE, BOX, HEAD_FILL
    sheet.row_dimensions[HEADINGS_ROW].height = 20
    row = HEADINGS_ROW + 1
    sections = [
        ("一、新增问题", dispatch.new),
        ("二、推进落实", dispatch.pushed),
        ("三、已办结销号", dispatch.closed),
        ("四、逾期未办结", dispatch.overdue),
    ]
    for heading, lines in sections:
        row = _section(
            sheet, row, f"{heading}（{len(lines)}个）", lines, closed=heading.startswith("三")
        )
    for index, (_, column_width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column_width
    book.properties.title = f"重点项目问题周调度表 {period}"
    book.properties.creator = f"攻坚台账 {__version__}"
    try:
        book.save(path)
    except OSError as exc:
        raise UserError(
            f"无法写入「{path}」：{os_reason(exc)}（文件可能正被 Excel/WPS 打开）。"
        ) from exc


def _lines(text: str, column_width: float) -> int:
    """How many lines `text` wraps to in a column (CJK characters are two units wide)."""
    units = sum(2 if ord(char) > 0x2E7F else 1 for char in text)
    return max(1, math.ceil(units / max(column_width - 1.5, 1)))


def _page_setup(sheet: Worksheet) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    # The column headings are a row of their own, printed again at the top of every page
    # (four sections under one set of headings, so a section continued on the next page
    # still has them).
    sheet.print_title_rows = f"1:{HEADINGS_ROW}"
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"


def _section(
    sheet: Worksheet, row: int, heading: str, lines: list[DispatchLine], *, closed: bool
) -> int:
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(COLUMNS))
    cell = sheet.cell(row, 1, heading)
    cell.font, cell.border = SECTION_FONT, BOX
    sheet.row_dimensions[row].height = 20
    row += 1
    if not lines:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(COLUMNS))
        empty = sheet.cell(row, 1, "（无）")
        empty.font, empty.alignment, empty.border = BODY_FONT, CENTRE, BOX
        return row + 1
    for number, line in enumerate(lines, start=1):
        values = [
            number,
            line.project,
            line.type,
            line.description,
            line.unit,
            line.level,
            _day(line.raised_on),
            _day(line.deadline),
            line.state.value,
            f"{_day(line.closed_on)} 销号" if closed else line.progress,
        ]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row, column, value)
            cell.font, cell.border = BODY_FONT, BOX
            cell.alignment = CENTRE if column in (1, 3, 6, 7, 8, 9) else WRAP
        # Spreadsheets do not grow rows for wrapped text written by a program: size them here.
        text_lines = max(
            _lines(str(value), width) for value, (_, width) in zip(values, COLUMNS, strict=True)
        )
        sheet.row_dimensions[row].height = 4 + 13.5 * text_lines
        row += 1
    return row
