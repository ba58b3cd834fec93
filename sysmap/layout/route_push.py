"""Pushes: a stakeholder moves along a row or column and shoves the boxes in its way (issue 13).

:mod:`sysmap.layout.route_clear` moves one stakeholder, or trades two, where a bent line
still crosses a box; in a full table no box has a free spot near it, so neither helps (after
by place, long-chain's s25 – s26 ran under s6 so). A push moves a stakeholder a step
(an eighth of a slot to two slots) left, right, up or down, and every box that comes within
:data:`GAP` of a moved box, ahead of it in that direction, moves on just far enough to keep
:data:`GAP` (so a row of boxes shuffles along into its table's spare room). A push is not
offered where it would move a pinned box, more than :data:`PUSHED` boxes, a box out of its
bounds, or a box behind or beside the mover (the margin could not be kept along one axis),
nor where the layout's own (straight-line) crossings round the moved boxes go up.
"""

from __future__ import annotations

import numpy as np

from sysmap.layout.crossing_score import CrossingScore
from sysmap.layout.nodes import MARGIN, FloatArray, IntArray, NodeTable

GAP = MARGIN + 0.5
"""Clear space a moved box keeps from every other box: the layout's margin (the layout's
last overlap pass pushes boxes closer than that apart again, which undid moves tried at
12-16 px and put lines back through boxes)."""
PUSHED = 4
"""Most boxes one push moves (the mover among them)."""
STEPS = np.arange(1, 17) / 8
"""How far the mover goes, in slots (its box's size plus the margin), nearest first."""

Move = tuple[IntArray, FloatArray]
"""Stakeholders (rows) and where each goes."""


def pushes(
    table: NodeTable, xy: FloatArray, bounds: FloatArray, score: CrossingScore, node: int
) -> list[Move]:
    """Every push of ``node`` that may be offered (see the module docstring), nearest first.

    Parameters
    ----------
    table : NodeTable
        The map's stakeholders and lines.
    xy : ndarray, shape (n, 2)
        Where every box is now.
    bounds : ndarray, shape (n, 4)
        ``x_min, x_max, y_min, y_max`` each centre must stay within.
    score : CrossingScore
        The layout's straight-line crossings, which a push must not raise.
    node : int
        The stakeholder to push.
    """
    slot = np.array([table.width[node], table.height[node]]) + MARGIN
    result = []
    for step in STEPS.tolist():
        for axis in (0, 1):
            for sign in (1.0, -1.0):
                move = _push(table, xy, node, axis, sign * step * slot[axis])
                if move is None or not _inside(bounds, *move):
                    continue
                trial = xy.copy()
                trial[move[0]] = move[1]
                if score.around(trial, move[0]) <= score.around(xy, move[0]):
                    result.append(move)
    return result


def _push(table: NodeTable, xy: FloatArray, node: int, axis: int, shift: float) -> Move | None:
    """Move ``node`` by ``shift`` along ``axis`` and shove the boxes ahead, or None where
    the push cannot keep :data:`GAP` (see the module docstring)."""
    size = np.column_stack([table.width, table.height])
    sign = 1.0 if shift > 0 else -1.0
    xy = xy.copy()
    xy[node, axis] += shift
    moved, queue = [node], [node]
    while queue:
        mover = queue.pop(0)
        near = (np.abs(xy - xy[mover]) < (size[mover] + size) / 2 + GAP).all(axis=1)
        near[mover] = False
        for other in np.flatnonzero(near).tolist():
            ahead = sign * (xy[other, axis] - xy[mover, axis]) > 0
            if other in moved or not ahead or table.fixed[other] or len(moved) == PUSHED:
                return None
            reach = (size[mover, axis] + size[other, axis]) / 2 + GAP + 0.01
            xy[other, axis] = xy[mover, axis] + sign * reach
            moved.append(other)
            queue.append(other)
    rows = np.array(moved)
    return rows, xy[rows]


def _inside(bounds: FloatArray, rows: IntArray, spots: FloatArray) -> bool:
    """Whether every moved centre stays within its bounds."""
    x0, x1, y0, y1 = bounds[rows].T
    return bool(
        (
            (spots[:, 0] >= x0) & (spots[:, 0] <= x1) & (spots[:, 1] >= y0) & (spots[:, 1] <= y1)
        ).all()
    )
