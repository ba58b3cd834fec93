"""The pens that draw relationship lines: one per line style, shared by the items, the
batched line drawing and the legend, so a line and its legend entry always match; and
:func:`draw_dashed_path`, which lays a curve's dashes alike on every repaint."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPainterPathStroker, QPen

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


def draw_dashed_path(painter: QPainter, path: QPainterPath, pen: QPen) -> None:
    """Draw ``path`` with ``pen``, its dashes laid from its start however much is repainted.

    Qt's dasher (``QDashStroker``) skips the flattened pieces of a path that lie outside the
    box of the area being painted (the bounding box of a paint event's region), counting the
    dash phase on over them; its dashes after a skipped piece can come out at another phase
    than when it dashes the piece (seen with Qt 6.11: 387 px of a dash-dot curve). A curve
    running out of a patch repainted after an edit was then dashed differently from the same
    curve painted whole, and where the patch met the rest the dashes did not join. The
    outline of its dashes from ``QPainterPathStroker`` (which skips nothing), worked out in
    device pixels as Qt's own stroke is and filled, draws on any repaint what Qt's stroke
    draws where it skips nothing. Solid and cosmetic pens are drawn as they are.
    """
    if pen.style() == Qt.PenStyle.SolidLine or pen.isCosmetic() or pen.widthF() <= 0:
        painter.setPen(pen)
        painter.drawPath(path)
        return
    transform = painter.worldTransform()
    device_pen = QPen(pen)
    # Dashes are measured in widths, so they fall alike in scene units and in pixels.
    device_pen.setWidthF(pen.widthF() * abs(transform.determinant()) ** 0.5)
    outline = QPainterPathStroker(device_pen).createStroke(transform.map(path))
    painter.save()
    painter.resetTransform()
    painter.fillPath(outline, pen.brush())
    painter.restore()
