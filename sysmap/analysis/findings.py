"""Findings: the ranked list a policy lead reads first, built from an AnalysisResult.

Each finding has a severity (``high`` problems first, ``info`` context and good news last), a
kind, a title, an explanation with the numbers, the published measure behind it, and the ids
to highlight. Within a severity, findings are ordered by how large the problem is. Each kind
is capped (:data:`MAX_PER_KIND`) so a large map's list stays readable; the full detail is in
the result's other sections.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from sysmap.analysis import explain
from sysmap.analysis.report import AnalysisResult
from sysmap.analysis.results import SEVERITIES, Finding, GroupRef, Highlight
from sysmap.analysis.wording import count, decimal, listing, verb

MAX_PER_KIND = 8
TOP_BROKERS = 3
BROKER_THRESHOLD = 0.1
KINDS: dict[str, str] = {
    "separate_part": "Krackhardt & Stern 1988; connected components",
    "silo": "E-I index (Krackhardt & Stern 1988) with a permutation test",
    "known_gap": "Relationship recorded as missing in the map",
    "group_gap": "Observed vs expected ties (configuration model, Newman 2010)",
    "citizen_unreachable": "Shortest routes (Dijkstra 1959)",
    "point_of_failure": "Articulation points (Hopcroft & Tarjan 1973)",
    "citizen_single_route": "Minimum vertex cut (Menger 1927) via the block–cut tree",
    "weak_link": "Weak relationships on citizens' shortest routes",
    "bridge": "Bridges (Hopcroft & Tarjan 1973)",
    "isolate": "Stakeholders without ties",
    "mixing": "E-I index (Krackhardt & Stern 1988); assortativity (Newman 2003)",
    "broker_needed": "Common neighbours (Liben-Nowell & Kleinberg 2007)",
    "suggested_link": "Resource allocation (Zhou, Lü & Zhang 2009), Adamic–Adar",
    "silo_community": "Louvain communities (Blondel et al. 2008)",
    "citizen_route": "Shortest routes with fewest boundary crossings",
    "local_bridge": "Local bridges (Granovetter 1973)",
    "communities": "Louvain communities vs groups, NMI (Danon et al. 2005)",
    "broker": "Betweenness (Freeman 1977), constraint (Burt 1992)",
    "to_be": "As-is vs to-be comparison",
}
"""Every kind of finding, with the measure behind it."""

_Ranked = tuple[int, float, Finding]


def _finding(
    severity: str, kind: str, title: str, explanation: str, score: float, **extra: object
) -> _Ranked:
    finding = Finding(severity, kind, title, explanation, measure=KINDS[kind], **extra)  # type: ignore[arg-type]
    return (SEVERITIES.index(severity), score, finding)


def build_findings(result: AnalysisResult) -> tuple[Finding, ...]:
    """Rank every finding of an analysis, most serious first."""
    ranked: list[_Ranked] = []
    for builder in (
        _parts,
        _silos,
        _known_gaps,
        _group_gaps,
        _citizens,
        _weak_links,
        _points,
        _bridges,
        _isolates,
        _mixing,
        _brokers_needed,
        _links,
        _communities,
        _local_bridges,
        _brokers,
        _to_be,
    ):
        found = list(builder(result))
        found.sort(key=lambda item: (item[0], -item[1], item[2].title))
        ranked += found[:MAX_PER_KIND]
    kind_order = list(KINDS)
    ranked.sort(key=lambda item: (item[0], kind_order.index(item[2].kind), -item[1], item[2].title))
    return tuple(item[2] for item in ranked)


def _parts(result: AnalysisResult) -> Iterator[_Ranked]:
    for part in result.separate_parts:
        yield _finding(
            "high",
            "separate_part",
            f"{count(len(part.members), 'stakeholder')} have no route to the rest of the system",
            part.explanation,
            len(part.members),
            highlight=Highlight(nodes=part.members, suggested=((part.join_from, part.join_to),)),
            numbers={"stakeholders": len(part.members)},
        )


def _silos(result: AnalysisResult) -> Iterator[_Ranked]:
    for silo in result.silos:
        gap = silo.expected_ei - silo.ei_index
        severity = "high" if gap >= 0.5 and silo.p_value < 0.01 else "medium"
        yield _finding(
            severity,
            "silo",
            f"{silo.label} is a silo",
            silo.explanation,
            gap,
            highlight=Highlight(
                nodes=silo.members, groups=(GroupRef(silo.attribute, silo.group, silo.label),)
            ),
            numbers={
                "internal": silo.internal,
                "external": silo.external,
                "ei_index": silo.ei_index,
                "expected_ei": silo.expected_ei,
                "p_value": silo.p_value,
            },
        )


def _known_gaps(result: AnalysisResult) -> Iterator[_Ranked]:
    total = len(result.known_gaps)
    for position, gap in enumerate(result.known_gaps):
        yield _finding(
            "high",
            "known_gap",
            f"Missing: {result.label(gap.source)} and {result.label(gap.target)}",
            gap.explanation,
            total - position,
            highlight=Highlight(nodes=(gap.source, gap.target), edges=(gap.relationship,)),
        )


def _group_gaps(result: AnalysisResult) -> Iterator[_Ranked]:
    for gap in result.group_gaps:
        if gap.observed == 0:
            severity = "high" if gap.expected >= 3 else "medium"
            title = f"{gap.a_label} and {gap.b_label} share no working relationship"
        else:
            severity = "medium" if gap.observed < 0.25 * gap.expected else "low"
            title = f"{gap.a_label} and {gap.b_label} barely work together"
        if gap.place:
            title = f"In {result.group_label('place', gap.place)}, {title}"
        groups = (
            GroupRef(gap.attribute, gap.a, gap.a_label),
            GroupRef(gap.attribute, gap.b, gap.b_label),
        )
        yield _finding(
            severity,
            "group_gap",
            title,
            gap.explanation,
            gap.expected - gap.observed,
            highlight=Highlight(groups=groups),
            numbers={"observed": gap.observed, "expected": gap.expected, "p_value": gap.p_value},
        )


def _citizens(result: AnalysisResult) -> Iterator[_Ranked]:
    for summary in result.citizen.summaries:
        name = result.label(summary.citizen)
        if summary.unreachable:
            yield _finding(
                "high",
                "citizen_unreachable",
                f"{name} cannot reach {count(len(summary.unreachable), 'service')}",
                explain.unreachable(name, [result.label(s) for s in summary.unreachable]),
                len(summary.unreachable),
                highlight=Highlight(nodes=(summary.citizen, *summary.unreachable)),
                numbers={"unreachable": len(summary.unreachable), "reachable": summary.reachable},
            )
        for point, services in summary.single_points.items():
            yield _finding(
                "medium",
                "citizen_single_route",
                f"{name} reaches {count(len(services), 'service')} only through "
                f"{result.label(point)}",
                explain.only_through(
                    name, result.label(point), [result.label(s) for s in services]
                ),
                len(services),
                highlight=Highlight(nodes=(summary.citizen, point, *services)),
                numbers={"services": len(services)},
            )
        if summary.farthest is not None and summary.farthest_steps >= 3:
            yield _finding(
                "low",
                "citizen_route",
                f"{name} is {summary.farthest_steps} steps from {result.label(summary.farthest)}",
                explain.long_route(
                    name,
                    result.label(summary.farthest),
                    summary.farthest_steps,
                    summary.farthest_sector_crossings,
                    summary.farthest_place_crossings,
                ),
                summary.farthest_steps + summary.farthest_sector_crossings / 10,
                highlight=Highlight(nodes=(summary.citizen, summary.farthest)),
                numbers={
                    "steps": summary.farthest_steps,
                    "sector_crossings": summary.farthest_sector_crossings,
                    "place_crossings": summary.farthest_place_crossings,
                },
            )


def _weak_links(result: AnalysisResult) -> Iterator[_Ranked]:
    for link in result.weak_links:
        yield _finding(
            "medium",
            "weak_link",
            f"A weak relationship carries {count(link.routes, 'citizen route')}",
            link.explanation,
            link.routes,
            highlight=Highlight(nodes=(link.source, link.target), edges=link.relationships),
            numbers={"routes": link.routes},
        )


def _points(result: AnalysisResult) -> Iterator[_Ranked]:
    citizens = set(result.citizen.citizens)
    for point in result.single_points_of_failure:
        if point.id in citizens:
            names = [result.label(s) for s in point.separated]
            yield _finding(
                "high" if point.cut_off >= 2 else "medium",
                "point_of_failure",
                f"Only {result.label(point.id)} joins {count(point.cut_off, 'stakeholder')} "
                "to the rest of the system",
                explain.citizen_link(result.label(point.id), names),
                point.cut_off,
                highlight=Highlight(nodes=(point.id, *point.separated)),
                numbers={"cut_off": point.cut_off},
            )
            continue
        severe = point.cut_off >= 3 or bool(citizens & set(point.separated))
        yield _finding(
            "high" if severe else "medium",
            "point_of_failure",
            f"If {result.label(point.id)} leaves, {count(point.cut_off, 'stakeholder')} "
            f"{verb(point.cut_off, 'is', 'are')} cut off",
            point.explanation,
            point.cut_off,
            highlight=Highlight(nodes=(point.id, *point.separated)),
            numbers={"cut_off": point.cut_off},
        )


def _bridges(result: AnalysisResult) -> Iterator[_Ranked]:
    for bridge in result.bridges:
        if bridge.cut_off < 2:
            continue
        yield _finding(
            "medium",
            "bridge",
            f"One relationship holds {result.label(bridge.source)} and "
            f"{result.label(bridge.target)} together",
            explain.bridge(
                result.label(bridge.source), result.label(bridge.target), bridge.cut_off
            ),
            bridge.cut_off,
            highlight=Highlight(nodes=(bridge.source, bridge.target), edges=bridge.relationships),
            numbers={"cut_off": bridge.cut_off},
        )


def _isolates(result: AnalysisResult) -> Iterator[_Ranked]:
    if result.isolates:
        names = [result.label(i) for i in result.isolates]
        yield _finding(
            "medium",
            "isolate",
            f"{len(names)} stakeholders have no working relationship"
            if len(names) > 1
            else f"{names[0]} has no working relationship",
            explain.isolates(names),
            len(names),
            highlight=Highlight(nodes=result.isolates),
            numbers={"stakeholders": len(names)},
        )


def _mixing(result: AnalysisResult) -> Iterator[_Ranked]:
    for attribute, grouping in result.groups.items():
        if math.isnan(grouping.ei_index) or not grouping.ei_index < grouping.expected_ei:
            continue
        significant = grouping.p_value < 0.05
        word = attribute.replace("_", " ")
        yield _finding(
            "medium" if significant else "low",
            "mixing",
            f"Ties stay inside {word}s",
            explain.mixing(
                word,
                grouping.internal,
                grouping.external,
                grouping.ei_index,
                grouping.expected_ei,
                grouping.p_value,
            )
            + f" Assortativity {decimal(grouping.assortativity)}; modularity of the {word} split "
            f"{decimal(grouping.modularity)}.",
            grouping.expected_ei - grouping.ei_index,
            numbers={
                "ei_index": grouping.ei_index,
                "expected_ei": grouping.expected_ei,
                "p_value": grouping.p_value,
                "assortativity": grouping.assortativity,
                "modularity": grouping.modularity,
            },
        )


def _brokers_needed(result: AnalysisResult) -> Iterator[_Ranked]:
    for needed in result.brokers_needed:
        a, b = (
            result.group_label(needed.attribute, needed.a),
            result.group_label(needed.attribute, needed.b),
        )
        yield _finding(
            "medium",
            "broker_needed",
            f"Nobody links {a} and {b}: a new broker is needed",
            needed.explanation,
            len(needed.side_a) + len(needed.side_b),
            highlight=Highlight(
                nodes=(*needed.side_a, *needed.side_b),
                groups=(
                    GroupRef(needed.attribute, needed.a, a),
                    GroupRef(needed.attribute, needed.b, b),
                ),
            ),
        )


def _links(result: AnalysisResult) -> Iterator[_Ranked]:
    for rank, link in enumerate(result.missing_links):
        yield _finding(
            "medium" if rank < 3 else "low",
            "suggested_link",
            f"Introduce {result.label(link.source)} to {result.label(link.target)}",
            link.explanation,
            link.score,
            highlight=Highlight(
                nodes=(link.source, link.target, link.introducer),
                suggested=((link.source, link.target),),
            ),
            numbers={
                "resource_allocation": link.score,
                "adamic_adar": link.adamic_adar,
                "common_neighbours": link.common_neighbours,
            },
            introducer=link.introducer,
        )


def _communities(result: AnalysisResult) -> Iterator[_Ranked]:
    communities = result.communities
    for community in communities.detected:
        if not community.silo_of:
            continue
        tops = [community.dominant[a] for a in community.silo_of]
        shares = [(float(t["share"]), str(t["label"])) for t in tops]
        yield _finding(
            "medium",
            "silo_community",
            f"A working cluster of {len(community.members)} is mostly {shares[0][1]}",
            explain.silo_community(len(community.members), shares),
            len(community.members) * shares[0][0],
            highlight=Highlight(
                nodes=community.members,
                groups=tuple(
                    GroupRef(a, str(t["value"]), str(t["label"]))
                    for a, t in zip(community.silo_of, tops, strict=True)
                ),
            ),
            numbers={"members": len(community.members), "share": shares[0][0]},
        )
    for attribute, scores in communities.comparison.items():
        nmi = scores["nmi"]
        if math.isnan(nmi):
            continue
        word = attribute.replace("_", " ")
        follows = nmi >= 0.5
        yield _finding(
            "low" if follows else "info",
            "communities",
            f"Working clusters {'follow' if follows else 'cut across'} {word} lines",
            explain.communities_follow(word, nmi),
            nmi,
            numbers={
                "nmi": nmi,
                "ari": scores["ari"],
                "agreement_across_seeds": communities.agreement,
            },
        )


def _local_bridges(result: AnalysisResult) -> Iterator[_Ranked]:
    for bridge in result.local_bridges:
        if bridge.span < 4:
            continue
        groups = _crossed_groups(result, dict(bridge.groups))
        yield _finding(
            "low",
            "local_bridge",
            f"{result.label(bridge.source)}–{result.label(bridge.target)} is a weak tie "
            "holding groups together",
            explain.local_bridge(
                result.label(bridge.source), result.label(bridge.target), bridge.span, groups
            ),
            bridge.span,
            highlight=Highlight(nodes=(bridge.source, bridge.target), edges=bridge.relationships),
            numbers={"span": bridge.span},
        )


def _crossed_groups(result: AnalysisResult, groups: dict[str, tuple[str, str]]) -> str:
    """``Third sector and Local public services``: the groups of the first attribute crossed."""
    for attribute, (a, b) in groups.items():
        return f"{result.group_label(attribute, a)} and {result.group_label(attribute, b)}"
    return "groups"


def _brokers(result: AnalysisResult) -> Iterator[_Ranked]:
    for broker in result.brokers[:TOP_BROKERS]:
        if broker.betweenness < BROKER_THRESHOLD:
            break
        roles = []
        for attribute, counts in broker.roles.items():
            liaison = counts.get("liaison", 0) + counts.get("gatekeeper_representative", 0)
            if liaison:
                roles.append(f"{liaison} pairs across {attribute.replace('_', ' ')} lines")
        role_text = f"It brokers {listing(roles)}." if roles else ""
        yield _finding(
            "info",
            "broker",
            f"{result.label(broker.id)} is a key broker",
            explain.broker(
                result.label(broker.id), broker.betweenness, broker.constraint, role_text
            ),
            broker.betweenness,
            highlight=Highlight(nodes=(broker.id,)),
            numbers={
                "betweenness": broker.betweenness,
                "constraint": broker.constraint,
                "effective_size": broker.effective_size,
            },
        )


def _to_be(result: AnalysisResult) -> Iterator[_Ranked]:
    if result.comparison is None:
        return
    for change in result.comparison.changes:
        yield _finding(
            "info",
            "to_be",
            change.title,
            "If the proposed relationships are made: "
            + change.explanation[:1].lower()
            + change.explanation[1:],
            0.0,
            highlight=change.highlight,
            numbers={"before": change.before, "after": change.after},
        )
