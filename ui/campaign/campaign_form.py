"""The campaign's fields as one form: name, period, 发文单位, 期号, targets, lists with templates.

Shared by the 新建攻坚行动 dialog and 设置 → 攻坚行动. It holds texts (`CampaignForm`); checking
and writing are app.campaign.setup's, and its messages come back under the fields.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.campaign.setup import (
    TARGET_KINDS,
    CampaignForm,
    ListChoice,
    is_amount,
    target_key,
)
from db.enums import IssueNumbering, TargetKind
from ui.widgets.date_box import DateBox

TARGET_HINTS = {
    TargetKind.INVESTMENT: "万元，如 180000 或 18亿",
    TargetKind.COMPLETION_RATE: "%，如 60",
    TargetKind.START_RATE: "%，如 100",
    TargetKind.PRODUCTION_RATE: "%，如 50",
    TargetKind.BOND_USAGE_RATE: "%，如 30",
}
NO_TEMPLATE = "（不指定）"


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("fieldError")
    label.setStyleSheet("color: #b71c1c;")
    label.setWordWrap(True)
    label.hide()
    return label


class _ListRow:
    """One list of the checklist: ticked, 附表 number, name, template."""

    def __init__(self, choice: ListChoice, templates: dict[str, int], *, existing: bool) -> None:
        self.choice = choice
        self.existing = existing
        self.check = QCheckBox(f"附表{choice.number}")
        self.check.setChecked(True)
        self.name = QLineEdit(choice.name)
        self.name.setMaxLength(100)
        self.template = QComboBox()
        self.template.addItem(NO_TEMPLATE, None)
        for name, template_id in templates.items():
            self.template.addItem(name, template_id)
        index = self.template.findData(choice.template_id)
        self.template.setCurrentIndex(max(index, 0))
        self.check.toggled.connect(self._enable)
        self.template.setToolTip("新项目“套用模板”时默认建议的节点模板")

    def _enable(self, on: bool) -> None:
        self.name.setEnabled(on)
        self.template.setEnabled(on)

    def value(self) -> ListChoice | None:
        """The list as chosen, or None when unticked."""
        if not self.check.isChecked():
            return None
        return ListChoice(
            self.choice.number,
            self.name.text(),
            self.template.currentData(),
            self.choice.list_id,
        )


class CampaignFormWidget(QScrollArea):
    """Every field of a campaign; `form()` reads it, `show_errors` puts messages under fields."""

    edited = Signal()

    def __init__(
        self,
        form: CampaignForm,
        templates: dict[str, int],
        *,
        standard: list[ListChoice] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._templates = templates
        body = QWidget()
        outer = QVBoxLayout(body)
        outer.setContentsMargins(4, 4, 12, 4)
        outer.setSpacing(10)
        self.errors: dict[str, QLabel] = {}
        self._add_basics(outer, form)
        self._add_targets(outer, form)
        self._add_lists(outer, form, standard or [])
        outer.addStretch(1)
        self.setWidget(body)

        for line in (self.name, self.office, *self.target_values.values()):
            line.textChanged.connect(lambda _t: self.edited.emit())
        for box in (self.start, self.end, *self.target_dues.values()):
            box.changed.connect(self.edited.emit)
        self.start.changed.connect(self._show_days)
        self.end.changed.connect(self._show_days)
        self.numbering.currentIndexChanged.connect(self._numbering_changed)
        self._numbering_changed()
        self._show_days()

    def _add_basics(self, outer: QVBoxLayout, form: CampaignForm) -> None:
        """基本信息: name, period with its day count, 发文单位, how bulletins are numbered."""
        outer.addWidget(_heading("基本信息"))
        basics = QFormLayout()
        basics.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name = QLineEdit(form.name)
        self.name.setMaxLength(200)
        self.name.setPlaceholderText(f"如 {dt.date.today().year}年重点项目百日攻坚行动")
        basics.addRow("名称：", self._with_error("name", self.name))
        self.start = DateBox(field="开始日期")
        self.start.set_text(form.start)
        self.end = DateBox(field="结束日期")
        self.end.set_text(form.end)
        self.days = QLabel()
        self.days.setObjectName("cardLabel")
        period = QHBoxLayout()
        period.addWidget(self.start, 1)
        period.addWidget(QLabel("至"))
        period.addWidget(self.end, 1)
        period.addWidget(self.days)
        period_box = QWidget()
        period_box.setLayout(period)
        period.setContentsMargins(0, 0, 0, 0)
        basics.addRow("起止日期：", self._with_error("start", period_box, also="end"))
        self.office = QLineEdit(form.office_name)
        self.office.setMaxLength(200)
        self.office.setPlaceholderText("如 ××区重点项目建设领导小组办公室")
        self.office.setToolTip("印在月通报版头、挂图标题下和导出的表格中")
        basics.addRow("发文单位：", self._with_error("office_name", self.office))
        self.numbering = QComboBox()
        for numbering in IssueNumbering:
            self.numbering.addItem(
                "按月份（10月的通报为第10期）"
                if numbering is IssueNumbering.BY_MONTH
                else "连续编号（攻坚首月为起始期号，之后每月加一）",
                numbering,
            )
        self.numbering.setCurrentIndex(self.numbering.findData(form.issue_numbering))
        self.issue_start = QSpinBox()
        self.issue_start.setRange(1, 999)
        self.issue_start.setValue(form.issue_start)
        self.issue_start.setPrefix("第 ")
        self.issue_start.setSuffix(" 期起")
        issues = QHBoxLayout()
        issues.setContentsMargins(0, 0, 0, 0)
        issues.addWidget(self.numbering, 1)
        issues.addWidget(self.issue_start)
        issues_box = QWidget()
        issues_box.setLayout(issues)
        basics.addRow("通报期号：", self._with_error("issue_start", issues_box))
        outer.addLayout(basics)

    def _add_targets(self, outer: QVBoxLayout, form: CampaignForm) -> None:
        """攻坚目标: a value and a due date per kind, each with its message line below."""
        outer.addWidget(_heading("攻坚目标（均可不填；完成时限不填即为结束日期）"))
        targets = QGridLayout()
        targets.setHorizontalSpacing(8)
        self.target_values: dict[TargetKind, QLineEdit] = {}
        self.target_dues: dict[TargetKind, DateBox] = {}
        for row, kind in enumerate(TARGET_KINDS):
            value_text, due_text = form.targets.get(kind, ("", ""))
            value = QLineEdit(value_text)
            value.setPlaceholderText(TARGET_HINTS[kind])
            due = DateBox(field=f"{kind.value}的完成时限", placeholder="完成时限")
            due.set_text(due_text)
            self.target_values[kind] = value
            self.target_dues[kind] = due
            unit = QLabel("万元" if is_amount(kind) else "%")
            targets.addWidget(QLabel(f"{kind.value}："), 2 * row, 0)
            targets.addWidget(value, 2 * row, 1)
            targets.addWidget(unit, 2 * row, 2)
            targets.addWidget(due, 2 * row, 3)
            error = _error_label()
            self.errors[target_key(kind)] = error
            targets.addWidget(error, 2 * row + 1, 1, 1, 3)
        targets.setColumnStretch(1, 2)
        targets.setColumnStretch(3, 2)
        outer.addLayout(targets)

    def _add_lists(
        self, outer: QVBoxLayout, form: CampaignForm, standard: list[ListChoice]
    ) -> None:
        """The lists: the campaign's own, then the standard ones it lacks (unticked)."""
        outer.addWidget(_heading("项目清单与节点模板（清单编号即附表编号）"))
        self.lists_grid = QGridLayout()
        self.lists_grid.setHorizontalSpacing(8)
        self.list_rows: list[_ListRow] = []
        existing_names = {c.name for c in form.lists}
        for choice in form.lists:
            self._add_row(choice, existing=choice.list_id is not None)
        for choice in standard:
            if choice.name not in existing_names and choice.number not in self._numbers():
                offered = self._add_row(choice, existing=False)
                offered.check.setChecked(False)
        outer.addLayout(self.lists_grid)
        more = QHBoxLayout()
        self.add_list_button = QPushButton("另加清单…")
        self.add_list_button.setToolTip("本地自定的清单，如“开工一批”“储备一批”")
        self.add_list_button.clicked.connect(self.add_custom_list)
        more.addWidget(self.add_list_button)
        more.addStretch(1)
        outer.addLayout(more)
        self.errors["lists"] = _error_label()
        outer.addWidget(self.errors["lists"])

    def _with_error(self, key: str, field: QWidget, *, also: str | None = None) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        error = _error_label()
        layout.addWidget(error)
        self.errors[key] = error
        if also is not None:
            self.errors[also] = error
        return box

    def _numbers(self) -> set[int]:
        return {row.choice.number for row in self.list_rows}

    def _add_row(self, choice: ListChoice, *, existing: bool) -> _ListRow:
        row = _ListRow(choice, self._templates, existing=existing)
        index = len(self.list_rows)
        self.lists_grid.addWidget(row.check, index, 0)
        self.lists_grid.addWidget(row.name, index, 1)
        self.lists_grid.addWidget(row.template, index, 2)
        self.lists_grid.setColumnStretch(1, 3)
        self.lists_grid.setColumnStretch(2, 2)
        if existing:
            row.check.setToolTip("已有的清单；不用时可在“项目卡片 → 项目清单”中删除空清单")
            row.check.setEnabled(False)
        self.list_rows.append(row)
        return row

    def add_custom_list(self) -> _ListRow | None:
        """另加清单: a hand-made list after the last number, its template proposed by name."""
        name, ok = QInputDialog.getText(self, "另加清单", "清单名称：")
        if not ok or not name.strip():
            return None
        return self.add_list(name.strip())

    def add_list(self, name: str) -> _ListRow:
        """Add a list row named `name` (ticked) with the template named after it, if any."""
        from app.campaign.setup import proposed_template

        number = max(self._numbers(), default=0) + 1
        choice = ListChoice(number, name, proposed_template(self._templates, name))
        row = self._add_row(choice, existing=False)
        self.edited.emit()
        return row

    def _numbering_changed(self) -> None:
        self.issue_start.setEnabled(self.numbering.currentData() is IssueNumbering.RUNNING)

    def _show_days(self) -> None:
        start, end = self.start.date_or_none(), self.end.date_or_none()
        if start is None or end is None or end < start:
            self.days.setText("")
            return
        self.days.setText(f"共 {(end - start).days + 1} 天")

    def form(self) -> CampaignForm:
        """What the fields hold, as typed."""
        lists = [choice for row in self.list_rows if (choice := row.value()) is not None]
        return CampaignForm(
            name=self.name.text(),
            start=self.start.text(),
            end=self.end.text(),
            office_name=self.office.text(),
            issue_numbering=self.numbering.currentData(),
            issue_start=self.issue_start.value(),
            targets={
                kind: (self.target_values[kind].text(), self.target_dues[kind].text())
                for kind in TARGET_KINDS
            },
            lists=lists,
        )

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message under its field; the first wrong field gets the focus."""
        for key, label in self.errors.items():
            text = errors.get(key, "")
            if label.text() != text or not text:
                label.setText(text)
            label.setVisible(bool(text))
        # start and end share one label: show whichever is wrong
        both = errors.get("start") or errors.get("end")
        if both:
            self.errors["start"].setText(both)
            self.errors["start"].setVisible(True)
        first = next(iter(errors), None)
        widget = self._field_of(first)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            self.ensureWidgetVisible(widget)

    def _field_of(self, key: str | None) -> QWidget | None:
        if key is None:
            return None
        fields: dict[str, QWidget] = {
            "name": self.name,
            "start": self.start,
            "end": self.end,
            "office_name": self.office,
            "issue_start": self.issue_start,
            "lists": self.add_list_button,
        }
        for kind in TARGET_KINDS:
            fields[target_key(kind)] = self.target_values[kind]
        return fields.get(key)


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    label.setStyleSheet("font-weight: bold; margin-top: 6px;")
    return label
