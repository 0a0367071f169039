"""Every change of data from the window goes through here (the pattern of Anki's CollectionOp).

An operation runs one service call in a session of its own: short work on the window's thread,
long work on a worker thread behind a window-modal progress dialog with 取消. It takes the backup
a risky operation asks for before anything is written, turns a `UserError` or a known database
fault into the Chinese message, lets a bug reach the crash dialog, and announces what changed as
typed change kinds, found from the tables the session wrote and from what the caller declares.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.infra.changes import Change, Changes, changes_of_tables, describe
from app.infra.errors import UserError
from app.infra.faults import known_fault
from app.infra.progress import Cancelled, Progress
from ui.shell.bus import ChangeBus
from ui.shell.crash import show_user_error

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.infra.database import Database

log = logging.getLogger("gongjian.operation")
T = TypeVar("T")


class Failed:
    """What `perform` returns when the work did not complete (the clerk was told why)."""

    def __repr__(self) -> str:
        return "FAILED"


FAILED = Failed()


def perform(
    parent: QWidget | None,
    bus: ChangeBus,
    database: Database,
    work: Callable[[Session], T],
    *,
    what: str,
    changes: Iterable[Change] = (),
    backup: str | None = None,
    error_title: str = "无法完成",
    raising: tuple[type[UserError], ...] = (),
) -> T | Failed:
    """Run short `work` now, on the window's thread; its result, or FAILED after a message.

    `what` names the work in the log ("修改项目"); `changes` adds kinds the session cannot see;
    `backup` is the reason written into a backup taken first (risky work: merges, undos);
    `raising` lists refusals the caller shows itself (a form's messages under its fields).
    """
    started = time.perf_counter()
    try:
        _backup_first(database, backup)
        with database.sessions() as session:
            result = work(session)
            written = _written(session)
    except raising:
        raise
    except (UserError, Cancelled) as exc:
        _report_failure(parent, what, exc, error_title)
        return FAILED
    except Exception as exc:
        fault = known_fault(exc)
        if fault is None:
            raise
        _report_failure(parent, what, fault, error_title)
        return FAILED
    _announce(bus, what, changes_of_tables(written) | frozenset(changes), started)
    if written:
        bus.history.drop_redo()  # a pushed command follows (if undoable); nothing old to redo
    return result


@dataclass(frozen=True)
class Performer:
    """`perform` bound to a page's window, bus and database (handed to undo commands)."""

    parent: QWidget | None
    bus: ChangeBus
    database: Database

    def __call__(
        self,
        work: Callable[[Session], T],
        *,
        what: str,
        changes: Iterable[Change] = (),
        backup: str | None = None,
        raising: tuple[type[UserError], ...] = (),
    ) -> T | Failed:
        """Run `work` as `perform` does."""
        return perform(
            self.parent,
            self.bus,
            self.database,
            work,
            what=what,
            changes=changes,
            backup=backup,
            raising=raising,
        )

    def undoable(
        self,
        work: Callable[[Session], T],
        *,
        what: str,
        undo: Callable[[T], Callable[[Session], Any]],
        redo: Callable[[T], Callable[[Session], Any]] | None = None,
        text: str | None = None,
        after: Callable[[Any], None] | None = None,
        changes: Iterable[Change] = (),
        backup: str | None = None,
        raising: tuple[type[UserError], ...] = (),
    ) -> T | Failed:
        """Run `work`; when it succeeded, push its undo onto the window's history.

        `undo(result)` and `redo(result)` make the service calls that take the change back and
        make it again (`redo` defaults to `work` itself); `text` is what 撤销/重做 name
        (`what` by default); `after` runs after each undo and redo with its result.
        """
        from ui.shell.undo import OperationCommand

        result = self(work, what=what, changes=changes, backup=backup, raising=raising)
        if isinstance(result, Failed):
            return result
        forward = redo(result) if redo is not None else work
        self.bus.history.push(
            OperationCommand(
                text or what,
                self,
                forward,
                undo(result),
                after,
                changes=changes,
                backup=what if backup is not None else None,
            )
        )
        return result


def announce(bus: ChangeBus, what: str, changes: Iterable[Change]) -> None:
    """Tell every page that `changes` happened outside a session (a preference, a restore)."""
    _announce(bus, what, frozenset(changes), time.perf_counter())


class LongOperation(QObject, Generic[T]):
    """Long work on a worker thread; `finished` fires on the window's thread when it is over."""

    finished = Signal()
    _progressed = Signal(int, int, str)
    _ended = Signal(object, object)  # (result, exception)

    def __init__(
        self,
        parent: QWidget | None,
        bus: ChangeBus,
        database: Database | None,
        work: Callable[[Session, Progress], T],
        *,
        what: str,
        title: str,
        changes: Iterable[Change] = (),
        backup: str | None = None,
        error_title: str = "无法完成",
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._bus = bus
        self._database = database
        self._work = work
        self._what = what
        self._changes = frozenset(changes)
        self._backup = backup
        self._error_title = error_title
        self._success: list[Callable[[T], object]] = []
        self._started = 0.0
        self.result: T | Failed = FAILED
        self.running = False
        self.progress = Progress(self._progressed.emit)
        self.dialog = QProgressDialog(title, "取消", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumDuration(0)
        self.dialog.canceled.connect(self._cancel)
        self._progressed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)
        self._ended.connect(self._end, Qt.ConnectionType.QueuedConnection)

    def on_success(self, callback: Callable[[T], object]) -> LongOperation[T]:
        """Call `callback(result)` on the window's thread after the work succeeded."""
        self._success.append(callback)
        return self

    def start(self) -> LongOperation[T]:
        """Take the backup (if asked), then run the work on a worker thread."""
        self._started = time.perf_counter()
        try:
            _backup_first(self._database, self._backup)
        except UserError as exc:
            _report_failure(self._parent, self._what, exc, self._error_title)
            self.finished.emit()
            return self
        self.running = True
        self._bus.operations.add(self)
        self.dialog.show()
        # A QThread rather than a Python thread: Qt objects made by the work (a QTextDocument laying
        # out the bulletin's PDF) need the thread's own event dispatcher for their timers.
        self._thread = _WorkerThread(self._run)
        self._thread.finished.connect(self._thread.deleteLater)
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            if self._database is None:  # work on files (file_operation)
                result, written = self._work(_NO_SESSION, self.progress), set()
            else:
                with self._database.sessions() as session:
                    result = self._work(session, self.progress)
                    written = _written(session)
        except BaseException as exc:  # handed to the window's thread, which decides
            self._ended.emit(None, exc)
            return
        self._ended.emit((result, written), None)

    def _cancel(self) -> None:
        self.progress.cancel()
        self.dialog.setLabelText("正在取消…")

    def _show_progress(self, done: int, total: int, what: str) -> None:
        if self.progress.cancelled:
            return
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))
        if what:
            self.dialog.setLabelText(what)

    def _end(self, outcome: tuple[T, set[str]] | None, error: BaseException | None) -> None:
        self.running = False
        self._bus.operations.discard(self)
        self.dialog.hide()
        self.dialog.deleteLater()
        try:
            if error is not None:
                self._fail(error)
                return
            assert outcome is not None
            result, written = outcome
            self.result = result
            changes = changes_of_tables(written) | self._changes
            _announce(self._bus, self._what, changes, self._started)
            if written:
                self._bus.history.drop_redo()
            for callback in self._success:
                callback(result)
        finally:
            self.finished.emit()

    def _fail(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            log.info("%s cancelled; nothing of it was kept", self._what)
            return
        fault = error if isinstance(error, UserError) else known_fault(error)
        if fault is not None:
            _report_failure(self._parent, self._what, fault, self._error_title)
            return
        sys.excepthook(type(error), error, error.__traceback__)


def file_operation(
    parent: QWidget | None,
    bus: ChangeBus,
    work: Callable[[Progress], T],
    *,
    what: str,
    title: str,
    changes: Iterable[Change] = (),
    error_title: str = "无法完成",
) -> LongOperation[T]:
    """Long work on files rather than in a session (a backup, a restore, the demo file)."""
    return LongOperation(
        parent,
        bus,
        None,
        lambda _session, progress: work(progress),
        what=what,
        title=title,
        changes=changes,
        error_title=error_title,
    )


# What file work is handed instead of a session (it never uses one).
_NO_SESSION = cast("Session", None)


class _WorkerThread(QThread):
    """Runs one function on its own thread."""

    def __init__(self, function: Callable[[], None]) -> None:
        super().__init__()
        self._function = function

    def run(self) -> None:  # Qt's name
        """The work itself."""
        self._function()


def _written(session: Session) -> set[str]:
    # Imported here: the window's first paint comes before SQLAlchemy is loaded.
    from db.changelog import written_tables

    return written_tables(session)


def _backup_first(database: Database | None, reason: str | None) -> None:
    if reason is None or database is None or database.path is None:
        return
    from app.infra.backups import make_backup

    path = make_backup(database.path, reason)
    log.info("backup before %s: %s", reason, path)


def _report_failure(
    parent: QWidget | None, what: str, error: UserError | Cancelled, title: str
) -> None:
    if isinstance(error, Cancelled):
        log.info("%s cancelled; nothing of it was kept", what)
        return
    log.info("%s refused: %s", what, error.message)
    show_user_error(parent, error, title)


def _announce(bus: ChangeBus, what: str, changes: Changes, started: float) -> None:
    elapsed = time.perf_counter() - started
    log.info("%s done in %.2f s; changed: %s", what, elapsed, describe(changes) or "nothing")
    if changes:
        bus.changed.emit(changes)
