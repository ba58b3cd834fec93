"""What "show me" draws for a finding: an :class:`~sysmap.canvas.overlay.Overlay` (no Qt).

Each kind of finding has its picture: a silo is a shaded hull round its members with the ties
that leave it drawn thick; a gap between groups shows both groups; a suggested link is a dashed
line with the contact who could introduce them ringed; brokers and single points of failure
are ringed and haloed by how much rests on them; a citizen's route is drawn with its sector and
place crossings marked. The same function serves the app, ``sysmap export --overlay`` and the
HTML report, so all three show the same thing.

One piece (just over 400 lines): one small function per kind of finding, each turning a
finding into an overlay with the same few helpers.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence

import numpy as np

from sysmap.analysis import AnalysisResult, Finding, GroupRef, TieGraph
from sysmap.analysis.grouping import value_text
from sysmap.analysis.ties import Scenario
from sysmap.analysis.wording import count as counted
from sysmap.canvas.overlay import Overlay, OverlayGroup, OverlayLink, OverlayRoute
from sysmap.model.system_map import SystemMap
from sysmap.model.vocab import OKABE_ITO

MAX_ROUTES = 5
"""Routes drawn for one finding (more would hide the map)."""


class MapTies:
    """The ties an analysis counted, with the look-ups overlays need.

    Uses the tie graph the analysis built (so the scenario matches), or builds one.
    """

    def __init__(self, result: AnalysisResult, system_map: SystemMap) -> None:
        view = result.citizen.view
        scenario: Scenario = "to-be" if result.map.scenario == "to-be" else "as-is"
        self.ties = view.ties if view is not None else TieGraph.from_map(system_map, scenario)
        self.result = result
        self.map = system_map

    def members(self, group: GroupRef) -> tuple[str, ...]:
        """Stakeholders whose ``group.attribute`` is ``group.value``."""
        ties = self.ties
        return tuple(
            ties.nodes[i]
            for i, data in enumerate(ties.data)
            if value_text(data.get(group.attribute)) == group.value
        )

    def boundary(self, members: Iterable[str]) -> tuple[set[str], set[str], set[str]]:
        """Relationships leaving a set of stakeholders, those inside it, and the outsiders."""
        ties = self.ties
        inside_mask = self._mask(members)
        a, b = inside_mask[ties.source], inside_mask[ties.target]
        outside: set[str] = set()
        inside: set[str] = set()
        for row in np.flatnonzero(a & b).tolist():
            inside.update(ties.relationships[row])
        leaving = np.flatnonzero(a ^ b)
        for row in leaving.tolist():
            outside.update(ties.relationships[row])
        ends = np.where(a[leaving], ties.target[leaving], ties.source[leaving])
        partners = {ties.nodes[i] for i in ends.tolist()}
        return outside, inside, partners

    def _mask(self, members: Iterable[str]) -> np.ndarray:
        mask = np.zeros(self.ties.n, dtype=bool)
        mask[[self.ties.index[m] for m in members if m in self.ties.index]] = True
        return mask

    def across(self, side_a: Iterable[str], side_b: Iterable[str]) -> set[str]:
        """Relationships tying a stakeholder of one side to one of the other."""
        ties = self.ties
        a, b = self._mask(side_a), self._mask(side_b)
        rows = (a[ties.source] & b[ties.target]) | (b[ties.source] & a[ties.target])
        return {rid for row in np.flatnonzero(rows).tolist() for rid in ties.relationships[row]}

    def between(self, a: str, b: str) -> tuple[str, ...]:
        """Relationships making up the tie between two stakeholders (none if untied)."""
        index = self.ties.index
        if a not in index or b not in index:
            return ()
        return self.ties.relationships_between(index[a], index[b])

    def of(self, node: str) -> tuple[set[str], set[str]]:
        """A stakeholder's tie relationships and the stakeholders at their other ends."""
        outside, _inside, partners = self.boundary((node,))
        return outside, partners

    def route(self, citizen: str, service: str) -> OverlayRoute | None:
        """The analysis's route from a citizen to a service, with its boundary crossings."""
        view = self.result.citizen.view
        citizens, services = self.result.citizen.citizens, self.result.citizen.services
        if view is None or citizen not in citizens or service not in services:
            return None
        path = view.route(citizens.index(citizen), services.index(service))
        if len(path) < 2:
            return None
        crossings = []
        for step, (p, q) in enumerate(itertools.pairwise(path)):
            crossed = [a for a in ("sector", "place") if _differs(self.ties, a, p, q)]
            if crossed:
                crossings.append((step, " + ".join(crossed)))
        ids = tuple(self.ties.nodes[i] for i in path)
        label = f"{self.result.label(citizen)} → {self.result.label(service)}"
        return OverlayRoute(ids, tuple(crossings), label)

    def route_relationships(self, route: OverlayRoute) -> set[str]:
        """The relationships a route runs along."""
        ids = route.stakeholder_ids
        found: set[str] = set()
        for a, b in itertools.pairwise(ids):
            found.update(self.between(a, b))
        return found


def _differs(ties: TieGraph, attribute: str, p: int, q: int) -> bool:
    a, b = value_text(ties.data[p].get(attribute)), value_text(ties.data[q].get(attribute))
    return a is not None and b is not None and a != b


# ---------------------------------------------------------------------- colours
def group_colour(system_map: SystemMap, group: GroupRef, fallback: int = 0) -> str:
    """A hull colour for a group: its sector or place colour, darkened if too pale to read."""
    names = {"sector": "sectors", "place": "places"}
    colour = None
    if group.attribute in names:
        term = system_map.vocabulary(names[group.attribute]).get(group.value)
        colour = term.colour if term is not None else None
    return readable(colour or HULL_COLOURS[fallback % len(HULL_COLOURS)])


HULL_COLOURS = ("#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
"""Okabe–Ito colours that read on white, for hulls with no colour of their own."""
assert set(HULL_COLOURS) <= set(OKABE_ITO)


def readable(colour: str) -> str:
    """Darken a pale colour so text and outlines in it read on white paper.

    Examples
    --------
    >>> readable("#F0E442"), readable("#0072B2")
    ('#908928', '#0072B2')
    """
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    if 0.2126 * r + 0.7152 * g + 0.0722 * b < 160:
        return colour
    return "#{:02X}{:02X}{:02X}".format(*(round(c * 0.6) for c in (r, g, b)))


# ---------------------------------------------------------------------- per finding
Builder = Callable[[Finding, MapTies], Overlay]


def overlay_for_finding(finding: Finding, result: AnalysisResult, system_map: SystemMap) -> Overlay:
    """The overlay that shows ``finding`` on ``system_map``.

    Ids no longer on the map are ignored when drawn, so an overlay made from an analysis a
    moment old still draws.
    """
    ties = MapTies(result, system_map)
    builder = _BUILDERS.get(finding.kind, _plain)
    return builder(finding, ties)


def hull_overlay(
    title: str,
    hulls: Sequence[OverlayGroup],
    ties: MapTies,
    **extra: object,
) -> Overlay:
    """Hulls round groups, the ties leaving them thick and the ties inside drawn as usual."""
    members = {i for h in hulls for i in h.stakeholder_ids}
    outside: set[str] = set()
    inside: set[str] = set()
    partners: set[str] = set()
    for hull in hulls:
        out, ins, par = ties.boundary(hull.stakeholder_ids)
        outside |= out
        inside |= ins
        partners |= par
    return Overlay(
        title,
        stakeholders=frozenset(members | partners),
        relationships=frozenset(outside),
        context=frozenset(inside - outside),
        groups=tuple(hulls),
        **extra,  # type: ignore[arg-type]
    )


def _silo(finding: Finding, ties: MapTies) -> Overlay:
    group = finding.highlight.groups[0] if finding.highlight.groups else None
    members = finding.highlight.nodes or (ties.members(group) if group else ())
    if group is not None and finding.kind == "silo":
        label = f"{group.label} (silo)"
    elif group is not None:
        label = f"Working cluster, mostly {group.label}"
    else:
        label = "Working cluster"
    colour = group_colour(ties.map, group) if group else HULL_COLOURS[0]
    return hull_overlay(finding.title, [OverlayGroup(tuple(members), label, colour)], ties)


def _attribute_of(finding: Finding, result: AnalysisResult) -> str | None:
    words = sorted(result.groups, key=len, reverse=True)
    return next((a for a in words if a.replace("_", " ") in finding.title), None)


def _mixing(finding: Finding, ties: MapTies) -> Overlay:
    attribute = _attribute_of(finding, ties.result)
    if attribute is None:
        return _plain(finding, ties)
    grouping = ties.result.groups[attribute]
    hulls = []
    for position, group in enumerate(grouping.groups):
        ref = GroupRef(attribute, group.name, group.label)
        members = ties.members(ref)
        if members:
            hulls.append(OverlayGroup(members, group.label, group_colour(ties.map, ref, position)))
    return hull_overlay(finding.title, hulls, ties)


def _communities(finding: Finding, ties: MapTies) -> Overlay:
    hulls = []
    for position, community in enumerate(ties.result.communities.detected):
        if len(community.members) < 2:
            continue
        top = next(iter(community.dominant.values()), {})
        label = f"Cluster {position + 1}"
        if top:
            label += f": mostly {top.get('label', top.get('value', ''))}"
        colour = HULL_COLOURS[position % len(HULL_COLOURS)]
        hulls.append(OverlayGroup(community.members, label, colour))
    return hull_overlay(finding.title, hulls, ties)


def _two_groups(finding: Finding, ties: MapTies, rings: dict[str, str] | None = None) -> Overlay:
    nodes = set(finding.highlight.nodes)
    hulls = []
    sides = []
    for position, group in enumerate(finding.highlight.groups[:2]):
        members = ties.members(group)
        if nodes and finding.kind == "group_gap":  # a same-place gap: just that place's members
            members = tuple(m for m in members if m in nodes)
        sides.append(set(members))
        hulls.append(OverlayGroup(members, group.label, group_colour(ties.map, group, position)))
    across = ties.across(sides[0], sides[1]) if len(sides) == 2 else set()
    return Overlay(
        finding.title,
        stakeholders=frozenset(set().union(*sides) if sides else nodes),
        relationships=frozenset(across),
        groups=tuple(hulls),
        rings=rings or {},
    )


def _group_gap(finding: Finding, ties: MapTies) -> Overlay:
    return _two_groups(finding, ties)


def _broker_needed(finding: Finding, ties: MapTies) -> Overlay:
    return _two_groups(finding, ties, dict.fromkeys(finding.highlight.nodes, "best placed"))


def _separate_part(finding: Finding, ties: MapTies) -> Overlay:
    members = tuple(finding.highlight.nodes)
    hull = OverlayGroup(members, "No route to the rest", HULL_COLOURS[0])
    links = tuple(OverlayLink(a, b, "join here") for a, b in finding.highlight.suggested)
    return hull_overlay(finding.title, [hull], ties, links=links)


def _suggested_link(finding: Finding, ties: MapTies) -> Overlay:
    source, target = finding.highlight.suggested[0]
    introducer = finding.introducer
    via: set[str] = set()
    rings: dict[str, str] = {}
    if introducer:
        via = set(ties.between(source, introducer)) | set(ties.between(introducer, target))
        rings[introducer] = "introducer"
    return Overlay(
        finding.title,
        stakeholders=frozenset({source, target}),
        relationships=frozenset(via),
        links=(OverlayLink(source, target, "suggested link"),),
        rings=rings,
    )


def _broker(finding: Finding, ties: MapTies) -> Overlay:
    node = finding.highlight.nodes[0]
    top = max((b.betweenness for b in ties.result.brokers), default=0.0)
    value = float(finding.numbers.get("betweenness", 0.0))
    relationships, partners = ties.of(node)
    return Overlay(
        finding.title,
        stakeholders=frozenset({node} | partners),
        relationships=frozenset(relationships),
        rings={node: "broker"},
        sizes={node: value / top if top > 0 else 1.0},
    )


def _point_of_failure(finding: Finding, ties: MapTies) -> Overlay:
    node, separated = finding.highlight.nodes[0], finding.highlight.nodes[1:]
    worst = max((p.cut_off for p in ties.result.single_points_of_failure), default=1)
    cut_off = int(finding.numbers.get("cut_off", len(separated)))
    relationships, _partners = ties.of(node)
    hulls = (OverlayGroup(tuple(separated), "would be cut off", HULL_COLOURS[0]),)
    return Overlay(
        finding.title,
        stakeholders=frozenset(finding.highlight.nodes),
        relationships=frozenset(relationships),
        groups=hulls if separated else (),
        rings={node: "single point of failure"},
        sizes={node: cut_off / worst if worst > 0 else 1.0},
    )


def _tie_finding(caption: str) -> Builder:
    def build(finding: Finding, ties: MapTies) -> Overlay:
        return Overlay(
            finding.title,
            stakeholders=frozenset(finding.highlight.nodes),
            relationships=frozenset(finding.highlight.edges),
            badges=dict.fromkeys(finding.highlight.nodes[:2], caption),
        )

    return build


def _isolate(finding: Finding, ties: MapTies) -> Overlay:
    return Overlay(finding.title, rings=dict.fromkeys(finding.highlight.nodes, "no ties"))


def _citizen_routes(finding: Finding, ties: MapTies) -> Overlay:
    # A finding may name several citizens first (its ``citizens`` number says how many);
    # routes are drawn from the first, and each is ringed.
    count = int(finding.numbers.get("citizens", 1) or 1)
    citizens, rest = finding.highlight.nodes[:count], finding.highlight.nodes[count:]
    citizen = citizens[0]
    rings = dict.fromkeys(citizens, "citizen")
    if finding.kind == "citizen_single_route":
        point, services = rest[0], rest[1:]
        rings[point] = "every route runs through"
    else:
        services = rest
    routes: list[OverlayRoute] = []
    badges: dict[str, str] = {}
    for service in services:
        route = ties.route(citizen, service)
        if route is None:
            badges[service] = "no route"
        elif len(routes) < MAX_ROUTES:
            routes.append(route)
            badges[service] = counted(len(route.stakeholder_ids) - 1, "step")
    along: set[str] = set()
    for route in routes:
        along |= ties.route_relationships(route)
    return Overlay(
        finding.title,
        stakeholders=frozenset(finding.highlight.nodes),
        relationships=frozenset(along),
        rings=rings,
        badges=badges,
        routes=tuple(routes),
    )


def _to_be(finding: Finding, ties: MapTies) -> Overlay:
    """What a proposal changes: the groups it moves, with the proposed relationships thick."""
    comparison = ties.result.comparison
    proposed = set(comparison.proposed) if comparison is not None else set()
    ends = set()
    for rid in proposed:
        if ties.map.has_relationship(rid):
            ends |= set(ties.map.relationship(rid).ends)
    base = _plain(finding, ties)
    if finding.highlight.groups:
        base = hull_overlay(finding.title, base.groups, ties)
    return Overlay(
        finding.title,
        stakeholders=base.stakeholders | ends | set(finding.highlight.nodes),
        relationships=base.relationships | proposed,
        context=base.context - proposed,
        groups=base.groups,
        rings=dict.fromkeys(finding.highlight.nodes, ""),
    )


def _plain(finding: Finding, ties: MapTies) -> Overlay:
    hulls = tuple(
        OverlayGroup(ties.members(g), g.label, group_colour(ties.map, g, i))
        for i, g in enumerate(finding.highlight.groups)
    )
    return Overlay(
        finding.title,
        stakeholders=frozenset(finding.highlight.nodes),
        relationships=frozenset(finding.highlight.edges),
        groups=hulls,
        links=tuple(OverlayLink(a, b) for a, b in finding.highlight.suggested),
    )


_BUILDERS: dict[str, Builder] = {
    "silo": _silo,
    "silo_community": _silo,
    "mixing": _mixing,
    "communities": _communities,
    "group_gap": _group_gap,
    "broker_needed": _broker_needed,
    "separate_part": _separate_part,
    "known_gap": _tie_finding("recorded gap"),
    "suggested_link": _suggested_link,
    "broker": _broker,
    "local_bridge": _tie_finding("local bridge"),
    "point_of_failure": _point_of_failure,
    "bridge": _tie_finding("only link"),
    "weak_link": _tie_finding("weak link"),
    "isolate": _isolate,
    "citizen_unreachable": _citizen_routes,
    "citizen_single_route": _citizen_routes,
    "citizen_route": _citizen_routes,
    "to_be": _to_be,
}
"""How each kind of finding is shown; any other kind highlights what it names."""
