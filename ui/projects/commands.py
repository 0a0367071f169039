"""Undoable project edits: 新建, 修改, 删除, each redo and undo one operation (ui/shell/undo.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ui.shell.undo import OperationCommand

if TYPE_CHECKING:
    from app.projects.form import FormValues
    from ui.shell.operation import Performer


def create_project_command(
    perform: Performer, project_id: int, values: FormValues, after: Callable[[int], None]
) -> OperationCommand:
    """新建项目 made; undo removes it for good, redo brings it back under the same id."""
    from app.projects.edits import create_project, purge_project

    return OperationCommand(
        f"新建项目「{values['name']}」",
        perform,
        forward=lambda session: create_project(session, values, project_id),
        backward=lambda session: purge_project(session, project_id),
        after=lambda _result: after(project_id),
    )


def edit_project_command(
    perform: Performer,
    project_id: int,
    before: FormValues,
    values: FormValues,
    after: Callable[[int], None],
) -> OperationCommand:
    """编辑项目 made; undo puts the values before back."""
    from app.projects.edits import update_project

    return OperationCommand(
        f"修改项目「{values['name']}」",
        perform,
        forward=lambda session: update_project(session, project_id, values),
        backward=lambda session: update_project(session, project_id, before),
        after=lambda _result: after(project_id),
    )


def delete_project_command(
    perform: Performer, project_id: int, name: str, after: Callable[[int], None]
) -> OperationCommand:
    """删除项目 (to the 回收站) made; undo restores it."""
    from app.projects.edits import delete_project, restore_project

    return OperationCommand(
        f"删除项目「{name}」",
        perform,
        forward=lambda session: delete_project(session, project_id),
        backward=lambda session: restore_project(session, project_id),
        after=lambda _result: after(project_id),
    )
