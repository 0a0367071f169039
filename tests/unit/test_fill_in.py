"""下发 / 回收: the fill-in workbook identifies itself; two returns and a change here conflict."""

from __future__ import annotations

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
from db.models import ImportBatch, Project, Unit
from tests.support.campaigns import the_campaign


def _unit(database: Database) -> tuple[int, list[int]]:
    with database.sessions() as session:
        unit = session.scalars(select(Unit).where(Unit.name == "招商一局")).one()
        ids = session.scalars(
            select(Project.id).where(Project.lead_unit_id == unit.id).order_by(Project.id)
        ).all()
        return unit.id, list(ids)


def test_fill_in_sheet_is_protected_validated_and_marked(
    demo_database: Database, tmp_path: Path
) -> None:
    unit_id, ids = _unit(demo_database)
    out = tmp_path / "招商一局.xlsx"
    with demo_database.sessions() as session:
        assert export_fill_in(session, the_campaign(session), unit_id, 2022, 8, out) == len(ids)
    book = openpyxl.load_workbook(out)
    sheet = book["填报"]
    assert sheet.protection.sheet
    assert sheet["C4"].protection.locked and not sheet["E4"].protection.locked
    assert {str(v.sqref) for v in sheet.data_validations.dataValidation} >= {
        f"E4:E{3 + len(ids)}",
        f"G4:G{3 + len(ids)}",
    }
    assert book["_gongjian"].sheet_state == "veryHidden"


def test_two_returns_merge_with_conflicts_decided(demo_database: Database, tmp_path: Path) -> None:
    unit_id, ids = _unit(demo_database)
    first, second, third = ids[:3]
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    with demo_database.sessions() as session:
        export_fill_in(session, the_campaign(session), unit_id, 2022, 8, a)
    shutil.copy(a, b)
    for path, edits in (
        (a, {"E4": 123.45, "H4": "A 说主体完工", "H6": "A 改了第三个"}),
        (b, {"E4": 200, "H5": "B 说设备进场"}),
    ):
        book = openpyxl.load_workbook(path)
        for cell, value in edits.items():
            book["填报"][cell] = value
        book.save(path)
    with demo_database.sessions() as session:  # changed here after the export
        save_entries(session, 2022, 8, [CellEntry(third, "progress", "本办改的")], EntryMode.MONTH)
        plan = plan_merge(session, [a, b])
        assert plan.problems == []
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
