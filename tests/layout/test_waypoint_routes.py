"""Lines no single bend clears, routed through two waypoints (issue 13): on a table of boxes
36 px or more apart, a diagonal line that one bend cannot take round every box."""

from __future__ import annotations

import numpy as np

from sysmap.layout.route_hits import Obstacles, polyline_hits
from sysmap.layout.routes import ROUTE_MARGIN, route_lines, route_samples
from sysmap.layout.waypoint_routes import spline_points, waypoint_points

SLALOM = [(0, 0), (600, 228), (150, 152), (150, 76), (0, 76), (450, 152), (600, 152), (450, 76)]
"""A line from the first box to the second across a table of 100 × 34 boxes."""


def _slalom() -> tuple[Obstacles, np.ndarray, np.ndarray, np.ndarray]:
    centre = np.array(SLALOM, dtype=float)
    shapes = Obstacles(centre, np.tile([50.0, 17.0], (len(centre), 1)), np.zeros(len(centre), bool))
    return shapes, centre[:1], centre[1:2], np.array([[0, 1]])


def test_two_waypoints_clear_where_no_single_bend_does() -> None:
    shapes, a, b, ends = _slalom()
    bent = route_lines(shapes, a, b, ends, waypoints=False)
    assert bent.crossed.tolist() != [0]  # no quadratic clears every box
    assert np.isnan(bent.waypoints).all()
    routes = route_lines(shapes, a, b, ends)
    assert routes.crossed.tolist() == [0]
    assert not np.isnan(routes.waypoints).any()
    # its region holds the whole route (a box moving outside it cannot change it)
    points = route_samples(a, b, routes.bend, routes.waypoints, 201)[0]
    left, top, right, bottom = routes.region[0]
    assert (points >= [left, top]).all()
    assert (points <= [right, bottom]).all()


def test_the_route_keeps_the_margin_from_every_box_it_does_not_join() -> None:
    shapes, a, b, ends = _slalom()
    routes = route_lines(shapes, a, b, ends)
    fine = spline_points(a, b, routes.waypoints, 801)  # far finer than the search's samples
    assert polyline_hits(shapes, fine, ends, ROUTE_MARGIN - 0.5).tolist() == []
    # and passes through a box where the margin is asked a lot wider: it was tight
    assert len(polyline_hits(shapes, fine, ends, 3 * ROUTE_MARGIN))


def test_the_route_runs_from_end_to_end_and_arrives_along_its_last_waypoint() -> None:
    shapes, a, b, ends = _slalom()
    way = route_lines(shapes, a, b, ends).waypoints
    points = spline_points(a, b, way, 401)[0]
    assert np.allclose(points[0], a[0])
    assert np.allclose(points[-1], b[0])
    _w1, w2 = waypoint_points(a, b, way)
    arriving = points[-1] - points[-2]
    towards = b[0] - w2[0]  # a quadratic ends along the line from its control to its end
    cosine = arriving @ towards / np.hypot(*arriving) / np.hypot(*towards)
    assert cosine > 0.999
    # smooth where the two quadratics meet: no kink half way
    steps = np.diff(points, axis=0)
    turn = np.abs(np.diff(np.unwrap(np.arctan2(steps[:, 1], steps[:, 0]))))
    assert turn.max() < 0.05


def test_a_line_through_a_crowd_is_not_tried() -> None:
    # on top of each other, no route clears them all: the least bad bend is kept, cheaply
    centre = np.array([[0.0, 0], [400, 0], [200, 0], [205, 5], [195, -5], [210, 0]])
    shapes = Obstacles(centre, np.full((6, 2), 60.0), np.zeros(6, bool))
    routes = route_lines(shapes, centre[:1], centre[1:2], np.array([[0, 1]]))
    assert np.isnan(routes.waypoints).all()


def test_a_two_waypoint_route_does_not_depend_on_the_other_lines() -> None:
    shapes, a, b, ends = _slalom()
    pairs = np.array([[0, 1], [2, 7], [4, 6], [3, 5]])  # the slalom first
    centre = shapes.centre
    together = route_lines(shapes, centre[pairs[:, 0]], centre[pairs[:, 1]], pairs)
    alone = route_lines(shapes, a, b, ends)
    assert together.waypoints[:1].tolist() == alone.waypoints.tolist()
    assert together.region[:1].tolist() == alone.region.tolist()
    assert together.bend[:1].tolist() == alone.bend.tolist()
