"""总览: the campaign at a glance (its lists and problem states) until the statistics arrive."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.countdown import countdown_text
from db.enums import ProblemState
from ui.pages import PageSpec
from ui.pages.header import page_header

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

    def __init__(self, spec: PageSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
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
        self._body = QWidget()
        self._layout.addWidget(self._body)
        self._layout.addStretch(1)
        self.summary: CampaignSummary | None = None

    def set_database(self, database: Database | None) -> None:
        """Re-read the summary from `database`."""
        from app.overview import CampaignSummary, summarise

        if database is None:
            self.summary = CampaignSummary()
        else:
            with database.sessions() as session:
                self.summary = summarise(session)
        self._show(self.summary)

    def _show(self, summary: CampaignSummary) -> None:
        self._body.deleteLater()
        self._body = QWidget()
        self._layout.insertWidget(self._layout.count() - 1, self._body)
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
