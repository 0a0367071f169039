"""总览: the campaign's countdown, its headline figures against their targets, and 今日待办."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPaintEvent, QShowEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.campaign.countdown import countdown_text
from app.infra.changes import EVERYTHING, Change, Changes
from app.schedule.warning_colours import Colour, ColourNaming, colour_hex, colour_label
from app.statistics.rates import rate
from app.values.date_format import chinese_date
from ui.campaign.start_panel import StartPanel
from ui.campaign.todo_panel import TodoPanel
from ui.settings.keys import Settings
from ui.shell.bus import ChangeBus
from ui.shell.pages import PageSpec
from ui.statistics.headline_tiles import HEADLINE, show_headline
from ui.widgets.figure_tile import BEHIND, FigureTile
from ui.widgets.page_header import page_header

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.campaign.overview import CampaignSummary
    from app.infra.database import Database
    from app.projects.cards import ProjectCard
    from app.statistics.month_facts import ProjectFacts
    from app.statistics.month_statistics import MonthStatistics

COLUMNS = 4


class OverviewPage(QWidget):
    """Campaign, countdown and list sizes at once; the figures right after the first paint."""

    watched: Changes = EVERYTHING - {Change.PROFILES}

    def __init__(
        self,
        spec: PageSpec,
        settings: Settings | None = None,
        bus: ChangeBus | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self._settings = settings
        self._bus = bus or ChangeBus(self)
        self._database: Database | None = None
        self.colour_counts: dict[Colour, int] = {}
        self.stats: MonthStatistics | None = None
        self._figures_pending = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(page_header(spec))
        self.campaign_label = QLabel()
        self.campaign_label.setObjectName("pageTitle")
        self.campaign_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.period_label = QLabel()
        self.period_label.setObjectName("pageSubtitle")
        self.lists_label = QLabel()
        self.lists_label.setObjectName("pageSubtitle")
        self.lists_label.setWordWrap(True)
        for label in (self.campaign_label, self.period_label, self.lists_label):
            layout.addWidget(label)
        self.start_panel = StartPanel(self._bus)
        self.start_panel.setVisible(False)
        layout.addWidget(self.start_panel, 1)
        row = QHBoxLayout()
        row.setSpacing(16)
        left = QVBoxLayout()
        self.as_of_label = QLabel()
        self.as_of_label.setObjectName("cardLabel")
        self.as_of_label.setWordWrap(True)
        left.addWidget(self.as_of_label)
        self.tiles_box = self._tiles_box()
        left.addWidget(self.tiles_box)
        left.addStretch(1)
        row.addLayout(left, 3)
        self.todo = TodoPanel(self._bus)
        self.todo.setVisible(False)
        row.addWidget(self.todo, 2)
        layout.addLayout(row, 1)
        self.summary: CampaignSummary | None = None
        self._behind: dict[str, tuple[str, frozenset[int] | None]] = {}
        self._stale = False
        self._bus.changed.connect(self._on_changed)

    def _tiles_box(self) -> QWidget:
        """The figure tiles, four to a row; a click opens what a tile counts."""
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(12)
        self.tiles: dict[str, FigureTile] = {}
        for index, (key, caption) in enumerate(
            (
                ("projects", "重点项目（个）"),
                *HEADLINE,
                ("red", "红色预警项目（个）"),
                ("yellow", "黄色预警项目（个）"),
                ("open", "未办结问题（个）"),
                ("overdue", "超期未解决问题（个）"),
            )
        ):
            tile = FigureTile(caption, clickable=True)
            tile.clicked.connect(lambda k=key: self.open_tile(k))
            self.tiles[key] = tile
            grid.addWidget(tile, index // COLUMNS, index % COLUMNS)
        for column in range(COLUMNS):
            grid.setColumnStretch(column, 1)
        return box

    def _on_changed(self, changes: Changes) -> None:
        """Every figure here depends on nearly everything: read again now, or when next shown."""
        if not changes & self.watched:
            return
        if self.isVisible():
            self.set_database(self._database)
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # Qt's name
        """Read what changed while the page was hidden."""
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.set_database(self._database)

    def set_database(self, database: Database | None) -> None:
        """Re-read the summary from `database`; the figures follow after the paint."""
        from app.campaign.overview import CampaignSummary, summarise

        self._database = database
        self.colour_counts = {}
        self.stats = None
        if database is None:
            self.summary = CampaignSummary()
        else:
            with database.reading() as session:
                self.summary = summarise(session, self._bus.campaign_id, dt.date.today())
        self._show(self.summary)
        # The figures read every report and milestone: after the page has painted, not before.
        self._figures_pending = database is not None and self.summary.campaign_name is not None
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt's name
        """Paint; the first paint with a database starts reading the figures."""
        super().paintEvent(event)
        if self._figures_pending:
            self._figures_pending = False
            QTimer.singleShot(0, self.show_figures)

    def _show(self, summary: CampaignSummary) -> None:
        has_campaign = summary.campaign_name is not None
        self.tiles_box.setVisible(has_campaign)
        self.as_of_label.setVisible(has_campaign)
        self.start_panel.setVisible(not has_campaign)
        for label in (self.campaign_label, self.period_label, self.lists_label):
            label.setVisible(has_campaign)
        if summary.campaign_name is None or summary.start is None or summary.end is None:
            for label in (self.campaign_label, self.period_label, self.lists_label):
                label.setText("")
            self.start_panel.show_for(self._database is not None)
            self.todo.setVisible(False)
            return
        self.campaign_label.setText(summary.campaign_name)
        countdown = countdown_text(summary.start, summary.end, dt.date.today())
        self.period_label.setText(
            f"{chinese_date(summary.start)} — {chinese_date(summary.end)}　　{countdown}"
        )
        self.lists_label.setText(
            f"重点项目 {summary.projects} 个："
            + "　".join(f"{name} {count}" for name, count in summary.per_list)
            if summary.per_list
            else "还没有项目清单：在“设置 → 攻坚行动”中勾选清单。"
        )
        self.tiles["projects"].set_value(str(summary.projects))
        self.tiles["open"].set_value(str(summary.open_problems))
        self.tiles["overdue"].set_value(
            str(summary.overdue_problems), "", BEHIND if summary.overdue_problems else None
        )
        for key, tile in self.tiles.items():
            if key not in ("projects", "open", "overdue"):
                tile.set_value("…")

    def show_figures(self) -> None:
        """Read the latest reported month's figures and today's 待办."""
        from app.campaign.today_todo import today_todo
        from app.projects.cards import load_cards
        from app.schedule.wall_chart import default_as_of
        from app.schedule.warning_colours import WarningSettings
        from app.statistics.month_statistics import default_month, month_statistics

        if self._database is None:
            return
        settings = self._settings.warning_settings() if self._settings else WarningSettings()
        campaign_id = self._bus.campaign_id
        with self._database.reading() as session:
            month = default_month(session, campaign_id, dt.date.today())
            self.stats = month_statistics(session, campaign_id, month, settings)
            as_of = default_as_of(session, campaign_id, dt.date.today())
            todo = today_todo(session, campaign_id, as_of, limit=5)
            # Warning colours as the cards and the chart show them: as of the same day.
            cards = load_cards(session, campaign_id, as_of, settings)
        if self.stats is not None:
            self._show_figures(self.stats, settings.naming, cards.cards, as_of)
        self.todo.show_todo(todo)
        self.todo.setVisible(True)

    def _show_figures(
        self,
        stats: MonthStatistics,
        naming: ColourNaming,
        cards: list[ProjectCard],
        as_of: dt.date,
    ) -> None:
        total, facts = stats.total, stats.facts
        self.colour_counts = {c: 0 for c in Colour}
        for card in cards:
            self.colour_counts[card.colour] += 1
        self.as_of_label.setText(as_of_text(stats, as_of, dt.date.today()))
        day, month = facts.day, stats.month.month

        def ids(keep: Callable[[ProjectFacts], object]) -> frozenset[int]:
            return frozenset(p.id for p in facts.projects if keep(p))

        def behind(p: ProjectFacts) -> bool:
            completion = rate(p.completed(month), p.annual_plan)
            return completion is not None and completion < facts.year_elapsed

        self._behind = {
            "projects": ("全部项目", None),
            "completion": ("投资完成率低于序时进度的项目", ids(behind)),
            "gap": ("投资完成率低于序时进度的项目", ids(behind)),
            "campaign": ("全部项目", None),
            "start": (
                "应开工未开工的项目",
                ids(lambda p: p.due_to_start(day) and not p.started(day)),
            ),
            "production": (
                "应竣工未投产的项目",
                ids(lambda p: p.due_to_finish(day) and not p.finished(day)),
            ),
            "bond": ("专项债项目", ids(lambda p: p.bond_issued)),
            "red": (
                f"{colour_label(Colour.RED, naming)}色预警项目",
                frozenset(c.id for c in cards if c.colour is Colour.RED),
            ),
            "yellow": (
                f"{colour_label(Colour.YELLOW, naming)}色预警项目",
                frozenset(c.id for c in cards if c.colour is Colour.YELLOW),
            ),
        }
        self.tiles["projects"].set_value(str(total.projects), f"{len(stats.by_list)} 张清单")
        show_headline(self.tiles, stats)
        red, yellow = self.colour_counts[Colour.RED], self.colour_counts[Colour.YELLOW]
        self.tiles["red"].set_value(str(red), "", colour_hex(Colour.RED, naming))
        self.tiles["yellow"].set_value(str(yellow), "", colour_hex(Colour.YELLOW, naming))

    def open_tile(self, key: str) -> None:
        """Open what is behind a figure: its projects on 项目卡片, or its problems."""
        if key in ("open", "overdue"):
            self._bus.show_open_problems.emit(key == "overdue")
            return
        what, ids = self._behind.get(key, ("全部项目", None))
        self._bus.show_projects.emit(what, ids)


def as_of_text(stats: MonthStatistics, as_of: dt.date, today: dt.date) -> str:
    """Which day each figure is as of: reports by month, warnings and problems by day."""
    facts = stats.facts
    reported = sorted({m for p in facts.projects for m in p.reports if m <= stats.month.month})
    if reported:
        latest = "本月" if reported[-1] == stats.month.month else f"{reported[-1]}月"
        figures = (
            f"投资、开复工和投产数字按{stats.month.label}统计，截至 {chinese_date(facts.day)}"
            f"（最近一次月度填报：{latest}）"
        )
    else:
        figures = "还没有月度填报：投资完成率等在“项目卡片 → 月度填报”填报后显示"
    day = "今天" if as_of == today else "攻坚结束日"
    return (
        f"{figures}；预警截至{day} {chinese_date(as_of)}，问题按今天的状态统计。"
        "点击数字查看对应的项目或问题。"
    )
