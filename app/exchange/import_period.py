"""A workbook of another year than the chosen campaign's: say so, and offer the campaign it fits.

Offices keep last year's tables beside this year's; importing 2022's 附表 into the 2026 campaign
would overwrite this year's projects with last year's figures. The preview names both years and
the clerk chooses: into the campaign of the workbook's year (when there is one), as this year's,
or not at all (issue 14).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Campaign

_YEAR = re.compile(r"(20\d{2})\s*年")


class _Layout(Protocol):
    """What a sheet's layout tells of its year (SheetLayout has these)."""

    @property
    def title(self) -> str | None:
        """The sheet's title line."""

    @property
    def columns(self) -> Any:
        """Its columns, each with the year its header names."""


@dataclass(frozen=True)
class PeriodMismatch:
    """The workbook's year, the chosen campaign's, and a campaign of the workbook's year."""

    workbook_year: int
    campaign_name: str
    campaign_years: tuple[int, int]
    matching_id: int | None
    matching_name: str | None

    @property
    def text(self) -> str:
        """表格是 2022 年的，当前攻坚行动是 2026 年."""
        first, last = self.campaign_years
        years = f"{first}" if first == last else f"{first}—{last}"
        return (
            f"表格是 {self.workbook_year} 年的，当前攻坚行动是 {years} 年"
            f"（「{self.campaign_name}」）"
        )


def workbook_year(layouts: Iterable[_Layout]) -> int | None:
    """The year the workbook itself names: in a sheet's title, else in a column's header.

    A layout's own `year` may have been filled in from the campaign; this looks only at what
    the sheets say.
    """
    found: list[int] = []
    for layout in layouts:
        title = unicodedata.normalize("NFKC", layout.title or "")
        if match := _YEAR.search(title):
            found.append(int(match.group(1)))
            continue
        for column in layout.columns:
            year = getattr(column, "year", None)
            if year:
                found.append(int(year))
                break
    return max(set(found), key=found.count) if found else None


def check_period(
    session: Session, campaign_id: int | None, year: int | None
) -> PeriodMismatch | None:
    """A mismatch when the workbook names a year outside the chosen campaign's period."""
    if year is None or campaign_id is None:
        return None
    campaign = session.get(Campaign, campaign_id)
    if campaign is None:
        return None
    years = (campaign.start_date.year, campaign.end_date.year)
    if years[0] <= year <= years[1]:
        return None
    matching = session.scalars(
        select(Campaign)
        .where(Campaign.id != campaign_id)
        .order_by(Campaign.end_date.desc(), Campaign.id.desc())
    ).all()
    fits = next((c for c in matching if c.start_date.year <= year <= c.end_date.year), None)
    return PeriodMismatch(
        year,
        campaign.name,
        years,
        fits.id if fits is not None else None,
        fits.name if fits is not None else None,
    )


def relabel_year(layouts: Iterable[Any], year: int) -> list[Any]:
    """The layouts read as `year`'s (导入为本年度): the sheet's and its columns' years replaced."""
    from dataclasses import replace

    relabelled = []
    for layout in layouts:
        columns = [
            replace(column, year=year) if getattr(column, "year", None) else column
            for column in layout.columns
        ]
        relabelled.append(replace(layout, year=year, columns=type(layout.columns)(columns)))
    return relabelled
