"""Start supervision (督办) of a problem or a project from any page, and record an act."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from db.enums import SupervisionClass, SupervisionForm
from ui.shell.bus import ChangeBus
from ui.shell.operation import Failed, perform
from ui.widgets.form_dialog import add_ok_cancel, date_edit, to_date

if TYPE_CHECKING:
    from app.infra.database import Database


def start_supervision(
    parent: QWidget,
    database: Database,
    bus: ChangeBus,
    *,
    problem_id: int | None = None,
    project_id: int | None = None,
) -> bool:
    """Ask the class and the reason, then start supervising; True when started."""
    from app.problems.supervision import start

    classes = [c.value for c in SupervisionClass]
    chosen, ok = QInputDialog.getItem(parent, "督办", "督办类别：", classes, 2, False)
    if not ok:
        return False
    reason, ok = QInputDialog.getText(parent, "督办", "督办原因：")
    if not ok:
        return False
    started = perform(
        parent,
        bus,
        database,
        lambda session: start(
            session,
            SupervisionClass(chosen),
            reason,
            dt.date.today(),
            problem_id=problem_id,
            project_id=project_id,
        ),
        what="开始督办",
        error_title="无法督办",
    )
    return not isinstance(started, Failed)


class ActDialog(QDialog):
    """A 督办单, 约谈 or 通报: date, form, content, result, who."""

    def __init__(self, operator: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("新增督办记录")
        self.resize(480, 300)
        form = QFormLayout(self)
        self.on = date_edit(dt.date.today(), field="日期")
        self.form_box = QComboBox()
        self.form_box.addItems([f.value for f in SupervisionForm])
        self.content = QPlainTextEdit()
        self.result_edit = QLineEdit()
        self.by = QLineEdit(operator)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b71c1c;")
        form.addRow("日期：", self.on)
        form.addRow("形式：", self.form_box)
        form.addRow("内容：", self.content)
        form.addRow("结果：", self.result_edit)
        form.addRow("督办人：", self.by)
        form.addRow(self.message)
        add_ok_cancel(self, form)

    def values(self) -> tuple[dt.date, SupervisionForm, str, str, str]:
        """What was entered."""
        return (
            to_date(self.on),
            SupervisionForm(self.form_box.currentText()),
            self.content.toPlainText(),
            self.result_edit.text(),
            self.by.text(),
        )
