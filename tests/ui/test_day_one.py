"""Day one, the way a district office lives it: an empty database to the first monthly bulletin.

One run through the window, no demo data: the campaign (2026-09-01 to 2026-12-10), its lists,
three projects typed in, a reverse schedule from a deadline, October's report, a problem from
待办 to 已销号, the 附表 exported and read back, the city's workbook imported, the October
bulletin written and its PDF read back (issue 14).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.enums import ProblemState, TargetKind
from db.models import AppMeta, Milestone, Project, Unit
from tests.support.city_workbook import CityRow, write_city_workbook
from tests.ui.conftest import MessageLog, finished, type_text
from ui.campaign.editor_dialog import NewCampaignDialog
from ui.problems.dialogs import CloseDialog, NewProblemDialog
from ui.projects.editor_dialog import ProjectEditor
from ui.schedule.milestone_editor import MilestoneEditorDialog
from ui.settings.keys import Settings
from ui.shell.main_window import MainWindow
from ui.shell.start import create_application

OFFICE = "滨河区重点项目建设领导小组办公室"
RAISED = dt.date.today() - dt.timedelta(days=20)
DEADLINE = RAISED + dt.timedelta(days=60)
CAMPAIGN = "2026年重点项目百日攻坚行动"


def _retype(qtbot: QtBot, line: QLineEdit, text: str) -> None:
    line.setFocus()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    type_text(qtbot, line, text)


def _stored(window: MainWindow, query: Any) -> Any:
    assert window.database is not None
    with window.database.reading() as session:
        return session.execute(query).all()


def _new_campaign(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> None:
    def fill(dialog: NewCampaignDialog) -> int:
        fields = dialog.fields
        assert [row.check.isChecked() for row in fields.list_rows] == [True] * 7
        _retype(qtbot, fields.name, CAMPAIGN)
        _retype(qtbot, fields.start.line, "2026-09-01")
        _retype(qtbot, fields.end.line, "2026-12-10")
        assert fields.days.text() == "共 101 天"
        _retype(qtbot, fields.office, OFFICE)
        fields.numbering.setCurrentIndex(1)  # 连续编号: September is 第1期
        _retype(qtbot, fields.target_values[TargetKind.INVESTMENT], "5亿")
        _retype(qtbot, fields.target_values[TargetKind.COMPLETION_RATE], "60")
        _retype(qtbot, fields.target_values[TargetKind.START_RATE], "100")
        fields.list_rows[5].check.setChecked(False)  # no real-estate projects here
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(NewCampaignDialog, "exec", fill)
    overview = window.pages["overview"]
    qtbot.mouseClick(overview.start_panel.buttons["new_campaign"], Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]


def _new_project(qtbot: QtBot, window: MainWindow, values: dict[str, str]) -> None:
    window.show_page("projects")
    page = window.pages["projects"]
    page.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
    editor = page.new_project()  # type: ignore[attr-defined]
    assert isinstance(editor, ProjectEditor)
    code = editor.editors["code"]
    assert isinstance(code, QLineEdit) and "2026-120116" in code.placeholderText()
    for key, text in values.items():
        widget = editor.editors[key]
        if key == "list_id":
            assert hasattr(widget, "findText")
            widget.setCurrentIndex(widget.findText(text))  # type: ignore[union-attr]
            continue
        line = widget.lineEdit() if hasattr(widget, "lineEdit") else widget
        assert isinstance(line, QLineEdit)
        _retype(qtbot, line, text)
    qtbot.mouseClick(
        editor.buttons.button(editor.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert not editor.isVisible(), [m.text() for m in editor.messages.values() if m.text()]


def _project_id(window: MainWindow, name: str) -> int:
    [(project_id,)] = _stored(window, select(Project.id).where(Project.name == name))
    return int(project_id)


def _schedule_from_deadline(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow, project_id: int
) -> None:
    proposed: list[str] = []

    def fill_template(dialog: QDialog) -> int:
        from PySide6.QtWidgets import QComboBox

        from ui.widgets.date_box import DateBox

        [names] = dialog.findChildren(QComboBox)
        proposed.append(names.currentText())
        [deadline] = dialog.findChildren(DateBox)
        _retype(qtbot, deadline.line, "2026-12-10")
        return QDialog.DialogCode.Accepted

    def drive(editor: MilestoneEditorDialog) -> int:
        with monkeypatch.context() as patch:
            patch.setattr(QDialog, "exec", fill_template)
            qtbot.mouseClick(editor.template_button, Qt.MouseButton.LeftButton)
        editor.save()
        return editor.result()

    monkeypatch.setattr(MilestoneEditorDialog, "exec", drive)
    window.show_page("chart")
    window.pages["chart"].edit_milestones(project_id)  # type: ignore[attr-defined]
    assert proposed == ["力促开工"]  # the template of the project's own list


def _cell_editor(grid: Any) -> QLineEdit:
    """The editor a key opened in the grid (the focus widget, when the window is active)."""
    focused = QApplication.focusWidget()
    if isinstance(focused, QLineEdit):
        return focused
    [editor] = [e for e in grid.viewport().findChildren(QLineEdit) if e.isVisible()]
    return editor


def _report_october(qtbot: QtBot, window: MainWindow, rows: dict[str, tuple[str, str]]) -> None:
    window.show_page("projects")
    page = window.pages["projects"]
    page.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
    tab = page.month_tab  # type: ignore[attr-defined]
    tab.mode_box.setCurrentIndex(0)  # 填本月完成
    tab.set_month(2026, 10)
    grid, model = tab.grid, tab.month_model
    assert tab.filled_label.text() == "已填报 0 / 3 个项目"
    window.activateWindow()
    for done, (name, (amount, progress)) in enumerate(rows.items(), start=1):
        row = next(i for i, r in enumerate(model.rows) if r.name == name)
        window.activateWindow()
        qtbot.waitActive(window)
        grid.setFocus()
        qtbot.waitUntil(grid.hasFocus)  # keys go to the grid, as a clerk's would
        grid.setCurrentIndex(model.index(row, 3))
        qtbot.keyClick(grid, amount[0])  # typing opens the cell, as in Excel
        editor = _cell_editor(grid)
        qtbot.keyClicks(editor, amount[1:])
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        counted = f"已填报 {done} / 3 个项目"  # the counter follows what was typed

        def follows(counted: str = counted) -> bool:
            return bool(tab.filled_label.text() == counted)

        qtbot.waitUntil(follows)
        grid.setCurrentIndex(model.index(row, 5))
        qtbot.keyClick(grid, Qt.Key.Key_F2)
        editor = _cell_editor(grid)
        type_text(qtbot, editor, progress)
        qtbot.keyClick(editor, Qt.Key.Key_Return)


def _problem_to_closed(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow, project_id: int
) -> None:
    chosen: list[int | None] = []

    def fill(dialog: NewProblemDialog) -> int:
        chosen.append(dialog.project_id())
        dialog.type.setCurrentText("用地")
        dialog.description.setFocus()
        type_text(qtbot, dialog.description, "施工用地尚未完成征收，影响按期开工")
        # Steps are dated today (推进, 解决, 销号): the problem was raised a little before.
        _retype(qtbot, dialog.raised_on.line, RAISED.isoformat())
        _retype(qtbot, dialog.deadline.line, DEADLINE.isoformat())
        unit_line = dialog.unit.lineEdit()
        assert unit_line is not None
        _retype(qtbot, unit_line, "规划和自然资源局")
        return QDialog.DialogCode.Accepted

    def confirm(dialog: CloseDialog) -> int:
        assert dialog.on.date() == dt.date.today()
        _retype(qtbot, dialog.confirmer, "李主任")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewProblemDialog, "exec", fill)
    monkeypatch.setattr(CloseDialog, "exec", confirm)
    window.bus.show_project_problems.emit(project_id, True)  # 新增问题 from the project
    assert chosen == [project_id]  # the project came selected
    page = window.pages["problems"]
    problem = page.selected_id()  # type: ignore[attr-defined]
    assert problem is not None
    row = page.model.rows[page.model.row_of(problem)]  # type: ignore[attr-defined]
    assert (row.state, row.unit, row.deadline) == (
        ProblemState.OPEN,
        "规划和自然资源局",
        DEADLINE,
    )
    page.progress_line.setFocus()  # type: ignore[attr-defined]
    type_text(qtbot, page.progress_line, "已召开专题协调会，明确征收时间表")  # type: ignore[attr-defined]
    qtbot.keyClick(page.progress_line, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    qtbot.mouseClick(page.solve_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    row = page.model.rows[page.model.row_of(problem)]  # type: ignore[attr-defined]
    assert row.state is ProblemState.CLOSED
    history = page.detail.toPlainText().split("办理过程", 1)[1]  # type: ignore[attr-defined]
    steps = ["登记问题", "已召开专题协调会", "开始办理", "已解决", "已销号"]
    places = [history.find(step) for step in steps]
    assert -1 not in places and places == sorted(places), history  # in the order it happened


def _export_and_read_back(qtbot: QtBot, window: MainWindow, out: Path) -> None:
    window.show_page("exchange")
    page = window.pages["exchange"]
    assert finished(qtbot, page.export_excel(out)) == 3  # type: ignore[attr-defined]
    book = openpyxl.load_workbook(out)
    assert "附表6" not in book.sheetnames  # the list the office did not take
    sheet = book["附表3"]
    assert sheet["A1"].value == "附表3 力促开工项目清单"
    cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = " ".join(str(c) for r in cells[2:4] for c in r if c)
    assert "2026年" in header and "1-10月" in header
    [row] = [r for r in cells if "滨河路改造工程" in r]
    assert {5000, 2000, 300, "基础施工"} <= set(row)


def _import_city_workbook(qtbot: QtBot, window: MainWindow, book: Path) -> None:
    window.show_page("exchange")
    page = window.pages["exchange"]
    wizard = page.open_import([book])  # type: ignore[attr-defined]
    for _step in range(2):
        wizard.forward()
        finished(qtbot, wizard.operation)
    assert wizard.steps.currentIndex() == 2
    assert not wizard.period.isVisible()  # this year's table
    assert [box.text() for box, _m in wizard.unit_merges.boxes] == [
        "「区发改局」与已有的「发改局」只差前缀“区”，建议合并为「发改局」"
    ]
    assert "新增 1 行，更新 1 行" in wizard.counts_label.text()
    with qtbot.waitSignal(wizard.imported):
        wizard.forward()
        finished(qtbot, wizard.operation)
    wizard.forward()  # 完成


def _bulletin(qtbot: QtBot, window: MainWindow, folder: Path) -> str:
    window.show_page("statistics")
    page = window.pages["statistics"]
    picker = page.month_picker  # type: ignore[attr-defined]
    picker.year_box.setValue(2026)
    picker.month_box.setCurrentIndex(9)  # 10月
    qtbot.waitUntil(lambda: page.stats is not None and page.stats.month.month == 10)  # type: ignore[attr-defined]
    assert page.stats.total.projects == 4  # type: ignore[attr-defined]
    files = finished(qtbot, page.make_bulletin(folder))  # type: ignore[attr-defined]
    assert files.pdf.name == "2026年10月重点项目通报.pdf"
    book = openpyxl.load_workbook(files.workbook)
    head = {r[0].value: r[1].value for r in book["总体情况"].iter_rows(min_row=3, max_row=19)}
    assert Decimal(str(head["今年累计完成投资（万元）"])) == Decimal("500")
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (Debian poppler-utils) is needed to read the PDF"
    return subprocess.run(
        [pdftotext, str(files.pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.replace(" ", "")


@pytest.mark.slow
# After Enter in the month grid, the offscreen platform sometimes hands focus on in a way that
# makes the closed cell editor report its (already stored) text once more; Qt logs it and drops
# it. Seen only in this long run, not reproduced in a window of its own.
@pytest.mark.qt_log_ignore("commitData called with an editor that does not belong")
def test_day_one_from_an_empty_database_to_the_october_bulletin(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages: MessageLog
) -> None:
    create_application()
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    assert window.actions_.open_location(str(tmp_path / "滨河区攻坚台账.db"))
    overview = window.pages["overview"]
    window.activateWindow()  # the keys typed below go where a clerk's would
    qtbot.waitActive(window)
    assert window.current_page_key() == "overview"
    assert overview.start_panel.isVisible()  # type: ignore[attr-defined]

    _new_campaign(qtbot, monkeypatch, window)
    assert window.campaign_button.text() == f"攻坚行动：{CAMPAIGN}"
    assert overview.campaign_label.text() == CAMPAIGN  # type: ignore[attr-defined]
    assert "重点项目 0 个" in overview.lists_label.text()  # type: ignore[attr-defined]

    for values in (
        {
            "name": "滨河路改造工程",
            "list_id": "附表3 力促开工项目",
            "lead_unit": "发改局",
            "total_investment": "5000",
            "annual_plan": "2000",
            "planned_start": "2026-12-10",
            "planned_finish": "2027-06-30",
        },
        {
            "name": "东区学校扩建",
            "list_id": "附表5 加快建设项目",
            "lead_unit": "教育局",
            "total_investment": "3000",
            "annual_plan": "1000",
            "planned_start": "2026-03-01",
            "planned_finish": "2027-08-31",
        },
        {
            "name": "西区污水处理厂",
            "list_id": "附表4 竣工投产项目",
            "lead_unit": "住房和城乡建设局",
            "total_investment": "8000",
            "annual_plan": "3000",
            "planned_start": "2025-05-01",
            "planned_finish": "2026-12-31",
        },
    ):
        _new_project(qtbot, window, values)
    window.show_page("overview")  # live: counted without a restart
    assert "重点项目 3 个" in overview.lists_label.text()  # type: ignore[attr-defined]

    road = _project_id(window, "滨河路改造工程")
    _schedule_from_deadline(qtbot, monkeypatch, window, road)
    milestones = _stored(
        window,
        select(Milestone.name, Milestone.planned_start, Milestone.planned_finish)
        .where(Milestone.project_id == road)
        .order_by(Milestone.seq),
    )
    assert milestones[-1] == ("开工", dt.date(2026, 12, 10), dt.date(2026, 12, 10))
    assert milestones[0][0] == "立项备案" and milestones[0][1] == dt.date(2026, 8, 22)

    october = {"滨河路改造工程": ("300", "基础施工"), "西区污水处理厂": ("200", "设备调试")}
    _report_october(qtbot, window, october)
    projects = window.pages["projects"]
    projects.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: projects.card_set is not None and projects.card_set.complete)  # type: ignore[attr-defined]
    cards = {c.name: c for c in projects.model.all_cards}  # type: ignore[attr-defined]
    assert cards["滨河路改造工程"].progress == "基础施工"  # the card follows the month

    _problem_to_closed(qtbot, monkeypatch, window, road)
    _export_and_read_back(qtbot, window, tmp_path / "报市发改委" / "附表.xlsx")

    city = write_city_workbook(
        tmp_path / "市发改委下发.xlsx",
        2026,
        10,
        [
            CityRow(
                "滨河路改造工程",
                "发改局",
                5200,
                2000,
                300,
                dt.date(2026, 12, 10),
                dt.date(2027, 6, 30),
                "基础施工",
            ),
            CityRow(
                "北区物流园", "区发改局", 12000, 4000, 0, dt.date(2026, 11, 1), dt.date(2028, 6, 30)
            ),
        ],
    )
    _import_city_workbook(qtbot, window, city)
    units = {name for (name,) in _stored(window, select(Unit.name))}
    assert "区发改局" not in units  # merged into 发改局, not created
    window.show_page("overview")
    assert "重点项目 4 个" in overview.lists_label.text()  # type: ignore[attr-defined]

    text = _bulletin(qtbot, window, tmp_path / "通报")
    assert f"{OFFICE}工作通报" in text
    assert "第2期" in text  # 连续编号 from September
    assert "关于2026年10月重点项目推进情况的通报" in text
    assert "滨河区" in text and "2022" not in text

    assert _stored(window, select(func.count(AppMeta.key)).where(AppMeta.key == "demo")) == [
        (0,)
    ]  # no demo data anywhere
    assert all("错误" not in title for title, _text, _kind in messages.shown), messages.texts()
