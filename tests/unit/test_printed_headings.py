"""Every printed table repeats its column headings on each page: the 周调度 sheet, the 附表
workbook, the bulletin workbook and the fill-in book, printed through LibreOffice."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.bulletin.workbook import write_bulletin_workbook
from app.exchange.export_city import ExportScope, export_workbook
from app.exchange.fill_in import export_fill_in
from app.exchange.profiles import DEFAULT_PROFILE
from app.infra.database import open_database
from app.problems.weekly_dispatch import DispatchLine, WeeklyDispatch
from app.problems.weekly_sheet import write_weekly_sheet
from app.schedule.warning_colours import WarningSettings
from app.statistics.month_statistics import month_statistics
from app.statistics.rates import Month
from db.enums import CoordinationLevel, ProblemState, ProblemType
from db.models import Problem, Project, ProjectList, Unit
from tests.support.campaigns import the_campaign
from tests.support.office_print import page_count, page_lines, print_to_pdf, require_office
from tests.support.present import present

_DATA_ROW = re.compile(r"^\d+\s")  # a table row begins with its 序号


@pytest.fixture(scope="module")
def printed(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The four workbooks, each long enough for several pages, printed to PDF in one run."""
    require_office()
    folder = tmp_path_factory.mktemp("printed")
    path = folder / "many.db"
    shutil.copyfile(demo_master, path)
    database = open_database(path)
    with database.sessions() as session:
        # One unit leading every project on one list; many overdue problems.
        first_list = session.scalars(select(ProjectList.id).order_by(ProjectList.number)).first()
        unit = session.scalars(select(Unit.id).where(Unit.name == "规建局")).one()
        session.execute(update(Project).values(list_id=first_list, lead_unit_id=unit))
        project = session.scalars(select(Project.id)).first()
        for number in range(90):
            session.add(
                Problem(
                    project_id=project,
                    type=ProblemType.LAND,
                    description=f"第{number}个超期问题：征地补偿协议尚未签订，影响施工进场",
                    raised_on=dt.date(2022, 3, 1),
                    deadline=dt.date(2022, 5, 1),
                    level=CoordinationLevel.OWN,
                    state=ProblemState.OPEN,
                )
            )
        session.commit()
        books = {
            "fill_in": folder / "填报表.xlsx",
            "city": folder / "附表.xlsx",
            "bulletin": folder / "通报.xlsx",
            "weekly": folder / "周调度.xlsx",
        }
        export_fill_in(
            session, the_campaign(session), unit, 2022, 7, books["fill_in"], "XX区发改局"
        )
        export_workbook(session, books["city"], DEFAULT_PROFILE, ExportScope(1, 2022, 7))
        stats = month_statistics(session, the_campaign(session), Month(2022, 7), WarningSettings())
        write_bulletin_workbook(present(stats), books["bulletin"])
    database.close()
    line = DispatchLine(
        0,
        "空港三期津北路西延线",
        "用地",
        "征地补偿方案未批复，影响道路施工进场",
        "规建局",
        "区级",
        dt.date(2022, 7, 1),
        dt.date(2022, 7, 30),
        ProblemState.IN_HAND,
        "已报区政府专题会研究",
        None,
    )
    write_weekly_sheet(
        WeeklyDispatch(
            dt.date(2022, 7, 18), dt.date(2022, 7, 24), new=[line] * 40, pushed=[line] * 20
        ),
        books["weekly"],
    )
    pdfs = print_to_pdf(list(books.values()), folder)
    return {key: pdfs[book] for key, book in books.items()}


def _headings_before_rows(lines: list[str], *words: str) -> bool:
    """Whether every heading word stands above the page's first table row."""
    first_row = next((i for i, line in enumerate(lines) if _DATA_ROW.match(line)), len(lines))
    above = " ".join(lines[:first_row])
    return first_row < len(lines) and all(word in above for word in words)


def test_fill_in_book_repeats_title_and_headings(printed: dict[str, Path]) -> None:
    pdf = printed["fill_in"]
    assert page_count(pdf) >= 2
    second = page_lines(pdf, 2)
    assert "规建局 2022年7月重点项目进展填报表" in second[0]
    assert _headings_before_rows(second, "序号", "项目名称", "此前累计", "形象进度")


def test_city_workbook_repeats_its_two_heading_rows(printed: dict[str, Path]) -> None:
    pdf = printed["city"]
    assert page_count(pdf) >= 2
    assert _headings_before_rows(page_lines(pdf, 2), "序号", "项目名称", "投资情况", "总投资")


def test_weekly_sheet_repeats_the_column_headings(printed: dict[str, Path]) -> None:
    pdf = printed["weekly"]
    assert page_count(pdf) >= 2
    second = page_lines(pdf, 2)
    assert "重点项目问题周调度表" in second[0]
    assert _headings_before_rows(second, "序号", "项目名称", "问题类型", "最新进展")


def test_bulletin_tables_repeat_their_headings(printed: dict[str, Path]) -> None:
    pdf = printed["bulletin"]
    overdue = [
        page
        for page in range(1, page_count(pdf) + 1)
        if any("个超期问题" in line for line in page_lines(pdf, page))
    ]
    assert len(overdue) >= 2  # the overdue table runs over more than one page
    for page in overdue:
        assert _headings_before_rows(page_lines(pdf, page), "序号", "问题类型", "超期天数"), page
