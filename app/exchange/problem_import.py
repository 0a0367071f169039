"""Problem ledgers (问题台账) in a workbook: rows planned against the projects they name, written
as problems with their state, progress and coordination level."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.exchange.cell_values import clean_text, is_blank, to_date
from app.exchange.fields import PROBLEM_FIELDS, field_of
from app.exchange.header_detection import SheetLayout, is_skipped
from app.exchange.reading import SheetGrid
from app.infra.errors import UserError
from app.projects.code import normalise_code
from app.projects.name_directory import NameDirectory
from db.enums import CoordinationLevel, ProblemState, ProblemType, UnitKind
from db.models import Problem, ProblemProgress, ProblemTransition, Project

# Keys only a problem ledger has: a sheet with two of them is a ledger, not a project list.
PROBLEM_ONLY = frozenset({"type", "description", "deadline", "state", "measures", "raised_on"})
_LEVELS = {
    "本级": CoordinationLevel.OWN,
    "管委会": CoordinationLevel.DISTRICT,
    "区政府": CoordinationLevel.DISTRICT,
    "管委会/区政府": CoordinationLevel.DISTRICT,
    "区级": CoordinationLevel.DISTRICT,
    "新区": CoordinationLevel.CITY,
    "市": CoordinationLevel.CITY,
    "市级": CoordinationLevel.CITY,
    "新区/市": CoordinationLevel.CITY,
}
_STATES = {s.value: s for s in ProblemState} | {
    "未解决": ProblemState.OPEN,
    "正在办理": ProblemState.IN_HAND,
    "推进中": ProblemState.IN_HAND,
    "已办结": ProblemState.SOLVED,
    "销号": ProblemState.CLOSED,
}


def is_problem_layout(layout: SheetLayout) -> bool:
    """True when the sheet's header is a problem ledger's."""
    return len({c.key for c in layout.columns if c.key} & PROBLEM_ONLY) >= 2


def problem_values(
    sheet: SheetGrid, layout: SheetLayout, index: int
) -> tuple[dict[str, Any], list[tuple[str | None, str | None, str, bool]]]:
    """One row's typed values and its problems as (column, field, message, is_error)."""
    cells = sheet.rows[index]
    values: dict[str, Any] = {}
    issues: list[tuple[str | None, str | None, str, bool]] = []
    for column in layout.columns:
        if column.key is None or column.key == "number":
            continue
        raw = cells[column.index] if column.index < len(cells) else None
        if is_blank(raw):
            continue
        spec = field_of(column.key, PROBLEM_FIELDS)
        try:
            if spec.kind == "date":
                values[column.key] = to_date(raw, layout.year, field=spec.header)
            elif spec.kind == "code":
                values[column.key] = normalise_code(str(clean_text(raw) or ""))
            else:
                text = clean_text(raw)
                if spec.kind == "problem_type":
                    if text not in {t.value for t in ProblemType}:
                        issues.append(
                            (
                                column.letter,
                                column.header,
                                f"「{text}」不是已知的问题类型，按“其他”导入。",
                                False,
                            )
                        )
                        text = ProblemType.OTHER.value
                    values[column.key] = ProblemType(text)
                elif spec.kind == "problem_state":
                    if text not in _STATES:
                        raise UserError(
                            f"「{text}」不是问题状态（待办、办理中、已解决、已销号、暂缓）。"
                        )
                    values[column.key] = _STATES[str(text)]
                elif spec.kind == "coordination":
                    cleaned = "".join(str(text).split())
                    if cleaned not in _LEVELS:
                        raise UserError(f"「{text}」不是协调层级（本级、管委会/区政府、新区/市）。")
                    values[column.key] = _LEVELS[cleaned]
                elif spec.kind == "units":
                    values[column.key] = tuple(
                        n.strip() for n in str(text).replace("，", "、").split("、") if n.strip()
                    )
                else:
                    values[column.key] = text
        except UserError as exc:
            issues.append((column.letter, column.header, exc.message, True))
    if not values.get("description"):
        issues.append((None, "问题表述", "问题表述为空，这一行无法导入。", True))
    if not values.get("raised_on"):
        issues.append((None, "提出时间", "提出时间为空，这一行无法导入。", True))
    return values, issues


def data_rows(sheet: SheetGrid, layout: SheetLayout) -> list[int]:
    """0-based indices of the rows that hold problems."""
    return [
        i for i in range(layout.first_data_row, len(sheet.rows)) if not is_skipped(sheet.rows[i])
    ]


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
    """The same problem already in the ledger (same project, description and date raised)."""
    return session.scalars(
        select(Problem).where(
            Problem.project_id == project_id,
            Problem.description == values.get("description"),
            Problem.raised_on == values.get("raised_on"),
        )
    ).first()


def write_problem(
    session: Session,
    project_id: int,
    values: dict[str, Any],
    problem_id: int | None,
    names: NameDirectory,
) -> None:
    """Create the problem (or bring an existing one to the sheet's values)."""
    today = dt.date.today()
    state = values.get("state", ProblemState.OPEN)
    if problem_id is None:
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
                at=dt.datetime.now().replace(microsecond=0),
                operator=session.info.get("operator"),
                note="从表格导入",
            )
        )
        session.add(problem)
    else:
        problem = session.get_one(Problem, problem_id)
        if problem.state is not state:
            problem.transitions.append(
                ProblemTransition(
                    from_state=problem.state,
                    to_state=state,
                    on=today,
                    at=dt.datetime.now().replace(microsecond=0),
                    operator=session.info.get("operator"),
                    note="从表格导入",
                )
            )
            problem.state = state
        for key in ("type", "level"):
            if key in values and getattr(problem, key) is not values[key]:
                setattr(problem, key, values[key])
    for key in ("measures", "deadline"):
        if key in values and getattr(problem, key) != values[key]:
            setattr(problem, key, values[key])
    if state in (ProblemState.SOLVED, ProblemState.CLOSED) and problem.solved_on is None:
        problem.solved_on = values.get("deadline") or today
    if state is ProblemState.CLOSED and problem.closed_on is None:
        problem.closed_on = today
    lead = names.unit(values.get("lead_unit"), UnitKind.RESPONSIBLE)
    if lead is not None and problem.lead_unit is not lead:
        problem.lead_unit = lead
    wanted = values.get("cooperating_units")
    if wanted and tuple(u.name for u in problem.cooperating_units) != wanted:
        units = [names.unit(n, UnitKind.RESPONSIBLE) for n in wanted]
        problem.cooperating_units = [u for u in units if u is not None]
    text = values.get("progress")
    if text and (not problem.progress_entries or problem.progress_entries[-1].text != text):
        problem.progress_entries.append(
            ProblemProgress(
                entry_date=today,
                text=text,
                operator=session.info.get("operator"),
                at=dt.datetime.now().replace(microsecond=0),
            )
        )
