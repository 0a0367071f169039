"""Pieces of the small form dialogs (新增, 销号, 导出 …): date fields and the OK/Cancel row."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QFormLayout

from app.infra.errors import UserError
from ui.widgets.date_box import DateBox


def date_edit(day: dt.date | None, *, field: str = "日期") -> DateBox:
    """A date field that keeps what is typed (2026-12-10), with a calendar pop-up."""
    return DateBox(day, field=field)


def to_date(edit: DateBox) -> dt.date:
    """The date a field holds; UserError naming the field when blank or unreadable."""
    day = edit.date()
    if day is None:
        raise UserError(f"请填写{edit.field}。")
    return day


def date_spin(day: dt.date) -> QDateEdit:
    """A date stepped with the arrows (filters: a range moved a day at a time)."""
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def spin_date(edit: QDateEdit) -> dt.date:
    """The date a stepped field shows."""
    day = edit.date()
    return dt.date(day.year(), day.month(), day.day())


def add_ok_cancel(dialog: QDialog, form: QFormLayout) -> QDialogButtonBox:
    """确定/取消 at the bottom of a form, accepting or rejecting the dialog."""
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    form.addRow(box)
    return box
