"""The canvas's fast paths draw what the slow ones would: lines by table, pictures by patch.

Big maps are drawn through an edge table (which lines cross the view), a patched overview
picture redrawn in slices, and an image of the lines passing through a still view. Each is
checked here against the plain answer on a map big enough to use it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from sysmap.canvas.edge_table import NEAR_MARGIN
from sysmap.canvas.scene import MapScene
from sysmap.canvas.view import MapView
from sysmap.model import SystemMap
from sysmap.model.synthetic import synthetic_map


@pytest.fixture(scope="module")
def big_map() -> SystemMap:
    return synthetic_map(2500, seed=6)


@pytest.fixture
def shown(qtbot, big_map: SystemMap) -> Iterator[tuple[MapView, MapScene]]:  # type: ignore[no-untyped-def]
    scene = MapScene(big_map.copy())
    view = MapView(scene)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    yield view, scene
    scene.close()


def _settle(view: MapView, seconds: float = 0.7) -> None:
    """Let the view finish what it draws in slices: at least ``seconds`` of events, then on
    until no picture is still being drawn (however long a busy machine takes over it)."""
    view._settle.stop()
    view._settled()
    until = time.perf_counter() + seconds
    while time.perf_counter() < until or _drawing(view):
        QApplication.processEvents()
        assert time.perf_counter() < until + 120, "the view never finished drawing"


def _drawing(view: MapView) -> bool:
    items = view.scene().items_model  # type: ignore[attr-defined]
    passing = items.edge_layer._passing_cache
    return bool(
        view._settle.isActive() or items.overview.picture.redrawing or passing._job is not None
    )


def _grab(view: MapView) -> QImage:
    return view.viewport().grab().toImage()


def _differing(a: QImage, b: QImage) -> float:
    """Share of pixels that differ between two same-sized pictures."""
    assert a.size() == b.size()
    width, height = a.width(), a.height()
    step = 3  # every third pixel both ways: plenty to see a missing line or box
    differ = total = 0
    for y in range(0, height, step):
        for x in range(0, width, step):
            total += 1
            differ += a.pixel(x, y) != b.pixel(x, y)
    return differ / total


def _blocks_differing(a: QImage, b: QImage, tolerance: int = 16) -> float:
    """Share of 16 × 16 blocks whose average grey differs by more than ``tolerance``.

    Antialiased and plain lines differ at every pixel but not in where they run, which is
    what this compares.
    """
    from PySide6.QtCore import Qt

    size = a.size() / 16
    small_a = a.scaled(
        size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    small_b = b.scaled(
        size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    differ = 0
    for y in range(small_a.height()):
        for x in range(small_a.width()):
            grey_a = small_a.pixelColor(x, y).lightness()
            grey_b = small_b.pixelColor(x, y).lightness()
            differ += abs(grey_a - grey_b) > tolerance
    return differ / (small_a.width() * small_a.height())


def _at_full_size(view: MapView, scene: MapScene) -> None:
    """Show the first stakeholder at 100 %, where many lines pass through a big map's view."""
    view.fit_map()
    item = scene.item_for_stakeholder(scene.system_map.stakeholder_ids()[0])
    assert item is not None
    view.centerOn(item.pos())
    view.zoom_by(1.0 / view.zoom_level())


def _brute_force(scene: MapScene, visible: QRectF) -> tuple[set[str], set[str]]:
    """Which straight lines end near ``visible`` and which only cross it, one by one.

    Lines are drawn a little past the view's edges (20 px), so "crossing" counts that margin.
    """
    near_box = visible.adjusted(-NEAR_MARGIN, -NEAR_MARGIN, NEAR_MARGIN, NEAR_MARGIN)
    near, passing = set(), set()
    for rel_id, item in scene.items_model.relationships.items():
        if not item.is_straight():
            continue
        a, b = item.source_item.pos(), item.target_item.pos()
        if near_box.contains(a) or near_box.contains(b):
            if _crosses(a, b, visible.adjusted(-200, -200, 200, 200)):
                near.add(rel_id)
        elif _crosses(a, b, visible.adjusted(-20, -20, 20, 20)):
            passing.add(rel_id)
    return near, passing


def _crosses(a: QPointF, b: QPointF, rect: QRectF) -> bool:
    """A segment crosses a rectangle when an end is inside or it cuts one of the sides."""
    if rect.contains(a) or rect.contains(b):
        return True
    line = QLineF(a, b)
    corners = [rect.topLeft(), rect.topRight(), rect.bottomRight(), rect.bottomLeft()]
    bounded = QLineF.IntersectionType.BoundedIntersection
    return any(
        line.intersects(QLineF(corners[k], corners[(k + 1) % 4]))[0] == bounded for k in range(4)
    )


def test_edge_table_finds_the_lines_a_view_shows(shown) -> None:  # type: ignore[no-untyped-def]
    view, scene = shown
    _at_full_size(view, scene)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    found = scene.items_model.edge_table.lines_in(visible, visible)
    near = {i.relationship_id for i in found.near}
    passing = {i.relationship_id for i in found.passing}
    want_near, want_passing = _brute_force(scene, visible)
    assert want_near <= near
    assert passing == want_passing
    assert near.isdisjoint(passing)
    assert len(passing) > 50  # a real test: lines do pass through


def test_edge_table_follows_moves_and_deletes(shown) -> None:  # type: ignore[no-untyped-def]
    _view, scene = shown
    table = scene.items_model.edge_table
    system_map = scene.system_map
    node = system_map.stakeholder_ids()[3]
    rel = system_map.relationships_of(node)[0]
    system_map.move_stakeholders({node: (123456.0, 654321.0)})
    far = QRectF(123000, 654000, 1000, 1000)
    assert rel.id in {i.relationship_id for i in table.lines_in(far, far).near}
    system_map.remove_relationship(rel.id)
    assert rel.id not in {i.relationship_id for i in table.lines_in(far, far).near}
    assert len(table) == system_map.relationship_count


def test_patched_overview_matches_a_fresh_picture(shown) -> None:  # type: ignore[no-untyped-def]
    view, scene = shown
    view.clearFocus()  # the frame a focused map wears is not part of the picture compared
    view.fit_map()
    _settle(view)
    assert view.level_of_detail() == "overview"
    system_map = scene.system_map
    ids = system_map.stakeholder_ids()
    centre = view.mapToScene(view.viewport().rect().center())
    system_map.move_stakeholders({ids[5]: (centre.x(), centre.y())})
    patched = _grab(view)  # the edit, patched over the old picture
    _settle(view)  # the picture redrawn in slices
    assert not scene.items_model.overview.picture.redrawing
    settled = _grab(view)
    fresh_scene = MapScene(system_map)
    fresh_view = MapView(fresh_scene)
    fresh_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no focus frame on either picture
    fresh_view.setHorizontalScrollBarPolicy(view.horizontalScrollBarPolicy())  # the same room
    fresh_view.setVerticalScrollBarPolicy(view.verticalScrollBarPolicy())
    fresh_view.resize(view.size())
    fresh_view.show()
    fresh_view.setTransform(view.transform())
    fresh_view.setSceneRect(view.sceneRect())  # the same reach: the fit may be off centre
    fresh_view.horizontalScrollBar().setValue(view.horizontalScrollBar().value())
    fresh_view.verticalScrollBar().setValue(view.verticalScrollBar().value())
    _settle(fresh_view)
    fresh = _grab(fresh_view)
    fresh_scene.close()
    assert _differing(settled, fresh) < 0.002
    assert _differing(patched, fresh) < 0.05  # a few nicks where old lines were cleared
    moved = view.mapFromScene(QPointF(centre.x(), centre.y()))
    now, later = patched.pixelColor(moved), settled.pixelColor(moved)  # the box, in its colour
    assert abs(now.hue() - later.hue()) < 10
    assert abs(now.lightness() - later.lightness()) < 20


def test_lines_passing_a_still_view_come_back_from_their_picture(shown, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from sysmap.canvas import edge_layer, line_drawing

    view, scene = shown
    _at_full_size(view, scene)
    for module in (edge_layer, line_drawing):  # the layer's choice and the drawing's
        monkeypatch.setattr(module, "PASSING_LIMIT", 0)  # every passing line counts as many
    scene.state.moving = True
    moving = _grab(view)  # lines passing through are left out while the view moves
    _settle(view)
    still = _grab(view)  # ... and come back from their picture once it stops
    assert _blocks_differing(moving, still) > 0.2
    monkeypatch.setattr(edge_layer, "CACHE_FROM", 10**9)  # drawn directly, as on small maps
    scene.items_model.edge_layer.update()
    direct = _grab(view)
    assert _blocks_differing(still, direct) < 0.02  # the same lines (antialiased or not)


def test_filing_many_lines_at_once_is_filing_them_one_by_one(qapp) -> None:  # type: ignore[no-untyped-def]
    from sysmap.canvas.sketch import Sketch

    first = (0.0, 0.0, 1.0, 1.0, "#000000", 0)
    records = [(f"r{n}", (float(n), 0.0, 1.0, 2.0, "#112233", 0)) for n in range(300)]
    one, many = Sketch(track=True), Sketch(track=True)
    for sketch in (one, many):
        sketch.set_edge("r7", first)
        sketch.picture_drawn()
    for rel_id, record in records:
        one.set_edge(rel_id, record)
    many.set_edges(iter(records))
    assert list(many.edge_records()) == list(one.edge_records())
    assert many.changed == one.changed
    assert many.changed[(1, "r7")] == first
    assert many.version == one.version
