"""A page over the open database: reads its data when shown, and again when its tables change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from app.infra.changes import Changes
from ui.shell.bus import ChangeBus

if TYPE_CHECKING:
    from app.infra.database import Database


class DataPage(QWidget):
    """Hidden pages only note that their data changed; they read it when next shown."""

    watched: Changes = frozenset()  # the kinds of change this page shows

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self._database: Database | None = None
        self._stale = False
        bus.changed.connect(self._on_changed)

    @property
    def campaign_id(self) -> int | None:
        """The campaign the window shows (every service call of the page is about it)."""
        return self._bus.campaign_id

    def set_database(self, database: Database | None) -> None:
        """Show `database` (read now if visible, else when shown)."""
        self._database = database
        self.database_changed(database)
        self._stale = database is not None
        if self.isVisible():
            self.refresh()

    def database_changed(self, database: Database | None) -> None:
        """What a page resets when another database opens (before anything is read)."""

    def showEvent(self, event: QShowEvent) -> None:  # Qt's name
        """Read what changed while the page was hidden."""
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if changes & self.watched:
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def refresh(self) -> None:
        """Read the data again now."""
        self._stale = False
        if self._database is not None:
            self.reload()

    def reload(self) -> None:
        """Read and show the page's data (each page says how)."""
        raise NotImplementedError
