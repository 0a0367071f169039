"""The sheets an import read and how each is read: as found, then as the clerk corrected it."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from app.exchange.layout_choice import column_samples

if TYPE_CHECKING:
    from app.exchange.header_detection import SheetLayout
    from app.exchange.reading import SheetGrid

Key = tuple[str, str]  # (file name, sheet name)


class SheetReadings:
    """Each sheet's grid, layout and column samples, and which layouts the clerk corrected."""

    def __init__(self) -> None:
        self.layouts: dict[Key, SheetLayout] = {}
        self.sheets: dict[Key, SheetGrid] = {}
        self.samples: dict[Key, dict[int, str]] = {}
        self.corrected: set[Key] = set()

    def load(self, found: dict[Key, tuple[SheetGrid, SheetLayout]]) -> None:
        """Take the sheets as read, none corrected yet."""
        self.sheets = {key: sheet for key, (sheet, _layout) in found.items()}
        self.layouts = {key: layout for key, (_sheet, layout) in found.items()}
        self.samples = {
            k: column_samples(self.sheets[k].rows, v) for k, v in self.layouts.items()
        }
        self.corrected = set()

    def read_header_rows(self, key: Key, first: int, last: int) -> None:
        """Read the columns again from header rows `first`..`last` (1-based, at most four)."""
        from app.exchange.fields import PROBLEM_FIELDS, PROJECT_FIELDS
        from app.exchange.header_detection import find_layout

        sheet = self.sheets[key]
        fields = PROBLEM_FIELDS if self.layouts[key].kind == "problem" else PROJECT_FIELDS
        found = find_layout(sheet, fields, header_rows=(first - 1, min(last, first + 3) - 1))
        if found is not None:
            # Keep the unaided signature: a profile saved from this correction is known by it.
            signature = self.layouts[key].found_signature
            self.layouts[key] = replace(found, found_signature=signature)
            self.samples[key] = column_samples(sheet.rows, found)
            self.corrected.add(key)

    def remap(self, key: Key, index: int, field_key: str | None) -> None:
        """The clerk chose the field of column `index` (None: not imported)."""
        self.layouts[key] = self.layouts[key].remap(index, field_key)
        self.corrected.add(key)

    def office(self) -> str:
        """填报单位 as read above the first sheet's header ("" if none)."""
        layout = next(iter(self.layouts.values()), None)
        return layout.office if layout is not None and layout.office else ""

    def to_keep(self) -> SheetLayout:
        """The layout to save as a profile: the first the clerk corrected, else the first."""
        key = next((k for k in self.layouts if k in self.corrected), next(iter(self.layouts)))
        return self.layouts[key]
