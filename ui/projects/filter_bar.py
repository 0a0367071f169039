"""The filter bar shared by 项目卡片 and 挂图作战: list, unit, leader, colour, stage, level."""

from __future__ import annotations

import json
from collections.abc import Iterable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.projects.filter import FilterFields, ProjectFilter
from app.schedule.wall_chart_model import WallChart
from app.schedule.warning_colours import Colour, ColourNaming, colour_label
from db.enums import ProjectLevel, Stage
from ui.settings.keys import PROJECT_FILTER, Key, Settings


class ProjectFilterBar(QWidget):
    """Combos and a search box; remembers the choice (by names) between runs."""

    filter_changed = Signal(object)  # ProjectFilter

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        key: Key[str] = PROJECT_FILTER,
        full: bool = False,
    ) -> None:
        """`full` adds stage, level and "has open problems" (项目卡片); `key` keeps the choice."""
        super().__init__(parent)
        self._settings = settings
        self._key = key
        self._full = full
        self._loading = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list_box = self._combo("清单", 150)
        self.unit_box = self._combo("责任单位", 120)
        self.leader_box = self._combo("包联领导", 116)
        self.colour_box = self._combo("预警", 80)
        self.stage_box = self._combo("阶段", 80)
        self.level_box = self._combo("级别", 80)
        self.problems_check = QCheckBox("有未办结问题")
        self.problems_check.toggled.connect(self._emit)
        self._boxes = [self.list_box, self.unit_box, self.leader_box, self.colour_box]
        if full:
            self._boxes += [self.stage_box, self.level_box]
        else:
            for widget in (self.stage_box, self.level_box, self.problems_check):
                widget.hide()
        self.search = self._search_box()
        self.clear_button = QPushButton("清除筛选")
        # A figure's projects opened from 总览: shown as a chip until cleared.
        self.pinned: tuple[str, frozenset[int]] | None = None
        self.pinned_button = QPushButton()
        self.pinned_button.setObjectName("pinnedFilter")
        self.pinned_button.setToolTip("点击取消，显示全部项目")
        self.pinned_button.setVisible(False)
        self.pinned_button.clicked.connect(self.unpin)
        self.count_label = QLabel()
        self.count_label.setObjectName("cardLabel")
        for widget in self._boxes:
            layout.addWidget(widget)
        if full:
            layout.addWidget(self.problems_check)
            self.search.setMinimumWidth(180)
        layout.addWidget(self.search, 1)
        layout.addWidget(self.pinned_button)
        layout.addWidget(self.clear_button)
        layout.addWidget(self.count_label)
        self.clear_button.clicked.connect(self.clear)
        self._ids: dict[QComboBox, dict[str, object]] = {}

    def _search_box(self) -> QLineEdit:
        """The search box: Enter filters at once, typing after a pause."""
        search = QLineEdit()
        search.setPlaceholderText("搜索名称、代码、业主单位（支持拼音首字母）")
        search.setClearButtonEnabled(True)
        search.setMinimumWidth(260)
        # A keystroke filters after a short pause, so fast typing does not re-filter per letter.
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(150)
        self._typing.timeout.connect(self._emit)
        search.textChanged.connect(self._typing.start)
        search.returnPressed.connect(self._emit)
        return search

    def _combo(self, tip: str, width: int) -> QComboBox:
        box = QComboBox()
        box.setToolTip(tip)
        box.setMinimumWidth(width)
        box.currentIndexChanged.connect(self._emit)
        return box

    def set_choices(self, chart: WallChart, naming: ColourNaming) -> None:
        """Offer the lists, units and leaders that occur in `chart`; restore the saved choice."""
        lists = {group.name: group.list_id for group in chart.groups}
        rows = ((row.unit, row.leader, row.filter_fields) for row in chart.rows)
        self.offer(lists, rows, naming)

    def offer(
        self,
        lists: dict[str, int],
        rows: Iterable[tuple[str | None, str | None, FilterFields]],
        naming: ColourNaming,
    ) -> None:
        """Offer `lists` and the units and leaders of `rows`; restore the saved choice."""
        self._loading = True
        units: dict[str, object] = {}
        leaders: dict[str, object] = {}
        for unit, leader, fields in rows:
            if unit:
                units.setdefault(unit, fields.lead_unit_id)
            if leader:
                leaders.setdefault(leader, fields.leader_id)
        colours = {
            colour_label(c, naming): c for c in (Colour.RED, Colour.YELLOW, Colour.OK, Colour.DONE)
        }
        for box, choices, label in (
            (self.list_box, dict(lists), "全部清单"),
            (self.unit_box, dict(sorted(units.items())), "全部责任单位"),
            (self.leader_box, dict(sorted(leaders.items())), "全部包联领导"),
            (self.colour_box, colours, "全部预警"),
            (self.stage_box, {s.value: s.value for s in Stage}, "全部阶段"),
            (self.level_box, {v.value: v.value for v in ProjectLevel}, "全部级别"),
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
            stages=chosen(self.stage_box) if self._full else frozenset(),  # type: ignore[arg-type]
            levels=chosen(self.level_box) if self._full else frozenset(),  # type: ignore[arg-type]
            only_with_open_problems=self._full and self.problems_check.isChecked(),
            search=self.search.text(),
            project_ids=self.pinned[1] if self.pinned else None,
        )

    def pin(self, what: str, project_ids: frozenset[int] | None) -> None:
        """Show only `project_ids` (labelled `what`), every other choice cleared; None: all."""
        self._reset_choices()
        self.pinned = (what, project_ids) if project_ids is not None else None
        self.pinned_button.setText(
            f"仅显示：{what}（{len(project_ids)} 个） ✕" if project_ids is not None else ""
        )
        self.pinned_button.setVisible(project_ids is not None)
        self._emit()

    def unpin(self) -> None:
        """Drop the pinned projects."""
        self.pinned = None
        self.pinned_button.setVisible(False)
        self._emit()

    def clear(self) -> None:
        """Show every project."""
        self.pinned = None
        self.pinned_button.setVisible(False)
        self._reset_choices()
        self._emit()

    def _reset_choices(self) -> None:
        """Every combo to 全部, the check off, the search empty (without emitting)."""
        self._loading = True
        for box in self._boxes:
            box.setCurrentIndex(0)
        self.problems_check.setChecked(False)
        self.search.clear()
        self._loading = False

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
        state = self._stored()
        state |= {
            "list": self._text(self.list_box),
            "unit": self._text(self.unit_box),
            "leader": self._text(self.leader_box),
            "colour": self._text(self.colour_box),
            "search": self.search.text(),
        }
        if self._full:  # the chart's bar leaves the cards' extra choices as they were
            state |= {
                "stage": self._text(self.stage_box),
                "level": self._text(self.level_box),
                "problems": self.problems_check.isChecked(),
            }
        self._settings.set(self._key, json.dumps(state, ensure_ascii=False))

    def _stored(self) -> dict[str, object]:
        try:
            state = json.loads(self._settings.get(self._key) or "{}")
        except ValueError:
            return {}
        return state if isinstance(state, dict) else {}

    def _restore(self) -> None:
        state = self._stored()
        for box, key in (
            (self.list_box, "list"),
            (self.unit_box, "unit"),
            (self.leader_box, "leader"),
            (self.colour_box, "colour"),
            (self.stage_box, "stage"),
            (self.level_box, "level"),
        ):
            index = box.findText(str(state.get(key) or ""))
            box.setCurrentIndex(index if index > 0 else 0)
        self.problems_check.setChecked(bool(state.get("problems")) and self._full)
        self.search.setText(str(state.get("search") or ""))

    @staticmethod
    def _text(box: QComboBox) -> str:
        return box.currentText() if box.currentIndex() > 0 else ""
