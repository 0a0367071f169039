"""The workbook for the higher office: a sheet per list (附表1 … 附表7), 问题台账 and 督办台账.

Each list sheet: a title row, the unit line, a two-row header with merged group cells, 序号, the
projects, and a 合计 row of SUM formulas; A3 landscape, header rows repeated on every printed
page, frozen panes, widths that fit Chinese text, 仿宋 body and 黑体 title, thousands separators.
Written with xlsxwriter (not in constant-memory mode: the merged two-row header writes rows out
of order); text is always written as text (a name starting
with = + - @ never becomes a formula).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app import __version__
from app.errors import UserError
from app.exchange.profiles import ExchangeProfile, ProfileColumn
from app.exchange.sheet_layout import letter
from app.overview import current_campaign
from app.problem_ledger import latest_progress
from app.supervision_ledger import supervisions
from db.models import (
    MonthlyReport,
    Person,
    Problem,
    Project,
    ProjectList,
    Unit,
    problem_cooperating_unit,
)

Progress = Callable[[int, int], bool]
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
    """Which year and month the figures are for (1-{month}月完成投资)."""

    year: int
    month: int


def export_scope(session: Session, as_of: dt.date) -> ExportScope:
    """The latest month with reports up to `as_of` (else as_of's month)."""
    month = session.scalar(
        select(func.max(MonthlyReport.month)).where(
            MonthlyReport.year == as_of.year, MonthlyReport.month <= as_of.month
        )
    )
    return ExportScope(as_of.year, month or as_of.month)


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
    import xlsxwriter

    campaign = current_campaign(session)
    if campaign is None:
        raise UserError("数据库中还没有攻坚行动和项目，无法导出。")
    lists = [pl for pl in campaign.lists if not profile.lists or pl.name in profile.lists]
    rows_by_list = _project_rows(session, [pl.id for pl in lists], scope)
    total = sum(len(r) for r in rows_by_list.values())
    try:
        book = xlsxwriter.Workbook(
            str(out),
            {
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
    except OSError as exc:
        raise UserError(f"无法写入「{out}」：{exc}") from exc
    book.set_properties(
        {
            "title": campaign.name,
            "subject": "重点项目清单",
            "author": office or "攻坚台账",
            "comments": f"攻坚台账 {__version__} 导出",
        }
    )
    book.set_custom_property("攻坚台账版本", __version__)
    styles = _Styles(book, profile)
    written = 0
    try:
        for project_list in lists:
            rows = rows_by_list.get(project_list.id, [])
            sheet = book.add_worksheet(f"附表{project_list.number}"[:31])
            _list_sheet(sheet, styles, profile, scope, project_list, rows, office)
            written += len(rows)
            if progress is not None and not progress(written, total):
                raise UserError("导出已取消。")
        if profile.problems_sheet:
            _problems_sheet(book.add_worksheet("问题台账"), styles, session)
        if profile.supervision_sheet:
            _supervision_sheet(book.add_worksheet("督办台账"), styles, session)
        book.close()
    except BaseException:
        try:
            book.close()
        finally:
            out.unlink(missing_ok=True)
        raise
    return written


class _Styles:
    """The workbook's formats, made once."""

    def __init__(self, book: Any, profile: ExchangeProfile) -> None:
        body = {"font_name": "仿宋", "font_size": 11, "border": 1, "valign": "vcenter"}
        self.title = book.add_format(
            {"font_name": "黑体", "font_size": 18, "align": "center", "valign": "vcenter"}
        )
        self.side = book.add_format({"font_name": "仿宋", "font_size": 11})
        self.side_right = book.add_format({"font_name": "仿宋", "font_size": 11, "align": "right"})
        self.header = book.add_format(
            {
                "font_name": "宋体",
                "font_size": 11,
                "bold": True,
                "border": 1,
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
                "bg_color": "#F2F2F2",
            }
        )
        self.text = book.add_format(body)
        self.wrap = book.add_format({**body, "text_wrap": True})
        self.centre = book.add_format({**body, "align": "center"})
        money = "#,##0.00" if profile.unit == "万元" else "#,##0.0000"
        self.money = book.add_format({**body, "num_format": money})
        self.total = book.add_format({**body, "num_format": money, "bold": True})
        self.total_label = book.add_format({**body, "bold": True, "align": "center"})
        self.date = book.add_format({**body, "num_format": profile.date_format, "align": "center"})


def _width(text: str) -> float:
    return sum(2.1 if ord(c) > 0x2E80 else 1.1 for c in text)


def _list_sheet(
    sheet: Any,
    styles: _Styles,
    profile: ExchangeProfile,
    scope: ExportScope,
    project_list: ProjectList,
    rows: list[dict[str, Any]],
    office: str,
) -> None:
    columns = profile.columns
    last = len(columns) - 1
    headers = [profile.header(c, scope.year, scope.month) for c in columns]
    widths = []
    for index, column in enumerate(columns):
        longest = max(
            [
                _width(headers[index]) + 2,
                *(_width(_cell_text(r.get(column.key))) for r in rows[:200]),
            ]
        )
        least = 15 if column.key in _MONEY_KEYS else 8  # room for the bold 合计
        width = min(max(longest, least), _WIDE.get(column.key, 18))
        widths.append(width)
        sheet.set_column(index, index, width)
    sheet.set_landscape()
    sheet.set_paper(8)  # A3
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.repeat_rows(2, 3)
    sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()
    sheet.set_footer("&C第 &P 页，共 &N 页")
    sheet.freeze_panes(4, 3)
    sheet.set_row(0, 36)
    title = f"附表{project_list.number} {project_list.name}清单"
    sheet.merge_range(0, 0, 0, last, title, styles.title)
    sheet.write_string(1, 0, f"填报单位：{office}" if office else "", styles.side)
    sheet.write_string(1, last, f"单位：{profile.unit}", styles.side_right)
    _header(sheet, styles, columns, headers)
    factor = Decimal(1) if profile.unit == "万元" else Decimal(10000)
    wrapped = [(i, c.key, widths[i]) for i, c in enumerate(columns) if c.key in _WRAPPED]
    for offset, row in enumerate(rows):
        r = 4 + offset
        # Row heights are set, not left to the reader: LibreOffice does not fit them on opening.
        lines = max(
            (
                math.ceil(_width(_cell_text(row.get(key))) / max(width - 1, 1))
                for _i, key, width in wrapped
            ),
            default=1,
        )
        sheet.set_row(r, max(18, 14.5 * lines + 4))
        for c, column in enumerate(columns):
            value = offset + 1 if column.key == "number" else row.get(column.key)
            _write(sheet, styles, r, c, column.key, value, factor)
    total_row = 4 + len(rows)
    name_column = next((i for i, c in enumerate(columns) if c.key == "name"), 0)
    for c, column in enumerate(columns):
        if column.key in _MONEY_KEYS:
            col = letter(c)
            formula = f"=SUM({col}5:{col}{total_row})" if rows else "=0"
            # The computed sum goes in as the formula's cached value: a reader that does not
            # recalculate on opening (LibreOffice's default for xlsx) still shows the total.
            amounts = (r.get(column.key) for r in rows)
            total = sum((a for a in amounts if a is not None), Decimal(0)) / factor
            sheet.write_formula(total_row, c, formula, styles.total, float(total))
        elif c == name_column:
            sheet.write_string(total_row, c, "合计", styles.total_label)
        else:
            sheet.write_blank(total_row, c, None, styles.text)


def _header(
    sheet: Any, styles: _Styles, columns: tuple[ProfileColumn, ...], headers: list[str]
) -> None:
    """Two header rows: a group cell merged over its columns, single headers merged downwards."""
    sheet.set_row(2, 24)
    sheet.set_row(3, 36)
    index = 0
    while index < len(columns):
        group = columns[index].group
        if group:
            end = index
            while end + 1 < len(columns) and columns[end + 1].group == group:
                end += 1
            if end > index:
                sheet.merge_range(2, index, 2, end, group, styles.header)
            else:
                sheet.write_string(2, index, group, styles.header)
            for c in range(index, end + 1):
                sheet.write_string(3, c, headers[c], styles.header)
            index = end + 1
        else:
            sheet.merge_range(2, index, 3, index, headers[index], styles.header)
            index += 1


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return "、".join(value)
    return str(value)


def _write(
    sheet: Any, styles: _Styles, r: int, c: int, key: str, value: Any, factor: Decimal
) -> None:
    if value is None or value == "" or value == ():
        sheet.write_blank(r, c, None, styles.text)
    elif key in _MONEY_KEYS:
        sheet.write_number(r, c, float(value / factor), styles.money)
    elif key in _DATE_KEYS:
        sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), styles.date)
    elif key == "number":
        sheet.write_number(r, c, value, styles.centre)
    else:
        style = styles.wrap if key in _WRAPPED else styles.text
        sheet.write_string(r, c, _cell_text(value), style)


def _project_rows(
    session: Session, list_ids: list[int], scope: ExportScope
) -> dict[int, list[dict[str, Any]]]:
    """The projects of the lists, with every exportable field, in one query."""
    owner, lead = aliased(Unit), aliased(Unit)
    leader, chief, specialist = aliased(Person), aliased(Person), aliased(Person)
    ytd = aliased(MonthlyReport)
    columns = {
        "list_id": Project.list_id,
        "code": Project.code,
        "name": Project.name,
        "stage": Project.stage,
        "level": Project.level,
        "nature": Project.nature,
        "industry": Project.industry,
        "location": Project.location,
        "park": Project.park,
        "content": Project.content,
        "owner": owner.name,
        "total_investment": Project.total_investment,
        "annual_plan": Project.annual_plan,
        "campaign_target": Project.campaign_target,
        "ytd_completed": ytd.investment_year,
        "month_completed": ytd.investment_month,
        "planned_start": Project.planned_start,
        "planned_finish": Project.planned_finish,
        "actual_start": Project.actual_start,
        "actual_finish": Project.actual_finish,
        "progress": Project.latest_progress,
        "lead_unit": lead.name,
        "leader": leader.name,
        "chief_officer": chief.name,
        "specialist": specialist.name,
        "contact": Project.contact,
        "bond_issued": Project.bond_issued,
        "bond_spent": Project.bond_spent,
        "remarks": Project.remarks,
    }
    query = (
        select(*columns.values())
        .outerjoin(owner, Project.owner_id == owner.id)
        .outerjoin(lead, Project.lead_unit_id == lead.id)
        .outerjoin(leader, Project.leader_id == leader.id)
        .outerjoin(chief, Project.chief_officer_id == chief.id)
        .outerjoin(specialist, Project.specialist_id == specialist.id)
        .outerjoin(
            ytd,
            (ytd.project_id == Project.id) & (ytd.year == scope.year) & (ytd.month == scope.month),
        )
        .where(Project.list_id.in_(list_ids), Project.deleted_at.is_(None))
        .order_by(Project.id)
    )
    keys = list(columns)
    by_list: dict[int, list[dict[str, Any]]] = {}
    for row in session.connection().execute(query).all():
        values = dict(zip(keys, row, strict=True))
        for key in ("stage", "level", "nature"):
            if values[key] is not None:
                values[key] = values[key].value
        by_list.setdefault(values["list_id"], []).append(values)
    return by_list


def _problems_sheet(sheet: Any, styles: _Styles, session: Session) -> None:
    headers = ["序号", "项目名称", "项目代码", "问题类型", "问题表述", "提出时间", "责任单位",
               "配合单位", "解决措施", "解决时限", "办理进度", "状态", "协调层级"]  # fmt: skip
    widths = [6, 28, 26, 10, 40, 12, 14, 14, 30, 12, 30, 8, 14]
    for index, width in enumerate(widths):
        sheet.set_column(index, index, width)
    _sheet_top(sheet, styles, "重点项目问题台账", headers)
    progress = latest_progress(session)
    cooperating: dict[int, list[str]] = {}
    for problem_id, name in session.execute(
        select(problem_cooperating_unit.c.problem_id, Unit.name)
        .join(Unit, Unit.id == problem_cooperating_unit.c.unit_id)
        .order_by(problem_cooperating_unit.c.problem_id, Unit.name)
    ):
        cooperating.setdefault(problem_id, []).append(name)
    lead = aliased(Unit)
    query = (
        select(
            Problem.id,
            Project.name,
            Project.code,
            Problem.type,
            Problem.description,
            Problem.raised_on,
            lead.name,
            Problem.measures,
            Problem.deadline,
            Problem.state,
            Problem.level,
        )
        .join(Project, Problem.project_id == Project.id)
        .outerjoin(lead, Problem.lead_unit_id == lead.id)
        .where(Project.deleted_at.is_(None))
        .order_by(Problem.id)
    )
    rows = session.connection().execute(query).all()
    for offset, (
        pid,
        project,
        code,
        kind,
        text,
        raised,
        unit,
        measures,
        deadline,
        state,
        level,
    ) in enumerate(rows):
        values: list[Any] = [
            offset + 1,
            project,
            code,
            kind.value,
            text,
            raised,
            unit,
            "、".join(cooperating.get(pid, ())) or None,
            measures,
            deadline,
            progress.get(pid),
            state.value,
            level.value,
        ]
        _write_plain_row(sheet, styles, 2 + offset, values)


def _supervision_sheet(sheet: Any, styles: _Styles, session: Session) -> None:
    headers = ["序号", "督办对象", "所属项目", "督办类别", "责任单位", "开始日期",
               "结束日期", "督办次数", "最近督办"]  # fmt: skip
    widths = [6, 36, 28, 10, 14, 12, 12, 10, 40]
    for index, width in enumerate(widths):
        sheet.set_column(index, index, width)
    _sheet_top(sheet, styles, "重点项目督办台账", headers)
    for offset, row in enumerate(supervisions(session)):
        values: list[Any] = [
            offset + 1,
            row.subject,
            row.project,
            row.supervision_class.value,
            row.unit or None,
            row.started_on,
            row.ended_on,
            row.acts,
            row.last_act or None,
        ]
        _write_plain_row(sheet, styles, 2 + offset, values)


def _sheet_top(sheet: Any, styles: _Styles, title: str, headers: list[str]) -> None:
    sheet.set_landscape()
    sheet.set_paper(8)
    sheet.repeat_rows(1, 1)
    sheet.fit_to_pages(1, 0)
    sheet.freeze_panes(2, 2)
    sheet.set_row(0, 36)
    sheet.merge_range(0, 0, 0, len(headers) - 1, title, styles.title)
    for index, header in enumerate(headers):
        sheet.write_string(1, index, header, styles.header)


def _write_plain_row(sheet: Any, styles: _Styles, r: int, values: list[Any]) -> None:
    for c, value in enumerate(values):
        if value is None or value == "":
            sheet.write_blank(r, c, None, styles.text)
        elif isinstance(value, dt.date):
            sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), styles.date)
        elif isinstance(value, int):
            sheet.write_number(r, c, value, styles.centre)
        else:
            sheet.write_string(r, c, str(value), styles.wrap)
