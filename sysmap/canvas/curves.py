"""Quadratic curves of bent relationship lines: control points, trimming at the shapes.

A bent line is drawn as the part of one quadratic Bézier, from its source's centre to its
target's, that lies outside both shapes; that part is itself a quadratic, whose control point
is the curve's *blossom* at the two ends' parameters. A line routed through two waypoints
(:mod:`sysmap.layout.waypoint_routes`) is two such quadratics end to end (:func:`pieces`),
trimmed the same way at its source (the first) and target (the last). So what is drawn is
exactly the curve :mod:`sysmap.layout.routes` checked against the other stakeholders. Plain
floats (a bent line is worked out once per change, and there are few).
"""

from __future__ import annotations

import math

from sysmap.canvas.geometry import border_distance

Point = tuple[float, float]
Bend = tuple[float, ...]
"""``(along, bulge)`` of a line's one bend, or ``(s1, h1, s2, h2)`` of its two waypoints."""
Piece = tuple[Point, Point, Point]
"""A quadratic's start, control and end."""
Outline = tuple[str, float, float]
"""A shape's name and its half width and half height."""
ARROW_LENGTH = 11.0
ARROW_HALF_WIDTH = 5.0


def bent_control(a: Point, b: Point, bend: Point) -> Point:
    """The control point of a line bent by ``bend`` ``(along, bulge)``, as
    :func:`sysmap.layout.routes.control_points` places it."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1e-9
    along, bulge = bend
    nx, ny = -dy / length, dx / length
    return (
        (a[0] + b[0]) / 2 + along * dx + 2 * bulge * nx,
        (a[1] + b[1]) / 2 + along * dy + 2 * bulge * ny,
    )


def pieces(a: Point, b: Point, bend: Bend) -> list[Piece]:
    """The quadratics of a line ``a → b`` bent by ``bend``: one for a bend, two for two
    waypoints (meeting half way between them, as
    :func:`sysmap.layout.waypoint_routes.spline_points` samples them)."""
    if len(bend) == 2:
        return [(a, bent_control(a, b, (bend[0], bend[1])), b)]
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1e-9
    nx, ny = -dy / length, dx / length
    s1, h1, s2, h2 = bend
    w1 = (a[0] + s1 * dx + h1 * nx, a[1] + s1 * dy + h1 * ny)
    w2 = (a[0] + s2 * dx + h2 * nx, a[1] + s2 * dy + h2 * ny)
    middle = ((w1[0] + w2[0]) / 2, (w1[1] + w2[1]) / 2)
    return [(a, w1, middle), (middle, w2, b)]


def point_along(parts: list[Piece], t: float) -> Point:
    """The point at ``t`` (0 to 1) of the line made of ``parts``, each part an equal share."""
    index = min(int(t * len(parts)), len(parts) - 1)
    return at(*parts[index], t * len(parts) - index)


def trimmed_pieces(src: Outline, dst: Outline, parts: list[Piece]) -> Point:
    """Where (as t of the first and of the last piece) the line leaves the source's shape
    and enters the target's; a single piece as :func:`trimmed_curve`."""
    if len(parts) == 1:
        return trimmed_curve(src, dst, *parts[0])
    first, last = parts[0], parts[-1]
    return _leaves(src, *first, 0.0, 1.0), _leaves(dst, *last, 1.0, 0.0)


def trimmed_curve(
    src: Outline,
    dst: Outline,
    a: Point,
    ctrl: Point,
    b: Point,
) -> Point:
    """Where (as t) the quadratic curve a → b (control ``ctrl``) leaves the source's shape
    and enters the target's: drawn from one to the other, it is exactly the routed curve."""
    t0 = _leaves(src, a, ctrl, b, 0.0, 0.5)
    t1 = _leaves(dst, a, ctrl, b, 1.0, 0.5)
    return (t0, t1) if t0 < t1 else (0.5, 0.5)


def blossom(a: Point, c: Point, b: Point, t0: float, t1: float) -> Point:
    """The control point of the curve's part between ``t0`` and ``t1`` (its blossom)."""
    w0, w1, w2 = (1 - t0) * (1 - t1), (1 - t0) * t1 + t0 * (1 - t1), t0 * t1
    return w0 * a[0] + w1 * c[0] + w2 * b[0], w0 * a[1] + w1 * c[1] + w2 * b[1]


def back_from(
    a: Point,
    c: Point,
    b: Point,
    span: Point,
    distance: float,
) -> float:
    """The t in ``span`` at ``distance`` (straight) back from the curve's point at its end."""
    t0, t1 = span
    tip = at(a, c, b, t1)
    low, high = t0, t1
    for _ in range(20):
        mid = (low + high) / 2
        x, y = at(a, c, b, mid)
        if math.hypot(x - tip[0], y - tip[1]) > distance:
            low = mid
        else:
            high = mid
    return low


def at(a: Point, c: Point, b: Point, t: float) -> Point:
    u = 1 - t
    return (
        u * u * a[0] + 2 * u * t * c[0] + t * t * b[0],
        u * u * a[1] + 2 * u * t * c[1] + t * t * b[1],
    )


def _leaves(
    outline: Outline,
    a: Point,
    c: Point,
    b: Point,
    inside: float,
    outside: float,
) -> float:
    """Where (as t) the curve crosses the outline, between ``inside`` (its centre) and
    ``outside`` (by bisection; 20 steps place it within a millionth of the curve)."""
    centre = b if inside == 1.0 else a
    shape, hw, hh = outline
    x, y = at(a, c, b, outside)
    if border_distance(shape, hw, hh, x - centre[0], y - centre[1]) >= 1.0:
        return outside  # the middle is still inside (overlapping shapes): meet there
    for _ in range(20):
        mid = (inside + outside) / 2
        x, y = at(a, c, b, mid)
        if border_distance(shape, hw, hh, x - centre[0], y - centre[1]) >= 1.0:
            inside = mid
        else:
            outside = mid
    return outside


def arrow_head(tip: Point, toward_tail: Point) -> tuple[tuple[Point, Point, Point], Point]:
    """The corners of the arrow at ``tip`` pointing away from ``toward_tail``, and where the
    line should stop so that its end does not show through the arrow's point."""
    dx, dy = tip[0] - toward_tail[0], tip[1] - toward_tail[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    bx, by = tip[0] - ux * ARROW_LENGTH, tip[1] - uy * ARROW_LENGTH
    px, py = -uy * ARROW_HALF_WIDTH, ux * ARROW_HALF_WIDTH
    corners = (tip, (bx + px, by + py), (bx - px, by - py))
    return corners, (tip[0] - ux * ARROW_LENGTH * 0.7, tip[1] - uy * ARROW_LENGTH * 0.7)
