"""Editing the holiday table per year (设置 → 节假日): by hand, from a small sheet, or reset."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, extract, select
from sqlalchemy.orm import Session

from app.infra.errors import UserError
from app.schedule.holidays import package_days
from app.values.date_format import chinese_date
from app.values.date_text import parse_date
from db.enums import HolidayKind
from db.models import HolidayDay

# Words offices use in a holiday sheet's 类型 column.
_KIND_WORDS = {
    "法定节假日": HolidayKind.HOLIDAY,
    "节假日": HolidayKind.HOLIDAY,
    "放假": HolidayKind.HOLIDAY,
    "休": HolidayKind.HOLIDAY,
    "假": HolidayKind.HOLIDAY,
    "调休上班": HolidayKind.MAKEUP_WORKDAY,
    "上班": HolidayKind.MAKEUP_WORKDAY,
    "班": HolidayKind.MAKEUP_WORKDAY,
    "补班": HolidayKind.MAKEUP_WORKDAY,
}


@dataclass(frozen=True)
class HolidayRow:
    """One day as shown in the editor."""

    id: int
    day: dt.date
    kind: HolidayKind
    name: str


def years(session: Session) -> list[int]:
    """Years that have holiday data."""
    return sorted({day.year for day in session.scalars(select(HolidayDay.day))})


def days_of(session: Session, year: int) -> list[HolidayRow]:
    """The year's days in date order."""
    rows = session.scalars(
        select(HolidayDay).where(extract("year", HolidayDay.day) == year).order_by(HolidayDay.day)
    )
    return [HolidayRow(r.id, r.day, r.kind, r.name or "") for r in rows]


def add_day(session: Session, day: dt.date, kind: HolidayKind, name: str) -> None:
    """Add one day; a date already in the table is refused. Commits."""
    if session.scalars(select(HolidayDay.id).where(HolidayDay.day == day)).first() is not None:
        raise UserError(f"{chinese_date(day)}已在节假日表中，如需修改请先删除。")
    session.add(HolidayDay(day=day, kind=kind, name=name.strip() or None))
    session.commit()


def delete_days(session: Session, ids: list[int]) -> int:
    """Delete the given days. Commits; returns how many."""
    for row in session.scalars(select(HolidayDay).where(HolidayDay.id.in_(ids))):
        session.delete(row)
    session.commit()
    return len(ids)


def reset_year(session: Session, year: int) -> int:
    """Replace a year by the package's data (only for years the package knows). Commits."""
    days = package_days(year, year)
    if not days:
        raise UserError(f"内置数据中没有 {year} 年的节假日安排，请手工录入或从表格导入。")
    for row in session.scalars(select(HolidayDay).where(extract("year", HolidayDay.day) == year)):
        session.delete(row)
    session.flush()
    session.add_all(HolidayDay(day=d, kind=k, name=n) for d, k, n in days)
    session.commit()
    return len(days)


def read_sheet(path: Path) -> list[tuple[dt.date, HolidayKind, str]]:
    """Days from a small sheet with columns 日期, 类型, 名称 (header in the first row).

    Every bad cell is named by sheet, row and column; nothing is returned unless all are good.
    """
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for files that are not workbooks
        raise UserError(
            f"无法读取「{path.name}」：它不是有效的 .xlsx 表格（{exc.__class__.__name__}）。"
        ) from exc
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(c or "").strip() for c in next(rows, ())]
    try:
        date_col, kind_col = header.index("日期"), header.index("类型")
    except ValueError:
        raise UserError(
            f"工作表「{sheet.title}」第 1 行应有“日期”和“类型”两列（可另有“名称”）。"
        ) from None
    name_col = header.index("名称") if "名称" in header else None
    days, problems = [], []
    for number, cells in enumerate(rows, start=2):
        if not cells or all(c is None or str(c).strip() == "" for c in cells):
            continue
        raw_day, raw_kind = cells[date_col], str(cells[kind_col] or "").strip()
        try:
            if isinstance(raw_day, dt.datetime):
                day: dt.date | None = raw_day.date()
            elif isinstance(raw_day, dt.date):
                day = raw_day
            else:
                day = parse_date(str(raw_day or ""))
            if day is None:
                raise UserError("日期为空")
        except UserError as exc:
            problems.append(f"工作表「{sheet.title}」第 {number} 行“日期”列：{exc.message}")
            continue
        kind = _KIND_WORDS.get(raw_kind)
        if kind is None:
            problems.append(
                f"工作表「{sheet.title}」第 {number} 行“类型”列：「{raw_kind}」应为“放假”或“上班”。"
            )
            continue
        name = str(cells[name_col] or "").strip() if name_col is not None else ""
        days.append((day, kind, name))
    book.close()
    if problems:
        raise UserError("表格中有错误，未导入任何数据：\n" + "\n".join(problems[:30]))
    if not days:
        raise UserError(f"工作表「{sheet.title}」中没有任何日期。")
    return days


def import_days(session: Session, days: list[tuple[dt.date, HolidayKind, str]]) -> int:
    """Replace the years the sheet covers by its days, all or nothing. Commits."""
    covered = {day.year for day, _, _ in days}
    seen: set[dt.date] = set()
    for day, _, _ in days:
        if day in seen:
            raise UserError(f"表格中 {chinese_date(day)} 出现了两次，未导入任何数据。")
        seen.add(day)
    for year in covered:
        session.execute(delete(HolidayDay).where(extract("year", HolidayDay.day) == year))
    session.add_all(HolidayDay(day=d, kind=k, name=n or None) for d, k, n in days)
    session.commit()
    return len(days)


YearDays = dict[int, list[tuple[dt.date, HolidayKind, str]]]


def snapshot_years(session: Session, covered: set[int]) -> YearDays:
    """The days of each year in `covered` as stored now (an undo writes them back)."""
    return {year: [(r.day, r.kind, r.name) for r in days_of(session, year)] for year in covered}


def restore_years(session: Session, snapshot: YearDays) -> None:
    """Make each year of `snapshot` hold exactly its days again. Commits."""
    for year in snapshot:
        session.execute(delete(HolidayDay).where(extract("year", HolidayDay.day) == year))
    session.add_all(
        HolidayDay(day=d, kind=k, name=n or None) for days in snapshot.values() for d, k, n in days
    )
    session.commit()


def years_of_days(session: Session, ids: list[int]) -> set[int]:
    """The years the given days fall in."""
    chosen = select(HolidayDay.day).where(HolidayDay.id.in_(ids))
    return {day.year for day in session.scalars(chosen)}
