"""The title block every page starts with."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.shell.pages import PageSpec


def page_header(spec: PageSpec) -> QWidget:
    """A widget with the page's title and subtitle."""
    header = QWidget()
    layout = QVBoxLayout(header)
    layout.setContentsMargins(0, 0, 0, 8)
    title = QLabel(spec.title)
    title.setObjectName("pageTitle")
    subtitle = QLabel(spec.subtitle)
    subtitle.setObjectName("pageSubtitle")
    layout.addWidget(title)
    layout.addWidget(subtitle)
    return header
