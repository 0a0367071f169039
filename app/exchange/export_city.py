"""The workbook for the higher office: a sheet per list (附表1 … 附表7), 问题台账 and 督办台账.

Each list sheet: a title row, the unit line, a two-row header with merged group cells, 序号, the
projects, and a 合计 row of SUM formulas; A3 landscape, header rows repeated on every printed
page, frozen panes, widths that fit Chinese text, 仿宋 body and 黑体 title, thousands separators.
Written with the small writer in `xlsx_writer` (faster than xlsxwriter or openpyxl for these
tables); text is always written as text (a name starting
with = + - @ never becomes a formula). The ledger sheets are written by `export_ledgers`.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app import __version__
from app.exchange.column_letters import column_letter
from app.exchange.export_ledgers import problems_sheet, supervision_sheet
from app.exchange.export_styles import ExportStyles, text_width
from app.exchange.profiles import ExchangeProfile, ProfileColumn
from app.exchange.xlsx_writer import Formula, Sheet, Workbook
from app.infra.errors import UserError, os_reason
from app.infra.gc_pause import gc_paused
from app.infra.output_folder import ensure_parent
from app.infra.progress import Progress
from app.projects.fields_query import project_fields_select
from db.models import (
    Campaign,
    MonthlyReport,
    Project,
    ProjectList,
)

log = logging.getLogger("gongjian.exchange")

_MONEY_KEYS = {
    "total_investment",
    "annual_plan",
    "campaign_target",
    "ytd_completed",
    "month_completed",
    "bond_issued",
    "bond_spent",
}
_DATE_KEYS = {"planned_start", "planned_finish", "actual_start", "actual_finish"}
_WRAPPED = {"name", "content", "progress", "remarks", "owner", "lead_unit", "cooperating_units"}
_WIDE = {"name": 28, "content": 36, "progress": 30, "remarks": 16, "code": 26, "owner": 22}


@dataclass(frozen=True)
class ExportScope:
    """Which campaign, and which year and month the figures are for (1-{month}月完成投资)."""

    campaign_id: int | None
    year: int
    month: int


def export_scope(session: Session, campaign_id: int | None, as_of: dt.date) -> ExportScope:
    """The campaign's latest month with reports up to `as_of` (else as_of's month)."""
    month = session.scalar(
        select(func.max(MonthlyReport.month))
        .join(Project, MonthlyReport.project_id == Project.id)
        .where(
            Project.campaign_id == campaign_id,
            MonthlyReport.year == as_of.year,
            MonthlyReport.month <= as_of.month,
        )
    )
    return ExportScope(campaign_id, as_of.year, month or as_of.month)


@gc_paused()
def export_workbook(
    session: Session,
    out: Path,
    profile: ExchangeProfile,
    scope: ExportScope,
    *,
    office: str = "",
    progress: Progress | None = None,
) -> int:
    """Write the workbook; return the number of projects written."""
    campaign = session.get(Campaign, scope.campaign_id) if scope.campaign_id is not None else None
    if campaign is None:
        raise UserError("数据库中还没有攻坚行动和项目，无法导出。请先新建攻坚行动。")
    lists = [pl for pl in campaign.lists if not profile.lists or pl.name in profile.lists]
    rows_by_list = _project_rows(session, [pl.id for pl in lists], scope)
    total = sum(len(r) for r in rows_by_list.values())
    book = Workbook()
    styles = ExportStyles(book, profile)
    written = 0
    for project_list in lists:
        rows = rows_by_list.get(project_list.id, [])
        sheet = book.add_sheet(f"附表{project_list.number}")
        _list_sheet(sheet, styles, profile, scope, project_list, rows, office)
        written += len(rows)
        if progress is not None:
            progress(written, total)  # Cancelled here: nothing has been written to `out`
    if profile.problems_sheet:
        problems_sheet(book.add_sheet("问题台账"), styles, session, campaign.id)
    if profile.supervision_sheet:
        supervision_sheet(book.add_sheet("督办台账"), styles, session, campaign.id)
    ensure_parent(out)  # a folder typed into the file name that does not exist yet
    try:
        book.save(
            out,
            title=campaign.name,
            author=office or "攻坚台账",
            comments=f"攻坚台账 {__version__}",
        )
    except OSError as exc:
        out.unlink(missing_ok=True)
        raise UserError(f"无法写入「{out}」：{os_reason(exc)}") from exc
    log.info("exported %d projects (profile %s) to %s", written, profile.name, out)
    return written


def _list_sheet(
    sheet: Sheet,
    styles: ExportStyles,
    profile: ExchangeProfile,
    scope: ExportScope,
    project_list: ProjectList,
    rows: list[dict[str, Any]],
    office: str,
) -> None:
    """附表N: title, unit line, two header rows, a row per project, the 合计 row."""
    columns = profile.columns
    count = len(columns)
    last = column_letter(count - 1)
    headers = [profile.header(c, scope.year, scope.month) for c in columns]
    sheet.widths.extend(_widths(columns, headers, rows))
    sheet.freeze = (4, 3)
    sheet.title_rows = (3, 4)
    title = f"附表{project_list.number} {project_list.name}清单"
    sheet.add_row([(title, styles.title)] + [(None, styles.title)] * (count - 1), 36)
    sheet.merges.append(f"A1:{last}1")
    side = [(f"填报单位：{office}" if office else None, styles.side)]
    side += [(None, styles.side)] * (count - 2) + [(f"单位：{profile.unit}", styles.side_right)]
    sheet.add_row(side)
    _header(sheet, styles, columns, headers)
    factor = Decimal(1) if profile.unit == "万元" else Decimal(10000)
    kinds = [_kind(c.key) for c in columns]
    wrapped = [(c.key, sheet.widths[i]) for i, c in enumerate(columns) if c.key in _WRAPPED]
    for offset, row in enumerate(rows):
        # Row heights are set, not left to the reader: LibreOffice does not fit them on opening.
        lines = max(
            (
                math.ceil(text_width(_cell_text(row.get(key))) / max(width - 1, 1))
                for key, width in wrapped
            ),
            default=1,
        )
        cells = []
        for column, kind in zip(columns, kinds, strict=True):
            value = offset + 1 if column.key == "number" else row.get(column.key)
            cells.append(_cell(kind, value, styles, factor))
        sheet.add_row(cells, max(18, 14.5 * lines + 4))
    sheet.add_row(_totals(styles, columns, rows, factor), 20)


def _widths(
    columns: tuple[ProfileColumn, ...], headers: list[str], rows: list[dict[str, Any]]
) -> list[float]:
    """Each column's width: its header or its longest text in the first 200 rows, bounded."""
    widths = []
    for index, column in enumerate(columns):
        texts = (_cell_text(r.get(column.key)) for r in rows[:200])
        longest = max([text_width(headers[index]) + 2, *(text_width(t) for t in texts)])
        least = 15 if column.key in _MONEY_KEYS else 8  # room for the bold 合计
        widths.append(min(max(longest, least), _WIDE.get(column.key, 18)))
    return widths


def _totals(
    styles: ExportStyles,
    columns: tuple[ProfileColumn, ...],
    rows: list[dict[str, Any]],
    factor: Decimal,
) -> list[tuple[Any, int]]:
    """The 合计 row below the projects: a SUM formula under each money column."""
    total_row = 5 + len(rows)
    name_column = next((i for i, c in enumerate(columns) if c.key == "name"), 0)
    totals: list[tuple[Any, int]] = []
    for c, column in enumerate(columns):
        if column.key in _MONEY_KEYS:
            col = column_letter(c)
            amounts = (r.get(column.key) for r in rows)
            total = sum((a for a in amounts if a is not None), Decimal(0)) / factor
            # The cached value goes with the formula: a reader that does not recalculate on
            # opening (LibreOffice's default for xlsx) still shows the total.
            formula = f"=SUM({col}5:{col}{total_row - 1})" if rows else "=0"
            totals.append((Formula(formula, float(total)), styles.total))
        elif c == name_column:
            totals.append(("合计", styles.total_label))
        else:
            totals.append((None, styles.text))
    return totals


def _header(
    sheet: Sheet, styles: ExportStyles, columns: tuple[ProfileColumn, ...], headers: list[str]
) -> None:
    """Two header rows: a group cell merged over its columns, single headers merged downwards."""
    upper: list[tuple[Any, int]] = []
    lower: list[tuple[Any, int]] = []
    index = 0
    while index < len(columns):
        group = columns[index].group
        if group:
            end = index
            while end + 1 < len(columns) and columns[end + 1].group == group:
                end += 1
            if end > index:
                sheet.merges.append(f"{column_letter(index)}3:{column_letter(end)}3")
            for c in range(index, end + 1):
                upper.append((group if c == index else None, styles.header))
                lower.append((headers[c], styles.header))
            index = end + 1
        else:
            sheet.merges.append(f"{column_letter(index)}3:{column_letter(index)}4")
            upper.append((headers[index], styles.header))
            lower.append((None, styles.header))
            index += 1
    sheet.add_row(upper, 24)
    sheet.add_row(lower, 36)


def _kind(key: str) -> str:
    if key in _MONEY_KEYS:
        return "money"
    if key in _DATE_KEYS:
        return "date"
    if key == "number":
        return "number"
    return "wrap" if key in _WRAPPED else "text"


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return "、".join(value)
    return str(value)


def _cell(kind: str, value: Any, styles: ExportStyles, factor: Decimal) -> tuple[Any, int]:
    if value is None or value == "" or value == ():
        return (None, styles.text)
    if kind == "money":
        return (value / factor if factor != 1 else value, styles.money)
    if kind == "date":
        return (value, styles.date)
    if kind == "number":
        return (value, styles.centre)
    return (_cell_text(value), styles.wrap if kind == "wrap" else styles.text)


def _project_rows(
    session: Session, list_ids: list[int], scope: ExportScope
) -> dict[int, list[dict[str, Any]]]:
    """The projects of the lists, with every exportable field, in one query."""
    ytd = aliased(MonthlyReport)
    keys, query = project_fields_select(
        {"ytd_completed": ytd.investment_year, "month_completed": ytd.investment_month}
    )
    query = (
        query.outerjoin(
            ytd,
            (ytd.project_id == Project.id) & (ytd.year == scope.year) & (ytd.month == scope.month),
        )
        .where(Project.list_id.in_(list_ids), Project.deleted_at.is_(None))
        .order_by(Project.id)
    )
    by_list: dict[int, list[dict[str, Any]]] = {}
    for row in session.connection().execute(query).all():
        values = dict(zip(keys, row[1:], strict=True))
        for key in ("stage", "level", "nature"):
            if values[key] is not None:
                values[key] = values[key].value
        by_list.setdefault(values["list_id"], []).append(values)
    return by_list
