"""A drag's steps route lines with single bends only; a pause or the drop routes them in full
(issue 13): the two-waypoint search is not run per step, the dragged stakeholder's own lines
follow every step, and after the drop or a rest the canvas draws what a fresh one draws."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from sysmap.canvas.export import render_image
from sysmap.canvas.overlay import Overlay, OverlayLink
from sysmap.canvas.overlay_items import SuggestedLinkItem
from sysmap.canvas.scene import MapScene
from sysmap.canvas.scene_input import NUDGE
from sysmap.canvas.view import MapView
from sysmap.layout import routes, waypoint_routes
from sysmap.model import Relationship, Stakeholder, SystemMap
from tests.canvas.conftest import _send, view_point
from tests.canvas.test_line_routes import MAPS, _laid_out
from tests.layout.test_waypoint_routes import SLALOM

LEFT, NONE = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
TABLE_LINE = "s0-partners-s1"
"""Drawn through two waypoints across the table (no single bend clears it)."""
OWN_LINE = "s2-funds-s5"
"""A line of the dragged stakeholder, along its row."""


def _table() -> SystemMap:
    m = SystemMap("Table")
    for number, (x, y) in enumerate(SLALOM):
        m.add_stakeholder(Stakeholder(f"Stakeholder {number}", id=f"s{number}", x=x, y=y))
    m.add_relationship(Relationship("s0", "s1", "partners", directed=True))
    m.add_relationship(Relationship("s2", "s5", "funds"))
    return m


@pytest.fixture
def system_map() -> SystemMap:
    return _table()


@pytest.fixture
def searches(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many lines each call of the two-waypoint search was given, call by call."""
    calls: list[int] = []
    search: Callable[..., Any] = waypoint_routes.route_waypoints

    def counted(*args: Any) -> Any:
        calls.append(len(args[1]))
        return search(*args)

    monkeypatch.setattr(routes, "route_waypoints", counted)
    return calls


Bends = dict[str, tuple[float, ...] | None]


def _bends(scene: MapScene) -> Bends:
    return {rel: item.bend for rel, item in scene.items_model.relationships.items()}


def _fresh_bends(system_map: SystemMap, moved: dict[str, tuple[float, float]]) -> Bends:
    other = system_map.copy()
    other.move_stakeholders(moved)
    fresh = MapScene(other)
    try:
        return _bends(fresh)
    finally:
        fresh.close()


def _press_and_move(
    view: MapView,
    start: QPointF,
    offsets: list[QPointF],
    press: bool = True,
    each: Callable[[], None] = lambda: None,
) -> QPoint:
    """Press on ``start`` (unless ``press`` is False: the button is held already) and move
    by each offset in turn with the button held (scene pixels; the view is at 100 %),
    calling ``each`` after each step; return where the pointer is."""
    viewport = view.viewport()
    at = view_point(view, start)
    if press:
        _send(viewport, QEvent.Type.MouseButtonPress, at, LEFT, LEFT)
    for offset in offsets:
        at = view_point(view, start + offset)
        _send(viewport, QEvent.Type.MouseMove, at, NONE, LEFT)
        each()
    return at


def _release(view: MapView, at: QPoint) -> None:
    _send(view.viewport(), QEvent.Type.MouseButtonRelease, at, LEFT, NONE)


def test_drag_steps_skip_the_waypoint_search_and_the_drop_routes_in_full(
    qtbot: QtBot, view: MapView, scene: MapScene, system_map: SystemMap, searches: list[int]
) -> None:
    items = scene.items_model
    assert len(items.relationships[TABLE_LINE].bend or ()) == 4  # two waypoints to start
    searches.clear()
    moved: list[tuple[float, float]] = []
    own_ends: list[tuple[float, float]] = []

    def step() -> None:
        pos = items.stakeholders["s2"].pos()
        start = items.relationships[OWN_LINE].path().elementAt(0)
        moved.append((pos.x(), pos.y()))
        own_ends.append((start.x, start.y))

    steps = [QPointF(2.0 * i, -1.0 * i) for i in range(1, 9)]
    at = _press_and_move(view, QPointF(150, 152), steps, each=step)
    assert searches == []  # eight steps near the table's line: no two-waypoint search
    assert TABLE_LINE in items.router.rough_lines()
    assert len(items.relationships[TABLE_LINE].bend or ()) == 2  # meanwhile a single bend
    # The dragged stakeholder moved every step and its own line followed it each time.
    assert len(set(moved)) == len(set(own_ends)) == len(steps)
    with qtbot.waitSignal(scene.stakeholders_moved) as dropped:
        _release(view, at)
    assert searches  # the drop routes the table's line in full, before the move's undo step
    assert items.router.rough_lines() == set()
    new = dropped.args[1]
    assert new["s2"] == (150.0 + 16, 152.0 - 8)
    assert _bends(scene) == _fresh_bends(system_map, new)
    assert len(items.relationships[TABLE_LINE].bend or ()) == 4
    # The move becoming a map edit (as the undo stack does it) and its undo keep full routes.
    system_map.move_stakeholders(new)
    assert _bends(scene) == _fresh_bends(system_map, {})
    system_map.move_stakeholders(dropped.args[0])
    assert _bends(scene) == _fresh_bends(system_map, {})


def test_a_drag_resting_gets_full_routes_before_the_drop(
    qtbot: QtBot, view: MapView, scene: MapScene, system_map: SystemMap, searches: list[int]
) -> None:
    items = scene.items_model
    steps = [QPointF(3.0 * i, 0.0) for i in range(1, 5)]
    _press_and_move(view, QPointF(150, 152), steps)
    assert TABLE_LINE in items.router.rough_lines()
    qtbot.waitUntil(lambda: not items.router.rough_lines(), timeout=5000)
    assert searches  # the pause ran the full search, the button still held
    assert not items.drag.dragging  # and ended the rough mode: no later edit is rough
    assert _bends(scene) == _fresh_bends(system_map, {"s2": (162.0, 152.0)})
    assert len(items.relationships[TABLE_LINE].bend or ()) == 4
    searches.clear()
    # The drag goes on: rough again.
    at = _press_and_move(view, QPointF(150, 152), [QPointF(12.0, 4.0)], press=False)
    assert searches == []
    assert TABLE_LINE in items.router.rough_lines()
    _release(view, at)
    assert items.router.rough_lines() == set()
    assert _bends(scene) == _fresh_bends(system_map, {"s2": (162.0, 156.0)})


def test_a_held_arrow_key_moves_roughly_and_its_release_or_a_picture_settles(
    qtbot: QtBot, view: MapView, scene: MapScene, system_map: SystemMap, searches: list[int]
) -> None:
    items = scene.items_model
    # As the window does: each nudge is a map edit (merged into one undo step).
    scene.stakeholders_nudged.connect(lambda _old, new: system_map.move_stakeholders(new))
    scene.select(["s2"], [])
    view.setFocus()
    searches.clear()
    for _ in range(3):  # held down: presses repeat, no release between them
        QTest.keyPress(view.viewport(), Qt.Key.Key_Right)
    assert system_map.graph.nodes["s2"]["x"] == 150.0 + 3 * NUDGE
    assert searches == []
    assert TABLE_LINE in items.router.rough_lines()
    render_image(scene, 300)  # a picture taken meanwhile shows full routes
    assert items.router.rough_lines() == set()
    assert _bends(scene) == _fresh_bends(system_map, {})
    QTest.keyPress(view.viewport(), Qt.Key.Key_Down)
    assert TABLE_LINE in items.router.rough_lines()
    QTest.keyRelease(view.viewport(), Qt.Key.Key_Down)
    assert items.router.rough_lines() == set()
    assert _bends(scene) == _fresh_bends(system_map, {})


def test_a_suggested_link_across_the_table_settles_with_the_drop(
    qtbot: QtBot, view: MapView, scene: MapScene, system_map: SystemMap, searches: list[int]
) -> None:
    scene.set_overlay(Overlay("Suggestions", links=(OverlayLink("s0", "s1", "1"),)))
    [link] = [mark for mark in scene.decorations() if isinstance(mark, SuggestedLinkItem)]
    before = link._curve
    assert len(before or ()) == 2  # as the line: through two waypoints, two quadratics
    searches.clear()
    at = _press_and_move(view, QPointF(150, 152), [QPointF(2.0 * i, 0.0) for i in range(1, 5)])
    assert searches == []  # the mark follows each step roughly, too
    assert len(link._curve or ()) == 1  # meanwhile one bend
    _release(view, at)
    assert link._curve == before  # s2 moved along its row: the same two waypoints


def test_drags_through_a_crowd_end_as_a_fresh_canvas_draws(qapp: object) -> None:
    system_map = _laid_out(MAPS["dense-cluster"](), "place")
    scene = MapScene(system_map)
    items = scene.items_model
    rough_seen = 0
    try:
        for node_id in list(items.stakeholders)[:12:3]:  # four of the core, lines everywhere
            item = items.stakeholders[node_id]
            start = item.pos()
            for i in range(1, 7):
                items.drag.begin()  # as each mouse move of a drag does
                item.setPos(start + QPointF(15.0 * i, -10.0 * i))
                rough_seen += len(items.router.rough_lines())
            items.drag.end()
            assert items.router.rough_lines() == set()
            where = (item.pos().x(), item.pos().y())
            system_map.move_stakeholders({node_id: where})  # the drop's undo step
            assert _bends(scene) == _fresh_bends(system_map, {})
    finally:
        scene.close()
    assert rough_seen  # the crowd left lines rough mid-drag: the drops had work to do
