"""Marks near a line's target end that tell a relationship's status by shape, not colour alone.

A missing relationship (a gap to close) wears a bar across its line, a proposed one (a link to
make) a dot on it; together with their dash patterns, people who cannot tell the orange from
the blue still tell the two apart (WCAG 2.2, 1.4.1).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainterPath, QPolygonF

from sysmap.model.style import END_MARKS

MARK_BACK = 14.0
"""How far before the line's end the mark sits, clear of an arrow head."""


def end_mark(status: str, line: QPainterPath, width: float) -> QPainterPath | None:
    """The mark that tells a missing or proposed relationship by shape as well as colour
    (``END_MARKS``): a bar across the line or a dot on it, a little before its target end."""
    kind = END_MARKS.get(status)
    if kind is None:
        return None
    length = line.length()
    if length < 40:  # too short to carry a mark clear of both ends
        return None
    at = line.percentAtLength(length - MARK_BACK)
    return mark_at(kind, line.pointAtPercent(at), math.radians(-line.angleAtPercent(at)), width)


def sample_mark(status: str, start: QPointF, end: QPointF, width: float) -> QPainterPath | None:
    """The same mark in the middle of a legend's line sample from ``start`` to ``end``, so
    the legend shows every mark the map draws."""
    kind = END_MARKS.get(status)
    if kind is None:
        return None
    middle = QPointF((start.x() + end.x()) / 2, (start.y() + end.y()) / 2)
    return mark_at(kind, middle, math.atan2(end.y() - start.y(), end.x() - start.x()), width)


def mark_at(kind: str, point: QPointF, angle: float, width: float) -> QPainterPath:
    """A ``dot`` or a ``bar`` of a line ``width`` wide at ``point``, the line running at
    ``angle`` (radians, screen coordinates)."""
    mark = QPainterPath()
    size = 3.0 + width
    if kind == "dot":
        mark.addEllipse(point, size, size)
        return mark
    dx, dy = math.cos(angle), math.sin(angle)  # along the line
    nx, ny = -dy, dx  # across it
    half, thick = size + 2.0, 1.0 + width / 2
    corners = [
        QPointF(
            point.x() + sx * nx * half + tx * dx * thick,
            point.y() + sx * ny * half + tx * dy * thick,
        )
        for sx, tx in ((1, 1), (1, -1), (-1, -1), (-1, 1))
    ]
    mark.addPolygon(QPolygonF(corners))
    mark.closeSubpath()
    return mark
