"""`gongjian chart`: the wall chart to a PDF or PNG file, drawn offscreen."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from app.infra.errors import UserError
from app.values.date_format import iso_date


def run_chart(
    db: Path | str, out: Path, paper: str, list_name: str | None, campaign: str | None = None
) -> str:
    """Export the named (else the latest) campaign's chart; return the line to print."""
    if not os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # drawing commands never need a display
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".png"):
        raise UserError(f"输出文件「{out.name}」的扩展名应为 .pdf 或 .png。")
    if isinstance(db, Path) and not db.exists():
        raise UserError(f"数据库文件「{db}」不存在。")
    from app.infra.output_folder import ensure_parent

    ensure_parent(out)
    from PySide6.QtGui import QGuiApplication

    from app.campaign.choice import campaign_named
    from app.campaign.office_name import printout_office
    from app.infra.database import open_database
    from app.projects.filter import ProjectFilter
    from app.schedule.wall_chart import default_as_of, load_wall_chart
    from ui.settings.keys import OFFICE_NAME, Settings
    from ui.shell.style import register_bundled_font
    from ui.wall_chart.export import PaperSpec, export_pdf, export_png

    application = QGuiApplication.instance() or QGuiApplication(["gongjian"])
    register_bundled_font()
    # The same thresholds, colour names and office name as the window (设置).
    settings = Settings()
    warnings = settings.warning_settings()
    database = open_database(db)
    try:
        with database.sessions() as session:
            chosen = campaign_named(session, campaign)
            campaign_id = chosen.id if chosen else None
            as_of = default_as_of(session, campaign_id, dt.date.today())
            chart = load_wall_chart(session, campaign_id, as_of, warnings)
            office = printout_office(session, campaign_id, settings.get(OFFICE_NAME))
    finally:
        database.close()
    if list_name:
        names = [group.name for group in chart.groups]
        if list_name not in names:
            raise UserError(f"没有名为「{list_name}」的清单。现有清单：{'、'.join(names)}。")
        list_id = next(g.list_id for g in chart.groups if g.name == list_name)
        chart = chart.filtered(ProjectFilter(list_ids=frozenset({list_id})))
    spec = PaperSpec(paper=paper, office=office, naming=warnings.naming)
    if suffix == ".pdf":
        pages = export_pdf(chart, out, spec)
        detail = f"{paper} 横向 {pages} 页"
    else:
        size = export_png(chart, out, spec)
        detail = f"{int(size.width())}×{int(size.height())} 像素"
    del application
    return f"已导出挂图：{out}（{len(chart.rows)} 个项目，截至 {iso_date(as_of)}，{detail}）"
