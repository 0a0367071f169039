"""Setting up campaigns: the form's checks, the seven lists with templates, several campaigns."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, select, text

import db.migrate
from app.bulletin.issue_number import issue_number, issue_text
from app.campaign.choice import campaign_named, campaign_rows, latest_campaign, resolve_campaign
from app.campaign.office_name import printout_office
from app.campaign.setup import (
    CampaignErrors,
    CampaignForm,
    form_of,
    parse_form,
    proposed_form,
    target_key,
)
from app.campaign.setup_write import create_campaign, update_campaign
from app.infra.database import Database, open_database
from app.infra.errors import UserError
from app.projects.organisation_edits import add_list, lists
from db.enums import IssueNumbering, TargetKind
from db.models import Campaign, MilestoneTemplate, ProjectList

TODAY = dt.date(2026, 9, 1)


def _form(**changes: object) -> CampaignForm:
    form = CampaignForm(
        name="2026年重点项目百日攻坚行动",
        start="2026-09-01",
        end="2026-12-10",
        office_name="滨河区重点项目办公室",
    )
    for key, value in changes.items():
        setattr(form, key, value)
    return form


def _create(database: Database, form: CampaignForm) -> int:
    with database.sessions() as session:
        if not form.lists:
            form.lists = proposed_form(session, TODAY).lists
        return create_campaign(session, parse_form(session, form, None))


def test_a_new_campaign_gets_the_seven_lists_numbered_with_their_templates(
    database: Database,
) -> None:
    campaign_id = _create(database, _form())
    with database.reading() as session:
        rows = lists(session, campaign_id)
        assert [(r.number, r.name) for r in rows] == [
            (1, "谋划攻坚项目"),
            (2, "招商实体转化项目"),
            (3, "力促开工项目"),
            (4, "竣工投产项目"),
            (5, "加快建设项目"),
            (6, "房地产项目"),
            (7, "已发行专项债项目"),
        ]
        assert [r.template for r in rows] == [
            "谋划攻坚",
            "招商实体转化",
            "力促开工",
            "竣工投产",
            "加快建设",
            "房地产",
            "已发行专项债",
        ]
        campaign = session.get_one(Campaign, campaign_id)
        assert (campaign.start_date, campaign.end_date) == (
            dt.date(2026, 9, 1),
            dt.date(2026, 12, 10),
        )
        assert campaign.office_name == "滨河区重点项目办公室"
        assert campaign.targets == []  # every target is optional


def test_unticked_lists_keep_the_others_numbers(database: Database) -> None:
    with database.sessions() as session:
        offered = proposed_form(session, TODAY).lists
    chosen = [c for c in offered if c.number in (3, 4, 5)]
    campaign_id = _create(database, _form(lists=chosen))
    with database.reading() as session:
        assert [(r.number, r.name) for r in lists(session, campaign_id)] == [
            (3, "力促开工项目"),
            (4, "竣工投产项目"),
            (5, "加快建设项目"),
        ]


def test_every_wrong_field_is_named(database: Database) -> None:
    _create(database, _form())
    form = _form(
        name="2026年重点项目百日攻坚行动",  # taken
        start="2026-13-01",
        end="",
        targets={
            TargetKind.COMPLETION_RATE: ("160", ""),
            TargetKind.INVESTMENT: ("很多", ""),
            TargetKind.START_RATE: ("", "2026-12-01"),
        },
        lists=[],
    )
    with database.sessions() as session, pytest.raises(CampaignErrors) as caught:
        parse_form(session, form, None)
    errors = caught.value.errors
    assert "已有名为" in errors["name"]
    assert "开始日期「2026-13-01」无法识别" in errors["start"]
    assert errors["end"] == "请填写结束日期。"
    assert "0 到 100" in errors[target_key(TargetKind.COMPLETION_RATE)]
    assert "不是数字" in errors[target_key(TargetKind.INVESTMENT)]
    assert "没有填写目标值" in errors[target_key(TargetKind.START_RATE)]
    assert "至少选择一张" in errors["lists"]


def test_end_before_start_is_refused(database: Database) -> None:
    with database.sessions() as session, pytest.raises(CampaignErrors) as caught:
        parse_form(session, _form(end="2026-08-01"), None)
    assert "早于开始日期" in caught.value.errors["end"]


def test_targets_as_typed_and_changed_later(database: Database) -> None:
    form = _form(
        targets={
            TargetKind.INVESTMENT: ("18亿", ""),
            TargetKind.COMPLETION_RATE: ("６０％", "2026-11-30"),
        }
    )
    campaign_id = _create(database, form)
    with database.reading() as session:
        campaign = session.get_one(Campaign, campaign_id)
        targets = {t.kind: t for t in campaign.targets}
        assert targets[TargetKind.INVESTMENT].amount == Decimal("180000.00")
        assert campaign.target_investment == Decimal("180000.00")
        assert targets[TargetKind.COMPLETION_RATE].percent == Decimal("60.00")
        assert targets[TargetKind.COMPLETION_RATE].due_date == dt.date(2026, 11, 30)
        form = form_of(session, campaign_id)
    assert form.targets[TargetKind.COMPLETION_RATE] == ("60", "2026-11-30")
    form.targets = {TargetKind.START_RATE: ("100", "")}
    form.office_name = "滨河区发展和改革局"
    form.issue_numbering = IssueNumbering.RUNNING
    form.issue_start = 5
    with database.sessions() as session:
        update_campaign(session, campaign_id, parse_form(session, form, campaign_id))
    with database.reading() as session:
        campaign = session.get_one(Campaign, campaign_id)
        assert [(t.kind, t.percent) for t in campaign.targets] == [
            (TargetKind.START_RATE, Decimal("100.00"))
        ]
        assert campaign.target_investment is None
        assert (campaign.issue_numbering, campaign.issue_start) == (IssueNumbering.RUNNING, 5)
        assert printout_office(session, campaign_id, "旧设置") == "滨河区发展和改革局"


def test_the_old_office_setting_stands_in_until_the_campaign_names_one(
    database: Database,
) -> None:
    campaign_id = _create(database, _form(office_name=""))
    with database.reading() as session:
        assert printout_office(session, campaign_id, "保税区重点项目办") == "保税区重点项目办"
        assert printout_office(session, None, "") == ""


def test_a_hand_made_list_takes_the_template_named_after_it(database: Database) -> None:
    campaign_id = _create(database, _form())
    with database.sessions() as session:
        session.add(MilestoneTemplate(name="开工一批"))
        session.commit()
        add_list(session, campaign_id, "开工一批")
        add_list(session, campaign_id, "储备一批")
    with database.reading() as session:
        rows = {r.name: r.template for r in lists(session, campaign_id)}
    assert rows["开工一批"] == "开工一批" and rows["储备一批"] is None


def test_adding_a_list_without_a_campaign_says_where_to_make_one(database: Database) -> None:
    with database.sessions() as session, pytest.raises(UserError) as caught:
        add_list(session, None, "力促开工项目")
    assert "新建攻坚行动" in caught.value.message


def test_several_campaigns_the_latest_is_the_default(database: Database) -> None:
    first = _create(
        database, _form(name="2025年重点项目攻坚", start="2025-03-01", end="2025-12-31")
    )
    second = _create(database, _form())
    with database.reading() as session:
        assert [r.name for r in campaign_rows(session)] == [
            "2026年重点项目百日攻坚行动",
            "2025年重点项目攻坚",
        ]
        latest = latest_campaign(session)
        assert latest is not None and latest.id == second
        chosen = resolve_campaign(session, first)
        assert chosen is not None and chosen.id == first
        gone = resolve_campaign(session, 999)
        assert gone is not None and gone.id == second
        named = campaign_named(session, "2025")
        assert named is not None and named.id == first
        with pytest.raises(UserError, match="没有名为「2024」"):
            campaign_named(session, "2024")
        with pytest.raises(UserError, match="对应多个"):
            campaign_named(session, "重点项目")
        # Each campaign has its own seven lists.
        assert session.scalar(
            select(ProjectList.id).where(ProjectList.campaign_id == first, ProjectList.number == 3)
        ) != session.scalar(
            select(ProjectList.id).where(ProjectList.campaign_id == second, ProjectList.number == 3)
        )


@pytest.mark.parametrize(
    ("numbering", "start", "month", "expected"),
    [
        (IssueNumbering.BY_MONTH, 1, (2026, 10), "2026年第10期"),
        (IssueNumbering.RUNNING, 1, (2026, 9), "第1期"),
        (IssueNumbering.RUNNING, 1, (2026, 12), "第4期"),
        (IssueNumbering.RUNNING, 12, (2027, 1), "第16期"),
        (IssueNumbering.RUNNING, 3, (2026, 8), "第3期"),  # before the start: the first number
    ],
)
def test_bulletin_issue_numbers(
    numbering: IssueNumbering, start: int, month: tuple[int, int], expected: str
) -> None:
    assert issue_text(numbering, start, dt.date(2026, 9, 1), *month) == expected
    assert issue_number(numbering, start, dt.date(2026, 9, 1), *month) == int(
        expected.split("第")[1].removesuffix("期")
    )


def test_migration_links_lists_to_templates_and_keeps_codes(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", str(Path(db.migrate.__file__).parent / "migrations"))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0006")
        conn.execute(
            text(
                "INSERT INTO campaign (id, name, start_date, end_date) "
                "VALUES (1, '2022年攻坚', '2022-05-24', '2022-08-31')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO project_list (id, campaign_id, number, name) VALUES "
                "(1, 1, 3, '力促开工项目'), (2, 1, 8, '开工一批')"
            )
        )
        conn.execute(
            text("INSERT INTO milestone_template (id, name, list_id) VALUES (1, '力促开工', NULL)")
        )
        conn.execute(
            text("INSERT INTO milestone_template (id, name, list_id) VALUES (2, '我的', 2)")
        )
        conn.execute(
            text(
                "INSERT INTO project (id, code, name, list_id, stage, calendar) VALUES "
                "(1, '2022-120116-47-01-123456', '空港三期', 1, '在建', '日历日')"
            )
        )
    engine.dispose()
    database = open_database(path)
    with database.reading() as session:
        assert [(r.name, r.template) for r in lists(session, 1)] == [
            ("力促开工项目", "力促开工"),
            ("开工一批", "我的"),
        ]
        assert session.execute(text("SELECT campaign_id FROM project")).scalar() == 1
        campaign = session.get_one(Campaign, 1)
        assert campaign.issue_numbering is IssueNumbering.BY_MONTH and campaign.issue_start == 1
    database.close()
