"""Move a stakeholder where a bent line still cannot get round a box (issue 13).

The canvas bends each line round the stakeholders it does not join
(:mod:`sysmap.layout.routes`), but in a crowded table no single bend clears every box.
This last pass of a grouped layout asks the router which lines still cross a box after
bending, and for each such line moves one stakeholder (the crossed one, else an end of the
line) to a nearby free spot, or trades its place with a neighbour's:

- spots lie on a lattice an eighth of a slot apart (the box's size plus the margin), within
  :data:`REACH` slots of the stakeholder and inside its bounds (its table's room), nearest
  first; a spot that brings a box within :data:`GAP` of another is never tried, nor one
  where the layout's own (straight-line) crossings round the stakeholder go up;
- then trades of places with the stakeholders within :data:`REACH` slots, nearest first,
  on the same terms (both within their bounds, :data:`GAP` kept);
- then, for a line two waypoints do not take round every box either, pushes along its row
  or column, shoving the boxes ahead into the table's spare room
  (:mod:`sysmap.layout.route_push`: long-chain 1 -> 0 drawn crossings after by place);
- of those, the first (of at most :data:`TRIES` each) where the routed crossings on the
  whole map go down is taken;
- the pass repeats for at most :data:`ROUNDS` rounds, in a fixed order: deterministic.

A move changes only the routes of the lines whose region (where a shape could change their
route) meets the box's old or new place, and the box's own lines, so only those are routed
again to score it. Maps over the canvas's routing limit (it draws their lines straight) are
left alone. Boxes are the layout's estimates of the drawn sizes.
"""

from __future__ import annotations

import numpy as np

from sysmap.layout.crossing_score import CrossingScore
from sysmap.layout.line_clearance import PARALLEL_SPACING
from sysmap.layout.line_nudge import AIM
from sysmap.layout.nodes import MARGIN, FloatArray, IntArray, NodeTable
from sysmap.layout.route_hits import Obstacles, polyline_hits
from sysmap.layout.route_push import GAP, pushes
from sysmap.layout.routes import Routes, route_lines, route_samples

NODE_LIMIT = 150
"""Most stakeholders of a map whose lines the canvas bends (its ``ROUTE_LIMIT``)."""
LINE_LIMIT = 300
"""Most relationships of a map whose lines the canvas bends (its ``LINE_LIMIT``)."""
ROUNDS = 3
"""At most this many passes over the lines still crossing a box."""
REACH = 2.0
TRIES = 24
"""Most spots routed for one stakeholder and line (nearest first): routing a spot costs
milliseconds, and a spot far down the list seldom helps where the near ones did not."""
"""How far, in slots, a stakeholder may move to clear a line."""
PUSH_TRIES = 8
"""Most pushes scored for one stakeholder and line (nearest first): each moves several
boxes, so routes many lines; those long-chain needed were among the first four."""


class _Routed:
    """Every drawn line (parallel ones apart), its route and how many boxes it crosses."""

    def __init__(self, table: NodeTable, xy: FloatArray) -> None:
        self.table = table
        count = np.maximum(table.parallel, 1)
        self.owner = np.repeat(np.arange(len(table.lines)), count)
        self.ends = table.lines[self.owner]
        first = np.concatenate([[0], np.cumsum(count)[:-1]])
        rank = np.arange(len(self.owner)) - first[self.owner]
        self.base = (rank - (count[self.owner] - 1) / 2) * PARALLEL_SPACING
        self.half = np.column_stack([table.width, table.height]) / 2
        self.xy = xy
        routes = self._route(xy, np.arange(len(self.ends)))
        self.region, self.crossed = routes.region, routes.crossed

    def _route(self, xy: FloatArray, rows: IntArray, waypoints: bool = False) -> Routes:
        shapes = Obstacles(xy, self.half, self.table.ellipse)
        ends = self.ends[rows]
        a, b = xy[ends[:, 0]], xy[ends[:, 1]]
        return route_lines(shapes, a, b, ends, self.base[rows], waypoints=waypoints)

    def waypoints_clear(self, row: int) -> bool:
        """Whether the canvas draws line ``row`` clear of every box through two waypoints
        (the pass scores single bends only, as two waypoints cost the most to search)."""
        return bool(self._route(self.xy, np.array([row]), waypoints=True).crossed[0] == 0)

    def total(self) -> int:
        """How many (line, box) crossings are left after bending."""
        return int(self.crossed.sum())

    def crossing(self) -> IntArray:
        """Lines still crossing a box, in a fixed order."""
        result: IntArray = np.flatnonzero(self.crossed > 0)
        return result

    def crossed_by(self, row: int) -> IntArray:
        """The boxes line ``row`` still passes through, after its bend."""
        ends = self.ends[row : row + 1]
        a, b = self.xy[ends[:, 0]], self.xy[ends[:, 1]]
        routes = self._route(self.xy, np.array([row]))
        points = route_samples(a, b, routes.bend, routes.waypoints, 65)
        shapes = Obstacles(self.xy, self.half, self.table.ellipse)
        result: IntArray = polyline_hits(shapes, points, ends, 0.0)[:, 1]
        return result

    def affected(self, node: int, old: FloatArray, new: FloatArray) -> IntArray:
        """Lines whose route may change when ``node`` moves from ``old`` to ``new``."""
        own = (self.ends[:, 0] == node) | (self.ends[:, 1] == node)
        hit = np.zeros(len(self.ends), dtype=bool)
        for centre in (old, new):
            lo, hi = centre - self.half[node], centre + self.half[node]
            r = self.region
            hit |= (r[:, 0] <= hi[0]) & (r[:, 2] >= lo[0]) & (r[:, 1] <= hi[1]) & (r[:, 3] >= lo[1])
        result: IntArray = np.flatnonzero(own | hit)
        return result

    def trial(self, nodes: IntArray, spots: FloatArray) -> tuple[int, IntArray, Routes]:
        """The whole map's routed crossings were ``nodes`` at ``spots``, and what to keep."""
        xy = self.xy.copy()
        xy[nodes] = spots
        rows = np.unique(
            np.concatenate([self.affected(k, self.xy[k], xy[k]) for k in nodes.tolist()])
        )
        routes = self._route(xy, rows)
        total = self.total() - int(self.crossed[rows].sum()) + int(routes.crossed.sum())
        return total, rows, routes

    def accept(self, nodes: IntArray, spots: FloatArray, rows: IntArray, routes: Routes) -> None:
        """Keep the move :meth:`trial` scored."""
        self.xy = self.xy.copy()
        self.xy[nodes] = spots
        self.region[rows] = routes.region
        self.crossed[rows] = routes.crossed


def clear_routes(table: NodeTable, xy: FloatArray, bounds: FloatArray) -> FloatArray:
    """Move stakeholders off lines that no bend takes round them (see the module docstring).

    Parameters
    ----------
    table : NodeTable
        The map's stakeholders and lines (pinned stakeholders never move).
    xy : ndarray, shape (n, 2)
        Centres after the layout's other passes.
    bounds : ndarray, shape (n, 4)
        ``x_min, x_max, y_min, y_max`` each centre must stay within.

    Returns
    -------
    ndarray
        The centres, a few moved.
    """
    xy = np.array(xy, dtype=float)
    if (
        len(table.lines) == 0
        or table.count > NODE_LIMIT
        or int(np.maximum(table.parallel, 1).sum()) > LINE_LIMIT
    ):
        return xy
    routed = _Routed(table, xy)
    score = CrossingScore(table, AIM)
    for _ in range(ROUNDS):
        moved = False
        for row in routed.crossing().tolist():
            if routed.crossed[row] == 0:
                continue  # cleared by an earlier move this round
            moved |= _clear_one(routed, score, bounds, row)
        if not moved or routed.total() == 0:
            break
    return routed.xy


def _clear_one(routed: _Routed, score: CrossingScore, bounds: FloatArray, row: int) -> bool:
    """Move the first of line ``row``'s crossed boxes, then its ends, that can go somewhere
    lowering the routed crossings; failing that, push one (for a line two waypoints do not
    clear either: pushes shuffle whole rows, and are tried last)."""
    table = routed.table
    candidates = [*routed.crossed_by(row).tolist(), *routed.ends[row].tolist()]
    nodes = [node for node in dict.fromkeys(candidates) if not table.fixed[node]]
    for node in nodes:
        alone = np.array([node])
        moves = [(alone, spot[None]) for spot in _spots_to_try(routed, score, bounds, node)]
        if _first_better(routed, moves + _trades(routed, score, bounds, node)):
            return True
    if not nodes or routed.waypoints_clear(row):
        return False
    return any(
        _first_better(routed, pushes(table, routed.xy, bounds, score, node)[:PUSH_TRIES])
        for node in nodes
    )


def _first_better(routed: _Routed, moves: list[tuple[IntArray, FloatArray]]) -> bool:
    """Keep the first of ``moves`` that lowers the routed crossings on the whole map."""
    before = routed.total()
    for nodes, spots in moves:
        total, rows, routes = routed.trial(nodes, spots)
        if total < before:
            routed.accept(nodes, spots, rows, routes)
            return True
    return False


def _trades(
    routed: _Routed, score: CrossingScore, bounds: FloatArray, node: int
) -> list[tuple[IntArray, FloatArray]]:
    """Trades of places between ``node`` and the stakeholders within :data:`REACH` slots,
    nearest first, that keep both in their bounds, every box :data:`GAP` apart and the
    pair's straight-line crossings from going up (at most :data:`TRIES`)."""
    table, xy = routed.table, routed.xy
    slot = np.array([table.width[node], table.height[node]]) + MARGIN
    near = (np.abs(xy - xy[node]) / slot).max(axis=1) <= REACH
    partners = np.flatnonzero(near & ~table.fixed & (np.arange(table.count) != node))
    partners = partners[np.argsort(np.hypot(*(xy[partners] - xy[node]).T), kind="stable")]
    result = []
    for j in partners.tolist():
        pair = np.array([node, j])
        spots = xy[[j, node]]
        x0, x1, y0, y1 = bounds[pair].T
        if not ((spots[:, 0] >= x0) & (spots[:, 0] <= x1)).all():
            continue
        if not ((spots[:, 1] >= y0) & (spots[:, 1] <= y1)).all():
            continue
        trial = xy.copy()
        trial[pair] = spots
        if _crowded(routed, trial, pair) or score.around(trial, pair) > score.around(xy, pair):
            continue
        result.append((pair, spots))
        if len(result) == TRIES:
            break
    return result


def _crowded(routed: _Routed, xy: FloatArray, nodes: IntArray) -> bool:
    """Whether any of ``nodes`` comes within :data:`GAP` of another box at ``xy``."""
    table = routed.table
    for k in nodes.tolist():
        others = np.arange(table.count) != k
        dx = np.abs(xy[others, 0] - xy[k, 0]) < (table.width[k] + table.width[others]) / 2 + GAP
        dy = np.abs(xy[others, 1] - xy[k, 1]) < (table.height[k] + table.height[others]) / 2 + GAP
        if (dx & dy).any():
            return True
    return False


def _spots_to_try(
    routed: _Routed, score: CrossingScore, bounds: FloatArray, node: int
) -> FloatArray:
    """The first :data:`TRIES` free spots for ``node`` where its straight-line crossings do
    not go up (scored at once: routing is what costs)."""
    spots = _free_spots(routed, bounds, node)
    if not len(spots):
        return spots
    alone = np.array([node])
    trials = np.repeat(routed.xy[None], len(spots), axis=0)
    trials[:, node] = spots
    straight = score.batch(trials, [alone] * len(spots))
    result: FloatArray = spots[straight <= score.around(routed.xy, alone)][:TRIES]
    return result


def _free_spots(routed: _Routed, bounds: FloatArray, node: int) -> FloatArray:
    """Spots an eighth of a slot apart within :data:`REACH` slots and ``node``'s bounds, nearest
    first, that bring no box within :data:`GAP` of another."""
    table, here = routed.table, routed.xy[node]
    slot = np.array([table.width[node], table.height[node]]) + MARGIN
    steps = np.arange(-8 * REACH, 8 * REACH + 1) / 8
    grid = here + np.array([(dx, dy) for dx in steps for dy in steps]) * slot
    x0, x1, y0, y1 = bounds[node]
    inside = (grid[:, 0] >= x0) & (grid[:, 0] <= x1) & (grid[:, 1] >= y0) & (grid[:, 1] <= y1)
    grid = grid[inside & (np.hypot(*(grid - here).T) > 1e-9)]
    grid = grid[np.lexsort((grid[:, 1], grid[:, 0], np.hypot(*(grid - here).T)))]
    if not len(grid):
        return np.zeros((0, 2))
    others = np.arange(table.count) != node
    near_x = (
        np.abs(grid[:, None, 0] - routed.xy[None, others, 0])
        < (table.width[node] + table.width[others]) / 2 + GAP
    )
    near_y = (
        np.abs(grid[:, None, 1] - routed.xy[None, others, 1])
        < (table.height[node] + table.height[others]) / 2 + GAP
    )
    result: FloatArray = grid[~(near_x & near_y).any(axis=1)]
    return result
