"""The wall chart on screen: scrolls, zooms, shows tooltips, opens projects, drags bars."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from app.schedule.wall_chart_model import ChartMilestone, WallChart
from app.schedule.warning_colours import ColourNaming, colour_label
from ui.wall_chart.geometry import HEADER_HEIGHT, MIN_COLUMN_WIDTH, ChartGeometry
from ui.wall_chart.painter import paint_chart
from ui.wall_chart.painter_style import PaintOptions

MIN_PX_PER_DAY, MAX_PX_PER_DAY = 0.3, 48.0
EDGE = 5.0  # pixels near a bar's right end that resize instead of move


class WallChartView(QAbstractScrollArea):
    """A custom-painted Gantt view; paints only the visible window."""

    project_selected = Signal(int)
    project_activated = Signal(int)  # double-click: open the project
    milestone_dragged = Signal(int, str, int)  # milestone id, "move" | "resize", days
    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None, *, arrows: bool = False) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.chart: WallChart | None = None
        self.geometry_: ChartGeometry | None = None
        self.px_per_day = 3.0
        self.column_widths: list[float] | None = None
        self.options = PaintOptions(arrows=arrows, row_cache={}, tile_cache={})
        self._drag: tuple[ChartMilestone, str, float] | None = None  # milestone, mode, start x
        self._column_drag: tuple[int, float, float] | None = None  # index, start x, width
        self._pressed_at: QPointF | None = None

    # ----- content ---------------------------------------------------------------------
    def set_chart(self, chart: WallChart, naming: ColourNaming | None = None) -> None:
        """Show `chart`, keeping the zoom and the scroll position."""
        self.chart = chart
        if naming is not None:
            self.options = replace(self.options, naming=naming)
        self._relayout()

    def _relayout(self) -> None:
        if self.chart is None:
            return
        self.geometry_ = ChartGeometry(self.chart, self.px_per_day, self.column_widths)
        self.column_widths = self.geometry_.column_widths
        assert self.options.row_cache is not None and self.options.tile_cache is not None
        self.options.row_cache.clear()
        self.options.tile_cache.clear()
        self._update_scrollbars()
        self.viewport().update()

    def _update_scrollbars(self) -> None:
        geo = self.geometry_
        if geo is None:
            return
        size = self.viewport().size()
        visible_w = max(size.width() - geo.frozen_width, 1)
        visible_h = max(size.height() - HEADER_HEIGHT, 1)
        self.horizontalScrollBar().setRange(0, max(int(geo.timeline_width - visible_w), 0))
        self.horizontalScrollBar().setPageStep(int(visible_w))
        self.horizontalScrollBar().setSingleStep(max(int(geo.px_per_day * 7), 10))
        self.verticalScrollBar().setRange(0, max(int(geo.content_height - visible_h), 0))
        self.verticalScrollBar().setPageStep(int(visible_h))
        self.verticalScrollBar().setSingleStep(28)

    # ----- zoom and navigation -----------------------------------------------------------
    def set_zoom(self, px_per_day: float, anchor_x: float | None = None) -> None:
        """Zoom, keeping the day under `anchor_x` (viewport x; default the middle) in place."""
        geo = self.geometry_
        px_per_day = min(max(px_per_day, MIN_PX_PER_DAY), MAX_PX_PER_DAY)
        if geo is None:
            self.px_per_day = px_per_day
            return
        anchor = (
            anchor_x if anchor_x is not None else (geo.frozen_width + self.viewport().width()) / 2
        )
        timeline_x = self.horizontalScrollBar().value() + anchor - geo.frozen_width
        days = timeline_x / geo.px_per_day
        self.px_per_day = px_per_day
        self._relayout()
        self.horizontalScrollBar().setValue(int(days * px_per_day - (anchor - geo.frozen_width)))
        self.zoom_changed.emit(px_per_day)

    def zoom_in(self) -> None:
        """One step closer."""
        self.set_zoom(self.px_per_day * 1.5)

    def zoom_out(self) -> None:
        """One step further."""
        self.set_zoom(self.px_per_day / 1.5)

    def fit_campaign(self) -> None:
        """Zoom so that the campaign (with a week each side) fills the width."""
        chart, geo = self.chart, self.geometry_
        if (
            chart is None
            or geo is None
            or chart.campaign_start is None
            or chart.campaign_end is None
        ):
            return
        days = (chart.campaign_end - chart.campaign_start).days + 15
        width = max(self.viewport().width() - geo.frozen_width, 100)
        self.set_zoom(width / days)
        self.scroll_to_date(chart.campaign_start - dt.timedelta(days=7))

    def scroll_to_date(self, day: dt.date, *, centre: bool = False) -> None:
        """Bring `day` to the left edge of the timeline (or its middle)."""
        if self.geometry_ is None:
            return
        x = self.geometry_.x_of(day)
        if centre:
            x -= (self.viewport().width() - self.geometry_.frozen_width) / 2
        self.horizontalScrollBar().setValue(int(x))

    # ----- painting ----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # Qt's name
        """Paint the visible window of the chart."""
        painter = QPainter(self.viewport())
        if self.geometry_ is None:
            painter.fillRect(self.viewport().rect(), Qt.GlobalColor.white)
            painter.drawText(
                self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, "没有可显示的项目"
            )
            painter.end()
            return
        size = self.viewport().size()
        paint_chart(
            painter,
            self.geometry_,
            self.horizontalScrollBar().value(),
            self.verticalScrollBar().value(),
            size.width(),
            size.height(),
            self.options,
        )
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt's name
        """Scroll ranges follow the viewport."""
        super().resizeEvent(event)
        self._update_scrollbars()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # Qt's name
        """Repaint after scrolling (the frozen parts must not move)."""
        self.viewport().update()

    # ----- mouse -------------------------------------------------------------------------
    def _content_point(self, pos: QPointF) -> QPointF | None:
        geo = self.geometry_
        if geo is None or pos.x() < geo.frozen_width or pos.y() < HEADER_HEIGHT:
            return None
        return QPointF(
            pos.x() - geo.frozen_width + self.horizontalScrollBar().value(),
            pos.y() - HEADER_HEIGHT + self.verticalScrollBar().value(),
        )

    def milestone_at(self, pos: QPointF) -> ChartMilestone | None:
        """The milestone under a viewport position."""
        point = self._content_point(pos)
        if point is None or self.geometry_ is None:
            return None
        return self.geometry_.hit(point)[1]

    def project_at(self, pos: QPointF) -> int | None:
        """The project of the row under a viewport position (bars or frozen columns)."""
        geo = self.geometry_
        if geo is None or pos.y() < HEADER_HEIGHT:
            return None
        y = pos.y() - HEADER_HEIGHT + self.verticalScrollBar().value()
        slot, _ = geo.hit(QPointF(0, y))
        return slot.row.project_id if slot is not None and slot.row is not None else None

    def _column_edge(self, pos: QPointF) -> int | None:
        if self.geometry_ is None or pos.y() > HEADER_HEIGHT:
            return None
        x = 0.0
        for index, width in enumerate(self.geometry_.column_widths):
            x += width
            if abs(pos.x() - x) <= 3:
                return index
        return None

    def _bar_mode(self, pos: QPointF, milestone: ChartMilestone) -> str:
        point = self._content_point(pos)
        geo = self.geometry_
        assert point is not None and geo is not None
        slot, _ = geo.hit(point)
        assert slot is not None
        rect = geo.bar_rect(slot, milestone)
        near_end = not milestone.is_point and rect.right() - point.x() <= EDGE
        return "resize" if near_end else "move"

    def mousePressEvent(self, event: QMouseEvent) -> None:  # Qt's name
        """Start dragging a bar or a column edge."""
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        pos = event.position()
        self._pressed_at = pos
        column = self._column_edge(pos)
        if column is not None and self.column_widths is not None:
            self._column_drag = (column, pos.x(), self.column_widths[column])
            return None
        milestone = self.milestone_at(pos)
        if milestone is not None:
            self._drag = (milestone, self._bar_mode(pos, milestone), pos.x())
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # Qt's name
        """Preview a drag, or show which cursor applies."""
        pos = event.position()
        if self._column_drag is not None and self.column_widths is not None:
            index, start_x, width = self._column_drag
            self.column_widths[index] = max(width + pos.x() - start_x, MIN_COLUMN_WIDTH)
            self._relayout()
            return
        if self._drag is not None:
            milestone, mode, start_x = self._drag
            days = round((pos.x() - start_x) / self.px_per_day)
            self.options = replace(
                self.options, dragged_id=milestone.id, drag_days=days, drag_mode=mode
            )
            self.viewport().update()
            return
        if self._column_edge(pos) is not None:
            self.viewport().setCursor(Qt.CursorShape.SplitHCursor)
            return
        hovered = self.milestone_at(pos)
        if hovered is None:
            self.viewport().unsetCursor()
        elif self._bar_mode(pos, hovered) == "resize":
            self.viewport().setCursor(Qt.CursorShape.SizeHorCursor)
        else:
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # Qt's name
        """Finish a drag (emit what changed), or open the project that was clicked."""
        pos = event.position()
        pressed, self._pressed_at = self._pressed_at, None
        if self._column_drag is not None:
            self._column_drag = None
            return
        drag, self._drag = self._drag, None
        self.options = replace(self.options, dragged_id=None, drag_days=0)
        if drag is not None:
            milestone, mode, start_x = drag
            days = round((pos.x() - start_x) / self.px_per_day)
            if days != 0:
                self.viewport().update()
                self.milestone_dragged.emit(milestone.id, mode, days)
                return
        moved = pressed is not None and (pos - pressed).manhattanLength() > 4
        project = self.project_at(pos)
        if not moved and project is not None and event.button() == Qt.MouseButton.LeftButton:
            self.select_project(project)
            self.project_selected.emit(project)
        self.viewport().update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # Qt's name
        """Open the project of the row."""
        project = self.project_at(event.position())
        if project is not None and self._column_edge(event.position()) is None:
            self.select_project(project)
            self.project_activated.emit(project)

    def select_project(self, project_id: int | None) -> None:
        """Highlight a project's row."""
        self.options = replace(self.options, selected_project=project_id)
        self.viewport().update()

    def wheelEvent(self, event: QWheelEvent) -> None:  # Qt's name
        """Ctrl+wheel zooms around the pointer; Shift+wheel scrolls sideways."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.set_zoom(self.px_per_day * (1.25**steps), event.position().x())
            event.accept()
            return
        super().wheelEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:  # Qt's name
        """Tooltips: the milestone's dates, slack and state."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            milestone = self.milestone_at(QPointF(event.pos()))
            if milestone is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip(milestone), self.viewport())
            return True
        return super().viewportEvent(event)

    def tooltip(self, milestone: ChartMilestone) -> str:
        """The tooltip text of a milestone."""
        unit = self.chart.unit_label if self.chart and self.chart.unit_label else "天"
        lines = [
            f"<b>{milestone.name}</b>（{milestone.state.value}，"
            f"{colour_label(milestone.colour, self.options.naming)}）",
            f"最晚开始：{milestone.start:%Y-%m-%d}　最晚完成：{milestone.finish:%Y-%m-%d}",
            f"工期：{milestone.duration} {unit}",
        ]
        if milestone.target:
            lines.append(f"目标日期：{milestone.target:%Y-%m-%d} 前完成")
        if milestone.actual_start:
            finish = f"{milestone.actual_finish:%Y-%m-%d}" if milestone.actual_finish else "—"
            lines.append(f"实际：{milestone.actual_start:%Y-%m-%d} 至 {finish}")
        if milestone.slack is not None:
            lines.append(
                f"机动时间：{milestone.slack} 天"
                if milestone.slack >= 0
                else f"<span style='color:#b71c1c'>已无法按期完成：晚 {-milestone.slack} 天</span>"
            )
        return "<br>".join(lines)
