"""Dashed curves are dashed from their start however much of them a repaint paints.

Qt's own stroke of a dashed curve depends on the box being painted (its dasher skips the
pieces outside it): after an undo repainted a patch of the map, a dash-dot (proposed) curve
came out with its dashes elsewhere in the patch than in a picture of the whole view (387 px,
found by ``tests/gui/test_redraw_property.py``). :func:`draw_dashed_path` draws the same
pixels in a patch as over the whole window, and the same as Qt's stroke of a curve painted whole.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRect
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QRegion, QTransform

from sysmap.canvas.line_pens import draw_dashed_path, pen_for
from sysmap.model.style import LineStyle
from tests.gui.screen_compare import as_array

SIZE = (460, 534)
VIEW = QTransform.fromTranslate(-242.54140228426394, 179.49190989847716)
"""The view's mapping at 100 % when the drift was found (scrolled by a fraction of a pixel)."""
PATCH = QRect(56, 269, 404, 245)
"""The patch repainted by the undo."""


def _curve() -> QPainterPath:
    """The proposed line as it ran then: bowed round a neighbour, starting off the patch."""
    path = QPainterPath(QPointF(53.71124267578125, 267.3805385287633))
    path.cubicTo(
        QPointF(224.86763546359725, 288.74476812730865),
        QPointF(396.02402825141326, 289.51129482513255),
        QPointF(567.1804210392293, 269.680118622235),
    )
    return path


def _paint(
    draw: Callable[[QPainter], None], transform: QTransform, clip: QRect | None
) -> np.ndarray:
    """What ``draw(painter)`` paints on white, with only ``clip`` painted (as a paint event's
    region limits a repaint) when given."""
    image = QImage(*SIZE, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    engine = image.paintEngine()
    if clip is not None:
        engine.setSystemClip(QRegion(clip))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setTransform(transform)
    draw(painter)
    painter.end()
    engine.setSystemClip(QRegion())
    return as_array(image)


def _differing(a: np.ndarray, b: np.ndarray, rect: QRect) -> int:
    rows, columns = slice(rect.top(), rect.bottom() + 1), slice(rect.left(), rect.right() + 1)
    far = np.abs(a[rows, columns, :3].astype(np.int16) - b[rows, columns, :3].astype(np.int16))
    return int((far > 0).any(axis=2).sum())


@pytest.mark.parametrize("pattern", ["dashdot", "dashed", "dotted"])
def test_a_patch_of_a_dashed_curve_equals_the_curve_painted_whole(
    qapp: object, pattern: str
) -> None:
    pen = pen_for(LineStyle("#0072B2", pattern, 1.8))

    def draw(painter: QPainter) -> None:
        draw_dashed_path(painter, _curve(), pen)

    whole, patch = _paint(draw, VIEW, None), _paint(draw, VIEW, PATCH)
    assert _differing(whole, patch, PATCH) == 0


@pytest.mark.parametrize("zoom", [0.35, 1.0, 2.5])
def test_a_dashed_curve_looks_as_qt_strokes_it_whole(qapp: object, zoom: float) -> None:
    """Painted whole and on the device, the outline filled draws Qt's stroke, pixel for pixel
    (worked out in device pixels: in scene units, it would be flattened coarsely zoomed in)."""
    pen = pen_for(LineStyle("#0072B2", "dashdot", max(1.8, 1.05 / zoom)))
    transform = QTransform.fromScale(zoom, zoom).translate(-40.0, -200.0)
    path = _curve()

    def stroke(painter: QPainter) -> None:
        painter.setPen(pen)
        painter.drawPath(path)

    def draw(painter: QPainter) -> None:
        draw_dashed_path(painter, path, pen)

    stroked, drawn = _paint(stroke, transform, None), _paint(draw, transform, None)
    assert _differing(stroked, drawn, QRect(0, 0, *SIZE)) == 0
