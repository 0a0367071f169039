"""The import wizard's 导入: the new campaign asked for where there is none, then one operation
writing the plan (a backup first) off the window's thread."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from app.infra.changes import Change
from ui.shell.bus import ChangeBus
from ui.shell.operation import LongOperation

if TYPE_CHECKING:
    from app.campaign.setup import CampaignSetup
    from app.exchange.import_plan import ImportPlan
    from app.infra.database import Database


def ask_campaign(
    parent: QWidget, bus: ChangeBus, database: Database, plan: ImportPlan
) -> CampaignSetup | None:
    """The campaign the workbook starts: its name and dates asked, the rest proposed."""
    from app.campaign.setup import proposed_form
    from ui.campaign.editor_dialog import NewCampaignDialog
    from ui.shell.operation import Performer

    today = dt.date.today()
    with database.reading() as session:
        proposal = proposed_form(session, today)
    year = plan.year or today.year
    title = plan.campaign_name or ""
    # A sheet's title ("附表3 力促开工项目清单") names a list, not the campaign.
    proposal.name = title if title and "附表" not in title else f"{year}年重点项目攻坚行动"
    if year != today.year:
        proposal.start, proposal.end = f"{year}-01-01", f"{year}-12-31"
    dialog = NewCampaignDialog(
        Performer(parent, bus, database),
        today,
        parent,
        proposal=proposal,
        only_check=True,
        intro="这份表格将建立新的攻坚行动。请核对名称和起止日期（可按下发文件填写），"
        "表中的清单与项目随后一次导入。",
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.setup


def write_operation(
    parent: QWidget,
    bus: ChangeBus,
    database: Database,
    plan: ImportPlan,
    source: str,
    campaign_id: int | None,
    new_campaign: CampaignSetup | None,
) -> LongOperation[int]:
    """The operation writing `plan` into the campaign (or the new one); it yields the batch id."""
    from app.exchange.import_write import write_import

    return LongOperation(
        parent,
        bus,
        database,
        lambda session, progress: write_import(
            session,
            plan,
            source,
            campaign_id=campaign_id,
            new_campaign=new_campaign,
            progress=progress,
        ),
        what=f"导入「{source}」",
        title="正在导入…",
        changes={
            Change.PROJECTS,
            Change.PROBLEMS,
            Change.REPORTS,
            Change.ORGANISATION,
            *((Change.CAMPAIGN,) if new_campaign is not None else ()),
        },
        backup="导入前",
    )
