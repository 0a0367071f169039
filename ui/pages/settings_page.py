"""设置: the operator name recorded in the change log, and what later settings will hold."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.operator import clean_operator, default_operator
from ui.pages import PageSpec
from ui.pages.header import page_header
from ui.settings import OPERATOR, Settings

if TYPE_CHECKING:
    from app.database import Database


class SettingsPage(QWidget):
    """The settings a clerk can change today."""

    operator_saved = Signal(str)

    def __init__(self, spec: PageSpec, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._settings = settings
        self._database: Database | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 20)
        layout.setSpacing(14)
        layout.addWidget(page_header(spec))

        card = QFrame()
        card.setObjectName("card")
        form = QFormLayout(card)
        form.setContentsMargins(20, 16, 20, 16)
        self.operator_edit = QLineEdit(settings.get(OPERATOR))
        self.operator_edit.setPlaceholderText(f"未填写时记为系统用户名“{default_operator()}”")
        self.operator_edit.setMinimumWidth(280)
        self.operator_edit.returnPressed.connect(self.save_operator)
        self.save_button = QPushButton("保存")
        self.save_button.clicked.connect(self.save_operator)
        row = QHBoxLayout()
        row.addWidget(self.operator_edit)
        row.addWidget(self.save_button)
        row.addStretch(1)
        form.addRow("操作人姓名：", row)
        self.operator_message = QLabel("每一次新增、修改、删除都以此姓名记入修改留痕。")
        self.operator_message.setObjectName("cardLabel")
        form.addRow("", self.operator_message)
        layout.addWidget(card)

        coming = QLabel("以后在这里设置：" + "；".join(spec.coming[1:]) + "。")
        coming.setObjectName("pageSubtitle")
        coming.setWordWrap(True)
        layout.addWidget(coming)
        layout.addStretch(1)

    def set_database(self, database: Database | None) -> None:
        """Remember the open database, to rename its operator on save."""
        self._database = database

    def save_operator(self) -> None:
        """Store the operator name; refuse one that is too long, saying so beside the field."""
        try:
            name = clean_operator(self.operator_edit.text())
        except UserError as exc:
            self.operator_message.setText(exc.message)
            self.operator_message.setStyleSheet("color: #b71c1c;")
            self.operator_edit.setFocus()
            return
        self.operator_edit.setText(name)
        self._settings.set(OPERATOR, name)
        if self._database is not None:
            self._database.set_operator(name or default_operator())
        shown = name or f"系统用户名“{default_operator()}”"
        self.operator_message.setStyleSheet("")
        self.operator_message.setText(f"已保存。此后的修改记为：{shown}。")
        self.operator_saved.emit(name)
