"""Hostile input, fuzzed: random workbooks through the importer never raise anything but a clear
refusal, and an import either stores every row exactly or stores nothing."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy import func, select

from app.exchange.import_plan import RowStatus, plan_import
from app.exchange.import_write import write_import
from app.infra.database import open_database
from app.infra.errors import UserError
from db.models import ChangeLog, Project
from tests.support.campaigns import the_campaign

pytestmark = pytest.mark.slow

HEADERS = [
    "序号",
    "项目代码",
    "项目名称",
    "责任单位",
    "包联领导",
    "总投资（亿元）",
    "2022年计划投资",
    "1-7月完成投资",
    "计划开工时间",
    "计划竣工",
    "形象进度",
    "项目阶段",
    "备注",
    "随便写的列",
]

texts = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
    max_size=300,
).map(lambda t: ILLEGAL_CHARACTERS_RE.sub("", t))
cells: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    texts,
    st.sampled_from(
        [
            "1.2亿",
            "3,500",
            "３５００万元",
            "-7",
            "=1+1",
            "@x",
            "2022年8月底",
            "8月底",
            "2022.13.45",
            "2022-08",
            "合计",
            "注：说明",
            "在建",
            "不知道",
            "２０２２－１２０１１６－４７－０１－１２３４５６",
        ]
    ),
    st.just("很长的文字" * 6000),  # 30,000 characters in one cell
    st.just("_x0001_控制字符_x001F_"),  # how OOXML escapes control characters
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2200, 1, 1)),
    st.booleans(),
)


@st.composite
def workbooks(draw: st.DrawFn) -> list[list[Any]]:
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=10, unique=True))
    rows = draw(st.lists(st.lists(cells, min_size=0, max_size=12), max_size=12))
    top = draw(st.lists(st.lists(cells, max_size=4), max_size=3))
    return [*top, header, *rows]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(grid=workbooks(), merge=st.booleans())
def test_random_workbooks_never_crash_and_never_half_write(
    grid: list[list[Any]], merge: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "随机.xlsx"
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        for row in grid:
            sheet.append(row)
        if merge and len(grid) > 1:
            sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=3)
        book.save(path)
        database = open_database(Path(folder) / "fuzz.db", operator="fuzz")
        try:
            with database.sessions() as session:
                plan = plan_import(
                    session, [path], campaign_id=the_campaign(session)
                )  # never raises: problems are in the plan
                assert all(i.message for i in plan.all_issues())
                before = session.scalar(select(func.count(Project.id)))
                logged = session.scalar(select(func.count(ChangeLog.id)))
                try:
                    write_import(session, plan, path.name, campaign_id=the_campaign(session))
                except UserError:
                    session.rollback()
                    assert session.scalar(select(func.count(Project.id))) == before
                    assert session.scalar(select(func.count(ChangeLog.id))) == logged
                    return
                new = [r for r in plan.rows if r.include and r.status is RowStatus.NEW]
                stored = set(session.scalars(select(Project.name)))
                assert {r.name for r in new if r.kind == "project"} <= stored
        finally:
            database.close()
