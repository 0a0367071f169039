"""The filter bar shared by 项目卡片 and 挂图作战: list, unit, leader, colour and search."""

from __future__ import annotations

import json

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from app.project_filter import ProjectFilter
from app.wall_chart_model import WallChart
from app.warning_colours import Colour, ColourNaming, colour_label
from ui.settings import PROJECT_FILTER, Settings


class ProjectFilterBar(QWidget):
    """Combos and a search box; remembers the choice (by names) between runs."""

    filter_changed = Signal(object)  # ProjectFilter

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._loading = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list_box = self._combo("清单", 170)
        self.unit_box = self._combo("责任单位", 130)
        self.leader_box = self._combo("包联领导", 110)
        self.colour_box = self._combo("预警", 90)
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索名称、代码、业主单位（支持拼音首字母）")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.clear_button = QPushButton("清除筛选")
        self.count_label = QLabel()
        self.count_label.setObjectName("cardLabel")
        for widget in (self.list_box, self.unit_box, self.leader_box, self.colour_box):
            layout.addWidget(widget)
        layout.addWidget(self.search, 1)
        layout.addWidget(self.clear_button)
        layout.addWidget(self.count_label)
        # A keystroke filters after a short pause, so fast typing does not re-filter per letter.
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(150)
        self._typing.timeout.connect(self._emit)
        self.search.textChanged.connect(self._typing.start)
        self.search.returnPressed.connect(self._emit)
        self.clear_button.clicked.connect(self.clear)
        self._ids: dict[QComboBox, dict[str, object]] = {}

    def _combo(self, tip: str, width: int) -> QComboBox:
        box = QComboBox()
        box.setToolTip(tip)
        box.setMinimumWidth(width)
        box.currentIndexChanged.connect(self._emit)
        return box

    def set_choices(self, chart: WallChart, naming: ColourNaming) -> None:
        """Offer the lists, units and leaders that occur in `chart`; restore the saved choice."""
        self._loading = True
        lists = {group.name: group.list_id for group in chart.groups}
        units: dict[str, object] = {}
        leaders: dict[str, object] = {}
        for row in chart.rows:
            if row.unit:
                units.setdefault(row.unit, row.filter_fields.lead_unit_id)
            if row.leader:
                leaders.setdefault(row.leader, row.filter_fields.leader_id)
        colours = {
            colour_label(c, naming): c for c in (Colour.RED, Colour.YELLOW, Colour.OK, Colour.DONE)
        }
        for box, choices, label in (
            (self.list_box, lists, "全部清单"),
            (self.unit_box, dict(sorted(units.items())), "全部责任单位"),
            (self.leader_box, dict(sorted(leaders.items())), "全部包联领导"),
            (self.colour_box, colours, "全部预警"),
        ):
            box.clear()
            box.addItem(label)
            box.addItems(list(choices))
            self._ids[box] = dict(choices)
        self._restore()
        self._loading = False

    def current(self) -> ProjectFilter:
        """The filter the bar shows now."""

        def chosen(box: QComboBox) -> frozenset[object]:
            value = self._ids.get(box, {}).get(box.currentText())
            return frozenset() if box.currentIndex() <= 0 or value is None else frozenset({value})

        return ProjectFilter(
            list_ids=chosen(self.list_box),  # type: ignore[arg-type]
            unit_ids=chosen(self.unit_box),  # type: ignore[arg-type]
            leader_ids=chosen(self.leader_box),  # type: ignore[arg-type]
            colours=chosen(self.colour_box),  # type: ignore[arg-type]
            search=self.search.text(),
        )

    def clear(self) -> None:
        """Show every project."""
        self._loading = True
        for box in (self.list_box, self.unit_box, self.leader_box, self.colour_box):
            box.setCurrentIndex(0)
        self.search.clear()
        self._loading = False
        self._emit()

    def show_count(self, shown: int, total: int) -> None:
        """显示 N / M 个项目."""
        self.count_label.setText(f"显示 {shown} / {total} 个项目")

    def _emit(self) -> None:
        if self._loading:
            return
        self._typing.stop()
        self._save()
        self.filter_changed.emit(self.current())

    def _save(self) -> None:
        state = {
            "list": self._text(self.list_box),
            "unit": self._text(self.unit_box),
            "leader": self._text(self.leader_box),
            "colour": self._text(self.colour_box),
            "search": self.search.text(),
        }
        self._settings.set(PROJECT_FILTER, json.dumps(state, ensure_ascii=False))

    def _restore(self) -> None:
        try:
            state = json.loads(self._settings.get(PROJECT_FILTER) or "{}")
        except ValueError:
            state = {}
        for box, key in (
            (self.list_box, "list"),
            (self.unit_box, "unit"),
            (self.leader_box, "leader"),
            (self.colour_box, "colour"),
        ):
            index = box.findText(state.get(key) or "")
            box.setCurrentIndex(index if index > 0 else 0)
        self.search.setText(state.get("search", ""))

    @staticmethod
    def _text(box: QComboBox) -> str:
        return box.currentText() if box.currentIndex() > 0 else ""
