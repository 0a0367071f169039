"""统计通报 page, its charts' Chinese glyphs, and the monthly bulletin (workbook, PDF, CLI)."""

from __future__ import annotations

import shutil
import subprocess
import warnings
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from app.statistics.rates import Month
from tests.ui.conftest import MessageLog, finished
from ui.shell.main_window import MainWindow
from ui.shell.operation import FAILED
from ui.statistics.page import StatisticsPage

JULY = Month(2022, 7)


def _page(qtbot: QtBot, window: MainWindow) -> StatisticsPage:
    window.show_page("statistics")
    page = window.pages["statistics"]
    assert isinstance(page, StatisticsPage)
    qtbot.waitUntil(lambda: page.stats is not None, timeout=5000)
    return page


def _cell(page: StatisticsPage, key: str, row: int, header: str) -> str:
    view = page.views[key]
    model = view.model()
    column = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == header
    )
    return str(model.index(row, column).data())


def test_page_shows_the_latest_reported_month_with_tables_and_ranking(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = _page(qtbot, window)
    assert page.chosen_month() == JULY
    stats = page.stats
    assert stats is not None
    assert page.tiles["completion"].value_label.text() == f"{stats.total.completion}%"
    lists = page.views["list"].model()
    assert lists.rowCount() == 8  # seven lists and 合计
    assert _cell(page, "list", 7, "清单") == "合计"
    # Sorting by completion rate keeps 合计 at the bottom, both ways.
    page.tabs.setCurrentIndex(0)
    column = next(
        c
        for c in range(lists.columnCount())
        if lists.headerData(c, Qt.Orientation.Horizontal) == "投资完成率"
    )
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        page.views["list"].sortByColumn(column, order)
        assert _cell(page, "list", 7, "清单") == "合计"
        rates = [float(_cell(page, "list", r, "投资完成率").rstrip("%")) for r in range(7)]
        assert rates == sorted(rates, reverse=order == Qt.SortOrder.DescendingOrder)
    # The unit last three months running is flagged, in the table and above it.
    flagged = [g for g in stats.by_unit if g.flags]
    assert flagged and page.flags_label.isVisible()
    assert (
        flagged[0].name in page.flags_label.text()
        and "2022年5月、6月、7月" in page.flags_label.text()
    )
    units = page.views["unit"].model()
    row = next(
        r for r in range(units.rowCount()) if _cell(page, "unit", r, "责任单位") == flagged[0].name
    )
    assert _cell(page, "unit", row, "连续末位").startswith("投资完成率连续3个月排名末位")
    assert units.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert _cell(page, "unit", 0, "完成率排名") == "1"


def test_choosing_another_month_shows_its_figures(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(qtbot, window)
    july = page.stats
    assert july is not None
    page.month_picker.month_box.setCurrentIndex(5)  # 6月
    qtbot.waitUntil(lambda: page.stats is not None and page.stats.month == Month(2022, 6))
    june = page.stats
    assert june is not None
    assert june.total.completed < july.total.completed
    assert page.tiles["completion"].value_label.text() == f"{june.total.completion}%"
    assert "2022年6月30日" in page.as_of_label.text()


def test_charts_draw_chinese_with_the_bundled_font_and_no_missing_glyphs(
    qtbot: QtBot, window: MainWindow
) -> None:
    from matplotlib import font_manager

    from app.statistics.chart_fonts import BUNDLED_FONT_FAMILY, bundled_font_path

    page = _page(qtbot, window)
    found = font_manager.findfont(
        font_manager.FontProperties(family=BUNDLED_FONT_FAMILY), fallback_to_default=False
    )
    assert Path(found) == Path(bundled_font_path())
    assert len(page.charts) == 3
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for chart in page.charts:
            chart.draw()
    assert not [w for w in caught if "missing from font" in str(w.message)]
    titles = [chart.figure.axes[0].get_title() for chart in page.charts]
    assert titles[0].startswith("各清单投资完成率")


def _non_white_share(image: QImage) -> float:
    step = 4
    total = inked = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            total += 1
            inked += QColor(image.pixel(x, y)).lightness() < 200
    return inked / total


def _has_red(image: QImage, top_share: float) -> bool:
    for y in range(0, int(image.height() * top_share), 2):
        for x in range(0, image.width(), 2):
            colour = QColor(image.pixel(x, y))
            if colour.red() > 150 and colour.green() < 80 and colour.blue() < 80:
                return True
    return False


def test_bulletin_workbook_and_pdf(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, messages: MessageLog
) -> None:
    page = _page(qtbot, window)
    stats = page.stats
    assert stats is not None
    files = finished(qtbot, page.make_bulletin(tmp_path))
    pdf = files.pdf
    assert pdf.name == "2022年7月重点项目通报.pdf"
    assert messages.shown[-1][0] == "月通报已生成"
    workbook = tmp_path / "2022年7月重点项目通报.xlsx"
    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames == [
        "总体情况",
        "分清单",
        "分单位排名",
        "分包联领导",
        "红色预警项目",
        "超期问题",
    ]
    head = {row[0].value: row[1].value for row in book["总体情况"].iter_rows(min_row=3, max_row=19)}
    total = stats.total
    assert Decimal(str(head["投资完成率"])) == total.completion
    assert Decimal(str(head["今年累计完成投资（万元）"])) == total.completed
    assert head["开复工率"] is not None and Decimal(str(head["开复工率"])) == total.start_rate
    assert head["红色预警项目（个）"] == total.red
    assert head["超期未解决问题（个）"] == total.overdue_problems
    units = book["分单位排名"]
    assert units.cell(3, 3).value == stats.by_unit[0].name and units.cell(3, 1).value == 1
    assert units.max_row == 2 + len(stats.by_unit) + 1  # title, header, units, 合计
    assert book["红色预警项目"].max_row == 2 + total.red
    assert book["超期问题"].max_row == 2 + total.overdue_problems
    # The PDF's first page, rendered: ink on it, and the red masthead at the top.
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm (Debian poppler-utils) is needed to check the PDF"
    subprocess.run(
        [pdftoppm, "-r", "40", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    image = QImage(str(next(tmp_path.glob("page*.png"))))
    assert not image.isNull() and image.height() > image.width()  # A4 portrait
    assert _non_white_share(image) > 0.03
    assert _has_red(image, top_share=0.25)


def test_bulletin_command_line(
    tmp_path: Path, demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from gongjian.cli import main

    assert (
        main(["bulletin", "--db", str(demo_path), "--month", "2022-07", "--out", str(tmp_path)])
        == 0
    )
    out = capsys.readouterr().out
    assert "已生成2022年7月通报" in out and "A4 纵向" in out
    first = openpyxl.load_workbook(tmp_path / "2022年7月重点项目通报.xlsx")["分清单"]
    before = [[c.value for c in row] for row in first.iter_rows(min_row=3)]
    # Regenerated later, after August was entered, July's figures are the same.
    from app.infra.database import open_database
    from db.models import MonthlyReport, Project

    database = open_database(demo_path)
    with database.sessions() as session:
        for project in session.query(Project).limit(20):
            session.add(
                MonthlyReport(
                    project=project,
                    year=2022,
                    month=8,
                    investment_month=Decimal(100),
                    investment_year=Decimal(99999),
                )
            )
        session.commit()
    database.close()
    again = tmp_path / "again"
    again.mkdir()
    assert (
        main(["bulletin", "--db", str(demo_path), "--month", "2022-07", "--out", str(again)]) == 0
    )
    second = openpyxl.load_workbook(again / "2022年7月重点项目通报.xlsx")["分清单"]
    assert [[c.value for c in row] for row in second.iter_rows(min_row=3)] == before
    assert (
        main(["bulletin", "--db", str(demo_path), "--month", "2022-13", "--out", str(tmp_path)])
        == 2
    )
    assert "应写成 年-月" in capsys.readouterr().err


def test_bulletin_command_uses_the_office_name_from_the_settings(
    tmp_path: Path, demo_path: Path
) -> None:
    from gongjian.cli import main
    from ui.settings.keys import OFFICE_NAME, Settings

    Settings().set(OFFICE_NAME, "保税区重点项目办")
    assert (
        main(["bulletin", "--db", str(demo_path), "--month", "2022-06", "--out", str(tmp_path)])
        == 0
    )
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (Debian poppler-utils) is needed to read the PDF"
    pdf = tmp_path / "2022年6月重点项目通报.pdf"
    text = subprocess.run(
        [pdftotext, "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "保税区重点项目办工作通报" in text.replace(" ", "")
    assert "关于2022年6月重点项目推进情况的通报" in text.replace(" ", "")


def test_pdf_text_reads_back_as_written(tmp_path: Path, demo_path: Path) -> None:
    # Qt maps glyphs that Noto CJK shares with the Kangxi radicals back to the radicals (⽬ for 目):
    # searching or copying the PDF would then fail. Both PDFs put the bundled font first.
    from gongjian.cli import main

    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (Debian poppler-utils) is needed to read the PDF"
    chart = tmp_path / "挂图.pdf"
    assert main(["chart", "--db", str(demo_path), "--out", str(chart), "--paper", "A3"]) == 0
    assert (
        main(["bulletin", "--db", str(demo_path), "--month", "2022-07", "--out", str(tmp_path)])
        == 0
    )
    for pdf, words in (
        (chart, ("项目名称", "挂图作战")),
        (tmp_path / "2022年7月重点项目通报.pdf", ("重点项目", "总体情况", "投资完成率")),
    ):
        text = subprocess.run(
            [pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        radicals = [c for c in text if 0x2F00 <= ord(c) <= 0x2FDF]
        assert not radicals, f"{pdf.name}: {''.join(radicals[:20])}"
        assert all(word in text.replace(" ", "") for word in words)


def test_bulletin_that_cannot_be_written_says_so_and_keeps_the_folder_as_it_was(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, messages: MessageLog
) -> None:
    page = _page(qtbot, window)
    folder = tmp_path / "通报"
    # The workbook's name is taken by a folder: the rename fails (even for root, unlike chmod).
    (folder / "2022年7月重点项目通报.xlsx").mkdir(parents=True)
    assert finished(qtbot, page.make_bulletin(folder)) is FAILED
    title, text, _kind = messages.shown[-1]
    assert title == "无法生成通报" and "无法在" in text and "2022年7月通报" in text
    # Nothing half-written left behind: no .part files, the taken name untouched.
    assert [p.name for p in folder.iterdir()] == ["2022年7月重点项目通报.xlsx"]
