"""Exchange profiles (交换方案): which fields, in what order, under what header text, 万元 or 亿元,
which date format and which lists — saved by name in the database, used to export and to import.

Header texts may hold {year} and {month}: "{year}年计划投资", "1-{month}月完成投资".

A profile saved from a sending office's workbook also keeps how that layout was read (`reading`):
its header texts, header rows and each column's field as the clerk corrected them. The next
workbook with the same header is read the same way without being asked for.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.exchange.fields import PROBLEM_FIELDS, PROJECT_FIELDS, field_of
from app.exchange.header_detection import SheetLayout
from app.infra.errors import UserError
from db.models import ExchangeProfileRow

DEFAULT_NAME = "默认（附表格式）"
DATE_FORMATS = {
    "yyyy-mm-dd": "2022-08-31",
    "yyyy年m月d日": "2022年8月31日",
    "yyyy.m.d": "2022.8.31",
}


@dataclass(frozen=True)
class ProfileColumn:
    """A column: the field, the header written, and the group header above it (merged)."""

    key: str
    header: str
    group: str | None = None


@dataclass(frozen=True)
class SheetReading:
    """How one office's sheet layout is read: the header as found and as read, the header rows
    (1-based), and each column's field by index (None: not imported), as the clerk settled them."""

    kind: str  # "project" / "problem"
    found_signature: str  # the header texts where the header was found unaided ("" if none)
    signature: str  # the header texts of the rows below
    header_rows: tuple[int, int]
    columns: tuple[tuple[int, str | None], ...]
    office: str | None = None

    def apply(self, layout: SheetLayout) -> SheetLayout:
        """The layout with every column mapped as saved."""
        for index, key in self.columns:
            column = next((c for c in layout.columns if c.index == index), None)
            if column is not None and (column.key != key or key is None):
                layout = layout.remap(index, key, how="profile")
        return layout


@dataclass(frozen=True)
class ExchangeProfile:
    """A named exchange profile."""

    name: str
    columns: tuple[ProfileColumn, ...]
    unit: str = "万元"
    date_format: str = "yyyy-mm-dd"
    lists: tuple[str, ...] = ()  # names; empty means every list
    problems_sheet: bool = True
    supervision_sheet: bool = True
    reading: SheetReading | None = None

    def header(self, column: ProfileColumn, year: int, month: int) -> str:
        """The header text with {year} and {month} filled in."""
        return column.header.format(year=year, month=month)

    def known_headers(self) -> dict[str, str]:
        """Header text → field key, for reading a workbook written with this profile."""
        return {c.header: c.key for c in self.columns if "{" not in c.header}

    def to_json(self) -> str:
        """The profile as stored."""
        return json.dumps(asdict(self), ensure_ascii=False)

    @staticmethod
    def from_json(text: str) -> ExchangeProfile:
        """A stored profile."""
        data = json.loads(text)
        columns = tuple(ProfileColumn(**c) for c in data.pop("columns"))
        data["lists"] = tuple(data.get("lists", ()))
        reading = data.pop("reading", None)
        if reading is not None:
            reading["header_rows"] = tuple(reading["header_rows"])
            reading["columns"] = tuple((int(i), k) for i, k in reading["columns"])
            data["reading"] = SheetReading(**reading)
        return ExchangeProfile(columns=columns, **data)


DEFAULT_PROFILE = ExchangeProfile(
    DEFAULT_NAME,
    (
        ProfileColumn("number", "序号"),
        ProfileColumn("code", "项目代码"),
        ProfileColumn("name", "项目名称"),
        ProfileColumn("content", "建设内容及规模"),
        ProfileColumn("owner", "项目单位"),
        ProfileColumn("total_investment", "总投资", "投资情况"),
        ProfileColumn("annual_plan", "{year}年计划投资", "投资情况"),
        ProfileColumn("ytd_completed", "1-{month}月完成投资", "投资情况"),
        ProfileColumn("planned_start", "计划开工时间", "进度安排"),
        ProfileColumn("planned_finish", "计划竣工时间", "进度安排"),
        ProfileColumn("progress", "形象进度"),
        ProfileColumn("lead_unit", "责任单位"),
        ProfileColumn("leader", "包联领导"),
        ProfileColumn("remarks", "备注"),
    ),
)


def profile_names(session: Session) -> list[str]:
    """The built-in profile, then the saved ones by name."""
    saved = session.scalars(select(ExchangeProfileRow.name).order_by(ExchangeProfileRow.name))
    return [DEFAULT_NAME, *saved]


def load_profile(session: Session, name: str | None) -> ExchangeProfile:
    """The profile called `name` (None: the built-in one)."""
    if not name or name == DEFAULT_NAME:
        return DEFAULT_PROFILE
    row = session.scalar(select(ExchangeProfileRow).where(ExchangeProfileRow.name == name))
    if row is None:
        raise UserError(
            f"没有名为「{name}」的交换方案。可用的有：{'、'.join(profile_names(session))}。"
        )
    return ExchangeProfile.from_json(row.body)


def save_profile(session: Session, profile: ExchangeProfile) -> None:
    """Store (or replace) a profile; the built-in one cannot be overwritten."""
    name = " ".join(profile.name.split())
    if not name:
        raise UserError("交换方案需要一个名称。")
    if name == DEFAULT_NAME:
        raise UserError(f"「{DEFAULT_NAME}」是内置方案，不能覆盖，请另起名称。")
    problems = profile.reading is not None and profile.reading.kind == "problem"
    fields = PROBLEM_FIELDS if problems else PROJECT_FIELDS
    needed = "description" if problems else "name"
    if not any(c.key == needed for c in profile.columns):
        raise UserError(f"交换方案必须包含“{field_of(needed, fields).header}”一列。")
    unknown = [c.key for c in profile.columns if c.key not in {f.key for f in fields}]
    if unknown:
        raise UserError(f"交换方案含有未知字段：{'、'.join(unknown)}。")
    if profile.unit not in ("万元", "亿元"):
        raise UserError("金额单位只能是万元或亿元。")
    row = session.scalar(select(ExchangeProfileRow).where(ExchangeProfileRow.name == name))
    body = replace(profile, name=name).to_json()
    if row is None:
        session.add(ExchangeProfileRow(name=name, body=body))
    else:
        row.body = body
    session.commit()


def delete_profile(session: Session, name: str) -> None:
    """Delete a saved profile."""
    row = session.scalar(select(ExchangeProfileRow).where(ExchangeProfileRow.name == name))
    if row is not None:
        session.delete(row)
        session.commit()


def profile_from_layout(name: str, layout: SheetLayout) -> ExchangeProfile:
    """A profile made from a workbook an office sent: its mapped columns, headers and unit, and
    how its layout is read."""
    fields = layout.fields()
    columns = []
    for column in layout.columns:
        if column.key is None:
            continue
        group, _, header = column.header.rpartition("/")
        text = header or field_of(column.key, fields).header
        if column.key == "annual_plan" and column.year:
            text = text.replace(str(column.year), "{year}")
        if column.key == "ytd_completed" and column.month:
            text = text.replace(f"{column.month}月", "{month}月")
        columns.append(ProfileColumn(column.key, text, group or None))
    unit = next((c.unit for c in layout.columns if c.unit in ("万元", "亿元")), layout.unit)
    reading = SheetReading(
        layout.kind,
        layout.found_signature,
        layout.signature,
        (layout.header_rows[0] + 1, layout.header_rows[-1] + 1),
        tuple((c.index, c.key) for c in layout.columns),
        layout.office,
    )
    return ExchangeProfile(name, tuple(columns), unit=unit or "万元", reading=reading)


def saved_readings(session: Session) -> list[tuple[str, SheetReading]]:
    """Every saved profile that knows a sending office's layout, by name."""
    found = []
    for name, body in session.execute(
        select(ExchangeProfileRow.name, ExchangeProfileRow.body).order_by(ExchangeProfileRow.name)
    ):
        reading = ExchangeProfile.from_json(body).reading
        if reading is not None:
            found.append((name, reading))
    return found
