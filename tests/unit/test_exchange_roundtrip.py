"""Export then import changes nothing; JSON keeps its keys; the CLI's exit codes; undo a batch;
profiles saved and reloaded; text that looks like a formula stays text."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from app.exchange.batch_undo import undo_batch
from app.exchange.export_city import ExportScope, export_workbook
from app.exchange.export_json import PROBLEM_KEYS, PROJECT_KEYS, export_json
from app.exchange.fields import PROJECT_FIELDS
from app.exchange.header_detection import find_layout
from app.exchange.import_plan import RowStatus, plan_import
from app.exchange.import_write import write_import
from app.exchange.profiles import (
    DEFAULT_PROFILE,
    ExchangeProfile,
    ProfileColumn,
    load_profile,
    profile_from_layout,
    profile_names,
    save_profile,
)
from app.exchange.reading import read_workbook
from app.infra.database import Database, open_database
from app.infra.errors import UserError
from db.models import ImportBatch, MonthlyReport, Problem, Project
from gongjian.cli import main
from tests.support.campaigns import the_campaign

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exchange"
SCOPE = ExportScope(1, 2022, 7)  # the demo database's only campaign


def test_export_then_import_changes_nothing(demo_database: Database, tmp_path: Path) -> None:
    out = tmp_path / "报市里.xlsx"
    with demo_database.sessions() as session:
        assert export_workbook(session, out, DEFAULT_PROFILE, SCOPE) == 126
        plan = plan_import(session, [out], campaign_id=the_campaign(session))
    counts = plan.counts()
    assert counts[RowStatus.UNCHANGED] == 126 + 60  # every project and every problem
    assert counts[RowStatus.NEW] == counts[RowStatus.UPDATED] == counts[RowStatus.ERROR] == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [f"附表{n}" for n in range(1, 8)] + ["问题台账", "督办台账"]
    sheet = book["附表3"]
    assert sheet["A1"].value == "附表3 力促开工项目清单"
    assert sheet["N2"].value == "单位：万元"
    assert sheet["F3"].value == "投资情况" and sheet["G4"].value == "2022年计划投资"
    assert sheet["H4"].value == "1-7月完成投资"
    assert "F3:H3" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.freeze_panes == "D5"
    assert sheet.print_title_rows == "$3:$4"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 8
    total_row = sheet.max_row
    assert sheet.cell(total_row, 3).value == "合计"
    assert sheet.cell(total_row, 6).value == f"=SUM(F5:F{total_row - 1})"
    assert sheet["F5"].number_format == "#,##0.00" and sheet["F5"].font.name == "仿宋"


def test_text_that_looks_like_a_formula_is_written_as_text(
    demo_database: Database, tmp_path: Path
) -> None:
    with demo_database.sessions() as session:
        project = session.scalars(select(Project).order_by(Project.id)).first()
        assert project is not None
        project.name = '=HYPERLINK("http://x","点我")'
        project.latest_progress = "+1 -2 @SUM(A1)"
        session.commit()
        export_workbook(session, tmp_path / "x.xlsx", DEFAULT_PROFILE, SCOPE)
    sheet = openpyxl.load_workbook(tmp_path / "x.xlsx")["附表1"]
    assert sheet["C5"].data_type == "s" and sheet["C5"].value.startswith("=HYPERLINK")
    assert sheet["K5"].data_type == "s"


def test_json_export_keeps_its_keys_and_formats(demo_database: Database) -> None:
    with demo_database.sessions() as session:
        data = export_json(session, SCOPE)
    assert set(data) == {"projects", "problems"}
    assert len(data["projects"]) == 126 and len(data["problems"]) == 60
    first = data["projects"][0]
    assert tuple(first) == PROJECT_KEYS
    assert (
        first["total_investment"].count(".") == 1
        and len(first["total_investment"].split(".")[1]) == 2
    )
    assert first["planned_start"] is None or len(first["planned_start"]) == 10
    assert tuple(data["problems"][0]) == PROBLEM_KEYS
    assert data["problems"][0]["state"] in {"待办", "办理中", "已解决", "已销号", "暂缓"}


def test_cli_import_creates_a_database_and_exits_by_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "新库.db"
    good, bad = FIXTURES / "city_list_basic.xlsx", FIXTURES / "bad" / "truncated.xlsx"
    assert main(["import", str(good), "--db", str(db), "--dry-run"]) == 0
    assert "预演" in capsys.readouterr().out
    assert main(["import", str(good), str(bad), "--db", str(db)]) == 1
    out = capsys.readouterr().out
    assert "truncated.xlsx" in out and "未写入任何数据" in out
    database = open_database(db)
    with database.sessions() as session:
        assert session.scalar(select(func.count(Project.id))) == 0
    database.close()
    assert main(["import", str(good), "--db", str(db)]) == 0
    assert "已写入：导入批次 #1" in capsys.readouterr().out
    assert main(["export", "--db", str(db), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["projects"]) == 30 and data["projects"][0]["list"] == "力促开工项目"
    assert main(["export", "--db", str(db), "--out", str(tmp_path / "out.xlsx")]) == 0
    assert openpyxl.load_workbook(tmp_path / "out.xlsx").sheetnames[0] == "附表3"


def test_undo_of_an_import_batch(tmp_path: Path) -> None:
    database = open_database(tmp_path / "undo.db", operator="测试员")
    with database.sessions() as session:
        first = write_import(
            session,
            plan_import(
                session, [FIXTURES / "city_list_basic.xlsx"], campaign_id=the_campaign(session)
            ),
            "a",
            campaign_id=the_campaign(session),
        )
        export_workbook(session, tmp_path / "again.xlsx", DEFAULT_PROFILE, SCOPE)
    book = openpyxl.load_workbook(tmp_path / "again.xlsx")
    sheet = book["附表3"]
    sheet["F5"] = 111.11  # 总投资 of the first project
    sheet["H5"] = 22.22  # 1-7月完成投资
    book.save(tmp_path / "again.xlsx")
    with database.sessions() as session:
        plan = plan_import(session, [tmp_path / "again.xlsx"], campaign_id=the_campaign(session))
        assert plan.counts()[RowStatus.UPDATED] == 1
        changed = next(r for r in plan.rows if r.status is RowStatus.UPDATED)
        assert {c.label for c in changed.changes} == {"总投资", "7月今年累计完成投资"}
        second = write_import(session, plan, "again.xlsx", campaign_id=the_campaign(session))
        project = session.scalars(select(Project).order_by(Project.id)).first()
        assert project is not None and project.total_investment == Decimal("111.11")
        undo_batch(session, second)
        session.expire_all()
        project = session.scalars(select(Project).order_by(Project.id)).first()
        assert project is not None and project.total_investment == Decimal("304669.85")
        report = session.scalar(select(MonthlyReport).where(MonthlyReport.project_id == project.id))
        assert report is not None and report.investment_year == Decimal("75116.73")
        with pytest.raises(UserError, match="已于"):
            undo_batch(session, second)
        later = Project(name="之后新建", list_id=project.list_id, stage=project.stage)
        session.add(later)
        session.commit()
        with pytest.raises(UserError, match="不能整批撤销"):
            undo_batch(session, first)  # the new project sits on a list the import created
        session.delete(later)
        session.commit()
        undo_batch(session, first)
        assert session.scalar(select(func.count(Project.id))) == 0
        assert session.scalar(select(func.count(Problem.id))) == 0
        assert all(b.undone_at for b in session.scalars(select(ImportBatch)))
    database.close()


def test_profiles_saved_reloaded_and_made_from_a_city_workbook(database: Database) -> None:
    sheet = read_workbook(FIXTURES / "city_list_basic.xlsx").sheets[0]
    layout = find_layout(sheet, PROJECT_FIELDS)
    assert layout is not None
    made = profile_from_layout("市发改委模板", layout)
    assert [c.header for c in made.columns][5:8] == [
        "总投资",
        "{year}年计划投资",
        "1-{month}月完成投资",
    ]
    assert made.columns[5].group == "投资情况"
    custom = ExchangeProfile(
        "区里的表",
        (ProfileColumn("name", "工程名称"), ProfileColumn("lead_unit", "主办科室")),
        unit="亿元",
    )
    with database.sessions() as session:
        save_profile(session, made)
        save_profile(session, custom)
        assert profile_names(session)[1:] == ["区里的表", "市发改委模板"]
        assert load_profile(session, "市发改委模板") == made
        assert load_profile(session, "区里的表").known_headers() == {
            "工程名称": "name",
            "主办科室": "lead_unit",
        }
        with pytest.raises(UserError, match="内置"):
            save_profile(session, ExchangeProfile(DEFAULT_PROFILE.name, made.columns))
        with pytest.raises(UserError, match="没有名为"):
            load_profile(session, "不存在")
