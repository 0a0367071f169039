"""Live refresh in server mode: other clerks' changes reach the pages within about a second.

The listening connection's socket is watched by a QSocketNotifier, so nothing polls and nothing
blocks the window; notices arriving together are gathered for a moment (one refresh for a whole
import) and announced on the bus as change kinds, like the window's own operations. Pages reload
only what they show, and the month grid keeps the cell being typed in (ui/reports/month_grid.py).
If the connection is lost the window keeps working; listening resumes when the server is back,
and everything is announced once then, since notices sent meanwhile were lost.
"""

from __future__ import annotations

import contextlib
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

from app.infra.changes import EVERYTHING, Change, changes_of_tables, describe
from ui.shell.bus import ChangeBus

if TYPE_CHECKING:
    from app.infra.database import Database
    from db.server.notices import ChangeNotices

log = logging.getLogger("gongjian.live")
GATHER_MS = 150  # notices of one piece of work arrive within this
RETRY_MS = 5000  # listening again after the connection was lost


class LiveUpdates(QObject):
    """Listens to one server database and announces other clerks' changes on `bus`."""

    def __init__(self, database: Database, bus: ChangeBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._bus = bus
        self._notices: ChangeNotices | None = None
        self._socket: QSocketNotifier | None = None
        self._tables: set[str] = set()
        self._gather = QTimer(self, singleShot=True, interval=GATHER_MS)
        self._gather.timeout.connect(self._announce)
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry.timeout.connect(self._resume)
        self.listening = False

    def start(self) -> bool:
        """Begin listening; False (and a retry later) if the server cannot be reached."""
        from db.server.notices import ChangeNotices

        try:
            self._notices = ChangeNotices(self._database.engine.url, self._database.own_backends)
        except Exception as exc:  # the server is away: the window works on, we try again
            log.warning("cannot listen for changes: %s", exc)
            self._retry.start()
            return False
        self._socket = QSocketNotifier(self._notices.fileno(), QSocketNotifier.Type.Read, self)
        self._socket.activated.connect(self._readable)
        self.listening = True
        return True

    def stop(self) -> None:
        """Stop listening (the database is closing)."""
        self._retry.stop()
        self._gather.stop()
        self._drop_connection()

    def _readable(self) -> None:
        assert self._notices is not None
        try:
            self._tables |= self._notices.pending()
        except Exception as exc:  # the connection broke
            log.warning("lost the change notices: %s", exc)
            self._drop_connection()
            self._retry.start()
            return
        if self._tables and not self._gather.isActive():
            self._gather.start()

    def _announce(self) -> None:
        tables, self._tables = self._tables, set()
        try:
            changes = changes_of_tables(tables)
        except KeyError:  # a table of a newer program: refresh everything
            changes = EVERYTHING - {Change.PREFERENCES}
        if changes:
            log.info("changed by others: %s", describe(changes))
            self._bus.changed.emit(changes)

    def _resume(self) -> None:
        if self.start():
            log.info("listening for changes again")
            self._bus.changed.emit(EVERYTHING - {Change.PREFERENCES})

    def _drop_connection(self) -> None:
        self.listening = False
        if self._socket is not None:
            self._socket.setEnabled(False)
            self._socket.deleteLater()
            self._socket = None
        if self._notices is not None:
            with contextlib.suppress(Exception):  # already gone
                self._notices.close()
            self._notices = None
