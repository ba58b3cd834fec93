"""Where the force layout puts a stray: straight in towards the main body, just past its rim.

``gather_strays`` promises (its docstring) that a part with no links to the rest is "moved
straight in towards the middle until it sits just outside the main body, keeping its
direction". Measured here on a body that is not centred on the origin, so a stray pulled
towards the wrong middle, or measured from it, lands somewhere else.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

from sysmap.layout.force import gather_strays
from sysmap.layout.nodes import node_table

CENTRE = np.array([1000.0, 500.0])
RADIUS = 300.0


def ring_and_stray(stray: tuple[float, float]) -> np.ndarray:
    """Eight linked stakeholders evenly round a circle about ``CENTRE``, and one lone one."""
    angles = np.arange(8) * 2 * math.pi / 8
    ring = CENTRE + RADIUS * np.column_stack([np.cos(angles), np.sin(angles)])
    return np.vstack([ring, [stray]])


def gathered(stray: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    graph = nx.cycle_graph(8)
    graph.add_node(8)  # the stray: no relationships
    table = node_table(graph)
    assert table.ids == list(range(9))
    xy = ring_and_stray(stray)
    return xy, gather_strays(xy, table)


def rim_distance() -> float:
    """How far from the centre a lone stray lands, by hand from the method.

    Distances are measured in units of the body's spread (per-axis standard deviation,
    R/sqrt(2) for eight points evenly on a circle of radius R), so the ring's rim sits at
    sqrt(2) units; a lone stakeholder has no reach of its own, and lands 0.15 units past it.
    """
    spread = RADIUS / math.sqrt(2)
    return (math.sqrt(2) + 0.15) * spread


def test_a_stray_to_the_right_lands_just_outside_the_body_on_the_right() -> None:
    xy, moved = gathered((CENTRE[0] + 5000.0, CENTRE[1]))
    assert np.array_equal(moved[:8], xy[:8])  # the body itself stays put
    assert np.allclose(moved[8], [CENTRE[0] + rim_distance(), CENTRE[1]], atol=1e-6), moved[8]


def test_a_stray_keeps_its_direction_from_the_body_centre() -> None:
    direction = np.array([-3.0, 4.0]) / 5.0  # left of and below the body, at 3-4-5
    _, moved = gathered((CENTRE[0] + 4000.0 * direction[0], CENTRE[1] + 4000.0 * direction[1]))
    # Each axis is scaled by the same spread (the ring is round), so the direction is kept.
    assert np.allclose(moved[8], CENTRE + rim_distance() * direction, atol=1e-6), moved[8]


def test_a_stray_already_near_the_body_is_left_where_it_is() -> None:
    near = (CENTRE[0], CENTRE[1] + 0.5 * RADIUS)  # inside the ring: nothing to gather
    xy, moved = gathered(near)
    assert np.array_equal(moved, xy)
