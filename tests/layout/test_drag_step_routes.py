"""A drag's step (``route_lines(drag=True)``) may differ from a full routing only on the
lines it marks rough: the canvas routes exactly those again when the drag settles, so the
rest must already be what a full routing gives, route and region alike (issue 13)."""

from __future__ import annotations

import numpy as np
import pytest

from sysmap.layout.route_hits import Obstacles
from sysmap.layout.routes import route_lines
from tests.layout.test_waypoint_routes import SLALOM


def _crowd(seed: int) -> tuple[Obstacles, np.ndarray]:
    rng = np.random.default_rng(seed)
    centre = rng.uniform(-500, 500, (40, 2))
    shapes = Obstacles(centre, rng.uniform(20, 60, (40, 2)), rng.random(40) < 0.3)
    ends = np.unique(np.sort(rng.integers(0, 40, (70, 2)), axis=1), axis=0)
    return shapes, ends[ends[:, 0] != ends[:, 1]]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_drag_step_differs_from_a_full_routing_only_on_its_rough_lines(seed: int) -> None:
    shapes, ends = _crowd(seed)
    a, b = shapes.centre[ends[:, 0]], shapes.centre[ends[:, 1]]
    base = np.where(np.arange(len(ends)) % 5 == 0, 13.0, 0.0)  # some parallel lines
    full = route_lines(shapes, a, b, ends, base)
    step = route_lines(shapes, a, b, ends, base, drag=True)
    assert not full.rough.any()
    assert step.rough.any()  # a crowd: some lines none of the cheapest bends clears
    assert (step.crossed[step.rough] > 0).all()
    settled = ~step.rough
    assert (step.bend[settled, 1] != base[settled]).sum() >= 5  # bent by the step itself
    assert np.array_equal(step.bend[settled], full.bend[settled])
    assert np.array_equal(step.region[settled], full.region[settled])
    assert np.array_equal(step.crossed[settled], full.crossed[settled])
    assert np.isnan(step.waypoints).all()  # no two-waypoint search on a step


def test_a_line_only_two_waypoints_clear_is_rough_on_a_drag_step() -> None:
    centre = np.array(SLALOM, dtype=float)
    shapes = Obstacles(centre, np.tile([50.0, 17.0], (len(centre), 1)), np.zeros(len(centre), bool))
    ends = np.array([[0, 1]])
    step = route_lines(shapes, centre[:1], centre[1:2], ends, drag=True)
    assert step.rough.tolist() == [True]
    assert not np.isnan(route_lines(shapes, centre[:1], centre[1:2], ends).waypoints).any()
