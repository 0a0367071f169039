"""Project card services: typed amounts and codes, validation, uniqueness, 回收站, change log."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.infra.database import Database
from app.infra.errors import UserError
from app.projects.code import normalise_code
from app.projects.edits import (
    create_project,
    delete_project,
    purge_project,
    read_form,
    recycle_bin,
    restore_project,
    update_project,
)
from app.projects.form import FormErrors, parse_form
from app.values.amount_text import amount_text, parse_amount
from db.enums import ChangeAction, Stage
from db.models import ChangeLog, Project, Unit
from tests.support.campaigns import the_campaign
from tests.unit.factories import a_list


@pytest.mark.parametrize(
    ("typed", "wanted"),
    [
        ("3,500", Decimal("3500.00")),
        ("3500万", Decimal("3500.00")),
        ("1.2亿", Decimal("12000.00")),
        ("1.2亿元", Decimal("12000.00")),
        ("１２．５万元", Decimal("12.50")),
        (" 0.005 ", Decimal("0.01")),
        ("", None),
    ],
)
def test_amounts_are_read_as_clerks_type_them(typed: str, wanted: Decimal | None) -> None:
    assert parse_amount(typed) == wanted


@pytest.mark.parametrize("typed", ["abc", "-5", "12元", "1.2.3", "1e5", "99999999999"])
def test_bad_amounts_are_refused_with_the_field_named(typed: str) -> None:
    with pytest.raises(UserError, match="总投资"):
        parse_amount(typed, field="总投资")


def test_amount_text_has_separators_and_trims_zero_cents() -> None:
    assert amount_text(Decimal("1234567.50")) == "1,234,567.5"
    assert amount_text(Decimal("3500.00")) == "3,500"
    assert amount_text(None) == ""


def test_project_code_full_width_is_normalised_and_bad_format_refused() -> None:
    assert normalise_code("２０２２－１２０１１６－４７－０１－１２３４５６") == (
        "2022-120116-47-01-123456"
    )
    assert normalise_code("2022—120116—47—01—123456") == "2022-120116-47-01-123456"
    assert normalise_code("  ") is None
    with pytest.raises(UserError, match="格式不对"):
        normalise_code("2022-12011-47-01-123456")


def _form(**changes: object) -> dict[str, object]:
    raw: dict[str, object] = {
        "name": "空港三期",
        "list_id": 1,
        "stage": "在建",
        "calendar": "日历日",
        "lead_unit": "发改局",
        "total_investment": "1.2亿",
        "annual_plan": "3,500",
    }
    raw.update(changes)
    return raw


def test_form_rules_name_each_field() -> None:
    with pytest.raises(FormErrors) as caught:
        parse_form(
            _form(
                name=" ",
                lead_unit="",
                code="123",
                annual_plan="2亿",
                planned_start="2022-09-01",
                planned_finish="2022-08-01",
            )
        )
    errors = caught.value.errors
    assert errors["name"] == "必填。"
    assert errors["lead_unit"] == "必填。"
    assert "格式不对" in errors["code"]
    assert errors["annual_plan"] == "年度计划投资不能大于总投资。"
    assert errors["planned_finish"] == "计划竣工不能早于计划开工。"
    values = parse_form(_form())
    assert values["total_investment"] == Decimal("12000.00")
    assert values["stage"] is Stage.CONSTRUCTION


def test_create_update_delete_restore_with_change_log(database: Database) -> None:
    with database.sessions() as session:
        a_list(session)
        session.commit()
        project_id = create_project(session, parse_form(_form()))
        project = session.get(Project, project_id)
        assert project is not None and project.lead_unit is not None
        assert project.lead_unit.name == "发改局"
        before = update_project(
            session, project_id, parse_form(_form(annual_plan="4000", owner="新业主公司"))
        )
        assert before["annual_plan"] == Decimal("3500.00")
        assert session.scalar(select(Unit.id).where(Unit.name == "新业主公司")) is not None
        changes = session.scalars(
            select(ChangeLog).where(
                ChangeLog.table_name == "project", ChangeLog.action == ChangeAction.UPDATE
            )
        ).all()
        # Only what changed is recorded: the plan and the owner, nothing else.
        assert {c.field for c in changes} == {"annual_plan", "owner_id"}
        delete_project(session, project_id)
        assert [entry.name for entry in recycle_bin(session, the_campaign(session))] == ["空港三期"]
        restore_project(session, project_id)
        assert recycle_bin(session, the_campaign(session)) == []
        assert read_form(session, project_id)["owner"] == "新业主公司"


def test_duplicate_code_and_name_are_refused_with_the_existing_project(
    database: Database,
) -> None:
    with database.sessions() as session:
        a_list(session)
        session.commit()
        first = create_project(session, parse_form(_form(code="2022-120116-47-01-123456")))
        with pytest.raises(FormErrors) as caught:
            create_project(
                session, parse_form(_form(name="别的项目", code="2022-120116-47-01-123456"))
            )
        assert caught.value.existing == first and "code" in caught.value.errors
        with pytest.raises(FormErrors) as caught:
            create_project(session, parse_form(_form()))
        assert caught.value.existing == first and caught.value.errors == {"name": "已有同名项目。"}
        # A project in the 回收站 no longer blocks its name, but does block its code.
        delete_project(session, first)
        second = create_project(session, parse_form(_form()))
        with pytest.raises(UserError, match="同名"):
            restore_project(session, first)
        purge_project(session, second)
        restore_project(session, first)
        assert session.get(Project, second) is None


def test_purge_removes_for_good(database: Database) -> None:
    with database.sessions() as session:
        a_list(session)
        session.commit()
        project_id = create_project(session, parse_form(_form()))
        purge_project(session, project_id)
        assert session.get(Project, project_id) is None
        with pytest.raises(UserError, match="不存在"):
            update_project(session, project_id, parse_form(_form()))
        assert (
            session.scalar(
                select(func.count(ChangeLog.id)).where(
                    ChangeLog.table_name == "project", ChangeLog.action == ChangeAction.DELETE
                )
            )
            == 1
        )  # the purge is in the change log


def test_one_new_unit_named_twice_is_created_once(database: Database) -> None:
    with database.sessions() as session:
        a_list(session)
        session.commit()
        create_project(
            session,
            parse_form(
                _form(
                    lead_unit="新局",
                    cooperating_units="新局、规建局",
                    leader="张三",
                    chief_officer="张三",
                )
            ),
        )
        assert len(session.scalars(select(Unit).where(Unit.name == "新局")).all()) == 1
