"""数据交换 page: the import wizard from file choice to a confirmed import, then undo; export."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.infra.changes import Change
from app.infra.database import Database, open_database
from db.enums import UnitKind
from db.models import MonthlyReport, Project, Unit
from tests.support.campaigns import the_campaign
from tests.support.city_workbook import CityRow, write_city_workbook
from tests.ui.conftest import MessageLog, finished
from ui.exchange.import_wizard import ImportWizard
from ui.exchange.page import ExchangePage
from ui.settings.keys import Settings
from ui.shell.bus import ChangeBus
from ui.shell.pages import PAGES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exchange"


def _following_bus(database: Database) -> ChangeBus:
    """A bus whose campaign follows the database's latest, as the window's choice does."""
    bus = ChangeBus()

    def follow(changes: frozenset[Change]) -> None:
        if Change.CAMPAIGN in changes:
            with database.reading() as session:
                bus.campaign_id = the_campaign(session)

    bus.changed.connect(follow)  # before the page's own connection: it reloads after this
    with database.reading() as session:
        bus.campaign_id = the_campaign(session)
    return bus


def _page(qtbot: QtBot, path: Path) -> ExchangePage:
    database = open_database(path, operator="测试员")
    spec = next(s for s in PAGES if s.key == "exchange")
    page = ExchangePage(spec, Settings(), _following_bus(database))
    qtbot.addWidget(page)
    page.set_database(database)
    page.show()
    return page


def _projects(page: ExchangePage) -> int:
    assert page._database is not None
    with page._database.sessions() as session:
        return session.scalar(select(func.count(Project.id))) or 0


def test_export_excel_and_json_from_the_page(qtbot: QtBot, tmp_path: Path) -> None:
    page = _page(qtbot, tmp_path / "新.db")
    wizard = page.open_import([FIXTURES / "city_list_basic.xlsx"])
    assert isinstance(wizard, ImportWizard)
    for _step in range(3):
        wizard.forward()
        finished(qtbot, wizard.operation)
    assert wizard.batch_id == 1
    count = finished(qtbot, page.export_excel(tmp_path / "报市里.xlsx"))
    assert count == 30
    assert "附表3" in openpyxl.load_workbook(tmp_path / "报市里.xlsx").sheetnames
    data = finished(qtbot, page.export_json(tmp_path / "x.json"))
    assert '"name": "空港三期蓝白领公寓及综合服务中心"' in data.read_text(encoding="utf-8")


def test_merge_dialog_asks_for_each_conflict_then_writes(
    qtbot: QtBot, tmp_path: Path, messages: MessageLog
) -> None:
    import shutil

    from sqlalchemy import select

    from app.demo.install import create_demo_database
    from app.exchange.fill_in import export_fill_in
    from app.reports.monthly_reports import load_month
    from db.models import Unit
    from ui.exchange.merge_dialog import MergeDialog

    page = _page(qtbot, create_demo_database(tmp_path / "示例.db"))
    assert page._database is not None
    with page._database.sessions() as session:
        unit_id = session.scalar(select(Unit.id).where(Unit.name == "招商一局"))
        assert unit_id is not None
        export_fill_in(session, the_campaign(session), unit_id, 2022, 8, tmp_path / "a.xlsx")
    shutil.copy(tmp_path / "a.xlsx", tmp_path / "b.xlsx")
    for name, amount in (("a.xlsx", 123.45), ("b.xlsx", 200)):
        book = openpyxl.load_workbook(tmp_path / name)
        book["填报"]["F4"] = amount  # 本月完成投资 of the first project
        book.save(tmp_path / name)
    finished(qtbot, page.merge_returns([tmp_path / "a.xlsx", tmp_path / "b.xlsx"]))
    dialog = page.open_dialog
    assert isinstance(dialog, MergeDialog) and dialog.model.rowCount() == 1
    backups = tmp_path / "示例-备份"

    def backed_up() -> int:
        return len(list(backups.glob("*回收合并前*.db"))) if backups.is_dir() else 0

    dialog.accept()  # no choice made: refused, stays open, and nothing is backed up
    assert "1 处冲突未作选择" in messages.texts() and dialog.isVisible()
    assert "尚未备份" in messages.texts() and backed_up() == 0
    assert dialog.model.setData(dialog.model.index(0, 3), "200.00")  # b.xlsx's value
    assert dialog.model.index(0, 3).data() == "200.00（b.xlsx）"
    with qtbot.waitSignal(dialog.accepted):
        dialog.accept()
    assert backed_up() == 1
    with page._database.reading() as session:
        amounts = {r.month_amount for r in load_month(session, the_campaign(session), 2022, 8)}
    assert Decimal("200.00") in amounts


def _campaign_2026(page: ExchangePage) -> int:
    from app.campaign.setup import CampaignForm, parse_form, proposed_form
    from app.campaign.setup_write import create_campaign

    assert page._database is not None
    with page._database.sessions() as session:
        form = CampaignForm(name="2026年重点项目百日攻坚行动", start="2026-09-01", end="2026-12-10")
        form.lists = proposed_form(session, dt.date(2026, 9, 1)).lists
        campaign_id = create_campaign(session, parse_form(session, form, None))
        session.add(Unit(name="发改局", kind=UnitKind.RESPONSIBLE))
        session.commit()
    page._bus.campaign_id = campaign_id
    page.set_database(page._database)
    return campaign_id


def _to_preview(qtbot: QtBot, wizard: ImportWizard) -> None:
    for _step in range(2):
        qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
        finished(qtbot, wizard.operation)
    assert wizard.steps.currentIndex() == 2


def test_a_workbook_of_another_year_says_so_and_goes_where_chosen(
    qtbot: QtBot, tmp_path: Path
) -> None:
    page = _page(qtbot, tmp_path / "新.db")
    campaign_id = _campaign_2026(page)
    wizard = page.open_import([FIXTURES / "city_list_basic.xlsx"])  # 2022年计划投资, 1-7月
    assert isinstance(wizard, ImportWizard)
    _to_preview(qtbot, wizard)
    assert wizard.period.isVisible()
    assert "表格是 2022 年的，当前攻坚行动是 2026 年" in wizard.period.message.text()
    assert not wizard.period.matching.isVisible()  # no campaign of 2022 in this database
    assert not wizard.next_button.isEnabled()  # the clerk chooses first
    assert "请先在上方选择" in wizard.counts_label.text()
    wizard.period.this_year.setChecked(True)  # planned again, as this year's
    finished(qtbot, wizard.operation)
    assert wizard.next_button.isEnabled()
    with qtbot.waitSignal(wizard.imported):
        qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
        finished(qtbot, wizard.operation)
    assert page._database is not None
    with page._database.reading() as session:
        years = set(session.scalars(select(MonthlyReport.year)))
        campaigns = set(session.scalars(select(Project.campaign_id)))
    assert years == {2026} and campaigns == {campaign_id}


def test_units_differing_by_a_prefix_are_merged_when_ticked(qtbot: QtBot, tmp_path: Path) -> None:
    page = _page(qtbot, tmp_path / "新.db")
    _campaign_2026(page)
    rows = [
        CityRow(
            "滨河路改造工程", "区发改局", 5000, 2000, 800, dt.date(2026, 3, 1), dt.date(2027, 6, 30)
        ),
        CityRow(
            "东区学校扩建", "区规划分局", 3000, 1000, 200, dt.date(2026, 5, 1), dt.date(2027, 8, 31)
        ),
        CityRow(
            "西区污水厂", "规划分局", 3000, 1000, 200, dt.date(2026, 5, 1), dt.date(2027, 8, 31)
        ),
    ]
    book = write_city_workbook(tmp_path / "市里下发.xlsx", 2026, 10, rows)
    wizard = page.open_import([book])
    assert isinstance(wizard, ImportWizard)
    _to_preview(qtbot, wizard)
    assert not wizard.period.isVisible()  # this year's table
    texts = [box.text() for box, _match in wizard.unit_merges.boxes]
    assert texts == [
        "「区发改局」与已有的「发改局」只差前缀“区”，建议合并为「发改局」",
        "「区规划分局」与表中另一处的「规划分局」只差前缀“区”，建议合并为「规划分局」",
    ]
    with qtbot.waitSignal(wizard.imported):
        qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
        finished(qtbot, wizard.operation)
    assert page._database is not None
    with page._database.reading() as session:
        names = set(session.scalars(select(Unit.name)))
    assert {"发改局", "规划分局"} <= names and not names & {"区发改局", "区规划分局"}


def test_merge_dialog_without_conflicts_says_so(
    qtbot: QtBot, tmp_path: Path, qtmodeltester: ModelTester
) -> None:
    from sqlalchemy import select

    from app.demo.install import create_demo_database
    from app.exchange.fill_in import export_fill_in
    from db.models import Unit
    from ui.exchange.merge_dialog import MergeDialog

    page = _page(qtbot, create_demo_database(tmp_path / "示例.db"))
    assert page._database is not None
    with page._database.sessions() as session:
        unit_id = session.scalar(select(Unit.id).where(Unit.name == "招商一局"))
        assert unit_id is not None
        export_fill_in(session, the_campaign(session), unit_id, 2022, 8, tmp_path / "a.xlsx")
    book = openpyxl.load_workbook(tmp_path / "a.xlsx")
    book["填报"]["F4"] = "三百万"
    book["填报"]["I5"] = "设备进场"
    book.save(tmp_path / "a.xlsx")
    finished(qtbot, page.merge_returns([tmp_path / "a.xlsx"]))
    dialog = page.open_dialog
    assert isinstance(dialog, MergeDialog)
    qtmodeltester.check(dialog.model)
    assert "冲突" not in dialog.summary.text() and not dialog.conflicts.isVisibleTo(dialog)
    assert "a.xlsx（招商一局）：将写入 1 个值，1 个格子有误，不写入" in dialog.summary.text()
    assert "第 4 行 F 列：本月完成投资（万元）「三百万」" in dialog.refused.toPlainText()
    assert dialog.write_button.isEnabled()
    dialog.reject()
