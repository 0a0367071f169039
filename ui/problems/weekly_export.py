"""导出周调度: ask for a week, write its 周调度表 to an .xlsx file, say what it holds."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFormLayout, QWidget

from app.infra.errors import UserError
from app.values.date_format import compact_date
from ui.shell.crash import show_user_error
from ui.widgets.file_dialogs import save_file
from ui.widgets.form_dialog import add_ok_cancel, date_edit, to_date
from ui.widgets.saved_files import show_saved

if TYPE_CHECKING:
    from app.infra.database import Database
    from ui.settings.keys import Settings


def export_weekly_dispatch(
    parent: QWidget,
    database: Database,
    settings: Settings,
    campaign_id: int | None,
    as_of: dt.date,
) -> None:
    """周调度表 of a chosen week (`as_of`'s week offered), to an .xlsx file."""
    from app.problems.weekly_dispatch import week_of, weekly_dispatch
    from app.problems.weekly_sheet import write_weekly_sheet

    dialog = QDialog(parent)
    dialog.setWindowTitle("导出周调度表")
    form = QFormLayout(dialog)
    day = date_edit(as_of, field="该周中的任一天")
    form.addRow("该周中的任一天：", day)
    add_ok_cancel(dialog, form)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    try:
        monday, _sunday = week_of(to_date(day))
    except UserError as exc:
        show_user_error(parent, exc, "无法导出")
        return
    path = save_file(
        parent,
        settings,
        "导出周调度表",
        f"周调度-{compact_date(monday)}.xlsx",
        "Excel 表格 (*.xlsx)",
        suffix=".xlsx",
    )
    if path is None:
        return
    try:
        with database.reading() as session:
            dispatch = weekly_dispatch(session, campaign_id, monday)
        write_weekly_sheet(dispatch, path)
    except UserError as exc:
        show_user_error(parent, exc, "无法导出")
        return
    show_saved(
        parent,
        "已导出",
        f"周调度表已导出：\n{path}\n新增 {len(dispatch.new)}，推进 {len(dispatch.pushed)}，"
        f"销号 {len(dispatch.closed)}，逾期 {len(dispatch.overdue)}。",
        path,
    )
