"""Lines bent round the stakeholders they do not join (issue 13): where each line runs.

A relationship is drawn from its source's centre towards its target's, trimmed at their
borders. Where that straight line would pass through another stakeholder's shape it reads
as a tie to it, so the line is drawn instead as a quadratic Bézier curve bowed round the
shape. This module decides each line's curve from the geometry alone (no Qt), so the canvas,
its exports and the tests share one answer:

- a line's **bend** is ``(along, bulge)``: its control point sits at the middle of the
  segment, moved ``along`` × the segment towards the target and sideways (to the left of
  source → target) by twice ``bulge``, so the curve's middle lies ``bulge`` to the side
  (the canvas's parallel offsets are bends ``(0, offset)``);
- a line whose own bend (its parallel offset, usually 0: straight) keeps
  :data:`ROUTE_MARGIN` clear of every shape but its two ends keeps it;
- otherwise (unless it crosses more than :data:`MAX_CROSSED` shapes) bends from
  :data:`TEMPLATES` are tried in order of cost — growing bulges, the
  side away from what the line crossed first, then control points shifted towards an end —
  and the first whose curve, sampled at :data:`SAMPLES` points, clears every other shape by
  the margin wins;
- when none does, a route through two waypoints (:mod:`sysmap.layout.waypoint_routes`,
  for lines crossing at most two shapes after their best bend) where one clears them;
- else the bend crossing fewest shapes (the least bad), passing at least
  :data:`TIGHT_MARGIN` from them where only one is in the way.

A line's route depends only on its two ends and the shapes: not on other lines, nor on the
order lines are routed in, so routing a few lines after an edit gives what routing the whole
map afresh gives. :attr:`Routes.region` says where a shape could change a line's route
(the box round every curve tried for it): after a shape moves, appears, goes or changes
size, the lines whose region meets its old or new box are routed again.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sysmap.layout import waypoint_routes
from sysmap.layout.nodes import BoolArray, FloatArray, IntArray
from sysmap.layout.route_hits import Obstacles, crossed_count, first_clear, polyline_hits
from sysmap.layout.waypoint_routes import route_waypoints, spline_points

ROUTE_MARGIN = 6.0
"""Clear space, in scene pixels, a routed line keeps from shapes it does not join."""
TIGHT_MARGIN = 1.0
"""Clear space sought where no bend keeps :data:`ROUTE_MARGIN`, tested at twice the samples
(a chord strays under a quarter pixel from the curve)."""
SAMPLES = 33
"""Points a curve is tested at (32 chords; a chord strays under a pixel from the curve)."""
BULGES = (12.0, 24.0, 38.0, 54.0, 72.0, 92.0, 116.0, 144.0, 176.0, 212.0, 252.0, 300.0)
"""Sideways bulges tried, smallest first (scene pixels at the curve's middle)."""
SHIFTS = (0.0, -0.25, 0.25, -0.42, 0.42)
"""Control point shifts tried along the segment: a shape near one end needs the bend there."""
SHIFT_COST = 30.0
"""A control point shifted a quarter of the way is tried as if its bulge were this much larger."""
MAX_CROSSED = 4
"""A line through more shapes than this is left as it is: no single bend clears a crowd
(a map not laid out, stakeholders on top of each other), and trying costs the most."""
CHUNK = 24
"""Templates tried at once for the lines still crossing (cheaper than trying all at once)."""


def _templates() -> FloatArray:
    """Every bend tried, as rows (shift, bulge, side: +1 the preferred side, -1 the other),
    sorted by cost; the order is fixed, so routing is deterministic."""
    rows = [
        (bulge + SHIFT_COST * abs(shift) * 4 + (0.5 if side < 0 else 0.0), i, shift, bulge, side)
        for i, (shift, bulge, side) in enumerate(
            (shift, bulge, side) for bulge in BULGES for shift in SHIFTS for side in (1.0, -1.0)
        )
    ]
    rows.sort()
    return np.array([row[2:] for row in rows], dtype=float)


TEMPLATES = _templates()
DRAG_TEMPLATES = 48
"""Bends tried on a drag's step (of 120), two chunks: a line none clears costs the most, and
the first step of a drag near a crowd routes many such lines."""


@dataclass(frozen=True)
class Routes:
    """The answer to :func:`route_lines`, one row per line.

    Attributes
    ----------
    bend : ndarray, shape (m, 2)
        ``(along, bulge)`` of each line's curve (see the module docstring).
    region : ndarray, shape (m, 4)
        Left, top, right, bottom of the box round every curve tried for the line, grown by
        the margin: a shape outside it cannot change the line's route.
    crossed : ndarray of int, shape (m,)
        How many shapes the chosen curve still passes within the margin of (0 but where
        no bend tried clears them all).
    waypoints : ndarray, shape (m, 4)
        ``(s1, h1, s2, h2)`` of a line drawn through two waypoints instead of its bend
        (:mod:`sysmap.layout.waypoint_routes`); NaN for the lines drawn by their bend.
    rough : ndarray of bool, shape (m,)
        The lines routed without the two-waypoint search they would have had
        (``waypoints=False``), or, a drag's step, with no bend tried clearing them: only
        these may differ, route or region, from a full routing.
    """

    bend: FloatArray
    region: FloatArray
    crossed: IntArray
    waypoints: FloatArray
    rough: BoolArray


def control_points(a: FloatArray, b: FloatArray, bend: FloatArray) -> FloatArray:
    """The quadratic control point of each line ``a → b`` bent by ``bend`` (rows).

    Examples
    --------
    >>> control_points(np.array([[0.0, 0.0]]), np.array([[100.0, 0.0]]),
    ...                np.array([[0.0, 10.0]])).tolist()
    [[50.0, 20.0]]
    """
    d = b - a
    length = np.maximum(np.hypot(d[:, 0], d[:, 1]), 1e-9)
    normal = np.column_stack([-d[:, 1], d[:, 0]]) / length[:, None]
    result: FloatArray = (a + b) / 2 + bend[:, :1] * d + 2.0 * bend[:, 1:] * normal
    return result


def curve_points(a: FloatArray, b: FloatArray, ctrl: FloatArray, count: int) -> FloatArray:
    """``count`` points along each quadratic curve ``a → b`` (control ``ctrl``): (m, count, 2)."""
    t = np.linspace(0.0, 1.0, count)[None, :, None]
    result: FloatArray = (
        (1 - t) ** 2 * a[:, None, :] + 2 * t * (1 - t) * ctrl[:, None, :] + t**2 * b[:, None, :]
    )
    return result


def _boxes(a: FloatArray, b: FloatArray, ctrl: FloatArray, margin: float) -> FloatArray:
    """Left, top, right, bottom round each curve's hull (its ends and control), grown."""
    stack = np.stack([a, b, ctrl])
    return np.column_stack([stack.min(axis=0) - margin, stack.max(axis=0) + margin])


def route_lines(
    obstacles: Obstacles,
    a: FloatArray,
    b: FloatArray,
    ends: IntArray,
    base: FloatArray | None = None,
    margin: float = ROUTE_MARGIN,
    waypoints: bool = True,
    drag: bool = False,
) -> Routes:
    """Route each line ``a[i] → b[i]`` (centres of shapes ``ends[i]``) off the other shapes.

    Parameters
    ----------
    obstacles : Obstacles
        Every shape, the lines' own ends among them.
    a, b : ndarray, shape (m, 2)
        Where each line starts and ends (its shapes' centres).
    ends : ndarray of int, shape (m, 2)
        The rows of ``obstacles`` each line joins (it may touch those); -1 for none.
    base : ndarray, shape (m,), optional
        Each line's own bulge (parallel relationships between one pair), default 0.
    margin : float
        Clear space sought between a line and the shapes it does not join.
    waypoints : bool
        Whether to try two waypoints where no bend clears (False: bends only, as the
        layouts' last pass scores its many trial moves, where the waypoints cost the most;
        :attr:`Routes.rough` tells which lines went without).
    drag : bool
        A step of a drag, which routes the lines left rough in full when it pauses or ends:
        no two waypoints (as ``waypoints=False``), only the first :data:`DRAG_TEMPLATES`
        bends, and no search for a bend passing :data:`TIGHT_MARGIN` from a shape for the
        lines left rough (meanwhile such a line may pass nearer a shape, or over it).

    Returns
    -------
    Routes

    Examples
    --------
    >>> shapes = Obstacles(np.array([[0.0, 0.0], [400.0, 0.0], [200.0, 0.0]]),
    ...                    np.full((3, 2), 30.0), np.zeros(3, bool))
    >>> routes = route_lines(shapes, shapes.centre[:1], shapes.centre[1:2], np.array([[0, 1]]))
    >>> routes.crossed.tolist(), bool(abs(routes.bend[0, 1]) > 30)
    ([0], True)
    """
    m = len(a)
    base = np.zeros(m) if base is None else np.asarray(base, dtype=float)
    bend = np.column_stack([np.zeros(m), base])
    ctrl = control_points(a, b, bend)
    straight = base == 0.0
    points = curve_points(a, b, ctrl, SAMPLES)
    # A straight line is its one chord: test it so, exactly and cheaply.
    crossed = np.zeros(m, dtype=np.int64)
    if straight.any():
        chords = points[straight][:, [0, SAMPLES - 1]]
        crossed[straight] = crossed_count(obstacles, chords, ends[straight], margin)
    if (~straight).any():
        crossed[~straight] = crossed_count(obstacles, points[~straight], ends[~straight], margin)
    region = _boxes(a, b, ctrl, margin)
    length = np.hypot(*(b - a).T)
    fixable = (crossed > 0) & (crossed <= MAX_CROSSED)
    todo = np.flatnonzero(fixable & (length > 1e-6) & (ends[:, 0] != ends[:, 1]))
    two = np.full((m, 4), np.nan)
    rough = np.zeros(m, dtype=bool)
    if len(todo):
        side = _preferred_side(obstacles, a, b, ends, base, todo, points, margin)
        count = DRAG_TEMPLATES if drag else len(TEMPLATES)
        args = (a[todo], b[todo], ends[todo], base[todo], side, margin)
        found = _search(obstacles, *args, count=count)
        bend[todo], crossed[todo] = found[0], found[2]
        _widen(region, todo, found[1])
        if drag:  # not every bend was tried
            rough[todo[crossed[todo] > 0]] = True
        elif waypoints:
            _two_waypoints(obstacles, (a, b, ends, base), todo, (crossed, region, two), margin)
        else:
            rough[_waypoint_rows(todo, crossed)] = True
        # Where nothing keeps the margin from all but one shape, one bend that passes close
        # to that shape beats one through it: search again asking only for TIGHT_MARGIN.
        rows = (crossed[todo] == 1) & (not drag)  # a drag's step leaves them rough instead
        close = todo[rows]
        if len(close):
            args = (a[close], b[close], ends[close], base[close], side[rows], TIGHT_MARGIN)
            again = _search(obstacles, *args, samples=2 * SAMPLES - 1)
            bend[close], crossed[close] = again[0], again[2]
            _widen(region, close, again[1])
    return Routes(bend, region, crossed, two, rough)


def _two_waypoints(
    obstacles: Obstacles,
    lines: tuple[FloatArray, FloatArray, IntArray, FloatArray],
    todo: IntArray,
    found: tuple[IntArray, FloatArray, FloatArray],
    margin: float,
) -> None:
    """Route through two waypoints the lines of ``todo`` no single bend clears (at most
    :data:`~sysmap.layout.waypoint_routes.MAX_CROSSED` shapes crossed); where one clears,
    it is drawn instead. ``found`` (crossed, region, waypoints) is updated in place."""
    a, b, ends, base = lines
    crossed, region, waypoints = found
    rows = _waypoint_rows(todo, crossed)
    if not len(rows):
        return
    way, more, left = route_waypoints(obstacles, a[rows], b[rows], ends[rows], base[rows], margin)
    _widen(region, rows, more)
    clear = left == 0
    waypoints[rows[clear]] = way[clear]
    crossed[rows[clear]] = 0


def _waypoint_rows(todo: IntArray, crossed: IntArray) -> IntArray:
    """The lines of ``todo`` whose best bend still crosses a few shapes: two waypoints may
    clear them (see :data:`~sysmap.layout.waypoint_routes.MAX_CROSSED`)."""
    here = crossed[todo]
    result: IntArray = todo[(here > 0) & (here <= waypoint_routes.MAX_CROSSED)]
    return result


def _widen(region: FloatArray, rows: IntArray, more: FloatArray) -> None:
    """Grow ``region[rows]`` to hold ``more`` too."""
    here = region[rows]
    region[rows] = np.column_stack(
        [np.minimum(here[:, :2], more[:, :2]), np.maximum(here[:, 2:], more[:, 2:])]
    )


def _preferred_side(
    obstacles: Obstacles,
    a: FloatArray,
    b: FloatArray,
    ends: IntArray,
    base: FloatArray,
    todo: IntArray,
    points: FloatArray,
    margin: float,
) -> FloatArray:
    """+1 to bend left of a → b first, -1 right: a parallel line keeps its side; a straight
    one goes round the side away from the middle of the shapes it crosses."""
    pairs = polyline_hits(obstacles, points[todo], ends[todo], margin)
    d = b[todo] - a[todo]
    rel = obstacles.centre[pairs[:, 1]] - a[todo][pairs[:, 0]]
    across = d[pairs[:, 0], 0] * rel[:, 1] - d[pairs[:, 0], 1] * rel[:, 0]  # > 0: on the left
    total = np.bincount(pairs[:, 0], weights=across, minlength=len(todo))
    away = np.where(total > 0, -1.0, 1.0)
    own = base[todo]
    result: FloatArray = np.where(own != 0.0, np.sign(own), away)
    return result


def _search(
    obstacles: Obstacles,
    a: FloatArray,
    b: FloatArray,
    ends: IntArray,
    base: FloatArray,
    side: FloatArray,
    margin: float,
    samples: int = SAMPLES,
    count: int = len(TEMPLATES),
) -> tuple[FloatArray, FloatArray, IntArray]:
    """Try the first ``count`` :data:`TEMPLATES` in order, a chunk at a time, for lines
    still crossing."""

    def curves(line: IntArray, tmpl: IntArray) -> tuple[FloatArray, FloatArray]:
        ctrl = control_points(a[line], b[line], _bends(base[line], side[line], tmpl))
        return curve_points(a[line], b[line], ctrl, samples), _boxes(a[line], b[line], ctrl, 0.0)

    best, region, crossed = first_clear(obstacles, ends, count, curves, margin, CHUNK)
    return _bends(base, side, best), region, crossed


def _bends(base: FloatArray, side: FloatArray, tmpl: IntArray) -> FloatArray:
    """``(along, bulge)`` of template ``tmpl`` for lines of own bulge ``base`` bending to
    ``side`` first."""
    shift, bulge, which = TEMPLATES[tmpl].T
    return np.column_stack([shift, base + bulge * which * side])


def route_samples(
    a: FloatArray, b: FloatArray, bend: FloatArray, waypoints: FloatArray, count: int
) -> FloatArray:
    """``count`` (odd) points along each line as drawn: through its two waypoints where it
    has them (a row of ``waypoints`` not NaN), else along its bend's curve."""
    points = curve_points(a, b, control_points(a, b, bend), count)
    two = ~np.isnan(waypoints[:, 0])
    if two.any():
        points[two] = spline_points(a[two], b[two], waypoints[two], count)
    return points


def drawn_crossings(obstacles: Obstacles, points: FloatArray, ends: IntArray) -> IntArray:
    """Rows (line, shape) where a drawn polyline passes through a shape it does not join."""
    return polyline_hits(obstacles, points, ends, 0.0)
