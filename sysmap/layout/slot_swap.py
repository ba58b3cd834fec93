"""Swap stakeholders between the spots of their group to take lines off stakeholders.

A grouped layout (by sector, by place) has already chosen *where* its boxes go; which
stakeholder takes which spot is free within a group. Lines between the spots pass through
the boxes in between, and trading places changes which boxes those are, without moving a
single spot: the picture keeps its grid or its area's shape, and does not grow. So before
:mod:`sysmap.layout.line_nudge` moves stakeholders off lines (which needs room), this pass
tries swapping pairs of stakeholders inside a group and keeps every swap that lowers the
number of crossings (counted with the nudge's aim, :data:`sysmap.layout.line_nudge.AIM`)
without making boxes overlap.

The search is greedy, in a fixed order (deterministic): in each sweep, every stakeholder
involved in a crossing (crossed, or an end of a crossing line) tries each other member of
its group, and the best swap for it is made at once. At most ``SWEEPS`` sweeps; each trial
is one crossing count (a k-d tree search, well under a millisecond on a policy map), and
maps larger than :data:`sysmap.layout.line_nudge.CLEAR_LIMIT` are left alone.
"""

from __future__ import annotations

import numpy as np

from sysmap.layout.line_clearance import bows, line_crossings
from sysmap.layout.line_nudge import AIM, clears
from sysmap.layout.nodes import MARGIN, FloatArray, IntArray, NodeTable
from sysmap.layout.overlap import overlapping_pairs
from sysmap.model.progress import NO_PROGRESS, Progress

SWEEPS = 4
"""At most this many sweeps over the stakeholders involved in crossings."""


def swap_slots(
    table: NodeTable,
    xy: FloatArray,
    groups: list[IntArray],
    tracker: Progress = NO_PROGRESS,
) -> FloatArray:
    """Trade places between members of each group while that lowers the crossings.

    Parameters
    ----------
    table : NodeTable
        The map's stakeholders and lines (pinned stakeholders never move).
    xy : ndarray, shape (n, 2)
        Centres as the layout placed them.
    groups : list of ndarray of int
        Stakeholders that may trade places with each other (disjoint).
    tracker : Progress
        Progress and Cancel.

    Returns
    -------
    ndarray
        The same set of centres per group, handed out to fewer crossings.
    """
    xy = np.array(xy, dtype=float)
    if not clears(table) or len(table.lines) == 0:
        return xy
    swapper = _Swapper(table, groups)
    count = swapper.count(xy)
    for sweep in range(SWEEPS):
        tracker.report(sweep / SWEEPS)
        if count == 0:
            break
        xy, better = swapper.sweep(xy, count)
        if better >= count:
            break
        count = better
    tracker.report(1.0)
    return xy


class _Swapper:
    """Who may trade places with whom, and how a layout is scored."""

    def __init__(self, table: NodeTable, groups: list[IntArray]) -> None:
        self.table = table
        self.bow = bows(table.parallel)
        self.group_of = np.full(table.count, -1, dtype=np.int64)
        self.groups = [members[~table.fixed[members]] for members in groups]
        for number, members in enumerate(self.groups):
            self.group_of[members] = number

    def count(self, xy: FloatArray) -> int:
        t = self.table
        return len(line_crossings(xy, t.width, t.height, t.ellipse, t.lines, self.bow, AIM))

    def overlaps(self, xy: FloatArray) -> int:
        t = self.table
        return len(overlapping_pairs(xy, t.width, t.height, margin=MARGIN - 1.0))

    def involved(self, xy: FloatArray) -> IntArray:
        """Stakeholders in a crossing, crossed ones first, in a fixed order."""
        t = self.table
        hits = line_crossings(xy, t.width, t.height, t.ellipse, t.lines, self.bow, AIM)
        crossed = np.unique(hits[:, 0])
        ends = np.setdiff1d(np.unique(t.lines[hits[:, 1]].ravel()), crossed)
        result: IntArray = np.concatenate([crossed, ends]).astype(np.int64)
        return result[self.group_of[result] >= 0]

    def sweep(self, xy: FloatArray, count: int) -> tuple[FloatArray, int]:
        """Give each involved stakeholder its best swap, if one lowers the count."""
        clashes = self.overlaps(xy)
        for i in self.involved(xy).tolist():
            best: tuple[int, int] | None = None
            for j in self.groups[self.group_of[i]].tolist():
                if j == i:
                    continue
                xy[[i, j]] = xy[[j, i]]
                trial = self.count(xy)
                if trial < (count if best is None else best[0]) and (self.overlaps(xy) <= clashes):
                    best = (trial, j)
                xy[[i, j]] = xy[[j, i]]
            if best is not None:
                count, j = best
                xy[[i, j]] = xy[[j, i]]
            if count == 0:
                break
        return xy, count
