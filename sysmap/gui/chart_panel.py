"""The Charts panel: the analysis's charts drawn by matplotlib inside the window.

Choose a chart (ties between groups, observed ÷ expected, E-I against random mixing, brokers,
most connected) and a grouping; the chart follows the latest analysis and the desktop's
light or dark palette, and can be saved as a picture. matplotlib (about 50 MB) is imported
when the first chart is drawn, which is when the panel is first shown with an analysis: a
window that never shows its charts never loads it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QColor, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sysmap.analysis.grouping import attribute_label
from sysmap.charts import CHARTS, DARK, GROUP_CHARTS, LIGHT, ChartData, ChartStyle, make_chart
from sysmap.gui.resources import icon

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def style_from_palette(palette: QPalette) -> ChartStyle:
    """Chart colours matching a widget palette (light or dark desktop)."""
    window = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.WindowText)
    dark = window.lightnessF() < 0.5
    base = DARK if dark else LIGHT
    muted = QColor(
        (text.red() + window.red()) // 2,
        (text.green() + window.green()) // 2,
        (text.blue() + window.blue()) // 2,
    )
    return ChartStyle(
        background=window.name(),
        text=text.name(),
        muted=muted.name(),
        band=base.band,
        observed=base.observed,
        silo=base.silo,
        expected=text.name(),
        dark=dark,
        font_size=base.font_size,
    )


MIN_SCALE = 0.6
"""A chart is never narrowed below this share of its own width: the panel scrolls instead."""
MIN_HEIGHT = 180
"""Pixels a chart may be squeezed to in height: a laptop's Charts panel is about 260 px tall,
and a chart taller than the panel hides its bottom axis labels below the fold."""


class ChartPanel(QWidget):
    """One chart at a time, chosen from a list, following the analysis."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: ChartData | None = None
        self._dirty = False
        self.kind = QComboBox()
        self.kind.setAccessibleName("Chart")
        for key, title in CHARTS.items():
            self.kind.addItem(title, key)
        self.attribute = QComboBox()
        self.attribute.setAccessibleName("Grouping")
        self.save_button = QPushButton(icon("picture"), "Save…")
        self.save_button.setToolTip("Save this chart as a PNG, SVG or PDF picture")
        self.note = QLabel("The charts appear once the map has been analysed.")
        self.note.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.kind, 2)
        bar.addWidget(QLabel("by"))
        bar.addWidget(self.attribute, 1)
        bar.addWidget(self.save_button)
        self.figure: Figure | None = None
        """The chart on show; ``None`` until the panel first draws one."""
        self.canvas = QWidget()  # a blank until the first chart: see _show
        self.canvas.setAccessibleName("Chart picture")
        self.scroller = QScrollArea()
        self.scroller.setAccessibleName("Chart, scrolled with the arrow keys")
        self.scroller.setWidgetResizable(True)
        self.scroller.setWidget(self.canvas)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.note)
        layout.addWidget(self.scroller, 1)
        self.kind.currentIndexChanged.connect(self.redraw)
        self.attribute.currentIndexChanged.connect(self.redraw)
        self.save_button.clicked.connect(self.save)
        self.set_data(None)

    def set_data(self, data: ChartData | None) -> None:
        """Chart a new analysis (``None``: nothing to chart)."""
        self.data = data
        wanted = self.attribute.currentData()
        blocked = self.attribute.blockSignals(True)
        self.attribute.clear()
        for attribute in data.attributes if data is not None else ():
            self.attribute.addItem(attribute_label(attribute).capitalize(), attribute)
        index = self.attribute.findData(wanted)
        self.attribute.setCurrentIndex(max(index, 0))
        self.attribute.blockSignals(blocked)
        self.note.setVisible(data is None)
        # Drawn in a later turn of the event loop, and only once someone can see it: a new
        # analysis then never holds up the window for longer than one chart takes.
        self._dirty = True
        if self.isVisible():
            QTimer.singleShot(0, self, self._redraw_if_dirty)

    def chart_kind(self) -> str:
        """The chart chosen."""
        return str(self.kind.currentData())

    def set_chart(self, kind: str, attribute: str | None = None) -> None:
        """Show chart ``kind`` (for ``attribute``)."""
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        if attribute is not None:
            self.attribute.setCurrentIndex(max(self.attribute.findData(attribute), 0))

    def _redraw_if_dirty(self) -> None:
        if self._dirty:
            self.redraw()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._redraw_if_dirty()

    def redraw(self) -> None:
        """Draw the chosen chart again (after new data, a choice or a palette change)."""
        self._dirty = False
        kind = self.chart_kind()
        self.attribute.setEnabled(kind in GROUP_CHARTS and self.attribute.count() > 1)
        self.save_button.setEnabled(self.data is not None)
        if self.data is None or (kind in GROUP_CHARTS and not self.data.attributes):
            self._show_blank()  # nothing to chart, and no need to load matplotlib for it
            return
        style = style_from_palette(self.palette())
        self._show(make_chart(kind, self.data, self.attribute.currentData(), style))

    def _show_blank(self) -> None:
        self.figure = None
        blank = QWidget()
        blank.setAccessibleName("Chart picture")
        self._put(blank)

    def _show(self, figure: Figure) -> None:
        # A new Qt canvas per figure: matplotlib canvases are made for one figure each.
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        self.figure = figure
        width, height = figure.get_size_inches() * figure.get_dpi()
        canvas = FigureCanvasQTAgg(figure)  # type: ignore[no-untyped-call]
        canvas.setAccessibleName("Chart picture")
        # The chart fills the panel (its constrained layout keeps every label inside), down
        # to a height a laptop's panel holds; only a narrow panel scrolls, sideways.
        canvas.setMinimumSize(round(width * MIN_SCALE), min(round(height * MIN_SCALE), MIN_HEIGHT))
        self._put(canvas)
        canvas.draw_idle()  # type: ignore[no-untyped-call]

    def _put(self, canvas: QWidget) -> None:
        """Show ``canvas`` in the scroller in place of the one before."""
        old = self.scroller.takeWidget()
        if old is not None:
            old.deleteLater()
        self.canvas = canvas
        self.scroller.setWidget(canvas)

    def save(self) -> None:
        """Ask where, and save the chart as a picture on white paper."""
        if self.data is None:
            return
        name = f"{self.chart_kind()}.png"
        path, _filter = QFileDialog.getSaveFileName(
            self, "Save chart", name, "PNG picture (*.png);;SVG picture (*.svg);;PDF (*.pdf)"
        )
        if path:
            figure = make_chart(self.chart_kind(), self.data, self.attribute.currentData(), LIGHT)
            from matplotlib.backends.backend_agg import FigureCanvasAgg

            FigureCanvasAgg(figure)
            figure.savefig(Path(path), dpi=150, facecolor=figure.get_facecolor())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._dirty = True
            if self.isVisible():
                self.redraw()
        super().changeEvent(event)
