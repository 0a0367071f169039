"""The import wizard: files → columns (corrected where needed) → preview with a report per
sheet → import → what was done; unclear columns asked about; a correction kept as a profile and
used unasked the next time the same header comes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.infra.database import open_database
from db.models import ExchangeProfileRow, Project
from tests.support.office_tables import Rendering, project_sheet, save
from tests.ui.conftest import MessageLog, finished
from ui.exchange.import_wizard import ImportWizard
from ui.exchange.mapping_model import FIELD_COLUMN
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


def _wizard(page: ExchangePage, files: list[Path]) -> ImportWizard:
    wizard = page.open_import(files)
    assert isinstance(wizard, ImportWizard)
    return wizard


def _forward(qtbot: QtBot, wizard: ImportWizard) -> None:
    """下一步 (or 导入), and wait for the work it starts."""
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    if wizard.operation is not None and wizard.operation.running:
        finished(qtbot, wizard.operation)


def _choose(wizard: ImportWizard, letter: str, field: str) -> None:
    model = wizard.mapping_step.model
    assert model.setData(model.index(model.row_of(letter), FIELD_COLUMN), field)


def _shown_field(wizard: ImportWizard, letter: str) -> str:
    model = wizard.mapping_step.model
    return str(model.data(model.index(model.row_of(letter), FIELD_COLUMN)))


def _count(page: ExchangePage) -> int:
    assert page._database is not None
    with page._database.reading() as session:
        return session.scalar(select(func.count(Project.id))) or 0


def test_wizard_walks_from_files_to_import_and_the_batch_undoes(
    qtbot: QtBot, tmp_path: Path, messages: MessageLog, qtmodeltester: ModelTester
) -> None:
    page = _page(qtbot, tmp_path / "新.db")
    wizard = _wizard(page, [FIXTURES / "city_list_basic.xlsx"])
    _forward(qtbot, wizard)
    assert wizard.steps.currentIndex() == 1
    assert wizard.sheet_box.currentText() == "city_list_basic.xlsx · 附表3"
    qtmodeltester.check(wizard.mapping_step.model)
    assert _shown_field(wizard, "N") == "备注"
    _choose(wizard, "N", "（不导入）")  # the clerk leaves a column out
    _forward(qtbot, wizard)
    assert wizard.steps.currentIndex() == 2
    preview = wizard.preview_step
    qtmodeltester.check(preview.model)
    assert "新增 30 行" in wizard.counts_label.text()
    assert "导入时请填写新攻坚行动的名称和起止日期" in wizard.counts_label.text()
    assert "计划竣工早于计划开工" in wizard.issues.toPlainText()
    assert "N 备注（已更正为不导入）" in preview.report.toPlainText()
    assert preview.keep_profile.isChecked()  # a correction: offered to be kept
    assert preview.profile_name.text() == "保税区重点项目办"  # the sending office
    preview.model.setData(
        preview.model.index(0, 0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole
    )
    assert "新增 29 行" in wizard.counts_label.text()
    assert _count(page) == 0  # nothing written before 导入
    with qtbot.waitSignal(wizard.imported):
        _forward(qtbot, wizard)
    assert _count(page) == 29
    assert wizard.steps.currentIndex() == 3
    assert "已导入：导入批次 #1，共 29 行" in wizard.done_step.summary.text()
    assert "已保存交换方案「保税区重点项目办」" in wizard.done_step.summary.text()
    assert "工作表「附表3」导入报告" in wizard.done_step.report.toPlainText()
    _forward(qtbot, wizard)  # 完成
    assert not wizard.isVisible()
    page.batch_view.selectRow(0)
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert "撤销导入批次 #1" in messages.texts()
    assert _count(page) == 0


def test_wizard_shows_errors_and_can_leave_those_rows_out(qtbot: QtBot, tmp_path: Path) -> None:
    page = _page(qtbot, tmp_path / "新.db")
    wizard = _wizard(page, [FIXTURES / "problem_ledger.xlsx", FIXTURES / "bad" / "empty.xlsx"])
    _forward(qtbot, wizard)
    assert wizard.mapping_step.layout_label.text().startswith("问题台账")
    _forward(qtbot, wizard)
    assert "有错误 30 行" in wizard.counts_label.text()
    assert "empty.xlsx」是空的" in wizard.issues.toPlainText()
    assert not wizard.next_button.isEnabled()
    qtbot.mouseClick(wizard.preview_step.skip_errors_button, Qt.MouseButton.LeftButton)
    assert "有错误 0 行" in wizard.counts_label.text()
    wizard.reject()


def test_the_clerk_can_say_where_the_header_is(qtbot: QtBot, tmp_path: Path) -> None:
    page = _page(qtbot, tmp_path / "新.db")
    wizard = _wizard(page, [FIXTURES / "city_list_basic.xlsx"])
    _forward(qtbot, wizard)
    step = wizard.mapping_step
    assert (step.header_first.value(), step.header_last.value()) == (3, 4)
    step.header_first.setValue(4)  # the second header row, taken as the only one
    assert step.header_last.value() == 4
    assert _shown_field(wizard, "F") == "总投资" and "数据自第 5 行" in step.layout_label.text()
    step.header_first.setValue(2)
    step.header_last.setValue(2)  # the unit line: nothing there is a header
    assert "数据自第 3 行" in step.layout_label.text()
    step.header_first.setValue(3)
    step.header_last.setValue(4)
    assert _shown_field(wizard, "G") == "年度计划投资"
    wizard.reject()


def test_an_unclear_column_is_asked_about_and_the_answer_kept_for_next_time(
    qtbot: QtBot, tmp_path: Path, messages: MessageLog
) -> None:
    sheet = project_sheet(Rendering())
    header = next(i for i, row in enumerate(sheet.rows) if "项目名称" in row)
    sheet.rows[header][4] = "投资（万元）"
    book = save(tmp_path / "区发改局.xlsx", {"清单": sheet})
    page = _page(qtbot, tmp_path / "新.db")
    wizard = _wizard(page, [book])
    _forward(qtbot, wizard)
    assert _shown_field(wizard, "E") == "（不导入）"
    assert "有 1 列需要确认" in wizard.mapping_step.layout_label.text()
    messages.answer = messages.answer.No
    _forward(qtbot, wizard)
    assert "有的列还没有确认" in messages.texts() and wizard.steps.currentIndex() == 1
    _choose(wizard, "E", "年度计划投资")
    _forward(qtbot, wizard)
    assert wizard.steps.currentIndex() == 2
    with qtbot.waitSignal(wizard.imported):
        _forward(qtbot, wizard)
    assert page._database is not None
    with page._database.reading() as session:
        assert session.scalar(select(ExchangeProfileRow.name)) == "区发改局"
        plans = set(session.scalars(select(Project.annual_plan)))
    assert Decimal("23456.70") in plans
    _forward(qtbot, wizard)
    again = _wizard(page, [book])  # next month, the same layout
    _forward(qtbot, again)
    assert "按交换方案「区发改局」识别" in again.mapping_step.layout_label.text()
    assert _shown_field(again, "E") == "年度计划投资"
    again.reject()


def test_editing_a_saved_office_profile_keeps_how_its_layout_is_read(qtbot: QtBot) -> None:
    from app.exchange.profiles import ExchangeProfile, ProfileColumn, SheetReading
    from ui.exchange.profile_dialog import ProfileDialog

    reading = SheetReading(
        "project", "序号|名称|投资", "序号|名称|投资", (3, 3), ((2, "annual_plan"),)
    )
    profile = ExchangeProfile("区发改局", (ProfileColumn("name", "名称"),), reading=reading)
    dialog = ProfileDialog(profile, ["力促开工项目"])
    qtbot.addWidget(dialog)
    dialog.name.setText("区发改局（改）")
    edited = dialog.profile()
    assert edited.name == "区发改局（改）" and edited.reading == reading
