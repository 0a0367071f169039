"""The bulletin's workbook: the month's figures as tables, one sheet each."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from app import APP_NAME, __version__
from app.bulletin.wording import bulletin_title, headline_paragraphs
from app.exchange.column_letters import column_letter
from app.exchange.xlsx_writer import Sheet, Style, Workbook
from app.statistics.figures import GroupFigures
from app.statistics.month_statistics import MonthStatistics
from app.statistics.rates import EMPTY
from app.statistics.table_columns import (
    FigureColumn,
    Kind,
    leader_columns,
    list_columns,
    unit_columns,
)
from app.values.date_format import chinese_date

SHEETS = ("总体情况", "分清单", "分单位排名", "分包联领导", "红色预警项目", "超期问题")


class _Styles:
    def __init__(self, book: Workbook) -> None:
        self.title = book.style(Style("黑体", 16, horizontal="center", border=False))
        self.note = book.style(Style(border=False, wrap=True))
        self.header = book.style(
            Style("宋体", 10, bold=True, fill="F2F2F2", horizontal="center", wrap=True)
        )
        self.text = book.style(Style(wrap=True))
        self.centre = book.style(Style(horizontal="center"))
        self.money = book.style(Style(number_format="#,##0.00"))
        self.percent = book.style(Style(number_format='0.0"%"', horizontal="right"))
        self.points = book.style(Style(number_format="+0.0;-0.0;0.0", horizontal="right"))
        self.date = book.style(Style(number_format="yyyy-mm-dd", horizontal="center"))
        self.bold = book.style(Style(bold=True, wrap=True))


def write_bulletin_workbook(stats: MonthStatistics, path: Path) -> Path:
    """Write the month's tables to `path` (.xlsx) and return it."""
    book = Workbook()
    styles = _Styles(book)
    _headline(book.add_sheet(SHEETS[0]), styles, stats)
    _figures(book.add_sheet(SHEETS[1]), styles, stats, list_columns(), stats.by_list, "分清单")
    _figures(book.add_sheet(SHEETS[2]), styles, stats, unit_columns(), stats.by_unit, "分单位")
    _figures(
        book.add_sheet(SHEETS[3]), styles, stats, leader_columns(), stats.by_leader, "分包联领导"
    )
    _red_projects(book.add_sheet(SHEETS[4]), styles, stats)
    _overdue(book.add_sheet(SHEETS[5]), styles, stats)
    book.save(
        path,
        title=bulletin_title(stats),
        author=APP_NAME,
        comments=f"{APP_NAME} {__version__}",
    )
    return path


def _top(
    sheet: Sheet, styles: _Styles, title: str, headers: list[str], widths: list[float]
) -> None:
    sheet.paper, sheet.landscape = 9, True  # A4
    sheet.widths = widths
    sheet.add_row([(title, styles.title)] + [(None, styles.title)] * (len(headers) - 1), 30)
    sheet.merges.append(f"A1:{column_letter(len(headers) - 1)}1")
    sheet.add_row([(h, styles.header) for h in headers], 32)
    sheet.freeze = (2, 0)
    sheet.title_rows = (2, 2)


def _headline(sheet: Sheet, styles: _Styles, stats: MonthStatistics) -> None:
    total = stats.total
    _top(sheet, styles, bulletin_title(stats), ["指标", "数值", "说明"], [26, 18, 60])
    rows: list[tuple[str, Decimal | int | None, Kind, str]] = [
        ("统计月份", None, "text", stats.month.label),
        ("重点项目（个）", total.projects, "count", ""),
        ("年度计划投资（万元）", total.plan, "money", ""),
        ("今年累计完成投资（万元）", total.completed, "money", ""),
        ("本月完成投资（万元）", total.month_amount, "money", ""),
        ("投资完成率", total.completion, "percent", "今年累计完成 ÷ 年度计划"),
        ("序时进度", stats.facts.year_elapsed, "percent", f"截至{chinese_date(stats.month.end)}"),
        ("比序时进度（百分点）", total.gap, "points", "正数为超过，负数为落后"),
        ("攻坚新增投资（万元）", stats.campaign_investment, "money", "攻坚行动开始以来完成"),
        ("攻坚新增投资完成率", stats.campaign_investment_rate, "percent", "对照攻坚投资目标"),
        (
            "开复工率",
            total.start_rate,
            "percent",
            f"已开复工{total.started}个 ÷ 应开工{total.due_start}个",
        ),
        (
            "投产率",
            total.production_rate,
            "percent",
            f"已投产{total.finished}个 ÷ 应竣工{total.due_finish}个",
        ),
        ("专项债使用率", total.bond_rate, "percent", "累计支出 ÷ 已发行"),
        ("红色预警项目（个）", total.red, "count", ""),
        ("黄色预警项目（个）", total.yellow, "count", ""),
        ("未解决问题（个）", total.open_problems, "count", ""),
        ("超期未解决问题（个）", total.overdue_problems, "count", ""),
    ]
    for label, value, kind, note in rows:
        sheet.add_row([(label, styles.text), _cell(value, kind, styles), (note, styles.text)])
    sheet.add_row([])
    for paragraph in headline_paragraphs(stats):
        sheet.add_row([(paragraph, styles.note), (None, styles.note), (None, styles.note)], 48)
        sheet.merges.append(f"A{len(sheet.rows)}:C{len(sheet.rows)}")


def _figures(
    sheet: Sheet,
    styles: _Styles,
    stats: MonthStatistics,
    columns: list[FigureColumn],
    groups: list[GroupFigures],
    what: str,
) -> None:
    widths = [_width(c) for c in columns]
    _top(
        sheet,
        styles,
        f"{stats.month.label}重点项目推进情况（{what}）",
        [c.header for c in columns],
        widths,
    )
    for group in [*groups, stats.total]:
        cells = []
        for column in columns:
            value = column.value(group)
            if group is stats.total and column.kind == "rank":
                value = None
            cells.append(_cell(value, column.kind, styles))
        sheet.add_row(cells)


def _width(column: FigureColumn) -> float:
    if column.kind == "text":
        return 30 if column.header == "连续末位" else 18
    return max(8.0, min(14.0, len(column.header) * 1.6))


def _cell(value: Decimal | int | str | None, kind: Kind, styles: _Styles) -> tuple[object, int]:
    if value is None:
        return (EMPTY if kind in ("percent", "points", "rank") else None), styles.centre
    if kind == "money":
        return value, styles.money
    if kind == "percent":
        return value, styles.percent
    if kind == "points":
        return value, styles.points
    if kind in ("count", "rank"):
        return value, styles.centre
    return str(value), styles.text


def _red_projects(sheet: Sheet, styles: _Styles, stats: MonthStatistics) -> None:
    headers = ["序号", "项目名称", "清单", "责任单位", "包联领导", "投资完成率"]
    _top(sheet, styles, f"{stats.month.label}底红色预警项目", headers, [6, 40, 18, 18, 12, 12])
    from app.statistics.rates import rate

    for number, project in enumerate(stats.red_projects, start=1):
        completion = rate(project.completed(stats.month.month), project.annual_plan)
        sheet.add_row(
            [
                (number, styles.centre),
                (project.name, styles.text),
                (project.list_name, styles.text),
                (project.unit, styles.text),
                (project.leader, styles.text),
                _cell(completion, "percent", styles),
            ]
        )


def _overdue(sheet: Sheet, styles: _Styles, stats: MonthStatistics) -> None:
    headers = ["序号", "项目名称", "问题类型", "问题描述", "责任单位", "解决时限", "超期天数"]
    _top(
        sheet, styles, f"{stats.month.label}底超期未解决问题", headers, [6, 30, 10, 44, 16, 12, 10]
    )
    day: dt.date = stats.facts.day
    for number, problem in enumerate(stats.overdue_problems, start=1):
        deadline = problem.deadline
        sheet.add_row(
            [
                (number, styles.centre),
                (problem.project_name, styles.text),
                (problem.type.value, styles.centre),
                (problem.description, styles.text),
                (problem.unit, styles.text),
                (deadline, styles.date),
                ((day - deadline).days if deadline else None, styles.centre),
            ]
        )
