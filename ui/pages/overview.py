"""总览: the campaign at a glance (its lists and problem states) until the statistics arrive."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.countdown import countdown_text
from app.warning_colours import Colour, ColourNaming, WarningSettings, colour_hex, colour_label
from db.enums import ProblemState
from ui.bus import ChangeBus
from ui.pages import PageSpec
from ui.pages.header import page_header
from ui.pages.todo_panel import TodoPanel
from ui.settings import Settings

if TYPE_CHECKING:
    from app.database import Database
    from app.overview import CampaignSummary


def _tile(value: str, label: str) -> tuple[QFrame, QLabel]:
    frame = QFrame()
    frame.setObjectName("card")
    frame.setMinimumHeight(86)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 10, 16, 10)
    number = QLabel(value)
    number.setObjectName("cardValue")
    caption = QLabel(label)
    caption.setObjectName("cardLabel")
    caption.setWordWrap(True)
    layout.addWidget(number)
    layout.addWidget(caption)
    return frame, number


class OverviewPage(QWidget):
    """The first page: campaign name, dates, countdown, list sizes and problem counts."""

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
        self._database: Database | None = None
        self.colour_counts: dict[Colour, int] = {}
        self._colours_pending = False
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(28, 20, 28, 20)
        self._layout.setSpacing(14)
        self._layout.addWidget(page_header(spec))
        self.campaign_label = QLabel()
        self.campaign_label.setObjectName("pageTitle")
        self.campaign_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.period_label = QLabel()
        self.period_label.setObjectName("pageSubtitle")
        self._layout.addWidget(self.campaign_label)
        self._layout.addWidget(self.period_label)
        row = QHBoxLayout()
        row.setSpacing(16)
        self._left = QVBoxLayout()
        self._body = QWidget()
        self._left.addWidget(self._body)
        self._left.addStretch(1)
        row.addLayout(self._left, 3)
        self.todo = TodoPanel(bus or ChangeBus(self))
        self.todo.setVisible(False)
        row.addWidget(self.todo, 2)
        self._layout.addLayout(row, 1)
        self.summary: CampaignSummary | None = None
        self._colour_row: QHBoxLayout | None = None
        self._colour_labels: dict[Colour, QLabel] = {}
        self._colour_heading = QLabel()

    def set_database(self, database: Database | None) -> None:
        """Re-read the summary from `database`."""
        from app.overview import CampaignSummary, summarise

        self._database = database
        self.colour_counts = {}
        if database is None:
            self.summary = CampaignSummary()
        else:
            with database.sessions() as session:
                self.summary = summarise(session)
        self._show(self.summary)
        # Colouring every project reads all milestones: after the page has painted, not before.
        self._colours_pending = database is not None and self.summary.campaign_name is not None
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt's name
        """Paint; the first paint with a database starts counting the colours."""
        super().paintEvent(event)
        if self._colours_pending:
            self._colours_pending = False
            QTimer.singleShot(0, self.show_colours)

    def show_colours(self) -> None:
        """Count projects per warning colour with the same rule as the cards and the chart."""
        from app.wall_chart import default_as_of, load_wall_chart

        if self._database is None or self._colour_row is None:
            return
        settings = self._settings.warning_settings() if self._settings else WarningSettings()
        with self._database.sessions() as session:
            as_of = default_as_of(session, dt.date.today())
            chart = load_wall_chart(session, as_of, settings, with_slack=False)
        self.colour_counts = {c: 0 for c in Colour}
        for row in chart.rows:
            self.colour_counts[row.colour] += 1
        for colour, label in self._colour_labels.items():
            label.setText(str(self.colour_counts[colour]))
        self._colour_heading.setText(f"项目预警（截至 {as_of:%Y年%m月%d日}）")
        from app.today_todo import today_todo

        with self._database.sessions() as session:
            self.todo.show_todo(today_todo(session, as_of, limit=5))
        self.todo.setVisible(True)

    def _show(self, summary: CampaignSummary) -> None:
        self._body.deleteLater()
        self._body = QWidget()
        self._left.insertWidget(0, self._body)
        body = QVBoxLayout(self._body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(10)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(14)
        if summary.campaign_name is None or summary.start is None or summary.end is None:
            self.campaign_label.setText("尚无攻坚行动")
            self.period_label.setText("可在“帮助 → 载入示例数据”中先看看示例。")
            return
        self.campaign_label.setText(summary.campaign_name)
        countdown = countdown_text(summary.start, summary.end, dt.date.today())
        self.period_label.setText(
            f"{summary.start:%Y年%m月%d日} — {summary.end:%Y年%m月%d日}　　{countdown}"
        )
        columns = 4
        tiles = [(f"{summary.projects}", "重点项目（个）")]
        tiles += [(f"{count}", name) for name, count in summary.per_list]
        for index, (value, label) in enumerate(tiles):
            frame, _ = _tile(value, label)
            grid.addWidget(frame, index // columns, index % columns)
        body.addLayout(grid)
        heading = QLabel("问题台账")
        heading.setObjectName("pageSubtitle")
        body.addWidget(heading)
        problems = QHBoxLayout()
        problems.setSpacing(14)
        for state in ProblemState:
            frame, _ = _tile(str(summary.problems.get(state, 0)), f"{state.value}（个）")
            problems.addWidget(frame)
        body.addLayout(problems)
        naming = self._settings.warning_settings().naming if self._settings else None
        self._colour_heading = QLabel("项目预警")
        self._colour_heading.setObjectName("pageSubtitle")
        body.addWidget(self._colour_heading)
        self._colour_row = QHBoxLayout()
        self._colour_row.setSpacing(14)
        self._colour_labels = {}
        for colour in (Colour.RED, Colour.YELLOW, Colour.OK, Colour.DONE):
            name = colour_label(colour, naming or ColourNaming.RED_YELLOW_GREEN)
            frame, number = _tile(
                "…", f"{name}色项目（个）" if colour is not Colour.DONE else "已完成（个）"
            )
            number.setStyleSheet(
                f"color: {colour_hex(colour, naming or ColourNaming.RED_YELLOW_GREEN)};"
            )
            self._colour_labels[colour] = number
            self._colour_row.addWidget(frame)
        body.addLayout(self._colour_row)
