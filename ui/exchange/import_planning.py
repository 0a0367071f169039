"""The import preview's plan, made in a worker's session: the clerk's answer to a workbook of
another year decides the campaign and the year read; units that look the same are proposed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ui.exchange.preview_checks import AS_THIS_YEAR, INTO_MATCHING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.exchange.header_detection import SheetLayout
    from app.exchange.import_period import PeriodMismatch
    from app.exchange.import_plan import ImportPlan
    from app.infra.progress import Progress
    from app.projects.unit_matching import UnitMatch


@dataclass(frozen=True)
class PlanRequest:
    """What the wizard's first two steps settled: the files, how each sheet is read, where to."""

    files: list[Path]
    layouts: dict[tuple[str, str], SheetLayout]
    list_name: str | None
    include_hidden: bool
    shown_campaign_id: int | None
    period_answer: str | None  # INTO_MATCHING, AS_THIS_YEAR, or None (not asked yet)


class Planned(NamedTuple):
    """The plan, the year mismatch found, the campaign written into, the units to merge."""

    plan: ImportPlan
    mismatch: PeriodMismatch | None
    target_campaign_id: int | None
    unit_proposals: list[UnitMatch]


def plan_for_period(session: Session, progress: Progress, request: PlanRequest) -> Planned:
    """Plan the import into the campaign the period answer names (run off the window's thread)."""
    from app.exchange.import_period import check_period, relabel_year, workbook_year
    from app.exchange.import_plan import plan_import
    from app.projects.unit_matching import incoming_unit_names, propose_unit_merges, stored_units

    layouts, shown = request.layouts, request.shown_campaign_id
    mismatch = check_period(session, shown, workbook_year(layouts.values()))
    target, read = shown, layouts
    if mismatch is not None and request.period_answer == INTO_MATCHING:
        target = mismatch.matching_id
    elif mismatch is not None and request.period_answer == AS_THIS_YEAR:
        read = dict(
            zip(layouts, relabel_year(layouts.values(), mismatch.campaign_years[0]), strict=True)
        )
    plan = plan_import(
        session,
        request.files,
        list_name=request.list_name,
        include_hidden=request.include_hidden,
        layouts=read,
        progress=progress,
        campaign_id=target,
    )
    names = incoming_unit_names(r.values for r in plan.rows if r.include)
    return Planned(plan, mismatch, target, propose_unit_merges(names, stored_units(session)))
