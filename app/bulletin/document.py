"""The bulletin as rich text (Qt's HTML subset): laid out like an official document (公文)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html import escape

from app.bulletin.issue_number import issue_text
from app.bulletin.wording import bulletin_title, headline_paragraphs, ranking_paragraph
from app.statistics.figures import GroupFigures
from app.statistics.month_statistics import MonthStatistics
from app.statistics.rates import percent_text, rate
from app.statistics.table_columns import FigureColumn, leader_columns, list_columns, unit_columns
from app.values.date_format import chinese_date, iso_date

# 公文 fonts where the machine has them; then the bundled font, before Noto CJK: Qt's PDF writer
# maps Noto's shared glyphs back to Kangxi radicals (⽬ for 目), so text copied or searched in the
# PDF would not match; the bundled font has no radicals and extracts exactly.
TITLE_FONTS = (
    "'方正小标宋简体', 'FZXiaoBiaoSong-B05S', 'SimSun', '宋体', 'Droid Sans Fallback', "
    "'Noto Serif CJK SC'"
)
BODY_FONTS = "'仿宋_GB2312', 'FangSong', '仿宋', 'Droid Sans Fallback', 'Noto Serif CJK SC'"
HEADING_FONTS = "'黑体', 'SimHei', 'Droid Sans Fallback', 'Noto Sans CJK SC'"
RED = "#c00000"
# A bulletin lists at most this many red projects and overdue problems; the workbook has them all
# (thousands of table rows would make a PDF nobody reads, and take a minute to lay out).
LISTED = 50
CHARTS = ("chart-list.png", "chart-series.png", "chart-problems.png")
# A4 portrait holds about ten columns: the page's tables keep the ones leaders read.
PDF_COLUMNS = (
    "项目数",
    "年度计划投资（万元）",
    "今年累计完成（万元）",
    "投资完成率",
    "比序时进度（百分点）",
    "开复工率",
    "投产率",
    "专项债使用率",
)
PDF_UNIT_COLUMNS = (
    "完成率排名",
    "责任单位",
    "项目数",
    "今年累计完成（万元）",
    "投资完成率",
    "比序时进度（百分点）",
    "开复工率排名",
    "开复工率",
    "超期问题",
)


def bulletin_html(
    stats: MonthStatistics, issued: dt.date, chart_width_px: int, office: str = ""
) -> str:
    """The whole bulletin; images are referenced by the names in CHARTS."""
    parts = [_masthead(stats, issued, office), _title(stats)]
    parts.append(_heading("一、总体情况"))
    parts += [_paragraph(text) for text in headline_paragraphs(stats)]
    parts.append(_image(CHARTS[1], chart_width_px))
    parts.append(_heading("二、分清单推进情况"))
    parts.append(_table(_pick(list_columns(), ("清单", *PDF_COLUMNS)), stats.by_list, stats.total))
    parts.append(_image(CHARTS[0], chart_width_px))
    parts.append(_heading("三、责任单位排名"))
    parts.append(_paragraph(ranking_paragraph(stats)))
    parts.append(_table(_pick(unit_columns(), PDF_UNIT_COLUMNS), stats.by_unit, stats.total))
    parts.append(_heading("四、分包联领导推进情况"))
    parts.append(
        _table(
            _pick(
                leader_columns(),
                (
                    "包联领导",
                    "项目数",
                    "今年累计完成（万元）",
                    "投资完成率",
                    "比序时进度（百分点）",
                    "开复工率",
                    "超期问题",
                ),
            ),
            stats.by_leader,
            stats.total,
        )
    )
    parts.append(_heading("五、红色预警项目"))
    parts.append(_red_projects(stats))
    parts.append(_heading("六、超期未解决问题"))
    parts.append(_overdue(stats))
    parts.append(_image(CHARTS[2], chart_width_px))
    parts.append(
        f'<p style="margin-top:18pt; font-family:{BODY_FONTS}; font-size:11pt; color:#444">'
        f"附件：{escape(stats.month.label)}重点项目推进情况统计表（Excel）</p>"
    )
    return (
        f'<html><body style="font-family:{BODY_FONTS}; font-size:12pt;">{"".join(parts)}'
        "</body></html>"
    )


def _masthead(stats: MonthStatistics, issued: dt.date, office: str) -> str:
    # The red masthead (版头): the campaign's 发文单位 (设置 → 攻坚行动) when set.
    campaign = stats.campaign
    issue = issue_text(
        campaign.issue_numbering,
        campaign.issue_start,
        campaign.start_date,
        stats.month.year,
        stats.month.month,
    )
    # `office` is the older program's setting, used until the campaign names its own.
    office = (campaign.office_name or office).strip()
    name = escape(office) if office else "重点项目攻坚"
    size = 30 if len(name) <= 8 else 22  # one line on A4 either way
    return (
        f'<p align="center" style="font-family:{TITLE_FONTS}; font-size:{size}pt; color:{RED}; '
        f'font-weight:bold; margin:0;">{name}工作通报</p>'
        f'<table width="100%" style="margin-top:10pt;"><tr>'
        f'<td style="font-size:12pt;">{issue}</td>'
        f'<td align="right" style="font-size:12pt;">{chinese_date(issued)}</td></tr></table>'
        f'<hr style="height:2px; background-color:{RED}; border:none;"/>'
    )


def _title(stats: MonthStatistics) -> str:
    return (
        f'<p align="center" style="font-family:{TITLE_FONTS}; font-size:20pt; font-weight:bold; '
        f'margin-top:14pt; margin-bottom:14pt;">{escape(bulletin_title(stats))}</p>'
    )


def _heading(text: str) -> str:
    return (
        f'<p style="font-family:{HEADING_FONTS}; font-size:14pt; margin-top:12pt; '
        f'margin-bottom:4pt;">{escape(text)}</p>'
    )


def _paragraph(text: str) -> str:
    return (
        f'<p style="font-size:12pt; line-height:150%; text-indent:24pt; margin:2pt 0;">'
        f"{escape(text)}</p>"
    )


def _image(name: str, width: int) -> str:
    return f'<p align="center" style="margin:6pt 0;"><img src="{name}" width="{width}"/></p>'


def _pick(columns: list[FigureColumn], headers: tuple[str, ...]) -> list[FigureColumn]:
    by_header = {c.header: c for c in columns}
    return [by_header[h] for h in headers]


_TABLE = (
    '<table width="100%" border="1" cellspacing="0" cellpadding="3" '
    'style="border-collapse:collapse; border-color:#333; font-size:9pt; margin-top:4pt;">'
)


def _header_row(headers: list[str]) -> str:
    cells = "".join(
        f'<th style="background-color:#eeeeee; font-family:{HEADING_FONTS};">{escape(h)}</th>'
        for h in headers
    )
    return f"<thead><tr>{cells}</tr></thead>"  # thead: repeated on every page


def _table(columns: list[FigureColumn], groups: list[GroupFigures], total: GroupFigures) -> str:
    rows = [_TABLE, _header_row([c.header for c in columns])]
    for group in [*groups, total]:
        cells = []
        for column in columns:
            value = column.value(group)
            # Whole 万元 on paper: eight columns fit A4 portrait without wrapping numbers.
            text = (
                f"{value:,.0f}"
                if column.kind == "money" and value is not None
                else column.text(group)
            )
            if group is total and column.kind == "rank":
                text = ""
            align = "left" if column.kind == "text" else "right"
            if column.kind == "rank":
                align = "center"
            style = "font-weight:bold;" if group is total else ""
            if column.kind == "points" and column.value(group) is not None and text.startswith("-"):
                style += f"color:{RED};"
            cells.append(f'<td align="{align}" style="{style}">{escape(text)}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    rows.append("</table>")
    return "".join(rows)


def _red_projects(stats: MonthStatistics) -> str:
    month = stats.month.month
    projects = sorted(
        stats.red_projects,
        key=lambda p: rate(p.completed(month), p.annual_plan) or Decimal(0),
    )
    if not projects:
        return _paragraph("本月末无红色预警项目。")
    rows = [_TABLE, _header_row(["序号", "项目名称", "清单", "责任单位", "包联领导", "投资完成率"])]
    for number, project in enumerate(projects[:LISTED], start=1):
        completion = rate(project.completed(stats.month.month), project.annual_plan)
        values = [
            str(number),
            project.name,
            project.list_name,
            project.unit,
            project.leader,
            percent_text(completion),
        ]
        rows.append("<tr>" + "".join(f"<td>{escape(v)}</td>" for v in values) + "</tr>")
    rows.append("</table>")
    more = _more(len(projects), "完成率最低的")
    heading = f"截至{stats.month.label}底，红色预警项目{len(projects)}个{more}："
    return _paragraph(heading) + "".join(rows)


def _overdue(stats: MonthStatistics) -> str:
    problems = stats.overdue_problems
    if not problems:
        return _paragraph("本月末无超期未解决问题。")
    day = stats.facts.day
    rows = [
        _TABLE,
        _header_row(["序号", "项目名称", "类型", "问题描述", "责任单位", "解决时限", "超期"]),
    ]
    for number, problem in enumerate(problems[:LISTED], start=1):
        deadline = problem.deadline
        values = [
            str(number),
            problem.project_name,
            problem.type.value,
            problem.description,
            problem.unit,
            iso_date(deadline) if deadline else "",
            f"{(day - deadline).days}天" if deadline else "",
        ]
        rows.append("<tr>" + "".join(f"<td>{escape(v)}</td>" for v in values) + "</tr>")
    rows.append("</table>")
    more = _more(len(problems), "超期最久的")
    heading = f"截至{stats.month.label}底，超期未解决问题{len(problems)}个{more}："
    return _paragraph(heading) + "".join(rows)


def _more(count: int, which: str) -> str:
    """ "（以下列出超期最久的前50个，全部见附件 Excel 表）" when the list is cut."""
    return f"（以下列出{which}前{LISTED}个，全部见附件 Excel 表）" if count > LISTED else ""
