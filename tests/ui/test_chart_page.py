"""挂图作战 page: opens on the demo, zooms, filters, drags a bar and undoes it, exports PDFs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.schedule.warning_colours import Colour
from db.models import Milestone
from gongjian.cli import main
from tests.ui.conftest import MessageLog, type_text
from tests.ui.pdf_facts import pdf_pages
from ui.shell.main_window import MainWindow
from ui.wall_chart.export_dialog import PaperDialog
from ui.wall_chart.geometry import HEADER_HEIGHT
from ui.wall_chart.page import ChartPage


def _page(qtbot: QtBot, window: MainWindow) -> ChartPage:
    qtbot.mouseClick(window.sidebar.button("chart"), Qt.MouseButton.LeftButton)
    page = window.pages["chart"]
    assert isinstance(page, ChartPage)
    return page


def test_chart_opens_on_the_demo_at_its_last_day(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(qtbot, window)
    assert page.as_of() == dt.date(2022, 8, 31)
    assert page.view.chart is not None and len(page.view.chart.rows) == 126
    assert page.filter_bar.count_label.text() == "显示 126 / 126 个项目"
    image = page.view.viewport().grab().toImage()
    assert image.width() > 500
    # The red 截至 line is painted somewhere in the middle of the view.
    middle_row = image.height() // 2
    reds = [x for x in range(image.width()) if image.pixelColor(x, middle_row).name() == "#d32f2f"]
    assert reds


def test_zoom_buttons_and_ctrl_wheel(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(qtbot, window)
    before = page.view.px_per_day
    qtbot.mouseClick(page.zoom_in_button, Qt.MouseButton.LeftButton)
    assert page.view.px_per_day == pytest.approx(before * 1.5)
    qtbot.mouseClick(page.zoom_out_button, Qt.MouseButton.LeftButton)
    assert page.view.px_per_day == pytest.approx(before)
    qtbot.mouseClick(page.fit_button, Qt.MouseButton.LeftButton)
    width = page.view.viewport().width() - page.view.geometry_.frozen_width  # type: ignore[union-attr]
    assert page.view.px_per_day == pytest.approx(width / (99 + 15), rel=0.01)


def test_filters_narrow_the_chart(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(qtbot, window)
    bar = page.filter_bar
    bar.list_box.setCurrentText("房地产项目")
    assert len(page.view.chart.rows) == 15  # type: ignore[union-attr]
    assert bar.count_label.text() == "显示 15 / 126 个项目"
    bar.colour_box.setCurrentText("红")
    assert all(r.colour is Colour.RED for r in page.view.chart.rows)  # type: ignore[union-attr]
    qtbot.mouseClick(bar.clear_button, Qt.MouseButton.LeftButton)
    assert len(page.view.chart.rows) == 126  # type: ignore[union-attr]
    with qtbot.waitSignal(bar.filter_changed, timeout=2000):
        type_text(qtbot, bar.search, "kgsq")
    assert [r.name for r in page.view.chart.rows] == [  # type: ignore[union-attr]
        "空港三期蓝白领公寓及综合服务中心",
        "空港三期津北路西延线",
    ]


def _bar_centre(page: ChartPage, project_name: str) -> tuple[QPoint, int]:
    """Bring a project's last milestone into view; its bar's centre and milestone id."""
    view, geo = page.view, page.view.geometry_
    assert geo is not None
    slot = next(s for s in geo.slots if s.row and s.row.name == project_name)
    assert slot.row is not None
    milestone = slot.row.milestones[-2]  # a bar, not a diamond
    view.verticalScrollBar().setValue(int(slot.top))
    view.scroll_to_date(milestone.start - dt.timedelta(days=20))
    rect = geo.bar_rect(slot, milestone)
    x = geo.frozen_width + rect.center().x() - view.horizontalScrollBar().value()
    y = HEADER_HEIGHT + rect.center().y() - view.verticalScrollBar().value()
    return QPoint(int(x), int(y)), milestone.id


def test_dragging_a_bar_moves_its_target_and_undo_restores_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = _page(qtbot, window)
    page.view.set_zoom(10)
    centre, milestone_id = _bar_centre(page, "空港三期津北路西延线")
    assert window.database is not None
    with window.database.sessions() as session:
        before = session.get(Milestone, milestone_id)
        assert before is not None
        old_target, old_finish = before.target_date, before.planned_finish
    viewport = page.view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseMove(viewport, centre + QPoint(-50, 0))  # five days earlier at 10 px a day
    with qtbot.waitSignal(page.view.milestone_dragged, timeout=2000) as dragged:
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=centre + QPoint(-50, 0))
    assert dragged.args == [milestone_id, "move", -5]
    assert old_finish is not None
    with window.database.sessions() as session:
        moved = session.get(Milestone, milestone_id)
        assert moved is not None and moved.target_date == old_finish - dt.timedelta(days=5)
        assert moved.planned_finish == old_finish - dt.timedelta(days=5)
    assert window.undo_action.isEnabled() and "移动" in window.undo_action.text()
    window.undo_action.trigger()
    with window.database.sessions() as session:
        restored = session.get(Milestone, milestone_id)
        assert restored is not None
        assert (restored.target_date, restored.planned_finish) == (old_target, old_finish)
    window.redo_action.trigger()
    with window.database.sessions() as session:
        again = session.scalars(
            select(Milestone.planned_finish).where(Milestone.id == milestone_id)
        ).one()
    assert again == old_finish - dt.timedelta(days=5)


def test_double_click_opens_the_projects_own_chart(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.wall_chart.project_dialog import ProjectChartDialog

    page = _page(qtbot, window)
    opened: list[ProjectChartDialog] = []
    def record(dialog: ProjectChartDialog) -> int:
        opened.append(dialog)
        return 0

    monkeypatch.setattr(ProjectChartDialog, "exec", record)
    row_y = int(HEADER_HEIGHT + page.view.geometry_.slots[1].top + 10)  # type: ignore[union-attr]
    qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(100, row_y))
    assert len(opened) == 1
    assert opened[0].windowTitle().endswith("节点计划")
    assert opened[0].view.options.arrows


@pytest.mark.parametrize(
    ("paper", "tile", "size_mm"), [("A1", False, (841, 594)), ("A3", True, (420, 297))]
)
def test_export_writes_the_chosen_paper_and_page_count(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    messages: MessageLog,
    paper: str,
    tile: bool,
    size_mm: tuple[int, int],
) -> None:
    page = _page(qtbot, window)
    target = tmp_path / "挂图.pdf"

    def choose(dialog: PaperDialog) -> int:
        dialog.paper.setCurrentText(paper)
        (dialog.tile if tile else dialog.fit).setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PaperDialog, "exec", choose)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    page.export_chart()
    pages = pdf_pages(target)
    assert all(
        w == pytest.approx(size_mm[0], abs=1) and h == pytest.approx(size_mm[1], abs=1)
        for w, h in pages
    )
    if tile:
        assert len(pages) > 1
        assert f"共 {len(pages)} 页" in messages.texts()
    else:
        assert len(pages) == 1


def test_cli_chart_writes_a1_pdf(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "chart.pdf"
    assert main(["chart", "--db", str(demo_path), "--out", str(out), "--paper", "A1"]) == 0
    assert "已导出挂图" in capsys.readouterr().out
    [(width, height)] = pdf_pages(out)
    assert (round(width), round(height)) == (841, 594)
    assert (
        main(["chart", "--db", str(demo_path), "--out", str(tmp_path / "x.pdf"), "--list", "没有"])
        == 2
    )
    assert "没有名为「没有」的清单" in capsys.readouterr().err
