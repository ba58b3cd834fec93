"""A laptop's Charts panel (about 260 px tall) shows each chart whole, axis labels included."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QRect, Qt
from pytestqt.qtbot import QtBot

from sysmap.charts import CHARTS
from sysmap.gui.chart_panel import ChartPanel
from sysmap.gui.main_window import MainWindow
from tests.gui.test_analysis_panel import WAIT_MS
from tests.gui.test_laptop_screen import open_on_laptop

PANEL = 260


def _texts_inside(figure) -> None:  # type: ignore[no-untyped-def]
    """Everything drawn (ticks, titles, axis labels, the colour bar) lies inside the figure.

    The figure's tight box, measured by the renderer, spans what is drawn, writing included
    (and leaves out ticks matplotlib makes but does not draw).
    """
    drawn = figure.get_tightbbox(figure.canvas.get_renderer())
    paper = figure.bbox_inches
    slack = 1 / figure.dpi  # a pixel
    assert drawn.x0 >= paper.x0 - slack
    assert drawn.x1 <= paper.x1 + slack
    assert drawn.y0 >= paper.y0 - slack
    assert drawn.y1 <= paper.y1 + slack


def _charts_in_panel(window: MainWindow, qtbot: QtBot, height: int) -> ChartPanel:
    """The rough-sleeping example's charts in a Charts panel ``height`` pixels tall."""
    open_on_laptop(window, qtbot, "rough-sleeping")
    analysis = window.analysis
    qtbot.waitUntil(lambda: analysis.runner.is_current(), timeout=WAIT_MS)
    analysis.charts_action.trigger()
    window.resizeDocks([analysis.charts_dock], [height], Qt.Orientation.Vertical)
    charts = analysis.charts
    qtbot.waitUntil(lambda: charts.figure is not None and bool(charts.figure.axes), timeout=WAIT_MS)
    assert charts.height() <= height + 10
    return charts


def test_charts_fit_a_laptop_panel(window: MainWindow, qtbot: QtBot) -> None:
    charts = _charts_in_panel(window, qtbot, PANEL)
    for kind in CHARTS:
        charts.set_chart(kind, "sector")
        qtbot.waitUntil(lambda: charts.canvas.height() > 0)
        qtbot.wait(10)
        canvas = charts.canvas
        shown = charts.scroller.viewport().rect()
        placed = QRect(
            canvas.mapTo(charts.scroller.viewport(), canvas.rect().topLeft()), canvas.size()
        )
        assert shown.contains(placed), (kind, placed, shown)  # no part below the fold
        canvas.draw()
        _texts_inside(charts.figure)


SHORT_PANEL = 220


def _row_label_boxes(figure):  # type: ignore[no-untyped-def]
    """The drawn extents of the heatmap's row labels that say something, top to bottom."""
    renderer = figure.canvas.get_renderer()
    axes = figure.axes[0]
    labels = [t for t in axes.get_yticklabels() if t.get_visible() and t.get_text().strip()]
    return sorted(
        ((t.get_window_extent(renderer), t.get_text()) for t in labels), key=lambda b: -b[0].y1
    )


def test_heatmap_row_labels_never_overlap_in_a_short_panel(
    window: MainWindow, qtbot: QtBot
) -> None:
    charts = _charts_in_panel(window, qtbot, SHORT_PANEL)
    attributes = [charts.attribute.itemData(i) for i in range(charts.attribute.count())]
    for kind in ("ties", "ties_ratio"):
        for attribute in attributes:
            charts.set_chart(kind, attribute)
            qtbot.waitUntil(lambda: charts.canvas.height() > 0)
            qtbot.wait(10)
            charts.canvas.draw()
            boxes = _row_label_boxes(charts.figure)
            assert len(boxes) >= 2, (kind, attribute)  # still labelled
            for (upper, a), (lower, b) in itertools.pairwise(boxes):
                assert lower.y1 <= upper.y0 + 0.5, (kind, attribute, a, b)  # no overlap
            _texts_inside(charts.figure)
