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
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from db.enums import SupervisionClass, SupervisionForm
from ui.shell.bus import ChangeBus
from ui.shell.operation import Failed, Performer
from ui.widgets.form_dialog import add_ok_cancel, date_edit, to_date

if TYPE_CHECKING:
    from app.infra.database import Database
    from app.infra.row_copies import RowCopy
    from app.problems.supervision import ActRow


def start_supervision(
    parent: QWidget,
    database: Database,
    bus: ChangeBus,
    *,
    problem_id: int | None = None,
    project_id: int | None = None,
) -> bool:
    """Ask the class and the reason, then start supervising; True when started."""
    from app.problems.supervision import cancel_start, restore_supervision, start

    classes = [c.value for c in SupervisionClass]
    chosen, ok = QInputDialog.getItem(parent, "督办", "督办类别：", classes, 2, False)
    if not ok:
        return False
    reason, ok = QInputDialog.getText(parent, "督办", "督办原因：")
    if not ok:
        return False
    copies: list[RowCopy] = []
    started = Performer(parent, bus, database).undoable(
        lambda session: (
            start(
                session,
                SupervisionClass(chosen),
                reason,
                dt.date.today(),
                problem_id=problem_id,
                project_id=project_id,
            ).id
        ),
        what="开始督办",
        text="列入督办",
        undo=lambda new_id: lambda session: copies.append(cancel_start(session, new_id)),
        redo=lambda _id: lambda session: restore_supervision(session, copies.pop()),
    )
    if isinstance(started, Failed):
        return False
    what = "问题" if problem_id is not None else "项目"
    QMessageBox.information(
        parent,
        "已列入督办",
        f"该{what}已列入督办台账（{chosen}类），今天开始督办。\n"
        + ("督办情况记入问题的办理过程；" if problem_id is not None else "")
        + "可在“督办台账”中添加督办单、约谈、通报记录；按 Ctrl+Z 可撤销。",
    )
    return True


class ActDialog(QDialog):
    """A 督办单, 约谈 or 通报: date, form, content, result, who (new, or one to correct)."""

    def __init__(
        self, supervisor: str, parent: QWidget | None = None, act: ActRow | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("新增督办记录" if act is None else "修改督办记录")
        self.resize(480, 300)
        form = QFormLayout(self)
        self.on = date_edit(dt.date.today(), field="日期")
        self.form_box = QComboBox()
        self.form_box.addItems([f.value for f in SupervisionForm])
        self.content = QPlainTextEdit()
        self.result_edit = QLineEdit()
        self.by = QLineEdit(supervisor)  # the last 督办人, proposed again
        self.message = QLabel()
        self.message.setStyleSheet("color: #b71c1c;")
        form.addRow("日期：", self.on)
        form.addRow("形式：", self.form_box)
        form.addRow("内容：", self.content)
        form.addRow("结果：", self.result_edit)
        form.addRow("督办人：", self.by)
        form.addRow(self.message)
        add_ok_cancel(self, form)
        if act is not None:
            self.on.set_date(act.on)
            self.form_box.setCurrentText(act.form.value)
            self.content.setPlainText(act.content)
            self.result_edit.setText(act.result)
            self.by.setText(act.by)

    def values(self) -> tuple[dt.date, SupervisionForm, str, str, str]:
        """What was entered."""
        return (
            to_date(self.on),
            SupervisionForm(self.form_box.currentText()),
            self.content.toPlainText(),
            self.result_edit.text(),
            self.by.text(),
        )
