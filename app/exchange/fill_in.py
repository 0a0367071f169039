"""下发 / 回收: a fill-in workbook per responsible unit, and merging the returned files.

The workbook lists the unit's projects; only this month's columns are open (sheet protection
locks the rest), with data validation on amounts and dates. A very hidden sheet holds the project
ids, the month, the values at export time and a checksum, so a returned file identifies itself
and shows what the unit changed. Returned files are merged together: the same project changed by
two files, or changed here since the export, is a conflict shown side by side for a decision.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import __version__
from app.exchange.cell_values import clean_text, is_blank, to_amount, to_date
from app.exchange.import_write import import_batch
from app.exchange.reading import read_workbook
from app.infra.errors import UserError
from app.infra.progress import Progress, no_progress
from app.reports.monthly_reports import CellEntry, EntryMode, save_entries
from db.models import MonthlyReport, Project, ProjectList, Unit

MARK_SHEET = "_gongjian"
FORMAT = "gongjian-fill-in-1"
# The open columns: key, header, kind.
OPEN = (
    ("month", "本月完成投资（万元）", "amount"),
    ("cumulative", "今年累计完成投资（万元）", "amount"),
    ("actual_start", "实际开工时间", "date"),
    ("progress", "形象进度", "text"),
)
LOCKED_HEADERS = ("序号", "项目代码", "项目名称", "项目清单")
Base = dict[str, Any]


def _current(
    session: Session, project_ids: Iterable[int], year: int, month: int
) -> dict[int, Base]:
    """Each project's fill-in fields as stored now (strings, so they compare and travel in JSON)."""
    ids = list(project_ids)
    values: dict[int, Base] = {
        pid: {"month": None, "cumulative": None, "actual_start": None, "progress": None}
        for pid in ids
    }
    for pid, start in session.execute(
        select(Project.id, Project.actual_start).where(Project.id.in_(ids))
    ):
        values[pid]["actual_start"] = start.isoformat() if start else None
    for pid, amount, total, progress in session.execute(
        select(
            MonthlyReport.project_id,
            MonthlyReport.investment_month,
            MonthlyReport.investment_year,
            MonthlyReport.progress,
        ).where(
            MonthlyReport.project_id.in_(ids),
            MonthlyReport.year == year,
            MonthlyReport.month == month,
        )
    ):
        values[pid].update(
            month=f"{amount:.2f}" if amount is not None else None,
            cumulative=f"{total:.2f}" if total is not None else None,
            progress=progress,
        )
    return values


def _checksum(payload: dict[str, Any]) -> str:
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def export_fill_ins(
    session: Session,
    campaign_id: int | None,
    unit_ids: list[int],
    year: int,
    month: int,
    folder: Path,
    office: str = "",
    progress: Progress | None = None,
) -> list[Path]:
    """下发: a fill-in workbook per unit into `folder` ("单位_2022年7月填报表.xlsx")."""
    report = progress or no_progress()
    written = []
    for done, unit_id in enumerate(unit_ids):
        unit = session.get(Unit, unit_id)
        if unit is None:
            raise UserError("该责任单位不存在。")
        report(done, len(unit_ids), f"正在生成「{unit.name}」的填报表…")
        out = folder / f"{unit.name}_{year}年{month}月填报表.xlsx"
        export_fill_in(session, campaign_id, unit_id, year, month, out, office)
        written.append(out)
    report(len(unit_ids), len(unit_ids))
    return written


def export_fill_in(
    session: Session,
    campaign_id: int | None,
    unit_id: int,
    year: int,
    month: int,
    out: Path,
    office: str = "",
) -> int:
    """Write the unit's fill-in workbook of the campaign; return the number of projects in it."""
    import xlsxwriter

    unit = session.get(Unit, unit_id)
    if unit is None:
        raise UserError("该责任单位不存在。")
    query = (
        select(Project.id, Project.code, Project.name, ProjectList.name)
        .join(ProjectList, Project.list_id == ProjectList.id)
        .where(
            Project.lead_unit_id == unit_id,
            Project.deleted_at.is_(None),
            Project.campaign_id == campaign_id,
        )
        .order_by(ProjectList.number, Project.id)
    )
    projects = session.execute(query).all()
    if not projects:
        raise UserError(f"「{unit.name}」没有负责的项目，无需下发。")
    base = _current(session, (p[0] for p in projects), year, month)
    book = xlsxwriter.Workbook(
        str(out), {"strings_to_formulas": False, "strings_to_numbers": False}
    )
    book.set_properties(
        {"title": f"{unit.name} {year}年{month}月填报", "comments": f"攻坚台账 {__version__}"}
    )
    locked = book.add_format(
        {"font_name": "仿宋", "border": 1, "locked": True, "bg_color": "#F2F2F2"}
    )
    open_text = book.add_format(
        {"font_name": "仿宋", "border": 1, "locked": False, "text_wrap": True}
    )
    open_money = book.add_format(
        {"font_name": "仿宋", "border": 1, "locked": False, "num_format": "#,##0.00"}
    )
    open_date = book.add_format(
        {"font_name": "仿宋", "border": 1, "locked": False, "num_format": "yyyy-mm-dd"}
    )
    header = book.add_format(
        {
            "font_name": "宋体",
            "bold": True,
            "border": 1,
            "align": "center",
            "valign": "vcenter",
            "text_wrap": True,
            "bg_color": "#DDEBF7",
        }
    )
    title = book.add_format({"font_name": "黑体", "font_size": 16, "align": "center"})
    sheet = book.add_worksheet("填报")
    headers = [*LOCKED_HEADERS, *(h for _k, h, _t in OPEN)]
    for index, width in enumerate((6, 26, 34, 16, 16, 18, 14, 40)):
        sheet.set_column(index, index, width)
    sheet.merge_range(
        0, 0, 0, len(headers) - 1, f"{unit.name} {year}年{month}月重点项目进展填报表", title
    )
    sheet.write_string(
        1, 0, "白色格子可填写，灰色格子已锁定；金额单位：万元。请勿增删行、改动表格结构。"
    )
    for index, text in enumerate(headers):
        sheet.write_string(2, index, text, header)
    sheet.freeze_panes(3, 3)
    for offset, (pid, code, name, list_name) in enumerate(projects):
        r = 3 + offset
        values = base[pid]
        sheet.write_number(r, 0, offset + 1, locked)
        sheet.write_string(r, 1, code or "", locked)
        sheet.write_string(r, 2, name, locked)
        sheet.write_string(r, 3, list_name, locked)
        for c, (key, _h, kind) in enumerate(OPEN, start=len(LOCKED_HEADERS)):
            value = values[key]
            if value is None:
                sheet.write_blank(
                    r,
                    c,
                    None,
                    open_money if kind == "amount" else open_date if kind == "date" else open_text,
                )
            elif kind == "amount":
                sheet.write_number(r, c, float(value), open_money)
            elif kind == "date":
                sheet.write_datetime(r, c, dt.datetime.fromisoformat(value), open_date)
            else:
                sheet.write_string(r, c, value, open_text)
    last = 3 + len(projects) - 1
    for c, (_key, _h, kind) in enumerate(OPEN, start=len(LOCKED_HEADERS)):
        if kind == "amount":
            sheet.data_validation(
                3,
                c,
                last,
                c,
                {
                    "validate": "decimal",
                    "criteria": ">=",
                    "value": 0,
                    "error_title": "金额",
                    "error_message": "请填写不小于 0 的数字（万元）。",
                },
            )
        elif kind == "date":
            sheet.data_validation(
                3,
                c,
                last,
                c,
                {
                    "validate": "date",
                    "criteria": "between",
                    "minimum": dt.date(2000, 1, 1),
                    "maximum": dt.date(2100, 12, 31),
                    "error_title": "日期",
                    "error_message": "请填写日期，如 2022-08-31。",
                },
            )
    sheet.protect("", {"format_columns": True, "format_rows": True})
    payload = {
        "format": FORMAT,
        "unit_id": unit_id,
        "unit": unit.name,
        "year": year,
        "month": month,
        "exported_at": dt.datetime.now().replace(microsecond=0).isoformat(),
        "rows": [[pid, 3 + i + 1] for i, (pid, *_rest) in enumerate(projects)],
        "base": {str(pid): base[pid] for pid, *_rest in projects},
    }
    mark = book.add_worksheet(MARK_SHEET)
    mark.write_string(0, 0, json.dumps(payload, ensure_ascii=False))
    mark.write_string(1, 0, _checksum(payload))
    mark.very_hidden()
    mark.protect()
    book.close()
    return len(projects)


@dataclass
class Returned:
    """One returned file: whose, which month, and what it says per project."""

    file: str
    unit: str
    year: int
    month: int
    values: dict[int, Base]  # project id → the file's values
    base: dict[int, Base]  # project id → values at export time
    rows: dict[int, int]  # project id → row number


@dataclass(frozen=True)
class Conflict:
    """A field two sources want different values for; `choices` are (source, value)."""

    project_id: int
    project: str
    key: str
    label: str
    choices: tuple[tuple[str, str], ...]


@dataclass
class MergePlan:
    """What merging the returned files would store, and the conflicts to decide."""

    year: int
    month: int
    files: list[Returned]
    values: dict[int, Base] = field(default_factory=dict)  # agreed changes
    conflicts: list[Conflict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    decisions: dict[tuple[int, str], str | None] = field(default_factory=dict)

    def undecided(self) -> list[Conflict]:
        """Conflicts without a decision yet."""
        return [c for c in self.conflicts if (c.project_id, c.key) not in self.decisions]


_LABELS = {key: header for key, header, _kind in OPEN}
HERE = "本库现有"


def read_returned(path: Path) -> Returned:
    """A returned fill-in workbook; UserError when it is not one, or its hidden part was changed."""
    book = read_workbook(path)
    sheets = {s.name: s for s in book.sheets}
    mark = sheets.get(MARK_SHEET)
    if mark is None or len(mark.rows) < 2 or not mark.rows[0] or not mark.rows[1]:
        raise UserError(f"「{path.name}」不是本程序下发的填报表（缺少识别信息）。")
    try:
        payload = json.loads(str(mark.rows[0][0]))
    except ValueError:
        raise UserError(f"「{path.name}」的识别信息已损坏。") from None
    if _checksum(payload) != str(mark.rows[1][0]) or payload.get("format") != FORMAT:
        raise UserError(f"「{path.name}」的识别信息被改动过，无法确认是哪次下发的表格。")
    sheet = sheets.get("填报")
    if sheet is None:
        raise UserError(f"「{path.name}」缺少“填报”工作表。")
    values: dict[int, Base] = {}
    rows: dict[int, int] = {}
    problems = []
    year = int(payload["year"])
    for pid, row_number in payload["rows"]:
        cells = sheet.rows[row_number - 1] if row_number - 1 < len(sheet.rows) else []
        got: Base = {}
        for c, (key, header, kind) in enumerate(OPEN, start=len(LOCKED_HEADERS)):
            raw = cells[c] if c < len(cells) else None
            try:
                if is_blank(raw):
                    got[key] = None
                elif kind == "amount":
                    amount = to_amount(raw, field=header)
                    got[key] = f"{amount:.2f}" if amount is not None else None
                elif kind == "date":
                    day = to_date(raw, year, field=header)
                    got[key] = day.isoformat() if day else None
                else:
                    got[key] = clean_text(raw)
            except UserError as exc:
                problems.append(f"「{path.name}」第 {row_number} 行{header}：{exc.message}")
                got[key] = payload["base"][str(pid)][key]
        values[int(pid)] = got
        rows[int(pid)] = row_number
    if problems:
        raise UserError("；".join(problems[:10]) + ("……" if len(problems) > 10 else ""))
    base = {int(k): v for k, v in payload["base"].items()}
    return Returned(path.name, payload["unit"], year, int(payload["month"]), values, base, rows)


def plan_merge(session: Session, paths: list[Path]) -> MergePlan:
    """Read the returned files and merge them; conflicts are listed, not decided."""
    files, problems = [], []
    for path in paths:
        try:
            files.append(read_returned(path))
        except UserError as exc:
            problems.append(exc.message)
    months = {(f.year, f.month) for f in files}
    if len(months) > 1:
        raise UserError(
            "这些文件属于不同的月份：" + "、".join(f"{y}年{m}月" for y, m in sorted(months))
        )
    year, month = next(iter(months)) if months else (dt.date.today().year, dt.date.today().month)
    plan = MergePlan(year, month, files, problems=problems)
    ids = {pid for f in files for pid in f.values}
    now = _current(session, ids, year, month)
    names = dict(session.execute(select(Project.id, Project.name).where(Project.id.in_(ids))).all())
    for pid in sorted(ids):
        for key, label, _kind in OPEN:
            wanted: dict[str, list[str]] = {}
            for f in files:
                if pid not in f.values:
                    continue
                new, old = f.values[pid][key], f.base[pid][key]
                if new != old:
                    wanted.setdefault(_shown(new), []).append(f.file)
            if not wanted:
                continue
            here = now.get(pid, {}).get(key)
            base_values = {f.base[pid][key] for f in files if pid in f.base}
            changed_here = here not in base_values
            if len(wanted) == 1 and not changed_here:
                plan.values.setdefault(pid, {})[key] = _value_of(files, pid, key)
                continue
            choices = [(f"{'、'.join(sources)}", value) for value, sources in wanted.items()]
            if changed_here:
                choices.append((HERE, _shown(here)))
            plan.conflicts.append(
                Conflict(pid, names.get(pid, str(pid)), key, label, tuple(choices))
            )
    return plan


def _value_of(files: list[Returned], pid: int, key: str) -> str | None:
    for f in files:
        if pid in f.values and f.values[pid][key] != f.base[pid][key]:
            return f.values[pid][key]
    return None


def _shown(value: str | None) -> str:
    return "（空）" if value is None else value


def decide(plan: MergePlan, conflict: Conflict, choice: str) -> None:
    """Take one of the conflict's choices (its shown value)."""
    if choice not in {value for _source, value in conflict.choices}:
        raise UserError(f"「{choice}」不是这一冲突的可选值。")
    plan.decisions[(conflict.project_id, conflict.key)] = None if choice == "（空）" else choice


def write_merge(session: Session, plan: MergePlan, mode: EntryMode) -> int:
    """Store the merged values (and decisions) in one transaction, as an import batch."""
    if plan.undecided():
        raise UserError(f"还有 {len(plan.undecided())} 处冲突未作选择，未写入任何数据。")
    values = {pid: dict(v) for pid, v in plan.values.items()}
    for (pid, key), chosen in plan.decisions.items():
        values.setdefault(pid, {})[key] = chosen
    with import_batch(
        session,
        source="、".join(f.file for f in plan.files),
        sheet="填报",
        kind="填报回收",
        rows=len(values),
    ) as batch:
        by_mode: dict[EntryMode, list[CellEntry]] = {}
        for pid, fields in values.items():
            for key, value in fields.items():
                if key == "actual_start":
                    project = session.get_one(Project, pid)
                    project.actual_start = dt.date.fromisoformat(value) if value else None
                elif key == "progress":
                    by_mode.setdefault(mode, []).append(CellEntry(pid, "progress", value))
                    session.get_one(Project, pid).latest_progress = value
                else:
                    amount = Decimal(value) if value is not None else None
                    entry_mode = EntryMode.MONTH if key == "month" else EntryMode.CUMULATIVE
                    by_mode.setdefault(entry_mode, []).append(CellEntry(pid, key, amount))  # type: ignore[arg-type]
        for entry_mode, entries in by_mode.items():
            save_entries(session, plan.year, plan.month, entries, entry_mode, commit=False)
    return batch.id


def merge_summary(plan: MergePlan) -> list[str]:
    """The merge as lines of text."""
    lines = [f"回收 {len(plan.files)} 个文件（{plan.year}年{plan.month}月）"]
    lines += [f"  {f.file}：{f.unit}，{len(f.values)} 个项目" for f in plan.files]
    changed = sum(len(v) for v in plan.values.values())
    lines.append(f"一致的修改 {changed} 处，冲突 {len(plan.conflicts)} 处")
    for conflict in plan.conflicts:
        options = "；".join(f"{source}：{value}" for source, value in conflict.choices)
        lines.append(f"冲突：{conflict.project}「{conflict.label}」—— {options}")
    lines += [f"错误：{p}" for p in plan.problems]
    return lines
