"""Findings about fragility: weak relationships the evidence documents, single points of
failure ranked by what they cut off, bridges, local bridges and brokers.

Findings of one shape fold into one ("8 weak relationships between organisations…"; "4 small
single points of failure…") so a map's key findings are not one paragraph seventeen times.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sysmap.analysis import explain
from sysmap.analysis.analysis_result import AnalysisResult
from sysmap.analysis.finding_kinds import make_finding
from sysmap.analysis.ranking import Candidate
from sysmap.analysis.results import Highlight, PointOfFailureResult, WeakLinkResult
from sysmap.analysis.wording import agree, count, listing, verb

TOP_BROKERS = 3
BROKER_THRESHOLD = 0.1
LISTED = 8
"""Folded findings name this many members before "and N others"."""
LISTED_WEAK = 20
"""Documented weak relationships are each named, up to this many."""
CITIZEN_WEIGHT, SERVICE_WEIGHT, OTHER_WEIGHT = 3.0, 1.0, 0.5
SMALL = 2.0
"""A single point of failure that cuts off less than this (weighted) is folded with others."""


def weak_link_findings(result: AnalysisResult) -> Iterator[Candidate]:
    """Weak relationships in two folds: between organisations, and reaching citizens."""
    links = list(result.weak_links)
    between = [w for w in links if not w.to_citizen]
    to_citizens = [w for w in links if w.to_citizen]
    if between:
        yield _weak_fold(result, between, "between organisations", "handovers", 600.0)
    if to_citizens:
        yield _weak_fold(result, to_citizens, "reaching citizens", "services", 500.0)


def _pair(result: AnalysisResult, link: WeakLinkResult) -> str:
    """``Probation ↔ Prison leaver (27 routes)``: the organisation first, then the citizen."""
    a, b = link.source, link.target
    if a in result.citizen.citizens and b not in result.citizen.citizens:
        a, b = b, a
    routes = f" ({count(link.routes, 'route')})" if link.routes else ""
    return f"{result.label(a)} ↔ {result.label(b)}{routes}"


def _weak_fold(
    result: AnalysisResult, links: list[WeakLinkResult], where: str, what: str, base: float
) -> Candidate:
    links = sorted(links, key=lambda w: (-w.routes, -w.documented, w.source, w.target))
    documented = sum(w.documented for w in links)
    carrying = sum(w.routes > 0 for w in links)
    n = sum(len(w.relationships) for w in links)
    pairs = [_pair(result, w) for w in links]
    title = f"{count(n, 'weak relationship')} {where} often {verb(n, 'fails', 'fail')}"
    explanation = (
        f"The map records {count(n, 'relationship')} {where} as weak: "
        f"{verb(n, 'it exists', 'they exist')}, but the evidence says "
        f"{verb(n, 'it', 'they')} often {verb(n, 'fails', 'fail')}"
        + (
            f"; {'it' if n == 1 else f'{carrying} of them'} "
            f"{verb(carrying, 'carries', 'carry')} citizens' shortest routes to services"
            if carrying
            else ""
        )
        + f". {listing(pairs, LISTED_WEAK)}."
    )
    kind_class = "documented" if documented else "guidance"
    reason = (
        f"{count(documented, 'weak relationship')} with evidence"
        if documented
        else "weak relationships on citizens' routes"
    )
    return Candidate(
        kind_class,
        base + sum(w.routes for w in links) + n,
        make_finding(
            "high" if carrying else "medium",
            "weak_link",
            title,
            explanation,
            highlight=Highlight(
                nodes=tuple(dict.fromkeys(i for w in links for i in (w.source, w.target))),
                edges=tuple(r for w in links for r in w.relationships),
            ),
            numbers={"relationships": n, "documented": documented, "carry_routes": carrying},
        ),
        f"{reason}, folded into one ({what} that often fail)",
    )


def weight_of(result: AnalysisResult, stakeholders: Sequence[str]) -> tuple[float, int, int]:
    """What losing these stakeholders costs: (weight, citizens, services).

    A citizen counts 3, a service 1, anyone else (an inspector, an auditor, a court) ½.
    """
    citizens = set(result.citizen.citizens)
    services = set(result.citizen.services)
    n_citizens = sum(s in citizens for s in stakeholders)
    n_services = sum(s in services for s in stakeholders)
    others = len(stakeholders) - n_citizens - n_services
    weight = CITIZEN_WEIGHT * n_citizens + SERVICE_WEIGHT * n_services + OTHER_WEIGHT * others
    return weight, n_citizens, n_services


def point_findings(result: AnalysisResult) -> Iterator[Candidate]:
    """Single points of failure by what they cut off; small ones folded into one."""
    citizens = set(result.citizen.citizens)
    apart = {i for part in result.separate_parts for i in part.members}
    small: list[tuple[PointOfFailureResult, float]] = []
    for point in result.single_points_of_failure:
        if point.id in apart:
            continue  # inside a part cut off already: that part's finding says more
        weight, n_citizens, n_services = weight_of(result, point.separated)
        if point.id in citizens:
            yield _citizen_joins(result, point, weight)
            continue
        if weight < SMALL and not n_citizens:
            small.append((point, weight))
            continue
        what = _what(n_citizens, n_services, point.cut_off - n_citizens - n_services)
        yield Candidate(
            "fragility",
            weight,
            make_finding(
                "high" if weight >= 3 else "medium",
                "point_of_failure",
                f"If {result.label(point.id)} leaves, {count(point.cut_off, 'stakeholder')} "
                f"{verb(point.cut_off, 'is', 'are')} cut off",
                point.explanation,
                highlight=Highlight(nodes=(point.id, *point.separated)),
                numbers={"cut_off": point.cut_off, "weight": weight},
            ),
            f"a single point of failure that cuts off {what} (weight {weight:g}: a citizen "
            "counts 3, a service 1, anyone else ½)",
        )
    if small:
        yield _small_points(result, small)


def _what(citizens: int, services: int, others: int) -> str:
    parts = []
    if citizens:
        parts.append(count(citizens, "citizen"))
    if services:
        parts.append(count(services, "service"))
    if others:
        parts.append(count(others, "other stakeholder"))
    return listing(parts) or "nobody"


def _citizen_joins(result: AnalysisResult, point: PointOfFailureResult, weight: float) -> Candidate:
    names = [result.label(s) for s in point.separated]
    label = result.label(point.id)
    joins = agree(label, result.kind(point.id), "joins", "join")
    return Candidate(
        "guidance",
        100.0 + weight,
        make_finding(
            "high" if point.cut_off >= 2 else "medium",
            "point_of_failure",
            f"Only {label} {joins} {count(point.cut_off, 'stakeholder')} to the rest of the system",
            explain.citizen_link(label, names, result.kind(point.id)),
            highlight=Highlight(nodes=(point.id, *point.separated)),
            numbers={"cut_off": point.cut_off},
        ),
        "no organisation links these stakeholders to the system: the connection rests on citizens",
    )


def _small_points(
    result: AnalysisResult, small: list[tuple[PointOfFailureResult, float]]
) -> Candidate:
    small.sort(key=lambda item: (-item[1], item[0].id))
    parts = [
        f"{result.label(p.id)} ({listing([result.label(s) for s in p.separated], 3)})"
        for p, _ in small
    ]
    n = len(small)
    return Candidate(
        "fragility",
        sum(w for _, w in small) / 10,
        make_finding(
            "low",
            "point_of_failure",
            f"{count(n, 'small single point of failure', 'small single points of failure')}",
            f"Each of these hangs one or two stakeholders that are not citizens or services "
            f"on a single contact; if the contact left, they would lose every route to the "
            f"rest of the system: {listing(parts, LISTED)}.",
            highlight=Highlight(
                nodes=tuple(dict.fromkeys(i for p, _ in small for i in (p.id, *p.separated)))
            ),
            numbers={"points": n},
        ),
        "small single points of failure (each cuts off less than one service), folded into one",
    )


def bridge_findings(result: AnalysisResult) -> Iterator[Candidate]:
    """Bridges that cut off two or more, unless a single point of failure says the same."""
    points = {p.id for p in result.single_points_of_failure}
    for bridge in result.bridges:
        if bridge.cut_off < 2 or bridge.source in points or bridge.target in points:
            continue  # a stakeholder's loss says the same, and is ranked by what it costs
        yield Candidate(
            "fragility",
            bridge.cut_off / 2,
            make_finding(
                "medium",
                "bridge",
                f"One relationship holds {result.label(bridge.source)} and "
                f"{result.label(bridge.target)} together",
                explain.bridge(
                    result.label(bridge.source), result.label(bridge.target), bridge.cut_off
                ),
                highlight=Highlight(
                    nodes=(bridge.source, bridge.target), edges=bridge.relationships
                ),
                numbers={"cut_off": bridge.cut_off},
            ),
            "a relationship whose loss splits the map",
        )


def local_bridge_findings(result: AnalysisResult) -> Iterator[Candidate]:
    """Cross-group ties whose ends share no contact, folded into one (widest first)."""
    wide = [b for b in result.local_bridges if b.span >= 4]
    if not wide:
        return
    parts = [
        f"{result.label(b.source)} ↔ {result.label(b.target)} ({b.span} steps round)" for b in wide
    ]
    yield Candidate(
        "context",
        float(len(wide)),
        make_finding(
            "low",
            "local_bridge",
            f"{count(len(wide), 'tie')} alone {verb(len(wide), 'holds', 'hold')} groups together",
            f"These relationships cross group lines between stakeholders who share no other "
            f"contact: without one, the shortest route between its two ends takes four steps "
            f"or more (Granovetter's weak ties, which carry news between groups): "
            f"{listing(parts, LISTED)}.",
            highlight=Highlight(
                nodes=tuple(dict.fromkeys(i for b in wide for i in (b.source, b.target))),
                edges=tuple(r for b in wide for r in b.relationships),
            ),
            numbers={"ties": len(wide), "span": max(b.span for b in wide)},
        ),
        "ties that hold groups together, folded into one",
    )


def _estimate(result: AnalysisResult, broker: str) -> str:
    """How sure a broker's betweenness is, when the map was big enough to estimate it."""
    sample = result.settings.get("betweenness_sample")
    if not sample or broker not in sample["standard_errors"]:
        return ""
    return explain.estimated(
        sample["pivots"], sample["stakeholders"], sample["standard_errors"][broker]
    )


def broker_findings(result: AnalysisResult) -> Iterator[Candidate]:
    for broker in result.brokers[:TOP_BROKERS]:
        if broker.betweenness < BROKER_THRESHOLD:
            break
        roles = []
        for attribute, counts in broker.roles.items():
            liaison = counts.get("liaison", 0) + counts.get("gatekeeper_representative", 0)
            if liaison:
                roles.append(f"{liaison} pairs across {attribute.replace('_', ' ')} lines")
        role_text = f"It brokers {listing(roles)}." if roles else ""
        label = result.label(broker.id)
        yield Candidate(
            "context",
            broker.betweenness,
            make_finding(
                "info",
                "broker",
                f"{label} {agree(label, result.kind(broker.id), 'is', 'are')} a key broker",
                explain.broker(
                    label,
                    broker.betweenness,
                    broker.constraint,
                    role_text,
                    result.kind(broker.id),
                    _estimate(result, broker.id),
                ),
                highlight=Highlight(nodes=(broker.id,)),
                numbers={
                    "betweenness": broker.betweenness,
                    "constraint": broker.constraint,
                    "effective_size": broker.effective_size,
                },
            ),
            "a stakeholder on many of the shortest routes between others",
        )
