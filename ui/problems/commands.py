"""The ledger's undoable steps: a workflow step on a problem, and 新增问题 from its dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app.infra.errors import UserError
from db.enums import ProblemType
from ui.shell.operation import Failed
from ui.widgets.form_dialog import to_date

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.problems.workflow import NewProblem
    from ui.problems.dialogs import NewProblemDialog
    from ui.shell.operation import Performer
    from ui.shell.undo import Work


def take_undoable_step(
    perform: Performer,
    problem_id: int,
    what: str,
    text: str,
    step: Callable[[Session], object],
    after: Callable[[], None],
) -> bool:
    """Take `step` on the problem; 撤销 marks what it added withdrawn (kept in the history),
    重做 reinstates it; `after` runs after each undo and redo. False when it was refused."""
    from app.problems.step_undo import reinstate_step, take_step, withdraw_step

    done = perform.undoable(
        lambda session: take_step(session, problem_id, step),
        what=what,
        text=text,
        undo=lambda taken: lambda session: withdraw_step(session, taken),
        redo=lambda taken: lambda session: reinstate_step(session, taken),
        after=lambda _result: after(),
    )
    return not isinstance(done, Failed)


def problem_from_dialog(dialog: NewProblemDialog) -> NewProblem:
    """The new problem as typed; a project not in the list is refused."""
    from app.problems.workflow import NewProblem

    chosen = dialog.project_id()
    if chosen is None:
        raise UserError(f"没有名为「{dialog.project.currentText()}」的项目，请从列表中选择。")
    return NewProblem(
        chosen,
        ProblemType(dialog.type.currentText()),
        dialog.description.toPlainText(),
        to_date(dialog.raised_on),
        dialog.deadline.date(),
        None,
        dialog.measures.text() or None,
        lead_unit_name=dialog.unit_name(),
    )


def create_undoable(
    perform: Performer, new: NewProblem, after: Callable[[int | None], None]
) -> int | Failed:
    """Create the problem; 撤销 removes it (kept as a copy), 重做 brings it back under its id.

    `after` gets the problem's id after each undo and redo (None when there is none).
    """
    from app.problems.step_undo import ProblemCopy, remove_new_problem, restore_problem
    from app.problems.workflow import create_problem

    def work(session: Session) -> int:
        return create_problem(session, new).id

    copies: list[ProblemCopy] = []

    def undo(problem_id: int) -> Work:
        return lambda session: copies.append(remove_new_problem(session, problem_id))

    def redo(_id: int) -> Work:
        return lambda session: restore_problem(session, copies.pop()).id

    return perform.undoable(
        work,
        what="新增问题",
        text=f"新增问题「{new.description.strip()[:16]}」",
        undo=undo,
        redo=redo,
        after=lambda result: after(result if isinstance(result, int) else None),
        raising=(UserError,),
    )
