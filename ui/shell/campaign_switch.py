"""The status bar's campaign switch: the campaign on show, its countdown, the others to pick."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QMenu, QToolButton, QWidget

from app.campaign.countdown import countdown_text
from ui.shell.bus import ChangeBus

if TYPE_CHECKING:
    from app.infra.database import Database


def shown_campaign(database: Database, wanted: int | None) -> int | None:
    """The campaign to show: `wanted` if it is still there, else the latest (None: none)."""
    # Imported here: the campaign queries load SQLAlchemy, which waits for the first paint.
    from app.campaign.choice import resolve_campaign

    with database.reading() as session:
        found = resolve_campaign(session, wanted)
        return found.id if found is not None else None


class CampaignSwitch(QObject):
    """The campaign button (a click lists the others to switch to) and the countdown label."""

    def __init__(
        self,
        parent: QWidget,
        bus: ChangeBus,
        database: Callable[[], Database | None],
        choose: Callable[[int], None],
        new_campaign: Callable[[], object],
    ) -> None:
        super().__init__(parent)
        self._bus = bus
        self._database = database
        self._choose = choose
        self._new_campaign = new_campaign
        self.countdown_label = QLabel()
        self.countdown_label.setObjectName("countdown")
        # Which campaign the window shows; a click lists the others to switch to.
        self.button = QToolButton()
        self.button.setObjectName("campaignSwitch")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.button.setAutoRaise(True)
        self.button.setToolTip("当前显示的攻坚行动；点击切换到其他攻坚行动")
        self.menu = QMenu(self.button)
        self.menu.aboutToShow.connect(lambda: self.fill(self.menu))
        self.button.setMenu(self.menu)

    def fill(self, menu: QMenu) -> None:
        """The campaigns of the database, the one shown ticked; then 新建攻坚行动."""
        menu.clear()
        database = self._database()
        rows = []
        if database is not None:
            from app.campaign.choice import campaign_rows

            with database.reading() as session:
                rows = campaign_rows(session)
        for row in rows:
            action = menu.addAction(f"{row.label}　{row.projects} 个项目")
            action.setCheckable(True)
            action.setChecked(row.id == self._bus.campaign_id)
            action.triggered.connect(lambda _c=False, i=row.id: self._choose(i))
        if not rows:
            empty = menu.addAction("（还没有攻坚行动）")
            empty.setEnabled(False)
        menu.addSeparator()
        new = menu.addAction("新建攻坚行动…")
        new.triggered.connect(self._new_campaign)
        new.setEnabled(database is not None and not database.read_only)

    def refresh(self) -> bool:
        """Show the campaign's name and days left; True when a campaign is on show."""
        database = self._database()
        text, name = "", ""
        if database is not None and self._bus.campaign_id is not None:
            from app.campaign.choice import campaign_row

            with database.reading() as session:
                row = campaign_row(session, self._bus.campaign_id)
            if row is not None:
                name = row.name
                text = countdown_text(row.start, row.end, dt.date.today())
        self.button.setText(f"攻坚行动：{name}" if name else "（无攻坚行动）")
        self.button.setVisible(database is not None)
        self.countdown_label.setText(text)
        return bool(name)
