"""Findings become overlays: hulls for silos, both groups for gaps, dashed suggested links with
their introducer, sized brokers, ringed single points of failure, citizens' routes with their
boundary crossings; and the route and halo marks follow their stakeholders."""

from __future__ import annotations

import pytest

from sysmap.analysis import AnalysisResult, Finding, analyse
from sysmap.canvas.finding_list import visible_findings
from sysmap.canvas.finding_overlay import MapTies, overlay_for_finding, readable
from sysmap.canvas.overlay import Overlay, OverlayRoute
from sysmap.canvas.overlay_routes import CrossingTags, HaloItem, RouteItem
from sysmap.canvas.overlay_themes import THEMES, overlay_for_theme
from sysmap.canvas.scene import MapScene
from sysmap.model import SystemMap
from sysmap.workspace import open_map


@pytest.fixture(scope="module")
def reoffending() -> tuple[SystemMap, AnalysisResult]:
    system_map = open_map("reoffending").map
    return system_map, analyse(system_map, permutations=199)


@pytest.fixture(scope="module")
def addiction() -> tuple[SystemMap, AnalysisResult]:
    system_map = open_map("addiction").map
    # Blackpool is the map's home, never a silo; seen from Lancashire it is one.
    system_map.set_metadata("focus_place", "Lancashire")
    return system_map, analyse(system_map, permutations=199)


def first(result: AnalysisResult, system_map: SystemMap, kind: str) -> Finding:
    return next(f for f in visible_findings(result, system_map) if f.kind == kind)


def test_a_silo_is_a_hull_with_its_outside_ties_thick(addiction) -> None:
    system_map, result = addiction
    finding = first(result, system_map, "silo")
    overlay = overlay_for_finding(finding, result, system_map)
    members = set(finding.highlight.nodes)
    (hull,) = overlay.groups
    assert set(hull.stakeholder_ids) == members
    assert finding.highlight.groups[0].label in hull.label
    # Every thick line leaves the silo; every line inside it is drawn as usual.
    silo = result.silos[0]
    assert len(overlay.relationships) >= silo.external
    for rid in overlay.relationships:
        rel = system_map.relationship(rid)
        assert (rel.source in members) != (rel.target in members)
    for rid in overlay.context:
        rel = system_map.relationship(rid)
        assert rel.source in members
        assert rel.target in members
    assert len(overlay.context) >= silo.internal
    assert members <= overlay.stakeholders


def test_a_group_gap_shows_both_groups(reoffending) -> None:
    system_map, result = reoffending
    finding = next(
        f
        for f in visible_findings(result, system_map)
        if f.kind == "group_gap" and f.highlight.groups[0].attribute == "sector"
    )
    overlay = overlay_for_finding(finding, result, system_map)
    a, b = finding.highlight.groups
    assert [g.label for g in overlay.groups] == [a.label, b.label]
    sectors = [
        {system_map.stakeholder(i).sector for i in g.stakeholder_ids} for g in overlay.groups
    ]
    assert sectors == [{a.value}, {b.value}]
    assert overlay.groups[0].colour != overlay.groups[1].colour
    # The few ties the two groups do have are the ones drawn thick.
    assert len(overlay.relationships) == finding.numbers["observed"]


def test_a_suggested_link_is_dashed_with_its_introducer_ringed(reoffending) -> None:
    system_map, result = reoffending
    finding = first(result, system_map, "suggested_link")
    overlay = overlay_for_finding(finding, result, system_map)
    (link,) = overlay.links
    assert (link.source, link.target) == finding.highlight.suggested[0]
    assert dict(overlay.rings) == {finding.introducer: "introducer"}
    # The two relationships through the introducer are the route the introduction takes.
    ends = {frozenset(system_map.relationship(r).ends) for r in overlay.relationships}
    assert ends == {
        frozenset((link.source, finding.introducer)),
        frozenset((finding.introducer, link.target)),
    }


def test_brokers_and_points_of_failure_are_sized_and_ringed(reoffending) -> None:
    system_map, result = reoffending
    broker = first(result, system_map, "broker")
    overlay = overlay_for_finding(broker, result, system_map)
    node = broker.highlight.nodes[0]
    assert overlay.rings == {node: "broker"}
    assert 0 < overlay.sizes[node] <= 1
    point = first(result, system_map, "point_of_failure")
    overlay = overlay_for_finding(point, result, system_map)
    node, separated = point.highlight.nodes[0], point.highlight.nodes[1:]
    assert overlay.rings == {node: "single point of failure"}
    assert set(overlay.groups[0].stakeholder_ids) == set(separated)
    worst = max(p.cut_off for p in result.single_points_of_failure)
    assert overlay.sizes[node] == pytest.approx(point.numbers["cut_off"] / worst)


def test_a_citizen_route_marks_its_boundary_crossings(reoffending) -> None:
    system_map, result = reoffending
    finding = first(result, system_map, "citizen_single_route")
    overlay = overlay_for_finding(finding, result, system_map)
    assert overlay.routes
    citizen = finding.highlight.nodes[0]
    for route in overlay.routes:
        assert route.stakeholder_ids[0] == citizen
        ids = route.stakeholder_ids
        for step, what in route.crossings:
            a, b = system_map.stakeholder(ids[step]), system_map.stakeholder(ids[step + 1])
            crossed = [x for x in ("sector", "place") if getattr(a, x) != getattr(b, x)]
            assert what == " + ".join(crossed)
        # Steps without a tag stay inside one sector and place.
        tagged = {s for s, _ in route.crossings}
        for step in set(range(len(ids) - 1)) - tagged:
            a, b = system_map.stakeholder(ids[step]), system_map.stakeholder(ids[step + 1])
            assert (a.sector, a.place) == (b.sector, b.place) or not (a.place and b.place)
    assert overlay.rings[citizen] == "citizen"


def test_every_finding_of_every_example_has_an_overlay(reoffending, addiction) -> None:
    for system_map, result in (reoffending, addiction):
        ties = MapTies(result, system_map)
        for finding in visible_findings(result, system_map):
            overlay = overlay_for_finding(finding, result, system_map)
            assert overlay.title == finding.title
            shown = overlay.emphasised_stakeholders()
            assert shown, finding.title
            assert shown <= set(ties.ties.nodes)


@pytest.mark.parametrize("theme", list(THEMES))
def test_themes_draw_something_real(reoffending, theme: str) -> None:
    system_map, result = reoffending
    overlay = overlay_for_theme(theme, result, system_map)
    assert overlay.title
    assert overlay.emphasised_stakeholders() <= set(system_map.graph.nodes)
    if theme == "missing-links":
        assert len(overlay.links) >= 3
    if theme == "brokers":
        assert result.brokers[0].id in overlay.sizes
        assert {p.id for p in result.single_points_of_failure} <= set(overlay.rings)
    if theme == "citizen":
        assert set(result.citizen.citizens) <= set(overlay.rings)
        assert overlay.routes
    if theme == "silos":
        assert overlay.groups  # no silo here, so the one-group working cluster is drawn


def test_dismissed_and_recorded_links_are_not_shown(reoffending) -> None:
    system_map, result = reoffending
    system_map = system_map.copy()
    links = [f for f in visible_findings(result, system_map) if f.kind == "suggested_link"]
    source, target = links[0].highlight.suggested[0]
    system_map.set_metadata("dismissed_links", f'[["{target}", "{source}"]]')
    shown = [f for f in visible_findings(result, system_map) if f.kind == "suggested_link"]
    assert links[0] not in shown
    assert len(shown) == len(links) - 1
    from sysmap.model import Relationship

    s2, t2 = links[1].highlight.suggested[0]
    system_map.add_relationship(Relationship(s2, t2, "partners", status="proposed"))
    shown = [f for f in visible_findings(result, system_map) if f.kind == "suggested_link"]
    assert links[1] not in shown
    assert len(shown) == len(links) - 2


def test_pale_group_colours_are_darkened_for_text() -> None:
    assert readable("#F0E442") != "#F0E442"
    assert readable("#0072B2") == "#0072B2"


# ---------------------------------------------------------------------- the marks on a scene
def test_routes_and_halos_follow_their_stakeholders(scene: MapScene, system_map) -> None:
    ids = ["hm-prison-and-probation-service", "probation-service-greater-manchester"]
    ids.append("person-leaving-prison")
    overlay = Overlay(
        "Route",
        routes=(OverlayRoute(tuple(ids), ((0, "sector"), (1, "sector + place"))),),
        sizes={"shelter": 1.0, "private-landlords": 0.0},
    )
    scene.set_overlay(overlay)
    marks = scene.decorations()
    band = next(m for m in marks if isinstance(m, RouteItem))
    tags = next(m for m in marks if isinstance(m, CrossingTags))
    halos = {m.members[0].stakeholder_id: m for m in marks if isinstance(m, HaloItem)}
    assert halos["shelter"].radius() > halos["private-landlords"].radius()
    assert [text for _, text in tags.tags()] == ["sector", "sector + place"]
    leaver = scene.item_for_stakeholder("person-leaving-prison")
    assert band.band().currentPosition() == leaver.pos()
    system_map.move_stakeholders({"person-leaving-prison": (640.0, 600.0)})
    assert band.band().currentPosition() == leaver.pos()
    assert tags.tags()[1][0].center().y() > 200  # the tag moved with the step
    assert scene.state.stakeholder_emphasis("person-leaving-prison") == 1
    assert scene.state.stakeholder_emphasis("shelter") == 1
    scene.set_overlay(None)
    assert scene.decorations() == []


def test_shared_steps_are_tagged_once(scene: MapScene) -> None:
    a, b, c = "hm-prison-and-probation-service", "probation-service-greater-manchester", "shelter"
    routes = (
        OverlayRoute((a, b, "person-leaving-prison"), ((0, "sector"),)),
        OverlayRoute((a, b, c), ((0, "sector"), (1, "place"))),
    )
    scene.set_overlay(Overlay("Routes", routes=routes))
    tags = next(m for m in scene.decorations() if isinstance(m, CrossingTags))
    assert sorted(text for _, text in tags.tags()) == ["place", "sector"]


def test_context_relationships_are_neither_thick_nor_faded(scene: MapScene) -> None:
    inside = "probation-service-greater-manchester-part_of-reducing-reoffending-board"
    outside = "probation-service-greater-manchester-supervises-person-leaving-prison"
    scene.set_overlay(
        Overlay("Silo", relationships=frozenset({outside}), context=frozenset({inside}))
    )
    state = scene.state
    ends = scene.item_for_relationship(inside)
    assert state.relationship_emphasis(inside, ends.source_id, ends.target_id) == 0
    ends = scene.item_for_relationship(outside)
    assert state.relationship_emphasis(outside, ends.source_id, ends.target_id) == 1
