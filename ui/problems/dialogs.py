"""Dialogs of the ledger's actions: 新增问题 and 销号."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from db.enums import ProblemType
from ui.widgets.form_dialog import add_ok_cancel, date_edit


class NewProblemDialog(QDialog):
    """新增问题: project, type, description, dates, responsible unit, measures."""

    def __init__(
        self,
        projects: list[tuple[int, str]],
        units: list[tuple[int, str]],
        today: dt.date,
        project_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("新增问题")
        self.resize(560, 380)
        form = QFormLayout(self)
        self.project = QComboBox()
        self.project.setEditable(True)  # type to find among hundreds of projects
        for pid, name in projects:
            self.project.addItem(name, pid)
        if project_id is not None:
            self.project.setCurrentIndex(max(self.project.findData(project_id), 0))
        self.type = QComboBox()
        self.type.addItems([t.value for t in ProblemType])
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText(
            "问题表述，例如：项目用地尚未完成土地摘牌，影响按期开工"
        )
        self.raised_on = date_edit(today)
        self.deadline = date_edit(today + dt.timedelta(days=30))
        self.unit = QComboBox()
        self.unit.addItem("（未指定）", None)
        for uid, name in units:
            self.unit.addItem(name, uid)
        self.measures = QLineEdit()
        self.message = QLabel()
        self.message.setStyleSheet("color: #b71c1c;")
        form.addRow("所属项目：", self.project)
        form.addRow("问题类型：", self.type)
        form.addRow("问题表述：", self.description)
        form.addRow("提出时间：", self.raised_on)
        form.addRow("解决时限：", self.deadline)
        form.addRow("责任单位：", self.unit)
        form.addRow("解决措施：", self.measures)
        form.addRow(self.message)
        add_ok_cancel(self, form)

    def project_id(self) -> int | None:
        """The chosen project (None when the typed name matches none)."""
        index = self.project.findText(self.project.currentText())
        return self.project.itemData(index) if index >= 0 else None


class CloseDialog(QDialog):
    """销号: who confirmed it and when."""

    def __init__(self, operator: str, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("销号")
        form = QFormLayout(self)
        self.confirmer = QLineEdit(operator)
        self.confirmer.setPlaceholderText("验收人/确认人")
        self.on = date_edit(today)
        form.addRow("确认人：", self.confirmer)
        form.addRow("销号日期：", self.on)
        add_ok_cancel(self, form)
