"""Whole-map overlays for pictures: every silo, every missing link, the brokers, the citizen's
routes (no Qt).

``sysmap export MAP -o map.png --overlay silos`` and the HTML report draw these; the app shows
one finding at a time (:mod:`sysmap.canvas.finding_overlay`). Suggested links the team has
dismissed, or already recorded, are left out as they are in the app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from sysmap.analysis import AnalysisResult
from sysmap.analysis.wording import count, listing
from sysmap.canvas.finding_list import visible_findings
from sysmap.canvas.finding_overlay import (
    HULL_COLOURS,
    MAX_ROUTES,
    MapTies,
    group_colour,
    hull_overlay,
)
from sysmap.canvas.overlay import Overlay, OverlayGroup, OverlayLink, OverlayRoute
from sysmap.model.system_map import SystemMap

TOP_BROKERS = 10
RINGED_BROKERS = 3
MAX_LINKS = 8

THEMES: dict[str, str] = {
    "silos": "every silo as a shaded hull, with the ties that leave it drawn thick",
    "missing-links": "suggested introductions as dashed lines, and recorded gaps",
    "brokers": "brokers sized by betweenness, and single points of failure ringed",
    "citizen": "each citizen's longest route to a service, with boundary crossings",
}
"""The overlays a picture can show, with what each draws."""


def overlay_for_theme(theme: str, result: AnalysisResult, system_map: SystemMap) -> Overlay:
    """The whole-map overlay called ``theme`` (one of :data:`THEMES`).

    Raises
    ------
    KeyError
        If ``theme`` is not one of :data:`THEMES`.
    """
    overlay = _THEMES[theme](result, MapTies(result, system_map))
    if not overlay.emphasised_stakeholders():  # nothing to show: the map as it is, not faded
        return replace(overlay, fade_others=False)
    return overlay


def _silos(result: AnalysisResult, ties: MapTies) -> Overlay:
    findings = visible_findings(result, ties.map)
    silos = [f for f in findings if f.kind == "silo"]
    clusters = [f for f in findings if f.kind == "silo_community"]
    hulls = []
    for position, finding in enumerate(silos):
        group = finding.highlight.groups[0]
        colour = group_colour(ties.map, group, position)
        hulls.append(OverlayGroup(finding.highlight.nodes, f"{group.label} (silo)", colour))
    if silos:
        title = "Silos: " + listing([f.highlight.groups[0].label for f in silos])
    elif clusters:
        for position, finding in enumerate(clusters):
            label = finding.title.removeprefix("A ").capitalize()
            colour = HULL_COLOURS[position % len(HULL_COLOURS)]
            hulls.append(OverlayGroup(finding.highlight.nodes, label, colour))
        title = "No group is a silo; working clusters drawn from one group"
    else:
        return Overlay("No silos: every group mixes at least as much as chance would give")
    return hull_overlay(title, hulls, ties)


def _missing_links(result: AnalysisResult, ties: MapTies) -> Overlay:
    findings = visible_findings(result, ties.map)
    links: list[OverlayLink] = []
    rings: dict[str, str] = {}
    stakeholders: set[str] = set()
    suggested = [f for f in findings if f.kind == "suggested_link"][:MAX_LINKS]
    for rank, finding in enumerate(suggested, start=1):
        source, target = finding.highlight.suggested[0]
        links.append(OverlayLink(source, target, str(rank)))
        stakeholders |= {source, target}
        if finding.introducer:
            rings[finding.introducer] = "introducer"
    gaps = [f for f in findings if f.kind == "known_gap"]
    recorded: set[str] = set()
    for finding in gaps:
        recorded |= set(finding.highlight.edges)
        stakeholders |= set(finding.highlight.nodes)
    for finding in (f for f in findings if f.kind == "separate_part"):
        for a, b in finding.highlight.suggested:
            links.append(OverlayLink(a, b, "join here", HULL_COLOURS[0]))
            stakeholders |= {a, b}
    parts = [count(len(suggested), "suggested introduction")]
    if gaps:
        parts.append(count(len(gaps), "recorded gap"))
    return Overlay(
        "Missing links: " + " and ".join(parts),
        stakeholders=frozenset(stakeholders),
        relationships=frozenset(recorded),
        links=tuple(links),
        rings=rings,
    )


def _brokers(result: AnalysisResult, ties: MapTies) -> Overlay:
    brokers = [b for b in result.brokers[:TOP_BROKERS] if b.betweenness > 0]
    top = max((b.betweenness for b in brokers), default=0.0)
    sizes = {b.id: b.betweenness / top for b in brokers} if top > 0 else {}
    rings = {b.id: "broker" for b in brokers[:RINGED_BROKERS]}
    for point in result.single_points_of_failure:
        rings[point.id] = (
            "broker · single point of failure" if point.id in rings else "single point of failure"
        )
    return Overlay(
        f"Brokers (the {len(sizes)} largest haloed by betweenness) and "
        f"{count(len(result.single_points_of_failure), 'single point')} of failure",
        sizes=sizes,
        rings=rings,
    )


def _citizen(result: AnalysisResult, ties: MapTies) -> Overlay:
    """Each citizen's longest route. A service is tagged "no route" only when no citizen
    reaches it; a citizen who cannot reach some services says so on its own tag (one citizen
    not yet tied to anything used to tag every service "no route")."""
    summaries = result.citizen.summaries
    if not summaries:
        return Overlay("No citizens on the map: mark some with the citizens sector")
    routes: list[OverlayRoute] = []
    rings: dict[str, str] = {}
    badges: dict[str, str] = {}
    nobody = set.intersection(*(set(s.unreachable) for s in summaries))
    for summary in summaries:
        rings[summary.citizen] = _citizen_caption(summary.reachable, len(summary.unreachable))
        if summary.farthest is None or len(routes) >= MAX_ROUTES:
            continue
        route = ties.route(summary.citizen, summary.farthest)
        if route is not None:
            routes.append(route)
            badges[summary.farthest] = count(summary.farthest_steps, "step")
    badges.update(dict.fromkeys(sorted(nobody), NO_ROUTE))
    along: set[str] = set()
    for route in routes:
        along |= ties.route_relationships(route)
    alone = sum(1 for s in summaries if s.reachable == 0)
    title = "The citizen's view: each citizen's longest route to a service"
    if alone:
        title += f"; {count(alone, 'citizen')} with no working tie to any service"
    return Overlay(
        title,
        relationships=frozenset(along),
        rings=rings,
        badges=badges,
        routes=tuple(routes),
    )


NO_ROUTE = "no route"


def _citizen_caption(reached: int, missed: int) -> str:
    if not missed:
        return "citizen"
    if not reached:
        return "citizen · reaches no service"
    return f"citizen · {missed} out of reach"


_THEMES: dict[str, Callable[[AnalysisResult, MapTies], Overlay]] = {
    "silos": _silos,
    "missing-links": _missing_links,
    "brokers": _brokers,
    "citizen": _citizen,
}
