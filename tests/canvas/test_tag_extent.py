"""A tag's extent holds all the ink painting it lays down, its leader's included.

The view paints a tag again only where a repaint's region meets the tag's extent: a leader
reaching past it (a name's ring inside its stakeholder's box, a finding's tag's line to its
mark) was covered by the box or the mark whenever they alone were repainted.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QPointF, QRect, QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication

from sysmap.canvas.name_tags import NameTag, paint_tags
from sysmap.canvas.screen_tags import ScreenTag, paint_screen_tags
from sysmap.canvas.theme import LIGHT
from tests.gui.screen_compare import as_array


def _ink(paint: Callable[[QPainter], None]) -> QRect:
    """The bounding box of the pixels ``paint`` changes on a blank picture."""
    image = QImage(200, 120, QImage.Format.Format_ARGB32)
    image.fill(QColor(LIGHT.background))
    blank = as_array(image)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    paint(painter)
    painter.end()
    ys, xs = np.nonzero((as_array(image) != blank).any(axis=2))
    return QRect(
        int(xs.min()), int(ys.min()), int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1)
    )


def test_a_name_tags_extent_holds_its_leader_ring(qapp: QApplication) -> None:
    tag = NameTag("Youth Justice Service", QRectF(20, 70, 130, 16), "a", QPointF(120.0, 30.0))
    ink = _ink(lambda painter: paint_tags(painter, [tag], LIGHT))
    assert ink.top() < tag.rect.top() - 30  # the ring, well above the tag
    assert tag.extent().toAlignedRect().contains(ink)


def test_a_screen_tags_extent_holds_its_leader(qapp: QApplication) -> None:
    mark = QRectF(150, 10, 20, 20)
    tag = ScreenTag("Broker", "#D55E00", QRectF(20, 80, 60, 16), 11, mark, leader=True)
    ink = _ink(lambda painter: paint_screen_tags(painter, [tag]))
    assert ink.right() > tag.rect.right() + 40  # the line out to the mark
    assert tag.extent().toAlignedRect().contains(ink)
