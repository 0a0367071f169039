"""Units written two ways: 发改局 / 区发改局 / 滨海新区发改局 differ only by a place prefix.

Offices write the same department with and without their district's name. An import that
created 区发改局 beside an existing 发改局 splits a unit's projects, its ranking and its fill-in
workbook in two; the import preview proposes such pairs for merging instead (issue 14).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

# A prefix is a place when it ends with one of these (区, 滨海新区, 保税区, 东丽区, 市, 县 …).
PLACE_ENDINGS = ("区", "市", "县", "省", "镇", "乡", "街道", "管委会", "开发区", "园区")
MIN_REST = 2  # "局" alone is no department
UNIT_KEYS = ("lead_unit", "owner")  # import values naming one unit
UNITS_KEYS = ("cooperating_units",)  # import values naming several


@dataclass(frozen=True)
class UnitMatch:
    """A name in the workbook that is an existing (or another incoming) unit with a prefix."""

    incoming: str
    existing: str
    existing_id: int | None  # None: both names come from the workbook
    prefix: str

    @property
    def text(self) -> str:
        """The proposal as the preview words it."""
        where = "已有的" if self.existing_id is not None else "表中另一处的"
        return (
            f"「{self.incoming}」与{where}「{self.existing}」只差前缀“{self.prefix}”，"
            f"建议合并为「{self.existing}」"
        )


def _clean(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


def place_prefix(longer: str, shorter: str) -> str | None:
    """The place prefix that makes `shorter` into `longer` (区发改局, 发改局 → 区), or None."""
    longer, shorter = _clean(longer), _clean(shorter)
    if len(shorter) < MIN_REST or len(longer) <= len(shorter) or not longer.endswith(shorter):
        return None
    prefix = longer[: len(longer) - len(shorter)]
    return prefix if prefix.endswith(PLACE_ENDINGS) else None


def propose_unit_merges(incoming: Iterable[str], existing: Mapping[str, int]) -> list[UnitMatch]:
    """Every incoming name not stored as is that differs from a stored (else another incoming)
    name only by a place prefix; the shorter, stored name is the one proposed."""
    names = sorted({_clean(n) for n in incoming if n and _clean(n)})
    stored = {_clean(name): unit_id for name, unit_id in existing.items()}
    proposals: list[UnitMatch] = []
    for name in names:
        if name in stored:
            continue
        found = _best(name, stored)
        if found is not None:
            target, prefix = found
            proposals.append(UnitMatch(name, target, stored[target], prefix))
            continue
        others = {other: 0 for other in names if other != name and other not in stored}
        found = _best(name, others)
        if found is not None:
            target, prefix = found
            proposals.append(UnitMatch(name, target, None, prefix))
    return proposals


def _best(name: str, candidates: Mapping[str, int]) -> tuple[str, str] | None:
    """The candidate `name` is a prefixed form of, the longest (most specific) first."""
    matches = [
        (candidate, prefix)
        for candidate in candidates
        if (prefix := place_prefix(name, candidate)) is not None
    ]
    if not matches:
        return None
    return max(matches, key=lambda match: len(match[0]))


def incoming_unit_names(rows: Iterable[Mapping[str, Any]]) -> set[str]:
    """The unit names an import's row values carry."""
    names: set[str] = set()
    for values in rows:
        for key in UNIT_KEYS:
            if isinstance(values.get(key), str):
                names.add(values[key])
        for key in UNITS_KEYS:
            several = values.get(key)
            if isinstance(several, tuple | list):
                names.update(n for n in several if isinstance(n, str))
    return names


def rename_units(values: dict[str, Any], renamed: Mapping[str, str]) -> None:
    """Replace merged names in one row's values (in place), dropping doubles in lists."""
    if not renamed:
        return
    for key in UNIT_KEYS:
        name = values.get(key)
        if isinstance(name, str) and _clean(name) in renamed:
            values[key] = renamed[_clean(name)]
    for key in UNITS_KEYS:
        several = values.get(key)
        if isinstance(several, tuple | list):
            values[key] = tuple(dict.fromkeys(renamed.get(_clean(n), n) for n in several))


def stored_units(session: Session) -> dict[str, int]:
    """Every unit's id by name."""
    from db.models import Unit

    return dict(session.execute(select(Unit.name, Unit.id)).all())
