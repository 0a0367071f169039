"""Workbooks written by a real office suite import to exactly the values in EXPECTED.json."""

from __future__ import annotations

import json
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.exchange.import_plan import RowStatus, plan_import
from app.exchange.import_write import write_import
from app.exchange.reading import read_workbook
from app.infra.database import Database, open_database
from app.infra.errors import UserError
from db.models import MonthlyReport, Problem, Project
from tests.support.campaigns import the_campaign

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exchange"
EXPECTED = json.loads((FIXTURES / "EXPECTED.json").read_text(encoding="utf-8"))
PROJECT_FILES = [k for k, v in EXPECTED.items() if isinstance(v, dict) and "projects" in v]


def _stored(database: Database) -> list[dict[str, Any]]:
    with database.sessions() as session:
        projects = session.scalars(select(Project).order_by(Project.id)).all()
        done = dict(
            session.execute(
                select(MonthlyReport.project_id, MonthlyReport.investment_year).where(
                    MonthlyReport.year == 2022, MonthlyReport.month == 7
                )
            ).all()
        )
        return [
            {
                "code": p.code,
                "name": p.name,
                "total_wan": p.total_investment,
                "plan_wan": p.annual_plan,
                "done_wan": done.get(p.id),
                "start": p.planned_start.isoformat() if p.planned_start else None,
                "finish": p.planned_finish.isoformat() if p.planned_finish else None,
                "unit": p.lead_unit.name if p.lead_unit else None,
                "leader": p.leader.name if p.leader else None,
            }
            for p in projects
        ]


def _wanted(entry: dict[str, Any]) -> dict[str, Any]:
    money = ("total_wan", "plan_wan", "done_wan")
    return {
        k: (Decimal(str(v)).quantize(Decimal("0.01")) if k in money and v is not None else v)
        for k, v in entry.items()
    }


@pytest.mark.parametrize("name", PROJECT_FILES)
def test_fixture_imports_to_the_expected_values(name: str, tmp_path: Path) -> None:
    database = open_database(tmp_path / "new.db", operator="测试员")
    with database.sessions() as session:
        plan = plan_import(session, [FIXTURES / name], campaign_id=the_campaign(session))
        assert not plan.has_errors(), [i.text() for i in plan.all_issues() if i.error]
        write_import(session, plan, name, campaign_id=the_campaign(session))
    stored = _stored(database)
    database.close()
    assert stored == [_wanted(p) for p in EXPECTED[name]["projects"]]


def test_problem_ledger_imports_against_the_projects_it_names(tmp_path: Path) -> None:
    database = open_database(tmp_path / "new.db")
    with database.sessions() as session:
        alone = plan_import(
            session, [FIXTURES / "problem_ledger.xlsx"], campaign_id=the_campaign(session)
        )
        assert {r.kind for r in alone.rows} == {"problem"}  # not 30 projects by mistake
        assert (
            alone.has_errors() and "找不到项目「中心大道慢行系统」" in alone.all_issues()[0].text()
        )
        # With the project list in the same import, the problems find the projects it adds.
        both = plan_import(
            session,
            [FIXTURES / "city_list_basic.xlsx", FIXTURES / "problem_ledger.xlsx"],
            campaign_id=the_campaign(session),
        )
        assert not both.has_errors()
        write_import(session, both, "两个文件", campaign_id=the_campaign(session))
        problems = session.scalars(select(Problem).order_by(Problem.id)).all()
        assert len(problems) == 30
        first = problems[0]
        assert (first.project.name, first.type.value, first.state.value, first.level.value) == (
            "中心大道慢行系统",
            "水电气热",
            "待办",
            "本级",
        )
        assert first.deadline is not None and first.deadline.isoformat() == "2022-08-13"
        assert {p.level.value for p in problems} == {"本级", "管委会/区政府", "新区/市"}
        again = plan_import(
            session, [FIXTURES / "problem_ledger.xlsx"], campaign_id=the_campaign(session)
        )
        assert again.counts()[RowStatus.UNCHANGED] == 30
    database.close()


@pytest.mark.parametrize("name", sorted(EXPECTED["bad"]))
def test_bad_files_get_a_clear_message_quickly_and_write_nothing(name: str, tmp_path: Path) -> None:
    started = time.perf_counter()
    with pytest.raises(UserError) as caught:
        read_workbook(FIXTURES / "bad" / name)
    assert time.perf_counter() - started < 5
    assert name in caught.value.message
    database = open_database(tmp_path / "new.db")
    with database.sessions() as session:
        plan = plan_import(session, [FIXTURES / "bad" / name], campaign_id=the_campaign(session))
        assert plan.has_errors() and plan.rows == []
        with pytest.raises(UserError, match="未写入"):
            write_import(session, plan, name, campaign_id=the_campaign(session))
        assert session.scalar(select(Project.id)) is None
    database.close()


def test_an_et_file_is_read_by_content_and_hidden_sheets_only_when_chosen(
    tmp_path: Path,
) -> None:
    import shutil

    import openpyxl

    et = tmp_path / "市里发的.et"  # WPS's own extension: an .xls inside
    shutil.copy(FIXTURES / "city_list_basic.xls", et)
    book = openpyxl.load_workbook(FIXTURES / "city_list_basic.xlsx")
    book["附表3"].sheet_state = "hidden"
    book.create_sheet("说明")["A1"] = "本表由市发改委下发"
    hidden = tmp_path / "hidden.xlsx"
    book.save(hidden)
    database = open_database(tmp_path / "new.db")
    with database.sessions() as session:
        assert (
            plan_import(session, [et], campaign_id=the_campaign(session)).counts()[RowStatus.NEW]
            == 30
        )
        skipped = plan_import(session, [hidden], campaign_id=the_campaign(session))
        assert skipped.rows == [] and "找不到含“项目名称”的表头行" in skipped.issues[0].message
        chosen = plan_import(
            session, [hidden], include_hidden=True, campaign_id=the_campaign(session)
        )
        assert chosen.counts()[RowStatus.NEW] == 30
    database.close()


def test_values_as_offices_type_them() -> None:
    import datetime as dt

    from app.exchange.cell_values import to_amount, to_date

    assert to_amount("236042.06万元") == Decimal("236042.06")
    assert to_amount("1.2亿") == Decimal("12000.00")
    assert to_amount("１１２２７１．９６") == Decimal("112271.96")
    assert to_amount(3.5, Decimal(10000)) == Decimal("35000.00")  # a column in 亿元
    assert to_amount("188,626.23") == Decimal("188626.23")
    assert to_date(44804) == dt.date(2022, 8, 31)  # an Excel serial
    assert to_date("2022年8月31日") == to_date("2022.8.31") == to_date("2022/8/31")
    assert to_date("2022-08") == dt.date(2022, 8, 1) == to_date("2022年8月")
    assert to_date("2022年12月底") == dt.date(2022, 12, 31)
    assert to_date("8月底", 2022) == dt.date(2022, 8, 31)
    assert to_date("2月底", 2024) == dt.date(2024, 2, 29)
    with pytest.raises(UserError, match="没有年份"):
        to_date("8月底")
    with pytest.raises(UserError, match="计划开工"):
        to_date("明年", field="计划开工")
