"""Shapes and lines: outlines by kind, where a line meets a shape, parallel offsets, hulls.

Plain float maths where it can be (so it is cheap and testable), Qt paths where drawing needs
them. A stakeholder's position is the centre of its shape.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath, QPolygonF

CORNER_RADIUS = 8.0
PARALLEL_SPACING = 26.0
"""How far apart (at their middle) parallel relationships between one pair are drawn."""

Point = tuple[float, float]


def hexagon_inset(half_height: float) -> float:
    """How far a hexagon's side points stick out beyond its straight top and bottom."""
    return half_height * 0.45


def outline_path(shape: str, rect: QRectF, radius: float = CORNER_RADIUS) -> QPainterPath:
    """Return the outline of a stakeholder of ``shape`` filling ``rect``."""
    path = QPainterPath()
    if shape == "ellipse":
        path.addEllipse(rect)
    elif shape == "hexagon":
        d = hexagon_inset(rect.height() / 2)
        cy = rect.center().y()
        points = [
            QPointF(rect.left(), cy),
            QPointF(rect.left() + d, rect.top()),
            QPointF(rect.right() - d, rect.top()),
            QPointF(rect.right(), cy),
            QPointF(rect.right() - d, rect.bottom()),
            QPointF(rect.left() + d, rect.bottom()),
        ]
        path.addPolygon(QPolygonF(points))
        path.closeSubpath()
    elif shape == "roundrectangle":
        path.addRoundedRect(rect, radius, radius)
    else:
        path.addRect(rect)
    return path


def outer_size(shape: str, line_widths: Sequence[float], spacing: float, padding: float) -> Point:
    """Return the width and height of a shape that holds centred lines of text.

    Rectangles add ``padding`` round the text block. An ellipse is sized so that every
    line's corners sit inside it; a hexagon adds its pointed sides to the box.
    """
    text_width, text_height = max(line_widths), spacing * len(line_widths)
    width, height = text_width + 2 * padding, text_height + 2 * padding
    if shape == "ellipse":
        inner = padding * 0.6
        half_h = max((text_height / 2 + inner) * 1.2, 20.0)
        half_w = 0.0
        for i, w in enumerate(line_widths):
            y = max(abs(-text_height / 2 + i * spacing), abs(-text_height / 2 + (i + 1) * spacing))
            half_w = max(half_w, (w / 2) / math.sqrt(1 - (y / half_h) ** 2))
        return 2 * (half_w + inner), 2 * half_h
    if shape == "hexagon":
        return width + 2 * hexagon_inset(height / 2), height
    return width, height


def border_distance(shape: str, half_w: float, half_h: float, dx: float, dy: float) -> float:
    """Return t such that the centre + t·(dx, dy) lies on the outline (0 for a zero ray).

    Examples
    --------
    >>> border_distance("rectangle", 50, 20, 1.0, 0.0)
    50.0
    >>> round(border_distance("ellipse", 50, 20, 0.0, 1.0), 6)
    20.0
    """
    ax, ay = abs(dx), abs(dy)
    if ax < 1e-12 and ay < 1e-12:
        return 0.0
    if shape == "ellipse":
        return 1.0 / math.sqrt((ax / half_w) ** 2 + (ay / half_h) ** 2)
    if shape == "hexagon":
        d = hexagon_inset(half_h)
        t_top = half_h / ay if ay > 1e-12 else math.inf
        if t_top * ax <= half_w - d:
            return t_top
        return half_w / (ax + d * ay / half_h)
    t_x = half_w / ax if ax > 1e-12 else math.inf
    t_y = half_h / ay if ay > 1e-12 else math.inf
    return min(t_x, t_y)


def parallel_offsets(count: int) -> list[float]:
    """Return the offsets of ``count`` relationships between one pair, centred on zero.

    Examples
    --------
    >>> parallel_offsets(1), parallel_offsets(2), parallel_offsets(3)
    ([0.0], [-13.0, 13.0], [-26.0, 0.0, 26.0])
    """
    return [(i - (count - 1) / 2) * PARALLEL_SPACING for i in range(count)]


def control_point(a: Point, b: Point, offset: float) -> Point | None:
    """Return the quadratic control point that bows the line a→b sideways by ``offset``.

    The bulge is measured at the middle of the curve, to the left of a→b. ``None`` means
    a straight line.
    """
    if abs(offset) < 1e-9:
        return None
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    if length < 1e-9:
        return None
    nx, ny = -dy / length, dx / length
    # A quadratic Bézier reaches half way to its control point, so double the bulge.
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    return mx + nx * offset * 2, my + ny * offset * 2


def convex_hull(points: Iterable[Point]) -> list[Point]:
    """Return the convex hull of ``points`` in counter-clockwise order (monotone chain).

    Examples
    --------
    >>> convex_hull([(0, 0), (1, 0), (1, 1), (0, 1), (0.5, 0.5)])
    [(0, 0), (1, 0), (1, 1), (0, 1)]
    """
    pts = sorted(set(points))
    if len(pts) <= 2:
        return pts

    def cross(o: Point, a: Point, b: Point) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[Point] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[Point] = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def rounded_hull_path(points: Sequence[Point], margin: float) -> QPainterPath:
    """Return a smooth convex outline around ``points``, ``margin`` away from each of them."""
    path = QPainterPath()
    if not points:
        return path
    # The hull of small circles round each point is the rounded hull; 16 steps look smooth.
    steps = [
        (math.cos(k * math.pi / 8) * margin, math.sin(k * math.pi / 8) * margin) for k in range(16)
    ]
    ring = convex_hull((x + cx, y + cy) for x, y in points for cx, cy in steps)
    path.addPolygon(QPolygonF([QPointF(x, y) for x, y in ring]))
    path.closeSubpath()
    return path


FREE_GAP = 30.0
"""Room left between a stakeholder added from the keyboard and its neighbours (scene units)."""
SPOT_SIZE = (160.0, 60.0)
"""The room a new stakeholder needs (a two-line name box), in scene units."""


def free_spot(
    start: tuple[float, float], boxes: list[tuple[float, float, float, float]]
) -> tuple[float, float]:
    """The free spot nearest ``start`` for a new stakeholder, clear of every box by a gap.

    Spots are tried on rings of growing size around ``start`` (right, below, left, above
    first), so a run of additions lines up beside each other instead of stacking.

    Examples
    --------
    >>> free_spot((0.0, 0.0), [])
    (0.0, 0.0)
    >>> free_spot((0.0, 0.0), [(-80.0, -30.0, 80.0, 30.0)])
    (190.0, 0.0)
    """
    width, height = SPOT_SIZE
    step_x, step_y = width + FREE_GAP, height + FREE_GAP

    def clear(x: float, y: float) -> bool:
        left, top = x - width / 2 - FREE_GAP, y - height / 2 - FREE_GAP
        right, bottom = x + width / 2 + FREE_GAP, y + height / 2 + FREE_GAP
        return not any(left < b[2] and b[0] < right and top < b[3] and b[1] < bottom for b in boxes)

    x0, y0 = start
    if clear(x0, y0):
        return x0, y0
    for ring in range(1, 40):
        spots = [(dx, dy) for dx in range(-ring, ring + 1) for dy in range(-ring, ring + 1)]
        spots = [s for s in spots if max(abs(s[0]), abs(s[1])) == ring]
        spots.sort(key=lambda s: (abs(s[0]) + abs(s[1]), -s[0], -s[1]))
        for dx, dy in spots:
            x, y = x0 + dx * step_x, y0 + dy * step_y
            if clear(x, y):
                return x, y
    return x0, y0
