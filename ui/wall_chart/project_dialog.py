"""One project's own chart, with dependency arrows (opened by clicking a row of the wall chart)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.schedule.wall_chart_model import ChartRow, WallChart
from app.schedule.warning_colours import ColourNaming, colour_label
from app.values.date_format import chinese_month_day
from ui.wall_chart.view import WallChartView


def _milestones_text(row: ChartRow) -> str:
    """Each milestone's dates, state and slack (机动), in one line under the chart."""
    lines = []
    for m in row.milestones:
        slack = "—" if m.slack is None else f"{m.slack} 天"
        lines.append(
            f"{m.name}：{chinese_month_day(m.start)}—{chinese_month_day(m.finish)}，"
            f"{m.state.value}，机动 {slack}"
        )
    return "；".join(lines)


class ProjectChartDialog(QDialog):
    """The selected project's milestones, dates, colours and links."""

    def __init__(
        self,
        chart: WallChart,
        project_id: int,
        naming: ColourNaming,
        parent: QWidget | None = None,
        on_edit: Callable[[int], None] | None = None,
        on_problems: Callable[[int, bool], None] | None = None,
        on_supervise: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(parent)
        group = next(g for g in chart.groups if any(r.project_id == project_id for r in g.rows))
        row = next(r for r in group.rows if r.project_id == project_id)
        self.setWindowTitle(f"{row.name} - 节点计划")
        self.resize(1100, 380)
        layout = QVBoxLayout(self)
        summary = QLabel(
            f"<b>{row.name}</b>　{group.name}　责任单位：{row.unit or '—'}　"
            f"包联领导：{row.leader or '—'}　预警：{colour_label(row.colour, naming)}"
        )
        layout.addWidget(summary)
        single = replace(chart, groups=(replace(group, rows=(row,)),))
        self.view = WallChartView(self, arrows=True)
        self.view.set_chart(single, naming)
        layout.addWidget(self.view, 1)
        detail = QLabel(_milestones_text(row))
        detail.setWordWrap(True)
        layout.addWidget(detail)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        if on_problems is not None:
            problems = buttons.addButton("问题台账…", QDialogButtonBox.ButtonRole.ActionRole)
            add = buttons.addButton("新增问题…", QDialogButtonBox.ButtonRole.ActionRole)

            def to_ledger(adding: bool) -> None:
                self.accept()
                on_problems(project_id, adding)

            problems.clicked.connect(lambda: to_ledger(False))
            add.clicked.connect(lambda: to_ledger(True))
        if on_supervise is not None:
            supervise = buttons.addButton("督办…", QDialogButtonBox.ButtonRole.ActionRole)
            supervise.clicked.connect(lambda: on_supervise(project_id))
        if on_edit is not None:
            self.edit_button = buttons.addButton(
                "编辑节点…", QDialogButtonBox.ButtonRole.ActionRole
            )

            def edit() -> None:
                self.accept()
                on_edit(project_id)

            self.edit_button.clicked.connect(edit)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:  # Qt's name
        """Zoom to the project's milestones once the view has its size."""
        super().showEvent(event)
        row = self.view.chart.rows[0] if self.view.chart else None
        if row and row.milestones:
            first = min(m.start for m in row.milestones)
            last = max(m.earliest_finish or m.finish for m in row.milestones)
            days = max((last - first).days + 20, 30)
            width = self.view.viewport().width() - (
                self.view.geometry_.frozen_width if self.view.geometry_ else 0
            )
            self.view.set_zoom(max(width, 200) / days)
            self.view.scroll_to_date(first - dt.timedelta(days=7))
