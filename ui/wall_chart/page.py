"""挂图作战 page: the wall chart, its toolbar, shared filters, undoable drags, print and export."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.infra.changes import Change
from app.projects.filter import ProjectFilter
from app.schedule.wall_chart_model import ChartMilestone, WallChart
from app.values.date_format import chinese_date
from ui.projects.filter_bar import ProjectFilterBar
from ui.settings.keys import CHART_ZOOM, OFFICE_NAME, Settings
from ui.shell.bus import ChangeBus
from ui.shell.data_page import DataPage
from ui.shell.operation import Performer
from ui.shell.pages import PageSpec
from ui.shell.toolbar import add_button
from ui.wall_chart.commands import edit_milestone
from ui.wall_chart.view import WallChartView
from ui.widgets.page_header import page_header

if TYPE_CHECKING:
    from app.infra.database import Database
    from app.schedule.milestone_edits import MilestoneDates


class ChartPage(DataPage):
    """The campaign's wall chart."""

    watched = frozenset(
        {
            Change.CAMPAIGN,
            Change.PROJECTS,
            Change.MILESTONES,
            Change.REPORTS,
            Change.HOLIDAYS,
            Change.ORGANISATION,
            Change.PREFERENCES,
        }
    )

    def __init__(
        self,
        spec: PageSpec,
        settings: Settings,
        bus: ChangeBus,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(bus, parent)
        self.spec = spec
        self._settings = settings
        self._undo = bus.history
        self.full_chart: WallChart | None = None
        self._filter = ProjectFilter()
        self._first_show = True
        self._wanted_finish: dt.date | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 10)
        layout.setSpacing(8)
        layout.addWidget(page_header(spec))
        layout.addLayout(self._toolbar())
        self.filter_bar = ProjectFilterBar(settings)
        layout.addWidget(self.filter_bar)
        self.view = WallChartView()
        self.view.px_per_day = settings.get(CHART_ZOOM)
        layout.addWidget(self.view, 1)
        self.note = QLabel(
            "双击一行打开项目的节点计划；拖动节点条改目标日期，拖动右端改工期；Ctrl+Z 撤销。"
        )
        self.note.setObjectName("cardLabel")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)

        self.zoom_in_button.clicked.connect(self.view.zoom_in)
        self.zoom_out_button.clicked.connect(self.view.zoom_out)
        self.fit_button.clicked.connect(self.view.fit_campaign)
        self.as_of_button.clicked.connect(self._centre_as_of)
        self.edit_button.clicked.connect(self._edit_selected)
        self.print_button.clicked.connect(self.print_chart)
        self.export_button.clicked.connect(self.export_chart)
        self.as_of_edit.dateChanged.connect(lambda _d: self.reload())
        self.filter_bar.filter_changed.connect(self._apply_filter)
        self.view.milestone_dragged.connect(self._on_drag)
        self.view.project_activated.connect(self.open_project)
        self.view.zoom_changed.connect(lambda z: settings.set(CHART_ZOOM, z))
        for keys, slot in (
            ("Ctrl+=", self.view.zoom_in),
            ("Ctrl++", self.view.zoom_in),
            ("Ctrl+-", self.view.zoom_out),
            ("Ctrl+0", self.view.fit_campaign),
            ("Ctrl+P", self.print_chart),
            ("Ctrl+E", self.export_chart),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def _toolbar(self) -> QHBoxLayout:
        """截至, zoom, 编辑节点 on the left; print and export on the right."""
        tools = QHBoxLayout()
        tools.addWidget(QLabel("截至："))
        self.as_of_edit = QDateEdit()
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("yyyy年MM月dd日")
        self.as_of_edit.setToolTip("按这一天计算预警颜色和今日线")
        tools.addWidget(self.as_of_edit)
        self.zoom_out_button = add_button(tools, "缩小", "缩小（Ctrl+-，或 Ctrl+滚轮）")
        self.zoom_in_button = add_button(tools, "放大", "放大（Ctrl+=，或 Ctrl+滚轮）")
        self.fit_button = add_button(tools, "适合攻坚期", "整个攻坚期铺满宽度（Ctrl+0）")
        self.as_of_button = add_button(tools, "定位到截至日", "把截至日移到中间")
        self.edit_button = add_button(
            tools, "编辑节点…", "编辑所选项目的节点计划（先单击选中一行）"
        )
        tools.addStretch(1)
        self.print_button = add_button(tools, "打印…", "打印预览（Ctrl+P）")
        self.export_button = add_button(tools, "导出 PDF/PNG…", "导出挂图（Ctrl+E）")
        return tools

    # ----- data --------------------------------------------------------------------------
    def database_changed(self, database: Database | None) -> None:
        """Another database: clear the chart and set 截至 to its default for that campaign."""
        self._first_show = True
        self.full_chart = None
        if database is None:
            self.view.chart = None
            self.view.geometry_ = None
            self.view.viewport().update()
            return
        from app.schedule.wall_chart import default_as_of

        with database.reading() as session:
            as_of = default_as_of(session, self.campaign_id, dt.date.today())
        self.as_of_edit.blockSignals(True)
        self.as_of_edit.setDate(QDate(as_of.year, as_of.month, as_of.day))
        self.as_of_edit.blockSignals(False)

    def as_of(self) -> dt.date:
        """The 截至 date chosen."""
        day = self.as_of_edit.date()
        return dt.date(day.year(), day.month(), day.day())

    def reload(self) -> None:
        """Read the chart again (after edits, or another 截至 date), keeping zoom and scroll."""
        if self._database is None:
            return
        from app.schedule.wall_chart import load_wall_chart

        warnings = self._settings.warning_settings()
        with self._database.reading() as session:
            self.full_chart = load_wall_chart(session, self.campaign_id, self.as_of(), warnings)
        self.filter_bar.set_choices(self.full_chart, warnings.naming)
        self._filter = self.filter_bar.current()
        self._show()
        if self.full_chart.notes:
            self.note.setText("；".join(self.full_chart.notes))

    def _apply_filter(self, project_filter: ProjectFilter) -> None:
        self._filter = project_filter
        self._show()

    def _show(self) -> None:
        if self.full_chart is None:
            return
        shown = self.full_chart.filtered(self._filter)
        self.view.set_chart(shown, self._settings.warning_settings().naming)
        self.filter_bar.show_count(len(shown.rows), len(self.full_chart.rows))
        if self._first_show and self.isVisible():
            self._first_show = False
            self._centre_as_of()

    def showEvent(self, event: QShowEvent) -> None:  # Qt's name
        """Read what changed while hidden; the first time, put the 截至 date in the middle."""
        super().showEvent(event)
        if self._first_show and self.full_chart is not None:
            self._first_show = False
            self._centre_as_of()

    def _centre_as_of(self) -> None:
        self.view.scroll_to_date(self.as_of(), centre=True)

    # ----- edits -------------------------------------------------------------------------
    def _find(self, milestone_id: int) -> ChartMilestone | None:
        if self.full_chart is None:
            return None
        for row in self.full_chart.rows:
            for milestone in row.milestones:
                if milestone.id == milestone_id:
                    return milestone
        return None

    def _on_drag(self, milestone_id: int, mode: str, days: int) -> None:
        milestone = self._find(milestone_id)
        if milestone is None or self._database is None:
            return
        perform = Performer(self, self._bus, self._database)
        if mode == "resize":
            new_duration = max(milestone.duration + days, 1)
            command = edit_milestone(
                perform,
                milestone_id,
                "duration",
                milestone.duration,
                new_duration,
                self.as_of(),
                self._after_edit,
                f"修改「{milestone.name}」工期",
            )
        else:
            wanted = milestone.finish + dt.timedelta(days=days)
            self._wanted_finish = wanted
            command = edit_milestone(
                perform,
                milestone_id,
                "target",
                milestone.target,
                wanted,
                self.as_of(),
                self._after_edit,
                f"移动「{milestone.name}」",
            )
        if command is not None:
            self._undo.push(command)

    def _after_edit(self, result: MilestoneDates) -> None:
        wanted, self._wanted_finish = self._wanted_finish, None
        if wanted is not None and result.planned_finish and result.planned_finish < wanted:
            self.note.setText(
                f"该节点受后续节点约束，最晚只能在 {chinese_date(result.planned_finish)} 完成；"
                "要整体推后，请拖动最后一个节点。"
            )

    def open_project(self, project_id: int) -> None:
        """The project's own chart with its dependency arrows."""
        from ui.wall_chart.project_dialog import ProjectChartDialog

        if self.full_chart is None:
            return
        dialog = ProjectChartDialog(
            self.full_chart,
            project_id,
            self._settings.warning_settings().naming,
            self,
            on_edit=self.edit_milestones,
            on_problems=self._bus.show_project_problems.emit,
            on_supervise=self._supervise,
        )
        dialog.exec()

    def focus_project(self, project_id: int) -> None:
        """Select a project's row and bring it into view (filters cleared if they hide it)."""
        if self.full_chart is None:
            return
        geo = self.view.geometry_
        if geo is None or geo.slot_of_project(project_id) is None:
            self.filter_bar.clear()
            geo = self.view.geometry_
        slot = geo.slot_of_project(project_id) if geo else None
        if slot is None:
            return
        self.view.select_project(project_id)
        self.view.verticalScrollBar().setValue(int(slot.top - 3 * slot.height))

    def _supervise(self, project_id: int) -> None:
        from ui.problems.supervision_actions import start_supervision

        if self._database is not None:
            start_supervision(self, self._database, self._bus, project_id=project_id)

    def _edit_selected(self) -> None:
        selected = self.view.options.selected_project
        if selected is None:
            self.note.setText("请先单击选中一个项目，再编辑它的节点。")
            return
        self.edit_milestones(selected)

    def edit_milestones(self, project_id: int) -> None:
        """The milestone editor of a project; the chart follows when it is saved."""
        from ui.schedule.milestone_editor import MilestoneEditorDialog

        if self._database is None:
            return
        editor = MilestoneEditorDialog(
            Performer(self, self._bus, self._database), project_id, self.as_of(), self
        )
        editor.exec()

    # ----- paper -------------------------------------------------------------------------
    def export_chart(self) -> None:
        """导出 PDF/PNG of what is shown (filters apply)."""
        from ui.wall_chart.export_dialog import export_chart

        if self.view.chart is not None:
            export_chart(
                self,
                self.view.chart,
                self._settings,
                self._settings.warning_settings().naming,
                self.office(),
            )

    def print_chart(self) -> None:
        """打印 with a preview."""
        from ui.wall_chart.export_dialog import print_chart

        if self.view.chart is not None:
            print_chart(
                self,
                self.view.chart,
                self._settings,
                self._settings.warning_settings().naming,
                self.office(),
            )

    def office(self) -> str:
        """发文单位 printed under the chart's title (the campaign's, 设置 → 攻坚行动)."""
        from app.campaign.office_name import printout_office

        if self._database is None:
            return ""
        with self._database.reading() as session:
            return printout_office(session, self.campaign_id, self._settings.get(OFFICE_NAME))
