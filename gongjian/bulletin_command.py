"""`gongjian bulletin`: the month's bulletin (workbook and PDF) written offscreen."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from app.infra.errors import UserError


def run_bulletin(
    db: Path | str, month_text: str, out_dir: Path, campaign: str | None = None
) -> str:
    """Make the bulletin of `month_text` ("2022-07") in `out_dir` (made when missing) for the
    named campaign (else the latest); return the lines to print."""
    if not os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # drawing commands never need a display
    from app.statistics.rates import Month

    try:
        month = Month.parse(month_text)
    except ValueError:
        raise UserError(f"月份「{month_text}」应写成 年-月，例如 2022-07。") from None
    if isinstance(db, Path) and not db.exists():
        raise UserError(f"数据库文件「{db}」不存在。")
    from app.infra.output_folder import ensure_folder

    ensure_folder(out_dir)
    from PySide6.QtGui import QGuiApplication

    from app.campaign.choice import campaign_named
    from app.campaign.office_name import printout_office
    from app.infra.database import open_database
    from app.statistics.month_statistics import month_statistics
    from ui.bulletin.make import make_bulletin
    from ui.settings.keys import OFFICE_NAME, Settings
    from ui.shell.style import register_bundled_font

    application = QGuiApplication.instance() or QGuiApplication(["gongjian"])
    settings = Settings()  # the window's thresholds and office name (设置)
    register_bundled_font()
    database = open_database(db, read_only=True)
    try:
        with database.sessions() as session:
            chosen = campaign_named(session, campaign)
            campaign_id = chosen.id if chosen else None
            stats = month_statistics(session, campaign_id, month, settings.warning_settings())
            office = printout_office(session, campaign_id, settings.get(OFFICE_NAME))
            if stats is not None:
                _ = stats.campaign.name  # loaded while the session is open
    finally:
        database.close()
    if stats is None:
        raise UserError("数据库中还没有攻坚行动，无法生成通报。请先在程序窗口中新建攻坚行动。")
    files = make_bulletin(stats, out_dir, dt.date.today(), office=office)
    del application
    total = stats.total
    return (
        f"已生成{month.label}通报（{total.projects} 个项目，投资完成率 "
        f"{'—' if total.completion is None else f'{total.completion}%'}）：\n"
        f"  {files.workbook}\n  {files.pdf}（A4 纵向 {files.pages} 页）"
    )
