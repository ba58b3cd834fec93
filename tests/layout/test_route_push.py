"""Pushes (issue 13): a stakeholder steps along its row and shoves the boxes ahead, keeping
the layout's margin, its bounds and pinned stakeholders; the last pass of by place uses them
where no free spot or trade clears a line (long-chain's last drawn crossing)."""

from __future__ import annotations

import numpy as np

from sysmap.layout.common import map_table
from sysmap.layout.crossing_score import CrossingScore
from sysmap.layout.line_nudge import AIM
from sysmap.layout.nodes import NodeTable
from sysmap.layout.route_push import GAP, pushes
from sysmap.model import Stakeholder, SystemMap


def _row(pinned: bool = False) -> tuple[NodeTable, np.ndarray, np.ndarray]:
    """Three stakeholders in a row, the layout's margin apart, room to spare on the right."""
    m = SystemMap("Row")
    for i in range(3):
        m.add_stakeholder(Stakeholder(f"Stakeholder {i}", id=f"s{i}"))
    table = map_table(m, {"s2": (0.0, 0.0)} if pinned else None)
    step = float(table.width.max()) + GAP
    xy = np.array([[i * step, 0.0] for i in range(3)])
    bounds = np.tile([-1.0, 4 * step, -1.0, 1.0], (3, 1))  # only right, only along the row
    return table, xy, bounds


def _apart(table: NodeTable, xy: np.ndarray) -> bool:
    dx = np.abs(xy[:, None, 0] - xy[None, :, 0]) - (table.width[:, None] + table.width) / 2
    dy = np.abs(xy[:, None, 1] - xy[None, :, 1]) - (table.height[:, None] + table.height) / 2
    near = (dx < GAP - 0.01) & (dy < GAP - 0.01)
    return not near[~np.eye(len(xy), dtype=bool)].any()


def test_a_push_shoves_the_boxes_ahead_and_keeps_the_margin() -> None:
    table, xy, bounds = _row()
    moves = pushes(table, xy, bounds, CrossingScore(table, AIM), 0)
    assert moves  # only rightwards: left and up or down leave the bounds
    for rows, spots in moves:
        trial = xy.copy()
        trial[rows] = spots
        assert rows[0] == 0
        assert (spots[:, 0] > xy[rows, 0]).all()
        assert _apart(table, trial)
        assert (spots[:, 0] <= bounds[rows, 1]).all()
    first_rows, _ = moves[0]
    assert first_rows.tolist() == [0, 1, 2]  # the nearest step already shoves both along


def test_a_pinned_box_is_never_pushed() -> None:
    table, xy, bounds = _row(pinned=True)
    moves = pushes(table, xy, bounds, CrossingScore(table, AIM), 0)
    assert all(2 not in rows.tolist() for rows, _ in moves)
    assert moves == []  # every step right reaches the pinned box
