"""The data rows of a project sheet as planned rows: each cell typed, values outside a vocabulary
mapped or kept in a note, grouping rows giving the list or area of the rows under them, marks
after a name taken off, and 合计/小计 rows checked against the rows' own sums."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.exchange.cell_typing import Reader, cell_reader
from app.exchange.column_assignment import JOINED, NOTED
from app.exchange.fields import PROJECT_FIELDS, ExchangeField, field_of
from app.exchange.header_detection import SheetLayout
from app.exchange.plan_model import UNSORTED, Issue, PlannedRow, ValueNote
from app.exchange.reading import SheetGrid
from app.exchange.row_frame import Group, RowKind, group_of, legend, row_kind, strip_marks
from app.exchange.sheet_totals import SheetTotals
from app.infra.errors import UserError
from app.values.value_text import value_text
from db.enums import ProjectLevel

_ZERO = Decimal(0)
_REPORTED = {"ytd_completed": "investment_year", "month_completed": "investment_month"}
_LEVEL_IN_LEGEND = (("省", ProjectLevel.PROVINCE), ("市", ProjectLevel.CITY),
                    ("区", ProjectLevel.DISTRICT), ("县", ProjectLevel.DISTRICT))  # fmt: skip


@dataclass(frozen=True)
class _Reader:
    """One mapped column, with everything the cell loop needs looked up once."""

    index: int
    spec: ExchangeField
    read: Reader
    key: str
    role: str
    unit: str
    year: int | None
    report: tuple[int, int, str] | None  # (year, month, MonthlyReport field) of a monthly amount
    letter: str
    header: str
    amount: bool


def _readers(layout: SheetLayout) -> list[_Reader]:
    readers = []
    for c in layout.columns:
        if c.key is None or c.key == "number":
            continue
        report = None
        if c.key in _REPORTED and c.month and layout.year:
            report = (c.year or layout.year, c.month, _REPORTED[c.key])
        readers.append(
            _Reader(
                c.index,
                spec := field_of(c.key, PROJECT_FIELDS),
                cell_reader(spec, c.unit or layout.unit, c.year or layout.year),
                c.key,
                c.role,
                c.unit or layout.unit,
                c.year or layout.year,
                report,
                c.letter,
                c.header,
                spec.kind == "amount",
            )
        )
    return readers


def sheet_rows(
    file: str, sheet: SheetGrid, layout: SheetLayout, list_override: str | None
) -> tuple[list[PlannedRow], list[Issue], dict[str, int]]:
    """The sheet's planned rows, its sheet-level notes (totals that do not add up), and how many
    rows of each other kind (合计, grouping, note) were passed over."""
    planned: list[PlannedRow] = []
    readers = _readers(layout)
    has_list_column = layout.column("list") is not None
    default_list = list_override or layout.list_name or UNSORTED
    name_column = layout.column("name")
    name_index = name_column.index if name_column else None
    wide = _wide_merged_rows(sheet, layout.first_data_row)
    totals = SheetTotals(file, sheet.name, layout)
    skipped = {"合计/小计行": 0, "分组行": 0, "说明行": 0}
    notes_below: list[str] = []
    group: Group | None = None
    rows = sheet.rows
    for index in range(layout.first_data_row, len(rows)):
        cells = rows[index]
        kind = row_kind(cells, name_index, index in wide)
        if kind is not RowKind.DATA:
            if kind is RowKind.NOTE:
                skipped["说明行"] += 1
                notes_below += [str(c) for c in cells if isinstance(c, str) and c.strip()]
            elif kind is RowKind.TOTAL:
                skipped["合计/小计行"] += 1
                totals.total_row(index, cells)
            elif kind is RowKind.GROUP:
                skipped["分组行"] += 1
                group = group_of(cells, name_index, index in wide)
                totals.group_row(index, cells)
            continue
        row = PlannedRow(
            file, sheet.name, index + 1, {}, default_list, list_number=layout.list_number
        )
        _read_cells(row, cells, readers, totals)
        if group is not None and not (has_list_column and group.names == "list"):
            _apply_group(row, group, list_override)
        if not _named(row, name_column.letter if name_column else None):
            continue
        _cross_check(row)
        planned.append(row)
    _apply_marks(planned, notes_below)
    for row in planned:
        _fold_notes(row)
    return planned, totals.finish(), skipped


def _named(row: PlannedRow, letter: str | None) -> bool:
    """The row's name with its marks (★, ▲ …) taken off; an empty name is an issue on the row,
    and False for a row with nothing at all in it (passed over)."""
    name = row.values.get("name")
    if isinstance(name, str):
        row.values["name"], row.marks = strip_marks(name)
    if not row.values.get("name"):
        if not (row.values or row.reports or row.notes or row.extra):
            return False
        row.issues.append(
            Issue(
                row.file, row.sheet, row.row, letter, "项目名称", "项目名称为空，这一行无法导入。"
            )
        )
    return True


def _read_cells(
    row: PlannedRow, cells: list[Any], readers: list[_Reader], totals: SheetTotals
) -> None:
    """Each mapped cell of a data row, typed into the row (this loop runs for every cell)."""
    width = len(cells)
    values = row.values
    sums = totals.sums
    for reader in readers:
        if reader.index >= width:
            continue
        value = cells[reader.index]
        if value is None or value == "" or (type(value) is str and value.isspace()):
            continue
        try:
            typed, word = reader.read(value)
        except UserError as exc:
            _keep_as_note(row, reader.letter, reader.spec.header, value, exc.message)
            continue
        if typed is None:
            continue
        if word:
            outcome = f"按“{value_text(typed)}”导入"
            note = ValueNote(row.file, row.sheet, reader.letter, reader.spec.header, word, outcome)
            row.notes.append(note)
        key = reader.key
        if reader.amount:
            sums[reader.index] = sums.get(reader.index, _ZERO) + typed
        if reader.role == NOTED:
            row.extra.append(f"{reader.header}：{value_text(typed)}")
        elif reader.report is not None:
            row.report(*reader.report, typed)
        elif key == "list":
            row.list_name = str(typed)
        elif reader.role == JOINED and key in values:
            values[key] = _joined(key, values[key], typed)
        else:
            values[key] = typed


def _joined(key: str, held: Any, more: Any) -> Any:
    """A further column of a joined field: 联系人 + 电话, names, texts."""
    if key == "progress":
        return more  # a series of months' progress (8月 … 12月): the latest that is filled
    if isinstance(held, tuple):
        return tuple(dict.fromkeys((*held, *more)))
    return f"{held} {more}" if key == "contact" else f"{held}；{more}"


def _wide_merged_rows(sheet: SheetGrid, first: int) -> set[int]:
    """Rows under the header that are one cell merged across three columns or more."""
    return {r1 for r1, c1, r2, c2 in sheet.merges if r1 >= first and r1 == r2 and c2 - c1 >= 2}


def _apply_group(row: PlannedRow, group: Group, list_override: str | None) -> None:
    """A grouping row above: its label is the row's list, area or responsible unit."""
    if group.names == "list":
        if not list_override:
            row.list_name = group.label
            row.list_number = None
    elif group.names not in row.values:
        row.values[group.names] = group.label


def _keep_as_note(row: PlannedRow, letter: str, label: str, value: Any, message: str) -> None:
    """An unreadable value: the row is imported without it, the text is kept in 备注."""
    text = " ".join(str(value).split())[:200]
    row.notes.append(ValueNote(row.file, row.sheet, letter, label, text, "无法识别，原文记入备注"))
    row.issues.append(
        Issue(row.file, row.sheet, row.row, letter, label, f"{message}；原文已记入备注。", False)
    )


def _apply_marks(rows: list[PlannedRow], notes_below: list[str]) -> None:
    """★ after a name: what the sheet's legend says it means (a level, or a note)."""
    if not any(r.marks for r in rows):
        return
    meanings = dict(found for text in notes_below if (found := legend(text)))
    for row in rows:
        if not row.marks:
            continue
        for mark in row.marks:
            meaning = meanings.get(mark)
            level = _level_in(meaning) if meaning else None
            if level is not None and "level" not in row.values:
                row.values["level"] = level
                outcome = f"按表注“{mark}为{meaning}”导入为{level.value}"
            else:
                outcome = f"标记“{mark}”" + (f"（{meaning}）" if meaning else "") + "记入备注"
            row.notes.append(ValueNote(row.file, row.sheet, None, "名称后的标记", mark, outcome))


def _level_in(meaning: str) -> ProjectLevel | None:
    if "重点" not in meaning:
        return None
    return next((level for word, level in _LEVEL_IN_LEGEND if meaning.startswith(word)), None)


def _fold_notes(row: PlannedRow) -> None:
    """Values kept as notes go into 备注 after what the sheet's own 备注 says."""
    kept = [
        f"{n.field}：{n.value}"
        for n in row.notes
        if n.outcome.endswith("记入备注") and n.field != "名称后的标记"
    ] + [f"标记{n.value}" for n in row.notes if n.field == "名称后的标记" and "备注" in n.outcome]
    kept += row.extra
    if not kept:
        return
    own = row.values.get("remarks")
    row.values["remarks"] = "；".join([*([own] if own else []), *kept])


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
