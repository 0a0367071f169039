"""总览 → 今日待办: each line opens its item (a problem, a project's chart row, a unit)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.values.date_format import chinese_date
from ui.shell.bus import ChangeBus

if TYPE_CHECKING:
    from app.campaign.today_todo import TodayTodo, TodoItem


class TodoPanel(QFrame):
    """A card listing what needs chasing today."""

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self.setObjectName("card")
        self.setMinimumWidth(340)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.title = QLabel("今日待办")
        self.title.setObjectName("pageTitle")
        self.title.setStyleSheet("font-size: 17px;")
        layout.addWidget(self.title)
        self.body = QLabel("…")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.linkActivated.connect(self.open)
        scroll = QScrollArea()
        scroll.setWidget(self.body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: white; }")
        layout.addWidget(scroll, 1)

    def show_todo(self, todo: TodayTodo) -> None:
        """Fill the sections."""
        self.title.setText(f"今日待办（截至 {chinese_date(todo.today)}）")
        parts = [
            _section(
                "逾期问题", todo.overdue_problems, todo.totals.get("overdue_problems", 0), "#b71c1c"
            ),
            _section(
                "本周到期问题", todo.problems_due, todo.totals.get("problems_due", 0), "#b26a00"
            ),
            _section(
                "滞后节点", todo.late_milestones, todo.totals.get("late_milestones", 0), "#b71c1c"
            ),
            _section(
                "本周到期节点", todo.milestones_due, todo.totals.get("milestones_due", 0), "#b26a00"
            ),
            _section("逾期问题最多的单位", todo.units, len(todo.units), "#1f2933"),
        ]
        self.body.setText("".join(parts))

    def open(self, link: str) -> None:
        """Follow a line's link."""
        target, _, number = link.partition(":")
        if not number.isdigit():
            return
        if target == "problem":
            self._bus.show_problem.emit(int(number))
        elif target == "project":
            self._bus.show_project_chart.emit(int(number))
        elif target == "unit":
            self._bus.show_unit_overdue.emit(int(number))


def _section(title: str, items: list[TodoItem], total: int, colour: str) -> str:
    more = f"（共 {total} 项）" if total > len(items) else ""
    head = f"<p style='margin:8px 0 2px 0'><b style='color:{colour}'>{title} {total}</b>{more}</p>"
    if not items:
        return head + "<p style='color:#9aa5b1;margin:0'>（无）</p>"
    lines = "".join(
        f"<div style='margin:1px 0'>· <a style='color:#1f2933;text-decoration:none' "
        f"href='{item.target}:{item.id}'>{escape(item.text)}</a></div>"
        for item in items
    )
    return head + lines
