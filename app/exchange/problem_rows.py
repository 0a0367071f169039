"""Problem ledgers as offices keep them, planned row by row: a missing 提出时间 takes the date the
table names; 是否销号 / 办结情况 / 办理进展 / 完成情况 set the state and a progress entry; words
outside our vocabularies are mapped where clear and kept as text otherwise. Also the problems a
progress table's 存在问题 column names."""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.exchange.cell_typing import PLACEHOLDERS, typed_value
from app.exchange.fields import PROBLEM_FIELDS, field_of
from app.exchange.header_detection import SheetLayout
from app.exchange.plan_model import Issue, PlannedRow, ValueNote
from app.exchange.reading import SheetGrid
from app.exchange.row_frame import RowKind, row_kind, strip_marks
from app.exchange.vocabularies import yes_no
from app.infra.errors import UserError
from app.values.value_text import value_text
from db.enums import ProblemState, ProblemType

# Texts in a 存在问题 column that say there is none.
_NO_PROBLEM = PLACEHOLDERS | {"无问题", "没有", "暂无问题", "无困难", "无", "不存在"}
# Keys only a problem ledger has: a sheet with two of them is a ledger, not a project list.
PROBLEM_ONLY = frozenset(
    {"type", "description", "deadline", "state", "measures", "raised_on", "closed_flag",
     "done_flag", "completion_standard", "next_steps"}
)  # fmt: skip


def is_problem_layout(layout: SheetLayout) -> bool:
    """True when the sheet's header is a problem ledger's."""
    keys = {c.key for c in layout.columns if c.key}
    return len(keys & PROBLEM_ONLY) >= 2 and bool(keys & {"description", "type"})


def table_date(layout: SheetLayout, file_date: dt.date | None) -> tuple[dt.date | None, str]:
    """The date a table names (its title, 截至…), else the file's date; and where it came from."""
    if layout.as_of is not None:
        return layout.as_of, f"取表格标题的日期 {layout.as_of:%Y-%m-%d}"
    if file_date is not None:
        return file_date, f"取文件的修改日期 {file_date:%Y-%m-%d}"
    return None, ""


def problem_rows(
    file: str, sheet: SheetGrid, layout: SheetLayout, file_date: dt.date | None
) -> list[PlannedRow]:
    """The ledger's rows as planned problems."""
    planned = []
    dated, dated_how = table_date(layout, file_date)
    name_column = layout.column("project_name")
    name_index = name_column.index if name_column else None
    for index in range(layout.first_data_row, len(sheet.rows)):
        cells = sheet.rows[index]
        if row_kind(cells, name_index) is not RowKind.DATA:
            continue
        row = PlannedRow(file, sheet.name, index + 1, {}, "", kind="problem")
        _read_cells(row, layout, cells)
        _settle_state(row, dated)
        if not row.values.get("raised_on"):
            if dated is not None:
                row.values["raised_on"] = dated
                row.values["raised_from_table"] = True
                row.notes.append(
                    ValueNote(file, sheet.name, None, "提出时间", "（表中没有）", dated_how)
                )
            else:
                row.add_issue("提出时间", "提出时间为空，表格和文件也没有日期，这一行无法导入。")
        if not row.values.get("description"):
            if not any(v for k, v in row.values.items() if k != "raised_from_table"):
                continue
            row.add_issue("问题表述", "问题表述为空，这一行无法导入。")
        planned.append(row)
    return planned


def _read_cells(row: PlannedRow, layout: SheetLayout, cells: list[Any]) -> None:
    for column in layout.columns:
        if column.key is None or column.key == "number":
            continue
        raw = cells[column.index] if column.index < len(cells) else None
        if raw is None or raw == "" or (type(raw) is str and raw.isspace()):
            continue
        spec = field_of(column.key, PROBLEM_FIELDS)
        if spec.kind == "flag":
            row.values[column.key] = " ".join(str(raw).split())
            continue
        try:
            typed, word = typed_value(spec, raw, layout.unit, layout.year)
        except UserError as exc:
            text = " ".join(str(raw).split())[:200]
            if spec.kind == "problem_type":
                row.values["type"] = ProblemType.OTHER
                outcome = "按“其他”导入，原分类记入办理记录"
            else:
                outcome = "无法识别，原文记入办理记录"
                row.issues.append(
                    Issue(
                        row.file,
                        row.sheet,
                        row.row,
                        column.letter,
                        spec.header,
                        f"{exc.message}；原文已记入办理记录。",
                        False,
                    )
                )
            row.notes.append(
                ValueNote(row.file, row.sheet, column.letter, spec.header, text, outcome)
            )
            continue
        if typed is None:
            continue
        if word:
            row.notes.append(
                ValueNote(
                    row.file,
                    row.sheet,
                    column.letter,
                    spec.header,
                    word,
                    f"按“{value_text(typed)}”导入",
                )
            )
        row.values[column.key] = typed
    name = row.values.get("project_name")
    if isinstance(name, str):
        row.values["project_name"], row.marks = strip_marks(name)


def _settle_state(row: PlannedRow, dated: dt.date | None) -> None:
    """是否销号 / 是否完成 / 办理进展 decide the state where no 状态 column says it."""
    values = row.values
    closed = values.pop("closed_flag", None)
    done = values.pop("done_flag", None)
    texts = []
    for flag, yes_state, label in ((closed, ProblemState.CLOSED, "是否销号"),
                                   (done, ProblemState.SOLVED, "是否完成")):  # fmt: skip
        if flag is None:
            continue
        answer = yes_no(flag)
        if answer is True:
            if values.get("state") not in (ProblemState.CLOSED,):
                values["state"] = yes_state
        elif answer is False and "state" not in values:
            values["state"] = ProblemState.IN_HAND
        if answer is None or len(flag) > 4:
            texts.append(flag)  # more than a yes or no: a progress entry too
        if answer is None:
            row.notes.append(
                ValueNote(row.file, row.sheet, None, label, flag[:50], "不是“是/否”，记入办理记录")
            )
    progress = values.get("progress")
    if isinstance(progress, str) and "state" not in values:
        answer = yes_no(progress)
        if answer is True:
            closing = progress.startswith(("已销号", "已办结", "销号", "办结"))
            values["state"] = ProblemState.CLOSED if closing else ProblemState.SOLVED
        elif answer is False:
            values["state"] = ProblemState.IN_HAND
    if texts:
        values["progress"] = "；".join([*([progress] if progress else []), *texts])
    if values.get("state") in (ProblemState.SOLVED, ProblemState.CLOSED):
        values.setdefault("closed_on", dated)
    values["as_of"] = dated
    kept = [f"{n.field}：{n.value}" for n in row.notes if "记入办理记录" in n.outcome]
    if kept:
        values["note"] = "；".join(kept)


def problems_of_projects(
    rows: list[PlannedRow], layout: SheetLayout, file_date: dt.date | None
) -> list[PlannedRow]:
    """A progress table's 存在问题 cells as open problems of their projects."""
    column = layout.column("problem_text")
    if column is None:
        return []
    dated, dated_how = table_date(layout, file_date)
    found = []
    for row in rows:
        text = row.values.pop("problem_text", None)
        if not isinstance(text, str) or text.strip() in _NO_PROBLEM or not row.name:
            continue
        problem = PlannedRow(row.file, row.sheet, row.row, {}, "", kind="problem")
        problem.values = {
            "project_code": row.values.get("code"),
            "project_name": row.name,
            "description": text,
            "type": ProblemType.OTHER,
            "raised_on": dated,
            "raised_from_table": True,
            "as_of": dated,
        }
        if dated is None:
            problem.add_issue("提出时间", "表格和文件都没有日期，无法记录问题的提出时间。")
        else:
            problem.notes.append(
                ValueNote(
                    row.file,
                    row.sheet,
                    column.letter,
                    "存在问题",
                    "（按问题记入问题台账）",
                    dated_how,
                )
            )
        found.append(problem)
    return found
