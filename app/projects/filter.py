"""Project filters shared by 项目卡片 and 挂图作战: list, unit, leader, colour, stage, search."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property

from app.schedule.warning_colours import Colour
from app.search.pinyin import matcher


@dataclass(frozen=True)
class FilterFields:
    """What a filter looks at in one project."""

    list_id: int
    lead_unit_id: int | None
    leader_id: int | None
    colour: Colour
    search_texts: tuple[str, ...]  # name, code, owner
    stage: str | None = None
    level: str | None = None
    open_problems: int = 0
    project_id: int = 0


@dataclass(frozen=True)
class ProjectFilter:
    """Empty sets mean 'any'."""

    list_ids: frozenset[int] = field(default_factory=frozenset)
    unit_ids: frozenset[int] = field(default_factory=frozenset)
    leader_ids: frozenset[int] = field(default_factory=frozenset)
    colours: frozenset[Colour] = field(default_factory=frozenset)
    stages: frozenset[str] = field(default_factory=frozenset)
    levels: frozenset[str] = field(default_factory=frozenset)
    only_with_open_problems: bool = False
    search: str = ""
    # Exactly these projects (a figure's projects opened from 总览); None means any.
    project_ids: frozenset[int] | None = None

    def accepts(self, row: FilterFields) -> bool:
        """True when the project passes every set condition."""
        return (
            (not self.list_ids or row.list_id in self.list_ids)
            and (not self.unit_ids or row.lead_unit_id in self.unit_ids)
            and (not self.leader_ids or row.leader_id in self.leader_ids)
            and (not self.colours or row.colour in self.colours)
            and (not self.stages or row.stage in self.stages)
            and (not self.levels or row.level in self.levels)
            and (not self.only_with_open_problems or row.open_problems > 0)
            and (self.project_ids is None or row.project_id in self.project_ids)
            and self._search(row.search_texts)
        )

    @cached_property
    def _search(self) -> Callable[[tuple[str, ...]], bool]:
        return matcher(self.search)

    def text_test(self) -> Callable[[tuple[str, ...]], bool]:
        """The search condition alone (for rows the other conditions have already passed)."""
        return self._search

    def without_text(self) -> ProjectFilter:
        """The same filter with no search text."""
        return replace(self, search="")

    def is_empty(self) -> bool:
        """True when nothing is filtered out."""
        return self == ProjectFilter()
