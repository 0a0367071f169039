"""设置: the operator name recorded in the change log, and what later settings will hold."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.infra.changes import Change
from app.infra.errors import UserError
from app.infra.operator import clean_operator, default_operator
from app.schedule.warning_colours import ColourNaming
from ui.settings.accounts_tab import AccountsTab
from ui.settings.campaign_tab import CampaignTab
from ui.settings.holidays_tab import HolidaysTab
from ui.settings.keys import (
    COLOUR_NAMING,
    GAP_RED_POINTS,
    GAP_YELLOW_POINTS,
    OPERATOR,
    WARNING_WINDOW_DAYS,
    Settings,
)
from ui.settings.templates_tab import TemplatesTab
from ui.shell.bus import ChangeBus
from ui.shell.operation import announce
from ui.shell.pages import PageSpec
from ui.widgets.page_header import page_header

if TYPE_CHECKING:
    from app.infra.database import Database


class SettingsPage(QWidget):
    """The settings a clerk can change today."""

    operator_saved = Signal(str)

    def __init__(
        self,
        spec: PageSpec,
        settings: Settings,
        bus: ChangeBus | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self._settings = settings
        self._bus = bus or ChangeBus(self)
        self._database: Database | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 20, 28, 20)
        outer.setSpacing(10)
        outer.addWidget(page_header(spec))
        self.tabs = QTabWidget()
        outer.addWidget(self.tabs, 1)
        general = QWidget()
        layout = QVBoxLayout(general)
        layout.setSpacing(14)
        self.campaign = CampaignTab(self._bus)
        self.tabs.addTab(self.campaign, "攻坚行动")
        self.tabs.addTab(general, "常规")
        self.holidays = HolidaysTab(self._bus, settings)
        self.tabs.addTab(self.holidays, "节假日")
        self.templates = TemplatesTab(self._bus)
        self.tabs.addTab(self.templates, "节点模板")
        self.accounts = AccountsTab(self._bus)
        self.tabs.addTab(self.accounts, "账号")

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

        layout.addWidget(self._warnings_card())
        layout.addStretch(1)

    def _warnings_card(self) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        form = QFormLayout(card)
        form.setContentsMargins(20, 16, 20, 16)
        self.window_days = QSpinBox()
        self.window_days.setRange(1, 60)
        self.window_days.setSuffix(" 天")
        self.window_days.setValue(self._settings.get(WARNING_WINDOW_DAYS))
        form.addRow("临期预警窗口：", self.window_days)
        self.gap_yellow = QSpinBox()
        self.gap_yellow.setRange(0, 100)
        self.gap_yellow.setSuffix(" 个百分点")
        self.gap_yellow.setValue(self._settings.get(GAP_YELLOW_POINTS))
        form.addRow("落后序时进度超过此值为黄：", self.gap_yellow)
        self.gap_red = QSpinBox()
        self.gap_red.setRange(0, 100)
        self.gap_red.setSuffix(" 个百分点")
        self.gap_red.setValue(self._settings.get(GAP_RED_POINTS))
        form.addRow("落后序时进度超过此值为红：", self.gap_red)
        self.naming = QComboBox()
        self.naming.addItems([n.value for n in ColourNaming])
        self.naming.setCurrentText(self._settings.get(COLOUR_NAMING))
        form.addRow("预警颜色叫法：", self.naming)
        for field in (self.window_days, self.gap_yellow, self.gap_red, self.naming):
            field.setMaximumWidth(180)
        self.save_warnings_button = QPushButton("保存预警设置")
        self.save_warnings_button.clicked.connect(self.save_warnings)
        self.warnings_message = QLabel(
            "节点、项目和问题的红黄预警都按这里计算（卡片、挂图、总览一致）。"
        )
        self.warnings_message.setObjectName("cardLabel")
        row = QHBoxLayout()
        row.addWidget(self.save_warnings_button)
        row.addWidget(self.warnings_message, 1)
        form.addRow("", row)
        return card

    def save_warnings(self) -> None:
        """Store the thresholds; the red threshold may not be below the yellow one."""
        if self.gap_red.value() < self.gap_yellow.value():
            self.warnings_message.setText("红色阈值不能小于黄色阈值。")
            self.warnings_message.setStyleSheet("color: #b71c1c;")
            return
        self._settings.set(WARNING_WINDOW_DAYS, self.window_days.value())
        self._settings.set(GAP_YELLOW_POINTS, self.gap_yellow.value())
        self._settings.set(GAP_RED_POINTS, self.gap_red.value())
        self._settings.set(COLOUR_NAMING, self.naming.currentText())
        self.warnings_message.setStyleSheet("")
        self.warnings_message.setText("已保存，各页面已按新设置重新计算预警。")
        announce(self._bus, "保存预警设置", {Change.PREFERENCES})

    def set_database(self, database: Database | None) -> None:
        """Remember the open database (operator name, holidays, templates)."""
        self._database = database
        self.campaign.set_database(database)
        self.holidays.set_database(database)
        self.templates.set_database(database)
        self.accounts.set_database(database)

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
