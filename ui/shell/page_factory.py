"""The window's pages, each built on its first visit so start-up does not grow with every page."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ui.settings.keys import Settings
from ui.shell.bus import ChangeBus
from ui.shell.pages import PageSpec


def build_page(spec: PageSpec, settings: Settings, bus: ChangeBus) -> QWidget:
    """The page `spec` names; its module is imported only now (SQLAlchemy stays off start-up)."""
    key = spec.key
    if key == "overview":
        from ui.campaign.overview_page import OverviewPage

        return OverviewPage(spec, settings, bus)
    if key == "settings":
        from ui.settings.page import SettingsPage

        return SettingsPage(spec, settings, bus)
    if key == "problems":
        from ui.problems.page import ProblemsPage

        return ProblemsPage(spec, settings, bus)
    if key == "supervision":
        from ui.problems.supervision_page import SupervisionPage

        return SupervisionPage(spec, settings, bus)
    if key == "projects":
        from ui.projects.page import ProjectsPage

        return ProjectsPage(spec, settings, bus)
    if key == "exchange":
        from ui.exchange.page import ExchangePage

        return ExchangePage(spec, settings, bus)
    if key == "chart":
        from ui.wall_chart.page import ChartPage

        return ChartPage(spec, settings, bus)
    if key == "statistics":
        from ui.statistics.page import StatisticsPage

        return StatisticsPage(spec, settings, bus)
    from ui.widgets.placeholder import PlaceholderPage

    return PlaceholderPage(spec)


class LazyPages(dict[str, QWidget]):
    """The pages built so far; looking one up builds it."""

    def __init__(self, build: Callable[[str], QWidget]) -> None:
        super().__init__()
        self._build = build

    def __missing__(self, key: str) -> QWidget:
        page = self._build(key)
        self[key] = page
        return page
