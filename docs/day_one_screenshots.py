"""Day one's screens (no demo data): start page, campaign editor, switcher; the guide's pictures.

    QT_QPA_PLATFORM=offscreen python docs/day_one_screenshots.py

Writes docs/start-*.png, docs/campaign-editor-*.png and docs/campaign-switcher-*.png at 1366×768
and at 1920×1080 with 150 % scaling (1280×720 logical; the script runs itself again with
QT_SCALE_FACTOR=1.5 for those), and the guide's pictures into resources/manual/images/.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
IMAGES = ROOT / "resources" / "manual" / "images"
RUNS = {"1366x768": ("1366", "768", "1"), "1920x1080-150": ("1920", "1080", "1.5")}


def _screen(width: str, height: str, scale: str) -> None:
    folder = Path(tempfile.mkdtemp(prefix="gongjian-dayone-"))
    config = folder / "screen.json"
    screen = {"name": "s", "x": 0, "y": 0, "width": int(width), "height": int(height)}
    screens = {"screens": [{**screen, "logicalDpi": 96}]}
    config.write_text(json.dumps(screens), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    os.environ["QT_SCALE_FACTOR"] = scale
    os.environ["GONGJIAN_DATA_DIR"] = str(folder / "data")
    (folder / "data").mkdir()


def _form(session: Any, name: str, start: str, end: str) -> Any:
    from app.campaign.setup import CampaignForm, parse_form, proposed_form

    office = "滨河区重点项目建设领导小组办公室"
    form = CampaignForm(name=name, start=start, end=end, office_name=office)
    form.lists = proposed_form(session, dt.date(2026, 9, 1)).lists
    form.targets = {}
    return parse_form(session, form, None)


def _fill(database: Any) -> None:
    """Two campaigns of an office: last year's, and this year's with projects carried over."""
    from app.campaign.carry_over import create_with_carry_over
    from app.campaign.setup_write import create_campaign
    from app.problems.workflow import NewProblem, add_progress, create_problem
    from app.projects.edits import campaign_lists, create_project
    from app.reports.monthly_reports import CellEntry, EntryMode, save_entries
    from db.enums import CalendarKind, ProblemType, Stage

    projects = [
        ("滨河路改造工程", "力促开工", "发改局", "5000", "2000", (2026, 12, 10), "基础施工"),
        ("东区学校扩建", "加快建设", "教育局", "3000", "1000", (2026, 3, 1), "主体封顶"),
        ("西区污水处理厂", "竣工投产", "住建局", "8000", "3000", (2025, 5, 1), "设备调试"),
        ("北区物流园", "招商实体转化", "商务局", "12000", "4000", (2026, 11, 1), "土地摘牌"),
        ("滨河新城供热站", "已发行专项债", "城市管理局", "6000", "2500", (2026, 4, 1), "管网铺设"),
    ]
    with database.sessions() as session:
        last_year = create_campaign(
            session, _form(session, "2025年重点项目攻坚行动", "2025-03-01", "2025-12-31")
        )
        lists = {label.split(" ", 1)[1]: i for i, label in campaign_lists(session, last_year)}
        create_project(
            session,
            {
                "name": "东区学校扩建",
                "list_id": lists["加快建设项目"],
                "stage": Stage.CONSTRUCTION,
                "calendar": CalendarKind.CALENDAR,
                "lead_unit": "教育局",
                "total_investment": Decimal("3000"),
            },
        )
        carried = _ids(session, last_year)
        this_year, _result = create_with_carry_over(
            session,
            _form(session, "2026年重点项目百日攻坚行动", "2026-09-01", "2026-12-10"),
            carried,
            dt.date(2026, 9, 1),
        )
        lists = {label.split(" ", 1)[1]: i for i, label in campaign_lists(session, this_year)}
        for name, kind, unit, total, plan, start, _progress in projects:
            if name == "东区学校扩建":
                continue
            create_project(
                session,
                {
                    "name": name,
                    "list_id": lists[f"{kind}项目"],
                    "stage": Stage.PREPARATION,
                    "calendar": CalendarKind.CALENDAR,
                    "lead_unit": unit,
                    "total_investment": Decimal(total),
                    "annual_plan": Decimal(plan),
                    "planned_start": dt.date(*start),
                },
            )
        ids = {name: pid for pid, name in _names(session, this_year)}
        entries: list[CellEntry] = []
        for name, _kind, _unit, _total, plan, _start, progress in projects:
            entries.append(CellEntry(ids[name], "month", (Decimal(plan) / 6).quantize(Decimal(1))))
            entries.append(CellEntry(ids[name], "progress", progress))
        save_entries(session, 2026, 10, entries, EntryMode.MONTH)
        problem = create_problem(
            session,
            NewProblem(
                ids["滨河路改造工程"],
                ProblemType.LAND,
                "施工用地尚未完成征收，影响按期开工",
                dt.date(2026, 10, 15),
                dt.date(2026, 12, 10),
                lead_unit_name="规划和自然资源局",
            ),
        )
        add_progress(session, problem.id, "已召开专题协调会，明确征收时间表", dt.date(2026, 10, 20))


def _ids(session: Any, campaign_id: int) -> list[int]:
    from sqlalchemy import select

    from db.models import Project

    return list(session.scalars(select(Project.id).where(Project.campaign_id == campaign_id)))


def _names(session: Any, campaign_id: int) -> list[tuple[int, str]]:
    from sqlalchemy import select

    from db.models import Project

    rows = session.execute(
        select(Project.id, Project.name).where(Project.campaign_id == campaign_id)
    ).all()
    return [(pid, name) for pid, name in rows]


def _with_popup(window: Any, menu: Any, at: Any) -> Any:
    """The window with an open menu drawn over it (a menu is a window of its own)."""
    from PySide6.QtGui import QPainter

    picture = window.grab()
    painter = QPainter(picture)
    painter.drawPixmap(window.mapFromGlobal(at), menu.grab())
    painter.end()
    return picture


def shoot(label: str) -> None:
    """One run at one screen size."""
    from PySide6.QtCore import QPoint

    from app.infra.database import open_database
    from ui.campaign.editor_dialog import NewCampaignDialog
    from ui.settings.keys import Settings
    from ui.shell.main_window import MainWindow
    from ui.shell.operation import Performer
    from ui.shell.start import create_application

    app = create_application(["shots"])
    window = MainWindow(Settings())
    window.show()
    window.setGeometry(window.screen().availableGeometry())
    folder = Path(os.environ["GONGJIAN_DATA_DIR"])
    empty = folder / "攻坚台账.db"
    window.actions_.open_location(str(empty))

    def settle() -> None:
        for _ in range(6):
            app.processEvents()

    settle()
    window.grab().save(str(DOCS / f"start-{label}.png"))
    main_size = label == "1366x768"
    if main_size:
        window.grab().save(str(IMAGES / "start.png"))
    assert window.database is not None
    editor = NewCampaignDialog(
        Performer(window, window.bus, window.database), dt.date(2026, 9, 1), window
    )
    editor.fields.name.setText("2026年重点项目百日攻坚行动")
    editor.fields.start.set_text("2026-09-01")
    editor.fields.end.set_text("2026-12-10")
    editor.fields.office.setText("滨河区重点项目建设领导小组办公室")
    editor.show()
    settle()
    editor.grab().save(str(DOCS / f"campaign-editor-{label}.png"))
    if main_size:
        editor.grab().save(str(IMAGES / "campaign-editor.png"))
    editor.close()

    window.actions_.close()
    filled = folder / "滨河区攻坚台账.db"
    database = open_database(filled, operator="shots")
    _fill(database)
    database.close()
    window.actions_.open_location(str(filled))
    window.show_page("overview")
    settle()
    window.pages["overview"].show_figures()  # type: ignore[attr-defined]
    settle()
    button = window.campaign_button
    window.switch_menu.popup(button.mapToGlobal(QPoint(0, 0)))
    settle()
    menu = window.switch_menu
    at = button.mapToGlobal(QPoint(button.width() - menu.sizeHint().width(), 0))
    at.setY(at.y() - menu.sizeHint().height())
    picture = _with_popup(window, menu, at)
    menu.close()
    picture.save(str(DOCS / f"campaign-switcher-{label}.png"))
    if not main_size:
        return
    picture.save(str(IMAGES / "switcher.png"))
    _guide_pictures(window, settle)


def _guide_pictures(window: Any, settle: Any) -> None:
    """The pages the guide shows, on the office's own data."""
    from pathlib import Path as _Path

    projects = window.pages["projects"]
    window.show_page("projects")
    settle()
    editor = projects.new_project()
    settle()
    editor.grab().save(str(IMAGES / "project-editor.png"))
    editor.reject()
    projects.tabs.setCurrentIndex(1)
    projects.month_tab.set_month(2026, 10)
    settle()
    window.grab().save(str(IMAGES / "month-grid.png"))
    projects.tabs.setCurrentIndex(0)
    from ui.schedule.milestone_editor import MilestoneEditorDialog
    from ui.shell.operation import Performer

    first = projects.model.rows[0].id
    plan = MilestoneEditorDialog(
        Performer(window, window.bus, window.database), first, dt.date(2026, 9, 1), window
    )
    steps: list[tuple[str, str | None, int]] = [
        ("立项备案", "审批", 10),
        ("用地预审与规划选址", "用地", 20),
        ("土地摘牌", "用地", 20),
        ("施工许可", "审批", 10),
        ("开工", "开工", 1),
    ]
    plan.plan.use_template_steps(steps, dt.date(2026, 12, 10))
    plan.model.reset()
    plan.show()
    settle()
    plan.grab().save(str(IMAGES / "milestones.png"))
    plan.done(0)
    window.show_page("problems")
    window.pages["problems"].table.selectRow(0)
    settle()
    window.grab().save(str(IMAGES / "problems.png"))
    window.show_page("statistics")
    page = window.pages["statistics"]
    page.month_picker.year_box.setValue(2026)
    page.month_picker.month_box.setCurrentIndex(9)
    settle()
    window.grab().save(str(IMAGES / "statistics.png"))
    from ui.exchange.import_wizard import ImportWizard

    fixtures = _Path(ROOT / "tests" / "fixtures" / "exchange")
    wizard = ImportWizard(window.database, window.bus, [], window, window.settings)
    wizard.add_files([fixtures / "city_list_basic.xlsx"])
    wizard.show()
    for _step in range(2):
        wizard.forward()
        while wizard.operation is not None and wizard.operation.running:
            settle()
    settle()
    wizard.grab().save(str(IMAGES / "import-preview.png"))
    wizard.reject()


def main() -> None:
    """Run once per screen size, each in its own process (the screen is set before Qt starts)."""
    if len(sys.argv) > 1:
        label = sys.argv[1]
        _screen(*RUNS[label])
        sys.path.insert(0, str(ROOT))
        IMAGES.mkdir(parents=True, exist_ok=True)
        shoot(label)
        return
    for label in RUNS:
        subprocess.run([sys.executable, __file__, label], check=True)


if __name__ == "__main__":
    main()
