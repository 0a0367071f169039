"""The wall chart's bars: planned spans coloured by warning, actual and target marks, overruns,
the dragged bar, dependency arrows and the as-of line."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPolygonF

from app.schedule.wall_chart_model import ChartMilestone
from app.schedule.warning_colours import Colour, ColourNaming, colour_hex
from db.enums import MilestoneState
from ui.wall_chart.geometry import ChartGeometry, Slot
from ui.wall_chart.painter_style import (
    ACTUAL,
    LATE_PEN,
    MUTED,
    OVERRUN_BRUSH,
    TARGET,
    TEXT,
    TODAY,
    PaintOptions,
)
from ui.wall_chart.text_cache import draw_text, font, text_width


@lru_cache(maxsize=32)
def qt_colour(colour: Colour, naming: ColourNaming) -> QColor:
    return QColor(colour_hex(colour, naming))


@lru_cache(maxsize=32)
def _bar_style(colour: Colour, naming: ColourNaming) -> tuple[QPen, QBrush]:
    base = qt_colour(colour, naming)
    fill = QColor(base)
    fill.setAlpha(110 if colour is Colour.DONE else 150)
    return QPen(base.darker(130), 1), QBrush(fill)


def paint_bars(
    painter: QPainter,
    geo: ChartGeometry,
    slot: Slot,
    days: tuple[dt.date, dt.date],
    options: PaintOptions,
) -> None:
    assert slot.row is not None
    painter.setFont(font(11))
    for milestone in slot.row.milestones:
        late = (
            milestone.slack is not None
            and milestone.slack < 0
            and milestone.state is not MilestoneState.DONE
        )
        overrun_to = milestone.earliest_finish if late and milestone.target else None
        last_day = max(milestone.finish, overrun_to or milestone.finish)
        if last_day < days[0] - dt.timedelta(days=2) or milestone.start > days[1]:
            continue  # outside the visible window
        rect = geo.bar_rect(slot, milestone)
        if milestone.id == options.dragged_id:
            rect = _dragged(rect, geo, options)
        if overrun_to is not None:
            _paint_overrun(painter, geo, rect, milestone, overrun_to)
        if milestone.is_point:
            _paint_diamond(painter, rect, qt_colour(milestone.colour, options.naming))
        else:
            pen, brush = _bar_style(milestone.colour, options.naming)
            painter.setPen(LATE_PEN if late else pen)
            painter.setBrush(brush)
            painter.drawRect(rect)
            if rect.width() >= text_width(milestone.name, 11) + 6:
                painter.setPen(TEXT)
                draw_text(painter, rect, milestone.name, 11, centre=True)
        _paint_actual(painter, geo, rect, milestone)
        if milestone.target is not None:
            _paint_target(painter, geo, rect, milestone.target)


def _dragged(rect: QRectF, geo: ChartGeometry, options: PaintOptions) -> QRectF:
    shift = options.drag_days * geo.px_per_day
    if options.drag_mode == "resize":
        return rect.adjusted(0, 0, shift, 0) if rect.width() + shift > 2 else rect
    return rect.translated(shift, 0)


def _paint_overrun(
    painter: QPainter, geo: ChartGeometry, rect: QRectF, milestone: ChartMilestone, end: dt.date
) -> None:
    """A missed target: hatched red from the latest finish to the earliest finish, and −N天."""
    left = geo.x_of(milestone.finish + dt.timedelta(days=1))
    right = geo.x_of(end + dt.timedelta(days=1))
    overrun = QRectF(left, rect.top() + 2, right - left, rect.height() - 4)
    painter.setPen(QPen(TARGET, 1, Qt.PenStyle.DashLine))
    painter.setBrush(OVERRUN_BRUSH)
    painter.drawRect(overrun)
    label = f"{milestone.slack}天"
    painter.setPen(TARGET)
    painter.setFont(font(11, bold=True))
    draw_text(
        painter, QRectF(right + 3, rect.top() - 2, 60, rect.height() + 4), label, 11, bold=True
    )
    painter.setFont(font(11))  # bar labels after this one use the regular face


def _paint_diamond(painter: QPainter, rect: QRectF, colour: QColor) -> None:
    centre = rect.center()
    half = rect.width() / 2
    shape = QPolygonF(
        [
            QPointF(centre.x(), centre.y() - half),
            QPointF(centre.x() + half, centre.y()),
            QPointF(centre.x(), centre.y() + half),
            QPointF(centre.x() - half, centre.y()),
        ]
    )
    painter.setPen(QPen(colour.darker(140), 1))
    painter.setBrush(colour)
    painter.drawPolygon(shape)


def _paint_actual(
    painter: QPainter, geo: ChartGeometry, rect: QRectF, milestone: ChartMilestone
) -> None:
    """Actual progress: a dark band over the bar's lower edge, actual start to finish (or 截至)."""
    if milestone.actual_start is None:
        return
    end = milestone.actual_finish or geo.chart.as_of
    if end < milestone.actual_start:
        return
    left = geo.x_of(milestone.actual_start)
    right = geo.x_of(end + dt.timedelta(days=1))
    painter.fillRect(QRectF(left, rect.bottom() - 3, max(right - left, 2), 4), ACTUAL)


def _paint_target(painter: QPainter, geo: ChartGeometry, rect: QRectF, target: dt.date) -> None:
    """A target date (must finish by): a small dark-red triangle pointing down at its end."""
    x = geo.x_of(target + dt.timedelta(days=1))
    y = rect.top() - 1
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(TARGET)
    painter.drawPolygon(QPolygonF([QPointF(x - 4, y - 6), QPointF(x + 4, y - 6), QPointF(x, y)]))


def paint_arrows(painter: QPainter, geo: ChartGeometry, slots: list[Slot]) -> None:
    """Dependency arrows, for a single project's chart."""
    placed: dict[int, tuple[Slot, ChartMilestone]] = {}
    for slot in slots:
        if slot.row is not None:
            for milestone in slot.row.milestones:
                placed[milestone.id] = (slot, milestone)
    painter.setPen(QPen(MUTED, 1))
    painter.setBrush(MUTED)
    for slot, milestone in placed.values():
        for pred_id in milestone.predecessor_ids:
            if pred_id not in placed:
                continue
            pred_slot, pred = placed[pred_id]
            start = geo.bar_rect(pred_slot, pred)
            end = geo.bar_rect(slot, milestone)
            a = QPointF(start.right(), start.center().y())
            b = QPointF(end.left(), end.center().y())
            painter.drawLine(a, b)
            painter.drawPolygon(
                QPolygonF([b, QPointF(b.x() - 6, b.y() - 3), QPointF(b.x() - 6, b.y() + 3)])
            )


def paint_as_of_line(painter: QPainter, geo: ChartGeometry, top: float, bottom: float) -> None:
    x = geo.x_of(geo.chart.as_of) + geo.px_per_day / 2
    painter.setPen(QPen(TODAY, 2))
    painter.drawLine(QPointF(x, top), QPointF(x, bottom))
