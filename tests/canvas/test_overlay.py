"""Overlays highlight and fade, draw hulls, suggested links, rings and badges; not edits."""

from __future__ import annotations

from pathlib import Path

from sysmap.canvas.overlay import Overlay, OverlayGroup, OverlayLink
from sysmap.canvas.overlay_items import BadgeItem, HullItem, RingItem, SuggestedLinkItem
from sysmap.canvas.scene import MapScene
from sysmap.canvas.view import MapView
from sysmap.model import SystemMap

SILO = Overlay(
    "Local public services is a silo",
    stakeholders=frozenset({"probation-service-greater-manchester", "reducing-reoffending-board"}),
    links=(OverlayLink("shelter", "probation-service-greater-manchester", "share 2 partners"),),
    groups=(
        OverlayGroup(
            ("probation-service-greater-manchester", "reducing-reoffending-board"), "Local services"
        ),
    ),
    rings={"person-leaving-prison": "broker"},
    badges={"shelter": "2 steps", "not-on-the-map": "ignored"},
)


def test_overlay_highlights_and_fades(scene: MapScene) -> None:
    scene.set_overlay(SILO)
    state = scene.state
    assert state.stakeholder_emphasis("probation-service-greater-manchester") == 1
    assert state.stakeholder_emphasis("shelter") == 1  # end of a suggested link, badged
    assert state.stakeholder_emphasis("private-landlords") == -1
    between = "probation-service-greater-manchester-part_of-reducing-reoffending-board"
    assert state.relationship_emphasis(between, *between_ends(scene, between)) == 0
    other = "private-landlords-houses-person-leaving-prison"
    assert state.relationship_emphasis(other, *between_ends(scene, other)) == -1


def between_ends(scene: MapScene, rel_id: str) -> tuple[str, str]:
    item = scene.item_for_relationship(rel_id)
    return item.source_id, item.target_id


def test_overlay_marks_follow_their_stakeholders(scene: MapScene, system_map: SystemMap) -> None:
    scene.set_overlay(SILO)
    marks = scene.decorations()
    kinds = sorted(type(m).__name__ for m in marks)
    assert kinds == sorted(
        [HullItem.__name__, SuggestedLinkItem.__name__, RingItem.__name__, BadgeItem.__name__]
    )
    hull = next(m for m in marks if isinstance(m, HullItem))
    board = scene.item_for_stakeholder("reducing-reoffending-board")
    assert hull.path().contains(board.scenePos())
    system_map.move_stakeholders({"reducing-reoffending-board": (0.0, 900.0)})
    assert hull.path().contains(board.scenePos())


def test_overlay_is_not_an_edit(scene: MapScene, system_map: SystemMap) -> None:
    events = []
    system_map.events.subscribe(events.append)
    snapshot = system_map.copy()
    scene.set_overlay(SILO)
    scene.set_overlay(None)
    assert events == []
    assert system_map == snapshot
    assert scene.decorations() == []
    assert scene.state.stakeholder_emphasis("private-landlords") == 0
    assert scene.legend().overlay == ""


def test_overlay_in_legend_and_picture(
    qapp, tmp_path: Path, view: MapView, scene: MapScene
) -> None:
    scene.set_overlay(SILO)
    assert scene.legend().overlay == "Local public services is a silo"
    from sysmap.canvas.export import export_scene

    svg = export_scene(scene, tmp_path / "overlay.svg").read_text(encoding="utf-8")
    for text in ("share 2 partners", "broker", "2 steps", "Local services"):
        assert text in svg
