"""Missing and proposed relationships differ by shape as well as colour: a bar or a dot near the
target end, drawn in the status colour (WCAG 2.2, 1.4.1)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath

from sysmap.canvas.end_marks import MARK_BACK, end_mark, sample_mark
from sysmap.canvas.legend import Legend, LegendEntry, paint_legend
from sysmap.canvas.scene import MapScene
from sysmap.canvas.theme import DARK, LIGHT, CanvasTheme
from sysmap.model import Relationship, Stakeholder, SystemMap
from sysmap.model.style import STATUS_STYLES


def _line(length: float) -> QPainterPath:
    path = QPainterPath(QPointF(0, 0))
    path.lineTo(length, 0)
    return path


def test_only_missing_and_proposed_lines_wear_a_mark() -> None:
    assert end_mark("active", _line(200), 1.6) is None
    assert end_mark("weak", _line(200), 1.2) is None
    bar = end_mark("missing", _line(200), 1.8)
    dot = end_mark("proposed", _line(200), 1.8)
    assert bar is not None
    assert dot is not None
    for mark in (bar, dot):
        centre = mark.boundingRect().center()
        assert abs(centre.x() - (200 - MARK_BACK)) < 0.5  # before the end, clear of an arrow
        assert abs(centre.y()) < 0.5
    assert bar.boundingRect().height() > 2 * bar.boundingRect().width()  # across the line
    assert abs(dot.boundingRect().height() - dot.boundingRect().width()) < 0.1  # round
    assert end_mark("missing", _line(30), 1.8) is None  # no room on a very short line


def test_the_marks_are_drawn_in_the_status_colour(qapp) -> None:  # type: ignore[no-untyped-def]
    system_map = SystemMap("Marks")
    for name, x, y in (("A", 0.0, 0.0), ("B", 400.0, 0.0), ("C", 0.0, 300.0), ("D", 400.0, 300.0)):
        system_map.add_stakeholder(Stakeholder(name, x=x, y=y))
    system_map.add_relationship(Relationship("a", "b", "refers", status="missing", directed=False))
    system_map.add_relationship(Relationship("c", "d", "refers", status="proposed", directed=False))
    scene = MapScene(system_map)
    try:
        image = QImage(600, 500, QImage.Format.Format_RGB32)
        image.fill(QColor("#FFFFFF"))
        painter = QPainter(image)
        source = QRectF(-100, -100, 600, 500)
        scene.render(painter, QRectF(0, 0, 600, 500), source)
        painter.end()
        for rel in system_map.relationships():
            colour = QColor(STATUS_STYLES[rel.status].colour)
            item = scene.item_for_relationship(rel.id)
            line, width = item.draw_record()[4], STATUS_STYLES[rel.status].width
            mark = end_mark(rel.status, line, width)
            assert mark is not None
            centre = mark.boundingRect().center()
            # Around the mark's centre the picture is solid status colour: dashes alone leave
            # gaps, and nothing else is drawn there.
            hits = [
                image.pixelColor(round(centre.x() + 100) + dx, round(centre.y() + 100) + dy)
                for dx in (-1, 0, 1)
                for dy in (-2, -1, 0, 1, 2)
            ]
            near = [
                c for c in hits if abs(c.red() - colour.red()) + abs(c.blue() - colour.blue()) < 60
            ]
            assert len(near) >= 12, rel.status
    finally:
        scene.close()


def _legend_picture(status: str, with_mark: bool, theme: CanvasTheme) -> QImage:
    entry = LegendEntry(
        "Status", line=STATUS_STYLES[status], count=1, status=status if with_mark else ""
    )
    image = QImage(300, 120, QImage.Format.Format_RGB32)
    image.fill(QColor(theme.background))
    painter = QPainter(image)
    paint_legend(painter, Legend("Sector", lines=(entry,)), QPointF(0, 0), theme)
    painter.end()
    return image


def _status_pixels(image: QImage, colour: QColor) -> int:
    return sum(
        1
        for x in range(60)
        for y in range(image.height())
        if abs(image.pixelColor(x, y).red() - colour.red())
        + abs(image.pixelColor(x, y).green() - colour.green())
        + abs(image.pixelColor(x, y).blue() - colour.blue())
        < 60
    )


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize("status", ["missing", "proposed"])
def test_the_legend_sample_wears_the_same_mark_as_the_map(
    qapp,
    status: str,
    theme: CanvasTheme,  # type: ignore[no-untyped-def]
) -> None:
    # Every mark the map draws has its legend entry: the status's line sample carries the bar
    # or the dot, so the shape is explained where the colour is.
    colour = QColor(theme.line_style(STATUS_STYLES[status]).colour)
    plain = _status_pixels(_legend_picture(status, False, theme), colour)
    marked = _status_pixels(_legend_picture(status, True, theme), colour)
    assert marked >= plain + 15, (plain, marked)


def test_a_status_without_a_mark_draws_only_its_line(qapp) -> None:  # type: ignore[no-untyped-def]
    assert sample_mark("active", QPointF(0, 0), QPointF(20, 0), 1.6) is None
    plain = _legend_picture("weak", False, LIGHT)
    marked = _legend_picture("weak", True, LIGHT)
    assert plain == marked
