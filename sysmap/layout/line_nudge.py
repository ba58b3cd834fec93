"""Move stakeholders off the lines that pass through them: the last step of a layout.

:mod:`sysmap.layout.line_clearance` says when a line passes through a stakeholder it does not
join. :func:`clear_lines` removes such crossings with the smallest moves it can find:

1. Each round, every crossed stakeholder is pushed straight off the line, perpendicular to
   it, by just enough to clear it (and a little more). A pinned stakeholder stays where it
   is and the line's free ends move instead. Several pushes on one stakeholder add up,
   damped by the square root of their number (as overlap removal does), and boxes pushed
   into each other are separated again (:func:`sysmap.layout.overlap.remove_overlaps`).
2. A stakeholder still crossed after the rounds (two lines pushing it opposite ways, say)
   moves to the nearest spot round it where no line passes through it, none of its own
   lines passes through anyone, and its box keeps its margin from every other box.

3. If crossings remain, the movable stakeholders are spread out by 15 % (each group about
   the middle of its area, in a grouped layout) and steps 1–2 run again, up to 3 times:
   lines then pass further from centres while boxes keep their size, and crowds get room.

Everything is computed in a fixed order, so the same positions in give the same positions
out. Cost: a push round is one crossing search (a k-d tree over points sampled along the
lines) and one overlap check; a free-spot search costs a few milliseconds and there are at
most ``SEARCH_BUDGET`` of them. Policy maps of tens of stakeholders clear in well under a
second. Maps of more than ``CLEAR_LIMIT`` (150) stakeholders or ``LINE_LIMIT`` (300) lines
are left as the layout placed them. Nothing in the pass compares all pairs (crossings come
from a k-d tree, a free-spot search looks at one stakeholder's neighbourhood), so its cost
grows with the crossings, not with n²; but measured beyond the limit
(``tests/benchmarks/test_layout_bench.py::test_line_pass_beyond_its_limit``, 2 busy cores):
a map with 1.5 lines per stakeholder clears 181 → 0 crossings at 150 stakeholders in 0.6 s
of CPU, 429 → 1 at 300 in 2.3 s, 2,803 → 135 at 1,000 in 4.0 s; the benchmarks' dense
synthetic map (mean degree 8) 9,135 → 1,636 at 1,000 in 9.8 s. The force layout itself
takes 0.3–0.7 s there (its budget is 2× igraph's), and the pass would still leave crossings,
so the limit stays.

One piece (over 400 lines): the pushes, the free-spot search and the spreading share one
mutable set of positions and one crossing index, and each step is tuned against the others.
"""

from __future__ import annotations

import numpy as np

from sysmap.layout.line_clearance import (
    LINE_CLEARANCE,
    Boxes,
    bows,
    line_crossings,
    segment_hits,
)
from sysmap.layout.nodes import MARGIN, BoolArray, FloatArray, IntArray, NodeTable
from sysmap.layout.overlap import remove_overlaps
from sysmap.model.progress import NO_PROGRESS, Progress

_SLACK = 2.0  # push this much further than needed, so a line does not just graze again
_ROUNDS = 10
ESTIMATE_ALLOWANCE = 5.0
"""Layouts size boxes from an estimate of the label (no fonts below the canvas); the canvas
draws some labels up to about 10 px wider (measured on the examples: at most 9.7 px), so the
pass keeps lines this much further off each side than ``LINE_CLEARANCE`` asks."""
AIM = LINE_CLEARANCE + ESTIMATE_ALLOWANCE
SEARCH_BUDGET = 300
"""At most this many searches for a free spot per layout (each a few milliseconds)."""
CLEAR_LIMIT = 150
"""Maps with more stakeholders are left as the layout placed them (see the module docstring)."""
LINE_LIMIT = 300
"""The same for maps with more lines (pairs of stakeholders joined)."""
_SEARCH_RINGS = 12
_SPREADS = 3
_GROWTH = 1.15
_THOROUGH = True
_SWEEPS = 6


def clears(table: NodeTable) -> bool:
    """Whether the pass runs on this map: at most ``CLEAR_LIMIT`` stakeholders and
    ``LINE_LIMIT`` lines."""
    return table.count <= CLEAR_LIMIT and len(table.lines) <= LINE_LIMIT


def clear_table_lines(
    table: NodeTable,
    xy: FloatArray,
    tracker: Progress = NO_PROGRESS,
    bounds: FloatArray | None = None,
) -> FloatArray:
    """Clear the lines of a :class:`NodeTable` laid out at ``xy`` (fixed rows stay put).

    Maps too big to clear (see :func:`clears`) are returned as they are.
    """
    if not clears(table):
        return xy
    return clear_lines(
        Boxes.of(table, xy), table.lines, ~table.fixed, table.parallel, tracker, bounds
    )


def clear_lines(
    boxes: Boxes,
    lines: IntArray,
    movable: BoolArray,
    parallel: IntArray | None = None,
    tracker: Progress = NO_PROGRESS,
    bounds: FloatArray | None = None,
) -> FloatArray:
    """Move stakeholders off the lines that pass through them; return the new centres.

    Parameters
    ----------
    boxes, lines
        As for :func:`sysmap.layout.line_clearance.line_crossings`: the shapes, where the
        layout put them, and the lines between them.
    movable : ndarray of bool
        Which stakeholders may move (pinned ones stay exactly where they are).
    parallel : ndarray of int, shape (m,), optional
        How many relationships each line stands for (they bow apart), default 1.
    tracker : Progress
        Progress and Cancel.
    bounds : ndarray, shape (n, 4), optional
        ``x_min, x_max, y_min, y_max`` that each centre must stay within (a stakeholder's
        area in a grouped layout); stakeholders are spread out within them.

    Returns
    -------
    ndarray
        New centres, boxes still ``MARGIN`` apart, with no line passing through a
        stakeholder unless pinned stakeholders leave no room.

    Examples
    --------
    >>> xy = np.array([[0.0, 0.0], [400.0, 0.0], [200.0, 10.0]])
    >>> boxes = Boxes(xy, np.full(3, 100.0), np.full(3, 40.0), np.zeros(3, bool))
    >>> lines = np.array([[0, 1]])
    >>> out = clear_lines(boxes, lines, np.ones(3, bool))
    >>> len(line_crossings(boxes.at(out), lines)), out[2].tolist()
    (0, [200.0, 35.0])
    """
    xy = np.array(boxes.xy, dtype=float)
    bow = bows(np.ones(len(lines), dtype=np.int64) if parallel is None else parallel)
    if bounds is None:
        bounds = np.tile([-np.inf, np.inf, -np.inf, np.inf], (len(xy), 1))
    lined = _Lines(lines, bow, boxes, movable, bounds)
    hits = lined.crossings(xy)
    # A grouped layout's areas are fitted round their stakeholders: spreading them would
    # blow the areas (and the picture) up, so only a free layout gets more room.
    spreads = 0 if lined.bounded else _SPREADS
    for attempt in range(spreads + 1):
        if len(hits) == 0:
            break
        stage = tracker.part(attempt / (spreads + 1), (attempt + 1) / (spreads + 1))
        if attempt:
            # Crowds that local moves cannot clear get a little more room: spread the
            # movable stakeholders out from the middle (lines then pass further from
            # centres, while boxes keep their size).
            xy = lined.spread(xy)
        xy, hits = _push_rounds(xy, lined, stage.part(0.0, 0.5))
        xy, hits = _relocate(xy, hits, lined, stage.part(0.5, 1.0))
    tracker.report(1.0)
    return xy


class _Lines:
    """The lines and shapes of one map, and who may move."""

    def __init__(
        self,
        lines: IntArray,
        bow: FloatArray,
        boxes: Boxes,
        movable: BoolArray,
        bounds: FloatArray,
    ) -> None:
        self.lines, self.bow, self.boxes, self.movable = lines, bow, boxes, movable
        self.bounds = bounds
        self.bounded = bool(np.isfinite(bounds).any())
        self.searches_left = SEARCH_BUDGET

    def crossings(self, xy: FloatArray) -> IntArray:
        return line_crossings(self.boxes.at(xy), self.lines, self.bow, AIM)

    def within(self, i: int, spots: FloatArray) -> BoolArray:
        """Which spots stakeholder ``i`` may take (inside its bounds)."""
        x0, x1, y0, y1 = self.bounds[i]
        result: BoolArray = (
            (spots[:, 0] >= x0) & (spots[:, 0] <= x1) & (spots[:, 1] >= y0) & (spots[:, 1] <= y1)
        )
        return result

    def clip(self, xy: FloatArray) -> FloatArray:
        """Bring movable centres back inside their bounds."""
        if not self.bounded:
            return xy
        clipped = np.column_stack(
            [
                np.clip(xy[:, 0], self.bounds[:, 0], self.bounds[:, 1]),
                np.clip(xy[:, 1], self.bounds[:, 2], self.bounds[:, 3]),
            ]
        )
        result: FloatArray = np.where(self.movable[:, None], clipped, xy)
        return result

    def spread(self, xy: FloatArray) -> FloatArray:
        """Spread the movable stakeholders out a little, each group within its bounds."""
        xy = xy.copy()
        finite = np.isfinite(self.bounds).all(axis=1)
        centre = np.tile(xy[self.movable].mean(axis=0), (len(xy), 1))
        centre[finite] = (self.bounds[finite][:, [0, 2]] + self.bounds[finite][:, [1, 3]]) / 2
        moving = self.movable
        xy[moving] = centre[moving] + (xy[moving] - centre[moving]) * _GROWTH
        return self.separate(self.clip(xy))

    def separate(self, xy: FloatArray) -> FloatArray:
        """Clear box overlaps (after the bounds, which they come before)."""
        width, height = self.boxes.width, self.boxes.height
        return remove_overlaps(xy, width, height, self.movable)


def _push_rounds(xy: FloatArray, lined: _Lines, tracker: Progress) -> tuple[FloatArray, IntArray]:
    """Push crossed stakeholders off their lines, a round at a time; keep the best round."""
    hits = lined.crossings(xy)
    best, best_hits = xy, hits
    for done in range(_ROUNDS):
        if len(hits) == 0:
            break
        tracker.report(done / _ROUNDS)
        move = _pushes(xy, lined.boxes, lined.lines, lined.bow, hits, lined.movable)
        if not move.any():
            break  # only pinned stakeholders are involved: nothing can move
        xy = lined.separate(lined.clip(xy + move))
        hits = lined.crossings(xy)
        if len(hits) < len(best_hits):
            best, best_hits = xy, hits
    return best, best_hits


def _relocate(
    xy: FloatArray, hits: IntArray, lined: _Lines, tracker: Progress
) -> tuple[FloatArray, IntArray]:
    """Move stakeholders still involved in crossings to better spots, one at a time."""
    xy = xy.copy()
    for sweep in range(_SWEEPS):
        if len(hits) == 0:
            break
        tracker.report(sweep / _SWEEPS)
        for i in _stuck(lined.lines, hits, lined.movable).tolist():
            if lined.searches_left <= 0:
                return xy, lined.crossings(xy)
            lined.searches_left -= 1
            spot = _free_spot(xy, lined, i)
            if spot is not None:
                xy[i] = spot
        before, hits = len(hits), lined.crossings(xy)
        if len(hits) == before:
            break
    return xy, hits


def _stuck(lines: IntArray, hits: IntArray, movable: BoolArray) -> IntArray:
    """Who tries a free spot: crossed stakeholders first, then the ends of crossing lines."""
    node, line = hits[:, 0], hits[:, 1]
    crossed = np.unique(node[movable[node]])
    ends = np.unique(lines[line].ravel())
    ends = ends[movable[ends] & ~np.isin(ends, crossed)]
    result: IntArray = np.concatenate([crossed, ends]).astype(np.int64)
    return result


def _pushes(
    xy: FloatArray,
    boxes: Boxes,
    lines: IntArray,
    bow: FloatArray,
    hits: IntArray,
    movable: BoolArray,
) -> FloatArray:
    """How far each stakeholder moves this round to get the lines off the crossed ones."""
    width, height, ellipse = boxes.width, boxes.height, boxes.ellipse
    node, line = hits[:, 0], hits[:, 1]
    a, b = xy[lines[line, 0]], xy[lines[line, 1]]
    direction = (b - a) / np.maximum(np.hypot(*(b - a).T), 1e-9)[:, None]
    normal = np.column_stack([-direction[:, 1], direction[:, 0]])
    offset = ((xy[node] - a) * normal).sum(axis=1)
    side = np.where(offset < 0, -1.0, 1.0)  # a centre exactly on the line goes left
    grow = AIM + _SLACK + bow[line]
    half_w, half_h = width[node] / 2 + grow, height[node] / 2 + grow
    nx_, ny_ = np.abs(normal[:, 0]), np.abs(normal[:, 1])
    reach = np.where(
        ellipse[node], np.hypot(half_w * nx_, half_h * ny_), half_w * nx_ + half_h * ny_
    )
    step = normal * (side * np.maximum(reach - np.abs(offset), 0.0))[:, None]
    n = len(xy)
    move, count = np.zeros((n, 2)), np.zeros(n)
    # The crossed stakeholder moves if it can; otherwise the line's free ends move away.
    own = movable[node]
    np.add.at(move, node[own], step[own])
    np.add.at(count, node[own], 1.0)
    for end in (lines[line, 0], lines[line, 1]):
        free = ~own & movable[end]
        np.add.at(move, end[free], -step[free])
        np.add.at(count, end[free], 1.0)
    damped: FloatArray = move / np.sqrt(np.maximum(count, 1.0))[:, None]
    return damped


def _free_spot(xy: FloatArray, lined: _Lines, i: int) -> FloatArray | None:
    """The nearest spot round stakeholder ``i`` with fewer crossings, boxes kept apart.

    Only crossings that involve ``i`` change when it moves: lines passing through it, and
    its own lines passing through others. Spots lie on growing square rings, half a box
    height (plus margin) apart; on the nearest ring with a spot that has fewer of those
    crossings than now, the spot with the fewest wins (so every move lowers the map's
    count). ``i``'s box keeps ``MARGIN`` from every other box. ``None``: stay put.
    """
    width, height = lined.boxes.width, lined.boxes.height
    step = (float(height[i]) + MARGIN) / 2
    search = _Neighbourhood(xy, lined.boxes, lined.lines, lined.bow, i, _SEARCH_RINGS * step)
    best, fewest = None, int(search.crossings(xy[i][None, :], 0.0)[0])
    for ring in range(1, _SEARCH_RINGS + 1):
        spots = xy[i] + _square_ring(ring) * step
        spots = spots[_apart(spots, i, search.near, xy, width, height) & lined.within(i, spots)]
        if len(spots) == 0:
            continue
        counts = search.crossings(spots, ring * step * np.sqrt(2))
        if counts.min() < fewest:
            best, fewest = spots[int(np.argmin(counts))], int(counts.min())
        if fewest == 0 or (best is not None and not _THOROUGH):
            break
    return best


class _Neighbourhood:
    """What can change when stakeholder ``i`` moves up to ``span`` away: the boxes near it,
    the lines that pass near it, and the stakeholders near its own lines."""

    def __init__(
        self,
        xy: FloatArray,
        boxes: Boxes,
        lines: IntArray,
        bow: FloatArray,
        i: int,
        span: float,
    ) -> None:
        width, height = boxes.width, boxes.height
        self.xy, self.boxes, self.lines, self.bow, self.i = xy, boxes, lines, bow, i
        self.reach = float(np.hypot(width.max(), height.max())) / 2 + AIM + float(bow.max())
        near = np.flatnonzero(np.hypot(*(xy - xy[i]).T) < span + 2 * self.reach + MARGIN)
        self.near = near[near != i]
        own = (lines[:, 0] == i) | (lines[:, 1] == i)
        gap = _distance(xy[i], xy[lines[:, 0]], xy[lines[:, 1]])
        close = ~own & (gap < span + self.reach)
        self.passing, self.passing_gap = np.flatnonzero(close), gap[close]
        own_lines = np.flatnonzero(own)
        far = np.where(lines[own_lines, 0] == i, lines[own_lines, 1], lines[own_lines, 0])
        # (own line, stakeholder) pairs a moved own line might pass through, and how far
        # the stakeholder is from that line now
        gaps = _distance(xy[None, :], xy[i][None, None, :], xy[far][:, None, :])
        pair, node = np.nonzero(gaps < span + self.reach)
        keep = (node != i) & (node != far[pair])
        self.pair_line, self.pair_far = own_lines[pair[keep]], far[pair[keep]]
        self.pair_node, self.pair_gap = node[keep], gaps[pair[keep], node[keep]]

    def crossings(self, spots: FloatArray, radius: float) -> IntArray:
        """How many crossings involve ``i`` at each spot (all within ``radius`` of it)."""
        xy, boxes, bow, limit = self.xy, self.boxes, self.bow, radius + self.reach
        passing = self.passing[self.passing_gap < limit]
        pairs = self.pair_gap < limit
        counts = _crossed_at(spots, self.i, passing, xy, boxes, self.lines, bow)
        return counts + _crossing_from(
            spots,
            self.pair_far[pairs],
            self.pair_line[pairs],
            self.pair_node[pairs],
            xy,
            boxes,
            bow,
        )


def _distance(point: FloatArray, a: FloatArray, b: FloatArray) -> FloatArray:
    """Distance from ``point`` to each segment ``a → b`` (numpy broadcasting)."""
    along = b - a
    t = np.clip(
        ((point - a) * along).sum(axis=-1) / np.maximum((along * along).sum(axis=-1), 1e-12), 0, 1
    )
    result: FloatArray = np.linalg.norm(a + t[..., None] * along - point, axis=-1)
    return result


def _apart(
    spots: FloatArray,
    i: int,
    near: IntArray,
    xy: FloatArray,
    width: FloatArray,
    height: FloatArray,
) -> BoolArray:
    """Whether ``i``'s box at each spot keeps ``MARGIN`` from every box in ``near``."""
    dx = np.abs(spots[:, None, 0] - xy[near, 0][None, :])
    dy = np.abs(spots[:, None, 1] - xy[near, 1][None, :])
    apart_x = dx >= (width[near] + width[i])[None, :] / 2 + MARGIN - 1e-9
    apart_y = dy >= (height[near] + height[i])[None, :] / 2 + MARGIN - 1e-9
    result: BoolArray = (apart_x | apart_y).all(axis=1)
    return result


def _crossed_at(
    spots: FloatArray,
    i: int,
    passing: IntArray,
    xy: FloatArray,
    boxes: Boxes,
    lines: IntArray,
    bow: FloatArray,
) -> IntArray:
    """How many of the ``passing`` lines pass through ``i`` placed at each spot."""
    width, height, ellipse = boxes.width, boxes.height, boxes.ellipse
    s, k = len(spots), len(passing)
    grow = AIM + np.tile(bow[passing], s)
    half = np.column_stack([width[i] / 2 + grow, height[i] / 2 + grow])
    hit = segment_hits(
        np.repeat(spots, k, axis=0),
        half,
        np.full(s * k, bool(ellipse[i])),
        np.tile(xy[lines[passing, 0]], (s, 1)),
        np.tile(xy[lines[passing, 1]], (s, 1)),
    )
    result: IntArray = hit.reshape(s, k).sum(axis=1)
    return result


def _crossing_from(
    spots: FloatArray,
    far_end: IntArray,
    line: IntArray,
    node: IntArray,
    xy: FloatArray,
    boxes: Boxes,
    bow: FloatArray,
) -> IntArray:
    """How many lines from each spot to ``far_end`` pass through their ``node`` (by pair)."""
    width, height, ellipse = boxes.width, boxes.height, boxes.ellipse
    s, k = len(spots), len(node)
    grow = AIM + np.tile(bow[line], s)
    half = np.column_stack(
        [np.tile(width[node], s) / 2 + grow, np.tile(height[node], s) / 2 + grow]
    )
    hit = segment_hits(
        np.tile(xy[node], (s, 1)),
        half,
        np.tile(ellipse[node], s),
        np.repeat(spots, k, axis=0),
        np.tile(xy[far_end], (s, 1)),
    )
    result: IntArray = hit.reshape(s, k).sum(axis=1)
    return result


def _square_ring(ring: int) -> FloatArray:
    """Integer points on the square of "radius" ``ring``, nearest the centre first."""
    side = np.arange(-ring, ring + 1)
    points = np.concatenate(
        [
            np.column_stack([np.full_like(side, ring), side]),
            np.column_stack([np.full_like(side, -ring), side]),
            np.column_stack([side[1:-1], np.full(len(side) - 2, ring)]),
            np.column_stack([side[1:-1], np.full(len(side) - 2, -ring)]),
        ]
    ).astype(float)
    order = np.lexsort((points[:, 1], points[:, 0], np.hypot(points[:, 0], points[:, 1])))
    result: FloatArray = points[order]
    return result
