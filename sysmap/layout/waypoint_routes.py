"""Lines no single bend takes round every box: a route through two waypoints (issue 13).

In a full table (a place's grid of boxes 36 px apart) a line running across the rows may
find no quadratic curve that clears every box: one bend bows the whole line one way, where
it has to slip past one box on its left and the next on its right. Such a line is drawn
instead along two waypoints:

- its **waypoints** are ``(s1, h1, s2, h2)``: waypoint *i* sits ``s_i`` of the way from
  source to target and ``h_i`` to the left of source → target (scene pixels);
- the line is the quadratic B-spline on ``source, w1, w2, target``: one quadratic from the
  source to the middle ``m`` of the two waypoints (control ``w1``), a second from ``m`` to
  the target (control ``w2``). Both meet at ``m`` along the line ``w1 → w2``, so the line
  turns there without a kink, and it never leaves the hull of its four points (so a box
  round those holds it: the route's region);
- :data:`TEMPLATES` are tried cheapest first (smallest sideways reach, then least
  difference between the two sides, so gentle curves before S-bends), at
  :data:`SAMPLES` points, and the first that clears every box but the line's ends by the
  margin wins; a line none clears keeps its single bend.

With one waypoint the same rule gives the single bend of :mod:`sysmap.layout.routes`: these
are its next step, not another kind of line.
"""

from __future__ import annotations

import numpy as np

from sysmap.layout.nodes import FloatArray, IntArray
from sysmap.layout.route_hits import Obstacles, first_clear

SPANS = ((0.25, 0.75), (1 / 3, 2 / 3), (0.15, 0.55), (0.45, 0.85), (0.2, 0.8))
"""Where along the line the two waypoints are tried (evenly, or both towards one end)."""
OFFSETS = tuple(range(-216, 217, 24))
"""Sideways offsets tried for each waypoint, scene pixels (left of source → target > 0)."""
SAMPLES = 33
"""Points each route is tested at: 16 chords per quadratic, as a single bend's curve."""
CHUNK = 240
"""Templates tried at once for the lines still crossing."""
COST_LIMIT = 216.0
"""Templates costing more than this (see :func:`_templates`) are not tried: such wide
S-bends read worse than the tight single bend kept instead, and a line none clears tries
every template on each step of a drag near it (850 templates, not 1,800: a drag step on the
dense synthetic map after by place took 68 ms, at most 89, not 96 and 145; 23 and 32 with
single bends only). The drawn crossings on the examples and synthetic maps are 0 either way."""
MAX_CROSSED = 2
"""Lines whose best single bend still crosses more shapes than this are not tried here: a
line through a crowd needs the stakeholders moved, and the templates cost the most."""


def _templates() -> FloatArray:
    """Every pair of waypoints tried, as rows ``(s1, h1, s2, h2)``, cheapest first (fixed
    order: routing is deterministic). A template costs its farther waypoint's offset plus
    half the difference between the two (an S-bend costs more than a bow)."""
    rows = [
        (max(abs(h1), abs(h2)) + 0.5 * abs(h1 - h2), s1, h1, s2, h2)
        for s1, s2 in SPANS
        for h1 in OFFSETS
        for h2 in OFFSETS
        if (h1, h2) != (0, 0) and max(abs(h1), abs(h2)) + 0.5 * abs(h1 - h2) <= COST_LIMIT
    ]
    order = sorted(range(len(rows)), key=lambda i: (rows[i][0], i))
    return np.array([rows[i][1:] for i in order], dtype=float)


TEMPLATES = _templates()


def waypoint_points(a: FloatArray, b: FloatArray, way: FloatArray) -> tuple[FloatArray, FloatArray]:
    """The two waypoints of each line ``a → b`` with waypoints ``way`` (rows), as (m, 2) each.

    Examples
    --------
    >>> w1, w2 = waypoint_points(np.array([[0.0, 0.0]]), np.array([[100.0, 0.0]]),
    ...                          np.array([[0.25, 10.0, 0.75, -10.0]]))
    >>> w1.tolist(), w2.tolist()
    ([[25.0, 10.0]], [[75.0, -10.0]])
    """
    d = b - a
    length = np.maximum(np.hypot(d[:, 0], d[:, 1]), 1e-9)
    normal = np.column_stack([-d[:, 1], d[:, 0]]) / length[:, None]
    w1 = a + way[:, 0:1] * d + way[:, 1:2] * normal
    w2 = a + way[:, 2:3] * d + way[:, 3:4] * normal
    return w1, w2


def spline_points(a: FloatArray, b: FloatArray, way: FloatArray, count: int) -> FloatArray:
    """``count`` (odd) points along each route ``a → b`` through waypoints ``way``, half on
    each quadratic: (m, count, 2)."""
    w1, w2 = waypoint_points(a, b, way)
    middle = (w1 + w2) / 2
    t = np.linspace(0.0, 1.0, (count + 1) // 2)[None, :, None]
    first = (1 - t) ** 2 * a[:, None] + 2 * t * (1 - t) * w1[:, None] + t**2 * middle[:, None]
    second = (1 - t) ** 2 * middle[:, None] + 2 * t * (1 - t) * w2[:, None] + t**2 * b[:, None]
    result: FloatArray = np.concatenate([first, second[:, 1:]], axis=1)
    return result


def route_waypoints(
    obstacles: Obstacles,
    a: FloatArray,
    b: FloatArray,
    ends: IntArray,
    base: FloatArray,
    margin: float,
) -> tuple[FloatArray, FloatArray, IntArray]:
    """The first waypoints of :data:`TEMPLATES` that take each line ``a → b`` ``margin`` clear
    of every shape but its ``ends``; a parallel line (own bulge ``base``) is shifted by it.

    Returns
    -------
    way : ndarray, shape (m, 4)
        Each line's waypoints (the least bad where none clears).
    region : ndarray, shape (m, 4)
        The box round every route tried, grown by ``margin``.
    crossed : ndarray of int, shape (m,)
        How many shapes the chosen route passes within ``margin`` of.

    Examples
    --------
    A line along a row of three boxes, the middle one's neighbours just above and below
    it: no single bend slips between them, two waypoints do.

    >>> centre = np.array([[0.0, 0], [400, 0], [200, 0], [120, -60], [280, 60]])
    >>> shapes = Obstacles(centre, np.full((5, 2), 20.0), np.zeros(5, bool))
    >>> way, _, crossed = route_waypoints(shapes, centre[:1], centre[1:2],
    ...                                   np.array([[0, 1]]), np.zeros(1), 6.0)
    >>> crossed.tolist()
    [0]
    """

    def curves(line: IntArray, tmpl: IntArray) -> tuple[FloatArray, FloatArray]:
        way = _shifted(TEMPLATES[tmpl], base[line])
        w1, w2 = waypoint_points(a[line], b[line], way)
        stack = np.stack([a[line], b[line], w1, w2])
        boxes = np.column_stack([stack.min(axis=0), stack.max(axis=0)])
        return spline_points(a[line], b[line], way, SAMPLES), boxes

    best, region, crossed = first_clear(obstacles, ends, len(TEMPLATES), curves, margin, CHUNK)
    return _shifted(TEMPLATES[best], base), region, crossed


def _shifted(way: FloatArray, base: FloatArray) -> FloatArray:
    """Waypoints moved sideways by each line's own bulge (parallel lines stay apart)."""
    result = way.copy()
    result[:, 1] += base
    result[:, 3] += base
    return result
