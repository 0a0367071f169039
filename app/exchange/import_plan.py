"""The preview of an import: every row as it will be stored, new / updated / unchanged, with a
field-by-field difference, every problem with its sheet, row, column and a Chinese message, the
values read through a vocabulary or kept as notes, and every column not used with its reason.

Nothing is written here. Rows are matched to projects by project code, else by exact name within
the campaign.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy.orm import Session

from app.exchange.header_detection import SheetLayout
from app.exchange.layout_choice import LayoutChoice, sheet_layout
from app.exchange.meaning import SUPERVISED
from app.exchange.plan_matching import match_and_compare
from app.exchange.plan_model import (
    UNSORTED,
    Change,
    ImportPlan,
    Issue,
    PlannedRow,
    RowStatus,
    ValueNote,
)
from app.exchange.problem_rows import problem_rows, problems_of_projects
from app.exchange.project_rows import sheet_rows
from app.exchange.reading import LazyWorkbook, open_workbook
from app.infra.errors import UserError
from app.infra.gc_pause import gc_paused
from app.infra.progress import Progress
from app.infra.write_lock import database_stamp
from db.models import Campaign

__all__ = [
    "FORM_KEYS",
    "UNSORTED",
    "Change",
    "ImportPlan",
    "Issue",
    "LayoutChoice",
    "PlannedRow",
    "RowStatus",
    "ValueNote",
    "plan_import",
    "rematch",
    "sheet_layout",
]

# Import keys that are not the project form's keys.
FORM_KEYS = {"progress": "latest_progress"}


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
    choice: LayoutChoice | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """Read the files and work out what importing them into the campaign would do.

    `layouts` replaces the found layout of (file name, sheet name) with one the clerk corrected;
    without a campaign (`campaign_id` None) every row is new and the plan proposes a campaign;
    `choice` carries header rows and column corrections given by name (the command line);
    `progress` is told of each file (and may cancel).
    """
    choice = choice or LayoutChoice(known_headers=known_headers)
    campaign = session.get(Campaign, campaign_id) if campaign_id is not None else None
    default_year = campaign.end_date.year if campaign else None
    plan = ImportPlan([], [], [], [], None, None)
    paths = list(paths)
    for done, path in enumerate(paths):
        if progress is not None:
            progress(done, len(paths), f"正在读取「{path.name}」…")
        plan.files.append(path.name)
        try:  # read in a sandbox, sheet by sheet: each is planned while the next is read
            book = open_workbook(path)
        except UserError as exc:
            plan.issues.append(Issue(path.name, "—", None, None, None, exc.message))
            continue
        _plan_book(
            plan,
            path,
            book,
            choice=choice,
            layouts=layouts or {},
            list_name=list_name,
            include_hidden=include_hidden,
            default_year=default_year,
        )
    plan.year = next((layout.year for layout in plan.layouts if layout.year), default_year)
    title = next((layout.title for layout in plan.layouts if layout.title), None)
    plan.campaign_name = None if campaign else _campaign_name(title, plan.year)
    for row in plan.rows:
        row.parsed_issues = len(row.issues)
    # Stamped before matching: a write that lands while matching makes the stamp stale (and the
    # rows are matched again under the write lock), never the other way round.
    plan.stamp = database_stamp(session)
    match_and_compare(session, plan, campaign.id if campaign else None)
    return plan


def _plan_book(
    plan: ImportPlan,
    path: Path,
    book: LazyWorkbook,
    *,
    choice: LayoutChoice,
    layouts: dict[tuple[str, str], SheetLayout],
    list_name: str | None,
    include_hidden: bool,
    default_year: int | None,
) -> None:
    """Each sheet of one workbook planned as it arrives: its layout, its rows, its notes; an
    issue when the reader failed part-way or no sheet looked like a table."""
    file_date = _file_date(path)
    sheets = (s for s in book.sheets if include_hidden or not s.hidden)
    found_any = False
    for sheet in sheets:
        layout = layouts.get((path.name, sheet.name)) or sheet_layout(sheet, choice, default_year)
        if layout is None:
            continue
        if _is_supervision(layout):
            plan.issues.append(_supervision_sheet(path.name, layout))
            continue
        if layout.kind == "problem":
            rows = problem_rows(path.name, sheet, layout, file_date)
            skipped: dict[str, int] = {}
        elif layout.column("name") is None:
            if _looks_like_a_table(layout):
                plan.issues.append(_no_name_column(path.name, layout))
            continue
        else:
            rows, notes, skipped = sheet_rows(path.name, sheet, layout, list_name)
            rows += problems_of_projects(rows, layout, file_date)
            plan.issues += notes
        found_any = True
        plan.layouts.append(layout)
        plan.layout_files.append(path.name)
        plan.skipped[(path.name, sheet.name)] = Counter(skipped)
        plan.rows += rows
    if book.failure is not None:
        plan.issues.append(Issue(path.name, "—", None, None, None, book.failure.message))
        return
    if not found_any and not any(i.file == path.name for i in plan.issues):
        plan.issues.append(
            Issue(
                path.name,
                "、".join(s.name for s in book.seen if include_hidden or not s.hidden) or "—",
                None,
                None,
                None,
                "找不到含“项目名称”的表头行，无法识别这份表格；请检查表头或选择对应的交换方案。",
            )
        )


def rematch(session: Session, plan: ImportPlan, campaign_id: int | None) -> None:
    """Match and compare the rows again, against the campaign they are written into, if the
    database changed since the plan was made (under the write lock, just before writing:
    another import may have written the same rows)."""
    if plan.stamp and plan.stamp == database_stamp(session):
        return
    for row in plan.rows:
        del row.issues[row.parsed_issues :]
        row.project_id = row.problem_id = None
        row.changes = []
        row.status = RowStatus.NEW
    plan.stamp = database_stamp(session)
    campaign = session.get(Campaign, campaign_id) if campaign_id is not None else None
    if campaign is not None:
        plan.campaign_name = None
    match_and_compare(session, plan, campaign.id if campaign else None)


def _file_date(path: Path) -> dt.date | None:
    """The file's modification day: the date of a table that names none."""
    try:
        return dt.date.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return None


def _is_supervision(layout: SheetLayout) -> bool:
    return sum(1 for c in layout.columns if c.reason == SUPERVISED.reason) >= 2


def _supervision_sheet(file: str, layout: SheetLayout) -> Issue:
    return Issue(
        file,
        layout.sheet,
        None,
        None,
        None,
        "这是督办台账（督办对象、督办类别……）：本程序不从表格导入督办记录，未导入。",
        error=False,
    )


def _looks_like_a_table(layout: SheetLayout) -> bool:
    return sum(1 for c in layout.columns if c.key or c.question or c.looks_like) >= 2


def _no_name_column(file: str, layout: SheetLayout) -> Issue:
    """A sheet with a header but no project name: a summary by county or unit, not a list."""
    used = "、".join(c.header for c in layout.columns if c.key)[:80]
    return Issue(
        file,
        layout.sheet,
        layout.header_rows[0] + 1,
        None,
        None,
        f"表头（{used}）中没有“项目名称”一列：看起来是按县区或单位汇总的表，不是项目清单，未导入。"
        "如果其中一列就是项目名称，请在更正中指定。",
        error=False,
    )


def _campaign_name(title: str | None, year: int | None) -> str:
    if title:
        return title
    return f"{year or dt.date.today().year}年重点项目"
