"""Project detail: fields, milestones with colours, problems, months as bars, the history."""

from __future__ import annotations

from decimal import Decimal
from html import escape
from itertools import pairwise

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.projects.detail import DetailMonth, ProjectDetail
from app.projects.form import GROUPS
from app.schedule.warning_colours import Colour, ColourNaming, colour_hex, colour_label
from app.values.amount_text import amount_text
from app.values.date_format import iso_minute


class MonthBars(QWidget):
    """本月完成投资 as bars, one per month of the latest year, with the cumulative as a line."""

    def __init__(self, months: list[DetailMonth], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        year = max((m.year for m in months), default=None)
        self.year = year
        self.months = {m.month: m for m in months if m.year == year}
        self.setMinimumHeight(120)

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt's name
        """Twelve slots; bars scaled to the largest month, the line to the largest cumulative."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = self.rect().adjusted(8, 22, -8, -20)
        painter.setPen(QColor("#6b7280"))
        title = f"{self.year}年月度完成投资（万元）" if self.year else "尚无月度填报"
        painter.drawText(QRect(8, 2, self.width() - 16, 18), Qt.AlignmentFlag.AlignLeft, title)
        if not self.months:
            return
        top_month = max((m.amount or Decimal(0) for m in self.months.values()), default=Decimal(0))
        top_total = max(
            (m.cumulative or Decimal(0) for m in self.months.values()), default=Decimal(0)
        )
        slot = area.width() / 12
        points = []
        for month in range(1, 13):
            x = area.left() + slot * (month - 1)
            painter.setPen(QColor("#6b7280"))
            painter.drawText(
                QRect(int(x), area.bottom() + 2, int(slot), 16),
                Qt.AlignmentFlag.AlignCenter,
                f"{month}月",
            )
            report = self.months.get(month)
            if report is None:
                continue
            if report.amount and top_month > 0:
                height = int(area.height() * float(report.amount / top_month))
                painter.fillRect(
                    QRect(int(x + slot * 0.2), area.bottom() - height, int(slot * 0.6), height),
                    QColor("#90caf9"),
                )
            if report.cumulative is not None and top_total > 0:
                y = area.bottom() - area.height() * float(report.cumulative / top_total)
                points.append((x + slot / 2, y))
        painter.setPen(QPen(QColor("#1565c0"), 2))
        for (x1, y1), (x2, y2) in pairwise(points):
            painter.drawLine(int(x1), int(y1), int(x2), int(y2))
        for x, y in points:
            painter.drawEllipse(int(x) - 2, int(y) - 2, 4, 4)


Section = tuple[str, tuple[str, ...], list[tuple[object, ...]], str]  # title, headers, rows, none


def _fields_html(detail: ProjectDetail) -> list[str]:
    """The card's fields, a table per group as the editor groups them."""
    parts = []
    for group in GROUPS:
        rows = [(label, value) for g, label, value in detail.fields if g == group]
        parts.append(f"<h3>{group}</h3><table>")
        parts += [
            f"<tr><th>{escape(label)}</th><td>{escape(value) or '—'}</td></tr>"
            for label, value in rows
        ]
        parts.append("</table>")
    return parts


def _sections(detail: ProjectDetail, naming: ColourNaming) -> list[Section]:
    """Milestones, problems, months and history as rows of cells (already HTML)."""

    def dot(colour: Colour) -> str:
        hex_ = colour_hex(colour, naming)
        return f'<span style="color:{hex_}">●</span> {colour_label(colour, naming)}'

    return [
        (
            "节点（倒排工期）",
            ("节点", "最晚开始", "最晚完成", "状态", "预警"),
            [
                (escape(m.name), m.start or "", m.finish or "", m.state, dot(m.colour))
                for m in detail.milestones
            ],
            "尚未编排节点。",
        ),
        (
            "问题",
            ("类型", "问题表述", "解决时限", "状态"),
            [
                (p.type, escape(p.description), p.deadline or "", f"{dot(p.colour)} {p.state}")
                for p in detail.problems
            ],
            "没有问题。",
        ),
        (
            "月度填报",
            ("月份", "本月完成", "今年累计", "形象进度"),
            [
                (
                    f"{r.year}年{r.month}月",
                    amount_text(r.amount),
                    amount_text(r.cumulative),
                    escape(r.progress or ""),
                )
                for r in detail.months
            ],
            "尚无月度填报。",
        ),
        (
            "修改记录",
            (),
            [
                (iso_minute(c.at), escape(c.operator), escape(c.what))
                for c in detail.history
            ],
            "没有修改记录。",
        ),
    ]


def detail_html(detail: ProjectDetail, naming: ColourNaming) -> str:
    """The detail as one HTML page."""
    parts = ["<style>td,th{padding:2px 8px;} th{text-align:left;color:#555;}</style>"]
    parts += _fields_html(detail)
    for title, headers, cells, nothing in _sections(detail, naming):
        parts.append(f"<h3>{title}</h3>")
        if not cells:
            parts.append(f"<p>{nothing}</p>")
            continue
        parts.append("<table>")
        if headers:
            parts.append("<tr>" + "".join(f"<th>{h}</th>" for h in headers) + "</tr>")
        parts += ["<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in cells]
        parts.append("</table>")
    return "".join(parts)


class DetailDialog(QDialog):
    """The detail window, with buttons to edit, to see the wall chart and the problems."""

    edit_requested = Signal()
    chart_requested = Signal()
    problems_requested = Signal()

    def __init__(
        self, detail: ProjectDetail, naming: ColourNaming, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"项目详情 - {detail.name}")
        title = QLabel(detail.name)
        title.setObjectName("pageTitle")
        title.setWordWrap(True)
        self.bars = MonthBars(detail.months)
        self.browser = QTextBrowser()
        self.browser.setHtml(detail_html(detail, naming))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        edit = buttons.addButton("编辑…", QDialogButtonBox.ButtonRole.ActionRole)
        chart = buttons.addButton("在挂图中查看", QDialogButtonBox.ButtonRole.ActionRole)
        problems = buttons.addButton("问题台账", QDialogButtonBox.ButtonRole.ActionRole)
        for button, signal in (
            (edit, self.edit_requested),
            (chart, self.chart_requested),
            (problems, self.problems_requested),
        ):
            button.clicked.connect(self.accept)
            button.clicked.connect(signal.emit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.bars)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry()
        self.resize(min(900, screen.width() - 80), min(760, screen.height() - 60))
