"""The scene follows the map's change events, one item at a time, and never edits the map."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, Qt

from sysmap.canvas.relationship_item import RelationshipItem
from sysmap.canvas.scene import MapScene
from sysmap.canvas.stakeholder_item import StakeholderItem
from sysmap.model import Relationship, Stakeholder, SystemMap
from sysmap.model.style import STATUS_STYLES


def _items(scene: MapScene) -> tuple[int, int]:
    nodes = sum(isinstance(i, StakeholderItem) for i in scene.items())
    rels = sum(isinstance(i, RelationshipItem) for i in scene.items())
    return nodes, rels


def test_scene_has_an_item_per_stakeholder_and_relationship(
    scene: MapScene, system_map: SystemMap
) -> None:
    assert _items(scene) == (system_map.stakeholder_count, system_map.relationship_count)
    for s in system_map.stakeholders():
        item = scene.item_for_stakeholder(s.id)
        assert item is not None
        assert (item.pos().x(), item.pos().y()) == (s.x, s.y)
        assert item.label == s.label


def test_add_change_move_remove_update_single_items(scene: MapScene, system_map: SystemMap) -> None:
    before = {i: scene.item_for_stakeholder(i) for i in system_map.stakeholder_ids()}
    new = system_map.add_stakeholder(Stakeholder("Jobcentre Plus", sector="central_government"))
    item = scene.item_for_stakeholder(new.id)
    assert item is not None
    assert item.fill_colour == "#0072B2"
    # No rebuild: the other items are the very same objects.
    assert all(scene.item_for_stakeholder(i) is it for i, it in before.items())

    system_map.update_stakeholder(new.id, sector="third_sector", label="Jobcentre Plus – Wigan")
    assert item.fill_colour == "#009E73"
    assert item.label_lines() == ["Jobcentre Plus –", "Wigan"]

    system_map.move_stakeholders({new.id: (500.0, -250.0), "shelter": (700.0, 350.0)})
    assert (item.pos().x(), item.pos().y()) == (500.0, -250.0)
    assert scene.item_for_stakeholder("shelter").pos() == QPointF(700.0, 350.0)

    system_map.remove_stakeholder(new.id)
    assert scene.item_for_stakeholder(new.id) is None
    assert item.scene() is None


def test_relationships_follow_their_stakeholders(scene: MapScene, system_map: SystemMap) -> None:
    rel = system_map.add_relationship(Relationship("shelter", "private-landlords", "refers"))
    item = scene.item_for_relationship(rel.id)
    assert item is not None
    old_end = item.path().pointAtPercent(1.0)
    system_map.move_stakeholders({"private-landlords": (960.0, 600.0)})
    new_end = item.path().pointAtPercent(1.0)
    assert new_end.y() > old_end.y() + 200
    # The line ends on the target's border, not at its centre.
    target = scene.item_for_stakeholder("private-landlords")
    assert not target.box_rect().translated(target.pos()).adjusted(2, 2, -2, -2).contains(new_end)
    assert target.box_rect().translated(target.pos()).adjusted(-14, -14, 14, 14).contains(new_end)

    system_map.remove_relationship(rel.id)
    assert scene.item_for_relationship(rel.id) is None
    # Removing a stakeholder removes its relationships' items first.
    probation = "probation-service-greater-manchester"
    rel_ids = [r.id for r in system_map.relationships_of(probation)]
    system_map.remove_stakeholder(probation)
    assert all(scene.item_for_relationship(r) is None for r in rel_ids)
    assert _items(scene) == (system_map.stakeholder_count, system_map.relationship_count)


def test_parallel_relationships_are_drawn_apart(scene: MapScene, system_map: SystemMap) -> None:
    a, b = "hm-prison-and-probation-service", "probation-service-greater-manchester"
    pair = system_map.relationships_between(a, b)
    assert len(pair) == 3
    middles = [scene.item_for_relationship(r.id).path().pointAtPercent(0.5) for r in pair]
    for i, m1 in enumerate(middles):
        for m2 in middles[i + 1 :]:
            assert math.dist((m1.x(), m1.y()), (m2.x(), m2.y())) > 15
    # Removing one re-spreads the other two, one each side of the straight line.
    system_map.remove_relationship(pair[1].id)
    pa, pb = scene.item_for_stakeholder(a).pos(), scene.item_for_stakeholder(b).pos()

    def side(rel_id: str) -> float:
        m = scene.item_for_relationship(rel_id).path().pointAtPercent(0.5)
        return (pb.x() - pa.x()) * (m.y() - pa.y()) - (pb.y() - pa.y()) * (m.x() - pa.x())

    sides = [side(pair[0].id), side(pair[2].id)]
    assert sides[0] * sides[1] < 0
    assert abs(abs(sides[0]) - abs(sides[1])) < 0.05 * abs(sides[0])  # arrows trim one end


def test_status_styles_and_arrows(scene: MapScene, system_map: SystemMap) -> None:
    by_status = {}
    for rel in system_map.relationships():
        item = scene.item_for_relationship(rel.id)
        by_status[rel.status] = item
        assert item.pen().color().name().upper() == STATUS_STYLES[rel.status].colour
    assert by_status["weak"].pen().style() == Qt.PenStyle.CustomDashLine  # round dots
    assert by_status["weak"].pen().capStyle() == Qt.PenCapStyle.RoundCap
    assert by_status["missing"].pen().style() == Qt.PenStyle.DashLine
    # Proposed differs from missing by its pattern too, not by colour alone.
    assert by_status["proposed"].pen().style() == Qt.PenStyle.DashDotLine
    assert by_status["active"].pen().style() == Qt.PenStyle.SolidLine
    # "partners" is mutual: no arrow; "funds" runs one way.
    rel = system_map.add_relationship(Relationship("shelter", "private-landlords", "partners"))
    assert not scene.item_for_relationship(rel.id).directed
    assert scene.item_for_relationship("reducing-reoffending-board-funds-shelter").directed

    system_map.update_relationship(rel.id, status="missing")
    assert scene.item_for_relationship(rel.id).pen().style() == Qt.PenStyle.DashLine


def test_shapes_follow_kind(scene: MapScene) -> None:
    assert scene.item_for_stakeholder("person-leaving-prison").shape_name == "ellipse"
    assert scene.item_for_stakeholder("reducing-reoffending-board").shape_name == "hexagon"
    probation = scene.item_for_stakeholder("probation-service-greater-manchester")
    assert probation.shape_name == "roundrectangle"
    assert scene.item_for_stakeholder("shelter").pinned


def test_set_map_swaps_and_stops_listening(scene: MapScene, system_map: SystemMap) -> None:
    other = SystemMap("Another")
    other.add_stakeholder(Stakeholder("Only one"))
    scene.set_map(other)
    assert _items(scene) == (1, 0)
    system_map.add_stakeholder(Stakeholder("Not shown"))
    assert _items(scene) == (1, 0)


def test_items_never_change_the_map(scene: MapScene, system_map: SystemMap) -> None:
    snapshot = system_map.copy()
    item = scene.item_for_stakeholder("shelter")
    item.setPos(QPointF(5000, 5000))  # what a drag does to the item
    scene.colour_by("place")
    scene.select(["shelter"], [])
    assert system_map == snapshot
    scene.sync_positions(["shelter"])
    assert item.pos() == QPointF(660, 300)
