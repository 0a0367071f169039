"""Open every page and dialog on a screen of a given size; print what does not fit, as JSON.

    python -m tests.support.fit_check WIDTH HEIGHT SCALE

Run in a child process because the screen is chosen before Qt starts: an offscreen screen of
WIDTH×HEIGHT pixels at QT_SCALE_FACTOR SCALE (1920×1080 at 1.5 is 1280×720 logical, a laptop
at 150 %). A window or dialog larger than the available screen, or a button outside its window
(and not in a scrolled area), is reported with where it is.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _configure(width: int, height: int, scale: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="gongjian-fit-"))
    config = folder / "screen.json"
    screen = {"name": "fit", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    os.environ["QT_SCALE_FACTOR"] = scale
    os.environ["GONGJIAN_DATA_DIR"] = str(folder / "data")
    (folder / "data").mkdir()
    return folder


def _scrolled(widget: Any, root: Any) -> bool:
    """Inside a scroll area's viewport (reached by scrolling), or in a tab bar's scroll row."""
    from PySide6.QtWidgets import QAbstractScrollArea, QTabBar

    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QTabBar):
            return True
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
            return True
        parent = grand
    return False


def problems_of(root: Any, name: str) -> list[str]:
    """What of `root` (a shown window or dialog) does not fit the screen."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QAbstractButton, QApplication

    QApplication.processEvents()
    found = []
    screen = root.screen().availableGeometry()
    frame = root.frameGeometry()  # the window with its frame (title bar, borders)
    if frame.width() > screen.width() or frame.height() > screen.height():
        found.append(
            f"{name}：{frame.width()}×{frame.height()} 大于屏幕 {screen.width()}×{screen.height()}"
        )
    # The platform may give a window less than it needs (offscreen does): what it needs counts.
    needed = root.minimumSize().expandedTo(root.minimumSizeHint())
    margins = frame.size() - root.size()
    if needed.width() + margins.width() > screen.width() or (
        needed.height() + margins.height() > screen.height()
    ):
        found.append(
            f"{name}：至少需要 {needed.width()}×{needed.height()}，"
            f"屏幕只有 {screen.width()}×{screen.height()}"
        )
    area = root.rect()
    for button in root.findChildren(QAbstractButton):
        if not button.isVisibleTo(root) or _scrolled(button, root):
            continue
        rect = QRect(button.mapTo(root, QPoint(0, 0)), button.size())
        if not area.contains(rect):
            label = button.text() or button.toolTip() or type(button).__name__
            found.append(f"{name}：按钮「{label}」在窗口之外（{rect.getRect()}）")
    return found


def main() -> None:
    """Open everything, print the problems as a JSON list."""
    width, height, scale = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    folder = _configure(width, height, scale)
    from PySide6.QtWidgets import QDialog

    from app.demo.install import create_demo_database
    from ui.settings.keys import Settings
    from ui.shell.main_window import MainWindow
    from ui.shell.pages import PAGES
    from ui.shell.start import create_application

    app = create_application(["fit"])
    demo = create_demo_database(folder / "示例.db")
    window = MainWindow(Settings())
    window.show()
    window.actions_.open_location(str(demo))
    window.showMaximized()  # as a clerk works
    app.processEvents()
    found: list[str] = []
    for spec in PAGES:
        window.show_page(spec.key)
        page = window.pages[spec.key]
        tabs = getattr(page, "tabs", None)
        for index in range(tabs.count() if tabs is not None else 1):
            if tabs is not None:
                tabs.setCurrentIndex(index)
                label = f"{spec.title} · {tabs.tabText(index)}"
            else:
                label = spec.title
            for _ in range(3):
                app.processEvents()
            found += problems_of(window, f"{label}（{width}×{height}×{scale}）")
    for name, make in _dialogs(window).items():
        dialog = make()
        dialog.show()
        for _ in range(3):
            app.processEvents()
        found += problems_of(dialog, f"{name}（{width}×{height}×{scale}）")
        if isinstance(dialog, QDialog):
            dialog.done(0)
    print(json.dumps(found, ensure_ascii=False))
    window.close()
    del app


def _dialogs(window: Any) -> dict[str, Callable[[], Any]]:
    """Every dialog of the window, made as the window makes it."""
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from app.campaign.choice import campaign_rows
    from app.exchange.profiles import load_profile
    from db.models import Project
    from ui.campaign.carry_over_dialog import CarryOverDialog
    from ui.campaign.editor_dialog import NewCampaignDialog
    from ui.exchange.import_wizard import ImportWizard
    from ui.exchange.profile_dialog import ProfileDialog
    from ui.problems.dialogs import CloseDialog, NewProblemDialog
    from ui.problems.supervision_actions import ActDialog
    from ui.schedule.milestone_editor import MilestoneEditorDialog
    from ui.shell.backup_dialog import BackupDialog
    from ui.shell.manual import ManualWindow
    from ui.shell.operation import Performer
    from ui.wall_chart.export_dialog import PaperDialog

    database = window.database
    perform = Performer(window, window.bus, database)
    today = dt.date(2022, 7, 31)
    with database.reading() as session:
        project_id = session.scalars(select(Project.id).order_by(Project.id)).first()
        campaigns = campaign_rows(session)
        profile = load_profile(session, None)
    projects = window.pages["projects"]
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "exchange"

    def wizard_preview() -> Any:
        wizard = ImportWizard(database, window.bus, [], window, window.settings)
        wizard.add_files([fixtures / "city_list_basic.xlsx"])
        wizard.show()
        for _step in range(2):
            wizard.forward()
            while wizard.operation is not None and wizard.operation.running:
                QApplication.processEvents()
        return wizard

    def detail() -> Any:
        projects.select_project(project_id)
        projects.show_detail()
        return projects.open_dialog

    def recycle_bin() -> Any:
        projects.open_bin()
        return projects.open_dialog

    def manual() -> Any:
        guide = ManualWindow(window)
        guide.show_section("problems")
        return guide

    return {
        "新建攻坚行动": lambda: NewCampaignDialog(perform, today, window),
        "结转项目": lambda: CarryOverDialog(database, campaigns, None, window),
        "新建项目": projects.new_project,
        "项目详情": detail,
        "回收站": recycle_bin,
        "节点计划": lambda: MilestoneEditorDialog(perform, project_id, today, window),
        "新增问题": lambda: NewProblemDialog([(project_id, "项目")], [], today, None, window),
        "销号": lambda: CloseDialog("李主任", today, window),
        "督办记录": lambda: ActDialog("李主任", window, None),
        "导出挂图": lambda: PaperDialog(
            window.settings, "保税区重点项目办", for_print=False, parent=window
        ),
        "交换方案": lambda: ProfileDialog(profile, ["力促开工项目"], window),
        "备份与恢复": lambda: BackupDialog(
            database.path, window.settings, window.bus, lambda _p: None, window
        ),
        "使用说明": manual,
        "导入预览": wizard_preview,
    }


if __name__ == "__main__":
    main()
