"""Count only the crossings a move can change: the score behind trading places.

When stakeholder ``i`` moves, the only crossings that change are those it takes part in:
lines passing through ``i``, and ``i``'s own lines passing through anyone. So a trial move
of one or two stakeholders is scored by testing those (stakeholder, line) pairs exactly
(:func:`sysmap.layout.line_clearance.segment_hits`), without a search over the whole map:
on a policy map of 40 stakeholders and 60 lines that is a few hundred pairs, one numpy call.

The score counts crossings with the line pass's aim (:data:`sysmap.layout.line_nudge.AIM`),
a little stricter than the count people see, so that labels drawn a little wider than their
estimate still keep clear.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from sysmap.layout.line_clearance import bows, segment_hits
from sysmap.layout.nodes import MARGIN, BoolArray, FloatArray, IntArray, NodeTable

CLASH_MARGIN = MARGIN - 1.0
"""Boxes closer than this count as overlapping when a move is tried."""


class CrossingScore:
    """The crossings and box clashes round chosen stakeholders of one map.

    Parameters
    ----------
    table : NodeTable
        The map's shapes and lines.
    aim : float
        Clear space a line must keep from a shape it does not join.
    """

    def __init__(self, table: NodeTable, aim: float) -> None:
        self.table = table
        self.grow = aim + bows(table.parallel)
        lines = table.lines
        self.incident = [np.zeros(0, dtype=np.int64) for _ in range(table.count)]
        if len(lines):
            ends = np.concatenate([lines[:, 0], lines[:, 1]])
            numbers = np.concatenate([np.arange(len(lines))] * 2)
            order = np.argsort(ends, kind="stable")
            cuts = np.searchsorted(ends[order], np.arange(table.count + 1))
            self.incident = [numbers[order[a:b]] for a, b in itertools.pairwise(cuts)]

    def around(self, xy: FloatArray, nodes: IntArray) -> int:
        """How many crossings involve any of ``nodes`` (as the crossed one or an end).

        Examples
        --------
        >>> import networkx as nx
        >>> from sysmap.layout.nodes import node_table
        >>> table = node_table(nx.Graph([(0, 1), (2, 3)]))
        >>> xy = np.array([[0.0, 0.0], [600.0, 0.0], [300.0, 0.0], [300.0, 300.0]])
        >>> CrossingScore(table, 8.0).around(xy, np.array([2]))
        1
        """
        return int(self.batch(xy[None], [nodes])[0])

    def batch(self, xys: FloatArray, nodes: Sequence[IntArray]) -> IntArray:
        """:meth:`around` for many trial layouts at once: ``xys[c]`` with ``nodes[c]``.

        The pairs of every trial are tested in one call, so trying the dozens of moves open
        to one stakeholder costs about as much as trying one.
        """
        t = self.table
        count, n = len(xys), t.count
        every = np.arange(n)
        node_parts, line_parts, trial_parts = [], [], []
        for c, moved in enumerate(nodes):
            own = np.unique(np.concatenate([self.incident[i] for i in moved.tolist()]))
            mask = np.ones(len(t.lines), dtype=bool)
            mask[own] = False
            others = np.flatnonzero(mask)
            node_parts += [np.repeat(every, len(own)), np.repeat(moved, len(others))]
            line_parts += [np.tile(own, n), np.tile(others, len(moved))]
            trial_parts.append(np.full(n * len(own) + len(moved) * len(others), c))
        node, line = np.concatenate(node_parts), np.concatenate(line_parts)
        trial = np.concatenate(trial_parts)
        keep = (t.lines[line, 0] != node) & (t.lines[line, 1] != node)
        node, line, trial = node[keep], line[keep], trial[keep]
        flat = xys.reshape(-1, 2)
        half = np.column_stack(
            [t.width[node] / 2 + self.grow[line], t.height[node] / 2 + self.grow[line]]
        )
        hit = segment_hits(
            flat[trial * n + node],
            half,
            t.ellipse[node],
            flat[trial * n + t.lines[line, 0]],
            flat[trial * n + t.lines[line, 1]],
        )
        result: IntArray = np.bincount(trial[hit], minlength=count).astype(np.int64)
        return result

    def clashes(self, xys: FloatArray, nodes: IntArray) -> IntArray:
        """For each trial layout ``xys[c]``, how many boxes come closer than the margin to
        one of ``nodes`` (the same one or two stakeholders, or ``nodes[c]`` per trial)."""
        t = self.table
        rows = np.arange(len(xys))[:, None]
        picked = np.broadcast_to(nodes, (len(xys), nodes.shape[-1]))
        centre = xys[rows, picked]  # (C, k, 2)
        dx = np.abs(centre[:, :, None, 0] - xys[:, None, :, 0])
        dy = np.abs(centre[:, :, None, 1] - xys[:, None, :, 1])
        close_x = dx < (t.width[picked][:, :, None] + t.width) / 2 + CLASH_MARGIN
        close_y = dy < (t.height[picked][:, :, None] + t.height) / 2 + CLASH_MARGIN
        close: BoolArray = close_x & close_y
        # a box is never too close to itself; a pair of picked boxes counts once
        same = picked[:, :, None] == np.arange(t.count)
        later = np.zeros_like(same)
        if picked.shape[1] == 2:
            later[:, 1] = picked[:, :1] == np.arange(t.count)
        result: IntArray = (close & ~same & ~later).sum(axis=(1, 2))
        return result
