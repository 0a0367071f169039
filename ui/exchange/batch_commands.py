"""Undo steps for whole batches: an import, a merge of returned books, and a batch's 撤销."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from app.infra.changes import Change
from ui.shell.bus import ChangeBus
from ui.shell.operation import Performer
from ui.shell.undo import OperationCommand

if TYPE_CHECKING:
    from app.infra.database import Database

# What a batch can change, beyond the tables its session wrote.
BATCH_CHANGES = frozenset(
    {Change.PROJECTS, Change.PROBLEMS, Change.REPORTS, Change.ORGANISATION, Change.IMPORTS}
)


def push_batch(
    parent: QWidget | None,
    bus: ChangeBus,
    database: Database,
    batch_id: int,
    text: str,
    kind: str = "导入",
) -> None:
    """A batch just written becomes one undo step: 撤销 undoes it whole, 重做 replays it
    (each after a backup named after `kind`)."""
    from app.exchange.batch_redo import redo_batch
    from app.exchange.batch_undo import undo_batch

    bus.history.push(
        OperationCommand(
            text,
            Performer(parent, bus, database),
            lambda session: redo_batch(session, batch_id),
            lambda session: undo_batch(session, batch_id),
            changes=BATCH_CHANGES,
            backup=kind,
        )
    )


def push_batch_undo(
    parent: QWidget | None, bus: ChangeBus, database: Database, batch_id: int
) -> None:
    """A batch just undone from the list: 撤销 of that is to make the batch again."""
    from app.exchange.batch_redo import redo_batch
    from app.exchange.batch_undo import undo_batch

    bus.history.push(
        OperationCommand(
            f"撤销导入批次 #{batch_id}",
            Performer(parent, bus, database),
            lambda session: undo_batch(session, batch_id),
            lambda session: redo_batch(session, batch_id),
            changes=BATCH_CHANGES,
            backup="撤销导入批次",
        )
    )
