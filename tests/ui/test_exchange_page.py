"""数据交换 page: the import wizard from file choice to a confirmed import, then undo; export."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.infra.database import open_database
from db.models import Project
from tests.ui.conftest import MessageLog, finished
from ui.exchange.import_wizard import ImportWizard
from ui.exchange.page import ExchangePage
from ui.settings.keys import Settings
from ui.shell.bus import ChangeBus
from ui.shell.pages import PAGES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exchange"


def _page(qtbot: QtBot, path: Path) -> ExchangePage:
    database = open_database(path, operator="测试员")
    page = ExchangePage(next(s for s in PAGES if s.key == "exchange"), Settings(), ChangeBus())
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
    assert openpyxl.load_workbook(tmp_path / "报市里.xlsx").sheetnames[0] == "附表3"
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
        export_fill_in(session, unit_id, 2022, 8, tmp_path / "a.xlsx")
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
        amounts = {r.month_amount for r in load_month(session, 2022, 8)}
    assert Decimal("200.00") in amounts


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
        export_fill_in(session, unit_id, 2022, 8, tmp_path / "a.xlsx")
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
