"""The problem ledger's filters: state, type, unit, level, list, project, dates and search."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.problems.ledger import LedgerFilter, LedgerRow
from db.enums import CoordinationLevel, ProblemState, ProblemType
from ui.shell.toolbar import add_button
from ui.widgets.form_dialog import date_spin, spin_date

ANY = "全部"
UNFINISHED = "未办结"


class LedgerFilterBar(QWidget):
    """Two rows of filter controls; `changed` fires whenever the clerk changes one."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keys: dict[QComboBox, list[int | None]] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        first = QHBoxLayout()
        self.state_box = self._combo(
            first, "状态", [ANY, UNFINISHED, *(s.value for s in ProblemState)]
        )
        self.type_box = self._combo(first, "问题类型", [ANY, *(t.value for t in ProblemType)])
        self.unit_box = self._combo(first, "责任单位", [ANY])
        self.level_box = self._combo(
            first, "协调层级", [ANY, *(c.value for c in CoordinationLevel)]
        )
        self.list_box = self._combo(first, "清单", [ANY])
        self.project_box = self._combo(first, "项目", [ANY])
        layout.addLayout(first)
        self.second_row = QHBoxLayout()
        self.overdue_check = QCheckBox("逾期")
        self.week_check = QCheckBox("本周到期")
        self.range_check = QCheckBox("提出时间")
        self.raised_from = date_spin(dt.date(dt.date.today().year, 1, 1))
        self.raised_to = date_spin(dt.date.today())
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索问题表述、项目、责任单位（支持拼音首字母）")
        self.search.setClearButtonEnabled(True)
        for widget in (self.overdue_check, self.week_check, self.range_check, self.raised_from):
            self.second_row.addWidget(widget)
        self.second_row.addWidget(QLabel("至"))
        self.second_row.addWidget(self.raised_to)
        self.second_row.addWidget(self.search, 1)
        self.clear_button = add_button(self.second_row, "清除筛选")
        layout.addLayout(self.second_row)
        for edit in (self.raised_from, self.raised_to):
            edit.setEnabled(False)
            self.range_check.toggled.connect(edit.setEnabled)
        for box in self._boxes():
            box.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for check in self._checks():
            check.toggled.connect(lambda _on: self.changed.emit())
        self.raised_from.dateChanged.connect(lambda _d: self.changed.emit())
        self.raised_to.dateChanged.connect(lambda _d: self.changed.emit())
        self.search.textChanged.connect(lambda _t: self.changed.emit())
        self.clear_button.clicked.connect(self._clear_clicked)

    def _clear_clicked(self) -> None:
        self.clear()
        self.changed.emit()

    @staticmethod
    def _combo(row: QHBoxLayout, tip: str, items: list[str]) -> QComboBox:
        box = QComboBox()
        box.setToolTip(tip)
        box.addItems([f"{ANY}{tip}" if item == ANY else item for item in items])
        box.setMinimumWidth(110)
        row.addWidget(box)
        return box

    def _boxes(self) -> tuple[QComboBox, ...]:
        return (
            self.state_box,
            self.type_box,
            self.unit_box,
            self.level_box,
            self.list_box,
            self.project_box,
        )

    def _checks(self) -> tuple[QCheckBox, ...]:
        return (self.overdue_check, self.week_check, self.range_check)

    def offer(self, rows: list[LedgerRow]) -> None:
        """Offer the units, lists and projects the rows have; keep what was chosen."""
        for box, values in (
            (self.unit_box, sorted({(r.unit, r.unit_id) for r in rows if r.unit_id is not None})),
            (self.list_box, sorted({(r.list_name, r.list_id) for r in rows}, key=lambda v: v[1])),
            (self.project_box, sorted({(r.project, r.project_id) for r in rows})),
        ):
            current = self.key(box)
            first = box.itemText(0)
            box.blockSignals(True)
            box.clear()
            # One addItems call: adding ~2,000 projects one by one took ~30 ms per reload.
            box.addItems([first, *(name for name, _ in values)])
            self._keys[box] = [None, *(key for _, key in values)]
            self.select_key(box, current)
            box.blockSignals(False)

    def key(self, box: QComboBox) -> int | None:
        """The id behind a combo's current entry (None for 全部)."""
        keys = self._keys.get(box, [None])
        index = box.currentIndex()
        return keys[index] if 0 <= index < len(keys) else None

    def select_key(self, box: QComboBox, key: int | None) -> None:
        """Choose the entry whose id is `key` (全部 if none is)."""
        keys = self._keys.get(box, [None])
        box.setCurrentIndex(keys.index(key) if key in keys else 0)

    def current(self) -> LedgerFilter:
        """The filter the controls show."""
        state = self.state_box.currentText()
        if state == UNFINISHED:
            states = frozenset({ProblemState.OPEN, ProblemState.IN_HAND, ProblemState.ON_HOLD})
        elif self.state_box.currentIndex() > 1:
            states = frozenset({ProblemState(state)})
        else:
            states = frozenset()
        unit, plist, project = (
            self.key(self.unit_box),
            self.key(self.list_box),
            self.key(self.project_box),
        )
        return LedgerFilter(
            states=states,
            types=frozenset({ProblemType(self.type_box.currentText())})
            if self.type_box.currentIndex() > 0
            else frozenset(),
            unit_ids=frozenset({unit}) if isinstance(unit, int) else frozenset(),
            levels=frozenset({CoordinationLevel(self.level_box.currentText())})
            if self.level_box.currentIndex() > 0
            else frozenset(),
            list_ids=frozenset({plist}) if isinstance(plist, int) else frozenset(),
            project_id=project if isinstance(project, int) else None,
            overdue_only=self.overdue_check.isChecked(),
            due_this_week=self.week_check.isChecked(),
            raised_from=spin_date(self.raised_from) if self.range_check.isChecked() else None,
            raised_to=spin_date(self.raised_to) if self.range_check.isChecked() else None,
            search=self.search.text(),
        )

    def clear(self) -> None:
        """Every control back to 全部 (without announcing each change)."""
        for box in self._boxes():
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        for check in self._checks():
            check.blockSignals(True)
            check.setChecked(False)
            check.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
