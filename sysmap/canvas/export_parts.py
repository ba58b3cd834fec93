"""Parts of a map's picture: a region of the map alone, and the legend alone, drawn as the
exported picture draws them (the report prints a map in enlarged parts with its legend)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPainter

from sysmap.canvas.export import PageLayout, drawing_for_export, smooth
from sysmap.canvas.legend import Legend, legend_size, paint_legend
from sysmap.canvas.theme import LIGHT, qcolor

if TYPE_CHECKING:
    from sysmap.canvas.scene import MapScene


def render_region(scene: MapScene, source: QRectF, pixels_per_unit: float) -> QImage:
    """Draw the part ``source`` (scene units) of the map as a picture would, on white,
    ``pixels_per_unit`` image pixels per scene unit (a report's enlarged parts for print)."""
    size = QSize(
        max(1, round(source.width() * pixels_per_unit)),
        max(1, round(source.height() * pixels_per_unit)),
    )
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(qcolor(LIGHT.background))
    target = QRectF(0, 0, size.width(), size.height())
    page = PageLayout(QSizeF(size), QRectF(), QRectF(), target, source, None)
    painter = QPainter(image)
    try:
        smooth(painter)
        with drawing_for_export(scene, page, 1.0):
            scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
    finally:
        painter.end()
    return image


def legend_image(legend: Legend, pixels_per_unit: float, columns: bool = True) -> QImage:
    """The legend alone as a picture (light theme), ``pixels_per_unit`` pixels per pixel."""
    size = legend_size(legend, columns)
    image = QImage(
        QSize(
            round(size.width() * pixels_per_unit) + 2, round(size.height() * pixels_per_unit) + 2
        ),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(qcolor(LIGHT.background))
    painter = QPainter(image)
    try:
        smooth(painter)
        painter.scale(pixels_per_unit, pixels_per_unit)
        paint_legend(painter, legend, QPointF(0.5, 0.5), LIGHT, columns)
    finally:
        painter.end()
    return image
