"""Problems planned from a workbook, written: found against the projects they name, created or
brought to the sheet's state, with progress entries dated by the table."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.projects.name_directory import NameDirectory
from db.enums import CoordinationLevel, ProblemState, ProblemType, UnitKind
from db.models import Problem, ProblemProgress, ProblemTransition, Project


def find_project(
    session: Session, campaign_id: int | None, code: str | None, name: str | None
) -> int | None:
    """The project a problem names: by code, else by exact name within the campaign."""
    if code:
        found = session.scalar(
            select(Project.id).where(
                Project.code == code,
                Project.deleted_at.is_(None),
                Project.campaign_id == campaign_id,
            )
        )
        if found is not None:
            return found
    if name:
        query = select(Project.id).where(
            Project.name == name,
            Project.deleted_at.is_(None),
            Project.campaign_id == campaign_id,
        )
        return session.scalars(query.order_by(Project.id)).first()
    return None


def existing_problem(session: Session, project_id: int, values: dict[str, Any]) -> Problem | None:
    """The same problem already in the ledger: same project and description, and the same date
    raised unless the sheet gave none (then the latest such problem)."""
    query = select(Problem).where(
        Problem.project_id == project_id, Problem.description == values.get("description")
    )
    if not values.get("raised_from_table"):
        query = query.where(Problem.raised_on == values.get("raised_on"))
    return session.scalars(query.order_by(Problem.raised_on.desc(), Problem.id.desc())).first()


def write_problem(
    session: Session,
    project_id: int,
    values: dict[str, Any],
    problem_id: int | None,
    names: NameDirectory,
) -> None:
    """Create the problem (or bring an existing one to the sheet's values)."""
    today = dt.date.today()
    dated = values.get("as_of") or today
    state = values.get("state", ProblemState.OPEN)
    now = dt.datetime.now().replace(microsecond=0)
    operator = session.info.get("operator")
    if problem_id is None:
        problem = _new_problem(project_id, values, state, now, operator)
        session.add(problem)
    else:
        problem = session.get_one(Problem, problem_id)
        _bring_to_state(problem, values, state, dated, now, operator)
    for key in ("measures", "deadline", "first_responsible", "completion_standard"):
        if key in values and getattr(problem, key) != values[key]:
            setattr(problem, key, values[key])
    closed_on = values.get("closed_on")
    if problem.state in (ProblemState.SOLVED, ProblemState.CLOSED) and problem.solved_on is None:
        problem.solved_on = closed_on or values.get("deadline") or dated
    if problem.state is ProblemState.CLOSED:
        if problem.closed_on is None:
            problem.closed_on = closed_on or dated
        if values.get("confirmed_by") and problem.closed_confirmed_by != values["confirmed_by"]:
            problem.closed_confirmed_by = values["confirmed_by"]
    lead = names.unit(values.get("lead_unit"), UnitKind.RESPONSIBLE)
    if lead is not None and problem.lead_unit is not lead:
        problem.lead_unit = lead
    wanted = values.get("cooperating_units")
    if wanted and tuple(u.name for u in problem.cooperating_units) != wanted:
        units = [names.unit(n, UnitKind.RESPONSIBLE) for n in wanted]
        problem.cooperating_units = [u for u in units if u is not None]
    _add_progress(problem, values, dated, operator)


def _new_problem(
    project_id: int,
    values: dict[str, Any],
    state: ProblemState,
    now: dt.datetime,
    operator: str | None,
) -> Problem:
    """A problem the ledger does not have yet, its first transition dated the day raised."""
    problem = Problem(
        project_id=project_id,
        type=values.get("type", ProblemType.OTHER),
        description=values["description"],
        raised_on=values["raised_on"],
        level=values.get("level", CoordinationLevel.OWN),
        state=state,
        source="导入",
    )
    problem.transitions.append(
        ProblemTransition(
            from_state=None,
            to_state=state,
            on=values["raised_on"],
            at=now,
            operator=operator,
            note="从表格导入",
        )
    )
    return problem


def _bring_to_state(
    problem: Problem,
    values: dict[str, Any],
    state: ProblemState,
    dated: dt.date,
    now: dt.datetime,
    operator: str | None,
) -> None:
    """A problem already in the ledger moved to the sheet's state (a transition recorded), type
    and level."""
    if problem.state is not state and "state" in values:
        problem.transitions.append(
            ProblemTransition(
                from_state=problem.state,
                to_state=state,
                on=dated,
                at=now,
                operator=operator,
                note="从表格导入",
            )
        )
        problem.state = state
    for key in ("type", "level"):
        if key in values and getattr(problem, key) is not values[key]:
            setattr(problem, key, values[key])


def _add_progress(
    problem: Problem, values: dict[str, Any], dated: dt.date, operator: str | None
) -> None:
    """The sheet's progress, next steps, remarks and note as progress entries, each once."""
    entries = [
        values.get("progress"),
        _labelled("下步计划", values.get("next_steps")),
        _labelled("备注", values.get("remarks")),
        values.get("note"),
    ]
    # A line taken back (撤销, withdrawn) does not count: the import may bring it again.
    known = {e.text for e in problem.progress_entries if e.withdrawn_at is None}
    for text in entries:
        if text and text not in known:
            problem.progress_entries.append(
                ProblemProgress(
                    entry_date=dated,
                    text=text,
                    operator=operator,
                    at=dt.datetime.now().replace(microsecond=0),
                )
            )


def _labelled(label: str, text: object) -> str | None:
    return f"{label}：{text}" if text else None
