"""Wall chart on paper: PDF, PNG and printer pages from the same painting code as the screen."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from app import __version__
from app.infra.errors import UserError
from app.schedule.wall_chart_model import WallChart
from app.schedule.warning_colours import Colour, ColourNaming, colour_hex
from ui.wall_chart.geometry import HEADER_HEIGHT, ROW_HEIGHT, ChartGeometry
from ui.wall_chart.painter import paint_chart
from ui.wall_chart.painter_style import PaintOptions
from ui.wall_chart.text_cache import draw_text, font, paper_fonts

PAPERS = {
    "A4": QPageSize.PageSizeId.A4,
    "A3": QPageSize.PageSizeId.A3,
    "A2": QPageSize.PageSizeId.A2,
    "A1": QPageSize.PageSizeId.A1,
    "A0": QPageSize.PageSizeId.A0,
}
MARGIN_MM = 10.0
TITLE_MM = 22.0
TILE_ROW_MM = 7.0  # a project row on a tiled sheet: readable from a step away
FIT_MAX_ROW_MM = 9.0
TILE_PX_PER_DAY = 6.0


@dataclass(frozen=True)
class PaperSpec:
    """What the clerk chose: paper, fit on one sheet or tile, and the title's office name."""

    paper: str = "A1"
    tile: bool = False
    office: str = ""
    naming: ColourNaming = ColourNaming.RED_YELLOW_GREEN
    printed_on: dt.date | None = None


def page_layout(paper: str) -> QPageLayout:
    """Landscape layout of a paper size with the margins used for every sheet."""
    if paper not in PAPERS:
        raise UserError(f"不支持的纸张「{paper}」，可选：{'、'.join(PAPERS)}。")
    return QPageLayout(
        QPageSize(PAPERS[paper]),
        QPageLayout.Orientation.Landscape,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )


def render_pages(device: QPagedPaintDevice, chart: WallChart, spec: PaperSpec) -> int:
    """Paint the chart onto `device`'s pages (fit or tiled); return the number of pages."""
    if not chart.rows:
        raise UserError("没有可导出的项目：请先调整筛选条件。")
    dpi = device.logicalDpiX()  # the writer's or printer's resolution
    paint_rect = device.pageLayout().paintRectPixels(dpi)
    page = QRectF(0, 0, paint_rect.width(), paint_rect.height())
    mm = dpi / 25.4
    title_h = TITLE_MM * mm
    area = QRectF(0, title_h, page.width(), page.height() - title_h)
    plans = _fit_plan(chart, area, mm) if not spec.tile else _tile_plan(chart, area, mm)
    painter = QPainter(device)
    if not painter.isActive():
        raise UserError("无法写入导出文件（文件可能正被其他程序打开）。")
    try:
        for number, (geo, scale, window) in enumerate(plans, start=1):
            if number > 1:
                device.newPage()
            _paint_title(painter, page, title_h, chart, spec, number, len(plans), mm)
            painter.save()
            painter.translate(area.topLeft())
            painter.scale(scale, scale)
            x, y, width, height = window
            painter.setClipRect(QRectF(0, 0, width, height))
            paint_chart(painter, geo, x, y, width, height, PaintOptions(naming=spec.naming))
            painter.restore()
    finally:
        painter.end()
    return len(plans)


Plan = tuple[ChartGeometry, float, tuple[float, float, float, float]]


def _fit_plan(chart: WallChart, area: QRectF, mm: float) -> list[Plan]:
    """One sheet: rows no taller than a readable maximum, the timeline filling the width."""
    probe = ChartGeometry(chart, 1.0)
    days = probe.timeline_width  # at 1 px per day
    height = HEADER_HEIGHT + probe.content_height
    # A few projects on a big sheet must not turn into a poster: cap the row height on paper.
    scale = min(area.height() / height, FIT_MAX_ROW_MM * mm / ROW_HEIGHT)
    px_per_day = min(max((area.width() / scale - probe.frozen_width) / days, 0.3), 40.0)
    geo = ChartGeometry(chart, px_per_day)
    width = geo.frozen_width + geo.timeline_width
    scale = min(scale, area.width() / width)
    return [(geo, scale, (0.0, 0.0, width, height))]


def _tile_plan(chart: WallChart, area: QRectF, mm: float) -> list[Plan]:
    """Several sheets at a readable scale, breaking between rows; frozen parts on every sheet."""
    geo = ChartGeometry(chart, TILE_PX_PER_DAY)
    scale = TILE_ROW_MM * mm / ROW_HEIGHT
    tile_w = area.width() / scale - geo.frozen_width
    tile_h = area.height() / scale - HEADER_HEIGHT
    if tile_w < 50 or tile_h < ROW_HEIGHT:
        raise UserError("纸张太小，放不下冻结列和表头，请选择更大的纸张或“整张缩放”。")
    row_breaks = [0.0]
    for slot in geo.slots:  # a sheet ends before the row that would not fit on it
        if slot.top + slot.height - row_breaks[-1] > tile_h:
            row_breaks.append(slot.top)
    columns = max(math.ceil(geo.timeline_width / tile_w), 1)
    plans: list[Plan] = []
    for index, top in enumerate(row_breaks):
        bottom = row_breaks[index + 1] if index + 1 < len(row_breaks) else geo.content_height
        for column in range(columns):
            window = (column * tile_w, top, geo.frozen_width + tile_w, HEADER_HEIGHT + bottom - top)
            plans.append((geo, scale, window))
    return plans


def _paint_title(
    painter: QPainter,
    page: QRectF,
    height: float,
    chart: WallChart,
    spec: PaperSpec,
    number: int,
    pages: int,
    mm: float,
) -> None:
    printed = spec.printed_on or dt.date.today()
    painter.save()
    painter.setPen(QColor("#1f2933"))
    title_px = round(6.5 * mm)
    painter.setFont(font(title_px, bold=True))
    draw_text(
        painter,
        QRectF(0, 0, page.width() * 0.62, height * 0.55),
        f"{chart.title}　挂图作战",
        title_px,
        bold=True,
    )
    line_px = round(3.6 * mm)
    parts = [f"截至 {chart.as_of:%Y年%m月%d日}"]
    if spec.office:
        parts.append(spec.office)
    parts.append(f"打印日期 {printed:%Y年%m月%d日}")
    if pages > 1:
        parts.append(f"第 {number} / {pages} 页")
    painter.setFont(font(line_px))
    draw_text(
        painter,
        QRectF(0, height * 0.55, page.width() * 0.62, height * 0.35),
        "　　".join(parts),
        line_px,
    )
    _paint_legend(
        painter, QRectF(page.width() * 0.62, 0, page.width() * 0.38, height * 0.9), spec, mm
    )
    painter.restore()


def _paint_legend(painter: QPainter, rect: QRectF, spec: PaperSpec, mm: float) -> None:
    size = round(3.2 * mm)
    box = 3.2 * mm
    painter.setFont(font(size))
    entries = [
        (Colour.RED, "逾期"),
        (Colour.YELLOW, "临期/滞后"),
        (Colour.OK, "正常"),
        (Colour.DONE, "已完成"),
    ]
    x, y = rect.left(), rect.top() + rect.height() * 0.2
    for colour, label in entries:
        painter.fillRect(QRectF(x, y, box * 1.8, box), QColor(colour_hex(colour, spec.naming)))
        painter.setPen(QColor("#1f2933"))
        draw_text(painter, QRectF(x + box * 2.1, y - box * 0.3, box * 6, box * 1.6), label, size)
        x += box * 2.1 + size * (len(label) + 1.2)
    x, y = rect.left(), rect.top() + rect.height() * 0.6
    painter.fillRect(QRectF(x, y + box * 0.35, box * 1.8, box * 0.3), QColor("#263238"))
    draw_text(painter, QRectF(x + box * 2.1, y - box * 0.3, box * 8, box * 1.6), "实际进度", size)
    x += box * 2.1 + size * 5.2
    painter.setPen(QPen(QColor("#b71c1c"), max(box * 0.1, 1)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRectF(x, y, box * 1.8, box))
    draw_text(
        painter,
        QRectF(x + box * 2.1, y - box * 0.3, box * 14, box * 1.6),
        "斜线：超出目标日期（天数）",
        size,
    )


def export_pdf(chart: WallChart, path: Path, spec: PaperSpec) -> int:
    """Write the chart as a PDF; return the number of pages."""
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setPageLayout(page_layout(spec.paper))
    writer.setTitle(f"{chart.title} 挂图作战")
    writer.setCreator(f"攻坚台账 {__version__}")
    with paper_fonts():  # PDF text searchable as written (ui.shell.style.PAPER_FONT_FAMILIES)
        return render_pages(writer, chart, spec)


def export_png(chart: WallChart, path: Path, spec: PaperSpec, dpi: int = 100) -> QSizeF:
    """Write the chart fitted onto one sheet of the paper as a PNG; return its pixel size."""
    layout = page_layout(spec.paper)
    full = layout.fullRectPixels(dpi)
    image = QImage(full.width(), full.height(), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    image.fill(Qt.GlobalColor.white)
    margin = MARGIN_MM * dpi / 25.4
    mm = dpi / 25.4
    page = QRectF(0, 0, full.width() - 2 * margin, full.height() - 2 * margin)
    title_h = TITLE_MM * mm
    area = QRectF(0, title_h, page.width(), page.height() - title_h)
    geo, scale, window = _fit_plan(chart, area, mm)[0]
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.translate(QPointF(margin, margin))
    _paint_title(painter, page, title_h, chart, spec, 1, 1, mm)
    painter.translate(area.topLeft())
    painter.scale(scale, scale)
    paint_chart(painter, geo, 0, 0, window[2], window[3], PaintOptions(naming=spec.naming))
    painter.end()
    if not image.save(str(path)):  # the format follows the .png suffix
        raise UserError(f"无法写入「{path}」。")
    return QSizeF(image.width(), image.height())
