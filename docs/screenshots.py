"""Render the screens of the README on the demo database (offscreen), at two screen sizes.

    QT_QPA_PLATFORM=offscreen python docs/screenshots.py

Writes docs/*.png (linked from the README) and every page at 1366×768 and 1920×1080 into
docs/screenshots/ (not committed). Page 1 of the A1 PDF needs pdftoppm (Debian poppler-utils).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["GONGJIAN_DATA_DIR"] = tempfile.mkdtemp(prefix="gongjian-shots-")

from app.infra.database import open_database  # noqa: E402
from app.demo.install import create_demo_database  # noqa: E402
from app.schedule.wall_chart import load_wall_chart  # noqa: E402
from app.schedule.warning_colours import WarningSettings  # noqa: E402
from ui.wall_chart.export import PaperSpec, export_pdf  # noqa: E402
from ui.shell.main_window import MainWindow  # noqa: E402
from ui.shell.pages import PAGES  # noqa: E402
from ui.settings.keys import Settings  # noqa: E402
from ui.shell.start import create_application  # noqa: E402

SIZES = {"1366x768": (1366, 768), "1920x1080": (1920, 1080)}
DOCS = ROOT / "docs"


def main() -> None:
    """Write the screenshots."""
    app = create_application()
    demo = create_demo_database(Path(os.environ["GONGJIAN_DATA_DIR"]) / "示例数据.db")
    window = MainWindow(Settings())
    window.show()
    window.actions_.open_location(str(demo))
    out = DOCS / "screenshots"
    out.mkdir(exist_ok=True)
    for label, size in SIZES.items():
        window.resize(*size)
        for spec in PAGES:
            window.show_page(spec.key)
            app.processEvents()
            window.grab().save(str(out / f"{spec.key}-{label}.png"))

    window.resize(*SIZES["1366x768"])
    window.show_page("overview")
    app.processEvents()
    window.pages["overview"].show_figures()  # type: ignore[attr-defined]
    app.processEvents()
    window.grab().save(str(DOCS / "screenshot-main.png"))

    window.show_page("problems")
    window.pages["problems"].table.selectRow(2)  # type: ignore[attr-defined]
    app.processEvents()
    window.grab().save(str(DOCS / "problems-1366x768.png"))
    window.resize(*SIZES["1920x1080"])
    app.processEvents()
    window.grab().save(str(DOCS / "problems-1920x1080.png"))
    window.resize(*SIZES["1366x768"])
    window.show_page("supervision")
    app.processEvents()
    window.grab().save(str(DOCS / "supervision-1366x768.png"))

    chart = window.pages["chart"]
    window.show_page("chart")
    chart.view.set_zoom(3.0)  # type: ignore[attr-defined]
    chart._centre_as_of()  # type: ignore[attr-defined]
    app.processEvents()
    window.grab().save(str(DOCS / "chart-months-1366x768.png"))
    window.resize(*SIZES["1920x1080"])
    chart.view.set_zoom(20.0)  # type: ignore[attr-defined]
    chart._centre_as_of()  # type: ignore[attr-defined]
    app.processEvents()
    window.grab().save(str(DOCS / "chart-days-1920x1080.png"))

    _projects(app, window)
    _exchange(window)
    _statistics(window)

    window.show_page("settings")
    settings_page = window.pages["settings"]
    settings_page.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
    settings_page.holidays.year_box.setCurrentText("2022年")  # type: ignore[attr-defined]
    window.resize(*SIZES["1366x768"])
    app.processEvents()
    window.grab().save(str(DOCS / "settings-holidays-1366x768.png"))

    from ui.schedule.milestone_editor import MilestoneEditorDialog
    from ui.shell.bus import ChangeBus
    from ui.shell.operation import Performer

    database = window.database
    assert database is not None
    project_id = chart.full_chart.groups[2].rows[0].project_id  # type: ignore[attr-defined]
    editor = MilestoneEditorDialog(
        Performer(None, ChangeBus(), database), project_id, dt.date(2022, 8, 31)
    )
    editor.show()
    app.processEvents()
    editor.grab().save(str(DOCS / "milestone-editor.png"))
    editor.close()

    pdf = Path(os.environ["GONGJIAN_DATA_DIR"]) / "chart-A1.pdf"
    opened = open_database(demo)
    with opened.sessions() as session:
        full = load_wall_chart(session, 1, dt.date(2022, 8, 31), WarningSettings())  # the demo
    opened.close()
    export_pdf(full, pdf, PaperSpec("A1", office="保税区重点项目办"))
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", "-singlefile", str(pdf), str(DOCS / "chart-a1-page1")],
            check=True,
        )
    window.close()
    print(f"screenshots written to {DOCS}")


def _statistics(window: MainWindow) -> None:
    """总览 at 1920, 统计通报 at both sizes (unit ranking tab too), page 1 of the bulletin PDF."""
    from PySide6.QtWidgets import QApplication

    window.resize(*SIZES["1920x1080"])
    window.show_page("overview")
    window.pages["overview"].show_figures()  # type: ignore[attr-defined]
    QApplication.processEvents()
    window.grab().save(str(DOCS / "overview-1920x1080.png"))
    page = window.pages["statistics"]
    for label, size in SIZES.items():
        window.resize(*size)
        window.show_page("statistics")
        page.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
        for _ in range(3):
            QApplication.processEvents()
        window.grab().save(str(DOCS / f"statistics-{label}.png"))
    page.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
    QApplication.processEvents()
    window.grab().save(str(DOCS / "statistics-units-1920x1080.png"))
    window.resize(*SIZES["1366x768"])
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.exec = lambda _box: 0  # type: ignore[method-assign, assignment]  # no modal box
    folder = Path(os.environ["GONGJIAN_DATA_DIR"]) / "通报"
    folder.mkdir()
    pdf = page.make_bulletin(folder)  # type: ignore[attr-defined]
    if pdf is not None and shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "80",
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(DOCS / "bulletin-page1"),
            ],
            check=True,
        )


def _exchange(window: MainWindow) -> None:
    """数据交换: the page, the wizard's mapping and preview, page 1 of an export as a PDF."""
    from PySide6.QtWidgets import QApplication

    fixtures = ROOT / "tests" / "fixtures" / "exchange"
    window.resize(*SIZES["1366x768"])
    window.show_page("exchange")
    page = window.pages["exchange"]
    QApplication.processEvents()
    window.grab().save(str(DOCS / "exchange-1366x768.png"))
    wizard = page.open_import([fixtures / "unit_return_messy.xlsx"])  # type: ignore[attr-defined]
    for name in ("import-mapping.png", "import-preview.png"):
        wizard.forward()
        while wizard.operation is not None and wizard.operation.running:
            QApplication.processEvents()  # reading and the preview run off the window's thread
        QApplication.processEvents()
        wizard.grab().save(str(DOCS / name))
    wizard.reject()
    out = Path(os.environ["GONGJIAN_DATA_DIR"]) / "报上级.xlsx"
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information = lambda *_a, **_k: QMessageBox.StandardButton.Ok  # type: ignore[method-assign]
    page.export_excel(out)  # type: ignore[attr-defined]
    if shutil.which("soffice") and shutil.which("pdftoppm"):
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out.parent), str(out)],
            check=True,
            capture_output=True,
        )
        pdf = out.with_suffix(".pdf")
        subprocess.run(
            ["pdftoppm", "-r", "70", "-png", "-singlefile", str(pdf), str(DOCS / "export-page1")],
            check=True,
        )


def _projects(app: object, window: MainWindow) -> None:
    """项目卡片: card wall, table (scrolled sideways), editor, detail, month grid, units."""
    from PySide6.QtWidgets import QApplication

    page = window.pages["projects"]
    for label, size in SIZES.items():
        window.resize(*size)
        window.show_page("projects")
        page.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
        page.filter_bar.clear()  # type: ignore[attr-defined]
        page.set_view("cards")  # type: ignore[attr-defined]
        QApplication.processEvents()
        page._load_status(page.card_set)  # type: ignore[attr-defined]
        page.select_project(page.model.rows[2].id)  # type: ignore[attr-defined]
        QApplication.processEvents()
        window.grab().save(str(DOCS / f"cards-{label}.png"))
        page.set_view("table")  # type: ignore[attr-defined]
        QApplication.processEvents()
        page.table.view.horizontalScrollBar().setValue(300)  # type: ignore[attr-defined]
        QApplication.processEvents()
        window.grab().save(str(DOCS / f"table-{label}.png"))
        editor = page.edit_current()  # type: ignore[attr-defined]
        editor.editors["annual_plan"].setText("20亿")
        editor.accept()  # refused: shows the message beside the field
        QApplication.processEvents()
        editor.grab().save(str(DOCS / f"editor-{label}.png"))
        editor.reject()
    window.resize(*SIZES["1366x768"])
    page.set_view("cards")  # type: ignore[attr-defined]
    page.show_detail()  # type: ignore[attr-defined]
    QApplication.processEvents()
    page.open_dialog.grab().save(str(DOCS / "detail-1366x768.png"))  # type: ignore[attr-defined]
    page.open_dialog.reject()  # type: ignore[attr-defined]
    page.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
    page.month_tab.set_month(2022, 7)  # type: ignore[attr-defined]
    QApplication.processEvents()
    window.grab().save(str(DOCS / "month-grid-1366x768.png"))
    page.tabs.setCurrentIndex(2)  # type: ignore[attr-defined]
    QApplication.processEvents()
    window.grab().save(str(DOCS / "units-1366x768.png"))
    page.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
