"""Colours, pens and paint options shared by the wall chart's painters."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPen, QPixmap

from app.schedule.warning_colours import ColourNaming

GRID = QColor("#dde3ea")
TEXT = QColor("#1f2933")
MUTED = QColor("#52606d")
CAMPAIGN = QColor("#fff7e0")
NON_WORKING = QColor("#eef1f4")
GROUP_BAND = QColor("#e4e9ef")
ACTUAL = QColor("#263238")
TARGET = QColor("#b71c1c")
TODAY = QColor("#d32f2f")
HEADER_BAND = QColor("#f5f7fa")
SELECTED = QColor("#e3f2fd")
LATE_PEN = QPen(TARGET, 1.5)
HEADER_LINE = QPen(GRID.darker(115), 1)
GRID_PEN = QPen(GRID, 1)
OVERRUN_BRUSH = QBrush(TARGET, Qt.BrushStyle.BDiagPattern)


@dataclass(frozen=True)
class PaintOptions:
    """How to paint: colour naming, arrows (single-project chart), a bar being dragged."""

    naming: ColourNaming = ColourNaming.RED_YELLOW_GREEN
    arrows: bool = False
    dragged_id: int | None = None
    drag_days: int = 0
    drag_mode: str = "move"  # or "resize"
    selected_project: int | None = None
    # Screen only (paper keeps vector text): each row's frozen cells, and its timeline in tiles,
    # kept as pixmaps until the next relayout; scrolling then only copies pixels.
    row_cache: dict[tuple[object, ...], QPixmap] | None = field(default=None, compare=False)
    tile_cache: dict[tuple[object, ...], QPixmap] | None = field(default=None, compare=False)
