"""交换方案 editor: the columns (field, header text, group), unit, date format and lists."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.exchange.fields import PROJECT_FIELDS
from app.exchange.profiles import DATE_FORMATS, ExchangeProfile, ProfileColumn
from app.infra.errors import UserError
from ui.shell.crash import show_user_error

_LABELS = [f.header for f in PROJECT_FIELDS]
_KEYS = [f.key for f in PROJECT_FIELDS]


class ProfileDialog(QDialog):
    """Edit a copy of a profile; `profile()` is the result."""

    def __init__(
        self, profile: ExchangeProfile, list_names: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("交换方案")
        self._original = profile  # keeps what the dialog does not show (a saved office layout)
        self.name = QLineEdit(profile.name)
        self.unit = QComboBox()
        self.unit.addItems(["万元", "亿元"])
        self.unit.setCurrentText(profile.unit)
        self.date_format = QComboBox()
        for code, example in DATE_FORMATS.items():
            self.date_format.addItem(f"{example}（{code}）", code)
        self.date_format.setCurrentIndex(max(self.date_format.findData(profile.date_format), 0))
        self.lists = QListWidget()
        for name in list_names:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            chosen = not profile.lists or name in profile.lists
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
            self.lists.addItem(item)
        self.lists.setMaximumHeight(120)
        self.columns = QTableWidget(0, 3)
        self.columns.setHorizontalHeaderLabels(
            ["字段", "表头文字（可用 {year} {month}）", "上方合并的分组"]
        )
        self.columns.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.columns.setColumnWidth(0, 160)
        self.columns.setColumnWidth(2, 140)
        for column in profile.columns:
            self._add_row(column)
        buttons = QHBoxLayout()
        for text, slot in (
            ("添加列", lambda: self._add_row(ProfileColumn("remarks", "备注"))),
            ("删除列", self._remove_row),
            ("上移", lambda: self._move(-1)),
            ("下移", lambda: self._move(1)),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        form = QFormLayout()
        form.addRow("方案名称", self.name)
        form.addRow("金额单位", self.unit)
        form.addRow("日期格式", self.date_format)
        form.addRow("导出的清单", self.lists)
        ok = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        ok.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        ok.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        ok.accepted.connect(self.accept)
        ok.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.columns, 1)
        layout.addLayout(buttons)
        layout.addWidget(ok)
        self.resize(760, 620)

    def _add_row(self, column: ProfileColumn) -> None:
        row = self.columns.rowCount()
        self.columns.insertRow(row)
        box = QComboBox()
        box.addItems(_LABELS)
        box.setCurrentIndex(_KEYS.index(column.key) if column.key in _KEYS else 0)
        self.columns.setCellWidget(row, 0, box)
        self.columns.setItem(row, 1, QTableWidgetItem(column.header))
        self.columns.setItem(row, 2, QTableWidgetItem(column.group or ""))

    def _remove_row(self) -> None:
        row = self.columns.currentRow()
        if row >= 0:
            self.columns.removeRow(row)

    def _move(self, step: int) -> None:
        row = self.columns.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.columns.rowCount():
            return
        columns = [self._column(r) for r in range(self.columns.rowCount())]
        columns[row], columns[target] = columns[target], columns[row]
        self.columns.setRowCount(0)
        for column in columns:
            self._add_row(column)
        self.columns.setCurrentCell(target, 1)

    def _column(self, row: int) -> ProfileColumn:
        box = self.columns.cellWidget(row, 0)
        assert isinstance(box, QComboBox)
        header = self.columns.item(row, 1)
        group = self.columns.item(row, 2)
        key = _KEYS[box.currentIndex()]
        text = header.text().strip() if header else ""
        return ProfileColumn(
            key,
            text or _LABELS[box.currentIndex()],
            (group.text().strip() if group else "") or None,
        )

    def profile(self) -> ExchangeProfile:
        """The edited profile."""
        chosen = [
            self.lists.item(i).text()
            for i in range(self.lists.count())
            if self.lists.item(i).checkState() == Qt.CheckState.Checked
        ]
        every = len(chosen) == self.lists.count()
        return replace(
            self._original,
            name=self.name.text().strip(),
            columns=tuple(self._column(r) for r in range(self.columns.rowCount())),
            unit=self.unit.currentText(),
            date_format=self.date_format.currentData(),
            lists=() if every else tuple(chosen),
        )

    def accept(self) -> None:  # Qt's name
        """Refuse an empty name or a profile without the name column."""
        profile = self.profile()
        if not profile.name:
            show_user_error(self, UserError("请填写方案名称。"))
            return
        if not any(c.key == "name" for c in profile.columns):
            show_user_error(self, UserError("交换方案必须包含“项目名称”一列。"))
            return
        super().accept()
