"""A name's leader must not read as a relationship ending in its stakeholder's box.

A solid line in the text's ink ending in a filled dot looked like one more line on the map;
the leader is fainter than the ink and ends in an open ring, the box's colour showing inside.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication

from sysmap.canvas.name_tags import NameTag, paint_tags
from sysmap.canvas.theme import DARK, LIGHT, CanvasTheme

BOX = QColor("#56B4E9")  # local public services' blue: a box a leader often ends in


def _painted(theme: CanvasTheme) -> tuple[QImage, QPointF]:
    image = QImage(120, 60, QImage.Format.Format_ARGB32)
    image.fill(QColor(theme.background))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(QRectF(70, 20, 40, 20), BOX)  # the stakeholder's box
    tie = QPointF(90.0, 30.0)
    paint_tags(painter, [NameTag("Name", QRectF(4, 22, 40, 16), "a", tie)], theme)
    painter.end()
    return image, tie


def _distance(a: QColor, b: QColor) -> int:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue()))


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_a_leader_is_fainter_than_the_ink_and_ends_in_an_open_ring(
    qapp: QApplication, theme: CanvasTheme
) -> None:
    image, tie = _painted(theme)
    centre = image.pixelColor(int(tie.x()), int(tie.y()))
    assert _distance(centre, BOX) < 40, centre.name()  # open: the box shows through
    ring = [image.pixelColor(int(tie.x()) + dx, int(tie.y())) for dx in (-3, -2, 2, 3)]
    assert max(_distance(p, BOX) for p in ring) > 40  # but the ring is there to see
    ink, background = QColor(theme.text), QColor(theme.background)
    leader = [image.pixelColor(x, 30) for x in range(50, 64)]  # on the bare canvas
    darkest = max(_distance(p, background) for p in leader)
    assert 0 < darkest < 0.8 * _distance(ink, background)  # drawn, and fainter than the ink
