"""项目卡片 page: editor validation, filters with pinyin, undo/redo, 回收站, month grid, units."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog, QLineEdit
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.schedule.warning_colours import Colour
from db.enums import ChangeAction
from db.models import ChangeLog, MonthlyReport, Project
from tests.support.present import present
from tests.ui.conftest import MessageLog, type_text
from ui.projects.editor_dialog import ProjectEditor
from ui.projects.page import ProjectsPage
from ui.settings.keys import HIDDEN_COLUMNS, PROJECT_VIEW, Settings
from ui.shell.main_window import MainWindow
from ui.shell.start import create_application


def _page(qtbot: QtBot, window: MainWindow) -> ProjectsPage:
    qtbot.mouseClick(window.sidebar.button("projects"), Qt.MouseButton.LeftButton)
    page = window.pages["projects"]
    assert isinstance(page, ProjectsPage)
    qtbot.waitUntil(lambda: page.card_set is not None and page.card_set.complete)
    return page


def _set(qtbot: QtBot, editor: ProjectEditor, key: str, text: str) -> None:
    widget = editor.editors[key]
    line = widget.lineEdit() if hasattr(widget, "lineEdit") else widget
    assert isinstance(line, QLineEdit)
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    type_text(qtbot, line, text)


def _save(qtbot: QtBot, editor: ProjectEditor) -> None:
    qtbot.mouseClick(
        editor.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def test_new_project_refused_with_messages_then_saved(
    qtbot: QtBot, window: MainWindow, qtmodeltester: ModelTester
) -> None:
    page = _page(qtbot, window)
    qtmodeltester.check(page.model)
    assert page.filter_bar.count_label.text() == "显示 126 / 126 个项目"
    page.wall.setFocus()
    qtbot.keyClick(page.wall, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = page.open_dialog
    assert isinstance(editor, ProjectEditor) and editor.isVisible()
    _set(qtbot, editor, "code", "2022-1201")
    _set(qtbot, editor, "total_investment", "1.2亿")
    _set(qtbot, editor, "annual_plan", "2亿")
    _set(qtbot, editor, "planned_start", "2022年9月1日")
    _set(qtbot, editor, "planned_finish", "2022.8.1")
    _save(qtbot, editor)
    assert editor.isVisible()
    shown = {k: m.text() for k, m in editor.messages.items() if m.isVisibleTo(editor)}
    assert shown["name"] == "必填。"
    assert shown["lead_unit"] == "必填。"
    assert "格式不对" in shown["code"]
    assert shown["annual_plan"] == "年度计划投资不能大于总投资。"
    assert shown["planned_finish"] == "计划竣工不能早于计划开工。"
    assert "5 处需要修改" in editor.summary.text()

    _set(qtbot, editor, "name", "空港四期智慧物流园")
    _set(qtbot, editor, "code", "２０２２－１２０１１６－４７－０１－１２３４５６")
    _set(qtbot, editor, "annual_plan", "3,500")
    _set(qtbot, editor, "planned_finish", "2024年12月31日")
    _set(qtbot, editor, "lead_unit", "发改局")
    _save(qtbot, editor)
    assert not editor.isVisible()
    assert page.filter_bar.count_label.text() == "显示 127 / 127 个项目"
    chosen = page.model.rows[present(page.model.row_of(present(page.current_project())))]
    assert chosen.name == "空港四期智慧物流园"
    assert chosen.code == "2022-120116-47-01-123456"
    assert chosen.total_investment == Decimal("12000.00")
    assert chosen.annual_plan == Decimal("3500.00")


def test_existing_name_refused_with_a_link_to_its_card(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(qtbot, window)
    existing = page.model.rows[5]
    editor = page.new_project()
    assert editor is not None
    _set(qtbot, editor, "name", existing.name)
    _set(qtbot, editor, "lead_unit", "发改局")
    _save(qtbot, editor)
    message = editor.messages["name"]
    assert "已有同名项目" in message.text() and f"project:{existing.id}" in message.text()
    page.select_project(page.model.rows[0].id)
    message.linkActivated.emit(f"project:{existing.id}")
    assert not editor.isVisible()
    assert page.current_project() == existing.id


def test_each_filter_and_pinyin_search(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(qtbot, window)
    bar = page.filter_bar
    every = list(page.model.all_cards)

    def shown() -> list[int]:
        return [c.id for c in page.model.rows]

    for box, attribute in (
        (bar.list_box, "list_name"),
        (bar.unit_box, "unit"),
        (bar.leader_box, "leader"),
        (bar.stage_box, "stage"),
        (bar.level_box, "level"),
    ):
        # The second most common value: a real narrowing, neither everything nor nothing.
        common = Counter(getattr(c, attribute) for c in every).most_common()
        box.setCurrentText(common[1][0])
        wanted = [c.id for c in every if getattr(c, attribute) == box.currentText()]
        assert wanted and shown() == wanted, box.toolTip()
        box.setCurrentIndex(0)
    bar.colour_box.setCurrentText("红")
    assert shown() == [c.id for c in every if c.colour is Colour.RED] != []
    bar.colour_box.setCurrentIndex(0)
    bar.problems_check.setChecked(True)
    assert shown() == [c.id for c in every if c.open_problems > 0] != []
    assert page.filter_bar.count_label.text() == f"显示 {len(shown())} / 126 个项目"
    bar.problems_check.setChecked(False)
    qtbot.keyClicks(bar.search, "kgsq")
    qtbot.waitUntil(lambda: len(shown()) < 126)
    names = [c.name for c in page.model.rows]
    assert names and all("空港三期" in n for n in names)
    assert page.table.footer.count == len(names)  # the 合计 row follows the filter


def test_edit_undo_redo_keeps_the_change_log_true(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(qtbot, window)
    project_id = page.model.rows[0].id
    page.select_project(project_id)
    page.wall.setFocus()
    qtbot.keyClick(page.wall, Qt.Key.Key_Return)
    editor = page.open_dialog
    assert isinstance(editor, ProjectEditor)
    old_plan = page.model.rows[0].annual_plan
    _set(qtbot, editor, "annual_plan", "1,234.5")
    _save(qtbot, editor)

    def plan() -> Decimal | None:
        assert window.database is not None
        with window.database.sessions() as session:
            return session.get_one(Project, project_id).annual_plan

    assert plan() == Decimal("1234.50")
    assert window.undo_action.text() == f"撤销 修改项目「{page.model.rows[0].name}」"
    window.undo_action.trigger()
    assert plan() == old_plan
    assert page.model.rows[page.model.row_of(project_id)].annual_plan == old_plan  # type: ignore[index]
    window.redo_action.trigger()
    assert plan() == Decimal("1234.50")
    assert window.database is not None
    with window.database.sessions() as session:
        log = session.scalars(
            select(ChangeLog.new_value)
            .where(
                ChangeLog.table_name == "project",
                ChangeLog.row_id == str(project_id),
                ChangeLog.field == "annual_plan",
                ChangeLog.action == ChangeAction.UPDATE,
            )
            .order_by(ChangeLog.id)
        ).all()
    assert log == ["1234.50", str(old_plan), "1234.50"]


def test_delete_undo_and_recycle_bin(
    qtbot: QtBot, window: MainWindow, messages: MessageLog, qtmodeltester: ModelTester
) -> None:
    page = _page(qtbot, window)
    card = page.model.rows[3]
    page.select_project(card.id)
    page.wall.setFocus()
    qtbot.keyClick(page.wall, Qt.Key.Key_Delete)
    assert "回收站" in messages.texts()
    assert page.model.row_of(card.id) is None
    window.undo_action.trigger()
    assert page.model.row_of(card.id) is not None
    window.redo_action.trigger()
    assert page.model.row_of(card.id) is None
    page.open_bin()
    bin_ = page.open_dialog
    qtmodeltester.check(bin_.model)  # type: ignore[attr-defined]
    assert [e.name for e in bin_.model.rows] == [card.name]  # type: ignore[attr-defined]
    qtbot.mouseClick(bin_.restore_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert bin_.model.rows == []  # type: ignore[attr-defined]
    assert page.model.row_of(card.id) is not None


def test_views_switch_and_are_remembered_with_the_columns(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(qtbot, window)
    page.select_project(page.model.rows[7].id)
    qtbot.mouseClick(page.table_button, Qt.MouseButton.LeftButton)
    assert page.views.currentWidget() is page.table
    assert window.settings.get(PROJECT_VIEW) == "table"
    assert page.table.view.currentIndex().row() == 7  # the same project stays chosen
    menu = page.table.choose_columns(None)  # type: ignore[arg-type]
    remarks = next(a for a in menu.actions() if a.text() == "备注")
    remarks.trigger()
    assert "remarks" not in window.settings.get(HIDDEN_COLUMNS)
    code = next(a for a in menu.actions() if a.text() == "项目代码")
    code.trigger()
    assert page.table.view.isColumnHidden(1)
    assert "code" in window.settings.get(HIDDEN_COLUMNS)
    page.table.view.sortByColumn(9, Qt.SortOrder.DescendingOrder)  # 总投资
    totals = [c.total_investment or 0 for c in page.model.rows]
    assert totals == sorted(totals, reverse=True)
    assert page.table.footer.sums["total"] == sum(
        (c.total_investment or Decimal(0) for c in page.model.rows), Decimal(0)
    )


def _month_page(qtbot: QtBot, window: MainWindow) -> ProjectsPage:
    page = _page(qtbot, window)
    page.tabs.setCurrentIndex(1)
    page.month_tab.mode_box.setCurrentIndex(0)  # 填本月完成
    page.month_tab.set_month(2022, 8)
    return page


def _report(window: MainWindow, project_id: int, month: int) -> MonthlyReport | None:
    assert window.database is not None
    with window.database.sessions() as session:
        return session.scalar(
            select(MonthlyReport).where(
                MonthlyReport.project_id == project_id,
                MonthlyReport.year == 2022,
                MonthlyReport.month == month,
            )
        )


def test_month_grid_by_keyboard(
    qtbot: QtBot, window: MainWindow, qtmodeltester: ModelTester
) -> None:
    page = _month_page(qtbot, window)
    grid, model = page.month_tab.grid, page.month_tab.month_model
    qtmodeltester.check(model)
    first = model.rows[0]
    grid.setFocus()
    grid.setCurrentIndex(model.index(0, 3))
    qtbot.keyClick(grid, Qt.Key.Key_5)  # typing opens the cell and replaces it
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "00")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.currentIndex().row() == 1)  # Enter stored and moved down
    assert grid.currentIndex().column() == 3
    report = _report(window, first.project_id, 8)
    assert report is not None and report.investment_month == Decimal("500.00")
    assert report.investment_year == (first.previous or 0) + Decimal("500.00")
    assert model.rows[0].cumulative == report.investment_year
    assert not model.flags(model.index(0, 4)) & Qt.ItemFlag.ItemIsEditable  # derived


def test_month_grid_paste_marks_the_bad_value_and_stores_the_rest(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = _month_page(qtbot, window)
    grid, model = page.month_tab.grid, page.month_tab.month_model
    ids = [r.project_id for r in model.rows[:3]]
    grid.setCurrentIndex(model.index(0, 3))
    QApplication.clipboard().setText("100\t\t主体封顶\r\n12元\t\t\r\n1.2万\t\t装修\r\n")
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert (1, 3) in model.bad and model.data(model.index(1, 3)) == "12元"
    assert model.data(model.index(1, 3), Qt.ItemDataRole.ForegroundRole) is not None
    assert "1 个格子未保存" in page.month_tab.month_message.text()
    first, second, third = (_report(window, i, 8) for i in ids)
    assert first is not None and first.investment_month == Decimal("100.00")
    assert first.progress == "主体封顶"
    assert second is None or second.investment_month is None
    assert third is not None and third.investment_month == Decimal("1.20")
    # A block reaching into the derived 今年累计 column: that cell is skipped, and it is said.
    grid.setCurrentIndex(model.index(4, 3))
    assert grid.paste("7\t999") == 0
    assert "1 个格子落在不能填写的列" in page.month_tab.month_message.text()


def test_month_grid_takes_bond_spending_only_for_bond_projects(
    qtbot: QtBot, window: MainWindow
) -> None:
    from ui.reports.month_grid import BOND_COLUMN

    page = _month_page(qtbot, window)
    model = page.month_tab.month_model
    assert model.headerData(BOND_COLUMN, Qt.Orientation.Horizontal) == "专项债累计支出"
    bond_row = next(i for i, r in enumerate(model.rows) if r.bond_issued)
    plain_row = next(i for i, r in enumerate(model.rows) if not r.bond_issued)
    assert not model.flags(model.index(plain_row, BOND_COLUMN)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(bond_row, BOND_COLUMN)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(bond_row, BOND_COLUMN), "1,000")
    report = _report(window, model.rows[bond_row].project_id, 8)
    assert report is not None and report.bond_spent == Decimal("1000.00")
    assert model.data(model.index(bond_row, BOND_COLUMN)) == "1,000"
    # More than was issued: refused, shown in red with the reason, nothing stored.
    issued = model.rows[bond_row].bond_issued
    assert issued is not None
    assert not model.setData(model.index(bond_row, BOND_COLUMN), str(issued + 1))
    assert "超过已发行" in model.data(
        model.index(bond_row, BOND_COLUMN), Qt.ItemDataRole.ToolTipRole
    )
    report = _report(window, model.rows[bond_row].project_id, 8)
    assert report is not None and report.bond_spent == Decimal("1000.00")


def test_lock_month_and_unlock_with_a_reason(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _month_page(qtbot, window)
    model = page.month_tab.month_model
    qtbot.mouseClick(page.month_tab.lock_button, Qt.MouseButton.LeftButton)
    assert model.locked and "已报送" in page.month_tab.lock_label.text()
    assert not model.flags(model.index(0, 3)) & Qt.ItemFlag.ItemIsEditable
    assert page.month_tab.lock_button.text() == "解除锁定…"
    page.month_tab.grid.setCurrentIndex(model.index(0, 3))
    assert page.month_tab.grid.paste("123") == 1  # nothing stored in a locked month …
    # … and the clerk is told why
    assert "本月已报送（锁定）" in page.month_tab.month_message.text()
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *a, **k: ("单位更正八月数字", True))
    )
    qtbot.mouseClick(page.month_tab.lock_button, Qt.MouseButton.LeftButton)
    assert not model.locked and "单位更正八月数字" in page.month_tab.lock_label.text()
    assert model.flags(model.index(0, 3)) & Qt.ItemFlag.ItemIsEditable


def test_units_merge_through_the_tab(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    qtmodeltester: ModelTester,
) -> None:
    page = _page(qtbot, window)
    page.tabs.setCurrentIndex(2)
    units = page.organisation.units
    qtmodeltester.check(units.model)
    qtmodeltester.check(page.organisation.people.model)
    qtbot.keyClicks(units.search, "zwfwb")  # 政务服务办 by pinyin initials
    assert [u.name for u in units.model.rows] == ["政务服务办"]
    drop = units.model.rows[0]
    units.view.selectRow(0)
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("发改局", True)))
    qtbot.mouseClick(units.merge_button, Qt.MouseButton.LeftButton)
    units.search.clear()
    names = [u.name for u in units.model.rows]
    assert "政务服务办" not in names
    kept = next(u for u in units.model.rows if u.name == "发改局")
    assert kept.projects >= drop.projects
    page.tabs.setCurrentIndex(0)
    assert not any(c.unit == "政务服务办" for c in page.model.all_cards)


def test_detail_shows_milestones_problems_months_and_history(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = _page(qtbot, window)
    card = next(c for c in page.model.rows if c.open_problems and c.next_milestone)
    page.select_project(card.id)
    page.edit_current()
    editor = page.open_dialog
    assert isinstance(editor, ProjectEditor)
    _set(qtbot, editor, "contact", "张科长 13800000000")
    _save(qtbot, editor)
    page.wall.setFocus()
    qtbot.keyClick(page.wall, Qt.Key.Key_Space)
    detail = page.open_dialog
    text = detail.browser.toPlainText()  # type: ignore[attr-defined]
    assert card.name in detail.windowTitle()
    assert card.next_milestone is not None and card.next_milestone.name in text
    assert "已办结" not in text and "问题表述" in text
    assert "2022年7月" in text  # the monthly history
    assert "修改项目「联络人及电话」" in text and "张科长 13800000000" in text
    assert len(detail.bars.months) >= 7  # type: ignore[attr-defined]


def test_lists_tab_renames_and_orders(
    qtbot: QtBot, window: MainWindow, qtmodeltester: ModelTester
) -> None:
    page = _page(qtbot, window)
    page.tabs.setCurrentIndex(3)
    lists = page.lists_panel
    qtmodeltester.check(lists.model)
    assert [r.projects for r in lists.model.rows] == [12, 21, 13, 16, 35, 15, 14]
    assert lists.model.setData(lists.model.index(0, 0), "谋划储备项目")
    lists.view.selectRow(0)
    qtbot.mouseClick(lists.down_button, Qt.MouseButton.LeftButton)
    assert [r.name for r in lists.model.rows][:2] == ["招商实体转化项目", "谋划储备项目"]
    assert lists.view.currentIndex().row() == 1
    page.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.card_set is not None and page.card_set.complete)
    assert page.filter_bar.list_box.findText("谋划储备项目") > 0


def test_filters_are_kept_between_runs(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(qtbot, window)
    page.filter_bar.stage_box.setCurrentText("在建")
    page.filter_bar.problems_check.setChecked(True)
    shown = len(page.model.rows)
    again = ProjectsPage(page.spec, window.settings, window.bus)
    qtbot.addWidget(again)
    again.set_database(window.database)
    again.show()
    qtbot.waitUntil(lambda: again.card_set is not None and again.card_set.complete)
    assert again.filter_bar.stage_box.currentText() == "在建"
    assert again.filter_bar.problems_check.isChecked()
    assert len(again.model.rows) == shown < 126


def test_a_new_office_is_told_to_make_a_campaign_before_a_project(
    qtbot: QtBot, tmp_path: Path, messages: MessageLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No campaign yet: 新建项目 says where a campaign is made instead of opening the editor."""
    create_application()
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.show()
    assert window.actions_.open_location(str(tmp_path / "新台账.db"))
    qtbot.mouseClick(window.sidebar.button("projects"), Qt.MouseButton.LeftButton)
    page = window.pages["projects"]
    assert isinstance(page, ProjectsPage)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    editors = [w for w in QApplication.topLevelWidgets() if isinstance(w, ProjectEditor)]
    assert not any(editor.isVisible() for editor in editors)
    assert "还没有攻坚行动" in messages.texts() and "新建攻坚行动" in messages.texts()
    window.close()
