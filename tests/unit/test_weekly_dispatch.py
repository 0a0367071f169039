"""周调度: the week's lists from the problems' histories, and the sheet read back from disk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.infra.database import Database
from app.problems.weekly_dispatch import week_of, weekly_dispatch
from app.problems.weekly_sheet import write_weekly_sheet
from app.problems.workflow import NewProblem, add_progress, close, create_problem, move
from db.enums import ProblemState, ProblemType
from gongjian.cli import main
from tests.support.campaigns import the_campaign
from tests.unit.factories import a_project

MONDAY = dt.date(2022, 7, 18)


def test_week_runs_monday_to_sunday() -> None:
    assert week_of(dt.date(2022, 7, 20)) == (MONDAY, dt.date(2022, 7, 24))
    assert week_of(dt.date(2022, 7, 24)) == (MONDAY, dt.date(2022, 7, 24))


def _four_problems(database: Database) -> dict[str, int]:
    """One new this week, one pushed, one closed, one overdue (raised earlier, deadline passed)."""
    ids = {}
    with database.sessions() as session:
        project = a_project(session, "空港三期津北路西延线")
        session.commit()

        def new(text: str, raised: dt.date, deadline: dt.date) -> int:
            return create_problem(
                session, NewProblem(project.id, ProblemType.APPROVAL, text, raised, deadline)
            ).id

        ids["new"] = new(
            "施工许可待办理", MONDAY + dt.timedelta(days=1), MONDAY + dt.timedelta(days=30)
        )
        ids["pushed"] = new("用地手续滞后", dt.date(2022, 7, 1), dt.date(2022, 8, 30))
        add_progress(session, ids["pushed"], "已报市规划资源局审查", MONDAY + dt.timedelta(days=2))
        ids["closed"] = new("临时用电未接入", dt.date(2022, 7, 1), dt.date(2022, 7, 30))
        add_progress(session, ids["closed"], "供电公司已受理", dt.date(2022, 7, 5))
        move(session, ids["closed"], ProblemState.SOLVED, dt.date(2022, 7, 12))
        close(session, ids["closed"], "王主任", MONDAY + dt.timedelta(days=3))
        ids["overdue"] = new("环评批复未取得", dt.date(2022, 6, 1), dt.date(2022, 7, 10))
        # Closed after the week: the sheet of that week must still call it overdue.
        add_progress(session, ids["overdue"], "补充材料", dt.date(2022, 7, 1))
        move(session, ids["overdue"], ProblemState.SOLVED, dt.date(2022, 8, 2))
    return ids


def test_the_weeks_lists_follow_the_histories(database: Database) -> None:
    ids = _four_problems(database)
    with database.sessions() as session:
        week = weekly_dispatch(session, the_campaign(session), MONDAY)
    assert [line.problem_id for line in week.new] == [ids["new"]]
    assert [line.problem_id for line in week.pushed] == [ids["pushed"]]
    assert [line.problem_id for line in week.closed] == [ids["closed"]]
    assert [line.problem_id for line in week.overdue] == [ids["overdue"]]
    overdue = week.overdue[0]
    assert overdue.state is ProblemState.IN_HAND  # as it was that week, not as it is now
    assert week.pushed[0].progress == "已报市规划资源局审查"


def test_sheet_is_written_for_a4_landscape_and_reads_back(
    database: Database, tmp_path: Path
) -> None:
    _four_problems(database)
    with database.sessions() as session:
        week = weekly_dispatch(session, the_campaign(session), MONDAY)
    path = tmp_path / "周调度.xlsx"
    write_weekly_sheet(week, path, office="保税区重点项目办")
    sheet = load_workbook(path).active
    assert sheet is not None
    assert sheet.title == "周调度"
    assert sheet["A1"].value == "重点项目问题周调度表"
    assert (
        "2022年7月18日—7月24日" in sheet["A2"].value and "保税区重点项目办" in sheet["A2"].value
    )
    assert (
        sheet.page_setup.orientation == "landscape"
        and str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4  # 9 = A4
    )
    # Title, period and the column headings repeat on every page.
    assert sheet.print_title_rows == "$1:$3"
    assert [c.value for c in sheet[3]][:4] == ["序号", "项目名称", "问题类型", "问题表述"]
    texts = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    headings = [
        row[0]
        for row in texts
        if isinstance(row[0], str) and row[0][:2] in ("一、", "二、", "三、", "四、")
    ]
    assert headings == [
        "一、新增问题（1个）",
        "二、推进落实（1个）",
        "三、已办结销号（1个）",
        "四、逾期未办结（1个）",
    ]
    closed_row = next(row for row in texts if row[3] == "临时用电未接入")
    assert closed_row[1] == "空港三期津北路西延线" and closed_row[9] == "2022-07-21 销号"
    overdue_row = [row for row in texts if row[3] == "环评批复未取得"][-1]
    assert overdue_row[7] == "2022-07-10" and overdue_row[8] == "办理中"


def test_cli_weekly(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "week.xlsx"
    assert main(["weekly", "--db", str(demo_path), "--week", "2022-07-18", "--out", str(out)]) == 0
    assert "已导出周调度表" in capsys.readouterr().out
    assert load_workbook(out).active["A1"].value == "重点项目问题周调度表"
    assert main(["weekly", "--db", str(demo_path), "--week", "七月", "--out", str(out)]) == 2
    assert "无法识别" in capsys.readouterr().err
