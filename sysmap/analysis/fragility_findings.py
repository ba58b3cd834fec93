"""Findings about fragility and the citizen's view: single points of failure, bridges, weak
links, isolates, local bridges, brokers, and routes from citizens to services."""

from __future__ import annotations

from collections.abc import Iterator

from sysmap.analysis import explain
from sysmap.analysis.finding_kinds import MAX_PER_KIND, Ranked, make_finding
from sysmap.analysis.report import AnalysisResult
from sysmap.analysis.results import Highlight
from sysmap.analysis.wording import count, listing, verb

TOP_BROKERS = 3
BROKER_THRESHOLD = 0.1


def citizen_findings(result: AnalysisResult) -> Iterator[Ranked]:
    for summary in result.citizen.summaries:
        name = result.label(summary.citizen)
        if summary.unreachable:
            yield make_finding(
                "high",
                "citizen_unreachable",
                f"{name} cannot reach {count(len(summary.unreachable), 'service')}",
                explain.unreachable(name, [result.label(s) for s in summary.unreachable]),
                len(summary.unreachable),
                highlight=Highlight(nodes=(summary.citizen, *summary.unreachable)),
                numbers={"unreachable": len(summary.unreachable), "reachable": summary.reachable},
            )
        for point, services in summary.single_points.items():
            yield make_finding(
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
            yield make_finding(
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


def weak_link_findings(result: AnalysisResult) -> Iterator[Ranked]:
    for link in result.weak_links:
        pair = f"{result.label(link.source)} and {result.label(link.target)}"
        title = (
            f"A weak relationship carries {count(link.routes, 'citizen route')}: {pair}"
            if link.routes
            else f"Weak relationship: {pair}"
        )
        yield make_finding(
            "medium" if link.routes else "low",
            "weak_link",
            title,
            link.explanation,
            link.routes,
            highlight=Highlight(nodes=(link.source, link.target), edges=link.relationships),
            numbers={"routes": link.routes},
        )


def point_findings(result: AnalysisResult) -> Iterator[Ranked]:
    citizens = set(result.citizen.citizens)
    for point in result.single_points_of_failure:
        if point.id in citizens:
            names = [result.label(s) for s in point.separated]
            yield make_finding(
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
        yield make_finding(
            "high" if severe else "medium",
            "point_of_failure",
            f"If {result.label(point.id)} leaves, {count(point.cut_off, 'stakeholder')} "
            f"{verb(point.cut_off, 'is', 'are')} cut off",
            point.explanation,
            point.cut_off,
            highlight=Highlight(nodes=(point.id, *point.separated)),
            numbers={"cut_off": point.cut_off},
        )


def bridge_findings(result: AnalysisResult) -> Iterator[Ranked]:
    for bridge in result.bridges:
        if bridge.cut_off < 2:
            continue
        yield make_finding(
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


def isolate_findings(result: AnalysisResult) -> Iterator[Ranked]:
    if result.isolates:
        names = [result.label(i) for i in result.isolates]
        yield make_finding(
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


def local_bridge_findings(result: AnalysisResult) -> Iterator[Ranked]:
    # Local bridges come widest first; only the first few can make the list.
    wide = [b for b in result.local_bridges[: MAX_PER_KIND * 4] if b.span >= 4]
    for bridge in wide[:MAX_PER_KIND]:
        groups = _crossed_groups(result, dict(bridge.groups))
        yield make_finding(
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


def broker_findings(result: AnalysisResult) -> Iterator[Ranked]:
    for broker in result.brokers[:TOP_BROKERS]:
        if broker.betweenness < BROKER_THRESHOLD:
            break
        roles = []
        for attribute, counts in broker.roles.items():
            liaison = counts.get("liaison", 0) + counts.get("gatekeeper_representative", 0)
            if liaison:
                roles.append(f"{liaison} pairs across {attribute.replace('_', ' ')} lines")
        role_text = f"It brokers {listing(roles)}." if roles else ""
        yield make_finding(
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
