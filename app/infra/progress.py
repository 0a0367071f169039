"""Progress and cancel for long work: one type, one convention (raise `Cancelled`)."""

from __future__ import annotations

import threading
from collections.abc import Callable

Report = Callable[[int, int, str], None]


class Cancelled(Exception):
    """The clerk cancelled long work; its transaction is rolled back, nothing of it is kept."""


class Progress:
    """Called as `progress(done, total, what)`; raises `Cancelled` once cancel was asked for.

    Safe to call from a worker thread: it only reads an event and forwards to `report`, which
    the window's operation helper turns into a queued signal.
    """

    def __init__(self, report: Report | None = None) -> None:
        self._report = report
        self._cancel = threading.Event()

    def __call__(self, done: int, total: int, what: str = "") -> None:
        """Report `done` of `total`; stop here (raise `Cancelled`) if cancel was asked for."""
        self.check()
        if self._report is not None:
            self._report(done, total, what)

    def check(self) -> None:
        """Raise `Cancelled` if cancel was asked for (for loops that report rarely)."""
        if self._cancel.is_set():
            raise Cancelled

    def cancel(self) -> None:
        """Ask the work to stop at its next report."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        """Whether cancel was asked for."""
        return self._cancel.is_set()


def no_progress() -> Progress:
    """A progress that reports nowhere and is never cancelled (the command line, tests)."""
    return Progress()
