"""合计 and 小计 rows checked against the sums of the rows they total (at the top or the bottom of
a sheet, or closing a group); a total that does not add up is a note, never a refusal."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from app.exchange.cell_values import to_amount
from app.exchange.header_detection import SheetLayout
from app.exchange.header_text import plain
from app.exchange.plan_model import Issue
from app.infra.errors import UserError
from app.values.value_text import value_text

_FACTORS = {"亿元": Decimal(10000), "元": Decimal("0.0001")}
_AMOUNT_KEYS = frozenset(
    {"total_investment", "annual_plan", "campaign_target", "ytd_completed", "month_completed",
     "bond_issued", "bond_spent"}
)  # fmt: skip


class SheetTotals:
    """Running sums of a sheet's amount columns, checked at each 合计/小计 row."""

    def __init__(self, file: str, sheet: str, layout: SheetLayout) -> None:
        self._file, self._sheet = file, sheet
        self._columns = [c for c in layout.columns if c.key in _AMOUNT_KEYS]
        self._unit = layout.unit
        self.sums: dict[int, Decimal] = {}  # every data row's amounts, by column (0.01 万元)
        self._group_start: dict[int, Decimal] = {}  # the sums where the current group began
        self._pending: list[tuple[int, list[Any], bool]] = []  # totals above their rows
        self.issues: list[Issue] = []

    def add(self, column: int, amount: Decimal) -> None:
        """A data row's amount in `column` (the import adds to `sums` itself, for speed)."""
        self.sums[column] = self.sums.get(column, Decimal(0)) + amount

    def _since_group(self) -> dict[int, Decimal]:
        return {k: v - self._group_start.get(k, Decimal(0)) for k, v in self.sums.items()}

    def total_row(self, index: int, cells: list[Any]) -> None:
        """A 合计 (all rows) or 小计 (the rows since the last group) row."""
        label = next((plain(c) for c in cells if isinstance(c, str) and c.strip()), "")
        is_group = label.startswith("小计")
        if not self.sums and not is_group:
            self._pending.append((index, cells, False))  # a 合计 at the top: checked at the end
            return
        self._check(index, cells, self._since_group() if is_group else self.sums)
        if is_group:
            self._group_start = dict(self.sums)

    def group_row(self, index: int, cells: list[Any]) -> None:
        """A grouping row: closes the group before it; its own amounts total the rows under it."""
        self._close_groups()
        self._group_start = dict(self.sums)
        if any(
            isinstance(cells[c.index], (int, float)) for c in self._columns if c.index < len(cells)
        ):
            self._pending.append((index, cells, True))

    def _close_groups(self) -> None:
        for index, cells, _group in [p for p in self._pending if p[2]]:
            self._check(index, cells, self._since_group())
        self._pending = [p for p in self._pending if not p[2]]

    def finish(self) -> list[Issue]:
        """Check the totals still open; the notes found."""
        self._close_groups()
        for index, cells, _group in self._pending:
            self._check(index, cells, self.sums)
        return self.issues

    def _check(self, index: int, cells: list[Any], sums: dict[int, Decimal]) -> None:
        if not sums:
            return
        for column in self._columns:
            raw = cells[column.index] if column.index < len(cells) else None
            unit = column.unit or self._unit
            try:
                stated = to_amount(raw, _FACTORS.get(unit, Decimal(1)))
            except UserError:  # a 合计 cell with words in it says nothing to check
                continue
            ours = sums.get(column.index)
            if stated is None or ours is None:
                continue
            if abs(stated - ours) > _tolerance(raw, unit):
                self.issues.append(
                    Issue(
                        self._file,
                        self._sheet,
                        index + 1,
                        column.letter,
                        column.header,
                        f"表中合计为 {value_text(stated)} 万元，各行相加为 "
                        f"{value_text(ours)} 万元，相差 {value_text(abs(stated - ours))} 万元，"
                        "请核对。",
                        error=False,
                    )
                )


def _tolerance(raw: Any, unit: str) -> Decimal:
    """One unit of the last digit the total shows (in 万元), at least 0.01 万元."""
    try:
        exponent = Decimal(repr(raw) if isinstance(raw, float) else str(raw).replace(",", ""))
        places = -int(exponent.as_tuple().exponent)
    except (InvalidOperation, ValueError, TypeError):
        places = 2
    step = Decimal(1).scaleb(-max(places, 0)) * _FACTORS.get(unit, Decimal(1))
    return max(step, Decimal("0.01"))
