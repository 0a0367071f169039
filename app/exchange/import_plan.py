"""The preview of an import: every row as it will be stored, new / updated / unchanged, with a
field-by-field difference, and every problem with its sheet, row, column and a Chinese message.

Nothing is written here. Rows are matched to projects by project code, else by exact name within
the campaign.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.exchange.cell_values import clean_text, to_amount, to_date
from app.exchange.fields import PROBLEM_FIELDS, PROJECT_FIELDS, ExchangeField, field_of
from app.exchange.header_detection import SheetLayout, find_layout, is_skipped
from app.exchange.problem_import import (
    data_rows,
    existing_problem,
    find_project,
    is_problem_layout,
    problem_values,
)
from app.exchange.reading import SheetGrid, read_workbook
from app.infra.errors import UserError
from app.infra.gc_pause import gc_paused
from app.projects.code import normalise_code
from app.projects.fields_query import project_fields_select
from app.values.value_text import value_text
from db.enums import ConstructionNature, ProjectLevel, Stage
from db.models import Campaign, MonthlyReport, Project

UNSORTED = "未分类"
_ENUMS: dict[str, type[enum.StrEnum]] = {
    "stage": Stage,
    "level": ProjectLevel,
    "nature": ConstructionNature,
}
_ENUM_SYNONYMS = {
    "stage": {"新开工": "在建", "续建": "在建", "开工": "在建", "已竣工": "竣工", "已投产": "投产"},
    "level": {"省级": "省重点", "市级": "市重点", "区级": "区重点", "省": "省重点", "市": "市重点"},
    "nature": {"扩建": "改扩建", "改建": "改扩建", "新开工": "新建"},
}
# Import keys that are not the project form's keys.
FORM_KEYS = {"progress": "latest_progress"}
_COMPARED = (
    "code",
    "name",
    "list",
    "stage",
    "level",
    "nature",
    "industry",
    "location",
    "park",
    "content",
    "owner",
    "total_investment",
    "annual_plan",
    "campaign_target",
    "planned_start",
    "planned_finish",
    "actual_start",
    "actual_finish",
    "progress",
    "lead_unit",
    "leader",
    "chief_officer",
    "specialist",
    "contact",
    "bond_issued",
    "bond_spent",
    "remarks",
)


class RowStatus(enum.StrEnum):
    """What an import does with a row."""

    NEW = "新增"
    UPDATED = "更新"
    UNCHANGED = "无变化"
    ERROR = "有错误"


@dataclass(frozen=True)
class Issue:
    """A problem found in the file: where, what, and whether it stops the row."""

    file: str
    sheet: str
    row: int | None  # 1-based, as Excel shows it
    column: str | None  # letter
    field: str | None  # the field's Chinese name
    message: str
    error: bool = True

    def where(self) -> str:
        """「文件」工作表「附表3」第 5 行 H 列（1-7月完成投资）."""
        parts = [f"「{self.file}」"]
        if self.sheet != "—":
            parts.append(f"工作表「{self.sheet}」")
        if self.row is not None:
            parts.append(f"第 {self.row} 行")
        if self.column is not None:
            parts.append(f"{self.column} 列")
        if self.field:
            parts.append(f"（{self.field}）")
        return "".join(parts)

    def text(self) -> str:
        """Where and what, in one line."""
        kind = "错误" if self.error else "提示"
        return f"{kind}：{self.where()}：{self.message}"


@dataclass(frozen=True)
class Change:
    """One field of a matched project that the import changes."""

    key: str
    label: str
    old: str
    new: str


@dataclass
class PlannedRow:
    """One data row as it will be stored."""

    file: str
    sheet: str
    row: int
    values: dict[str, Any]
    list_name: str
    ytd: tuple[int, int, Decimal] | None = None  # year, month, cumulative amount
    month_amount: tuple[int, int, Decimal] | None = None
    project_id: int | None = None
    status: RowStatus = RowStatus.NEW
    changes: list[Change] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    include: bool = True
    kind: str = "project"  # or "problem" (a row of a problem ledger)
    list_number: int | None = None  # 附表N of the sheet's title, for a list created by the import
    problem_id: int | None = None  # the same problem already in the ledger

    def add_issue(self, field: str | None, message: str, *, error: bool = True) -> None:
        """Note a problem of this row (not tied to one column)."""
        self.issues.append(Issue(self.file, self.sheet, self.row, None, field, message, error))

    @property
    def name(self) -> str:
        """The project's name in the file (for a problem: the project it belongs to)."""
        key = "project_name" if self.kind == "problem" else "name"
        return str(self.values.get(key) or "")


@dataclass
class ImportPlan:
    """Everything an import would do; `write_import` carries it out."""

    files: list[str]
    layouts: list[SheetLayout]
    rows: list[PlannedRow]
    issues: list[Issue]  # file- and sheet-level
    campaign_name: str | None  # a campaign to create (the database has none)
    year: int | None

    def counts(self) -> dict[RowStatus, int]:
        """Rows per status (left-out rows not counted)."""
        counts = dict.fromkeys(RowStatus, 0)
        for row in self.rows:
            if row.include:
                counts[row.status] += 1
        return counts

    def all_issues(self) -> list[Issue]:
        """File-level issues, then each row's."""
        return [*self.issues, *(i for r in self.rows for i in r.issues)]

    def has_errors(self) -> bool:
        """True when an error stops the import (in a file, or in a row that is included)."""
        return any(i.error for i in self.issues) or any(
            r.status is RowStatus.ERROR for r in self.rows if r.include
        )

    def to_write(self) -> list[PlannedRow]:
        """Included rows that change something."""
        return [
            r for r in self.rows if r.include and r.status in (RowStatus.NEW, RowStatus.UPDATED)
        ]


@gc_paused()
def plan_import(
    session: Session,
    paths: Iterable[Path],
    *,
    known_headers: dict[str, str] | None = None,
    list_name: str | None = None,
    include_hidden: bool = False,
    layouts: dict[tuple[str, str], SheetLayout] | None = None,
    campaign_id: int | None,
) -> ImportPlan:
    """Read the files and work out what importing them into the campaign would do.

    `layouts` replaces the found layout of (file name, sheet name) with one the clerk corrected;
    without a campaign (`campaign_id` None) every row is new and the plan proposes a campaign.
    """
    campaign = session.get(Campaign, campaign_id) if campaign_id is not None else None
    default_year = campaign.end_date.year if campaign else None
    files, found_layouts, rows, issues = [], [], [], []
    for path in paths:
        files.append(path.name)
        try:
            book = read_workbook(path)
        except UserError as exc:
            issues.append(Issue(path.name, "—", None, None, None, exc.message))
            continue
        sheets = [s for s in book.sheets if include_hidden or not s.hidden]
        found_any = False
        for sheet in sheets:
            problems = find_layout(sheet, PROBLEM_FIELDS, default_year=default_year)
            if problems is not None and is_problem_layout(problems):
                found_any = True
                found_layouts.append(problems)
                rows += _problem_rows(path.name, sheet, problems)
                continue
            layout = (layouts or {}).get((path.name, sheet.name)) or find_layout(
                sheet, PROJECT_FIELDS, known_headers=known_headers, default_year=default_year
            )
            if layout is None or layout.column("name") is None:
                continue
            found_any = True
            found_layouts.append(layout)
            rows += _sheet_rows(path.name, sheet, layout, list_name)
        if not found_any:
            issues.append(
                Issue(
                    path.name,
                    "、".join(s.name for s in sheets) or "—",
                    None,
                    None,
                    None,
                    "找不到含“项目名称”的表头行，无法识别这份表格；请检查表头或选择对应的交换方案。",
                )
            )
    year = next((layout.year for layout in found_layouts if layout.year), default_year)
    title = next((layout.title for layout in found_layouts if layout.title), None)
    plan = ImportPlan(
        files,
        found_layouts,
        rows,
        issues,
        None if campaign else _campaign_name(title, year),
        year,
    )
    _match_and_compare(session, plan, campaign.id if campaign else None)
    return plan


def _campaign_name(title: str | None, year: int | None) -> str:
    if title:
        return title
    return f"{year or dt.date.today().year}年重点项目"


def _sheet_rows(
    file: str, sheet: SheetGrid, layout: SheetLayout, list_override: str | None
) -> list[PlannedRow]:
    planned = []
    mapped = [c for c in layout.columns if c.key is not None and c.key != "number"]
    specs = [(c, field_of(c.key)) for c in mapped if c.key is not None]
    default_list = list_override or layout.list_name or UNSORTED
    for index in range(layout.first_data_row, len(sheet.rows)):
        cells = sheet.rows[index]
        if is_skipped(cells):
            continue
        row = PlannedRow(file, sheet.name, index + 1, {}, default_list)
        row.list_number = layout.list_number
        for column, spec in specs:
            assert column.key is not None
            value = cells[column.index] if column.index < len(cells) else None
            if value is None or value == "" or (type(value) is str and value.isspace()):
                continue
            try:
                typed = _typed(spec, value, column.unit or layout.unit, column.year or layout.year)
            except UserError as exc:
                row.issues.append(
                    Issue(file, sheet.name, index + 1, column.letter, column.header, exc.message)
                )
                continue
            if typed is None:
                continue
            if column.key == "ytd_completed" and column.month and layout.year:
                row.ytd = (column.year or layout.year, column.month, typed)
            elif column.key == "month_completed" and column.month and layout.year:
                row.month_amount = (column.year or layout.year, column.month, typed)
            elif column.key == "list":
                row.list_name = str(typed)
            else:
                row.values[column.key] = typed
        if not row.values.get("name"):
            if row.values or row.ytd:
                name_column = layout.column("name")
                row.issues.append(
                    Issue(
                        file,
                        sheet.name,
                        index + 1,
                        name_column.letter if name_column else None,
                        "项目名称",
                        "项目名称为空，这一行无法导入。",
                    )
                )
            else:
                continue
        _cross_check(row)
        planned.append(row)
    return planned


def _problem_rows(file: str, sheet: SheetGrid, layout: SheetLayout) -> list[PlannedRow]:
    planned = []
    for index in data_rows(sheet, layout):
        values, found = problem_values(sheet, layout, index)
        row = PlannedRow(file, sheet.name, index + 1, values, "", kind="problem")
        row.issues += [
            Issue(file, sheet.name, index + 1, column, label, message, error)
            for column, label, message, error in found
        ]
        planned.append(row)
    return planned


def _typed(spec: ExchangeField, value: Any, unit: str, year: int | None) -> Any:
    label = spec.header
    if spec.kind == "amount":
        factor = Decimal(10000) if unit == "亿元" else Decimal(1)
        return to_amount(value, factor, field=label)
    if spec.kind == "date":
        return to_date(value, year, field=label)
    if spec.kind == "code":
        return normalise_code(str(clean_text(value) or ""))
    text = clean_text(value)
    if text is None:
        return None
    if spec.kind in _ENUMS_KINDS:
        vocabulary = _ENUMS[spec.key]
        text = _ENUM_SYNONYMS.get(spec.key, {}).get(text, text)
        try:
            return vocabulary(text)
        except ValueError:
            choices = "、".join(v.value for v in vocabulary)
            raise UserError(f"「{text}」不是可选的{label}（{choices}）。") from None
    if spec.kind == "units":
        return tuple(
            dict.fromkeys(n.strip() for n in text.replace("，", "、").split("、") if n.strip())
        )
    limit = 50 if spec.kind == "person" else 200 if spec.kind in ("text", "unit", "list") else 20000
    if len(text) > limit:
        raise UserError(f"内容过长（{len(text)} 字），最多 {limit} 字。")
    return text


_ENUMS_KINDS = ("stage", "level", "nature")


def _cross_check(row: PlannedRow) -> None:
    """Rules between fields: reported as notes (the sender's data is kept as sent)."""
    values = row.values
    checks = (
        ("annual_plan", "total_investment", "年度计划投资大于总投资"),
        ("planned_start", "planned_finish", "计划竣工早于计划开工"),
        ("actual_start", "actual_finish", "实际竣工早于实际开工"),
        ("bond_spent", "bond_issued", "专项债支出大于发行额"),
    )
    for first, second, message in checks:
        a, b = values.get(first), values.get(second)
        if a is None or b is None:
            continue
        wrong = a > b if first in ("annual_plan", "bond_spent") else b < a
        if wrong:
            row.add_issue(None, message + "，请核对。", error=False)


# ----- matching and differences ------------------------------------------------------------------
def _match_and_compare(session: Session, plan: ImportPlan, campaign_id: int | None) -> None:
    by_code: dict[str, int] = {}
    by_name: dict[str, int] = {}
    deleted_codes: dict[str, str] = {}
    # Only the chosen campaign's projects match: last year's copy of a carried project keeps
    # the same code and name, and must not be updated by this year's table.
    query = select(Project.id, Project.code, Project.name, Project.deleted_at).where(
        Project.campaign_id == campaign_id
    )
    for pid, code, name, deleted in session.execute(query):
        if code and deleted:
            deleted_codes[code] = name
        elif code:
            by_code[code] = pid
    for pid, _code, name, deleted in session.execute(query):
        if deleted is None:
            by_name.setdefault(name, pid)
    seen: dict[str, PlannedRow] = {}
    _match_problems(session, plan, campaign_id)
    for row in plan.rows:
        if row.kind != "project":
            continue
        code, name = row.values.get("code"), row.name
        key = code or name
        earlier = seen.get(key)
        if earlier is not None:
            row.add_issue(
                "项目代码" if code else "项目名称",
                f"与「{earlier.sheet}」第 {earlier.row} 行是同一项目（{key}），重复出现。",
            )
        seen.setdefault(key, row)
        if code and code in deleted_codes:
            row.add_issue(
                "项目代码",
                f"代码属于回收站中的项目「{deleted_codes[code]}」，请先恢复或彻底删除它。",
            )
        row.project_id = by_code.get(code) if code else None
        if row.project_id is None:
            row.project_id = by_name.get(name)
            if row.project_id is not None and code and _code_of(session, row.project_id):
                other = _code_of(session, row.project_id)
                if other != code:
                    row.add_issue("项目代码", f"同名项目已有代码 {other}，与表中的 {code} 不一致。")
    current = _current_values({r.project_id for r in plan.rows if r.project_id}, session)
    reported = _reported(session, plan)
    for row in plan.rows:
        if row.kind != "project":
            continue
        if any(i.error for i in row.issues):
            row.status = RowStatus.ERROR
            continue
        if row.project_id is None:
            row.status = RowStatus.NEW
            continue
        before = current.get(row.project_id, {})
        for key in _COMPARED:
            new = row.list_name if key == "list" else row.values.get(key)
            if new is None or (
                key == "list" and "list" not in row.values and row.list_name == UNSORTED
            ):
                continue
            old = before.get(key)
            if value_text(old) != value_text(new):
                label = "项目清单" if key == "list" else field_of(key).header
                row.changes.append(Change(key, label, value_text(old), value_text(new)))
        if row.ytd is not None:
            year, month, amount = row.ytd
            old = reported.get((row.project_id, year, month))
            if old != amount:
                row.changes.append(
                    Change("ytd", f"{month}月今年累计完成投资", value_text(old), value_text(amount))
                )
        row.status = RowStatus.UPDATED if row.changes else RowStatus.UNCHANGED


def _match_problems(session: Session, plan: ImportPlan, campaign_id: int | None) -> None:
    """Each problem to its project (in the database, or among the plan's new projects)."""
    coming = {r.values.get("code") for r in plan.rows if r.kind == "project"} | {
        r.name for r in plan.rows if r.kind == "project"
    }
    for row in plan.rows:
        if row.kind != "problem":
            continue
        code, name = row.values.get("project_code"), row.values.get("project_name")
        row.project_id = find_project(session, campaign_id, code, name)
        if row.project_id is None and not ({code, name} & coming - {None}):
            row.add_issue(
                "项目名称", f"找不到项目「{name or code or '（空）'}」，请先导入或新建该项目。"
            )
        if any(i.error for i in row.issues):
            row.status = RowStatus.ERROR
            continue
        existing = existing_problem(session, row.project_id, row.values) if row.project_id else None
        if existing is None:
            row.status = RowStatus.NEW
            continue
        row.problem_id = existing.id
        for key, label in (("state", "状态"), ("deadline", "解决时限"), ("level", "协调层级")):
            new, old = row.values.get(key), getattr(existing, key)
            if new is not None and new != old:
                row.changes.append(Change(key, label, value_text(old), value_text(new)))
        row.status = RowStatus.UPDATED if row.changes else RowStatus.UNCHANGED


def _code_of(session: Session, project_id: int) -> str | None:
    return session.scalar(select(Project.code).where(Project.id == project_id))


def _current_values(ids: set[int], session: Session) -> dict[int, dict[str, Any]]:
    """The compared fields of the matched projects, in one query."""
    if not ids:
        return {}
    keys, query = project_fields_select()
    rows = session.connection().execute(query.where(Project.id.in_(ids))).all()
    return {row[0]: dict(zip(keys, row[1:], strict=True)) for row in rows}


def _reported(session: Session, plan: ImportPlan) -> dict[tuple[int, int, int], Decimal | None]:
    months = {(r.ytd[0], r.ytd[1]) for r in plan.rows if r.ytd}
    found: dict[tuple[int, int, int], Decimal | None] = {}
    for year, month in months:
        for pid, amount in session.execute(
            select(MonthlyReport.project_id, MonthlyReport.investment_year).where(
                MonthlyReport.year == year, MonthlyReport.month == month
            )
        ):
            found[(pid, year, month)] = amount
    return found
