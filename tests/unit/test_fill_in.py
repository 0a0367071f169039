"""下发 / 回收: the fill-in workbook identifies itself, prints, and locks what is not the unit's;
returns are read cell by cell; two returns and a change here conflict."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from app.exchange.fill_in import HERE, decide, export_fill_in, plan_merge, write_merge
from app.infra.database import Database
from app.infra.errors import UserError
from app.reports.monthly_reports import CellEntry, EntryMode, load_month, save_entries
from db.models import ImportBatch, MonthlyReport, Project, Unit
from tests.support.campaigns import the_campaign

# The book's columns: A 序号 B 项目代码 C 项目名称 D 项目清单 E 此前累计 F 本月完成 G 今年累计
# H 实际开工时间 I 形象进度 J 已发行专项债 K 专项债累计支出; projects from row 4.


def _unit(database: Database) -> tuple[int, list[int]]:
    with database.sessions() as session:
        unit = session.scalars(select(Unit).where(Unit.name == "招商一局")).one()
        ids = [
            r.project_id
            for r in load_month(session, the_campaign(session), 2022, 8)
            if r.unit_id == unit.id
        ]
        return unit.id, ids


def _edit(path: Path, edits: dict[str, object]) -> None:
    book = openpyxl.load_workbook(path)
    for cell, value in edits.items():
        book["填报"][cell] = value
    book.save(path)


def test_fill_in_sheet_is_protected_validated_marked_and_set_for_print(
    demo_database: Database, tmp_path: Path
) -> None:
    unit_id, ids = _unit(demo_database)
    out = tmp_path / "招商一局.xlsx"
    with demo_database.sessions() as session:
        assert export_fill_in(session, the_campaign(session), unit_id, 2022, 8, out) == len(ids)
        rows = {r.project_id: r for r in load_month(session, the_campaign(session), 2022, 8)}
        starts = dict(session.execute(select(Project.id, Project.actual_start)).all())
    book = openpyxl.load_workbook(out)
    sheet = book["填报"]
    last = 3 + len(ids)
    assert sheet.protection.sheet
    assert [sheet.cell(3, c).value.replace("\n", "") for c in range(1, 12)] == [
        "序号",
        "项目代码",
        "项目名称",
        "项目清单",
        "此前累计（万元）",
        "本月完成投资（万元）",
        "今年累计完成投资（万元）",
        "实际开工时间",
        "形象进度",
        "已发行专项债（万元）",
        "专项债累计支出（万元）",
    ]
    assert "填本月完成，累计自动计算" in sheet["A2"].value
    for offset, pid in enumerate(ids):
        r = 4 + offset
        assert sheet[f"E{r}"].protection.locked and not sheet[f"F{r}"].protection.locked
        assert sheet[f"G{r}"].protection.locked and sheet[f"G{r}"].value.startswith("=IF(")
        assert sheet[f"H{r}"].protection.locked == (starts[pid] is not None)
        assert sheet[f"K{r}"].protection.locked == (not rows[pid].bond_issued)
        if rows[pid].previous is not None:
            assert Decimal(str(sheet[f"E{r}"].value)) == rows[pid].previous
    assert {str(v.sqref) for v in sheet.data_validations.dataValidation} >= {
        f"F4:F{last}",
        f"H4:H{last}",
    }
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    # One page wide (1 is the default, left out of the file), as many tall as needed.
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth in (None, 1) and sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$1:$3"
    assert book["_gongjian"].sheet_state == "veryHidden"


def test_cumulative_offices_get_the_cumulative_column_open(
    demo_database: Database, tmp_path: Path
) -> None:
    unit_id, _ids = _unit(demo_database)
    out = tmp_path / "累计.xlsx"
    with demo_database.sessions() as session:
        export_fill_in(
            session, the_campaign(session), unit_id, 2022, 8, out, mode=EntryMode.CUMULATIVE
        )
    sheet = openpyxl.load_workbook(out)["填报"]
    assert "填今年累计，本月自动计算" in sheet["A2"].value
    assert sheet["F4"].protection.locked and not sheet["G4"].protection.locked
    assert sheet["F4"].value.startswith("=IF(")


def test_a_bad_cell_is_refused_alone_and_the_rest_written(
    demo_database: Database, tmp_path: Path
) -> None:
    unit_id, ids = _unit(demo_database)
    out = tmp_path / "招商一局_2022年8月填报表.xlsx"
    with demo_database.sessions() as session:
        export_fill_in(session, the_campaign(session), unit_id, 2022, 8, out)
    _edit(out, {"F4": "三百万", "F5": 88, "I5": "设备进场", "I6": "主体施工"})
    with demo_database.sessions() as session:
        plan = plan_merge(session, [out])
        assert plan.problems == []
        assert plan.refused() == [
            f"「{out.name}」工作表“填报”第 4 行 F 列：本月完成投资（万元）「三百万」不是数字，"
            "请写成 3500、3,500 或 1.2亿。"
        ]
        (count,) = plan.counts()
        assert (count.to_write, count.to_choose, count.refused) == (3, 0, 1)
        write_merge(session, plan, EntryMode.MONTH)
        rows = {r.project_id: r for r in load_month(session, the_campaign(session), 2022, 8)}
        assert rows[ids[1]].month_amount == Decimal("88.00")
        assert rows[ids[1]].progress == "设备进场" and rows[ids[2]].progress == "主体施工"


def test_two_returns_merge_with_conflicts_decided(demo_database: Database, tmp_path: Path) -> None:
    unit_id, ids = _unit(demo_database)
    first, second, third = ids[:3]
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    with demo_database.sessions() as session:
        export_fill_in(session, the_campaign(session), unit_id, 2022, 8, a)
    shutil.copy(a, b)
    _edit(a, {"F4": 123.45, "I4": "A 说主体完工", "I6": "A 改了第三个"})
    _edit(b, {"F4": 200, "I5": "B 说设备进场"})
    with demo_database.sessions() as session:  # changed here after the export
        save_entries(session, 2022, 8, [CellEntry(third, "progress", "本办改的")], EntryMode.MONTH)
        plan = plan_merge(session, [a, b])
        assert plan.problems == [] and plan.refused() == []
        assert plan.values[second] == {"progress": "B 说设备进场"}
        assert plan.values[first] == {"progress": "A 说主体完工"}
        conflicts = {(c.project_id, c.key): c for c in plan.conflicts}
        assert set(conflicts) == {(first, "month"), (third, "progress")}
        assert {v for _s, v in conflicts[(first, "month")].choices} == {"123.45", "200.00"}
        assert (HERE, "本办改的") in conflicts[(third, "progress")].choices
        with pytest.raises(UserError, match="2 处冲突未作选择"):
            write_merge(session, plan, EntryMode.MONTH)
        decide(plan, conflicts[(first, "month")], "200.00")
        decide(plan, conflicts[(third, "progress")], "本办改的")
        write_merge(session, plan, EntryMode.MONTH)
        rows = {r.project_id: r for r in load_month(session, the_campaign(session), 2022, 8)}
        assert rows[first].month_amount == Decimal("200.00")
        assert rows[first].cumulative == (rows[first].previous or 0) + Decimal("200.00")
        assert rows[first].progress == "A 说主体完工"
        assert rows[second].progress == "B 说设备进场"
        assert rows[third].progress == "本办改的"
        assert session.scalar(select(ImportBatch.kind)) == "填报回收"


def test_bond_spending_and_a_start_date_come_back(demo_database: Database, tmp_path: Path) -> None:
    with demo_database.sessions() as session:
        rows = load_month(session, the_campaign(session), 2022, 8)
        starts = dict(session.execute(select(Project.id, Project.actual_start)).all())
        bond = next(r for r in rows if r.bond_issued and r.unit_id)
        unit_id = bond.unit_id
        assert unit_id is not None
        mine = [r for r in rows if r.unit_id == unit_id]
        open_start = next((r for r in mine if starts[r.project_id] is None), None)
    out = tmp_path / "bond.xlsx"
    with demo_database.sessions() as session:
        export_fill_in(session, the_campaign(session), unit_id, 2022, 8, out)
    row_of = {r.project_id: 4 + i for i, r in enumerate(mine)}
    edits: dict[str, object] = {f"K{row_of[bond.project_id]}": 1}
    if open_start is not None:
        edits[f"H{row_of[open_start.project_id]}"] = dt.datetime(2022, 8, 15)
    _edit(out, edits)
    with demo_database.sessions() as session:
        write_merge(session, plan_merge(session, [out]), EntryMode.MONTH)
        spent = session.scalar(
            select(MonthlyReport.bond_spent).where(
                MonthlyReport.project_id == bond.project_id,
                MonthlyReport.year == 2022,
                MonthlyReport.month == 8,
            )
        )
        assert spent == Decimal("1.00")
        if open_start is not None:
            started = session.get_one(Project, open_start.project_id).actual_start
            assert started == dt.date(2022, 8, 15)


def test_a_file_not_from_us_or_tampered_is_refused(demo_database: Database, tmp_path: Path) -> None:
    unit_id, _ids = _unit(demo_database)
    out = tmp_path / "x.xlsx"
    with demo_database.sessions() as session:
        export_fill_in(session, the_campaign(session), unit_id, 2022, 8, out)
    book = openpyxl.load_workbook(out)
    book["_gongjian"]["A1"] = book["_gongjian"]["A1"].value.replace('"month": 8', '"month": 9')
    book.save(out)
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "exchange"
    with demo_database.sessions() as session:
        plan = plan_merge(session, [out, fixtures / "city_list_basic.xlsx"])
    assert "被改动过" in plan.problems[0] and "不是本程序下发的填报表" in plan.problems[1]
