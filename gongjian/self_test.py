"""`gongjian self-test`: the whole program exercised once in a temporary folder (source or bundle).

Each step prints one line; the exit code is 0 only when every step worked. Nothing outside the
temporary folder is read or written: the data folder (settings, logs) is redirected there too.
It never waits for anyone: a dialog a step opens is closed and fails the step, and a step that
runs past STEP_LIMIT seconds ends the self-test with exit code 1 and every thread's traceback.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import faulthandler
import io
import os
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app import APP_NAME, __version__

EXIT_OK, EXIT_FAILED = 0, 1
STEP_LIMIT = 300.0
"""Seconds one step may take (the slowest takes under 10 s, 20 s under wine)."""


class SelfTestFailure(Exception):
    """A step saw something wrong (its message says what, in Chinese)."""


def _id(row: Any) -> int | None:
    """The id of a row, or None (a database without a campaign)."""
    return None if row is None else int(row.id)


def _check(condition: object, message: str) -> None:
    if not condition:
        raise SelfTestFailure(message)


class _Run:
    """The steps share a folder, the demo database and the window."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.demo = folder / "示例数据.db"
        self.fresh = folder / "自检.db"
        self.window: object | None = None

    # ----- steps -------------------------------------------------------------------------
    def new_database(self) -> str:
        from app.infra.database import open_database
        from db.migrate import HEAD_REVISION, FileState, inspect_file

        database = open_database(self.fresh)
        database.close()
        state, revision = inspect_file(self.fresh)
        _check(state is FileState.CURRENT, f"数据结构版本为 {revision}，应为 {HEAD_REVISION}")
        return f"数据结构版本 {revision}"

    def demo_data(self) -> str:
        from app.campaign.choice import latest_campaign
        from app.campaign.overview import summarise
        from app.demo.install import create_demo_database
        from app.infra.database import open_database

        create_demo_database(self.demo)
        database = open_database(self.demo)
        with database.reading() as session:
            count = summarise(session, _id(latest_campaign(session))).projects
        database.close()
        _check(count == 126, f"示例项目 {count} 个，应为 126 个")
        return f"{count} 个项目"

    def qt_ready(self) -> str:
        from PySide6.QtCore import QCoreApplication

        from ui.shell.start import create_application
        from ui.shell.style import register_bundled_font

        create_application([sys.argv[0]])
        cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
        _check(cancel == "取消", f"Qt 中文翻译未载入（“Cancel”显示为“{cancel}”）")
        _check(register_bundled_font(), "自带中文字体无法载入")
        from app.search.pinyin import initials

        _check(initials("空港三期") == "kgsq", "拼音首字母表无法载入")
        return "中文翻译、自带字体、拼音首字母"

    def window_pages(self) -> str:
        from PySide6.QtWidgets import QApplication

        from ui.settings.keys import Settings
        from ui.shell.main_window import MainWindow
        from ui.shell.pages import PAGES
        from ui.widgets.placeholder import PlaceholderPage

        window = MainWindow(Settings())
        self.window = window
        window.resize(1366, 768)
        window.show()
        _check(window.actions_.open_location(str(self.demo)), "无法在主窗口中打开示例数据库")
        visited = []
        for spec in PAGES:
            window.show_page(spec.key)
            for _ in range(3):
                QApplication.processEvents()
            page = window.pages[spec.key]
            _check(not isinstance(page, PlaceholderPage), f"页面“{spec.title}”尚未实现")
            _check(not window.grab().isNull(), f"页面“{spec.title}”无法绘制")
            visited.append(spec.title)
        overview = window.pages["overview"]
        overview.show_figures()  # type: ignore[attr-defined]
        _check(overview.stats is not None, "总览没有读出统计数字")  # type: ignore[attr-defined]
        statistics = window.pages["statistics"]
        _check(statistics.stats is not None, "统计通报没有读出统计数字")  # type: ignore[attr-defined]
        return "、".join(visited)

    def import_workbook(self) -> str:
        from gongjian.exchange_commands import run_import
        from resources import resource_path

        sample = resource_path("selftest", "项目清单样表.xlsx")
        _check(sample.exists(), f"自检样表不存在：{sample}")
        copy = self.folder / sample.name
        shutil.copyfile(sample, copy)
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            code = run_import(self.fresh, [copy], None, None, False)
        _check(code == 0, "导入样表失败：\n" + printed.getvalue()[-800:])
        from app.campaign.choice import latest_campaign
        from app.campaign.overview import summarise
        from app.infra.database import open_database

        database = open_database(self.fresh)
        with database.reading() as session:
            count = summarise(session, _id(latest_campaign(session))).projects
        database.close()
        _check(count, "导入后数据库中没有项目")
        return f"导入 {count} 个项目"

    def export_workbook(self) -> str:
        import zipfile

        from app.campaign.choice import latest_campaign
        from app.exchange.export_city import export_scope, export_workbook
        from app.exchange.profiles import load_profile
        from app.infra.database import open_database
        from app.schedule.wall_chart import default_as_of

        out = self.folder / "报上级.xlsx"
        database = open_database(self.demo)
        with database.reading() as session:
            campaign_id = _id(latest_campaign(session))
            as_of = default_as_of(session, campaign_id, dt.date.today())
            scope = export_scope(session, campaign_id, as_of)
            count = export_workbook(session, out, load_profile(session, None), scope)
        database.close()
        with zipfile.ZipFile(out) as archive:
            _check(archive.testzip() is None, "导出的工作簿已损坏")
            sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        _check(count == 126 and len(sheets) >= 9, f"导出 {count} 个项目、{len(sheets)} 张表")
        return f"{count} 个项目，{len(sheets)} 张表"

    def export_chart(self) -> str:
        from app.campaign.choice import latest_campaign
        from app.infra.database import open_database
        from app.schedule.wall_chart import default_as_of, load_wall_chart
        from app.schedule.warning_colours import WarningSettings
        from ui.wall_chart.export import PaperSpec, export_pdf

        out = self.folder / "挂图.pdf"
        database = open_database(self.demo)
        with database.reading() as session:
            campaign_id = _id(latest_campaign(session))
            as_of = default_as_of(session, campaign_id, dt.date.today())
            chart = load_wall_chart(session, campaign_id, as_of, WarningSettings())
        database.close()
        pages = export_pdf(chart, out, PaperSpec(paper="A3"))
        _check(out.read_bytes()[:5] == b"%PDF-" and pages >= 1, "挂图 PDF 未能写出")
        # Through the print path too (Qt's print support and its plugins, as 打印 uses them).
        from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

        from ui.wall_chart.export import page_layout, render_pages

        printers = len(QPrinterInfo.availablePrinterNames())
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.folder / "打印.pdf"))
        printer.setPageLayout(page_layout("A3"))
        printed = render_pages(printer, chart, PaperSpec(paper="A3"))
        _check(printed >= 1 and (self.folder / "打印.pdf").stat().st_size > 0, "打印输出失败")
        return f"A3 {pages} 页；打印 {printed} 页，系统打印机 {printers} 台"

    def bulletin(self) -> str:
        from app.campaign.choice import latest_campaign
        from app.infra.database import open_database
        from app.schedule.warning_colours import WarningSettings
        from app.statistics.month_statistics import default_month, month_statistics
        from ui.bulletin.make import make_bulletin

        database = open_database(self.demo)
        with database.reading() as session:
            campaign_id = _id(latest_campaign(session))
            month = default_month(session, campaign_id, dt.date.today())
            stats = month_statistics(session, campaign_id, month, WarningSettings())
            if stats is not None:
                _ = stats.campaign.name  # loaded while the session is open
        database.close()
        _check(stats is not None, "示例数据没有攻坚行动")
        assert stats is not None
        files = make_bulletin(stats, self.folder, dt.date.today())
        _check(files.pdf.exists() and files.workbook.exists(), "月通报未能写出")
        return f"{stats.month.label}，PDF {files.pages} 页"

    def close(self) -> None:
        if self.window is not None:
            self.window.close()  # type: ignore[attr-defined]
            self.window = None


class _DialogGuard:
    """Closes every dialog a step opens and keeps what it said: nobody is there to click."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self._timer: object | None = None

    def watch(self) -> None:
        """Start looking (every 0.1 s, also inside a dialog's own event loop) once Qt is up."""
        if self._timer is not None or "PySide6.QtWidgets" not in sys.modules:
            return
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        if QApplication.instance() is None:
            return
        timer = QTimer()
        timer.setInterval(100)
        timer.timeout.connect(self._close_dialogs)
        timer.start()
        self._timer = timer

    def _close_dialogs(self) -> None:
        from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                said = widget.text() if isinstance(widget, QMessageBox) else ""
                self.seen.append(f"“{widget.windowTitle()}”" + (f"：{said}" if said else ""))
                widget.reject()  # returns from its exec()

    def take(self) -> list[str]:
        """The dialogs closed since the last call."""
        seen, self.seen = self.seen, []
        return seen


def _stop_when_stuck(number: int, title: str) -> threading.Timer:
    """After STEP_LIMIT seconds: say which step hung, print every thread's stack, exit 1."""

    def give_up() -> None:
        limit = f"超过 {STEP_LIMIT:.0f} 秒仍未完成"
        print(f"  {number}. {title} …… 失败：{limit}，自检中止", flush=True)
        with contextlib.suppress(Exception):  # no usable stream under the windowed launcher
            faulthandler.dump_traceback(file=sys.stdout)
        os._exit(EXIT_FAILED)

    timer = threading.Timer(STEP_LIMIT, give_up)
    timer.daemon = True
    timer.start()
    return timer


def run_steps(steps: list[tuple[str, Callable[[], str]]]) -> int:
    """Run the steps in order, one line each; the number that failed."""
    guard = _DialogGuard()
    failed = 0
    for number, (title, step) in enumerate(steps, start=1):
        guard.watch()
        began = time.perf_counter()
        stuck = _stop_when_stuck(number, title)
        try:
            detail = step()
            error: Exception | None = None
        except Exception as exc:  # a self-test reports every failure and goes on
            error = exc
        finally:
            stuck.cancel()
        guard.watch()
        dialogs = guard.take()
        if dialogs and error is None:
            error = SelfTestFailure(f"出现了对话框 {'；'.join(dialogs)}（已自动关闭）")
        if error is not None:
            failed += 1
            message = str(error) if isinstance(error, SelfTestFailure) else repr(error)
            print(f"  {number}. {title} …… 失败：{message}", flush=True)
            if not isinstance(error, SelfTestFailure):
                traceback.print_exception(error, file=sys.stdout)
            continue
        took = time.perf_counter() - began
        print(f"  {number}. {title} …… 通过（{detail}，{took:.1f} 秒）", flush=True)
    return failed


def run_self_test(keep: bool = False) -> int:
    """Run every step; print one line each; 0 when all worked."""
    if not os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # never needs a display
    folder = Path(tempfile.mkdtemp(prefix="gongjian-selftest-"))
    os.environ["GONGJIAN_DATA_DIR"] = str(folder / "data")  # settings and logs stay in here
    (folder / "data").mkdir()
    print(f"{APP_NAME} {__version__} 自检（临时文件夹 {folder}）", flush=True)
    run = _Run(folder)
    steps: list[tuple[str, Callable[[], str]]] = [
        ("新建数据库并升级到最新结构", run.new_database),
        ("生成示例数据", run.demo_data),
        ("界面组件", run.qt_ready),
        ("打开主窗口，逐页查看", run.window_pages),
        ("导入 Excel 样表", run.import_workbook),
        ("导出报上级的 Excel 表格", run.export_workbook),
        ("导出挂图 PDF 并打印", run.export_chart),
        ("生成月通报", run.bulletin),
    ]
    failed = 0
    try:
        failed = run_steps(steps)
    finally:
        run.close()
        if not keep and not failed:
            shutil.rmtree(folder, ignore_errors=True)
    if failed:
        print(f"自检未通过：{failed} 项失败（文件留在 {folder}）", flush=True)
        return EXIT_FAILED
    print(f"自检通过（{len(steps)} 项）", flush=True)
    return EXIT_OK
