"""The pens that draw relationship lines: one per line style, shared by the items, the
batched line drawing and the legend, so a line and its legend entry always match."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPen

from sysmap.model.style import LineStyle

DOT_WEIGHT = 1.4
"""How much wider dots are drawn than a line of the same style: dots carry less ink."""

_PATTERNS = {
    "solid": Qt.PenStyle.SolidLine,
    "dashed": Qt.PenStyle.DashLine,
    "dotted": Qt.PenStyle.DotLine,
    "dashdot": Qt.PenStyle.DashDotLine,
}


def pen_for(style: LineStyle, scale: float = 1.0) -> QPen:
    """Return the pen that draws a relationship of this style."""
    pen = QPen(QColor(style.colour), style.width * scale)
    if style.pattern == "dotted":
        # Round dots a little apart read as dotted at any width; Qt's DotLine looks grey.
        # Dots carry less ink than a line, so they are drawn a little wider to stay visible.
        pen.setWidthF(style.width * scale * DOT_WEIGHT)
        pen.setDashPattern([0.01, 2.0])
    else:
        pen.setStyle(_PATTERNS.get(style.pattern, Qt.PenStyle.SolidLine))
    pen.setCapStyle(
        Qt.PenCapStyle.RoundCap if style.pattern == "dotted" else Qt.PenCapStyle.FlatCap
    )
    return pen
