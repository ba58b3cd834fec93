"""Trade stakeholders between the spots of their group to take lines off stakeholders.

A grouped layout (by sector, by place) has already chosen *where* its boxes go; which
stakeholder takes which spot is free within a group. Lines between the spots pass through
the boxes in between, and trading places changes which boxes those are, without moving a
single spot: the picture keeps its grid or its area's shape, and does not grow. So before
:mod:`sysmap.layout.line_nudge` moves stakeholders off lines (which needs room), this pass
searches the group's spots for an assignment with fewer crossings (counted with the nudge's
aim, :data:`sysmap.layout.line_nudge.AIM`) that makes no boxes overlap:

- **trading places**: two members of a group swap spots;
- **spare spots**: a grid's empty slots (the end of its last row) are spots too: a member
  may move into one, leaving its own spot free;
- **a sideways step**: a member may step off its spot by under half a slot (its box's size
  plus the margin), where that keeps its margin from every other box;
- **roaming** (on request): a member may move to any spot of a lattice half a slot apart
  over its bounds (its area), nearest first, where that keeps its margin from every box.

Moves that would bring boxes closer than the margin are dropped before they are scored.

The search is a deterministic local search: in each sweep every stakeholder involved in a
crossing (crossed ones first, then the ends of crossing lines, in index order) takes the move
that lowers the count most, if any. A trial is scored by the crossings it can change only
(:class:`sysmap.layout.crossing_score.CrossingScore`: one numpy call over a few hundred pairs),
so a sweep over a policy map costs milliseconds; sweeps stop when one changes nothing or after
``SWEEPS``. Maps the line pass does not clear (:func:`sysmap.layout.line_nudge.clears`) are
left alone.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from sysmap.layout.crossing_score import CrossingScore
from sysmap.layout.line_clearance import Boxes, bows, line_crossings
from sysmap.layout.line_nudge import AIM, clears
from sysmap.layout.nodes import MARGIN, FloatArray, IntArray, NodeTable
from sysmap.model.progress import NO_PROGRESS, Progress

SWEEPS = 6
"""At most this many sweeps over the stakeholders involved in crossings."""
STEP = 0.45
"""A sideways step goes at most this fraction of a slot from the stakeholder's spot."""
_STEPS = np.array(
    [(dx, dy) for dx in (-1.0, -0.5, 0.0, 0.5, 1.0) for dy in (-1.0, -0.5, 0.0, 0.5, 1.0)]
)
_STEPS = _STEPS[np.abs(_STEPS).sum(axis=1) > 0]


def swap_slots(
    table: NodeTable,
    xy: FloatArray,
    groups: Sequence[IntArray],
    tracker: Progress = NO_PROGRESS,
    spares: Sequence[FloatArray] | None = None,
    steps: bool = False,
    bounds: FloatArray | None = None,
    roam: bool = False,
) -> FloatArray:
    """Hand the spots of each group out again, and step off them, to lower the crossings.

    Parameters
    ----------
    table : NodeTable
        The map's stakeholders and lines (pinned stakeholders never move).
    xy : ndarray, shape (n, 2)
        Centres as the layout placed them.
    groups : sequence of ndarray of int
        Stakeholders that may trade places with each other (disjoint).
    tracker : Progress
        Progress and Cancel.
    spares : sequence of ndarray, shape (k, 2), optional
        Free spots of each group that its members may move into.
    steps : bool
        Also try sideways steps of under half a slot (see the module docstring).
    bounds : ndarray, shape (n, 4), optional
        ``x_min, x_max, y_min, y_max`` that a step must keep each centre within.
    roam : bool
        Also try every spot of a lattice over the stakeholder's bounds (half a slot apart),
        nearest first: a free spot anywhere in its area (needs ``bounds``).

    Returns
    -------
    ndarray
        New centres: each group's spots (and spares) handed out again, perhaps stepped off.
    """
    xy = np.array(xy, dtype=float)
    if not clears(table) or len(table.lines) == 0:
        return xy
    search = _Search(table, xy, groups, spares, steps, bounds, roam and bounds is not None)
    for sweep in range(SWEEPS):
        tracker.report(sweep / SWEEPS)
        if not search.sweep():
            break
    tracker.report(1.0)
    return search.xy


class _Search:
    """The spots of each group, who holds which, and the moves tried."""

    def __init__(
        self,
        table: NodeTable,
        xy: FloatArray,
        groups: Sequence[IntArray],
        spares: Sequence[FloatArray] | None,
        steps: bool,
        bounds: FloatArray | None,
        roam: bool = False,
    ) -> None:
        self.table, self.xy, self.steps = table, xy, steps
        self.bounds, self.roam = bounds, roam
        self.home = xy.copy()  # each member's spot (a sideways step leaves it there)
        self.score = CrossingScore(table, AIM)
        self.group_of = np.full(table.count, -1, dtype=np.int64)
        self.groups = [members[~table.fixed[members]] for members in groups]
        for number, members in enumerate(self.groups):
            self.group_of[members] = number
        self.spares = [
            np.array(s, dtype=float).reshape(-1, 2)
            for s in (spares or [np.zeros((0, 2))] * len(self.groups))
        ]

    def involved(self) -> IntArray:
        """Stakeholders in a crossing, crossed ones first, in a fixed order."""
        t = self.table
        hits = line_crossings(Boxes.of(t, self.xy), t.lines, bows(t.parallel), AIM)
        crossed = np.unique(hits[:, 0])
        ends = np.setdiff1d(np.unique(t.lines[hits[:, 1]].ravel()), crossed)
        result: IntArray = np.concatenate([crossed, ends]).astype(np.int64)
        return result[self.group_of[result] >= 0]

    def sweep(self) -> bool:
        """Give each involved stakeholder its best move, if one lowers the count."""
        changed = False
        for i in self.involved().tolist():
            changed |= self._best_move(i)
        return changed

    def _best_move(self, i: int) -> bool:
        """Try every trade, spare spot and step for ``i``; make the best, if it helps."""
        number = int(self.group_of[i])
        partners = self.groups[number][self.groups[number] != i]
        trades = self._trades(i, partners)
        spots = self._spots(i, number)
        singles = self._singles(i, spots)
        gains = np.concatenate([trades, singles])
        if len(gains) == 0 or gains.max() <= 0:
            return False
        best = int(np.argmax(gains))  # the first of equals: a fixed order
        if best < len(partners):
            j = int(partners[best])
            self.home[[i, j]] = self.home[[j, i]]
            self.xy[[i, j]] = self.home[[i, j]]
            return True
        k = best - len(partners)
        spares = self.spares[number]
        if k < len(spares):  # into a spare spot, leaving its own spot spare
            self.xy[i], self.home[i], spares[k] = spares[k], spares[k], self.home[i].copy()
        else:
            self.xy[i] = spots[k]
        return True

    def _trades(self, i: int, partners: IntArray) -> IntArray:
        """How much trading places with each partner lowers the count (-1: boxes clash)."""
        if len(partners) == 0:
            return np.zeros(0, dtype=np.int64)
        pairs = np.column_stack([np.full(len(partners), i), partners])
        before = np.broadcast_to(self.xy, (len(partners), *self.xy.shape))
        after = before.copy()
        rows = np.arange(len(partners))
        after[rows, i] = self.home[partners]
        after[rows, partners] = self.home[i]
        worse = self.score.clashes(after, pairs) > self.score.clashes(before, pairs)
        result: IntArray = np.full(len(partners), -1, dtype=np.int64)
        fine = np.flatnonzero(~worse)  # only trades that keep boxes apart are scored
        if len(fine):
            moved = list(pairs[fine])
            now = self.score.batch(before[fine], moved)
            result[fine] = now - self.score.batch(after[fine], moved)
        return result

    def _spots(self, i: int, number: int) -> FloatArray:
        """Where ``i`` may go alone: its group's spare spots, then steps off its spot."""
        spots = [self.spares[number]]
        if self.steps:
            slot = np.array([self.table.width[i], self.table.height[i]]) + MARGIN
            stepped = self.home[i] + _STEPS * STEP * slot
            if self.bounds is not None:
                x0, x1, y0, y1 = self.bounds[i]
                x, y = stepped[:, 0], stepped[:, 1]
                stepped = stepped[(x >= x0) & (x <= x1) & (y >= y0) & (y <= y1)]
            spots.append(stepped)
        if self.roam and self.bounds is not None:
            spots.append(self._lattice(i))
        result: FloatArray = np.concatenate(spots)
        return result

    def _lattice(self, i: int) -> FloatArray:
        """Spots half a slot apart over ``i``'s bounds, nearest its own spot first."""
        assert self.bounds is not None
        x0, x1, y0, y1 = self.bounds[i]
        if not np.isfinite([x0, x1, y0, y1]).all():
            return np.zeros((0, 2))
        slot = np.array([self.table.width[i], self.table.height[i]]) + MARGIN
        xs = np.arange(x0, x1 + 1e-9, slot[0] / 2)
        ys = np.arange(y0, y1 + 1e-9, slot[1] / 2)
        grid = np.column_stack([np.repeat(xs, len(ys)), np.tile(ys, len(xs))])
        away = np.hypot(*(grid - self.xy[i]).T)
        result: FloatArray = grid[np.lexsort((grid[:, 1], grid[:, 0], away))]
        return result

    def _singles(self, i: int, spots: FloatArray) -> IntArray:
        """How much moving ``i`` alone to each spot lowers the count (-1: boxes clash)."""
        if len(spots) == 0:
            return np.zeros(0, dtype=np.int64)
        alone = np.array([i])
        now = self.xy[None]
        trials = np.repeat(now, len(spots), axis=0)
        trials[:, i] = spots
        worse = self.score.clashes(trials, alone) > self.score.clashes(now, alone)[0]
        result: IntArray = np.full(len(spots), -1, dtype=np.int64)
        fine = np.flatnonzero(~worse)  # only spots that keep boxes apart are scored
        if len(fine):
            after = self.score.batch(trials[fine], [alone] * len(fine))
            result[fine] = self.score.batch(now, [alone])[0] - after
        return result
