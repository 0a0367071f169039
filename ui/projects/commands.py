"""Undoable project edits: each redo and undo is one service call, so the change log stays true.

The first redo has already happened when the command is pushed (the editor saved, and could
refuse, before anything entered the undo history).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from app.infra.database import Database
    from app.projects.form import FormValues


class _ProjectCommand(QUndoCommand):
    def __init__(
        self, database: Database, project_id: int, after: Callable[[int], None], text: str
    ) -> None:
        super().__init__(text)
        self._database = database
        self.project_id = project_id
        self._after = after
        self._first = True

    def redo(self) -> None:
        """Apply (skipped the first time: the edit was made before the push)."""
        if self._first:
            self._first = False
            return
        self._run(self._forward)

    def undo(self) -> None:
        """Take the edit back."""
        self._run(self._backward)

    def _run(self, step: Callable[[], None]) -> None:
        from app.infra.errors import UserError
        from ui.shell.crash import show_user_error

        try:
            step()
        except UserError as exc:
            show_user_error(None, exc)
        self._after(self.project_id)

    def _forward(self) -> None:
        raise NotImplementedError

    def _backward(self) -> None:
        raise NotImplementedError


class CreateProject(_ProjectCommand):
    """新建项目; undo removes it for good, redo brings it back under the same id."""

    def __init__(
        self, database: Database, project_id: int, values: FormValues, after: Callable[[int], None]
    ) -> None:
        super().__init__(database, project_id, after, f"新建项目「{values['name']}」")
        self._values = values

    def _forward(self) -> None:
        from app.projects.edits import create_project

        with self._database.sessions() as session:
            create_project(session, self._values, self.project_id)

    def _backward(self) -> None:
        from app.projects.edits import purge_project

        with self._database.sessions() as session:
            purge_project(session, self.project_id)


class EditProject(_ProjectCommand):
    """编辑项目: undo puts the values before back."""

    def __init__(
        self,
        database: Database,
        project_id: int,
        before: FormValues,
        after_values: FormValues,
        after: Callable[[int], None],
    ) -> None:
        super().__init__(database, project_id, after, f"修改项目「{after_values['name']}」")
        self._before, self._values = before, after_values

    def _forward(self) -> None:
        from app.projects.edits import update_project

        with self._database.sessions() as session:
            update_project(session, self.project_id, self._values)

    def _backward(self) -> None:
        from app.projects.edits import update_project

        with self._database.sessions() as session:
            update_project(session, self.project_id, self._before)


class DeleteProject(_ProjectCommand):
    """删除项目 (to the 回收站); undo restores it."""

    def __init__(
        self, database: Database, project_id: int, name: str, after: Callable[[int], None]
    ) -> None:
        super().__init__(database, project_id, after, f"删除项目「{name}」")

    def _forward(self) -> None:
        from app.projects.edits import delete_project

        with self._database.sessions() as session:
            delete_project(session, self.project_id)

    def _backward(self) -> None:
        from app.projects.edits import restore_project

        with self._database.sessions() as session:
            restore_project(session, self.project_id)
