"""下发 / 回收: a fill-in workbook per responsible unit, and merging the returned files.

The workbook itself is app/exchange/fill_in_book.py. A returned file is read cell by cell
(app/exchange/fill_in_returned.py): a bad cell is refused with its file, sheet, row and column, the
rest of the file is merged. Returned
files are merged together: the same project changed by two files, or changed here since the
export, is a conflict shown side by side for a decision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.exchange.fill_in_book import LABELS, RETURNED_KEYS, BookRow, write_book
from app.exchange.fill_in_returned import Base, Returned, read_returned
from app.exchange.import_write import import_batch
from app.infra.errors import UserError
from app.infra.file_names import file_name_part
from app.infra.progress import Progress, no_progress
from app.infra.write_lock import take_write_lock
from app.reports.monthly_reports import CellEntry, EntryMode, load_month, save_entries
from db.models import MonthlyReport, Project, Unit


def _current(
    session: Session, project_ids: Iterable[int], year: int, month: int
) -> dict[int, Base]:
    """Each project's fill-in fields as stored now (strings, so they compare and travel in JSON)."""
    ids = list(project_ids)
    values: dict[int, Base] = {pid: dict.fromkeys(RETURNED_KEYS) for pid in ids}
    for pid, start in session.execute(
        select(Project.id, Project.actual_start).where(Project.id.in_(ids))
    ):
        values[pid]["actual_start"] = start.isoformat() if start else None
    for pid, amount, total, progress, bond in session.execute(
        select(
            MonthlyReport.project_id,
            MonthlyReport.investment_month,
            MonthlyReport.investment_year,
            MonthlyReport.progress,
            MonthlyReport.bond_spent,
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
            bond=f"{bond:.2f}" if bond is not None else None,
        )
    return values


def export_fill_ins(
    session: Session,
    campaign_id: int | None,
    unit_ids: list[int],
    year: int,
    month: int,
    folder: Path,
    office: str = "",
    progress: Progress | None = None,
    mode: EntryMode = EntryMode.MONTH,
) -> list[Path]:
    """下发: a fill-in workbook per unit into `folder` ("单位_2022年7月填报表.xlsx")."""
    report = progress or no_progress()
    written = []
    for done, unit_id in enumerate(unit_ids):
        unit = session.get(Unit, unit_id)
        if unit is None:
            raise UserError("该责任单位不存在。")
        report(done, len(unit_ids), f"正在生成「{unit.name}」的填报表…")
        out = folder / f"{file_name_part(unit.name)}_{year}年{month}月填报表.xlsx"
        export_fill_in(session, campaign_id, unit_id, year, month, out, office, mode)
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
    mode: EntryMode = EntryMode.MONTH,
) -> int:
    """Write the unit's fill-in workbook of the campaign; return the number of projects in it."""
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise UserError("该责任单位不存在。")
    month_rows = [r for r in load_month(session, campaign_id, year, month) if r.unit_id == unit_id]
    if not month_rows:
        raise UserError(f"「{unit.name}」没有负责的项目，无需下发。")
    ids = [r.project_id for r in month_rows]
    codes = dict(session.execute(select(Project.id, Project.code).where(Project.id.in_(ids))).all())
    base = _current(session, ids, year, month)
    rows = [
        BookRow(
            r.project_id,
            codes.get(r.project_id) or "",
            r.name,
            r.list_name,
            r.previous,
            r.bond_issued,
            base[r.project_id],
        )
        for r in month_rows
    ]
    write_book(out, unit_id, unit.name, year, month, mode, rows, office)
    return len(rows)


@dataclass(frozen=True)
class Conflict:
    """A field two sources want different values for; `choices` are (source, value)."""

    project_id: int
    project: str
    key: str
    label: str
    choices: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class FileCount:
    """What a returned file brings: values to write, values to choose between, cells refused."""

    file: str
    unit: str
    to_write: int
    to_choose: int
    refused: int


@dataclass
class MergePlan:
    """What merging the returned files would store, and the conflicts to decide."""

    year: int
    month: int
    files: list[Returned]
    values: dict[int, Base] = field(default_factory=dict)  # agreed changes
    conflicts: list[Conflict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # files refused whole
    decisions: dict[tuple[int, str], str | None] = field(default_factory=dict)

    def undecided(self) -> list[Conflict]:
        """Conflicts without a decision yet."""
        return [c for c in self.conflicts if (c.project_id, c.key) not in self.decisions]

    def refused(self) -> list[str]:
        """Every bad cell of every file, with its file, sheet, row and column."""
        return [message for f in self.files for message in f.refused]

    def counts(self) -> list[FileCount]:
        """Per file: how many of its values will be written, need a choice, were refused."""
        found = []
        for f in self.files:
            to_write = to_choose = 0
            for pid, got in f.values.items():
                for key, value in got.items():
                    if value == f.base[pid][key]:
                        continue
                    if any(c.project_id == pid and c.key == key for c in self.conflicts):
                        to_choose += 1
                    else:
                        to_write += 1
            found.append(FileCount(f.file, f.unit, to_write, to_choose, len(f.refused)))
        return found


HERE = "本库现有"


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
    return _merged(session, MergePlan(year, month, files, problems=problems))


def _merged(session: Session, plan: MergePlan) -> MergePlan:
    """`plan` with its files' values merged against the database as it is now."""
    files = plan.files
    ids = {pid for f in files for pid in f.values}
    now = _current(session, ids, plan.year, plan.month)
    names = dict(session.execute(select(Project.id, Project.name).where(Project.id.in_(ids))).all())
    for pid in sorted(ids):
        for key in RETURNED_KEYS:
            wanted: dict[str, list[str]] = {}
            for f in files:
                if pid not in f.values or key not in f.values[pid]:
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
                Conflict(pid, names.get(pid, str(pid)), key, LABELS[key], tuple(choices))
            )
    return plan


def _value_of(files: list[Returned], pid: int, key: str) -> str | None:
    for f in files:
        if key in f.values.get(pid, {}) and f.values[pid][key] != f.base[pid][key]:
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
    """Store the merged values (and decisions) in one transaction, as an import batch.

    Merged again under the database's write lock: a field changed here since the preview is a
    new conflict, and nothing is written until the clerk has seen it.
    """
    if plan.undecided():
        raise UserError(f"还有 {len(plan.undecided())} 处冲突未作选择，未写入任何数据。")
    take_write_lock(session)
    try:
        fresh = _merged(session, MergePlan(plan.year, plan.month, plan.files))
        new = [c for c in fresh.conflicts if (c.project_id, c.key) not in plan.decisions]
        if new:
            raise UserError(
                f"预览之后数据库已有变化：「{new[0].project}」的{new[0].label}等 {len(new)} 处"
                "与交回的表格冲突，未写入任何数据。请重新回收合并。"
            )
    except BaseException:
        session.rollback()
        raise
    values = {pid: dict(v) for pid, v in fresh.values.items()}
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
                elif key == "bond":
                    amount = Decimal(value) if value is not None else None
                    by_mode.setdefault(mode, []).append(CellEntry(pid, "bond", amount))
                else:
                    amount = Decimal(value) if value is not None else None
                    entry_mode = EntryMode.MONTH if key == "month" else EntryMode.CUMULATIVE
                    by_mode.setdefault(entry_mode, []).append(CellEntry(pid, key, amount))  # type: ignore[arg-type]
        for entry_mode, entries in by_mode.items():
            save_entries(session, plan.year, plan.month, entries, entry_mode, commit=False)
    return batch.id


def merge_summary(plan: MergePlan) -> list[str]:
    """The merge as lines of text: per file what is written, to choose and refused."""
    lines = [f"回收 {len(plan.files)} 个文件（{plan.year}年{plan.month}月）"]
    for count in plan.counts():
        parts = [f"将写入 {count.to_write} 个值"]
        if count.to_choose:
            parts.append(f"{count.to_choose} 个值与他方不一致，待选择")
        if count.refused:
            parts.append(f"{count.refused} 个格子有误，不写入")
        lines.append(f"  {count.file}（{count.unit}）：" + "，".join(parts))
    changed = sum(len(v) for v in plan.values.values())
    lines.append(
        f"一致的修改 {changed} 处" + (f"，冲突 {len(plan.conflicts)} 处" if plan.conflicts else "")
    )
    for conflict in plan.conflicts:
        options = "；".join(f"{source}：{value}" for source, value in conflict.choices)
        lines.append(f"冲突：{conflict.project}「{conflict.label}」—— {options}")
    lines += [f"不写入：{message}" for message in plan.refused()]
    lines += [f"未读取：{p}" for p in plan.problems]
    return lines
