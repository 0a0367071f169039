"""Tables laid out the ways offices lay them out (tests/support/office_tables.py) import to the
same stored values; nothing is refused for a cosmetic column and nothing is lost without a word."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.exchange.import_plan import RowStatus, plan_import
from app.exchange.import_report import report_lines, warned_columns
from app.exchange.import_write import write_import
from app.infra.database import open_database
from db.enums import ProblemState, ProblemType
from db.models import Campaign, MonthlyReport, Problem, Project
from tests.support.campaigns import the_campaign
from tests.support.office_tables import (
    FACTS,
    MONTH,
    YEAR,
    Rendering,
    ledger_sheet,
    project_sheet,
    save,
)

RENDERINGS = [
    Rendering(),
    Rendering(headers="reordered", above=("附件",), totals="top"),
    Rendering(headers="traditional", unit="亿元", totals="bottom_unnumbered"),
    Rendering(headers="untidy", unit="亿元", unit_in_header=True, numbering_row=True),
    Rendering(headers="plain", two_rows=True, above=("附件3",), totals="none"),
    Rendering(headers="reordered", two_rows=True, unit="亿元", groups=True, marks=True),
    Rendering(headers="traditional", above=("附件", "附表3"), groups=True, totals="top"),
    Rendering(headers="untidy", unit_in_header=True, marks=True, totals="bottom_unnumbered"),
]


def _stored(path: Path) -> list[dict[str, Any]]:
    database = open_database(path)
    with database.sessions() as session:
        done = dict(
            session.execute(
                select(MonthlyReport.project_id, MonthlyReport.investment_year).where(
                    MonthlyReport.year == YEAR, MonthlyReport.month == MONTH
                )
            ).all()
        )
        stored = [
            {
                "name": p.name,
                "total": p.total_investment,
                "plan": p.annual_plan,
                "done": done.get(p.id),
                "start": p.planned_start,
                "finish": p.planned_finish,
                "unit": p.lead_unit.name if p.lead_unit else None,
                "leader": p.leader.name if p.leader else None,
                "owner": p.owner.name if p.owner else None,
                "stage": p.stage.value,
            }
            for p in session.scalars(select(Project).order_by(Project.id))
        ]
    database.close()
    return stored


WANTED = [
    {
        "name": f.name,
        "total": f.total,
        "plan": f.plan,
        "done": f.done,
        "start": f.start,
        "finish": f.finish,
        "unit": f.unit,
        "leader": f.leader,
        "owner": f.owner,
        "stage": f.stage,
    }
    for f in FACTS
]


@pytest.mark.parametrize("rendering", RENDERINGS, ids=lambda r: r.label())
def test_every_rendering_imports_to_the_same_values(rendering: Rendering, tmp_path: Path) -> None:
    book = save(tmp_path / "进展表.xlsx", {"进展": project_sheet(rendering)})
    database = open_database(tmp_path / "new.db", operator="测试员")
    with database.sessions() as session:
        plan = plan_import(session, [book], campaign_id=the_campaign(session))
        report = "\n".join(report_lines(plan))
        assert not plan.has_errors(), [i.text() for i in plan.all_issues() if i.error]
        assert plan.counts()[RowStatus.NEW] == len(FACTS), report
        assert warned_columns(plan) == [], report
        assert not [i for i in plan.all_issues() if "合计" in i.message], report
        write_import(session, plan, book.name, campaign_id=the_campaign(session))
        campaign = session.scalars(select(Campaign)).one()
        assert campaign.name == rendering.title  # never 附件 / 附表3
        lists = {p.name: p.project_list.name for p in session.scalars(select(Project))}
    database.close()
    assert _stored(tmp_path / "new.db") == WANTED
    if rendering.groups:
        assert lists == {f.name: f.group for f in FACTS}
    assert "（项目阶段）「加快建设」：按“在建”导入，1 行" in report
    if rendering.two_rows:
        assert "计划进度（文字）" in report  # 2022年工作计划/形象进度 named, not silently dropped


def test_a_total_that_does_not_add_up_is_a_note_and_marks_follow_the_legend(
    tmp_path: Path,
) -> None:
    sheet = project_sheet(Rendering(marks=True))
    total = next(row for row in sheet.rows if "合计" in row)
    total[3] = float(total[3]) + 100  # 总投资 100 万元 more than its rows
    book = save(tmp_path / "有误.xlsx", {"进展": sheet})
    database = open_database(tmp_path / "new.db")
    with database.sessions() as session:
        plan = plan_import(session, [book], campaign_id=the_campaign(session))
        notes = [i for i in plan.all_issues() if "合计" in i.message]
        assert len(notes) == 1 and not notes[0].error and notes[0].column == "D"
        assert "相差 100 万元" in notes[0].message
        write_import(session, plan, book.name, campaign_id=the_campaign(session))
        levels = {p.name: p.level and p.level.value for p in session.scalars(select(Project))}
    database.close()
    assert levels["海工装备强链产业园"] == "省重点"  # ★, and 注：标★的为省重点项目
    assert levels["中心大道慢行系统"] is None


def test_a_stage_word_nobody_can_read_is_kept_and_the_row_imported(tmp_path: Path) -> None:
    sheet = project_sheet(Rendering())
    rows = [r for r in sheet.rows if len(r) > 1 and r[1] == "临港综保区一期"]
    rows[0][2] = "视情况而定"
    rows[0][6] = "年内"  # 计划开工时间 that is no date
    book = save(tmp_path / "怪词.xlsx", {"进展": sheet})
    database = open_database(tmp_path / "new.db")
    with database.sessions() as session:
        plan = plan_import(session, [book], campaign_id=the_campaign(session))
        assert not plan.has_errors() and plan.counts()[RowStatus.NEW] == len(FACTS)
        report = "\n".join(report_lines(plan))
        assert "（项目阶段）「视情况而定」：无法识别，原文记入备注，1 行" in report
        write_import(session, plan, book.name, campaign_id=the_campaign(session))
        project = session.scalars(select(Project).where(Project.name == "临港综保区一期")).one()
        assert project.remarks == "项目阶段：视情况而定；计划开工时间：年内"
        assert project.planned_start is None and project.total_investment == FACTS[2].total
    database.close()


def test_only_a_row_without_a_name_is_refused(tmp_path: Path) -> None:
    sheet = project_sheet(Rendering())
    next(r for r in sheet.rows if len(r) > 1 and r[1] == "中心大道慢行系统")[1] = ""
    book = save(tmp_path / "缺名.xlsx", {"进展": sheet})
    database = open_database(tmp_path / "new.db")
    with database.sessions() as session:
        plan = plan_import(session, [book], campaign_id=the_campaign(session))
    database.close()
    refused = [r for r in plan.rows if r.status is RowStatus.ERROR]
    assert [r.row for r in refused] == [5]
    assert "未导入的行：第 5 行：项目名称为空" in "\n".join(report_lines(plan))


def test_a_ledger_without_dates_and_with_a_closed_column(tmp_path: Path) -> None:
    book = save(
        tmp_path / "台账.xlsx",
        {"进展": project_sheet(Rendering()), "问题": ledger_sheet()},
    )
    database = open_database(tmp_path / "new.db", operator="测试员")
    with database.sessions() as session:
        plan = plan_import(session, [book], campaign_id=the_campaign(session))
        assert not plan.has_errors(), [i.text() for i in plan.all_issues() if i.error]
        report = "\n".join(report_lines(plan))
        assert "（提出时间）「（表中没有）」：取表格标题的日期 2022-07-31，4 行" in report
        assert "（问题类型）「土地报批」：按“其他”导入，原分类记入办理记录，1 行" in report
        write_import(session, plan, book.name, campaign_id=the_campaign(session))
        problems = {p.project.name: p for p in session.scalars(select(Problem))}
        assert {p.raised_on for p in problems.values()} == {dt.date(2022, 7, 31)}
        land = problems["海工装备强链产业园"]
        assert land.type is ProblemType.OTHER and land.state is ProblemState.IN_HAND
        assert [e.text for e in land.progress_entries] == [
            "已协调市局",
            "问题类型：土地报批",
        ]
        paid = problems["中心大道慢行系统"]
        assert paid.state is ProblemState.CLOSED and paid.closed_on == dt.date(2022, 7, 31)
        assert paid.type is ProblemType.FUNDING
        assert problems["空港供热配套设施项目"].state is ProblemState.CLOSED
        assert problems["空港供热配套设施项目"].type is ProblemType.UTILITIES
        assert problems["临港综保区一期"].type is ProblemType.DEMOLITION
        again = plan_import(session, [book], campaign_id=the_campaign(session))
        assert again.counts()[RowStatus.UNCHANGED] == len(FACTS) + 4
    database.close()


def test_a_county_alone_in_a_row_is_the_area_of_the_rows_under_it(tmp_path: Path) -> None:
    sheet = project_sheet(Rendering(totals="none"))
    first = next(i for i, row in enumerate(sheet.rows) if len(row) > 1 and row[0] == 1)
    sheet.rows.insert(first, ["", "临港经济区"])
    sheet.rows.insert(first + 3, ["", "空港县"])
    book = save(tmp_path / "分县.xlsx", {"进展": sheet})
    database = open_database(tmp_path / "new.db")
    with database.sessions() as session:
        plan = plan_import(session, [book], campaign_id=the_campaign(session))
        assert not plan.has_errors() and plan.counts()[RowStatus.NEW] == len(FACTS)
        parks = [r.values.get("park") for r in plan.rows]
    database.close()
    assert parks == ["临港经济区", "临港经济区", "空港县", "空港县", "空港县"]
