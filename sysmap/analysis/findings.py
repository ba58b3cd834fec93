"""Findings: the ranked list a policy lead reads first, built from an AnalysisResult.

Each finding has a severity (``high`` problems, ``info`` context), a kind, a title, an
explanation with the numbers, the published measure behind it, the ids to highlight, and its
place in one ranking with the reason for it (:mod:`.ranking`): documented gaps first, then
the gaps the guidance names, then fragility, then context. Findings of one shape fold into
one; suggested links beyond the best few stay in the result's ``missing_links``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator

from sysmap.analysis import explain
from sysmap.analysis.analysis_result import AnalysisResult
from sysmap.analysis.citizen_findings import (
    isolate_findings,
    long_route_findings,
    part_findings,
    single_route_findings,
    unreachable_findings,
)
from sysmap.analysis.finding_kinds import SUGGESTIONS_SHOWN, make_finding
from sysmap.analysis.fragility_findings import (
    bridge_findings,
    broker_findings,
    local_bridge_findings,
    point_findings,
    weak_link_findings,
)
from sysmap.analysis.ranking import Candidate, rank
from sysmap.analysis.results import (
    Change,
    DetectedCommunity,
    Finding,
    GapResult,
    GroupRef,
    Highlight,
)
from sysmap.analysis.wording import decimal

Builder = Callable[[AnalysisResult], Iterable[Candidate]]
PURE, MIXED = 0.8, 0.6
"""Clusters this pure (share in their largest group) follow the groups; only clusters mixed
below ``MIXED`` cut across them."""
CLEAR_GAP = 0.1
"""A group gap with some ties ranks as a guidance gap when chance gives so few ties less often
than this (Poisson); otherwise it is context."""


def build_findings(result: AnalysisResult) -> tuple[Finding, ...]:
    """Rank every finding of an analysis, the key ones first (see :mod:`.ranking`)."""
    builders: tuple[Builder, ...] = (
        _known_gaps,
        weak_link_findings,
        part_findings,
        isolate_findings,
        unreachable_findings,
        _group_gaps,
        _silos,
        _brokers_needed,
        point_findings,
        single_route_findings,
        bridge_findings,
        _links,
        _mixing,
        _communities,
        local_bridge_findings,
        broker_findings,
        long_route_findings,
        _to_be,
    )
    return rank(candidate for builder in builders for candidate in builder(result))


def _known_gaps(result: AnalysisResult) -> Iterator[Candidate]:
    centrality = {b.id: b.betweenness for b in result.brokers}
    for gap in result.known_gaps:
        documented = bool(gap.evidence.strip())
        yield Candidate(
            "documented" if documented else "guidance",
            1000.0 + centrality.get(gap.source, 0.0) + centrality.get(gap.target, 0.0),
            make_finding(
                "high",
                "known_gap",
                f"Missing: {result.label(gap.source)} and {result.label(gap.target)}",
                gap.explanation,
                highlight=Highlight(nodes=(gap.source, gap.target), edges=(gap.relationship,)),
            ),
            "the map records this relationship as missing"
            + (", with evidence" if documented else ""),
        )


def _gap_class(gap: GapResult) -> tuple[float, str]:
    """How a group gap ranks among the guidance's gaps, and the words for why."""
    pair = {gap.a, gap.b}
    if gap.attribute == "sector" and "citizens" in pair and not gap.place:
        return 300.0, "citizens and a sector that serves them barely meet"
    if gap.attribute == "place_level":
        return 250.0, "a tier of government that barely meets the tier above it"
    if gap.place:
        return 200.0, "sectors in one place that do not talk"
    if gap.attribute == "place":
        return 150.0, "places at the same tier that do not work together"
    return 100.0, "groups the guidance says should talk share fewer ties than expected"


def _group_gaps(result: AnalysisResult) -> Iterator[Candidate]:
    for gap in result.group_gaps:
        base, reason = _gap_class(gap)
        # A shortfall chance could easily give is context, not a gap to act on.
        clear = gap.observed == 0 or gap.p_value < CLEAR_GAP
        if gap.observed == 0:
            severity = "high" if gap.expected >= 3 else "medium"
            title = f"{gap.a_label} and {gap.b_label} share no working relationship"
        else:
            severity = "medium" if gap.observed < 0.25 * gap.expected else "low"
            title = f"{gap.a_label} and {gap.b_label} barely work together"
        if gap.attribute == "place_level":
            title = title[:1] + title[1:].replace(gap.b_label, gap.b_label.lower(), 1)
        if gap.place:
            title = f"In {result.group_label('place', gap.place)}, {title}"
        groups = (
            GroupRef(gap.attribute, gap.a, gap.a_label),
            GroupRef(gap.attribute, gap.b, gap.b_label),
        )
        yield Candidate(
            "guidance" if clear else "context",
            base + (gap.expected - gap.observed),
            make_finding(
                severity,
                "group_gap",
                title,
                gap.explanation,
                highlight=Highlight(nodes=gap.members, groups=groups),
                numbers={
                    "observed": gap.observed,
                    "expected": gap.expected,
                    "p_value": gap.p_value,
                },
            ),
            f"{reason} ({gap.observed} ties where about {gap.expected:.1f} are expected)",
        )


def _silos(result: AnalysisResult) -> Iterator[Candidate]:
    for silo in result.silos:
        gap = silo.expected_ei - silo.ei_index
        yield Candidate(
            "guidance",
            50.0 + 10 * gap,
            make_finding(
                "high" if gap >= 0.5 and silo.p_value < 0.01 else "medium",
                "silo",
                f"{silo.label} is a silo",
                silo.explanation,
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
            ),
            "a group that keeps its ties to itself, beyond what chance would give",
        )


def _brokers_needed(result: AnalysisResult) -> Iterator[Candidate]:
    for needed in result.brokers_needed:
        a = result.group_label(needed.attribute, needed.a)
        b = result.group_label(needed.attribute, needed.b)
        yield Candidate(
            "guidance",
            20.0 + len(needed.side_a) + len(needed.side_b),
            make_finding(
                "medium",
                "broker_needed",
                f"Nobody links {a} and {b}: a new broker is needed",
                needed.explanation,
                highlight=Highlight(
                    nodes=(*needed.side_a, *needed.side_b),
                    groups=(
                        GroupRef(needed.attribute, needed.a, a),
                        GroupRef(needed.attribute, needed.b, b),
                    ),
                ),
            ),
            "a gap no existing contact can bridge",
        )


def _links(result: AnalysisResult) -> Iterator[Candidate]:
    total = len(result.missing_links)
    for position, link in enumerate(result.missing_links[:SUGGESTIONS_SHOWN]):
        yield Candidate(
            "context",
            10.0 + link.score - position * 1e-6,
            suggestion_finding(result, position),
            f"suggestion {position + 1} of {total}, ranked by its own evidence (resource "
            "allocation)",
        )


def suggestion_finding(result: AnalysisResult, position: int) -> Finding:
    """The finding for the suggested link at ``position`` in ``result.missing_links`` (the
    briefing and panel show the best few; the rest are a click away)."""
    link = result.missing_links[position]
    return make_finding(
        "medium" if position == 0 else "low",
        "suggested_link",
        f"Introduce {result.label(link.source)} to {result.label(link.target)}",
        link.explanation,
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
        rank_class="context",
        rank_reason=(
            f"Context: suggestion {position + 1} of {len(result.missing_links)}, ranked by "
            "its own evidence (resource allocation)."
        ),
    )


def _mixing(result: AnalysisResult) -> Iterator[Candidate]:
    for attribute, grouping in result.groups.items():
        if len(grouping.groups) < 2 or math.isnan(grouping.ei_index):
            continue
        if not grouping.ei_index < grouping.expected_ei:
            continue
        word = attribute.replace("_", " ")
        yield Candidate(
            "context",
            5.0 + grouping.expected_ei - grouping.ei_index,
            make_finding(
                "medium" if grouping.p_value < 0.05 else "low",
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
                + f" Assortativity {decimal(grouping.assortativity)}; modularity of the {word} "
                f"split {decimal(grouping.modularity)}.",
                numbers={
                    "ei_index": grouping.ei_index,
                    "expected_ei": grouping.expected_ei,
                    "p_value": grouping.p_value,
                    "assortativity": grouping.assortativity,
                    "modularity": grouping.modularity,
                },
            ),
            "how far the whole map's ties stay inside groups",
        )


def _communities(result: AnalysisResult) -> Iterator[Candidate]:
    communities = result.communities
    home = result.settings.get("home_place")
    for community in communities.detected:
        silo_of = [
            a
            for a in community.silo_of
            if not (a == "place" and community.dominant[a]["value"] == home)
        ]
        if not silo_of:
            continue
        tops = [community.dominant[a] for a in silo_of]
        shares = [(float(t["share"]), str(t["label"])) for t in tops]
        yield Candidate(
            "context",
            3.0 + len(community.members) * shares[0][0] / 100,
            make_finding(
                "medium",
                "silo_community",
                f"A working cluster of {len(community.members)} is mostly {shares[0][1]}",
                explain.silo_community(len(community.members), shares),
                highlight=Highlight(
                    nodes=community.members,
                    groups=tuple(
                        GroupRef(a, str(t["value"]), str(t["label"]))
                        for a, t in zip(silo_of, tops, strict=True)
                    ),
                ),
                numbers={"members": len(community.members), "share": shares[0][0]},
            ),
            "a working cluster made mostly of one group",
        )
    yield from _clusters_and_groups(result)


def _clusters_and_groups(result: AnalysisResult) -> Iterator[Candidate]:
    """Whether the working clusters follow the groups: said only where ties can show it."""
    communities = result.communities
    for attribute, scores in communities.comparison.items():
        nmi = scores["nmi"]
        grouping = result.groups.get(attribute)
        if grouping is None or math.isnan(nmi) or len(grouping.groups) < 2:
            continue
        clusters = [c for c in communities.detected if len(c.members) >= 2]
        if len(clusters) < 2 or result.map.ties == 0:
            continue
        purity = _purity(clusters, attribute)
        follows = nmi >= 0.5 or purity >= PURE
        if not follows and (grouping.internal == 0 or purity > MIXED):
            # Every tie crosses groups (a two-mode map, people × events), or the clusters are
            # mostly one group each even though they split the groups: no good news to tell.
            continue
        word = attribute.replace("_", " ")
        yield Candidate(
            "context",
            1.0 + nmi,
            make_finding(
                "low" if follows else "info",
                "communities",
                f"Working clusters {'follow' if follows else 'cut across'} {word} lines",
                explain.communities_follow(word, nmi),
                numbers={
                    "nmi": nmi,
                    "ari": scores["ari"],
                    "agreement_across_seeds": communities.agreement,
                },
            ),
            "how the working clusters the ties form compare with the groups",
        )


def _purity(clusters: list[DetectedCommunity], attribute: str) -> float:
    """The share of clustered stakeholders in their cluster's largest group."""
    total = sum(len(c.members) for c in clusters)
    inside = sum(
        len(c.members) * float(c.dominant[attribute]["share"])
        for c in clusters
        if attribute in c.dominant
    )
    return inside / total if total else float("nan")


STARTS_WITH_A_NAME = frozenset({"silo", "points_removed", "points_added"})
"""Changes whose sentence starts with a group's or stakeholder's name, kept as written."""


def _after_colon(change: Change) -> str:
    """The change's sentence to follow a colon: a common first word in lower case, a name
    ("Salford's E-I index", "Ministry of Justice would…") as it is."""
    text = change.explanation
    return text if change.kind in STARTS_WITH_A_NAME else text[:1].lower() + text[1:]


def _to_be(result: AnalysisResult) -> Iterator[Candidate]:
    if result.comparison is None:
        return
    for change in result.comparison.changes:
        yield Candidate(
            "context",
            0.0,
            make_finding(
                "info",
                "to_be",
                change.title,
                "If the proposed relationships are made: " + _after_colon(change),
                highlight=change.highlight,
                numbers={"before": change.before, "after": change.after},
            ),
            "what the proposed relationships would change",
        )
