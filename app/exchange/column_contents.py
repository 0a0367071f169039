"""Columns judged by what is under and around them: a column without a header (1, 2, 3 … is the
序号; texts where no name column is, the names), the row labels of a summary table, and a row
of column numbers under the header."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from app.exchange.cell_values import is_blank

if TYPE_CHECKING:
    from app.exchange.header_detection import ColumnMap


def headless(
    columns: list[ColumnMap], rows: list[list[Any]], first: int, problems: bool
) -> list[ColumnMap]:
    """Columns without a header, read by what is under them: 1, 2, 3 … is the 序号; texts where
    the sheet has no name column are the names (offices leave that header blank)."""
    name_key = "project_name" if problems else "name"
    keys = {c.key for c in columns}
    found = []
    for column in columns:
        if column.header or column.key is not None:
            found.append(column)
            continue
        values = [
            r[column.index]
            for r in rows[first : first + 8]
            if column.index < len(r) and not is_blank(r[column.index])
        ]
        numbers = [v for v in values if isinstance(v, (int, float))]
        texts = [v for v in values if isinstance(v, str)]
        if values and len(numbers) == len(values) and "number" not in keys and column.index <= 1:
            key, reason = "number", "没有表头；内容是 1、2、3……，按序号看待"
        elif texts and len(texts) == len(values) and name_key not in keys:
            if sum(len(t.strip()) for t in texts) / len(texts) >= 4:
                key, reason = name_key, "没有表头；内容像项目名称，按项目名称导入"
            else:
                found.append(column)
                continue
        else:
            found.append(column)
            continue
        keys.add(key)
        found.append(replace(column, header="（无表头）", key=key, how="concept", reason=reason,
                             concept=key))  # fmt: skip
    return found


_ROW_LABELS = frozenset({"park", "location", "lead_unit", "owner"})
_AMOUNTS = frozenset(
    {"total_investment", "annual_plan", "ytd_completed", "month_completed", "campaign_target"}
)


def summary_labels(columns: list[ColumnMap]) -> list[ColumnMap]:
    """A table without project names is a summary: its first column names the row's area or
    unit. An area fills no project field; a unit is kept only where the rows carry investment
    (a summary by responsible unit, as rankings read it), not in tables of counts."""
    label = next((c for c in columns if c.header and c.key != "number"), None)
    if label is None:
        return columns
    unitish = label.key in _ROW_LABELS or set(label.choices) & _ROW_LABELS
    if not unitish:
        return columns
    investment = any(c.key in _AMOUNTS for c in columns)
    if label.key == "lead_unit" and investment:
        return columns
    reason = "汇总表：每行是一个县区或单位，这一列是行的名称，不是项目的内容"
    cleared = replace(label, key=None, how=None, question=None, choices=(), reason=reason)
    return [cleared if c.index == label.index else c for c in columns]


def skip_numbering_row(rows: list[list[Any]], index: int) -> int:
    """A row of column numbers under the header (1 2 3 … or 甲 乙 丙) is not data."""
    if index >= len(rows):
        return index
    filled = [c for c in rows[index] if not is_blank(c)]
    if len(filled) < 3:
        return index
    numbers = [int(c) for c in filled if isinstance(c, (int, float)) and float(c).is_integer()]
    if len(numbers) == len(filled) and numbers == list(
        range(numbers[0], numbers[0] + len(numbers))
    ):
        return index + 1
    if all(isinstance(c, str) and c.strip() in "甲乙丙丁戊己庚辛壬癸" for c in filled):
        return index + 1
    return index
