"""The fill-in workbook (填报表) a responsible unit fills and prints, and its hidden mark.

One row per project of the unit. Only what the unit reports is open: the office's entered
figure (本月完成 or 今年累计, as the office enters them), 形象进度, 实际开工时间 while none is
recorded, and 专项债累计支出 for projects with bonds issued. 此前累计 stands locked beside them
and the other figure is a formula, so the rule written above the table (填本月完成，累计自动计算)
is what the sheet does. It prints on A4 landscape, fitted to the page width, with the title and
the column headings on every page. A very hidden sheet holds the project ids, where each value
sits, the values at export time and a checksum, so a returned file identifies itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from app import __version__
from app.exchange.column_letters import column_letter
from app.infra.errors import UserError
from app.infra.faults import failure_reason
from app.reports.monthly_reports import EntryMode

MARK_SHEET = "_gongjian"
SHEET = "填报"
FORMAT = "gongjian-fill-in-2"
TITLE_ROWS = 3  # title, the rule, the column headings: repeated on every printed page


@dataclass(frozen=True)
class BookColumn:
    """One column of the sheet: its key, heading, kind and width (in characters)."""

    key: str
    header: str
    kind: str  # text, code (never wrapped), amount, date, number
    width: float


COLUMNS = (
    BookColumn("seq", "序号", "number", 5),
    BookColumn("code", "项目代码", "code", 25),
    BookColumn("name", "项目名称", "text", 28),
    BookColumn("list", "项目清单", "text", 13),
    BookColumn("previous", "此前累计（万元）", "amount", 13),
    BookColumn("month", "本月完成投资（万元）", "amount", 13),
    BookColumn("cumulative", "今年累计完成投资（万元）", "amount", 14),
    BookColumn("actual_start", "实际开工时间", "date", 12),
    BookColumn("progress", "形象进度", "text", 32),
    BookColumn("bond_issued", "已发行专项债（万元）", "amount", 13),
    BookColumn("bond", "专项债累计支出（万元）", "amount", 14),
)
POSITION = {column.key: index for index, column in enumerate(COLUMNS)}
LABELS = {column.key: column.header for column in COLUMNS}
# What a returned book can carry back (each one only where it was open).
RETURNED_KEYS = ("month", "cumulative", "actual_start", "progress", "bond")


@dataclass(frozen=True)
class BookRow:
    """One project in the book, with the values stored now (text, as they travel in JSON)."""

    project_id: int
    code: str
    name: str
    list_name: str
    previous: Decimal | None
    bond_issued: Decimal | None
    base: dict[str, str | None]  # RETURNED_KEYS → stored value


def open_keys(row: BookRow, mode: EntryMode) -> list[str]:
    """The fields the unit may fill for this project."""
    keys = ["month" if mode is EntryMode.MONTH else "cumulative", "progress"]
    if row.base.get("actual_start") is None:
        keys.insert(1, "actual_start")  # a start already recorded is not the unit's to change
    if row.bond_issued:
        keys.append("bond")
    return keys


def checksum(payload: dict[str, Any]) -> str:
    """The mark's checksum (a changed mark no longer matches)."""
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_book(
    out: Path,
    unit_id: int,
    unit: str,
    year: int,
    month: int,
    mode: EntryMode,
    rows: list[BookRow],
    office: str = "",
) -> None:
    """Write the unit's fill-in workbook to `out`."""
    import xlsxwriter

    # Written under a temporary name and renamed when whole: a full disk leaves no half a book.
    partial = out.with_name(f".{out.name}.partial")
    book = xlsxwriter.Workbook(
        str(partial), {"strings_to_formulas": False, "strings_to_numbers": False}
    )
    book.set_properties(
        {"title": f"{unit} {year}年{month}月填报", "comments": f"攻坚台账 {__version__}"}
    )
    formats = _Formats(book)
    sheet = book.add_worksheet(SHEET)
    _write_top(sheet, formats, f"{unit} {year}年{month}月重点项目进展填报表", _rule(mode, office))
    marks: list[list[int]] = []
    opened: dict[str, list[str]] = {}
    for offset, row in enumerate(rows):
        r = TITLE_ROWS + offset
        keys = open_keys(row, mode)
        opened[str(row.project_id)] = keys
        marks.append([row.project_id, r + 1])
        sheet.set_row(r, _height(row))
        _write_row(sheet, formats, r, offset + 1, row, keys, mode)
    _validate(sheet, rows, mode)
    sheet.protect("", {"format_columns": True, "format_rows": True})
    _page_setup(sheet, unit, year, month)
    payload = {
        "format": FORMAT,
        "unit_id": unit_id,
        "unit": unit,
        "year": year,
        "month": month,
        "mode": mode.name,
        "exported_at": dt.datetime.now().replace(microsecond=0).isoformat(),
        "columns": {key: POSITION[key] for key in RETURNED_KEYS},
        "rows": marks,
        "open": opened,
        "base": {str(row.project_id): row.base for row in rows},
    }
    _add_mark(book, payload)
    try:
        book.close()
        os.replace(partial, out)
    except (OSError, xlsxwriter.exceptions.FileCreateError) as exc:
        partial.unlink(missing_ok=True)
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else exc
        raise UserError(
            f"无法写入「{out.name}」：{failure_reason(cause)}（文件可能正被 Excel/WPS 打开）。"
        ) from exc


def _write_top(sheet: Any, formats: _Formats, title: str, rule: str) -> None:
    """Column widths, the title, the rule and the column headings (the rows printed on every
    page), the panes frozen below them."""
    last = len(COLUMNS) - 1
    for index, column in enumerate(COLUMNS):
        sheet.set_column(index, index, column.width)
    sheet.set_row(0, 30)
    sheet.merge_range(0, 0, 0, last, title, formats.title)
    sheet.set_row(1, 48)
    sheet.merge_range(1, 0, 1, last, rule, formats.rule)
    sheet.set_row(2, 45)  # three lines: the longest heading wraps within its column
    for index, column in enumerate(COLUMNS):
        # The unit on a line of its own: "（万元）" is never split from its bracket.
        sheet.write_string(2, index, column.header.replace("（", "\n（"), formats.header)
    sheet.freeze_panes(TITLE_ROWS, 3)


def _add_mark(book: Any, payload: dict[str, Any]) -> None:
    """The very hidden, protected sheet with the mark and its checksum."""
    mark = book.add_worksheet(MARK_SHEET)
    mark.write_string(0, 0, json.dumps(payload, ensure_ascii=False))
    mark.write_string(1, 0, checksum(payload))
    mark.very_hidden()
    mark.protect()


def _rule(mode: EntryMode, office: str) -> str:
    derived = (
        "今年累计 = 此前累计 + 本月完成，由表格自动计算"
        if mode is EntryMode.MONTH
        else "本月完成 = 今年累计 − 此前累计，由表格自动计算"
    )
    sender = f"（{office}下发）" if office else ""
    return (
        f"填报方式：{mode.value}{sender}。{derived}。白色格子填写，灰色格子已锁定；"
        "金额单位：万元。已登记实际开工时间的项目不再填写开工时间；专项债累计支出只有已发行专项债的项目填写，"
        "不超过已发行额。请勿增删行、改动表格结构。"
    )


def _height(row: BookRow) -> float:
    """Row height in points: one line, or as many as the name or 形象进度 wraps to (LibreOffice
    does not grow rows by itself when it opens the file)."""

    def lines(key: str, text: str | None) -> int:
        per_line = max(int(COLUMNS[POSITION[key]].width / 2) - 1, 1)  # CJK: two units wide
        return max(1, -(-len(text or "") // per_line))

    wrapped = max(lines("name", row.name), lines("progress", row.base.get("progress")))
    return 18 + 14 * (min(wrapped, 6) - 1)


class _Formats:
    """The cell formats of the book."""

    def __init__(self, book: Any) -> None:
        base = {"font_name": "仿宋", "font_size": 11, "border": 1, "valign": "vcenter"}
        self.title = book.add_format(
            {"font_name": "黑体", "font_size": 16, "align": "center", "valign": "vcenter"}
        )
        self.rule = book.add_format(
            {"font_name": "仿宋", "font_size": 10, "text_wrap": True, "valign": "top"}
        )
        self.header = book.add_format(
            {
                **base,
                "font_name": "宋体",
                "bold": True,
                "align": "center",
                "text_wrap": True,
                "bg_color": "#DDEBF7",
            }
        )
        grey = {**base, "locked": True, "bg_color": "#F2F2F2"}
        white = {**base, "locked": False}
        self.locked = {
            "text": book.add_format({**grey, "text_wrap": True}),
            "code": book.add_format(grey),
            "number": book.add_format({**grey, "align": "center"}),
            "amount": book.add_format({**grey, "num_format": "#,##0.00"}),
            "date": book.add_format({**grey, "num_format": "yyyy-mm-dd"}),
        }
        self.open = {
            "text": book.add_format({**white, "text_wrap": True}),
            "code": book.add_format(white),
            "amount": book.add_format({**white, "num_format": "#,##0.00"}),
            "date": book.add_format({**white, "num_format": "yyyy-mm-dd"}),
        }


def _write_row(
    sheet: Any,
    formats: _Formats,
    r: int,
    seq: int,
    row: BookRow,
    keys: list[str],
    mode: EntryMode,
) -> None:
    values: dict[str, object] = {
        "seq": seq,
        "code": row.code,
        "name": row.name,
        "list": row.list_name,
        "previous": row.previous,
        "bond_issued": row.bond_issued,
        **row.base,
    }
    derived = "cumulative" if mode is EntryMode.MONTH else "month"
    for c, column in enumerate(COLUMNS):
        is_open = column.key in keys
        style = (formats.open if is_open else formats.locked)[column.kind]
        if column.key == derived:
            _write_formula(sheet, r, c, mode, row, style)
            continue
        value = values.get(column.key)
        if value is None or value == "":
            sheet.write_blank(r, c, None, style)
        elif column.kind == "number":
            sheet.write_number(r, c, int(str(value)), style)
        elif column.kind == "amount":
            sheet.write_number(r, c, float(str(value)), style)
        elif column.kind == "date":
            sheet.write_datetime(r, c, dt.datetime.fromisoformat(str(value)), style)
        else:
            sheet.write_string(r, c, str(value), style)


def _write_formula(sheet: Any, r: int, c: int, mode: EntryMode, row: BookRow, style: Any) -> None:
    """The derived figure as a formula, with its value cached (LibreOffice shows the cache)."""
    previous = f"{column_letter(POSITION['previous'])}{r + 1}"
    month = f"{column_letter(POSITION['month'])}{r + 1}"
    total = f"{column_letter(POSITION['cumulative'])}{r + 1}"
    before = row.previous or Decimal(0)
    if mode is EntryMode.MONTH:
        entered = row.base.get("month")
        formula = f'=IF({month}="","",N({previous})+{month})'
        cached = float(before + Decimal(entered)) if entered is not None else ""
    else:
        entered = row.base.get("cumulative")
        formula = f'=IF({total}="","",{total}-N({previous}))'
        cached = float(Decimal(entered) - before) if entered is not None else ""
    sheet.write_formula(r, c, formula, style, cached)


def _validate(sheet: Any, rows: list[BookRow], mode: EntryMode) -> None:
    """Amounts not below 0, dates that are dates, bond spending not above the bonds issued."""
    first, last = TITLE_ROWS, TITLE_ROWS + len(rows) - 1
    if not rows:
        return
    entered = POSITION["month" if mode is EntryMode.MONTH else "cumulative"]
    sheet.data_validation(
        first,
        entered,
        last,
        entered,
        {
            "validate": "decimal",
            "criteria": ">=",
            "value": 0,
            "error_title": "金额",
            "error_message": "请填写不小于 0 的数字（万元）。",
        },
    )
    start = POSITION["actual_start"]
    sheet.data_validation(
        first,
        start,
        last,
        start,
        {
            "validate": "date",
            "criteria": "between",
            "minimum": dt.date(2000, 1, 1),
            "maximum": dt.date(2100, 12, 31),
            "error_title": "日期",
            "error_message": "请填写日期，如 2022-08-31。",
        },
    )
    bond = POSITION["bond"]
    for offset, row in enumerate(rows):
        if row.bond_issued:
            sheet.data_validation(
                first + offset,
                bond,
                first + offset,
                bond,
                {
                    "validate": "decimal",
                    "criteria": "between",
                    "minimum": 0,
                    "maximum": float(row.bond_issued),
                    "error_title": "专项债累计支出",
                    "error_message": f"不超过已发行的 {row.bond_issued} 万元。",
                },
            )


def _page_setup(sheet: Any, unit: str, year: int, month: int) -> None:
    """A4 landscape, fitted to the page width, title and headings on every page."""
    sheet.set_paper(9)  # A4
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)  # one page wide, as many tall as needed
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.center_horizontally()
    sheet.repeat_rows(0, TITLE_ROWS - 1)
    sheet.set_footer(f"&C{unit} {year}年{month}月填报表　第 &P 页，共 &N 页")
