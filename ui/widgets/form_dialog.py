"""Pieces of the small form dialogs (新增, 销号, 导出 …): date fields and the OK/Cancel row."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QFormLayout


def date_edit(day: dt.date) -> QDateEdit:
    """A date field with a calendar pop-up."""
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def to_date(edit: QDateEdit) -> dt.date:
    """The date a field shows."""
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
