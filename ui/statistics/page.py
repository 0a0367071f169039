"""统计通报: the month's rates, tables by list, unit (ranked) and leader, charts, and 月通报."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.infra.changes import Change
from app.infra.gc_pause import gc_paused
from app.statistics.rates import Month
from app.statistics.table_columns import (
    FigureColumn,
    leader_columns,
    list_columns,
    unit_columns,
)
from app.values.date_format import chinese_date
from ui.settings.keys import OFFICE_NAME, Settings
from ui.shell.bus import ChangeBus
from ui.shell.data_page import DataPage
from ui.shell.operation import LongOperation
from ui.shell.pages import PageSpec
from ui.statistics.figures_model import FiguresModel, TotalLastProxy
from ui.statistics.headline_tiles import HEADLINE, show_headline
from ui.widgets.figure_tile import BEHIND, FigureTile
from ui.widgets.file_dialogs import choose_folder
from ui.widgets.month_picker import MonthPicker
from ui.widgets.page_header import page_header
from ui.widgets.saved_files import show_saved
from ui.widgets.shared_month import follow_shared_month, remember_month

if TYPE_CHECKING:
    from app.statistics.month_statistics import MonthStatistics
    from ui.bulletin.make import BulletinFiles
    from ui.statistics.chart_canvas import StatisticsChart


class StatisticsPage(DataPage):
    """Pick a month; read the figures from the stored reports; show tables and charts."""

    watched = frozenset(
        {
            Change.CAMPAIGN,
            Change.PROJECTS,
            Change.REPORTS,
            Change.PROBLEMS,
            Change.MILESTONES,
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
        self.stats: MonthStatistics | None = None
        self._columns_fitted = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 16)
        layout.setSpacing(10)
        layout.addWidget(page_header(spec))
        layout.addLayout(self._toolbar())
        layout.addLayout(self._tiles())
        self.flags_label = QLabel()
        self.flags_label.setObjectName("flags")
        self.flags_label.setStyleSheet(f"color: {BEHIND}; font-weight: bold;")
        self.flags_label.setWordWrap(True)
        self.flags_label.setVisible(False)
        layout.addWidget(self.flags_label)
        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        self.tabs = QTabWidget()
        self.models: dict[str, FiguresModel] = {}
        self.views: dict[str, QTableView] = {}
        for key, title, columns in (
            ("list", "分清单", list_columns()),
            ("unit", "分单位排名", unit_columns()),
            ("leader", "分包联领导", leader_columns()),
        ):
            self.tabs.addTab(self._table(key, columns), title)
        splitter.addWidget(self.tabs)
        self.charts_box = QWidget()
        self._charts_layout = QHBoxLayout(self.charts_box)
        self._charts_layout.setContentsMargins(0, 0, 0, 0)
        self.charts: list[StatisticsChart] = []
        splitter.addWidget(self.charts_box)
        self.charts_box.setMinimumHeight(230)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("pageSubtitle")
        self.empty_label.setVisible(False)
        layout.addWidget(self.empty_label)

    # ----- building ----------------------------------------------------------------------
    def _toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel("统计月份："))
        self.month_picker = MonthPicker()
        self.month_picker.changed.connect(self._month_chosen)
        row.addWidget(self.month_picker)
        self.as_of_label = QLabel()
        self.as_of_label.setObjectName("pageSubtitle")
        row.addWidget(self.as_of_label)
        row.addStretch(1)
        self.bulletin_button = QPushButton("生成月通报…")
        self.bulletin_button.setToolTip("把本月的统计表（Excel）与公文式通报（A4 PDF）保存到文件夹")
        self.bulletin_button.clicked.connect(lambda: self.make_bulletin())
        row.addWidget(self.bulletin_button)
        return row

    def _tiles(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(10)
        self.tiles: dict[str, FigureTile] = {}
        for key, caption in (
            *HEADLINE,
            ("warnings", "红色 / 黄色预警项目"),
            ("problems", "超期 / 未解决问题"),
        ):
            tile = FigureTile(caption, compact=True)
            self.tiles[key] = tile
            row.addWidget(tile, 1)
        return row

    def _table(self, key: str, columns: list[FigureColumn]) -> QTableView:
        model = FiguresModel(columns)
        proxy = TotalLastProxy(model)
        view = QTableView()
        view.setModel(proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        view.setAlternatingRowColors(True)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(26)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setMinimumSectionSize(56)
        view.setObjectName(f"{key}Table")
        self.models[key] = model
        self.views[key] = view
        return view

    def _ensure_charts(self) -> None:
        # matplotlib is imported when the page first shows figures, not at start-up.
        if self.charts:
            return
        from app.statistics import charts
        from ui.statistics.chart_canvas import StatisticsChart

        for draw in (
            charts.draw_completion_by_list,
            charts.draw_investment_series,
            charts.draw_problems,
        ):
            chart = StatisticsChart(draw, self.charts_box)
            self.charts.append(chart)
            self._charts_layout.addWidget(chart, 1)

    # ----- data --------------------------------------------------------------------------
    def database_changed(self, database: object) -> None:
        """Another database: show its latest reported month."""
        self._columns_fitted = False
        if self._database is not None:
            follow_shared_month(self.month_picker, self._settings, self._database, self.campaign_id)

    def showEvent(self, event: QShowEvent) -> None:  # Qt's name
        """Show the month the other pages show (the clerk may have chosen one there)."""
        if self._database is not None and follow_shared_month(
            self.month_picker, self._settings, self._database, self.campaign_id
        ):
            self._stale = True
        super().showEvent(event)

    def _month_chosen(self) -> None:
        if self._database is not None:
            remember_month(
                self._settings, self._database, self.campaign_id, *self.month_picker.month()
            )
        self.refresh()

    def chosen_month(self) -> Month:
        """The month picked."""
        return Month(*self.month_picker.month())

    def reload(self) -> None:
        """Compute the chosen month's statistics and show them."""
        from app.statistics.month_statistics import month_statistics

        assert self._database is not None
        with gc_paused(), self._database.reading() as session:
            self.stats = month_statistics(
                session, self.campaign_id, self.chosen_month(), self._settings.warning_settings()
            )
            self._show(self.stats)

    def _show(self, stats: MonthStatistics | None) -> None:
        has = stats is not None
        for widget in (self.tabs, self.charts_box, self.bulletin_button):
            widget.setEnabled(has)
        self.empty_label.setVisible(not has)
        if stats is None:
            self.empty_label.setText(
                "还没有攻坚行动：请在“总览”页或菜单“攻坚行动 → 新建攻坚行动”中新建。"
            )
            for model in self.models.values():
                model.set_figures([], None)
            return
        self.as_of_label.setText(
            f"截至 {chinese_date(stats.facts.day)}　年度序时进度 {stats.facts.year_elapsed}%"
            f"　攻坚行动已过 {stats.facts.campaign_elapsed}%"
        )
        self.models["list"].set_figures(stats.by_list, stats.total)
        self.models["unit"].set_figures(stats.by_unit, stats.total)
        self.models["leader"].set_figures(stats.by_leader, stats.total)
        if not self._columns_fitted:
            # Once: widths fitted to the first month suit the others, and measuring every cell
            # again on each month change was a tenth of the page's time.
            for view in self.views.values():
                view.resizeColumnsToContents()
            self._columns_fitted = True
        self._show_tiles(stats)
        flags = [f"{flag.unit}：{flag.text}" for flag in stats.last_places]
        self.flags_label.setText("连续末位：" + "；".join(flags) if flags else "")
        self.flags_label.setVisible(bool(flags))
        if not self.charts:
            # First figures: share the height between tables and charts about evenly.
            height = max(self.splitter.height(), 400)
            self.splitter.setSizes([height * 11 // 20, height * 9 // 20])
        self._ensure_charts()
        for chart in self.charts:
            chart.show_statistics(stats)

    def _show_tiles(self, stats: MonthStatistics) -> None:
        total = stats.total

        show_headline(self.tiles, stats)
        self.tiles["warnings"].set_value(
            f"{total.red} / {total.yellow}", "", BEHIND if total.red else None
        )
        self.tiles["problems"].set_value(
            f"{total.overdue_problems} / {total.open_problems}",
            "",
            BEHIND if total.overdue_problems else None,
        )

    # ----- 月通报 -------------------------------------------------------------------------
    def make_bulletin(self, folder: Path | None = None) -> LongOperation[BulletinFiles] | None:
        """生成月通报…: choose a folder, then write the workbook and the PDF off the window's
        thread, with progress and 取消."""
        from ui.bulletin.make import make_bulletin

        if self.stats is None or self._database is None:
            return None
        if folder is None:
            folder = choose_folder(self, self._settings, "选择保存月通报的文件夹")
            if folder is None:
                return None
        stats, chosen = self.stats, folder
        office = self._settings.get(OFFICE_NAME)  # the campaign's own name comes first
        operation = LongOperation(
            self,
            self._bus,
            self._database,
            lambda _session, progress: make_bulletin(
                stats, chosen, dt.date.today(), progress, office=office
            ),
            what="生成月通报",
            title=f"正在生成{stats.month.label}通报…",
            error_title="无法生成通报",
        )
        operation.on_success(lambda files: self._bulletin_made(files, chosen))
        return operation.start()

    def _bulletin_made(self, files: BulletinFiles, folder: Path) -> None:
        self.last_bulletin = files
        assert self.stats is not None
        show_saved(
            self,
            "月通报已生成",
            f"已生成{self.stats.month.label}通报（PDF {files.pages} 页）：\n"
            f"{files.workbook.name}\n{files.pdf.name}\n\n保存在：{folder}",
            files.pdf,
        )
