"""A matplotlib figure inside the window, redrawn from the month's statistics."""

from __future__ import annotations

from collections.abc import Callable

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.infra.gc_pause import gc_paused
from app.statistics.chart_fonts import register_chart_fonts
from app.statistics.charts import Margins, fit_margins
from app.statistics.month_statistics import MonthStatistics

Draw = Callable[[Figure, MonthStatistics], Margins]


class StatisticsChart(FigureCanvasQTAgg):
    """One chart: cleared and drawn again for each month shown."""

    def __init__(self, draw: Draw, parent: QWidget | None = None) -> None:
        register_chart_fonts()
        figure = Figure(figsize=(4, 2.6), dpi=100)
        super().__init__(figure)
        self.setParent(parent)
        self._draw = draw
        self._margins: Margins | None = None
        # The figure takes the widget's size on resize: keep the label margins in inches.
        self.mpl_connect("resize_event", lambda _e: self._refit())
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(260, 200)

    def draw(self) -> None:
        """Render (matplotlib's); the collector paused, as for the figures themselves."""
        with gc_paused():
            super().draw()

    def show_statistics(self, stats: MonthStatistics) -> None:
        """Draw the chart for `stats` (painted when Qt next paints)."""
        self.figure.clear()
        with gc_paused():
            self._margins = self._draw(self.figure, stats)
        self.draw_idle()

    def _refit(self) -> None:
        if self._margins is not None:
            fit_margins(self.figure, self._margins)
