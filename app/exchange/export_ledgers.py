"""The ledger sheets of the workbook for the higher office: 问题台账 and 督办台账.

A title row over one header row, a row per problem or supervision; dates, counts and text each
in their style, row heights set for the wrapped text.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from app.exchange.column_letters import column_letter
from app.exchange.export_styles import ExportStyles, text_width
from app.exchange.xlsx_writer import Sheet
from app.problems.ledger import latest_progress
from app.problems.supervision import supervisions
from db.models import Problem, Project, Unit, problem_cooperating_unit


def problems_sheet(sheet: Sheet, styles: ExportStyles, session: Session, campaign_id: int) -> None:
    """问题台账: every problem of the campaign's projects, with its latest progress."""
    headers = ["序号", "项目名称", "项目代码", "问题类型", "问题表述", "提出时间", "责任单位",
               "配合单位", "解决措施", "解决时限", "办理进度", "状态", "协调层级"]  # fmt: skip
    sheet.widths = [6, 28, 26, 10, 40, 12, 14, 14, 30, 12, 30, 8, 14]
    _sheet_top(sheet, styles, "重点项目问题台账", headers)
    for offset, values in enumerate(_problem_rows(session, campaign_id)):
        _write_plain_row(sheet, styles, 2 + offset, [offset + 1, *values])


def _problem_rows(session: Session, campaign_id: int) -> list[list[Any]]:
    """The problems of the campaign as the sheet's cells after 序号, in the order they came."""
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
        .where(Project.deleted_at.is_(None), Project.campaign_id == campaign_id)
        .order_by(Problem.id)
    )
    return [
        [
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
        for (
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
        ) in session.connection().execute(query).all()
    ]


def supervision_sheet(
    sheet: Sheet, styles: ExportStyles, session: Session, campaign_id: int
) -> None:
    """督办台账: every supervision of the campaign."""
    headers = ["序号", "督办对象", "所属项目", "督办类别", "责任单位", "开始日期",
               "结束日期", "督办次数", "最近督办"]  # fmt: skip
    sheet.widths = [6, 36, 28, 10, 14, 12, 12, 10, 40]
    _sheet_top(sheet, styles, "重点项目督办台账", headers)
    for offset, row in enumerate(supervisions(session, campaign_id)):
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


def _sheet_top(sheet: Sheet, styles: ExportStyles, title: str, headers: list[str]) -> None:
    sheet.freeze = (2, 2)
    sheet.title_rows = (2, 2)
    sheet.add_row([(title, styles.title)] + [(None, styles.title)] * (len(headers) - 1), 36)
    sheet.merges.append(f"A1:{column_letter(len(headers) - 1)}1")
    sheet.add_row([(header, styles.header) for header in headers], 24)


def _write_plain_row(sheet: Sheet, styles: ExportStyles, r: int, values: list[Any]) -> None:
    cells: list[tuple[Any, int]] = []
    for value in values:
        if value is None or value == "":
            cells.append((None, styles.text))
        elif isinstance(value, dt.date):
            cells.append((value, styles.date))
        elif isinstance(value, int):
            cells.append((value, styles.centre))
        else:
            cells.append((str(value), styles.wrap))
    lines = max(
        (math.ceil(text_width(str(v)) / 28) for v in values if isinstance(v, str)), default=1
    )
    sheet.add_row(cells, max(18, 14.5 * min(lines, 6) + 4))
