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
        project_units: dict[int, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("新增问题")
        self.resize(560, 380)
        form = QFormLayout(self)
        self._project_units = project_units or {}
        self.project = QComboBox()
        self.project.setEditable(True)  # type to find among hundreds of projects
        self.project.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for pid, name in projects:
            self.project.addItem(name, pid)
        self.type = QComboBox()
        self.type.addItems([t.value for t in ProblemType])
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText(
            "问题表述，例如：项目用地尚未完成土地摘牌，影响按期开工"
        )
        self.raised_on = date_edit(today, field="提出时间")
        self.deadline = date_edit(today + dt.timedelta(days=30), field="解决时限")
        # Typed when the unit is not in the list yet (a new database has no units at all).
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.unit.addItem("", None)
        for uid, name in units:
            self.unit.addItem(name, uid)
        line = self.unit.lineEdit()
        if line is not None:
            line.setPlaceholderText("选择或输入责任单位")
        self.project.currentIndexChanged.connect(self._propose_unit)
        if project_id is not None:
            self.project.setCurrentIndex(max(self.project.findData(project_id), 0))
        self._propose_unit()
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

    def unit_name(self) -> str | None:
        """The responsible unit chosen or typed (None when left empty)."""
        return " ".join(self.unit.currentText().split()) or None

    def _propose_unit(self) -> None:
        """A project's problem is usually its responsible unit's: proposed until one is typed."""
        proposal = self._project_units.get(self.project.currentData() or 0)
        if proposal and (not self.unit.currentText() or self._unit_proposed):
            self.unit.setCurrentText(proposal)
            self._unit_proposed = True

    _unit_proposed = False


class CloseDialog(QDialog):
    """销号: who confirmed it and when."""

    def __init__(self, operator: str, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("销号")
        form = QFormLayout(self)
        self.confirmer = QLineEdit(operator)
        self.confirmer.setPlaceholderText("验收人/确认人")
        self.on = date_edit(today, field="销号日期")
        self.message = QLabel()
        self.message.setStyleSheet("color: #b71c1c;")
        form.addRow("确认人：", self.confirmer)
        form.addRow("销号日期：", self.on)
        form.addRow(self.message)
        add_ok_cancel(self, form)
