"""The card wall: one painted card per project (a delegate over a list view, not a widget each)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.projects.cards import ProjectCard
from app.schedule.warning_colours import Colour, ColourNaming, colour_hex, colour_label
from app.values.date_format import short_month_day
from ui.projects.cards_model import CARD_ROLE

CARD = QSize(300, 150)  # the smallest card; cards widen to fill the row
GAP = 10
_GREY = QColor("#6b7280")
_TEXT = QColor("#1f2937")
_LATE = QColor("#c62828")
_BAR_BACK = QColor("#e5e7eb")
_BAR = QColor("#2e7d32")
_BAR_BEHIND = QColor("#ef6c00")
_BORDER = QColor("#d9dde3")
_SELECTED = QColor("#1976d2")


class CardDelegate(QStyledItemDelegate):
    """Paints a project card; `elapsed` is 序时进度 in percent, marked on the completion bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.elapsed = Decimal(0)
        self.naming = ColourNaming.RED_YELLOW_GREEN
        self.card = QSize(CARD)
        self.complete = True  # False while colours are still being read
        base = QFont()
        self._title = QFont(base)
        self._title.setPointSizeF(base.pointSizeF() * 1.08)
        self._title.setBold(True)
        self._small = QFont(base)
        self._small.setPointSizeF(base.pointSizeF() * 0.92)
        self._body = QFont(base)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:  # Qt's name
        """Every card has the same size."""
        return QSize(self.card.width() + GAP, self.card.height() + GAP)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:  # Qt's name
        """Draw one card."""
        card: ProjectCard | None = index.data(CARD_ROLE)
        if card is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRect(option.rect.topLeft(), self.card).adjusted(
            GAP // 2, GAP // 2, GAP // 2, GAP // 2
        )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(QPen(_SELECTED if selected else _BORDER, 2 if selected else 1))
        painter.setBrush(QColor("#eef5fd") if selected else QColor("white"))
        painter.drawRoundedRect(box, 6, 6)
        stripe = QColor(colour_hex(card.colour, self.naming) if self.complete else "#d1d5db")
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(stripe)
        painter.drawRoundedRect(QRect(box.left(), box.top(), 6, box.height()), 3, 3)

        left, width = box.left() + 16, box.width() - 28
        y = box.top() + 8
        y = self._line(painter, self._title, _TEXT, left, y, width, card.name)
        head = " · ".join(t for t in (card.list_name, card.stage, card.level) if t)
        badge = self._badge(card) if self.complete else None
        y = self._line(painter, self._small, _GREY, left, y, width, head, right=badge)
        people = f"责任单位 {card.unit or '—'}　包联 {card.leader or '—'}"
        y = self._line(painter, self._body, _TEXT, left, y + 2, width, people)
        amounts = (
            f"总投资 {_whole(card.total_investment)}　年计划 {_whole(card.annual_plan)}　"
            f"今年完成 {_whole(card.ytd_completed)}"
        )
        y = self._line(painter, self._small, _GREY, left, y + 2, width, amounts)
        y = self._bar(painter, left, y + 6, width, card)
        self._next(painter, left, y + 4, width, card)
        painter.restore()

    def _badge(self, card: ProjectCard) -> tuple[str, QColor]:
        warning = colour_label(card.colour, self.naming)
        return (
            f"{warning}　问题 {card.open_problems}" if card.open_problems else warning,
            _LATE if card.colour is Colour.RED else _GREY,
        )

    @staticmethod
    def _line(
        painter: QPainter,
        font: QFont,
        colour: QColor,
        left: int,
        top: int,
        width: int,
        text: str,
        right: tuple[str, QColor] | None = None,
    ) -> int:
        metrics = QFontMetrics(font)
        painter.setFont(font)
        room = width
        if right is not None:
            right_text, right_colour = right
            right_width = metrics.horizontalAdvance(right_text)
            painter.setPen(right_colour)
            painter.drawText(
                QRect(left + width - right_width, top, right_width, metrics.height()),
                Qt.AlignmentFlag.AlignRight,
                right_text,
            )
            room = width - right_width - 8
        painter.setPen(colour)
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
        painter.drawText(
            QRect(left, top, room, metrics.height()), Qt.AlignmentFlag.AlignLeft, elided
        )
        return top + metrics.height() + 2

    def _bar(self, painter: QPainter, left: int, top: int, width: int, card: ProjectCard) -> int:
        metrics = QFontMetrics(self._small)
        label = (
            f"完成率 {card.completion_rate}%" if card.completion_rate is not None else "完成率 —"
        )
        label_width = metrics.horizontalAdvance("完成率 100.0%") + 6
        painter.setFont(self._small)
        painter.setPen(_TEXT)
        painter.drawText(
            QRect(left, top - 3, label_width, metrics.height()), Qt.AlignmentFlag.AlignLeft, label
        )
        bar = QRect(left + label_width, top + 2, width - label_width, 8)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_BAR_BACK)
        painter.drawRoundedRect(bar, 4, 4)
        rate = card.completion_rate
        if rate is not None and rate > 0:
            done = QRect(bar)
            done.setWidth(max(2, int(bar.width() * min(float(rate), 100.0) / 100)))
            painter.setBrush(_BAR if rate >= self.elapsed else _BAR_BEHIND)
            painter.drawRoundedRect(done, 4, 4)
        # 序时进度: where the bar should have reached by now.
        x = bar.left() + int(bar.width() * min(float(self.elapsed), 100.0) / 100)
        painter.setPen(QPen(_TEXT, 2))
        painter.drawLine(x, bar.top() - 3, x, bar.bottom() + 3)
        return top + metrics.height() + 2

    def _next(self, painter: QPainter, left: int, top: int, width: int, card: ProjectCard) -> None:
        nxt = card.next_milestone
        if not self.complete:
            text, colour = "下一节点：正在计算…", _GREY
        elif nxt is None:
            text, colour = "下一节点：—", _GREY
        elif nxt.days_left < 0:
            text, colour = f"下一节点：{nxt.name}　逾期 {-nxt.days_left} 天", _LATE
        else:
            due = short_month_day(nxt.due)
            text, colour = f"下一节点：{nxt.name}　剩 {nxt.days_left} 天（{due}）", _TEXT
        self._line(painter, self._body, colour, left, top, width, text)


def _whole(amount: Decimal | None) -> str:
    """A card's amounts in whole 万元 (the table shows the cents)."""
    return "—" if amount is None else f"{amount:,.0f}"


class CardWall(QListView):
    """Cards flowing left to right and wrapping; Enter or a double-click opens the editor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card_delegate = CardDelegate(self)
        self.setItemDelegate(self.card_delegate)
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        self.setMovement(QListView.Movement.Static)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().setSingleStep(24)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setGridSize(self.card_delegate.sizeHint(QStyleOptionViewItem(), QModelIndex()))
        self.setObjectName("cardWall")
        self.setStyleSheet("QListView#cardWall { background: #f4f6f9; border: none; }")

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt's name
        """Widen the cards so each row is filled edge to edge."""
        room = self.viewport().width() - 2
        columns = max(1, room // (CARD.width() + GAP))
        width = max(CARD.width(), room // columns - GAP)
        if width != self.card_delegate.card.width():
            self.card_delegate.card = QSize(width, CARD.height())
            self.setGridSize(QSize(width + GAP, CARD.height() + GAP))
        super().resizeEvent(event)
