"""Paint the wall chart into any QPainter: the screen, a PDF page, a PNG, a printer.

Only what lies inside the given window is painted, so the cost follows what is visible, not
the number of projects. Sizes are in pixels of content coordinates; a caller that wants paper
scales the painter.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen, QPixmap

from ui.wall_chart.bar_painter import paint_arrows, paint_as_of_line, paint_bars, qt_colour
from ui.wall_chart.geometry import DEFAULT_COLUMNS, HEADER_HEIGHT, ChartGeometry, Slot
from ui.wall_chart.painter_style import (
    CAMPAIGN,
    GRID_PEN,
    GROUP_BAND,
    HEADER_BAND,
    HEADER_LINE,
    MUTED,
    NON_WORKING,
    SELECTED,
    TEXT,
    PaintOptions,
)
from ui.wall_chart.text_cache import draw_text, font, text_width
from ui.wall_chart.timescale import segments, tiers_for


def paint_chart(
    painter: QPainter,
    geo: ChartGeometry,
    scroll_x: float,
    scroll_y: float,
    width: float,
    height: float,
    options: PaintOptions,
) -> None:
    """Paint the chart window whose timeline starts at scroll_x and rows at scroll_y."""
    frozen = geo.frozen_width
    body = QRectF(frozen, HEADER_HEIGHT, max(width - frozen, 0), max(height - HEADER_HEIGHT, 0))
    painter.fillRect(QRectF(0, 0, width, height), Qt.GlobalColor.white)
    visible_days = (geo.date_at(scroll_x), geo.date_at(scroll_x + body.width()))
    slots = geo.slots_between(scroll_y, scroll_y + body.height())

    painter.save()
    painter.setClipRect(body)
    painter.translate(frozen - scroll_x, HEADER_HEIGHT - scroll_y)
    top, bottom = scroll_y, scroll_y + body.height()
    _paint_background(painter, geo, visible_days, top, bottom)
    for slot in slots:
        dragged = slot.row is not None and any(
            m.id == options.dragged_id for m in slot.row.milestones
        )
        if options.tile_cache is not None and slot.row is not None and not dragged:
            _paint_tiles(painter, geo, slot, scroll_x, scroll_x + body.width(), options)
            continue
        _paint_slot_band(painter, geo, slot, scroll_x, scroll_x + body.width())
        if slot.row is not None:
            paint_bars(painter, geo, slot, visible_days, options)
    if options.arrows:
        paint_arrows(painter, geo, slots)
    paint_as_of_line(painter, geo, top, bottom)
    painter.restore()

    painter.save()
    painter.setClipRect(QRectF(0, HEADER_HEIGHT, frozen, body.height()))
    painter.translate(0, HEADER_HEIGHT - scroll_y)
    for slot in slots:
        if options.row_cache is None:
            _paint_frozen(painter, geo, slot, options)
        else:
            painter.drawPixmap(QPointF(0, slot.top), _cached_frozen(painter, geo, slot, options))
    painter.restore()

    painter.save()
    painter.setClipRect(QRectF(frozen, 0, body.width(), HEADER_HEIGHT))
    painter.translate(frozen - scroll_x, 0)
    _paint_timescale(painter, geo, visible_days)
    painter.restore()
    _paint_corner(painter, geo)

    painter.setPen(QPen(MUTED, 1))
    painter.drawLine(QPointF(frozen, 0), QPointF(frozen, height))
    painter.drawLine(QPointF(0, HEADER_HEIGHT), QPointF(width, HEADER_HEIGHT))


def _paint_background(
    painter: QPainter,
    geo: ChartGeometry,
    days: tuple[dt.date, dt.date],
    top: float,
    bottom: float,
) -> None:
    chart = geo.chart
    if chart.campaign_start and chart.campaign_end:
        left = geo.x_of(chart.campaign_start)
        right = geo.x_of(chart.campaign_end + dt.timedelta(days=1))
        painter.fillRect(QRectF(left, top, right - left, bottom - top), CAMPAIGN)
    if geo.px_per_day >= 12:  # weekends and holidays tinted at day zoom
        day = days[0]
        while day <= days[1]:
            if not chart.holidays.is_workday(day):
                painter.fillRect(
                    QRectF(geo.x_of(day), top, geo.px_per_day, bottom - top), NON_WORKING
                )
            day += dt.timedelta(days=1)
    painter.setPen(GRID_PEN)
    lower = tiers_for(geo.px_per_day)[1]
    for start, _end, _label in segments(lower, days[0], days[1]):
        x = geo.x_of(start)
        painter.drawLine(QPointF(x, top), QPointF(x, bottom))


def _paint_slot_band(
    painter: QPainter, geo: ChartGeometry, slot: Slot, left: float, right: float
) -> None:
    if slot.group is not None:
        painter.fillRect(QRectF(left, slot.top, right - left, slot.height), GROUP_BAND)
    painter.setPen(GRID_PEN)
    y = slot.top + slot.height
    painter.drawLine(QPointF(left, y), QPointF(right, y))


TILE_WIDTH = 512.0
TILE_LIMIT = 1000  # 57 KB each: under 60 MB; a full-HD view needs about 150


def _paint_tiles(
    painter: QPainter,
    geo: ChartGeometry,
    slot: Slot,
    left: float,
    right: float,
    options: PaintOptions,
) -> None:
    """Copy the row's timeline tiles that overlap left…right, rendering missing ones once."""
    assert options.tile_cache is not None and slot.row is not None
    cache = options.tile_cache
    ratio = painter.device().devicePixelRatioF()
    for index in range(int(left // TILE_WIDTH), int(right // TILE_WIDTH) + 1):
        key = (slot.row.project_id, index, options.naming, ratio)
        tile = cache.get(key)
        if tile is None:
            if len(cache) >= TILE_LIMIT:
                cache.clear()
            tile = _render_tile(geo, slot, index, ratio, options)
            cache[key] = tile
        painter.drawPixmap(QPointF(index * TILE_WIDTH, slot.top), tile)


def _render_tile(
    geo: ChartGeometry, slot: Slot, index: int, ratio: float, options: PaintOptions
) -> QPixmap:
    left = index * TILE_WIDTH
    tile = QPixmap(round(TILE_WIDTH * ratio), round(slot.height * ratio))
    tile.setDevicePixelRatio(ratio)
    tile.fill(Qt.GlobalColor.white)
    painter = QPainter(tile)
    painter.translate(-left, -slot.top)
    days = (geo.date_at(left) - dt.timedelta(days=1), geo.date_at(left + TILE_WIDTH))
    _paint_background(painter, geo, days, slot.top, slot.top + slot.height)
    _paint_slot_band(painter, geo, slot, left, left + TILE_WIDTH)
    # Only bars reaching into the tile; the window starts early enough for a late label
    # ("−23天") of a bar that ends just left of it.
    label_days = dt.timedelta(days=int(80 / geo.px_per_day) + 1)
    paint_bars(painter, geo, slot, (days[0] - label_days, days[1]), options)
    painter.end()
    return tile


def _cached_frozen(
    painter: QPainter, geo: ChartGeometry, slot: Slot, options: PaintOptions
) -> QPixmap:
    assert options.row_cache is not None
    ratio = painter.device().devicePixelRatioF()
    identity = slot.row.project_id if slot.row else (slot.group.title if slot.group else "")
    colour = slot.row.colour if slot.row else None
    key = (identity, colour, tuple(geo.column_widths), options.selected_project, ratio)
    pixmap = options.row_cache.get(key)
    if pixmap is None:
        pixmap = QPixmap(round(geo.frozen_width * ratio), round(slot.height * ratio) + 1)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.white)
        cell = QPainter(pixmap)
        cell.translate(0, -slot.top)
        _paint_frozen(cell, geo, slot, options)
        cell.end()
        options.row_cache[key] = pixmap
    return pixmap


def _paint_frozen(painter: QPainter, geo: ChartGeometry, slot: Slot, options: PaintOptions) -> None:
    widths = geo.column_widths
    if slot.group is not None:
        painter.fillRect(QRectF(0, slot.top, geo.frozen_width, slot.height), GROUP_BAND)
        painter.setPen(TEXT)
        title_cell = QRectF(8, slot.top, geo.frozen_width - 8, slot.height)
        painter.setFont(font(13, bold=True))
        draw_text(painter, title_cell, slot.group.title, 13, bold=True)
    elif slot.row is not None:
        row = slot.row
        if row.project_id == options.selected_project:
            painter.fillRect(QRectF(0, slot.top, geo.frozen_width, slot.height), SELECTED)
        stripe = qt_colour(row.colour, options.naming)
        painter.fillRect(QRectF(widths[0], slot.top + 3, 4, slot.height - 6), stripe)
        painter.setPen(TEXT)
        painter.setFont(font(12))
        texts = [str(row.number), row.name, row.unit, row.leader]
        x = 0.0
        for index, (text, width) in enumerate(zip(texts, widths, strict=True)):
            pad = 10 if index == 1 else 6
            cell = QRectF(x + pad, slot.top, width - pad - 4, slot.height)
            draw_text(painter, cell, text, 12, centre=index == 0)
            x += width
    painter.setPen(GRID_PEN)
    y = slot.top + slot.height
    painter.drawLine(QPointF(0, y), QPointF(geo.frozen_width, y))
    if slot.row is not None:
        x = 0.0
        for width in widths[:-1]:
            x += width
            painter.drawLine(QPointF(x, slot.top), QPointF(x, y))


def _paint_timescale(painter: QPainter, geo: ChartGeometry, days: tuple[dt.date, dt.date]) -> None:
    upper, lower = tiers_for(geo.px_per_day)
    half = HEADER_HEIGHT / 2
    left, right = geo.x_of(days[0]), geo.x_of(days[1] + dt.timedelta(days=1))
    painter.fillRect(QRectF(left, 0, right - left, HEADER_HEIGHT), HEADER_BAND)
    for unit, top, size in ((upper, 0.0, 12), (lower, half, 11)):
        bold = unit == upper
        painter.setFont(font(size, bold))
        for start, end, label in segments(unit, days[0], days[1], short=not bold):
            x0, x1 = geo.x_of(start), geo.x_of(end)
            painter.setPen(HEADER_LINE)
            painter.drawLine(QPointF(x0, top), QPointF(x0, top + half))
            if x1 - x0 >= text_width(label, size, bold) + 4:
                painter.setPen(TEXT if bold else MUTED)
                cell = QRectF(x0, top, x1 - x0, half)
                draw_text(painter, cell, label, size, bold=bold, centre=True)
    painter.setPen(HEADER_LINE)
    painter.drawLine(QPointF(left, half), QPointF(right, half))


def _paint_corner(painter: QPainter, geo: ChartGeometry) -> None:
    painter.fillRect(QRectF(0, 0, geo.frozen_width, HEADER_HEIGHT), HEADER_BAND)
    x = 0.0
    painter.setFont(font(12, bold=True))
    for (title, _), width in zip(DEFAULT_COLUMNS, geo.column_widths, strict=True):
        painter.setPen(TEXT)
        draw_text(painter, QRectF(x, 0, width, HEADER_HEIGHT), title, 12, bold=True, centre=True)
        x += width
        painter.setPen(HEADER_LINE)
        painter.drawLine(QPointF(x, 0), QPointF(x, HEADER_HEIGHT))
