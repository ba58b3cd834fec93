"""Lines bent round the stakeholders they do not join (issue 13): the route module on
hand-made geometry, and no drawn path through a stakeholder on the examples and the
synthetic shapes after each layout, nor after edits that move, add or remove one."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QLineF, QPointF

from sysmap.canvas import line_routes
from sysmap.canvas.overlay import Overlay, OverlayLink, OverlayRoute
from sysmap.canvas.overlay_items import SuggestedLinkItem
from sysmap.canvas.overlay_routes import RouteItem
from sysmap.canvas.relationship_item import RelationshipItem
from sysmap.canvas.scene import MapScene
from sysmap.io import load_map, resolve_map_path
from sysmap.layout import compute_layout
from sysmap.layout.route_hits import Obstacles
from sysmap.layout.routes import ROUTE_MARGIN, control_points, curve_points, route_lines
from sysmap.model import Relationship, Stakeholder, SystemMap
from tests.canvas.drawn_paths import drawn_path_crossings
from tests.layout.synthetic_shapes import SHAPES
from tests.layout.test_waypoint_routes import SLALOM

EXAMPLES = ["addiction", "levelling-up", "reoffending", "rough-sleeping"]


def _three(y: float) -> tuple[Obstacles, np.ndarray, np.ndarray, np.ndarray]:
    """A line from (0, 0) to (400, 0) and a 100 × 40 box centred at (200, y)."""
    centre = np.array([[0.0, 0.0], [400.0, 0.0], [200.0, y]])
    shapes = Obstacles(
        centre, np.array([[20.0, 20.0], [20.0, 20.0], [50.0, 20.0]]), np.zeros(3, bool)
    )
    return shapes, centre[:1], centre[1:2], np.array([[0, 1]])


# ---------------------------------------------------------------------- the route module
def test_a_line_through_a_box_bends_round_it_with_the_margin() -> None:
    shapes, a, b, ends = _three(5.0)
    routes = route_lines(shapes, a, b, ends)
    _along, bulge = routes.bend[0]
    assert routes.crossed.tolist() == [0]
    assert bulge < 0  # the box sits a little left of the line: the line goes round its right
    points = curve_points(a, b, control_points(a, b, routes.bend), 200)[0]
    near = points[np.abs(points[:, 0] - 200) <= 50 + ROUTE_MARGIN]
    assert (near[:, 1] <= 5.0 - 20.0 - ROUTE_MARGIN + 0.5).all()
    region = routes.region[0]
    assert region[1] <= points[:, 1].min()
    assert region[3] >= points[:, 1].max()


def test_a_clear_line_stays_straight() -> None:
    shapes, a, b, ends = _three(80.0)
    routes = route_lines(shapes, a, b, ends)
    assert routes.bend.tolist() == [[0.0, 0.0]]
    assert routes.crossed.tolist() == [0]


def test_routes_are_deterministic_and_do_not_depend_on_other_lines() -> None:
    rng = np.random.default_rng(3)
    centre = rng.uniform(-800, 800, (40, 2))
    shapes = Obstacles(centre, rng.uniform(20, 70, (40, 2)), rng.random(40) < 0.3)
    ends = np.unique(np.sort(rng.integers(0, 40, (60, 2)), axis=1), axis=0)
    ends = ends[ends[:, 0] != ends[:, 1]]
    a, b = centre[ends[:, 0]], centre[ends[:, 1]]
    whole = route_lines(shapes, a, b, ends)
    assert whole.bend.tolist() == route_lines(shapes, a, b, ends).bend.tolist()
    assert (whole.bend != 0).any()
    for i in range(0, len(ends), 7):  # one line alone gets the route it gets among all
        alone = route_lines(shapes, a[i : i + 1], b[i : i + 1], ends[i : i + 1])
        assert alone.bend.tolist() == whole.bend[i : i + 1].tolist()
        assert alone.region.tolist() == whole.region[i : i + 1].tolist()


def test_a_parallel_line_keeps_its_side() -> None:
    shapes, a, b, ends = _three(-12.0)
    routes = route_lines(shapes, a, b, ends, base=np.array([-13.0]))
    assert routes.crossed.tolist() == [0]
    assert routes.bend[0, 1] < -13.0


# ---------------------------------------------------------------------- what is drawn
def _laid_out(system_map: SystemMap, layout: str) -> SystemMap:
    for node, (x, y) in compute_layout(layout, system_map).positions.items():
        system_map.graph.nodes[node]["x"], system_map.graph.nodes[node]["y"] = x, y
    return system_map


MAPS = {name: lambda name=name: load_map(resolve_map_path(name)).map for name in EXAMPLES}
MAPS |= SHAPES


@pytest.mark.parametrize("layout", ["force", "sector", "place"])
@pytest.mark.parametrize("name", list(MAPS))
def test_no_drawn_line_passes_through_a_stakeholder_after_a_layout(
    qapp: object, name: str, layout: str
) -> None:
    scene = MapScene(_laid_out(MAPS[name](), layout))
    try:
        # After by place, random, dense-cluster, long-chain and leeds kept one each until
        # lines went through two waypoints (random, dense-cluster, leeds) and the last pass
        # pushed boxes along their rows (long-chain).
        assert drawn_path_crossings(scene) == []
    finally:
        scene.close()


def _row() -> SystemMap:
    """A line from a to b along a row, c above it, d far away."""
    m = SystemMap("Row")
    for key, x, y in [("a", 0.0, 0.0), ("b", 800.0, 0.0), ("c", 400.0, -300.0), ("d", 0, 600.0)]:
        m.add_stakeholder(Stakeholder(f"Stakeholder {key}", id=key, x=x, y=y))
    m.add_relationship(Relationship("a", "b", "partners", directed=True))
    m.add_relationship(Relationship("c", "d", "funds", status="proposed"))
    return m


def _table() -> SystemMap:
    """A line from s0 to s1 across :data:`SLALOM`'s table: no single bend clears it."""
    m = SystemMap("Table")
    for number, (x, y) in enumerate(SLALOM):
        m.add_stakeholder(Stakeholder(f"Stakeholder {number}", id=f"s{number}", x=x, y=y))
    m.add_relationship(Relationship("s0", "s1", "partners", directed=True))
    return m


def _first_line(scene: MapScene, m: SystemMap) -> RelationshipItem:
    """The item drawing the map's first relationship."""
    line = scene.item_for_relationship(m.relationship_ids()[0])
    assert line is not None
    return line


def _bends(scene: MapScene) -> dict[str, tuple[float, ...] | None]:
    return {rel: item.bend for rel, item in scene.items_model.relationships.items()}


def test_edits_bend_and_unbend_lines_as_a_fresh_canvas_does(qapp: object) -> None:
    m = _row()
    scene = MapScene(m)
    try:
        line = _first_line(scene, m)
        assert line.bend is None
        m.move_stakeholders({"c": (400.0, 10.0)})  # onto a – b (and c – d follows c)
        assert line.bend is not None
        assert drawn_path_crossings(scene) == []
        fresh = MapScene(m)
        assert _bends(fresh) == _bends(scene)
        fresh.close()
        m.add_stakeholder(Stakeholder("In the way", id="e", x=200.0, y=-20.0))
        assert drawn_path_crossings(scene) == []
        m.remove_stakeholder("c")
        m.remove_stakeholder("e")
        assert line.bend is None  # nothing in the way: straight again
        assert drawn_path_crossings(scene) == []
    finally:
        scene.close()


def test_a_bent_line_is_hit_and_selected_on_its_curve(qapp: object) -> None:
    m = _row()
    m.move_stakeholders({"c": (400.0, 0.0)})
    scene = MapScene(m)
    try:
        line = _first_line(scene, m)
        assert line.bend is not None
        middle = line.path().pointAtPercent(0.5)
        assert abs(middle.y()) > 20  # off the chord, round c
        assert scene.map_rect().contains(line.path().boundingRect())  # fitted and exported
        assert scene.relationship_at(middle) is line
        _path, arrow, caption_at = line.geometry()
        assert arrow is not None
        assert arrow.boundingRect().contains(line.path().pointAtPercent(1.0))
        assert abs(caption_at.y() - middle.y()) < 1.0
    finally:
        scene.close()


def test_a_suggested_link_bends_round_a_stakeholder_in_its_way(qapp: object) -> None:
    m = _row()
    m.move_stakeholders({"c": (400.0, 300.0)})
    scene = MapScene(m)
    try:
        scene.set_overlay(Overlay("Suggestions", links=(OverlayLink("a", "b", "1"),)))
        [link] = [mark for mark in scene.decorations() if isinstance(mark, SuggestedLinkItem)]
        assert link._curve is None  # nothing in the way: straight
        m.move_stakeholders({"c": (400.0, 0.0)})  # onto it
        assert link._curve is not None
        m.remove_stakeholder("c")
        assert link._curve is None
    finally:
        scene.close()


def test_big_maps_keep_straight_lines_and_routing_follows_the_limit(
    qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(line_routes, "LINE_LIMIT", 1)
    m = _row()
    m.move_stakeholders({"c": (400.0, 0.0)})
    scene = MapScene(m)
    try:
        first, second = m.relationship_ids()
        line = scene.item_for_relationship(first)
        assert line is not None
        assert line.bend is None  # two lines: over the limit, drawn straight
        m.remove_relationship(second)
        assert line.bend is not None  # one line: routed round c
        assert drawn_path_crossings(scene) == []
        m.add_relationship(Relationship("a", "d", "funds"))
        assert line.bend is None
    finally:
        scene.close()


def test_a_route_band_follows_its_bent_lines(qapp: object) -> None:
    m = _row()
    m.move_stakeholders({"c": (400.0, 0.0)})
    scene = MapScene(m)
    try:
        scene.set_overlay(Overlay("Route", routes=(OverlayRoute(("a", "b")),)))
        [band] = [mark for mark in scene.decorations() if isinstance(mark, RouteItem)]
        line = _first_line(scene, m)
        assert line.bend is not None
        middle = band.band().pointAtPercent(0.5)
        assert middle.y() == pytest.approx(line.path().pointAtPercent(0.5).y(), abs=2.0)
        m.move_stakeholders({"c": (400.0, 400.0)})  # out of the way: both straight again
        assert band.band().pointAtPercent(0.5).y() == pytest.approx(0.0, abs=1e-6)
    finally:
        scene.close()


def test_a_line_through_two_waypoints_is_drawn_arrowed_and_hit_along_its_route(
    qapp: object,
) -> None:
    m = _table()
    scene = MapScene(m)
    try:
        line = _first_line(scene, m)
        assert line.bend is not None
        assert len(line.bend) == 4  # two waypoints, not one bend
        assert drawn_path_crossings(scene) == []
        path, arrow, caption_at = line.geometry()
        assert path.elementCount() == 7  # two quadratics (Qt keeps each as a cubic)
        # the arrow sits past the path's end, pointing the way the route arrives
        assert arrow is not None
        tip, end = arrow.at(0), path.pointAtPercent(1.0)
        ahead = np.array([tip.x() - end.x(), tip.y() - end.y()])
        angle = np.radians(path.angleAtPercent(1.0))
        arriving = np.array([np.cos(angle), -np.sin(angle)])  # Qt's angles turn upwards
        assert ahead @ arriving / np.hypot(*ahead) > 0.99
        # hit, selected (its halo is its shape) and captioned on the route, not the chord
        middle = path.pointAtPercent(0.5)
        assert line.shape().contains(middle)
        assert scene.relationship_at(middle) is line
        assert caption_at == middle
        chord = QLineF(QPointF(*SLALOM[0]), QPointF(*SLALOM[1]))
        quarter = path.pointAtPercent(0.25)  # near the first waypoint, off the chord
        assert QLineF(quarter, chord.pointAt(0.25)).length() > 20
        assert line.shape().contains(quarter)
        assert not line.shape().contains(chord.pointAt(0.25))
        assert line.boundingRect().contains(path.boundingRect())
        assert scene.map_rect().contains(path.boundingRect())
    finally:
        scene.close()


def test_a_two_waypoint_route_follows_edits_as_a_fresh_canvas_draws_it(qapp: object) -> None:
    m = _table()
    scene = MapScene(m)
    try:
        line = _first_line(scene, m)
        waypoints = line.bend
        assert waypoints is not None
        assert len(waypoints) == 4
        m.move_stakeholders({"s3": (150.0, 500.0)})  # out of the table: one bend will do
        assert line.bend is not None
        assert len(line.bend) == 2
        fresh = MapScene(m)
        assert _bends(fresh) == _bends(scene)
        fresh.close()
        m.move_stakeholders({"s3": (150.0, 76.0)})  # back: two waypoints again
        assert line.bend == waypoints
        assert drawn_path_crossings(scene) == []
    finally:
        scene.close()
