"""Rows of buttons above a table or a chart."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton


def add_button(row: QHBoxLayout, text: str, tip: str = "") -> QPushButton:
    """A push button with a tooltip, appended to `row`."""
    button = QPushButton(text)
    if tip:
        button.setToolTip(tip)
    row.addWidget(button)
    return button
