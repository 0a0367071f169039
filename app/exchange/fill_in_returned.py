"""回收: a returned fill-in workbook read cell by cell, a bad cell refused with where and why.

The rest of the file stands when a cell is refused; a file that is not one of ours, or whose
hidden part was changed, is refused whole.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.exchange.cell_values import clean_text, is_blank, to_amount, to_date
from app.exchange.column_letters import column_letter
from app.exchange.fill_in_book import FORMAT, LABELS, MARK_SHEET, RETURNED_KEYS, SHEET, checksum
from app.exchange.reading import read_workbook
from app.infra.errors import UserError

V1_FORMAT = "gongjian-fill-in-1"  # books of earlier versions: four open columns from E
_V1_COLUMNS = {"month": 4, "cumulative": 5, "actual_start": 6, "progress": 7}
_KINDS = {
    "month": "amount",
    "cumulative": "amount",
    "actual_start": "date",
    "progress": "text",
    "bond": "amount",
}
Base = dict[str, Any]  # a project's fill-in fields: key → value as text (None when blank)


@dataclass
class Returned:
    """One returned file: whose, which month, and what it says per project."""

    file: str
    unit: str
    year: int
    month: int
    values: dict[int, Base]  # project id → the file's values (only the fields open to it)
    base: dict[int, Base]  # project id → values at export time
    rows: dict[int, int]  # project id → row number
    refused: list[str] = field(default_factory=list)  # bad cells, each with where and why

    def changed(self) -> int:
        """How many values the unit changed (bad cells not counted)."""
        return sum(
            1
            for pid, got in self.values.items()
            for key, value in got.items()
            if value != self.base[pid][key]
        )


def read_returned(path: Path) -> Returned:
    """A returned fill-in workbook, cell by cell: a bad cell is refused (kept in `refused` with
    its file, sheet, row and column) and the rest of the file stands. UserError when the file is
    not one of ours, or its hidden part was changed."""
    book = read_workbook(path)
    sheets = {s.name: s for s in book.sheets}
    mark = sheets.get(MARK_SHEET)
    if mark is None or len(mark.rows) < 2 or not mark.rows[0] or not mark.rows[1]:
        raise UserError(f"「{path.name}」不是本程序下发的填报表（缺少识别信息）。")
    try:
        payload = json.loads(str(mark.rows[0][0]))
    except ValueError:
        raise UserError(f"「{path.name}」的识别信息已损坏。") from None
    if checksum(payload) != str(mark.rows[1][0]) or payload.get("format") not in (
        FORMAT,
        V1_FORMAT,
    ):
        raise UserError(f"「{path.name}」的识别信息被改动过，无法确认是哪次下发的表格。")
    sheet = sheets.get(SHEET)
    if sheet is None:
        raise UserError(f"「{path.name}」缺少“{SHEET}”工作表。")
    columns: dict[str, int] = payload.get("columns", _V1_COLUMNS)
    opened: dict[str, list[str]] = payload.get("open", {})
    values: dict[int, Base] = {}
    rows: dict[int, int] = {}
    refused: list[str] = []
    year = int(payload["year"])
    for pid, row_number in payload["rows"]:
        cells = sheet.rows[row_number - 1] if row_number - 1 < len(sheet.rows) else []
        got: Base = {}
        for key in opened.get(str(pid), list(_V1_COLUMNS)):
            c = columns[key]
            raw = cells[c] if c < len(cells) else None
            try:
                got[key] = _read_cell(raw, _KINDS[key], LABELS[key], year)
            except UserError as exc:
                refused.append(
                    f"「{path.name}」工作表“{SHEET}”第 {row_number} 行 {column_letter(c)} 列："
                    f"{exc.message}"
                )
        values[int(pid)] = got
        rows[int(pid)] = row_number
    base = {int(k): {key: v.get(key) for key in RETURNED_KEYS} for k, v in payload["base"].items()}
    return Returned(
        path.name, payload["unit"], year, int(payload["month"]), values, base, rows, refused
    )


def _read_cell(raw: object, kind: str, label: str, year: int) -> str | None:
    """One cell's value as text, or UserError naming the field once and saying why."""
    if is_blank(raw):
        return None
    if kind == "amount":
        amount = to_amount(raw, field=label)
        return f"{amount:.2f}" if amount is not None else None
    if kind == "date":
        day = to_date(raw, year, field=label)
        return day.isoformat() if day else None
    return clean_text(raw)
