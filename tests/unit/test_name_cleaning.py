"""One spelling of a name, on import and in the editor alike: zero-width and bidirectional control
characters removed, spaces normalised — so the same name is the same project, unit and person."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from app.exchange.import_plan import RowStatus, plan_import
from app.exchange.import_write import write_import
from app.infra.database import open_database
from app.projects.form import parse_field
from app.projects.organisation_edits import add_unit
from app.values.names import clean_name
from db.enums import UnitKind
from db.models import Person, Project, Unit
from tests.support.campaigns import the_campaign

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exchange"
DISGUISES = [
    "\u200b{}",  # zero-width space
    "{}\u200d",  # zero-width joiner
    "\u202e{}\u202c",  # right-to-left override … pop
    "\u2066{}\u2069",  # isolate … pop isolate
    "\ufeff{}",  # byte-order mark pasted from a text file
    " {}\u00a0",  # no-break space
    "{}\u3000",  # ideographic space
    "\u200e{}\u200f",  # LRM … RLM
]


@pytest.mark.parametrize("disguise", DISGUISES)
def test_clean_name_undoes_each_disguise(disguise: str) -> None:
    assert clean_name(disguise.format("空港 三期")) == "空港 三期"
    assert clean_name(disguise.format("空港\u3000\u3000三期")) == "空港 三期"


def test_the_editor_and_the_importer_spell_a_name_the_same(tmp_path: Path) -> None:
    assert parse_field("name", "\u200b空港三期\u202c ") == "空港三期"
    assert parse_field("leader", "张\u200b三") == "张三"
    database = open_database(tmp_path / "台账.db")
    with database.sessions() as session:
        unit_id = add_unit(session, "城环局\u200b", UnitKind.RESPONSIBLE)
        assert session.get_one(Unit, unit_id).name == "城环局"
    database.close()


def test_a_disguised_name_in_a_returned_workbook_is_the_same_project(tmp_path: Path) -> None:
    database = open_database(tmp_path / "台账.db")
    with database.sessions() as session:
        plan = plan_import(session, [FIXTURES / "city_list_basic.xlsx"], campaign_id=None)
        write_import(session, plan, "首次", campaign_id=None)
        projects = session.scalar(select(func.count(Project.id)))
        units = session.scalar(select(func.count(Unit.id)))
        people = session.scalar(select(func.count(Person.id)))
    book = openpyxl.load_workbook(FIXTURES / "city_list_basic.xlsx")
    sheet = book.active
    assert sheet is not None
    headers = {cell.value: cell.column for row in sheet.iter_rows(max_row=4) for cell in row}
    for number, row in enumerate(range(5, sheet.max_row + 1)):
        for header in ("项目名称", "责任单位", "包联领导"):
            cell = sheet.cell(row, headers[header])
            if isinstance(cell.value, str):
                cell.value = DISGUISES[number % len(DISGUISES)].format(cell.value)
        sheet.cell(row, headers["项目代码"]).value = None  # matched by name alone
    disguised = tmp_path / "交回的.xlsx"
    book.save(disguised)
    with database.sessions() as session:
        plan = plan_import(session, [disguised], campaign_id=the_campaign(session))
        assert plan.counts()[RowStatus.NEW] == 0
        assert plan.counts()[RowStatus.UNCHANGED] == 30
        assert session.scalar(select(func.count(Project.id))) == projects
        assert session.scalar(select(func.count(Unit.id))) == units
        assert session.scalar(select(func.count(Person.id))) == people
    database.close()
